//! A 绩效自评表 → xlsx in the canonical self-evaluation layout ([`super::self_evaluation_layout`]),
//! and the pre-filled 自评表 made from an approved target form.
//!
//! The pre-filled workbook carries the approved rows with 年度指标值 locked; 实际完成值, 分值, 得分
//! and 偏差原因 editable; 分值 from the weight skeleton (templates/scoring.toml); a 达成 / 部分达成 /
//! 未达成 dropdown on qualitative rows; input messages; the budget-execution block; a 填报说明
//! sheet. Every figure is a plain value a person types: formulas appear only in the 分值 total and
//! the reference column, which the reader does not take scores from.

use std::sync::LazyLock;

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, Formula, ProtectionOptions, Workbook, Worksheet,
};
use serde::Deserialize;

use super::measure::line_count;
use super::self_evaluation_layout::{
    BudgetColumn, BudgetRowColumn, Content, Field, IndicatorColumn, Reference, Region,
    SelfEvaluationLayout, Shape, Style, SHEET_NAME,
};
use super::style::{
    self, BODY_SIZE, CELL_PADDING_H, CELL_PADDING_V, LINE_HEIGHT, MAX_ROW_HEIGHT, MIN_ROW_HEIGHT,
};
use super::{PROPERTY_LAYOUT_VERSION, PROPERTY_TEMPLATE_ID, PROPERTY_TOOL_VERSION, TOOL_VERSION};
use crate::error::Result;
use crate::layout::cell_a1;
use crate::model::{
    BudgetExecution, Document, EvaluatedIndicator, EvaluationGoals, ExecutionRow, SelfEvaluation,
    Subject,
};
use crate::score::{rules, skeleton_weights};
use crate::value::ValueKind;

/// [`PROPERTY_TEMPLATE_ID`] of an exported self-evaluation.
pub const SELF_EVALUATION_EXPORT_ID: &str = "jixiao-self-evaluation";
/// [`PROPERTY_TEMPLATE_ID`] of a pre-filled 自评表.
pub const SELF_EVALUATION_TEMPLATE_ID: &str = "jixiao-self-evaluation-template";
/// Version of the self-evaluation layout; bump when a row or column moves.
pub const SELF_EVALUATION_LAYOUT_VERSION: i32 = 1;

/// The title of a department's self-evaluation.
pub const DEPARTMENT_SELF_EVALUATION_TITLE: &str = "部门整体支出绩效自评表";

/// How to write.
#[derive(Debug, Clone, Default)]
pub struct SelfEvaluationOptions {
    /// A pre-filled 自评表 for a person to fill in: dropdowns, input messages, 填报说明.
    pub template: bool,
    /// Protect the form sheet: approved content locked, inputs editable (no password).
    pub protect: bool,
}

#[derive(Debug, Deserialize)]
struct Texts {
    actual_message: Message,
    grade_message: Message,
    weight_message: Message,
    score_message: Message,
    money_message: Message,
    rate_message: Message,
    grades: Vec<String>,
    instructions: Instructions,
}

#[derive(Debug, Deserialize)]
struct Message {
    title: String,
    text: String,
    #[serde(default)]
    error_title: String,
    #[serde(default)]
    error: String,
}

#[derive(Debug, Deserialize)]
struct Instructions {
    sheet: String,
    title: String,
    columns: [String; 2],
    item: Vec<Item>,
}

#[derive(Debug, Deserialize)]
struct Item {
    section: String,
    text: String,
}

static TEXTS: LazyLock<Texts> = LazyLock::new(|| crate::shipped::SELF_EVALUATION.read());

