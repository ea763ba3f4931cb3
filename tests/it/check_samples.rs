//! Every clean sample passes `jixiao check` (warnings allowed, no errors): exit 0.

use std::path::Path;
use std::process::Command;

#[test]
fn every_clean_sample_passes_the_check() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<String> = std::fs::read_dir(&samples)
        .expect("samples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("xlsx" | "xls" | "ods")
            )
        })
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("check")
        .args(&files)
        .args(["--format", "json"])
        .output()
        .expect("run jixiao check");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    for file in report["files"].as_array().expect("files") {
        let errors: Vec<&serde_json::Value> = file["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file["file"]);
    }
    assert_eq!(out.status.code(), Some(0));
}
