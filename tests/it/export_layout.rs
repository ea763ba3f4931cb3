//! The exported form: labels where the layout puts them, merges, numbers, text, geometry, page
//! setup and document properties — read back with calamine and from the sheet XML.

use crate::export_support;

use calamine::{Data, Reader};
use export_support::{dec, merges, open, seed_form, zip_part};
use jixiao::layout::{cell_a1, Content, Field, IndicatorColumn, Layout, SHEET_NAME};
use jixiao::model::{BudgetField, Form, TITLE};
use jixiao::write::{export_xlsx, printed_layout, ExportOptions};

fn export(form: &Form) -> Vec<u8> {
    export_xlsx(form, &ExportOptions::default()).expect("export succeeds")
}

fn cells(bytes: &[u8]) -> calamine::Range<Data> {
    open(bytes)
        .worksheet_range(SHEET_NAME)
        .expect("the form sheet")
}

fn at(range: &calamine::Range<Data>, row: u32, col: u16) -> Data {
    range
        .get_value((row, u32::from(col)))
        .cloned()
        .unwrap_or(Data::Empty)
}

#[test]
fn every_label_is_at_its_layout_cell() {
    let form = seed_form();
    let bytes = export(&form);
    let range = cells(&bytes);
    let layout = Layout::for_form(&form);
    let mut labels = 0;
    for region in &layout.regions {
        if let Content::Label(text) = &region.content {
            assert_eq!(
                at(&range, region.first_row, region.first_col),
                Data::String(text.clone()),
                "label at {}",
                region.a1()
            );
            labels += 1;
        }
    }
    // The 单位 line, 7 section labels (the title is a field), 2 basic-info labels, 16 budget
    // labels and headers, 4 + 5 table headers.
    assert_eq!(labels, 1 + 7 + 2 + 16 + 4 + 5);
    assert_eq!(at(&range, 0, 0), Data::String(TITLE.to_string()));
    assert_eq!(at(&range, 1, 0), Data::String("单位：万元".to_string()));
    assert_eq!(at(&range, 2, 0), Data::String("部门名称".to_string()));
    assert_eq!(at(&range, 4, 0), Data::String("预算整体情况".to_string()));
    assert_eq!(
        at(&range, 9, 4),
        Data::String("拟用于对下转移支付资金".to_string())
    );
}

