//! A [`SelfEvaluation`] as the scorer sees it: its rows, figures and the cells they were read from.

use super::{score, ExecutionInput, Row, Rules, ScoreInput, Scorecard};
use crate::model::{CellRef, Provenance, SelfEvaluation};

/// The cell of the first of `paths` the reader recorded (a blank 得分 cell may not be; its row's
/// other cells are).
fn cell_of(cells: &Provenance, paths: &[String]) -> Option<CellRef> {
    paths.iter().find_map(|p| cells.get(p).cloned())
}

/// The scorer's view of `evaluation`; `cells` (empty for JSON input) places the findings.
pub fn score_input<'a>(evaluation: &'a SelfEvaluation, cells: &Provenance) -> ScoreInput<'a> {
    let e = &evaluation.budget_execution;
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
            &["score", "weight", "executed", "adjusted"].map(|f| format!("budget_execution.{f}")),
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
                cell: cell_of(
                    cells,
                    &["score", "weight", "actual_value", "name"]
                        .map(|f| format!("indicators[{i}].{f}")),
                ),
                deviation: &row.deviation,
            })
            .collect(),
        written_total: evaluation.total_score,
        total_cell: cell_of(cells, &["total_score".to_string()]),
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
