//! Grid → form: every section found by its label, wherever the form starts.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use super::grid::{a1, a1_range, CellValue, Grid, Pos};
use super::text;
use crate::error::{Error, Result};
use crate::labels::{labels, Group};
use crate::model::{BudgetField, CellRef, Form, Indicator, KeyTask, Provenance, TITLE};
use crate::value;

/// Cells longer than this are content, not labels: they are not normalised and looked up.
const MAX_LABEL_CHARS: usize = 40;

/// The section labels that make a sheet recognisably the form (the title is optional).
pub const SECTION_KEYS: [&str; 7] = [
    "department",
    "basic_info",
    "budget",
    "overall_goals",
    "key_tasks",
    "other_tasks",
    "indicators",
];

/// Where the labels of one sheet are.
pub struct Layout {
    /// Section key → first cell holding its label.
    sections: HashMap<&'static str, Pos>,
    /// (group, key) → every cell holding that label, in row-major order.
    labels: HashMap<(Group, &'static str), Vec<Pos>>,
    /// Every cell holding any label, for "is this a label?" questions.
    label_cells: std::collections::HashSet<Pos>,
    title: Option<Pos>,
    key_task_header: Option<Header>,
    indicator_header: Option<Header>,
}

/// A table's header row: key → the column (anchor) of its header cell.
struct Header {
    row: u32,
    columns: HashMap<&'static str, u32>,
}

impl Layout {
    /// Finds every label of the sheet, in one pass over its cells.
    pub fn scan(grid: &Grid) -> Layout {
        let l = labels();
        let mut layout = Layout {
            sections: HashMap::new(),
            labels: HashMap::new(),
            label_cells: Default::default(),
            title: None,
            key_task_header: None,
            indicator_header: None,
        };
        for (pos, value) in grid.cells() {
            let CellValue::Text(raw) = value else {
                continue;
            };
            if raw.chars().count() > MAX_LABEL_CHARS {
                continue;
            }
            let normal = l.normalize(&text::clean(raw));
            for group in Group::ALL {
                if let Some(key) = l.key_of_normalized(group, &normal) {
                    layout.labels.entry((group, key)).or_default().push(pos);
                    layout.label_cells.insert(pos);
                    if group == Group::Section && key != "title" {
                        layout.sections.entry(key).or_insert(pos);
                    }
                    if group == Group::Section && key == "title" && layout.title.is_none() {
                        layout.title = Some(pos);
                    }
                }
            }
            if layout.title.is_none() && normal.ends_with("绩效目标申报表") {
                layout.title = Some(pos);
            }
        }
        layout.key_task_header = layout.header(
            Group::KeyTaskColumns,
            &["name", "content", "funds", "expected_outcome"],
            3,
        );
        layout.indicator_header = layout.header(
            Group::IndicatorColumns,
            &["level1", "level2", "name", "period_value", "annual_value"],
            3,
        );
        layout
    }

    /// The first row holding at least `needed` of the given column labels.
    fn header(&self, group: Group, keys: &[&str], needed: usize) -> Option<Header> {
        let mut by_row: HashMap<u32, HashMap<&'static str, u32>> = HashMap::new();
        for ((g, key), cells) in &self.labels {
            if *g != group {
                continue;
            }
            for &(r, c) in cells {
                by_row.entry(r).or_default().entry(key).or_insert(c);
            }
        }
        let mut rows: Vec<_> = by_row
            .into_iter()
            .filter(|(_, cols)| keys.iter().filter(|k| cols.contains_key(*k)).count() >= needed)
            .collect();
        rows.sort_by_key(|(r, _)| *r);
        let (row, columns) = rows.into_iter().next()?;
        Some(Header { row, columns })
    }

    /// How much this sheet looks like the form: sections found, plus the tables' headers.
    pub fn score(&self) -> usize {
        SECTION_KEYS
            .iter()
            .filter(|k| self.sections.contains_key(*k))
            .count()
            + 2 * usize::from(self.indicator_header.is_some())
            + usize::from(self.key_task_header.is_some())
    }

    fn first(&self, group: Group, key: &'static str) -> Option<Pos> {
        self.labels
            .get(&(group, key))
            .and_then(|v| v.first().copied())
    }

