//! The budget system's flat export (Sichuan, 井研县 2023): one row per indicator with
//! 单位名称 | 项目名称 | 预算数 | 年度目标 beside the indicator columns, several projects per sheet.
//! It reads as a list of [`ProjectForm`]s, one per project, in sheet order.

use std::cell::RefCell;
use std::path::Path;

use rust_decimal::Decimal;

use super::form::FormReader;
use super::grid::{Grid, Pos};
use super::scan::Layout;
use super::table;
use super::text;
use crate::error::Result;
use crate::labels::{labels, BudgetLabel, FlatColumnLabel, IndicatorColumnLabel, ProjectLabel};
use crate::model::{
    CellRef, Document, FieldPath, Form, Indicator, KeyTask, ProjectForm, Provenance, PROJECT_TITLE,
};
use crate::value;
use crate::write::system::{DepartmentField, Money, Profile, ProjectSheetField, TaskField};

impl FormReader<'_> {
    /// The flat export's columns in the indicator header row: (department, project, budget,
    /// goal), when the header has the project column.
    pub(super) fn flat_columns(&self) -> Option<[Option<u32>; 4]> {
        let header = self.layout.indicator_header.as_ref()?;
        let l = labels();
        let mut found = [None; 4];
        let (_, (_, last_col)) = self.grid.bounds();
        for col in self.grid.bounds().0 .1..=last_col {
            let slot = match l.key_of(&text::clean(self.grid.text((header.row, col)))) {
                Some(FlatColumnLabel::Department) => 0,
                Some(FlatColumnLabel::Project) => 1,
                Some(FlatColumnLabel::Budget) => 2,
                Some(FlatColumnLabel::Goal) => 3,
                None => continue,
            };
            found[slot].get_or_insert(col);
        }
        found[1].map(|_| found)
    }

    /// Reads every form of the export: a project form per project, and, for the rows of a
    /// department (blank 项目名称) that `departments` has a sheet row for, that department's
    /// form with these indicators.
    pub fn read_flat_documents(
        self,
        departments: Option<&DepartmentTables>,
    ) -> Result<Vec<(Document, Provenance)>> {
        let mut documents = Vec::new();
        for flat in self.read_flat_forms()? {
            let department = match departments {
                Some(d) if flat.form.project.name.is_empty() => d.take(&flat.unit_text),
                _ => None,
            };
            let project = match departments {
                Some(d) if !flat.form.project.name.is_empty() => {
                    d.take_project(&flat.unit_text, &flat.form.project.name)
                }
                _ => None,
            };
            match (department, project) {
                (Some((mut form, mut cells)), _) => {
                    take_indicator_cells(&flat, &mut cells, true);
                    form.indicators = flat
                        .form
                        .indicators
                        .into_iter()
                        .zip(flat.period_said)
                        .map(|(mut i, period_said)| {
                            // A department's 实施周期指标值 is written only when it differs.
                            if !period_said {
                                i.period_value = i.annual_value.clone();
                            }
                            // The direction its sign implies is the table's, not the form's.
                            if i.direction
                                .as_deref()
                                .is_some_and(|d| implied_direction(&i.annual_value, d))
                            {
                                i.direction = None;
                            }
                            i
                        })
                        .collect();
                    documents.push((Document::Department(form), cells));
                }
                (None, Some(mut side)) => {
                    take_indicator_cells(&flat, &mut side.cells, side.period_same);
                    let (period_same, directions_stated) =
                        (side.period_same, side.directions_stated);
                    side.form.indicators = flat
                        .form
                        .indicators
                        .into_iter()
                        .zip(flat.period_said.into_iter().zip(flat.direction_unstated))
                        .map(|(mut i, (period_said, direction_unstated))| {
                            // What the project sheet says an unsaid 实施周期指标值 is.
                            if !period_said {
                                i.period_value = if period_same {
                                    i.annual_value.clone()
                                } else {
                                    value::parse("")
                                };
                            }
                            let implied = i
                                .direction
                                .as_deref()
                                .is_some_and(|d| implied_direction(&i.annual_value, d));
                            if direction_unstated || (!directions_stated && implied) {
                                i.direction = None;
                            }
                            i
                        })
                        .collect();
                    documents.push((Document::Project(side.form), side.cells));
                }
                (None, None) => documents.push((Document::Project(flat.form), flat.cells)),
            }
        }
        Ok(documents)
    }

    fn read_flat_forms(mut self) -> Result<Vec<FlatForm>> {
        let Some([dept_col, project_col, budget_col, goal_col]) = self.flat_columns() else {
            return Ok(Vec::new());
        };
        let title = self.kind_title(ProjectLabel::Title, PROJECT_TITLE);
        let year = self.year();
        let unit = self.layout.money_unit.unwrap_or("万元").to_string();
        let (rows, _) = self.table_rows_of_indicators();
        let header_row = self.layout.indicator_header.as_ref().map_or(0, |h| h.row);
        let text_at = |reader: &Self, row: u32, col: Option<u32>| -> (String, Option<Pos>) {
            match col {
                Some(c) => {
                    let pos = reader.grid.anchor((row, c));
                    (text::clean(reader.grid.text(pos)), Some(pos))
                }
                None => (String::new(), None),
            }
        };
        // The department's own line above its projects (单位名称 and 预算数, no project).
        let mut department_total = None;
        let first_row = rows.first().map_or(header_row + 1, |r| r.row);
        for row in header_row + 1..first_row {
            let (project, _) = text_at(&self, row, project_col);
            if project.is_empty() {
                if let Some(c) = budget_col {
                    department_total = self.money_in(self.grid.anchor((row, c)), &unit)?;
                }
            }
        }
        let mut forms: Vec<FlatForm> = Vec::new();
        for row in &rows {
            let (name, name_pos) = text_at(&self, row.row, project_col);
            let Some(name_pos) = name_pos else { continue };
            let (department, dept_pos) = text_at(&self, row.row, dept_col);
            // A new project where the project cell is a new one: merged down over a project's
            // rows (as the systems and jixiao write them), or, unmerged, naming another
            // project or unit.
            let starts = forms.last().is_none_or(|f| {
                f.anchor != name_pos
                    && (self.grid.merge_at(name_pos).is_some()
                        || self.grid.merge_at(f.anchor).is_some()
                        || f.form.project.name != name
                        || f.unit_text != department)
            });
            if starts {
                let mut cells = Provenance::new();
                let sheet = self.grid.name().to_string();
                let at = |p: Pos| {
                    let cell = crate::address::CellRange::new(p, self.grid.region_end(p));
                    crate::model::CellRef::new(sheet.clone(), cell)
                };
                let unit_text = department.clone();
                let (goal, goal_pos) = text_at(&self, row.row, goal_col);
                let mut form = ProjectForm {
                    title: title.clone(),
                    year,
                    ..ProjectForm::default()
                };
                form.project.name = name;
                cells.insert(FieldPath::key("project").field("name"), at(name_pos));
                form.project.department = without_unit_code(&department);
                if let Some(p) = dept_pos {
                    cells.insert(FieldPath::key("project").field("department"), at(p));
                }
                form.funds.unit = unit.clone();
                form.funds.department_total = department_total;
                if let Some(c) = budget_col {
                    let pos = self.grid.anchor((row.row, c));
                    form.funds.total = self.money_in(pos, &unit)?;
                    cells.insert(FieldPath::key("funds").field("total"), at(pos));
                }
                form.goals.annual = text::paragraphs(&goal);
                if let Some(p) = goal_pos {
                    for i in 0..form.goals.annual.len() {
                        cells.insert(FieldPath::key("goals").field("annual").at(i), at(p));
                    }
                }
                forms.push(FlatForm {
                    form,
                    cells,
                    anchor: name_pos,
                    unit_text,
                    period_said: Vec::new(),
                    direction_unstated: Vec::new(),
                });
            }
            let weight =
                self.decimal_in_row(row, IndicatorColumnLabel::Weight, row.weight.as_deref())?;
            let Some(flat) = forms.last_mut() else {
                continue;
            };
            let i = flat.form.indicators.len();
            // The shared row bookkeeping writes into the reader's provenance: move it over.
            self.cells = std::mem::take(&mut flat.cells);
            self.note_indicator_row(i, row);
            flat.cells = std::mem::take(&mut self.cells);
            let tagged = split_tags(row.explanation.as_deref());
            flat.period_said.push(tagged.period.is_some());
            flat.direction_unstated
                .push(tagged.direction.as_deref().is_some_and(str::is_empty));
            flat.form.indicators.push(Indicator {
                level1: row.level1.clone(),
                level2: row.level2.clone(),
                name: row.name.clone(),
                period_value: value::parse(tagged.period.as_deref().unwrap_or(&row.period)),
                annual_value: match tagged.verbatim {
                    Some(text) => value::parse(&text),
                    None => table::annual_value(row),
                },
                value_type: tagged.value_type.or_else(|| row.value_type.clone()),
                weight,
                explanation: tagged.explanation,
                standard: tagged.standard.or_else(|| row.standard.clone()),
                direction: row.direction.clone(),
                remark: tagged.remark.or_else(|| row.remark.clone()),
            });
        }
        Ok(forms)
    }
}

