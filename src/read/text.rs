//! Cell contents as the user sees them: HTML left by old exports, numbers stored as text,
//! numeric cells with their number formats.

use std::borrow::Cow;
use std::str::FromStr;

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

use super::grid::CellValue;

// The markup of old exports is found by hand, not by regular expressions: compiling the three
// patterns this module used cost 1.2 M instructions at every import of a form with HTML in its
// cells (8 % of the seed's import). Each scanner below finds exactly what its pattern found,
// leftmost first, none overlapping (the tests compile the patterns and compare):
// - a tag, `(?i)</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>`;
// - a tag that breaks a paragraph, `(?i)<br\s*/?>|</?p(?:\s[^<>]*)?>|</?div(?:\s[^<>]*)?>|</li>`;
// - an entity, `&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});`.

/// The ASCII letter `c` is under the regex crate's `(?i)` (Unicode simple case folding), as
/// lowercase: `A`–`Z` and `a`–`z`, and the two other letters that fold to one of them, U+212A
/// KELVIN SIGN (`k`) and U+017F LONG S (`s`).
fn folded_letter(c: char) -> Option<char> {
    match c {
        'a'..='z' => Some(c),
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        '\u{212A}' => Some('k'),
        '\u{17F}' => Some('s'),
        _ => None,
    }
}

/// Where the case-insensitive ASCII `word` ends when `text` starts with it.
fn after_word(text: &str, word: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for expected in word.chars() {
        let (_, c) = chars.next()?;
        if folded_letter(c) != Some(expected) {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(at, _)| at))
}

/// The end of `(?:\s[^<>]*)?>` at the start of `text`, the rest of a tag after its name: `>` at
/// once, or whitespace and then a `>` before any `<`.
fn after_attributes(text: &str) -> Option<usize> {
    let first = text.chars().next()?;
    if first == '>' {
        return Some(1);
    }
    if !first.is_whitespace() {
        return None;
    }
    let rest = first.len_utf8();
    let close = rest + text[rest..].find(['<', '>'])?;
    (text.as_bytes()[close] == b'>').then_some(close + 1)
}

/// The length of the tag `text` starts with (`</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>`).
fn tag_at(text: &str) -> Option<usize> {
    let name = text.strip_prefix('<')?;
    let name = name.strip_prefix('/').unwrap_or(name);
    let mut chars = name.char_indices();
    folded_letter(chars.next()?.1)?;
    // The name takes every letter and digit: none of them can end the tag, so giving one back
    // never lets the rest match.
    let end = chars
        .find(|(_, c)| folded_letter(*c).is_none() && !c.is_ascii_digit())
        .map_or(name.len(), |(at, _)| at);
    let after_name = &name[end..];
    let tail = if after_name.starts_with("/>") {
        Some(2)
    } else {
        // An attribute part's own `/` is one of its `[^<>]`.
        after_attributes(after_name)
    }?;
    Some(text.len() - after_name.len() + tail)
}

/// The length of the paragraph-breaking tag `text` starts with
/// (`<br\s*/?>|</?p(?:\s[^<>]*)?>|</?div(?:\s[^<>]*)?>|</li>`, case-insensitively). The
/// alternatives start differently, so at most one matches.
fn break_tag_at(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('<')?;
    // Where a suffix of `text` starts in it.
    let at = |rest: &str| text.len() - rest.len();
    if let Some(end) = after_word(inner, "br") {
        let rest = inner[end..].trim_start_matches(char::is_whitespace);
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        return rest.strip_prefix('>').map(at);
    }
    let closing = inner.strip_prefix('/');
    if let Some(name) = closing {
        if let Some(end) = after_word(name, "li") {
            return name[end..].strip_prefix('>').map(at);
        }
    }
    let name = closing.unwrap_or(inner);
    for element in ["p", "div"] {
        if let Some(end) = after_word(name, element) {
            let rest = &name[end..];
            return after_attributes(rest).map(|tail| at(rest) + tail);
        }
    }
    None
}

/// `text` with every tag `tag_at` finds (leftmost first, none overlapping) replaced by `with`.
fn replace_tags<'a>(text: &'a str, tag_at: fn(&str) -> Option<usize>, with: &str) -> Cow<'a, str> {
    replace_matches(text, '<', tag_at, |_, out| out.push_str(with))
}

