//! The per-row rules 1–9 and the budget-execution score, in exact decimals.
//!
//! Every computed score lies in [0, w]: ratios are clamped, and a rounded score that would pass
//! its weight (a weight with more decimals than the scores have) is cut to the weight.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::rules::{Edge, QualitativeBand, Rules};
use crate::value::{Comparison, IndicatorValue, Op, Scaled, ValueKind};

/// Which rule scored a row (the README numbers them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// 1: T or A 不适用.
    NotApplicable,
    /// 2: `>=` / `>`.
    AtLeast,
    /// 3: `<=` / `<`.
    AtMost,
    /// 4: `=`.
    Equal,
    /// 5: `~`.
    About,
    /// 6: [min, max].
    Range,
    /// 7: a deadline.
    Deadline,
    /// 8: a grade word.
    Qualitative,
    /// 9: anything else.
    Unscorable,
}

impl Rule {
    /// In the README's order (rule 1 first).
    pub const ALL: [Rule; 9] = [
        Rule::NotApplicable,
        Rule::AtLeast,
        Rule::AtMost,
        Rule::Equal,
        Rule::About,
        Rule::Range,
        Rule::Deadline,
        Rule::Qualitative,
        Rule::Unscorable,
    ];

    /// The stable name used in the JSON.
    pub fn key(self) -> &'static str {
        match self {
            Rule::NotApplicable => "not_applicable",
            Rule::AtLeast => "at_least",
            Rule::AtMost => "at_most",
            Rule::Equal => "equal",
            Rule::About => "about",
            Rule::Range => "range",
            Rule::Deadline => "deadline",
            Rule::Qualitative => "qualitative",
            Rule::Unscorable => "unscorable",
        }
    }

    /// The rule's number in the README.
    pub fn number(self) -> u8 {
        match self {
            Rule::NotApplicable => 1,
            Rule::AtLeast => 2,
            Rule::AtMost => 3,
            Rule::Equal => 4,
            Rule::About => 5,
            Rule::Range => 6,
            Rule::Deadline => 7,
            Rule::Qualitative => 8,
            Rule::Unscorable => 9,
        }
    }
}

/// Why a row could not be scored (rule 9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unscorable {
    /// 实际完成值 is blank.
    BlankActual,
    /// 年度指标值 is blank.
    BlankTarget,
    /// 分值 is blank or negative.
    NoWeight,
    /// A qualitative target with an actual that is not a grade word, or free text against a number.
    FreeText,
    /// T and A are in units that do not convert.
    UnitMismatch {
        /// The target's unit.
        target: String,
        /// The actual value's unit.
        actual: String,
    },
    /// T and A are of kinds no rule compares (a date against a number, a period target).
    NotComparable,
    /// The figures are too large to compute with exactly.
    TooLarge,
}

impl Unscorable {
    /// The stable name used in the JSON and as the text key.
    pub fn key(&self) -> &'static str {
        match self {
            Unscorable::BlankActual => "blank_actual",
            Unscorable::BlankTarget => "blank_target",
            Unscorable::NoWeight => "no_weight",
            Unscorable::FreeText => "free_text",
            Unscorable::UnitMismatch { .. } => "unit_mismatch",
            Unscorable::NotComparable => "not_comparable",
            Unscorable::TooLarge => "too_large",
        }
    }
}

/// The qualitative band a row's score must lie in, in points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Band {
    /// 达成 / 部分达成 / 未达成.
    pub grade: String,
    /// Lowest score in the band.
    #[serde(with = "crate::decimal::str_decimal")]
    pub min: Decimal,
    /// Highest score of the band (in it when `max_included`).
    #[serde(with = "crate::decimal::str_decimal")]
    pub max: Decimal,
    /// Whether `max` itself is in the band.
    pub max_included: bool,
}

impl Band {
    /// Whether `score` lies in the band.
    pub fn contains(&self, score: Decimal) -> bool {
        score >= self.min && (score < self.max || (self.max_included && score == self.max))
    }
}

/// What the rules make of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowScore {
    /// The rule that applied.
    pub rule: Rule,
    /// `None` for excluded and unscorable rows.
    pub computed: Option<Decimal>,
    /// Rule 8's band.
    pub band: Option<Band>,
    /// Rule 1: the row's 分值 counts in `excluded_weight`.
    pub excluded: bool,
    /// Rule 9's reason.
    pub problem: Option<Unscorable>,
}

impl RowScore {
    fn scored(rule: Rule, score: Decimal) -> Self {
        RowScore {
            rule,
            computed: Some(score),
            band: None,
            excluded: false,
            problem: None,
        }
    }

