//! Each rule triggered and not; totals, rescaling, rounding and grades; the bounds as properties.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::value::parse;

#[test]
fn the_compiled_in_rules_are_templates_scoring_toml() {
    crate::shipped::SCORING.assert_reads_as_its_toml::<Rules>();
    let text = include_str!("../../templates/scoring.toml");
    let from_toml = Rules::from_toml(text).expect("the shipped profile is valid");
    assert_eq!(format!("{:?}", rules()), format!("{from_toml:?}"));
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Scores one row of weight `w`: (rule, computed as text or "null", excluded).
fn row(w: &str, target: &str, actual: &str, written: Option<&str>) -> (Rule, String) {
    let score = score_row(
        rules(),
        Some(d(w)),
        &parse(target),
        &parse(actual),
        written.map(d),
    );
    (
        score.rule,
        score.computed.map_or("null".to_string(), |c| c.to_string()),
    )
}

fn rs(rule: Rule, computed: &str) -> (Rule, String) {
    (rule, computed.to_string())
}

#[test]
fn rule_1_not_applicable_target_or_actual_is_excluded() {
    for (target, actual) in [
        ("不适用", "5"),
        ("≥5个", "不适用"),
        ("/", "/"),
        ("≥5个", "无"),
    ] {
        let s = score_row(
            rules(),
            Some(d("10")),
            &parse(target),
            &parse(actual),
            Some(d("10")),
        );
        assert_eq!(s.rule, Rule::NotApplicable, "{target} / {actual}");
        assert!(s.excluded);
        assert_eq!(s.computed, None);
    }
    // Not triggered: a number against a number.
    let s = score_row(rules(), Some(d("10")), &parse("5个"), &parse("5个"), None);
    assert!(!s.excluded);
}

#[test]
fn rule_2_at_least() {
    assert_eq!(row("10", "≥95%", "96%", None), rs(Rule::AtLeast, "10.00"));
    assert_eq!(row("10", "≥95%", "95%", None), rs(Rule::AtLeast, "10.00"));
    assert_eq!(
        row("10", ">100个", "100个", None),
        rs(Rule::AtLeast, "10.00")
    );
    // Not met: w × A / T = 10 × 90 / 95 = 9.4736… → 9.47.
    assert_eq!(row("10", "≥95%", "90%", None), rs(Rule::AtLeast, "9.47"));
    assert_eq!(
        row("20", "不少于300个", "150个", None),
        rs(Rule::AtLeast, "10.00")
    );
}

#[test]
fn rule_3_at_most() {
    assert_eq!(row("10", "≤5天", "3天", None), rs(Rule::AtMost, "10.00"));
    assert_eq!(row("10", "<5天", "5天", None), rs(Rule::AtMost, "10.00"));
    // Above: w × T / A = 10 × 5 / 8 = 6.25.
    assert_eq!(row("10", "≤5天", "8天", None), rs(Rule::AtMost, "6.25"));
    // A target of 0 exceeded: 0.
    assert_eq!(row("10", "≤0起", "2起", None), rs(Rule::AtMost, "0.00"));
}

#[test]
fn rule_4_equal() {
    assert_eq!(row("10", "1", "1", None), rs(Rule::Equal, "10.00"));
    assert_eq!(row("10", "=100%", "100%", None), rs(Rule::Equal, "10.00"));
    // min(A/T, T/A): 100 vs 90 → 9.00 either way round.
    assert_eq!(row("10", "90%", "100%", None), rs(Rule::Equal, "9.00"));
    assert_eq!(row("10", "100%", "90%", None), rs(Rule::Equal, "9.00"));
    assert_eq!(row("10", "3", "0", None), rs(Rule::Equal, "0.00"));
}

#[test]
fn rule_5_about_has_a_tolerance_of_ten_percent() {
    assert_eq!(
        row("10", "约100家", "110家", None),
        rs(Rule::About, "10.00")
    );
    assert_eq!(
        row("10", "100家左右", "90家", None),
        rs(Rule::About, "10.00")
    );
    // Outside the tolerance: as `=`, 10 × 100 / 120 = 8.333… → 8.33.
    assert_eq!(row("10", "约100家", "120家", None), rs(Rule::About, "8.33"));
}

#[test]
fn rule_6_range() {
    assert_eq!(row("10", "5%-8%", "6%", None), rs(Rule::Range, "10.00"));
    assert_eq!(row("10", "5%-8%", "5%", None), rs(Rule::Range, "10.00"));
    assert_eq!(row("10", "5%-8%", "8%", None), rs(Rule::Range, "10.00"));
    // Below: 10 × 4 / 5; above: 10 × 8 / 10.
    assert_eq!(row("10", "5%-8%", "4%", None), rs(Rule::Range, "8.00"));
    assert_eq!(row("10", "5%-8%", "10%", None), rs(Rule::Range, "8.00"));
}

#[test]
fn rule_7_deadline() {
    assert_eq!(
        row("10", "2024年12月31日前", "2024年12月20日", None),
        rs(Rule::Deadline, "10.00")
    );
    assert_eq!(
        row("10", "2024年12月31日前", "2024年12月31日", None),
        rs(Rule::Deadline, "10.00")
    );
    assert_eq!(
        row("10", "2024年12月31日前", "2025年1月5日", None),
        rs(Rule::Deadline, "0.00")
    );
    // A target without a year compares month and day.
    assert_eq!(
        row("10", "6月底前", "2024年6月20日", None),
        rs(Rule::Deadline, "10.00")
    );
    assert_eq!(
        row("10", "6月底前", "2024年7月2日", None),
        rs(Rule::Deadline, "0.00")
    );
    // Not a date: rule 9.
    assert_eq!(
        row("10", "2024年12月31日前", "95%", None),
        rs(Rule::Unscorable, "null")
    );
}

#[test]
fn rule_8_grade_words_give_bands() {
    // 达成 without a written score: full marks; with one, clamped into [8, 10].
    assert_eq!(
        row("10", "工程质量合格", "达成", None),
        rs(Rule::Qualitative, "10.00")
    );
    assert_eq!(
        row("10", "工程质量合格", "已完成", Some("9")),
        rs(Rule::Qualitative, "9.00")
    );
    assert_eq!(
        row("10", "工程质量合格", "全部完成", Some("5")),
        rs(Rule::Qualitative, "8.00")
    );
    // 部分达成 [6, 8): the lower edge unwritten; a written 9 clamps to 7.99.
    assert_eq!(
        row("10", "工程质量合格", "基本完成", None),
        rs(Rule::Qualitative, "6.00")
    );
    assert_eq!(
        row("10", "工程质量合格", "部分达成", Some("9")),
        rs(Rule::Qualitative, "7.99")
    );
    // 未达成 [0, 6).
    assert_eq!(
        row("10", "工程质量合格", "未完成", None),
        rs(Rule::Qualitative, "0.00")
    );
    assert_eq!(
        row("10", "工程质量合格", "未达成", Some("7")),
        rs(Rule::Qualitative, "5.99")
    );
    let s = score_row(
        rules(),
        Some(d("10")),
        &parse("质量合格"),
        &parse("部分完成"),
        None,
    );
    assert_eq!(
        s.band,
        Some(Band {
            grade: "部分达成".to_string(),
            min: d("6.00"),
            max: d("8.00"),
            max_included: false
        })
    );
    // Not triggered: a sentence that is no grade word is rule 9.
    assert_eq!(
        row("10", "工程质量合格", "工程全部验收合格", None),
        rs(Rule::Unscorable, "null")
    );
}

#[test]
fn rule_9_unscorable_rows_say_why() {
    let why = |w: Option<&str>, target: &str, actual: &str| {
        score_row(rules(), w.map(d), &parse(target), &parse(actual), None).problem
    };
    assert_eq!(why(Some("10"), "≥95%", ""), Some(Unscorable::BlankActual));
    assert_eq!(why(Some("10"), "", "95%"), Some(Unscorable::BlankTarget));
    assert_eq!(why(None, "≥95%", "95%"), Some(Unscorable::NoWeight));
    assert_eq!(
        why(Some("10"), "≥95%", "效果明显"),
        Some(Unscorable::FreeText)
    );
    assert_eq!(
        why(Some("10"), "≥100家", "120个"),
        Some(Unscorable::UnitMismatch {
            target: "家".to_string(),
            actual: "个".to_string()
        })
    );
    assert_eq!(
        why(Some("10"), "2023.07-2024.01", "2024.01"),
        Some(Unscorable::NotComparable)
    );
    // Not triggered: a scorable row has no problem.
    assert_eq!(why(Some("10"), "≥95%", "95%"), None);
}

#[test]
fn units_convert_within_a_family_only() {
    // 万元 ↔ 元: 50万元 against 480000元 is 10 × 48 / 50.
    assert_eq!(
        row("10", "≥50万元", "480000元", None),
        rs(Rule::AtLeast, "9.60")
    );
    assert_eq!(
        row("10", "≤300元", "0.02万元", None),
        rs(Rule::AtMost, "10.00")
    );
    // % ↔ 百分比.
    assert_eq!(
        row("10", "≥90%", "95百分比", None),
        rs(Rule::AtLeast, "10.00")
    );
    // The value's own multiplier: 1万台 is 10000 台.
    assert_eq!(
        row("10", "≥1万台", "9000台", None),
        rs(Rule::AtLeast, "9.00")
    );
    // A bare number takes the other's unit.
    assert_eq!(row("10", "≥5个", "4", None), rs(Rule::AtLeast, "8.00"));
}

#[test]
fn rounding_is_half_up_at_two_decimals() {
    // w × A / T = 1 × 1 / 8 = 0.125 exactly → 0.13 (half-up, not to even).
    assert_eq!(row("1", "≥8个", "1个", None), rs(Rule::AtLeast, "0.13"));
    assert_eq!(round(rules(), d("2.345")).to_string(), "2.35");
    assert_eq!(round(rules(), d("2.344999")).to_string(), "2.34");
    assert_eq!(round(rules(), d("10")).to_string(), "10.00");
}

fn input_of<'a>(
    values: &'a [(String, IndicatorValue, IndicatorValue, Option<Decimal>)],
) -> Vec<Row<'a>> {
    values
        .iter()
        .map(|(w, t, a, written)| Row {
            weight: Some(d(w)),
            target: t,
            actual: a,
            written: *written,
            ..Row::default()
        })
        .collect()
}