/// The indicator rows' cells of `flat` into `cells`; with `period_is_annual`, an unsaid
/// 实施周期指标值 is the value cells' (the one value of the row is both).
fn take_indicator_cells(flat: &FlatForm, cells: &mut Provenance, period_is_annual: bool) {
    for (path, cell) in flat.cells.iter() {
        if path.is_under(&FieldPath::key("indicators")) {
            cells.insert(path.clone(), cell.clone());
        }
    }
    if !period_is_annual {
        return;
    }
    for (i, said) in flat.period_said.iter().enumerate() {
        let annual = flat.cells.get(&FieldPath::indicator(i, "annual_value"));
        if let (false, Some(annual)) = (*said, annual) {
            cells.insert(FieldPath::indicator(i, "period_value"), annual.clone());
        }
    }
}

/// One form's rows of the flat table, as read.
struct FlatForm {
    form: ProjectForm,
    cells: Provenance,
    /// The project cell the form's rows share.
    anchor: Pos,
    /// 单位名称 as the cell says it (with any unit code).
    unit_text: String,
    /// Per indicator: whether 指标解释 said its 实施周期指标值.
    period_said: Vec<bool>,
    /// Per indicator: whether 指标解释 said the form states no 指标方向 for it.
    direction_unstated: Vec<bool>,
}

