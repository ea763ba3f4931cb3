//! Comparing two versions of a form: what a department changed when it resubmitted.
//!
//! Indicators are matched by (一级, 二级, 三级 name), key tasks by name. What is left over is
//! recognised as a rename (same place, similar name) or a move (same name, another 一级/二级)
//! before it counts as removed and added. A value rewritten in another notation that means the
//! same (`>=18000家次` → `≥18000家次`) is listed apart, as notation-only.
//!
//! ```
//! use jixiao::diff::{diff, ChangeKind};
//! use jixiao::model::{Form, Indicator};
//! use jixiao::value::parse;
//!
//! let indicator = |value: &str| Indicator {
//!     level1: "产出指标".into(),
//!     level2: "数量指标".into(),
//!     name: "运行监测样本数量".into(),
//!     period_value: parse(value),
//!     annual_value: parse(value),
//!     ..Indicator::default()
//! };
//! let old = Form { indicators: vec![indicator(">=18000家次")], ..Form::default() };
//! let new = Form { indicators: vec![indicator("≥20000家次")], ..Form::default() };
//! let changes = diff(&old, &Default::default(), &new, &Default::default());
//! assert_eq!(changes.len(), 2);
//! assert!(changes.iter().all(|c| c.kind == ChangeKind::Changed));
//! ```

mod matching;
pub mod print;

use serde::Serialize;

use matching::{match_rows, Pair, RowView};

use crate::labels::{
    BasicInfoLabel, BudgetLabel, IndicatorColumnLabel, KeyTaskColumnLabel, SectionLabel,
};
use crate::model::{BudgetField, FieldPath, Form, Indicator, KeyTask, Provenance};
use crate::value::{IndicatorValue, ValueKind};

/// What happened to a field or a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
    Moved,
    Renamed,
    /// The text changed but it means the same.
    Notation,
}

impl ChangeKind {
    /// The mark in human output.
    pub fn mark(self) -> &'static str {
        match self {
            ChangeKind::Added => "+",
            ChangeKind::Removed => "-",
            ChangeKind::Changed => "~",
            ChangeKind::Moved => ">",
            ChangeKind::Renamed => "%",
            ChangeKind::Notation => "=",
        }
    }
}

/// One difference between the two forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    #[serde(rename = "change")]
    pub kind: ChangeKind,
    /// Where in the form: `budget.basic_expenditure`,
    /// `indicators[产出指标/数量指标/运行监测样本数量].annual_value`, `key_tasks[名称].funds`.
    pub path: String,
    /// The same place in the form's own words, for people: `预算整体情况 › 基本支出`.
    #[serde(skip)]
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub old_cell: Option<String>,
    pub new_cell: Option<String>,
}

struct Side<'a> {
    form: &'a Form,
    cells: &'a Provenance,
}

impl Side<'_> {
    fn cell(&self, path: &FieldPath) -> Option<String> {
        self.cells.get(path).map(ToString::to_string)
    }
}

