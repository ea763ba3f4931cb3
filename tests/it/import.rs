//! Import: every sample reads to its reviewed expected JSON; the same form in xlsx, xls and
//! ods reads the same; bad inputs fail with one clear line and exit code 3.

use crate::common::{jixiao, sample};

use std::path::PathBuf;

use jixiao::read::{open, ImportOptions};
use jixiao::Form;

/// The expected form: samples/expected/NAME.json gives each indicator value's text only (the
/// oracle is the data the sample script wrote); the reading comes from the value parser,
/// which has its own tests.
fn expected(name: &str) -> Form {
    let path = sample(&format!("expected/{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("expected JSON parses");
    let indicators = json["indicators"].as_array_mut().expect("indicators array");
    for indicator in indicators {
        for key in ["period_value", "annual_value"] {
            let text = indicator[key]["text"]
                .as_str()
                .expect("value text")
                .to_string();
            indicator[key] = serde_json::to_value(jixiao::value::parse(&text)).expect("value");
        }
    }
    serde_json::from_value(json).expect("expected JSON is a form")
}

fn import(name: &str) -> Form {
    open(&sample(name), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .form
}

/// Compares the forms as their JSON: `Decimal` equality ignores the scale ("0.00" == "0"), the
/// contract does not.
fn assert_form_eq(name: &str, got: &Form, want: &Form) {
    let got = serde_json::to_string_pretty(got).unwrap_or_default();
    let want = serde_json::to_string_pretty(want).unwrap_or_default();
    if got != want {
        let first_difference = got
            .lines()
            .zip(want.lines())
            .enumerate()
            .find(|(_, (g, w))| g != w)
            .map(|(i, (g, w))| format!("line {}:\n  got:  {g}\n  want: {w}", i + 1))
            .unwrap_or_else(|| "lengths differ".to_string());
        panic!("{name} does not import as expected; first difference at {first_difference}");
    }
}

#[test]
fn the_seed_legacy_export_imports_exactly() {
    let form = import("seed-legacy.xlsx");
    assert_form_eq("seed-legacy.xlsx", &form, &expected("seed-legacy"));
    // The shape the issue describes, independently of the expected file.
    assert_eq!(form.department, "广州市工业和信息化局");
    assert_eq!(form.overall_goals.len(), 7);
    assert_eq!(form.key_tasks.len(), 7);
    assert_eq!(form.indicators.len(), 34);
    let count = |l1: &str, l2: &str| {
        form.indicators
            .iter()
            .filter(|i| i.level1 == l1 && i.level2 == l2)
            .count()
    };
    assert_eq!(count("产出指标", "数量指标"), 19);
    assert_eq!(count("产出指标", "质量指标"), 2);
    assert_eq!(count("效益指标", "经济效益指标"), 8);
    assert_eq!(count("效益指标", "社会效益指标"), 4);
    assert_eq!(count("效益指标", "生态效益指标"), 1);
    assert_eq!(
        form.budget.basic_expenditure.map(|d| d.to_string()),
        Some("14737.75".to_string())
    );
    assert_eq!(
        form.budget.other_funds.map(|d| d.to_string()),
        Some("0.00".to_string())
    );
}

#[test]
fn the_same_form_reads_the_same_from_xlsx_xls_ods_and_a_libreoffice_resave() {
    let want = expected("seed-legacy");
    for file in [
        "seed-legacy.xls",
        "seed-legacy.ods",
        "seed-libreoffice.xlsx",
    ] {
        assert_form_eq(file, &import(file), &want);
    }
}

#[test]
fn a_form_on_the_second_sheet_starting_at_b3_with_synonyms_and_fill_down_imports() {
    let imported = open(&sample("variant-shifted.xlsx"), &ImportOptions::default())
        .expect("variant-shifted imports");
    assert_form_eq(
        "variant-shifted.xlsx",
        &imported.form,
        &expected("variant-shifted"),
    );
    assert_ne!(imported.sheet.as_deref(), Some("填报说明"));
}

#[test]
fn split_sign_number_unit_columns_compose_one_annual_value() {
    for file in [
        "variant-split.xlsx",
        "variant-split.xls",
        "variant-split.ods",
    ] {
        assert_form_eq(file, &import(file), &expected("variant-split"));
    }
}

#[test]
fn a_single_value_column_form_with_traditional_labels_imports() {
    assert_form_eq(
        "variant-single.xlsx",
        &import("variant-single.xlsx"),
        &expected("variant-single"),
    );
}

#[test]
fn the_format_is_chosen_by_content_not_by_extension() {
    // misnamed.xls is an xlsx workbook with the wrong extension.
    let imported = open(&sample("misnamed.xls"), &ImportOptions::default()).expect("imports");
    assert_eq!(imported.kind, jixiao::read::Kind::Xlsx);
    assert_form_eq("misnamed.xls", &imported.form, &expected("variant-single"));
}

#[test]
fn provenance_points_at_the_cells_read() {
    let imported = open(&sample("seed-legacy.xlsx"), &ImportOptions::default()).expect("imports");
    let cell = |path: &str| {
        imported
            .cells
            .get(path)
            .map(|c| c.to_string())
            .unwrap_or_else(|| panic!("no cell for {path}"))
    };
    // Every field the form has is located, on the form's sheet.
    let sheet = imported.sheet.clone().expect("sheet");
    for path in [
        "department",
        "budget.basic_expenditure",
        "budget.transfer_to_lower_level",
        "overall_goals[6]",
        "key_tasks[6].funds",
        "indicators[33].annual_value",
        "indicators[33].level1",
    ] {
        assert!(cell(path).starts_with(&sheet), "{path}: {}", cell(path));
    }
    // Goals share the one merged cell they were written in.
    assert_eq!(cell("overall_goals[0]"), cell("overall_goals[6]"));
    // Key tasks are rows in order.
    let row_of = |path: &str| -> u32 {
        let c = cell(path);
        let a1 = c
            .rsplit('!')
            .next()
            .unwrap_or_default()
            .split(':')
            .next()
            .unwrap_or_default()
            .to_string();
        a1.trim_start_matches(|ch: char| ch.is_ascii_alphabetic())
            .parse()
            .expect("row number")
    };
    assert_eq!(
        row_of("key_tasks[1].funds"),
        row_of("key_tasks[0].funds") + 1
    );
    // The 一级 of the first indicator is a merged range over its rows.
    assert!(
        cell("indicators[0].level1").contains(':'),
        "{}",
        cell("indicators[0].level1")
    );
}

#[test]
fn the_sheet_option_chooses_or_refuses() {
    let options = ImportOptions {
        sheet: Some("没有这个表".to_string()),
        ..ImportOptions::default()
    };
    let err = open(&sample("seed-legacy.xlsx"), &options).expect_err("no such sheet");
    assert!(err.to_string().contains("没有这个表"), "{err}");
    assert_eq!(err.exit_code(), 3);

    let options = ImportOptions {
        sheet: Some("填报说明".to_string()),
        ..ImportOptions::default()
    };
    let err = open(&sample("variant-shifted.xlsx"), &options).expect_err("not the form");
    assert!(err.to_string().contains("填报说明"), "{err}");
}

#[test]
fn json_reads_back_as_the_same_form() {
    let form = import("seed-legacy.xlsx");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("seed.json");
    std::fs::write(&path, serde_json::to_string_pretty(&form).expect("json")).expect("write");
    let back = open(&path, &ImportOptions::default()).expect("json imports");
    assert_form_eq("seed.json", &back.form, &form);
    assert!(back.cells.is_empty());
}

#[test]
fn bad_inputs_fail_with_one_line_naming_the_file_and_exit_3() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: Vec<(PathBuf, &str)> = vec![
        (dir.path().join("missing.xlsx"), "no such file"),
        (dir.path().to_path_buf(), "directory"),
        (sample("bad/empty.xlsx"), "empty"),
        (sample("bad/text-renamed.xlsx"), "not a spreadsheet"),
        (sample("bad/truncated.xlsx"), "truncated"),
        (sample("bad/corrupt-sheet.xlsx"), "cannot be read"),
        (sample("bad/encrypted.xlsx"), "password"),
        (sample("bad/not-a-form.xlsx"), "looked for the labels"),
        (sample("bad/blank.xlsx"), "blank"),
        (sample("bad/huge-dimension.xlsx"), "XFD1048576"),
        (sample("bad/zip-bomb.xlsx"), "inflates"),
    ];
    for (path, needle) in cases {
        let path_text = path.to_string_lossy().to_string();
        let out = jixiao(&["import", &path_text]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{path_text}: {stderr}");
        assert!(out.stdout.is_empty(), "{path_text}: printed to stdout");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "{path_text}: {stderr}"
        );
        assert!(stderr.contains(&path_text), "{path_text}: {stderr}");
        assert!(
            stderr.contains(needle),
            "{path_text}: expected {needle:?} in {stderr}"
        );
    }
}

#[test]
fn not_a_form_says_which_sheets_were_searched() {
    let err = open(&sample("bad/not-a-form.xlsx"), &ImportOptions::default()).expect_err("no form");
    let message = err.to_string();
    assert!(
        message.contains("部门名称") && message.contains("绩效指标"),
        "{message}"
    );
    assert!(message.contains("销售数据"), "{message}");
}

#[test]
fn the_cli_prints_pretty_unescaped_json_and_cells_on_request() {
    let seed = sample("seed-legacy.xlsx");
    let out = jixiao(&["import", &seed.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("\"department\": \"广州市工业和信息化局\""),
        "pretty, not ASCII-escaped"
    );
    assert!(!text.contains("\"cells\""));
    let form: Form = serde_json::from_str(&text).expect("stdout is the form");
    assert_eq!(form, import("seed-legacy.xlsx"));

    let out = jixiao(&["import", &seed.to_string_lossy(), "--cells"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let cell = json["cells"]["budget.basic_expenditure"]
        .as_str()
        .expect("cell");
    assert!(cell.contains('!'), "{cell}");

    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("seed.json");
    let out = jixiao(&[
        "import",
        &seed.to_string_lossy(),
        "-o",
        &out_path.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written: Form =
        serde_json::from_slice(&std::fs::read(&out_path).expect("written")).expect("form");
    assert_eq!(written, form);
}

#[test]
fn output_onto_the_input_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("seed.xlsx");
    std::fs::copy(sample("seed-legacy.xlsx"), &copy).expect("copy");
    let before = std::fs::read(&copy).expect("read");
    let out = jixiao(&[
        "import",
        &copy.to_string_lossy(),
        "-o",
        &copy.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        std::fs::read(&copy).expect("read"),
        before,
        "the input is untouched"
    );
}

#[test]
fn json_with_cells_from_import_reads_back_with_its_provenance() {
    let seed = sample("seed-legacy.xlsx");
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("seed-cells.json");
    let out = jixiao(&[
        "import",
        &seed.to_string_lossy(),
        "--cells",
        "-o",
        &out_path.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let original = open(&seed, &ImportOptions::default()).expect("seed");
    let back = open(&out_path, &ImportOptions::default()).expect("json with cells");
    assert_form_eq("seed-cells.json", &back.form, &original.form);
    assert_eq!(back.cells, original.cells);

    std::fs::write(&out_path, r#"{"cells": {"department": "no cell here"}}"#).expect("write");
    let err = open(&out_path, &ImportOptions::default()).expect_err("bad cells");
    assert!(err.to_string().contains("Sheet1!E23"), "{err}");
}

#[test]
fn our_own_files_are_recognised_but_not_depended_on() {
    let form = import("seed-legacy.xlsx");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("canonical.xlsx");
    let bytes = jixiao::write::export_xlsx(&form, &jixiao::write::ExportOptions::default())
        .expect("export");
    std::fs::write(&path, bytes).expect("write");
    let ours = open(&path, &ImportOptions::default()).expect("canonical imports");
    assert_eq!(ours.template_id.as_deref(), Some(jixiao::write::EXPORT_ID));
    let legacy = open(&sample("seed-legacy.xlsx"), &ImportOptions::default()).expect("legacy");
    assert_eq!(legacy.template_id, None);
    // The same form either way: the id changes nothing that is read.
    assert_form_eq("canonical.xlsx", &ours.form, &form);
}
