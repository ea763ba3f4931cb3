//! Sheet → labels: where each section, label and table header of a sheet is, found in one pass.
//! The form, project and self-evaluation readers and the shared indicator table start from it.

use std::collections::HashMap;

use super::grid::{CellValue, Grid, Pos};
use super::text;
use crate::labels::{
    labels, IndicatorColumnLabel, KeyTaskColumnLabel, Label, LabelKey, SectionLabel,
};

/// Cells longer than this are content, not labels: they are not normalised and looked up.
const MAX_LABEL_CHARS: usize = 40;

/// The section labels that make a sheet recognisably the form (the title is optional).
pub const SECTION_KEYS: [SectionLabel; 8] = [
    SectionLabel::Department,
    SectionLabel::Duties,
    SectionLabel::BasicInfo,
    SectionLabel::Budget,
    SectionLabel::OverallGoals,
    SectionLabel::KeyTasks,
    SectionLabel::OtherTasks,
    SectionLabel::Indicators,
];

/// Where the labels of one sheet are.
pub struct Layout {
    /// Section → first cell holding its label.
    pub(super) sections: HashMap<SectionLabel, Pos>,
    /// Label → every cell holding it, in row-major order.
    pub(super) labels: HashMap<Label, Vec<Pos>>,
    /// Every cell holding any label, for "is this a label?" questions.
    pub(super) label_cells: std::collections::HashSet<Pos>,
    /// Cells holding a label and its value together (`部门(单位)名称:岳阳市…`): the value.
    pub(super) inline: HashMap<Pos, String>,
    pub(super) title: Option<Pos>,
    /// A title-like cell of the sheet's top rows (`…2023年度整体绩效目标表`) when no known
    /// title label is there.
    pub(super) heading: Option<Pos>,
    /// The first money unit the sheet states (`金额单位:元`, `单位:万元`, `项目资金(万元)`).
    pub(super) money_unit: Option<&'static str>,
    pub(super) key_task_header: Option<Header<KeyTaskColumnLabel>>,
    pub(super) indicator_header: Option<Header<IndicatorColumnLabel>>,
}

/// A table's header row: column label → the column (anchor) of its header cell.
pub(super) struct Header<K> {
    pub(super) row: u32,
    pub(super) columns: HashMap<K, u32>,
}

impl Layout {
    /// Finds every label of the sheet, in one pass over its cells.
    pub fn scan(grid: &Grid) -> Layout {
        let l = labels();
        let mut layout = Layout {
            sections: HashMap::new(),
            labels: HashMap::new(),
            label_cells: Default::default(),
            inline: HashMap::new(),
            title: None,
            heading: None,
            money_unit: None,
            key_task_header: None,
            indicator_header: None,
        };
        for (pos, value) in grid.cells() {
            let CellValue::Text(raw) = value else {
                continue;
            };
            if raw.chars().count() > MAX_LABEL_CHARS {
                continue;
            }
            let cleaned = text::clean(raw);
            if layout.money_unit.is_none() {
                layout.money_unit = text::money_unit(&cleaned);
            }
            let normal = l.normalize(&cleaned);
            if layout.heading.is_none()
                && pos.0 <= grid.bounds().0 .0 + 3
                && normal.ends_with('表')
                && normal.contains("绩效")
            {
                layout.heading = Some(pos);
            }
            let mut matched = false;
            for &label in l.matches(&normal) {
                matched = true;
                layout.labels.entry(label).or_default().push(pos);
                layout.label_cells.insert(pos);
                match label {
                    Label::Section(SectionLabel::Title) => {
                        layout.title.get_or_insert(pos);
                    }
                    Label::Section(section) => {
                        layout.sections.entry(section).or_insert(pos);
                    }
                    _ => {}
                }
            }
            if layout.title.is_none() && normal.ends_with("绩效目标申报表") {
                layout.title = Some(pos);
            }
            if !matched {
                layout.scan_inline(pos, &cleaned);
            }
        }
        layout.key_task_header = layout.header_of(
            &[
                KeyTaskColumnLabel::Name,
                KeyTaskColumnLabel::Content,
                KeyTaskColumnLabel::Funds,
                KeyTaskColumnLabel::ExpectedOutcome,
            ],
            3,
        );
        layout.indicator_header = layout.header_of(
            &[
                IndicatorColumnLabel::Level1,
                IndicatorColumnLabel::Level2,
                IndicatorColumnLabel::Name,
                IndicatorColumnLabel::PeriodValue,
                IndicatorColumnLabel::AnnualValue,
            ],
            3,
        );
        layout
    }

