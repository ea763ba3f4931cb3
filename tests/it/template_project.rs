//! The blank project template (`jixiao template --kind project`): the project layout with empty
//! inputs under the framework's 一级/二级, the department template's dropdowns, number checks,
//! input messages, 填报说明 sheet, per-sheet page numbers and --protect.

use calamine::{Data, Reader};

use crate::common::jixiao;
use crate::export_support::{merges, open, zip_part};
use jixiao::framework::framework;
use jixiao::layout::cell_a1;
use jixiao::layout::project::{ProjectColumn, ProjectField, PROJECT_SHEET_NAME};
use jixiao::write::{project_template_layout, project_template_xlsx, TemplateOptions};

fn text(range: &calamine::Range<Data>, row: u32, col: u16) -> String {
    range
        .get_value((row, u32::from(col)))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn the_blank_project_form_has_its_labels_year_and_framework_rows() {
    let options = TemplateOptions {
        department: Some("鄂州市财政局".to_string()),
        year: Some(2025),
        rows: 2,
        ..TemplateOptions::default()
    };
    let bytes = project_template_xlsx(&options).expect("template");
    let mut book = open(&bytes);
    assert_eq!(book.sheet_names()[0], PROJECT_SHEET_NAME);
    assert_eq!(book.sheet_names()[1], "填报说明");
    let range = book.worksheet_range(PROJECT_SHEET_NAME).expect("sheet");
    assert_eq!(text(&range, 0, 0), "项目支出绩效目标申报表（2025年度）");
    assert_eq!(text(&range, 1, 0), "单位：万元");
    let layout = project_template_layout(&options);
    let dept = layout
        .region_of(&ProjectField::Department)
        .expect("主管部门 cell");
    assert_eq!(text(&range, dept.first_row, dept.first_col), "鄂州市财政局");
    let header: Vec<String> = (0..layout.columns.len() as u16)
        .map(|c| text(&range, layout.indicator_header_row, c))
        .collect();
    assert_eq!(
        header,
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "分值",
            "指标解释"
        ]
    );
    // Two empty rows under each 二级 of the framework; names and values blank.
    let classic = framework().template_version();
    let level2s: usize = classic.level1.iter().map(|l| l.level2.len()).sum();
    assert_eq!(layout.indicator_rows, level2s * 2);
    let mut row = layout.indicator_row(0);
    for level1 in &classic.level1 {
        for level2 in &level1.level2 {
            assert_eq!(text(&range, row, 1), *level2);
            assert_eq!(text(&range, row, 2), "");
            assert_eq!(text(&range, row, 3), "");
            row += 2;
        }
    }
    let got = merges(&bytes, PROJECT_SHEET_NAME);
    let first = layout.indicator_row(0) + 1;
    assert!(got.contains(&format!("B{first}:B{}", first + 1)), "{got:?}");
}

#[test]
fn dropdowns_number_checks_messages_and_page_numbers() {
    let options = TemplateOptions::default();
    let bytes = project_template_xlsx(&options).expect("template");
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    let layout = project_template_layout(&options);
    let first = layout.indicator_row(0) + 1;
    assert!(sheet.contains(r#"<formula1>L1_list</formula1>"#), "{sheet}");
    assert!(
        sheet.contains(&format!(
            r#"<formula1>INDIRECT("L2_"&amp;MATCH($A${first},L1_list,0))</formula1>"#
        )),
        "{sheet}"
    );
    // Four money cells (资金总额, 财政拨款, 其他资金, 上年结转) and one 分值 cell per row take
    // numbers only.
    let decimals = sheet.matches(r#"<dataValidation type="decimal""#).count();
    assert_eq!(decimals, 4 + layout.indicator_rows, "{sheet}");
    let total = layout.region_of(&ProjectField::Total).expect("资金总额");
    assert!(sheet.contains(&format!(r#"sqref="{}""#, total.a1())));
    // The value cells explain the notation.
    let value_col = layout.column_of(ProjectColumn::Value).expect("指标值");
    assert!(sheet.contains(&format!(r#"sqref="{}""#, cell_a1(first - 1, value_col))));
    assert!(sheet.contains("≥18000家次"));
    // The lists the dropdowns read.
    let workbook = zip_part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"<definedName name="L1_list">"#),
        "{workbook}"
    );
    // Each sheet numbers its own pages; the form's footer has no total (it would count 填报说明).
    assert!(
        sheet.contains("<oddFooter>&amp;C第 &amp;P 页</oddFooter>"),
        "{sheet}"
    );
    let instructions = zip_part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(instructions.contains("填报说明 第 &amp;P 页"));
    let range = open(&bytes).worksheet_range("填报说明").expect("sheet");
    let all: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
    let all = all.join("\n");
    for needle in ["项目资金", "年度目标", "分值", "签字盖章", "万元"] {
        assert!(all.contains(needle), "{needle}");
    }
}

#[test]
fn protect_and_the_cli_flag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("p.xlsx");
    let run = jixiao(&[
        "template",
        "--kind",
        "project",
        "-o",
        out.to_str().expect("utf-8"),
        "--year",
        "2025",
        "--protect",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(&out).expect("written");
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<sheetProtection sheet="1""#), "{sheet}");
    assert!(sheet.contains(r#"insertRows="0""#), "{sheet}");
    let styles = zip_part(&bytes, "xl/styles.xml");
    let layout = project_template_layout(&TemplateOptions {
        year: Some(2025),
        ..TemplateOptions::default()
    });
    let unlocked = |cell: &str| {
        let key = format!(r#"<c r="{cell}" s=""#);
        let from = sheet.find(&key).unwrap_or_else(|| panic!("{cell}")) + key.len();
        let index: usize = sheet[from..from + sheet[from..].find('"').expect("quote")]
            .parse()
            .expect("index");
        let xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
        let xf = xfs.split("<xf ").nth(index + 1).expect("xf");
        xf[..xf.find("</xf>").unwrap_or(xf.len())].contains(r#"locked="0""#)
    };
    let name = layout.region_of(&ProjectField::Name).expect("项目名称");
    assert!(unlocked(&cell_a1(name.first_row, name.first_col)));
    assert!(
        !unlocked(&cell_a1(name.first_row, 0)),
        "the 项目名称 label is locked"
    );
    let row = layout.indicator_row(0);
    assert!(unlocked(&cell_a1(row, 2)), "三级指标 editable");
}
