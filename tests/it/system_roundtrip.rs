//! The budget system's flat table for each target kind: import(export --layout system (f)) = f
//! for a department form (its header, budget, goals and key tasks on the two sheets beside the
//! indicator table, money exact between 元 and 万元) and for a project form (its header, funds
//! and goals on the project sheet), the real project forms included, also after LibreOffice
//! re-saves the table; many forms of both kinds in one table read back as those forms, in order.

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
                    assert_same(g, w, &format!("{profile} form {n}"))
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

/// The sample project with what its header and indicators can hold beyond it: money in 元 with
/// a department total, a funds line without an amount, two overall goals, 实施周期指标值 equal
/// to the 年度 value (the case the flat table used to lose), different, and blank; an
/// indicator with its own 指标方向 and one whose value implies none.
fn rich_project() -> jixiao::model::ProjectForm {
    let mut form = project_form();
    form.funds.unit = "元".to_string();
    form.funds.total = Some("8140000.00".parse().expect("decimal"));
    form.funds.fiscal = Some("8140000.00".parse().expect("decimal"));
    form.funds.other = Some("0".parse().expect("decimal"));
    form.funds.carryover = Some("12.5".parse().expect("decimal"));
    form.funds.department_total = Some("8827620.53".parse().expect("decimal"));
    form.funds.items.push(jixiao::model::FundItem {
        label: "其他：未定".to_string(),
        amount: None,
    });
    form.goals.overall.push("第二条总体目标".to_string());
    for (n, indicator) in form.indicators.iter_mut().enumerate() {
        indicator.period_value = match n {
            0 => indicator.annual_value.clone(),
            1 => value("≥600次"),
            _ => value(""),
        };
    }
    form.indicators[2].direction = Some("正向".to_string());
    form.project.name = "办公大楼运行维护经费（全）".to_string();
    form
}

/// The project forms of samples' kind and the real ones that import as project forms (Hubei's
/// form, each project of Sichuan's export).
fn project_forms() -> Vec<(String, Document)> {
    let mut forms = vec![
        ("sample".to_string(), Document::Project(project_form())),
        ("rich".to_string(), Document::Project(rich_project())),
    ];
    let mut in_wan = rich_project();
    in_wan.funds.unit = "万元".to_string();
    in_wan.funds.total = Some("814.00".parse().expect("decimal"));
    in_wan.funds.items[0].amount = Some("120.5".parse().expect("decimal"));
    in_wan.project.department.clear();
    in_wan.project.name = "办公大楼运行维护经费（万元）".to_string();
    forms.push(("rich in 万元".to_string(), Document::Project(in_wan)));
    for name in [
        "09_hubei_ezhou_binhu_2022_project.xlsx",
        "03_sichuan_jingyan_mata_2023_project_export.xlsx",
    ] {
        let path = crate::common::root()
            .join("tests/data/realworld")
            .join(name);
        let read = documents(&path);
        assert!(!read.is_empty(), "{name}");
        for (n, d) in read.into_iter().enumerate() {
            assert!(matches!(d, Document::Project(_)), "{name} form {n}");
            forms.push((format!("{name} form {n}"), d));
        }
    }
    forms
}

#[test]
fn a_project_form_reads_back_from_the_system_table_in_every_profile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let forms = project_forms();
    for profile in Profile::ids() {
        for (n, (what, form)) in forms.iter().enumerate() {
            let path = system(
                dir.path(),
                &format!("{profile}-{n}.xlsx"),
                std::slice::from_ref(form),
                profile,
            );
            match documents(&path).as_slice() {
                [back] => assert_same(back, form, &format!("{profile}: {what}")),
                other => panic!("{profile}: {what}: not one form: {other:?}"),
            }
        }
        // All of them in one table: the real export's projects share a unit and a total.
        let all: Vec<Document> = forms.iter().map(|(_, d)| d.clone()).collect();
        let path = system(dir.path(), &format!("{profile}-all.xlsx"), &all, profile);
        let back = documents(&path);
        assert_eq!(back.len(), all.len(), "{profile}: all");
        for (n, (got, want)) in back.iter().zip(&all).enumerate() {
            assert_same(got, want, &format!("{profile}: all, form {n}"));
        }
    }
}

