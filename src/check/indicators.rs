//! Rule 5: each indicator's name and values.
//!
//! - empty 三级指标 or 年度指标值 → error. An empty 实施周期指标值 is an error only when some other
//!   indicator has one: a form whose period values are all empty gives one value per indicator.
//! - the same 三级指标 twice under one 二级指标 (names compared trimmed, levels normalised) →
//!   warning on the later one.
//! - a value with a sign but no number (`≧ %`, `不少于 家`) → error: its reading is qualitative with
//!   no target, its text has a sign from `[notation]` and no digit, and what is left without the
//!   sign is at most a unit (so `良好以上` or `不低于上年` are not flagged).
//! - numeric 实施周期指标值 and 年度指标值 with different units → warning.
//! - 年度指标值 beyond 实施周期指标值 in the direction of their (same) operator (≥ annual > period,
//!   ≤ annual < period) → warning.
//! - a rate above 100% (in % or 百分比) with ≥, > or = → warning.
//!
//! Values are judged by their structured reading ([`ValueKind`]), not by re-parsing the text.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::labels::{labels, IndicatorColumnLabel};
use crate::model::{FieldPath, Form, Indicator};
use crate::value::{IndicatorValue, Op, ValueKind};

use super::{catalog::catalog, indicator_ref, label, Code, Context};

/// The two value columns.
#[derive(Clone, Copy)]
enum Column {
    Period,
    Annual,
}

impl Column {
    fn key(self) -> &'static str {
        match self {
            Column::Period => "period_value",
            Column::Annual => "annual_value",
        }
    }

    fn of(self, indicator: &Indicator) -> &IndicatorValue {
        match self {
            Column::Period => &indicator.period_value,
            Column::Annual => &indicator.annual_value,
        }
    }
}

fn is_blank(value: &IndicatorValue) -> bool {
    match value.kind {
        ValueKind::Empty => true,
        ValueKind::Qualitative(_) => value.text.trim().is_empty(),
        _ => false,
    }
}

/// The number, unit and operator of a value that has one number, with the unit's multiplier
/// applied (`1万台` → 10000 台).
fn threshold(value: &IndicatorValue) -> Option<(Op, Decimal, &str)> {
    match &value.kind {
        ValueKind::Comparison(c) => Some(match &c.scaled {
            Some(s) => (c.op, s.value, s.unit.as_str()),
            None => (c.op, c.value, c.unit.as_str()),
        }),
        _ => None,
    }
}

/// The unit of a numeric value (comparison or range), after scaling.
fn unit_of(value: &IndicatorValue) -> Option<&str> {
    match &value.kind {
        ValueKind::Comparison(_) => threshold(value).map(|(_, _, unit)| unit),
        ValueKind::Range(r) => Some(r.unit.as_str()),
        _ => None,
    }
}

/// `%`, and 百分比 as the budget system's 计量单位 writes it (`≥ | 100 | 百分比`).
fn is_percent(unit: &str) -> bool {
    matches!(unit.trim(), "%" | "％" | "百分比")
}

/// A sign (`≥`, `不少于`) and no number: see the module documentation.
fn sign_without_number(value: &IndicatorValue) -> bool {
    let ValueKind::Qualitative(q) = &value.kind else {
        return false;
    };
    if !q.targets.is_empty() {
        return false;
    }
    let notation = catalog().notation();
    let has_digit = value
        .text
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || notation.numerals.contains(c));
    if has_digit {
        return false;
    }
    let mut rest = value.text.clone();
    let mut signed = false;
    for sign in &notation.signs {
        if rest.contains(sign.as_str()) {
            signed = true;
            rest = rest.replace(sign.as_str(), "");
        }
    }
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    signed && (rest.is_empty() || notation.units.contains(&rest))
}

