//! How an indicator value is read from JSON: it needs only its `text`, from which the parsed
//! fields are recomputed; a given field the text contradicts is replaced, and noted.
//!
//! The fields are read straight into the model (`#[serde(deserialize_with)]` on the values and
//! on the `indicators` lists), with no intermediate `serde_json::Value` for the document. What
//! was given and contradicted is noted only while [`noting_differences`] runs (the JSON contract,
//! `read::json`, turns the notes into warnings); elsewhere it is dropped.

use std::cell::RefCell;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
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
        Ok(read_value(self.key, text, &[]))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IndicatorValue, A::Error> {
        let noting = NOTES.with(|n| n.borrow().is_some());
        let mut text: Option<String> = None;
        // Kept as their JSON text: usually it is what jixiao wrote, and is only compared.
        let mut given: Vec<(String, Box<RawValue>)> = Vec::new();
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
        Ok(read_value(self.key, &text, &given))
    }
}

/// The last value read on this thread that its given fields did not contradict: its text,
/// those fields as written, its reading. A form gives most values twice in a row (实施期 and
/// 年度 alike), and the second is this one again.
struct LastValue {
    text: String,
    written: Option<Vec<u8>>,
    parsed: IndicatorValue,
}

thread_local! {
    static LAST_VALUE: RefCell<Option<LastValue>> = const { RefCell::new(None) };
}

/// `text` read, and the `given` fields it contradicts noted. The reading is a function of the
/// text alone, and fields as jixiao wrote them contradict nothing, so a value equal to the last
/// uncontradicted one (text and fields byte for byte) is that one's reading.
fn read_value(key: &'static str, text: &str, given: &[(String, Box<RawValue>)]) -> IndicatorValue {
    let written = if given.is_empty() {
        None
    } else {
        as_written(text, given)
    };
    let again = LAST_VALUE.with(|last| {
        last.borrow()
            .as_ref()
            // (Fields that could not be written out are never taken for none given.)
            .filter(|_| written.is_some() || given.is_empty())
            .filter(|last| last.text == text && last.written == written)
            .map(|last| last.parsed.clone())
    });
    if let Some(parsed) = again {
        return parsed;
    }
    let parsed = crate::value::parse(text);
    // Usually the fields are what jixiao wrote for this text, in its order: the same bytes as
    // compact JSON, and nothing to compare field by field.
    let uncontradicted = match &written {
        None => given.is_empty(),
        Some(bytes) => serde_json::to_vec(&parsed).ok().as_ref() == Some(bytes),
    };
    if uncontradicted {
        LAST_VALUE.with(|last| {
            *last.borrow_mut() = Some(LastValue {
                text: text.to_string(),
                written,
                parsed: parsed.clone(),
            });
        });
    } else {
        note_differences(key, text, &parsed, given);
    }
    parsed
}

/// Notes each given field that says something else than `parsed`, the reading of `text`.
fn note_differences(
    key: &'static str,
    text: &str,
    parsed: &IndicatorValue,
    given: &[(String, Box<RawValue>)],
) {
    // Not as jixiao writes them (other spacing of numbers, escapes, order, or what they say):
    // compared as JSON values.
    let given: Vec<(&String, Value)> = given
        .iter()
        .map(|(field, raw)| {
            (
                field,
                serde_json::from_str(raw.get()).unwrap_or(Value::Null),
            )
        })
        .collect();
    let Ok(Value::Object(recomputed)) = serde_json::to_value(parsed) else {
        return;
    };
    let mut differences = Vec::new();
    for (field, given_value) in &given {
        let says = recomputed.get(field.as_str()).unwrap_or(&Value::Null);
        if !same(given_value, says) {
            differences.push((field.to_string(), given_value.to_string()));
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

/// `{"text":…, field: value, …}` as compact JSON: each given value's own text without the
/// whitespace between its tokens.
fn as_written(text: &str, given: &[(String, Box<RawValue>)]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(64 + text.len());
    out.extend_from_slice(b"{\"text\":");
    serde_json::to_writer(&mut out, text).ok()?;
    for (field, raw) in given {
        out.push(b',');
        serde_json::to_writer(&mut out, field).ok()?;
        out.push(b':');
        without_whitespace(raw.get().as_bytes(), &mut out);
    }
    out.push(b'}');
    Some(out)
}

/// A JSON text without the whitespace outside its strings.
fn without_whitespace(json: &[u8], out: &mut Vec<u8>) {
    let (mut in_string, mut escaped) = (false, false);
    for &b in json {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            continue;
        }
        out.push(b);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_goes_outside_strings_only() {
        let mut out = Vec::new();
        without_whitespace(
            b"{ \"a b\" :\n\t[ 1 , \"x \\\" y\\\\\" ,\r\n null ] }",
            &mut out,
        );
        assert_eq!(out, b"{\"a b\":[1,\"x \\\" y\\\\\",null]}");
    }

    /// The given fields as jixiao prints them (pretty) are the compact JSON of the reading, so
    /// the comparison field by field is skipped; another number spelling is not, and is left to it.
    #[test]
    fn fields_as_jixiao_wrote_them_are_seen_as_written() {
        for text in [
            "≥18000家次",
            "5%-8%",
            "约100家（以省下达通知为准）",
            "较上年提高",
            "\"引号\"\\",
        ] {
            let parsed = crate::value::parse(text);
            let Ok(Value::Object(fields)) = serde_json::to_value(&parsed) else {
                panic!("{text}: a value is an object");
            };
            let given: Vec<(String, Box<RawValue>)> = fields
                .iter()
                .filter(|(k, _)| k.as_str() != "text")
                .map(|(k, v)| {
                    let pretty = serde_json::to_string_pretty(v).expect("json");
                    (k.clone(), RawValue::from_string(pretty).expect("raw"))
                })
                .collect();
            assert_eq!(
                as_written(text, &given),
                serde_json::to_vec(&parsed).ok(),
                "{text}"
            );
        }
        let parsed = crate::value::parse("≥18000家次");
        let given = vec![(
            "value".to_string(),
            RawValue::from_string("18000.0".to_string()).expect("raw"),
        )];
        assert_ne!(
            as_written("≥18000家次", &given),
            serde_json::to_vec(&parsed).ok()
        );
    }

    /// A value read again right after itself is its reading again; a contradicted one is noted
    /// every time, also right after the same text read uncontradicted.
    #[test]
    fn a_value_again_reads_the_same_and_contradictions_are_noted_each_time() {
        let raw = |json: &str| RawValue::from_string(json.to_string()).expect("raw");
        let (read, notes) = noting_differences(|| {
            let plain = read_value("annual_value", "≥18000家次", &[]);
            let again = read_value("annual_value", "≥18000家次", &[]);
            let wrong = vec![("value".to_string(), raw("\"1800\""))];
            let first = read_value("annual_value", "≥18000家次", &wrong);
            let second = read_value("annual_value", "≥18000家次", &wrong);
            let other = read_value("annual_value", "5%-8%", &[]);
            [plain, again, first, second, other]
        });
        let expected = crate::value::parse("≥18000家次");
        assert!(read[..4].iter().all(|v| *v == expected), "{read:?}");
        assert_eq!(read[4], crate::value::parse("5%-8%"));
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes
            .iter()
            .all(|n| n.field == "value" && n.given == "\"1800\""));
    }
}
