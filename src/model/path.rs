//! [`FieldPath`]: where a value sits in a document, typed (`budget.special_funds`,
//! `indicators[3].annual_value`, `overall_goals[2]`).
//!
//! It keys provenance (field → cell) and diagnostics. Its [`Display`](std::fmt::Display) is the
//! string the JSON and the messages show; its order is the order in which the forms lay their
//! fields out (sections top to bottom, rows by index, columns left to right), so sorting
//! diagnostics by path sorts them in form order.
//!
//! ```
//! use jixiao::model::{BudgetField, FieldPath};
//!
//! let path = FieldPath::indicator(3, "annual_value");
//! assert_eq!(path.to_string(), "indicators[3].annual_value");
//! assert_eq!(FieldPath::from("indicators[3].annual_value"), path);
//! assert!(FieldPath::budget(BudgetField::SpecialFunds) < FieldPath::key("overall_goals"));
//! assert!(FieldPath::indicator(2, "name") < FieldPath::indicator(10, "level1"));
//! assert!(FieldPath::indicator(2, "level1") < FieldPath::indicator(2, "name"));
//! ```

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use super::BudgetField;

/// One step of a path: a field name, optionally indexed (`indicators[3]`) or keyed
/// (`indicators[产出指标/数量指标/运行监测样本数量]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Segment {
    /// The JSON key.
    pub name: Cow<'static, str>,
    /// The index into the array the key holds, if any.
    pub index: Option<usize>,
    /// The item of the array named by what it holds rather than by its index (see
    /// [`FieldPath::keyed`]); `None` when `index` names it or the segment is not an item.
    pub key: Option<String>,
}

/// A typed field path. See the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FieldPath {
    segments: Vec<Segment>,
}

/// Top-level keys of every kind, in the order the forms print them. The kinds share one
/// order: a document holds the keys of one kind only, and where kinds share a key (`name`,
/// `department`, `indicators`) it sits in the same place relative to the others.
const TOP: &[&str] = &[
    "format",
    "title",
    "year",
    "subject",
    "name",
    "project",
    "department",
    "unit",
    "duties",
    "basic_info",
    "budget",
    "funds",
    "budget_execution",
    "overall_goals",
    "goals",
    "key_tasks",
    "other_tasks",
    "indicators",
    "total_score",
    "conclusion",
];

/// Second-level keys, per parent, in column order.
fn children(parent: &str) -> &'static [&'static str] {
    match parent {
        "basic_info" => &["staff_count", "subordinate_units"],
        "budget" => &[
            "unit",
            "basic_expenditure",
            "project_expenditure",
            "special_funds",
            "other_development_expenditure",
            "fiscal_appropriation",
            "other_funds",
            "municipal_level",
            "transfer_to_lower_level",
        ],
        "project" => &["name", "department", "unit", "attributes", "period"],
        "funds" => &["unit", "total", "fiscal", "other", "carryover", "items"],
        "budget_execution" => &[
            "unit", "initial", "adjusted", "executed", "weight", "rate", "score", "rows",
        ],
        "goals" => &["overall", "annual", "planned", "achieved"],
        "key_tasks" => &["name", "content", "funds", "expected_outcome"],
        "indicators" => &[
            "level1",
            "level2",
            "name",
            "value_type",
            "weight",
            "period_value",
            "annual_value",
            "actual_value",
            "score",
            "deviation",
            "explanation",
            "standard",
            "direction",
            "remark",
        ],
        _ => &[],
    }
}

impl FieldPath {
    /// A top-level field: `department`.
    pub fn key(name: &'static str) -> FieldPath {
        FieldPath {
            segments: vec![Segment {
                name: Cow::Borrowed(name),
                index: None,
                key: None,
            }],
        }
    }

    /// One item of a top-level array: `overall_goals[2]`, `indicators[3]`.
    pub fn item(name: &'static str, index: usize) -> FieldPath {
        FieldPath {
            segments: vec![Segment {
                name: Cow::Borrowed(name),
                index: Some(index),
                key: None,
            }],
        }
    }

    /// One item of a top-level array named by what it holds: `indicators[产出指标/数量指标/名称]`,
    /// `key_tasks[任务名称]`. Diff names rows so, because it matches them by content and a row
    /// keeps its name when rows are inserted before it. Such a path is printed, not read back:
    /// [`From<&str>`](FieldPath#impl-From%3C%26str%3E-for-FieldPath) takes a `[…]` that is not a
    /// number as part of the name (a key may hold `.` or `]`).
    pub fn keyed(name: &'static str, key: impl Into<String>) -> FieldPath {
        FieldPath {
            segments: vec![Segment {
                name: Cow::Borrowed(name),
                index: None,
                key: Some(key.into()),
            }],
        }
    }

    /// This path with a field below it: `indicators[3]` + `annual_value`.
    #[must_use]
    pub fn field(mut self, name: &'static str) -> FieldPath {
        self.segments.push(Segment {
            name: Cow::Borrowed(name),
            index: None,
            key: None,
        });
        self
    }

