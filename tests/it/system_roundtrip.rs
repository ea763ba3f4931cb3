//! The budget system's flat table for each target kind: import(export --layout system (f)) = f
//! for a department form (its header, budget, goals and key tasks on the two sheets beside the
//! indicator table, money exact between 元 and 万元); a project form keeps what the table holds;
//! many forms of both kinds in one table read back as those forms, in order.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use jixiao::model::{Document, Form};
use jixiao::read::{open_documents, ImportOptions};
use jixiao::write::system::Profile;
use jixiao::write::{documents_xlsx, ExportOptions, OutputLayout};

use crate::export_project::project_form;
use crate::export_support::{open, seed_form, value};

fn json<T: serde::Serialize>(x: &T) -> serde_json::Value {
    serde_json::to_value(x).expect("serialises")
}

/// The paths where two JSON values differ, with both sides (a short message for big forms).
fn differences(a: &serde_json::Value, b: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let null = Value::Null;
                let (l, r) = (x.get(key).unwrap_or(&null), y.get(key).unwrap_or(&null));
                differences(l, r, &format!("{at}.{key}"), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (l, r)) in x.iter().zip(y).enumerate() {
                differences(l, r, &format!("{at}[{i}]"), out);
            }
        }
        _ if a != b => out.push(format!("{at}: {a} ≠ {b}")),
        _ => {}
    }
}

fn assert_same<T: serde::Serialize>(got: &T, want: &T, what: &str) {
    let mut out = Vec::new();
    differences(&json(got), &json(want), "", &mut out);
    assert!(
        out.is_empty(),
        "{what}: read ≠ written at\n{}",
        out.join("\n")
    );
}

fn documents(path: &Path) -> Vec<Document> {
    open_documents(path, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("import {}: {e}", path.display()))
        .into_iter()
        .map(|d| d.document)
        .collect()
}

fn system(dir: &Path, name: &str, forms: &[Document], profile: &str) -> PathBuf {
    let profile = Profile::get(Some(profile)).expect("profile");
    let bytes = documents_xlsx(
        forms,
        OutputLayout::System(profile),
        &ExportOptions::default(),
    )
    .expect("system table");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// The seed, with what the canonical form can hold beyond it: a year, 部门职责, 基本信息,
/// an indicator whose 实施周期指标值 differs (one blank), the optional columns with several
/// lines, a task without funds.
fn rich_department() -> Form {
    let mut form = seed_form();
    form.title = "广州市工业和信息化局2024年部门整体预算绩效目标申报表".to_string();
    form.year = Some(2024);
    form.duties =
        "贯彻执行国家和省有关工业和信息化发展的方针政策。\n拟订全市工业发展规划。".to_string();
    form.basic_info.staff_count = Some(312);
    form.basic_info.subordinate_units = Some(4);
    form.other_tasks = "完成市委市政府交办的其他任务".to_string();
    form.key_tasks[1].funds = None;
    form.indicators[0].period_value = value("约100家");
    form.indicators[0].annual_value = value("约100家（以省下达通知为准）");
    form.indicators[1].period_value = value("");
    form.indicators[2].standard = Some("每少1家扣1分\n未完成不得分".to_string());
    form.indicators[2].remark = Some("按季度考核".to_string());
    form.indicators[3].value_type = Some("定量".to_string());
    form.indicators[3].explanation = Some("按工信部口径\n统计".to_string());
    form.indicators[4].weight = Some("10".parse().expect("decimal"));
    form.indicators[4].direction = Some("反向".to_string());
    form
}

fn in_yuan(mut form: Form) -> Form {
    form.department = "广州市某区工业和信息化局".to_string();
    form.budget.unit = "元".to_string();
    form.budget.basic_expenditure = Some("8827620.53".parse().expect("decimal"));
    form.budget.special_funds = Some("100".parse().expect("decimal"));
    form.key_tasks.truncate(1);
    form.key_tasks[0].funds = Some("3309840.00".parse().expect("decimal"));
    form
}

#[test]
fn a_department_form_reads_back_from_the_system_table_in_every_profile() {
    let dir = tempfile::tempdir().expect("tempdir");
    for profile in Profile::ids() {
        for (n, form) in [seed_form(), rich_department(), in_yuan(rich_department())]
            .into_iter()
            .enumerate()
        {
            let path = system(
                dir.path(),
                &format!("{profile}-{n}.xlsx"),
                &[Document::Department(form.clone())],
                profile,
            );
            match documents(&path).as_slice() {
                [Document::Department(back)] => {
                    assert_same(back, &form, &format!("{profile} form {n}"))
                }
                other => panic!("{profile} form {n}: not one department form: {other:?}"),
            }
        }
    }
}

#[test]
fn the_department_sheet_holds_money_in_yuan_exactly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = system(
        dir.path(),
        "dept.xlsx",
        &[Document::Department(seed_form())],
        "default",
    );
    let mut book = open(&std::fs::read(&path).expect("written"));
    assert_eq!(
        book.sheet_names(),
        ["绩效指标", "部门整体情况", "年度重点工作任务"]
    );
    let range = book.worksheet_range("部门整体情况").expect("sheet");
    let at = |r: u32, c: u32| range.get_value((r, c)).cloned();
    assert_eq!(at(0, 0), Some(Data::String("金额单位:元".to_string())));
    let headers: Vec<String> = (0..range.width() as u32)
        .map(|c| at(1, c).map(|d| d.to_string()).unwrap_or_default())
        .collect();
    let col = |h: &str| headers.iter().position(|x| x == h).expect(h) as u32;
    // 14737.75 万元 → 147,377,500.00 元; 218602.50 万元 → 2,186,025,000.00 元.
    assert_eq!(at(2, col("基本支出")), Some(Data::Float(147_377_500.0)));
    assert_eq!(at(2, col("财政拨款")), Some(Data::Float(2_186_025_000.0)));
    assert_eq!(
        at(2, col("原表金额单位")),
        Some(Data::String("万元".to_string()))
    );
    let tasks = book.worksheet_range("年度重点工作任务").expect("sheet");
    assert_eq!(tasks.height(), 2 + seed_form().key_tasks.len());
}