#[test]
fn the_project_sheet_holds_money_in_yuan_exactly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = system(
        dir.path(),
        "project.xlsx",
        &[Document::Project(project_form())],
        "default",
    );
    let mut book = open(&std::fs::read(&path).expect("written"));
    assert_eq!(book.sheet_names(), ["绩效指标", "项目基本情况"]);
    let range = book.worksheet_range("项目基本情况").expect("sheet");
    let at = |r: u32, c: u32| range.get_value((r, c)).cloned();
    let headers: Vec<String> = (0..range.width() as u32)
        .map(|c| at(1, c).map(|d| d.to_string()).unwrap_or_default())
        .collect();
    let col = |h: &str| headers.iter().position(|x| x == h).expect(h) as u32;
    // 814.00 万元 → 8,140,000.00 元; the funds line 120.50 万元 → 1205000.00 元.
    assert_eq!(at(2, col("资金总额")), Some(Data::Float(8_140_000.0)));
    assert_eq!(
        at(2, col("资金明细")),
        Some(Data::String("保安服务费：1205000.00".to_string()))
    );
    assert_eq!(
        at(2, col("实施单位")),
        Some(Data::String("鄂州市滨湖机关事务服务中心".to_string()))
    );
    assert_eq!(
        at(2, col("项目属性")),
        Some(Data::String("延续项目".to_string()))
    );
    assert_eq!(
        at(2, col("原表金额单位")),
        Some(Data::String("万元".to_string()))
    );
}

#[test]
fn a_libreoffice_resaved_project_table_reads_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let forms = project_forms();
    let mut written = Vec::new();
    for profile in Profile::ids() {
        let all: Vec<Document> = forms.iter().map(|(_, d)| d.clone()).collect();
        written.push(system(
            dir.path(),
            &format!("{profile}.xlsx"),
            &all,
            profile,
        ));
    }
    let out = dir.path().join("resaved");
    std::fs::create_dir(&out).expect("dir");
    crate::common::libreoffice_convert(&written, "xlsx", &out);
    for profile in Profile::ids() {
        let back = documents(&out.join(format!("{profile}.xlsx")));
        assert_eq!(back.len(), forms.len(), "{profile}: resaved");
        for (got, (what, want)) in back.iter().zip(&forms) {
            assert_same(got, want, &format!("{profile}: resaved {what}"));
        }
    }
}

/// `bytes` (an xlsx) with the cell `cell` of its first sheet holding the text `text` instead:
/// one cell edited, every other byte of the sheet as written.
fn with_cell_edited(bytes: &[u8], cell: &str, text: &str) -> Vec<u8> {
    with_sheet_cell_edited(bytes, 1, cell, text)
}

/// [`with_cell_edited`] on the `n`th sheet (from 1).
fn with_sheet_cell_edited(bytes: &[u8], n: usize, cell: &str, text: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().map(|n| n.to_string()).expect("entry name");
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("read entry");
        if name == format!("xl/worksheets/sheet{n}.xml") {
            let xml = String::from_utf8(content).expect("utf-8");
            let start = xml
                .find(&format!("<c r=\"{cell}\""))
                .unwrap_or_else(|| panic!("{cell} in the sheet"));
            let end = start + xml[start..].find("</c>").expect("cell end") + "</c>".len();
            let open = &xml[start..start + xml[start..].find('>').expect("tag end")];
            let style = open
                .split(' ')
                .find(|a| a.starts_with("s="))
                .map(|s| format!(" {s}"))
                .unwrap_or_default();
            let edited = format!(
                "{}<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{text}</t></is></c>{}",
                &xml[..start],
                &xml[end..]
            );
            content = edited.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start entry");
        out.write_all(&content).expect("write entry");
    }
    out.finish().expect("zip").into_inner()
}

fn diff_json(old: &Path, new: &Path) -> (Option<i32>, serde_json::Value) {
    let out = crate::common::jixiao(&[
        "diff",
        &old.to_string_lossy(),
        &new.to_string_lossy(),
        "--format",
        "json",
    ]);
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "diff output: {e}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), json)
}