pub(super) fn check(form: &Form, ctx: &mut Context) {
    let indicators = &form.indicators;
    let single_value = indicators.iter().all(|i| is_blank(&i.period_value));
    let columns: &[Column] = if single_value {
        &[Column::Annual]
    } else {
        &[Column::Period, Column::Annual]
    };
    let name_label = label(IndicatorColumnLabel::Name);
    let period_label = label(IndicatorColumnLabel::PeriodValue);
    let annual_label = label(IndicatorColumnLabel::AnnualValue);
    let column_label = |column: Column| match column {
        Column::Period => period_label.clone(),
        Column::Annual => annual_label.clone(),
    };

    let mut first_of: HashMap<(String, String, String), usize> = HashMap::new();
    for (index, indicator) in indicators.iter().enumerate() {
        let row = FieldPath::item("indicators", index);
        let name = indicator.name.trim();
        if name.is_empty() {
            ctx.report(Code::IndicatorsEmptyName, row.clone().field("name"))
                .arg("indicator", indicator_ref(form, index))
                .arg("column", name_label.clone())
                .emit();
        } else {
            let key = (
                labels().normalize(&indicator.level1),
                labels().normalize(&indicator.level2),
                name.to_string(),
            );
            match first_of.get(&key) {
                Some(first) => ctx
                    .report(Code::IndicatorsDuplicateName, row.clone().field("name"))
                    .arg("indicator", indicator_ref(form, index))
                    .arg("level2", indicator.level2.trim())
                    .arg(
                        "first",
                        catalog()
                            .common("indicator_numbered", &[("number", (first + 1).to_string())]),
                    )
                    .emit(),
                None => {
                    first_of.insert(key, index);
                }
            }
        }

        for &column in columns {
            let value = column.of(indicator);
            let field = row.clone().field(column.key());
            if is_blank(value) {
                ctx.report(Code::IndicatorsEmptyValue, field)
                    .arg("indicator", indicator_ref(form, index))
                    .arg("column", column_label(column))
                    .emit();
                continue;
            }
            if is_placeholder(&value.text) {
                ctx.report(Code::IndicatorsPlaceholderValue, field)
                    .arg("indicator", indicator_ref(form, index))
                    .arg("column", column_label(column))
                    .arg("text", value.text.trim())
                    .emit();
                continue;
            }
            if sign_without_number(value) {
                ctx.report(Code::IndicatorsSignWithoutNumber, field.clone())
                    .arg("indicator", indicator_ref(form, index))
                    .arg("column", column_label(column))
                    .arg("text", value.text.trim())
                    .emit();
            }
            // `=292%` asks for the rate exactly as much as `≥292%` does (an OCR'd `≥92%` too).
            if let Some((Op::Ge | Op::Gt | Op::Eq, number, unit)) = threshold(value) {
                if is_percent(unit) && number > Decimal::ONE_HUNDRED {
                    ctx.report(Code::IndicatorsRateOver100, field)
                        .arg("indicator", indicator_ref(form, index))
                        .arg("column", column_label(column))
                        .arg("text", value.text.trim())
                        .emit();
                }
            }
        }

        let (period, annual) = (&indicator.period_value, &indicator.annual_value);
        let both = [
            row.clone().field("period_value"),
            row.clone().field("annual_value"),
        ];
        if let (Some(period_unit), Some(annual_unit)) = (unit_of(period), unit_of(annual)) {
            if period_unit.trim() != annual_unit.trim() {
                let shown = |unit: &str| {
                    if unit.trim().is_empty() {
                        catalog().common("no_unit", &[])
                    } else {
                        unit.trim().to_string()
                    }
                };
                ctx.report(Code::IndicatorsUnitMismatch, both[1].clone())
                    .covering(both.clone())
                    .arg("indicator", indicator_ref(form, index))
                    .arg("period_label", period_label.clone())
                    .arg("period_unit", shown(period_unit))
                    .arg("annual_label", annual_label.clone())
                    .arg("annual_unit", shown(annual_unit))
                    .emit();
                continue;
            }
        }
        if let (
            Some((period_op, period_number, period_unit)),
            Some((annual_op, annual_number, annual_unit)),
        ) = (threshold(period), threshold(annual))
        {
            let at_least = |op: Op| matches!(op, Op::Ge | Op::Gt);
            let at_most = |op: Op| matches!(op, Op::Le | Op::Lt);
            let beyond = period_unit.trim() == annual_unit.trim()
                && ((at_least(period_op) && at_least(annual_op) && annual_number > period_number)
                    || (at_most(period_op) && at_most(annual_op) && annual_number < period_number));
            if beyond {
                ctx.report(Code::IndicatorsAnnualBeyondPeriod, both[1].clone())
                    .covering(both)
                    .arg("indicator", indicator_ref(form, index))
                    .arg("annual_label", annual_label.clone())
                    .arg("annual", annual.text.trim())
                    .arg("period_label", period_label.clone())
                    .arg("period", period.text.trim())
                    .emit();
            }
        }
    }
}

/// A template's unfilled value: `**` or `XX` / `××` standing for the number (`≥**人次`, `**人`,
/// `XX`).
fn is_placeholder(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("**")
        || compact.contains("＊＊")
        || compact.contains("××")
        || compact.to_ascii_uppercase().contains("XX")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Comparison, Qualitative};

    fn qualitative(text: &str) -> IndicatorValue {
        IndicatorValue {
            text: text.to_string(),
            kind: ValueKind::Qualitative(Qualitative::default()),
        }
    }

    #[test]
    fn a_sign_with_only_a_unit_has_no_number() {
        for text in ["≧ %", "≥", "不少于 家", "约个", "＞％"] {
            assert!(sign_without_number(&qualitative(text)), "{text}");
        }
        for text in [
            "良好以上",
            "不低于上年",
            "较去年同期下降",
            "≥三个",
            "≥５家",
            "按月安排",
        ] {
            assert!(!sign_without_number(&qualitative(text)), "{text}");
        }
    }

    #[test]
    fn a_numeric_reading_is_never_signless() {
        let value = IndicatorValue {
            text: "≥ %".to_string(),
            kind: ValueKind::Comparison(Comparison {
                op: Op::Ge,
                value: Decimal::new(90, 0),
                unit: "%".into(),
                note: None,
                reference: None,
                scaled: None,
            }),
        };
        assert!(!sign_without_number(&value));
    }
}
