//! The indicator table every kind of the family shares: 一级 / 二级 / 三级指标 + values, with
//! whatever other columns the form has (计量单位, 指标值类型, 权重, 指标解释, 评(扣)分标准, 备注,
//! and a self-evaluation's 实际完成值 / 得分 / 偏差原因).
//!
//! Where the table ends is decided here, row by row: a footer (合计, 总分, 注:, 填表人 …, the words
//! of `[table_end]`) ends it; a repeated header row, a template's placeholder row (`指标2:`,
//! `……`, `指标1:/`) and a blank row are skipped.

use std::collections::HashMap;

use super::grid::{Grid, Pos};
use super::scan::{clean_level, Header, Layout};
use super::text;
use crate::framework::framework;
use crate::labels::{
    labels, EvaluationEndLabel, IndicatorColumnLabel, Label, LabelKey, TableEndLabel,
};
use crate::value;

/// One indicator row as the table shows it: texts verbatim (cleaned), and the cells they
/// came from.
#[derive(Debug, Default)]
pub(super) struct TableRow {
    pub row: u32,
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub period: String,
    pub annual: String,
    /// The budget system's own three fields (sign | number | unit), when the value was split
    /// over them: kept as they stand, so `≤ | 4 | 月` is op ≤, 4, 月 — not a date.
    pub split: Option<(String, String, String)>,
    pub actual: String,
    pub value_type: Option<String>,
    pub weight: Option<String>,
    pub score: Option<String>,
    pub explanation: Option<String>,
    pub standard: Option<String>,
    pub direction: Option<String>,
    pub remark: Option<String>,
    pub deviation: String,
    pub level1_cell: Option<Pos>,
    pub level2_cell: Option<Pos>,
    /// Column label → the column it was read from.
    pub columns: HashMap<IndicatorColumnLabel, u32>,
}

/// The row that ended the table, when a footer did.
#[derive(Debug)]
pub(super) struct Footer {
    pub row: u32,
    /// The `[table_end]` / `[evaluation_end]` label (总分, 评价结论, 注 …).
    pub key: Label,
}

/// Which column holds what, after looking at the body: a two-level table (一级指标 holding
/// 数量指标 …, 二级指标 holding the indicator names: Hubei's 项目支出绩效目标表) is read one
/// level down.
struct Columns {
    level1: Option<u32>,
    level2: Option<u32>,
    name: Option<u32>,
    /// The 一级指标 is inferred from the framework (two-level table).
    infer_level1: bool,
    others: HashMap<IndicatorColumnLabel, u32>,
}

fn columns(
    grid: &Grid,
    header: &Header<IndicatorColumnLabel>,
    rows: &std::ops::RangeInclusive<u32>,
) -> Columns {
    let col = |k: IndicatorColumnLabel| header.columns.get(&k).copied();
    let mut others: HashMap<IndicatorColumnLabel, u32> = HashMap::new();
    for key in IndicatorColumnLabel::ALL {
        if let Some(c) = col(key) {
            others.insert(key, c);
        }
    }
    let (level1, level2, name) = (
        col(IndicatorColumnLabel::Level1),
        col(IndicatorColumnLabel::Level2),
        col(IndicatorColumnLabel::Name),
    );
    if name.is_none() {
        if let (Some(l1), Some(l2)) = (level1, level2) {
            let holds_level2 = rows.clone().any(|r| {
                let shown = clean_level(grid.text((r, l1)));
                parent_of_level2(&shown).is_some()
            });
            if holds_level2 {
                return Columns {
                    level1: None,
                    level2: Some(l1),
                    name: Some(l2),
                    infer_level1: true,
                    others,
                };
            }
        }
    }
    Columns {
        level1,
        level2,
        name,
        infer_level1: false,
        others,
    }
}

/// The framework's 一级指标 for a 二级指标 name (数量指标 → 产出指标).
fn parent_of_level2(level2: &str) -> Option<&'static str> {
    let f = framework();
    let l = labels();
    let wanted = l.normalize(level2);
    if wanted.is_empty() {
        return None;
    }
    let known = f.synonym(&wanted).map(|s| l.normalize(s)).unwrap_or(wanted);
    f.versions
        .iter()
        .flat_map(|v| v.level1.iter())
        .find(|l1| l1.level2.iter().any(|l2| l.normalize(l2) == known))
        .map(|l1| l1.name.as_str())
}

