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

/// The groups of labels: the department form's and the shared ones in `templates/labels.toml`,
/// the project form's in `templates/labels-project.toml`, the self-evaluation's in
/// `templates/labels-self-evaluation.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// The department form's sections.
    Section,
    /// 基本信息.
    BasicInfo,
    /// The eight budget figures.
    Budget,
    /// The budget grid's header labels.
    BudgetHeaders,
    /// 年度重点工作任务's header row.
    KeyTaskColumns,
    /// The indicator table's header row (every kind).
    IndicatorColumns,
    /// Words that end a table (合计, 总分, 注, 填表人 …).
    TableEnd,
    /// The project form's header facts.
    Project,
    /// The project form's money block.
    Funds,
    /// The project form's goals.
    ProjectGoals,
    /// The flat export's own columns.
    FlatColumns,
    /// The self-evaluation's header facts and sections.
    Evaluation,
    /// The self-evaluation's budget-execution header and lines.
    Execution,
    /// The self-evaluation goals' sub-headers.
    EvaluationGoals,
    /// What follows the self-evaluation's indicators.
    EvaluationEnd,
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
            Group::TableEnd => "table_end",
            Group::Project => "project",
            Group::Funds => "funds",
            Group::ProjectGoals => "project_goals",
            Group::FlatColumns => "flat_columns",
            Group::Evaluation => "evaluation",
            Group::Execution => "execution",
            Group::EvaluationGoals => "evaluation_goals",
            Group::EvaluationEnd => "evaluation_end",
        }
    }

    /// Every group, in the files' order.
    pub const ALL: [Group; 15] = [
        Group::Section,
        Group::BasicInfo,
        Group::Budget,
        Group::BudgetHeaders,
        Group::KeyTaskColumns,
        Group::IndicatorColumns,
        Group::TableEnd,
        Group::Project,
        Group::Funds,
        Group::ProjectGoals,
        Group::FlatColumns,
        Group::Evaluation,
        Group::Execution,
        Group::EvaluationGoals,
        Group::EvaluationEnd,
    ];
}

/// The label files compiled in: the department form's (with the shared groups and the
/// traditional characters), the project form's, the self-evaluation's.
const FILES: [(&str, &str); 3] = [
    (
        "templates/labels.toml",
        include_str!("../templates/labels.toml"),
    ),
    (
        "templates/labels-project.toml",
        include_str!("../templates/labels-project.toml"),
    ),
    (
        "templates/labels-self-evaluation.toml",
        include_str!("../templates/labels-self-evaluation.toml"),
    ),
];

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
    traditional: Option<Traditional>,
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
    Labels::from_files(&FILES).unwrap_or_else(|e| panic!("the compiled-in labels are invalid: {e}"))
});

/// The labels compiled into the binary.
pub fn labels() -> &'static Labels {
    &LABELS
}

impl Labels {
    #[cfg(test)]
    fn from_toml(text: &str) -> Result<Labels, String> {
        Labels::from_files(&[("labels.toml", text)])
    }

    /// Loads the label files; every group must be in exactly one of them, and the first file
    /// holds the traditional characters.
    fn from_files(files: &[(&str, &str)]) -> Result<Labels, String> {
        let mut parsed = Vec::with_capacity(files.len());
        for (name, text) in files {
            let file: LabelsFile = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
            parsed.push((*name, file));
        }
        let mut traditional = HashMap::new();
        let pairs = parsed
            .first()
            .and_then(|(_, f)| f.traditional.as_ref())
            .ok_or_else(|| "missing table [traditional]".to_string())?;
        for pair in &pairs.pairs {
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
            let found: Vec<&toml::Table> = parsed
                .iter()
                .filter_map(|(_, f)| f.groups.get(group.table()))
                .collect();
            let table = match found.as_slice() {
                [table] => *table,
                [] if parsed.len() == 1 && group as usize > Group::IndicatorColumns as usize => {
                    // A single test file need not carry the other kinds' groups.
                    continue;
                }
                [] => return Err(format!("missing table [{}]", group.table())),
                _ => return Err(format!("table [{}] is defined twice", group.table())),
            };
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
    /// a required-field mark (`*`, `★`) before or after removed, a leading `其中:` removed, a
    /// trailing unit statement (`单位:万元`) removed, a trailing colon and a trailing
    /// parenthetical removed.
    pub fn normalize(&self, text: &str) -> String {
        let mut out: String = text
            .nfkc()
            .filter(|c| !c.is_whitespace())
            .map(|c| self.traditional.get(&c).copied().unwrap_or(c))
            .collect();
        let marks: &[char] = &['*', '★', '☆', '※'];
        loop {
            let before = out.len();
            let trimmed = out.trim_start_matches(marks).trim_end_matches(marks);
            if trimmed.len() != out.len() {
                out = trimmed.to_string();
            }
            if let Some(rest) = out.strip_prefix("其中:") {
                out = rest.to_string();
            }
            if let Some(at) = out.rfind("单位:") {
                let unit = &out[at + "单位:".len()..];
                if at > 0 && matches!(unit, "万元" | "元" | "千元" | "亿元") {
                    out.truncate(at);
                    if out.ends_with("金额") {
                        out.truncate(out.len() - "金额".len());
                    }
                }
            }
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
