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
//! };
//! let old = Form { indicators: vec![indicator(">=18000家次")], ..Form::default() };
//! let new = Form { indicators: vec![indicator("≥20000家次")], ..Form::default() };
//! let changes = diff(&old, &Default::default(), &new, &Default::default());
//! assert_eq!(changes.len(), 2);
//! assert!(changes.iter().all(|c| c.kind == ChangeKind::Changed));
//! ```

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::labels::{labels, Group};
use crate::model::{BudgetField, Form, Indicator, KeyTask, Provenance};
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

/// Names at least this similar (Dice coefficient over character bigrams) are a rename.
const RENAME_SIMILARITY: f64 = 0.5;

struct Side<'a> {
    form: &'a Form,
    cells: &'a Provenance,
}

impl Side<'_> {
    fn cell(&self, path: &str) -> Option<String> {
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
    let l = labels();
    let section = |key: &str| l.canonical(Group::Section, key).to_string();

    let mut scalar = |path: &str, label: String, a: Option<String>, b: Option<String>| {
        if a != b {
            changes.push(Change {
                kind: ChangeKind::Changed,
                path: path.to_string(),
                label,
                old: a,
                new: b,
                old_cell: old.cell(path),
                new_cell: new.cell(path),
            });
        }
    };
    scalar(
        "title",
        "标题".to_string(),
        Some(old.form.title.clone()),
        Some(new.form.title.clone()),
    );
    scalar(
        "department",
        section("department"),
        Some(old.form.department.clone()),
        Some(new.form.department.clone()),
    );
    // The same figures in 元 and in 万元 are not the same money.
    scalar(
        "budget.unit",
        format!("{} › 金额单位", section("budget")),
        Some(old.form.budget.unit.clone()),
        Some(new.form.budget.unit.clone()),
    );
    for (key, a, b) in [
        (
            "staff_count",
            old.form.basic_info.staff_count,
            new.form.basic_info.staff_count,
        ),
        (
            "subordinate_units",
            old.form.basic_info.subordinate_units,
            new.form.basic_info.subordinate_units,
        ),
    ] {
        scalar(
            &format!("basic_info.{key}"),
            format!(
                "{} › {}",
                section("basic_info"),
                l.canonical(Group::BasicInfo, key)
            ),
            a.map(|n| n.to_string()),
            b.map(|n| n.to_string()),
        );
    }
    for field in BudgetField::ALL {
        scalar(
            &field.path(),
            format!(
                "{} › {}",
                section("budget"),
                l.canonical(Group::Budget, field.key())
            ),
            old.form.budget.get(field).map(|d| d.to_string()),
            new.form.budget.get(field).map(|d| d.to_string()),
        );
    }
    diff_goals(&old, &new, &mut changes);
    diff_key_tasks(&old, &new, &mut changes);
    changes.extend(
        (old.form.other_tasks != new.form.other_tasks).then(|| Change {
            kind: ChangeKind::Changed,
            path: "other_tasks".to_string(),
            label: section("other_tasks"),
            old: Some(old.form.other_tasks.clone()),
            new: Some(new.form.other_tasks.clone()),
            old_cell: old.cell("other_tasks"),
            new_cell: new.cell("other_tasks"),
        }),
    );
    diff_indicators(&old, &new, &mut changes);
    changes
}

