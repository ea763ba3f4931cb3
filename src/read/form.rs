//! Grid → form: every section found by its label, wherever the form starts.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use super::grid::{CellValue, Grid, Pos};
use super::scan::Layout;
use super::{table, text};
use crate::address::CellRange;
use crate::error::{Error, Result};
use crate::labels::{
    BasicInfoLabel, IndicatorColumnLabel, KeyTaskColumnLabel, Label, SectionLabel,
};
use crate::model::{BudgetField, CellRef, FieldPath, Form, Indicator, KeyTask, Provenance, TITLE};
use crate::value;

/// Reads the form from a sheet whose labels were scanned.
pub struct FormReader<'a> {
    pub(super) path: &'a Path,
    pub(super) grid: &'a Grid,
    pub(super) layout: &'a Layout,
    pub(super) cells: Provenance,
    /// Text taken as it is (a file jixiao exported), not cleaned like a legacy cell.
    pub(super) verbatim: bool,
    /// Whether `cells` is filled: provenance costs a path and an A1 string per field, and
    /// `import` without `--cells` never shows it.
    pub(super) recording_cells: bool,
    /// In a verbatim file, how many of the goal cell's lines each goal takes
    /// ([`crate::properties::PROPERTY_GOAL_LINES`]); `None`: one goal per line.
    pub(super) goal_lines: Option<Vec<usize>>,
    /// Where the warnings about cells read go (numbers past the digits a spreadsheet keeps);
    /// `None`: nobody listens.
    pub(super) warnings: Option<&'a std::cell::RefCell<Vec<String>>>,
}

/// `1,3,1` → `[1, 3, 1]`; `None` when any count is not a positive number (a property that is
/// not ours, or was edited: the goals are then read one per line).
pub(super) fn goal_line_counts(text: &str) -> Option<Vec<usize>> {
    text.split(',')
        .map(|n| n.trim().parse::<usize>().ok().filter(|n| *n > 0))
        .collect()
}

impl<'a> FormReader<'a> {
    pub fn new(path: &'a Path, grid: &'a Grid, layout: &'a Layout) -> Self {
        FormReader {
            path,
            grid,
            layout,
            cells: Provenance::new(),
            verbatim: false,
            recording_cells: true,
            goal_lines: None,
            warnings: None,
        }
    }

    /// Collects the warnings about the cells read into `sink`.
    pub fn warnings_into(mut self, sink: &'a std::cell::RefCell<Vec<String>>) -> Self {
        self.warnings = Some(sink);
        self
    }

    /// Warns when the number at `pos` (a money or indicator value) has more significant digits
    /// than a spreadsheet keeps: it was read as the spreadsheet shows it, not as stored.
    pub(super) fn warn_if_beyond_spreadsheet_digits(&self, pos: Pos) {
        let Some(sink) = self.warnings else {
            return;
        };
        let pos = self.grid.anchor(pos);
        if let Some(CellValue::Number {
            shown,
            stored: Some(stored),
            ..
        }) = self.grid.own(pos)
        {
            sink.borrow_mut().push(crate::t!(
                "read.beyond_spreadsheet_digits",
                cell = CellRef::new(self.grid.name(), pos),
                stored = stored,
                shown = shown
            ));
        }
    }

    /// Whether to record where each field was read (on by default); see
    /// [`super::ImportOptions::without_cells`].
    pub fn recording_cells(mut self, recording: bool) -> Self {
        self.recording_cells = recording;
        self
    }

    /// In a verbatim file, the goals' line counts its writer recorded.
    pub fn goal_lines(mut self, counts: Option<Vec<usize>>) -> Self {
        self.goal_lines = counts;
        self
    }

    /// Reads text verbatim: no trimming, no HTML clean-up, 一级/二级 names as written, goals
    /// one per line. For jixiao's own canonical files, whose cells hold the JSON's strings.
    pub fn verbatim(mut self, verbatim: bool) -> Self {
        self.verbatim = verbatim;
        self
    }

    /// A cell's text as the form's content ([`text::clean`] unless verbatim).
    fn clean(&self, shown: &str) -> String {
        if self.verbatim {
            shown.to_string()
        } else {
            text::clean(shown)
        }
    }

