//! Serde helpers for exact money: a [`Decimal`](rust_decimal::Decimal) as a JSON string that
//! keeps the scale the form showed (`"0.00"` stays `"0.00"`).
//!
//! A leaf module, so that the model and the value notation can both use it without depending
//! on each other.

/// `text` as an exact decimal, or why not: a number with more digits than a `Decimal` keeps
/// (28 significant) is refused rather than rounded (`0.0…01` with 31 places would otherwise
/// become `0`).
fn exact_decimal(text: &str) -> Result<rust_decimal::Decimal, String> {
    let value = text
        .parse::<rust_decimal::Decimal>()
        .map_err(|e| format!("not a decimal number {text:?}: {e}"))?;
    // The digits that matter, without sign, leading zeros or trailing fractional zeros.
    let digits = |t: &str| -> (bool, String) {
        let t = t.trim_start_matches('+');
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let (int, frac) = t.split_once('.').unwrap_or((t, ""));
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let shown = if frac.is_empty() {
            int.to_string()
        } else {
            format!("{int}.{frac}")
        };
        (negative && !shown.is_empty(), shown)
    };
    if digits(text) != digits(&value.to_string()) {
        return Err(format!(
            "{text:?} has more digits than can be kept exactly (28 significant digits at most)"
        ));
    }
    Ok(value)
}

/// `Option<Decimal>` as a JSON string or null, keeping the scale (`"0.00"`).
pub(crate) mod opt_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        match text {
            None => Ok(None),
            Some(t) => super::exact_decimal(&t)
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// `Decimal` as a JSON string, keeping the scale.
pub(crate) mod str_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        super::exact_decimal(&text).map_err(serde::de::Error::custom)
    }
}