/// Goals are a list of paragraphs: aligned by their longest common subsequence, a removed
/// paragraph next to an added one is a change.
fn diff_goals(old: &Side<'_>, new: &Side<'_>, changes: &mut Vec<Change>) {
    let label = labels().canonical(Group::Section, "overall_goals");
    let (a, b) = (&old.form.overall_goals, &new.form.overall_goals);
    for step in align(a, b) {
        let (kind, i, j) = match step {
            Step::Same => continue,
            Step::Replace(i, j) => (ChangeKind::Changed, Some(i), Some(j)),
            Step::Remove(i) => (ChangeKind::Removed, Some(i), None),
            Step::Add(j) => (ChangeKind::Added, None, Some(j)),
        };
        let index = j.or(i).unwrap_or(0);
        changes.push(Change {
            kind,
            path: format!("overall_goals[{index}]"),
            label: format!("{label} › 第{}段", index + 1),
            old: i.map(|i| a[i].clone()),
            new: j.map(|j| b[j].clone()),
            old_cell: i.and_then(|i| old.cell(&format!("overall_goals[{i}]"))),
            new_cell: j.and_then(|j| new.cell(&format!("overall_goals[{j}]"))),
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
    let section = labels().canonical(Group::Section, "key_tasks");
    let (a, b) = (&old.form.key_tasks, &new.form.key_tasks);
    let pairs = match_rows(
        a,
        b,
        |t| t.name.clone(),
        |_| String::new(),
        |t| t.name.as_str(),
    );
    for pair in pairs {
        match pair {
            Pair::Matched(i, j, kind) => {
                let (x, y) = (&a[i], &b[j]);
                let row_path = format!("key_tasks[{}]", y.name);
                if kind == ChangeKind::Renamed {
                    changes.push(Change {
                        kind,
                        path: format!("key_tasks[{}].name", x.name),
                        label: format!("{section} › {} › 名称", x.name),
                        old: Some(x.name.clone()),
                        new: Some(y.name.clone()),
                        old_cell: old.cell(&format!("key_tasks[{i}].name")),
                        new_cell: new.cell(&format!("key_tasks[{j}].name")),
                    });
                }
                let money = |t: &KeyTask| t.funds.map(|d| d.to_string());
                for (field, column, va, vb) in [
                    (
                        "content",
                        "content",
                        Some(x.content.clone()),
                        Some(y.content.clone()),
                    ),
                    ("funds", "funds", money(x), money(y)),
                    (
                        "expected_outcome",
                        "expected_outcome",
                        Some(x.expected_outcome.clone()),
                        Some(y.expected_outcome.clone()),
                    ),
                ] {
                    if va != vb {
                        changes.push(Change {
                            kind: ChangeKind::Changed,
                            path: format!("{row_path}.{field}"),
                            label: format!(
                                "{section} › {} › {}",
                                y.name,
                                labels().canonical(Group::KeyTaskColumns, column)
                            ),
                            old: va,
                            new: vb,
                            old_cell: old.cell(&format!("key_tasks[{i}].{field}")),
                            new_cell: new.cell(&format!("key_tasks[{j}].{field}")),
                        });
                    }
                }
            }
            Pair::Removed(i) => changes.push(Change {
                kind: ChangeKind::Removed,
                path: format!("key_tasks[{}]", a[i].name),
                label: format!("{section} › {}", a[i].name),
                old: Some(describe_task(&a[i])),
                new: None,
                old_cell: old.cell(&format!("key_tasks[{i}]")),
                new_cell: None,
            }),
            Pair::Added(j) => changes.push(Change {
                kind: ChangeKind::Added,
                path: format!("key_tasks[{}]", b[j].name),
                label: format!("{section} › {}", b[j].name),
                old: None,
                new: Some(describe_task(&b[j])),
                old_cell: None,
                new_cell: new.cell(&format!("key_tasks[{j}]")),
            }),
        }
    }
}

fn describe_task(t: &KeyTask) -> String {
    match t.funds {
        Some(f) => format!("{}（{} 万元）", t.name, f),
        None => t.name.clone(),
    }
}

fn indicator_key(i: &Indicator) -> String {
    format!("{}/{}/{}", i.level1, i.level2, i.name)
}

fn diff_indicators(old: &Side<'_>, new: &Side<'_>, changes: &mut Vec<Change>) {
    let section = labels().canonical(Group::Section, "indicators");
    let (a, b) = (&old.form.indicators, &new.form.indicators);
    let place = |i: &Indicator| format!("{}/{}", i.level1, i.level2);
    let pairs = match_rows(a, b, indicator_key, place, |i| i.name.as_str());
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
                        path: format!("indicators[{}]", indicator_key(x)),
                        label: label_of(x),
                        old: Some(old_text),
                        new: Some(new_text),
                        old_cell: old.cell(&format!("indicators[{i}].{field}")),
                        new_cell: new.cell(&format!("indicators[{j}].{field}")),
                    });
                }
                for (field, column, va, vb) in [
                    (
                        "period_value",
                        "period_value",
                        &x.period_value,
                        &y.period_value,
                    ),
                    (
                        "annual_value",
                        "annual_value",
                        &x.annual_value,
                        &y.annual_value,
                    ),
                ] {
                    if let Some(kind) = value_change(va, vb) {
                        changes.push(Change {
                            kind,
                            path: format!("indicators[{}].{field}", indicator_key(y)),
                            label: format!(
                                "{} › {}",
                                label_of(y),
                                labels().canonical(Group::IndicatorColumns, column)
                            ),
                            old: Some(va.text.clone()),
                            new: Some(vb.text.clone()),
                            old_cell: old.cell(&format!("indicators[{i}].{field}")),
                            new_cell: new.cell(&format!("indicators[{j}].{field}")),
                        });
                    }
                }
            }
            Pair::Removed(i) => changes.push(Change {
                kind: ChangeKind::Removed,
                path: format!("indicators[{}]", indicator_key(&a[i])),
                label: label_of(&a[i]),
                old: Some(describe_indicator(&a[i])),
                new: None,
                old_cell: old.cell(&format!("indicators[{i}]")),
                new_cell: None,
            }),
            Pair::Added(j) => changes.push(Change {
                kind: ChangeKind::Added,
                path: format!("indicators[{}]", indicator_key(&b[j])),
                label: label_of(&b[j]),
                old: None,
                new: Some(describe_indicator(&b[j])),
                old_cell: None,
                new_cell: new.cell(&format!("indicators[{j}]")),
            }),
        }
    }
}