/// Whether `direction` is what the table writes for `value` by its sign under some profile
/// (正向 for ≥, …): then it says nothing of its own.
fn implied_direction(value: &value::IndicatorValue, direction: &str) -> bool {
    Profile::all()
        .iter()
        .any(|p| crate::write::system::encode(value, p).direction == direction)
}

/// 指标解释 of a jixiao system table, taken apart: the explanation proper, and the lines the
/// writer added after a profile's tag (`templates/system.toml`): `原文：` (the value's
/// verbatim text when 计算符号 | 指标值 | 计量单位 cannot hold it exactly; it then is the
/// value), 实施周期指标值, 指标值类型, 评(扣)分标准, 备注. A tagged field runs until the next tag.
#[derive(Debug, Default, PartialEq)]
struct Tagged {
    explanation: Option<String>,
    verbatim: Option<String>,
    period: Option<String>,
    value_type: Option<String>,
    standard: Option<String>,
    remark: Option<String>,
    direction: Option<String>,
}

#[derive(Clone, Copy)]
enum Tag {
    Verbatim,
    Period,
    ValueType,
    Standard,
    Remark,
    Direction,
}

/// Every profile's tags, and the half-width `原文:` a person may type.
fn tags() -> Vec<(String, Tag)> {
    let mut tags = vec![("原文:".to_string(), Tag::Verbatim)];
    for p in Profile::all() {
        let t = p.tags();
        tags.push((p.verbatim_prefix.clone(), Tag::Verbatim));
        tags.push((t.period.clone(), Tag::Period));
        tags.push((t.value_type.clone(), Tag::ValueType));
        tags.push((t.standard.clone(), Tag::Standard));
        tags.push((t.remark.clone(), Tag::Remark));
        tags.push((t.direction.clone(), Tag::Direction));
    }
    tags.retain(|(t, _)| !t.is_empty());
    tags
}

