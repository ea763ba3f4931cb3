//! Text → [`IndicatorValue`].
//!
//! The text is read after NFKC normalisation (full-width digits, ％, ＞, （ ） become their
//! ASCII forms), trimmed, without trailing sentence punctuation. Then, in order:
//!
//! 1. blank → `empty`; one of the not-applicable words (不适用, 无, —) → `not_applicable`;
//! 2. a trailing parenthetical is split off as the note (`约100家（以省下达通知为准）`), unless it
//!    is a single character, which is part of the unit (`10万件(册)`);
//! 3. `deadline`: one date, optionally with an end word and a 前/之前/内 suffix
//!    (`2024年12月31日前`, `2023年底`, `6月底前`, `截至2023年6月`). A lone full date
//!    (`2021年12月31日`) or month (`2023年12月`) is a deadline too: in a 时效指标 it is the date by
//!    which the work is done. A deadline names the last day of what the text names (`2023年6月前`
//!    → 2023-06-30, `2023年内` → 2023-12-31, `2023年第三季度` → 2023-09-30). Without a year
//!    (`6月底前`, `当年12月底`) the date is `--MM-DD` and `year_unknown` is set. A lone year is a
//!    deadline only with a word (`截至2023年`, `2023年底`, `2023年内`); `≤2023年` is a comparison.
//!    A lone dotted `2023.07` is a decimal number, `2023.12.31` and `2023-07` are dates;
//! 4. `period`: two dates with a separator (`2023.07-2024.01`, `2021.1.1-12.31`,
//!    `2020年1月--2020年11月`, `2023-2025年`), or a lone year (`2023年`, `2023年度`). Two bare
//!    four-digit numbers (`2020-2022`) are a range: a period needs 年 or a dotted month;
//! 5. `range`: `number [unit] separator number unit` (`5%-8%`, `5-8%`, `18—54周岁`);
//! 6. `comparison`: `[operator] [reference的] number unit [operator]` is the whole text
//!    (`≥18000家次`, `90%以上`, `不低于发展基金出资额的1倍`, a plain `95%` is `=`);
//! 7. otherwise `qualitative`, with a direction from its words and the thresholds its clauses
//!    state (`服务企业数量不少于20家`).
//!
//! A unit is what `templates/notation.toml` `[unit]` allows: at most 8 characters of letters,
//! %, ‰, ℃, /, * and the like, holding no word of a sentence (的, 给, 完成, …). So numbers that
//! a sentence merely contains are not forced into a comparison.

use std::borrow::Cow;

use rust_decimal::Decimal;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::date::{self, days_in_month, Cursor, PartialDate, Style};
use super::notation::{notation, Notation};
use super::{
    Comparison, Deadline, Direction, IndicatorValue, Op, Period, Qualitative, Range, Scaled,
    Target, ValueKind,
};

/// Reads a hand-written indicator value. Never fails: what is not understood is qualitative.
///
/// ```
/// use jixiao::value::{parse, ValueKind};
///
/// let v = parse("5%-8%");
/// assert!(matches!(v.kind, ValueKind::Range(ref r) if r.min.to_string() == "5" && r.unit == "%"));
/// assert!(matches!(parse("1-6期培训结束后及时考核").kind, ValueKind::Qualitative(_)));
/// ```
pub fn parse(text: &str) -> IndicatorValue {
    IndicatorValue {
        text: text.to_string(),
        kind: read(text),
    }
}

/// The reading of a text, without keeping the text.
pub(crate) fn read(text: &str) -> ValueKind {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return ValueKind::Empty;
    }
    let normalized = normalize(trimmed);
    let body = trim_end_punctuation(&normalized);
    let n = notation();
    if body.is_empty() {
        return ValueKind::Qualitative(Qualitative::default());
    }
    if n.is_not_applicable(body) {
        return ValueKind::NotApplicable;
    }
    let (core, note) = split_note(body);
    if note.is_some() && n.is_not_applicable(core) {
        return ValueKind::NotApplicable;
    }
    if enclosed(body).is_some_and(|inner| n.is_not_applicable(inner)) {
        return ValueKind::NotApplicable;
    }
    let note = || note.map(str::to_string);
    if let Some(d) = deadline(n, core) {
        return ValueKind::Deadline(Deadline { note: note(), ..d });
    }
    if let Some(p) = period(n, core) {
        return ValueKind::Period(Period { note: note(), ..p });
    }
    if let Some(r) = range(n, core) {
        return ValueKind::Range(Range { note: note(), ..r });
    }
    if let Some(c) = comparison(n, core) {
        return ValueKind::Comparison(Comparison { note: note(), ..c });
    }
    ValueKind::Qualitative(qualitative(n, body))
}