    /// `label:value` in one cell: the label is recorded at the cell, the value beside it.
    fn scan_inline(&mut self, pos: Pos, cleaned: &str) {
        let Some((head, rest)) = cleaned.split_once([':', '：']) else {
            return;
        };
        let rest = rest.trim();
        if rest.is_empty() {
            return;
        }
        let l = labels();
        let normal = l.normalize(head);
        // The header facts of every kind: 部门名称, 项目名称, a self-evaluation's 实施单位 ….
        for &label in l.matches(&normal) {
            if !matches!(
                label,
                Label::Section(_) | Label::Project(_) | Label::Evaluation(_)
            ) {
                continue;
            }
            self.labels.entry(label).or_default().push(pos);
            self.label_cells.insert(pos);
            if let Label::Section(section) = label {
                self.sections.entry(section).or_insert(pos);
            }
            self.inline.insert(pos, rest.to_string());
        }
    }

    /// Every cell holding `label`, in row-major order.
    pub(super) fn all(&self, label: impl Into<Label>) -> &[Pos] {
        self.labels.get(&label.into()).map_or(&[], Vec::as_slice)
    }

    /// Whether the sheet reads as a form at all: enough of the department form's sections, or
    /// an indicator table (an indicator table alone makes a performance form).
    pub(super) fn is_a_form(&self) -> bool {
        self.score() >= super::MIN_SCORE || self.indicator_header.is_some()
    }

    /// The header row of a table: the first row holding at least `needed` of the column
    /// labels `keys` (the row's other labels of the group are columns too).
    pub(super) fn header_of<K: LabelKey>(&self, keys: &[K], needed: usize) -> Option<Header<K>> {
        let mut by_row: HashMap<u32, HashMap<K, u32>> = HashMap::new();
        for (label, cells) in &self.labels {
            let Some(key) = K::from_label(*label) else {
                continue;
            };
            for &(r, c) in cells {
                by_row.entry(r).or_default().entry(key).or_insert(c);
            }
        }
        let mut rows: Vec<_> = by_row
            .into_iter()
            .filter(|(_, cols)| keys.iter().filter(|k| cols.contains_key(*k)).count() >= needed)
            .collect();
        rows.sort_by_key(|(r, _)| *r);
        let (row, columns) = rows.into_iter().next()?;
        Some(Header { row, columns })
    }

    /// How much this sheet looks like the form: sections found, plus the tables' headers.
    pub fn score(&self) -> usize {
        SECTION_KEYS
            .iter()
            .filter(|k| self.sections.contains_key(*k))
            .count()
            + 2 * usize::from(self.indicator_header.is_some())
            + usize::from(self.key_task_header.is_some())
    }

    /// The first cell holding `label`.
    pub(super) fn first(&self, label: impl Into<Label>) -> Option<Pos> {
        self.labels
            .get(&label.into())
            .and_then(|v| v.first().copied())
    }

    /// Rows where a section (other than `except`) or a table header starts: where a table
    /// above ends.
    pub(super) fn boundaries(&self, except: SectionLabel) -> Vec<u32> {
        let mut rows: Vec<u32> = self
            .sections
            .iter()
            .filter(|(k, _)| **k != except)
            .map(|(_, p)| p.0)
            .chain(self.key_task_header.as_ref().map(|h| h.row))
            .chain(self.indicator_header.as_ref().map(|h| h.row))
            .collect();
        rows.sort_unstable();
        rows
    }
}

/// A 一级/二级 label as the form names it, without what people add around it: line breaks
/// inside ("经济效益\n指标"), a trailing annotation ("(必填)", "（50分）").
pub(super) fn clean_level(raw: &str) -> String {
    let mut label: String = text::clean(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    loop {
        let trimmed = label.trim_end_matches([':', '：']);
        let cut = if trimmed.ends_with(')') {
            trimmed.rfind('(')
        } else if trimmed.ends_with('）') {
            trimmed.rfind('（')
        } else {
            None
        };
        match cut {
            Some(i) if i > 0 => label.truncate(i),
            _ if trimmed.len() != label.len() => label.truncate(trimmed.len()),
            _ => return label,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_labels_lose_annotations_only() {
        assert_eq!(clean_level("数量指标(必填)"), "数量指标");
        assert_eq!(clean_level("产出指标（50分）"), "产出指标");
        assert_eq!(clean_level("经济效益\n指标"), "经济效益指标");
        assert_eq!(clean_level(" 生态效益指标 "), "生态效益指标");
        assert_eq!(clean_level("(必填)"), "(必填)");
    }
}