fn split_tags(explanation: Option<&str>) -> Tagged {
    let Some(explanation) = explanation else {
        return Tagged::default();
    };
    let tags = tags();
    let mut tagged = Tagged::default();
    let mut rest: Vec<&str> = Vec::new();
    let mut current: Option<(Tag, Vec<&str>)> = None;
    let finish = |tagged: &mut Tagged, current: Option<(Tag, Vec<&str>)>| {
        if let Some((tag, lines)) = current {
            let text = lines.join("\n");
            let slot = match tag {
                Tag::Verbatim => &mut tagged.verbatim,
                Tag::Period => &mut tagged.period,
                Tag::ValueType => &mut tagged.value_type,
                Tag::Standard => &mut tagged.standard,
                Tag::Remark => &mut tagged.remark,
                Tag::Direction => &mut tagged.direction,
            };
            slot.get_or_insert(text);
        }
    };
    for line in explanation.split('\n') {
        match tags
            .iter()
            .find_map(|(t, tag)| line.strip_prefix(t.as_str()).map(|rest| (*tag, rest)))
        {
            Some((tag, text)) => {
                finish(&mut tagged, current.take());
                current = Some((tag, vec![text]));
            }
            None => match &mut current {
                Some((_, lines)) => lines.push(line),
                None => rest.push(line),
            },
        }
    }
    finish(&mut tagged, current);
    let rest = rest.join("\n");
    tagged.explanation = (!rest.is_empty()).then_some(rest);
    tagged
}

/// The budget system writes units with their code: `820001-井研县马踏镇人民政府` is the unit
/// 井研县马踏镇人民政府. Only a leading run of digits followed by a dash is removed.
fn without_unit_code(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &text[digits..];
        if let Some(name) = rest.strip_prefix(['-', '－', '—', ' ']) {
            if !name.trim().is_empty() {
                return name.trim().to_string();
            }
        }
    }
    text.to_string()
}

/// A department form's sheets beside the flat table (`templates/system.toml`, `department` and
/// `tasks`): its header, budget and goals, one row per department, and its key tasks, in the
/// form's own money unit (原表金额单位) converted exactly from the sheet's (金额单位 above the
/// header). Each department is taken once, by the indicator rows of its 单位名称.
/// It also holds a project form's sheet (`project`): its header, funds and goals, one row per
/// project, keyed by 单位名称 and 项目名称.
pub(super) struct DepartmentTables {
    departments: RefCell<Vec<Option<(String, Form, Provenance)>>>,
    projects: RefCell<Vec<Option<ProjectSide>>>,
}

/// A project as its row of the project sheet says it.
pub(super) struct ProjectSide {
    /// 单位名称 and 项目名称, as the indicator rows say them.
    key: (String, String),
    form: ProjectForm,
    cells: Provenance,
    /// An indicator's 实施周期指标值 that 指标解释 does not say is its 年度指标值 (else blank).
    period_same: bool,
    /// The table's 指标方向 cells are the form's own.
    directions_stated: bool,
}

/// Where a side sheet's header is, and which column holds which field.
struct SideHeader<F> {
    row: u32,
    columns: Vec<(u32, F)>,
    /// The unit the sheet's money is in.
    unit: String,
}

/// The header row of a side sheet whose columns are `known` (header text → field): the first
/// row with the 单位名称 column and at least two more, and none of `excluded` (the key of
/// another side sheet, whose headers overlap).
fn side_header<F: Copy + PartialEq>(
    grid: &Grid,
    known: &[(String, F)],
    unit_name: F,
    excluded: &[String],
) -> Option<SideHeader<F>> {
    let ((top, left), (bottom, right)) = grid.bounds();
    for row in top..=bottom.min(top + 5) {
        let shown: Vec<(u32, String)> = (left..=right)
            .map(|col| (col, text::clean(grid.text((row, col)))))
            .collect();
        if shown.iter().any(|(_, t)| excluded.contains(t)) {
            continue;
        }
        let columns: Vec<(u32, F)> = shown
            .iter()
            .filter_map(|(col, shown)| {
                known
                    .iter()
                    .find(|(h, _)| h == shown)
                    .map(|(_, f)| (*col, *f))
            })
            .collect();
        if columns.len() >= 3 && columns.iter().any(|(_, f)| *f == unit_name) {
            let unit = (top..row)
                .flat_map(|r| (left..=right).map(move |c| (r, c)))
                .find_map(|p| text::money_unit(grid.text(p)))
                .unwrap_or("元")
                .to_string();
            return Some(SideHeader { row, columns, unit });
        }
    }
    None
}