/// The note that [`parse`] reads from a text, whatever its kind.
pub(crate) fn note_of(text: &str) -> Option<String> {
    let normalized = normalize(text.trim());
    split_note(trim_end_punctuation(&normalized))
        .1
        .map(str::to_string)
}

/// NFKC, without allocating when the text is already normal (plain ASCII, most CJK).
fn normalize(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_always_nfkc) {
        return Cow::Borrowed(text);
    }
    // Full-width forms (（ ）， ％ ０-９) and the ideographic space among such characters: NFKC
    // maps each to its one ASCII character, and nothing combines, so a map of the characters
    // gives what the NFKC iterator gives, at a fraction of its cost.
    if text
        .chars()
        .all(|c| is_always_nfkc(c) || full_width_to_ascii(c).is_some())
    {
        return Cow::Owned(
            text.chars()
                .map(|c| full_width_to_ascii(c).unwrap_or(c))
                .collect(),
        );
    }
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// The ASCII character NFKC makes of a full-width form (U+FF01–U+FF5E) or the ideographic
/// space.
fn full_width_to_ascii(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// ASCII, the unified ideographs' main block and a few signs of these forms: NFKC leaves them as
/// they are and nothing combines with them, so a text of only these is normal. Checked before the quick check, which
/// looks every character up in tables (a unit test holds this against it for each of them).
fn is_always_nfkc(c: char) -> bool {
    c.is_ascii()
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || matches!(
            c,
            '≥' | '≤' | '、' | '。' | '“' | '”' | '《' | '》' | '—' | '–'
        )
}

fn trim_end_punctuation(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '.' | ';' | ',' | '!' | '?' | '、')
    })
    .trim()
}

/// `约100家(以省下达通知为准)` → (`约100家`, `以省下达通知为准`). Nested brackets are matched;
/// a one-character parenthetical (`万件(册)`) stays: it belongs to the unit.
fn split_note(body: &str) -> (&str, Option<&str>) {
    const PAIRS: [(char, char); 4] = [('(', ')'), ('[', ']'), ('【', '】'), ('〔', '〕')];
    let Some(last) = body.chars().next_back() else {
        return (body, None);
    };
    let Some(&(open, close)) = PAIRS.iter().find(|(_, close)| *close == last) else {
        return (body, None);
    };
    let inner_end = body.len() - close.len_utf8();
    let mut depth = 0usize;
    let mut opener = None;
    for (i, c) in body[..inner_end].char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            if depth == 0 {
                opener = Some(i);
                break;
            }
            depth -= 1;
        }
    }
    let Some(at) = opener else {
        return (body, None);
    };
    let core = body[..at].trim_end();
    let inner = body[at + open.len_utf8()..inner_end].trim();
    let mut chars = inner.chars();
    let single_han = matches!((chars.next(), chars.next()), (Some(c), None) if is_han(c));
    if core.is_empty() || (single_han && !notation().is_annotation(inner)) {
        return (body, None);
    }
    (core, (!inner.is_empty()).then_some(inner))
}

