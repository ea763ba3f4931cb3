//! Checks of a 绩效自评表, each at its cell: the written scores against the scoring rules
//! (templates/scoring.toml, [`crate::score`]), the arithmetic of 总分, 分值 and 执行率, the weight
//! skeleton, units, and performance far above spending.
//!
//! Decisions:
//! - A qualitative row whose written score lies outside its band reports `score.outside_band`,
//!   not also `score.differs` (the computed score is the written one clamped into the band).
//! - 偏差原因 is expected where the written score (else the computed one) is below the 分值.
//! - 总分 is compared with the written execution score plus every written indicator score.
//! - A written 执行率 is compared with 执行数 / 预算数 rounded to the decimals it was written with.
//! - Performance above spending is judged per indicator, as the issue defines it: (score / 分值 −
//!   execution score / w_e) / (score / 分值) above the profile's limit, written scores preferred.

use rust_decimal::Decimal;

use super::{catalog, Code, Context, Diagnostic};
use crate::model::{FieldPath, Provenance, SelfEvaluation};
use crate::score::{rules, score_self_evaluation, Rule, Rules, Scorecard, Unscorable};
use crate::value::ValueKind;

/// Every self-evaluation rule's findings, in form order.
pub fn check_self_evaluation(evaluation: &SelfEvaluation, cells: &Provenance) -> Vec<Diagnostic> {
    let mut ctx = Context {
        cells,
        found: Vec::new(),
    };
    let rules = rules();
    let card = score_self_evaluation(rules, evaluation, cells);
    scores(evaluation, &card, rules, &mut ctx);
    deviations(evaluation, &card, &mut ctx);
    total(evaluation, &mut ctx);
    weights(evaluation, rules, &mut ctx);
    rate(evaluation, rules, &mut ctx);
    skeleton(evaluation, rules, &mut ctx);
    units(evaluation, rules, &mut ctx);
    spending(evaluation, &card, &mut ctx);
    let mut found = ctx.found;
    found.sort_by(|a, b| (&a.field, a.code).cmp(&(&b.field, b.code)));
    found
}

fn execution_path(field: &'static str) -> FieldPath {
    FieldPath::key("budget_execution").field(field)
}

/// `三级指标「…」` (or `第 n 个绩效指标`), and a space, for the start of a message.
fn part(evaluation: &SelfEvaluation, index: usize) -> String {
    let name = evaluation
        .indicators
        .get(index)
        .map(|i| i.name.trim())
        .unwrap_or("");
    let cat = catalog::catalog();
    if name.is_empty() {
        cat.common("indicator_numbered", &[("number", (index + 1).to_string())])
    } else {
        cat.common("indicator_named", &[("name", name.to_string())])
    }
}

/// The budget execution rate's row, named in a message.
fn execution_part() -> String {
    catalog::catalog().fragment(Code::ScoreDiffers, "execution_part", &[])
}

fn scores(evaluation: &SelfEvaluation, card: &Scorecard, rules: &Rules, ctx: &mut Context<'_>) {
    let tolerance = rules.check.score_tolerance;
    let e = &card.execution;
    if let (Some(computed), Some(written)) = (e.computed, e.written) {
        let difference = crate::score::distance(computed, written).unwrap_or(Decimal::ZERO);
        if difference > tolerance {
            let cat = catalog::catalog();
            let basis = cat.fragment(
                Code::ScoreDiffers,
                "execution_basis",
                &[
                    ("weight", e.weight.to_string()),
                    ("rate", e.rate.map(|r| r.to_string()).unwrap_or_default()),
                ],
            );
            ctx.report(Code::ScoreDiffers, execution_path("score"))
                .arg("part", execution_part())
                .arg("written", written.to_string())
                .arg("computed", computed.to_string())
                .arg("difference", difference.to_string())
                .arg(
                    "rule",
                    cat.fragment(Code::ScoreDiffers, "execution_rule", &[]),
                )
                .arg("basis", basis)
                .emit();
        }
    }
    for (i, row) in card.indicators.iter().enumerate() {
        let path = FieldPath::indicator(i, "score");
        let (Some(computed), Some(written)) = (row.score.computed, row.written) else {
            continue;
        };
        if row.score.rule == Rule::Qualitative {
            if let Some(band) = &row.score.band {
                if !band.contains(written) {
                    ctx.report(Code::ScoreOutsideBand, path)
                        .arg("part", part(evaluation, i))
                        .arg("written", written.to_string())
                        .arg("grade", band.grade.clone())
                        .arg("min", band.min.to_string())
                        .arg("max", band.max.to_string())
                        .arg(
                            "close",
                            if band.max_included {
                                String::new()
                            } else {
                                catalog::catalog().fragment(Code::ScoreOutsideBand, "open_end", &[])
                            },
                        )
                        .emit();
                }
            }
            continue;
        }
        let difference = crate::score::distance(computed, written).unwrap_or(Decimal::ZERO);
        if difference > tolerance {
            let basis = catalog::catalog().fragment(
                Code::ScoreDiffers,
                "indicator_basis",
                &[
                    ("target", row.target.to_string()),
                    ("actual", row.actual.to_string()),
                    (
                        "weight",
                        row.weight.map(|w| w.to_string()).unwrap_or_default(),
                    ),
                ],
            );
            ctx.report(Code::ScoreDiffers, path)
                .arg("part", part(evaluation, i))
                .arg("written", written.to_string())
                .arg("computed", computed.to_string())
                .arg("difference", difference.to_string())
                .arg(
                    "rule",
                    rules.text(&format!("rule.{}", row.score.rule.key()), &[]),
                )
                .arg("basis", basis)
                .emit();
        }
    }
}