    pub fn read(mut self) -> Result<(Form, Provenance)> {
        let mut form = Form {
            title: self.title(),
            ..Form::default()
        };
        form.department = self.text_right_of(SectionLabel::Department, "department");
        form.duties = self.text_right_of(SectionLabel::Duties, "duties");
        form.year = self.year();
        form.basic_info.staff_count = self.count_right_of(BasicInfoLabel::StaffCount)?;
        form.basic_info.subordinate_units =
            self.count_right_of(BasicInfoLabel::SubordinateUnits)?;
        for field in BudgetField::ALL {
            let value = self.money_right_of(field)?;
            form.budget.set(field, value);
        }
        form.overall_goals = self.goals();
        form.key_tasks = self.key_tasks()?;
        form.other_tasks = self.text_right_of(SectionLabel::OtherTasks, "other_tasks");
        form.indicators = self.indicators()?;
        Ok((form, self.cells))
    }

    pub(super) fn cell_ref(&self, first: Pos, last: Pos) -> CellRef {
        CellRef::new(self.grid.name(), CellRange::new(first, last))
    }

    pub(super) fn note(&mut self, path: impl Into<FieldPath>, pos: Pos) {
        if !self.recording_cells {
            return;
        }
        let anchor = self.grid.anchor(pos);
        let end = self.grid.region_end(anchor);
        let cell = self.cell_ref(anchor, end);
        self.cells.insert(path.into(), cell);
    }

    pub(super) fn bad_cell(&self, pos: Pos, message: String) -> Error {
        Error::BadCell {
            path: self.path.to_path_buf(),
            cell: CellRef::new(self.grid.name(), pos),
            message,
        }
    }

    pub(super) fn title(&mut self) -> String {
        match self.layout.title.or(self.layout.heading) {
            Some(pos) => {
                self.note("title", pos);
                self.clean(self.grid.text(pos))
            }
            None => TITLE.to_string(),
        }
    }

