//! The round-trip law of issue 4, laws 1 and 2, over every sample in samples/index.json and the
//! seed form built in code:
//!
//! 1. import(export(f)) == f — the whole form, every field;
//! 2. export(import(canonical.xlsx)) has the same cells, merges and formats as canonical.xlsx.

use crate::export_support;

use std::path::{Path, PathBuf};

use export_support::{merges, seed_form, zip_part};
use jixiao::layout::{Field, Layout, SHEET_NAME};
use jixiao::model::Form;
use jixiao::read::{open, ImportOptions};
use jixiao::write::{export_xlsx, template_xlsx, ExportOptions, TemplateOptions};

fn samples() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let index: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("index.json")).expect("samples/index.json"),
    )
    .expect("index is JSON");
    let samples: Vec<PathBuf> = index["samples"]
        .as_object()
        .expect("samples map")
        .keys()
        .map(|k| root.join(k))
        .collect();
    assert!(samples.len() >= 10, "{samples:?}");
    samples
}

/// The form as its JSON: `Decimal` equality ignores the scale ("0.00" == "0"), the contract does not.
fn json(form: &Form) -> serde_json::Value {
    serde_json::to_value(form).expect("form serialises")
}

fn import(path: &Path) -> Form {
    open(path, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("import {}: {e}", path.display()))
        .form
}

/// Exports `form` into `dir/name` and returns the path and bytes.
fn export_to(form: &Form, dir: &Path, name: &str) -> (PathBuf, Vec<u8>) {
    let bytes = export_xlsx(form, &ExportOptions::default()).expect("export");
    let path = dir.join(name);
    std::fs::write(&path, &bytes).expect("write export");
    (path, bytes)
}

#[test]
fn law1_import_of_export_is_the_same_form_for_every_sample() {
    let dir = tempfile::tempdir().expect("tempdir");
    for sample in samples() {
        let form = import(&sample);
        assert!(
            !form.indicators.is_empty(),
            "{} has indicators",
            sample.display()
        );
        let name = format!(
            "{}.xlsx",
            sample.file_name().and_then(|n| n.to_str()).unwrap_or("x")
        );
        let (exported, _) = export_to(&form, dir.path(), &name);
        assert_eq!(
            json(&import(&exported)),
            json(&form),
            "{}",
            sample.display()
        );
    }
}

#[test]
fn law1_holds_for_the_seed_form_built_in_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let form = seed_form();
    let (exported, _) = export_to(&form, dir.path(), "seed.xlsx");
    assert_eq!(json(&import(&exported)), json(&form));
}

#[test]
fn law1_holds_for_forms_with_blanks_and_odd_scales() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut form = seed_form();
    form.budget.other_funds = None;
    form.budget.basic_expenditure = Some(export_support::dec("100"));
    form.budget.special_funds = Some(export_support::dec("0.125"));
    form.key_tasks[2].funds = None;
    form.key_tasks.truncate(3);
    form.basic_info.staff_count = Some(412);
    form.basic_info.subordinate_units = Some(0);
    form.other_tasks = "完成市委市政府交办的其他任务".to_string();
    form.indicators[3].period_value = export_support::value("");
    let (exported, _) = export_to(&form, dir.path(), "blanks.xlsx");
    assert_eq!(json(&import(&exported)), json(&form));
}

#[test]
fn law2_exporting_an_imported_canonical_file_gives_the_same_cells_merges_and_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    for sample in samples() {
        let (canonical, first) = export_to(&import(&sample), dir.path(), "canonical.xlsx");
        let (_, second) = export_to(&import(&canonical), dir.path(), "again.xlsx");
        for part in [
            "xl/worksheets/sheet1.xml",
            "xl/styles.xml",
            "xl/sharedStrings.xml",
            "xl/workbook.xml",
        ] {
            assert_eq!(
                zip_part(&first, part),
                zip_part(&second, part),
                "{part} of {}",
                sample.display()
            );
        }
        assert_eq!(merges(&first, SHEET_NAME), merges(&second, SHEET_NAME));
    }
}