/// Whether `text` (normalised) is one of the words of group `K`, alone or followed by a colon,
/// a number or a list mark (`注:1.…`, `填表人:张三`, `总分`).
fn is_footer<K: LabelKey>(cell: &str) -> Option<K> {
    let l = labels();
    let normal = l.normalize(cell);
    if normal.is_empty() {
        return None;
    }
    if let Some(key) = l.key_of_normalized(&normal) {
        return Some(key);
    }
    // `注:1.一级指标分值…`, `填表人:张三  联系电话:…`.
    let head: String = normal
        .split([':', '：', '、', '.', '．'])
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_string();
    if head.len() < normal.len() && !head.is_empty() {
        return l.key_of_normalized(&head);
    }
    None
}

/// A template's placeholder row: `指标2:`, `……`, `...`, `指标1:/`.
pub(super) fn is_placeholder_name(name: &str) -> bool {
    let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return false;
    }
    if compact
        .chars()
        .all(|c| matches!(c, '…' | '.' | '。' | '·' | '-' | '—' | '/' | '／'))
    {
        return true;
    }
    let rest = compact
        .strip_prefix("指标")
        .map(|r| {
            r.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        })
        .and_then(|r| r.strip_prefix([':', '：']));
    matches!(rest, Some("" | "/" | "／" | "无" | "…" | "……"))
}

/// The target of a row: its text read by the value notation, except that split cells the
/// notation would take for something else (`≤4月` as a deadline) stay a comparison of their
/// own sign, number and unit.
pub(super) fn annual_value(row: &TableRow) -> value::IndicatorValue {
    let parsed = value::parse(&row.annual);
    let Some((sign, number, unit)) = &row.split else {
        return parsed;
    };
    if matches!(parsed.kind, value::ValueKind::Comparison(_)) {
        return parsed;
    }
    let op = match value::parse(&format!("{sign}{number}")).kind {
        value::ValueKind::Comparison(c) => c.op,
        _ => return parsed,
    };
    let Ok(number) = number.parse::<rust_decimal::Decimal>() else {
        return parsed;
    };
    value::IndicatorValue {
        text: row.annual.clone(),
        kind: value::ValueKind::Comparison(value::Comparison {
            op,
            value: number,
            unit: unit.clone(),
            note: None,
            reference: None,
            scaled: None,
        }),
    }
}

