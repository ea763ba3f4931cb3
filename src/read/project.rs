//! Grid → [`ProjectForm`]: the 项目支出绩效目标申报表, by its labels (templates/labels-project.toml).

use rust_decimal::Decimal;

use super::form::FormReader;
use super::grid::Pos;
use super::table;
use super::text;
use crate::error::Result;
use crate::labels::{
    labels, BudgetHeaderLabel, FundsLabel, IndicatorColumnLabel, Label, ProjectGoalLabel,
    ProjectLabel, SectionLabel,
};
use crate::model::{FieldPath, FundItem, Indicator, ProjectForm, Provenance, PROJECT_TITLE};
use crate::value;

impl FormReader<'_> {
    /// The title: the sheet's title cell, else the kind's title label `title`, else `default`.
    pub(super) fn kind_title(&mut self, title: impl Into<Label>, default: &str) -> String {
        if self.layout.title.or(self.layout.heading).is_some() {
            return self.title();
        }
        match self.layout.first(title) {
            Some(pos) => {
                self.note("title", pos);
                text::clean(self.grid.text(pos))
            }
            None => default.to_string(),
        }
    }

    /// Reads the sheet as one project form.
    pub fn read_project(mut self) -> Result<(ProjectForm, Provenance)> {
        let mut form = ProjectForm {
            title: self.kind_title(ProjectLabel::Title, PROJECT_TITLE),
            year: self.year(),
            ..ProjectForm::default()
        };
        form.project.name =
            self.text_right_of(ProjectLabel::Name, FieldPath::key("project").field("name"));
        form.project.department = self.text_right_of(
            ProjectLabel::Department,
            FieldPath::key("project").field("department"),
        );
        form.project.unit =
            self.text_right_of(ProjectLabel::Unit, FieldPath::key("project").field("unit"));
        let mut attributes = Vec::new();
        for &label in self.layout.all(ProjectLabel::Attributes) {
            let value = self.text_at_label(label, FieldPath::key("project").field("attributes"));
            if !value.is_empty() {
                attributes.push(value);
            }
        }
        form.project.attributes = attributes.join("；");
        form.project.period = self.text_right_of(
            ProjectLabel::Period,
            FieldPath::key("project").field("period"),
        );
        self.funds(&mut form)?;
        form.goals.overall = self.goal_paragraphs(ProjectGoalLabel::Overall, "overall");
        form.goals.annual = self.goal_paragraphs(ProjectGoalLabel::Annual, "annual");
        if form.goals.annual.is_empty() && form.goals.overall.is_empty() {
            // A project form that words its goal as the department form does (总体绩效目标).
            form.goals.annual = self.goal_paragraphs(SectionLabel::OverallGoals, "annual");
        }
        form.indicators = self.project_indicators()?;
        Ok((form, self.cells))
    }

    /// The paragraphs right of a goal label, as `goals.<field>[i]`.
    fn goal_paragraphs(&mut self, label: impl Into<Label>, field: &'static str) -> Vec<String> {
        let Some(label) = self.layout.first(label) else {
            return Vec::new();
        };
        let shown = match self.layout.inline.get(&label) {
            Some(inline) => inline.clone(),
            None => {
                let pos = self.value_cell(label);
                self.grid.text(pos).to_string()
            }
        };
        let pos = if self.layout.inline.contains_key(&label) {
            label
        } else {
            self.value_cell(label)
        };
        let paragraphs = text::paragraphs(&shown);
        for i in 0..paragraphs.len() {
            self.note(FieldPath::key("goals").field(field).at(i), pos);
        }
        paragraphs
    }

    /// 项目资金: the unit the form states, the total and its parts, and any further lines of
    /// the block (成本构成).
    fn funds(&mut self, form: &mut ProjectForm) -> Result<()> {
        form.funds.unit = self.layout.money_unit.unwrap_or("万元").to_string();
        let unit = form.funds.unit.clone();
        let funds = FieldPath::key("funds");
        for (key, slot) in [
            (FundsLabel::Total, &mut form.funds.total),
            (FundsLabel::Fiscal, &mut form.funds.fiscal),
            (FundsLabel::Other, &mut form.funds.other),
            (FundsLabel::Carryover, &mut form.funds.carryover),
        ] {
            let Some(label) = self.first_money_label(key) else {
                continue;
            };
            let pos = self.value_cell(label);
            *slot = self.money_in(pos, &unit)?;
            self.note(funds.clone().field(key.key()), pos);
        }
        // Further lines: the rows the block label spans, labelled by a cell that is not one of
        // the four figures, with an amount beside it.
        if let Some(block) = self.layout.first(FundsLabel::Block) {
            let end = self.grid.region_end(block);
            let l = labels();
            for row in block.0..=end.0 {
                let label_pos = self.grid.anchor((row, end.1 + 1));
                if label_pos.0 != row {
                    continue;
                }
                let label = text::clean(self.grid.text(label_pos));
                if label.is_empty()
                    || l.key_of::<FundsLabel>(&label).is_some()
                    || l.key_of::<BudgetHeaderLabel>(&label).is_some()
                {
                    continue;
                }
                let pos = self.value_cell(label_pos);
                let Ok(Some(amount)) = self.money_in(pos, &unit) else {
                    continue;
                };
                let i = form.funds.items.len();
                self.note(funds.clone().field("items").at(i), pos);
                form.funds.items.push(FundItem {
                    label,
                    amount: Some(amount),
                });
            }
        }
        Ok(())
    }

    /// The first cell labelled as the money figure `key`, inside the money block when the
    /// form has one (合计 elsewhere is a table's footer).
    fn first_money_label(&self, key: FundsLabel) -> Option<Pos> {
        let cells = self.layout.all(key);
        let inside = self.layout.first(FundsLabel::Block).and_then(|block| {
            let end = self.grid.region_end(block);
            cells
                .iter()
                .copied()
                .find(|p| p.0 >= block.0 && p.0 <= end.0)
        });
        inside.or_else(|| cells.first().copied())
    }

    /// Money in the form's unit: `250万` in a 万元 form is 250; `1,000.00` is 1000.00.
    pub(super) fn money_in(&self, pos: Pos, unit: &str) -> Result<Option<Decimal>> {
        self.warn_if_beyond_spreadsheet_digits(pos);
        let shown = text::clean(self.grid.text(pos));
        if unit == "万元" {
            if let Some(number) = shown.strip_suffix('万') {
                if let Ok(Some(d)) =
                    text::money(Some(&super::grid::CellValue::Text(number.to_string())))
                {
                    return Ok(Some(d));
                }
            }
        }
        text::money(self.grid.value(pos)).map_err(|e| {
            self.bad_cell(
                pos,
                crate::t!(
                    "read.funds_not_money",
                    unit = unit,
                    found = format!("{:?}", e.0)
                ),
            )
        })
    }

    fn project_indicators(&mut self) -> Result<Vec<Indicator>> {
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
}
