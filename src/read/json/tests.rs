use super::*;
use crate::i18n::Lang;

fn form_with_value(value: &str) -> String {
    format!(
        r#"{{"format":"jixiao/form@1","title":"t","department":"d",
        "basic_info":{{"staff_count":null,"subordinate_units":null}},
        "budget":{{"unit":"万元","basic_expenditure":null,"project_expenditure":null,"special_funds":null,
          "other_development_expenditure":null,"fiscal_appropriation":null,"other_funds":null,
          "municipal_level":null,"transfer_to_lower_level":null}},
        "overall_goals":[],"key_tasks":[],"other_tasks":"",
        "indicators":[{{"level1":"产出指标","level2":"数量指标","name":"n",
          "period_value":{value},"annual_value":{{"text":"≥95%"}}}}]}}"#
    )
}

#[test]
fn a_value_needs_only_its_text_and_the_text_wins_over_contradicting_fields() {
    let (form, _, warnings) = parse(form_with_value(r#"{"text":"≥18000家次"}"#).as_bytes())
        .expect("a text-only value reads");
    assert_eq!(
        form.indicators[0].period_value,
        crate::value::parse("≥18000家次")
    );
    assert_eq!(form.indicators[0].annual_value, crate::value::parse("≥95%"));
    assert!(warnings.is_empty(), "{warnings:?}");

    let (form, _, _) = parse(form_with_value(r#""≥18000家次""#).as_bytes()).expect("a bare string");
    assert_eq!(
        form.indicators[0].period_value,
        crate::value::parse("≥18000家次")
    );

    // Agreeing fields (a number written as a JSON number) give no warning.
    let agreeing =
        r#"{"text":"≥18000家次","kind":"comparison","op":">=","value":18000,"unit":"家次"}"#;
    let (_, _, warnings) = parse(form_with_value(agreeing).as_bytes()).expect("reads");
    assert!(warnings.is_empty(), "{warnings:?}");

    let contradicting =
        r#"{"text":"≥18000家次","kind":"comparison","op":">=","value":"1800","unit":"家次"}"#;
    let (form, _, warnings) = parse(form_with_value(contradicting).as_bytes()).expect("reads");
    assert_eq!(
        form.indicators[0].period_value,
        crate::value::parse("≥18000家次")
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("indicators[0].period_value"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("1800"), "{}", warnings[0]);
}

#[test]
fn documents_that_are_not_a_form_are_refused_with_the_json_path() {
    let err = parse(b"[{\"format\":\"jixiao/form@1\"}]").expect_err("an array");
    assert!(err.contains("array"), "{err}");
    let err = parse(br#"{"format":"jixiao/form@2"}"#).expect_err("another format");
    assert!(err.contains("jixiao/form@2"), "{err}");
    let err = parse(br#"{"title":"x"}"#).expect_err("no format");
    assert!(err.contains("format"), "{err}");
    let err = parse(br#"{"format":"jixiao/form@1","kind":"budget_cut"}"#).expect_err("kind");
    assert!(err.contains("budget_cut"), "{err}");
    let bad_op =
        form_with_value(r#"{"text":"x"}"#).replace(r#""level1":"产出指标""#, r#""level1":7"#);
    let err = parse(bad_op.as_bytes()).expect_err("a number where text belongs");
    assert!(err.contains("indicators[0].level1"), "{err}");
    let missing_text = form_with_value(r#"{"kind":"empty"}"#);
    let err = parse(missing_text.as_bytes()).expect_err("a value without text");
    assert!(err.contains("indicators[0].period_value"), "{err}");
}

#[test]
fn budget_unit_yuan_is_kept_and_other_units_refused() {
    let yuan = form_with_value(r#""95%""#).replace(r#""unit":"万元""#, r#""unit":"元""#);
    let (form, _, _) = parse(yuan.as_bytes()).expect("元 is accepted");
    assert_eq!(form.budget.unit, "元");
    let dollars = form_with_value(r#""95%""#).replace(r#""unit":"万元""#, r#""unit":"美元""#);
    let err = parse(dollars.as_bytes()).expect_err("美元 is not a unit of these forms");
    assert!(err.contains("美元"), "{err}");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(form_with_value(r#""95%""#).as_bytes());
    assert!(parse(&bytes).is_ok());
}

#[test]
fn messages_exist_in_chinese() {
    let text = crate::i18n::fill_in(Lang::Zh, "read.json_array", &[("format", &FORMAT)]);
    assert!(text.contains("JSON 数组"), "{text}");
}
