//! The form → xlsx in the canonical layout: cells, merges, formats, column widths, row heights
//! and page setup. Shared by [`export_xlsx`] and the blank template.

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};

use super::measure::{widest_line, MeasuredText, TextMeasures};
use super::style::{self, CELL_PADDING_V, LINE_HEIGHT, MAX_ROW_HEIGHT, MIN_ROW_HEIGHT};
use super::{
    workbook_error, ExportOptions, EXPORT_ID, PROPERTY_LAYOUT_VERSION, PROPERTY_TEMPLATE_ID,
    PROPERTY_TOOL_VERSION, TOOL_VERSION,
};
use crate::error::{Error, Result};
use crate::layout::{
    CellContent, ColumnSpec, Content, ExtraColumn, Field, IndicatorColumn, KeyTaskColumn, Layout,
    Orientation, Region, Style, LAYOUT_VERSION, SHEET_NAME,
};
use crate::model::{FieldPath, Form};
use crate::properties::PROPERTY_GOAL_LINES;

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Bold CJK glyphs are a little wider; measure bold text as if the column were this much narrower.
const BOLD_WIDTH_FACTOR: f64 = 1.06;
/// Print margins, inches: left/right, top/bottom, header/footer.
const MARGIN_SIDE: f64 = 0.5;
const MARGIN_TOP_BOTTOM: f64 = 0.6;
const MARGIN_HEADER_FOOTER: f64 = 0.3;
/// rust_xlsxwriter's paper size code for A4.
const PAPER_A4: u8 = 9;
/// Page numbers, centred in the footer, for a workbook whose only printed sheet is the form.
pub(crate) const FOOTER: &str = "&C第 &P 页 共 &N 页";

/// Writes `form` in the canonical layout; the xlsx file's bytes.
///
/// Money is written as numbers (the exact decimal converted to the nearest double only here,
/// since Excel stores doubles) with a format showing the form's own decimals; indicator values as
/// their verbatim text, or with [`ExportOptions::normalize_values`] in the canonical notation.
pub fn export_xlsx(form: &Form, options: &ExportOptions) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let layout = Layout::for_form(form);
    let sheet = workbook.add_worksheet();
    write_form(sheet, &layout, form, options, FOOTER)?;
    workbook.set_properties(&properties(
        &printed_title(form),
        EXPORT_ID,
        &[
            goal_lines(form),
            verbatim_title(&form.title, &printed_title(form)),
        ]
        .concat(),
    ));
    workbook.save_to_buffer().map_err(xlsx_error)
}

pub(crate) fn xlsx_error(e: XlsxError) -> Error {
    let detail = match &e {
        XlsxError::IoError(io) => crate::i18n::io_message(io),
        other => other.to_string(),
    };
    workbook_error(crate::t!("write.xlsx_failed", detail = detail))
}

/// The creation date written into every file: 1980-01-01, the date rust_xlsxwriter already gives
/// every zip entry.
const CREATION_DATE: (u16, u8, u8) = (1980, 1, 1);

/// Document properties: the title, and our custom properties (which writer, layout version,
/// tool version, plus `extra`).
///
/// The creation date is fixed ([`CREATION_DATE`]): rust_xlsxwriter would otherwise stamp the
/// current time into `docProps/core.xml`, and the same form must give the same bytes (`jixiao
/// batch` promises byte-identical outputs whatever the number of threads).
pub(crate) fn properties(title: &str, id: &str, extra: &[(&str, String)]) -> DocProperties {
    let (year, month, day) = CREATION_DATE;
    let created = ExcelDateTime::from_ymd(year, month, day).expect("a valid compiled-in date");
    let mut p = DocProperties::new()
        .set_creation_datetime(&created)
        .set_title(title)
        .set_custom_property(PROPERTY_TEMPLATE_ID, id)
        .set_custom_property(PROPERTY_LAYOUT_VERSION, LAYOUT_VERSION as i32)
        .set_custom_property(PROPERTY_TOOL_VERSION, TOOL_VERSION);
    for (name, value) in extra {
        p = p.set_custom_property(*name, value.as_str());
    }
    p
}

