//! Rule 4: 一级/二级 names against the indicator framework (`templates/framework.toml`).
//!
//! Both versions are accepted (classic and v2021): a name is known when either version has it at
//! that level. An indicator is judged by its level names after label normalisation. Consecutive
//! rows with the same names (a merged cell, usually) are reported once, pointing at all of them.
//!
//! - unknown name → warning naming the closest known name (the synonym table first, then edit
//!   distance over characters);
//! - a known 二级 under a 一级 that does not have it → error;
//! - a blank 一级/二级 → warning.

use crate::framework::{framework, Version};
use crate::labels::{labels, IndicatorColumnLabel};
use crate::model::{FieldPath, Form};

use super::{indicator_ref, join_names, label, Code, Context};

/// What a level name in the form is, in terms of the framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Resolved {
    Blank,
    /// The framework's own name.
    Known(String),
    /// A name from the synonym table; the framework's name.
    Synonym(String),
    /// Neither; the closest framework name (empty when there is no candidate).
    Unknown {
        closest: String,
    },
}

impl Resolved {
    /// The framework name the indicator counts under, if any.
    pub(super) fn name(&self) -> Option<&str> {
        match self {
            Resolved::Known(name) | Resolved::Synonym(name) => Some(name),
            Resolved::Blank | Resolved::Unknown { .. } => None,
        }
    }
}

/// 一级 names of all versions, in the framework's order.
pub(super) fn all_level1() -> Vec<&'static str> {
    let mut names: Vec<&str> = Vec::new();
    for l1 in framework().versions.iter().flat_map(|v| &v.level1) {
        if !names.contains(&l1.name.as_str()) {
            names.push(&l1.name);
        }
    }
    names
}

/// 二级 names under `level1` in any version (all 二级 names when `level1` is `None`).
fn level2_under(level1: Option<&str>) -> Vec<&'static str> {
    let mut names: Vec<&str> = Vec::new();
    for l1 in framework().versions.iter().flat_map(|v| &v.level1) {
        if level1.is_none_or(|name| name == l1.name) {
            for l2 in &l1.level2 {
                if !names.contains(&l2.as_str()) {
                    names.push(l2);
                }
            }
        }
    }
    names
}

/// The 一级 names that have `level2` under them in some version.
fn parents_of(level2: &str) -> Vec<&'static str> {
    let mut parents: Vec<&str> = Vec::new();
    for l1 in framework().versions.iter().flat_map(|v| &v.level1) {
        if l1.level2.iter().any(|l2| l2 == level2) && !parents.contains(&l1.name.as_str()) {
            parents.push(&l1.name);
        }
    }
    parents
}

fn resolve(raw: &str, known: &[&str]) -> Resolved {
    let name = labels().normalize(raw);
    if name.is_empty() {
        return Resolved::Blank;
    }
    if known.contains(&name.as_str()) {
        return Resolved::Known(name);
    }
    if let Some(target) = framework().synonym(&name).filter(|t| known.contains(t)) {
        return Resolved::Synonym(target.to_string());
    }
    let closest = known
        .iter()
        .min_by_key(|k| edit_distance(&name, k))
        .map(|k| k.to_string())
        .unwrap_or_default();
    Resolved::Unknown { closest }
}

pub(super) fn resolve_level1(raw: &str) -> Resolved {
    resolve(raw, &all_level1())
}

/// A 二级 name; `level1` (resolved) narrows the candidates for the closest name.
fn resolve_level2(raw: &str, level1: Option<&str>) -> Resolved {
    let resolved = resolve(raw, &level2_under(None));
    match resolved {
        Resolved::Unknown { .. } => {
            let under = level2_under(level1);
            let candidates = if under.is_empty() {
                level2_under(None)
            } else {
                under
            };
            resolve(raw, &candidates)
        }
        other => other,
    }
}

/// The version the form follows: the one that has most of its 一级 names; the first on a tie.
pub(super) fn version_of(form: &Form) -> Option<&'static Version> {
    let used: Vec<String> = form
        .indicators
        .iter()
        .filter_map(|i| resolve_level1(&i.level1).name().map(str::to_string))
        .collect();
    let mut best: Option<(&Version, usize)> = None;
    for version in &framework().versions {
        let covered = version
            .level1
            .iter()
            .filter(|l| used.contains(&l.name))
            .count();
        if best.is_none_or(|(_, n)| covered > n) {
            best = Some((version, covered));
        }
    }
    best.map(|(v, _)| v)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Index ranges of consecutive indicators for which `key` is the same.
fn runs<K: PartialEq>(count: usize, key: impl Fn(usize) -> K) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=count {
        if i == count || key(i) != key(start) {
            runs.push(start..i);
            start = i;
        }
    }
    runs
}

fn fields(run: &std::ops::Range<usize>, column: &'static str) -> Vec<FieldPath> {
    run.clone()
        .map(|i| FieldPath::indicator(i, column))
        .collect()
}

