//! The real corpus of indicator values: every line parses without panic and keeps its text, and
//! the reading of every line is written out below.
//!
//! `tests/data/real-indicator-values.tsv` is a copy of the team's shared corpus
//! `../shared/data/real-indicator-values.tsv` (relative to the repository; real values collected
//! from published 绩效目标申报表), kept in the repository so this test is self-contained.
//! Columns: value, indicator_name, level1, level2. Values that a form split over cells are
//! joined with " | " (`= | 116 | 人`, `米 | = | 3500`); they are recomposed with
//! [`split_roles`] and [`compose_split`] before parsing, as the importer does.

use std::collections::BTreeMap;

use jixiao::value::{compose_split, parse, render, split_roles, ValueKind};
use serde_json::Value;

const CORPUS: &str = include_str!("../data/real-indicator-values.tsv");

/// The `value` column, in order.
fn corpus_values() -> Vec<&'static str> {
    let mut lines = CORPUS.lines();
    let header = lines.next().expect("corpus has a header");
    assert_eq!(
        header.split('\t').next(),
        Some("value"),
        "first column of tests/data/real-indicator-values.tsv is `value`"
    );
    let values: Vec<&str> = lines
        .map(|line| line.split('\t').next().unwrap_or(""))
        .collect();
    assert!(values.len() >= 90, "corpus has {} lines", values.len());
    values
}

/// The text a person would have written: split cells recomposed, others as they are.
fn effective_text(raw: &str) -> String {
    if !raw.contains(" | ") {
        return raw.to_string();
    }
    let cells: Vec<&str> = raw.split(" | ").collect();
    let roles = split_roles(&cells).unwrap_or_else(|| panic!("roles of {raw:?} not recognised"));
    compose_split(roles.sign, roles.number, roles.unit)
}

