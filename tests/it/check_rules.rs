//! `jixiao::check`: each rule with a form that triggers it and one that does not.
//!
//! Forms are built from tests/data/seed.json (the real seed form, abridged) with explicit,
//! structured indicator values, so these tests do not depend on the value parser.

use jixiao::check::{Diagnostic, Severity};
use jixiao::i18n::{with_lang, Lang};
use jixiao::model::{CellRef, Form, Indicator, KeyTask, Provenance};
use jixiao::value::{Comparison, Deadline, IndicatorValue, Op, Qualitative, Scaled, ValueKind};
use rust_decimal::Decimal;

/// The check, its messages in Chinese (these tests read them).
fn check(form: &Form, cells: &Provenance) -> Vec<Diagnostic> {
    with_lang(Lang::Zh, || jixiao::check::check(form, cells))
}

fn seed() -> Form {
    serde_json::from_str(include_str!("../data/seed.json")).expect("tests/data/seed.json is a form")
}

/// tests/data/broken.json: a form and, under "cells", where each field is.
fn broken() -> (Form, Provenance) {
    let mut value: serde_json::Value = serde_json::from_str(include_str!("../data/broken.json"))
        .expect("tests/data/broken.json is JSON");
    let cells = value
        .as_object_mut()
        .and_then(|o| o.remove("cells"))
        .expect("broken.json has cells");
    let cells: Provenance = serde_json::from_value(cells).expect("cells are a provenance map");
    (
        serde_json::from_value(value).expect("broken.json is a form"),
        cells,
    )
}

/// The seed with the 满意度指标 it lacks: nothing to report.
fn complete() -> Form {
    let mut form = seed();
    form.indicators.push(indicator(
        "满意度指标",
        "服务对象满意度指标",
        "企业满意度",
        cmp("≥90%", Op::Ge, "90", "%"),
    ));
    form
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

fn cmp(text: &str, op: Op, value: &str, unit: &str) -> IndicatorValue {
    IndicatorValue {
        text: text.to_string(),
        kind: ValueKind::Comparison(Comparison {
            op,
            value: dec(value),
            unit: unit.to_string(),
            note: None,
            reference: None,
            scaled: None,
        }),
    }
}

fn qual(text: &str) -> IndicatorValue {
    IndicatorValue {
        text: text.to_string(),
        kind: ValueKind::Qualitative(Qualitative::default()),
    }
}

fn empty() -> IndicatorValue {
    IndicatorValue::default()
}

fn indicator(level1: &str, level2: &str, name: &str, value: IndicatorValue) -> Indicator {
    Indicator {
        level1: level1.to_string(),
        level2: level2.to_string(),
        name: name.to_string(),
        period_value: value.clone(),
        annual_value: value,
        ..Indicator::default()
    }
}

fn with_indicators(indicators: Vec<Indicator>) -> Form {
    let mut form = complete();
    form.indicators.extend(indicators);
    form
}

fn codes(found: &[Diagnostic]) -> Vec<&'static str> {
    found.iter().map(|d| d.code.as_str()).collect()
}

fn with_code<'a>(found: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    found.iter().filter(|d| d.code.as_str() == code).collect()
}

fn family(found: &[Diagnostic], prefix: &str) -> Vec<&'static str> {
    codes(found)
        .into_iter()
        .filter(|c| c.starts_with(prefix))
        .collect()
}

/// `a1` on Sheet1.
fn sheet1(a1: &str) -> CellRef {
    CellRef::parse(&format!("Sheet1!{a1}")).expect("an A1 cell")
}

fn cell(a1: &str) -> Option<CellRef> {
    Some(sheet1(a1))
}

/// The seed's budget cells, as the real form has them.
fn budget_cells() -> Provenance {
    [
        ("budget.basic_expenditure", "C7"),
        ("budget.project_expenditure", "C8"),
        ("budget.special_funds", "C10"),
        ("budget.other_development_expenditure", "C11"),
        ("budget.fiscal_appropriation", "E7"),
        ("budget.other_funds", "E8"),
        ("budget.municipal_level", "E10"),
        ("budget.transfer_to_lower_level", "E11"),
    ]
    .into_iter()
    .map(|(path, a1)| (path.to_string(), sheet1(a1)))
    .collect()
}

