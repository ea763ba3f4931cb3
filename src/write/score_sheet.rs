//! `jixiao score -o OUT.xlsx`: the scorecard as a printable sheet — the form's rows, the written
//! score beside the computed one, differences marked (≠ and a fill).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::style::{BODY_FONT, BODY_SIZE, TITLE_FONT};
use crate::error::{Error, Result};
use crate::model::FieldPath;
use crate::score::{distance, notes, reason_text, rule_text, Rules, Scorecard};

/// Column widths, characters: levels, name, values, weight, rule, scores, difference, note.
const WIDTHS: [f64; 11] = [12.0, 14.0, 30.0, 16.0, 16.0, 7.0, 13.0, 9.0, 9.0, 9.0, 40.0];
/// A4.
const PAPER_A4: u8 = 9;
/// The fill of a row whose written score differs from the computed one.
const DIFFERS_FILL: u32 = 0xFFE699;

fn error(e: XlsxError) -> Error {
    Error::unwritable(std::path::Path::new(super::WORKBOOK), e.to_string())
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    text_differs: Format,
    number_differs: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new()
            .set_font_name(BODY_FONT)
            .set_font_size(BODY_SIZE)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let number = base
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format("0.00");
        let differs = |f: &Format| {
            f.clone()
                .set_background_color(Color::RGB(DIFFERS_FILL))
                .set_bold()
        };
        Formats {
            title: Format::new()
                .set_font_name(TITLE_FONT)
                .set_font_size(16.0)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: base.clone().set_bold().set_align(FormatAlign::Center),
            text_differs: differs(&base),
            number_differs: differs(&number),
            text: base,
            number,
        }
    }
}

/// One printed line.
struct Line {
    cells: [String; 5],
    weight: Option<Decimal>,
    rule: String,
    computed: Option<Decimal>,
    /// Shown instead of the computed figure (不计分).
    computed_text: Option<String>,
    written: Option<Decimal>,
    note: String,
}

fn number_or_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<Decimal>,
    text: Option<&str>,
    formats: (&Format, &Format),
) -> std::result::Result<(), XlsxError> {
    match (value.and_then(|d| d.to_f64()), text) {
        (_, Some(text)) => sheet
            .write_string_with_format(row, col, text, formats.1)
            .map(|_| ()),
        (Some(n), None) => sheet
            .write_number_with_format(row, col, n, formats.0)
            .map(|_| ()),
        (None, None) => sheet.write_blank(row, col, formats.1).map(|_| ()),
    }
}

/// The xlsx bytes of the scorecards: one sheet per file (`评分`, or `评分1`, `评分2`, … for several).
pub fn score_xlsx(rules: &Rules, cards: &[(String, Scorecard)]) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let base = rules.text("sheet_name", &[]);
    for (n, (file, card)) in cards.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        let name = if cards.len() == 1 {
            base.clone()
        } else {
            format!("{base}{}", n + 1)
        };
        sheet.set_name(name).map_err(error)?;
        write_sheet(sheet, rules, file, card).map_err(error)?;
    }
    if cards.is_empty() {
        workbook.add_worksheet();
    }
    // A fixed creation date: the same scores give the same bytes.
    let created = ExcelDateTime::from_ymd(1980, 1, 1).map_err(error)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title(rules.text("sheet_title", &[])),
    );
    workbook.save_to_buffer().map_err(error)
}