#[test]
fn the_importer_finds_each_field_where_the_layout_put_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let form = seed_form();
    let (path, _) = export_to(&form, dir.path(), "seed.xlsx");
    let imported = open(&path, &ImportOptions::default()).expect("import");
    let layout = Layout::for_form(&form);
    let cell = |field: &Field| {
        let r = layout.region_of(field).expect("field in layout");
        jixiao::layout::cell_a1(r.first_row, r.first_col)
    };
    for field in [
        Field::Department,
        Field::Budget(jixiao::model::BudgetField::TransferToLowerLevel),
        Field::KeyTask(6, jixiao::layout::KeyTaskColumn::Funds),
        Field::Indicator(33, jixiao::layout::IndicatorColumn::AnnualValue),
    ] {
        let got_anchor = imported
            .cells
            .get(&field.path())
            .map(|c| jixiao::address::a1(c.cell.first));
        assert_eq!(got_anchor, Some(cell(&field)), "{}", field.path());
    }
}

#[test]
fn an_untouched_template_imports_as_an_empty_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = TemplateOptions {
        department: Some("广州市财政局".to_string()),
        year: Some(2025),
        ..TemplateOptions::default()
    };
    let path = dir.path().join("blank.xlsx");
    std::fs::write(&path, template_xlsx(&options).expect("template")).expect("write");
    let form = import(&path);
    assert_eq!(form.department, "广州市财政局");
    assert!(form.indicators.is_empty(), "{:?}", form.indicators);
    assert!(form.key_tasks.is_empty(), "{:?}", form.key_tasks);
    assert!(form.overall_goals.is_empty());
    assert_eq!(form.budget, jixiao::model::Budget::default());
}

#[test]
fn a_filled_in_template_imports_what_was_typed() {
    // Fill the template's form (same layout code) the way a person would: names and values in
    // the pre-grouped rows; unused rows stay empty.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut form = jixiao::write::template_form(&TemplateOptions::default());
    form.department = "广州市财政局".to_string();
    form.indicators[0].name = "培训人次".to_string();
    form.indicators[0].annual_value = export_support::value("≥500人次");
    form.indicators[3].name = "验收合格率".to_string();
    form.indicators[3].period_value = export_support::value("100%");
    form.indicators[3].annual_value = export_support::value("100%");
    let (path, _) = export_to(&form, dir.path(), "filled.xlsx");
    let got = import(&path);
    let names: Vec<(&str, &str, &str)> = got
        .indicators
        .iter()
        .map(|i| (i.level1.as_str(), i.level2.as_str(), i.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("产出指标", "数量指标", "培训人次"),
            ("产出指标", "质量指标", "验收合格率")
        ]
    );
    assert_eq!(
        got.indicators[1].annual_value,
        form.indicators[3].annual_value
    );
}

#[test]
fn law3_libreoffice_resaved_as_xlsx_and_xls_imports_the_same_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    // One canonical file per distinct sample form (the xls/ods copies import to the same forms).
    let mut canonical = Vec::new();
    let mut forms = Vec::new();
    for name in [
        "seed-legacy.xlsx",
        "variant-shifted.xlsx",
        "variant-split.xlsx",
        "variant-single.xlsx",
    ] {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name);
        let form = import(&sample);
        let (path, _) = export_to(&form, dir.path(), &format!("canonical-{name}"));
        canonical.push(path);
        forms.push(form);
    }
    for format in ["xlsx", "xls"] {
        let out = dir.path().join(format);
        std::fs::create_dir(&out).expect("out dir");
        crate::common::libreoffice_convert(&canonical, format, &out);
        for (path, form) in canonical.iter().zip(&forms) {
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
            let resaved = out.join(format!("{stem}.{format}"));
            assert_eq!(json(&import(&resaved)), json(form), "{}", resaved.display());
        }
    }
}