#[test]
fn execution_rate_and_score() {
    let e = score_execution(
        rules(),
        &ExecutionInput {
            weight: None,
            initial: Some(d("1000")),
            adjusted: Some(d("880")),
            executed: Some(d("792")),
            written: Some(d("9")),
        },
    );
    assert_eq!(e.weight, d("10"));
    assert_eq!(e.rate.map(|r| r.to_string()).as_deref(), Some("90.00"));
    assert_eq!(e.computed.map(|r| r.to_string()).as_deref(), Some("9.00"));
    assert!(!e.used_initial);
    // No adjusted figure: the 年初预算数; overspending caps at w_e.
    let e = score_execution(
        rules(),
        &ExecutionInput {
            weight: Some(d("20")),
            initial: Some(d("100")),
            executed: Some(d("120")),
            ..ExecutionInput::default()
        },
    );
    assert!(e.used_initial);
    assert_eq!(e.computed.map(|r| r.to_string()).as_deref(), Some("20.00"));
    // A zero budget cannot be scored.
    let e = score_execution(
        rules(),
        &ExecutionInput {
            adjusted: Some(Decimal::ZERO),
            executed: Some(d("5")),
            ..ExecutionInput::default()
        },
    );
    assert_eq!(e.computed, None);
    assert!(e.problem.is_some());
}