/// [`PROPERTY_GOAL_LINES`] when some goal holds a line break: the goals share one cell, one
/// per line, and without it the reader would split such a goal.
fn goal_lines(form: &Form) -> Vec<(&'static str, String)> {
    if !form.overall_goals.iter().any(|g| g.contains('\n')) {
        return Vec::new();
    }
    let counts: Vec<String> = form
        .overall_goals
        .iter()
        .map(|g| (g.matches('\n').count() + 1).to_string())
        .collect();
    vec![(PROPERTY_GOAL_LINES, counts.join(","))]
}

/// The [`PROPERTY_TITLE`](crate::properties::PROPERTY_TITLE) to stamp when the sheet prints
/// `title` as `printed` (with （YYYY年度） added), so that reading gives `title` back.
pub(crate) fn verbatim_title(title: &str, printed: &str) -> Vec<(&'static str, String)> {
    if title == printed {
        Vec::new()
    } else {
        vec![(crate::properties::PROPERTY_TITLE, title.to_string())]
    }
}

/// What one input cell holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellValue {
    Blank,
    Text(String),
    Money(Decimal),
    Count(u64),
}

impl CellValue {
    pub(crate) fn text(s: &str) -> CellValue {
        if s.is_empty() {
            CellValue::Blank
        } else {
            CellValue::Text(s.to_string())
        }
    }

    /// The text as a person sees it, for measuring.
    fn display(&self) -> std::borrow::Cow<'_, str> {
        match self {
            CellValue::Blank => "".into(),
            CellValue::Text(s) => s.as_str().into(),
            CellValue::Money(d) => crate::number::group_thousands(&d.to_string()).into(),
            CellValue::Count(n) => n.to_string().into(),
        }
    }
}

/// The title as printed: the form's title, with （YYYY年度） after it when the form has a year
/// and the title does not already say it.
pub fn printed_title(form: &Form) -> String {
    match form.year {
        Some(year) if !form.title.contains(&format!("{year}年")) => {
            format!("{}（{year}年度）", form.title)
        }
        _ => form.title.clone(),
    }
}

/// The value of `field` in `form`.
pub(crate) fn cell_value(form: &Form, field: &Field, options: &ExportOptions) -> CellValue {
    let indicator_value = |v: &crate::value::IndicatorValue| {
        if options.normalize_values {
            CellValue::text(&crate::value::render(v))
        } else {
            CellValue::text(&v.text)
        }
    };
    match field {
        Field::Title => CellValue::text(&printed_title(form)),
        Field::Duties => CellValue::text(&form.duties),
        Field::Department => CellValue::text(&form.department),
        Field::StaffCount => form
            .basic_info
            .staff_count
            .map_or(CellValue::Blank, CellValue::Count),
        Field::SubordinateUnits => form
            .basic_info
            .subordinate_units
            .map_or(CellValue::Blank, CellValue::Count),
        Field::Budget(f) => form
            .budget
            .get(*f)
            .map_or(CellValue::Blank, CellValue::Money),
        Field::OverallGoals => CellValue::text(&form.overall_goals.join("\n")),
        Field::OtherTasks => CellValue::text(&form.other_tasks),
        Field::KeyTask(i, column) => match form.key_tasks.get(*i) {
            None => CellValue::Blank,
            Some(task) => match column {
                KeyTaskColumn::Name => CellValue::text(&task.name),
                KeyTaskColumn::Content => CellValue::text(&task.content),
                KeyTaskColumn::Funds => task.funds.map_or(CellValue::Blank, CellValue::Money),
                KeyTaskColumn::ExpectedOutcome => CellValue::text(&task.expected_outcome),
            },
        },
        Field::Indicator(i, column) => match form.indicators.get(*i) {
            None => CellValue::Blank,
            Some(ind) => match column {
                IndicatorColumn::Level1 => CellValue::text(&ind.level1),
                IndicatorColumn::Level2 => CellValue::text(&ind.level2),
                IndicatorColumn::Name => CellValue::text(&ind.name),
                IndicatorColumn::PeriodValue => indicator_value(&ind.period_value),
                IndicatorColumn::AnnualValue => indicator_value(&ind.annual_value),
            },
        },
        Field::IndicatorExtra(i, column) => match form.indicators.get(*i) {
            None => CellValue::Blank,
            Some(ind) => {
                let text = |s: &Option<String>| CellValue::text(s.as_deref().unwrap_or(""));
                match column {
                    ExtraColumn::ValueType => text(&ind.value_type),
                    ExtraColumn::Weight => ind
                        .weight
                        .map_or(CellValue::Blank, |w| CellValue::text(&w.to_string())),
                    ExtraColumn::Explanation => text(&ind.explanation),
                    ExtraColumn::Standard => text(&ind.standard),
                    ExtraColumn::Direction => text(&ind.direction),
                    ExtraColumn::Remark => text(&ind.remark),
                }
            }
        },
    }
}