// ---- The seed ----

#[test]
fn the_seed_has_exactly_the_missing_satisfaction_warning() {
    let found = check(&seed(), &Provenance::new());
    assert_eq!(codes(&found), ["required.level1"], "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].message, "绩效指标中没有一级指标「满意度指标」");
    assert_eq!(found[0].place, None);
}

#[test]
fn the_seed_key_task_funds_add_up_to_the_development_budget() {
    let total: Decimal = seed().key_tasks.iter().filter_map(|t| t.funds).sum();
    assert_eq!(total, dec("203864.75"));
}

#[test]
fn the_complete_seed_has_nothing_to_report() {
    let found = check(&complete(), &budget_cells());
    assert!(found.is_empty(), "{found:#?}");
}

// ---- Rule 1: budget arithmetic ----

#[test]
fn an_income_total_off_by_2_50_is_an_error_at_the_figures() {
    let mut form = complete();
    form.budget.fiscal_appropriation = Some(dec("218600.00"));
    let found = check(&form, &budget_cells());
    let mismatches = with_code(&found, "budget.total_mismatch");
    assert_eq!(codes(&found), ["budget.total_mismatch"], "{found:#?}");
    let d = mismatches[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(
        d.message,
        "收入来源合计 218,600.00 万元 与 部门预算支出合计 218,602.50 万元 不一致，相差 2.50 万元"
    );
    // The other two totals agree: the income figures alone are where the mistake is.
    assert_eq!(d.place, cell("E7:E8"));
    let hint = d.hint.as_deref().unwrap_or("");
    assert!(
        hint.contains("财政拨款 218,600.00 + 其他资金 0.00"),
        "{hint}"
    );
    assert!(
        hint.contains("按预算级次划分合计 218,602.50 万元"),
        "{hint}"
    );
}

#[test]
fn a_by_level_total_that_differs_points_at_its_own_cells_only() {
    let mut form = complete();
    form.budget.transfer_to_lower_level = Some(dec("59000.00"));
    let found = check(&form, &budget_cells());
    assert_eq!(codes(&found), ["budget.total_mismatch"]);
    assert!(
        found[0]
            .message
            .starts_with("按预算级次划分合计 218,350.50 万元"),
        "{}",
        found[0].message
    );
    assert!(
        found[0].message.ends_with("相差 252.00 万元"),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].place, cell("E10:E11"));
}

#[test]
fn when_all_three_totals_differ_expenditure_is_compared_with_each() {
    let mut form = complete();
    form.budget.fiscal_appropriation = Some(dec("218600.00"));
    form.budget.municipal_level = Some(dec("159350.00"));
    let found = check(&form, &Provenance::new());
    let messages: Vec<&str> = with_code(&found, "budget.total_mismatch")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "部门预算支出合计 218,602.50 万元 与 收入来源合计 218,600.00 万元 不一致，相差 2.50 万元",
            "部门预算支出合计 218,602.50 万元 与 按预算级次划分合计 218,602.00 万元 不一致，相差 0.50 万元",
        ]
    );
}

#[test]
fn a_blank_figure_is_a_warning_and_counts_as_zero() {
    let mut form = complete();
    form.budget.other_funds = None; // was 0.00: the totals still agree
    let found = check(&form, &budget_cells());
    assert_eq!(codes(&found), ["budget.missing_figure"]);
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].message, "预算整体情况中「其他资金」为空");
    assert_eq!(found[0].place, cell("E8"));

    form.budget.basic_expenditure = None;
    let found = check(&form, &budget_cells());
    assert_eq!(
        codes(&found),
        [
            "budget.total_mismatch",
            "budget.missing_figure",
            "budget.missing_figure"
        ]
    );
    let hint = found[0].hint.as_deref().unwrap_or("");
    assert!(hint.contains("基本支出（空白，按 0 计）"), "{hint}");
    assert!(
        found[0].message.contains("相差 14,737.75 万元"),
        "{}",
        found[0].message
    );
}

#[test]
fn an_all_blank_budget_is_one_warning_without_sums() {
    let mut form = complete();
    form.budget = Default::default();
    let found = check(&form, &Provenance::new());
    assert_eq!(family(&found, "budget."), ["budget.empty"], "{found:#?}");
}

// ---- Rule 2: key tasks ----