#[test]
fn the_total_rescales_for_excluded_weight_and_marks_stand_ins() {
    let values = vec![
        ("50".to_string(), parse("≥100个"), parse("100个"), None),
        // Excluded: its 10 counts in excluded_weight.
        ("10".to_string(), parse("不适用"), parse("不适用"), None),
        // 30 × 2 / 3 = 20.
        ("30".to_string(), parse("≥3项"), parse("2项"), None),
    ];
    let input = ScoreInput {
        execution: ExecutionInput {
            weight: Some(d("10")),
            adjusted: Some(d("100")),
            executed: Some(d("100")),
            ..ExecutionInput::default()
        },
        rows: input_of(&values),
        written_total: Some(d("80")),
        ..ScoreInput::default()
    };
    let card = score(rules(), &input);
    // (10 + 50 + 20) × 100 / 90 = 88.888… → 88.89, 良.
    assert_eq!(card.total.weight, d("100"));
    assert_eq!(card.total.excluded_weight, d("10"));
    assert_eq!(
        card.total.computed.map(|t| t.to_string()).as_deref(),
        Some("88.89")
    );
    assert!(!card.total.incomplete);
    assert_eq!(card.grade.computed.as_deref(), Some("良"));
    assert_eq!(card.grade.written.as_deref(), Some("良"));

    // A blank actual: the written score stands in (kept within its weight), marked incomplete.
    let values = vec![
        ("50".to_string(), parse("≥100个"), parse(""), Some(d("70"))),
        ("40".to_string(), parse("≥100个"), parse("50个"), None),
    ];
    let input = ScoreInput {
        execution: ExecutionInput {
            adjusted: Some(d("100")),
            executed: Some(d("50")),
            ..ExecutionInput::default()
        },
        rows: input_of(&values),
        ..ScoreInput::default()
    };
    let card = score(rules(), &input);
    // 5 + 50 (70 capped at 50) + 20 = 75.
    assert_eq!(
        card.total.computed.map(|t| t.to_string()).as_deref(),
        Some("75.00")
    );
    assert!(card.total.incomplete);
    assert_eq!(card.grade.computed.as_deref(), Some("中"));
    assert_eq!(card.grade.written, None);
    let notes = crate::i18n::with_lang(crate::i18n::Lang::Zh, || report::notes(rules(), &card));
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].field, "indicators[0]");
    assert!(
        notes[0].message.contains("实际完成值为空")
            && notes[0].message.ends_with("总分按表中得分 70 计入"),
        "{}",
        notes[0].message
    );
    let english = crate::i18n::with_lang(crate::i18n::Lang::En, || report::notes(rules(), &card));
    assert_eq!(english[0].reason, notes[0].reason);
    assert!(
        english[0]
            .message
            .contains("the actual value (实际完成值) is blank")
            && english[0]
                .message
                .ends_with("the total counts the score written in the form, 70"),
        "{}",
        english[0].message
    );
}

