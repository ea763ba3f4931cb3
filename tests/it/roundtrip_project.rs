//! The round-trip law for the project form and for the budget system's flat table:
//! import(export(f)) = f through the kinds' readers; a LibreOffice re-save as xlsx and xls reads
//! the same; an untouched project template reads as an empty project form; the flat table of a
//! department form and of project forms reads back as those forms (what the table holds).

use calamine::Reader;
use std::path::{Path, PathBuf};

use crate::export_project::project_form;
use crate::export_support::value;
use jixiao::model::{Document, ProjectForm};
use jixiao::read::{open_documents, ImportOptions};
use jixiao::write::project::export_project_xlsx;
use jixiao::write::system::{project_rows, system_xlsx, Profile};
use jixiao::write::{
    document_xlsx, project_template_form, project_template_xlsx, ExportOptions, OutputLayout,
    TemplateOptions,
};

fn json<T: serde::Serialize>(x: &T) -> serde_json::Value {
    serde_json::to_value(x).expect("serialises")
}

fn documents(path: &Path) -> Vec<Document> {
    open_documents(path, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("import {}: {e}", path.display()))
        .into_iter()
        .map(|d| d.document)
        .collect()
}

fn project(path: &Path) -> ProjectForm {
    match documents(path).as_slice() {
        [Document::Project(p)] => p.clone(),
        other => panic!("{}: not one project form: {other:?}", path.display()),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// The forms the round trip is checked on: the Hubei-like project, the same in 元 with the
/// other optional columns, and one whose indicators run over a page.
fn project_forms() -> Vec<ProjectForm> {
    let plain = project_form();
    let mut yuan = project_form();
    yuan.funds.unit = "元".to_string();
    yuan.funds.total = Some("8140000.00".parse().expect("decimal"));
    yuan.funds.carryover = Some("12.5".parse().expect("decimal"));
    for i in &mut yuan.indicators {
        i.weight = None;
        i.explanation = None;
    }
    yuan.indicators[1].standard = Some("每少1次扣1分".to_string());
    yuan.indicators[2].remark = Some("按季度考核".to_string());
    yuan.indicators[0].period_value = value("≥9000次");
    let mut long = project_form();
    let template = long.indicators[1].clone();
    for n in 0..60 {
        let mut i = template.clone();
        i.name = format!("第{n}项巡察次数");
        long.indicators.insert(2, i);
    }
    vec![plain, yuan, long]
}

#[test]
fn law1_import_of_export_is_the_same_project_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (n, form) in project_forms().into_iter().enumerate() {
        let bytes = export_project_xlsx(&form, &ExportOptions::default()).expect("export");
        let path = write(dir.path(), &format!("p{n}.xlsx"), &bytes);
        assert_eq!(json(&project(&path)), json(&form), "form {n}");
    }
}

#[test]
fn law3_libreoffice_resaved_project_forms_read_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let forms = project_forms();
    let files: Vec<PathBuf> = forms
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let bytes = export_project_xlsx(f, &ExportOptions::default()).expect("export");
            write(dir.path(), &format!("p{n}.xlsx"), &bytes)
        })
        .collect();
    for format in ["xlsx", "xls"] {
        let out = dir.path().join(format);
        std::fs::create_dir(&out).expect("out dir");
        crate::common::libreoffice_convert(&files, format, &out);
        for (n, form) in forms.iter().enumerate() {
            let resaved = out.join(format!("p{n}.{format}"));
            assert_eq!(
                json(&project(&resaved)),
                json(form),
                "{}",
                resaved.display()
            );
        }
    }
}

#[test]
fn an_untouched_project_template_reads_as_an_empty_project_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = TemplateOptions {
        department: Some("鄂州市财政局".to_string()),
        year: Some(2025),
        ..TemplateOptions::default()
    };
    let path = write(
        dir.path(),
        "blank.xlsx",
        &project_template_xlsx(&options).expect("template"),
    );
    let back = project(&path);
    let mut want = project_template_form(&options);
    want.title = "项目支出绩效目标申报表（2025年度）".to_string();
    want.indicators.clear();
    assert_eq!(json(&back), json(&want));
}

