//! The JSON Schemas (draft 2020-12) of the contracts, one per kind, as `jixiao schema` prints
//! them. Written by hand in `templates/*.schema.json` so that each says exactly what its
//! contract promises (decimal strings, the value kinds and their fields); the tests validate
//! every sample of each kind against its schema.

use crate::model::DocumentKind;

/// The department form's schema (`jixiao/form@1`).
pub const FORM_SCHEMA: &str = include_str!("../templates/form.schema.json");

/// The project form's schema (`jixiao/project-form@1`).
pub const PROJECT_FORM_SCHEMA: &str = include_str!("../templates/project-form.schema.json");

/// The self-evaluation's schema (`jixiao/self-evaluation@1`).
pub const SELF_EVALUATION_SCHEMA: &str = include_str!("../templates/self-evaluation.schema.json");

/// The schema of `kind`.
pub fn schema(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Department => FORM_SCHEMA,
        DocumentKind::Project => PROJECT_FORM_SCHEMA,
        DocumentKind::SelfEvaluation => SELF_EVALUATION_SCHEMA,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_valid_json_with_its_contract_tag() {
        for kind in DocumentKind::ALL {
            let schema: serde_json::Value =
                serde_json::from_str(schema(kind)).expect("schema parses");
            assert_eq!(schema["properties"]["format"]["const"], kind.format());
        }
    }
}
