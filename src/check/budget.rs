//! Rule 1: the budget's three totals agree, exactly.
//!
//! 部门预算支出 (基本支出 + 项目支出 + 财政专项资金 + 其他事业发展性支出) = 收入来源 (财政拨款 +
//! 其他资金) = 按预算级次划分 (市本级使用资金 + 拟用于对下转移支付资金).
//!
//! A blank figure is a warning of its own and counts as 0 in the totals, as a spreadsheet's SUM
//! does; the mismatch hint marks it. When all eight are blank there is one warning and no sums.
//! When two totals agree and the third does not, one error names the odd one and points at its
//! cells only; when all three differ, 部门预算支出 is compared with each of the others.

use rust_decimal::Decimal;

use crate::labels::{BudgetHeaderLabel, SectionLabel};
use crate::model::{BudgetField, FieldPath, Form};

use super::{
    catalog::catalog, distance, exact_sum, format_money, join_names, label, Code, Context,
};

/// One of the three totals: its header label key and its figures.
struct Total {
    header: BudgetHeaderLabel,
    fields: &'static [BudgetField],
}

const TOTALS: [Total; 3] = [
    Total {
        header: BudgetHeaderLabel::Expenditure,
        fields: &[
            BudgetField::BasicExpenditure,
            BudgetField::ProjectExpenditure,
            BudgetField::SpecialFunds,
            BudgetField::OtherDevelopmentExpenditure,
        ],
    },
    Total {
        header: BudgetHeaderLabel::IncomeSource,
        fields: &[BudgetField::FiscalAppropriation, BudgetField::OtherFunds],
    },
    Total {
        header: BudgetHeaderLabel::ByLevel,
        fields: &[
            BudgetField::MunicipalLevel,
            BudgetField::TransferToLowerLevel,
        ],
    },
];

impl Total {
    fn sum(&self, form: &Form) -> Option<Decimal> {
        exact_sum(self.fields.iter().filter_map(|f| form.budget.get(*f)))
    }

    fn label(&self) -> String {
        label(self.header)
    }

    /// `基本支出 14,737.75 + 项目支出 5,176.25 + …`.
    fn terms(&self, form: &Form) -> String {
        self.fields
            .iter()
            .map(|f| {
                let name = label(*f);
                match form.budget.get(*f) {
                    Some(value) => format!("{name} {}", format_money(value)),
                    None => catalog().fragment(
                        Code::BudgetTotalMismatch,
                        "blank_term",
                        &[("label", name)],
                    ),
                }
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }

    fn paths(&self) -> impl Iterator<Item = FieldPath> + '_ {
        self.fields.iter().map(|f| f.field_path())
    }
}

pub(super) fn check(form: &Form, ctx: &mut Context) {
    let blank: Vec<BudgetField> = BudgetField::ALL
        .into_iter()
        .filter(|f| form.budget.get(*f).is_none())
        .collect();
    if blank.len() == BudgetField::ALL.len() {
        let names: Vec<String> = BudgetField::ALL.iter().map(|f| label(*f)).collect();
        ctx.report(Code::BudgetEmpty, "budget")
            .arg("section", label(SectionLabel::Budget))
            .arg("count", names.len().to_string())
            .arg("labels", join_names(&names))
            .emit();
        return;
    }
    for field in &blank {
        ctx.report(Code::BudgetMissingFigure, field.field_path())
            .arg("section", label(SectionLabel::Budget))
            .arg("label", label(*field))
            .emit();
    }

    let Some(sums) = TOTALS
        .iter()
        .map(|t| t.sum(form))
        .collect::<Option<Vec<Decimal>>>()
    else {
        return;
    };
    let [e, i, l] = [sums[0], sums[1], sums[2]];
    // (odd one, one that agrees with the other, the other)
    let comparisons: Vec<(usize, usize, Option<usize>)> = if e == i && i == l {
        vec![]
    } else if e == i {
        vec![(2, 0, Some(1))]
    } else if e == l {
        vec![(1, 0, Some(2))]
    } else if i == l {
        vec![(0, 1, Some(2))]
    } else {
        vec![(0, 1, None), (0, 2, None)]
    };
    for (left, right, third) in comparisons {
        let Some(difference) = distance(sums[left], sums[right]) else {
            continue;
        };
        let (lt, rt) = (&TOTALS[left], &TOTALS[right]);
        let note = match third {
            Some(third) => catalog().fragment(
                Code::BudgetTotalMismatch,
                "agreeing_note",
                &[
                    ("third", TOTALS[third].label()),
                    ("third_value", format_money(sums[third])),
                    ("right", rt.label()),
                    ("left", lt.label()),
                ],
            ),
            None => String::new(),
        };
        // When the other two agree, the odd one's cells are where the mistake is: point there
        // only. When all three differ, the two compared totals are both suspects.
        let cells: Vec<FieldPath> = match third {
            Some(_) => lt.paths().collect(),
            None => lt.paths().chain(rt.paths()).collect(),
        };
        ctx.report(Code::BudgetTotalMismatch, "budget")
            .covering(cells)
            .arg("left", lt.label())
            .arg("left_value", format_money(sums[left]))
            .arg("right", rt.label())
            .arg("right_value", format_money(sums[right]))
            .arg("difference", format_money(difference))
            .arg("left_terms", lt.terms(form))
            .arg("right_terms", rt.terms(form))
            .arg("note", note)
            .emit();
    }
}