/// `text` with each match replaced: where `start` stands, `length_at` gives the length of the
/// match beginning there, if any (leftmost first, none overlapping), and `write` writes what
/// stands for the match instead. Unchanged text is borrowed.
fn replace_matches<'a>(
    text: &'a str,
    start: char,
    length_at: impl Fn(&str) -> Option<usize>,
    write: impl Fn(&str, &mut String),
) -> Cow<'a, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find(start) {
        let at = from + found;
        match length_at(&text[at..]) {
            Some(len) => {
                out.push_str(&text[copied..at]);
                write(&text[at..at + len], &mut out);
                copied = at + len;
                from = copied;
            }
            None => from = at + start.len_utf8(),
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

fn has_markup(text: &str) -> bool {
    let mut from = 0;
    while let Some(found) = text[from..].find('<') {
        let at = from + found;
        if tag_at(&text[at..]).is_some() {
            return true;
        }
        from = at + 1;
    }
    false
}

/// The length of the run of `text`'s leading bytes that are `class`.
fn run(text: &[u8], class: fn(&u8) -> bool) -> usize {
    text.iter().take_while(|b| class(b)).count()
}

/// The entity `text` starts with, as (its length, the part between `&` and `;`):
/// `&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});`. Each class runs up to the `;` or the
/// pattern fails: a shorter run would be followed by another character of the class.
fn entity_at(text: &str) -> Option<(usize, &str)> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'&') {
        return None;
    }
    let (start, len) = match bytes.get(1..3) {
        Some([b'#', b'x' | b'X']) => {
            let len = run(&bytes[3..], u8::is_ascii_hexdigit);
            (3, (1..=6).contains(&len).then_some(len)?)
        }
        _ if bytes.get(1) == Some(&b'#') => {
            let len = run(&bytes[2..], u8::is_ascii_digit);
            (2, (1..=7).contains(&len).then_some(len)?)
        }
        _ => {
            let len = run(&bytes[1..], u8::is_ascii_alphabetic);
            (1, (2..=8).contains(&len).then_some(len)?)
        }
    };
    let semicolon = start + len;
    (bytes.get(semicolon) == Some(&b';')).then(|| (semicolon + 1, &text[1..semicolon]))
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
        u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
    } else if let Some(num) = name.strip_prefix('#') {
        num.parse::<u32>().ok().and_then(char::from_u32)
    } else {
        match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "lsquo" => Some('‘'),
            "rsquo" => Some('’'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            "hellip" => Some('…'),
            "middot" => Some('·'),
            "times" => Some('×'),
            "ge" => Some('≥'),
            "le" => Some('≤'),
            _ => None,
        }
    }
}

/// `text` with its entities decoded; one that names no character is left as written.
fn decode_entities(text: &str) -> Cow<'_, str> {
    replace_matches(
        text,
        '&',
        |rest| entity_at(rest).map(|(len, _)| len),
        // The match is `&name;`.
        |entity, out| match decode_entity(&entity[1..entity.len() - 1]) {
            Some(c) => out.push(c),
            None => out.push_str(entity),
        },
    )
}

/// A text cell as the form's content: HTML tags removed and entities decoded (only when the
/// cell holds markup), surrounding whitespace trimmed, nothing else changed.
pub fn clean(text: &str) -> String {
    if has_markup(text) {
        let stripped = replace_tags(text, tag_at, "");
        decode_entities(&stripped).trim().to_string()
    } else {
        text.trim().to_string()
    }
}

/// A cell holding several paragraphs (`<p>…</p>`, `<br>` or line breaks): one item per
/// non-empty paragraph, each cleaned.
pub fn paragraphs(text: &str) -> Vec<String> {
    let plain: Cow<'_, str> = if has_markup(text) {
        let broken = replace_tags(text, break_tag_at, "\n");
        let stripped = replace_tags(&broken, tag_at, "").into_owned();
        Cow::Owned(decode_entities(&stripped).into_owned())
    } else {
        Cow::Borrowed(text)
    };
    plain
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

/// Why a money cell could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct NotMoney(pub String);

/// Money as written: a numeric cell, or text such as `14,737.75`, `１２３．５`, `100万元`.
/// Blank, `-`, `—`, `/` and `无` are `None`.
pub fn money(value: Option<&CellValue>) -> Result<Option<Decimal>, NotMoney> {
    let text = match value {
        None => return Ok(None),
        Some(CellValue::Number { value, .. }) => return Ok(Some(*value)),
        Some(CellValue::Text(t)) => clean(t),
    };
    let normal: String = text
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let normal = normal
        .strip_suffix("万元")
        .or_else(|| normal.strip_suffix('元'))
        .unwrap_or(&normal);
    if matches!(normal, "" | "-" | "—" | "——" | "/" | "无" | "－") {
        return Ok(None);
    }
    // Exact: an amount past 28 decimal places is refused, not rounded (to 0 for `1e-30`).
    Decimal::from_str_exact(normal)
        .map(Some)
        .map_err(|_| NotMoney(text.clone()))
}