    fn unscorable(problem: Unscorable) -> Self {
        RowScore {
            rule: Rule::Unscorable,
            computed: None,
            band: None,
            excluded: false,
            problem: Some(problem),
        }
    }
}

/// Rounds half-up (0.005 → 0.01) to the rules' decimals. Scores are never negative, so "away from
/// zero" is "up".
pub fn round(rules: &Rules, value: Decimal) -> Decimal {
    shown(
        rules,
        value.round_dp_with_strategy(rules.decimals, RoundingStrategy::MidpointAwayFromZero),
    )
}

/// `value` written with exactly the rules' decimals (`10` → `10.00`), as the scores are shown.
fn shown(rules: &Rules, mut value: Decimal) -> Decimal {
    value.rescale(rules.decimals);
    value
}

/// The largest score on the rounding grid not above `weight`.
pub fn cap_of(rules: &Rules, weight: Decimal) -> Decimal {
    shown(
        rules,
        weight
            .max(Decimal::ZERO)
            .round_dp_with_strategy(rules.decimals, RoundingStrategy::ToZero),
    )
}

/// `value` rounded and kept in [0, the cap of `weight`].
pub fn round_within(rules: &Rules, value: Decimal, weight: Decimal) -> Decimal {
    let cap = cap_of(rules, weight);
    let rounded = round(rules, value);
    if rounded > cap {
        cap
    } else if rounded < Decimal::ZERO {
        shown(rules, Decimal::ZERO)
    } else {
        rounded
    }
}

/// |a − b|, or `None` when it does not fit a decimal (only absurd figures; a finding is then
/// skipped rather than a panic).
pub fn distance(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_sub(b).map(|d| d.abs())
}

/// One unit of the last decimal: 0.01.
fn step(rules: &Rules) -> Decimal {
    Decimal::new(1, rules.decimals)
}

/// Scores one indicator row: 分值 `weight`, 年度指标值 `target`, 实际完成值 `actual`, the 得分
/// written on the form (used by rule 8 only).
pub fn score_row(
    rules: &Rules,
    weight: Option<Decimal>,
    target: &IndicatorValue,
    actual: &IndicatorValue,
    written: Option<Decimal>,
) -> RowScore {
    if matches!(target.kind, ValueKind::NotApplicable)
        || matches!(actual.kind, ValueKind::NotApplicable)
    {
        return RowScore {
            rule: Rule::NotApplicable,
            computed: None,
            band: None,
            excluded: true,
            problem: None,
        };
    }
    let w = match weight {
        Some(w) if w >= Decimal::ZERO => w,
        _ => return RowScore::unscorable(Unscorable::NoWeight),
    };
    if let Some(band) = rules.grade_of(&actual.text) {
        return qualitative(rules, w, band, written);
    }
    if matches!(actual.kind, ValueKind::Empty) {
        return RowScore::unscorable(Unscorable::BlankActual);
    }
    let result = match &target.kind {
        ValueKind::Empty => Err(Unscorable::BlankTarget),
        ValueKind::Comparison(t) => comparison(rules, w, t, actual),
        ValueKind::Range(r) => range_row(rules, w, r, actual),
        ValueKind::Deadline(d) => match &actual.kind {
            ValueKind::Deadline(a) => Ok((
                Rule::Deadline,
                if on_or_before(&a.date, &d.date) {
                    w
                } else {
                    Decimal::ZERO
                },
            )),
            _ => Err(not_a_number(actual)),
        },
        ValueKind::Qualitative(_) => Err(Unscorable::FreeText),
        ValueKind::Period(_) => Err(Unscorable::NotComparable),
        // Rule 1 returned above.
        ValueKind::NotApplicable => Err(Unscorable::NotComparable),
    };
    match result {
        Ok((rule, raw)) => RowScore::scored(rule, round_within(rules, raw, w)),
        Err(problem) => RowScore::unscorable(problem),
    }
}

/// Why an actual that should be a number is not one.
fn not_a_number(actual: &IndicatorValue) -> Unscorable {
    match actual.kind {
        ValueKind::Qualitative(_) => Unscorable::FreeText,
        _ => Unscorable::NotComparable,
    }
}

/// The number an actual states, whatever its sign (`≥95%` as an actual is 95 %).
fn number_of(actual: &IndicatorValue) -> Option<&Comparison> {
    match &actual.kind {
        ValueKind::Comparison(c) => Some(c),
        _ => None,
    }
}