/// The 自评表 an approved target form leads to: its rows with their 年度指标值, 分值 from the
/// skeleton, nothing evaluated yet.
pub fn self_evaluation_from(approved: &Document) -> SelfEvaluation {
    let mut evaluation = SelfEvaluation::default();
    let mut rows: Vec<EvaluatedIndicator>;
    let row = |level1: &str, level2: &str, name: &str, annual: &crate::value::IndicatorValue| {
        EvaluatedIndicator {
            level1: level1.to_string(),
            level2: level2.to_string(),
            name: name.to_string(),
            annual_value: annual.clone(),
            ..EvaluatedIndicator::default()
        }
    };
    match approved {
        Document::Department(form) => {
            evaluation.subject = Subject::Department;
            evaluation.title = DEPARTMENT_SELF_EVALUATION_TITLE.to_string();
            evaluation.year = form.year;
            evaluation.name = form.department.clone();
            evaluation.department = form.department.clone();
            let b = &form.budget;
            let parts = [
                b.basic_expenditure,
                b.project_expenditure,
                b.special_funds,
                b.other_development_expenditure,
            ];
            if parts.iter().any(Option::is_some) {
                evaluation.budget_execution.initial = parts
                    .iter()
                    .flatten()
                    .try_fold(Decimal::ZERO, |s, d| s.checked_add(*d));
            }
            evaluation.goals.planned = form.overall_goals.clone();
            rows = form
                .indicators
                .iter()
                .map(|i| row(&i.level1, &i.level2, &i.name, &i.annual_value))
                .collect();
        }
        Document::Project(form) => {
            evaluation.year = form.year;
            evaluation.name = form.project.name.clone();
            evaluation.department = form.project.department.clone();
            evaluation.unit = form.project.unit.clone();
            evaluation.budget_execution.unit = form.funds.unit.clone();
            evaluation.budget_execution.initial = form.funds.total;
            for (label, amount) in [
                ("其中：财政拨款", form.funds.fiscal),
                ("上年结转资金", form.funds.carryover),
                ("其他资金", form.funds.other),
            ] {
                if amount.is_some() {
                    evaluation.budget_execution.rows.push(ExecutionRow {
                        label: label.to_string(),
                        initial: amount,
                        ..ExecutionRow::default()
                    });
                }
            }
            evaluation.goals.planned = if form.goals.annual.is_empty() {
                form.goals.overall.clone()
            } else {
                form.goals.annual.clone()
            };
            rows = form
                .indicators
                .iter()
                .map(|i| row(&i.level1, &i.level2, &i.name, &i.annual_value))
                .collect();
        }
        Document::SelfEvaluation(earlier) => {
            evaluation.subject = earlier.subject;
            evaluation.title = earlier.title.clone();
            evaluation.year = earlier.year;
            evaluation.name = earlier.name.clone();
            evaluation.department = earlier.department.clone();
            evaluation.unit = earlier.unit.clone();
            evaluation.budget_execution = BudgetExecution {
                unit: earlier.budget_execution.unit.clone(),
                initial: earlier.budget_execution.initial,
                ..BudgetExecution::default()
            };
            evaluation.goals = EvaluationGoals {
                planned: earlier.goals.planned.clone(),
                achieved: Vec::new(),
            };
            rows = earlier
                .indicators
                .iter()
                .map(|i| row(&i.level1, &i.level2, &i.name, &i.annual_value))
                .collect();
        }
    }
    let levels: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.level1.as_str(), r.level2.as_str()))
        .collect();
    let weights = skeleton_weights(rules(), &levels);
    for (row, weight) in rows.iter_mut().zip(weights) {
        // 20 rather than 20.00: the figure a person would type.
        row.weight = weight.map(|w| w.normalize());
    }
    evaluation.budget_execution.weight = Some(rules().execution.default_weight);
    evaluation.indicators = rows;
    evaluation
}

/// What one region shows.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Blank,
    Text(String),
    Number(Decimal),
    Percent(Decimal),
    Formula(String),
}

impl Value {
    fn text(s: &str) -> Value {
        if s.is_empty() {
            Value::Blank
        } else {
            Value::Text(s.to_string())
        }
    }

    fn number(d: Option<Decimal>) -> Value {
        d.map_or(Value::Blank, Value::Number)
    }

    fn display(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(d) | Value::Percent(d) => d.to_string(),
            Value::Blank | Value::Formula(_) => String::new(),
        }
    }
}