/// The geometry the writer chose.
#[derive(Debug, Clone)]
pub(crate) struct Geometry {
    /// Column widths, points.
    pub column_points: Vec<f64>,
    /// Row heights, points.
    pub row_points: Vec<f64>,
}

/// What each region of `layout` shows for `form`.
pub(crate) fn region_values(
    layout: &Layout,
    form: &Form,
    options: &ExportOptions,
) -> Vec<CellValue> {
    layout
        .regions
        .iter()
        .map(|r| match &r.content {
            Content::Label(text) => CellValue::text(&in_unit(text, &form.budget.unit)),
            Content::Field(field) => cell_value(form, field, options),
        })
        .collect()
}

/// The layout the writer prints `form` in: [`Layout::for_form`] cut into pages at the row
/// heights its text needs, with the geometry of the cut layout. Shared with the tests, which
/// check the file against it.
pub fn printed_layout(form: &Form, options: &ExportOptions) -> Layout {
    let layout = Layout::for_form(form);
    let values = region_values(&layout, form, options);
    printed(&layout, values, form, options).0
}

/// The layout cut into pages, its geometry and its values; `values` are the uncut layout's.
fn printed(
    layout: &Layout,
    values: Vec<CellValue>,
    form: &Form,
    options: &ExportOptions,
) -> (Layout, Geometry, Vec<CellValue>) {
    let mut measures = TextMeasures::default();
    let first = geometry(layout, &values, &mut measures);
    let paged = layout.paginated(&first.row_points);
    // Not cut anywhere, the paged layout is the same grid: measuring it again would give the
    // same geometry.
    if paged.regions == layout.regions {
        return (paged, first, values);
    }
    let values = region_values(&paged, form, options);
    let geometry = geometry(&paged, &values, &mut measures);
    (paged, geometry, values)
}

/// Writes the form onto `sheet` in `layout` cut into pages: values, merges, formats, widths,
/// heights, page breaks and page setup, with `footer`. Input cells (all but the title) are
/// unlocked, so protecting the sheet locks labels only. The cut layout, for the template's
/// validations.
pub(crate) fn write_form(
    sheet: &mut Worksheet,
    layout: &Layout,
    form: &Form,
    options: &ExportOptions,
    footer: &str,
) -> Result<Layout> {
    sheet.set_name(SHEET_NAME).map_err(xlsx_error)?;
    let values = region_values(layout, form, options);
    check_cell_lengths(layout, &values)?;
    let (paged, geometry, values) = printed(layout, values, form, options);
    write_grid(sheet, &paged.regions, &values, &geometry)?;
    set_page(
        sheet,
        &paged.page_breaks,
        Some(paged.indicator_header_row),
        footer,
        paged.orientation(),
    )?;
    Ok(paged)
}

/// Refuses a text longer than an Excel cell holds, naming the field and the cell.
pub(crate) fn check_cell_lengths(layout: &Layout, values: &[CellValue]) -> Result<()> {
    for (region, value) in layout.regions.iter().zip(values) {
        if let CellValue::Text(text) = value {
            let chars = text.chars().count();
            if chars > MAX_CELL_CHARS {
                let what = match &region.content {
                    Content::Field(f) => f.path(),
                    Content::Label(_) => crate::t!("write.a_label"),
                };
                return Err(workbook_error(crate::t!(
                    "write.cell_too_long",
                    what = what,
                    cell = region.a1(),
                    chars = chars,
                    limit = MAX_CELL_CHARS
                )));
            }
        }
    }
    Ok(())
}

