//! Rule 6 (and rule 2's negative money): every amount — the eight budget figures and each task's
//! 拟投入的资金 — is non-negative and has at most two decimals.
//!
//! A figure with more decimals is float noise when it is within 10⁻⁹ of a two-decimal number
//! (`14737.749999999998`, a formula result stored as a binary float): `money.float_noise`;
//! otherwise `money.too_many_decimals`. Trailing zeros do not count (`14737.750` is fine). Both
//! hints give the value rounded to two decimals.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::labels::KeyTaskColumnLabel;
use crate::model::{BudgetField, FieldPath, Form};

use super::{budget_field, distance, format_money, task_field, Code, Context};

/// How close to a two-decimal number a value must be to count as float noise.
fn noise_tolerance() -> Decimal {
    Decimal::new(1, 9)
}

fn check_amount(ctx: &mut Context, field: FieldPath, label: String, value: Decimal) {
    if value.is_sign_negative() && !value.is_zero() {
        ctx.report(Code::MoneyNegative, field.clone())
            .arg("label", label.clone())
            .arg("value", format_money(value))
            .emit();
    }
    if value.normalize().scale() <= 2 {
        return;
    }
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    let code = if distance(value, rounded).is_some_and(|d| d < noise_tolerance()) {
        Code::MoneyFloatNoise
    } else {
        Code::MoneyTooManyDecimals
    };
    ctx.report(code, field)
        .arg("label", label)
        .arg("value", value.to_string())
        .arg("rounded", rounded.to_string())
        .emit();
}

pub(super) fn check(form: &Form, ctx: &mut Context) {
    for field in BudgetField::ALL {
        if let Some(value) = form.budget.get(field) {
            check_amount(ctx, field.field_path(), budget_field(field), value);
        }
    }
    for (index, task) in form.key_tasks.iter().enumerate() {
        if let Some(value) = task.funds {
            check_amount(
                ctx,
                FieldPath::key_task(index, "funds"),
                task_field(form, index, KeyTaskColumnLabel::Funds),
                value,
            );
        }
    }
}