fn shape_of(evaluation: &SelfEvaluation) -> Shape {
    Shape {
        budget_rows: evaluation.budget_execution.rows.len(),
        levels: evaluation
            .indicators
            .iter()
            .map(|i| (i.level1.clone(), i.level2.clone()))
            .collect(),
        period: evaluation
            .indicators
            .iter()
            .any(|i| !i.period_value.text.is_empty()),
        remark: evaluation.indicators.iter().any(|i| i.remark.is_some()),
    }
}

fn value_of(evaluation: &SelfEvaluation, layout: &SelfEvaluationLayout, field: &Field) -> Value {
    let e = &evaluation.budget_execution;
    match field {
        Field::Title => Value::text(&evaluation.title),
        Field::Year => evaluation
            .year
            .map_or(Value::Blank, |y| Value::Text(format!("（{y}年度）"))),
        Field::Name => Value::text(&evaluation.name),
        Field::Department => Value::text(&evaluation.department),
        Field::Unit => Value::text(&evaluation.unit),
        Field::FundsLabel => Value::Text(format!("项目资金（{}）", e.unit)),
        Field::Budget(column) => match column {
            BudgetColumn::Initial => Value::number(e.initial),
            BudgetColumn::Adjusted => Value::number(e.adjusted),
            BudgetColumn::Executed => Value::number(e.executed),
            BudgetColumn::Weight => Value::number(e.weight),
            BudgetColumn::Rate => e.rate.map_or(Value::Blank, Value::Percent),
            BudgetColumn::Score => Value::number(e.score),
        },
        Field::BudgetRow(k, column) => match e.rows.get(*k) {
            None => Value::Blank,
            Some(line) => match column {
                BudgetRowColumn::Label => Value::text(&line.label),
                BudgetRowColumn::Initial => Value::number(line.initial),
                BudgetRowColumn::Adjusted => Value::number(line.adjusted),
                BudgetRowColumn::Executed => Value::number(line.executed),
            },
        },
        Field::Planned => Value::text(&evaluation.goals.planned.join("\n")),
        Field::Achieved => Value::text(&evaluation.goals.achieved.join("\n")),
        Field::Indicator(i, column) => match evaluation.indicators.get(*i) {
            None => Value::Blank,
            Some(row) => match column {
                IndicatorColumn::Level1 => Value::text(&row.level1),
                IndicatorColumn::Level2 => Value::text(&row.level2),
                IndicatorColumn::Name => Value::text(&row.name),
                IndicatorColumn::PeriodValue => Value::text(&row.period_value.text),
                IndicatorColumn::AnnualValue => Value::text(&row.annual_value.text),
                IndicatorColumn::ActualValue => Value::text(&row.actual_value.text),
                IndicatorColumn::Weight => Value::number(row.weight),
                IndicatorColumn::Score => Value::number(row.score),
                IndicatorColumn::Deviation => Value::text(&row.deviation),
                IndicatorColumn::Remark => Value::text(row.remark.as_deref().unwrap_or("")),
            },
        },
        Field::TotalWeight => {
            let weight = layout.column_of(IndicatorColumn::Weight).unwrap_or(0);
            let first = cell_a1(layout.indicator_row(0), weight);
            let last = cell_a1(layout.indicator_row(layout.indicator_rows - 1), weight);
            let execution = cell_a1(
                super::self_evaluation_layout::BUDGET_ROW,
                BudgetColumn::Weight.column(),
            );
            Value::Formula(format!("=SUM({execution},{first}:{last})"))
        }
        Field::TotalScore => Value::number(evaluation.total_score),
        Field::Conclusion => Value::text(&evaluation.conclusion),
        Field::Reference(Reference::ExecutionScore) => {
            let row = super::self_evaluation_layout::BUDGET_ROW;
            let [budget, executed, weight] = [
                BudgetColumn::Adjusted,
                BudgetColumn::Executed,
                BudgetColumn::Weight,
            ]
            .map(|c| cell_a1(row, c.column()));
            let initial = cell_a1(row, BudgetColumn::Initial.column());
            Value::Formula(format!(
                "=IFERROR(ROUND({weight}*MIN({executed}/IF(ISNUMBER({budget}),{budget},{initial}),1),2),\"\")"
            ))
        }
        Field::Reference(Reference::TotalScore) => {
            let score = layout.column_of(IndicatorColumn::Score).unwrap_or(0);
            let first = cell_a1(layout.indicator_row(0), score);
            let last = cell_a1(layout.indicator_row(layout.indicator_rows - 1), score);
            let execution = cell_a1(
                super::self_evaluation_layout::BUDGET_ROW,
                BudgetColumn::Score.column(),
            );
            Value::Formula(format!("=SUM({execution},{first}:{last})"))
        }
    }
}