/// The money unit a cell states: `金额单位:元`, `单位：万元`, `项目资金(万元)`, `（单位：元）`.
pub fn money_unit(text: &str) -> Option<&'static str> {
    let normal: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let after = |marker: &str| normal.find(marker).map(|at| &normal[at + marker.len()..]);
    let unit_of = |rest: &str| {
        if rest.starts_with("万元") {
            Some("万元")
        } else if rest.starts_with('元') {
            Some("元")
        } else {
            None
        }
    };
    if let Some(rest) = after("单位:") {
        return unit_of(rest);
    }
    if normal.chars().count() <= 20 {
        if let Some(rest) = after("(") {
            return unit_of(rest).filter(|_| rest.ends_with(')'));
        }
    }
    None
}

/// The first year (1990–2099) written before 年 in `text`: `…2023年度整体绩效目标表` → 2023,
/// `填报日期:2021年1月28日` → 2021.
pub fn year_in(text: &str) -> Option<u32> {
    let normal: String = text.nfkc().collect();
    let chars: Vec<char> = normal.chars().collect();
    for (i, window) in chars.windows(5).enumerate() {
        let digits = &window[..4];
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        if window[4] == '年' && before_ok && digits.iter().all(char::is_ascii_digit) {
            let year: u32 = digits.iter().collect::<String>().parse().ok()?;
            if (1990..=2099).contains(&year) {
                return Some(year);
            }
        }
    }
    None
}

/// A score or weight as written: `10`, `10分`, `10%`, `9.5`; blank, `-`, `/` are `None`.
pub fn score(shown: &str) -> Result<Option<Decimal>, NotMoney> {
    let text = clean(shown);
    let normal: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let normal = normal.trim_end_matches(['分', '%']);
    if matches!(normal, "" | "-" | "—" | "——" | "/" | "无" | "－") {
        return Ok(None);
    }
    // Exact: an amount past 28 decimal places is refused, not rounded (to 0 for `1e-30`).
    Decimal::from_str_exact(normal)
        .map(Some)
        .map_err(|_| NotMoney(text.clone()))
}

/// A count such as 财政供养人员数: a whole number, possibly followed by a unit (`125人`).
pub fn count(value: Option<&CellValue>) -> Result<Option<u64>, NotMoney> {
    let text = match value {
        None => return Ok(None),
        Some(v) => clean(v.shown()),
    };
    let normal: String = text
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let digits = normal.trim_end_matches(|c: char| !c.is_ascii_digit() && c != '.');
    if matches!(normal.as_str(), "" | "-" | "—" | "/" | "无") {
        return Ok(None);
    }
    let number = Decimal::from_str(digits).map_err(|_| NotMoney(text.clone()))?;
    if !number.fract().is_zero() || number.is_sign_negative() {
        return Err(NotMoney(text));
    }
    u64::try_from(number.trunc())
        .map(Some)
        .map_err(|_| NotMoney(text))
}

/// A numeric cell as displayed under its number format.
///
/// Excel shows at most 15 significant digits, so the float noise of a stored double
/// (14737.749999999998) never reaches the user: neither does it reach us. A fixed number of
/// decimals in the format (`#,##0.00`) sets the scale; a percentage format shows the value
/// times 100 with `%`.
///
/// A double a Decimal cannot hold exactly (`1e-30`, past 28 decimal places or 96 bits) is kept
/// as its text, never rounded: as money it is then refused with its cell named. A double with
/// more digits than the 15 shown that are not noise (`1234567890123.4567`, written by some
/// other program) is read as shown and keeps its stored digits for the reader's warning.
pub fn number(raw: f64, format: &str) -> CellValue {
    let stored = match Decimal::from_str_exact(&format!("{raw}")) {
        Ok(d) => d,
        Err(_) => {
            return CellValue::Text(format!("{raw}"));
        }
    };
    let (value, mut beyond) = spreadsheet_digits(stored);
    let section = first_section(format);
    let decimals = decimals_of(&section);
    let percent = is_percent(&section);
    // The format's decimals may hide the digits past the 15th: then nothing the user sees
    // differs, and there is nothing to warn about.
    let displayed = |v: Decimal| {
        let v = if percent { v * Decimal::ONE_HUNDRED } else { v };
        decimals.map_or(v, |n| rescale(v, n))
    };
    if beyond.is_some() && displayed(stored) == displayed(value) {
        beyond = None;
    }
    if percent {
        let percent = value * Decimal::ONE_HUNDRED;
        let shown = match decimals {
            Some(n) => rescale(percent, n),
            None => percent.normalize(),
        };
        return CellValue::Number {
            value,
            shown: format!("{shown}%"),
            stored: beyond,
        };
    }
    let value = match decimals {
        Some(n) => rescale(value, n),
        None => value,
    };
    let shown = if section.contains(',') {
        crate::number::group_thousands(&value.to_string())
    } else {
        value.to_string()
    };
    CellValue::Number {
        value,
        shown,
        stored: beyond,
    }
}

