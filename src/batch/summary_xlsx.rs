//! `summary.xlsx`: what a finance bureau circulates after a batch — one workbook, three sheets.
//!
//! - **汇总** (Forms): one row per file — file, kind, 部门, year, the money unit of the form, the
//!   three totals in 万元 (forms in 元 are converted exactly), the key tasks' funds, the number
//!   of indicators and of indicators under each 一级, check errors and warnings, the status
//!   (通过 / 需修改 / 失败) and why a file failed.
//! - **绩效指标** (Indicators): every indicator of every form — both values' text, kind, op,
//!   value and unit (as `indicators.csv`).
//! - **检查结果** (Diagnostics): every check finding — file, cell, severity, code, message,
//!   hint.
//!
//! Every sheet has a frozen, bold header row with an autofilter, and columns as wide as their
//! text (CJK counted double, capped). Money is written as numbers with two decimals. Headers and
//! statuses are in the current language ([`crate::i18n`]). The workbook carries a fixed creation
//! date, so the same batch gives the same bytes.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::{value_columns, FileReport, Status, INDICATOR_COLUMNS};
use crate::check::{Diagnostic, Severity};
use crate::framework::framework;
use crate::i18n::text;
use crate::model::{Document, DocumentKind, Form};
use crate::t;
use crate::write::measure::text_width;

/// The file name of the workbook in OUT_DIR.
pub const SUMMARY_XLSX: &str = "summary.xlsx";

/// One file of the batch: its report, and the form and findings when it was read.
pub struct Entry<'a> {
    /// Its line of the summary.
    pub report: &'a FileReport,
    /// The department form, when it is one and was read.
    pub form: Option<&'a Form>,
    /// A file holding one form of another kind.
    pub other: Option<&'a OtherForm>,
    /// What the check found.
    pub diagnostics: &'a [Diagnostic],
}

/// What the 汇总 sheet shows of a project form or a self-evaluation: its kind, department, year
/// and number of indicators; for a self-evaluation the total and grade the scoring rules give
/// ([`crate::score`], as `jixiao score` computes them — not the figures written on the form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherForm {
    /// Which kind it is.
    pub kind: DocumentKind,
    /// 主管部门 (or 部门名称).
    pub department: String,
    /// The year the form states.
    pub year: Option<u32>,
    /// How many indicator rows it has.
    pub indicators: usize,
    /// A self-evaluation's computed total.
    pub score: Option<Decimal>,
    /// The grade of that total.
    pub grade: Option<String>,
}

impl OtherForm {
    /// The summary of one imported document (a department form gives only its kind and counts:
    /// the batch lists those from the form itself).
    pub fn of(imported: &crate::read::ImportedDocument) -> OtherForm {
        match &imported.document {
            Document::Department(form) => OtherForm {
                kind: DocumentKind::Department,
                department: form.department.clone(),
                year: year_of(&form.title),
                indicators: form.indicators.len(),
                score: None,
                grade: None,
            },
            Document::Project(project) => OtherForm {
                kind: DocumentKind::Project,
                department: department_or_unit(&project.project.department, &project.project.unit),
                year: project.year,
                indicators: project.indicators.len(),
                score: None,
                grade: None,
            },
            Document::SelfEvaluation(evaluation) => {
                let card = crate::score::score_self_evaluation(
                    crate::score::rules(),
                    evaluation,
                    &imported.cells,
                );
                OtherForm {
                    kind: DocumentKind::SelfEvaluation,
                    department: department_or_unit(&evaluation.department, &evaluation.unit),
                    year: evaluation.year,
                    indicators: evaluation.indicators.len(),
                    score: card.total.computed,
                    grade: card.grade.computed,
                }
            }
        }
    }
}

/// Widest a column gets, in characters of the default font.
const MAX_WIDTH: f64 = 60.0;
const MIN_WIDTH: f64 = 6.0;

/// `summary.xlsx` written as the batch goes: a row is added per file ([`SummaryWorkbook::add`])
/// and leaves memory at once — each sheet streams its rows to an unnamed temporary file (in the
/// folder given to [`SummaryWorkbook::new`], removed by the system when closed), so the memory
/// used does not grow with the number of forms. The cells are written as inline strings.
pub struct SummaryWorkbook {
    workbook: Workbook,
    forms: Table,
    indicators: Table,
    diagnostics: Table,
    levels: Vec<&'static str>,
}

