//! The strict, forgiving contract, through the binary: JSON values that need only their text,
//! documents that are not a form, money in 元, output names whose extension says another format,
//! and a byte-order mark on stdin.

use crate::common::{jixiao, root, sample};

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The README's own example form, hand-written: values given as text only.
const HAND_WRITTEN: &str = r#"{
  "format": "jixiao/form@1",
  "title": "部门整体预算绩效目标申报表",
  "department": "广州市工业和信息化局",
  "basic_info": {"staff_count": null, "subordinate_units": null},
  "budget": {
    "unit": "万元",
    "basic_expenditure": "14737.75", "project_expenditure": "5176.25",
    "special_funds": "198000.00", "other_development_expenditure": "688.50",
    "fiscal_appropriation": "218602.50", "other_funds": "0.00",
    "municipal_level": "159350.50", "transfer_to_lower_level": "59252.00"
  },
  "overall_goals": ["目标1：推动“四化”赋能企业提升。"],
  "key_tasks": [
    {"name": "做强做优做大数字经济", "content": "推动制造业数字化转型", "funds": "31098.05",
     "expected_outcome": "支持不少于6个行业数字化转型赋能平台"}
  ],
  "other_tasks": "",
  "indicators": [
    {"level1": "产出指标", "level2": "数量指标", "name": "运行监测样本数量",
     "period_value": {"text": "≥18000家次"},
     "annual_value": {"text": "≥18000家次", "kind": "comparison", "op": ">=", "value": "1800", "unit": "家次"}}
  ]
}"#;

#[test]
fn a_hand_written_json_with_text_only_values_exports_and_the_text_wins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("hand.json");
    std::fs::write(&json, HAND_WRITTEN).expect("write");
    let xlsx = dir.path().join("hand.xlsx");
    let out = jixiao(&["export", p(&json), "-o", p(&xlsx)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let warning = stderr(&out);
    assert!(
        warning.contains("indicators[0].annual_value") && warning.contains("the text wins"),
        "{warning}"
    );
    let back = jixiao::read::open(&xlsx, &Default::default()).expect("reads back");
    assert_eq!(
        back.form.indicators[0].annual_value,
        jixiao::value::parse("≥18000家次")
    );

    let imported = jixiao(&["--lang", "zh", "import", p(&json)]);
    assert_eq!(imported.status.code(), Some(0));
    assert!(
        stderr(&imported).contains("以 text 为准"),
        "{}",
        stderr(&imported)
    );
    let value: serde_json::Value = serde_json::from_slice(&imported.stdout).expect("json");
    assert_eq!(value["indicators"][0]["annual_value"]["value"], "18000");
}

#[test]
fn documents_that_are_not_a_form_get_errors_with_the_json_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        ("array.json", format!("[{HAND_WRITTEN}]"), "array"),
        (
            "format.json",
            HAND_WRITTEN.replace("jixiao/form@1", "jixiao/form@9"),
            "jixiao/form@9",
        ),
        (
            "kind.json",
            HAND_WRITTEN.replacen("\"title\"", "\"kind\": \"budget_cut\", \"title\"", 1),
            "budget_cut",
        ),
        (
            "op.json",
            HAND_WRITTEN.replace(r#""level1": "产出指标""#, r#""level1": ["产出指标"]"#),
            "indicators[0].level1",
        ),
    ];
    for (name, text, needle) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        // import, check and convert read arrays of documents (any kind, one output per form);
        // export writes one form and refuses them.
        let commands: &[&str] = if name == "array.json" {
            &["export"]
        } else {
            &["import", "check", "convert"]
        };
        for &command in commands {
            let mut args = vec![command, p(&path)];
            let out_path = dir.path().join(format!("{name}.xlsx"));
            if command == "convert" || command == "export" {
                args.extend(["-o", p(&out_path)]);
            }
            let out = jixiao(&args);
            assert_eq!(
                out.status.code(),
                Some(3),
                "{command} {name}: {}",
                stderr(&out)
            );
            assert!(
                stderr(&out).contains(needle),
                "{command} {name}: {}",
                stderr(&out)
            );
            assert!(!out_path.exists());
        }
    }
}

#[test]
fn money_in_yuan_is_kept_and_never_equal_to_the_same_numbers_in_wan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wan = dir.path().join("wan.json");
    std::fs::write(&wan, HAND_WRITTEN).expect("write");
    let yuan = dir.path().join("yuan.json");
    std::fs::write(
        &yuan,
        HAND_WRITTEN.replace(r#""unit": "万元""#, r#""unit": "元""#),
    )
    .expect("write");

    let imported = jixiao(&["import", p(&yuan)]);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let value: serde_json::Value = serde_json::from_slice(&imported.stdout).expect("json");
    assert_eq!(value["budget"]["unit"], "元");

    let diff = jixiao(&["diff", p(&wan), p(&yuan), "--format", "json"]);
    assert_eq!(
        diff.status.code(),
        Some(1),
        "元 and 万元 differ: {}",
        stderr(&diff)
    );
    let changes: serde_json::Value = serde_json::from_slice(&diff.stdout).expect("json");
    let paths: Vec<&str> = changes["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["path"].as_str())
        .collect();
    assert!(paths.contains(&"budget.unit"), "{paths:?}");

    let xlsx = dir.path().join("yuan.xlsx");
    let out = jixiao(&["export", p(&yuan), "-o", p(&xlsx)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut book = calamine::open_workbook_auto(&xlsx).expect("workbook");
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0)
        .expect("a sheet")
        .expect("readable");
    let texts: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        texts.iter().any(|t| t.contains("（元）")),
        "the xlsx says 元: {texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("万元")),
        "never labelled 万元: {texts:?}"
    );
    let back = jixiao::read::open(&xlsx, &Default::default()).expect("reads back");
    assert_eq!(
        back.form.budget.unit, "元",
        "the unit survives the round trip"
    );
}

#[test]
fn an_output_name_whose_extension_says_another_format_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = sample("seed-legacy.xlsx");
    let json = root().join("tests/data/seed.json");
    let named_json = dir.path().join("out.json");
    let named_xlsx = dir.path().join("out.xlsx");
    let other_xlsx = dir.path().join("other.xlsx");
    let cases: Vec<Vec<&str>> = vec![
        vec!["export", p(&json), "-o", p(&named_json)],
        vec!["convert", p(&seed), "-o", p(&named_json)],
        vec!["template", "-o", p(&named_json)],
        vec!["import", p(&seed), "-o", p(&named_xlsx)],
        vec![
            "convert",
            p(&seed),
            "-o",
            p(&other_xlsx),
            "--json",
            p(&named_xlsx),
        ],
    ];
    for args in cases {
        let out = jixiao(&args);
        assert_eq!(out.status.code(), Some(4), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("give a name ending in"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(
            !named_json.exists() && !named_xlsx.exists(),
            "{args:?} wrote a file"
        );
    }
    let zh = jixiao(&["--lang", "zh", "export", p(&json), "-o", p(&named_json)]);
    assert!(
        stderr(&zh).contains("请用 .xlsx 结尾的文件名"),
        "{}",
        stderr(&zh)
    );
}

#[test]
fn a_byte_order_mark_on_stdin_is_ignored() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("value")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("\u{feff}≥18000家次\r\n95%\n".as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["text"], "≥18000家次");
    assert_eq!(lines[0]["kind"], "comparison");
    assert_eq!(lines[0]["op"], ">=");
}
