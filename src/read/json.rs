//! The JSON contract on input: strict about what a document is, forgiving about what a value
//! needs.
//!
//! - A document must be one object with `"format": "jixiao/form@1"`; an array, another format
//!   or an unknown form kind is refused with the JSON path of the problem, as is any field
//!   serde refuses (`indicators[3].annual_value: missing field text`).
//! - An indicator value needs only its `text` (or may be the text itself, a string): the parsed
//!   fields are recomputed from it. A parsed field that is given and says something else than
//!   the text is replaced, and a warning says so — the text is what the department wrote.
//! - `budget.unit` is `万元` or `元`, kept as given.
//! - A UTF-8 byte-order mark (Windows editors write one) is ignored.
//! - The optional `"cells"` object that `jixiao import --cells` adds (field path →
//!   `"Sheet1!E23"`) is taken as the provenance.

use std::path::Path;

use serde::de::{
    self, DeserializeSeed, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::{Imported, Kind};
use crate::error::{Error, Result};
use crate::model::{
    CellRef, Document, DocumentKind, FieldPath, Form, ProjectForm, Provenance, SelfEvaluation,
    FORMAT,
};
use crate::t;

/// The money units `budget.unit` may hold.
pub const MONEY_UNITS: [&str; 2] = ["万元", "元"];

/// Reads the bytes of `path` as a `jixiao/form@1` document.
pub(super) fn open_bytes(path: &Path, bytes: &[u8]) -> Result<Imported> {
    let (form, cells, warnings) = parse(bytes).map_err(|message| {
        Error::not_the_form(
            path,
            t!("read.json_not_form", format = FORMAT, detail = message),
        )
    })?;
    Ok(Imported {
        form,
        cells,
        sheet: None,
        kind: Kind::Json,
        template_id: None,
        warnings,
    })
}

/// The form, its cells and the warnings of a document, or why it is not one (in the current
/// language, with the JSON path).
pub fn parse(bytes: &[u8]) -> std::result::Result<(Form, Provenance, Vec<String>), String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let top = top(bytes).map_err(|e| syntax(&e))?;
    department(bytes, top)
}

/// Why a JSON file is not one document ([`read_document`]).
#[derive(Debug)]
pub enum DocumentError {
    /// Not JSON: the message, with the line and column.
    Syntax(String),
    /// An array of this many elements, where one document is expected.
    Array(usize),
    /// The `format` tag (`None`: absent or not a string) is none of the kinds'.
    Format(Option<String>),
    /// A department form that breaks the contract: why, with the JSON path.
    Department(String),
    /// Another kind's document that does not read: why, with the JSON path.
    Invalid(String),
}

/// One document of any kind, and the warnings of its values (see the module's documentation);
/// a byte-order mark is ignored.
pub fn read_document(bytes: &[u8]) -> std::result::Result<(Document, Vec<String>), DocumentError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let top = top(bytes).map_err(|e| DocumentError::Syntax(syntax(&e)))?;
    let format = match &top {
        Top::Array(items) => return Err(DocumentError::Array(items.len())),
        Top::Object(header) => header.format(),
        Top::Other(_) => None,
    };
    match format.as_deref().and_then(DocumentKind::from_format) {
        None => Err(DocumentError::Format(format)),
        Some(DocumentKind::Department) => department(bytes, top)
            .map(|(form, _, warnings)| (Document::Department(form), warnings))
            .map_err(DocumentError::Department),
        Some(kind) => other_kind(bytes, kind, None).map_err(DocumentError::Invalid),
    }
}

/// A project form or a self-evaluation (`kind`), read straight into the model; `item` is its
/// index in an array of documents.
pub(super) fn other_kind(
    bytes: &[u8],
    kind: DocumentKind,
    item: Option<usize>,
) -> std::result::Result<(Document, Vec<String>), String> {
    match kind {
        DocumentKind::Department => typed::<Form>(bytes, &["cells", "kind"], item)
            .map(|(form, warnings)| (Document::Department(form), warnings)),
        DocumentKind::Project => typed::<ProjectForm>(bytes, &["cells"], item)
            .map(|(form, warnings)| (Document::Project(form), warnings)),
        DocumentKind::SelfEvaluation => typed::<SelfEvaluation>(bytes, &["cells"], item)
            .map(|(form, warnings)| (Document::SelfEvaluation(form), warnings)),
    }
}

