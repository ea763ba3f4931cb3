//! `jixiao schema` validates what `jixiao import` writes, and rejects what the contract forbids.

use std::path::Path;

use jixiao::read::{open, ImportOptions};

fn validator() -> jsonschema::Validator {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("schema")
        .output()
        .expect("run jixiao schema");
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn errors(validator: &jsonschema::Validator, json: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(json)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

#[test]
fn every_sample_validates() {
    let validator = validator();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&samples).expect("samples/") {
        let path = entry.expect("entry").path();
        let is_workbook = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("xlsx" | "xls" | "ods")
        );
        if !path.is_file() || !is_workbook {
            continue;
        }
        let imported = open(&path, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut json = serde_json::to_value(&imported.form).expect("json");
        let cells: serde_json::Map<_, _> = imported
            .cells
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string().into()))
            .collect();
        json["cells"] = cells.into();
        let found = errors(&validator, &json);
        assert!(found.is_empty(), "{}: {found:?}", path.display());
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} samples checked");
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let validator = validator();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/seed-legacy.xlsx");
    let form = open(&path, &ImportOptions::default()).expect("seed").form;
    let good = serde_json::to_value(&form).expect("json");
    assert!(errors(&validator, &good).is_empty());

    let mut money_as_number = good.clone();
    money_as_number["budget"]["basic_expenditure"] = serde_json::json!(14737.75);
    assert!(!errors(&validator, &money_as_number).is_empty());

    let mut unknown_kind = good.clone();
    unknown_kind["indicators"][0]["annual_value"] =
        serde_json::json!({"text": "x", "kind": "guess"});
    assert!(!errors(&validator, &unknown_kind).is_empty());

    let mut comparison_without_op = good.clone();
    comparison_without_op["indicators"][0]["annual_value"] =
        serde_json::json!({"text": "≥1个", "kind": "comparison", "value": "1", "unit": "个"});
    assert!(!errors(&validator, &comparison_without_op).is_empty());

    let mut extra_field = good;
    extra_field["surprise"] = serde_json::json!(1);
    assert!(!errors(&validator, &extra_field).is_empty());
}

fn validator_of(kind: &str) -> jsonschema::Validator {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["schema", "--kind", kind])
        .output()
        .expect("run jixiao schema --kind");
    assert_eq!(out.status.code(), Some(0), "{kind}");
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn every_document_of_every_kind_validates_against_its_kind_schema() {
    use jixiao::model::DocumentKind;
    let validators: Vec<(DocumentKind, jsonschema::Validator)> = DocumentKind::ALL
        .into_iter()
        .map(|k| (k, validator_of(k.name())))
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = std::collections::BTreeMap::new();
    for folder in ["samples", "tests/data/realworld"] {
        for entry in std::fs::read_dir(root.join(folder)).expect("folder") {
            let path = entry.expect("entry").path();
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("xlsx" | "xls" | "ods")
            ) {
                continue;
            }
            let documents = jixiao::read::open_documents(&path, &ImportOptions::default())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for imported in documents {
                let kind = imported.document.kind();
                let mut json = serde_json::to_value(&imported.document).expect("json");
                let cells: serde_json::Map<_, _> = imported
                    .cells
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string().into()))
                    .collect();
                json["cells"] = cells.into();
                let (_, validator) = validators
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .expect("a validator per kind");
                let found = errors(validator, &json);
                assert!(found.is_empty(), "{} ({kind}): {found:?}", path.display());
                *checked.entry(kind).or_insert(0) += 1;
            }
        }
    }
    for kind in DocumentKind::ALL {
        assert!(
            checked.get(&kind).copied().unwrap_or(0) >= 1,
            "no {kind} sample: {checked:?}"
        );
    }
    // A project form's schema refuses a department form and the other way round.
    let project = validators
        .iter()
        .find(|(k, _)| *k == DocumentKind::Project)
        .map(|(_, v)| v)
        .expect("project validator");
    let department = serde_json::to_value(jixiao::Form::default()).expect("json");
    assert!(!errors(project, &department).is_empty());
}
