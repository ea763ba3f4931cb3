//! Unit tests of the matching and the changes it reports.

use super::matching::name_similarity;
use super::*;
use crate::value::parse;

fn indicator(l1: &str, l2: &str, name: &str, value: &str) -> Indicator {
    Indicator {
        level1: l1.into(),
        level2: l2.into(),
        name: name.into(),
        period_value: parse(value),
        annual_value: parse(value),
        ..Indicator::default()
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
    assert_eq!(name_similarity("abc", "abc"), 1.0);
    assert_eq!(name_similarity("abc", "xyz"), 0.0);
    assert_eq!(
        name_similarity("运行监测", "监测运行"),
        name_similarity("监测运行", "运行监测")
    );
}

/// The matching as it was before the bigram index: every leftover pair of a place compared.
/// Kept here to show that the index changes nothing on forms of ordinary size.
mod all_pairs {
    use std::collections::{HashMap, HashSet};

    use super::super::matching::{name_similarity, Pair};
    use super::super::ChangeKind;

    pub fn match_rows<T>(
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
                .map(|(k, &j)| (k, j, name_similarity(name(row), name(&b[j]))))
                .filter(|(_, _, s)| *s >= 0.5)
                .max_by(|x, y| x.2.total_cmp(&y.2));
            if let Some((k, j, _)) = best {
                candidates.remove(k);
                old_to_new[i] = Some((j, ChangeKind::Renamed));
                taken.insert(j);
            }
        }
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
}

/// A small deterministic generator (no dependency): the same forms on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

fn random_rows(rng: &mut Lcg, rows: usize) -> Vec<Indicator> {
    const PLACES: [(&str, &str); 3] = [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("效益指标", "数量指标"),
    ];
    const CHARS: [char; 5] = ['甲', '乙', '丙', '丁', '戊'];
    (0..rows)
        .map(|_| {
            let (l1, l2) = PLACES[rng.below(PLACES.len())];
            let length = rng.below(6);
            let name: String = (0..length).map(|_| CHARS[rng.below(CHARS.len())]).collect();
            indicator(l1, l2, &name, "≥1个")
        })
        .collect()
}

#[test]
fn the_indexed_matching_equals_the_all_pairs_matching_on_ordinary_forms() {
    let mut rng = Lcg(17);
    let mut renamed = 0;
    for _ in 0..1500 {
        let (n, m) = (rng.below(14), rng.below(14));
        let a = random_rows(&mut rng, n);
        let b = random_rows(&mut rng, m);
        let expected = all_pairs::match_rows(&a, &b, indicator_key, place_of, |i| i.name.as_str());
        let found = super::matching::match_rows(
            &a,
            &b,
            super::matching::RowView {
                key: indicator_key,
                place: place_of,
                name: |i: &Indicator| i.name.as_str(),
            },
        );
        assert_eq!(found, expected, "old {a:?}\nnew {b:?}");
        renamed += found
            .iter()
            .filter(|p| matches!(p, super::matching::Pair::Matched(_, _, ChangeKind::Renamed)))
            .count();
    }
    assert!(renamed > 250, "the forms exercise renames ({renamed})");
}

fn place_of(i: &Indicator) -> String {
    format!("{}/{}", i.level1, i.level2)
}

#[test]
fn renames_in_a_long_block_of_alike_names_are_found_in_order() {
    // 200 names in one 二级 that share most bigrams (beyond what the index follows): each
    // renamed one is found at its own place, not at a look-alike's.
    let names: Vec<String> = (0..200)
        .map(|k| format!("运行监测样本数量（{k}）"))
        .collect();
    let a = form(
        names
            .iter()
            .map(|n| indicator("产出指标", "数量指标", n, "≥1个"))
            .collect(),
    );
    let mut b = a.clone();
    for (k, i) in b.indicators.iter_mut().enumerate() {
        if k % 3 == 0 {
            i.name.push_str("（调整）");
        }
    }
    b.indicators.insert(
        50,
        indicator("产出指标", "数量指标", "完全不同的新指标", "≥1个"),
    );
    let changes = run(&a, &b);
    let renamed: Vec<&String> = changes
        .iter()
        .filter(|(k, _)| *k == ChangeKind::Renamed)
        .map(|(_, p)| p)
        .collect();
    assert_eq!(renamed.len(), 67, "{changes:?}");
    for (k, path) in (0..200).step_by(3).zip(&renamed) {
        assert_eq!(
            **path,
            format!("indicators[产出指标/数量指标/运行监测样本数量（{k}）]")
        );
    }
    assert_eq!(
        changes
            .iter()
            .filter(|(k, _)| *k == ChangeKind::Added)
            .count(),
        1
    );
}
