//! Validation of a form, with diagnostics that point at cells.
//!
//! [`check`] runs every rule and returns all findings, sorted in the order of the form. No rule
//! stops another. Texts and severities are data (`templates/diagnostics.toml`); the form's labels
//! come from `templates/labels.toml`.
//!
//! ```
//! use jixiao::check::{check, Severity};
//! use jixiao::model::{Form, Provenance};
//!
//! let form = Form::default(); // nothing filled in
//! let found = check(&form, &Provenance::new());
//! let codes: Vec<&str> = found.iter().map(|d| d.code.as_str()).collect();
//! assert!(codes.contains(&"required.department"));
//! assert!(found.iter().any(|d| d.severity == Severity::Error));
//! ```
//!
//! Decisions the rules make (each rule's module says more):
//! - A blank budget figure is reported (`budget.missing_figure`) and counts as 0 in the totals,
//!   as a spreadsheet's SUM does; a total that involves a blank says so in its hint.
//! - A form whose indicators all have an empty 实施周期指标值 gives one value per indicator; those
//!   empty period values are not reported. When some are filled, each empty one is.
//! - Level names are compared after the label normalisation of [`crate::labels`], so
//!   `数量指标 (必填)` and `社会效益 指标` are the framework's names.

mod budget;
pub(crate) mod catalog;
mod framework;
mod indicators;
mod money;
mod place;
mod project;
pub mod report;
mod required;
pub mod review;
mod self_evaluation;
mod tasks;

use rust_decimal::Decimal;

use crate::labels::{KeyTaskColumnLabel, Label, SectionLabel};
use crate::model::{CellRef, Document, FieldPath, Form, Provenance};

pub use catalog::{Code, Severity};
pub use self_evaluation::check_self_evaluation;

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether it fails the check; set per code in `templates/diagnostics.toml`.
    pub severity: Severity,
    /// The stable code (`budget.total_mismatch`), for scripts and the JSON output.
    pub code: Code,
    /// In Chinese, with the form's labels and the numbers involved.
    pub message: String,
    /// The field path the finding is about (`budget`, `indicators[3].annual_value`); orders the
    /// findings.
    pub field: FieldPath,
    /// The cell or range of cells involved, when the form was read from a spreadsheet.
    pub place: Option<CellRef>,
    /// What to do about it, when the catalog says.
    pub hint: Option<String>,
}

/// Runs every rule on `form`; `cells` (empty for JSON input) places the findings.
pub fn check(form: &Form, cells: &Provenance) -> Vec<Diagnostic> {
    let mut ctx = Context {
        cells,
        found: Vec::new(),
    };
    required::check(form, &mut ctx);
    budget::check(form, &mut ctx);
    tasks::check(form, &mut ctx);
    money::check(form, &mut ctx);
    framework::check(form, &mut ctx);
    indicators::check(form, &mut ctx);
    let mut found = ctx.found;
    // Form order: by field path as the form lays the fields out, then by code in the order of
    // [`Code::ALL`] (rule by rule). Stable: within one field and code, the order found.
    found.sort_by(|a, b| (&a.field, a.code).cmp(&(&b.field, b.code)));
    found
}

/// Runs the rules of the document's kind: the department form's ([`check`]), the project
/// form's, or the self-evaluation's ([`check_self_evaluation`]). Findings sorted in form order.
pub fn check_document(document: &Document, cells: &Provenance) -> Vec<Diagnostic> {
    let form = match document {
        Document::Department(form) => return check(form, cells),
        Document::SelfEvaluation(form) => return check_self_evaluation(form, cells),
        other => other,
    };
    let mut ctx = Context {
        cells,
        found: Vec::new(),
    };
    match form {
        Document::Department(_) | Document::SelfEvaluation(_) => {}
        Document::Project(form) => project::check(form, &mut ctx),
    }
    let mut found = ctx.found;
    found.sort_by(|a, b| (&a.field, a.code).cmp(&(&b.field, b.code)));
    found
}

/// What the rules write into.
pub(crate) struct Context<'a> {
    cells: &'a Provenance,
    found: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    /// Starts a finding about `field`.
    fn report(&mut self, code: Code, field: impl Into<FieldPath>) -> Builder<'_, 'a> {
        let field = field.into();
        Builder {
            ctx: self,
            code,
            covering: vec![field.clone()],
            field,
            args: Vec::new(),
            severity: None,
        }
    }
}

/// A finding being put together: its arguments and the fields whose cells it points at.
pub(crate) struct Builder<'c, 'a> {
    ctx: &'c mut Context<'a>,
    code: Code,
    field: FieldPath,
    covering: Vec<FieldPath>,
    args: Vec<(&'static str, String)>,
    /// Instead of the code's own severity, where one code covers a note and a warning.
    severity: Option<Severity>,
}

impl Builder<'_, '_> {
    /// This finding is only a note (see [`Severity::Info`]).
    fn note_when(mut self, info: bool) -> Self {
        if info {
            self.severity = Some(Severity::Info);
        }
        self
    }

    fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// Points at these fields' cells instead of the field's own.
    fn covering<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<FieldPath>,
    {
        self.covering = fields.into_iter().map(Into::into).collect();
        self
    }

    fn emit(self) {
        let entry = catalog::catalog().entry(self.code);
        let diagnostic = Diagnostic {
            severity: self.severity.unwrap_or(entry.severity),
            code: self.code,
            message: catalog::fill(entry.message.get(), &self.args),
            place: place::place_of(self.ctx.cells, &self.covering),
            hint: entry
                .hint
                .as_ref()
                .map(|h| catalog::fill(h.get(), &self.args)),
            field: self.field,
        };
        self.ctx.found.push(diagnostic);
    }
}

/// The exact sum, or `None` when it does not fit a [`Decimal`] (only absurd figures do; the
/// arithmetic is then skipped rather than wrong).
fn exact_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |total, value| total.checked_add(value))
}

/// `|a - b|`, or `None` when it does not fit.
fn distance(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_sub(b).map(|d| d.abs())
}

/// Money as the form shows it: thousands separated, at least two decimals (`218,602.50`).
///
/// ```
/// # use jixiao::check::format_money;
/// # use rust_decimal::Decimal;
/// assert_eq!(format_money("218602.5".parse::<Decimal>().unwrap()), "218,602.50");
/// assert_eq!(format_money("-1234.567".parse::<Decimal>().unwrap()), "-1,234.567");
/// assert_eq!(format_money(Decimal::ZERO), "0.00");
/// ```
pub fn format_money(value: Decimal) -> String {
    // A negative zero shows as 0.00, as a spreadsheet shows it.
    let mut shown = if value.is_zero() { value.abs() } else { value };
    if shown.scale() < 2 {
        shown.rescale(2);
    }
    crate::number::group_thousands(&shown.to_string())
}

/// A label from `templates/labels.toml` as it reads inside a sentence: without the unit
/// annotation some labels carry (`拟投入的资金 (万元)` → `拟投入的资金`).
fn label(label: impl Into<Label>) -> String {
    let canonical = label.into().canonical();
    match canonical.rfind(['(', '（']) {
        Some(open) if open > 0 && canonical.ends_with([')', '）']) => {
            canonical[..open].trim_end().to_string()
        }
        _ => canonical.to_string(),
    }
}

/// `三级指标「运行监测样本数量」`, or `第 4 个绩效指标` when the name is blank.
fn indicator_ref(form: &Form, index: usize) -> String {
    let name = form
        .indicators
        .get(index)
        .map(|i| i.name.trim())
        .unwrap_or("");
    if name.is_empty() {
        catalog::catalog().common("indicator_numbered", &[("number", (index + 1).to_string())])
    } else {
        catalog::catalog().common("indicator_named", &[("name", name.to_string())])
    }
}

/// A key-task row with nothing in it (a spare row of the template): not a task.
fn task_is_blank(task: &crate::model::KeyTask) -> bool {
    task.name.trim().is_empty()
        && task.content.trim().is_empty()
        && task.expected_outcome.trim().is_empty()
        && task.funds.is_none()
}

/// `年度重点工作任务「做强做优做大数字经济」的拟投入的资金`; the task's number when its name is blank.
fn task_field(form: &Form, index: usize, column: KeyTaskColumnLabel) -> String {
    let cat = catalog::catalog();
    let name = form
        .key_tasks
        .get(index)
        .map(|t| t.name.trim())
        .unwrap_or("");
    let task = if name.is_empty() {
        cat.common("task_numbered", &[("number", (index + 1).to_string())])
    } else {
        name.to_string()
    };
    cat.common(
        "task_field",
        &[
            ("section", label(SectionLabel::KeyTasks)),
            ("task", task),
            ("column", label(column)),
        ],
    )
}

/// `预算整体情况「基本支出」`.
fn budget_field(field: crate::model::BudgetField) -> String {
    catalog::catalog().common(
        "budget_field",
        &[
            ("section", label(SectionLabel::Budget)),
            ("label", label(field)),
        ],
    )
}

/// Joins names with the list separator of `[common]`.
fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    let separator = catalog::catalog().common("list_separator", &[]);
    names
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(&separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_by_thousands_with_two_decimals_at_least() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        assert_eq!(format_money(d("14737.75")), "14,737.75");
        assert_eq!(format_money(d("198000")), "198,000.00");
        assert_eq!(format_money(d("100")), "100.00");
        assert_eq!(format_money(d("1000000.1")), "1,000,000.10");
        assert_eq!(format_money(d("-2.5")), "-2.50");
        assert_eq!(format_money(d("14737.749999999998")), "14,737.749999999998");
    }

    #[test]
    fn labels_lose_their_unit_annotation_inside_sentences() {
        assert_eq!(label(KeyTaskColumnLabel::Funds), "拟投入的资金");
        assert_eq!(
            label(crate::labels::BudgetLabel::SpecialFunds),
            "财政专项资金"
        );
    }
}
