//! The JSON Schema (draft 2020-12) of the `jixiao/form@1` contract, as `jixiao schema` prints
//! it. Written by hand in `templates/form.schema.json` so that it says exactly what the
//! contract promises (decimal strings, the value kinds and their fields); the tests validate
//! every sample's JSON against it.

/// The schema's text.
pub const FORM_SCHEMA: &str = include_str!("../templates/form.schema.json");

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_is_valid_json_with_the_contract_tag() {
        let schema: serde_json::Value =
            serde_json::from_str(super::FORM_SCHEMA).expect("schema parses");
        assert_eq!(schema["properties"]["format"]["const"], "jixiao/form@1");
    }
}
