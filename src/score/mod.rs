//! Scoring a 绩效自评表: per indicator row the score the rules give from 年度指标值 (T) and
//! 实际完成值 (A), beside the score written on the form; the budget-execution score; the total and
//! its grade. The rules are data (`templates/scoring.toml`, [`rules()`]).
//!
//! ```
//! use jixiao::score::{score, rules, Row, ScoreInput, ExecutionInput};
//! use jixiao::value::parse;
//! use rust_decimal::Decimal;
//!
//! let (target, actual) = (parse("≥95%"), parse("90%"));
//! let input = ScoreInput {
//!     execution: ExecutionInput {
//!         weight: Some(Decimal::TEN),
//!         adjusted: Some(Decimal::new(880, 0)),
//!         executed: Some(Decimal::new(792, 0)),
//!         ..ExecutionInput::default()
//!     },
//!     rows: vec![Row { weight: Some(Decimal::new(90, 0)), target: &target, actual: &actual, ..Row::default() }],
//!     ..ScoreInput::default()
//! };
//! let card = score(rules(), &input);
//! assert_eq!(card.execution.computed.map(|d| d.to_string()).as_deref(), Some("9.00"));
//! // 90 × 90 / 95 = 85.263… → 85.26; the total 94.26 of 100 is 优.
//! assert_eq!(card.indicators[0].computed().map(|d| d.to_string()).as_deref(), Some("85.26"));
//! assert_eq!(card.total.computed.map(|d| d.to_string()).as_deref(), Some("94.26"));
//! assert_eq!(card.grade.computed.as_deref(), Some("优"));
//! ```

mod engine;
mod report;
mod rules;
mod self_evaluation;
mod skeleton;

#[cfg(test)]
mod tests;

use rust_decimal::Decimal;

use crate::model::CellRef;
use crate::value::IndicatorValue;

pub use engine::{
    cap_of, distance, round, round_within, score_execution, score_row, Band, ExecutionInput,
    ExecutionScore, RowScore, Rule, Unscorable,
};
pub use report::{human, json, to_json_value, FORMAT};
pub(crate) use report::{notes, reason_text, rule_text};
pub use rules::{rules, Rules};
pub use self_evaluation::{score_input, score_self_evaluation};
pub use skeleton::{share_evenly, skeleton_deviations, skeleton_weights, Deviation};

/// An empty value, for rows built without one.
static EMPTY: IndicatorValue = IndicatorValue {
    text: String::new(),
    kind: crate::value::ValueKind::Empty,
};

/// One indicator row as the scorer sees it: borrowed from whatever model holds the form.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// 一级指标.
    pub level1: &'a str,
    /// 二级指标.
    pub level2: &'a str,
    /// 三级指标 (the indicator's name).
    pub name: &'a str,
    /// 分值.
    pub weight: Option<Decimal>,
    /// 年度指标值.
    pub target: &'a IndicatorValue,
    /// 实际完成值.
    pub actual: &'a IndicatorValue,
    /// 得分 as written on the form.
    pub written: Option<Decimal>,
    /// Where the written 得分 is (or would be).
    pub cell: Option<CellRef>,
    /// 偏差原因分析及改进措施, for the check.
    pub deviation: &'a str,
}

impl Default for Row<'_> {
    fn default() -> Self {
        Row {
            level1: "",
            level2: "",
            name: "",
            weight: None,
            target: &EMPTY,
            actual: &EMPTY,
            written: None,
            cell: None,
            deviation: "",
        }
    }
}

/// A whole self-evaluation as the scorer sees it.
#[derive(Debug, Clone, Default)]
pub struct ScoreInput<'a> {
    /// The budget execution's figures.
    pub execution: ExecutionInput,
    /// Where the written execution 得分 is.
    pub execution_cell: Option<CellRef>,
    /// The indicator rows, in form order.
    pub rows: Vec<Row<'a>>,
    /// 总分 as written.
    pub written_total: Option<Decimal>,
    /// Where the written 总分 is.
    pub total_cell: Option<CellRef>,
    /// A grade the form states (评价等级), when it has one.
    pub written_grade: Option<String>,
}

/// One row's outcome, with what the form says beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorScore {
    /// 一级指标.
    pub level1: String,
    /// 二级指标.
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// 分值.
    pub weight: Option<Decimal>,
    /// 年度指标值, verbatim.
    pub target: String,
    /// 实际完成值, verbatim.
    pub actual: String,
    /// What the rules make of the row.
    pub score: RowScore,
    /// 得分 as written on the form.
    pub written: Option<Decimal>,
    /// Where the written 得分 is (or would be).
    pub cell: Option<CellRef>,
}

impl IndicatorScore {
    /// The score the rules give; `None` for excluded and unscorable rows.
    pub fn computed(&self) -> Option<Decimal> {
        self.score.computed
    }

