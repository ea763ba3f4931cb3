//! How an indicator value is read from JSON: it needs only its `text`, from which the parsed
//! fields are recomputed; a given field the text contradicts is replaced, and noted.
//!
//! The fields are read straight into the model (`#[serde(deserialize_with)]` on the values and
//! on the `indicators` lists), with no intermediate `serde_json::Value` for the document. What
//! was given and contradicted is noted only while [`noting_differences`] runs (the JSON contract,
//! `read::json`, turns the notes into warnings); elsewhere it is dropped.

use std::cell::RefCell;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::value::IndicatorValue;

/// A given field of a value that says something else than its text.
#[derive(Debug, Clone)]
pub struct ValueDifference {
    /// The indicator's index in `indicators`.
    pub indicator: usize,
    /// `period_value` or `annual_value`.
    pub key: &'static str,
    /// The given field (`value`, `op`, …).
    pub field: String,
    /// What it said, as JSON.
    pub given: String,
    /// The value's text.
    pub text: String,
    /// What the text was read as: `kind=comparison op=>= value=18000 unit=家次`.
    pub parsed: String,
}

#[derive(Default)]
struct Notes {
    /// The indicator being read.
    indicator: usize,
    differences: Vec<ValueDifference>,
}

thread_local! {
    static NOTES: RefCell<Option<Notes>> = const { RefCell::new(None) };
}

/// Runs `read` (a deserialisation) and returns what it gave with the differences noted in the
/// values it read, in reading order.
pub fn noting_differences<T>(read: impl FnOnce() -> T) -> (T, Vec<ValueDifference>) {
    let outer = NOTES.with(|n| n.replace(Some(Notes::default())));
    let result = read();
    let notes = NOTES.with(|n| n.replace(outer)).unwrap_or_default();
    (result, notes.differences)
}

/// `indicators`: a list whose elements' values note their index.
pub(crate) fn indicators<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct List<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for List<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // The hint is the input's claim, not a promise: bounded.
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            loop {
                let index = out.len();
                NOTES.with(|n| {
                    if let Some(notes) = n.borrow_mut().as_mut() {
                        notes.indicator = index;
                    }
                });
                match seq.next_element()? {
                    Some(element) => out.push(element),
                    None => return Ok(out),
                }
            }
        }
    }
    d.deserialize_seq(List(std::marker::PhantomData))
}

/// `period_value`, read from its text.
pub(crate) fn period_value<'de, D: Deserializer<'de>>(d: D) -> Result<IndicatorValue, D::Error> {
    d.deserialize_any(GivenValue {
        key: "period_value",
    })
}

/// `annual_value`, read from its text.
pub(crate) fn annual_value<'de, D: Deserializer<'de>>(d: D) -> Result<IndicatorValue, D::Error> {
    d.deserialize_any(GivenValue {
        key: "annual_value",
    })
}

/// A value as given: its text (a string), or an object with its `text` and perhaps the fields
/// a reading of it had.
struct GivenValue {
    key: &'static str,
}

impl<'de> Visitor<'de> for GivenValue {
    type Value = IndicatorValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an indicator value: its text, or an object with its \"text\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<IndicatorValue, E> {
        Ok(crate::value::parse(text))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IndicatorValue, A::Error> {
        let noting = NOTES.with(|n| n.borrow().is_some());
        let mut text: Option<String> = None;
        let mut given: Vec<(String, Value)> = Vec::new();
        while let Some(field) = map.next_key::<String>()? {
            if field == "text" {
                if text.is_some() {
                    return Err(de::Error::duplicate_field("text"));
                }
                text = Some(map.next_value()?);
            } else if noting {
                given.push((field, map.next_value()?));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
        let parsed = crate::value::parse(&text);
        if !given.is_empty() {
            note_differences(self.key, &text, &parsed, &given);
        }
        Ok(parsed)
    }
}

/// Notes each given field that says something else than `parsed`, the reading of `text`.
fn note_differences(
    key: &'static str,
    text: &str,
    parsed: &IndicatorValue,
    given: &[(String, Value)],
) {
    // Usually the fields are what jixiao wrote for this text, in its order: equal as compact
    // JSON, and nothing to compare field by field.
    struct AsWritten<'a>(&'a str, &'a [(String, Value)]);
    impl serde::Serialize for AsWritten<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(Some(self.1.len() + 1))?;
            map.serialize_entry("text", self.0)?;
            for (field, value) in self.1 {
                map.serialize_entry(field, value)?;
            }
            map.end()
        }
    }
    let as_written = serde_json::to_vec(&AsWritten(text, given)).ok();
    if as_written.is_some() && as_written == serde_json::to_vec(parsed).ok() {
        return;
    }
    let Ok(Value::Object(recomputed)) = serde_json::to_value(parsed) else {
        return;
    };
    let mut differences = Vec::new();
    for (field, given_value) in given {
        let says = recomputed.get(field).unwrap_or(&Value::Null);
        if !same(given_value, says) {
            differences.push((field.clone(), given_value.to_string()));
        }
    }
    if differences.is_empty() {
        return;
    }
    let parsed = summary(&recomputed);
    NOTES.with(|n| {
        if let Some(notes) = n.borrow_mut().as_mut() {
            let indicator = notes.indicator;
            notes
                .differences
                .extend(
                    differences
                        .into_iter()
                        .map(|(field, given)| ValueDifference {
                            indicator,
                            key,
                            field,
                            given,
                            text: text.to_string(),
                            parsed: parsed.clone(),
                        }),
                );
        }
    });
}

/// Whether a given field says what the recomputed one says: equal JSON, or numbers equal as
/// decimals (`18000`, `"18000"`, `"18000.0"`), or an absent field given as null.
fn same(given: &Value, recomputed: &Value) -> bool {
    if given == recomputed {
        return true;
    }
    let decimal = |v: &Value| -> Option<rust_decimal::Decimal> {
        match v {
            Value::String(s) => s.parse().ok(),
            Value::Number(n) => n.to_string().parse().ok(),
            _ => None,
        }
    };
    match (decimal(given), decimal(recomputed)) {
        (Some(a), Some(b)) => a == b,
        _ => match (given, recomputed) {
            (Value::Object(a), Value::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
            }
            (Value::Array(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(v, w)| same(v, w))
            }
            _ => false,
        },
    }
}

/// `kind=comparison op=>= value=18000 unit=家次`: what the text was read as.
fn summary(recomputed: &Map<String, Value>) -> String {
    recomputed
        .iter()
        .filter(|(k, _)| k.as_str() != "text")
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={other}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
