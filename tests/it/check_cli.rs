//! `jixiao check` end to end: both output formats and the exit codes 0, 1 and 3.

use crate::common::jixiao;

use std::path::PathBuf;
use std::process::Output;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .display()
        .to_string()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(out)))
}

#[test]
fn the_seed_passes_with_its_one_warning() {
    let seed = data("seed.json");
    let out = jixiao(&["check", "--lang", "zh", &seed]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert_eq!(
        text,
        format!(
            "{seed}:indicators: 警告[required.level1] 绩效指标中没有一级指标「满意度指标」\n    \
             建议：按传统指标体系，一级指标应有：产出指标、效益指标、满意度指标\n\
             {seed}: 0 个错误，1 个警告\n"
        )
    );
    // Not a terminal: no color.
    assert!(!text.contains('\x1b'));
}

#[test]
fn the_seed_as_json_has_one_warning_without_a_cell() {
    let out = jixiao(&[
        "check",
        "--lang",
        "zh",
        "--format",
        "json",
        &data("seed.json"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let value = json(&out);
    let files = value["files"].as_array().expect("files");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["file"], data("seed.json"));
    let diagnostics = files[0]["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["severity"], "warning");
    assert_eq!(diagnostics[0]["code"], "required.level1");
    assert_eq!(
        diagnostics[0]["message"],
        "绩效指标中没有一级指标「满意度指标」"
    );
    assert_eq!(diagnostics[0]["sheet"], serde_json::Value::Null);
    assert_eq!(diagnostics[0]["cell"], serde_json::Value::Null);
}

#[test]
fn the_broken_form_fails_and_shows_each_finding_at_its_cell() {
    let broken = data("broken.json");
    let out = jixiao(&["check", "--lang", "zh", &broken]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for line in [
        format!("{broken}:Sheet1!B4: 错误[required.department] 「部门名称」为空"),
        format!(
            "{broken}:Sheet1!E7:E8: 错误[budget.total_mismatch] 收入来源合计 218,600.00 万元 与 \
             部门预算支出合计 218,602.50 万元 不一致，相差 2.50 万元"
        ),
        format!("{broken}:Sheet1!D18: 错误[money.negative] "),
        format!("{broken}:Sheet1!F33: 错误[indicators.sign_without_number] "),
        format!("{broken}:Sheet1!C37: 错误[framework.wrong_level1] "),
        format!("{broken}:Sheet1!C36: 警告[framework.unknown_level2] "),
        format!("{broken}:Sheet1!E38:F38: 警告[indicators.unit_mismatch] "),
        format!("{broken}: 8 个错误，13 个警告"),
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(&line)),
            "no line {line:?} in\n{text}"
        );
    }
    // Every finding has its location, severity and code; hints are indented under them.
    for l in text.lines().filter(|l| !l.starts_with("    ")) {
        assert!(l.starts_with(&format!("{broken}:")), "{l}");
    }
}

#[test]
fn the_broken_form_as_json_has_sheet_and_cell_for_each_finding() {
    let out = jixiao(&[
        "check",
        "--lang",
        "zh",
        "--format",
        "json",
        &data("broken.json"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let value = json(&out);
    let diagnostics = value["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics");
    assert_eq!(diagnostics.len(), 21);
    for d in diagnostics {
        assert_eq!(d["sheet"], "Sheet1", "{d}");
        assert!(d["cell"].as_str().is_some_and(|c| !c.is_empty()), "{d}");
        assert!(
            matches!(d["severity"].as_str(), Some("error" | "warning")),
            "{d}"
        );
    }
    let mismatch = diagnostics
        .iter()
        .find(|d| d["code"] == "budget.total_mismatch")
        .expect("a total mismatch");
    assert_eq!(mismatch["cell"], "E7:E8");
    assert_eq!(mismatch["severity"], "error");
    assert!(mismatch["hint"]
        .as_str()
        .is_some_and(|h| h.contains("其他资金（空白，按 0 计）")));
    let errors = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert_eq!(errors, 8);
}

#[test]
fn a_missing_file_exits_3_and_the_others_are_still_reported() {
    let missing = data("no-such-form.xlsx");
    let out = jixiao(&["check", "--lang", "zh", &missing, &data("seed.json")]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("{missing}: 无法读取: 找不到文件")),
        "the file is named once: {stderr}"
    );
    assert!(
        stdout(&out).contains("seed.json: 0 个错误，1 个警告"),
        "{}",
        stdout(&out)
    );

    let out = jixiao(&[
        "check",
        "--lang",
        "zh",
        "--format",
        "json",
        &data("broken.json"),
        &missing,
    ]);
    assert_eq!(out.status.code(), Some(3));
    let value = json(&out);
    assert_eq!(
        value["files"][0]["diagnostics"].as_array().map(Vec::len),
        Some(21)
    );
    assert_eq!(value["files"][1]["file"], missing);
    // The file is in "file"; the error says what is wrong with it.
    assert_eq!(value["files"][1]["error"], "找不到文件");
}

#[test]
fn a_file_that_is_not_a_form_exits_3() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("other.json");
    std::fs::write(&path, r#"{"name": "not a form"}"#).expect("write");
    let out = jixiao(&["check", "--lang", "zh", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("other.json"));

    // The seed under another contract version.
    let seed = std::fs::read_to_string(data("seed.json")).expect("read the seed");
    let later = dir.path().join("later.json");
    std::fs::write(&later, seed.replace("jixiao/form@1", "jixiao/form@9")).expect("write");
    let out = jixiao(&["check", "--lang", "zh", &later.display().to_string()]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("later.json") && stderr.contains("jixiao/form@9"),
        "{stderr}"
    );
}

#[test]
fn errors_in_one_file_fail_the_run_even_when_another_passes() {
    let out = jixiao(&[
        "check",
        "--lang",
        "zh",
        &data("seed.json"),
        &data("broken.json"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("seed.json: 0 个错误，1 个警告"));
    assert!(text.contains("broken.json: 8 个错误，13 个警告"));
}

#[test]
fn check_needs_a_file() {
    assert_eq!(jixiao(&["check"]).status.code(), Some(2));
}
