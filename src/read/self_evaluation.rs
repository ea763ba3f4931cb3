//! Grid → [`SelfEvaluation`]: the 绩效自评表, by its labels
//! (templates/labels-self-evaluation.toml).

use rust_decimal::Decimal;

use super::form::FormReader;
use super::grid::Pos;
use super::table;
use super::text;
use crate::error::Result;
use crate::labels::{
    labels, EvaluationEndLabel, EvaluationGoalLabel, EvaluationLabel, ExecutionLabel,
    IndicatorColumnLabel, Label, TableEndLabel,
};
use crate::model::{
    EvaluatedIndicator, ExecutionRow, FieldPath, Provenance, SelfEvaluation, Subject,
    SELF_EVALUATION_TITLE,
};
use crate::value;

/// The execution header's columns.
const EXECUTION_COLUMNS: [ExecutionLabel; 6] = [
    ExecutionLabel::Initial,
    ExecutionLabel::Adjusted,
    ExecutionLabel::Executed,
    ExecutionLabel::Weight,
    ExecutionLabel::Rate,
    ExecutionLabel::Score,
];

impl FormReader<'_> {
    /// Reads the sheet as one self-evaluation.
    pub fn read_self_evaluation(mut self) -> Result<(SelfEvaluation, Provenance)> {
        let mut form = SelfEvaluation {
            title: self.kind_title(EvaluationLabel::Title, SELF_EVALUATION_TITLE),
            year: self.year(),
            ..SelfEvaluation::default()
        };
        if form.title.contains("部门整体") || form.title.contains("整体支出") {
            form.subject = Subject::Department;
        }
        form.name = self.text_right_of(EvaluationLabel::Name, "name");
        form.department = self.text_right_of(EvaluationLabel::Department, "department");
        form.unit = self.text_right_of(EvaluationLabel::Unit, "unit");
        self.execution(&mut form)?;
        self.evaluation_goals(&mut form);
        self.evaluated_indicators(&mut form)?;
        Ok((form, self.cells))
    }

    /// 项目资金: the header row (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分) and the
    /// lines under it; the 年度资金总额 line fills the block's own fields.
    fn execution(&mut self, form: &mut SelfEvaluation) -> Result<()> {
        let execution = &mut form.budget_execution;
        execution.unit = self.layout.money_unit.unwrap_or("万元").to_string();
        let Some(header) = self.layout.header_of(&EXECUTION_COLUMNS, 2) else {
            return Ok(());
        };
        let unit = execution.unit.clone();
        let first_value_col = header.columns.values().copied().min().unwrap_or(0);
        let l = labels();
        // The block ends where its label's merged rows end (项目资金 over A5:A9), or at the
        // next section.
        let last_row = match self.layout.first(EvaluationLabel::Funds) {
            Some(block) if self.grid.region_end(block).0 > header.row => {
                self.grid.region_end(block).0
            }
            _ => self.grid.bounds().1 .0,
        };
        let path = FieldPath::key("budget_execution");
        for row in header.row + 1..=last_row {
            // The line's label: the last text left of the figures that starts in this row.
            let mut label = None;
            let mut col = self.grid.bounds().0 .1;
            while col < first_value_col {
                let pos = self.grid.anchor((row, col));
                if pos.0 == row && !self.grid.text(pos).trim().is_empty() {
                    label = Some(pos);
                }
                col = self.grid.region_end((row, col)).1 + 1;
            }
            let Some(label_pos) = label else {
                break;
            };
            let label_text = text::clean(self.grid.text(label_pos));
            // The next section (年度总体目标完成情况, 预期目标) ends the block.
            if l.key_of::<EvaluationLabel>(&label_text).is_some()
                || l.key_of::<EvaluationGoalLabel>(&label_text).is_some()
                || l.key_of::<IndicatorColumnLabel>(&label_text).is_some()
            {
                break;
            }
            let figure = |reader: &Self, key: ExecutionLabel| -> Result<Option<(Decimal, Pos)>> {
                let Some(&c) = header.columns.get(&key) else {
                    return Ok(None);
                };
                let pos = reader.grid.anchor((row, c));
                let shown = text::clean(reader.grid.text(pos));
                let value = if matches!(
                    key,
                    ExecutionLabel::Weight | ExecutionLabel::Rate | ExecutionLabel::Score
                ) {
                    text::score(&shown).map_err(|e| {
                        reader.bad_cell(
                            pos,
                            crate::t!("read.not_a_number", found = format!("{:?}", e.0)),
                        )
                    })?
                } else {
                    reader.money_in(pos, &unit)?
                };
                Ok(value.map(|v| (v, pos)))
            };
            if l.key_of(&label_text) == Some(ExecutionLabel::Total) {
                for key in EXECUTION_COLUMNS {
                    if let Some((value, pos)) = figure(self, key)? {
                        let slot = match key {
                            ExecutionLabel::Initial => &mut form.budget_execution.initial,
                            ExecutionLabel::Adjusted => &mut form.budget_execution.adjusted,
                            ExecutionLabel::Executed => &mut form.budget_execution.executed,
                            ExecutionLabel::Weight => &mut form.budget_execution.weight,
                            ExecutionLabel::Rate => &mut form.budget_execution.rate,
                            _ => &mut form.budget_execution.score,
                        };
                        *slot = Some(value);
                        self.note(path.clone().field(key.key()), pos);
                    }
                }
            } else {
                let i = form.budget_execution.rows.len();
                let mut line = ExecutionRow {
                    label: label_text,
                    ..ExecutionRow::default()
                };
                for key in [
                    ExecutionLabel::Initial,
                    ExecutionLabel::Adjusted,
                    ExecutionLabel::Executed,
                ] {
                    if let Some((value, pos)) = figure(self, key)? {
                        match key {
                            ExecutionLabel::Initial => line.initial = Some(value),
                            ExecutionLabel::Adjusted => line.adjusted = Some(value),
                            _ => line.executed = Some(value),
                        }
                        self.note(path.clone().field("rows").at(i).field(key.key()), pos);
                    }
                }
                form.budget_execution.rows.push(line);
            }
        }
        Ok(())
    }

    /// 预期目标 and 实际完成情况: the text under each sub-header (never the sub-header itself);
    /// without sub-headers, the text right of 年度总体目标完成情况 is the planned goal.
    fn evaluation_goals(&mut self, form: &mut SelfEvaluation) {
        for (key, field) in [
            (EvaluationGoalLabel::Planned, "planned"),
            (EvaluationGoalLabel::Achieved, "achieved"),
        ] {
            let Some(label) = self.layout.first(key) else {
                continue;
            };
            let below = self
                .grid
                .anchor((self.grid.region_end(label).0 + 1, label.1));
            let paragraphs = text::paragraphs(self.grid.text(below));
            for i in 0..paragraphs.len() {
                self.note(FieldPath::key("goals").field(field).at(i), below);
            }
            match key {
                EvaluationGoalLabel::Planned => form.goals.planned = paragraphs,
                _ => form.goals.achieved = paragraphs,
            }
        }
        if form.goals.planned.is_empty()
            && self.layout.first(EvaluationGoalLabel::Planned).is_none()
        {
            if let Some(label) = self.layout.first(EvaluationLabel::Goals) {
                let pos = self.value_cell(label);
                let paragraphs = text::paragraphs(self.grid.text(pos));
                for i in 0..paragraphs.len() {
                    self.note(FieldPath::key("goals").field("planned").at(i), pos);
                }
                form.goals.planned = paragraphs;
            }
        }
    }

    fn evaluated_indicators(&mut self, form: &mut SelfEvaluation) -> Result<()> {
        let (rows, footer) = self.table_rows_of_indicators();
        for row in &rows {
            let i = form.indicators.len();
            self.note_indicator_row(i, row);
            form.indicators.push(EvaluatedIndicator {
                level1: row.level1.clone(),
                level2: row.level2.clone(),
                name: row.name.clone(),
                weight: self.decimal_in_row(
                    row,
                    IndicatorColumnLabel::Weight,
                    row.weight.as_deref(),
                )?,
                period_value: value::parse(&row.period),
                annual_value: table::annual_value(row),
                actual_value: value::parse(&row.actual),
                score: self.decimal_in_row(
                    row,
                    IndicatorColumnLabel::Score,
                    row.score.as_deref(),
                )?,
                deviation: row.deviation.clone(),
                remark: row.remark.clone(),
            });
        }
        // 总分: on the footer row, in the 得分 column.
        if let (Some(footer), Some(header)) = (footer, &self.layout.indicator_header) {
            if matches!(
                footer.key,
                Label::TableEnd(TableEndLabel::TotalScore)
                    | Label::EvaluationEnd(EvaluationEndLabel::TotalScore)
            ) {
                if let Some(&c) = header.columns.get(&IndicatorColumnLabel::Score) {
                    let pos = self.grid.anchor((footer.row, c));
                    let shown = text::clean(self.grid.text(pos));
                    form.total_score = text::score(&shown).map_err(|e| {
                        self.bad_cell(
                            pos,
                            crate::t!("read.total_not_a_number", found = format!("{:?}", e.0)),
                        )
                    })?;
                    self.note("total_score", pos);
                }
            }
        }
        if let Some(pos) = self.layout.first(EvaluationEndLabel::Conclusion) {
            form.conclusion = self.text_at_label(pos, "conclusion");
        }
        Ok(())
    }
}
