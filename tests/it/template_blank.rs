//! Blank templates: same layout, inputs empty, framework rows, dropdowns, messages, 填报说明,
//! protection and document properties.

use crate::export_support;

use calamine::{Data, Reader};
use export_support::{merges, open, zip_part};
use jixiao::framework::framework;
use jixiao::layout::{Content, Field, Layout, SHEET_NAME};
use jixiao::model::TITLE;
use jixiao::write::{template_form, template_xlsx, TemplateOptions};

fn template(options: &TemplateOptions) -> Vec<u8> {
    template_xlsx(options).expect("template written")
}

fn at(range: &calamine::Range<Data>, row: u32, col: u16) -> Data {
    range
        .get_value((row, u32::from(col)))
        .cloned()
        .unwrap_or(Data::Empty)
}

#[test]
fn inputs_are_empty_and_labels_are_in_place() {
    let options = TemplateOptions::default();
    let bytes = template(&options);
    let range = open(&bytes)
        .worksheet_range(SHEET_NAME)
        .expect("form sheet");
    let layout = Layout::for_form(&template_form(&options));
    for region in &layout.regions {
        let got = at(&range, region.first_row, region.first_col);
        match &region.content {
            Content::Label(text) => assert_eq!(got, Data::String(text.clone()), "{}", region.a1()),
            Content::Field(Field::Title) => assert_eq!(got, Data::String(TITLE.to_string())),
            Content::Field(Field::Indicator(_, c))
                if c.key() == "level1" || c.key() == "level2" =>
            {
                assert!(matches!(got, Data::String(_)), "{}: {got:?}", region.a1())
            }
            Content::Field(_) => assert_eq!(got, Data::Empty, "{}", region.a1()),
        }
    }
    // Five empty key-task rows.
    assert_eq!(layout.key_task_rows, 5);
}

#[test]
fn indicator_rows_are_grouped_under_the_classic_framework() {
    let options = TemplateOptions {
        rows: 2,
        ..TemplateOptions::default()
    };
    let bytes = template(&options);
    let layout = Layout::for_form(&template_form(&options));
    let classic = framework().template_version();
    let level2_count: usize = classic.level1.iter().map(|l| l.level2.len()).sum();
    assert_eq!(level2_count, 9);
    assert_eq!(layout.indicator_rows, level2_count * 2);

    let range = open(&bytes)
        .worksheet_range(SHEET_NAME)
        .expect("form sheet");
    let got = merges(&bytes, SHEET_NAME);
    let mut row = layout.indicator_row(0);
    for level1 in &classic.level1 {
        let rows = (level1.level2.len() * 2) as u32;
        assert_eq!(at(&range, row, 1), Data::String(level1.name.clone()));
        let want = format!("B{}:B{}", row + 1, row + rows);
        assert!(got.contains(&want), "{want} in {got:?}");
        for level2 in &level1.level2 {
            assert_eq!(at(&range, row, 2), Data::String(level2.clone()));
            let want = format!("C{}:C{}", row + 1, row + 2);
            assert!(got.contains(&want), "{want} in {got:?}");
            row += 2;
        }
    }
}

