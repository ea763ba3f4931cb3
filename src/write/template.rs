//! Blank templates: the canonical layout with empty inputs, the indicator table grouped under the
//! standard framework, dropdowns, input messages, a 填报说明 sheet, optional protection.
//!
//! A template is written by the same code as an exported form: [`template_form`] builds the
//! (empty) form a template shows — empty key-task rows, and indicator rows that carry only their
//! 一级/二级 names — and the writer lays it out. The reader skips indicator rows whose 三级 name
//! and both values are empty, so an untouched template imports as an empty form.

use std::sync::LazyLock;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Formula, ProtectionOptions,
    Workbook, Worksheet,
};
use serde::Deserialize;

use super::measure::line_count;
use super::project::{printed_title, project_layout_with, write_project};
use super::style::{
    self, BODY_SIZE, CELL_PADDING_H, CELL_PADDING_V, LINE_HEIGHT, MAX_ROW_HEIGHT, MIN_ROW_HEIGHT,
};
use super::xlsx::{properties, set_page, write_form, xlsx_error};
use super::{ExportOptions, PROPERTY_YEAR, TEMPLATE_ID};
use crate::error::Result;
use crate::framework::framework;
use crate::layout::project::{
    OptionalColumns, ProjectColumn, ProjectContent, ProjectField, ProjectLayout,
};
use crate::layout::{Content, Field, IndicatorColumn, Layout, Region, Style};
use crate::model::{Form, Indicator, KeyTask, ProjectForm, TITLE};

/// How to make a blank template.
#[derive(Debug, Clone)]
pub struct TemplateOptions {
    /// Pre-fill 部门名称.
    pub department: Option<String>,
    /// The budget year: shown after the title as "（2025年度）" and stamped as a document
    /// property. The title itself stays canonical, so readers still recognise it.
    pub year: Option<u16>,
    /// Empty indicator rows per 二级指标 (at least 1).
    pub rows: usize,
    /// Protect the form sheet: labels locked, input cells editable.
    pub protect: bool,
}

impl Default for TemplateOptions {
    fn default() -> Self {
        TemplateOptions {
            department: None,
            year: None,
            rows: 3,
            protect: false,
        }
    }
}

#[derive(Debug, Deserialize)]
struct Instructions {
    key_task_rows: usize,
    lists_sheet: String,
    value_message: Message,
    money_message: Message,
    count_message: Message,
    level1_message: Message,
    level2_message: Message,
    instructions: Sheet,
    project: ProjectTexts,
}

/// The project template's own texts.
#[derive(Debug, Deserialize)]
struct ProjectTexts {
    money_message: Message,
    weight_message: Message,
    instructions: Sheet,
}

#[derive(Debug, Deserialize)]
struct Message {
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    error_title: String,
    #[serde(default)]
    error: String,
}