/// Column widths, row heights and every region's cell.
pub(crate) fn write_grid<C: CellContent>(
    sheet: &mut Worksheet,
    regions: &[Region<C>],
    values: &[CellValue],
    geometry: &Geometry,
) -> Result<()> {
    for (col, points) in geometry.column_points.iter().enumerate() {
        sheet
            .set_column_width_pixels(col as u16, points_to_pixels(*points))
            .map_err(xlsx_error)?;
    }
    for (row, points) in geometry.row_points.iter().enumerate() {
        sheet
            .set_row_height(row as u32, *points)
            .map_err(xlsx_error)?;
    }
    // A form has a dozen distinct formats among its hundreds of cells: each is built once.
    let mut formats: Vec<((Style, u32, bool), rust_xlsxwriter::Format)> = Vec::new();
    for (region, value) in regions.iter().zip(values) {
        let scale = match value {
            CellValue::Money(d) => d.scale(),
            _ => 2,
        };
        let unlocked = region.is_input() && region.style != Style::Title;
        let key = (region.style, scale, unlocked);
        let at = match formats.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                formats.push((key, style::format(region.style, scale, unlocked)));
                formats.len() - 1
            }
        };
        write_region(sheet, region, value, &formats[at].1)?;
    }
    Ok(())
}

/// A4 in `orientation`, one page wide, our page breaks, the repeated table header, numbered pages.
///
/// Each sheet numbers its own pages from 1 (`firstPageNumber`), so a workbook with a 填报说明
/// sheet does not continue the form's numbering there.
pub(crate) fn set_page(
    sheet: &mut Worksheet,
    breaks: &[u32],
    repeated_header: Option<u32>,
    footer: &str,
    orientation: Orientation,
) -> Result<()> {
    sheet.set_paper_size(PAPER_A4);
    match orientation {
        Orientation::Portrait => sheet.set_portrait(),
        Orientation::Landscape => sheet.set_landscape(),
    };
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_print_first_page_number(1);
    sheet.set_margins(
        MARGIN_SIDE,
        MARGIN_SIDE,
        MARGIN_TOP_BOTTOM,
        MARGIN_TOP_BOTTOM,
        MARGIN_HEADER_FOOTER,
        MARGIN_HEADER_FOOTER,
    );
    sheet.set_page_breaks(breaks).map_err(xlsx_error)?;
    if let Some(row) = repeated_header {
        sheet.set_repeat_rows(row, row).map_err(xlsx_error)?;
    }
    sheet.set_footer(footer);
    Ok(())
}

fn write_region<C: CellContent>(
    sheet: &mut Worksheet,
    region: &Region<C>,
    value: &CellValue,
    format: &rust_xlsxwriter::Format,
) -> Result<()> {
    let (row, col) = (region.first_row, region.first_col);
    if region.is_merged() {
        sheet
            .merge_range(row, col, region.last_row, region.last_col, "", format)
            .map_err(xlsx_error)?;
    }
    match value {
        CellValue::Blank => {
            sheet.write_blank(row, col, format).map_err(xlsx_error)?;
        }
        CellValue::Text(text) => {
            sheet
                .write_string_with_format(row, col, text, format)
                .map_err(xlsx_error)?;
        }
        CellValue::Money(d) if money_fits_a_number(d) => {
            sheet
                .write_number_with_format(row, col, decimal_to_f64(d), format)
                .map_err(xlsx_error)?;
        }
        // Rounded through a double it would change: written as its exact text, which the
        // reader takes back exactly ([`money_written_as_text`] lets the CLI warn).
        CellValue::Money(d) => {
            sheet
                .write_string_with_format(row, col, d.to_string(), format)
                .map_err(xlsx_error)?;
        }
        CellValue::Count(n) => {
            sheet
                .write_number_with_format(row, col, *n as f64, format)
                .map_err(xlsx_error)?;
        }
    }
    Ok(())
}

/// Whether an xlsx number carries `d` exactly as a spreadsheet shows it: at most 15
/// significant digits (what Excel displays), and the double nearest to it reads back as it.
pub(crate) fn money_fits_a_number(d: &Decimal) -> bool {
    let normal = d.normalize();
    let significant = normal
        .mantissa()
        .unsigned_abs()
        .to_string()
        .trim_end_matches('0')
        .len();
    let back = decimal_to_f64(d).to_string().parse::<Decimal>();
    significant <= 15 && back.is_ok_and(|b| b == *d)
}

/// The money fields of `form` the writer writes as text, since a number would change them
/// (more than 15 significant digits): their field paths and values, for a warning.
pub fn money_written_as_text(form: &Form) -> Vec<(String, Decimal)> {
    let budget = crate::model::BudgetField::ALL
        .iter()
        .filter_map(|f| form.budget.get(*f).map(|d| (f.path(), d)));
    let tasks = form.key_tasks.iter().enumerate().filter_map(|(i, t)| {
        t.funds
            .map(|d| (FieldPath::key_task(i, "funds").to_string(), d))
    });
    budget
        .chain(tasks)
        .filter(|(_, d)| !money_fits_a_number(d))
        .collect()
}