/// The significant digits a spreadsheet keeps and shows.
const SPREADSHEET_DIGITS: u32 = 15;

/// How far (in units in the last place of a double) a stored number may lie from its
/// 15-digit rounding and still be float noise: a sum or product of short decimals lands
/// within an ulp or two of the decimal it means (14737.749999999998 is 1 from 14737.75,
/// the 8827620.529999999 and 968.1917999999999 of real forms 1 each), while a number written
/// with 16 or 17 digits on purpose (1234567890123.4567) lies 10 or more away.
const NOISE_ULPS: u64 = 4;

/// A stored number as a spreadsheet shows it — rounded to 15 significant digits — and the
/// stored number itself when the rounding took more than float noise away.
pub(super) fn spreadsheet_digits(stored: Decimal) -> (Decimal, Option<Box<Decimal>>) {
    let shown = stored
        .round_sf(SPREADSHEET_DIGITS)
        .unwrap_or(stored)
        .normalize();
    if shown == stored || is_float_noise(stored, shown) {
        (shown, None)
    } else {
        (shown, Some(Box::new(stored.normalize())))
    }
}

/// Whether the doubles nearest to `stored` and to its rounding `shown` are at most
/// [`NOISE_ULPS`] apart.
fn is_float_noise(stored: Decimal, shown: Decimal) -> bool {
    let nearest = |d: Decimal| d.to_string().parse::<f64>().ok().filter(|f| f.is_finite());
    match (nearest(stored), nearest(shown)) {
        // Rounding keeps the sign, so the bit patterns of the two doubles are ordered like
        // their magnitudes and their difference counts the doubles between them.
        (Some(a), Some(b)) if a.is_sign_negative() == b.is_sign_negative() => {
            a.to_bits().abs_diff(b.to_bits()) <= NOISE_ULPS
        }
        _ => false,
    }
}

/// An integer cell (`.xls` and `.ods` give whole numbers as such).
pub fn integer(raw: i64) -> CellValue {
    let value = Decimal::from(raw);
    CellValue::Number {
        value,
        shown: value.to_string(),
        stored: None,
    }
}

fn rescale(value: Decimal, decimals: u32) -> Decimal {
    let mut v = value.round_dp(decimals);
    v.rescale(decimals);
    v
}

/// The format's section for positive numbers, with quoted text and escapes removed.
fn first_section(format: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut bracket = false;
    for c in format.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => escaped = true,
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => break,
            _ => out.push(c),
        }
    }
    out
}

fn is_percent(section: &str) -> bool {
    section.contains('%')
}

/// Digits after the decimal point, when the format fixes them (`0.00` → 2, `0` → 0).
fn decimals_of(section: &str) -> Option<u32> {
    if section.eq_ignore_ascii_case("general") || section.is_empty() || section == "@" {
        return None;
    }
    if !section.contains(['0', '#', '?']) {
        return None;
    }
    match section.split_once('.') {
        Some((_, after)) => Some(
            after
                .chars()
                .take_while(|c| matches!(c, '0' | '#' | '?'))
                .count() as u32,
        ),
        None => Some(0),
    }
}

/// An Excel date serial (1900 system) → `YYYY-MM-DD`, or `YYYY年M月D日` when the format
/// writes 年.
pub fn date(serial: f64, format: &str, is_1904: bool) -> CellValue {
    let days = serial.floor() as i64;
    // 1900 system: serial 1 is 1900-01-01 and Excel counts a 1900-02-29 that never was.
    let days_since_epoch = if is_1904 {
        days + 1462 - 25569
    } else if days >= 60 {
        days - 25569
    } else {
        days - 25568
    };
    let (y, m, d) = civil_from_days(days_since_epoch);
    let shown = if format.contains('年') {
        format!("{y}年{m}月{d}日")
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    };
    CellValue::Text(shown)
}

/// Days since 1970-01-01 → (year, month, day). Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests;