#[derive(Debug, Deserialize)]
struct Sheet {
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

static INSTRUCTIONS: LazyLock<Instructions> = LazyLock::new(|| crate::shipped::INSTRUCTIONS.read());

/// The form sheet's footer in a template: its own page number only. LibreOffice's page count
/// (`&N`) is the whole workbook's, 填报说明 included, and a count written out would go stale as
/// soon as the department inserts rows.
pub(crate) const FORM_FOOTER: &str = "&C第 &P 页";
/// The 填报说明 sheet's footer: numbered from 1 on its own.
pub(crate) const INSTRUCTIONS_FOOTER: &str = "&C填报说明 第 &P 页";

/// Defined name of the list of 一级指标 on the hidden lists sheet.
const LEVEL1_LIST: &str = "L1_list";
/// Defined names of the 二级 lists: `L2_1`, `L2_2`, … in the order of the 一级 list, so a
/// 二级 cell's list is `INDIRECT("L2_" & MATCH(一级, L1_list, 0))` — ASCII names, which every
/// spreadsheet program resolves through INDIRECT.
const LEVEL2_LIST_PREFIX: &str = "L2_";

/// The form a blank template shows: title (with the year), department, empty key-task rows, and
/// `rows` empty indicator rows under each 二级 of the template framework.
pub fn template_form(options: &TemplateOptions) -> Form {
    let mut form = Form::default();
    if let Some(year) = options.year {
        form.title = format!("{TITLE}（{year}年度）");
    }
    form.department = options.department.clone().unwrap_or_default();
    form.key_tasks = vec![KeyTask::default(); INSTRUCTIONS.key_task_rows];
    for level1 in &framework().template_version().level1 {
        for level2 in &level1.level2 {
            for _ in 0..options.rows.max(1) {
                form.indicators.push(Indicator {
                    level1: level1.name.clone(),
                    level2: level2.clone(),
                    ..Indicator::default()
                });
            }
        }
    }
    form
}

/// A blank template as xlsx bytes.
///
/// ```
/// use jixiao::write::{template_xlsx, TemplateOptions};
///
/// let bytes = template_xlsx(&TemplateOptions::default()).expect("written");
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn template_xlsx(options: &TemplateOptions) -> Result<Vec<u8>> {
    let form = template_form(options);
    let layout = Layout::for_form(&form);
    let mut workbook = Workbook::new();

    let sheet = workbook.add_worksheet();
    let layout = write_form(
        sheet,
        &layout,
        &form,
        &ExportOptions::default(),
        FORM_FOOTER,
    )?;
    add_validations(sheet, &layout)?;
    if options.protect {
        protect(sheet);
    }

    write_instructions(workbook.add_worksheet(), &INSTRUCTIONS.instructions)?;
    write_lists(&mut workbook)?;

    let extra: Vec<(&str, String)> = options
        .year
        .map(|y| (PROPERTY_YEAR, y.to_string()))
        .into_iter()
        .collect();
    workbook.set_properties(&properties(&form.title, TEMPLATE_ID, &extra));
    workbook.save_to_buffer().map_err(xlsx_error)
}

/// The hidden sheet with the 一级 list in column A and each 一级's 二级 list in the columns after
/// it, and the defined names the dropdowns use.
fn write_lists(workbook: &mut Workbook) -> Result<()> {
    let levels = &framework().template_version().level1;
    let name = INSTRUCTIONS.lists_sheet.as_str();
    let sheet = workbook.add_worksheet();
    sheet.set_name(name).map_err(xlsx_error)?;
    for (i, level1) in levels.iter().enumerate() {
        sheet
            .write_string(i as u32, 0, &level1.name)
            .map_err(xlsx_error)?;
        for (j, level2) in level1.level2.iter().enumerate() {
            sheet
                .write_string(j as u32, (i + 1) as u16, level2)
                .map_err(xlsx_error)?;
        }
    }
    sheet.set_hidden(true);
    let range = |first_col: u16, rows: usize| {
        let first = absolute(0, first_col);
        let last = absolute(rows.saturating_sub(1) as u32, first_col);
        format!("='{name}'!{first}:{last}")
    };
    workbook
        .define_name(LEVEL1_LIST, &range(0, levels.len()))
        .map_err(xlsx_error)?;
    for (i, level1) in levels.iter().enumerate() {
        workbook
            .define_name(
                format!("{LEVEL2_LIST_PREFIX}{}", i + 1),
                &range((i + 1) as u16, level1.level2.len()),
            )
            .map_err(xlsx_error)?;
    }
    Ok(())
}

/// `(15, 1)` → `$B$16`.
fn absolute(row: u32, col: u16) -> String {
    crate::address::absolute_a1((row, col.into()))
}

fn with_messages(mut v: DataValidation, m: &Message) -> Result<DataValidation> {
    if !m.text.is_empty() {
        v = v
            .set_input_title(m.title.as_str())
            .and_then(|v| v.set_input_message(m.text.trim()))
            .map_err(xlsx_error)?;
    }
    if !m.error.is_empty() {
        v = v
            .set_error_title(m.error_title.as_str())
            .and_then(|v| v.set_error_message(m.error.as_str()))
            .map_err(xlsx_error)?;
    }
    Ok(v)
}

fn add<C>(sheet: &mut Worksheet, region: &Region<C>, v: &DataValidation) -> Result<()> {
    sheet
        .add_data_validation(
            region.first_row,
            region.first_col,
            region.last_row,
            region.last_col,
            v,
        )
        .map_err(xlsx_error)?;
    Ok(())
}

/// Dropdowns on 一级/二级, input messages on values, numbers only in money and count cells.
fn add_validations(sheet: &mut Worksheet, layout: &Layout) -> Result<()> {
    let i = &*INSTRUCTIONS;
    let money = money_validation(&i.money_message)?;
    let count = with_messages(
        DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
        &i.count_message,
    )?;
    let value = with_messages(DataValidation::new().allow_any_value(), &i.value_message)?;

    let level1_regions = level1_regions(&layout.regions, |c| {
        matches!(
            c,
            Content::Field(Field::Indicator(_, IndicatorColumn::Level1))
        )
    });
    for region in &layout.regions {
        let Content::Field(field) = &region.content else {
            continue;
        };
        match field {
            Field::Indicator(_, IndicatorColumn::Level1) => {
                add(sheet, region, &level_validations("")?.0)?
            }
            Field::Indicator(_, IndicatorColumn::Level2) => {
                let anchor = level1_anchor(&level1_regions, region);
                add(sheet, region, &level_validations(&anchor)?.1)?;
            }
            _ if region.style == Style::Money => add(sheet, region, &money)?,
            _ if region.style == Style::Count => add(sheet, region, &count)?,
            _ => {}
        }
    }
    // One input message over all value cells (实施周期指标值 and 年度指标值 of every row).
    let first = layout.indicator_row(0);
    let last = layout.indicator_row(layout.indicator_rows.saturating_sub(1));
    sheet
        .add_data_validation(
            first,
            IndicatorColumn::PeriodValue.column(),
            last,
            IndicatorColumn::AnnualValue.column(),
            &value,
        )
        .map_err(xlsx_error)?;
    Ok(())
}

/// The 填报说明 sheet: a title, then 栏目 | 填写方法 rows.
fn write_instructions(sheet: &mut Worksheet, s: &Sheet) -> Result<()> {
    sheet.set_name(s.sheet.as_str()).map_err(xlsx_error)?;
    let widths = [110.0, 400.0];
    for (col, w) in widths.iter().enumerate() {
        sheet
            .set_column_width_pixels(col as u16, (w * 4.0 / 3.0) as u32)
            .map_err(xlsx_error)?;
    }
    let title = style::format(Style::Title, 0, false);
    sheet
        .merge_range(0, 0, 0, 1, &s.title, &title)
        .map_err(xlsx_error)?;
    sheet.set_row_height(0, 36).map_err(xlsx_error)?;
    let header = style::plain(true);
    for (col, text) in s.columns.iter().enumerate() {
        sheet
            .write_string_with_format(1, col as u16, text, &header)
            .map_err(xlsx_error)?;
    }
    let label = style::plain(true);
    let body = style::plain(false);
    for (n, item) in s.item.iter().enumerate() {
        let row = 2 + n as u32;
        sheet
            .write_string_with_format(row, 0, &item.section, &label)
            .map_err(xlsx_error)?;
        sheet
            .write_string_with_format(row, 1, &item.text, &body)
            .map_err(xlsx_error)?;
        let lines = line_count(&item.text, widths[1] - CELL_PADDING_H, BODY_SIZE).max(line_count(
            &item.section,
            (widths[0] - CELL_PADDING_H) / 1.06,
            BODY_SIZE,
        ));
        let height = (lines as f64 * BODY_SIZE * LINE_HEIGHT + CELL_PADDING_V)
            .clamp(MIN_ROW_HEIGHT, MAX_ROW_HEIGHT);
        sheet
            .set_row_height(row, height.ceil())
            .map_err(xlsx_error)?;
    }
    set_page(
        sheet,
        &[],
        None,
        INSTRUCTIONS_FOOTER,
        crate::layout::Orientation::Portrait,
    )
}

/// The project form a blank template shows: the title (its year printed after it), 主管部门,
/// and `rows` empty indicator rows under each 二级 of the template framework, in 万元.
pub fn project_template_form(options: &TemplateOptions) -> ProjectForm {
    let mut form = ProjectForm {
        year: options.year.map(u32::from),
        ..ProjectForm::default()
    };
    form.project.department = options.department.clone().unwrap_or_default();
    for level1 in &framework().template_version().level1 {
        for level2 in &level1.level2 {
            for _ in 0..options.rows.max(1) {
                form.indicators.push(Indicator {
                    level1: level1.name.clone(),
                    level2: level2.clone(),
                    ..Indicator::default()
                });
            }
        }
    }
    form
}

/// The optional columns a blank project template offers: 分值 and 指标解释.
pub const PROJECT_TEMPLATE_COLUMNS: OptionalColumns = OptionalColumns {
    period_value: false,
    weight: true,
    explanation: true,
    standard: false,
    remark: false,
};

/// The layout of the blank project template for `options`, before pagination.
pub fn project_template_layout(options: &TemplateOptions) -> ProjectLayout {
    project_layout_with(&project_template_form(options), PROJECT_TEMPLATE_COLUMNS)
}

/// A blank 项目支出绩效目标申报表 as xlsx bytes, with the department template's conveniences:
/// 一级 → 二级 dependent dropdowns, numbers-only money and 分值 cells, input messages, a 填报说明
/// sheet numbered on its own, and --protect.
///
/// ```
/// use jixiao::write::{project_template_xlsx, TemplateOptions};
///
/// let bytes = project_template_xlsx(&TemplateOptions::default()).expect("written");
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn project_template_xlsx(options: &TemplateOptions) -> Result<Vec<u8>> {
    let form = project_template_form(options);
    let layout = project_layout_with(&form, PROJECT_TEMPLATE_COLUMNS);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let layout = write_project(
        sheet,
        &layout,
        &form,
        &ExportOptions::default(),
        FORM_FOOTER,
    )?;
    add_project_validations(sheet, &layout)?;
    if options.protect {
        protect(sheet);
    }
    write_instructions(workbook.add_worksheet(), &INSTRUCTIONS.project.instructions)?;
    write_lists(&mut workbook)?;
    let extra: Vec<(&str, String)> = options
        .year
        .map(|y| (PROPERTY_YEAR, y.to_string()))
        .into_iter()
        .collect();
    workbook.set_properties(&properties(&printed_title(&form), TEMPLATE_ID, &extra));
    workbook.save_to_buffer().map_err(xlsx_error)
}

/// Labels locked, input cells editable; rows may still be inserted, deleted and resized.
fn protect(sheet: &mut Worksheet) {
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        ..ProtectionOptions::default()
    });
}