    /// This path with its last segment indexed: `goals.overall` → `goals.overall[1]`.
    #[must_use]
    pub fn at(mut self, index: usize) -> FieldPath {
        if let Some(last) = self.segments.last_mut() {
            last.index = Some(index);
            last.key = None;
        }
        self
    }

    /// `indicators[i].column`.
    pub fn indicator(index: usize, column: &'static str) -> FieldPath {
        FieldPath::item("indicators", index).field(column)
    }

    /// `budget_execution.<figure>` (the self-evaluation's 预算执行情况).
    pub fn budget_execution(figure: &'static str) -> FieldPath {
        FieldPath::key("budget_execution").field(figure)
    }

    /// `key_tasks[i].column`.
    pub fn key_task(index: usize, column: &'static str) -> FieldPath {
        FieldPath::item("key_tasks", index).field(column)
    }

    /// `budget.<figure>`.
    pub fn budget(field: BudgetField) -> FieldPath {
        FieldPath::key("budget").field(field.key())
    }

    /// The segments, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The path one level up: `indicators[3].name` → `indicators[3]`; `indicators[3]` →
    /// `indicators`; `department` → the empty path.
    pub fn parent(&self) -> FieldPath {
        let mut segments = self.segments.clone();
        match segments.last_mut() {
            Some(last) if last.index.is_some() || last.key.is_some() => {
                last.index = None;
                last.key = None;
            }
            Some(_) => {
                segments.pop();
            }
            None => {}
        }
        FieldPath { segments }
    }

    /// Whether `self` is `other` or lies below it (`indicators[3].name` is under
    /// `indicators[3]` and under `indicators`).
    pub fn is_under(&self, other: &FieldPath) -> bool {
        if other.segments.len() > self.segments.len() {
            return false;
        }
        let last = other.segments.len().saturating_sub(1);
        other.segments.iter().enumerate().all(|(i, theirs)| {
            let mine = &self.segments[i];
            let item = theirs.index.is_some() || theirs.key.is_some();
            mine.name == theirs.name
                && ((mine.index == theirs.index && mine.key == theirs.key) || (i == last && !item))
        })
    }

    /// Whether `text` is this path's [`Display`](fmt::Display) form.
    fn is_text(&self, text: &str) -> bool {
        if text.is_empty() {
            return self.segments.is_empty();
        }
        if self.segments.iter().any(|s| s.key.is_some()) {
            // A key may hold `.` and `]`: compare the printed form as a whole (`*self == text`
            // would come back here).
            let printed = self.to_string();
            return printed == text;
        }
        let mut parts = text.split('.');
        for segment in &self.segments {
            let Some(part) = parts.next() else {
                return false;
            };
            let same = match segment.index {
                None => part == segment.name,
                Some(index) => part
                    .strip_suffix(']')
                    .and_then(|p| p.split_once('['))
                    .is_some_and(|(name, i)| {
                        name == segment.name && i.parse::<usize>().ok() == Some(index)
                    }),
            };
            if !same {
                return false;
            }
        }
        parts.next().is_none()
    }

    /// Whether the path is empty (the document itself).
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

impl Ord for FieldPath {
    /// Form order: per segment, the field's rank (a name the tables do not know sorts after
    /// the known ones, by its text), then its index (+1, so that the array itself sorts before
    /// its first item); a path before its longer paths. Compared segment by segment without
    /// building keys: provenance is a sorted map, so this runs a few times per cell read.
    fn cmp(&self, other: &Self) -> Ordering {
        let (mut known_a, mut known_b): (&[&str], &[&str]) = (TOP, TOP);
        for (a, b) in self.segments.iter().zip(&other.segments) {
            // Same name (the common case in a sorted map of one form's paths): same rank, so
            // only the index decides, without looking the name up among the known ones.
            let order = if a.name == b.name {
                a.index
                    .map_or(0, |i| i + 1)
                    .cmp(&b.index.map_or(0, |i| i + 1))
                    .then_with(|| a.key.cmp(&b.key))
            } else {
                segment_key(known_a, a).cmp(&segment_key(known_b, b))
            };
            if order != Ordering::Equal {
                return order;
            }
            known_a = children(&a.name);
            known_b = children(&b.name);
        }
        self.segments.len().cmp(&other.segments.len())
    }
}

/// One segment's sort key in [`FieldPath`]'s order, among the `known` names of its parent.
fn segment_key<'a>(
    known: &[&str],
    segment: &'a Segment,
) -> (usize, &'a str, usize, Option<&'a str>) {
    let name: &str = &segment.name;
    let (rank, unknown) = match known.iter().position(|k| *k == name) {
        Some(p) => (p, ""),
        None => (usize::MAX, name),
    };
    (
        rank,
        unknown,
        segment.index.map_or(0, |i| i + 1),
        segment.key.as_deref(),
    )
}

impl PartialOrd for FieldPath {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(&segment.name)?;
            if let Some(index) = segment.index {
                write!(f, "[{index}]")?;
            } else if let Some(key) = &segment.key {
                write!(f, "[{key}]")?;
            }
        }
        Ok(())
    }
}

