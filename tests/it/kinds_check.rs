//! Check rules per kind: the project form's money, units, deadlines, cost targets and 一级指标;
//! `jixiao check` runs the rules of whatever kind each file holds.

use jixiao::check::check_document;
use jixiao::model::{Document, FundItem, Indicator, ProjectForm, Provenance};
use jixiao::value::parse;
use rust_decimal::Decimal;

fn dec(text: &str) -> Option<Decimal> {
    text.parse().ok()
}

fn indicator(level1: &str, level2: &str, name: &str, value: &str) -> Indicator {
    Indicator {
        level1: level1.into(),
        level2: level2.into(),
        name: name.into(),
        annual_value: parse(value),
        ..Indicator::default()
    }
}

fn complete() -> ProjectForm {
    let mut form = ProjectForm::default();
    form.project.name = "道路养护".into();
    form.project.period = "2024.01-2024.12".into();
    form.funds.unit = "元".into();
    form.funds.total = dec("1000000.00");
    form.funds.fiscal = dec("800000.00");
    form.funds.other = dec("200000.00");
    form.indicators = vec![
        indicator("产出指标", "数量指标", "养护里程", "≥10公里"),
        indicator("产出指标", "成本指标", "养护成本", "≤900000元"),
        indicator("产出指标", "时效指标", "完成时间", "2024年11月30日前"),
        indicator("效益指标", "社会效益指标", "通行条件改善", "明显改善"),
        indicator("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
    ];
    form
}

fn codes(form: ProjectForm) -> Vec<String> {
    check_document(&Document::Project(form), &Provenance::new())
        .into_iter()
        .map(|d| d.code.as_str().to_string())
        .collect()
}

#[test]
fn a_complete_project_form_checks_clean() {
    assert_eq!(codes(complete()), Vec::<String>::new());
}

#[test]
fn the_total_must_be_the_sum_of_its_sources() {
    let mut form = complete();
    form.funds.carryover = dec("50000.00");
    let found = check_document(&Document::Project(form), &Provenance::new());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code.as_str(), "project.funds_mismatch");
    assert!(
        found[0].message.contains("1,050,000.00 元"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_stated_total_against_its_lines() {
    let mut form = complete();
    form.funds.items = vec![
        FundItem {
            label: "人工费".into(),
            amount: dec("600000.00"),
        },
        FundItem {
            label: "材料费".into(),
            amount: dec("300000.00"),
        },
    ];
    assert_eq!(codes(form), ["project.items_mismatch"]);
}

#[test]
fn a_cost_in_wan_yuan_beyond_a_total_in_yuan_is_a_unit_warning() {
    let mut form = complete();
    form.indicators[1] = indicator("产出指标", "成本指标", "养护成本", "≤90万元");
    assert_eq!(
        codes(form.clone()),
        Vec::<String>::new(),
        "90万元 = 900,000 元 fits"
    );
    form.indicators[1] = indicator("产出指标", "成本指标", "养护成本", "≤900000万元");
    assert_eq!(codes(form), ["project.unit_mismatch"]);
}

#[test]
fn deadlines_after_the_project_and_cost_floors_are_warnings() {
    let mut form = complete();
    form.indicators[2] = indicator("产出指标", "时效指标", "完成时间", "2025年3月31日前");
    form.indicators[1] = indicator("产出指标", "成本指标", "养护成本", "≥900000元");
    let mut found = codes(form);
    found.sort();
    assert_eq!(
        found,
        ["project.cost_with_ge", "project.deadline_after_end"]
    );
}

#[test]
fn the_three_level1_must_be_present() {
    let mut form = complete();
    form.indicators.retain(|i| i.level1 == "产出指标");
    assert_eq!(
        codes(form),
        ["project.missing_level1", "project.missing_level1"]
    );
}