impl DepartmentTables {
    /// The department and project sheets of the workbook, when it has them.
    pub(super) fn find(path: &Path, sheets: &[(Layout, &Grid)]) -> Result<Option<Self>> {
        // A side sheet is not the indicator table, whose header may hold some of the same words
        // (Sichuan's has 单位名称 | 项目名称 | 年度目标).
        let sheets: Vec<&(Layout, &Grid)> = sheets
            .iter()
            .filter(|(l, _)| l.indicator_header.is_none())
            .collect();
        // Without a sheet beside the indicator tables there is nothing to look for, and the
        // profiles' headers (templates/system.toml) are not needed at all.
        if sheets.is_empty() {
            return Ok(None);
        }
        let department_known: Vec<(String, DepartmentField)> = Profile::all()
            .iter()
            .flat_map(|p| p.department_sheet().columns.iter())
            .map(|c| (c.header.clone(), c.field))
            .collect();
        let task_known: Vec<(String, TaskField)> = Profile::all()
            .iter()
            .flat_map(|p| p.task_sheet().columns.iter())
            .map(|c| (c.header.clone(), c.field))
            .collect();
        let project_known: Vec<(String, ProjectSheetField)> = Profile::all()
            .iter()
            .flat_map(|p| p.project_sheet().columns.iter())
            .map(|c| (c.header.clone(), c.field))
            .collect();
        // The project sheet's key column tells it from the department sheet.
        let project_key: Vec<String> = project_known
            .iter()
            .filter(|(_, f)| *f == ProjectSheetField::ProjectName)
            .map(|(h, _)| h.clone())
            .collect();
        let mut departments = Vec::new();
        let department_sheet = sheets.iter().find_map(|(l, g)| {
            side_header(
                g,
                &department_known,
                DepartmentField::UnitName,
                &project_key,
            )
            .map(|h| (l, *g, h))
        });
        let found = department_sheet.is_some();
        if let Some((layout, grid, header)) = department_sheet {
            let reader = FormReader::new(path, grid, layout);
            let ((_, _), (bottom, _)) = grid.bounds();
            for row in header.row + 1..=bottom {
                if let Some(department) = read_department(&reader, &header, row)? {
                    departments.push(Some(department));
                }
            }
            let tasks = sheets.iter().find_map(|(l, g)| {
                side_header(g, &task_known, TaskField::UnitName, &project_key).map(|h| (l, *g, h))
            });
            if let Some((layout, grid, header)) = tasks {
                let reader = FormReader::new(path, grid, layout);
                let ((_, _), (bottom, _)) = grid.bounds();
                for row in header.row + 1..=bottom {
                    read_task(&reader, &header, row, &mut departments)?;
                }
            }
        }
        let mut projects = Vec::new();
        let project_sheet = sheets.iter().find_map(|(l, g)| {
            side_header(g, &project_known, ProjectSheetField::UnitName, &[])
                .filter(|h| {
                    h.columns
                        .iter()
                        .any(|(_, f)| *f == ProjectSheetField::ProjectName)
                })
                .map(|h| (l, *g, h))
        });
        let found = found || project_sheet.is_some();
        if let Some((layout, grid, header)) = project_sheet {
            let reader = FormReader::new(path, grid, layout);
            let ((_, _), (bottom, _)) = grid.bounds();
            for row in header.row + 1..=bottom {
                if let Some(project) = read_project(&reader, &header, row)? {
                    projects.push(Some(project));
                }
            }
        }
        if !found {
            return Ok(None);
        }
        Ok(Some(DepartmentTables {
            departments: RefCell::new(departments),
            projects: RefCell::new(projects),
        }))
    }

    /// The first project not yet taken whose 单位名称 is `unit` and 项目名称 `name`.
    fn take_project(&self, unit: &str, name: &str) -> Option<ProjectSide> {
        let mut projects = self.projects.borrow_mut();
        let key = (text::clean(unit), text::clean(name));
        let slot = projects
            .iter_mut()
            .find(|p| p.as_ref().is_some_and(|p| p.key == key))?;
        slot.take()
    }

    /// The first department not yet taken whose 单位名称 is `unit`.
    fn take(&self, unit: &str) -> Option<(Form, Provenance)> {
        let mut departments = self.departments.borrow_mut();
        let slot = departments
            .iter_mut()
            .find(|d| d.as_ref().is_some_and(|(name, _, _)| name == unit))?;
        slot.take().map(|(_, form, cells)| (form, cells))
    }

