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