/// A number format showing `scale` decimals (the value's own, so it reads back as written).
fn number_format(scale: u32) -> String {
    if scale == 0 {
        // General, not "0": a person who types 19.5 over a pre-filled 20 must see 19.5.
        "General".to_string()
    } else {
        format!("0.{}", "0".repeat(scale as usize))
    }
}

fn format_of(region: &Region, value: &Value, unlocked: bool) -> Format {
    use crate::layout::Style as S;
    let base = match region.style {
        Style::Title => S::Title,
        Style::Label => S::Label,
        Style::Header => S::Header,
        Style::Text => S::Text,
        Style::Centered | Style::Reference => S::Centered,
        Style::Number | Style::Percent => S::Centered,
    };
    let mut f = style::format(base, 2, unlocked);
    match (region.style, value) {
        // General for a blank number cell, so what a person types shows as typed.
        (Style::Number, Value::Number(d)) => {
            f = f
                .set_num_format(number_format(d.scale()))
                .set_align(FormatAlign::Right);
        }
        (Style::Number, _) => f = f.set_align(FormatAlign::Right),
        (Style::Percent, Value::Percent(d)) => {
            f = f.set_num_format(format!("{}%", number_format(d.scale())));
        }
        (Style::Percent, _) => f = f.set_num_format("0.00%"),
        (Style::Reference, _) => {
            f = f
                .set_italic()
                .set_font_color(0x7F7F7F)
                .set_num_format("0.00")
        }
        _ => {}
    }
    f
}

/// Writes `evaluation` as xlsx bytes in the canonical self-evaluation layout.
pub fn export_self_evaluation(
    evaluation: &SelfEvaluation,
    options: &SelfEvaluationOptions,
) -> Result<Vec<u8>> {
    let whole = SelfEvaluationLayout::new(&shape_of(evaluation));
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME).map_err(error)?;
    let values_of = |layout: &SelfEvaluationLayout| -> Vec<Value> {
        layout
            .regions
            .iter()
            .map(|r| match &r.content {
                Content::Label(text) => Value::text(text),
                Content::Field(field) => value_of(evaluation, layout, field),
            })
            .collect()
    };
    // Rows are measured on the uncut layout, then the page breaks placed from those heights.
    let row_points = geometry(sheet, &whole, &values_of(&whole))?;
    let layout = whole.paginated(&row_points);
    let values = values_of(&layout);
    for (region, value) in layout.regions.iter().zip(&values) {
        write_region(sheet, region, value, options.template || options.protect)?;
    }
    if options.template {
        add_validations(sheet, &layout, evaluation)?;
    }
    if options.protect {
        sheet.protect_with_options(&ProtectionOptions {
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::default()
        });
    }
    // A4 landscape (its ten or more columns need it) with the canonical form's margins; the
    // columns fit the printable width (`geometry`), so it prints at 100%, on our own pages.
    super::xlsx::set_page(
        sheet,
        &layout.page_breaks,
        Some(layout.indicator_header_row),
        super::xlsx::FOOTER,
        crate::layout::Orientation::Landscape,
    )?;
    if options.template {
        write_instructions(workbook.add_worksheet())?;
    }
    let id = if options.template {
        SELF_EVALUATION_TEMPLATE_ID
    } else {
        SELF_EVALUATION_EXPORT_ID
    };
    let created = ExcelDateTime::from_ymd(1980, 1, 1).map_err(error)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title(evaluation.title.as_str())
            .set_custom_property(PROPERTY_TEMPLATE_ID, id)
            .set_custom_property(PROPERTY_LAYOUT_VERSION, SELF_EVALUATION_LAYOUT_VERSION)
            .set_custom_property(PROPERTY_TOOL_VERSION, TOOL_VERSION),
    );
    workbook.save_to_buffer().map_err(error)
}

