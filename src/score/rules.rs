//! The scoring rules as data: `templates/scoring.toml`, compiled in and validated once.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::i18n::Bilingual;
use crate::labels::labels;

/// Everything `templates/scoring.toml` says.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Scores are rounded half-up to this many decimals.
    pub decimals: u32,
    /// Rule 5's tolerance, a fraction of the target.
    pub about_tolerance: Decimal,
    /// A bare number takes the unit of the value it is compared with.
    pub bare_number_takes_other_unit: bool,
    /// Rule 8's grade words and bands, best first.
    pub qualitative: Vec<QualitativeBand>,
    /// Grade of a total, best first.
    pub grades: Vec<GradeBand>,
    /// Units that convert into one another (元 / 万元 / 亿元, % / 百分比), for comparing T with A.
    pub units: Vec<UnitFamily>,
    /// The budget execution's rules (its default weight).
    pub execution: ExecutionRules,
    /// The usual split of the 分值 per 一级 (产出 50, 效益 30 …): the template shares weights by
    /// it, the check notes a departure.
    pub skeleton: Skeleton,
    /// The check's tolerances.
    pub check: CheckRules,
    /// What the reports print, in both languages, `{name}` placeholders filled by the code.
    pub text: BTreeMap<String, Bilingual>,
    /// The scorecard sheet's column headings.
    pub sheet: SheetText,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetText {
    /// The printable sheet's column headings.
    pub columns: Headings,
}

/// The printable sheet's column headings in each language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    pub zh: Vec<String>,
    pub en: Vec<String>,
}