#[test]
fn diff_reads_a_department_system_table_on_either_side() {
    let dir = tempfile::tempdir().expect("tempdir");
    let form = crate::common::sample("seed-legacy.xlsx");
    let table = dir.path().join("seed-system.xlsx");
    let out = crate::common::jixiao(&[
        "convert",
        &form.to_string_lossy(),
        "--layout",
        "system",
        "-o",
        &table.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (old, new) in [(&form, &table), (&table, &form)] {
        let (code, json) = diff_json(old, new);
        assert_eq!(
            code,
            Some(0),
            "{} → {}: {json}",
            old.display(),
            new.display()
        );
        assert_eq!(json["changes"].as_array().map(Vec::len), Some(0));
    }

    // One cell edited: 降低融资成本中小微企业受益家数's 指标值 700 → 800.
    let bytes = std::fs::read(&table).expect("table");
    let mut book = open(&bytes);
    let range = book.worksheet_range("绩效指标").expect("sheet");
    let (top, left) = range.start().expect("cells");
    let find = |text: &str| {
        range
            .cells()
            .find(|(_, _, d)| d.to_string() == text)
            .map(|(r, c, _)| (r as u32 + top, c as u32 + left))
            .unwrap_or_else(|| panic!("{text} in the table"))
    };
    let letter = |col: u32| {
        assert!(col < 26);
        (b'A' + col as u8) as char
    };
    let (row, _) = find("降低融资成本中小微企业受益家数");
    let (_, col) = find("指标值");
    let cell = format!("{}{}", letter(col), row + 1);
    // The value is the three cells 计算符号 | 指标值 | 计量单位.
    let value_cells = format!(
        "绩效指标!{}{}:{}{}",
        letter(find("计算符号").1),
        row + 1,
        letter(find("计量单位").1),
        row + 1
    );
    let edited = dir.path().join("edited.xlsx");
    std::fs::write(&edited, with_cell_edited(&bytes, &cell, "800")).expect("write");
    let (code, json) = diff_json(&table, &edited);
    assert_eq!(code, Some(1), "{json}");
    let changes = json["changes"].as_array().expect("changes");
    let at = "indicators[产出指标/数量指标/降低融资成本中小微企业受益家数]";
    let summary: Vec<(&str, String)> = changes
        .iter()
        .map(|c| {
            (
                c["change"].as_str().unwrap_or_default(),
                c["path"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    // The table's one value cell is both values when it does not say the 实施周期指标值.
    assert_eq!(
        summary,
        [
            ("changed", format!("{at}.period_value")),
            ("changed", format!("{at}.annual_value")),
        ],
        "{json}"
    );
    for change in changes {
        assert_eq!(change["old"], "≥700家");
        assert_eq!(change["new"], "≥800家");
        assert_eq!(change["new_cell"], value_cells.as_str(), "{json}");
        assert_eq!(change["old_cell"], value_cells.as_str(), "{json}");
    }
}

/// The cell (A1 style) of `sheet` in `bytes` whose column has the header `header`, on the row
/// below the header.
fn cell_under(bytes: &[u8], sheet: &str, header: &str) -> String {
    let mut book = open(bytes);
    let range = book.worksheet_range(sheet).expect("sheet");
    let (top, left) = range.start().expect("cells");
    let (row, col) = range
        .cells()
        .find(|(_, _, d)| d.to_string() == header)
        .map(|(r, c, _)| (r as u32 + top, c as u32 + left))
        .unwrap_or_else(|| panic!("{header} in {sheet}"));
    assert!(col < 26);
    format!("{}{}", (b'A' + col as u8) as char, row + 2)
}

/// Each error of the flat table's side sheets, in both languages, naming the file and the cell.
#[test]
fn the_side_sheets_errors_name_the_cell_in_either_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let department = std::fs::read(system(
        dir.path(),
        "dept.xlsx",
        &[Document::Department(seed_form())],
        "default",
    ))
    .expect("table");
    let project = std::fs::read(system(
        dir.path(),
        "project.xlsx",
        &[Document::Project(project_form())],
        "default",
    ))
    .expect("table");
    let cases = [
        (
            &department,
            2,
            "部门整体情况",
            "年度",
            "年度",
            "二〇二四",
            "「年度」应为整数，实为 \"二〇二四\"",
            "年度 should be a whole number, found \"二〇二四\"",
        ),
        // The first amount that cannot be converted is the error's cell.
        (
            &department,
            2,
            "部门整体情况",
            "原表金额单位",
            "基本支出",
            "千元",
            "金额无法从元换算为原表金额单位千元",
            "cannot be converted from 元 to the form's money unit 千元",
        ),
        (
            &project,
            2,
            "项目基本情况",
            "资金明细",
            "资金明细",
            "保安服务费：一百万",
            "资金明细第1行的金额无法识别：\"保安服务费：一百万\"",
            "the amount on line 1 of the funds lines is not a number: \"保安服务费：一百万\"",
        ),
    ];
    for (n, (bytes, sheet_number, sheet, header, error_header, text, zh, en)) in
        cases.into_iter().enumerate()
    {
        let cell = cell_under(bytes, sheet, header);
        let error_cell = cell_under(bytes, sheet, error_header);
        let path = dir.path().join(format!("bad-{n}.xlsx"));
        std::fs::write(
            &path,
            with_sheet_cell_edited(bytes, sheet_number, &cell, text),
        )
        .expect("write");
        for (lang, want) in [("zh", zh), ("en", en)] {
            let out = crate::common::jixiao(&["--lang", lang, "import", &path.to_string_lossy()]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_ne!(out.status.code(), Some(0), "{lang} case {n}");
            assert!(out.status.code().is_some(), "{lang} case {n}: no panic");
            assert!(stderr.contains(want), "{lang} case {n}: {stderr}");
            assert!(
                stderr.contains(&format!("{sheet}!{error_cell}")),
                "{lang} case {n}: {stderr}"
            );
            assert!(
                stderr.contains(&format!("bad-{n}.xlsx")),
                "{lang} case {n}: {stderr}"
            );
        }
    }
}
