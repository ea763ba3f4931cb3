//! Each self-evaluation check triggered and not.

use rust_decimal::Decimal;

use super::*;
use crate::check::Severity;
use crate::model::{BudgetExecution, CellRef, EvaluatedIndicator};
use crate::value::parse;

fn d(text: &str) -> Decimal {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn row(
    level1: &str,
    level2: &str,
    name: &str,
    weight: &str,
    target: &str,
    actual: &str,
    score: Option<&str>,
) -> EvaluatedIndicator {
    EvaluatedIndicator {
        level1: level1.to_string(),
        level2: level2.to_string(),
        name: name.to_string(),
        weight: Some(d(weight)),
        annual_value: parse(target),
        actual_value: parse(actual),
        score: score.map(d),
        ..EvaluatedIndicator::default()
    }
}

/// A clean self-evaluation: every check quiet.
fn clean() -> SelfEvaluation {
    SelfEvaluation {
        name: "水旱灾害防御经费".to_string(),
        budget_execution: BudgetExecution {
            initial: Some(d("880")),
            adjusted: Some(d("880")),
            executed: Some(d("880")),
            weight: Some(d("10")),
            rate: Some(d("100")),
            score: Some(d("10")),
            ..BudgetExecution::default()
        },
        indicators: vec![
            row(
                "产出指标",
                "数量指标",
                "改造项目数量",
                "20",
                "≥1个",
                "1个",
                Some("20"),
            ),
            row(
                "产出指标",
                "质量指标",
                "工程质量合格率",
                "10",
                "≥95%",
                "98%",
                Some("10"),
            ),
            row(
                "产出指标",
                "时效指标",
                "完工时间",
                "10",
                "2022年12月31日前",
                "2022年11月30日",
                Some("10"),
            ),
            row(
                "产出指标",
                "成本指标",
                "成本控制",
                "10",
                "≤880万元",
                "880万元",
                Some("10"),
            ),
            row(
                "效益指标",
                "社会效益指标",
                "安全度汛",
                "30",
                "全市安全度汛",
                "达成",
                Some("30"),
            ),
            row(
                "满意度指标",
                "服务对象满意度指标",
                "服务对象满意度",
                "10",
                "≥90%",
                "95%",
                Some("10"),
            ),
        ],
        total_score: Some(d("100")),
        ..SelfEvaluation::default()
    }
}

fn codes(evaluation: &SelfEvaluation) -> Vec<String> {
    check_self_evaluation(evaluation, &Provenance::new())
        .iter()
        .map(|d| format!("{}@{}", d.code, d.field))
        .collect()
}

#[test]
fn a_clean_self_evaluation_has_no_findings() {
    assert_eq!(codes(&clean()), Vec::<String>::new());
}

#[test]
fn a_written_score_that_differs_from_the_rules_is_reported_with_both_figures() {
    let mut e = clean();
    // ≥95% with 90% actual: 10 × 90 / 95 = 9.47, written 10.
    e.indicators[1].actual_value = parse("90%");
    e.indicators[1].deviation = "雨季影响".to_string();
    e.total_score = Some(d("100"));
    let found = check_self_evaluation(&e, &Provenance::new());
    let differs: Vec<_> = found
        .iter()
        .filter(|d| d.code == Code::ScoreDiffers)
        .collect();
    assert_eq!(differs.len(), 1, "{found:#?}");
    assert_eq!(differs[0].field, "indicators[1].score");
    assert!(
        differs[0].message.contains("10") && differs[0].message.contains("9.47"),
        "{}",
        differs[0].message
    );
    assert!(
        differs[0].hint.as_deref().unwrap_or("").contains("规则2"),
        "{:?}",
        differs[0].hint
    );
    // Within 0.01 is no finding.
    e.indicators[1].score = Some(d("9.46"));
    assert!(!codes(&e).iter().any(|c| c.starts_with("score.differs")));
}

#[test]
fn a_qualitative_score_outside_its_band() {
    let mut e = clean();
    e.indicators[4].actual_value = parse("部分达成");
    e.indicators[4].deviation = "部分完成".to_string();
    e.indicators[4].score = Some(d("27"));
    e.total_score = Some(d("97"));
    assert!(
        codes(&e).contains(&"score.outside_band@indicators[4].score".to_string()),
        "{:?}",
        codes(&e)
    );
    assert!(!codes(&e).iter().any(|c| c.starts_with("score.differs")));
    // 部分达成 [18, 24): 20 is inside.
    e.indicators[4].score = Some(d("20"));
    e.total_score = Some(d("90"));
    assert!(
        !codes(&e)
            .iter()
            .any(|c| c.starts_with("score.outside_band")),
        "{:?}",
        codes(&e)
    );
}

#[test]
fn a_score_below_full_marks_needs_a_deviation_reason() {
    let mut e = clean();
    e.indicators[0].score = Some(d("18"));
    e.indicators[0].actual_value = parse("0.9个");
    e.total_score = Some(d("98"));
    assert!(
        codes(&e).contains(&"score.missing_deviation@indicators[0].deviation".to_string()),
        "{:?}",
        codes(&e)
    );
    e.indicators[0].deviation = "一个项目延期".to_string();
    assert!(!codes(&e)
        .iter()
        .any(|c| c.starts_with("score.missing_deviation")));
}

#[test]
fn a_total_that_is_not_the_sum_of_its_parts_is_an_error() {
    let mut e = clean();
    e.total_score = Some(d("95"));
    let found = check_self_evaluation(&e, &Provenance::new());
    let total = found
        .iter()
        .find(|d| d.code == Code::ScoreTotalMismatch)
        .expect("total_mismatch");
    assert_eq!(total.severity, super::super::Severity::Error);
    assert!(
        total.message.contains("95") && total.message.contains("100"),
        "{}",
        total.message
    );
    e.total_score = None;
    assert!(!codes(&e)
        .iter()
        .any(|c| c.starts_with("score.total_mismatch")));
}

#[test]
fn weights_must_add_up_to_100() {
    let mut e = clean();
    e.indicators[5].weight = Some(d("5"));
    e.indicators[5].score = Some(d("5"));
    e.total_score = Some(d("95"));
    let c = codes(&e);
    assert!(
        c.contains(&"score.weights_not_100@total_score".to_string()),
        "{c:?}"
    );
    // And the 满意度 group is off the skeleton.
    assert!(
        c.contains(&"score.skeleton@indicators[5].weight".to_string()),
        "{c:?}"
    );
}

#[test]
fn a_written_rate_must_be_executed_over_budget() {
    let mut e = clean();
    e.budget_execution.executed = Some(d("792"));
    e.budget_execution.rate = Some(d("100"));
    e.budget_execution.score = Some(d("9"));
    e.total_score = Some(d("99"));
    assert!(
        codes(&e).contains(&"score.rate_mismatch@budget_execution.rate".to_string()),
        "{:?}",
        codes(&e)
    );
    e.budget_execution.rate = Some(d("90"));
    assert!(!codes(&e)
        .iter()
        .any(|c| c.starts_with("score.rate_mismatch")));
    // Written with one decimal: compared at one decimal (2/3 = 66.666… → 66.7).
    e.budget_execution.executed = Some(d("2"));
    e.budget_execution.adjusted = Some(d("3"));
    e.budget_execution.rate = Some(d("66.7"));
    assert!(
        !codes(&e)
            .iter()
            .any(|c| c.starts_with("score.rate_mismatch")),
        "{:?}",
        codes(&e)
    );
}

#[test]
fn the_skeleton_is_checked_per_group_and_for_execution() {
    let mut e = clean();
    e.indicators[0].weight = Some(d("25"));
    e.indicators[4].weight = Some(d("25"));
    let c = codes(&e);
    assert!(
        c.contains(&"score.skeleton@indicators[0].weight".to_string()),
        "{c:?}"
    );
    assert!(
        c.contains(&"score.skeleton@indicators[4].weight".to_string()),
        "{c:?}"
    );
    assert!(
        !c.iter().any(|c| c.starts_with("score.weights_not_100")),
        "{c:?}"
    );
    let mut e = clean();
    e.budget_execution.weight = Some(d("20"));
    e.indicators[0].weight = Some(d("10"));
    e.indicators[0].score = Some(d("10"));
    assert!(codes(&e).contains(&"score.skeleton@budget_execution.weight".to_string()));
}

#[test]
fn a_weight_off_the_usual_skeleton_is_a_note_and_a_unit_the_score_converted_too() {
    let mut e = clean();
    e.indicators[0].weight = Some(d("25"));
    let found = check_self_evaluation(&e, &Provenance::new());
    let skeleton: Vec<_> = found
        .iter()
        .filter(|d| d.code == Code::ScoreSkeleton)
        .collect();
    assert!(!skeleton.is_empty(), "{found:#?}");
    assert!(skeleton.iter().all(|d| d.severity == Severity::Info));

    let unit_severity = |actual: &str| {
        let mut e = clean();
        e.indicators[3].actual_value = parse(actual);
        check_self_evaluation(&e, &Provenance::new())
            .into_iter()
            .find(|d| d.code == Code::ScoreUnitMismatch)
            .map(|d| d.severity)
    };
    // 元 against 万元 converts: scored, a note; 台 does not: no score, a warning.
    assert_eq!(unit_severity("8800000元"), Some(Severity::Info));
    assert_eq!(unit_severity("880台"), Some(Severity::Warning));
    // A note never fails the check.
    assert!(!found
        .iter()
        .any(|d| d.severity == Severity::Error && d.code == Code::ScoreSkeleton));
}

#[test]
fn an_actual_in_another_unit_than_its_target() {
    let mut e = clean();
    e.indicators[3].actual_value = parse("8800000元");
    let found = check_self_evaluation(&e, &Provenance::new());
    let unit = found
        .iter()
        .find(|d| d.code == Code::ScoreUnitMismatch)
        .expect("unit_mismatch");
    assert!(
        unit.hint
            .as_deref()
            .unwrap_or("")
            .contains("computed after converting"),
        "{:?}",
        unit.hint
    );
    e.indicators[3].actual_value = parse("880台");
    let found = check_self_evaluation(&e, &Provenance::new());
    let unit = found
        .iter()
        .find(|d| d.code == Code::ScoreUnitMismatch)
        .expect("unit_mismatch");
    assert!(
        unit.hint
            .as_deref()
            .unwrap_or("")
            .contains("do not convert"),
        "{:?}",
        unit.hint
    );
    // A bare number is not another unit.
    e.indicators[3].actual_value = parse("880");
    assert!(!codes(&e)
        .iter()
        .any(|c| c.starts_with("score.unit_mismatch")));
}

#[test]
fn performance_far_above_spending() {
    let mut e = clean();
    // 80 % spent: execution 8 of 10; every indicator at full marks is 20 % above.
    e.budget_execution.executed = Some(d("704"));
    e.budget_execution.rate = Some(d("80"));
    e.budget_execution.score = Some(d("8"));
    e.total_score = Some(d("98"));
    let c = codes(&e);
    assert_eq!(
        c.iter()
            .filter(|c| c.starts_with("score.performance_above_spending"))
            .count(),
        6,
        "{c:?}"
    );
    // 96 % spent: (1 − 0.96) / 1 = 4 % — not reported.
    e.budget_execution.executed = Some(d("844.8"));
    e.budget_execution.rate = Some(d("96"));
    e.budget_execution.score = Some(d("9.6"));
    e.total_score = Some(d("99.6"));
    let c = codes(&e);
    assert!(
        !c.iter()
            .any(|c| c.starts_with("score.performance_above_spending")),
        "{c:?}"
    );
}

#[test]
fn findings_point_at_the_cells_they_are_about() {
    let mut e = clean();
    e.total_score = Some(d("95"));
    let mut cells = Provenance::new();
    cells.insert("total_score", CellRef::new("Sheet1", (39, 7)));
    let found = check_self_evaluation(&e, &cells);
    let total = found
        .iter()
        .find(|d| d.code == Code::ScoreTotalMismatch)
        .expect("total");
    assert_eq!(
        total.place.as_ref().map(ToString::to_string).as_deref(),
        Some("Sheet1!H40")
    );
}

#[test]
fn absurd_figures_give_findings_or_none_but_never_a_panic() {
    let huge = Decimal::MAX;
    let mut e = clean();
    for row in &mut e.indicators {
        row.score = Some(-huge);
        row.weight = Some(huge);
    }
    e.budget_execution.executed = Some(huge);
    e.budget_execution.adjusted = Some(Decimal::new(1, 28));
    e.budget_execution.rate = Some(-huge);
    e.budget_execution.score = Some(huge);
    e.total_score = Some(-huge);
    let _ = check_self_evaluation(&e, &Provenance::new());
    let card = crate::score::score_self_evaluation(rules(), &e, &Provenance::new());
    let _ = crate::score::human(rules(), "x", &card);
    let _ = crate::score::json(rules(), &[("x".to_string(), card.clone())]);
    let _ = crate::write::score_xlsx(rules(), &[("x".to_string(), card)]);
}