#[test]
fn key_task_funds_that_do_not_add_up_are_a_warning_with_both_sums() {
    let mut form = complete();
    form.key_tasks[0].funds = Some(dec("31000.00"));
    let mut cells = budget_cells();
    for i in 0..form.key_tasks.len() {
        cells.insert(
            format!("key_tasks[{i}].funds"),
            sheet1(&format!("D{}", 14 + i)),
        );
    }
    let found = check(&form, &cells);
    assert_eq!(codes(&found), ["tasks.funds_mismatch"]);
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(
        found[0].message,
        "年度重点工作任务「拟投入的资金」合计 203,766.70 万元 与 项目支出 + 事业发展性支出 \
         203,864.75 万元 不一致，相差 98.05 万元"
    );
    assert_eq!(found[0].place, cell("D14:D20"));
}

#[test]
fn a_task_without_funds_is_a_warning() {
    let mut form = complete();
    form.key_tasks[1].funds = None;
    let found = check(&form, &Provenance::new());
    assert_eq!(
        codes(&found),
        ["tasks.funds_mismatch", "tasks.missing_funds"]
    );
    assert_eq!(found[1].field, "key_tasks[1].funds");
    assert_eq!(
        found[1].message,
        "年度重点工作任务「提升园区承载能力」的拟投入的资金为空"
    );
    assert!(found[0]
        .hint
        .as_deref()
        .unwrap_or("")
        .contains("另有 1 项任务未填资金"));
}

#[test]
fn negative_money_is_an_error_wherever_it_is() {
    let mut form = complete();
    form.key_tasks[6].funds = Some(dec("-90933.00"));
    form.budget.fiscal_appropriation = Some(dec("218603.50"));
    form.budget.other_funds = Some(dec("-1.00"));
    let found = check(&form, &Provenance::new());
    let negative = with_code(&found, "money.negative");
    assert_eq!(negative.len(), 2, "{found:#?}");
    assert!(negative.iter().all(|d| d.severity == Severity::Error));
    assert_eq!(
        negative[0].message,
        "预算整体情况「其他资金」为负数：-1.00 万元"
    );
    assert_eq!(
        negative[1].message,
        "年度重点工作任务「推动产业高质量发展」的拟投入的资金为负数：-90,933.00 万元"
    );
}

#[test]
fn zero_is_not_negative() {
    let mut form = complete();
    form.budget.other_funds = Some(dec("-0.00"));
    assert!(family(&check(&form, &Provenance::new()), "money.").is_empty());
}

// ---- Rule 3: required content ----

#[test]
fn an_empty_form_lacks_everything_required() {
    let found = check(&Form::default(), &Provenance::new());
    let errors: Vec<&str> = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(
        errors,
        [
            "required.department",
            "required.goals",
            "required.key_tasks",
            "required.indicators"
        ]
    );
    assert_eq!(found[0].message, "「部门名称」为空");
}

#[test]
fn blank_text_does_not_count_as_content() {
    let mut form = complete();
    form.department = "  ".into();
    form.overall_goals = vec![String::new(), " ".into()];
    form.key_tasks = vec![KeyTask::default()];
    let found = check(&form, &Provenance::new());
    assert_eq!(
        family(&found, "required."),
        [
            "required.department",
            "required.goals",
            "required.key_tasks"
        ]
    );
}

#[test]
fn a_2021_form_is_held_to_the_2021_level1_list() {
    let mut form = seed();
    form.indicators.push(indicator(
        "成本指标",
        "经济成本指标",
        "单位成本",
        cmp("≤5万元", Op::Le, "5", "万元"),
    ));
    let found = check(&form, &Provenance::new());
    assert_eq!(codes(&found), ["required.level1"], "{found:#?}");
    assert!(found[0].hint.as_deref().unwrap_or("").contains("2021年版"));

    form.indicators.push(indicator(
        "满意度指标",
        "服务对象满意度指标",
        "满意度",
        cmp("≥90%", Op::Ge, "90", "%"),
    ));
    assert!(check(&form, &Provenance::new()).is_empty());
}

// ---- Rule 4: the framework ----