/// The double nearest to `d`: through its decimal text, which Rust parses with correct rounding,
/// so the shortest text of the double is the decimal's own digits again (for up to 15 of them).
/// A label in the form's money unit: `预算金额（万元）` → `预算金额（元）` for a form in 元.
fn in_unit(label: &str, unit: &str) -> String {
    if unit == "万元" {
        label.to_string()
    } else {
        label.replace("万元", unit)
    }
}

fn decimal_to_f64(d: &Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(f64::NAN)
}

/// Column width in points → the pixel width rust_xlsxwriter converts to Excel's character units.
fn points_to_pixels(points: f64) -> u32 {
    (points * 4.0 / 3.0).round() as u32
}

/// Column widths from the content: each column at least its minimum and as wide as its widest
/// number, then the rest of the printable width handed out where it saves the most height;
/// then row heights from the wrapped text of every cell at those widths.
/// `measures` keeps each text's measure for the next call (the layout cut into pages holds
/// mostly the same texts).
pub(crate) fn geometry(
    layout: &Layout,
    values: &[CellValue],
    measures: &mut TextMeasures,
) -> Geometry {
    geometry_with(
        &layout.regions,
        layout.row_count,
        values,
        &layout.column_specs(),
        &layout.slack_columns(),
        measures,
    )
}

/// [`geometry`] for any grid of columns.
pub(crate) fn geometry_with<C: CellContent>(
    regions: &[Region<C>],
    row_count: u32,
    values: &[CellValue],
    columns: &[ColumnSpec],
    slack_columns: &[u16],
    measures: &mut TextMeasures,
) -> Geometry {
    let mut column_points: Vec<f64> = columns.iter().map(|c| c.min_points).collect();
    // Each cell's text as shown, made once (money is formatted with its thousands separators).
    let shown: Vec<std::borrow::Cow<'_, str>> = values.iter().map(CellValue::display).collect();
    // Numbers must never wrap: their columns hold the widest one. Everything else wraps, and
    // gets width where it saves the most height.
    for (region, value) in regions.iter().zip(&shown) {
        if region.first_col != region.last_col
            || !matches!(region.style, Style::Money | Style::Count)
        {
            continue;
        }
        let Some(spec) = columns.get(region.first_col as usize) else {
            continue;
        };
        let needed = widest_line(value, style::font_size(region.style)) * bold_factor(region.style)
            + style::padding_h(region.style);
        let c = &mut column_points[region.first_col as usize];
        *c = c.max(needed.min(spec.max_points));
    }
    let printable =
        Orientation::for_minimum(columns.iter().map(|c| c.min_points).sum()).printable_width();
    shrink_to_page(&mut column_points, columns, printable);
    let cells = measured_cells(regions, &shown, measures);
    let mut cost = SlackCost::new(&cells, row_count, &column_points);
    spread_slack(&mut column_points, slack_columns, printable, &mut cost);
    for c in column_points.iter_mut() {
        *c = c.floor();
    }
    let needed: Vec<f64> = cells.iter().map(|c| c.needed(&column_points)).collect();
    let row_points = row_heights(&cells, row_count, &needed);
    Geometry {
        column_points,
        row_points,
    }
}

/// A region's text measured once, for the row heights at every width tried.
struct MeasuredCell {
    columns: std::ops::RangeInclusive<usize>,
    rows: std::ops::RangeInclusive<usize>,
    size: f64,
    padding: f64,
    bold: f64,
    min_lines: usize,
    text: std::rc::Rc<MeasuredText>,
    /// The last two widths asked and their line counts, the latest first. Spreading the slack
    /// tries one column wider at a time, so a cell sees its width and that width plus a step
    /// in turn: two entries answer both.
    last: std::cell::Cell<[Option<(f64, usize)>; 2]>,
}

