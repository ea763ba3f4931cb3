//! `jixiao diff` across formats: a legacy xlsx against edited JSON reports exactly the edits.

use crate::common::{jixiao, sample};

use jixiao::read::{open, ImportOptions};
use jixiao::value::parse;
use jixiao::Indicator;

#[test]
fn the_same_form_in_two_formats_is_equal_and_exits_0() {
    let out = jixiao(&[
        "diff",
        &sample("seed-legacy.xlsx").to_string_lossy(),
        &sample("seed-legacy.ods").to_string_lossy(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn edits_are_reported_exactly_with_both_cells() {
    let seed = open(&sample("seed-legacy.xlsx"), &ImportOptions::default()).expect("seed");
    let mut edited = seed.form.clone();
    // 1. change one annual value; 2. insert an indicator inside a 二级 block; 3. delete a key
    // task; 4. rewrite a value in another notation that means the same.
    edited.indicators[2].annual_value = parse("≥800家");
    edited.indicators.insert(
        5,
        Indicator {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            name: "新增测试指标".into(),
            period_value: parse("≥3个"),
            annual_value: parse("≥3个"),
            ..Indicator::default()
        },
    );
    let removed_task = edited.key_tasks.remove(3);
    assert_eq!(edited.indicators[1].annual_value.text, "≥10家");
    edited.indicators[1].annual_value = parse(">=10家");
    let dir = tempfile::tempdir().expect("tempdir");
    let new_path = dir.path().join("edited.json");
    std::fs::write(&new_path, serde_json::to_string(&edited).expect("json")).expect("write");

    let out = jixiao(&[
        "diff",
        &sample("seed-legacy.xlsx").to_string_lossy(),
        &new_path.to_string_lossy(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    let changes = json["changes"].as_array().expect("changes");
    let summary: Vec<(String, String)> = changes
        .iter()
        .map(|c| {
            (
                c["change"].as_str().unwrap_or_default().to_string(),
                c["path"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let i1 = &seed.form.indicators[1];
    let i2 = &seed.form.indicators[2];
    assert_eq!(
        summary,
        [
            (
                "removed".to_string(),
                format!("key_tasks[{}]", removed_task.name)
            ),
            (
                "notation".to_string(),
                format!(
                    "indicators[{}/{}/{}].annual_value",
                    i1.level1, i1.level2, i1.name
                )
            ),
            (
                "changed".to_string(),
                format!(
                    "indicators[{}/{}/{}].annual_value",
                    i2.level1, i2.level2, i2.name
                )
            ),
            (
                "added".to_string(),
                "indicators[产出指标/数量指标/新增测试指标]".to_string()
            ),
        ]
    );
    // The old side has cells (xlsx); the new side is JSON, so it has none.
    let changed = &changes[2];
    assert_eq!(changed["old"], "≥700家");
    assert_eq!(changed["new"], "≥800家");
    assert!(changed["old_cell"]
        .as_str()
        .unwrap_or_default()
        .contains('!'));
    assert!(changed["new_cell"].is_null());
}

#[test]
fn human_output_names_the_form_labels_and_counts() {
    let out = jixiao(&[
        "--lang",
        "zh",
        "diff",
        &sample("seed-legacy.xlsx").to_string_lossy(),
        &sample("variant-single.xlsx").to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("部门名称: 广州市工业和信息化局 →"), "{text}");
    assert!(
        text.lines().last().unwrap_or_default().starts_with("共 "),
        "{text}"
    );
}

#[test]
fn an_unreadable_side_exits_3() {
    let out = jixiao(&[
        "diff",
        &sample("seed-legacy.xlsx").to_string_lossy(),
        &sample("bad/empty.xlsx").to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
}
