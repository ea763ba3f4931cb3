//! [`IndicatorValue`] → canonical notation.
//!
//! | kind | canonical |
//! |---|---|
//! | comparison | `≥18000家次`, `≤2小时`, `>5`, `<3`, `18000家次` (=), `约100家`, `≥发展基金出资额的1倍`, note as `（…）` |
//! | range | `5-8%` (`5至-3` when the maximum is negative) |
//! | deadline | `2024年12月31日前`; without a year `6月30日前` |
//! | period | `2023年7月-2024年1月`, `2021年1月1日-2021年12月31日`, `2020年-2022年`; one whole year `2023年` |
//! | qualitative, not applicable | the text as written |
//!
//! The operator signs come from `templates/notation.toml` `[render]`.

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use super::notation::notation;
use super::parse::{note_of, read};
use super::{Comparison, Deadline, IndicatorValue, Period, Range, ValueKind};

/// The value in the canonical notation (`≥18000家次`, `约100家`, `5-8%`, `2024年12月31日前`).
///
/// ```
/// use jixiao::value::{parse, render};
///
/// assert_eq!(render(&parse(">=18000 家次")), "≥18000家次");
/// assert_eq!(render(&parse("90%以上")), "≥90%");
/// assert_eq!(render(&parse("2023.07-2024.01")), "2023年7月-2024年1月");
/// assert_eq!(render(&parse("6月底前")), "6月30日前");
/// ```
pub fn render(value: &IndicatorValue) -> String {
    match &value.kind {
        ValueKind::Empty => String::new(),
        ValueKind::Comparison(c) => comparison(c),
        ValueKind::Range(r) => range(r),
        ValueKind::Deadline(d) => deadline(d).unwrap_or_else(|| value.text.clone()),
        ValueKind::Period(p) => period(p).unwrap_or_else(|| value.text.clone()),
        ValueKind::Qualitative(_) | ValueKind::NotApplicable => value.text.clone(),
    }
}

/// Appends the note as `（note）`; a note that itself holds brackets goes in the first of
/// 【】 〔〕 that reads back as the same note.
fn with_note(text: String, note: Option<&str>) -> String {
    let Some(note) = note else {
        return text;
    };
    let candidates = [('（', '）'), ('【', '】'), ('〔', '〕')]
        .map(|(open, close)| format!("{text}{open}{note}{close}"));
    let normalized: String = note.nfkc().collect();
    candidates
        .iter()
        .find(|candidate| note_of(candidate).as_deref() == Some(normalized.as_str()))
        .unwrap_or(&candidates[0])
        .clone()
}

fn comparison(c: &Comparison) -> String {
    let n = notation();
    let quantity = match &c.reference {
        Some(reference) => format!("{reference}的{}{}", c.value, c.unit),
        None => format!("{}{}", c.value, c.unit),
    };
    let text = format!("{}{quantity}", n.render_op(c.op));
    // A bare `2023年` reads as a period, `2023年底` as a deadline: an operator word (`=2023年`)
    // keeps them comparisons.
    let text = if matches!(read(&text), ValueKind::Comparison(_)) {
        text
    } else {
        format!("{}{quantity}", n.render_word(c.op))
    };
    with_note(text, c.note.as_deref())
}

fn range(r: &Range) -> String {
    let separator = if r.max < Decimal::ZERO { "至" } else { "-" };
    with_note(
        format!("{}{separator}{}{}", r.min, r.max, r.unit),
        r.note.as_deref(),
    )
}

/// `2024-12-31` → (Some(2024), 12, 31); `--06-30` → (None, 6, 30).
fn date_parts(date: &str) -> Option<(Option<&str>, u32, u32)> {
    let (year, rest) = match date.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => {
            let (y, rest) = date.split_once('-')?;
            (Some(y), rest)
        }
    };
    let (m, d) = rest.split_once('-')?;
    Some((year, m.parse().ok()?, d.parse().ok()?))
}

fn deadline(d: &Deadline) -> Option<String> {
    let (year, month, day) = date_parts(&d.date)?;
    let text = match year {
        Some(y) => format!("{y}年{month}月{day}日前"),
        None => format!("{month}月{day}日前"),
    };
    Some(with_note(text, d.note.as_deref()))
}

/// `2023` → 2023年, `2023-07` → 2023年7月, `2023-07-01` → 2023年7月1日.
fn period_end(end: &str) -> Option<String> {
    let mut parts = end.split('-');
    let year = parts.next().filter(|y| !y.is_empty())?;
    let mut text = format!("{year}年");
    if let Some(m) = parts.next() {
        text.push_str(&format!("{}月", m.parse::<u32>().ok()?));
    }
    if let Some(d) = parts.next() {
        text.push_str(&format!("{}日", d.parse::<u32>().ok()?));
    }
    Some(text)
}

fn period(p: &Period) -> Option<String> {
    let start = period_end(&p.start)?;
    let end = period_end(&p.end)?;
    let text = if p.start == p.end && !p.start.contains('-') {
        start
    } else {
        format!("{start}-{end}")
    };
    Some(with_note(text, p.note.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::super::{parse, Op};
    use super::*;

    fn canonical(text: &str) -> String {
        render(&parse(text))
    }

    #[test]
    fn canonical_notation() {
        for (text, expected) in [
            ("≥18000家次", "≥18000家次"),
            (">=18000家次", "≥18000家次"),
            ("不少于18000家次", "≥18000家次"),
            ("2小时以内", "≤2小时"),
            ("＞5", ">5"),
            ("低于3", "<3"),
            ("=18000家次", "18000家次"),
            ("约100家", "约100家"),
            ("100家左右", "约100家"),
            ("约100家（以省下达通知为准）", "约100家（以省下达通知为准）"),
            ("≥95%（含(a)项）", "≥95%（含(a)项）"),
            ("≥95%【含(a项】", "≥95%【含(a项】"),
            ("不低于发展基金出资额的1倍", "≥发展基金出资额的1倍"),
            ("5%-8%", "5-8%"),
            ("5－8％", "5-8%"),
            ("2024年12月31日前", "2024年12月31日前"),
            ("2023年底", "2023年12月31日前"),
            ("6月底前", "6月30日前"),
            ("2023.07-2024.01", "2023年7月-2024年1月"),
            ("2021.1.1-12.31", "2021年1月1日-2021年12月31日"),
            ("2023-2025年", "2023年-2025年"),
            ("2023年度", "2023年"),
            ("较去年同期下降", "较去年同期下降"),
            ("不适用", "不适用"),
            ("", ""),
            ("  ", ""),
        ] {
            assert_eq!(canonical(text), expected, "{text}");
        }
    }

    #[test]
    fn an_equal_that_would_read_as_a_date_keeps_its_sign() {
        let v = IndicatorValue {
            text: String::new(),
            kind: ValueKind::Comparison(Comparison {
                op: Op::Eq,
                value: Decimal::from(2023),
                unit: "年".into(),
                note: None,
                reference: None,
                scaled: None,
            }),
        };
        assert_eq!(render(&v), "=2023年");
        assert_eq!(parse(&render(&v)).kind, v.kind);
        for op in [Op::Ge, Op::Gt, Op::Lt, Op::Le, Op::About] {
            for unit in ["年", "年底", "年度", ""] {
                let v = IndicatorValue {
                    text: String::new(),
                    kind: ValueKind::Comparison(Comparison {
                        op,
                        value: Decimal::from(2023),
                        unit: unit.into(),
                        note: None,
                        reference: None,
                        scaled: None,
                    }),
                };
                assert_eq!(parse(&render(&v)).kind, v.kind, "{}", render(&v));
            }
        }
    }
}
