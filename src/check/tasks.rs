//! Rule 2: the key tasks' funds against the budget.
//!
//! The sum of 拟投入的资金 should equal 项目支出 + 事业发展性支出 (事业发展性支出 = 财政专项资金 +
//! 其他事业发展性支出; blank figures count as 0): a warning when not, since a department may fund
//! tasks from other lines too. A task without funds is a warning; the sum then covers the tasks
//! that have them and the hint says how many do not. Rows that are entirely blank are ignored.
//! Negative amounts are rule 6's (`money.negative`).

use crate::labels::{BudgetHeaderLabel, BudgetLabel, KeyTaskColumnLabel, SectionLabel};
use crate::model::{BudgetField, FieldPath, Form, KeyTask};

use super::{
    catalog::catalog, distance, exact_sum, format_money, label, task_field, task_is_blank, Code,
    Context,
};

/// The budget lines the key tasks are funded from.
const FUNDING: [BudgetField; 3] = [
    BudgetField::ProjectExpenditure,
    BudgetField::SpecialFunds,
    BudgetField::OtherDevelopmentExpenditure,
];

pub(super) fn check(form: &Form, ctx: &mut Context) {
    let section = label(SectionLabel::KeyTasks);
    let funds_label = label(KeyTaskColumnLabel::Funds);
    let tasks: Vec<(usize, &KeyTask)> = form
        .key_tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| !task_is_blank(t))
        .collect();

    let mut unfunded = 0usize;
    for (index, task) in &tasks {
        if task.funds.is_none() {
            unfunded += 1;
            ctx.report(
                Code::TasksMissingFunds,
                FieldPath::key_task(*index, "funds"),
            )
            .arg(
                "task_field",
                task_field(form, *index, KeyTaskColumnLabel::Funds),
            )
            .emit();
        }
    }
    if unfunded == tasks.len() {
        return;
    }

    let tasks_total = exact_sum(tasks.iter().filter_map(|(_, t)| t.funds));
    let budget_total = exact_sum(FUNDING.iter().filter_map(|f| form.budget.get(*f)));
    let (Some(tasks_total), Some(budget_total)) = (tasks_total, budget_total) else {
        return;
    };
    let Some(difference) = distance(tasks_total, budget_total).filter(|d| !d.is_zero()) else {
        return;
    };
    let budget_terms = FUNDING
        .iter()
        .map(|f| {
            let name = label(*f);
            match form.budget.get(*f) {
                Some(value) => format!("{name} {}", format_money(value)),
                None => {
                    catalog().fragment(Code::BudgetTotalMismatch, "blank_term", &[("label", name)])
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" + ");
    let note = if unfunded > 0 {
        catalog().fragment(
            Code::TasksFundsMismatch,
            "blank_note",
            &[("count", unfunded.to_string())],
        )
    } else {
        String::new()
    };
    ctx.report(Code::TasksFundsMismatch, "key_tasks")
        .covering(tasks.iter().map(|(i, _)| FieldPath::key_task(*i, "funds")))
        .arg("section", section)
        .arg("funds", funds_label)
        .arg("tasks_total", format_money(tasks_total))
        .arg("project", label(BudgetLabel::ProjectExpenditure))
        .arg("development", label(BudgetHeaderLabel::Development))
        .arg("budget_total", format_money(budget_total))
        .arg("difference", format_money(difference))
        .arg("budget_terms", budget_terms)
        .arg("note", note)
        .emit();
}
