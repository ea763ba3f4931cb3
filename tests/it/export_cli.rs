//! `jixiao export` and `jixiao template` as a user runs them: exit codes, messages, outputs.

use crate::common::{jixiao, sample};

use crate::export_support;

use std::path::Path;

use calamine::{Data, Reader};
use export_support::{open, seed_form};
use jixiao::layout::SHEET_NAME;

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

fn seed_json(dir: &Path) -> std::path::PathBuf {
    let json = dir.join("seed.json");
    std::fs::write(
        &json,
        serde_json::to_string_pretty(&seed_form()).expect("json"),
    )
    .expect("write json");
    json
}

#[test]
fn export_writes_the_form_and_exits_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = seed_json(dir.path());
    let out = dir.path().join("申报表.xlsx");
    let run = jixiao(&["export", path(&json), "-o", path(&out)]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty());
    let bytes = std::fs::read(&out).expect("output written");
    let range = open(&bytes)
        .worksheet_range(SHEET_NAME)
        .expect("form sheet");
    assert_eq!(
        range.get_value((2, 1)),
        Some(&Data::String("广州市工业和信息化局".to_string()))
    );
    assert_eq!(range.get_value((5, 3)), Some(&Data::Float(14737.75)));
}

#[test]
fn json_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("bom.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(serde_json::to_vec(&seed_form()).expect("json"));
    std::fs::write(&json, bytes).expect("write");
    let out = dir.path().join("o.xlsx");
    let run = jixiao(&["export", path(&json), "-o", path(&out)]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.exists());
}

#[test]
fn bad_json_is_an_input_error_naming_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("broken.json");
    std::fs::write(
        &json,
        "{\n  \"format\": \"jixiao/form@1\",\n  \"title\": 3\n}\n",
    )
    .expect("write");
    let out = dir.path().join("out.xlsx");
    let run = jixiao(&["export", path(&json), "-o", path(&out)]);
    assert_eq!(run.status.code(), Some(3));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("broken.json") && err.contains("line 3, column"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_json_of_another_format_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut form = seed_form();
    form.format = "jixiao/form@9".to_string();
    let json = dir.path().join("future.json");
    std::fs::write(&json, serde_json::to_string(&form).expect("json")).expect("write");
    let run = jixiao(&[
        "export",
        path(&json),
        "-o",
        path(&dir.path().join("o.xlsx")),
    ]);
    assert_eq!(run.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&run.stderr).contains("jixiao/form@9"));
}

#[test]
fn a_missing_input_is_exit_3_and_an_unwritable_output_is_exit_4() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = jixiao(&[
        "export",
        path(&dir.path().join("nope.json")),
        "-o",
        path(&dir.path().join("o.xlsx")),
    ]);
    assert_eq!(run.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&run.stderr).contains("nope.json"));

    let json = seed_json(dir.path());
    let out = dir.path().join("no/such/folder/o.xlsx");
    let run = jixiao(&["export", path(&json), "-o", path(&out)]);
    assert_eq!(run.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&run.stderr).contains("o.xlsx"));

    // Never over the input.
    let run = jixiao(&["export", path(&json), "-o", path(&json)]);
    assert_eq!(run.status.code(), Some(4));
    assert!(std::fs::read_to_string(&json)
        .expect("input intact")
        .contains("jixiao/form@1"));
}

#[test]
fn template_writes_a_blank_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("blank.xlsx");
    let run = jixiao(&[
        "template",
        "-o",
        path(&out),
        "--department",
        "广州市财政局",
        "--year",
        "2026",
        "--rows",
        "1",
        "--protect",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(&out).expect("written");
    let mut book = open(&bytes);
    let range = book.worksheet_range(SHEET_NAME).expect("form sheet");
    assert_eq!(
        range.get_value((2, 1)),
        Some(&Data::String("广州市财政局".to_string()))
    );
    // 5 key-task rows → indicator header at row 19 (0-based 18), then 9 rows (one per 二级).
    assert_eq!(
        range.get_value((18, 3)),
        Some(&Data::String("三级指标".to_string()))
    );
    assert_eq!(
        range.get_value((27, 2)),
        Some(&Data::String("服务对象满意度指标".to_string()))
    );
}

#[test]
fn template_rejects_zero_rows_as_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = jixiao(&[
        "template",
        "-o",
        path(&dir.path().join("b.xlsx")),
        "--rows",
        "0",
    ]);
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn convert_turns_a_legacy_sample_into_the_canonical_file_and_its_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("canonical.xlsx");
    let json = dir.path().join("canonical.json");
    let input = sample("seed-legacy.xls");
    let run = jixiao(&[
        "convert",
        path(&input),
        "-o",
        path(&out),
        "--json",
        path(&json),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let imported =
        jixiao::read::open(&input, &jixiao::read::ImportOptions::default()).expect("import");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("JSON");
    let want = serde_json::to_value(&imported.form).expect("form serialises");
    assert_eq!(written, want);
    let reread = jixiao::read::open(&out, &jixiao::read::ImportOptions::default())
        .expect("import canonical");
    assert_eq!(
        serde_json::to_value(&reread.form).expect("form serialises"),
        want
    );
    let bytes = std::fs::read(&out).expect("xlsx");
    assert!(export_support::zip_part(&bytes, "docProps/custom.xml").contains("jixiao-export"));
}

#[test]
fn convert_fails_cleanly_on_bad_input_and_clashing_outputs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("o.xlsx");
    let run = jixiao(&[
        "convert",
        path(&sample("bad/not-a-form.xlsx")),
        "-o",
        path(&out),
    ]);
    assert_eq!(run.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&run.stderr).contains("not-a-form.xlsx"));
    assert!(!out.exists());

    let run = jixiao(&[
        "convert",
        path(&sample("seed-legacy.xlsx")),
        "-o",
        path(&out),
        "--json",
        path(&out),
    ]);
    assert_eq!(run.status.code(), Some(4));
    assert!(!out.exists());
}