fn comparison(
    rules: &Rules,
    w: Decimal,
    t: &Comparison,
    actual: &IndicatorValue,
) -> Result<(Rule, Decimal), Unscorable> {
    let a = number_of(actual).ok_or_else(|| not_a_number(actual))?;
    let (t_value, a_value) = aligned(
        rules,
        (t.value, &t.unit, t.scaled.as_ref()),
        (a.value, &a.unit, a.scaled.as_ref()),
    )?;
    match t.op {
        Op::Ge | Op::Gt => at_least(w, t_value, a_value).map(|s| (Rule::AtLeast, s)),
        Op::Le | Op::Lt => at_most(w, t_value, a_value).map(|s| (Rule::AtMost, s)),
        Op::Eq => equal(w, t_value, a_value).map(|s| (Rule::Equal, s)),
        Op::About => {
            let off = (a_value.checked_sub(t_value).ok_or(Unscorable::TooLarge)?).abs();
            let allowed = rules
                .about_tolerance
                .checked_mul(t_value.abs())
                .ok_or(Unscorable::TooLarge)?;
            if off <= allowed {
                Ok((Rule::About, w))
            } else {
                equal(w, t_value, a_value).map(|s| (Rule::About, s))
            }
        }
    }
}

/// T and A in one unit: equal units, a bare number (when the rules allow), or units that convert
/// to one base (万元 → 元, 百分比 → %, 万台 → 台 through the value's own multiplier).
fn aligned(
    rules: &Rules,
    target: (Decimal, &str, Option<&Scaled>),
    actual: (Decimal, &str, Option<&Scaled>),
) -> Result<(Decimal, Decimal), Unscorable> {
    let (t_unit, a_unit) = (target.1.trim(), actual.1.trim());
    if t_unit == a_unit
        || (rules.bare_number_takes_other_unit && (t_unit.is_empty() || a_unit.is_empty()))
    {
        return Ok((target.0, actual.0));
    }
    let base = |(value, unit, scaled): (Decimal, &str, Option<&Scaled>)| {
        let (v, u) = rules
            .to_base(value, unit.trim())
            .ok_or(Unscorable::TooLarge)?;
        if u == unit.trim() {
            if let Some(s) = scaled {
                return rules
                    .to_base(s.value, s.unit.trim())
                    .ok_or(Unscorable::TooLarge);
            }
        }
        Ok((v, u))
    };
    let (t_value, t_base) = base(target)?;
    let (a_value, a_base) = base(actual)?;
    if t_base == a_base {
        Ok((t_value, a_value))
    } else {
        Err(Unscorable::UnitMismatch {
            target: t_unit.to_string(),
            actual: a_unit.to_string(),
        })
    }
}

/// `w × num / den`, checked.
fn share(w: Decimal, num: Decimal, den: Decimal) -> Result<Decimal, Unscorable> {
    if den.is_zero() {
        return Ok(Decimal::ZERO);
    }
    w.checked_mul(num)
        .and_then(|x| x.checked_div(den))
        .ok_or(Unscorable::TooLarge)
}

/// Rule 2: w if A ≥ T, else w × A / T.
fn at_least(w: Decimal, t: Decimal, a: Decimal) -> Result<Decimal, Unscorable> {
    if a >= t {
        Ok(w)
    } else if t <= Decimal::ZERO {
        // Below a target of zero or less: no ratio means anything.
        Ok(Decimal::ZERO)
    } else {
        share(w, a, t)
    }
}

/// Rule 3: w if A ≤ T, else w × T / A.
fn at_most(w: Decimal, t: Decimal, a: Decimal) -> Result<Decimal, Unscorable> {
    if a <= t {
        Ok(w)
    } else {
        share(w, t, a)
    }
}

/// Rule 4: w if A = T, else w × min(A/T, T/A).
fn equal(w: Decimal, t: Decimal, a: Decimal) -> Result<Decimal, Unscorable> {
    if a == t {
        return Ok(w);
    }
    if t.is_zero() || a.is_zero() {
        return Ok(Decimal::ZERO);
    }
    Ok(share(w, a, t)?.min(share(w, t, a)?))
}

fn range_row(
    rules: &Rules,
    w: Decimal,
    r: &crate::value::Range,
    actual: &IndicatorValue,
) -> Result<(Rule, Decimal), Unscorable> {
    let a = number_of(actual).ok_or_else(|| not_a_number(actual))?;
    let actual_side = (a.value, a.unit.as_str(), a.scaled.as_ref());
    let (min, a_value) = aligned(rules, (r.min, &r.unit, None), actual_side)?;
    let (max, _) = aligned(rules, (r.max, &r.unit, None), actual_side)?;
    range(w, min.min(max), min.max(max), a_value).map(|s| (Rule::Range, s))
}