/// Reads the table below `header` over `rows`; stops at a footer.
pub(super) fn read(
    grid: &Grid,
    layout: &Layout,
    header: &Header<IndicatorColumnLabel>,
    rows: std::ops::RangeInclusive<u32>,
    verbatim: bool,
) -> (Vec<TableRow>, Option<Footer>) {
    // jixiao's own files hold the JSON's strings as they were: no clean-up (see FormReader).
    let clean = |shown: &str| {
        if verbatim {
            shown.to_string()
        } else {
            text::clean(shown)
        }
    };
    let level = |shown: &str| {
        if verbatim {
            shown.to_string()
        } else {
            clean_level(shown)
        }
    };
    let cols = columns(grid, header, &rows);
    let l = labels();
    let last_col = header
        .columns
        .values()
        .map(|&c| grid.region_end((header.row, c)).1.max(c))
        .max()
        .unwrap_or(0);
    let first_col = grid.bounds().0 .1;
    let mut out = Vec::new();
    let (mut level1, mut level2) = (String::new(), String::new());
    let (mut level1_cell, mut level2_cell) = (None, None);
    for row in rows {
        let shown = |col: Option<u32>| col.map_or("", |c| grid.text((row, c)));
        // A footer ends the table: the first text of the row, left of the values.
        let value_col = cols
            .others
            .get(&IndicatorColumnLabel::AnnualValue)
            .copied()
            .or(cols.name)
            .unwrap_or(last_col);
        let mut col = first_col;
        let mut footer = None;
        while col <= value_col {
            let pos = grid.anchor((row, col));
            // Only a cell that starts in this row: a label merged down the table's side
            // (年度绩效指标完成情况) or a 一级指标 merged over its rows is not a footer.
            let t = grid.text(pos);
            if pos.0 == row && !t.trim().is_empty() {
                footer = is_footer::<TableEndLabel>(t)
                    .map(Label::from)
                    .or_else(|| is_footer::<EvaluationEndLabel>(t).map(Label::from));
                break;
            }
            col = grid.region_end((row, col)).1 + 1;
        }
        if let Some(key) = footer {
            return (out, Some(Footer { row, key }));
        }
        if !cols.infer_level1 {
            let l1 = level(shown(cols.level1));
            if !l1.is_empty() {
                if l1 != level1 {
                    level2.clear();
                    level2_cell = None;
                }
                level1 = l1;
                level1_cell = cols.level1.map(|c| grid.anchor((row, c)));
            }
        }
        let l2 = level(shown(cols.level2));
        if !l2.is_empty() {
            if cols.infer_level1 {
                let parent = parent_of_level2(&l2).unwrap_or("").to_string();
                level1 = parent;
                level1_cell = None;
            }
            level2 = l2;
            level2_cell = cols.level2.map(|c| grid.anchor((row, c)));
        }
        let name = clean(shown(cols.name));
        // A repeated header row (one per 年度绩效目标 block).
        let normal_name = l.normalize(&name);
        if !normal_name.is_empty()
            && l.key_of_normalized(&normal_name).is_some_and(|k| {
                matches!(
                    k,
                    IndicatorColumnLabel::Name
                        | IndicatorColumnLabel::Level1
                        | IndicatorColumnLabel::Level2
                )
            })
        {
            continue;
        }
        let other = |key: IndicatorColumnLabel| cols.others.get(&key).copied();
        let cell = |key: IndicatorColumnLabel| clean(shown(other(key)));
        // 指标性质 may hold 定量/定性 instead of a sign: never glued into the value
        // (`定量28.8万元`). It is not kept as value_type either, so that the canonical forms
        // read exactly as before; a 指标值类型 column is.
        let sign = cell(IndicatorColumnLabel::Sign);
        let sign = if matches!(sign.as_str(), "定量" | "定性") {
            String::new()
        } else {
            sign
        };
        let (annual_text, unit_text) = (
            cell(IndicatorColumnLabel::AnnualValue),
            cell(IndicatorColumnLabel::Unit),
        );
        let split = other(IndicatorColumnLabel::Sign)
            .is_some()
            .then(|| (sign.clone(), annual_text.clone(), unit_text.clone()));
        let annual = if other(IndicatorColumnLabel::Sign).is_some() {
            value::compose_split(&sign, &annual_text, &unit_text)
        } else if !unit_text.is_empty() && annual_text.ends_with(|c: char| c.is_ascii_digit()) {
            // `100 | %` → `100%`; a value that carries its own unit (`28.8万元`) or is a
            // sentence (`应保尽保`) is kept as written.
            format!("{annual_text}{unit_text}")
        } else {
            annual_text
        };
        let period = cell(IndicatorColumnLabel::PeriodValue);
        let actual = cell(IndicatorColumnLabel::ActualValue);
        if name.is_empty() && period.is_empty() && annual.is_empty() && actual.is_empty() {
            continue;
        }
        if is_placeholder_name(&name)
            && [&annual, &period, &actual]
                .iter()
                .all(|v| v.is_empty() || is_placeholder_name(v))
        {
            continue;
        }
        let optional = |key: IndicatorColumnLabel| Some(cell(key)).filter(|t| !t.is_empty());
        let mut columns = cols.others.clone();
        if let Some(c) = cols.name {
            columns.insert(IndicatorColumnLabel::Name, c);
        }
        out.push(TableRow {
            row,
            level1: level1.clone(),
            level2: level2.clone(),
            name,
            period,
            annual,
            split,
            actual,
            value_type: optional(IndicatorColumnLabel::ValueType),
            weight: optional(IndicatorColumnLabel::Weight),
            score: optional(IndicatorColumnLabel::Score),
            explanation: optional(IndicatorColumnLabel::Explanation),
            standard: optional(IndicatorColumnLabel::Standard),
            direction: optional(IndicatorColumnLabel::Direction),
            remark: optional(IndicatorColumnLabel::Remark),
            deviation: cell(IndicatorColumnLabel::Deviation),
            level1_cell,
            level2_cell,
            columns,
        });
    }
    let _ = layout;
    (out, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised() {
        for p in ["指标2:", "……", "...", "指标1:/", "指标3：", "指标十:"] {
            assert!(is_placeholder_name(p), "{p}");
        }
        for real in ["指标1:工程质量合格", "培训人次", "/ 件"] {
            assert!(!is_placeholder_name(real), "{real}");
        }
    }

    #[test]
    fn footers_end_the_table() {
        assert_eq!(is_footer("总分"), Some(TableEndLabel::TotalScore));
        assert_eq!(
            is_footer("注:1.一级指标分值统一设置为"),
            Some(TableEndLabel::Note)
        );
        assert_eq!(is_footer("填表人：张三"), Some(TableEndLabel::FilledBy));
        assert_eq!(is_footer::<TableEndLabel>("注册企业数"), None);
        assert_eq!(is_footer("合计"), Some(TableEndLabel::Total));
    }

    #[test]
    fn level2_names_have_their_parent() {
        assert_eq!(parent_of_level2("数量指标"), Some("产出指标"));
        assert_eq!(parent_of_level2("成本指标"), Some("产出指标"));
        assert_eq!(parent_of_level2("办公大楼日常维修维护次数"), None);
    }
}