#[test]
fn framework_names_with_annotations_are_known() {
    let form = with_indicators(vec![
        indicator(
            "产出指标（50分）",
            "数量指标 (必填)",
            "样本数",
            cmp("≥1个", Op::Ge, "1", "个"),
        ),
        indicator(
            "效益指标",
            "社会效益 指标",
            "受益人数",
            cmp("≥1人", Op::Ge, "1", "人"),
        ),
    ]);
    assert!(family(&check(&form, &Provenance::new()), "framework.").is_empty());
}

#[test]
fn a_known_level2_under_the_wrong_level1_is_an_error() {
    let form = with_indicators(vec![indicator(
        "产出指标",
        "社会效益指标",
        "服务企业数量",
        cmp("≥20家", Op::Ge, "20", "家"),
    )]);
    let found = check(&form, &Provenance::new());
    assert_eq!(codes(&found), ["framework.wrong_level1"]);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(
        found[0].message,
        "二级指标「社会效益指标」属于一级指标「效益指标」，不应放在「产出指标」下"
    );
}

#[test]
fn an_unknown_level_name_is_a_warning_naming_the_closest() {
    let form = with_indicators(vec![
        indicator(
            "项目完成指标",
            "数量指标",
            "培训人次",
            cmp("≥100人次", Op::Ge, "100", "人次"),
        ),
        indicator("效益指标", "环境效益指标", "能耗", qual("较去年同期下降")),
        indicator("产出指标", "时效性指标", "完成时间", qual("按月安排")),
    ]);
    let found = check(&form, &Provenance::new());
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "一级指标「项目完成指标」不在指标体系中，最接近的是「产出指标」",
            "二级指标「环境效益指标」不在指标体系中，最接近的是「生态效益指标」",
            "二级指标「时效性指标」不在指标体系中，最接近的是「时效指标」",
        ],
        "{found:#?}"
    );
    assert!(found.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn rows_sharing_a_misnamed_level_are_reported_once_over_their_cells() {
    let mut form = complete();
    let start = form.indicators.len();
    for name in ["甲", "乙", "丙"] {
        form.indicators.push(indicator(
            "效益指标",
            "环境效益指标",
            name,
            qual("较去年同期下降"),
        ));
    }
    let mut cells = Provenance::new();
    for i in 0..form.indicators.len() {
        cells.insert(
            format!("indicators[{i}].level2"),
            sheet1(&format!("C{}", 30 + i)),
        );
    }
    let found = check(&form, &cells);
    assert_eq!(codes(&found), ["framework.unknown_level2"]);
    assert_eq!(found[0].field, format!("indicators[{start}].level2"));
    assert_eq!(
        found[0].place,
        cell(&format!("C{}:C{}", 30 + start, 32 + start))
    );
}

#[test]
fn a_blank_level_is_a_warning() {
    let form = with_indicators(vec![indicator(
        "产出指标",
        "",
        "样本数",
        cmp("≥1个", Op::Ge, "1", "个"),
    )]);
    let found = check(&form, &Provenance::new());
    assert_eq!(codes(&found), ["framework.blank_level"]);
    assert_eq!(found[0].message, "三级指标「样本数」的「二级指标」为空");
}

// ---- Rule 5: indicators ----

#[test]
fn an_empty_name_or_annual_value_is_an_error() {
    let form = with_indicators(vec![
        indicator("产出指标", "数量指标", "", cmp("≥1个", Op::Ge, "1", "个")),
        indicator("产出指标", "数量指标", "样本数", empty()),
    ]);
    let found = check(&form, &Provenance::new());
    assert_eq!(
        codes(&found),
        [
            "indicators.empty_name",
            "indicators.empty_value",
            "indicators.empty_value"
        ]
    );
    let n = form.indicators.len();
    assert_eq!(
        found[0].message,
        format!("第 {} 个绩效指标的「三级指标」为空", n - 1)
    );
    assert_eq!(
        found[1].message,
        "三级指标「样本数」的「实施周期指标值」为空"
    );
    assert_eq!(found[2].message, "三级指标「样本数」的「年度指标值」为空");
    assert!(found.iter().all(|d| d.severity == Severity::Error));
}

#[test]
fn a_form_with_no_period_values_at_all_is_a_single_value_form() {
    let mut form = complete();
    for i in &mut form.indicators {
        i.period_value = empty();
    }
    assert!(check(&form, &Provenance::new()).is_empty());

    form.indicators[2].period_value = cmp("150家", Op::Eq, "150", "家");
    let found = check(&form, &Provenance::new());
    assert_eq!(
        family(&found, "indicators.").len(),
        form.indicators.len() - 1
    );
}

#[test]
fn a_name_twice_under_one_level2_is_a_warning() {
    let form = with_indicators(vec![
        indicator(
            "产出指标",
            "数量指标",
            "运行监测样本数量",
            cmp("≥1个", Op::Ge, "1", "个"),
        ),
        indicator(
            "产出指标",
            "质量指标",
            "运行监测样本数量",
            cmp("≥1个", Op::Ge, "1", "个"),
        ),
    ]);
    let found = check(&form, &Provenance::new());
    assert_eq!(codes(&found), ["indicators.duplicate_name"], "{found:#?}");
    assert_eq!(
        found[0].field,
        format!("indicators[{}].name", form.indicators.len() - 2)
    );
    assert_eq!(
        found[0].message,
        "三级指标「运行监测样本数量」在二级指标「数量指标」下重复，与第 1 个绩效指标同名"
    );
}

#[test]
fn a_sign_without_a_number_is_an_error() {
    let form = with_indicators(vec![
        indicator("产出指标", "质量指标", "验收合格率", qual("≧ %")),
        indicator(
            "产出指标",
            "质量指标",
            "验收通过率",
            cmp("≥90%", Op::Ge, "90", "%"),
        ),
        indicator("产出指标", "质量指标", "服务质量", qual("良好以上")),
    ]);
    let found = check(&form, &Provenance::new());
    assert_eq!(
        codes(&found),
        [
            "indicators.sign_without_number",
            "indicators.sign_without_number"
        ]
    );
    assert_eq!(
        found[1].message,
        "三级指标「验收合格率」的「年度指标值」「≧ %」只有符号没有数值"
    );
    assert_eq!(found[0].severity, Severity::Error);
}

#[test]
fn different_units_in_the_two_values_are_a_warning() {
    let mut differing = indicator(
        "产出指标",
        "数量指标",
        "培训人次",
        cmp("≥100人次", Op::Ge, "100", "人次"),
    );
    differing.annual_value = cmp("≥100人", Op::Ge, "100", "人");
    let mut scaled = indicator(
        "产出指标",
        "数量指标",
        "销售数量",
        cmp("≥10000台", Op::Ge, "10000", "台"),
    );
    scaled.annual_value = IndicatorValue {
        text: "≥1万台".into(),
        kind: ValueKind::Comparison(Comparison {
            op: Op::Ge,
            value: dec("1"),
            unit: "万台".into(),
            note: None,
            reference: None,
            scaled: Some(Scaled {
                value: dec("10000"),
                unit: "台".into(),
            }),
        }),
    };
    let found = check(
        &with_indicators(vec![differing, scaled]),
        &Provenance::new(),
    );
    assert_eq!(codes(&found), ["indicators.unit_mismatch"], "{found:#?}");
    assert_eq!(
        found[0].message,
        "三级指标「培训人次」的单位不一致：「实施周期指标值」是「人次」，「年度指标值」是「人」"
    );
}

#[test]
fn an_annual_target_beyond_the_period_target_is_a_warning() {
    let mut higher = indicator(
        "产出指标",
        "数量指标",
        "样本数",
        cmp("≥18000家次", Op::Ge, "18000", "家次"),
    );
    higher.annual_value = cmp("≥20000家次", Op::Ge, "20000", "家次");
    let mut lower = indicator(
        "产出指标",
        "成本指标",
        "单位成本",
        cmp("≤10万元", Op::Le, "10", "万元"),
    );
    lower.annual_value = cmp("≤5万元", Op::Le, "5", "万元");
    let mut within = indicator(
        "产出指标",
        "数量指标",
        "企业数",
        cmp("≥100家", Op::Ge, "100", "家"),
    );
    within.annual_value = cmp("≥20家", Op::Ge, "20", "家");
    let mut mixed = indicator(
        "产出指标",
        "数量指标",
        "场次",
        cmp("≤10场", Op::Le, "10", "场"),
    );
    mixed.annual_value = cmp("≥20场", Op::Ge, "20", "场");
    let found = check(
        &with_indicators(vec![higher, lower, within, mixed]),
        &Provenance::new(),
    );
    assert_eq!(
        codes(&found),
        [
            "indicators.annual_beyond_period",
            "indicators.annual_beyond_period"
        ],
        "{found:#?}"
    );
    assert_eq!(
        found[0].message,
        "三级指标「样本数」的「年度指标值」≥20000家次 超出了「实施周期指标值」≥18000家次"
    );
    assert!(found[1].message.starts_with("三级指标「单位成本」"));
}

#[test]
fn a_rate_above_100_percent_with_at_least_is_a_warning() {
    let mut over = indicator(
        "产出指标",
        "质量指标",
        "设备完好率",
        cmp("≥100%", Op::Ge, "100", "%"),
    );
    over.annual_value = cmp("≥105%", Op::Ge, "105", "%");
    let form = with_indicators(vec![
        over,
        indicator(
            "产出指标",
            "质量指标",
            "控制率",
            cmp("≤105%", Op::Le, "105", "%"),
        ),
        indicator(
            "产出指标",
            "数量指标",
            "项目数",
            cmp("≥105个", Op::Ge, "105", "个"),
        ),
    ]);
    let found = check(&form, &Provenance::new());
    let rates = with_code(&found, "indicators.rate_over_100");
    assert_eq!(rates.len(), 1, "{found:#?}");
    assert_eq!(
        rates[0].field,
        format!("indicators[{}].annual_value", form.indicators.len() - 3)
    );
    assert_eq!(
        rates[0].message,
        "三级指标「设备完好率」的「年度指标值」≥105% 要求比率超过 100%"
    );
}

#[test]
fn a_rate_above_100_in_bai_fen_bi_or_written_with_equals_is_a_warning_too() {
    let parsed = |text: &str| jixiao::value::parse(text);
    let form = with_indicators(vec![
        // The budget system's 计量单位 writes 百分比 for %.
        indicator("产出指标", "质量指标", "验收合格率", parsed("≥120百分比")),
        // An OCR'd `≥92%` (a ≥ read as 2).
        indicator("产出指标", "质量指标", "维修合格率", parsed("=292%")),
        indicator("产出指标", "质量指标", "到位率", parsed("=100%")),
        indicator("产出指标", "数量指标", "项目数", parsed("=292个")),
    ]);
    let found = check(&form, &Provenance::new());
    let rates: Vec<String> = with_code(&found, "indicators.rate_over_100")
        .iter()
        .map(|d| d.field.to_string())
        .collect();
    let first = form.indicators.len() - 4;
    let both = |i: usize| {
        [
            format!("indicators[{i}].period_value"),
            format!("indicators[{i}].annual_value"),
        ]
    };
    let expected: Vec<String> = both(first).into_iter().chain(both(first + 1)).collect();
    assert_eq!(rates, expected, "{found:#?}");
}

#[test]
fn non_numeric_values_pass_the_numeric_rules() {
    let deadline = IndicatorValue {
        text: "2024年12月31日前".into(),
        kind: ValueKind::Deadline(Deadline {
            op: Op::Le,
            date: "2024-12-31".into(),
            year_unknown: false,
            note: None,
        }),
    };
    let form = with_indicators(vec![
        indicator("产出指标", "时效指标", "完成时限", deadline),
        indicator(
            "产出指标",
            "质量指标",
            "适用性",
            IndicatorValue {
                text: "不适用".into(),
                kind: ValueKind::NotApplicable,
            },
        ),
    ]);
    assert!(check(&form, &Provenance::new()).is_empty());
}

// ---- Rule 6: money ----

#[test]
fn float_noise_is_a_warning_with_the_rounded_value() {
    let mut form = complete();
    form.budget.basic_expenditure = Some(dec("14737.749999999998"));
    form.budget.fiscal_appropriation = Some(dec("218602.499999999998"));
    form.budget.municipal_level = Some(dec("159350.499999999998"));
    let found = check(&form, &budget_cells());
    assert_eq!(
        codes(&found),
        [
            "money.float_noise",
            "money.float_noise",
            "money.float_noise"
        ]
    );
    assert_eq!(
        found[0].message,
        "预算整体情况「基本支出」 14737.749999999998 带有计算误差"
    );
    assert!(found[0]
        .hint
        .as_deref()
        .unwrap_or("")
        .starts_with("应为 14737.75"));
    assert_eq!(found[0].place, cell("C7"));
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn more_than_two_decimals_is_a_warning_but_trailing_zeros_are_not() {
    let mut form = complete();
    form.key_tasks[3].funds = Some(dec("1300.125"));
    form.key_tasks[4].funds = Some(dec("10299.875"));
    form.key_tasks[5].funds = Some(dec("4116.9900"));
    let found = check(&form, &Provenance::new());
    assert_eq!(
        codes(&found),
        ["money.too_many_decimals", "money.too_many_decimals"]
    );
    assert!(found[0].hint.as_deref().unwrap_or("").ends_with("1300.13"));
    assert!(found[1].hint.as_deref().unwrap_or("").ends_with("10299.88"));
}

// ---- All together ----

#[test]
fn the_broken_form_reports_every_rule_at_its_cell_in_form_order() {
    let (form, cells) = broken();
    let found = check(&form, &cells);
    let at = |code: &str| -> Vec<String> {
        with_code(&found, code)
            .iter()
            .map(|d| {
                d.place
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            })
            .collect()
    };
    assert_eq!(at("required.department"), ["Sheet1!B4"]);
    assert_eq!(at("required.goals"), ["Sheet1!B12:E12"]);
    assert_eq!(at("required.level1"), ["Sheet1!B30:F38"]);
    assert_eq!(at("budget.total_mismatch"), ["Sheet1!E7:E8"]);
    assert_eq!(at("budget.missing_figure"), ["Sheet1!E8"]);
    assert_eq!(at("tasks.funds_mismatch"), ["Sheet1!D14:D18"]);
    assert_eq!(at("tasks.missing_funds"), ["Sheet1!D16"]);
    assert_eq!(at("money.float_noise"), ["Sheet1!D14"]);
    assert_eq!(at("money.too_many_decimals"), ["Sheet1!D17"]);
    assert_eq!(at("money.negative"), ["Sheet1!D18"]);
    assert_eq!(at("indicators.annual_beyond_period"), ["Sheet1!E30:F30"]);
    assert_eq!(at("indicators.empty_name"), ["Sheet1!D31"]);
    assert_eq!(at("indicators.duplicate_name"), ["Sheet1!D32"]);
    assert_eq!(at("indicators.sign_without_number"), ["Sheet1!F33"]);
    assert_eq!(at("indicators.rate_over_100"), ["Sheet1!E34", "Sheet1!F34"]);
    assert_eq!(at("indicators.empty_value"), ["Sheet1!F35"]);
    assert_eq!(at("framework.unknown_level2"), ["Sheet1!C36"]);
    assert_eq!(at("framework.wrong_level1"), ["Sheet1!C37"]);
    assert_eq!(at("framework.unknown_level1"), ["Sheet1!B38"]);
    assert_eq!(at("indicators.unit_mismatch"), ["Sheet1!E38:F38"]);
    assert_eq!(found.len(), 21, "{found:#?}");

    // Form order: department, budget, goals, tasks, indicators row by row.
    let rows: Vec<u32> = found
        .iter()
        .filter_map(|d| d.place.as_ref())
        .map(|p| p.cell.first.0 + 1)
        .collect();
    assert_eq!(rows.len(), found.len());
    assert!(rows.windows(2).all(|w| w[0] <= w[1]), "{rows:?}");
}

#[test]
fn absurdly_large_figures_do_not_stop_the_check() {
    let mut form = complete();
    form.budget.basic_expenditure = Some(Decimal::MAX);
    form.budget.project_expenditure = Some(Decimal::MAX);
    form.budget.fiscal_appropriation = Some(Decimal::MIN);
    form.key_tasks[0].funds = Some(Decimal::MAX);
    form.key_tasks[1].funds = Some(dec("7922816251426433759354395.0335"));
    let found = check(&form, &Provenance::new());
    // The sums overflow and are skipped; the negative figure and the precision still show.
    assert!(codes(&found).contains(&"money.negative"), "{found:#?}");
    assert!(
        codes(&found).contains(&"money.too_many_decimals"),
        "{found:#?}"
    );
    assert!(
        !codes(&found).contains(&"budget.total_mismatch"),
        "{found:#?}"
    );
}
