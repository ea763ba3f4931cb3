use super::*;
use crate::value::parse;

#[test]
fn the_compiled_in_profiles_are_templates_system_toml() {
    crate::shipped::SYSTEM.assert_reads_as_its_toml::<Profiles>();
}

fn default() -> &'static Profile {
    Profile::get(None).expect("default profile")
}

fn cells3(text: &str) -> (String, String, String, String, Option<String>) {
    let e = encode(&parse(text), default());
    (e.sign, e.value, e.unit, e.direction, e.verbatim)
}

#[test]
fn the_default_profile_is_the_issues_column_list_with_full_width_signs() {
    let p = default();
    let headers: Vec<&str> = p.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(
        headers,
        [
            "单位名称",
            "项目名称",
            "一级指标",
            "二级指标",
            "三级指标",
            "计算符号",
            "指标值",
            "计量单位",
            "分值",
            "指标方向",
            "指标解释"
        ]
    );
    let s = &p.signs;
    assert_eq!(
        [&s.eq, &s.ge, &s.le, &s.gt, &s.lt, &s.qualitative],
        ["＝", "≥", "≤", "＞", "＜", "定性"]
    );
    assert!(Profile::get(Some("sichuan")).is_ok());
    let err = Profile::get(Some("nowhere")).expect_err("unknown");
    assert!(err.contains("default") && err.contains("sichuan"), "{err}");
}

#[test]
fn comparisons_split_into_sign_number_unit_with_their_direction() {
    let s = |x: &str| x.to_string();
    assert_eq!(
        cells3("≥18000家次"),
        (s("≥"), s("18000"), s("家次"), s("正向"), None)
    );
    // Words for the sign compose back as the sign (`≥300个`): the words are kept in 指标解释.
    assert_eq!(
        cells3("不少于300个"),
        (s("≥"), s("300"), s("个"), s("正向"), Some(s("不少于300个")))
    );
    assert_eq!(
        cells3("≤2小时"),
        (s("≤"), s("2"), s("小时"), s("反向"), None)
    );
    assert_eq!(
        cells3("大于8场"),
        (s("＞"), s("8"), s("场"), s("正向"), Some(s("大于8场")))
    );
    assert_eq!(cells3("150家"), (s("＝"), s("150"), s("家"), s(""), None));
    // The number keeps the form's decimals.
    assert_eq!(cells3("≥95.50%").1, "95.50");
}

#[test]
fn values_the_dictionary_cannot_hold_keep_their_text() {
    let (sign, value, unit, _, verbatim) = cells3("约100家（以省下达通知为准）");
    assert_eq!(
        (sign.as_str(), value.as_str(), unit.as_str()),
        ("＝", "100", "家")
    );
    assert_eq!(verbatim.as_deref(), Some("约100家（以省下达通知为准）"));
    let (sign, value, unit, direction, verbatim) = cells3("5%-8%");
    assert_eq!(
        (sign.as_str(), value.as_str(), unit.as_str()),
        ("≥", "5", "%")
    );
    assert_eq!(direction, "正向");
    assert_eq!(verbatim.as_deref(), Some("5%-8%"));
    let (sign, value, _, direction, verbatim) = cells3("2024年12月31日前");
    assert_eq!((sign.as_str(), value.as_str()), ("≤", "2024-12-31"));
    assert_eq!(direction, "反向");
    assert_eq!(verbatim.as_deref(), Some("2024年12月31日前"));
    let (_, _, _, _, verbatim) = cells3("不低于发展基金出资额的1倍");
    assert_eq!(verbatim.as_deref(), Some("不低于发展基金出资额的1倍"));
}

#[test]
fn qualitative_values_are_dingxing_with_their_words() {
    for text in ["较去年同期下降", "不适用", "2023.07-2024.01"] {
        let (sign, value, unit, direction, verbatim) = cells3(text);
        assert_eq!(sign, "定性", "{text}");
        assert_eq!(value, text);
        assert!(unit.is_empty() && direction.is_empty() && verbatim.is_none());
    }
    assert_eq!(
        cells3(""),
        (
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            None
        )
    );
}

#[test]
fn money_converts_exactly_between_wan_yuan_and_yuan() {
    let m = Money {
        amount: "14737.75".parse().expect("decimal"),
        unit: "万元".to_string(),
    };
    assert_eq!(
        m.in_unit("元").map(|d| d.to_string()).as_deref(),
        Some("147377500.00")
    );
    assert_eq!(m.in_unit("万元"), Some(m.amount));
    let yuan = Money {
        amount: "8827620.53".parse().expect("decimal"),
        unit: "元".to_string(),
    };
    assert_eq!(
        yuan.in_unit("万元").map(|d| d.to_string()).as_deref(),
        Some("882.762053")
    );
    assert_eq!(yuan.in_unit("美元"), None);
}

#[test]
fn a_department_forms_rows_carry_the_department_and_a_differing_period_value() {
    let mut form = Form {
        department: "广州市工业和信息化局".to_string(),
        ..Form::default()
    };
    form.budget.fiscal_appropriation = Some("218602.50".parse().expect("decimal"));
    form.budget.other_funds = Some("0.00".parse().expect("decimal"));
    form.indicators.push(crate::model::Indicator {
        level1: "产出指标".to_string(),
        level2: "数量指标".to_string(),
        name: "完成节能目标责任评价考核评审企业家数".to_string(),
        period_value: parse("约100家"),
        annual_value: parse("约100家（以省下达通知为准）"),
        ..Default::default()
    });
    let rows = department_rows(&form);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].unit_name, "广州市工业和信息化局");
    assert!(rows[0].project_name.is_empty());
    assert_eq!(
        rows[0]
            .budget
            .as_ref()
            .and_then(|m| m.in_unit("元"))
            .map(|d| d.to_string())
            .as_deref(),
        Some("2186025000.00")
    );
    assert_eq!(rows[0].period.as_deref(), Some("约100家"));
    let cells = cells(&rows[0], default()).expect("cells");
    let Cell::Text(explanation) = &cells[10] else {
        panic!("指标解释 is text");
    };
    assert_eq!(
        explanation,
        "原文：约100家（以省下达通知为准）\n实施周期指标值：约100家"
    );
}