/// A serde_json error as `line L, column C: …` (serde_json ends its message with " at line L
/// column C"; say where first).
fn syntax(e: &serde_json::Error) -> String {
    t!(
        "read.json_syntax",
        line = e.line(),
        column = e.column(),
        detail = without_position(e)
    )
}

/// serde_json's message without its trailing " at line L column C".
fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rsplit_once(" at line ") {
        Some((m, _)) if e.line() > 0 => m.to_string(),
        _ => message,
    }
}

/// The department form of a document whose top level is `top`.
pub(super) fn department(
    bytes: &[u8],
    top: Top<'_>,
) -> std::result::Result<(Form, Provenance, Vec<String>), String> {
    let header = match top {
        Top::Object(header) => header,
        Top::Array(_) => return Err(t!("read.json_array", format = FORMAT)),
        Top::Other(found) => {
            return Err(t!("read.json_not_object", found = found, format = FORMAT))
        }
    };
    let cells = match header.cells {
        None => Provenance::new(),
        Some(raw) => cells(raw).map_err(|e| e.message())?,
    };
    match header.format.map(|raw| (raw, string(raw))) {
        None => return Err(t!("read.json_no_format", format = FORMAT)),
        Some((_, Some(found))) if found == FORMAT => {}
        Some((_, Some(found))) if DocumentKind::from_format(&found).is_some() => {
            let other = DocumentKind::from_format(&found).unwrap_or(DocumentKind::Department);
            return Err(t!(
                "read.other_kind",
                title = other.title(),
                format = other.format()
            ));
        }
        Some((raw, _)) => return Err(t!("read.json_format", found = raw.get(), format = FORMAT)),
    }
    if let Some(kind) = header.kind {
        match string(kind).as_deref().and_then(DocumentKind::from_name) {
            // Redundant with the format; not a field of the form (skipped when reading it).
            Some(DocumentKind::Department) => {}
            Some(other) => {
                return Err(t!(
                    "read.other_kind",
                    title = other.title(),
                    format = other.format()
                ))
            }
            None => {
                let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
                return Err(t!(
                    "read.json_kind",
                    found = kind.get(),
                    kinds = names.join(", ")
                ));
            }
        }
    }
    if let Some(unit) = header.budget.and_then(budget_unit) {
        if !string(unit).is_some_and(|u| MONEY_UNITS.contains(&u.as_str())) {
            return Err(t!("read.json_unit", found = unit.get()));
        }
    }
    let (form, warnings) = typed::<Form>(bytes, &["cells", "kind"], None)?;
    Ok((form, cells, warnings))
}

/// A refusal of the typed reading: `line L, column C: at indicators[3].annual_value: …`, the
/// path prefixed by `[i].` for the i-th document of an array.
fn located(e: &serde_path_to_error::Error<serde_json::Error>, item: Option<usize>) -> String {
    let at = e.path().to_string();
    let inner = e.inner();
    let detail = without_position(inner);
    let message = match (at.as_str(), item) {
        (".", None) => detail,
        (".", Some(i)) => t!("read.json_at", path = format!("[{i}]"), detail = detail),
        (_, None) => t!("read.json_at", path = at, detail = detail),
        (_, Some(i)) => t!(
            "read.json_at",
            path = format!("[{i}].{at}"),
            detail = detail
        ),
    };
    // Within an array the reader saw the element alone: its lines are not the file's.
    if inner.line() > 0 && item.is_none() {
        t!(
            "read.json_syntax",
            line = inner.line(),
            column = inner.column(),
            detail = message
        )
    } else {
        message
    }
}