#[test]
fn merges_are_exactly_the_layouts_multi_cell_regions() {
    let form = seed_form();
    let bytes = export(&form);
    let mut got = merges(&bytes, SHEET_NAME);
    // The printed layout: the form's layout cut into pages, merges split at the page breaks.
    let mut want: Vec<String> = printed_layout(&form, &ExportOptions::default())
        .regions
        .iter()
        .filter(|r| r.is_merged())
        .map(|r| r.a1())
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn level1_and_level2_merges_cover_exactly_their_runs() {
    // Seed: 7 key tasks, so the indicator header is row 21 and indicators start at row 22.
    // 产出指标 = 数量指标 19 + 质量指标 2; 效益指标 = 经济 8 + 社会 4 + 生态 1. Each 一级 block
    // fits on a page, so the page break falls at the 一级 boundary (row 43) and no run is cut.
    let bytes = export(&seed_form());
    let got = merges(&bytes, SHEET_NAME);
    for range in [
        "B22:B42", "B43:B55", "C22:C40", "C41:C42", "C43:C50", "C51:C54", "A21:A42", "A43:A55",
    ] {
        assert!(
            got.contains(&range.to_string()),
            "{range} not merged in {got:?}"
        );
    }
    // A single-row run (生态效益指标, row 55) is a plain cell, not a merge.
    assert!(!got.iter().any(|m| m.starts_with("C55")), "{got:?}");
    let range = cells(&bytes);
    assert_eq!(at(&range, 54, 2), Data::String("生态效益指标".to_string()));
    assert_eq!(at(&range, 42, 1), Data::String("效益指标".to_string()));
    // The section label is shown again on the page the 效益指标 block starts.
    assert_eq!(at(&range, 42, 0), Data::String("绩效指标".to_string()));
    // Cells inside a merge hold nothing.
    assert_eq!(at(&range, 22, 1), Data::Empty);
}

#[test]
fn money_is_written_as_numbers_and_blank_money_stays_blank() {
    let mut form = seed_form();
    form.key_tasks[1].funds = None;
    let bytes = export(&form);
    let range = cells(&bytes);
    let layout = Layout::for_form(&form);
    for field in BudgetField::ALL {
        let region = layout
            .region_of(&Field::Budget(field))
            .expect("budget cell");
        let want: f64 = form
            .budget
            .get(field)
            .expect("seed has all figures")
            .to_string()
            .parse()
            .expect("f64");
        assert_eq!(
            at(&range, region.first_row, region.first_col),
            Data::Float(want),
            "{field:?}"
        );
    }
    assert_eq!(at(&range, 5, 3), Data::Float(14737.75));
    assert_eq!(at(&range, 6, 6), Data::Float(0.0));
    assert_eq!(at(&range, 12, 4), Data::Float(31098.05));
    assert_eq!(at(&range, 13, 4), Data::Empty);
    // Shown with the form's two decimals and thousands separators.
    let styles = zip_part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r##"formatCode="#,##0.00""##), "{styles}");
}

#[test]
fn the_number_format_keeps_the_values_own_decimals() {
    let mut form = Form::default();
    form.budget.basic_expenditure = Some(dec("100"));
    form.budget.project_expenditure = Some(dec("0.125"));
    let bytes = export(&form);
    let styles = zip_part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r##"formatCode="#,##0""##), "{styles}");
    assert!(styles.contains(r##"formatCode="#,##0.000""##), "{styles}");
}

#[test]
fn text_is_verbatim_and_goals_are_one_paragraph_per_line() {
    let form = seed_form();
    let bytes = export(&form);
    let range = cells(&bytes);
    assert_eq!(
        at(&range, 2, 1),
        Data::String("广州市工业和信息化局".to_string())
    );
    assert_eq!(
        at(&range, 10, 1),
        Data::String(form.overall_goals.join("\n"))
    );
    assert_eq!(form.overall_goals.len(), 7);
    let layout = Layout::for_form(&form);
    for (i, ind) in form.indicators.iter().enumerate() {
        let row = layout.indicator_row(i);
        assert_eq!(
            at(&range, row, IndicatorColumn::Name.column()),
            Data::String(ind.name.clone()),
            "row {row}"
        );
        assert_eq!(
            at(&range, row, IndicatorColumn::PeriodValue.column()),
            Data::String(ind.period_value.text.clone()),
            "row {row}"
        );
        assert_eq!(
            at(&range, row, IndicatorColumn::AnnualValue.column()),
            Data::String(ind.annual_value.text.clone()),
            "row {row}"
        );
    }
    // "24%" stays the text the form wrote, not a number.
    let share = form
        .indicators
        .iter()
        .position(|i| i.annual_value.text == "24%")
        .expect("seed has 24%");
    assert_eq!(
        at(
            &range,
            layout.indicator_row(share),
            IndicatorColumn::AnnualValue.column()
        ),
        Data::String("24%".to_string())
    );
}

#[test]
fn normalize_values_writes_the_rendered_notation() {
    let form = seed_form();
    let bytes = export_xlsx(
        &form,
        &ExportOptions {
            normalize_values: true,
        },
    )
    .expect("export");
    let range = cells(&bytes);
    let layout = Layout::for_form(&form);
    for (i, ind) in form.indicators.iter().enumerate() {
        let row = layout.indicator_row(i);
        let want = jixiao::value::render(&ind.annual_value);
        assert_eq!(
            at(&range, row, IndicatorColumn::AnnualValue.column()),
            Data::String(want),
            "row {row}"
        );
    }
}

#[test]
fn an_empty_form_still_has_one_key_task_row_and_one_indicator_row() {
    let bytes = export(&Form::default());
    let mut got = merges(&bytes, SHEET_NAME);
    got.sort();
    let mut want: Vec<String> = ["A1:G1", "A2:G2", "B3:G3", "B4:C4", "E4:F4", "A5:A10"]
        .map(String::from)
        .to_vec();
    for row in 5..=10 {
        want.push(format!("B{row}:C{row}"));
        want.push(format!("E{row}:F{row}"));
    }
    want.extend(
        [
            "B11:G11", "A12:A13", "C12:D12", "F12:G12", "C13:D13", "F13:G13", "B14:G14", "A15:A16",
            "D15:E15", "D16:E16",
        ]
        .map(String::from),
    );
    want.sort();
    assert_eq!(got, want);
    let range = cells(&bytes);
    assert_eq!(at(&range, 14, 1), Data::String("一级指标".to_string()));
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<dimension ref="A1:G16"/>"#), "{sheet}");
}

/// `(attribute value)` of `attr` in the first element of `xml` that starts with `element`.
fn attr(xml: &str, element: &str, attr: &str) -> Option<String> {
    let start = xml.find(element)?;
    let tag = &xml[start..start + xml[start..].find('>')?];
    let key = format!(" {attr}=\"");
    let from = tag.find(&key)? + key.len();
    Some(tag[from..from + tag[from..].find('"')?].to_string())
}

/// Column widths in points, from the `<col>` elements (Excel: 7 px a character, 0.75 pt a px).
fn column_points(sheet: &str) -> Vec<f64> {
    let mut widths = Vec::new();
    for col in sheet.split("<col ").skip(1) {
        let get = |key: &str| attr(&format!("<col {col}"), "<col", key);
        let min: usize = get("min").and_then(|v| v.parse().ok()).expect("min");
        let max: usize = get("max").and_then(|v| v.parse().ok()).expect("max");
        let chars: f64 = get("width").and_then(|v| v.parse().ok()).expect("width");
        widths.resize(max, 0.0);
        for w in &mut widths[min - 1..max] {
            *w = chars * 7.0 * 0.75;
        }
    }
    widths
}

#[test]
fn columns_are_balanced_by_content_inside_the_printable_width() {
    let form = seed_form();
    let bytes = export(&form);
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    let widths = column_points(&sheet);
    assert_eq!(widths.len(), 7, "{widths:?}");
    // A4 portrait less 0.5 in side margins: 523 pt.
    let total: f64 = widths.iter().sum();
    assert!(total <= 523.0, "{total} pt: {widths:?}");
    // 拟投入的资金 (E) holds one number: never the widest column, narrower than each of the
    // two-column texts beside it, and still wide enough for its widest figure (90,933.00).
    let funds = widths[4];
    let widest = widths.iter().cloned().fold(0.0, f64::max);
    assert!(funds < widest, "{widths:?}");
    assert!(funds < widths[2] + widths[3], "content C:D {widths:?}");
    assert!(funds < widths[5] + widths[6], "outcome F:G {widths:?}");
    let number = jixiao::write::measure::text_width("90,933.00", 10.5);
    // (Widths are whole pixels: 0.75 pt of rounding.)
    assert!(funds + 0.75 >= number + 14.0, "{funds} for {number}");
}

#[test]
fn rows_get_the_height_of_their_wrapped_text() {
    let form = seed_form();
    let bytes = export(&form);
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    let layout = Layout::for_form(&form);
    let mut heights = Vec::new();
    for row in 1..=layout.row_count {
        let el = format!("<row r=\"{row}\"");
        assert_eq!(
            attr(&sheet, &el, "customHeight").as_deref(),
            Some("1"),
            "row {row}"
        );
        let h: f64 = attr(&sheet, &el, "ht")
            .expect("height")
            .parse()
            .expect("number");
        assert!((20.0..=409.0).contains(&h), "row {row}: {h}");
        heights.push(h);
    }
    // 总体绩效目标 (row 11) holds ~900 characters in one cell: far taller than a label row.
    assert!(heights[10] > 200.0, "goals row {}", heights[10]);
    // A key task with a long outcome is taller than one with a short outcome.
    assert!(
        heights[12] > heights[16],
        "{} vs {}",
        heights[12],
        heights[16]
    );
    // One-line indicators (a short name, short values) get one-line rows: 10.5 pt text in
    // lines 1.35 apart plus padding is 21 pt.
    let mut one_line = 0;
    for (i, ind) in form.indicators.iter().enumerate() {
        let short = ind.name.chars().count() <= 10
            && ind.period_value.text.chars().count() <= 6
            && ind.annual_value.text.chars().count() <= 6;
        if short {
            let h = heights[layout.indicator_row(i) as usize];
            assert!(h <= 21.0, "{}: {h}", ind.name);
            one_line += 1;
        }
    }
    assert!(one_line >= 5, "{one_line} short indicators");
}

#[test]
fn the_page_is_a4_portrait_one_page_wide_with_repeated_header_and_page_numbers() {
    let bytes = export(&seed_form());
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(
        attr(&sheet, "<pageSetup", "paperSize").as_deref(),
        Some("9")
    );
    assert_eq!(
        attr(&sheet, "<pageSetup", "orientation").as_deref(),
        Some("portrait")
    );
    assert_eq!(
        attr(&sheet, "<pageSetup", "fitToHeight").as_deref(),
        Some("0")
    );
    // Numbered from 1 on this sheet (firstPageNumber defaults to 1).
    assert_eq!(
        attr(&sheet, "<pageSetup", "useFirstPageNumber").as_deref(),
        Some("1")
    );
    // The only sheet: 共 &N 页 is this sheet's count.
    assert!(
        sheet.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"),
        "{sheet}"
    );
    let workbook = zip_part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains(&format!("{SHEET_NAME}!$21:$21")),
        "print titles: {workbook}"
    );
}

#[test]
fn fonts_are_east_asian() {
    let styles = zip_part(&export(&seed_form()), "xl/styles.xml");
    assert!(
        styles.contains(r#"<name val="宋体"/><family val="3"/><charset val="134"/>"#),
        "{styles}"
    );
    assert!(
        styles.contains(r#"<b/><sz val="18"/>"#),
        "title is bold and larger: {styles}"
    );
}

#[test]
fn exported_forms_carry_our_document_properties() {
    let custom = zip_part(&export(&seed_form()), "docProps/custom.xml");
    assert!(custom.contains(r#"name="jixiao-template-id""#), "{custom}");
    assert!(
        custom.contains("<vt:lpwstr>jixiao-export</vt:lpwstr>"),
        "{custom}"
    );
    assert!(
        custom.contains(r#"name="jixiao-layout-version""#),
        "{custom}"
    );
    assert!(
        custom.contains(&format!(
            "<vt:lpwstr>{}</vt:lpwstr>",
            env!("CARGO_PKG_VERSION")
        )),
        "{custom}"
    );
}

#[test]
fn a_cell_longer_than_excel_allows_is_an_error_naming_field_and_cell() {
    let mut form = Form::default();
    form.indicators.push(jixiao::Indicator {
        name: "长".repeat(40_000),
        ..Default::default()
    });
    let err = export_xlsx(&form, &ExportOptions::default()).expect_err("too long");
    let message = err.to_string();
    let cell = cell_a1(
        Layout::for_form(&form).indicator_row(0),
        IndicatorColumn::Name.column(),
    );
    assert!(message.contains("indicators[0].name"), "{message}");
    assert!(message.contains(&cell), "{message}");
    assert_eq!(err.exit_code(), jixiao::error::exit::OUTPUT);
}