pub(super) fn check(form: &Form, ctx: &mut Context) {
    let indicators = &form.indicators;
    let level1_label = label(IndicatorColumnLabel::Level1);
    let level2_label = label(IndicatorColumnLabel::Level2);

    for run in runs(indicators.len(), |i| indicators[i].level1.trim()) {
        let first = run.start;
        let raw = indicators[first].level1.trim();
        match resolve_level1(raw) {
            Resolved::Blank => ctx
                .report(
                    Code::FrameworkBlankLevel,
                    FieldPath::indicator(first, "level1"),
                )
                .covering(fields(&run, "level1"))
                .arg("indicator", indicator_ref(form, first))
                .arg("column", level1_label.clone())
                .emit(),
            Resolved::Synonym(closest) | Resolved::Unknown { closest } => ctx
                .report(
                    Code::FrameworkUnknownLevel1,
                    FieldPath::indicator(first, "level1"),
                )
                .covering(fields(&run, "level1"))
                .arg("name", raw)
                .arg("closest", closest)
                .arg("expected", join_names(&all_level1()))
                .emit(),
            Resolved::Known(_) => {}
        }
    }

    let key = |i: usize| (indicators[i].level1.trim(), indicators[i].level2.trim());
    for run in runs(indicators.len(), key) {
        let first = run.start;
        let level1 = resolve_level1(&indicators[first].level1);
        let raw = indicators[first].level2.trim();
        let level2 = resolve_level2(raw, level1.name());
        let field = FieldPath::indicator(first, "level2");
        match &level2 {
            Resolved::Blank => ctx
                .report(Code::FrameworkBlankLevel, field.clone())
                .covering(fields(&run, "level2"))
                .arg("indicator", indicator_ref(form, first))
                .arg("column", level2_label.clone())
                .emit(),
            Resolved::Synonym(closest) | Resolved::Unknown { closest } => {
                let level1_shown = level1.name().unwrap_or(indicators[first].level1.trim());
                ctx.report(Code::FrameworkUnknownLevel2, field.clone())
                    .covering(fields(&run, "level2"))
                    .arg("name", raw)
                    .arg("closest", closest.clone())
                    .arg("level1", level1_shown)
                    .arg("expected", join_names(&level2_under(level1.name())))
                    .emit()
            }
            Resolved::Known(_) => {}
        }
        if let (Some(l1), Some(l2)) = (level1.name(), level2.name()) {
            let parents = parents_of(l2);
            if !parents.contains(&l1) {
                // The 二级 cells: the 一级 is usually one merged cell over many more rows.
                ctx.report(Code::FrameworkWrongLevel1, field)
                    .covering(fields(&run, "level2"))
                    .arg("level2", l2)
                    .arg("level1", l1)
                    .arg("expected", join_names(&parents))
                    .arg("siblings", join_names(&level2_under(Some(l1))))
                    .emit();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_synonym_names_a_level_of_the_framework() {
        let f = framework();
        assert!(!f.synonyms.is_empty());
        for (from, to) in &f.synonyms {
            let known = f
                .versions
                .iter()
                .flat_map(|v| &v.level1)
                .any(|l| &l.name == to || l.level2.contains(to));
            assert!(known, "synonym {from} → {to}: {to} is not in the framework");
        }
    }

    #[test]
    fn edit_distance_counts_characters_not_bytes() {
        assert_eq!(edit_distance("数量指标", "数量指标"), 0);
        assert_eq!(edit_distance("社会效益", "社会效益指标"), 2);
        assert_eq!(edit_distance("质量指标", "数量指标"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn names_resolve_through_normalisation_synonyms_and_distance() {
        assert_eq!(
            resolve_level1("产出指标（50分）"),
            Resolved::Known("产出指标".into())
        );
        assert_eq!(
            resolve_level1("项目完成指标"),
            Resolved::Synonym("产出指标".into())
        );
        assert_eq!(resolve_level1("  "), Resolved::Blank);
        assert_eq!(
            resolve_level1("效益指示"),
            Resolved::Unknown {
                closest: "效益指标".into()
            }
        );
        assert_eq!(
            resolve_level2("社会效益 指标 (必填)", Some("效益指标")),
            Resolved::Known("社会效益指标".into())
        );
        assert_eq!(
            resolve_level2("环境效益指标", Some("效益指标")),
            Resolved::Synonym("生态效益指标".into())
        );
        assert_eq!(
            resolve_level2("时效性指标", Some("产出指标")),
            Resolved::Unknown {
                closest: "时效指标".into()
            }
        );
    }

    #[test]
    fn a_level2_may_belong_to_several_level1_across_versions() {
        assert_eq!(parents_of("成本指标"), ["产出指标"]);
        assert_eq!(parents_of("经济成本指标"), ["成本指标"]);
        assert_eq!(parents_of("社会效益指标"), ["效益指标"]);
    }

    #[test]
    fn runs_group_consecutive_equal_keys() {
        let keys = ["a", "a", "b", "a"];
        assert_eq!(runs(4, |i| keys[i]), [0..2, 2..3, 3..4]);
        assert!(runs(0, |i| keys[i]).is_empty());
    }
}
