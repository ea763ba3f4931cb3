//! The 项目支出绩效目标申报表 in its canonical layout ([`crate::layout::project`]): the same cell
//! formats, measured geometry, page breaks and page setup as the department form.

use rust_xlsxwriter::Workbook;

use super::measure::TextMeasures;
use super::xlsx::{
    geometry_with, properties, set_page, write_grid, xlsx_error, CellValue, Geometry, FOOTER,
};
use super::{ExportOptions, EXPORT_ID};
use crate::error::Result;
use crate::layout::project::{
    OptionalColumns, ProjectColumn, ProjectContent, ProjectField, ProjectLayout, PROJECT_SHEET_NAME,
};
use crate::model::{Indicator, ProjectForm};

/// The title as printed: the form's title, with （YYYY年度） after it when the form has a year
/// and the title does not already say it.
pub fn printed_title(form: &ProjectForm) -> String {
    match form.year {
        Some(year) if !form.title.contains(&format!("{year}年")) => {
            format!("{}（{year}年度）", form.title)
        }
        _ => form.title.clone(),
    }
}

/// The optional indicator columns `form` needs.
pub fn optional_columns(form: &ProjectForm) -> OptionalColumns {
    let any = |f: fn(&Indicator) -> bool| form.indicators.iter().any(f);
    OptionalColumns {
        period_value: any(|i| !i.period_value.text.is_empty()),
        weight: any(|i| i.weight.is_some()),
        explanation: any(|i| i.explanation.is_some()),
        standard: any(|i| i.standard.is_some()),
        remark: any(|i| i.remark.is_some()),
    }
}

/// The layout of `form` before pagination.
pub fn project_layout(form: &ProjectForm) -> ProjectLayout {
    project_layout_with(form, optional_columns(form))
}

/// The layout of `form` with the optional columns `optional` (a blank template shows some).
pub fn project_layout_with(form: &ProjectForm, optional: OptionalColumns) -> ProjectLayout {
    let levels: Vec<(String, String)> = form
        .indicators
        .iter()
        .map(|i| (i.level1.clone(), i.level2.clone()))
        .collect();
    ProjectLayout::new(form.funds.items.len(), &levels, optional)
}

fn value_of(form: &ProjectForm, field: &ProjectField, options: &ExportOptions) -> CellValue {
    let text = |s: &str| CellValue::text(s);
    let money = |d: Option<rust_decimal::Decimal>| d.map_or(CellValue::Blank, CellValue::Money);
    let indicator_value = |v: &crate::value::IndicatorValue| {
        if options.normalize_values {
            text(&crate::value::render(v))
        } else {
            text(&v.text)
        }
    };
    match field {
        ProjectField::Title => text(&printed_title(form)),
        ProjectField::UnitLine => text(&format!("单位：{}", form.funds.unit)),
        ProjectField::Name => text(&form.project.name),
        ProjectField::Department => text(&form.project.department),
        ProjectField::Unit => text(&form.project.unit),
        ProjectField::Attributes => text(&form.project.attributes),
        ProjectField::Period => text(&form.project.period),
        ProjectField::Total => money(form.funds.total),
        ProjectField::Fiscal => money(form.funds.fiscal),
        ProjectField::Other => money(form.funds.other),
        ProjectField::Carryover => money(form.funds.carryover),
        ProjectField::ItemLabel(i) => form
            .funds
            .items
            .get(*i)
            .map_or(CellValue::Blank, |item| text(&item.label)),
        ProjectField::ItemAmount(i) => money(form.funds.items.get(*i).and_then(|x| x.amount)),
        ProjectField::OverallGoals => text(&form.goals.overall.join("\n")),
        ProjectField::AnnualGoals => text(&form.goals.annual.join("\n")),
        ProjectField::Indicator(i, column) => match form.indicators.get(*i) {
            None => CellValue::Blank,
            Some(ind) => match column {
                ProjectColumn::Level1 => text(&ind.level1),
                ProjectColumn::Level2 => text(&ind.level2),
                ProjectColumn::Name => text(&ind.name),
                ProjectColumn::PeriodValue => indicator_value(&ind.period_value),
                ProjectColumn::Value => indicator_value(&ind.annual_value),
                ProjectColumn::Weight => ind
                    .weight
                    .map_or(CellValue::Blank, |w| text(&w.to_string())),
                ProjectColumn::Explanation => text(ind.explanation.as_deref().unwrap_or("")),
                ProjectColumn::Standard => text(ind.standard.as_deref().unwrap_or("")),
                ProjectColumn::Remark => text(ind.remark.as_deref().unwrap_or("")),
            },
        },
    }
}

fn values(layout: &ProjectLayout, form: &ProjectForm, options: &ExportOptions) -> Vec<CellValue> {
    layout
        .regions
        .iter()
        .map(|r| match &r.content {
            ProjectContent::Label(t) => CellValue::text(t),
            ProjectContent::Field(f) => value_of(form, f, options),
        })
        .collect()
}

fn geometry(layout: &ProjectLayout, values: &[CellValue], measures: &mut TextMeasures) -> Geometry {
    // Where spare width goes first on a tie: the names, then the long texts, then the values.
    let slack: Vec<u16> = [
        ProjectColumn::Name,
        ProjectColumn::Explanation,
        ProjectColumn::Standard,
        ProjectColumn::Value,
        ProjectColumn::PeriodValue,
        ProjectColumn::Remark,
        ProjectColumn::Level2,
    ]
    .into_iter()
    .filter_map(|c| layout.column_of(c))
    .collect();
    geometry_with(
        &layout.regions,
        layout.row_count,
        values,
        &layout.column_specs(),
        &slack,
        measures,
    )
}

/// The layout the writer prints `form` in: cut into pages at the heights its text needs.
pub fn printed_project_layout(form: &ProjectForm, options: &ExportOptions) -> ProjectLayout {
    printed(&project_layout(form), form, options).0
}

fn printed(
    layout: &ProjectLayout,
    form: &ProjectForm,
    options: &ExportOptions,
) -> (ProjectLayout, Geometry) {
    let mut measures = TextMeasures::default();
    let first = geometry(layout, &values(layout, form, options), &mut measures);
    let paged = layout.paginated(&first.row_points);
    let g = geometry(&paged, &values(&paged, form, options), &mut measures);
    (paged, g)
}

/// Writes the project form onto `sheet` in `layout`; the printed layout.
pub(crate) fn write_project(
    sheet: &mut rust_xlsxwriter::Worksheet,
    layout: &ProjectLayout,
    form: &ProjectForm,
    options: &ExportOptions,
    footer: &str,
) -> Result<ProjectLayout> {
    sheet.set_name(PROJECT_SHEET_NAME).map_err(xlsx_error)?;
    let (paged, geometry) = printed(layout, form, options);
    let values = values(&paged, form, options);
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

/// A project form in the canonical layout, as xlsx bytes.
pub fn export_project_xlsx(form: &ProjectForm, options: &ExportOptions) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_project(sheet, &project_layout(form), form, options, FOOTER)?;
    workbook.set_properties(&properties(
        &printed_title(form),
        EXPORT_ID,
        &super::xlsx::verbatim_title(&form.title, &printed_title(form)),
    ));
    workbook.save_to_buffer().map_err(xlsx_error)
}
