//! The budget system's flat export (Sichuan, 井研县 2023): one row per indicator with
//! 单位名称 | 项目名称 | 预算数 | 年度目标 beside the indicator columns, several projects per sheet.
//! It reads as a list of [`ProjectForm`]s, one per project, in sheet order.

use super::form::FormReader;
use super::grid::Pos;
use super::table;
use super::text;
use crate::error::Result;
use crate::labels::{labels, Group};
use crate::model::{FieldPath, Indicator, ProjectForm, Provenance, PROJECT_TITLE};
use crate::value;

impl FormReader<'_> {
    /// The flat export's columns in the indicator header row: (department, project, budget,
    /// goal), when the header has the project column.
    pub(super) fn flat_columns(&self) -> Option<[Option<u32>; 4]> {
        let header = self.layout.indicator_header.as_ref()?;
        let l = labels();
        let mut found = [None; 4];
        let (_, (_, last_col)) = self.grid.bounds();
        for col in self.grid.bounds().0 .1..=last_col {
            let key = l.key_of(
                Group::FlatColumns,
                &text::clean(self.grid.text((header.row, col))),
            );
            let slot = match key {
                Some("department") => 0,
                Some("project") => 1,
                Some("budget") => 2,
                Some("goal") => 3,
                _ => continue,
            };
            found[slot].get_or_insert(col);
        }
        found[1].map(|_| found)
    }

    /// Reads every project of the export.
    pub fn read_flat(mut self) -> Result<Vec<(ProjectForm, Provenance)>> {
        let Some([dept_col, project_col, budget_col, goal_col]) = self.flat_columns() else {
            return Ok(Vec::new());
        };
        let title = self.kind_title(Group::Project, PROJECT_TITLE);
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
        let mut forms: Vec<(ProjectForm, Provenance, Pos)> = Vec::new();
        for row in &rows {
            let (name, name_pos) = text_at(&self, row.row, project_col);
            let Some(name_pos) = name_pos else { continue };
            let starts = forms
                .last()
                .is_none_or(|(_, _, anchor)| *anchor != name_pos);
            if starts {
                let mut cells = Provenance::new();
                let sheet = self.grid.name().to_string();
                let at = |p: Pos| {
                    let cell = crate::address::CellRange::new(p, self.grid.region_end(p));
                    crate::model::CellRef::new(sheet.clone(), cell)
                };
                let (department, dept_pos) = text_at(&self, row.row, dept_col);
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
                forms.push((form, cells, name_pos));
            }
            let weight = self.decimal_in_row(row, "weight", row.weight.as_deref())?;
            let Some((form, cells, _)) = forms.last_mut() else {
                continue;
            };
            let i = form.indicators.len();
            // The shared row bookkeeping writes into the reader's provenance: move it over.
            self.cells = std::mem::take(cells);
            self.note_indicator_row(i, row);
            *cells = std::mem::take(&mut self.cells);
            let (verbatim, explanation) = split_verbatim(row.explanation.as_deref());
            form.indicators.push(Indicator {
                level1: row.level1.clone(),
                level2: row.level2.clone(),
                name: row.name.clone(),
                period_value: value::parse(&row.period),
                annual_value: match verbatim {
                    Some(text) => value::parse(&text),
                    None => table::annual_value(row),
                },
                value_type: row.value_type.clone(),
                weight,
                explanation,
                standard: row.standard.clone(),
                direction: row.direction.clone(),
                remark: row.remark.clone(),
            });
        }
        Ok(forms.into_iter().map(|(f, c, _)| (f, c)).collect())
    }
}

/// The line jixiao's system-table writer puts in 指标解释 before a value's verbatim text, when the
/// three cells 计算符号 | 指标值 | 计量单位 cannot hold it exactly (`约100家`, a range, a deadline;
/// `templates/system.toml`, `verbatim_prefix`).
const VERBATIM_PREFIXES: [&str; 2] = ["原文：", "原文:"];

/// 指标解释 split into the value's verbatim text (its `原文：` line, which then is the value: the
/// three cells were only its closest encoding) and the explanation proper (the other lines).
fn split_verbatim(explanation: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(explanation) = explanation else {
        return (None, None);
    };
    let mut verbatim = None;
    let mut rest = Vec::new();
    for line in explanation.split('\n') {
        match VERBATIM_PREFIXES.iter().find_map(|p| line.strip_prefix(p)) {
            Some(text) if verbatim.is_none() => verbatim = Some(text.to_string()),
            _ => rest.push(line),
        }
    }
    let rest = rest.join("\n");
    (verbatim, (!rest.is_empty()).then_some(rest))
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

#[cfg(test)]
mod tests {
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
