//! `jixiao value` as a user runs it: texts as arguments, or lines on standard input.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

fn jixiao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
}

/// `jixiao value` with `input` on its standard input.
fn value_with_stdin(input: &[u8]) -> std::process::Output {
    let mut child = jixiao()
        .arg("value")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jixiao runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("jixiao ends")
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .expect("output is UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?}: {e}")))
        .collect()
}

#[test]
fn texts_as_arguments_give_one_json_line_each() {
    let out = jixiao()
        .args([
            "value",
            "≥18000家次",
            "约100家（以省下达通知为准）",
            "-0.3",
            "2024年12月31日前",
        ])
        .output()
        .expect("jixiao runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let values = json_lines(&out.stdout);
    assert_eq!(values.len(), 4);
    assert_eq!(
        values[0],
        serde_json::json!({"text":"≥18000家次","kind":"comparison","op":">=","value":"18000","unit":"家次"})
    );
    assert_eq!(values[1]["note"], "以省下达通知为准");
    assert_eq!(values[2]["value"], "-0.3");
    assert_eq!(
        values[3],
        serde_json::json!({"text":"2024年12月31日前","kind":"deadline","op":"<=","date":"2024-12-31"})
    );
    // Compact: one object per line, no pretty-printing.
    assert_eq!(out.stdout.iter().filter(|&&b| b == b'\n').count(), 4);
}

#[test]
fn stdin_lines_give_one_json_line_each_in_order() {
    let out = value_with_stdin("5%-8%\r\n\n不适用\n较去年同期下降\n6月底前".as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let values = json_lines(&out.stdout);
    let texts: Vec<&str> = values.iter().map(|v| v["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["5%-8%", "", "不适用", "较去年同期下降", "6月底前"]);
    assert_eq!(values[0]["kind"], "range");
    assert_eq!(values[1], serde_json::json!({"text":"","kind":"empty"}));
    assert_eq!(values[2]["kind"], "not_applicable");
    assert_eq!(values[3]["direction"], "decrease");
    assert_eq!(values[4]["date"], "--06-30");
    assert_eq!(values[4]["year_unknown"], true);
}

#[test]
fn stdin_that_is_not_utf8_is_an_input_error() {
    let out = value_with_stdin(b"5%\n\xff\xfe\n");
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("<stdin>") && stderr.contains("line 2"),
        "{stderr}"
    );
}