/// The changes from `old` to `new`, in form order. Cells come from each side's provenance
/// (empty for JSON input).
pub fn diff(old: &Form, old_cells: &Provenance, new: &Form, new_cells: &Provenance) -> Vec<Change> {
    let old = Side {
        form: old,
        cells: old_cells,
    };
    let new = Side {
        form: new,
        cells: new_cells,
    };
    let mut changes = Vec::new();
    let section = |label: SectionLabel| label.canonical().to_string();

    let mut scalar = |path: FieldPath, label: String, a: Option<String>, b: Option<String>| {
        if a != b {
            changes.push(Change {
                kind: ChangeKind::Changed,
                path: path.to_string(),
                label,
                old: a,
                new: b,
                old_cell: old.cell(&path),
                new_cell: new.cell(&path),
            });
        }
    };
    scalar(
        FieldPath::key("title"),
        print::texts().places.title.get().to_string(),
        Some(old.form.title.clone()),
        Some(new.form.title.clone()),
    );
    scalar(
        FieldPath::key("department"),
        section(SectionLabel::Department),
        Some(old.form.department.clone()),
        Some(new.form.department.clone()),
    );
    // The same figures in 元 and in 万元 are not the same money.
    scalar(
        FieldPath::key("budget").field("unit"),
        format!("{} › 金额单位", section(SectionLabel::Budget)),
        Some(old.form.budget.unit.clone()),
        Some(new.form.budget.unit.clone()),
    );
    for (key, a, b) in [
        (
            BasicInfoLabel::StaffCount,
            old.form.basic_info.staff_count,
            new.form.basic_info.staff_count,
        ),
        (
            BasicInfoLabel::SubordinateUnits,
            old.form.basic_info.subordinate_units,
            new.form.basic_info.subordinate_units,
        ),
    ] {
        scalar(
            FieldPath::key("basic_info").field(key.key()),
            format!("{} › {}", section(SectionLabel::BasicInfo), key.canonical()),
            a.map(|n| n.to_string()),
            b.map(|n| n.to_string()),
        );
    }
    for field in BudgetField::ALL {
        scalar(
            FieldPath::budget(field),
            format!(
                "{} › {}",
                section(SectionLabel::Budget),
                BudgetLabel::from(field).canonical()
            ),
            old.form.budget.get(field).map(|d| d.to_string()),
            new.form.budget.get(field).map(|d| d.to_string()),
        );
    }
    diff_goals(&old, &new, &mut changes);
    diff_key_tasks(&old, &new, &mut changes);
    let other_tasks = FieldPath::key("other_tasks");
    changes.extend(
        (old.form.other_tasks != new.form.other_tasks).then(|| Change {
            kind: ChangeKind::Changed,
            path: other_tasks.to_string(),
            label: section(SectionLabel::OtherTasks),
            old: Some(old.form.other_tasks.clone()),
            new: Some(new.form.other_tasks.clone()),
            old_cell: old.cell(&other_tasks),
            new_cell: new.cell(&other_tasks),
        }),
    );
    diff_indicators(&old, &new, &mut changes);
    changes
}

/// Goals are a list of paragraphs: aligned by their longest common subsequence, a removed
/// paragraph next to an added one is a change.
fn diff_goals(old: &Side<'_>, new: &Side<'_>, changes: &mut Vec<Change>) {
    let label = SectionLabel::OverallGoals.canonical();
    let (a, b) = (&old.form.overall_goals, &new.form.overall_goals);
    for step in align(a, b) {
        let (kind, i, j) = match step {
            Step::Same => continue,
            Step::Replace(i, j) => (ChangeKind::Changed, Some(i), Some(j)),
            Step::Remove(i) => (ChangeKind::Removed, Some(i), None),
            Step::Add(j) => (ChangeKind::Added, None, Some(j)),
        };
        let index = j.or(i).unwrap_or(0);
        let paragraph = |k: usize| FieldPath::item("overall_goals", k);
        changes.push(Change {
            kind,
            path: paragraph(index).to_string(),
            label: format!(
                "{label} › {}",
                print::fill(
                    print::texts().places.paragraph.get(),
                    &[("number", &(index + 1).to_string())]
                )
            ),
            old: i.map(|i| a[i].clone()),
            new: j.map(|j| b[j].clone()),
            old_cell: i.and_then(|i| old.cell(&paragraph(i))),
            new_cell: j.and_then(|j| new.cell(&paragraph(j))),
        });
    }
}

enum Step {
    Same,
    Replace(usize, usize),
    Remove(usize),
    Add(usize),
}

/// Longest-common-subsequence alignment of two short lists (goals: a handful of paragraphs).
fn align(a: &[String], b: &[String]) -> Vec<Step> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut steps = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            steps.push(Step::Same);
            i += 1;
            j += 1;
        } else if i < n && j < m && lcs[i + 1][j] == lcs[i][j + 1] && lcs[i + 1][j + 1] == lcs[i][j]
        {
            steps.push(Step::Replace(i, j));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            steps.push(Step::Add(j));
            j += 1;
        } else {
            steps.push(Step::Remove(i));
            i += 1;
        }
    }
    steps
}