fn deviations(evaluation: &SelfEvaluation, card: &Scorecard, ctx: &mut Context<'_>) {
    for (i, (row, scored)) in evaluation
        .indicators
        .iter()
        .zip(&card.indicators)
        .enumerate()
    {
        let (Some(weight), Some(score)) = (row.weight, row.score.or(scored.score.computed)) else {
            continue;
        };
        if scored.score.excluded || score >= weight || !row.deviation.trim().is_empty() {
            continue;
        }
        ctx.report(
            Code::ScoreMissingDeviation,
            FieldPath::indicator(i, "deviation"),
        )
        .arg("part", part(evaluation, i))
        .arg("score", score.to_string())
        .arg("weight", weight.to_string())
        .emit();
    }
}

/// Σ of the figures that are there, `None` when it does not fit.
fn sum(values: impl IntoIterator<Item = Option<Decimal>>) -> Option<Decimal> {
    super::exact_sum(values.into_iter().flatten())
}

fn total(evaluation: &SelfEvaluation, ctx: &mut Context<'_>) {
    let Some(written) = evaluation.total_score else {
        return;
    };
    let execution = evaluation.budget_execution.score.unwrap_or(Decimal::ZERO);
    let Some(indicators) = sum(evaluation.indicators.iter().map(|i| i.score)) else {
        return;
    };
    let Some(parts) = execution.checked_add(indicators) else {
        return;
    };
    if parts != written {
        ctx.report(Code::ScoreTotalMismatch, FieldPath::key("total_score"))
            .arg("written", written.to_string())
            .arg("sum", parts.to_string())
            .arg(
                "difference",
                crate::score::distance(parts, written)
                    .unwrap_or_default()
                    .to_string(),
            )
            .arg("execution", execution.to_string())
            .arg("indicators", indicators.to_string())
            .emit();
    }
}

fn weights(evaluation: &SelfEvaluation, rules: &Rules, ctx: &mut Context<'_>) {
    if evaluation.indicators.iter().all(|i| i.weight.is_none()) {
        return;
    }
    let execution = evaluation
        .budget_execution
        .weight
        .unwrap_or(rules.execution.default_weight);
    let Some(indicators) = sum(evaluation.indicators.iter().map(|i| i.weight)) else {
        return;
    };
    let Some(total) = execution.checked_add(indicators) else {
        return;
    };
    if total != rules.skeleton.total {
        let fields: Vec<FieldPath> = (0..evaluation.indicators.len())
            .map(|i| FieldPath::indicator(i, "weight"))
            .chain([execution_path("weight")])
            .collect();
        ctx.report(Code::ScoreWeightsNot100, FieldPath::key("total_score"))
            .covering(fields)
            .arg("sum", total.to_string())
            .arg("expected", rules.skeleton.total.to_string())
            .arg("execution", execution.to_string())
            .arg("indicators", indicators.to_string())
            .emit();
    }
}

fn rate(evaluation: &SelfEvaluation, rules: &Rules, ctx: &mut Context<'_>) {
    let e = &evaluation.budget_execution;
    let Some(written) = e.rate else { return };
    let Some(executed) = e.executed else { return };
    let (budget, label) = match (e.adjusted, e.initial) {
        (Some(b), _) => (b, "全年预算数"),
        (None, Some(b)) => (b, "年初预算数"),
        (None, None) => return,
    };
    if budget <= Decimal::ZERO {
        return;
    }
    let Some(exact) = executed
        .checked_div(budget)
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
    else {
        return;
    };
    let shown = exact.round_dp_with_strategy(
        written.scale(),
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    );
    if crate::score::distance(shown, written).is_some_and(|d| d > rules.check.rate_tolerance) {
        ctx.report(Code::ScoreRateMismatch, execution_path("rate"))
            .arg("written", written.to_string())
            .arg("budget_label", label)
            .arg("executed", executed.to_string())
            .arg("budget", budget.to_string())
            .arg("computed", crate::score::round(rules, exact).to_string())
            .emit();
    }
}