    /// Rows where a section (other than `except`) or a table header starts: where a table
    /// above ends.
    fn boundaries(&self, except: &str) -> Vec<u32> {
        let mut rows: Vec<u32> = self
            .sections
            .iter()
            .filter(|(k, _)| **k != except)
            .map(|(_, p)| p.0)
            .chain(self.key_task_header.as_ref().map(|h| h.row))
            .chain(self.indicator_header.as_ref().map(|h| h.row))
            .collect();
        rows.sort_unstable();
        rows
    }
}

/// Reads the form from a sheet whose labels were scanned.
pub struct FormReader<'a> {
    path: &'a Path,
    grid: &'a Grid,
    layout: &'a Layout,
    cells: Provenance,
}

impl<'a> FormReader<'a> {
    pub fn new(path: &'a Path, grid: &'a Grid, layout: &'a Layout) -> Self {
        FormReader {
            path,
            grid,
            layout,
            cells: Provenance::new(),
        }
    }

    pub fn read(mut self) -> Result<(Form, Provenance)> {
        let mut form = Form {
            title: self.title(),
            ..Form::default()
        };
        form.department = self.text_right_of(Group::Section, "department", "department");
        form.basic_info.staff_count = self.count_right_of("staff_count")?;
        form.basic_info.subordinate_units = self.count_right_of("subordinate_units")?;
        for field in BudgetField::ALL {
            let value = self.money_right_of(field)?;
            form.budget.set(field, value);
        }
        form.overall_goals = self.goals();
        form.key_tasks = self.key_tasks()?;
        form.other_tasks = self.text_right_of(Group::Section, "other_tasks", "other_tasks");
        form.indicators = self.indicators();
        Ok((form, self.cells))
    }

    fn cell_ref(&self, first: Pos, last: Pos) -> CellRef {
        CellRef {
            sheet: self.grid.name().to_string(),
            cell: a1_range(first, last),
        }
    }

    fn note(&mut self, path: impl Into<String>, pos: Pos) {
        let anchor = self.grid.anchor(pos);
        let end = self.grid.region_end(anchor);
        let cell = self.cell_ref(anchor, end);
        self.cells.insert(path.into(), cell);
    }

    fn bad_cell(&self, pos: Pos, message: String) -> Error {
        Error::BadCell {
            path: self.path.to_path_buf(),
            cell: CellRef {
                sheet: self.grid.name().to_string(),
                cell: a1(pos),
            },
            message,
        }
    }

    fn title(&mut self) -> String {
        match self.layout.title {
            Some(pos) => {
                self.note("title", pos);
                text::clean(self.grid.text(pos))
            }
            None => TITLE.to_string(),
        }
    }

    /// The value cell of a label: the first cell right of the label's region; when that is
    /// blank, the next non-blank cell in the row unless it is itself a label.
    fn value_cell(&self, label: Pos) -> Pos {
        let grid = self.grid;
        let first = (label.0, grid.region_end(label).1 + 1);
        if !grid.text(first).trim().is_empty() {
            return grid.anchor(first);
        }
        let (_, (_, last_col)) = grid.bounds();
        let mut col = grid.region_end(first).1 + 1;
        while col <= last_col {
            let pos = grid.anchor((label.0, col));
            if !grid.text(pos).trim().is_empty() {
                if self.layout.label_cells.contains(&pos) {
                    break;
                }
                return pos;
            }
            col = grid.region_end(pos).1 + 1;
        }
        grid.anchor(first)
    }

    fn text_right_of(&mut self, group: Group, key: &'static str, path: &str) -> String {
        let Some(label) = self.layout.first(group, key) else {
            return String::new();
        };
        let pos = self.value_cell(label);
        self.note(path, pos);
        text::clean(self.grid.text(pos))
    }

    fn count_right_of(&mut self, key: &'static str) -> Result<Option<u64>> {
        let Some(label) = self.layout.first(Group::BasicInfo, key) else {
            return Ok(None);
        };
        let pos = self.value_cell(label);
        self.note(format!("basic_info.{key}"), pos);
        text::count(self.grid.value(pos)).map_err(|e| {
            let label_text = labels().canonical(Group::BasicInfo, key);
            self.bad_cell(
                pos,
                crate::t!(
                    "read.not_a_count",
                    label = label_text,
                    found = format!("{:?}", e.0)
                ),
            )
        })
    }