#[test]
fn every_score_text_has_both_languages_with_the_same_placeholders() {
    let r = rules();
    assert!(r.text.len() > 30, "{}", r.text.len());
    for (key, text) in &r.text {
        assert!(
            !text.zh.trim().is_empty() && !text.en.trim().is_empty(),
            "{key}"
        );
        assert_eq!(
            crate::i18n::placeholders(&text.zh),
            crate::i18n::placeholders(&text.en),
            "{key}"
        );
        // Every Chinese text but the language-free ones has Chinese, every English one a
        // Latin word or is language-free.
        let free = ["row", "none", "differs", "band"].contains(&key.as_str());
        let has_han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(free || has_han(&text.zh), "{key}: {:?}", text.zh);
        let english_only = text
            .en
            .replace(|c: char| c.is_ascii() || "≥≤—≠“”".contains(c), "");
        let names_chinese_terms = text.en.contains('(') || text.en.contains("达成");
        assert!(
            english_only.is_empty() || names_chinese_terms,
            "{key}: {:?} has Chinese outside a named term",
            text.en
        );
    }
    let headings = &r.sheet.columns;
    assert_eq!(headings.zh.len(), headings.en.len());
    assert_eq!(
        crate::i18n::with_lang(crate::i18n::Lang::En, || headings.get()[0].clone()),
        "Level 1"
    );
    assert_eq!(
        crate::i18n::with_lang(crate::i18n::Lang::Zh, || headings.get()[0].clone()),
        "一级指标"
    );
}