/// Reads `bytes` as a `T` in one pass, straight into the model, skipping the top-level keys
/// `hidden` (checked beforehand, not fields of the model); the warnings for the values' given
/// fields their text contradicts. Errors as [`located`] gives them.
pub(super) fn typed<'de, T: Deserialize<'de>>(
    bytes: &'de [u8],
    hidden: &'static [&'static str],
    item: Option<usize>,
) -> std::result::Result<(T, Vec<String>), String> {
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let (read, differences) = crate::model::given::noting_differences(|| {
        serde_path_to_error::deserialize(HideKeys {
            inner: &mut reader,
            hidden,
        })
    });
    let value = read.map_err(|e| located(&e, item))?;
    // Trailing characters after the document are an error, as for serde_json::from_slice.
    reader.end().map_err(|e| syntax(&e))?;
    let warnings = differences
        .into_iter()
        .map(|d| {
            t!(
                "read.json_value_differs",
                path = FieldPath::indicator(d.indicator, d.key).to_string(),
                field = d.field,
                given = d.given,
                text = d.text,
                parsed = d.parsed
            )
        })
        .collect();
    Ok((value, warnings))
}

/// The top level of a JSON document, read without building it: what the contract checks
/// before reading the document into the model.
pub(super) enum Top<'a> {
    /// An object: its checked keys, as written.
    Object(Header<'a>),
    /// An array: its elements, as written.
    Array(Vec<&'a RawValue>),
    /// Anything else: what it is (`a string`).
    Other(&'static str),
}

/// The keys of a document the contract checks before reading it, each as written.
#[derive(Default)]
pub(super) struct Header<'a> {
    pub format: Option<&'a RawValue>,
    pub kind: Option<&'a RawValue>,
    pub cells: Option<&'a RawValue>,
    pub budget: Option<&'a RawValue>,
}

impl Header<'_> {
    /// The `format` tag, when it is a string.
    pub fn format(&self) -> Option<String> {
        self.format.and_then(string)
    }
}

/// Reads the top level of `bytes` (a syntax error anywhere in the document is an error here).
pub(super) fn top(bytes: &[u8]) -> serde_json::Result<Top<'_>> {
    serde_json::from_slice(bytes)
}

impl<'de> Deserialize<'de> for Top<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Top<'de>, D::Error> {
        struct TopVisitor;
        impl<'de> Visitor<'de> for TopVisitor {
            type Value = Top<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON document")
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Top<'de>, E> {
                Ok(Top::Other("a boolean"))
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Top<'de>, E> {
                Ok(Top::Other("a number"))
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<Top<'de>, E> {
                Ok(Top::Other("a number"))
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Top<'de>, E> {
                Ok(Top::Other("a number"))
            }
            fn visit_str<E>(self, _: &str) -> std::result::Result<Top<'de>, E> {
                Ok(Top::Other("a string"))
            }
            fn visit_unit<E>(self) -> std::result::Result<Top<'de>, E> {
                Ok(Top::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Top<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Top::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Top<'de>, A::Error> {
                let mut header = Header::default();
                while let Some(key) = map.next_key::<TopKey>()? {
                    let slot = match key {
                        TopKey::Format => &mut header.format,
                        TopKey::Kind => &mut header.kind,
                        TopKey::Cells => &mut header.cells,
                        TopKey::Budget => &mut header.budget,
                        TopKey::Other => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    // A repeated key: the last one counts (the typed reading refuses it).
                    *slot = Some(map.next_value()?);
                }
                Ok(Top::Object(header))
            }
        }
        d.deserialize_any(TopVisitor)
    }
}

/// A top-level key the contract checks, or another.
enum TopKey {
    Format,
    Kind,
    Cells,
    Budget,
    Other,
}

