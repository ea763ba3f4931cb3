//! The form's labels and their synonyms, from `templates/labels.toml`.
//!
//! Each group's labels are an enum that build.rs generates from the files
//! ([`SectionLabel`], [`IndicatorColumnLabel`] …; variants named after the TOML keys), so a
//! label the program names and the files lack does not compile.
//!
//! ```
//! use jixiao::labels::{labels, SectionLabel};
//!
//! assert_eq!(SectionLabel::Department.canonical(), "部门名称");
//! let l = labels();
//! // Synonyms, full-width forms, spaces, traditional characters and trailing colons all match.
//! assert_eq!(l.key_of("部门（单位）名称："), Some(SectionLabel::Department));
//! assert_eq!(l.key_of("基 本 信 息"), Some(SectionLabel::BasicInfo));
//! assert_eq!(l.key_of::<SectionLabel>("績效指標"), Some(SectionLabel::Indicators));
//! assert_eq!(l.key_of::<SectionLabel>("无关的文字"), None);
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

/// What every generated label enum ([`SectionLabel`] …) shares, for code that works on any
/// group (a table's header row, a footer's words).
pub trait LabelKey: Copy + Eq + std::hash::Hash + Into<Label> + 'static {
    /// The group whose labels these are.
    const GROUP: Group;
    /// The label of this group that `label` is, if it is one.
    fn from_label(label: Label) -> Option<Self>;
    /// The key in the label file.
    fn key(self) -> &'static str;
    /// The canonical text, as the writer prints it.
    fn canonical(self) -> &'static str;
}

mod normalize;
#[cfg(test)]
mod tables;

use crate::model::BudgetField;

// TRADITIONAL, BY_TEXT, the `Label` enum and one enum per group: build.rs (build/labels.rs)
// turns templates/labels*.toml into these.
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
    /// The label of group `K` whose canonical text or synonym `text` is, after normalising.
    pub fn key_of<K: LabelKey>(&self, text: &str) -> Option<K> {
        self.key_of_normalized(&self.normalize(text))
    }

    /// Like [`Labels::key_of`], for text already passed through [`Labels::normalize`]: lets a
    /// caller normalise a cell once and look it up in several groups.
    pub fn key_of_normalized<K: LabelKey>(&self, normal: &str) -> Option<K> {
        self.matches(normal)
            .iter()
            .find_map(|label| K::from_label(*label))
    }

    /// Every label whose canonical text or synonym is `normal` (already normalised), in the
    /// groups' order: the label scan looks each cell up once for all groups.
    pub fn matches(&self, normal: &str) -> &'static [Label] {
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

impl From<BudgetField> for BudgetLabel {
    fn from(field: BudgetField) -> BudgetLabel {
        match field {
            BudgetField::BasicExpenditure => BudgetLabel::BasicExpenditure,
            BudgetField::ProjectExpenditure => BudgetLabel::ProjectExpenditure,
            BudgetField::SpecialFunds => BudgetLabel::SpecialFunds,
            BudgetField::OtherDevelopmentExpenditure => BudgetLabel::OtherDevelopmentExpenditure,
            BudgetField::FiscalAppropriation => BudgetLabel::FiscalAppropriation,
            BudgetField::OtherFunds => BudgetLabel::OtherFunds,
            BudgetField::MunicipalLevel => BudgetLabel::MunicipalLevel,
            BudgetField::TransferToLowerLevel => BudgetLabel::TransferToLowerLevel,
        }
    }
}

impl From<BudgetField> for Label {
    fn from(field: BudgetField) -> Label {
        Label::Budget(field.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_labels_load() {
        assert_eq!(BudgetLabel::SpecialFunds.canonical(), "财政专项资金");
        assert_eq!(
            SectionLabel::OtherTasks.canonical(),
            "其他需完成的任务（可选填）"
        );
        assert_eq!(
            Label::from(IndicatorColumnLabel::AnnualValue).key(),
            "annual_value"
        );
        assert_eq!(Label::from(TableEndLabel::Note).group(), Group::TableEnd);
    }

    #[test]
    fn every_label_reads_back_as_itself() {
        let l = labels();
        let every: Vec<Label> = SectionLabel::ALL
            .iter()
            .map(|&k| Label::from(k))
            .chain(BudgetLabel::ALL.iter().map(|&k| k.into()))
            .chain(IndicatorColumnLabel::ALL.iter().map(|&k| k.into()))
            .chain(ProjectLabel::ALL.iter().map(|&k| k.into()))
            .chain(ExecutionLabel::ALL.iter().map(|&k| k.into()))
            .chain(EvaluationEndLabel::ALL.iter().map(|&k| k.into()))
            .collect();
        assert!(every.len() > 40, "{}", every.len());
        for label in every {
            let normal = l.normalize(label.canonical());
            assert!(l.matches(&normal).contains(&label), "{label:?}");
        }
        for field in BudgetField::ALL {
            assert_eq!(BudgetLabel::from(field).key(), field.key(), "{field:?}");
        }
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
        assert_eq!(l.key_of("年度主要任务"), Some(SectionLabel::KeyTasks));
        assert_eq!(l.key_of("年度总体目标"), Some(SectionLabel::OverallGoals));
        assert_eq!(l.key_of("年度绩效指标"), Some(SectionLabel::Indicators));
        assert_eq!(l.key_of("一级目标"), Some(IndicatorColumnLabel::Level1));
        assert_eq!(l.key_of("目标值"), Some(IndicatorColumnLabel::AnnualValue));
        assert_eq!(l.key_of("度量单位"), Some(IndicatorColumnLabel::Unit));
        assert_eq!(
            l.key_of("拟投入的资金 (万元)"),
            Some(KeyTaskColumnLabel::Funds)
        );
        // One text, two groups: each group finds its own label.
        assert_eq!(l.key_of("主管部门"), Some(ProjectLabel::Department));
        assert_eq!(l.key_of("主管部门"), Some(SectionLabel::Department));
        assert_eq!(l.key_of::<BudgetLabel>("主管部门"), None);
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