    /// The departments and projects no indicator rows took (a form without indicators), in
    /// sheet order, departments first.
    pub(super) fn rest(&self) -> Vec<(Document, Provenance)> {
        let departments = self
            .departments
            .borrow_mut()
            .iter_mut()
            .filter_map(Option::take)
            .map(|(_, form, cells)| (Document::Department(form), cells))
            .collect::<Vec<_>>();
        let projects = self
            .projects
            .borrow_mut()
            .iter_mut()
            .filter_map(Option::take)
            .map(|p| (Document::Project(p.form), p.cells))
            .collect::<Vec<_>>();
        departments.into_iter().chain(projects).collect()
    }
}

/// `amount` read in `from` as the form's `to`, exactly.
fn converted(
    reader: &FormReader,
    pos: Pos,
    amount: Option<Decimal>,
    from: &str,
    to: &str,
) -> Result<Option<Decimal>> {
    let Some(amount) = amount else {
        return Ok(None);
    };
    let money = Money {
        amount,
        unit: from.to_string(),
    };
    money.in_unit(to).map(Some).ok_or_else(|| {
        reader.bad_cell(
            pos,
            crate::t!("read.flat_unit_not_convertible", from = from, to = to),
        )
    })
}

/// The department on `row` of the department sheet; `None` for a row without 单位名称.
fn read_department(
    reader: &FormReader,
    header: &SideHeader<DepartmentField>,
    row: u32,
) -> Result<Option<(String, Form, Provenance)>> {
    let grid = reader.grid;
    let cell = |field: DepartmentField| {
        header
            .columns
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| (row, *c))
    };
    let text_of = |field: DepartmentField| cell(field).map(|p| grid.text(p).to_string());
    let Some(unit_text) = text_of(DepartmentField::UnitName).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let mut cells = Provenance::new();
    let mut form = Form {
        department: without_unit_code(&unit_text),
        ..Form::default()
    };
    let sheet = grid.name().to_string();
    let note = |cells: &mut Provenance, path: FieldPath, pos: Pos| {
        cells.insert(
            path,
            CellRef {
                sheet: sheet.clone(),
                cell: crate::address::CellRange::cell(pos),
            },
        );
    };
    let form_unit = text_of(DepartmentField::FormUnit)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| header.unit.clone());
    form.budget.unit = form_unit.clone();
    for &(col, field) in &header.columns {
        let pos = (row, col);
        let shown = grid.text(pos);
        match field {
            DepartmentField::UnitName => note(&mut cells, FieldPath::key("department"), pos),
            DepartmentField::Title => form.title = shown.to_string(),
            DepartmentField::Year => {
                form.year = count(reader, pos, header.row)?.and_then(|y| u32::try_from(y).ok());
            }
            DepartmentField::Duties => {
                form.duties = shown.to_string();
                note(&mut cells, FieldPath::key("duties"), pos);
            }
            DepartmentField::StaffCount => {
                form.basic_info.staff_count = count(reader, pos, header.row)?;
                note(
                    &mut cells,
                    FieldPath::key("basic_info").field("staff_count"),
                    pos,
                );
            }
            DepartmentField::SubordinateUnits => {
                form.basic_info.subordinate_units = count(reader, pos, header.row)?;
                note(
                    &mut cells,
                    FieldPath::key("basic_info").field("subordinate_units"),
                    pos,
                );
            }
            DepartmentField::OverallGoals => {
                form.overall_goals = if shown.is_empty() {
                    Vec::new()
                } else {
                    shown.split('\n').map(str::to_string).collect()
                };
                for i in 0..form.overall_goals.len() {
                    note(&mut cells, FieldPath::item("overall_goals", i), pos);
                }
            }
            DepartmentField::OtherTasks => {
                form.other_tasks = shown.to_string();
                note(&mut cells, FieldPath::key("other_tasks"), pos);
            }
            DepartmentField::FormUnit => {}
            field => {
                if let Some(b) = field.budget() {
                    let what = BudgetLabel::from(b).canonical();
                    let amount = reader.money_at(pos, what)?;
                    let amount = converted(reader, pos, amount, &header.unit, &form_unit)?;
                    form.budget.set(b, amount);
                    note(&mut cells, b.field_path(), pos);
                }
            }
        }
    }
    Ok(Some((unit_text, form, cells)))
}