/// The 一级 dropdown, and a 二级 dropdown whose list follows the 一级 cell `level1_anchor`.
fn level_validations(level1_anchor: &str) -> Result<(DataValidation, DataValidation)> {
    let i = &*INSTRUCTIONS;
    let level1 = with_messages(
        DataValidation::new()
            .allow_list_formula(Formula::new(format!("={LEVEL1_LIST}")))
            .set_error_style(DataValidationErrorStyle::Warning),
        &i.level1_message,
    )?;
    let formula =
        format!("=INDIRECT(\"{LEVEL2_LIST_PREFIX}\"&MATCH({level1_anchor},{LEVEL1_LIST},0))");
    let level2 = with_messages(
        DataValidation::new()
            .allow_list_formula(Formula::new(formula))
            .set_error_style(DataValidationErrorStyle::Warning),
        &i.level2_message,
    )?;
    Ok((level1, level2))
}

/// The project template's dropdowns, number checks and input messages.
fn add_project_validations(sheet: &mut Worksheet, layout: &ProjectLayout) -> Result<()> {
    let i = &*INSTRUCTIONS;
    let money = money_validation(&i.project.money_message)?;
    let weight = with_messages(
        DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 1000.0)),
        &i.project.weight_message,
    )?;
    let value = with_messages(DataValidation::new().allow_any_value(), &i.value_message)?;
    let level1_regions = level1_regions(&layout.regions, |c| {
        matches!(
            c,
            ProjectContent::Field(ProjectField::Indicator(_, ProjectColumn::Level1))
        )
    });
    for region in &layout.regions {
        let ProjectContent::Field(field) = &region.content else {
            continue;
        };
        match field {
            ProjectField::Indicator(_, ProjectColumn::Level1) => {
                add(sheet, region, &level_validations("")?.0)?
            }
            ProjectField::Indicator(_, ProjectColumn::Level2) => {
                let anchor = level1_anchor(&level1_regions, region);
                add(sheet, region, &level_validations(&anchor)?.1)?
            }
            ProjectField::Indicator(_, ProjectColumn::Weight) => add(sheet, region, &weight)?,
            ProjectField::Indicator(_, ProjectColumn::Value) => add(sheet, region, &value)?,
            _ if region.style == Style::Money => add(sheet, region, &money)?,
            _ => {}
        }
    }
    Ok(())
}