fn error(e: rust_xlsxwriter::XlsxError) -> crate::Error {
    super::xlsx::xlsx_error(e)
}

/// The double nearest to `d`, through its text (Excel stores doubles).
fn to_f64(d: &Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(f64::NAN)
}

fn write_region(
    sheet: &mut Worksheet,
    region: &Region,
    value: &Value,
    unlock_inputs: bool,
) -> Result<()> {
    let format = format_of(region, value, unlock_inputs && region.input);
    let (row, col) = (region.first_row, region.first_col);
    if region.is_merged() {
        sheet
            .merge_range(row, col, region.last_row, region.last_col, "", &format)
            .map_err(error)?;
    }
    match value {
        Value::Blank => sheet.write_blank(row, col, &format).map(|_| ()),
        Value::Text(text) => sheet
            .write_string_with_format(row, col, text, &format)
            .map(|_| ()),
        Value::Number(d) => sheet
            .write_number_with_format(row, col, to_f64(d), &format)
            .map(|_| ()),
        Value::Percent(d) => sheet
            .write_number_with_format(row, col, to_f64(d) / 100.0, &format)
            .map(|_| ()),
        Value::Formula(f) => sheet
            .write_formula_with_format(row, col, Formula::new(f.as_str()), &format)
            .map(|_| ()),
    }
    .map_err(error)
}

/// Column widths, and row heights from the wrapped text at those widths; returns the heights
/// as written, points.
fn geometry(
    sheet: &mut Worksheet,
    layout: &SelfEvaluationLayout,
    values: &[Value],
) -> Result<Vec<f64>> {
    let mut widths = vec![9.0_f64];
    widths.extend(layout.columns.iter().map(|c| c.width()));
    widths.push(12.0);
    let pixels = fitted_pixels(&widths);
    for (col, px) in pixels.iter().enumerate() {
        sheet
            .set_column_width_pixels(col as u16, *px)
            .map_err(error)?;
    }
    // Rows are measured at the widths the columns print at.
    let points: Vec<f64> = pixels.iter().map(|px| f64::from(*px) * 0.75).collect();
    let rows = layout.conclusion_row as usize + 1;
    let mut heights = vec![MIN_ROW_HEIGHT; rows];
    for (region, value) in layout.regions.iter().zip(values) {
        if region.first_row != region.last_row {
            continue;
        }
        let width: f64 = points
            [region.first_col as usize..=(region.last_col as usize).min(points.len() - 1)]
            .iter()
            .sum();
        let size = style::font_size(crate::layout::Style::Text);
        let lines = line_count(&value.display(), (width - CELL_PADDING_H).max(10.0), size).max(1);
        let needed = lines as f64 * size * LINE_HEIGHT + CELL_PADDING_V;
        let h = &mut heights[region.first_row as usize];
        *h = h.max(needed);
    }
    heights[0] = heights[0].max(36.0);
    let written: Vec<f64> = heights
        .iter()
        .map(|h| h.ceil().min(MAX_ROW_HEIGHT))
        .collect();
    for (row, h) in written.iter().enumerate() {
        sheet.set_row_height(row as u32, *h).map_err(error)?;
    }
    Ok(written)
}

/// Column widths in pixels for `widths` in characters (Excel draws `w` characters as `7w + 5`
/// pixels), narrowed in proportion when they are wider than landscape A4's printable width:
/// fit-to-width would otherwise shrink the whole sheet (to 92.8% with the optional columns).
fn fitted_pixels(widths: &[f64]) -> Vec<u32> {
    let natural: Vec<f64> = widths.iter().map(|w| 7.0 * w + 5.0).collect();
    let budget = crate::layout::paging::PRINTABLE_WIDTH_LANDSCAPE_POINTS / 0.75;
    let scale = (budget / natural.iter().sum::<f64>()).min(1.0);
    natural
        .iter()
        .map(|px| (px * scale).floor() as u32)
        .collect()
}