#[test]
fn a_profile_whose_text_lacks_a_language_or_a_placeholder_is_refused() {
    let source = include_str!("../../templates/scoring.toml");
    let without = source.replace("\"heading\".en = \"{file}: self-evaluation score\"\n", "");
    assert_ne!(without, source);
    let err = Rules::from_toml(&without).err().unwrap_or_default();
    assert!(err.contains("heading"), "{err}");
    let unfilled = source.replace("{file}: self-evaluation score", "self-evaluation score");
    let err = Rules::from_toml(&unfilled).err().unwrap_or_default();
    assert!(
        err.contains("[text].heading") && err.contains("placeholders"),
        "{err}"
    );
}

#[test]
fn grades_follow_the_bands() {
    let r = rules();
    assert_eq!(r.grade_for(d("90")), "优");
    assert_eq!(r.grade_for(d("89.99")), "良");
    assert_eq!(r.grade_for(d("80")), "良");
    assert_eq!(r.grade_for(d("60")), "中");
    assert_eq!(r.grade_for(d("59.99")), "差");
    assert_eq!(r.grade_for(d("0")), "差");
}

#[test]
fn every_text_the_code_uses_is_in_the_profile() {
    let r = rules();
    for rule in Rule::ALL {
        assert!(
            r.text.contains_key(&format!("rule.{}", rule.key())),
            "{}",
            rule.key()
        );
    }
    for problem in [
        Unscorable::BlankActual,
        Unscorable::BlankTarget,
        Unscorable::NoWeight,
        Unscorable::FreeText,
        Unscorable::UnitMismatch {
            target: String::new(),
            actual: String::new(),
        },
        Unscorable::NotComparable,
        Unscorable::TooLarge,
    ] {
        assert!(
            r.text.contains_key(&format!("reason.{}", problem.key())),
            "{}",
            problem.key()
        );
    }
    for key in ["blank_actual", "not_comparable", "too_large"] {
        assert!(
            r.text.contains_key(&format!("execution.reason.{key}")),
            "{key}"
        );
    }
}

#[test]
fn a_profile_with_a_word_in_two_grades_is_refused() {
    let text = include_str!("../../templates/scoring.toml").replace(
        "words = [\"未达成\", \"未完成\"]",
        "words = [\"未达成\", \"完成\"]",
    );
    let err = Rules::from_toml(&text).err().unwrap_or_default();
    assert!(err.contains("完成"), "{err}");
}

#[test]
fn the_json_keeps_the_issue_names() {
    let values = vec![("90".to_string(), parse("≥95%"), parse("90%"), Some(d("90")))];
    let input = ScoreInput {
        rows: input_of(&values),
        ..ScoreInput::default()
    };
    let card = score(rules(), &input);
    let v = to_json_value(rules(), &card, None);
    assert_eq!(v["format"], "jixiao/score@1");
    for key in ["weight", "rate", "computed", "written"] {
        assert!(v["execution"].get(key).is_some(), "execution.{key}");
    }
    for key in [
        "level1", "level2", "name", "weight", "rule", "computed", "band", "written", "excluded",
        "cell",
    ] {
        assert!(v["indicators"][0].get(key).is_some(), "indicators[].{key}");
    }
    for key in [
        "computed",
        "written",
        "weight",
        "excluded_weight",
        "incomplete",
    ] {
        assert!(v["total"].get(key).is_some(), "total.{key}");
    }
    assert_eq!(v["indicators"][0]["computed"], "85.26");
    assert_eq!(v["indicators"][0]["rule"], "at_least");
    assert_eq!(v["execution"]["rate"], serde_json::Value::Null);
    assert_eq!(v["total"]["incomplete"], true);
    assert!(v["grade"].get("written").is_some());
}