fn diff_key_tasks(old: &Side<'_>, new: &Side<'_>, changes: &mut Vec<Change>) {
    let section = SectionLabel::KeyTasks.canonical();
    let (a, b) = (&old.form.key_tasks, &new.form.key_tasks);
    let pairs = match_rows(
        a,
        b,
        RowView {
            key: |t: &KeyTask| t.name.clone(),
            place: |_: &KeyTask| String::new(),
            name: |t: &KeyTask| t.name.as_str(),
        },
    );
    for pair in pairs {
        match pair {
            Pair::Matched(i, j, kind) => {
                let (x, y) = (&a[i], &b[j]);
                let row_path = FieldPath::keyed("key_tasks", y.name.as_str());
                if kind == ChangeKind::Renamed {
                    changes.push(Change {
                        kind,
                        path: FieldPath::keyed("key_tasks", x.name.as_str())
                            .field("name")
                            .to_string(),
                        label: format!(
                            "{section} › {} › {}",
                            x.name,
                            print::texts().places.key_task_name.get()
                        ),
                        old: Some(x.name.clone()),
                        new: Some(y.name.clone()),
                        old_cell: old.cell(&FieldPath::key_task(i, "name")),
                        new_cell: new.cell(&FieldPath::key_task(j, "name")),
                    });
                }
                let money = |t: &KeyTask| t.funds.map(|d| d.to_string());
                for (field, column, va, vb) in [
                    (
                        "content",
                        KeyTaskColumnLabel::Content,
                        Some(x.content.clone()),
                        Some(y.content.clone()),
                    ),
                    ("funds", KeyTaskColumnLabel::Funds, money(x), money(y)),
                    (
                        "expected_outcome",
                        KeyTaskColumnLabel::ExpectedOutcome,
                        Some(x.expected_outcome.clone()),
                        Some(y.expected_outcome.clone()),
                    ),
                ] {
                    if va != vb {
                        changes.push(Change {
                            kind: ChangeKind::Changed,
                            path: row_path.clone().field(field).to_string(),
                            label: format!("{section} › {} › {}", y.name, column.canonical()),
                            old: va,
                            new: vb,
                            old_cell: old.cell(&FieldPath::key_task(i, field)),
                            new_cell: new.cell(&FieldPath::key_task(j, field)),
                        });
                    }
                }
            }
            Pair::Removed(i) => changes.push(Change {
                kind: ChangeKind::Removed,
                path: FieldPath::keyed("key_tasks", a[i].name.as_str()).to_string(),
                label: format!("{section} › {}", a[i].name),
                old: Some(describe_task(&a[i])),
                new: None,
                old_cell: old.cell(&FieldPath::item("key_tasks", i)),
                new_cell: None,
            }),
            Pair::Added(j) => changes.push(Change {
                kind: ChangeKind::Added,
                path: FieldPath::keyed("key_tasks", b[j].name.as_str()).to_string(),
                label: format!("{section} › {}", b[j].name),
                old: None,
                new: Some(describe_task(&b[j])),
                old_cell: None,
                new_cell: new.cell(&FieldPath::item("key_tasks", j)),
            }),
        }
    }
}

fn describe_task(t: &KeyTask) -> String {
    match t.funds {
        Some(f) => print::fill(
            print::texts().places.task_with_funds.get(),
            &[("name", &t.name), ("funds", &f.to_string())],
        ),
        None => t.name.clone(),
    }
}

/// What names an indicator row in diff's paths: `一级/二级/三级`.
fn indicator_key(i: &Indicator) -> String {
    format!("{}/{}/{}", i.level1, i.level2, i.name)
}

/// `indicators[一级/二级/三级]`: the row named by what it holds, as diff matched it.
fn indicator_path(i: &Indicator) -> FieldPath {
    FieldPath::keyed("indicators", indicator_key(i))
}

