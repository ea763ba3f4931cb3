//! Rules of the project form (jixiao/project-form@1): its money adds up in the unit it states,
//! money-valued indicators agree with that unit, 时效 deadlines fall within the project, 成本
//! targets are ceilings, and the three 一级指标 are present.

use rust_decimal::Decimal;

use crate::model::{FieldPath, ProjectForm};
use crate::value::{Op, ValueKind};

use super::{distance, exact_sum, format_money, Code, Context};

/// The 一级指标 every project form has (财政部 项目支出绩效目标 framework).
const REQUIRED_LEVEL1: [&str; 3] = ["产出指标", "效益指标", "满意度指标"];

pub(super) fn check(form: &ProjectForm, ctx: &mut Context) {
    if form.project.name.trim().is_empty() {
        ctx.report(
            Code::ProjectRequiredName,
            FieldPath::key("project").field("name"),
        )
        .emit();
    }
    funds(form, ctx);
    indicators(form, ctx);
}

fn funds(form: &ProjectForm, ctx: &mut Context) {
    let funds = &form.funds;
    let unit = funds.unit.as_str();
    let path = FieldPath::key("funds");
    let parts: Vec<(&str, &'static str, Decimal)> = [
        ("财政拨款", "fiscal", funds.fiscal),
        ("其他资金", "other", funds.other),
        ("上年结转", "carryover", funds.carryover),
    ]
    .into_iter()
    .filter_map(|(label, key, value)| value.map(|v| (label, key, v)))
    .collect();
    if let (Some(total), false) = (funds.total, parts.is_empty()) {
        if let Some(sum) = exact_sum(parts.iter().map(|p| p.2)) {
            if sum != total {
                let terms = parts
                    .iter()
                    .map(|(label, _, v)| format!("{label} {}", format_money(*v)))
                    .collect::<Vec<_>>()
                    .join(" + ");
                let names: Vec<&str> = parts.iter().map(|p| p.0).collect();
                ctx.report(Code::ProjectFundsMismatch, path.clone().field("total"))
                    .covering(
                        std::iter::once(path.clone().field("total"))
                            .chain(parts.iter().map(|p| path.clone().field(p.1))),
                    )
                    .arg("total", format_money(total))
                    .arg("sum", format_money(sum))
                    .arg(
                        "difference",
                        format_money(distance(total, sum).unwrap_or_default()),
                    )
                    .arg("parts_label", names.join(" + "))
                    .arg("terms", terms)
                    .arg("unit", unit)
                    .emit();
            }
        }
    }
    let items: Vec<Decimal> = funds.items.iter().filter_map(|i| i.amount).collect();
    if let (Some(total), false) = (funds.total, items.is_empty()) {
        if let Some(sum) = exact_sum(items.iter().copied()) {
            if sum != total {
                let terms = funds
                    .items
                    .iter()
                    .filter_map(|i| i.amount.map(|a| format!("{} {}", i.label, format_money(a))))
                    .collect::<Vec<_>>()
                    .join(" + ");
                ctx.report(Code::ProjectItemsMismatch, path.clone().field("total"))
                    .covering([path.clone().field("total"), path.clone().field("items")])
                    .arg("total", format_money(total))
                    .arg("sum", format_money(sum))
                    .arg(
                        "difference",
                        format_money(distance(total, sum).unwrap_or_default()),
                    )
                    .arg("terms", terms)
                    .arg("unit", unit)
                    .emit();
            }
        }
    }
}

/// An amount in 元 or 万元 converted to `unit`.
fn in_unit(value: Decimal, from: &str, unit: &str) -> Option<Decimal> {
    let ten_thousand = Decimal::from(10_000);
    match (from, unit) {
        ("元", "元") | ("万元", "万元") => Some(value),
        ("万元", "元") => value.checked_mul(ten_thousand),
        ("元", "万元") => value.checked_div(ten_thousand),
        _ => None,
    }
}

fn indicators(form: &ProjectForm, ctx: &mut Context) {
    let end = project_end(&form.project.period);
    let cat = super::catalog::catalog();
    for (index, indicator) in form.indicators.iter().enumerate() {
        let field = FieldPath::indicator(index, "annual_value");
        let name = cat.common(
            "indicator_named",
            &[("name", indicator.name.trim().to_string())],
        );
        let text = indicator.annual_value.text.trim().to_string();
        match &indicator.annual_value.kind {
            ValueKind::Comparison(c) => {
                if indicator.level2.contains("成本") && matches!(c.op, Op::Ge | Op::Gt) {
                    ctx.report(Code::ProjectCostWithGe, field.clone())
                        .arg("indicator", name.clone())
                        .arg("text", text.clone())
                        .emit();
                }
                if let (Some(total), Some(converted)) = (
                    form.funds.total,
                    in_unit(c.value, c.unit.trim(), &form.funds.unit),
                ) {
                    if converted > total && total > Decimal::ZERO {
                        ctx.report(Code::ProjectUnitMismatch, field.clone())
                            .arg("indicator", name.clone())
                            .arg("text", text.clone())
                            .arg("converted", format_money(converted))
                            .arg("total", format_money(total))
                            .arg("unit", form.funds.unit.clone())
                            .emit();
                    }
                }
            }
            ValueKind::Deadline(d) if !d.year_unknown => {
                if let Some(end) = &end {
                    // Both as precise as written: compare the common prefix (2024-06 vs 2024).
                    let n = d.date.len().min(end.len());
                    if d.date[..n] > end[..n] {
                        ctx.report(Code::ProjectDeadlineAfterEnd, field.clone())
                            .arg("indicator", name.clone())
                            .arg("text", text.clone())
                            .arg("end", end.clone())
                            .emit();
                    }
                }
            }
            _ => {}
        }
    }
    if !form.indicators.is_empty() {
        let l = crate::labels::labels();
        for level1 in REQUIRED_LEVEL1 {
            let wanted = l.normalize(level1);
            if !form
                .indicators
                .iter()
                .any(|i| l.normalize(&i.level1) == wanted)
            {
                ctx.report(Code::ProjectMissingLevel1, FieldPath::key("indicators"))
                    .arg("level1", level1)
                    .emit();
            }
        }
    }
}

/// The project's end as written in 项目起止时间 (`2023.01-2024.12` → `2024-12`).
fn project_end(period: &str) -> Option<String> {
    match crate::value::parse(period).kind {
        ValueKind::Period(p) => Some(p.end),
        _ => None,
    }
}