impl SummaryWorkbook {
    /// Starts the workbook; its sheets' rows are kept in unnamed temporaries in `scratch`.
    pub fn new(scratch: &std::path::Path) -> Result<SummaryWorkbook, XlsxError> {
        let mut workbook = Workbook::new();
        workbook.set_tempdir(scratch)?;
        let created = ExcelDateTime::from_ymd(1980, 1, 1)?;
        workbook.set_properties(
            &DocProperties::new()
                .set_title(text("summary.sheet_forms"))
                .set_creation_datetime(&created),
        );
        let levels = level1_names();
        let mut forms = Table::new(
            workbook.new_worksheet_with_constant_memory()?,
            text("summary.sheet_forms"),
        );
        forms.header(&forms_header(&levels))?;
        let mut indicators = Table::new(
            workbook.new_worksheet_with_constant_memory()?,
            text("summary.sheet_indicators"),
        );
        indicators.header(&super::header(&INDICATOR_COLUMNS))?;
        let mut diagnostics = Table::new(
            workbook.new_worksheet_with_constant_memory()?,
            text("summary.sheet_diagnostics"),
        );
        diagnostics.header(&diagnostics_header())?;
        Ok(SummaryWorkbook {
            workbook,
            forms,
            indicators,
            diagnostics,
            levels,
        })
    }

    /// Adds one file's rows to every sheet (files are added in the order they are listed).
    pub fn add(&mut self, entry: &Entry) -> Result<(), XlsxError> {
        forms_row(&mut self.forms, &self.levels, entry)?;
        indicator_rows(&mut self.indicators, entry)?;
        diagnostic_rows(&mut self.diagnostics, entry)
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        self.workbook.push_worksheet(self.forms.finish()?);
        self.workbook.push_worksheet(self.indicators.finish()?);
        self.workbook.push_worksheet(self.diagnostics.finish()?);
        self.workbook.save_to_buffer()
    }
}

/// The workbook's bytes for `entries` at once (its rows go through unnamed temporaries in
/// `scratch`, as [`SummaryWorkbook`] says).
pub fn summary_xlsx(entries: &[Entry], scratch: &std::path::Path) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = SummaryWorkbook::new(scratch)?;
    for entry in entries {
        workbook.add(entry)?;
    }
    workbook.finish()
}

/// The 一级 names of every framework version, in the framework's order.
fn level1_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for version in &framework().versions {
        for level1 in &version.level1 {
            if !names.contains(&level1.name.as_str()) {
                names.push(level1.name.as_str());
            }
        }
    }
    names
}

fn forms_header(levels: &[&str]) -> Vec<String> {
    let mut header: Vec<String> = vec![
        text("columns.file").to_string(),
        text("summary.kind").to_string(),
        text("columns.department").to_string(),
        text("summary.year").to_string(),
        text("summary.unit").to_string(),
        crate::t!("summary.in_wan", heading = text("summary.total")),
        crate::t!("summary.in_wan", heading = text("summary.income_total")),
        crate::t!("summary.in_wan", heading = text("summary.tasks_total")),
        text("summary.indicators").to_string(),
    ];
    header.extend(
        levels
            .iter()
            .map(|l| t!("summary.level1_count", level1 = l)),
    );
    header.extend([
        text("summary.score").to_string(),
        text("summary.grade").to_string(),
        text("columns.errors").to_string(),
        text("columns.warnings").to_string(),
        text("columns.status").to_string(),
        text("columns.message").to_string(),
    ]);
    header
}

fn forms_row(sheet: &mut Table, levels: &[&str], entry: &Entry) -> Result<(), XlsxError> {
    let labels = crate::labels::labels();
    let report = entry.report;
    let mut row: Vec<Cell> = vec![Cell::Text(report.file.clone())];
    match entry.form {
        Some(form) => {
            let budget = &form.budget;
            let sum = |values: &[Option<Decimal>]| -> Decimal { values.iter().flatten().sum() };
            let total = sum(&[
                budget.basic_expenditure,
                budget.project_expenditure,
                budget.special_funds,
                budget.other_development_expenditure,
            ]);
            let income = sum(&[budget.fiscal_appropriation, budget.other_funds]);
            let tasks: Decimal = form.key_tasks.iter().filter_map(|t| t.funds).sum();
            let in_wan = |d: Decimal| Cell::Money(to_wan(d, &budget.unit));
            row.extend([
                Cell::Text(text("summary.kind_department").to_string()),
                Cell::Text(form.department.clone()),
                year_of(&form.title).map_or(Cell::Blank, |y| Cell::Count(y as usize)),
                Cell::Text(budget.unit.clone()),
                in_wan(total),
                in_wan(income),
                in_wan(tasks),
                Cell::Count(form.indicators.len()),
            ]);
            for level in levels {
                let count = form
                    .indicators
                    .iter()
                    .filter(|i| labels.normalize(&i.level1) == labels.normalize(level))
                    .count();
                row.push(Cell::Count(count));
            }
        }
        None => match entry.other {
            Some(other) => {
                row.extend([
                    Cell::Text(other.kind.title().to_string()),
                    Cell::Text(other.department.clone()),
                    other.year.map_or(Cell::Blank, |y| Cell::Count(y as usize)),
                ]);
                row.extend(std::iter::repeat_n(Cell::Blank, 4));
                row.push(Cell::Count(other.indicators));
                row.extend(std::iter::repeat_n(Cell::Blank, levels.len()));
            }
            None => row.extend(std::iter::repeat_n(Cell::Blank, 8 + levels.len())),
        },
    }
    let grade = entry.other.and_then(|o| o.grade.clone());
    row.extend([
        entry
            .other
            .and_then(|o| o.score)
            .map_or(Cell::Blank, Cell::Money),
        grade.map_or(Cell::Blank, Cell::Text),
    ]);
    let status = match (report.status, report.errors) {
        (Status::Failed, _) => text("batch.status_failed"),
        (Status::Ok, Some(0)) => text("batch.status_pass"),
        (Status::Ok, _) => text("batch.status_revise"),
    };
    row.extend([
        report.errors.map_or(Cell::Blank, Cell::Count),
        report.warnings.map_or(Cell::Blank, Cell::Count),
        Cell::Text(status.to_string()),
        Cell::Text(report.message.clone().unwrap_or_default()),
    ]);
    sheet.row(&row)
}