/// Rule 6: w inside [min, max]; below w × A / min; above w × max / A.
fn range(w: Decimal, min: Decimal, max: Decimal, a: Decimal) -> Result<Decimal, Unscorable> {
    if a < min {
        if min <= Decimal::ZERO {
            Ok(Decimal::ZERO)
        } else {
            share(w, a, min)
        }
    } else if a > max {
        share(w, max, a)
    } else {
        Ok(w)
    }
}

/// Rule 7: whether the actual date is on or before the deadline. Dates are ISO (`2024-12-31`);
/// when either has no year (`--06-30`), month and day are compared, as within one budget year.
fn on_or_before(actual: &str, deadline: &str) -> bool {
    let month_day =
        |d: &str| -> String { d.get(d.len().saturating_sub(5)..).unwrap_or(d).to_string() };
    if actual.starts_with("--") || deadline.starts_with("--") {
        month_day(actual) <= month_day(deadline)
    } else {
        actual <= deadline
    }
}

/// Rule 8: the band of the grade word; the written score clamped into it, or its default edge.
fn qualitative(
    rules: &Rules,
    w: Decimal,
    grade: &QualitativeBand,
    written: Option<Decimal>,
) -> RowScore {
    let edge = |fraction: Decimal| fraction.checked_mul(w).map(|x| round_within(rules, x, w));
    let (Some(min), Some(max)) = (edge(grade.min), edge(grade.max)) else {
        return RowScore::unscorable(Unscorable::TooLarge);
    };
    let band = Band {
        grade: grade.grade.clone(),
        min,
        max,
        max_included: grade.max_included,
    };
    // The highest score inside a band whose top is excluded.
    let top = if grade.max_included {
        max
    } else {
        (max - step(rules)).max(min)
    };
    let computed = match written {
        Some(score) => {
            let score = round(rules, score);
            if score < min {
                min
            } else if score > top {
                top
            } else {
                score
            }
        }
        None => match grade.unwritten {
            Edge::Max => top,
            Edge::Min => min,
        },
    };
    RowScore {
        rule: Rule::Qualitative,
        computed: Some(computed),
        band: Some(band),
        excluded: false,
        problem: None,
    }
}

/// The figures of the budget-execution block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExecutionInput {
    /// The form's 分值 for execution; the rules' default when `None`.
    pub weight: Option<Decimal>,
    /// 年初预算数.
    pub initial: Option<Decimal>,
    /// 全年预算数 (调整后预算数).
    pub adjusted: Option<Decimal>,
    /// 全年执行数.
    pub executed: Option<Decimal>,
    /// The 得分 written for it.
    pub written: Option<Decimal>,
}

/// The budget-execution score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutionScore {
    /// 分值 of the budget execution.
    pub weight: Decimal,
    /// 执行数 / 预算数 as a percentage, rounded to the rules' decimals.
    pub rate: Option<Decimal>,
    /// The exact fraction, for the check's comparison with the written rate.
    pub exact_rate: Option<Decimal>,
    /// w_e × min(rate, 1); `None` when unscorable.
    pub computed: Option<Decimal>,
    /// 得分 as written on the form.
    pub written: Option<Decimal>,
    /// Whether the 年初预算数 stood in for a missing 全年预算数.
    pub used_initial: bool,
    /// Why it could not be scored, when it could not.
    pub problem: Option<Unscorable>,
}

/// Execution: rate = 执行数 / 预算数 (调整后, else 年初); score = w_e × min(rate, 1).
pub fn score_execution(rules: &Rules, input: &ExecutionInput) -> ExecutionScore {
    let weight = input
        .weight
        .filter(|w| *w >= Decimal::ZERO)
        .unwrap_or(rules.execution.default_weight);
    let (budget, used_initial) = match (input.adjusted, input.initial) {
        (Some(adjusted), _) => (Some(adjusted), false),
        (None, initial) => (initial, initial.is_some()),
    };
    let mut out = ExecutionScore {
        weight,
        rate: None,
        exact_rate: None,
        computed: None,
        written: input.written,
        used_initial,
        problem: None,
    };
    let (Some(budget), Some(executed)) = (budget, input.executed) else {
        out.problem = Some(Unscorable::BlankActual);
        return out;
    };
    if budget <= Decimal::ZERO {
        out.problem = Some(Unscorable::NotComparable);
        return out;
    }
    let Some(rate) = executed.checked_div(budget) else {
        out.problem = Some(Unscorable::TooLarge);
        return out;
    };
    out.exact_rate = Some(rate);
    out.rate = rate
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|percent| round(rules, percent));
    let clamped = rate.max(Decimal::ZERO).min(Decimal::ONE);
    match weight.checked_mul(clamped) {
        Some(score) => out.computed = Some(round_within(rules, score, weight)),
        None => out.problem = Some(Unscorable::TooLarge),
    }
    out
}