    /// Written and computed both present and further apart than `tolerance`.
    pub fn differs(&self, tolerance: Decimal) -> bool {
        match (self.score.computed, self.written) {
            (Some(c), Some(w)) => distance(c, w).is_some_and(|d| d > tolerance),
            _ => false,
        }
    }
}

/// The total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalScore {
    /// `None` only when every weight is excluded.
    pub computed: Option<Decimal>,
    /// 总分 as written.
    pub written: Option<Decimal>,
    /// w_e + Σ w, excluded rows included.
    pub weight: Decimal,
    /// The weight of the 不适用 rows (rule 1), left out of the rescaled total.
    pub excluded_weight: Decimal,
    /// Some part was unscorable and its written score (or 0) stood in.
    pub incomplete: bool,
    /// Where the written 总分 is.
    pub cell: Option<CellRef>,
}

/// The grade (优 / 良 / 中 / 差), computed and as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeScore {
    /// The grade the computed total gives; `None` without a total.
    pub computed: Option<String>,
    /// The grade the form states, else the grade its written 总分 gives.
    pub written: Option<String>,
}

/// Everything `jixiao score` reports on one form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    /// The budget-execution score.
    pub execution: ExecutionScore,
    /// Where the written execution 得分 is.
    pub execution_cell: Option<CellRef>,
    /// One score per indicator row, in form order.
    pub indicators: Vec<IndicatorScore>,
    /// The total.
    pub total: TotalScore,
    /// Its grade.
    pub grade: GradeScore,
}

/// Scores a self-evaluation.
pub fn score(rules: &Rules, input: &ScoreInput<'_>) -> Scorecard {
    let execution = score_execution(rules, &input.execution);
    let indicators: Vec<IndicatorScore> = input
        .rows
        .iter()
        .map(|row| IndicatorScore {
            level1: row.level1.to_string(),
            level2: row.level2.to_string(),
            name: row.name.to_string(),
            weight: row.weight,
            target: row.target.text.clone(),
            actual: row.actual.text.clone(),
            score: score_row(rules, row.weight, row.target, row.actual, row.written),
            written: row.written,
            cell: row.cell.clone(),
        })
        .collect();
    let total = total(rules, &execution, &indicators, input);
    let grade_of = |score: Option<Decimal>| {
        let percent = score?
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(total.weight)?;
        Some(rules.grade_for(percent).to_string())
    };
    let grade = GradeScore {
        computed: grade_of(total.computed),
        written: input
            .written_grade
            .clone()
            .or_else(|| grade_of(total.written)),
    };
    Scorecard {
        execution,
        execution_cell: input.execution_cell.clone(),
        indicators,
        total,
        grade,
    }
}

/// Total = execution + Σ rows (rounded parts; an unscorable part's written score, kept within its
/// weight, stands in); rescaled by total_weight / (total_weight − excluded_weight) and rounded.
fn total(
    rules: &Rules,
    execution: &ExecutionScore,
    rows: &[IndicatorScore],
    input: &ScoreInput<'_>,
) -> TotalScore {
    let mut incomplete = false;
    let mut stand_in = |computed: Option<Decimal>, written: Option<Decimal>, weight: Decimal| {
        computed.unwrap_or_else(|| {
            incomplete = true;
            written
                .map(|w| round_within(rules, w, weight))
                .unwrap_or(Decimal::ZERO)
        })
    };
    let mut sum = stand_in(execution.computed, execution.written, execution.weight);
    let mut weight = execution.weight;
    let mut excluded_weight = Decimal::ZERO;
    let mut overflow = false;
    for row in rows {
        let w = row.weight.unwrap_or(Decimal::ZERO).max(Decimal::ZERO);
        weight = weight.checked_add(w).unwrap_or_else(|| {
            overflow = true;
            weight
        });
        if row.score.excluded {
            excluded_weight = excluded_weight.checked_add(w).unwrap_or_else(|| {
                overflow = true;
                excluded_weight
            });
            continue;
        }
        let part = stand_in(row.score.computed, row.written, w);
        sum = sum.checked_add(part).unwrap_or_else(|| {
            overflow = true;
            sum
        });
    }
    let scored_weight = weight - excluded_weight;
    let computed = if overflow {
        None
    } else if excluded_weight.is_zero() {
        Some(round_within(rules, sum, weight))
    } else if scored_weight > Decimal::ZERO {
        sum.checked_mul(weight)
            .and_then(|x| x.checked_div(scored_weight))
            .map(|x| round_within(rules, x, weight))
    } else {
        None
    };
    TotalScore {
        computed,
        written: input.written_total,
        weight,
        excluded_weight,
        incomplete: incomplete || overflow,
        cell: input.total_cell.clone(),
    }
}