fn lines(rules: &Rules, card: &Scorecard) -> Vec<Line> {
    // By field, so a form of thousands of rows is not searched once per row.
    let notes: std::collections::HashMap<String, String> = notes(rules, card)
        .into_iter()
        .map(|n| (n.field, n.message))
        .collect();
    let note_of = |field: &str| notes.get(field).cloned();
    let e = &card.execution;
    let mut out = vec![Line {
        cells: [
            rules.text("sheet_execution", &[]),
            String::new(),
            String::new(),
            String::new(),
            e.rate
                .map(|r| rules.text("sheet_rate", &[("rate", format!("{r}%"))]))
                .unwrap_or_default(),
        ],
        weight: Some(e.weight),
        rule: String::new(),
        computed: e.computed,
        computed_text: None,
        written: e.written,
        note: e
            .problem
            .as_ref()
            .map(|p| reason_text(rules, p, None))
            .or_else(|| {
                card.execution_cell
                    .as_ref()
                    .map(|c| rules.text("sheet_cell", &[("cell", c.to_string())]))
            })
            .unwrap_or_default(),
    }];
    for (i, row) in card.indicators.iter().enumerate() {
        let rule = rule_text(rules, &row.score);
        let note = note_of(&FieldPath::item("indicators", i).to_string())
            .or_else(|| {
                row.cell
                    .as_ref()
                    .map(|c| rules.text("sheet_cell", &[("cell", c.to_string())]))
            })
            .unwrap_or_default();
        out.push(Line {
            cells: [
                row.level1.clone(),
                row.level2.clone(),
                row.name.clone(),
                row.target.clone(),
                row.actual.clone(),
            ],
            weight: row.weight,
            rule,
            computed: row.score.computed,
            computed_text: row.score.excluded.then(|| rules.text("excluded", &[])),
            written: row.written,
            note,
        });
    }
    let t = &card.total;
    out.push(Line {
        cells: [
            rules.text("sheet_total", &[]),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        weight: Some(t.weight),
        rule: String::new(),
        computed: t.computed,
        computed_text: None,
        written: t.written,
        note: if t.incomplete {
            rules.text("incomplete", &[])
        } else {
            String::new()
        },
    });
    out
}

fn write_sheet(
    sheet: &mut Worksheet,
    rules: &Rules,
    file: &str,
    card: &Scorecard,
) -> std::result::Result<(), XlsxError> {
    let formats = Formats::new();
    let last_col = (WIDTHS.len() - 1) as u16;
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        &rules.text("sheet_title", &[]),
        &formats.title,
    )?;
    sheet.set_row_height(0, 30)?;
    sheet.merge_range(1, 0, 1, last_col, file, &formats.text)?;
    for (col, heading) in rules
        .sheet
        .columns
        .get()
        .iter()
        .enumerate()
        .take(WIDTHS.len())
    {
        sheet.write_string_with_format(2, col as u16, heading, &formats.header)?;
    }
    let tolerance = rules.check.score_tolerance;
    let mut row = 3u32;
    for line in lines(rules, card) {
        let difference = match (line.computed, line.written) {
            (Some(c), Some(w)) => distance(c, w).filter(|d| *d > tolerance),
            _ => None,
        };
        let (text, number) = if difference.is_some() {
            (&formats.text_differs, &formats.number_differs)
        } else {
            (&formats.text, &formats.number)
        };
        for (col, value) in line.cells.iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, value, text)?;
        }
        number_or_text(sheet, row, 5, line.weight, None, (number, text))?;
        sheet.write_string_with_format(row, 6, &line.rule, text)?;
        number_or_text(
            sheet,
            row,
            7,
            line.computed,
            line.computed_text.as_deref(),
            (number, text),
        )?;
        number_or_text(sheet, row, 8, line.written, None, (number, text))?;
        match difference {
            Some(d) => sheet.write_string_with_format(row, 9, format!("≠ {d}"), text)?,
            None => sheet.write_blank(row, 9, text)?,
        };
        sheet.write_string_with_format(row, 10, &line.note, text)?;
        row += 1;
    }
    let none = rules.text("none", &[]);
    let grade_differs = card.grade.computed != card.grade.written;
    let fmt = if grade_differs {
        &formats.text_differs
    } else {
        &formats.text
    };
    sheet.write_string_with_format(row, 0, rules.text("sheet_grade", &[]), fmt)?;
    sheet.merge_range(row, 1, row, 6, "", fmt)?;
    sheet.write_string_with_format(row, 7, card.grade.computed.as_deref().unwrap_or(&none), fmt)?;
    sheet.write_string_with_format(row, 8, card.grade.written.as_deref().unwrap_or(&none), fmt)?;
    sheet.write_string_with_format(row, 9, if grade_differs { "≠" } else { "" }, fmt)?;
    sheet.write_string_with_format(row, 10, "", fmt)?;
    sheet.set_landscape();
    sheet.set_paper_size(PAPER_A4);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(2, 2)?;
    sheet.set_print_gridlines(false);
    Ok(())
}
