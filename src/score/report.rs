//! The scorecard as `jixiao/score@1` JSON and as Chinese text.

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::engine::{ExecutionScore, RowScore, Unscorable};
use super::rules::Rules;
use super::{IndicatorScore, Scorecard};
use crate::model::FieldPath;

/// The `format` tag of the JSON.
pub const FORMAT: &str = "jixiao/score@1";

/// A decimal as a JSON string, or null.
fn dec(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, |d| Value::String(d.to_string()))
}

/// One unscorable part's diagnostic: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// `execution` or `indicators[3]`.
    pub field: String,
    pub cell: Option<crate::model::CellRef>,
    /// `blank_actual`, `unit_mismatch`, ….
    pub reason: &'static str,
    pub message: String,
}

/// The reason in words.
pub fn reason_text(rules: &Rules, problem: &Unscorable, row: Option<&IndicatorScore>) -> String {
    let (target, actual) = row.map_or(("", ""), |r| (r.target.as_str(), r.actual.as_str()));
    let args = match problem {
        Unscorable::UnitMismatch {
            target: target_unit,
            actual: actual_unit,
        } => vec![
            ("target_unit", target_unit.clone()),
            ("actual_unit", actual_unit.clone()),
        ],
        _ => vec![
            ("target", target.to_string()),
            ("actual", actual.to_string()),
        ],
    };
    let prefix = if row.is_some() { "" } else { "execution." };
    rules.text(&format!("{prefix}reason.{}", problem.key()), &args)
}

/// `产出指标/数量指标/…` for a row.
pub fn row_label(rules: &Rules, row: &IndicatorScore) -> String {
    rules.text(
        "row",
        &[
            ("level1", row.level1.clone()),
            ("level2", row.level2.clone()),
            ("name", row.name.clone()),
        ],
    )
}

/// The diagnostics of rule 9: one per part that could not be scored.
pub fn notes(rules: &Rules, card: &Scorecard) -> Vec<Note> {
    let mut out = Vec::new();
    if let Some(problem) = &card.execution.problem {
        let reason = reason_text(rules, problem, None);
        let message = match card.execution.written {
            Some(w) => rules.text(
                "execution_unscorable",
                &[("reason", reason), ("written", w.to_string())],
            ),
            None => rules.text("execution_unscorable_unwritten", &[("reason", reason)]),
        };
        out.push(Note {
            field: "execution".to_string(),
            cell: card.execution_cell.clone(),
            reason: problem.key(),
            message,
        });
    }
    for (i, row) in card.indicators.iter().enumerate() {
        let Some(problem) = &row.score.problem else {
            continue;
        };
        let reason = reason_text(rules, problem, Some(row));
        let label = row_label(rules, row);
        let message = match row.written {
            Some(w) => rules.text(
                "unscorable",
                &[
                    ("row", label),
                    ("reason", reason),
                    ("written", w.to_string()),
                ],
            ),
            None => rules.text(
                "unscorable_unwritten",
                &[("row", label), ("reason", reason)],
            ),
        };
        out.push(Note {
            field: FieldPath::item("indicators", i).to_string(),
            cell: row.cell.clone(),
            reason: problem.key(),
            message,
        });
    }
    out
}

fn execution_json(execution: &ExecutionScore, card: &Scorecard) -> Value {
    json!({
        "weight": execution.weight.to_string(),
        "rate": dec(execution.rate),
        "computed": dec(execution.computed),
        "written": dec(execution.written),
        "cell": card.execution_cell.as_ref().map(ToString::to_string),
    })
}

/// The scorecard as the `jixiao/score@1` object; `file` is added when given.
pub fn to_json_value(rules: &Rules, card: &Scorecard, file: Option<&str>) -> Value {
    let indicators: Vec<Value> = card
        .indicators
        .iter()
        .map(|row| {
            json!({
                "level1": row.level1,
                "level2": row.level2,
                "name": row.name,
                "weight": dec(row.weight),
                "target": row.target,
                "actual": row.actual,
                "rule": row.score.rule.key(),
                "computed": dec(row.score.computed),
                "band": row.score.band.as_ref().map_or(Value::Null, |b| json!({
                    "grade": b.grade,
                    "min": b.min.to_string(),
                    "max": b.max.to_string(),
                    "max_included": b.max_included,
                })),
                "written": dec(row.written),
                "excluded": row.score.excluded,
                "reason": row.score.problem.as_ref().map(Unscorable::key),
                "cell": row.cell.as_ref().map(ToString::to_string),
            })
        })
        .collect();
    let diagnostics: Vec<Value> = notes(rules, card)
        .into_iter()
        .map(|n| {
            json!({
                "field": n.field,
                "cell": n.cell.as_ref().map(ToString::to_string),
                "reason": n.reason,
                "message": n.message,
            })
        })
        .collect();
    let mut object = serde_json::Map::new();
    object.insert("format".to_string(), Value::String(FORMAT.to_string()));
    if let Some(file) = file {
        object.insert("file".to_string(), Value::String(file.to_string()));
    }
    object.insert(
        "execution".to_string(),
        execution_json(&card.execution, card),
    );
    object.insert("indicators".to_string(), Value::Array(indicators));
    object.insert(
        "total".to_string(),
        json!({
            "computed": dec(card.total.computed),
            "written": dec(card.total.written),
            "weight": card.total.weight.to_string(),
            "excluded_weight": card.total.excluded_weight.to_string(),
            "incomplete": card.total.incomplete,
            "cell": card.total.cell.as_ref().map(ToString::to_string),
        }),
    );
    object.insert(
        "grade".to_string(),
        json!({"computed": card.grade.computed, "written": card.grade.written}),
    );
    object.insert("diagnostics".to_string(), Value::Array(diagnostics));
    Value::Object(object)
}

