//! The form's labels and their synonyms, from `templates/labels.toml`.
//!
//! ```
//! use jixiao::labels::{labels, Group};
//!
//! let l = labels();
//! assert_eq!(l.canonical(Group::Section, "department"), "部门名称");
//! // Synonyms, full-width forms, spaces, traditional characters and trailing colons all match.
//! assert_eq!(l.key_of(Group::Section, "部门（单位）名称："), Some("department"));
//! assert_eq!(l.key_of(Group::Section, "基 本 信 息"), Some("basic_info"));
//! assert_eq!(l.key_of(Group::Section, "績效指標"), Some("indicators"));
//! assert_eq!(l.key_of(Group::Section, "无关的文字"), None);
//! ```

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// The groups of labels in `templates/labels.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    Section,
    BasicInfo,
    Budget,
    BudgetHeaders,
    KeyTaskColumns,
    IndicatorColumns,
}

impl Group {
    fn table(self) -> &'static str {
        match self {
            Group::Section => "section",
            Group::BasicInfo => "basic_info",
            Group::Budget => "budget",
            Group::BudgetHeaders => "budget_headers",
            Group::KeyTaskColumns => "key_task_columns",
            Group::IndicatorColumns => "indicator_columns",
        }
    }

    /// Every group, in the file's order.
    pub const ALL: [Group; 6] = [
        Group::Section,
        Group::BasicInfo,
        Group::Budget,
        Group::BudgetHeaders,
        Group::KeyTaskColumns,
        Group::IndicatorColumns,
    ];
}

#[derive(Deserialize)]
struct LabelEntry {
    label: String,
    #[serde(default)]
    synonyms: Vec<String>,
}

#[derive(Deserialize)]
struct Traditional {
    pairs: Vec<String>,
}

#[derive(Deserialize)]
struct LabelsFile {
    #[serde(flatten)]
    groups: HashMap<String, toml::Table>,
    traditional: Traditional,
}

/// All labels, loaded once.
pub struct Labels {
    /// (group, key) → canonical label.
    canonical: HashMap<(Group, String), String>,
    /// (group, normalised label or synonym) → key.
    by_text: HashMap<(Group, String), String>,
    traditional: HashMap<char, char>,
}

static LABELS: LazyLock<Labels> = LazyLock::new(|| {
    Labels::from_toml(include_str!("../templates/labels.toml"))
        .unwrap_or_else(|e| panic!("templates/labels.toml is invalid: {e}"))
});

/// The labels compiled into the binary.
pub fn labels() -> &'static Labels {
    &LABELS
}

impl Labels {
    fn from_toml(text: &str) -> Result<Labels, String> {
        let file: LabelsFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut traditional = HashMap::new();
        for pair in &file.traditional.pairs {
            let mut chars = pair.chars();
            match (chars.next(), chars.next(), chars.next()) {
                (Some(t), Some(s), None) => {
                    traditional.insert(t, s);
                }
                _ => return Err(format!("traditional pair {pair:?} is not two characters")),
            }
        }
        let mut labels = Labels {
            canonical: HashMap::new(),
            by_text: HashMap::new(),
            traditional,
        };
        for group in Group::ALL {
            let table = file
                .groups
                .get(group.table())
                .ok_or_else(|| format!("missing table [{}]", group.table()))?;
            for (key, value) in table {
                let entry: LabelEntry = value
                    .clone()
                    .try_into()
                    .map_err(|e| format!("[{}].{key}: {e}", group.table()))?;
                for text in std::iter::once(&entry.label).chain(&entry.synonyms) {
                    let normal = labels.normalize(text);
                    if let Some(other) = labels.by_text.insert((group, normal.clone()), key.clone())
                    {
                        if &other != key {
                            return Err(format!(
                                "[{}]: {text:?} normalises to {normal:?}, already used by {other}",
                                group.table()
                            ));
                        }
                    }
                }
                labels.canonical.insert((group, key.clone()), entry.label);
            }
        }
        Ok(labels)
    }

