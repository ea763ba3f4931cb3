//! The diagnostics' codes, severities and texts (Chinese and English), from
//! `templates/diagnostics.toml`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// How bad a finding is: errors fail the check (exit 1), warnings do not; a note (`info`, 提示)
/// only informs — nothing to correct (a weight that departs from the usual but is allowed, a unit
/// the score converted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The form is wrong: `jixiao check` exits 1.
    Error,
    /// Worth a look; the check still passes.
    Warning,
    /// For information only (提示, blue): nothing to correct.
    Info,
}

// A leaf: nothing here comes from the rest of `check`, whose rules build on these codes.

/// Every diagnostic `jixiao check` can report. The string form is the stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// The budget's two totals (by expenditure and by source of funds) disagree.
    BudgetTotalMismatch,
    /// One budget figure is blank (counted as 0 in the totals).
    BudgetMissingFigure,
    /// Every budget figure is blank.
    BudgetEmpty,
    /// The key tasks' funds do not add up to 项目支出 + 其他发展支出.
    TasksFundsMismatch,
    /// A key task has no funds filled in.
    TasksMissingFunds,
    /// The department's name is blank.
    RequiredDepartment,
    /// No overall goal (总体绩效目标).
    RequiredGoals,
    /// No key task (年度重点工作任务).
    RequiredKeyTasks,
    /// No indicator row.
    RequiredIndicators,
    /// A first-level indicator the framework expects is missing.
    RequiredLevel1,
    /// A first-level indicator the framework does not know.
    FrameworkUnknownLevel1,
    /// A second-level indicator the framework does not know under its first level.
    FrameworkUnknownLevel2,
    /// A second-level indicator placed under another first level than its own.
    FrameworkWrongLevel1,
    /// An indicator row with a blank 一级 or 二级.
    FrameworkBlankLevel,
    /// An indicator row without a name (三级指标).
    IndicatorsEmptyName,
    /// An indicator without a target value.
    IndicatorsEmptyValue,
    /// Two indicators of the same name under one 二级.
    IndicatorsDuplicateName,
    /// A value that is a comparison sign with no number (`≥`).
    IndicatorsSignWithoutNumber,
    /// A value the template left unfilled (`≥**人次`, `XX`).
    IndicatorsPlaceholderValue,
    /// The period and annual values of one indicator use different units.
    IndicatorsUnitMismatch,
    /// The annual value goes beyond the whole period's value.
    IndicatorsAnnualBeyondPeriod,
    /// A rate indicator asking for more than 100%.
    IndicatorsRateOver100,
    /// A negative amount.
    MoneyNegative,
    /// An amount carrying a formula's floating-point error (`0.30000000000000004`).
    MoneyFloatNoise,
    /// An amount with more than two decimals.
    MoneyTooManyDecimals,
    /// A project form without its 项目名称.
    ProjectRequiredName,
    /// A project's total funds differ from the sum of their sources.
    ProjectFundsMismatch,
    /// A project's funds items do not add up to their total.
    ProjectItemsMismatch,
    /// A cost indicator's amount exceeds the project's total funds: 元 written for 万元 or back.
    ProjectUnitMismatch,
    /// A timeliness indicator's deadline after the project ends.
    ProjectDeadlineAfterEnd,
    /// A cost indicator written with `≥` (costs are capped with `≤`).
    ProjectCostWithGe,
    /// A project form lacking one of 产出, 效益 or 满意度指标.
    ProjectMissingLevel1,
    // Self-evaluations (src/check/self_evaluation.rs).
    /// A score written on a self-evaluation differs from the one the rules give.
    ScoreDiffers,
    /// A qualitative indicator's written score outside its grade's band.
    ScoreOutsideBand,
    /// A row short of full marks without 偏差原因分析及改进措施.
    ScoreMissingDeviation,
    /// The written total differs from the sum of the written scores.
    ScoreTotalMismatch,
    /// The weights (分值) do not add up to the total the rules expect.
    ScoreWeightsNot100,
    /// The written execution rate differs from 全年执行数 ÷ budget.
    ScoreRateMismatch,
    /// A 一级's weights depart from the usual split (a note: allowed where there is reason).
    ScoreSkeleton,
    /// The actual value's unit differs from the annual target's.
    ScoreUnitMismatch,
    /// Indicators scored far above the budget execution: every target met, the money not spent.
    ScorePerformanceAboveSpending,
}