/// A whole number (年度, a count of people or units), or `None` for a blank cell; an error
/// names the column by its header on `header_row`.
fn count(reader: &FormReader, pos: Pos, header_row: u32) -> Result<Option<u64>> {
    let what = text::clean(reader.grid.text((header_row, pos.1)));
    let shown = text::clean(reader.grid.text(pos));
    if shown.is_empty() {
        return Ok(None);
    }
    shown.parse::<u64>().map(Some).map_err(|_| {
        reader.bad_cell(
            pos,
            crate::t!(
                "read.flat_not_a_count",
                label = what,
                found = format!("{shown:?}")
            ),
        )
    })
}

/// The project on `row` of the project sheet; `None` for a row without 项目名称.
fn read_project(
    reader: &FormReader,
    header: &SideHeader<ProjectSheetField>,
    row: u32,
) -> Result<Option<ProjectSide>> {
    let grid = reader.grid;
    let text_of = |field: ProjectSheetField| {
        header
            .columns
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| grid.text((row, *c)).to_string())
            .unwrap_or_default()
    };
    let name = text_of(ProjectSheetField::ProjectName);
    if name.is_empty() {
        return Ok(None);
    }
    let unit_name = text_of(ProjectSheetField::UnitName);
    let words: Vec<&crate::write::system::ProjectWords> = Profile::all()
        .iter()
        .map(|p| &p.project_sheet().words)
        .collect();
    let form_unit = Some(text_of(ProjectSheetField::FormUnit).trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| header.unit.clone());
    let mut form = ProjectForm::default();
    form.funds.unit = form_unit.clone();
    let mut cells = Provenance::new();
    let sheet = grid.name().to_string();
    let note = |cells: &mut Provenance, path: FieldPath, pos: Pos| {
        cells.insert(
            path,
            CellRef {
                sheet: sheet.clone(),
                cell: crate::address::CellRange::cell(pos),
            },
        );
    };
    let lines = |shown: &str| -> Vec<String> {
        if shown.is_empty() {
            Vec::new()
        } else {
            shown.split('\n').map(str::to_string).collect()
        }
    };
    let mut period_same = false;
    let mut directions_stated = false;
    let project = FieldPath::key("project");
    let funds = FieldPath::key("funds");
    for &(col, field) in &header.columns {
        let pos = (row, col);
        let shown = grid.text(pos);
        match field {
            ProjectSheetField::UnitName | ProjectSheetField::FormUnit => {}
            ProjectSheetField::ProjectName => {
                form.project.name = shown.to_string();
                note(&mut cells, project.clone().field("name"), pos);
            }
            ProjectSheetField::Title => form.title = shown.to_string(),
            ProjectSheetField::Year => {
                form.year = count(reader, pos, header.row)?.and_then(|y| u32::try_from(y).ok());
            }
            ProjectSheetField::Department => {
                form.project.department = shown.to_string();
                note(&mut cells, project.clone().field("department"), pos);
            }
            ProjectSheetField::Unit => {
                form.project.unit = shown.to_string();
                note(&mut cells, project.clone().field("unit"), pos);
            }
            ProjectSheetField::Attributes => {
                form.project.attributes = shown.to_string();
                note(&mut cells, project.clone().field("attributes"), pos);
            }
            ProjectSheetField::Period => {
                form.project.period = shown.to_string();
                note(&mut cells, project.clone().field("period"), pos);
            }
            ProjectSheetField::Items => {
                for (i, line) in lines(shown).into_iter().enumerate() {
                    let split = words
                        .iter()
                        .find_map(|w| line.rsplit_once(w.item_separator.as_str()));
                    let (label, amount) = split.unwrap_or((line.as_str(), ""));
                    let amount = if amount.trim().is_empty() {
                        None
                    } else {
                        let parsed = amount.trim().parse::<Decimal>().map_err(|_| {
                            reader.bad_cell(
                                pos,
                                crate::t!(
                                    "read.flat_item_not_money",
                                    line = i + 1,
                                    found = format!("{line:?}")
                                ),
                            )
                        })?;
                        converted(reader, pos, Some(parsed), &header.unit, &form_unit)?
                    };
                    form.funds.items.push(crate::model::FundItem {
                        label: label.to_string(),
                        amount,
                    });
                    note(&mut cells, funds.clone().field("items").at(i), pos);
                }
            }
            ProjectSheetField::OverallGoals | ProjectSheetField::AnnualGoals => {
                let (slot, key) = match field {
                    ProjectSheetField::OverallGoals => (&mut form.goals.overall, "overall"),
                    _ => (&mut form.goals.annual, "annual"),
                };
                *slot = lines(shown);
                for i in 0..slot.len() {
                    note(&mut cells, FieldPath::key("goals").field(key).at(i), pos);
                }
            }
            ProjectSheetField::PeriodDefault => {
                period_same = words.iter().any(|w| text::clean(shown) == w.period_same);
            }
            ProjectSheetField::DirectionsStated => {
                directions_stated = words
                    .iter()
                    .any(|w| text::clean(shown) == w.directions_stated);
            }
            field => {
                let what = text::clean(grid.text((header.row, col)));
                let amount = reader.money_at(pos, &what)?;
                let amount = converted(reader, pos, amount, &header.unit, &form_unit)?;
                if let Some(slot) = field.funds_mut(&mut form.funds) {
                    *slot = amount;
                    let key = match field {
                        ProjectSheetField::Total => "total",
                        ProjectSheetField::Fiscal => "fiscal",
                        ProjectSheetField::Other => "other",
                        ProjectSheetField::Carryover => "carryover",
                        _ => "department_total",
                    };
                    note(&mut cells, funds.clone().field(key), pos);
                }
            }
        }
    }
    Ok(Some(ProjectSide {
        key: (text::clean(&unit_name), text::clean(&name)),
        form,
        cells,
        period_same,
        directions_stated,
    }))
}

