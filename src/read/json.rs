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

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{Imported, Kind};
use crate::error::{Error, Result};
use crate::model::{CellRef, DocumentKind, Form, Provenance, FORMAT};
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
    let json: Value = serde_json::from_slice(bytes).map_err(|e| {
        // serde_json ends its message with " at line L column C"; say where first.
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        t!(
            "read.json_syntax",
            line = e.line(),
            column = e.column(),
            detail = message
        )
    })?;
    let mut object = match json {
        Value::Object(object) => object,
        Value::Array(_) => return Err(t!("read.json_array", format = FORMAT)),
        other => {
            return Err(t!(
                "read.json_not_object",
                found = type_name(&other),
                format = FORMAT
            ))
        }
    };
    let cells = take_cells(&mut object)?;
    match object.get("format") {
        None => return Err(t!("read.json_no_format", format = FORMAT)),
        Some(Value::String(found)) if found == FORMAT => {}
        Some(Value::String(found)) if DocumentKind::from_format(found).is_some() => {
            let other = DocumentKind::from_format(found).unwrap_or(DocumentKind::Department);
            return Err(t!(
                "read.other_kind",
                title = other.title(),
                format = other.format()
            ));
        }
        Some(found) => return Err(t!("read.json_format", found = found, format = FORMAT)),
    }
    if let Some(kind) = object.get("kind") {
        match kind.as_str().and_then(DocumentKind::from_name) {
            Some(DocumentKind::Department) => {
                // Redundant with the format; not a field of the form.
                object.remove("kind");
            }
            Some(other) => {
                return Err(t!(
                    "read.other_kind",
                    title = other.title(),
                    format = other.format()
                ))
            }
            None => {
                let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name()).collect();
                return Err(t!("read.json_kind", found = kind, kinds = names.join(", ")));
            }
        }
    }
    if let Some(unit) = object.get("budget").and_then(|b| b.get("unit")) {
        if !unit.as_str().is_some_and(|u| MONEY_UNITS.contains(&u)) {
            return Err(t!("read.json_unit", found = unit));
        }
    }
    let warnings = recompute_values(&mut object);
    let form: Form = serde_path_to_error::deserialize(Value::Object(object)).map_err(|e| {
        let at = e.path().to_string();
        let detail = e.into_inner().to_string();
        let message = if at == "." {
            detail
        } else {
            t!("read.json_at", path = at, detail = detail)
        };
        match line_of(bytes, &at) {
            Some((line, column)) => t!(
                "read.json_syntax",
                line = line,
                column = column,
                detail = message
            ),
            None => message,
        }
    })?;
    Ok((form, cells, warnings))
}

/// Where in the text the field at `path` is refused, when reading the text itself fails at the
/// same path (it usually does; the values' recomputation and "cells" may make it fail elsewhere).
fn line_of(bytes: &[u8], path: &str) -> Option<(usize, usize)> {
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, Form>(&mut reader) {
        Err(e) if e.path().to_string() == path && e.inner().line() > 0 => {
            Some((e.inner().line(), e.inner().column()))
        }
        _ => None,
    }
}

fn take_cells(object: &mut Map<String, Value>) -> std::result::Result<Provenance, String> {
    let mut cells = Provenance::new();
    let Some(found) = object.remove("cells") else {
        return Ok(cells);
    };
    let Value::Object(found) = found else {
        return Err(t!("read.json_cells"));
    };
    for (field, cell) in found {
        let parsed = match &cell {
            Value::String(text) => CellRef::parse(text),
            other => serde_json::from_value::<CellRef>(other.clone()).ok(),
        };
        let parsed = parsed.ok_or_else(|| t!("read.json_cell", field = field, cell = cell))?;
        cells.insert(field, parsed);
    }
    Ok(cells)
}

/// Replaces every indicator value by the reading of its text; the warnings for given fields the
/// text contradicts.
pub(crate) fn recompute_values(object: &mut Map<String, Value>) -> Vec<String> {
    let mut warnings = Vec::new();
    let Some(Value::Array(indicators)) = object.get_mut("indicators") else {
        return warnings;
    };
    for (i, indicator) in indicators.iter_mut().enumerate() {
        let Value::Object(indicator) = indicator else {
            continue;
        };
        for key in ["period_value", "annual_value"] {
            let Some(value) = indicator.get_mut(key) else {
                continue;
            };
            let given = match value {
                Value::String(text) => {
                    Map::from_iter([("text".to_string(), Value::String(text.clone()))])
                }
                Value::Object(given) => given.clone(),
                _ => continue, // serde names the path and the type expected
            };
            let Some(Value::String(text)) = given.get("text") else {
                continue; // serde says the text is missing, with the path
            };
            let parsed = crate::value::parse(text);
            let Ok(Value::Object(recomputed)) = serde_json::to_value(&parsed) else {
                continue;
            };
            for (field, given_value) in &given {
                if field == "text" {
                    continue;
                }
                let says = recomputed.get(field).unwrap_or(&Value::Null);
                if !same(given_value, says) {
                    warnings.push(t!(
                        "read.json_value_differs",
                        path = format!("indicators[{i}].{key}"),
                        field = field,
                        given = given_value,
                        text = text,
                        parsed = summary(&recomputed)
                    ));
                }
            }
            *value = Value::Object(recomputed);
        }
    }
    warnings
}

/// Whether a given field says what the recomputed one says: equal JSON, or numbers equal as
/// decimals (`18000`, `"18000"`, `"18000.0"`), or an absent field given as null.
fn same(given: &Value, recomputed: &Value) -> bool {
    if given == recomputed {
        return true;
    }
    let decimal = |v: &Value| -> Option<Decimal> {
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

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests;