impl Code {
    /// Every code, one of each (the catalog is checked against it when it loads).
    pub const ALL: [Code; 41] = [
        Code::BudgetTotalMismatch,
        Code::BudgetMissingFigure,
        Code::BudgetEmpty,
        Code::TasksFundsMismatch,
        Code::TasksMissingFunds,
        Code::RequiredDepartment,
        Code::RequiredGoals,
        Code::RequiredKeyTasks,
        Code::RequiredIndicators,
        Code::RequiredLevel1,
        Code::FrameworkUnknownLevel1,
        Code::FrameworkUnknownLevel2,
        Code::FrameworkWrongLevel1,
        Code::FrameworkBlankLevel,
        Code::IndicatorsEmptyName,
        Code::IndicatorsEmptyValue,
        Code::IndicatorsDuplicateName,
        Code::IndicatorsSignWithoutNumber,
        Code::IndicatorsPlaceholderValue,
        Code::IndicatorsUnitMismatch,
        Code::IndicatorsAnnualBeyondPeriod,
        Code::IndicatorsRateOver100,
        Code::MoneyNegative,
        Code::MoneyFloatNoise,
        Code::MoneyTooManyDecimals,
        Code::ProjectRequiredName,
        Code::ProjectFundsMismatch,
        Code::ProjectItemsMismatch,
        Code::ProjectUnitMismatch,
        Code::ProjectDeadlineAfterEnd,
        Code::ProjectCostWithGe,
        Code::ProjectMissingLevel1,
        Code::ScoreDiffers,
        Code::ScoreOutsideBand,
        Code::ScoreMissingDeviation,
        Code::ScoreTotalMismatch,
        Code::ScoreWeightsNot100,
        Code::ScoreRateMismatch,
        Code::ScoreSkeleton,
        Code::ScoreUnitMismatch,
        Code::ScorePerformanceAboveSpending,
    ];