impl<'de> Deserialize<'de> for TopKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<TopKey, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = TopKey;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, key: &str) -> std::result::Result<TopKey, E> {
                Ok(match key {
                    "format" => TopKey::Format,
                    "kind" => TopKey::Kind,
                    "cells" => TopKey::Cells,
                    "budget" => TopKey::Budget,
                    _ => TopKey::Other,
                })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// The text of a JSON string, or `None` for anything else.
pub(super) fn string(raw: &RawValue) -> Option<String> {
    serde_json::from_str(raw.get()).ok()
}

/// `budget.unit` as written, when `budget` is an object that has one.
fn budget_unit(budget: &RawValue) -> Option<&RawValue> {
    #[derive(Deserialize)]
    struct Unit<'a> {
        #[serde(borrow)]
        unit: Option<&'a RawValue>,
    }
    serde_json::from_str::<Unit>(budget.get()).ok()?.unit
}

/// Why a `"cells"` object is refused.
pub(super) enum CellsError {
    /// It is not an object.
    NotObject,
    /// `field`'s cell (as written) is not one.
    NotACell { field: String, cell: String },
}

impl CellsError {
    /// Why, in the current language.
    pub fn message(&self) -> String {
        match self {
            CellsError::NotObject => t!("read.json_cells"),
            CellsError::NotACell { field, cell } => {
                t!("read.json_cell", field = field, cell = cell)
            }
        }
    }
}

/// The `"cells"` object that `jixiao import --cells` adds: field path → `"Sheet1!E23"` (or the
/// `{"sheet", "cell"}` object).
pub(super) fn cells(raw: &RawValue) -> std::result::Result<Provenance, CellsError> {
    let entries: Vec<(String, &RawValue)> = match serde_json::from_str::<Entries>(raw.get()) {
        Ok(Entries(entries)) => entries,
        Err(_) => return Err(CellsError::NotObject),
    };
    let mut cells = Provenance::new();
    for (field, cell) in entries {
        let parsed = match string(cell) {
            Some(text) => CellRef::parse(&text),
            None => serde_json::from_str::<CellRef>(cell.get()).ok(),
        };
        let Some(parsed) = parsed else {
            return Err(CellsError::NotACell {
                field,
                cell: cell.get().to_string(),
            });
        };
        cells.insert(field, parsed);
    }
    Ok(cells)
}

/// An object's entries, each value as written.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Entries<'de>, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Entries<'de>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(EntriesVisitor)
    }
}

/// A deserializer that reads its top-level object without the keys `hidden` (which the
/// contract checks itself), so that the model's `deny_unknown_fields` refuses everything else.
struct HideKeys<D> {
    inner: D,
    hidden: &'static [&'static str],
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for HideKeys<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, D::Error> {
        self.inner.deserialize_any(HideVisitor {
            inner: visitor,
            hidden: self.hidden,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> std::result::Result<V::Value, D::Error> {
        self.inner.deserialize_struct(
            name,
            fields,
            HideVisitor {
                inner: visitor,
                hidden: self.hidden,
            },
        )
    }

    fn deserialize_map<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> std::result::Result<V::Value, D::Error> {
        self.inner.deserialize_map(HideVisitor {
            inner: visitor,
            hidden: self.hidden,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct enum identifier
        ignored_any
    }
}

struct HideVisitor<V> {
    inner: V,
    hidden: &'static [&'static str],
}

impl<'de, V: Visitor<'de>> Visitor<'de> for HideVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<V::Value, A::Error> {
        self.inner.visit_map(HideMap {
            inner: map,
            hidden: self.hidden,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<V::Value, A::Error> {
        self.inner.visit_seq(seq)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<V::Value, E> {
        self.inner.visit_bool(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<V::Value, E> {
        self.inner.visit_i64(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<V::Value, E> {
        self.inner.visit_u64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<V::Value, E> {
        self.inner.visit_f64(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<V::Value, E> {
        self.inner.visit_str(v)
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<V::Value, E> {
        self.inner.visit_unit()
    }
}

struct HideMap<A> {
    inner: A,
    hidden: &'static [&'static str],
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for HideMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> std::result::Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.inner.next_key::<String>()? else {
                return Ok(None);
            };
            if self.hidden.contains(&key.as_str()) {
                self.inner.next_value::<IgnoredAny>()?;
                continue;
            }
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> std::result::Result<S::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests;
