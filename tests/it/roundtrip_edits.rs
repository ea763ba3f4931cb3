//! The round-trip law of issue 4, law 4: a person's edits, made in LibreOffice itself, come
//! back as exactly those edits and nothing else.
//!
//! tests/lo/edit.py drives LibreOffice through UNO (Debian's python3-uno, hence
//! /usr/bin/python3): it finds cells by their text, inserts a row inside a merged 二级 block
//! and types a new indicator, changes one annual value, deletes a key-task row, and saves.

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao::diff::{diff, ChangeKind};
use jixiao::model::{Form, Indicator};
use jixiao::read::{open, ImportOptions};
use jixiao::value::parse;
use jixiao::write::{export_xlsx, ExportOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn json(form: &Form) -> serde_json::Value {
    serde_json::to_value(form).expect("form serialises")
}

fn edit_with_libreoffice(input: &Path, output: &Path, edits: &serde_json::Value) {
    let edits_path = output.with_extension("edits.json");
    std::fs::write(&edits_path, edits.to_string()).expect("write edits");
    let out = Command::new("/usr/bin/python3")
        .arg(root().join("tests/lo/edit.py"))
        .arg(input)
        .arg(output)
        .arg(&edits_path)
        .output()
        .expect("run /usr/bin/python3 tests/lo/edit.py (needs python3-uno and LibreOffice)");
    assert!(
        out.status.success() && output.exists(),
        "edit.py failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn law4_edits_made_in_libreoffice_are_exactly_what_import_sees() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = open(
        &root().join("samples/seed-legacy.xlsx"),
        &ImportOptions::default(),
    )
    .expect("seed")
    .form;
    let canonical = dir.path().join("canonical.xlsx");
    std::fs::write(
        &canonical,
        export_xlsx(&seed, &ExportOptions::default()).expect("export"),
    )
    .expect("write canonical");

    let after = &seed.indicators[1];
    let changed = &seed.indicators[2];
    let deleted_task = &seed.key_tasks[3];
    let edits = serde_json::json!([
        {"op": "insert_row_after", "row_of": after.name, "cells": {
            "三级指标": "新增测试指标", "实施周期指标值": "≥3个", "年度指标值": "≥3个"}},
        {"op": "set", "row_of": changed.name, "column_of": "年度指标值", "value": "≥800家"},
        {"op": "delete_row", "row_of": deleted_task.name},
    ]);
    let edited_path = dir.path().join("edited.xlsx");
    edit_with_libreoffice(&canonical, &edited_path, &edits);

    // What the person did, applied to the form directly.
    let mut expected = seed.clone();
    expected.indicators.insert(
        2,
        Indicator {
            level1: after.level1.clone(),
            level2: after.level2.clone(),
            name: "新增测试指标".to_string(),
            period_value: parse("≥3个"),
            annual_value: parse("≥3个"),
            ..Indicator::default()
        },
    );
    expected.indicators[3].annual_value = parse("≥800家");
    expected.key_tasks.remove(3);

    let edited = open(&edited_path, &ImportOptions::default()).expect("edited file imports");
    assert_eq!(
        json(&edited.form),
        json(&expected),
        "import sees the edits and nothing else"
    );

    // diff reports exactly those three edits, with the edited file's cells.
    let canonical_read = open(&canonical, &ImportOptions::default()).expect("canonical");
    let changes = diff(
        &canonical_read.form,
        &canonical_read.cells,
        &edited.form,
        &edited.cells,
    );
    let kinds: Vec<ChangeKind> = changes.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [ChangeKind::Removed, ChangeKind::Added, ChangeKind::Changed],
        "{changes:#?}"
    );
    assert!(changes
        .iter()
        .all(|c| c.old_cell.is_some() || c.new_cell.is_some()));
}

#[test]
fn law3_a_libreoffice_resave_of_an_edited_file_still_reads_the_same() {
    // The edited file is LibreOffice's own xlsx; re-saving it as .xls must not change the form.
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = open(
        &root().join("samples/variant-split.xlsx"),
        &ImportOptions::default(),
    )
    .expect("variant")
    .form;
    let canonical = dir.path().join("split.xlsx");
    std::fs::write(
        &canonical,
        export_xlsx(&seed, &ExportOptions::default()).expect("export"),
    )
    .expect("write");
    let profile = dir.path().join("profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "xls", "--outdir"])
        .arg(dir.path())
        .arg(&canonical)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = open(&dir.path().join("split.xls"), &ImportOptions::default()).expect("xls");
    assert_eq!(json(&back.form), json(&seed));
}