impl MeasuredCell {
    /// The height the cell's text needs at `column_points`.
    fn needed(&self, column_points: &[f64]) -> f64 {
        // One column's width as such: the sum of one width is that width.
        let width: f64 = if self.columns.start() == self.columns.end() {
            column_points[*self.columns.start()]
        } else {
            column_points[self.columns.clone()].iter().sum()
        };
        let usable = (width - self.padding) / self.bold;
        let [latest, before] = self.last.get();
        let known = |entry: Option<(f64, usize)>| {
            entry.and_then(|(asked, lines)| (asked.to_bits() == usable.to_bits()).then_some(lines))
        };
        let lines = match (known(latest), known(before)) {
            (Some(lines), _) => lines,
            (None, Some(lines)) => {
                self.last.set([before, latest]);
                lines
            }
            (None, None) => {
                let lines = self.text.line_count(usable).max(self.min_lines);
                self.last.set([Some((usable, lines)), latest]);
                lines
            }
        };
        lines as f64 * self.size * LINE_HEIGHT + CELL_PADDING_V
    }
}

fn measured_cells<C: CellContent>(
    regions: &[Region<C>],
    shown: &[std::borrow::Cow<'_, str>],
    measures: &mut TextMeasures,
) -> Vec<MeasuredCell> {
    regions
        .iter()
        .zip(shown)
        .map(|(region, text)| {
            let size = style::font_size(region.style);
            MeasuredCell {
                columns: region.first_col as usize..=region.last_col as usize,
                rows: region.first_row as usize..=region.last_row as usize,
                size,
                padding: style::padding_h(region.style),
                bold: bold_factor(region.style),
                min_lines: region.content.min_lines(),
                text: measures.measure(text, size),
                last: std::cell::Cell::new([None, None]),
            }
        })
        .collect()
}

/// The sum of the row heights at widths tried while spreading the slack, each differing from
/// the committed widths in one column: only the cells in that column are measured again, the
/// others need what they needed at the committed widths (the same numbers, so the same sum).
struct SlackCost<'c> {
    cells: &'c [MeasuredCell],
    row_count: u32,
    spans: RowSpans,
    /// The row heights of the last trial (kept for its allocation).
    row_points: Vec<f64>,
    /// The cells each column holds.
    by_column: Vec<Vec<usize>>,
    /// What each cell needs at the committed widths.
    committed: Vec<f64>,
    trial: Vec<f64>,
}

