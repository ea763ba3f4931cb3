//! The weight skeleton (产出 50 = 数量 20 / 质量 10 / 时效 10 / 成本 10, 效益 30, 满意度 10, execution
//! 10): sharing it over a form's rows for the pre-filled 自评表, and comparing a form's 分值 with it.

use rust_decimal::{Decimal, RoundingStrategy};

use super::rules::Rules;

/// `total` shared over `n` parts on the rounding grid, adding up exactly: the cents left over
/// go to the first parts (`50` over 3 → 16.67, 16.67, 16.66).
pub fn share_evenly(rules: &Rules, total: Decimal, n: usize) -> Vec<Decimal> {
    if n == 0 {
        return Vec::new();
    }
    let count = Decimal::from(n as u64);
    let step = Decimal::new(1, rules.decimals);
    let base = (total / count).round_dp_with_strategy(rules.decimals, RoundingStrategy::ToZero);
    let mut left = total - base * count;
    (0..n)
        .map(|_| {
            let mut part = base;
            if left >= step {
                part += step;
                left -= step;
            }
            part.rescale(rules.decimals);
            part
        })
        .collect()
}

/// The 分值 the skeleton gives each row (一级, 二级): a group's weight shared by part when every
/// part has a row and every row of the group is in a part, evenly over the group's rows
/// otherwise. Rows of no group get `None`.
pub fn skeleton_weights(rules: &Rules, levels: &[(&str, &str)]) -> Vec<Option<Decimal>> {
    let mut out = vec![None; levels.len()];
    for group in &rules.skeleton.groups {
        let rows: Vec<usize> = levels
            .iter()
            .enumerate()
            .filter(|(_, (l1, _))| rules.group_of(l1).is_some_and(|g| std::ptr::eq(g, group)))
            .map(|(i, _)| i)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let part_of: Vec<Option<usize>> = rows
            .iter()
            .map(|&i| {
                let (l1, l2) = levels[i];
                rules
                    .part_of(group, l1, l2)
                    .and_then(|p| group.parts.iter().position(|q| std::ptr::eq(p, q)))
            })
            .collect();
        let by_part = !group.parts.is_empty()
            && part_of.iter().all(Option::is_some)
            && (0..group.parts.len()).all(|p| part_of.contains(&Some(p)));
        if by_part {
            for (p, part) in group.parts.iter().enumerate() {
                let members: Vec<usize> = rows
                    .iter()
                    .zip(&part_of)
                    .filter(|(_, q)| **q == Some(p))
                    .map(|(&i, _)| i)
                    .collect();
                for (&i, w) in members
                    .iter()
                    .zip(share_evenly(rules, part.weight, members.len()))
                {
                    out[i] = Some(w);
                }
            }
        } else {
            for (&i, w) in rows
                .iter()
                .zip(share_evenly(rules, group.weight, rows.len()))
            {
                out[i] = Some(w);
            }
        }
    }
    out
}

/// A skeleton group whose rows' 分值 do not add up to its weight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deviation {
    /// The group (产出指标 …).
    pub group: String,
    /// The weight the rules give the group.
    pub expected: Decimal,
    /// The sum of the 分值 of its rows (blank 分值 count 0).
    pub actual: Decimal,
    /// The rows of the group.
    pub rows: Vec<usize>,
}

/// Each group whose 分值 differ from the skeleton's, in the skeleton's order. A group with no
/// row is reported with an actual of 0.
pub fn skeleton_deviations(
    rules: &Rules,
    rows: &[(&str, &str, Option<Decimal>)],
) -> Vec<Deviation> {
    let mut out = Vec::new();
    for group in &rules.skeleton.groups {
        let members: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, (l1, _, _))| rules.group_of(l1).is_some_and(|g| std::ptr::eq(g, group)))
            .map(|(i, _)| i)
            .collect();
        let actual = members
            .iter()
            .filter_map(|&i| rows[i].2)
            .try_fold(Decimal::ZERO, |sum, w| sum.checked_add(w));
        let Some(actual) = actual else { continue };
        if actual != group.weight {
            out.push(Deviation {
                group: group.name.clone(),
                expected: group.weight,
                actual,
                rows: members,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::rules;

    fn texts(values: &[Option<Decimal>]) -> Vec<String> {
        values
            .iter()
            .map(|v| v.map_or("-".to_string(), |d| d.to_string()))
            .collect()
    }

    #[test]
    fn shares_add_up_exactly() {
        let parts = share_evenly(rules(), Decimal::new(50, 0), 3);
        assert_eq!(
            texts(&parts.iter().copied().map(Some).collect::<Vec<_>>()),
            ["16.67", "16.67", "16.66"]
        );
        assert_eq!(parts.iter().sum::<Decimal>(), Decimal::new(50, 0));
        assert!(share_evenly(rules(), Decimal::TEN, 0).is_empty());
    }

    #[test]
    fn output_is_shared_by_part_when_every_part_has_rows() {
        let levels = [
            ("产出指标", "数量指标"),
            ("产出指标", "数量指标"),
            ("产出指标", "质量指标"),
            ("产出指标", "时效指标"),
            ("产出指标（50分）", "成本指标"),
            ("效益指标", "社会效益指标"),
            ("效益指标", "可持续影响指标"),
            ("满意度指标", "服务对象满意度指标"),
            ("其他", "其他"),
        ];
        let w = skeleton_weights(rules(), &levels);
        assert_eq!(
            texts(&w),
            ["10.00", "10.00", "10.00", "10.00", "10.00", "15.00", "15.00", "10.00", "-"]
        );
    }

    #[test]
    fn output_is_shared_evenly_when_a_part_is_missing() {
        let levels = [
            ("产出指标", "数量指标"),
            ("产出指标", "质量指标"),
            ("产出指标", "时效指标"),
        ];
        let w = skeleton_weights(rules(), &levels);
        assert_eq!(texts(&w), ["16.67", "16.67", "16.66"]);
    }

    #[test]
    fn the_2021_framework_cost_level1_is_the_cost_part() {
        let levels = [
            ("产出指标", "数量指标"),
            ("产出指标", "质量指标"),
            ("产出指标", "时效指标"),
            ("成本指标", "经济成本指标"),
        ];
        let w = skeleton_weights(rules(), &levels);
        assert_eq!(texts(&w), ["20.00", "10.00", "10.00", "10.00"]);
    }

    #[test]
    fn deviations_name_the_group_and_both_sums() {
        let d = |n: i64| Some(Decimal::new(n, 0));
        let rows = [
            ("产出指标", "数量指标", d(40)),
            ("效益指标", "社会效益指标", d(30)),
            ("满意度指标", "服务对象满意度指标", d(10)),
        ];
        let found = skeleton_deviations(rules(), &rows);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].group, "产出指标");
        assert_eq!(found[0].actual, Decimal::new(40, 0));
        assert_eq!(found[0].rows, [0]);
        let rows = [
            ("产出指标", "数量指标", d(50)),
            ("效益指标", "社会效益指标", d(30)),
            ("满意度指标", "", d(10)),
        ];
        assert!(skeleton_deviations(rules(), &rows).is_empty());
    }
}