    /// The value cell of a label: the first cell right of the label's region; when that is
    /// blank, the next non-blank cell in the row unless it is itself a label.
    pub(super) fn value_cell(&self, label: Pos) -> Pos {
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

    pub(super) fn text_right_of(
        &mut self,
        label: impl Into<Label>,
        path: impl Into<FieldPath>,
    ) -> String {
        let Some(label) = self.layout.first(label) else {
            return String::new();
        };
        self.text_at_label(label, path)
    }

    /// The value of the label at `label`: inline after its colon, or in its value cell.
    pub(super) fn text_at_label(&mut self, label: Pos, path: impl Into<FieldPath>) -> String {
        if let Some(inline) = self.layout.inline.get(&label) {
            let inline = inline.clone();
            self.note(path, label);
            return inline;
        }
        let pos = self.value_cell(label);
        if pos == self.grid.anchor(label) {
            return String::new();
        }
        self.note(path, pos);
        self.clean(self.grid.text(pos))
    }

    /// The budget year the sheet states: in its title, or in a 填报日期 / `(2022年度)` line of
    /// its top rows.
    pub(super) fn year(&self) -> Option<u32> {
        let grid = self.grid;
        let top = grid.bounds().0 .0 + 4;
        let candidates = self
            .layout
            .title
            .into_iter()
            .chain(self.layout.heading)
            .map(|p| grid.text(p).to_string())
            .chain(
                grid.cells()
                    .take_while(|(p, _)| p.0 <= top)
                    .map(|(_, v)| v.shown().to_string())
                    .filter(|t| t.contains("年度") || t.contains("填报日期")),
            );
        for candidate in candidates {
            if let Some(year) = text::year_in(&candidate) {
                return Some(year);
            }
        }
        None
    }

    fn count_right_of(&mut self, key: BasicInfoLabel) -> Result<Option<u64>> {
        let Some(label) = self.layout.first(key) else {
            return Ok(None);
        };
        let pos = self.value_cell(label);
        self.note(FieldPath::key("basic_info").field(key.key()), pos);
        text::count(self.grid.value(pos)).map_err(|e| {
            let label_text = key.canonical();
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
        let Some(label) = self.layout.first(field) else {
            return Ok(None);
        };
        let pos = self.value_cell(label);
        self.note(field.field_path(), pos);
        self.money_at(pos, Label::from(field).canonical())
    }

    pub(super) fn money_at(&self, pos: Pos, what: &str) -> Result<Option<Decimal>> {
        self.warn_if_beyond_spreadsheet_digits(pos);
        text::money(self.grid.value(pos)).map_err(|e| {
            self.bad_cell(
                pos,
                crate::t!("read.not_money", label = what, found = format!("{:?}", e.0)),
            )
        })
    }

    fn goals(&mut self) -> Vec<String> {
        let Some(label) = self.layout.first(SectionLabel::OverallGoals) else {
            return Vec::new();
        };
        let last_row = self.grid.region_end(label).0;
        let mut goals = Vec::new();
        for row in label.0..=last_row {
            let pos = self.value_cell((row, label.1));
            let shown = self.grid.text(pos);
            if self.verbatim && shown.is_empty() {
                continue;
            }
            let paragraphs = if self.verbatim {
                // The writer puts one goal per line, and records how many lines each goal
                // takes when some goal holds a line break.
                let lines: Vec<&str> = shown.split('\n').collect();
                match &self.goal_lines {
                    Some(counts) if counts.iter().sum::<usize>() == lines.len() => {
                        let mut rest = lines.as_slice();
                        let mut grouped = Vec::with_capacity(counts.len());
                        for &n in counts {
                            let (goal, after) = rest.split_at(n);
                            grouped.push(goal.join("\n"));
                            rest = after;
                        }
                        grouped
                    }
                    _ => lines.into_iter().map(str::to_string).collect(),
                }
            } else {
                text::paragraphs(shown)
            };
            for paragraph in paragraphs {
                self.note(FieldPath::item("overall_goals", goals.len()), pos);
                goals.push(paragraph);
            }
        }
        goals
    }

    /// The rows of a table: from below its header to the next section or header.
    pub(super) fn table_rows(
        &self,
        header_row: u32,
        section: SectionLabel,
    ) -> std::ops::RangeInclusive<u32> {
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
        let column = |key: KeyTaskColumnLabel| header.columns.get(&key).copied();
        let (name_col, content_col, funds_col, outcome_col) = (
            column(KeyTaskColumnLabel::Name),
            column(KeyTaskColumnLabel::Content),
            column(KeyTaskColumnLabel::Funds),
            column(KeyTaskColumnLabel::ExpectedOutcome),
        );
        let mut tasks = Vec::new();
        for row in self.table_rows(header.row, SectionLabel::KeyTasks) {
            let at = |col: Option<u32>| col.map(|c| (row, c));
            let cell_text =
                |col: Option<u32>| at(col).map_or(String::new(), |p| self.clean(self.grid.text(p)));
            let task = KeyTask {
                name: cell_text(name_col),
                content: cell_text(content_col),
                funds: match at(funds_col) {
                    Some(p) => {
                        self.money_at(self.grid.anchor(p), KeyTaskColumnLabel::Funds.canonical())?
                    }
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
                    self.note(FieldPath::key_task(i, field), p);
                }
            }
            if self.recording_cells {
                let (first_col, last_col) = self.row_span(&header.columns);
                let row_ref = self.cell_ref((row, first_col), (row, last_col));
                self.cells.insert(FieldPath::item("key_tasks", i), row_ref);
            }
            tasks.push(task);
        }
        Ok(tasks)
    }

    /// The first and last columns a table's header covers.
    fn row_span<K>(&self, columns: &HashMap<K, u32>) -> (u32, u32) {
        let first = columns.values().copied().min().unwrap_or(0);
        let last = columns
            .values()
            .map(|&c| self.grid.region_end((0, c)).1.max(c))
            .max()
            .unwrap_or(first);
        (first, last)
    }

    /// The indicator table's rows, before they become any kind's indicators.
    pub(super) fn table_rows_of_indicators(&self) -> (Vec<table::TableRow>, Option<table::Footer>) {
        let Some(header) = &self.layout.indicator_header else {
            return (Vec::new(), None);
        };
        let rows = self.table_rows(header.row, SectionLabel::Indicators);
        let (rows, footer) = table::read(self.grid, self.layout, header, rows, self.verbatim);
        for row in &rows {
            for key in [
                IndicatorColumnLabel::PeriodValue,
                IndicatorColumnLabel::AnnualValue,
                IndicatorColumnLabel::ActualValue,
            ] {
                if let Some(&col) = row.columns.get(&key) {
                    self.warn_if_beyond_spreadsheet_digits((row.row, col));
                }
            }
        }
        (rows, footer)
    }

    /// Records where row `i`'s common fields were read; `annual_key` names the target field.
    pub(super) fn note_indicator_row(&mut self, i: usize, row: &table::TableRow) {
        if !self.recording_cells {
            return;
        }
        let header = match &self.layout.indicator_header {
            Some(h) => h,
            None => return,
        };
        let (first_col, last_col) = self.row_span(&header.columns);
        if let Some(p) = row.level1_cell {
            self.note(FieldPath::indicator(i, "level1"), p);
        }
        if let Some(p) = row.level2_cell {
            self.note(FieldPath::indicator(i, "level2"), p);
        }
        let r = row.row;
        if let Some(&c) = row.columns.get(&IndicatorColumnLabel::Name) {
            self.note(FieldPath::indicator(i, "name"), (r, c));
        }
        if let Some(&c) = row.columns.get(&IndicatorColumnLabel::PeriodValue) {
            self.note(FieldPath::indicator(i, "period_value"), (r, c));
        }
        let (sign, annual, unit) = (
            row.columns.get(&IndicatorColumnLabel::Sign).copied(),
            row.columns.get(&IndicatorColumnLabel::AnnualValue).copied(),
            row.columns.get(&IndicatorColumnLabel::Unit).copied(),
        );
        match (sign, annual, unit) {
            (Some(s), a, u) => {
                let last = u.or(a).unwrap_or(s).max(s).max(a.unwrap_or(s));
                let first = s.min(a.unwrap_or(s)).min(u.unwrap_or(s));
                let cell = self.cell_ref((r, first), (r, last));
                self.cells
                    .insert(FieldPath::indicator(i, "annual_value"), cell);
            }
            (None, Some(a), _) => self.note(FieldPath::indicator(i, "annual_value"), (r, a)),
            (None, None, _) => {}
        }
        for column in [
            IndicatorColumnLabel::ValueType,
            IndicatorColumnLabel::Weight,
            IndicatorColumnLabel::Explanation,
            IndicatorColumnLabel::Standard,
            IndicatorColumnLabel::Direction,
            IndicatorColumnLabel::Remark,
            IndicatorColumnLabel::ActualValue,
            IndicatorColumnLabel::Score,
            IndicatorColumnLabel::Deviation,
        ] {
            if let Some(&c) = row.columns.get(&column) {
                if !self.grid.text((r, c)).trim().is_empty() {
                    self.note(FieldPath::indicator(i, column.key()), (r, c));
                }
            }
        }
        let row_ref = self.cell_ref((r, first_col), (r, last_col));
        self.cells.insert(FieldPath::item("indicators", i), row_ref);
    }

    fn indicators(&mut self) -> Result<Vec<Indicator>> {
        let (rows, _) = self.table_rows_of_indicators();
        let mut indicators = Vec::with_capacity(rows.len());
        for row in &rows {
            let i = indicators.len();
            self.note_indicator_row(i, row);
            indicators.push(Indicator {
                level1: row.level1.clone(),
                level2: row.level2.clone(),
                name: row.name.clone(),
                period_value: value::parse(&row.period),
                annual_value: table::annual_value(row),
                value_type: row.value_type.clone(),
                weight: self.decimal_in_row(
                    row,
                    IndicatorColumnLabel::Weight,
                    row.weight.as_deref(),
                )?,
                explanation: row.explanation.clone(),
                standard: row.standard.clone(),
                direction: row.direction.clone(),
                remark: row.remark.clone(),
            });
        }
        Ok(indicators)
    }

    /// A number in an indicator row's column (权重 `10`, `10分`, `10%`; 得分): an error at the
    /// cell when it is not one.
    pub(super) fn decimal_in_row(
        &self,
        row: &table::TableRow,
        column: IndicatorColumnLabel,
        shown: Option<&str>,
    ) -> Result<Option<Decimal>> {
        let Some(shown) = shown else {
            return Ok(None);
        };
        let col = row.columns.get(&column).copied().unwrap_or(0);
        text::score(shown).map_err(|e| {
            self.bad_cell(
                (row.row, col),
                format!("{} should be a number, found {:?}", column.canonical(), e.0),
            )
        })
    }
}