impl Headings {
    /// The headings in the language of [`crate::i18n::lang`].
    pub fn get(&self) -> &[String] {
        match crate::i18n::lang() {
            crate::i18n::Lang::Zh => &self.zh,
            crate::i18n::Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualitativeBand {
    /// 达成 / 部分达成 / 未达成.
    pub grade: String,
    /// Words in 实际完成值 that mean this grade.
    pub words: Vec<String>,
    /// Fractions of the row's 分值.
    pub min: Decimal,
    pub max: Decimal,
    pub max_included: bool,
    /// The computed score when none is written.
    pub unwritten: Edge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Edge {
    Min,
    Max,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub name: String,
    /// Percent of the total weight.
    pub min: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitFamily {
    pub base: String,
    /// unit → how many `base` one of it is.
    pub factors: BTreeMap<String, Decimal>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecutionRules {
    pub default_weight: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skeleton {
    /// What all 分值 (execution included) add up to.
    pub total: Decimal,
    #[serde(rename = "group")]
    pub groups: Vec<SkeletonGroup>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkeletonGroup {
    pub name: String,
    pub weight: Decimal,
    /// 一级 names in this group.
    pub level1: Vec<String>,
    #[serde(default, rename = "part")]
    pub parts: Vec<SkeletonPart>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkeletonPart {
    pub name: String,
    pub weight: Decimal,
    /// 二级 names in this part (or 一级 names, for the 2021 framework's 成本指标).
    pub level2: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRules {
    pub score_tolerance: Decimal,
    pub rate_tolerance: Decimal,
    pub performance_above_spending: Decimal,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    crate::shipped::SCORING
        .try_read::<Rules>()
        .and_then(|rules| rules.validate().map(|()| rules))
        .unwrap_or_else(|e| panic!("templates/scoring.toml is invalid: {e}"))
});

/// The rules compiled into the binary.
pub fn rules() -> &'static Rules {
    &RULES
}

impl Rules {
    /// Reads and validates a scoring profile.
    pub fn from_toml(text: &str) -> Result<Rules, String> {
        let rules: Rules = toml::from_str(text).map_err(|e| e.to_string())?;
        rules.validate()?;
        Ok(rules)
    }

    fn validate(&self) -> Result<(), String> {
        if self.decimals > 8 {
            return Err(format!("decimals = {} is more than 8", self.decimals));
        }
        let fraction = |name: &str, d: Decimal| {
            if d < Decimal::ZERO || d > Decimal::ONE {
                Err(format!("{name} = {d} is not between 0 and 1"))
            } else {
                Ok(())
            }
        };
        fraction("about_tolerance", self.about_tolerance)?;
        let mut seen = BTreeMap::new();
        for band in &self.qualitative {
            fraction(&format!("[{}].min", band.grade), band.min)?;
            fraction(&format!("[{}].max", band.grade), band.max)?;
            if band.min > band.max {
                return Err(format!("[{}]: min is above max", band.grade));
            }
            for word in &band.words {
                if let Some(other) = seen.insert(grade_key(word), &band.grade) {
                    return Err(format!("{word:?} is a word of {other} and {}", band.grade));
                }
            }
        }
        if self.grades.is_empty() || self.grades.iter().all(|g| g.min > Decimal::ZERO) {
            return Err("[[grades]] must end with a band starting at 0".to_string());
        }
        for family in &self.units {
            for (unit, factor) in &family.factors {
                if *factor <= Decimal::ZERO {
                    return Err(format!("unit {unit}: factor {factor} is not positive"));
                }
            }
        }
        for group in &self.skeleton.groups {
            let parts: Option<Decimal> = group
                .parts
                .iter()
                .try_fold(Decimal::ZERO, |sum, p| sum.checked_add(p.weight));
            if !group.parts.is_empty() && parts != Some(group.weight) {
                return Err(format!(
                    "[[skeleton.group]] {}: its parts do not add up to {}",
                    group.name, group.weight
                ));
            }
        }
        for (key, text) in &self.text {
            if text.zh.trim().is_empty() || text.en.trim().is_empty() {
                return Err(format!("[text].{key}: a language is empty"));
            }
            if crate::i18n::placeholders(&text.zh) != crate::i18n::placeholders(&text.en) {
                return Err(format!(
                    "[text].{key}: zh and en use different placeholders"
                ));
            }
        }
        if self.sheet.columns.zh.len() != self.sheet.columns.en.len() {
            return Err("[sheet].columns: zh and en differ in length".to_string());
        }
        Ok(())
    }

    /// A text of `[text]` in the language of [`crate::i18n::lang`], filled with `args`. A
    /// missing key is a bug the tests catch; release builds show the key.
    pub fn text(&self, key: &str, args: &[(&str, String)]) -> String {
        match self.text.get(key).map(Bilingual::get) {
            Some(template) => {
                let args: Vec<(&str, &dyn std::fmt::Display)> = args
                    .iter()
                    .map(|(name, value)| (*name, value as &dyn std::fmt::Display))
                    .collect();
                debug_assert!(
                    crate::i18n::placeholders(template)
                        .iter()
                        .all(|p| args.iter().any(|(name, _)| name == p)),
                    "no argument for a placeholder of [text].{key}: {template:?}"
                );
                crate::i18n::substitute(template, &args)
            }
            None => {
                debug_assert!(false, "templates/scoring.toml has no [text].{key}");
                key.to_string()
            }
        }
    }

    /// The qualitative band `actual` names, when its text is one of the grade words.
    pub fn grade_of(&self, actual: &str) -> Option<&QualitativeBand> {
        let key = grade_key(actual);
        if key.is_empty() {
            return None;
        }
        self.qualitative
            .iter()
            .find(|band| band.words.iter().any(|w| grade_key(w) == key))
    }

    /// The grade of a total that is `percent` % of its weight.
    pub fn grade_for(&self, percent: Decimal) -> &str {
        self.grades
            .iter()
            .find(|g| percent >= g.min)
            .or(self.grades.last())
            .map(|g| g.name.as_str())
            .unwrap_or_default()
    }

    /// `(value, unit)` in its family's base unit, or as it is when the unit is in no family.
    pub fn to_base(&self, value: Decimal, unit: &str) -> Option<(Decimal, String)> {
        for family in &self.units {
            if unit == family.base {
                return Some((value, family.base.clone()));
            }
            if let Some(factor) = family.factors.get(unit) {
                return value.checked_mul(*factor).map(|v| (v, family.base.clone()));
            }
        }
        Some((value, unit.to_string()))
    }

    /// The skeleton group a 一级 name belongs to.
    pub fn group_of(&self, level1: &str) -> Option<&SkeletonGroup> {
        let key = level_key(level1);
        self.skeleton
            .groups
            .iter()
            .find(|g| g.level1.iter().any(|n| level_key(n) == key))
    }

    /// The part of `group` a row with these levels belongs to.
    pub fn part_of<'g>(
        &self,
        group: &'g SkeletonGroup,
        level1: &str,
        level2: &str,
    ) -> Option<&'g SkeletonPart> {
        let (key1, key2) = (level_key(level1), level_key(level2));
        let primary = group.level1.first().map(|n| level_key(n));
        group.parts.iter().find(|p| {
            p.level2.iter().any(|n| {
                let n = level_key(n);
                n == key2 || (primary.as_deref() != Some(key1.as_str()) && n == key1)
            })
        })
    }
}

/// A grade word as compared: label-normalised, trailing sentence punctuation removed.
fn grade_key(text: &str) -> String {
    let mut key = labels().normalize(text);
    while key.ends_with(['。', '.', '!', '！', '；', ';']) {
        key.pop();
    }
    key
}

/// A level name as compared: label-normalised (`产出指标（50分）` → `产出指标`).
pub(crate) fn level_key(text: &str) -> String {
    labels().normalize(text)
}