fn with_message(
    mut v: DataValidation,
    m: &Message,
    title: &str,
    text: &str,
) -> Result<DataValidation> {
    let clip = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    v = v
        .set_input_title(clip(title, 32))
        .and_then(|v| v.set_input_message(clip(text, 255)))
        .map_err(error)?;
    if !m.error.is_empty() {
        v = v
            .set_error_title(m.error_title.as_str())
            .and_then(|v| v.set_error_message(m.error.as_str()))
            .map_err(error)?;
    }
    Ok(v)
}

/// The 达成 dropdown on qualitative rows, input messages on the actual values (naming the
/// target), 分值 and 得分 limited to numbers (得分 to at most the 分值), the money cells.
fn add_validations(
    sheet: &mut Worksheet,
    layout: &SelfEvaluationLayout,
    evaluation: &SelfEvaluation,
) -> Result<()> {
    let t = &*TEXTS;
    let actual_col = layout.column_of(IndicatorColumn::ActualValue).unwrap_or(0);
    let weight_col = layout.column_of(IndicatorColumn::Weight).unwrap_or(0);
    let score_col = layout.column_of(IndicatorColumn::Score).unwrap_or(0);
    for (i, row) in evaluation.indicators.iter().enumerate() {
        let r = layout.indicator_row(i);
        let qualitative = matches!(row.annual_value.kind, ValueKind::Qualitative(_));
        let v = if qualitative {
            let text = t
                .grade_message
                .text
                .replace("{target}", &row.annual_value.text);
            with_message(
                DataValidation::new()
                    .allow_list_strings(&t.grades.iter().map(String::as_str).collect::<Vec<_>>())
                    .map_err(error)?
                    .set_error_style(DataValidationErrorStyle::Warning),
                &t.grade_message,
                &t.grade_message.title,
                &text,
            )?
        } else {
            let text = t
                .actual_message
                .text
                .replace("{target}", &row.annual_value.text);
            with_message(
                DataValidation::new().allow_any_value(),
                &t.actual_message,
                &t.actual_message.title,
                &text,
            )?
        };
        sheet
            .add_data_validation(r, actual_col, r, actual_col, &v)
            .map_err(error)?;
        let weight_cell = cell_a1(r, weight_col);
        let score_cell = cell_a1(r, score_col);
        let score = with_message(
            DataValidation::new()
                .allow_custom(Formula::new(format!(
                    "=AND(ISNUMBER({score_cell}),{score_cell}>=0,{score_cell}<={weight_cell})"
                )))
                .set_error_style(DataValidationErrorStyle::Warning),
            &t.score_message,
            &t.score_message.title,
            &t.score_message.text,
        )?;
        sheet
            .add_data_validation(r, score_col, r, score_col, &score)
            .map_err(error)?;
    }
    let first = layout.indicator_row(0);
    let last = layout.indicator_row(layout.indicator_rows - 1);
    let weight = with_message(
        DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
        &t.weight_message,
        &t.weight_message.title,
        &t.weight_message.text,
    )?;
    sheet
        .add_data_validation(first, weight_col, last, weight_col, &weight)
        .map_err(error)?;
    let row = super::self_evaluation_layout::BUDGET_ROW;
    let money = with_message(
        DataValidation::new().allow_decimal_number(DataValidationRule::Between(-1e15, 1e15)),
        &t.money_message,
        &t.money_message.title,
        &t.money_message.text,
    )?;
    sheet
        .add_data_validation(
            row,
            BudgetColumn::Initial.column(),
            row,
            BudgetColumn::Executed.column(),
            &money,
        )
        .map_err(error)?;
    let rate = with_message(
        DataValidation::new().allow_any_value(),
        &t.rate_message,
        &t.rate_message.title,
        &t.rate_message.text,
    )?;
    let c = BudgetColumn::Rate.column();
    sheet
        .add_data_validation(row, c, row, c, &rate)
        .map_err(error)?;
    Ok(())
}