fn diff_indicators(old: &Side<'_>, new: &Side<'_>, changes: &mut Vec<Change>) {
    let section = SectionLabel::Indicators.canonical();
    let (a, b) = (&old.form.indicators, &new.form.indicators);
    let place: fn(&Indicator) -> String = |i| format!("{}/{}", i.level1, i.level2);
    let pairs = match_rows(
        a,
        b,
        RowView {
            key: indicator_key,
            place,
            name: |i: &Indicator| i.name.as_str(),
        },
    );
    let label_of = |i: &Indicator| format!("{section} › {} › {} › {}", i.level1, i.level2, i.name);
    for pair in pairs {
        match pair {
            Pair::Matched(i, j, kind) => {
                let (x, y) = (&a[i], &b[j]);
                if kind != ChangeKind::Changed {
                    let (field, old_text, new_text) = if kind == ChangeKind::Moved {
                        ("level2", place(x), place(y))
                    } else {
                        ("name", x.name.clone(), y.name.clone())
                    };
                    changes.push(Change {
                        kind,
                        path: indicator_path(x).to_string(),
                        label: label_of(x),
                        old: Some(old_text),
                        new: Some(new_text),
                        old_cell: old.cell(&FieldPath::indicator(i, field)),
                        new_cell: new.cell(&FieldPath::indicator(j, field)),
                    });
                }
                for (field, column, va, vb) in [
                    (
                        "period_value",
                        IndicatorColumnLabel::PeriodValue,
                        &x.period_value,
                        &y.period_value,
                    ),
                    (
                        "annual_value",
                        IndicatorColumnLabel::AnnualValue,
                        &x.annual_value,
                        &y.annual_value,
                    ),
                ] {
                    if let Some(kind) = value_change(va, vb) {
                        changes.push(Change {
                            kind,
                            path: indicator_path(y).field(field).to_string(),
                            label: format!("{} › {}", label_of(y), column.canonical()),
                            old: Some(va.text.clone()),
                            new: Some(vb.text.clone()),
                            old_cell: old.cell(&FieldPath::indicator(i, field)),
                            new_cell: new.cell(&FieldPath::indicator(j, field)),
                        });
                    }
                }
            }
            Pair::Removed(i) => changes.push(Change {
                kind: ChangeKind::Removed,
                path: indicator_path(&a[i]).to_string(),
                label: label_of(&a[i]),
                old: Some(describe_indicator(&a[i])),
                new: None,
                old_cell: old.cell(&FieldPath::item("indicators", i)),
                new_cell: None,
            }),
            Pair::Added(j) => changes.push(Change {
                kind: ChangeKind::Added,
                path: indicator_path(&b[j]).to_string(),
                label: label_of(&b[j]),
                old: None,
                new: Some(describe_indicator(&b[j])),
                old_cell: None,
                new_cell: new.cell(&FieldPath::item("indicators", j)),
            }),
        }
    }
}

fn describe_indicator(i: &Indicator) -> String {
    match (i.period_value.text.as_str(), i.annual_value.text.as_str()) {
        ("", annual) => annual.to_string(),
        (period, annual) if period == annual => period.to_string(),
        (period, annual) => print::fill(
            print::texts().places.two_values.get(),
            &[("period", period), ("annual", annual)],
        ),
    }
}

/// `None` when equal; notation-only when the texts differ but their structured readings (a
/// threshold, range, deadline or period) are the same. Two different sentences are a change
/// even when their reading is alike: a qualitative reading does not capture all they say.
fn value_change(a: &IndicatorValue, b: &IndicatorValue) -> Option<ChangeKind> {
    let structured = matches!(
        a.kind,
        ValueKind::Comparison(_)
            | ValueKind::Range(_)
            | ValueKind::Deadline(_)
            | ValueKind::Period(_)
    );
    if a.text == b.text {
        None
    } else if structured && a.kind == b.kind {
        Some(ChangeKind::Notation)
    } else {
        Some(ChangeKind::Changed)
    }
}

#[cfg(test)]
mod tests;
