//! 审核意见表: the check's findings as a printable review sheet to send back to each department
//! (`jixiao check --format xlsx -o 审核意见.xlsx FILE...`).
//!
//! One worksheet per file, named after its department, laid out for A4 portrait (one page wide,
//! the findings' header repeated on every page, page numbers in the footer):
//!
//! - the title and the form's identity: file, 部门（单位）名称, kind, year, 部门预算支出合计;
//! - the summary: the numbers of errors and warnings and the conclusion, 通过 (no errors) or
//!   需修改, coloured green or red;
//! - one row per finding: number, severity (错误 red, 警告 yellow, 提示 blue), the cell, the
//!   message and the hint (修改建议), wrapped, with row heights that fit the text;
//! - a legend of the severities and a line for the reviewer's name and date.
//!
//! A file that could not be read gets a sheet saying so and why. Texts are in the current
//! language ([`crate::i18n`]); the findings themselves are Chinese (`templates/diagnostics.toml`).

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::report::FileReport;
use super::{Diagnostic, Severity};
use crate::i18n::text;
use crate::model::Document;
use crate::t;
use crate::write::measure::line_count;

/// Column widths in characters: 序号, 类别, 位置, 问题, 修改建议.
const WIDTHS: [f64; 5] = [6.0, 12.0, 16.0, 42.0, 34.0];
/// The font size of the body.
const FONT: f64 = 10.5;
/// Points per character of column width (Excel: 7 px + padding at the default font).
const POINTS_PER_CHAR: f64 = 5.6;
/// Points per line of wrapped text, and the padding of a row.
const LINE_POINTS: f64 = 14.0;
const ROW_PADDING: f64 = 4.0;

/// One reviewed file: its report (findings or why it was not read) and the form when read.
pub struct Reviewed<'a> {
    /// Its report: findings, or why it was not read.
    pub report: &'a FileReport,
    /// The form, when it was read.
    pub document: Option<&'a Document>,
}

/// The review workbook's bytes.
pub fn review_xlsx(files: &[Reviewed]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(1980, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(text("review.title"))
            .set_creation_datetime(&created),
    );
    let mut used_names: Vec<String> = Vec::new();
    for file in files {
        let name = sheet_name(file, &used_names);
        used_names.push(name.clone());
        let mut sheet = Worksheet::new();
        sheet.set_name(&name)?;
        write_sheet(&mut sheet, file)?;
        workbook.push_worksheet(sheet);
    }
    if files.is_empty() {
        workbook.push_worksheet(Worksheet::new());
    }
    workbook.save_to_buffer()
}

/// The department's name (or the file's), made a valid and unique sheet name: at most 31
/// characters, none of `[]:*?/\`.
fn sheet_name(file: &Reviewed, used: &[String]) -> String {
    let base = file
        .document
        .map(|d| d.display_name().trim().to_string())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| {
            std::path::Path::new(&file.report.file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| file.report.file.clone())
        });
    let clean: String = base
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .collect::<String>()
        .trim_matches('\'')
        .to_string();
    let clean = if clean.is_empty() {
        "Sheet".to_string()
    } else {
        clean
    };
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("({n})")
        };
        let keep = 31 - suffix.chars().count();
        let name: String = clean.chars().take(keep).collect::<String>() + &suffix;
        if !used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
            return name;
        }
        n += 1;
    }
}

struct Formats {
    title: Format,
    label: Format,
    value: Format,
    header: Format,
    cell: Format,
    center: Format,
    pass: Format,
    revise: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        let border = |f: Format| f.set_border(FormatBorder::Thin).set_font_size(FONT);
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            label: border(Format::new())
                .set_bold()
                .set_background_color("F2F2F2")
                .set_align(FormatAlign::VerticalCenter),
            value: border(Format::new())
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            header: border(Format::new())
                .set_bold()
                .set_background_color("D9E1F2")
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            cell: border(Format::new())
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            center: border(Format::new())
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::Top),
            pass: border(Format::new())
                .set_bold()
                .set_font_color("006100")
                .set_background_color("C6EFCE")
                .set_align(FormatAlign::VerticalCenter),
            revise: border(Format::new())
                .set_bold()
                .set_font_color("9C0006")
                .set_background_color("FFC7CE")
                .set_align(FormatAlign::VerticalCenter),
            note: Format::new()
                .set_font_size(9)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        }
    }
}