fn describe_indicator(i: &Indicator) -> String {
    match (i.period_value.text.as_str(), i.annual_value.text.as_str()) {
        ("", annual) => annual.to_string(),
        (period, annual) if period == annual => period.to_string(),
        (period, annual) => format!("{period}；{annual}"),
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

enum Pair {
    /// Old index, new index, and how they matched: `Changed` for the same key (its fields may
    /// or may not differ), `Renamed` or `Moved` otherwise.
    Matched(usize, usize, ChangeKind),
    Removed(usize),
    Added(usize),
}

/// Matches rows by key; then, among the rest, a row whose name stayed but whose place changed
/// is moved, and a row in the same place (same group, same position among the leftovers)
/// with a similar name is renamed. The result is in the new form's order, removals where
/// they stood.
fn match_rows<T>(
    a: &[T],
    b: &[T],
    key: impl Fn(&T) -> String,
    place: impl Fn(&T) -> String,
    name: impl Fn(&T) -> &str,
) -> Vec<Pair> {
    let mut new_by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, row) in b.iter().enumerate() {
        new_by_key.entry(key(row)).or_default().push(j);
    }
    for list in new_by_key.values_mut() {
        list.reverse();
    }
    let mut old_to_new: Vec<Option<(usize, ChangeKind)>> = vec![None; a.len()];
    let mut taken: HashSet<usize> = HashSet::new();
    for (i, row) in a.iter().enumerate() {
        if let Some(j) = new_by_key.get_mut(&key(row)).and_then(Vec::pop) {
            old_to_new[i] = Some((j, ChangeKind::Changed));
            taken.insert(j);
        }
    }
    // Moved: same name, another place, each name used once on each side.
    let mut new_by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, row) in b.iter().enumerate() {
        if !taken.contains(&j) {
            new_by_name.entry(name(row)).or_default().push(j);
        }
    }
    for (i, row) in a.iter().enumerate() {
        if old_to_new[i].is_some() {
            continue;
        }
        if let Some(list) = new_by_name.get_mut(name(row)) {
            if let Some(pos) = list.iter().position(|j| !taken.contains(j)) {
                let j = list.remove(pos);
                if place(&b[j]) != place(row) {
                    old_to_new[i] = Some((j, ChangeKind::Moved));
                    taken.insert(j);
                }
            }
        }
    }
    // Renamed: leftovers in the same place, paired in order, with similar names.
    let mut leftovers_new: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, row) in b.iter().enumerate() {
        if !taken.contains(&j) {
            leftovers_new.entry(place(row)).or_default().push(j);
        }
    }
    for (i, row) in a.iter().enumerate() {
        if old_to_new[i].is_some() {
            continue;
        }
        let Some(candidates) = leftovers_new.get_mut(&place(row)) else {
            continue;
        };
        let best = candidates
            .iter()
            .enumerate()
            .map(|(k, &j)| (k, j, similarity(name(row), name(&b[j]))))
            .filter(|(_, _, s)| *s >= RENAME_SIMILARITY)
            .max_by(|x, y| x.2.total_cmp(&y.2));
        if let Some((k, j, _)) = best {
            candidates.remove(k);
            old_to_new[i] = Some((j, ChangeKind::Renamed));
            taken.insert(j);
        }
    }
    // Order: walk the new form; an unmatched old row is reported before the first new row
    // that follows it in the old order.
    let mut new_to_old: Vec<Option<(usize, ChangeKind)>> = vec![None; b.len()];
    for (i, m) in old_to_new.iter().enumerate() {
        if let Some((j, kind)) = m {
            new_to_old[*j] = Some((i, *kind));
        }
    }
    let mut pairs = Vec::new();
    let mut next_old = 0;
    for (j, m) in new_to_old.iter().enumerate() {
        match m {
            Some((i, kind)) => {
                while next_old < *i {
                    if old_to_new[next_old].is_none() {
                        pairs.push(Pair::Removed(next_old));
                    }
                    next_old += 1;
                }
                next_old = next_old.max(i + 1);
                pairs.push(Pair::Matched(*i, j, *kind));
            }
            None => pairs.push(Pair::Added(j)),
        }
    }
    for (i, m) in old_to_new.iter().enumerate().skip(next_old) {
        if m.is_none() {
            pairs.push(Pair::Removed(i));
        }
    }
    // A row matched out of order leaves earlier unmatched old rows unreported: report them.
    let reported: HashSet<usize> = pairs
        .iter()
        .filter_map(|p| match p {
            Pair::Removed(i) => Some(*i),
            _ => None,
        })
        .collect();
    for (i, m) in old_to_new.iter().enumerate() {
        if m.is_none() && !reported.contains(&i) {
            pairs.push(Pair::Removed(i));
        }
    }
    pairs
}