    fn money_right_of(&mut self, field: BudgetField) -> Result<Option<Decimal>> {
        let Some(label) = self.layout.first(Group::Budget, field.key()) else {
            return Ok(None);
        };
        let pos = self.value_cell(label);
        self.note(field.path(), pos);
        self.money_at(pos, labels().canonical(Group::Budget, field.key()))
    }

    fn money_at(&self, pos: Pos, what: &str) -> Result<Option<Decimal>> {
        text::money(self.grid.value(pos)).map_err(|e| {
            self.bad_cell(
                pos,
                crate::t!("read.not_money", label = what, found = format!("{:?}", e.0)),
            )
        })
    }

    fn goals(&mut self) -> Vec<String> {
        let Some(label) = self.layout.first(Group::Section, "overall_goals") else {
            return Vec::new();
        };
        let last_row = self.grid.region_end(label).0;
        let mut goals = Vec::new();
        for row in label.0..=last_row {
            let pos = self.value_cell((row, label.1));
            let shown = self.grid.text(pos);
            for paragraph in text::paragraphs(shown) {
                self.note(format!("overall_goals[{}]", goals.len()), pos);
                goals.push(paragraph);
            }
        }
        goals
    }

    /// The rows of a table: from below its header to the next section or header.
    fn table_rows(&self, header_row: u32, section: &str) -> std::ops::RangeInclusive<u32> {
        let (_, (last_row, _)) = self.grid.bounds();
        let end = self
            .layout
            .boundaries(section)
            .into_iter()
            .find(|&r| r > header_row)
            .map_or(last_row, |r| r - 1);
        (header_row + 1)..=end
    }

    fn key_tasks(&mut self) -> Result<Vec<KeyTask>> {
        let Some(header) = &self.layout.key_task_header else {
            return Ok(Vec::new());
        };
        let column = |key: &str| header.columns.get(key).copied();
        let (name_col, content_col, funds_col, outcome_col) = (
            column("name"),
            column("content"),
            column("funds"),
            column("expected_outcome"),
        );
        let mut tasks = Vec::new();
        for row in self.table_rows(header.row, "key_tasks") {
            let at = |col: Option<u32>| col.map(|c| (row, c));
            let cell_text = |col: Option<u32>| {
                at(col).map_or(String::new(), |p| text::clean(self.grid.text(p)))
            };
            let task = KeyTask {
                name: cell_text(name_col),
                content: cell_text(content_col),
                funds: match at(funds_col) {
                    Some(p) => self.money_at(
                        self.grid.anchor(p),
                        labels().canonical(Group::KeyTaskColumns, "funds"),
                    )?,
                    None => None,
                },
                expected_outcome: cell_text(outcome_col),
            };
            if task == KeyTask::default() {
                continue;
            }
            let i = tasks.len();
            for (field, col) in [
                ("name", name_col),
                ("content", content_col),
                ("funds", funds_col),
                ("expected_outcome", outcome_col),
            ] {
                if let Some(p) = at(col) {
                    self.note(format!("key_tasks[{i}].{field}"), p);
                }
            }
            let (first_col, last_col) = self.row_span(&header.columns);
            let row_ref = self.cell_ref((row, first_col), (row, last_col));
            self.cells.insert(format!("key_tasks[{i}]"), row_ref);
            tasks.push(task);
        }
        Ok(tasks)
    }

    /// The first and last columns a table's header covers.
    fn row_span(&self, columns: &HashMap<&'static str, u32>) -> (u32, u32) {
        let first = columns.values().copied().min().unwrap_or(0);
        let last = columns
            .values()
            .map(|&c| self.grid.region_end((0, c)).1.max(c))
            .max()
            .unwrap_or(first);
        (first, last)
    }