/// A value text a row may hold: numbers with and without units, each notation, grade words, blanks.
fn value_text() -> impl Strategy<Value = String> {
    let number = (0u32..100_000, 0u32..3)
        .prop_map(|(n, scale)| Decimal::new(i64::from(n), scale).to_string());
    prop_oneof![
        (
            number.clone(),
            prop::sample::select(vec!["", "%", "个", "万元", "元", "天"])
        )
            .prop_map(|(n, u)| format!("{n}{u}")),
        (
            prop::sample::select(vec!["≥", "≤", ">", "<", "约", "="]),
            number.clone(),
            prop::sample::select(vec!["", "%", "个"])
        )
            .prop_map(|(op, n, u)| format!("{op}{n}{u}")),
        (number.clone(), number).prop_map(|(a, b)| format!("{a}-{b}%")),
        (2020u32..2026, 1u32..13, 1u32..29).prop_map(|(y, m, day)| format!("{y}年{m}月{day}日")),
        prop::sample::select(vec![
            "达成",
            "部分达成",
            "未达成",
            "已完成",
            "基本完成",
            "不适用",
            "",
            "效果良好"
        ])
        .prop_map(str::to_string),
    ]
}

fn weight() -> impl Strategy<Value = Decimal> {
    (0i64..5_000, 0u32..3).prop_map(|(n, scale)| Decimal::new(n, scale))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_score_never_exceeds_its_weight(
        w in weight(),
        target in value_text(),
        actual in value_text(),
        written in prop::option::of((-100i64..10_000, 0u32..3).prop_map(|(n, s)| Decimal::new(n, s))),
    ) {
        let s = score_row(rules(), Some(w), &parse(&target), &parse(&actual), written);
        if let Some(c) = s.computed {
            prop_assert!(c >= Decimal::ZERO, "{c} < 0 for {target} / {actual}");
            prop_assert!(c <= w, "{c} > {w} for {target} / {actual}");
        }
    }

    #[test]
    fn the_total_never_exceeds_the_total_weight(
        rows in prop::collection::vec((weight(), value_text(), value_text(),
            prop::option::of((-100i64..10_000, 0u32..3).prop_map(|(n, s)| Decimal::new(n, s)))), 0..12),
        execution_weight in prop::option::of(weight()),
        budget in prop::option::of((0i64..1_000_000, 0u32..3).prop_map(|(n, s)| Decimal::new(n, s))),
        executed in prop::option::of((0i64..2_000_000, 0u32..3).prop_map(|(n, s)| Decimal::new(n, s))),
    ) {
        let values: Vec<_> = rows.iter().map(|(w, t, a, written)| (w.to_string(), parse(t), parse(a), *written)).collect();
        let input = ScoreInput {
            execution: ExecutionInput { weight: execution_weight, adjusted: budget, executed, ..ExecutionInput::default() },
            rows: input_of(&values),
            ..ScoreInput::default()
        };
        let card = score(rules(), &input);
        if let Some(total) = card.total.computed {
            prop_assert!(total >= Decimal::ZERO);
            prop_assert!(total <= card.total.weight, "{total} > {}", card.total.weight);
        }
        if let Some(e) = card.execution.computed {
            prop_assert!(e <= card.execution.weight);
        }
    }
}