/// The fill and font colours of a severity: 错误 red, 警告 yellow; blue is for 提示 (notes).
fn severity_format(severity: Option<Severity>) -> (String, Format) {
    let (label, fill, font) = match severity {
        Some(Severity::Error) => (text("review.error"), "FFC7CE", "9C0006"),
        Some(Severity::Warning) => (text("review.warning"), "FFEB9C", "9C5700"),
        Some(Severity::Info) | None => (text("review.info"), "DDEBF7", "1F4E79"),
    };
    let format = Format::new()
        .set_border(FormatBorder::Thin)
        .set_font_size(FONT)
        .set_bold()
        .set_background_color(fill)
        .set_font_color(font)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::Top);
    (label.to_string(), format)
}

/// The height that shows `texts` wrapped in the columns `cols`.
fn fitting_height(texts: &[(&str, usize)]) -> f64 {
    let lines = texts
        .iter()
        .map(|(text, col)| {
            let width = WIDTHS[*col] * POINTS_PER_CHAR - 4.0;
            line_count(text, width, FONT).max(1)
        })
        .max()
        .unwrap_or(1);
    lines as f64 * LINE_POINTS + ROW_PADDING
}

fn write_sheet(sheet: &mut Worksheet, file: &Reviewed) -> Result<(), XlsxError> {
    let f = Formats::new();
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_paper_size(9); // A4
    sheet.set_portrait();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_footer(format!(
        "&L{}&R&P / &N",
        t!("review.footer", version = crate::write::TOOL_VERSION)
    ));

    sheet.merge_range(0, 0, 0, 4, text("review.title"), &f.title)?;
    sheet.set_row_height(0, 30)?;

    let report = file.report;
    let mut identity: Vec<(String, String)> =
        vec![(text("review.file").into(), report.file.clone())];
    if let Some(document) = file.document {
        identity.push((
            text("review.department").into(),
            document.department().to_string(),
        ));
        if document.display_name() != document.department() {
            identity.push((
                text("review.name").into(),
                document.display_name().to_string(),
            ));
        }
        identity.push((
            text("review.kind").into(),
            document.kind().title().to_string(),
        ));
    }
    if let Some(form) = file.document.and_then(Document::as_department) {
        if let Some(year) = year_of(&form.title) {
            identity.push((text("review.year").into(), year));
        }
        let b = &form.budget;
        let total: Decimal = [
            b.basic_expenditure,
            b.project_expenditure,
            b.special_funds,
            b.other_development_expenditure,
        ]
        .iter()
        .flatten()
        .sum();
        identity.push((
            text("review.total").into(),
            format!(
                "{} {}",
                crate::number::group_thousands(&total.to_string()),
                b.unit
            ),
        ));
    }
    let mut row: u32 = 2;
    for (label, value) in &identity {
        sheet.merge_range(row, 0, row, 1, label, &f.label)?;
        sheet.merge_range(row, 2, row, 4, value, &f.value)?;
        row += 1;
    }

    let (errors, warnings, notes) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    sheet.merge_range(row, 0, row, 1, text("review.counts"), &f.label)?;
    let counts = t!(
        "review.counts_text",
        errors = errors,
        warnings = warnings,
        notes = notes
    );
    sheet.merge_range(row, 2, row, 4, &counts, &f.value)?;
    row += 1;
    sheet.merge_range(row, 0, row, 1, text("review.conclusion"), &f.label)?;
    let (conclusion, format) = match &report.outcome {
        Err(_) => (text("review.not_read"), &f.revise),
        Ok(_) if errors == 0 => (text("review.pass"), &f.pass),
        Ok(_) => (text("review.revise"), &f.revise),
    };
    sheet.merge_range(row, 2, row, 4, conclusion, format)?;
    row += 2;

    let header_row = row;
    for (col, key) in [
        "review.number",
        "review.severity",
        "review.cell",
        "review.message",
        "review.hint",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(row, col as u16, text(key), &f.header)?;
    }
    sheet.set_row_height(row, 20)?;
    sheet.set_repeat_rows(header_row, header_row)?;
    row += 1;

    match &report.outcome {
        Err(reason) => {
            let (label, format) = severity_format(Some(Severity::Error));
            sheet.write_number_with_format(row, 0, 1.0, &f.center)?;
            sheet.write_string_with_format(row, 1, &label, &format)?;
            sheet.write_string_with_format(row, 2, "", &f.cell)?;
            sheet.write_string_with_format(row, 3, reason, &f.cell)?;
            sheet.write_string_with_format(row, 4, text("review.not_read"), &f.cell)?;
            sheet.set_row_height(row, fitting_height(&[(reason, 3)]))?;
            row += 1;
        }
        Ok(found) if found.is_empty() => {
            sheet.merge_range(row, 0, row, 4, text("review.none"), &f.value)?;
            sheet.set_row_height(row, 20)?;
            row += 1;
        }
        Ok(found) => {
            for (i, d) in found.iter().enumerate() {
                write_finding(sheet, &f, row, i + 1, d)?;
                row += 1;
            }
        }
    }

    row += 1;
    sheet.merge_range(row, 0, row, 4, text("review.legend"), &f.note)?;
    sheet.set_row_height(row, fitting_height(&[(text("review.legend"), 3)]).min(40.0))?;
    row += 2;
    sheet.merge_range(
        row,
        0,
        row,
        4,
        text("review.reviewer"),
        &Format::new().set_font_size(FONT),
    )?;
    sheet.set_print_area(0, 0, row, 4)?;
    Ok(())
}

