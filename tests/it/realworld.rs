//! Every real form in tests/data/realworld/ imports with every fact of its `.expected.json`.
//!
//! The facts: the department (or one of `accept_department`), the year, the money unit and
//! figures by label, the goals, each indicator's 一级 / 二级 / 三级 and its target text (or one
//! of `accept`), the 实际完成值 of a self-evaluation, and nothing else: the count of indicators
//! is exact, and the template's placeholder rows are not among them.
//!
//! Where a fact lives differs by kind: the department of a project form is its
//! `project.department`; a self-evaluation's is its 主管部门 (`department`), or its 实施单位
//! (`unit`) when the form leaves 主管部门 blank, as Anhui's does.

use std::path::{Path, PathBuf};

use jixiao::model::Document;
use jixiao::read::{open_documents, ImportOptions};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::common::root;

fn folder() -> PathBuf {
    root().join("tests/data/realworld")
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn decimal(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|e| panic!("expected file holds a bad number {text:?}: {e}"))
}

/// One indicator of any kind, as the facts compare it.
struct Row<'a> {
    level1: &'a str,
    level2: &'a str,
    name: &'a str,
    value: &'a str,
    actual: Option<&'a str>,
}

fn rows(documents: &[Document]) -> Vec<Row<'_>> {
    let mut out = Vec::new();
    for document in documents {
        match document {
            Document::Department(form) => out.extend(form.indicators.iter().map(|i| Row {
                level1: &i.level1,
                level2: &i.level2,
                name: &i.name,
                value: &i.annual_value.text,
                actual: None,
            })),
            Document::Project(form) => out.extend(form.indicators.iter().map(|i| Row {
                level1: &i.level1,
                level2: &i.level2,
                name: &i.name,
                value: &i.annual_value.text,
                actual: None,
            })),
            Document::SelfEvaluation(form) => out.extend(form.indicators.iter().map(|i| Row {
                level1: &i.level1,
                level2: &i.level2,
                name: &i.name,
                value: &i.annual_value.text,
                actual: Some(&i.actual_value.text),
            })),
        }
    }
    out
}

fn department_of(document: &Document) -> Vec<&str> {
    match document {
        Document::Department(form) => vec![&form.department],
        Document::Project(form) => vec![&form.project.department],
        Document::SelfEvaluation(form) if form.department.is_empty() => vec![&form.unit],
        Document::SelfEvaluation(form) => vec![&form.department],
    }
}

fn year_of(document: &Document) -> Option<u32> {
    match document {
        Document::Department(form) => form.year,
        Document::Project(form) => form.year,
        Document::SelfEvaluation(form) => form.year,
    }
}

fn unit_of(document: &Document) -> &str {
    match document {
        Document::Department(form) => &form.budget.unit,
        Document::Project(form) => &form.funds.unit,
        Document::SelfEvaluation(form) => &form.budget_execution.unit,
    }
}

