//! Dates as written in values: `2024年12月31日`, `2023.07`, `2021.1.1`, `12.31`, `6月`.
//!
//! A small cursor parser: the forms are few, and a hand-written reader keeps "2021.1.1-12.31"
//! (a dotted date, then `-`, then a month and day) unambiguous without backtracking regexes.

/// How a date token was written; decides whether a lone token is a period, a deadline or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `2024年12月31日`, `2023年`, `6月`.
    Chinese,
    /// `2023.07`, `2021.1.1`, `2023-01-01`, `12.31`.
    Dotted,
    /// `2023`: four digits and nothing else.
    BareYear,
}

/// A date as precise as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartialDate {
    pub year: Option<u32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub style: Style,
}

impl PartialDate {
    /// `2023`, `2023-07`, `2023-07-01`; `--07-01` without a year.
    pub fn iso(&self) -> String {
        let year = match self.year {
            Some(y) => format!("{y:04}"),
            None => "-".to_string(),
        };
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{year}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year}-{m:02}"),
            _ => year,
        }
    }
}

pub(crate) const MIN_YEAR: u32 = 1900;
pub(crate) const MAX_YEAR: u32 = 2100;

/// Days in a month; February of an unknown year has 28 (the safe end of month).
pub(crate) fn days_in_month(year: Option<u32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => match year {
            Some(y) if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => {
                29
            }
            _ => 28,
        },
    }
}

/// A position in the text being read; cheap to copy, so alternatives are tried on copies.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cursor<'a> {
    pub rest: &'a str,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Cursor { rest: text }
    }

    pub fn skip_space(&mut self) {
        self.rest = self.rest.trim_start();
    }

    pub fn eat(&mut self, word: &str) -> bool {
        match self.rest.strip_prefix(word) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// The first of `words` (longest first) that the text starts with.
    pub fn eat_any<'w>(&mut self, words: &[&'w str]) -> Option<&'w str> {
        let word = words.iter().find(|w| self.rest.starts_with(**w))?;
        self.rest = &self.rest[word.len()..];
        Some(word)
    }

    /// Between `min` and `max` ASCII digits, not followed by another digit.
    pub fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let n = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        if n < min || n > max {
            return None;
        }
        let value = self.rest[..n].parse().ok()?;
        self.rest = &self.rest[n..];
        Some(value)
    }

    pub fn at_end(&self) -> bool {
        self.rest.is_empty()
    }
}

fn valid(year: Option<u32>, month: Option<u32>, day: Option<u32>) -> bool {
    if let Some(y) = year {
        if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
            return false;
        }
    }
    match (month, day) {
        (Some(m), day) if (1..=12).contains(&m) => match day {
            Some(d) => d >= 1 && d <= days_in_month(year.or(Some(2000)), m),
            None => true,
        },
        (None, None) => true,
        _ => false,
    }
}

/// A date with a year: `2024年12月31日`, `2023年7月`, `2023年`, `2023.07`, `2021-1-1`, `2023`.
pub(crate) fn dated(c: &mut Cursor) -> Option<PartialDate> {
    let mut at = *c;
    let year = at.digits(4, 4)?;
    let date = if at.eat("年") {
        let mut month = None;
        let mut day = None;
        let mut m = at;
        if let Some(mm) = m.digits(1, 2) {
            if m.eat("月") {
                month = Some(mm);
                at = m;
                let mut d = at;
                if let Some(dd) = d.digits(1, 2) {
                    if d.eat("日") || d.eat("号") {
                        day = Some(dd);
                        at = d;
                    }
                }
            }
        }
        PartialDate {
            year: Some(year),
            month,
            day,
            style: Style::Chinese,
        }
    } else if let Some(sep) = ['.', '/', '-']
        .into_iter()
        .find(|s| at.rest.starts_with(*s))
    {
        let mut m = at;
        m.rest = &m.rest[1..];
        match m.digits(1, 2) {
            Some(mm) => {
                at = m;
                let mut day = None;
                let mut d = at;
                if d.rest.starts_with(sep) {
                    d.rest = &d.rest[1..];
                    if let Some(dd) = d.digits(1, 2) {
                        day = Some(dd);
                        at = d;
                    }
                }
                PartialDate {
                    year: Some(year),
                    month: Some(mm),
                    day,
                    style: Style::Dotted,
                }
            }
            None => PartialDate {
                year: Some(year),
                month: None,
                day: None,
                style: Style::BareYear,
            },
        }
    } else {
        PartialDate {
            year: Some(year),
            month: None,
            day: None,
            style: Style::BareYear,
        }
    };
    if !valid(date.year, date.month, date.day) {
        return None;
    }
    *c = at;
    Some(date)
}

/// A date without a year: `12月31日`, `6月`, and — only where `dotted` is allowed — `12.31`.
pub(crate) fn yearless(c: &mut Cursor, dotted: bool) -> Option<PartialDate> {
    let mut at = *c;
    let month = at.digits(1, 2)?;
    let date = if at.eat("月") {
        let mut day = None;
        let mut d = at;
        if let Some(dd) = d.digits(1, 2) {
            if d.eat("日") || d.eat("号") {
                day = Some(dd);
                at = d;
            }
        }
        PartialDate {
            year: None,
            month: Some(month),
            day,
            style: Style::Chinese,
        }
    } else if dotted && (at.eat(".") || at.eat("/")) {
        let day = at.digits(1, 2)?;
        PartialDate {
            year: None,
            month: Some(month),
            day: Some(day),
            style: Style::Dotted,
        }
    } else {
        return None;
    };
    if !valid(None, date.month, date.day) {
        return None;
    }
    *c = at;
    Some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(String, Style, &str)> {
        let mut c = Cursor::new(text);
        dated(&mut c).map(|d| (d.iso(), d.style, c.rest))
    }

    #[test]
    fn dated_forms() {
        assert_eq!(
            read("2024年12月31日前"),
            Some(("2024-12-31".into(), Style::Chinese, "前"))
        );
        assert_eq!(
            read("2023年底"),
            Some(("2023".into(), Style::Chinese, "底"))
        );
        assert_eq!(
            read("2023.07-2024.01"),
            Some(("2023-07".into(), Style::Dotted, "-2024.01"))
        );
        assert_eq!(
            read("2021.1.1-12.31"),
            Some(("2021-01-01".into(), Style::Dotted, "-12.31"))
        );
        assert_eq!(
            read("2021-01-01-2021-12-31"),
            Some(("2021-01-01".into(), Style::Dotted, "-2021-12-31"))
        );
        assert_eq!(
            read("2020-2022"),
            Some(("2020".into(), Style::BareYear, "-2022"))
        );
        assert_eq!(read("2023年13月"), None);
        assert_eq!(read("2023年2月29日"), None);
        assert_eq!(
            read("2024年2月29日"),
            Some(("2024-02-29".into(), Style::Chinese, ""))
        );
        assert_eq!(read("12345"), None);
        assert_eq!(read("1800年"), None);
    }

    #[test]
    fn yearless_forms() {
        let mut c = Cursor::new("12.31");
        assert_eq!(
            yearless(&mut c, true).map(|d| d.iso()),
            Some("--12-31".into())
        );
        let mut c = Cursor::new("12.31");
        assert_eq!(yearless(&mut c, false), None);
        let mut c = Cursor::new("6月底前");
        assert_eq!(
            yearless(&mut c, false).map(|d| d.iso()),
            Some("--06".into())
        );
        assert_eq!(c.rest, "底前");
    }
}