#[test]
fn dropdowns_messages_and_number_checks_are_in_the_sheet() {
    let bytes = template(&TemplateOptions::default());
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    let layout = Layout::for_form(&template_form(&TemplateOptions::default()));
    let first = layout.indicator_row(0) + 1;
    // 一级: the framework's list.
    assert!(
        sheet.contains(&format!(
            r#"sqref="B{first}:B{}"><formula1>L1_list</formula1>"#,
            first + 11
        )),
        "{sheet}"
    );
    // 二级: the list named after the position of this block's 一级 in the 一级 list.
    let level2 = format!(
        r#"sqref="C{first}:C{}"><formula1>INDIRECT("L2_"&amp;MATCH($B${first},L1_list,0))</formula1>"#,
        first + 2
    );
    assert!(sheet.contains(&level2), "{sheet}");
    // Value cells: an input message with the notation's examples.
    for example in [
        "≥18000家次",
        "≤2小时",
        "约100家",
        "2024年12月31日前",
        "较去年同期下降",
    ] {
        assert!(sheet.contains(example), "{example}");
    }
    let value_cell = format!(
        r#"sqref="F{first}:G{}""#,
        layout.indicator_row(layout.indicator_rows - 1) + 1
    );
    assert!(sheet.contains(&value_cell), "{value_cell}");
    // Money cells accept decimal numbers only.
    assert!(
        sheet.contains(r#"<dataValidation type="decimal""#),
        "{sheet}"
    );
    assert!(sheet.contains(r#"sqref="D6""#), "budget cell D6 validated");
    let money_rows = sheet.matches(r#"<dataValidation type="decimal""#).count();
    assert_eq!(money_rows, 8 + 5, "8 budget cells and 5 key-task funds");
}

#[test]
fn the_lists_live_on_a_hidden_sheet_with_defined_names() {
    let bytes = template(&TemplateOptions::default());
    let workbook = zip_part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"<sheet name="下拉列表" sheetId="3" state="hidden""#),
        "{workbook}"
    );
    assert!(
        workbook.contains(r#"<definedName name="L1_list">'下拉列表'!$A$1:$A$3</definedName>"#),
        "{workbook}"
    );
    assert!(
        workbook.contains(r#"<definedName name="L2_1">'下拉列表'!$B$1:$B$4</definedName>"#),
        "{workbook}"
    );
    assert!(
        workbook.contains(r#"<definedName name="L2_3">'下拉列表'!$D$1:$D$1</definedName>"#),
        "{workbook}"
    );
    let mut book = open(&bytes);
    let lists = book.worksheet_range("下拉列表").expect("lists sheet");
    assert_eq!(at(&lists, 1, 0), Data::String("效益指标".to_string()));
    assert_eq!(at(&lists, 3, 2), Data::String("可持续影响指标".to_string()));
}

#[test]
fn the_instructions_sheet_explains_sections_notation_and_units() {
    let bytes = template(&TemplateOptions::default());
    let mut book = open(&bytes);
    assert_eq!(
        book.sheet_names()[0],
        SHEET_NAME,
        "the form is the first sheet"
    );
    let range = book.worksheet_range("填报说明").expect("填报说明 sheet");
    let text: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
    let all = text.join("\n");
    for needle in [
        "总体绩效目标",
        "年度重点工作任务",
        "绩效指标",
        "≥18000家次",
        "万元",
    ] {
        assert!(all.contains(needle), "{needle} in {all}");
    }
}

/// The `cellXfs` entry index `s` of the cell `cell` in `sheet` XML.
fn style_index(sheet: &str, cell: &str) -> usize {
    let key = format!(r#"<c r="{cell}" s=""#);
    let from = sheet.find(&key).unwrap_or_else(|| panic!("cell {cell}")) + key.len();
    sheet[from..from + sheet[from..].find('"').expect("quote")]
        .parse()
        .expect("index")
}

/// Whether cellXfs entry `index` unlocks its cells.
fn is_unlocked(styles: &str, index: usize) -> bool {
    let xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
    let xf = xfs.split("<xf ").nth(index + 1).expect("xf entry");
    let xf = &xf[..xf.find("</xf>").unwrap_or(xf.len())];
    xf.contains(r#"<protection locked="0"/>"#)
}

#[test]
fn protect_locks_labels_and_leaves_inputs_editable() {
    let plain = template(&TemplateOptions::default());
    assert!(!zip_part(&plain, "xl/worksheets/sheet1.xml").contains("<sheetProtection"));

    let bytes = template(&TemplateOptions {
        protect: true,
        ..TemplateOptions::default()
    });
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    let styles = zip_part(&bytes, "xl/styles.xml");
    assert!(sheet.contains(r#"<sheetProtection sheet="1""#), "{sheet}");
    // Rows may still be inserted (more indicators) and resized.
    assert!(
        sheet.contains(r#"insertRows="0""#) && sheet.contains(r#"formatRows="0""#),
        "{sheet}"
    );
    for label in ["A1", "A2", "A3", "B4", "A5", "B6", "A11", "B12"] {
        assert!(
            !is_unlocked(&styles, style_index(&sheet, label)),
            "{label} locked"
        );
    }
    for input in [
        "B3", "D4", "D6", "G6", "B11", "B13", "E13", "B20", "C20", "D20", "F20", "G20",
    ] {
        assert!(
            is_unlocked(&styles, style_index(&sheet, input)),
            "{input} editable"
        );
    }
}

#[test]
fn department_and_year_are_filled_in_and_stamped() {
    let bytes = template(&TemplateOptions {
        department: Some("广州市财政局".to_string()),
        year: Some(2025),
        ..TemplateOptions::default()
    });
    let range = open(&bytes)
        .worksheet_range(SHEET_NAME)
        .expect("form sheet");
    assert_eq!(
        at(&range, 0, 0),
        Data::String(format!("{TITLE}（2025年度）"))
    );
    assert_eq!(at(&range, 2, 1), Data::String("广州市财政局".to_string()));
    // The title still reads as the form's title (a trailing parenthetical is ignored).
    let title = match at(&range, 0, 0) {
        Data::String(s) => s,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        jixiao::labels::labels().key_of(&title),
        Some(jixiao::labels::SectionLabel::Title)
    );
    let custom = zip_part(&bytes, "docProps/custom.xml");
    assert!(
        custom.contains("<vt:lpwstr>jixiao-template</vt:lpwstr>"),
        "{custom}"
    );
    assert!(
        custom.contains(r#"name="jixiao-year""#) && custom.contains("<vt:lpwstr>2025</vt:lpwstr>"),
        "{custom}"
    );
    assert!(
        custom.contains(r#"name="jixiao-layout-version""#),
        "{custom}"
    );
    assert!(custom.contains(r#"name="jixiao-tool-version""#), "{custom}");
}

#[test]
fn a_blank_template_with_its_instructions_sheet_imports_as_one_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    for kind in ["department", "project"] {
        let path = dir.path().join(format!("{kind}.xlsx"));
        let made = crate::common::jixiao(&[
            "template",
            "--kind",
            kind,
            "--year",
            "2025",
            "-o",
            path.to_str().expect("utf-8 path"),
        ]);
        assert!(made.status.success(), "{kind}: {made:?}");
        let documents =
            jixiao::read::open_documents(&path, &Default::default()).expect("the template imports");
        // The 填报说明 sheet names the labels in its prose: it is no second form.
        assert_eq!(documents.len(), 1, "{kind}");
        assert_ne!(documents[0].sheet.as_deref(), Some("填报说明"), "{kind}");
    }
}
