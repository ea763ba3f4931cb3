//! A [`SelfEvaluation`] as the scorer sees it: its rows, figures and the cells they were read from.

use super::{score, ExecutionInput, Row, Rules, ScoreInput, Scorecard};
use crate::model::{CellRef, FieldPath, Provenance, SelfEvaluation};

/// The cell of the first of `paths` the reader recorded (a blank 得分 cell may not be; its row's
/// other cells are).
fn cell_of(cells: &Provenance, paths: &[FieldPath]) -> Option<CellRef> {
    paths.iter().find_map(|p| cells.get(p).cloned())
}

/// Where row `i`'s 得分 is, also when it is blank (the reader records only filled cells): the
/// column `column` (another row's 得分 cell) on this row's line; else one of the row's own cells.
fn score_cell_of(cells: &Provenance, column: Option<&CellRef>, i: usize) -> Option<CellRef> {
    let own = |field: &'static str| cells.get(&FieldPath::indicator(i, field)).cloned();
    if let Some(cell) = own("score") {
        return Some(cell);
    }
    let line = [
        "name",
        "weight",
        "actual_value",
        "annual_value",
        "deviation",
    ]
    .iter()
    .find_map(|&f| own(f));
    if let (Some(line), Some(column)) = (&line, column) {
        if line.sheet == column.sheet {
            let at = (line.cell.first.0, column.cell.first.1);
            return Some(CellRef::new(line.sheet.clone(), at));
        }
    }
    cell_of(
        cells,
        &["weight", "actual_value", "name"].map(|f| FieldPath::indicator(i, f)),
    )
}

/// The scorer's view of `evaluation`; `cells` (empty for JSON input) places the findings.
pub fn score_input<'a>(evaluation: &'a SelfEvaluation, cells: &Provenance) -> ScoreInput<'a> {
    let e = &evaluation.budget_execution;
    // Any row's 得分 cell gives the column (looked up once: forms have thousands of rows).
    let score_column =
        (0..evaluation.indicators.len()).find_map(|k| cells.get(&FieldPath::indicator(k, "score")));
    ScoreInput {
        execution: ExecutionInput {
            weight: e.weight,
            initial: e.initial,
            adjusted: e.adjusted,
            executed: e.executed,
            written: e.score,
        },
        execution_cell: cell_of(
            cells,
            &["score", "weight", "executed", "adjusted"].map(FieldPath::budget_execution),
        ),
        rows: evaluation
            .indicators
            .iter()
            .enumerate()
            .map(|(i, row)| Row {
                level1: &row.level1,
                level2: &row.level2,
                name: &row.name,
                weight: row.weight,
                target: &row.annual_value,
                actual: &row.actual_value,
                written: row.score,
                cell: score_cell_of(cells, score_column, i),
                deviation: &row.deviation,
            })
            .collect(),
        written_total: evaluation.total_score,
        total_cell: cell_of(cells, &[FieldPath::key("total_score")]),
        written_grade: None,
    }
}

/// Scores `evaluation`.
pub fn score_self_evaluation(
    rules: &Rules,
    evaluation: &SelfEvaluation,
    cells: &Provenance,
) -> Scorecard {
    score(rules, &score_input(evaluation, cells))
}