/// Pretty JSON of one scorecard, or an array of them (each with its `file`) for several files.
pub fn json(rules: &Rules, cards: &[(String, Scorecard)]) -> String {
    let value = match cards {
        [(_, card)] => to_json_value(rules, card, None),
        many => Value::Array(
            many.iter()
                .map(|(file, card)| to_json_value(rules, card, Some(file)))
                .collect(),
        ),
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// `  ≠ 相差 1.00` when both figures are there and differ by more than the tolerance.
fn mark(rules: &Rules, computed: Option<Decimal>, written: Option<Decimal>) -> String {
    match (computed, written) {
        (Some(c), Some(w)) => match super::distance(c, w) {
            Some(d) if d > rules.check.score_tolerance => {
                rules.text("differs", &[("difference", d.to_string())])
            }
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// The rule that scored a row, with its band when one applied (`规则2（良 [80, 90)）`).
pub(crate) fn rule_text(rules: &Rules, score: &RowScore) -> String {
    let mut rule = rules.text(&format!("rule.{}", score.rule.key()), &[]);
    if let Some(band) = &score.band {
        rule.push_str(&rules.text(
            "band",
            &[
                ("grade", band.grade.clone()),
                ("min", band.min.to_string()),
                ("max", band.max.to_string()),
                (
                    "close",
                    if band.max_included { "]" } else { ")" }.to_string(),
                ),
            ],
        ));
    }
    rule
}

fn shown(rules: &Rules, value: Option<Decimal>) -> String {
    value.map_or_else(|| rules.text("none", &[]), |d| d.to_string())
}

/// The scorecard in Chinese, one line per part, differences marked with ≠.
pub fn human(rules: &Rules, file: &str, card: &Scorecard) -> String {
    let mut out = rules.text("heading", &[("file", file.to_string())]);
    out.push('\n');
    let e = &card.execution;
    out.push_str(
        &rules.text(
            "execution_line",
            &[
                ("weight", e.weight.to_string()),
                (
                    "rate",
                    e.rate
                        .map_or_else(|| rules.text("none", &[]), |r| format!("{r}%")),
                ),
                ("computed", shown(rules, e.computed)),
                ("written", shown(rules, e.written)),
                ("mark", mark(rules, e.computed, e.written)),
            ],
        ),
    );
    out.push('\n');
    for row in &card.indicators {
        let rule = rule_text(rules, &row.score);
        let computed = if row.score.excluded {
            rules.text("excluded", &[])
        } else {
            shown(rules, row.score.computed)
        };
        out.push_str("  ");
        out.push_str(
            &rules.text(
                "indicator_line",
                &[
                    (
                        "cell",
                        row.cell
                            .as_ref()
                            .map_or(String::new(), |c| format!("[{c}] ")),
                    ),
                    ("row", row_label(rules, row)),
                    ("weight", shown(rules, row.weight)),
                    ("target", row.target.clone()),
                    ("actual", row.actual.clone()),
                    ("rule", rule),
                    ("computed", computed),
                    ("written", shown(rules, row.written)),
                    ("mark", mark(rules, row.score.computed, row.written)),
                ],
            ),
        );
        out.push('\n');
    }
    let t = &card.total;
    out.push_str(&rules.text(
        "total_line",
        &[
            ("computed", shown(rules, t.computed)),
            ("written", shown(rules, t.written)),
            ("mark", mark(rules, t.computed, t.written)),
            ("weight", t.weight.to_string()),
            ("excluded", t.excluded_weight.to_string()),
        ],
    ));
    out.push('\n');
    let grade_mark = match (&card.grade.computed, &card.grade.written) {
        (Some(c), Some(w)) if c != w => " ≠".to_string(),
        _ => String::new(),
    };
    let none = rules.text("none", &[]);
    out.push_str(&rules.text(
        "grade_line",
        &[
            (
                "computed",
                card.grade.computed.clone().unwrap_or(none.clone()),
            ),
            ("written", card.grade.written.clone().unwrap_or(none)),
            ("mark", grade_mark),
        ],
    ));
    out.push('\n');
    if t.incomplete {
        out.push_str(&rules.text("incomplete", &[]));
        out.push('\n');
    }
    for note in notes(rules, card) {
        match &note.cell {
            Some(cell) => out.push_str(&format!("  {cell}: {}\n", note.message)),
            None => out.push_str(&format!("  {}: {}\n", note.field, note.message)),
        }
    }
    out
}