/// Dice coefficient over character bigrams: 1.0 for equal names, 0.0 for nothing shared.
fn similarity(a: &str, b: &str) -> f64 {
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let mut pool: HashMap<(char, char), usize> = HashMap::new();
    for g in &y {
        *pool.entry(*g).or_default() += 1;
    }
    let mut shared = 0usize;
    for g in &x {
        if let Some(n) = pool.get_mut(g) {
            if *n > 0 {
                *n -= 1;
                shared += 1;
            }
        }
    }
    (2 * shared) as f64 / (x.len() + y.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::parse;

    fn indicator(l1: &str, l2: &str, name: &str, value: &str) -> Indicator {
        Indicator {
            level1: l1.into(),
            level2: l2.into(),
            name: name.into(),
            period_value: parse(value),
            annual_value: parse(value),
        }
    }

    fn form(indicators: Vec<Indicator>) -> Form {
        Form {
            indicators,
            ..Form::default()
        }
    }

    fn run(a: &Form, b: &Form) -> Vec<(ChangeKind, String)> {
        diff(a, &Provenance::new(), b, &Provenance::new())
            .into_iter()
            .map(|c| (c.kind, c.path))
            .collect()
    }

    #[test]
    fn equal_forms_have_no_changes() {
        let a = form(vec![indicator("产出指标", "数量指标", "甲", "≥1个")]);
        assert!(run(&a, &a.clone()).is_empty());
    }

    #[test]
    fn an_inserted_indicator_is_added_and_nothing_else() {
        let a = form(vec![
            indicator("产出指标", "数量指标", "甲", "≥1个"),
            indicator("产出指标", "数量指标", "乙", "≥2个"),
        ]);
        let mut b = a.clone();
        b.indicators
            .insert(1, indicator("产出指标", "数量指标", "新增的指标", "≥5个"));
        assert_eq!(
            run(&a, &b),
            [(
                ChangeKind::Added,
                "indicators[产出指标/数量指标/新增的指标]".to_string()
            )]
        );
    }

    #[test]
    fn a_similar_name_in_the_same_place_is_a_rename() {
        let a = form(vec![indicator(
            "产出指标",
            "数量指标",
            "运行监测样本数量",
            "≥1个",
        )]);
        let b = form(vec![indicator(
            "产出指标",
            "数量指标",
            "运行监测样本总数量",
            "≥1个",
        )]);
        assert_eq!(
            run(&a, &b),
            [(
                ChangeKind::Renamed,
                "indicators[产出指标/数量指标/运行监测样本数量]".to_string()
            )]
        );
    }

    #[test]
    fn the_same_name_under_another_level2_is_a_move() {
        let a = form(vec![indicator("产出指标", "数量指标", "甲乙丙", "≥1个")]);
        let b = form(vec![indicator("产出指标", "质量指标", "甲乙丙", "≥1个")]);
        assert_eq!(run(&a, &b)[0].0, ChangeKind::Moved);
        assert_eq!(run(&a, &b).len(), 1);
    }

    #[test]
    fn a_rewritten_sign_alone_is_notation_only() {
        let a = form(vec![indicator("产出指标", "数量指标", "甲", ">=18000家次")]);
        let b = form(vec![indicator("产出指标", "数量指标", "甲", "≥18000家次")]);
        let kinds: Vec<_> = run(&a, &b).into_iter().map(|(k, _)| k).collect();
        assert_eq!(kinds, [ChangeKind::Notation, ChangeKind::Notation]);
    }

    #[test]
    fn two_different_sentences_are_a_change_not_notation() {
        let a = form(vec![indicator(
            "效益指标",
            "社会效益指标",
            "甲",
            "较上年提高",
        )]);
        let b = form(vec![indicator(
            "效益指标",
            "社会效益指标",
            "甲",
            "显著提升",
        )]);
        let kinds: Vec<_> = run(&a, &b).into_iter().map(|(k, _)| k).collect();
        assert_eq!(kinds, [ChangeKind::Changed, ChangeKind::Changed]);
    }

    #[test]
    fn goals_align_by_paragraph() {
        let a = Form {
            overall_goals: vec!["一".into(), "二".into(), "三".into()],
            ..Form::default()
        };
        let b = Form {
            overall_goals: vec!["一".into(), "二（改）".into(), "三".into(), "四".into()],
            ..Form::default()
        };
        assert_eq!(
            run(&a, &b),
            [
                (ChangeKind::Changed, "overall_goals[1]".to_string()),
                (ChangeKind::Added, "overall_goals[3]".to_string())
            ]
        );
    }

    #[test]
    fn a_deleted_key_task_is_removed_and_a_changed_fund_is_changed() {
        let task = |name: &str, funds: i64| KeyTask {
            name: name.into(),
            content: "内容".into(),
            funds: Some(rust_decimal::Decimal::new(funds, 2)),
            expected_outcome: "目标".into(),
        };
        let a = Form {
            key_tasks: vec![task("甲", 100), task("乙", 200), task("丙", 300)],
            ..Form::default()
        };
        let b = Form {
            key_tasks: vec![task("甲", 100), task("丙", 350)],
            ..Form::default()
        };
        assert_eq!(
            run(&a, &b),
            [
                (ChangeKind::Removed, "key_tasks[乙]".to_string()),
                (ChangeKind::Changed, "key_tasks[丙].funds".to_string())
            ]
        );
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert_eq!(similarity("abc", "xyz"), 0.0);
        assert_eq!(
            similarity("运行监测", "监测运行"),
            similarity("监测运行", "运行监测")
        );
    }
}