fn write_finding(
    sheet: &mut Worksheet,
    f: &Formats,
    row: u32,
    number: usize,
    d: &Diagnostic,
) -> Result<(), XlsxError> {
    let place = d
        .place
        .as_ref()
        .map_or_else(|| d.field.to_string(), ToString::to_string);
    let (label, format) = severity_format(Some(d.severity));
    let hint = d.hint.clone().unwrap_or_default();
    let message = format!("{}\n[{}]", d.message, d.code.as_str());
    sheet.write_number_with_format(row, 0, number as f64, &f.center)?;
    sheet.write_string_with_format(row, 1, &label, &format)?;
    sheet.write_string_with_format(row, 2, &place, &f.cell)?;
    sheet.write_string_with_format(row, 3, &message, &f.cell)?;
    sheet.write_string_with_format(row, 4, &hint, &f.cell)?;
    sheet.set_row_height(
        row,
        fitting_height(&[(&place, 2), (&message, 3), (&hint, 4)]),
    )?;
    Ok(())
}

/// The budget year a title states (`…（2025年度）` → `2025`).
fn year_of(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[..4].iter().all(char::is_ascii_digit) && w[4] == '年')
            .then(|| w[..4].iter().collect::<String>())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Form;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let form = Form {
            department: "广州市[工业]和信息化局/办公室:一处*二处?三处四处五处六处七处".into(),
            ..Form::default()
        };
        let report = FileReport::checked("a.xlsx", Vec::new());
        let document = Document::Department(form);
        let file = Reviewed {
            report: &report,
            document: Some(&document),
        };
        let first = sheet_name(&file, &[]);
        assert!(first.chars().count() <= 31, "{first}");
        assert!(!first.contains(['[', ']', '/', ':', '*', '?']), "{first}");
        let second = sheet_name(&file, std::slice::from_ref(&first));
        assert_ne!(first, second);
        assert!(
            second.ends_with("(2)") && second.chars().count() <= 31,
            "{second}"
        );
    }

    #[test]
    fn each_severity_has_its_own_label_and_colour_notes_blue() {
        let (error, warning, info) = (
            severity_format(Some(Severity::Error)),
            severity_format(Some(Severity::Warning)),
            severity_format(Some(Severity::Info)),
        );
        assert_eq!(info.0, text("review.info"));
        assert_ne!(info.0, warning.0);
        assert_ne!(info.1, warning.1);
        assert_ne!(info.1, error.1);
        let blue = Format::new()
            .set_border(FormatBorder::Thin)
            .set_font_size(FONT)
            .set_bold()
            .set_background_color("DDEBF7")
            .set_font_color("1F4E79")
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::Top);
        assert_eq!(info.1, blue);
    }

    #[test]
    fn long_findings_get_taller_rows() {
        let short = fitting_height(&[("一行", 3)]);
        let long = fitting_height(&[(&"很长的说明".repeat(40), 3)]);
        assert!(long > short * 3.0, "{short} {long}");
    }
}
