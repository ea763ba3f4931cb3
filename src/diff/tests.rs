//! Unit tests of the matching and the changes it reports.

use super::matching::name_similarity;
use super::*;
use crate::value::parse;

fn indicator(l1: &str, l2: &str, name: &str, value: &str) -> Indicator {
    Indicator {
        level1: l1.into(),
        level2: l2.into(),
        name: name.into(),
        period_value: parse(value),
        annual_value: parse(value),
    }
}

fn form(indicators: Vec<Indicator>) -> Form {
    Form {
        indicators,
        ..Form::default()
    }
}

fn run(a: &Form, b: &Form) -> Vec<(ChangeKind, String)> {
    diff(a, &Provenance::new(), b, &Provenance::new())
        .into_iter()
        .map(|c| (c.kind, c.path))
        .collect()
}

#[test]
fn equal_forms_have_no_changes() {
    let a = form(vec![indicator("产出指标", "数量指标", "甲", "≥1个")]);
    assert!(run(&a, &a.clone()).is_empty());
}

#[test]
fn an_inserted_indicator_is_added_and_nothing_else() {
    let a = form(vec![
        indicator("产出指标", "数量指标", "甲", "≥1个"),
        indicator("产出指标", "数量指标", "乙", "≥2个"),
    ]);
    let mut b = a.clone();
    b.indicators
        .insert(1, indicator("产出指标", "数量指标", "新增的指标", "≥5个"));
    assert_eq!(
        run(&a, &b),
        [(
            ChangeKind::Added,
            "indicators[产出指标/数量指标/新增的指标]".to_string()
        )]
    );
}

#[test]
fn a_similar_name_in_the_same_place_is_a_rename() {
    let a = form(vec![indicator(
        "产出指标",
        "数量指标",
        "运行监测样本数量",
        "≥1个",
    )]);
    let b = form(vec![indicator(
        "产出指标",
        "数量指标",
        "运行监测样本总数量",
        "≥1个",
    )]);
    assert_eq!(
        run(&a, &b),
        [(
            ChangeKind::Renamed,
            "indicators[产出指标/数量指标/运行监测样本数量]".to_string()
        )]
    );
}

#[test]
fn the_same_name_under_another_level2_is_a_move() {
    let a = form(vec![indicator("产出指标", "数量指标", "甲乙丙", "≥1个")]);
    let b = form(vec![indicator("产出指标", "质量指标", "甲乙丙", "≥1个")]);
    assert_eq!(run(&a, &b)[0].0, ChangeKind::Moved);
    assert_eq!(run(&a, &b).len(), 1);
}

#[test]
fn a_rewritten_sign_alone_is_notation_only() {
    let a = form(vec![indicator("产出指标", "数量指标", "甲", ">=18000家次")]);
    let b = form(vec![indicator("产出指标", "数量指标", "甲", "≥18000家次")]);
    let kinds: Vec<_> = run(&a, &b).into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, [ChangeKind::Notation, ChangeKind::Notation]);
}

#[test]
fn two_different_sentences_are_a_change_not_notation() {
    let a = form(vec![indicator(
        "效益指标",
        "社会效益指标",
        "甲",
        "较上年提高",
    )]);
    let b = form(vec![indicator(
        "效益指标",
        "社会效益指标",
        "甲",
        "显著提升",
    )]);
    let kinds: Vec<_> = run(&a, &b).into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, [ChangeKind::Changed, ChangeKind::Changed]);
}

#[test]
fn goals_align_by_paragraph() {
    let a = Form {
        overall_goals: vec!["一".into(), "二".into(), "三".into()],
        ..Form::default()
    };
    let b = Form {
        overall_goals: vec!["一".into(), "二（改）".into(), "三".into(), "四".into()],
        ..Form::default()
    };
    assert_eq!(
        run(&a, &b),
        [
            (ChangeKind::Changed, "overall_goals[1]".to_string()),
            (ChangeKind::Added, "overall_goals[3]".to_string())
        ]
    );
}

#[test]
fn a_deleted_key_task_is_removed_and_a_changed_fund_is_changed() {
    let task = |name: &str, funds: i64| KeyTask {
        name: name.into(),
        content: "内容".into(),
        funds: Some(rust_decimal::Decimal::new(funds, 2)),
        expected_outcome: "目标".into(),
    };
    let a = Form {
        key_tasks: vec![task("甲", 100), task("乙", 200), task("丙", 300)],
        ..Form::default()
    };
    let b = Form {
        key_tasks: vec![task("甲", 100), task("丙", 350)],
        ..Form::default()
    };
    assert_eq!(
        run(&a, &b),
        [
            (ChangeKind::Removed, "key_tasks[乙]".to_string()),
            (ChangeKind::Changed, "key_tasks[丙].funds".to_string())
        ]
    );
}

#[test]
fn similarity_is_symmetric_and_bounded() {
    assert_eq!(name_similarity("abc", "abc"), 1.0);
    assert_eq!(name_similarity("abc", "xyz"), 0.0);
    assert_eq!(
        name_similarity("运行监测", "监测运行"),
        name_similarity("监测运行", "运行监测")
    );
}
