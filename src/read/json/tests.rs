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

/// A project form with one indicator whose annual value is given as `annual` (JSON).
fn project_with_annual_value(annual: &str) -> String {
    let mut project = crate::model::ProjectForm::default();
    project.indicators.push(crate::model::Indicator {
        level1: "产出指标".into(),
        level2: "数量指标".into(),
        name: "n".into(),
        annual_value: crate::value::parse("≥5家"),
        ..Default::default()
    });
    let json = serde_json::to_string(&Document::Project(project)).expect("serialises");
    let written = serde_json::to_string(&crate::value::parse("≥5家")).expect("value");
    assert!(json.contains(&written), "{json}");
    json.replace(&written, annual)
}

#[test]
fn a_document_of_another_kind_is_read_straight_into_its_type_and_its_text_wins() {
    let as_written = project_with_annual_value(
        r#"{"text":"≥5家","kind":"comparison","op":">=","value":"5","unit":"家"}"#,
    );
    let (document, warnings) = read_document(as_written.as_bytes()).expect("reads");
    assert_eq!(document.kind(), DocumentKind::Project);
    assert!(warnings.is_empty(), "{warnings:?}");

    let contradicting = project_with_annual_value(
        r#"{"text":"≥5家","kind":"comparison","op":"<","value":"50","unit":"家"}"#,
    );
    let (document, warnings) = read_document(contradicting.as_bytes()).expect("reads");
    let Document::Project(project) = document else {
        panic!("a project form")
    };
    assert_eq!(
        project.indicators[0].annual_value,
        crate::value::parse("≥5家")
    );
    assert_eq!(warnings.len(), 2, "op and value differ: {warnings:?}");
    assert!(warnings
        .iter()
        .all(|w| w.contains("indicators[0].annual_value")));
}

#[test]
fn read_document_says_why_a_file_is_not_one_document() {
    assert!(matches!(
        read_document(b"[1, 2]"),
        Err(DocumentError::Array(2))
    ));
    assert!(matches!(
        read_document(br#"{"format": "jixiao/nope@1"}"#),
        Err(DocumentError::Format(Some(f))) if f == "jixiao/nope@1"
    ));
    assert!(matches!(
        read_document(br#"{"format": 7}"#),
        Err(DocumentError::Format(None))
    ));
    assert!(matches!(
        read_document(b"{\"format\": "),
        Err(DocumentError::Syntax(_))
    ));
    let bad = project_with_annual_value(r#"{"kind":"empty"}"#);
    match read_document(bad.as_bytes()) {
        Err(DocumentError::Invalid(message)) => {
            assert!(message.contains("indicators[0].annual_value"), "{message}");
            assert!(message.contains("text"), "{message}");
        }
        other => panic!("refused with the path: {other:?}"),
    }
}

#[test]
fn a_refused_field_is_named_by_its_path_line_and_column() {
    let text = form_with_value(r#""95%""#).replace(r#""name":"n""#, r#""name":["n"]"#);
    let err = crate::i18n::with_lang(Lang::En, || parse(text.as_bytes()))
        .expect_err("a list where text belongs");
    assert!(err.contains("indicators[0].name"), "{err}");
    // The form's text starts its indicators on the 7th line.
    assert!(err.contains("line 7, column"), "{err}");
    assert!(
        !err.contains(" at line "),
        "serde_json's own position is dropped: {err}"
    );
}

#[test]
fn kind_and_cells_are_checked_and_not_taken_for_fields_of_the_form() {
    let text = form_with_value(r#""95%""#).replacen(
        r#""title":"t""#,
        r#""kind":"department","cells":{"department":"Sheet1!B3","indicators[0].name":{"sheet":"预算 表","cell":"D30"}},"title":"t""#,
        1,
    );
    let (form, cells, _) = parse(text.as_bytes()).expect("reads");
    assert_eq!(form.department, "d");
    assert_eq!(cells.len(), 2);
    assert_eq!(
        cells
            .get("indicators[0].name")
            .map(|c| c.to_string())
            .as_deref(),
        Some("'预算 表'!D30")
    );
    let bad_cell = text.replace(r#""Sheet1!B3""#, r#""B3""#);
    let err = parse(bad_cell.as_bytes()).expect_err("not a cell");
    assert!(err.contains("\"cells\".department"), "{err}");
    let not_object = text.replacen(r#""cells":{"#, r#""cells":[{"#, 1).replacen(
        r#""D30"}},"#,
        r#""D30"}}],"#,
        1,
    );
    assert!(parse(not_object.as_bytes()).is_err());
    let unknown =
        form_with_value(r#""95%""#).replacen(r#""title":"t""#, r#""colour":"red","title":"t""#, 1);
    let err = parse(unknown.as_bytes()).expect_err("an unknown field");
    assert!(err.contains("colour"), "{err}");
}

#[test]
fn trailing_text_and_a_repeated_text_are_refused() {
    let mut trailing = form_with_value(r#""95%""#);
    trailing.push_str(" {}");
    assert!(parse(trailing.as_bytes()).is_err());
    let twice = form_with_value(r#"{"text":"1","text":"2"}"#);
    let err = parse(twice.as_bytes()).expect_err("two texts");
    assert!(err.contains("indicators[0].period_value"), "{err}");
}

#[test]
fn an_array_of_documents_reads_each_with_its_cells_and_names_the_element_of_an_error() {
    let department = form_with_value(r#""95%""#).replacen(
        r#""title":"t""#,
        r#""cells":{"department":"Sheet1!B3"},"title":"t""#,
        1,
    );
    let project = project_with_annual_value(r#""≥5家""#);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("two.json");
    std::fs::write(&path, format!("[{department},\n{project}]")).expect("write");
    let documents =
        super::super::open_documents(&path, &Default::default()).expect("two documents");
    let kinds: Vec<DocumentKind> = documents.iter().map(|d| d.document.kind()).collect();
    assert_eq!(kinds, [DocumentKind::Department, DocumentKind::Project]);
    assert_eq!(documents[0].cells.len(), 1);
    assert!(documents[1].cells.is_empty());

    let broken = project.replace(r#""name":"n""#, r#""name":7"#);
    std::fs::write(&path, format!("[{department},\n{broken}]")).expect("write");
    let err = super::super::open_documents(&path, &Default::default())
        .expect_err("the second is refused")
        .to_string();
    assert!(err.contains("[1].indicators[0].name"), "{err}");
}