#[test]
fn the_flat_table_of_project_forms_reads_back_as_those_forms() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = Profile::get(None).expect("default");
    let forms = project_forms();
    // Two projects in one table: read back as two project forms.
    let mut first = forms[0].clone();
    // Values the three cells cannot hold exactly: their text comes back from 指标解释's 原文 line.
    first.indicators[0].annual_value = value("约100家（以省下达通知为准）");
    first.indicators[1].annual_value = value("5%-8%");
    first.indicators[2].annual_value = value("2024年12月31日前");
    let mut rows = project_rows(&first);
    let mut second = forms[0].clone();
    second.project.name = "第二个项目".to_string();
    rows.extend(project_rows(&second));
    let path = write(
        dir.path(),
        "system.xlsx",
        &system_xlsx(&rows, profile, "绩效指标").expect("system table"),
    );
    let back = documents(&path);
    assert_eq!(back.len(), 2, "{back:?}");
    for (doc, form) in back.iter().zip([&first, &second]) {
        let Document::Project(got) = doc else {
            panic!("{doc:?}");
        };
        assert_eq!(got.project.name, form.project.name);
        assert_eq!(got.indicators.len(), form.indicators.len());
        for (g, w) in got.indicators.iter().zip(&form.indicators) {
            assert_eq!(
                (
                    &g.level1,
                    &g.level2,
                    &g.name,
                    &g.annual_value.kind,
                    &g.weight
                ),
                (
                    &w.level1,
                    &w.level2,
                    &w.name,
                    &w.annual_value.kind,
                    &w.weight
                ),
                "{}",
                w.name
            );
            assert_eq!(g.annual_value, w.annual_value, "{}", w.name);
            assert_eq!(g.explanation, w.explanation, "{}", w.name);
        }
    }
}

#[test]
fn the_sichuan_profile_reads_back_with_money_in_yuan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = Profile::get(Some("sichuan")).expect("sichuan");
    let form = project_form();
    let bytes = document_xlsx(
        &Document::Project(form.clone()),
        OutputLayout::System(profile),
        &ExportOptions::default(),
    )
    .expect("system table");
    let path = write(dir.path(), "sichuan.xlsx", &bytes);
    // The table holds 元 (814.00 万元 → 8,140,000.00); the form reads back in its own 万元.
    let mut book = crate::export_support::open(&bytes);
    let range = book.worksheet_range(&profile.sheet).expect("sheet");
    let budget_col = profile
        .columns
        .iter()
        .position(|c| c.header == "预算数")
        .expect("预算数 column") as u32;
    let header_row = (0..range.height() as u32)
        .find(|r| {
            range
                .get_value((*r, budget_col))
                .is_some_and(|d| d.to_string() == "预算数")
        })
        .expect("header row");
    assert_eq!(
        range.get_value((header_row + 1, budget_col)).cloned(),
        Some(calamine::Data::Float(8_140_000.0))
    );
    let back = project(&path);
    assert_eq!(back.project.name, form.project.name);
    assert_eq!(back.funds.unit, "万元");
    assert_eq!(
        back.funds.total.map(|d| d.to_string()).as_deref(),
        Some("814.00")
    );
    assert_eq!(json(&back), json(&form));
}

#[test]
fn the_real_sichuan_export_written_in_its_profile_reads_back_identically() {
    // shared/realworld/03: two projects of 井研县马踏镇, money in 元, the department's 预算数
    // on its own line. Read → written with the sichuan profile → read: the same forms.
    let real = crate::common::root()
        .join("tests/data/realworld/03_sichuan_jingyan_mata_2023_project_export.xlsx");
    let forms = documents(&real);
    assert_eq!(forms.len(), 2);
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = jixiao::write::documents_xlsx(
        &forms,
        OutputLayout::System(Profile::get(Some("sichuan")).expect("sichuan")),
        &ExportOptions::default(),
    )
    .expect("system table");
    let path = write(dir.path(), "sichuan.xlsx", &bytes);
    assert_eq!(json(&documents(&path)), json(&forms));
}