/// The Anhui 2022 self-evaluation (../shared/realworld/05_…), typed in by hand: the reader's
/// test scores the file itself (tests/it/score.rs).
#[test]
fn the_anhui_self_evaluation_by_hand() {
    use crate::model::{BudgetExecution, EvaluatedIndicator, SelfEvaluation};
    let rows = [
        ("数量指标", "指标1:完成中型灌区节水改造项目数量", "1", "1"),
        ("数量指标", "指标2:完成农业综合水价改革项目", "1", "1"),
        ("质量指标", "指标1:工程质量合格", "", ""),
        ("时效指标", "指标1:年度资金支付完成率100%", "", ""),
        ("成本指标", "指标1:资金执行在预算范围内", "", ""),
        ("经济效益指标", "指标1:全市安全度汛", "", ""),
        ("社会效益指标", "指标1:保护全市人口财产不受损失", "", ""),
        ("可持续影响指标", "指标1:已建工程良性运行", "", ""),
        ("服务对象满意度指标", "指标1:服务对象满意度", "90%", "100%"),
    ];
    let level1 = |l2: &str| match l2 {
        "数量指标" | "质量指标" | "时效指标" | "成本指标" => "产出指标",
        "服务对象满意度指标" => "满意度指标",
        _ => "效益指标",
    };
    let evaluation = SelfEvaluation {
        budget_execution: BudgetExecution {
            initial: Some(d("880")),
            adjusted: Some(d("880")),
            executed: Some(d("880")),
            weight: Some(d("10")),
            score: Some(d("10")),
            ..BudgetExecution::default()
        },
        indicators: rows
            .iter()
            .map(|(l2, name, t, a)| EvaluatedIndicator {
                level1: level1(l2).to_string(),
                level2: l2.to_string(),
                name: name.to_string(),
                weight: Some(d("10")),
                annual_value: parse(t),
                actual_value: parse(a),
                score: Some(d("10")),
                ..EvaluatedIndicator::default()
            })
            .collect(),
        total_score: Some(d("100")),
        ..SelfEvaluation::default()
    };
    let card = score_self_evaluation(rules(), &evaluation, &crate::model::Provenance::new());
    let computed: Vec<String> = card
        .indicators
        .iter()
        .map(|i| i.computed().map_or("null".to_string(), |c| c.to_string()))
        .collect();
    assert_eq!(
        computed,
        ["10.00", "10.00", "null", "null", "null", "null", "null", "null", "9.00"]
    );
    assert_eq!(card.execution.computed, Some(d("10.00")));
    // 10 + 10 + 10 + 6 × 10 written + 9 = 99: the six rows without values stand in with their
    // written 10; incomplete.
    assert_eq!(
        card.total.computed.map(|t| t.to_string()).as_deref(),
        Some("99.00")
    );
    assert!(card.total.incomplete);
    assert_eq!(card.total.weight, d("100"));
    assert_eq!(card.grade.computed.as_deref(), Some("优"));
    assert_eq!(card.grade.written.as_deref(), Some("优"));
}

#[test]
fn a_blank_score_cell_is_placed_in_the_score_column_of_its_row() {
    use crate::model::{CellRef, EvaluatedIndicator, Provenance, SelfEvaluation};
    let cell = |a1: &str| {
        CellRef::new(
            "Sheet1",
            a1.parse::<crate::address::CellRange>().expect("A1"),
        )
    };
    let evaluation = SelfEvaluation {
        indicators: vec![EvaluatedIndicator::default(), EvaluatedIndicator::default()],
        ..SelfEvaluation::default()
    };
    let mut cells = Provenance::new();
    cells.insert("indicators[0].score", cell("H10"));
    cells.insert("indicators[1].name", cell("D11"));
    let input = score_input(&evaluation, &cells);
    let placed: Vec<Option<String>> = input
        .rows
        .iter()
        .map(|r| r.cell.as_ref().map(|c| c.cell.to_string()))
        .collect();
    assert_eq!(placed, [Some("H10".to_string()), Some("H11".to_string())]);
    // With no score anywhere, the row's own cell stands in.
    let mut cells = Provenance::new();
    cells.insert("indicators[1].name", cell("D11"));
    let input = score_input(&evaluation, &cells);
    assert_eq!(
        input.rows[1].cell.as_ref().map(|c| c.cell.to_string()),
        Some("D11".to_string())
    );
}