impl<'c> SlackCost<'c> {
    fn new(cells: &'c [MeasuredCell], row_count: u32, column_points: &[f64]) -> SlackCost<'c> {
        let committed: Vec<f64> = cells.iter().map(|c| c.needed(column_points)).collect();
        let mut by_column = vec![Vec::new(); column_points.len()];
        for (i, cell) in cells.iter().enumerate() {
            for col in cell.columns.clone() {
                if let Some(holds) = by_column.get_mut(col) {
                    holds.push(i);
                }
            }
        }
        SlackCost {
            cells,
            row_count,
            spans: RowSpans::of(cells),
            row_points: Vec::with_capacity(row_count as usize),
            by_column,
            trial: committed.clone(),
            committed,
        }
    }

    /// The height at `column_points`, which differ from the committed widths in `changed` only.
    fn trial(&mut self, column_points: &[f64], changed: usize) -> f64 {
        self.trial.copy_from_slice(&self.committed);
        for &i in self.by_column.get(changed).into_iter().flatten() {
            self.trial[i] = self.cells[i].needed(column_points);
        }
        row_heights_into(
            &self.spans,
            self.row_count,
            &self.trial,
            &mut self.row_points,
        );
        self.row_points.iter().sum()
    }

    /// `column_points` are committed; they differ from the last committed in `changed` only.
    fn commit(&mut self, column_points: &[f64], changed: usize) {
        for &i in self.by_column.get(changed).into_iter().flatten() {
            self.committed[i] = self.cells[i].needed(column_points);
        }
    }
}

/// Row heights from the height each cell's wrapped text `needed`.
fn row_heights(cells: &[MeasuredCell], row_count: u32, needed: &[f64]) -> Vec<f64> {
    let mut row_points = Vec::new();
    row_heights_into(&RowSpans::of(cells), row_count, needed, &mut row_points);
    row_points
}

/// The cells that span one row (with that row) and those that span several (with their rows),
/// each in grid order: the two passes of [`row_heights_into`].
struct RowSpans {
    single: Vec<(usize, usize)>,
    multi: Vec<(usize, std::ops::RangeInclusive<usize>)>,
}

impl RowSpans {
    fn of(cells: &[MeasuredCell]) -> RowSpans {
        let (mut single, mut multi) = (Vec::new(), Vec::new());
        for (i, cell) in cells.iter().enumerate() {
            if cell.rows.start() == cell.rows.end() {
                single.push((i, *cell.rows.start()));
            } else {
                multi.push((i, cell.rows.clone()));
            }
        }
        RowSpans { single, multi }
    }
}

/// Row heights into `row_points` from the height each cell's wrapped text `needed`.
fn row_heights_into(spans: &RowSpans, row_count: u32, needed: &[f64], row_points: &mut Vec<f64>) {
    row_points.clear();
    row_points.resize(row_count as usize, MIN_ROW_HEIGHT);
    // Single-row cells set their row's height; a cell spanning rows then grows its rows evenly
    // if their sum is still too short for it.
    for &(cell, row) in &spans.single {
        let r = &mut row_points[row];
        *r = r.max(needed[cell]);
    }
    for (cell, rows) in &spans.multi {
        let want = needed[*cell];
        let have: f64 = row_points[rows.clone()].iter().sum();
        if want > have {
            let extra = (want - have) / rows.clone().count() as f64;
            for r in rows.clone() {
                row_points[r] += extra;
            }
        }
    }
    for r in row_points.iter_mut() {
        *r = (r.ceil()).min(MAX_ROW_HEIGHT);
    }
}

fn bold_factor(style: Style) -> f64 {
    if style::is_bold(style) {
        BOLD_WIDTH_FACTOR
    } else {
        1.0
    }
}

/// Shrinks growth beyond the minimums evenly when the content asks for more width than
/// the page's `printable` width.
fn shrink_to_page(column_points: &mut [f64], columns: &[ColumnSpec], printable: f64) {
    let minimum: f64 = columns.iter().map(|c| c.min_points).sum();
    let total: f64 = column_points.iter().sum();
    if total > printable && total > minimum {
        let keep = ((printable - minimum) / (total - minimum)).max(0.0);
        for (c, spec) in column_points.iter_mut().zip(columns) {
            *c = spec.min_points + (*c - spec.min_points) * keep;
        }
    }
}

/// Width handed out at a time when spreading what the page has left.
const SLACK_STEP: f64 = 6.0;

/// Hands the width the page has left to `slack_columns`, a step at a time, each step to the
/// column where it saves the most height (`cost` of the widths: the sum of the row heights),
/// so the columns whose text wraps most grow most. Ties go to the first column listed.
fn spread_slack(
    column_points: &mut [f64],
    slack_columns: &[u16],
    printable: f64,
    cost: &mut SlackCost<'_>,
) {
    let mut left = printable - column_points.iter().sum::<f64>();
    while left >= 1.0 && !slack_columns.is_empty() {
        let step = left.min(SLACK_STEP);
        let mut best: Option<(f64, u16)> = None;
        for &col in slack_columns {
            let Some(c) = column_points.get(col as usize).copied() else {
                continue;
            };
            column_points[col as usize] = c + step;
            let height = cost.trial(column_points, col as usize);
            column_points[col as usize] = c;
            if best.is_none_or(|(h, _)| height < h) {
                best = Some((height, col));
            }
        }
        let Some((_, col)) = best else {
            break;
        };
        column_points[col as usize] += step;
        cost.commit(column_points, col as usize);
        left -= step;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_become_the_nearest_double() {
        let d: Decimal = "14737.75".parse().expect("decimal");
        assert_eq!(decimal_to_f64(&d).to_string(), "14737.75");
        let d: Decimal = "0.10".parse().expect("decimal");
        assert_eq!(decimal_to_f64(&d), 0.1);
    }

    /// The height in points of the 总体绩效目标 row for `form`.
    fn goals_row_points(form: &Form) -> f64 {
        let layout = Layout::for_form(form);
        let values = region_values(&layout, form, &ExportOptions::default());
        let goals_row = layout
            .region_of(&Field::OverallGoals)
            .map(|r| r.first_row)
            .unwrap_or(0) as usize;
        geometry(&layout, &values, &mut TextMeasures::default()).row_points[goals_row]
    }

    #[test]
    fn long_goals_get_a_tall_row_but_never_past_excels_limit() {
        let tall = goals_row_points(&Form {
            overall_goals: vec!["目标".repeat(100); 3],
            ..Form::default()
        });
        assert!(tall > 100.0, "{tall}");
        let capped = goals_row_points(&Form {
            overall_goals: vec!["目标".repeat(2000); 3],
            ..Form::default()
        });
        assert_eq!(capped, MAX_ROW_HEIGHT);
    }
}