fn indicator_rows(sheet: &mut Table, entry: &Entry) -> Result<(), XlsxError> {
    let Some(form) = entry.form else {
        return Ok(());
    };
    for indicator in &form.indicators {
        let mut row = vec![
            Cell::Text(entry.report.file.clone()),
            Cell::Text(form.department.clone()),
            Cell::Text(indicator.level1.clone()),
            Cell::Text(indicator.level2.clone()),
            Cell::Text(indicator.name.clone()),
        ];
        for value in [&indicator.period_value, &indicator.annual_value] {
            row.extend(value_columns(value).into_iter().map(Cell::Text));
        }
        sheet.row(&row)?;
    }
    Ok(())
}

fn diagnostics_header() -> Vec<String> {
    vec![
        text("columns.file").to_string(),
        text("columns.department").to_string(),
        text("summary.cell").to_string(),
        text("summary.severity").to_string(),
        text("summary.code").to_string(),
        text("columns.message").to_string(),
        text("summary.hint").to_string(),
    ]
}

fn diagnostic_rows(sheet: &mut Table, entry: &Entry) -> Result<(), XlsxError> {
    let department = match (entry.form, entry.other) {
        (Some(form), _) => form.department.clone(),
        (None, Some(other)) => other.department.clone(),
        (None, None) => String::new(),
    };
    if entry.form.is_none() && entry.other.is_none() {
        if let Some(message) = &entry.report.message {
            sheet.row(&[
                Cell::Text(entry.report.file.clone()),
                Cell::Blank,
                Cell::Blank,
                Cell::Severity(None),
                Cell::Blank,
                Cell::Text(message.clone()),
                Cell::Blank,
            ])?;
        }
        return Ok(());
    }
    for d in entry.diagnostics {
        let place = d
            .place
            .as_ref()
            .map_or_else(|| d.field.to_string(), ToString::to_string);
        sheet.row(&[
            Cell::Text(entry.report.file.clone()),
            Cell::Text(department.clone()),
            Cell::Text(place),
            Cell::Severity(Some(d.severity)),
            Cell::Text(d.code.as_str().to_string()),
            Cell::Text(d.message.clone()),
            Cell::Text(d.hint.clone().unwrap_or_default()),
        ])?;
    }
    Ok(())
}

/// The 部门（单位） column: the 主管部门, else the 实施单位 when the form names no department.
fn department_or_unit(department: &str, unit: &str) -> String {
    if department.trim().is_empty() {
        unit.to_string()
    } else {
        department.to_string()
    }
}

/// `amount` in 万元: exact (a division by 10,000 of a decimal).
fn to_wan(amount: Decimal, unit: &str) -> Decimal {
    if unit == "元" {
        amount / Decimal::from(10_000)
    } else {
        amount
    }
}

/// The budget year a title states (`…申报表（2025年度）` → 2025).
fn year_of(title: &str) -> Option<u32> {
    let chars: Vec<char> = title.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[..4].iter().all(char::is_ascii_digit) && w[4] == '年')
            .then(|| w[..4].iter().collect::<String>().parse().ok())
            .flatten()
    })
}

#[derive(Debug, Clone)]
enum Cell {
    Blank,
    Text(String),
    Count(usize),
    Money(Decimal),
    /// A finding's severity (`None`: the file could not be read), coloured.
    Severity(Option<Severity>),
}