/// Raw corpus value → its reading (the JSON without `text`, which is the effective text).
const EXPECTED: &[(&str, &str)] = &[
    (
        "10辆",
        r#"{"kind":"comparison","op":"=","value":"10","unit":"辆"}"#,
    ),
    (
        ">92%",
        r#"{"kind":"comparison","op":">","value":"92","unit":"%"}"#,
    ),
    (
        "95%",
        r#"{"kind":"comparison","op":"=","value":"95","unit":"%"}"#,
    ),
    ("不超预算", r#"{"kind":"qualitative"}"#),
    (
        "≤10次",
        r#"{"kind":"comparison","op":"<=","value":"10","unit":"次"}"#,
    ),
    (
        "≤5%",
        r#"{"kind":"comparison","op":"<=","value":"5","unit":"%"}"#,
    ),
    (
        "28.8万元",
        r#"{"kind":"comparison","op":"=","value":"28.8","unit":"万元","scaled":{"value":"288000","unit":"元"}}"#,
    ),
    ("按月安排", r#"{"kind":"qualitative"}"#),
    ("应保尽保", r#"{"kind":"qualitative"}"#),
    (
        "280人次",
        r#"{"kind":"comparison","op":"=","value":"280","unit":"人次"}"#,
    ),
    (
        "6次",
        r#"{"kind":"comparison","op":"=","value":"6","unit":"次"}"#,
    ),
    (
        "220",
        r#"{"kind":"comparison","op":"=","value":"220","unit":""}"#,
    ),
    (
        "283辆",
        r#"{"kind":"comparison","op":"=","value":"283","unit":"辆"}"#,
    ),
    (
        "2020年1月--2020年11月",
        r#"{"kind":"period","start":"2020-01","end":"2020-11"}"#,
    ),
    (
        "≤620万/月",
        r#"{"kind":"comparison","op":"<=","value":"620","unit":"万/月","scaled":{"value":"6200000","unit":"/月"}}"#,
    ),
    (
        "10",
        r#"{"kind":"comparison","op":"=","value":"10","unit":""}"#,
    ),
    (
        "80M",
        r#"{"kind":"comparison","op":"=","value":"80","unit":"M"}"#,
    ),
    (
        "180",
        r#"{"kind":"comparison","op":"=","value":"180","unit":""}"#,
    ),
    ("控制在预算内", r#"{"kind":"qualitative"}"#),
    (
        "85%",
        r#"{"kind":"comparison","op":"=","value":"85","unit":"%"}"#,
    ),
    (
        "90%",
        r#"{"kind":"comparison","op":"=","value":"90","unit":"%"}"#,
    ),
    (
        "≥100公里",
        r#"{"kind":"comparison","op":">=","value":"100","unit":"公里"}"#,
    ),
    (
        "≥100%",
        r#"{"kind":"comparison","op":">=","value":"100","unit":"%"}"#,
    ),
    (
        "1600元/亩",
        r#"{"kind":"comparison","op":"=","value":"1600","unit":"元/亩"}"#,
    ),
    (
        "3500公斤",
        r#"{"kind":"comparison","op":"=","value":"3500","unit":"公斤"}"#,
    ),
    (
        "≥500人",
        r#"{"kind":"comparison","op":">=","value":"500","unit":"人"}"#,
    ),
    (
        "≥1000人",
        r#"{"kind":"comparison","op":">=","value":"1000","unit":"人"}"#,
    ),
    (
        "≥500亩",
        r#"{"kind":"comparison","op":">=","value":"500","unit":"亩"}"#,
    ),
    (
        "≥20年",
        r#"{"kind":"comparison","op":">=","value":"20","unit":"年"}"#,
    ),
    (
        "550万粒",
        r#"{"kind":"comparison","op":"=","value":"550","unit":"万粒","scaled":{"value":"5500000","unit":"粒"}}"#,
    ),
    (
        "2%",
        r#"{"kind":"comparison","op":"=","value":"2","unit":"%"}"#,
    ),
    (
        "142万人",
        r#"{"kind":"comparison","op":"=","value":"142","unit":"万人","scaled":{"value":"1420000","unit":"人"}}"#,
    ),
    (
        "63万人",
        r#"{"kind":"comparison","op":"=","value":"63","unit":"万人","scaled":{"value":"630000","unit":"人"}}"#,
    ),
    (
        "较上年提高",
        r#"{"kind":"qualitative","direction":"increase"}"#,
    ),
    (
        "不断提高",
        r#"{"kind":"qualitative","direction":"increase"}"#,
    ),
    (
        "≥1个月",
        r#"{"kind":"comparison","op":">=","value":"1","unit":"个月"}"#,
    ),
    (
        "≥80%",
        r#"{"kind":"comparison","op":">=","value":"80","unit":"%"}"#,
    ),
    ("定性有效", r#"{"kind":"qualitative"}"#),
    (
        "80000",
        r#"{"kind":"comparison","op":"=","value":"80000","unit":""}"#,
    ),
    (
        "30",
        r#"{"kind":"comparison","op":"=","value":"30","unit":""}"#,
    ),
    (
        "132",
        r#"{"kind":"comparison","op":"=","value":"132","unit":""}"#,
    ),
    (
        "= | 116 | 人",
        r#"{"kind":"comparison","op":"=","value":"116","unit":"人"}"#,
    ),
    (
        "= | 6 | 万立方米",
        r#"{"kind":"comparison","op":"=","value":"6","unit":"万立方米","scaled":{"value":"60000","unit":"立方米"}}"#,
    ),
    (
        "= | 320 | 万亩",
        r#"{"kind":"comparison","op":"=","value":"320","unit":"万亩","scaled":{"value":"3200000","unit":"亩"}}"#,
    ),
    (
        "= | 4900 | 公顷",
        r#"{"kind":"comparison","op":"=","value":"4900","unit":"公顷"}"#,
    ),
    (
        "= | 0.5 | 万亩",
        r#"{"kind":"comparison","op":"=","value":"0.5","unit":"万亩","scaled":{"value":"5000","unit":"亩"}}"#,
    ),
    (
        "= | 1 | 单",
        r#"{"kind":"comparison","op":"=","value":"1","unit":"单"}"#,
    ),
    (
        "= | 1 | 年",
        r#"{"kind":"comparison","op":"=","value":"1","unit":"年"}"#,
    ),
    (
        "≥ | 95 | %",
        r#"{"kind":"comparison","op":">=","value":"95","unit":"%"}"#,
    ),
    (
        "米 | = | 3500",
        r#"{"kind":"comparison","op":"=","value":"3500","unit":"米"}"#,
    ),
    (
        "株 | = | 15000",
        r#"{"kind":"comparison","op":"=","value":"15000","unit":"株"}"#,
    ),
    (
        "% | ≥ | 85",
        r#"{"kind":"comparison","op":">=","value":"85","unit":"%"}"#,
    ),
    (
        ">=21933人",
        r#"{"kind":"comparison","op":">=","value":"21933","unit":"人"}"#,
    ),
    (
        ">=59人次",
        r#"{"kind":"comparison","op":">=","value":"59","unit":"人次"}"#,
    ),
    (
        "<=5300元/户",
        r#"{"kind":"comparison","op":"<=","value":"5300","unit":"元/户"}"#,
    ),
    (
        ">=80人",
        r#"{"kind":"comparison","op":">=","value":"80","unit":"人"}"#,
    ),
    (
        "63人",
        r#"{"kind":"comparison","op":"=","value":"63","unit":"人"}"#,
    ),
    (
        "严格按照预算标准1000元/人给补助对象兑付补助",
        r#"{"kind":"qualitative"}"#,
    ),
    (
        "≥266米",
        r#"{"kind":"comparison","op":">=","value":"266","unit":"米"}"#,
    ),
    (
        "显著提升",
        r#"{"kind":"qualitative","direction":"increase"}"#,
    ),
    (
        "1",
        r#"{"kind":"comparison","op":"=","value":"1","unit":""}"#,
    ),
    (
        "12500名",
        r#"{"kind":"comparison","op":"=","value":"12500","unit":"名"}"#,
    ),
    (
        "11所",
        r#"{"kind":"comparison","op":"=","value":"11","unit":"所"}"#,
    ),
    (
        "18—54周岁",
        r#"{"kind":"range","min":"18","max":"54","unit":"周岁"}"#,
    ),
    (
        "3000元/人",
        r#"{"kind":"comparison","op":"=","value":"3000","unit":"元/人"}"#,
    ),
    (
        "60%及以上",
        r#"{"kind":"comparison","op":">=","value":"60","unit":"%"}"#,
    ),
    (
        "2021年12月31日",
        r#"{"kind":"deadline","op":"<=","date":"2021-12-31"}"#,
    ),
    (
        "0.00%",
        r#"{"kind":"comparison","op":"=","value":"0.00","unit":"%"}"#,
    ),
    (
        "≥500份",
        r#"{"kind":"comparison","op":">=","value":"500","unit":"份"}"#,
    ),
    (
        ">=4个",
        r#"{"kind":"comparison","op":">=","value":"4","unit":"个"}"#,
    ),
    (
        ">=95%",
        r#"{"kind":"comparison","op":">=","value":"95","unit":"%"}"#,
    ),
    (
        ">=6万元",
        r#"{"kind":"comparison","op":">=","value":"6","unit":"万元","scaled":{"value":"60000","unit":"元"}}"#,
    ),
    (
        ">=90%",
        r#"{"kind":"comparison","op":">=","value":"90","unit":"%"}"#,
    ),
    (
        "≥400平方米",
        r#"{"kind":"comparison","op":">=","value":"400","unit":"平方米"}"#,
    ),
    (
        "≥98百分比",
        r#"{"kind":"comparison","op":">=","value":"98","unit":"百分比"}"#,
    ),
    (
        "100百分比",
        r#"{"kind":"comparison","op":"=","value":"100","unit":"百分比"}"#,
    ),
    (
        "≥95百分比",
        r#"{"kind":"comparison","op":">=","value":"95","unit":"百分比"}"#,
    ),
    (
        "1人",
        r#"{"kind":"comparison","op":"=","value":"1","unit":"人"}"#,
    ),
    (
        "= | 100 | %",
        r#"{"kind":"comparison","op":"=","value":"100","unit":"%"}"#,
    ),
    (
        "= | 6 | 万元",
        r#"{"kind":"comparison","op":"=","value":"6","unit":"万元","scaled":{"value":"60000","unit":"元"}}"#,
    ),
    (
        "≥ | 90 | %",
        r#"{"kind":"comparison","op":">=","value":"90","unit":"%"}"#,
    ),
    ("定性 | 优良中低差", r#"{"kind":"qualitative"}"#),
    (
        "≥10%",
        r#"{"kind":"comparison","op":">=","value":"10","unit":"%"}"#,
    ),
    (
        "≥2倍",
        r#"{"kind":"comparison","op":">=","value":"2","unit":"倍"}"#,
    ),
    (
        "≥60%",
        r#"{"kind":"comparison","op":">=","value":"60","unit":"%"}"#,
    ),
    (
        "0.0900000762939453",
        r#"{"kind":"comparison","op":"=","value":"0.0900000762939453","unit":""}"#,
    ),
    (
        "-0.300000152587891",
        r#"{"kind":"comparison","op":"=","value":"-0.300000152587891","unit":""}"#,
    ),
    (
        "超13万元/年",
        r#"{"kind":"comparison","op":">","value":"13","unit":"万元/年","scaled":{"value":"130000","unit":"元/年"}}"#,
    ),
    (
        "100.00%",
        r#"{"kind":"comparison","op":"=","value":"100.00","unit":"%"}"#,
    ),
    (
        "≦100%",
        r#"{"kind":"comparison","op":"<=","value":"100","unit":"%"}"#,
    ),
    (
        "≥300个",
        r#"{"kind":"comparison","op":">=","value":"300","unit":"个"}"#,
    ),
    (
        "≥10万件(册)",
        r#"{"kind":"comparison","op":">=","value":"10","unit":"万件(册)","scaled":{"value":"100000","unit":"件(册)"}}"#,
    ),
    (
        "旅游外汇收入增长8.1%;入境旅游人次增长4.5%。",
        r#"{"kind":"qualitative","direction":"increase","targets":[{"subject":"旅游外汇收入增长","op":"=","value":"8.1","unit":"%"},{"subject":"入境旅游人次增长","op":"=","value":"4.5","unit":"%"}]}"#,
    ),
];

/// The seed form's values (`/work/shared/seeds/000_82a93ed0ef46a7ce.txt`).
const SEED: &[(&str, &str)] = &[
    ("≥18000家次", r#"{"kind":"comparison","op":">=","value":"18000","unit":"家次"}"#),
    ("约100家", r#"{"kind":"comparison","op":"~","value":"100","unit":"家"}"#),
    ("约100家（以省下达通知为准）", r#"{"kind":"comparison","op":"~","value":"100","unit":"家","note":"以省下达通知为准"}"#),
    ("150家", r#"{"kind":"comparison","op":"=","value":"150","unit":"家"}"#),
    ("800家", r#"{"kind":"comparison","op":"=","value":"800","unit":"家"}"#),
    ("1个", r#"{"kind":"comparison","op":"=","value":"1","unit":"个"}"#),
    ("约1000个", r#"{"kind":"comparison","op":"~","value":"1000","unit":"个"}"#),
    ("≥8场次", r#"{"kind":"comparison","op":">=","value":"8","unit":"场次"}"#),
    ("≥1万台", r#"{"kind":"comparison","op":">=","value":"1","unit":"万台","scaled":{"value":"10000","unit":"台"}}"#),
    ("≥3倍", r#"{"kind":"comparison","op":">=","value":"3","unit":"倍"}"#),
    ("不低于发展基金出资额的1倍", r#"{"kind":"comparison","op":">=","value":"1","unit":"倍","reference":"发展基金出资额"}"#),
    ("5%", r#"{"kind":"comparison","op":"=","value":"5","unit":"%"}"#),
    ("24%", r#"{"kind":"comparison","op":"=","value":"24","unit":"%"}"#),
    ("2200亿元", r#"{"kind":"comparison","op":"=","value":"2200","unit":"亿元","scaled":{"value":"220000000000","unit":"元"}}"#),
    ("≥8%", r#"{"kind":"comparison","op":">=","value":"8","unit":"%"}"#),
    ("较去年同期下降", r#"{"kind":"qualitative","direction":"decrease"}"#),
    (
        "建成广州人工智能公共算力中心，服务企业数量不少于20家，孵化解决方案不少于40个，举办企业对接会不少于10场，AI技术培训不少于2场，培训覆盖人数不少于100人。",
        r#"{"kind":"qualitative","targets":[
            {"subject":"服务企业数量","op":">=","value":"20","unit":"家"},
            {"subject":"孵化解决方案","op":">=","value":"40","unit":"个"},
            {"subject":"举办企业对接会","op":">=","value":"10","unit":"场"},
            {"subject":"AI技术培训","op":">=","value":"2","unit":"场"},
            {"subject":"培训覆盖人数","op":">=","value":"100","unit":"人"}]}"#,
    ),
    (
        "完成省培育小升规企业数指标,新增国家级专精特新“小巨人”企业70家,带动中小微企业获得较低融资金额超1亿元。",
        r#"{"kind":"qualitative","targets":[
            {"subject":"新增国家级专精特新“小巨人”企业","op":"=","value":"70","unit":"家"},
            {"subject":"带动中小微企业获得较低融资金额","op":">","value":"1","unit":"亿元"}]}"#,
    ),
];

fn check(text: &str, expected_without_text: &str) -> Result<(), String> {
    let mut expected: Value = serde_json::from_str(expected_without_text)
        .map_err(|e| format!("bad expectation for {text:?}: {e}"))?;
    expected
        .as_object_mut()
        .ok_or("expectation is an object")?
        .insert("text".into(), Value::String(text.to_string()));
    let got = serde_json::to_value(parse(text)).map_err(|e| e.to_string())?;
    if got == expected {
        Ok(())
    } else {
        Err(format!("{text:?}\n   got {got}\n  want {expected}"))
    }
}

#[test]
fn every_line_parses_and_keeps_its_text() {
    for raw in corpus_values() {
        assert_eq!(parse(raw).text, raw);
        let text = effective_text(raw);
        let value = parse(&text);
        assert_eq!(value.text, text);
        // Rendering and reading again keeps the meaning.
        let again = parse(&render(&value));
        assert_eq!(
            again.kind,
            value.kind,
            "{raw:?} rendered as {:?}",
            render(&value)
        );
    }
}

#[test]
fn corpus_lines_parse_to_their_meaning() {
    let values = corpus_values();
    let mut failures = Vec::new();
    for (raw, expected) in EXPECTED {
        assert!(values.contains(raw), "{raw:?} is not a corpus line");
        if let Err(e) = check(&effective_text(raw), expected) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let covered = values
        .iter()
        .filter(|v| EXPECTED.iter().any(|(raw, _)| raw == *v))
        .count();
    assert!(
        covered >= 60,
        "only {covered} corpus lines have expectations"
    );
    eprintln!(
        "{covered} of {} corpus lines have explicit expectations",
        values.len()
    );
}

#[test]
fn seed_values_parse_to_their_meaning() {
    let failures: Vec<String> = SEED
        .iter()
        .filter_map(|(text, expected)| check(text, expected).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn split_cells_recompose_to_what_a_person_writes() {
    for (raw, text) in [
        ("= | 116 | 人", "116人"),
        ("≥ | 95 | %", "≥95%"),
        ("米 | = | 3500", "3500米"),
        ("% | ≥ | 85", "≥85%"),
        ("定性 | 优良中低差", "优良中低差"),
    ] {
        assert!(corpus_values().contains(&raw), "{raw:?} is a corpus line");
        assert_eq!(effective_text(raw), text);
    }
}

#[test]
fn kind_distribution() {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for raw in corpus_values() {
        let kind = match parse(&effective_text(raw)).kind {
            ValueKind::Empty => "empty",
            ValueKind::Comparison(_) => "comparison",
            ValueKind::Range(_) => "range",
            ValueKind::Deadline(_) => "deadline",
            ValueKind::Period(_) => "period",
            ValueKind::Qualitative(_) => "qualitative",
            ValueKind::NotApplicable => "not_applicable",
        };
        *counts.entry(kind).or_default() += 1;
    }
    eprintln!("kinds over the corpus: {counts:?}");
    // Most real values are thresholds; a parser that reads them as sentences is broken.
    assert!(
        counts.get("comparison").copied().unwrap_or(0) >= 70,
        "{counts:?}"
    );
}
