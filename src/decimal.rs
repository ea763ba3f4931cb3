//! Serde helpers for exact money: a [`Decimal`](rust_decimal::Decimal) as a JSON string that
//! keeps the scale the form showed (`"0.00"` stays `"0.00"`).
//!
//! A leaf module, so that the model and the value notation can both use it without depending
//! on each other.

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
            Some(t) => t
                .parse::<Decimal>()
                .map(Some)
                .map_err(|e| serde::de::Error::custom(format!("not a decimal number {t:?}: {e}"))),
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
        text.parse::<Decimal>()
            .map_err(|e| serde::de::Error::custom(format!("not a decimal number {text:?}: {e}")))
    }
}