/// `（不适用）` → `不适用`.
fn enclosed(body: &str) -> Option<&str> {
    let inner = body
        .strip_prefix(['(', '[', '【', '〔'])?
        .strip_suffix([')', ']', '】', '〕'])?;
    Some(inner.trim())
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// `14,737` → 14737; `−5` → -5. Exact: a number that does not fit a Decimal is not a number.
pub(crate) fn number(text: &str) -> Option<Decimal> {
    let cleaned: Cow<str> = if text.contains([',', '−', '+']) {
        Cow::Owned(
            text.chars()
                .filter(|c| !matches!(c, ',' | '+'))
                .map(|c| if c == '−' { '-' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    };
    Decimal::from_str_exact(&cleaned).ok()
}

/// The operator from a prefix word and a suffix word; conflicting words (`≤5%以上`) → None.
fn operator(n: &Notation, prefix: Option<&str>, suffix: Option<&str>) -> Option<Op> {
    let prefix = prefix.and_then(|word| n.prefix_op(word));
    let suffix = suffix.and_then(|word| n.suffix_op(word));
    match (prefix, suffix) {
        (None, None) => Some(Op::Eq),
        (Some(op), None) | (None, Some(op)) => Some(op),
        (Some(p), Some(s)) if p == s || p == Op::Eq => Some(s),
        _ => None,
    }
}

fn scaled(n: &Notation, value: Decimal, unit: &str) -> Option<Scaled> {
    let (factor, rest) = n.multiplier_of(unit)?;
    let value = value.checked_mul(factor)?.normalize();
    Some(Scaled {
        value,
        unit: rest.to_string(),
    })
}

/// What a comparison may be relative to (`不低于发展基金出资额的1倍`) is a short noun phrase.
const MAX_REFERENCE_CHARS: usize = 20;

fn comparison(n: &Notation, core: &str) -> Option<Comparison> {
    // The number is ASCII digits: without one, nothing to read.
    if !core.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (prefix, parts) = n
        .prefix_choices(core)
        .find_map(|(prefix, rest)| n.comparison(rest).map(|parts| (prefix, parts)))?;
    let op = operator(n, prefix, parts.suffix)?;
    let value = number(parts.number)?;
    let unit = parts.unit;
    if !n.is_unit(unit) {
        return None;
    }
    let reference = parts.reference.map(str::to_string);
    if reference
        .as_ref()
        .is_some_and(|r| r.chars().count() > MAX_REFERENCE_CHARS)
    {
        return None;
    }
    Some(Comparison {
        op,
        value,
        unit: unit.to_string(),
        note: None,
        reference,
        scaled: scaled(n, value, unit),
    })
}

fn range(n: &Notation, core: &str) -> Option<Range> {
    if !n.may_be_range(core) {
        return None;
    }
    let parts = n.range(core)?;
    let min = number(parts.min)?;
    let max = number(parts.max)?;
    let (first, second) = (parts.min_unit, parts.max_unit);
    if !n.is_unit(first) || !n.is_unit(second) {
        return None;
    }
    // `5%-8%` and `5-8%` say the same; `5万-8万元` shares the multiplier.
    if !(first.is_empty() || second.starts_with(first)) {
        return None;
    }
    Some(Range {
        min,
        max,
        unit: second.to_string(),
        note: None,
    })
}

/// `第一季度`, `一季度`, `第4季度`, `上半年`, `下半年` → the month they end in.
fn part_of_year(n: &Notation, c: &mut Cursor) -> Option<u32> {
    let w = &n.deadline;
    if c.eat(w.first_half) {
        return Some(6);
    }
    if c.eat(w.second_half) {
        return Some(12);
    }
    let mut at = *c;
    at.eat("第");
    let quarter = ["一", "二", "三", "四", "1", "2", "3", "4"]
        .iter()
        .position(|q| at.eat(q))?;
    if !at.eat(w.quarter) {
        return None;
    }
    at.eat_any(&w.month_end);
    *c = at;
    Some((quarter as u32 % 4 + 1) * 3)
}

fn deadline(n: &Notation, core: &str) -> Option<Deadline> {
    let w = &n.deadline;
    let mut c = Cursor::new(core);
    // A word such as 截至 makes `截至2023年` a deadline; `≤2023年` stays a comparison.
    let prefixed = c
        .eat_any(&w.prefixes)
        .is_some_and(|word| n.prefix_op(word).is_none());
    c.skip_space();
    // `当年12月底`: the year is this year, whichever that is.
    let this_year = c.eat_any(&w.this_year).is_some();
    c.skip_space();
    let mut dated = c;
    let dated_token = if this_year {
        None
    } else {
        date::dated(&mut dated)
    };
    let (year, month, day, open_ended) = if let Some(d) = dated_token {
        c = dated;
        match (d.month, d.day) {
            (Some(m), Some(day)) => (d.year, m, day, false),
            (Some(m), None) => {
                // A lone dotted year.month (`2023.07`) is a decimal number unless a word says
                // it is a date.
                let end_word = c.eat_any(&w.month_end).is_some();
                let is_decimal = d.style == Style::Dotted && core.contains('.') && !end_word;
                (d.year, m, days_in_month(d.year, m), is_decimal)
            }
            _ => {
                if d.style != Style::Chinese {
                    return None;
                }
                if c.eat_any(&w.year_end).is_some() {
                    (d.year, 12, 31, false)
                } else if let Some(m) = part_of_year(n, &mut c) {
                    (d.year, m, days_in_month(d.year, m), false)
                } else {
                    // `2023年` alone is a period; with 内/前 it is a deadline.
                    (d.year, 12, 31, true)
                }
            }
        }
    } else if let Some(d) = date::yearless(&mut dated, false) {
        c = dated;
        let m = d.month?;
        match d.day {
            Some(day) => (None, m, day, false),
            None => {
                c.eat_any(&w.month_end);
                (None, m, days_in_month(None, m), false)
            }
        }
    } else if let Some(m) = part_of_year(n, &mut c) {
        (None, m, days_in_month(None, m), false)
    } else if this_year {
        // `年内完成`, `当年`: by the end of the year.
        (None, 12, 31, false)
    } else {
        return None;
    };
    c.skip_space();
    let suffixed = c.eat_any(&w.suffixes).is_some();
    c.skip_space();
    if !c.at_end() || (open_ended && !suffixed && !prefixed) {
        return None;
    }
    let date = PartialDate {
        year,
        month: Some(month),
        day: Some(day),
        style: Style::Chinese,
    };
    Some(Deadline {
        op: Op::Le,
        date: date.iso(),
        year_unknown: year.is_none(),
        note: None,
    })
}

fn period(n: &Notation, core: &str) -> Option<Period> {
    let mut c = Cursor::new(core);
    let start = date::dated(&mut c)?;
    c.skip_space();
    let lone_year = start.style == Style::Chinese && start.month.is_none();
    if lone_year && (c.at_end() || (c.eat("度") && c.at_end())) {
        let year = start.iso();
        return Some(Period {
            start: year.clone(),
            end: year,
            note: None,
        });
    }
    if lone_year {
        if let Some(p) = months_of_year(n, start, c) {
            return Some(p);
        }
    }
    c.eat_any(&n.period_separators)?;
    c.skip_space();
    let mut end = match date::dated(&mut c) {
        Some(d) => d,
        None => date::yearless(&mut c, start.day.is_some())?,
    };
    let trailing_year = end.style == Style::BareYear && c.eat("年");
    if trailing_year || (end.style == Style::Chinese && end.year.is_some() && end.month.is_none()) {
        c.eat("度");
    }
    c.skip_space();
    if !c.at_end() {
        return None;
    }
    if start.style == Style::BareYear && end.style == Style::BareYear && !trailing_year {
        return None;
    }
    if end.year.is_none() {
        end.year = start.year;
        if let (Some(m), Some(d)) = (end.month, end.day) {
            if d > days_in_month(end.year, m) {
                return None;
            }
        }
    }
    Some(Period {
        start: start.iso(),
        end: end.iso(),
        note: None,
    })
}

/// `2023年1-12月`: a year, then a range of its months.
fn months_of_year(n: &Notation, start: PartialDate, mut c: Cursor) -> Option<Period> {
    let first = c.digits(1, 2)?;
    c.eat("月");
    c.skip_space();
    c.eat_any(&n.period_separators)?;
    c.skip_space();
    let last = c.digits(1, 2)?;
    if !c.eat("月") {
        return None;
    }
    c.skip_space();
    if !c.at_end() || !(1..=12).contains(&first) || !(1..=12).contains(&last) {
        return None;
    }
    let month = |m| PartialDate {
        month: Some(m),
        ..start
    };
    Some(Period {
        start: month(first).iso(),
        end: month(last).iso(),
        note: None,
    })
}

fn qualitative(n: &Notation, body: &str) -> Qualitative {
    Qualitative {
        direction: direction(n, body),
        targets: targets(n, body),
    }
}

/// Increase or decrease from the words; both → none; otherwise maintain if a maintain word is there.
fn direction(n: &Notation, text: &str) -> Option<Direction> {
    let (mut up, mut down, mut keep) = (false, false, false);
    for direction in n.directions_in(text) {
        match direction {
            Direction::Increase => up = true,
            Direction::Decrease => down = true,
            Direction::Maintain => keep = true,
        }
    }
    match (up, down) {
        (true, false) => Some(Direction::Increase),
        (false, true) => Some(Direction::Decrease),
        (true, true) => None,
        (false, false) => keep.then_some(Direction::Maintain),
    }
}

/// The clauses of a sentence: split at , ; 。 ! ? and line breaks, but not inside `14,737`.
fn clauses(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    for (i, c) in text.char_indices() {
        let thousands = c == ','
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.len() >= i + 4
            && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        if !thousands && matches!(c, ',' | ';' | '。' | '!' | '?' | '\n' | '\r') {
            cuts.push((i, c.len_utf8()));
        }
    }
    let mut start = 0;
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    for (at, len) in cuts {
        pieces.push(&text[start..at]);
        start = at + len;
    }
    pieces.push(&text[start..]);
    pieces.into_iter()
}

/// `家(含)` → `家`: an annotating parenthetical is not part of the unit.
fn without_annotation<'u>(n: &Notation, unit: &'u str) -> &'u str {
    unit.strip_suffix(')')
        .and_then(|u| u.rsplit_once('('))
        .filter(|(_, inner)| n.is_annotation(inner))
        .map_or(unit, |(unit, _)| unit)
}

fn targets(n: &Notation, text: &str) -> Vec<Target> {
    let mut found = Vec::new();
    for clause in clauses(text) {
        let clause = clause.trim();
        if !clause.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(parts) = n.target(clause) else {
            continue;
        };
        let (Some(op), Some(value)) = (operator(n, parts.op, parts.suffix), number(parts.number))
        else {
            continue;
        };
        let unit = without_annotation(n, parts.unit);
        if !n.is_unit(unit) {
            continue;
        }
        // `2023年`, `12月底` in a sentence are dates, not quantities.
        let year_like = value.fract().is_zero()
            && value >= Decimal::from(date::MIN_YEAR)
            && value <= Decimal::from(date::MAX_YEAR)
            && unit.starts_with('年');
        if year_like || unit.starts_with('月') {
            continue;
        }
        let subject = parts.subject.unwrap_or("");
        if !(subject.is_empty() || subject.chars().any(is_han)) {
            continue;
        }
        // A subject names something; operator signs or cell separators in it mean the clause
        // is notation we do not understand (`米 | = | 3500`), not a sentence.
        if subject.contains(['<', '>', '=', '≥', '≤', '≧', '≦', '|']) {
            continue;
        }
        found.push(Target {
            subject: n.trim_subject(subject).to_string(),
            op,
            value,
            unit: unit.to_string(),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> ValueKind {
        parse(text).kind
    }

    fn cmp(text: &str) -> Comparison {
        match kind(text) {
            ValueKind::Comparison(c) => c,
            other => panic!("{text:?} is not a comparison: {other:?}"),
        }
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn is_qualitative(text: &str) -> bool {
        matches!(kind(text), ValueKind::Qualitative(_))
    }

    /// The characters [`normalize`] takes as normal without the quick check are normal and
    /// combine with nothing, so every text of them passes the quick check too.
    #[test]
    fn characters_taken_as_normal_pass_the_quick_check() {
        use unicode_normalization::char::canonical_combining_class;
        let mut checked = 0;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| is_always_nfkc(*c))
        {
            assert_eq!(
                is_nfkc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            checked += 1;
        }
        assert_eq!(checked, 128 + 0x9FFF - 0x4E00 + 1 + 10);
        assert!(!is_always_nfkc('\u{F900}') && !is_always_nfkc('％'));
    }

    /// The map of full-width forms is what NFKC does to them, alone and among the characters
    /// taken as normal (every corpus value, and generated texts of both kinds).
    #[test]
    fn full_width_forms_map_as_nfkc_maps_them() {
        for c in ('\u{FF01}'..='\u{FF5E}').chain(['\u{3000}']) {
            let mapped = full_width_to_ascii(c).map(String::from);
            assert_eq!(mapped, Some(c.to_string().nfkc().collect()), "{c:?}");
        }
        assert_eq!(full_width_to_ascii('\u{FF5F}'), None);
        assert_eq!(full_width_to_ascii('\u{FF00}'), None);
        let pieces: Vec<char> =
            "０９Ａｚ（）％，；：～＜＞＝－．\u{3000}a9 ,.-≥≤、。“”《》—–家次亿元"
                .chars()
                .collect();
        let mut rng = crate::test_rng::Xorshift(0x2545_f491_4f6c_dd1d);
        let generated = (0..20_000).map(|_| {
            let state = rng.next_u64();
            let len = 1 + (state % 12) as usize;
            (0..len)
                .map(|i| pieces[((state >> (i * 5)) % pieces.len() as u64) as usize])
                .collect::<String>()
        });
        let corpus = include_str!("../../tests/data/real-indicator-values.tsv");
        let fields = corpus
            .lines()
            .flat_map(|l| l.split('\t'))
            .map(str::to_string);
        for text in fields.chain(generated) {
            let nfkc: String = text.nfkc().collect();
            assert_eq!(normalize(&text), nfkc, "{text:?}");
        }
    }

    #[test]
    fn empty_and_not_applicable() {
        assert_eq!(kind(""), ValueKind::Empty);
        assert_eq!(kind("  \u{3000}"), ValueKind::Empty);
        assert_eq!(parse(" ").text, " ");
        for na in [
            "不适用",
            "无",
            "—",
            " 不适用 ",
            "不适用（本年无此项）",
            "（不适用）",
        ] {
            assert_eq!(kind(na), ValueKind::NotApplicable, "{na}");
        }
        assert!(is_qualitative("无锡"));
    }

    #[test]
    fn symbols_with_and_without_spaces() {
        for (text, op) in [
            ("≥95%", Op::Ge),
            ("≧95%", Op::Ge),
            (">=95%", Op::Ge),
            ("=>95%", Op::Ge),
            ("≥ 95 %", Op::Ge),
            ("＞95％", Op::Gt),
            (">95%", Op::Gt),
            ("＝95%", Op::Eq),
            ("=95%", Op::Eq),
            ("<95%", Op::Lt),
            ("＜95%", Op::Lt),
            ("≤95%", Op::Le),
            ("≦95%", Op::Le),
            ("<=95%", Op::Le),
            ("95%", Op::Eq),
        ] {
            let c = cmp(text);
            assert_eq!(
                (c.op, c.value, c.unit.as_str()),
                (op, dec("95"), "%"),
                "{text}"
            );
        }
    }

    #[test]
    fn words_before_and_after_the_number() {
        for (text, op) in [
            ("不少于20家", Op::Ge),
            ("不低于20家", Op::Ge),
            ("大于等于20家", Op::Ge),
            ("至少20家", Op::Ge),
            ("不超过20家", Op::Le),
            ("不高于20家", Op::Le),
            ("小于等于20家", Op::Le),
            ("大于20家", Op::Gt),
            ("高于20家", Op::Gt),
            ("超过20家", Op::Gt),
            ("超20家", Op::Gt),
            ("小于20家", Op::Lt),
            ("低于20家", Op::Lt),
            ("约20家", Op::About),
            ("大约20家", Op::About),
            ("20家左右", Op::About),
            ("约20家左右", Op::About),
            ("20家以上", Op::Ge),
            ("20家及以上", Op::Ge),
            ("20家以下", Op::Le),
            ("20家以内", Op::Le),
            ("≥20家以上", Op::Ge),
        ] {
            let c = cmp(text);
            assert_eq!(
                (c.op, c.value, c.unit.as_str()),
                (op, dec("20"), "家"),
                "{text}"
            );
        }
        let c = cmp("3个工作日内");
        assert_eq!((c.op, c.unit.as_str()), (Op::Le, "个工作日"));
        assert!(is_qualitative("≤5%以上"), "conflicting operators");
    }

    #[test]
    fn full_width_digits_and_thousands() {
        let c = cmp("≥１８０００家次");
        assert_eq!((c.value, c.unit.as_str()), (dec("18000"), "家次"));
        assert_eq!(cmp("14,737").value, dec("14737"));
        assert_eq!(cmp("1,234,567.5元").value, dec("1234567.5"));
        assert_eq!(cmp("0.0900000762939453").value, dec("0.0900000762939453"));
        assert_eq!(cmp("-0.300000152587891").value, dec("-0.300000152587891"));
        assert_eq!(cmp("0.00%").value.to_string(), "0.00");
    }

    #[test]
    fn units_of_any_script() {
        for (text, unit) in [
            ("≥60微克/立方米", "微克/立方米"),
            ("≤3000元/人*月", "元/人*月"),
            ("4次/月", "次/月"),
            ("80M", "M"),
            ("≥98百分比", "百分比"),
            ("5km", "km"),
            ("20m2", "m2"),
            ("≤5‰", "‰"),
        ] {
            assert_eq!(cmp(text).unit, unit, "{text}");
        }
        assert_eq!(cmp("≥98百分比").scaled, None);
    }

    #[test]
    fn multipliers_scale() {
        let c = cmp("≥1万台");
        let s = c.scaled.unwrap();
        assert_eq!((s.value, s.unit.as_str()), (dec("10000"), "台"));
        let s = cmp("2200亿元").scaled.unwrap();
        assert_eq!(
            (s.value.to_string().as_str(), s.unit.as_str()),
            ("220000000000", "元")
        );
        let s = cmp("28.8万元").scaled.unwrap();
        assert_eq!(
            (s.value.to_string().as_str(), s.unit.as_str()),
            ("288000", "元")
        );
        assert_eq!(cmp("5千克").scaled, None);
        assert_eq!(cmp("150家").scaled, None);
    }

    #[test]
    fn notes_and_references() {
        let c = cmp("约100家（以省下达通知为准）");
        assert_eq!(
            (c.op, c.note.as_deref()),
            (Op::About, Some("以省下达通知为准"))
        );
        assert_eq!(cmp("≥95%(2022:90%)").note.as_deref(), Some("2022:90%"));
        assert_eq!(cmp("≥60%(新增)").note.as_deref(), Some("新增"));
        let c = cmp("不少于20家（含）");
        assert_eq!((c.unit.as_str(), c.note.as_deref()), ("家", Some("含")));
        let c = cmp("≥10万件(册)");
        assert_eq!((c.unit.as_str(), c.note), ("万件(册)", None));
        let c = cmp("不低于发展基金出资额的1倍");
        assert_eq!(
            (c.op, c.value, c.unit.as_str(), c.reference.as_deref()),
            (Op::Ge, dec("1"), "倍", Some("发展基金出资额"))
        );
    }

    #[test]
    fn ranges() {
        for (text, min, max, unit) in [
            ("5%-8%", "5", "8", "%"),
            ("5-8%", "5", "8", "%"),
            ("18—54周岁", "18", "54", "周岁"),
            ("1-2个", "1", "2", "个"),
            ("1～2个", "1", "2", "个"),
            ("3至5天", "3", "5", "天"),
            ("2020-2022", "2020", "2022", ""),
        ] {
            match kind(text) {
                ValueKind::Range(r) => {
                    assert_eq!(
                        (r.min, r.max, r.unit.as_str()),
                        (dec(min), dec(max), unit),
                        "{text}"
                    )
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        assert!(is_qualitative("5%-8个"));
    }

    fn deadline_of(text: &str) -> (String, bool) {
        match kind(text) {
            ValueKind::Deadline(d) => {
                assert_eq!(d.op, Op::Le);
                (d.date, d.year_unknown)
            }
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn deadlines() {
        for (text, date, unknown) in [
            ("2024年12月31日前", "2024-12-31", false),
            ("2024年12月31日之前", "2024-12-31", false),
            ("2021年12月31日", "2021-12-31", false),
            ("2023年底", "2023-12-31", false),
            ("2023年年底前", "2023-12-31", false),
            ("2023年内", "2023-12-31", false),
            ("2024年2月底前", "2024-02-29", false),
            ("2023年6月", "2023-06-30", false),
            ("2023年上半年", "2023-06-30", false),
            ("2023年第三季度", "2023-09-30", false),
            ("2023.12.31前", "2023-12-31", false),
            ("截至2023年6月30日", "2023-06-30", false),
            ("≤2023年6月30日", "2023-06-30", false),
            ("6月底前", "--06-30", true),
            ("12月31日前", "--12-31", true),
            ("当年12月底", "--12-31", true),
            ("年内完成", "--12-31", true),
            ("本年度6月30日前", "--06-30", true),
        ] {
            assert_eq!(deadline_of(text), (date.to_string(), unknown), "{text}");
        }
        assert!(matches!(kind("2023.07"), ValueKind::Comparison(_)));
        assert_eq!(deadline_of("截至2023年"), ("2023-12-31".to_string(), false));
        assert_eq!(cmp("≤2023年").op, Op::Le);
    }

    fn period_of(text: &str) -> (String, String) {
        match kind(text) {
            ValueKind::Period(p) => (p.start, p.end),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn periods() {
        for (text, start, end) in [
            ("2023.07-2024.01", "2023-07", "2024-01"),
            ("2021.1.1-12.31", "2021-01-01", "2021-12-31"),
            ("2020年1月--2020年11月", "2020-01", "2020-11"),
            ("2020年1月-11月", "2020-01", "2020-11"),
            ("2023年1月1日至2023年12月31日", "2023-01-01", "2023-12-31"),
            ("2021-01-01-2021-12-31", "2021-01-01", "2021-12-31"),
            ("2023-2025年", "2023", "2025"),
            ("2023年-2025年", "2023", "2025"),
            ("2023年", "2023", "2023"),
            ("2023年度", "2023", "2023"),
            ("2023年1-12月", "2023-01", "2023-12"),
            ("2023-2025年度", "2023", "2025"),
        ] {
            assert_eq!(
                period_of(text),
                (start.to_string(), end.to_string()),
                "{text}"
            );
        }
    }

    fn qual(text: &str) -> Qualitative {
        match kind(text) {
            ValueKind::Qualitative(q) => q,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn directions() {
        for (text, direction) in [
            ("较去年同期下降", Some(Direction::Decrease)),
            ("较上年提高", Some(Direction::Increase)),
            ("持续提升", Some(Direction::Increase)),
            ("保持稳定", Some(Direction::Maintain)),
            ("不降低", Some(Direction::Maintain)),
            ("降低成本，提高效率", None),
            ("按月安排", None),
        ] {
            assert_eq!(qual(text).direction, direction, "{text}");
        }
    }

    #[test]
    fn sentences_keep_their_numbers_to_themselves() {
        for text in [
            "1-6期培训结束后及时考核",
            "严格按照预算标准1000元/人给补助对象兑付补助",
            "≧ %",
            "不超预算",
            "2023年底前完成",
            "1e5",
            "100%完成",
        ] {
            let kind = kind(text);
            if let ValueKind::Qualitative(q) = &kind {
                assert!(q.targets.is_empty(), "{text}: {q:?}");
            } else {
                assert!(matches!(kind, ValueKind::Deadline(_)), "{text}: {kind:?}");
            }
        }
    }

    #[test]
    fn targets_in_a_sentence() {
        let q = qual("建成广州人工智能公共算力中心，服务企业数量不少于20家，孵化解决方案不少于40个，举办企业对接会不少于10场，AI技术培训不少于2场，培训覆盖人数不少于100人。");
        let got: Vec<_> = q
            .targets
            .iter()
            .map(|t| {
                (
                    t.subject.as_str(),
                    t.op,
                    t.value.to_string(),
                    t.unit.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("服务企业数量", Op::Ge, "20".to_string(), "家"),
                ("孵化解决方案", Op::Ge, "40".to_string(), "个"),
                ("举办企业对接会", Op::Ge, "10".to_string(), "场"),
                ("AI技术培训", Op::Ge, "2".to_string(), "场"),
                ("培训覆盖人数", Op::Ge, "100".to_string(), "人"),
            ]
        );
        let q = qual("市场主体数量达到14,737家，增长5%");
        assert_eq!(q.targets.len(), 2);
        assert_eq!(q.targets[0].value, dec("14737"));
        assert_eq!(q.direction, Some(Direction::Increase));
    }

    #[test]
    fn a_unit_is_at_most_eight_characters_and_a_reference_at_most_twenty() {
        assert!(matches!(read("≥5abcdefgh"), ValueKind::Comparison(_)));
        assert!(matches!(read("≥5abcdefghi"), ValueKind::Qualitative(_)));
        assert!(matches!(read("≥10万件(册)"), ValueKind::Comparison(_)));
        let long_reference = format!("不低于{}的1倍", "基".repeat(21));
        assert!(matches!(read(&long_reference), ValueKind::Qualitative(_)));
        let reference = format!("不低于{}的1倍", "基".repeat(20));
        assert!(matches!(read(&reference), ValueKind::Comparison(_)));
    }
}