/// The task on `row` of the key-task sheet, added to its department's form.
fn read_task(
    reader: &FormReader,
    header: &SideHeader<TaskField>,
    row: u32,
    departments: &mut [Option<(String, Form, Provenance)>],
) -> Result<()> {
    let grid = reader.grid;
    let text_of = |field: TaskField| {
        header
            .columns
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| (grid.text((row, *c)).to_string(), (row, *c)))
    };
    let Some((unit_text, _)) = text_of(TaskField::UnitName).filter(|(t, _)| !t.is_empty()) else {
        return Ok(());
    };
    let Some((_, form, cells)) = departments
        .iter_mut()
        .flatten()
        .find(|(name, _, _)| *name == unit_text)
    else {
        return Ok(());
    };
    let i = form.key_tasks.len();
    let mut task = KeyTask::default();
    for &(col, field) in &header.columns {
        let pos = (row, col);
        let shown = grid.text(pos).to_string();
        let column = match field {
            TaskField::UnitName => continue,
            TaskField::Name => {
                task.name = shown;
                "name"
            }
            TaskField::Content => {
                task.content = shown;
                "content"
            }
            TaskField::Funds => {
                let amount = reader.money_at(pos, "拟投入的资金")?;
                task.funds = converted(reader, pos, amount, &header.unit, &form.budget.unit)?;
                "funds"
            }
            TaskField::ExpectedOutcome => {
                task.expected_outcome = shown;
                "expected_outcome"
            }
        };
        cells.insert(
            FieldPath::key_task(i, column),
            CellRef {
                sheet: grid.name().to_string(),
                cell: crate::address::CellRange::cell(pos),
            },
        );
    }
    form.key_tasks.push(task);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tagged_lines_come_apart_from_the_explanation() {
        let t = super::split_tags(Some(
            "按文件口径\n统计\n原文：约100家\n实施周期指标值：\n评(扣)分标准：每少1家扣1分\n未完成不得分\n备注：季度",
        ));
        assert_eq!(t.explanation.as_deref(), Some("按文件口径\n统计"));
        assert_eq!(t.verbatim.as_deref(), Some("约100家"));
        assert_eq!(t.period.as_deref(), Some(""));
        assert_eq!(t.standard.as_deref(), Some("每少1家扣1分\n未完成不得分"));
        assert_eq!(t.remark.as_deref(), Some("季度"));
        assert_eq!(t.value_type, None);
        assert_eq!(
            super::split_tags(Some("原文:5%-8%")).verbatim.as_deref(),
            Some("5%-8%")
        );
    }

    #[test]
    fn unit_codes_are_removed() {
        assert_eq!(
            super::without_unit_code("820001-井研县马踏镇人民政府"),
            "井研县马踏镇人民政府"
        );
        assert_eq!(super::without_unit_code("2023年项目"), "2023年项目");
        assert_eq!(super::without_unit_code("马踏镇"), "马踏镇");
    }
}