/// Numbers only, with `message` as the input message.
fn money_validation(message: &Message) -> Result<DataValidation> {
    with_messages(
        DataValidation::new().allow_decimal_number(DataValidationRule::Between(-1e15, 1e15)),
        message,
    )
}

/// The 一级 cells of a layout, in order.
fn level1_regions<C>(regions: &[Region<C>], is_level1: impl Fn(&C) -> bool) -> Vec<&Region<C>> {
    regions.iter().filter(|r| is_level1(&r.content)).collect()
}

/// The 一级 cell (absolute, `$A$12`) of the run a 二级 `region` sits beside: its dropdown's list
/// follows that 一级.
fn level1_anchor<C>(level1_regions: &[&Region<C>], region: &Region<C>) -> String {
    level1_regions
        .iter()
        .find(|l| l.first_row <= region.first_row && region.first_row <= l.last_row)
        .map(|l| absolute(l.first_row, l.first_col))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_instructions_are_templates_instructions_toml() {
        crate::shipped::INSTRUCTIONS.assert_reads_as_its_toml::<Instructions>();
    }

    #[test]
    fn the_compiled_in_instructions_load_within_excels_limits() {
        let i = &*INSTRUCTIONS;
        for m in [
            &i.value_message,
            &i.money_message,
            &i.count_message,
            &i.level1_message,
            &i.level2_message,
        ] {
            assert!(m.title.encode_utf16().count() <= 32, "{}", m.title);
            assert!(
                m.error_title.encode_utf16().count() <= 32,
                "{}",
                m.error_title
            );
            assert!(m.text.trim().encode_utf16().count() <= 255, "{}", m.text);
            assert!(m.error.encode_utf16().count() <= 255, "{}", m.error);
        }
        assert!(!i.instructions.item.is_empty());
    }

    #[test]
    fn template_form_groups_rows_under_the_classic_framework() {
        let form = template_form(&TemplateOptions {
            rows: 2,
            year: Some(2025),
            ..TemplateOptions::default()
        });
        assert_eq!(form.indicators.len(), 9 * 2);
        assert_eq!(form.indicators[0].level1, "产出指标");
        assert_eq!(form.indicators[7].level2, "成本指标");
        assert_eq!(form.indicators[17].level2, "服务对象满意度指标");
        assert!(form.indicators.iter().all(|i| i.name.is_empty()));
        assert_eq!(form.title, "部门整体预算绩效目标申报表（2025年度）");
    }
}