#[test]
fn many_forms_of_both_kinds_in_one_table_read_back_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut second_project = project_form();
    second_project.project.name = "第二个项目".to_string();
    let mut without_indicators = in_yuan(rich_department());
    without_indicators.department = "没有指标的部门".to_string();
    without_indicators.indicators.clear();
    let forms = vec![
        Document::Department(rich_department()),
        Document::Project(project_form()),
        Document::Department(in_yuan(rich_department())),
        Document::Project(second_project),
        Document::Department(without_indicators),
    ];
    for profile in Profile::ids() {
        let path = system(dir.path(), &format!("{profile}.xlsx"), &forms, profile);
        let back = documents(&path);
        assert_eq!(back.len(), forms.len(), "{profile}: {back:?}");
        for (n, (got, want)) in back.iter().zip(&forms).enumerate() {
            match (got, want) {
                (Document::Department(g), Document::Department(w)) => {
                    assert_same(g, w, &format!("{profile} form {n}"))
                }
                (Document::Project(g), Document::Project(w)) => {
                    assert_eq!(g.project.name, w.project.name, "{profile} form {n}");
                    let names = |f: &jixiao::model::ProjectForm| {
                        f.indicators
                            .iter()
                            .map(|i| i.name.clone())
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(names(g), names(w), "{profile} form {n}");
                }
                _ => panic!("{profile} form {n}: kind {got:?} for {want:?}"),
            }
        }
    }
}

#[test]
fn a_libreoffice_resaved_department_table_reads_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let form = in_yuan(rich_department());
    let path = system(
        dir.path(),
        "dept.xlsx",
        &[Document::Department(form.clone())],
        "default",
    );
    let out = dir.path().join("resaved");
    std::fs::create_dir(&out).expect("dir");
    crate::common::libreoffice_convert(&[path], "xlsx", &out);
    match documents(&out.join("dept.xlsx")).as_slice() {
        [Document::Department(back)] => assert_same(back, &form, "resaved"),
        other => panic!("not one department form: {other:?}"),
    }
}

#[test]
fn a_title_is_verbatim_through_any_number_of_round_trips() {
    // The sheet prints （2024年度） after a title that does not say its year; the JSON keeps
    // the title as it was, round trip after round trip, and the file stays the same.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut department = seed_form();
    department.year = Some(2024);
    let mut said = department.clone();
    said.title = "广州市工业和信息化局2024年部门整体预算绩效目标申报表".to_string();
    let mut project = project_form();
    project.title = "项目支出绩效目标申报表".to_string();
    let forms = [
        Document::Department(department),
        Document::Department(said),
        Document::Project(project),
    ];
    for (n, form) in forms.iter().enumerate() {
        let mut current = form.clone();
        let mut first_bytes = None;
        for round in 0..3 {
            let bytes = jixiao::write::document_xlsx(
                &current,
                OutputLayout::Canonical,
                &ExportOptions::default(),
            )
            .expect("export");
            let path = dir.path().join(format!("f{n}-{round}.xlsx"));
            std::fs::write(&path, &bytes).expect("write");
            let sheet = crate::export_support::zip_part(&bytes, "xl/sharedStrings.xml");
            assert!(
                sheet.contains("2024年") || sheet.contains("2022年"),
                "form {n}: the year is printed"
            );
            match (documents(&path).as_slice(), form) {
                ([Document::Department(got)], Document::Department(want)) => {
                    assert_eq!(got.title, want.title, "form {n} round {round}");
                    assert_eq!(got.year, want.year);
                }
                ([Document::Project(got)], Document::Project(want)) => {
                    assert_eq!(got.title, want.title, "form {n} round {round}");
                    assert_eq!(got.year, want.year);
                }
                (other, _) => panic!("form {n}: {other:?}"),
            }
            current = documents(&path).remove(0);
            assert_same(&current, form, &format!("form {n} round {round}"));
            match &first_bytes {
                None => first_bytes = Some(bytes),
                Some(first) => {
                    assert!(*first == bytes, "form {n}: round {round} wrote other bytes")
                }
            }
        }
    }
}

/// An amount in 元 with more digits than an xlsx number keeps is written as its text and reads
/// back exactly, as in the canonical layout.
#[test]
fn money_a_number_cannot_carry_reads_back_exactly_from_the_system_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut form = seed_form();
    form.budget.basic_expenditure = Some("12345678901234.5678".parse().expect("decimal"));
    let path = system(
        dir.path(),
        "long-money.xlsx",
        &[Document::Department(form.clone())],
        "default",
    );
    match documents(&path).as_slice() {
        [Document::Department(back)] => assert_eq!(
            back.budget.basic_expenditure.map(|d| d.to_string()),
            Some("12345678901234.5678".to_string())
        ),
        other => panic!("not one department form: {other:?}"),
    }
}