/// The figure the expected file names by `label`, wherever the kind keeps it.
fn figure(documents: &[Document], label: &str) -> Option<Decimal> {
    for document in documents {
        let found = match document {
            Document::Department(form) => {
                let json = serde_json::to_value(&form.budget).expect("budget json");
                json.get(label).and_then(Value::as_str).map(decimal)
            }
            Document::Project(form) => match label {
                "合计" | "资金总额" => form.funds.total,
                "部门预算数" => form.funds.department_total,
                "财政拨款" => form.funds.fiscal,
                name if form.project.name == name => form.funds.total,
                name => form
                    .funds
                    .items
                    .iter()
                    .find(|item| item.label == name)
                    .and_then(|item| item.amount),
            },
            Document::SelfEvaluation(form) => match label {
                "年初预算数" => form.budget_execution.initial,
                "全年预算数" => form.budget_execution.adjusted,
                "全年执行数" => form.budget_execution.executed,
                _ => None,
            },
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn goals_of(documents: &[Document]) -> Vec<&str> {
    let mut out = Vec::new();
    for document in documents {
        match document {
            Document::Department(form) => out.extend(form.overall_goals.iter().map(String::as_str)),
            Document::Project(form) => out.extend(
                form.goals
                    .overall
                    .iter()
                    .chain(&form.goals.annual)
                    .map(String::as_str),
            ),
            Document::SelfEvaluation(form) => {
                out.extend(form.goals.planned.iter().map(String::as_str))
            }
        }
    }
    out
}

/// Every fact of one expected file; the failures, one line each.
fn check_facts(expected_path: &Path) -> Vec<String> {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(expected_path).expect("expected file reads"))
            .expect("expected file is JSON");
    let stem = expected_path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".expected.json"))
        .expect("named *.expected.json");
    let workbook = expected_path.with_file_name(format!("{stem}.xlsx"));
    assert!(
        workbook.is_file(),
        "{}: its workbook {} is missing",
        expected_path.display(),
        workbook.display()
    );
    let documents: Vec<Document> = match open_documents(&workbook, &ImportOptions::default()) {
        Ok(found) => found.into_iter().map(|d| d.document).collect(),
        Err(e) => return vec![format!("{stem}: does not import: {e}")],
    };
    let mut failures = Vec::new();
    let mut fail = |what: String| failures.push(format!("{stem}: {what}"));

    let mut departments = strings(expected.get("accept_department"));
    departments.push(
        expected["department"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    );
    for document in &documents {
        let found = department_of(document);
        if !found
            .iter()
            .any(|d| departments.iter().any(|want| want == d))
        {
            fail(format!("department {found:?}, want one of {departments:?}"));
        }
    }
    if let Some(year) = expected.get("year").and_then(Value::as_u64) {
        for document in &documents {
            if year_of(document).map(u64::from) != Some(year) {
                fail(format!("year {:?}, want {year}", year_of(document)));
            }
        }
    }
    if let Some(unit) = expected.get("budget_unit").and_then(Value::as_str) {
        for document in &documents {
            if unit_of(document) != unit {
                fail(format!("money unit {:?}, want {unit:?}", unit_of(document)));
            }
        }
    }
    if let Some(budget) = expected.get("budget").and_then(Value::as_object) {
        for (label, want) in budget {
            let want = decimal(want.as_str().unwrap_or_default());
            match figure(&documents, label) {
                Some(got) if got == want => {}
                got => fail(format!("figure {label}: {got:?}, want {want}")),
            }
        }
    }
    let goals = goals_of(&documents);
    for want in strings(expected.get("goals")) {
        if !goals.contains(&want.as_str()) {
            fail(format!("goal {want:?} not among {goals:?}"));
        }
    }
    let found = rows(&documents);
    let wanted = expected["indicators"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if found.len() != wanted.len() {
        let names: Vec<&str> = found.iter().map(|r| r.name).collect();
        fail(format!(
            "{} indicators imported, want {}: {names:?}",
            found.len(),
            wanted.len()
        ));
    }
    for want in &wanted {
        let name = want["name"].as_str().unwrap_or_default();
        let level2 = want["level2"].as_str().unwrap_or_default();
        let Some(row) = found.iter().find(|r| r.name == name && r.level2 == level2) else {
            fail(format!("indicator {level2}/{name} not imported"));
            continue;
        };
        let mut level1 = strings(want.get("accept_level1"));
        level1.push(want["level1"].as_str().unwrap_or_default().to_string());
        if !level1.iter().any(|l| l == row.level1) {
            fail(format!(
                "{name}: 一级指标 {:?}, want one of {level1:?}",
                row.level1
            ));
        }
        let mut values = strings(want.get("accept"));
        values.push(want["value"].as_str().unwrap_or_default().to_string());
        if !values.iter().any(|v| v == row.value) {
            fail(format!(
                "{name}: value {:?}, want one of {values:?}",
                row.value
            ));
        }
        if let Some(actual) = want.get("actual").and_then(Value::as_str) {
            if row.actual != Some(actual) {
                fail(format!(
                    "{name}: 实际完成值 {:?}, want {actual:?}",
                    row.actual
                ));
            }
        }
    }
    for placeholder in strings(expected.get("placeholder_rows")) {
        if found.iter().any(|r| r.name == placeholder) {
            fail(format!(
                "the placeholder row {placeholder:?} was imported as an indicator"
            ));
        }
    }
    failures
}

#[test]
fn every_real_form_imports_with_all_its_facts() {
    let mut expected: Vec<PathBuf> = std::fs::read_dir(folder())
        .expect("tests/data/realworld/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    expected.sort();
    assert!(
        expected.len() >= 5,
        "only {} expected files",
        expected.len()
    );
    let failures: Vec<String> = expected.iter().flat_map(|p| check_facts(p)).collect();
    assert!(
        failures.is_empty(),
        "{} facts wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_flat_export_reads_as_one_project_form_per_project() {
    let path = folder().join("03_sichuan_jingyan_mata_2023_project_export.xlsx");
    let documents = open_documents(&path, &ImportOptions::default()).expect("imports");
    let names: Vec<&str> = documents
        .iter()
        .map(|d| d.document.display_name())
        .collect();
    assert_eq!(names, ["村组干部报酬", "基层组织活动经费"]);
    let out = crate::common::jixiao(&["import".as_ref(), path.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let array = json.as_array().expect("several forms print as an array");
    assert_eq!(array.len(), 2);
    assert_eq!(array[0]["format"], "jixiao/project-form@1");
    assert_eq!(array[0]["funds"]["unit"], "元");
}