/// A sheet being written: a header row, then rows; tracks the column widths.
struct Table {
    sheet: Worksheet,
    widths: Vec<f64>,
    next_row: u32,
    columns: u16,
    bold: Format,
    money: Format,
    wrap: Format,
    count: Format,
}

impl Table {
    fn new(mut sheet: Worksheet, name: &str) -> Table {
        // A name that Excel refuses cannot come from the catalog's short names.
        let _ = sheet.set_name(name);
        Table {
            sheet,
            widths: Vec::new(),
            next_row: 0,
            columns: 0,
            bold: Format::new()
                .set_bold()
                .set_background_color("D9E1F2")
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            money: Format::new()
                .set_num_format("#,##0.00")
                .set_align(FormatAlign::VerticalCenter),
            wrap: Format::new().set_align(FormatAlign::VerticalCenter),
            count: Format::new().set_align(FormatAlign::VerticalCenter),
        }
    }

    fn header(&mut self, names: &[String]) -> Result<(), XlsxError> {
        for (col, name) in names.iter().enumerate() {
            let col = col as u16;
            self.sheet
                .write_string_with_format(0, col, name, &self.bold)?;
            self.measure(col, name, 1.1);
        }
        self.columns = names.len() as u16;
        self.next_row = 1;
        self.sheet.set_freeze_panes(1, 0)?;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        let row = self.next_row;
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Blank => {}
                Cell::Text(text) => {
                    if !text.is_empty() {
                        self.sheet
                            .write_string_with_format(row, col, text, &self.wrap)?;
                        self.measure(col, text, 1.0);
                    }
                }
                Cell::Count(n) => {
                    self.sheet
                        .write_number_with_format(row, col, *n as f64, &self.count)?;
                    self.measure(col, &n.to_string(), 1.0);
                }
                Cell::Money(d) => {
                    // The exact decimal becomes the nearest double only here, as in the export.
                    let shown = crate::number::group_thousands(&d.round_dp(2).to_string());
                    let number = d.to_string().parse::<f64>().unwrap_or(f64::NAN);
                    self.sheet
                        .write_number_with_format(row, col, number, &self.money)?;
                    self.measure(col, &shown, 1.0);
                }
                Cell::Severity(severity) => {
                    let (label, color) = match severity {
                        Some(Severity::Error) => (text("summary.error"), "FFC7CE"),
                        Some(Severity::Warning) => (text("summary.warning"), "FFEB9C"),
                        Some(Severity::Info) => (text("summary.info"), "DDEBF7"),
                        None => (text("summary.unreadable"), "FFC7CE"),
                    };
                    let format = Format::new()
                        .set_background_color(color)
                        .set_align(FormatAlign::Center)
                        .set_align(FormatAlign::VerticalCenter);
                    self.sheet
                        .write_string_with_format(row, col, label, &format)?;
                    self.measure(col, label, 1.0);
                }
            }
        }
        self.next_row += 1;
        Ok(())
    }

    fn measure(&mut self, col: u16, text: &str, factor: f64) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, MIN_WIDTH);
        }
        // text_width counts in points at the given size; 11 pt ≈ one character of width 1.
        let width = text
            .lines()
            .map(|line| text_width(line, 11.0) / 5.5)
            .fold(0.0, f64::max)
            * factor
            + 2.0;
        self.widths[col] = self.widths[col].max(width.min(MAX_WIDTH));
    }

    fn finish(mut self) -> Result<Worksheet, XlsxError> {
        for (col, width) in self.widths.iter().enumerate() {
            self.sheet.set_column_width(col as u16, *width)?;
        }
        // Printable as it is: A4 landscape, one page wide, the header on every page.
        self.sheet.set_paper_size(9);
        self.sheet.set_landscape();
        self.sheet.set_print_fit_to_pages(1, 0);
        self.sheet.set_repeat_rows(0, 0)?;
        if self.columns > 0 {
            let last_row = self.next_row.saturating_sub(1);
            self.sheet.autofilter(0, 0, last_row, self.columns - 1)?;
        }
        Ok(self.sheet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_come_from_the_title_and_yuan_become_wan_exactly() {
        assert_eq!(
            year_of("部门整体预算绩效目标申报表（2025年度）"),
            Some(2025)
        );
        assert_eq!(year_of("部门整体预算绩效目标申报表"), None);
        let yuan: Decimal = "12345678.90".parse().expect("decimal");
        assert_eq!(to_wan(yuan, "元").to_string(), "1234.56789");
        assert_eq!(to_wan(yuan, "万元"), yuan);
    }
}
