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

mod normalize;
#[cfg(test)]
mod tables;

// TRADITIONAL, CANONICAL and BY_TEXT: build.rs turns templates/labels*.toml into these.
include!(concat!(env!("OUT_DIR"), "/labels.rs"));

/// All labels, as build.rs wrote them into the binary: sorted tables, nothing to load.
pub struct Labels {
    _private: (),
}

static LABELS: Labels = Labels { _private: () };

/// The labels compiled into the binary.
pub fn labels() -> &'static Labels {
    &LABELS
}

impl Labels {
    /// The canonical label of `key` in `group`, as the writer prints it.
    ///
    /// Panics when the key is not in `templates/labels.toml`: keys are the program's own constants.
    pub fn canonical(&self, group: Group, key: &str) -> &'static str {
        match CANONICAL.binary_search_by(|(g, k, _)| (*g as usize, *k).cmp(&(group as usize, key)))
        {
            Ok(at) => CANONICAL[at].2,
            Err(_) => panic!("templates/labels*.toml have no key {key} in {group:?}"),
        }
    }

    /// The key whose label or synonym `text` is, after normalising.
    pub fn key_of(&self, group: Group, text: &str) -> Option<&'static str> {
        self.key_of_normalized(group, &self.normalize(text))
    }

    /// Like [`Labels::key_of`], for text already passed through [`Labels::normalize`]: lets a
    /// caller normalise a cell once and look it up in several groups.
    pub fn key_of_normalized(&self, group: Group, normal: &str) -> Option<&'static str> {
        self.matches(normal)
            .iter()
            .find(|(g, _)| *g == group)
            .map(|(_, key)| *key)
    }

    /// Every (group, key) whose label or synonym is `normal` (already normalised), in the
    /// groups' order: the label scan looks each cell up once for all groups.
    pub fn matches(&self, normal: &str) -> &'static [(Group, &'static str)] {
        if normal.is_empty() {
            return &[];
        }
        match BY_TEXT.binary_search_by(|(text, _)| (*text).cmp(normal)) {
            Ok(at) => BY_TEXT[at].1,
            Err(_) => &[],
        }
    }

    /// Normalises a label for comparison: NFKC, traditional → simplified, whitespace removed,
    /// a required-field mark (`*`, `★`) before or after removed, a leading `其中:` removed, a
    /// trailing unit statement (`单位:万元`) removed, a trailing colon and a trailing
    /// parenthetical removed.
    pub fn normalize(&self, text: &str) -> String {
        normalize::normalize(text, &TRADITIONAL)
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
        let err = tables::load(&[("labels.toml", text)])
            .err()
            .unwrap_or_default();
        assert!(err.contains("already used"), "{err}");
    }
}