#[test]
fn real_forms_round_trip_through_the_canonical_layouts_with_their_optional_columns() {
    // Hunan's department form (部门职责, 指标值类型, 指标解释, 评(扣)分标准 columns) and Hubei's
    // project form come back exactly; Hubei's 2021 department form keeps its year, which the
    // canonical title then prints — （2021年度） — while the title reads back as it was.
    let dir = tempfile::tempdir().expect("tempdir");
    let data = crate::common::root().join("tests/data/realworld");
    for (name, title) in [
        ("01_hunan_yueyanglou_jiage_2023_dept", None),
        ("09_hubei_ezhou_binhu_2022_project", None),
        (
            "10_hubei_guangshui_zfb_2021_dept",
            Some("部门整体支出绩效目标申报表（2021年度）"),
        ),
    ] {
        let forms = documents(&data.join(format!("{name}.xlsx")));
        assert_eq!(forms.len(), 1, "{name}");
        let bytes = document_xlsx(
            &forms[0],
            OutputLayout::Canonical,
            &ExportOptions::default(),
        )
        .expect("export");
        let path = write(dir.path(), &format!("{name}.xlsx"), &bytes);
        if let Some(title) = title {
            let strings = crate::export_support::zip_part(&bytes, "xl/sharedStrings.xml");
            assert!(strings.contains(title), "{name}: prints {title}");
        }
        assert_eq!(json(&documents(&path)[0]), json(&forms[0]), "{name}");
    }
    let hunan = documents(&data.join("01_hunan_yueyanglou_jiage_2023_dept.xlsx"));
    let Document::Department(form) = &hunan[0] else {
        panic!("Hunan's is a department form");
    };
    assert!(!form.duties.is_empty());
    assert!(form.indicators.iter().any(|i| i.standard.is_some()));
}

#[test]
fn edits_made_in_libreoffice_to_a_project_form_are_exactly_what_import_sees() {
    // tests/lo/edit.py (LibreOffice through UNO): insert an indicator inside the merged 数量指标
    // block, change one 指标值, delete an indicator row, save as xlsx.
    let dir = tempfile::tempdir().expect("tempdir");
    let form = project_form();
    let canonical = write(
        dir.path(),
        "canonical.xlsx",
        &export_project_xlsx(&form, &ExportOptions::default()).expect("export"),
    );
    let after = &form.indicators[0];
    let changed = &form.indicators[2];
    let deleted = &form.indicators[4];
    let edits = serde_json::json!([
        {"op": "insert_row_after", "row_of": after.name, "cells": {
            "三级指标": "新增巡检次数", "指标值": "≥12次"}},
        {"op": "set", "row_of": changed.name, "column_of": "指标值", "value": "≥95%"},
        {"op": "delete_row", "row_of": deleted.name},
    ]);
    let edits_path = dir.path().join("edits.json");
    std::fs::write(&edits_path, edits.to_string()).expect("write edits");
    let edited = dir.path().join("edited.xlsx");
    let out = std::process::Command::new("/usr/bin/python3")
        .arg(crate::common::root().join("tests/lo/edit.py"))
        .args([&canonical, &edited, &edits_path])
        .output()
        .expect("run tests/lo/edit.py (python3-uno and LibreOffice)");
    assert!(
        out.status.success() && edited.exists(),
        "edit.py: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut expected = form.clone();
    expected.indicators.insert(
        1,
        jixiao::model::Indicator {
            level1: after.level1.clone(),
            level2: after.level2.clone(),
            name: "新增巡检次数".to_string(),
            annual_value: value("≥12次"),
            ..Default::default()
        },
    );
    expected.indicators[3].annual_value = value("≥95%");
    expected.indicators.remove(5);
    assert_eq!(json(&project(&edited)), json(&expected));
}