    /// The stable code, e.g. `budget.total_mismatch`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::BudgetTotalMismatch => "budget.total_mismatch",
            Code::BudgetMissingFigure => "budget.missing_figure",
            Code::BudgetEmpty => "budget.empty",
            Code::TasksFundsMismatch => "tasks.funds_mismatch",
            Code::TasksMissingFunds => "tasks.missing_funds",
            Code::RequiredDepartment => "required.department",
            Code::RequiredGoals => "required.goals",
            Code::RequiredKeyTasks => "required.key_tasks",
            Code::RequiredIndicators => "required.indicators",
            Code::RequiredLevel1 => "required.level1",
            Code::FrameworkUnknownLevel1 => "framework.unknown_level1",
            Code::FrameworkUnknownLevel2 => "framework.unknown_level2",
            Code::FrameworkWrongLevel1 => "framework.wrong_level1",
            Code::FrameworkBlankLevel => "framework.blank_level",
            Code::IndicatorsEmptyName => "indicators.empty_name",
            Code::IndicatorsEmptyValue => "indicators.empty_value",
            Code::IndicatorsDuplicateName => "indicators.duplicate_name",
            Code::IndicatorsSignWithoutNumber => "indicators.sign_without_number",
            Code::IndicatorsPlaceholderValue => "indicators.placeholder_value",
            Code::IndicatorsUnitMismatch => "indicators.unit_mismatch",
            Code::IndicatorsAnnualBeyondPeriod => "indicators.annual_beyond_period",
            Code::IndicatorsRateOver100 => "indicators.rate_over_100",
            Code::MoneyNegative => "money.negative",
            Code::MoneyFloatNoise => "money.float_noise",
            Code::MoneyTooManyDecimals => "money.too_many_decimals",
            Code::ProjectRequiredName => "project.required_name",
            Code::ProjectFundsMismatch => "project.funds_mismatch",
            Code::ProjectItemsMismatch => "project.items_mismatch",
            Code::ProjectUnitMismatch => "project.unit_mismatch",
            Code::ProjectDeadlineAfterEnd => "project.deadline_after_end",
            Code::ProjectCostWithGe => "project.cost_with_ge",
            Code::ProjectMissingLevel1 => "project.missing_level1",
            Code::ScoreDiffers => "score.differs",
            Code::ScoreOutsideBand => "score.outside_band",
            Code::ScoreMissingDeviation => "score.missing_deviation",
            Code::ScoreTotalMismatch => "score.total_mismatch",
            Code::ScoreWeightsNot100 => "score.weights_not_100",
            Code::ScoreRateMismatch => "score.rate_mismatch",
            Code::ScoreSkeleton => "score.skeleton",
            Code::ScoreUnitMismatch => "score.unit_mismatch",
            Code::ScorePerformanceAboveSpending => "score.performance_above_spending",
        }
    }

    fn split(self) -> (&'static str, &'static str) {
        let code = self.as_str();
        code.split_once('.').unwrap_or((code, ""))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One text in both languages (`message.zh`, `message.en`).
pub use crate::i18n::Bilingual as Texts;

/// One code's texts.
#[derive(Debug, Deserialize)]
pub struct Entry {
    pub severity: Severity,
    pub message: Texts,
    #[serde(default)]
    pub hint: Option<Texts>,
    /// Pieces a rule assembles into a placeholder (`agreeing_note`, `blank_term`).
    #[serde(flatten)]
    pub fragments: BTreeMap<String, Texts>,
}

/// What a value with a sign but no number looks like.
#[derive(Debug, Deserialize)]
pub struct Notation {
    pub signs: Vec<String>,
    pub numerals: String,
    pub units: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct CatalogFile {
    report: BTreeMap<String, Texts>,
    common: BTreeMap<String, Texts>,
    notation: Notation,
    #[serde(flatten)]
    families: BTreeMap<String, BTreeMap<String, Entry>>,
}

/// The whole catalog, loaded once.
#[derive(Debug)]
pub struct Catalog {
    file: CatalogFile,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    crate::shipped::DIAGNOSTICS
        .try_read()
        .and_then(Catalog::checked)
        .unwrap_or_else(|e| panic!("templates/diagnostics.toml is invalid: {e}"))
});

/// The catalog compiled into the binary.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

impl Catalog {
    #[cfg(test)]
    fn from_toml(text: &str) -> Result<Catalog, String> {
        Catalog::checked(toml::from_str(text).map_err(|e| e.to_string())?)
    }

    /// The catalog of `file`, when it has an entry for every code and none for another.
    fn checked(mut file: CatalogFile) -> Result<Catalog, String> {
        // Longest sign first, so that 不低于 is removed before 低于.
        file.notation
            .signs
            .sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        let catalog = Catalog { file };
        for code in Code::ALL {
            let (family, name) = code.split();
            if catalog
                .file
                .families
                .get(family)
                .and_then(|f| f.get(name))
                .is_none()
            {
                return Err(format!("no entry [{code}]"));
            }
        }
        for (family, entries) in &catalog.file.families {
            for name in entries.keys() {
                let known = Code::ALL
                    .iter()
                    .any(|c| c.split() == (family.as_str(), name.as_str()));
                if !known {
                    return Err(format!("[{family}.{name}] is not a code the check emits"));
                }
            }
        }
        Ok(catalog)
    }

    pub fn entry(&self, code: Code) -> &Entry {
        let (family, name) = code.split();
        match self.file.families.get(family).and_then(|f| f.get(name)) {
            Some(entry) => entry,
            // `checked` verified every code has an entry.
            None => panic!("templates/diagnostics.toml has no [{code}]"),
        }
    }

    /// A fragment of a code's entry, filled with `args`.
    pub fn fragment(&self, code: Code, name: &str, args: &[(&str, String)]) -> String {
        match self.entry(code).fragments.get(name) {
            Some(template) => fill(template.get(), args),
            None => panic!("templates/diagnostics.toml has no [{code}].{name}"),
        }
    }

    /// A shared piece from `[common]`, filled with `args`.
    pub fn common(&self, name: &str, args: &[(&str, String)]) -> String {
        match self.file.common.get(name) {
            Some(template) => fill(template.get(), args),
            None => panic!("templates/diagnostics.toml has no [common].{name}"),
        }
    }

    /// A word of the report from `[report]`, filled with `args`.
    pub fn report(&self, name: &str, args: &[(&str, String)]) -> String {
        match self.file.report.get(name) {
            Some(template) => fill(template.get(), args),
            None => panic!("templates/diagnostics.toml has no [report].{name}"),
        }
    }

    /// A `[report]` text about `count` things (`errors`, `warnings`): English has its singular.
    pub fn report_count(&self, name: &str, count: usize) -> String {
        let Some(texts) = self.file.report.get(name) else {
            panic!("templates/diagnostics.toml has no [report].{name}");
        };
        let template = match (&texts.en_one, crate::i18n::lang(), count) {
            (Some(one), crate::i18n::Lang::En, 1) => one.as_str(),
            _ => texts.get(),
        };
        fill(template, &[("count", count.to_string())])
    }

    /// Every text of the catalog, named `family.name.key` (`report.error`,
    /// `budget.total_mismatch.hint`), for the tests that hold both languages to the same
    /// placeholders.
    #[cfg(test)]
    pub fn all_texts(&self) -> Vec<(String, &Texts)> {
        let mut all = Vec::new();
        for (name, texts) in &self.file.report {
            all.push((format!("report.{name}"), texts));
        }
        for (name, texts) in &self.file.common {
            all.push((format!("common.{name}"), texts));
        }
        for (family, entries) in &self.file.families {
            for (name, entry) in entries {
                all.push((format!("{family}.{name}.message"), &entry.message));
                if let Some(hint) = &entry.hint {
                    all.push((format!("{family}.{name}.hint"), hint));
                }
                for (key, texts) in &entry.fragments {
                    all.push((format!("{family}.{name}.{key}"), texts));
                }
            }
        }
        all
    }

    pub fn notation(&self) -> &Notation {
        &self.file.notation
    }
}

/// Replaces each `{name}` in `template` with its argument. The arguments are not scanned again, so
/// text from the form that contains braces is kept as it is.
///
/// A placeholder without an argument is a bug in a rule: debug builds (the tests) stop on it,
/// release builds leave it visible in the message.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        debug_assert!(false, "no argument {{{name}}} for template {template:?}");
                        out.push_str(&rest[open..open + close + 2]);
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_entries_are_templates_diagnostics_toml() {
        crate::shipped::DIAGNOSTICS.assert_reads_as_its_toml::<CatalogFile>();
    }

    #[test]
    fn the_compiled_in_catalog_has_every_code() {
        for code in Code::ALL {
            assert!(!catalog().entry(code).message.zh.is_empty(), "{code}");
        }
        assert_eq!(
            catalog().entry(Code::BudgetTotalMismatch).severity,
            Severity::Error
        );
        assert_eq!(
            catalog().entry(Code::RequiredLevel1).severity,
            Severity::Warning
        );
    }

    #[test]
    fn an_entry_for_an_unknown_code_is_rejected() {
        let mut text = include_str!("../../templates/diagnostics.toml").to_string();
        text.push_str(
            "\n[budget.made_up]\nseverity = \"error\"\nmessage.zh = \"x\"\nmessage.en = \"x\"\n",
        );
        let err = Catalog::from_toml(&text).err().unwrap_or_default();
        assert!(err.contains("budget.made_up"), "{err}");
    }

    #[test]
    fn filling_keeps_braces_in_arguments() {
        let filled = fill("名称「{name}」为空", &[("name", "{x}".to_string())]);
        assert_eq!(filled, "名称「{x}」为空");
    }

    #[test]
    fn signs_are_tried_longest_first() {
        let signs = &catalog().notation().signs;
        let long = signs.iter().position(|s| s == "不低于");
        let short = signs.iter().position(|s| s == "低于");
        assert!(long < short, "{signs:?}");
    }
}
