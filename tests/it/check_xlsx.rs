//! `jixiao check` on a real spreadsheet: tests/data/broken.xlsx (see make_broken_xlsx.py) gives
//! each diagnostic at the cell that was broken, in both formats.
//!
//! Needs the importer (`read::open` on xlsx, on main) and the value parser (branch `value`: the
//! unit, rate and annual-beyond-period rules read the values' structure), neither of which is on
//! the `check` branch: once all three are merged, move this file to tests/check_xlsx.rs. It passes
//! on main + value + check as of 12:30 UTC.

use std::path::PathBuf;
use std::process::Command;

fn broken_xlsx() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/broken.xlsx")
        .display()
        .to_string()
}

/// (code, cell) for every diagnostic, in form order: the breaks of make_broken_xlsx.py, where a
/// rule points at a range (the budget figures, the funds column, the indicator table, a value pair).
const EXPECTED: [(&str, &str); 18] = [
    ("required.department", "B2:F2"),
    ("budget.total_mismatch", "E5:F6"),
    ("budget.missing_figure", "E6:F6"),
    ("tasks.funds_mismatch", "D12:D18"),
    ("tasks.missing_funds", "D13"),
    ("money.too_many_decimals", "D15"),
    ("money.negative", "D17"),
    ("required.level1", "B21:F54"),
    ("indicators.annual_beyond_period", "E21:F21"),
    ("indicators.empty_name", "D22"),
    ("indicators.duplicate_name", "D24"),
    ("indicators.sign_without_number", "F26"),
    ("indicators.rate_over_100", "E27"),
    ("indicators.rate_over_100", "F27"),
    ("indicators.empty_value", "F28"),
    ("indicators.unit_mismatch", "E29:F29"),
    ("framework.wrong_level1", "C40:C41"),
    ("framework.unknown_level2", "C54"),
];

#[test]
fn the_broken_workbook_shows_each_diagnostic_at_its_cell_as_json() {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "--format", "json", &broken_xlsx()])
        .output()
        .expect("the jixiao binary runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let found: Vec<(String, String)> = value["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            assert_eq!(d["sheet"], "Sheet1", "{d}");
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["cell"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = EXPECTED
        .iter()
        .map(|(c, a)| (c.to_string(), a.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn the_broken_workbook_shows_each_diagnostic_at_its_cell_for_people() {
    let file = broken_xlsx();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "--lang", "zh", &file])
        .output()
        .expect("the jixiao binary runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let located: Vec<&str> = text.lines().filter(|l| !l.starts_with("    ")).collect();
    assert_eq!(located.len(), EXPECTED.len() + 1, "{text}");
    for (line, (code, cell)) in located.iter().zip(EXPECTED) {
        let severity = if line.contains("错误[") {
            "错误"
        } else {
            "警告"
        };
        assert!(
            line.starts_with(&format!("{file}:Sheet1!{cell}: {severity}[{code}] ")),
            "{line}"
        );
    }
    assert_eq!(
        located[EXPECTED.len()],
        format!("{file}: 7 个错误，11 个警告")
    );
    assert!(text.contains(
        "收入来源合计 218,600.00 万元 与 部门预算支出合计 218,602.50 万元 不一致，相差 2.50 万元"
    ));
}