    /// The canonical label of `key` in `group`, as the writer prints it.
    ///
    /// Panics when the key is not in `templates/labels.toml`: keys are the program's own constants.
    pub fn canonical(&self, group: Group, key: &str) -> &str {
        match self.canonical.get(&(group, key.to_string())) {
            Some(label) => label,
            None => panic!("templates/labels.toml has no [{}].{key}", group.table()),
        }
    }

    /// The key whose label or synonym `text` is, after normalising.
    pub fn key_of(&self, group: Group, text: &str) -> Option<&str> {
        let normal = self.normalize(text);
        if normal.is_empty() {
            return None;
        }
        self.by_text.get(&(group, normal)).map(String::as_str)
    }

    /// Like [`Labels::key_of`], for text already passed through [`Labels::normalize`]: lets a
    /// caller normalise a cell once and look it up in several groups.
    pub fn key_of_normalized(&self, group: Group, normal: &str) -> Option<&str> {
        if normal.is_empty() {
            return None;
        }
        self.by_text
            .get(&(group, normal.to_string()))
            .map(String::as_str)
    }

    /// Normalises a label for comparison: NFKC, traditional → simplified, whitespace removed,
    /// a trailing colon and a trailing parenthetical removed.
    pub fn normalize(&self, text: &str) -> String {
        let mut out: String = text
            .nfkc()
            .filter(|c| !c.is_whitespace())
            .map(|c| self.traditional.get(&c).copied().unwrap_or(c))
            .collect();
        loop {
            let before = out.len();
            while out.ends_with(':') {
                out.pop();
            }
            if out.ends_with(')') {
                if let Some(open) = out.rfind('(') {
                    if open > 0 {
                        out.truncate(open);
                    }
                }
            }
            if out.len() == before {
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_labels_load() {
        let l = labels();
        assert_eq!(l.canonical(Group::Budget, "special_funds"), "财政专项资金");
        assert_eq!(
            l.canonical(Group::Section, "other_tasks"),
            "其他需完成的任务（可选填）"
        );
    }

    #[test]
    fn normalising_removes_what_people_add_around_labels() {
        let l = labels();
        assert_eq!(l.normalize(" 总体绩效目标： "), "总体绩效目标");
        assert_eq!(l.normalize("数量指标(必填)"), "数量指标");
        assert_eq!(l.normalize("产出指标（50分）"), "产出指标");
        assert_eq!(l.normalize("经济效益\n指标"), "经济效益指标");
        assert_eq!(l.normalize("預算整體情況"), "预算整体情况");
    }

    #[test]
    fn synonyms_match_their_key() {
        let l = labels();
        assert_eq!(l.key_of(Group::Section, "年度主要任务"), Some("key_tasks"));
        assert_eq!(
            l.key_of(Group::Section, "年度总体目标"),
            Some("overall_goals")
        );
        assert_eq!(l.key_of(Group::Section, "年度绩效指标"), Some("indicators"));
        assert_eq!(
            l.key_of(Group::IndicatorColumns, "一级目标"),
            Some("level1")
        );
        assert_eq!(
            l.key_of(Group::IndicatorColumns, "目标值"),
            Some("annual_value")
        );
        assert_eq!(l.key_of(Group::IndicatorColumns, "度量单位"), Some("unit"));
        assert_eq!(
            l.key_of(Group::KeyTaskColumns, "拟投入的资金 (万元)"),
            Some("funds")
        );
    }

    #[test]
    fn a_label_claimed_by_two_keys_is_rejected() {
        let text = r#"
            [section]
            a = { label = "部门名称" }
            b = { label = "部门名称：" }
            [basic_info]
            [budget]
            [budget_headers]
            [key_task_columns]
            [indicator_columns]
            [traditional]
            pairs = []
        "#;
        let err = Labels::from_toml(text).err().unwrap_or_default();
        assert!(err.contains("already used"), "{err}");
    }
}