fn skeleton(evaluation: &SelfEvaluation, rules: &Rules, ctx: &mut Context<'_>) {
    if evaluation.indicators.iter().all(|i| i.weight.is_none()) {
        return;
    }
    let rows: Vec<(&str, &str, Option<Decimal>)> = evaluation
        .indicators
        .iter()
        .map(|i| (i.level1.as_str(), i.level2.as_str(), i.weight))
        .collect();
    for deviation in crate::score::skeleton_deviations(rules, &rows) {
        let fields: Vec<FieldPath> = deviation
            .rows
            .iter()
            .map(|&i| FieldPath::indicator(i, "weight"))
            .collect();
        let field = fields
            .first()
            .cloned()
            .unwrap_or_else(|| FieldPath::key("indicators"));
        ctx.report(Code::ScoreSkeleton, field)
            .covering(if fields.is_empty() {
                vec![FieldPath::key("indicators")]
            } else {
                fields
            })
            .arg("group", deviation.group)
            .arg("actual", deviation.actual.to_string())
            .arg("expected", deviation.expected.to_string())
            .emit();
    }
    if let Some(w) = evaluation.budget_execution.weight {
        if w != rules.execution.default_weight {
            ctx.report(Code::ScoreSkeleton, execution_path("weight"))
                .arg("group", execution_part())
                .arg("actual", w.to_string())
                .arg("expected", rules.execution.default_weight.to_string())
                .emit();
        }
    }
}

/// The unit a value states, when it states a number with one.
fn unit_of(kind: &ValueKind) -> Option<&str> {
    match kind {
        ValueKind::Comparison(c) => Some(c.unit.trim()),
        ValueKind::Range(r) => Some(r.unit.trim()),
        _ => None,
    }
    .filter(|u| !u.is_empty())
}

fn units(evaluation: &SelfEvaluation, rules: &Rules, ctx: &mut Context<'_>) {
    for (i, row) in evaluation.indicators.iter().enumerate() {
        let (Some(target_unit), Some(actual_unit)) = (
            unit_of(&row.annual_value.kind),
            unit_of(&row.actual_value.kind),
        ) else {
            continue;
        };
        if target_unit == actual_unit {
            continue;
        }
        let scored = crate::score::score_row(
            rules,
            row.weight.or(Some(Decimal::ONE)),
            &row.annual_value,
            &row.actual_value,
            None,
        );
        let converts = !matches!(scored.problem, Some(Unscorable::UnitMismatch { .. }));
        let cat = catalog::catalog();
        let conversion = cat.fragment(
            Code::ScoreUnitMismatch,
            if converts {
                "converts"
            } else {
                "no_conversion"
            },
            &[],
        );
        ctx.report(
            Code::ScoreUnitMismatch,
            FieldPath::indicator(i, "actual_value"),
        )
        // Converted and scored: a note; not convertible (no score): a warning.
        .note_when(converts)
        .arg("part", part(evaluation, i))
        .arg("actual", row.actual_value.text.clone())
        .arg("actual_unit", actual_unit)
        .arg("target", row.annual_value.text.clone())
        .arg("target_unit", target_unit)
        .arg("conversion", conversion)
        .emit();
    }
}

fn spending(evaluation: &SelfEvaluation, card: &Scorecard, ctx: &mut Context<'_>) {
    let limit = rules().check.performance_above_spending;
    let e = &card.execution;
    let Some(execution_score) = e.written.or(e.computed) else {
        return;
    };
    if e.weight <= Decimal::ZERO {
        return;
    }
    let Some(execution_rate) = execution_score.checked_div(e.weight) else {
        return;
    };
    for (i, row) in card.indicators.iter().enumerate() {
        let (Some(weight), Some(score)) = (row.weight, row.written.or(row.score.computed)) else {
            continue;
        };
        if row.score.excluded || weight <= Decimal::ZERO || score <= Decimal::ZERO {
            continue;
        }
        let Some(indicator_rate) = score.checked_div(weight) else {
            continue;
        };
        let Some(gap) = indicator_rate
            .checked_sub(execution_rate)
            .and_then(|d| d.checked_div(indicator_rate))
        else {
            continue;
        };
        if gap > limit {
            let percent = |d: Decimal| {
                d.checked_mul(Decimal::ONE_HUNDRED)
                    .map(|p| crate::score::round(rules(), p).to_string())
                    .unwrap_or_default()
            };
            ctx.report(
                Code::ScorePerformanceAboveSpending,
                FieldPath::indicator(i, "score"),
            )
            .arg("part", part(evaluation, i))
            .arg("indicator_rate", percent(indicator_rate))
            .arg("execution_rate", percent(execution_rate))
            .arg("gap", percent(gap))
            .emit();
        }
    }
}

#[cfg(test)]
#[path = "self_evaluation_tests.rs"]
mod tests;