/// The 填报说明 sheet: a title, then 栏目 | 填写方法 rows.
fn write_instructions(sheet: &mut Worksheet) -> Result<()> {
    let s = &TEXTS.instructions;
    sheet.set_name(s.sheet.as_str()).map_err(error)?;
    let widths = [110.0, 420.0];
    for (col, w) in widths.iter().enumerate() {
        sheet
            .set_column_width_pixels(col as u16, (w * 4.0 / 3.0) as u32)
            .map_err(error)?;
    }
    let title = style::format(crate::layout::Style::Title, 0, false);
    sheet
        .merge_range(0, 0, 0, 1, &s.title, &title)
        .map_err(error)?;
    sheet.set_row_height(0, 36).map_err(error)?;
    let header = style::plain(true);
    for (col, text) in s.columns.iter().enumerate() {
        sheet
            .write_string_with_format(1, col as u16, text, &header)
            .map_err(error)?;
    }
    let body = style::plain(false);
    for (n, item) in s.item.iter().enumerate() {
        let row = 2 + n as u32;
        sheet
            .write_string_with_format(row, 0, &item.section, &header)
            .map_err(error)?;
        sheet
            .write_string_with_format(row, 1, &item.text, &body)
            .map_err(error)?;
        let lines = line_count(&item.text, widths[1] - CELL_PADDING_H, BODY_SIZE);
        let height = (lines as f64 * BODY_SIZE * LINE_HEIGHT + CELL_PADDING_V)
            .clamp(MIN_ROW_HEIGHT, MAX_ROW_HEIGHT);
        sheet.set_row_height(row, height.ceil()).map_err(error)?;
    }
    sheet.set_paper_size(9);
    sheet.set_portrait();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_texts_are_templates_self_evaluation_toml() {
        crate::shipped::SELF_EVALUATION.assert_reads_as_its_toml::<Texts>();
    }

    #[test]
    fn the_texts_load_within_excels_limits() {
        let t = &*TEXTS;
        for m in [
            &t.actual_message,
            &t.grade_message,
            &t.weight_message,
            &t.score_message,
            &t.money_message,
            &t.rate_message,
        ] {
            assert!(m.title.encode_utf16().count() <= 32, "{}", m.title);
            assert!(
                m.error_title.encode_utf16().count() <= 32,
                "{}",
                m.error_title
            );
            assert!(m.error.encode_utf16().count() <= 255, "{}", m.error);
        }
        assert_eq!(t.grades, ["达成", "部分达成", "未达成"]);
    }

    #[test]
    fn a_project_form_gives_skeleton_weights_and_no_evaluation_yet() {
        use crate::model::{Indicator, ProjectForm};
        let mut form = ProjectForm::default();
        form.project.name = "水旱灾害防御经费".to_string();
        form.funds.total = Some(Decimal::new(880, 0));
        for (l1, l2) in [
            ("产出指标", "数量指标"),
            ("产出指标", "质量指标"),
            ("产出指标", "时效指标"),
            ("产出指标", "成本指标"),
            ("效益指标", "社会效益指标"),
            ("满意度指标", "服务对象满意度指标"),
        ] {
            form.indicators.push(Indicator {
                level1: l1.to_string(),
                level2: l2.to_string(),
                name: format!("{l2}一"),
                annual_value: crate::value::parse("≥95%"),
                ..Indicator::default()
            });
        }
        let e = self_evaluation_from(&Document::Project(form));
        let weights: Vec<String> = e
            .indicators
            .iter()
            .map(|i| i.weight.map(|w| w.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(weights, ["20", "10", "10", "10", "30", "10"]);
        assert_eq!(e.budget_execution.initial, Some(Decimal::new(880, 0)));
        assert_eq!(e.budget_execution.weight, Some(Decimal::TEN));
        assert!(e
            .indicators
            .iter()
            .all(|i| i.score.is_none() && i.actual_value.text.is_empty()));
        let bytes = export_self_evaluation(
            &e,
            &SelfEvaluationOptions {
                template: true,
                protect: true,
            },
        )
        .expect("written");
        assert!(bytes.starts_with(b"PK"));
    }
}