/// Reads the [`Display`](fmt::Display) form back. Any text is a path: a segment that is not
/// `name[index]` is a name as it stands (JSON from elsewhere may carry such keys).
impl From<&str> for FieldPath {
    fn from(text: &str) -> FieldPath {
        if text.is_empty() {
            return FieldPath::default();
        }
        let segments = text
            .split('.')
            .map(|part| {
                let indexed = part
                    .strip_suffix(']')
                    .and_then(|p| p.split_once('['))
                    .and_then(|(name, index)| Some((name, index.parse::<usize>().ok()?)));
                match indexed {
                    Some((name, index)) => Segment {
                        name: Cow::Owned(name.to_string()),
                        index: Some(index),
                        key: None,
                    },
                    None => Segment {
                        name: Cow::Owned(part.to_string()),
                        index: None,
                        key: None,
                    },
                }
            })
            .collect();
        FieldPath { segments }
    }
}

impl From<&String> for FieldPath {
    fn from(text: &String) -> FieldPath {
        FieldPath::from(text.as_str())
    }
}

impl From<String> for FieldPath {
    fn from(text: String) -> FieldPath {
        FieldPath::from(text.as_str())
    }
}

impl From<&FieldPath> for FieldPath {
    fn from(path: &FieldPath) -> FieldPath {
        path.clone()
    }
}

impl PartialEq<str> for FieldPath {
    fn eq(&self, other: &str) -> bool {
        self.is_text(other)
    }
}

impl PartialEq<&str> for FieldPath {
    fn eq(&self, other: &&str) -> bool {
        self.is_text(other)
    }
}

impl PartialEq<String> for FieldPath {
    fn eq(&self, other: &String) -> bool {
        self.is_text(other)
    }
}

impl serde::Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for FieldPath {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<FieldPath, D::Error> {
        let text = String::deserialize(d)?;
        Ok(FieldPath::from(text.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_round_trip() {
        for text in [
            "department",
            "budget.special_funds",
            "indicators[3].annual_value",
            "overall_goals[12]",
            "key_tasks[0]",
            "goals.overall[1]",
            "budget_execution.rows[2].executed",
        ] {
            assert_eq!(FieldPath::from(text).to_string(), text);
        }
    }

    #[test]
    fn order_follows_the_form() {
        let mut paths: Vec<FieldPath> = [
            "indicators[10].name",
            "indicators",
            "key_tasks[1].funds",
            "budget",
            "department",
            "indicators[2].annual_value",
            "indicators[2].level1",
            "budget.transfer_to_lower_level",
            "budget.basic_expenditure",
            "key_tasks[2]",
            "title",
        ]
        .into_iter()
        .map(FieldPath::from)
        .collect();
        paths.sort();
        let shown: Vec<String> = paths.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "title",
                "department",
                "budget",
                "budget.basic_expenditure",
                "budget.transfer_to_lower_level",
                "key_tasks[1].funds",
                "key_tasks[2]",
                "indicators",
                "indicators[2].level1",
                "indicators[2].annual_value",
                "indicators[10].name",
            ]
        );
    }

    #[test]
    fn under_and_parent() {
        let p = FieldPath::indicator(3, "name");
        assert!(p.is_under(&FieldPath::item("indicators", 3)));
        assert!(p.is_under(&FieldPath::key("indicators")));
        assert!(!p.is_under(&FieldPath::item("indicators", 4)));
        assert_eq!(p.parent(), FieldPath::item("indicators", 3));
        assert_eq!(p.parent().parent(), FieldPath::key("indicators"));
    }

    #[test]
    fn keyed_items_print_their_key_and_sort_among_indexed_ones() {
        let row =
            FieldPath::keyed("indicators", "产出指标/数量指标/PM2.5浓度").field("annual_value");
        assert_eq!(
            row.to_string(),
            "indicators[产出指标/数量指标/PM2.5浓度].annual_value"
        );
        assert_eq!(row, "indicators[产出指标/数量指标/PM2.5浓度].annual_value");
        assert!(row != "indicators[产出指标/数量指标/PM2.5浓度].period_value");
        assert!(row.is_under(&FieldPath::keyed(
            "indicators",
            "产出指标/数量指标/PM2.5浓度"
        )));
        assert!(!row.is_under(&FieldPath::keyed("indicators", "产出指标/数量指标/其他")));
        assert!(row.is_under(&FieldPath::key("indicators")));
        assert_eq!(row.parent().parent(), FieldPath::key("indicators"));
        // After the section's other keys, before the next section.
        assert!(FieldPath::budget(BudgetField::SpecialFunds) < row);
        assert!(row < FieldPath::key("total_score"));
        assert!(FieldPath::keyed("key_tasks", "任务A") < FieldPath::keyed("key_tasks", "任务B"));
        assert!(FieldPath::key("key_tasks") < FieldPath::keyed("key_tasks", "任务A"));
        assert_eq!(
            FieldPath::keyed("key_tasks", "甲").at(2),
            FieldPath::item("key_tasks", 2)
        );
    }
}