    fn indicators(&mut self) -> Vec<Indicator> {
        let Some(header) = &self.layout.indicator_header else {
            return Vec::new();
        };
        let column = |key: &str| header.columns.get(key).copied();
        let cols = IndicatorColumns {
            level1: column("level1"),
            level2: column("level2"),
            name: column("name"),
            period: column("period_value"),
            annual: column("annual_value"),
            sign: column("sign"),
            unit: column("unit"),
        };
        let (first_col, last_col) = self.row_span(&header.columns);
        let mut indicators = Vec::new();
        let (mut level1, mut level2) = (String::new(), String::new());
        let (mut level1_cell, mut level2_cell) = (None, None);
        for row in self.table_rows(header.row, "indicators") {
            let grid = self.grid;
            let shown = |col: Option<u32>| col.map_or("", |c| grid.text((row, c)));
            // 一级/二级: merged over their rows, repeated on every row, or blank for "same as
            // above". A new 一级 starts a new run of 二级.
            let l1 = clean_level(shown(cols.level1));
            if !l1.is_empty() {
                if l1 != level1 {
                    level2.clear();
                    level2_cell = None;
                }
                level1 = l1;
                level1_cell = cols.level1.map(|c| grid.anchor((row, c)));
            }
            let l2 = clean_level(shown(cols.level2));
            if !l2.is_empty() {
                level2 = l2;
                level2_cell = cols.level2.map(|c| grid.anchor((row, c)));
            }
            let name = text::clean(shown(cols.name));
            let period_text = text::clean(shown(cols.period));
            let annual_text = match cols.sign {
                Some(_) => value::compose_split(
                    &text::clean(shown(cols.sign)),
                    &text::clean(shown(cols.annual)),
                    &text::clean(shown(cols.unit)),
                ),
                None => text::clean(shown(cols.annual)),
            };
            if name.is_empty() && period_text.is_empty() && annual_text.is_empty() {
                continue;
            }
            let i = indicators.len();
            if let Some(p) = level1_cell {
                self.note(format!("indicators[{i}].level1"), p);
            }
            if let Some(p) = level2_cell {
                self.note(format!("indicators[{i}].level2"), p);
            }
            if let Some(c) = cols.name {
                self.note(format!("indicators[{i}].name"), (row, c));
            }
            if let Some(c) = cols.period {
                self.note(format!("indicators[{i}].period_value"), (row, c));
            }
            match (cols.sign, cols.annual, cols.unit) {
                (Some(s), a, u) => {
                    let last = u.or(a).unwrap_or(s).max(s).max(a.unwrap_or(s));
                    let first = s.min(a.unwrap_or(s)).min(u.unwrap_or(s));
                    let cell = self.cell_ref((row, first), (row, last));
                    self.cells
                        .insert(format!("indicators[{i}].annual_value"), cell);
                }
                (None, Some(a), _) => self.note(format!("indicators[{i}].annual_value"), (row, a)),
                (None, None, _) => {}
            }
            let row_ref = self.cell_ref((row, first_col), (row, last_col));
            self.cells.insert(format!("indicators[{i}]"), row_ref);
            indicators.push(Indicator {
                level1: level1.clone(),
                level2: level2.clone(),
                name,
                period_value: value::parse(&period_text),
                annual_value: value::parse(&annual_text),
            });
        }
        indicators
    }
}

struct IndicatorColumns {
    level1: Option<u32>,
    level2: Option<u32>,
    name: Option<u32>,
    period: Option<u32>,
    annual: Option<u32>,
    sign: Option<u32>,
    unit: Option<u32>,
}

/// A 一级/二级 label as the form names it, without what people add around it: line breaks
/// inside ("经济效益\n指标"), a trailing annotation ("(必填)", "（50分）").
fn clean_level(raw: &str) -> String {
    let mut label: String = text::clean(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    loop {
        let trimmed = label.trim_end_matches([':', '：']);
        let cut = if trimmed.ends_with(')') {
            trimmed.rfind('(')
        } else if trimmed.ends_with('）') {
            trimmed.rfind('（')
        } else {
            None
        };
        match cut {
            Some(i) if i > 0 => label.truncate(i),
            _ if trimmed.len() != label.len() => label.truncate(trimmed.len()),
            _ => return label,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_labels_lose_annotations_only() {
        assert_eq!(clean_level("数量指标(必填)"), "数量指标");
        assert_eq!(clean_level("产出指标（50分）"), "产出指标");
        assert_eq!(clean_level("经济效益\n指标"), "经济效益指标");
        assert_eq!(clean_level(" 生态效益指标 "), "生态效益指标");
        assert_eq!(clean_level("(必填)"), "(必填)");
    }
}
