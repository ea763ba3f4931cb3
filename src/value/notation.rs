//! The value-notation words from `templates/notation.toml`, and the readers of the notation's
//! shapes (comparison, range, a sentence's target clause).
//!
//! The words are built once (on first use) and shared; parsing a value allocates only what the
//! result holds. The shapes are read by hand, not by regexes: compiling the three patterns cost
//! more than reading a whole form. Each reader tries the ways a text could be read in the order
//! the regex it replaced tried them (its leftmost-first search), so it finds what the regex
//! found; the tests compile the old patterns and compare.

use std::sync::LazyLock;

use rust_decimal::Decimal;

use super::{Direction, Op};

/// `templates/notation.toml` as build/notation.rs writes it out (`NOTATION_FILE`): every list in
/// the file's order. Parsing the TOML at start cost more than reading a value.
struct NotationFile {
    prefix: &'static [(&'static str, Op)],
    suffix: &'static [(&'static str, Op)],
    render: &'static [(Op, &'static str)],
    render_words: &'static [(Op, &'static str)],
    increase: &'static [&'static str],
    decrease: &'static [&'static str],
    maintain: &'static [&'static str],
    not_applicable: &'static [&'static str],
    factors: &'static [(&'static str, u64)],
    not_multipliers: &'static [&'static str],
    unit_max_chars: usize,
    unit_annotations: &'static [&'static str],
    unit_stop_words: &'static [&'static str],
    range_separators: &'static [&'static str],
    period_separators: &'static [&'static str],
    deadline_prefixes: &'static [&'static str],
    deadline_this_year: &'static [&'static str],
    deadline_suffixes: &'static [&'static str],
    deadline_year_end: &'static [&'static str],
    deadline_month_end: &'static [&'static str],
    first_half: &'static str,
    second_half: &'static str,
    quarter: &'static str,
    subject_trailing: &'static [&'static str],
    qualitative_signs: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/notation.rs"));

/// The deadline words, each list longest first.
pub(crate) struct DeadlineWords {
    pub prefixes: Vec<&'static str>,
    pub this_year: Vec<&'static str>,
    pub suffixes: Vec<&'static str>,
    pub year_end: Vec<&'static str>,
    pub month_end: Vec<&'static str>,
    pub first_half: &'static str,
    pub second_half: &'static str,
    pub quarter: &'static str,
}

/// The notation: its words, in the orders the readers try them, and lookup tables.
pub(crate) struct Notation {
    /// Each prefix word's operator, in the file's order (the last of a repeated word counts).
    prefix_ops: &'static [(&'static str, Op)],
    /// The prefix operator words in the order an alternation of them prefers: longest first.
    prefix_words: Vec<&'static str>,
    /// The first character of each prefix word, sorted.
    prefix_first_chars: Vec<char>,
    suffix_ops: &'static [(&'static str, Op)],
    /// The suffix operator words in the order an alternation of them prefers: longest first.
    suffix_words: Vec<&'static str>,
    render_ops: &'static [(Op, &'static str)],
    render_words: &'static [(Op, &'static str)],
    not_applicable: &'static [&'static str],
    /// Longest word first.
    multipliers: Vec<(&'static str, Decimal)>,
    /// The first character of each multiplier word, sorted.
    multiplier_first_chars: Vec<char>,
    not_multipliers: &'static [&'static str],
    unit_stop_words: &'static [&'static str],
    /// The first character of each stop word, sorted.
    stop_first_chars: Vec<char>,
    /// At most this many characters in a unit (a parenthesised one like 万件(册) not counted).
    unit_max_chars: usize,
    unit_annotations: &'static [&'static str],
    /// Longest first.
    pub period_separators: Vec<&'static str>,
    pub deadline: DeadlineWords,
    subject_trailing: &'static [&'static str],
    qualitative_signs: &'static [&'static str],
    /// The words between the two ends of a range, in the file's order.
    range_separators: &'static [&'static str],
    /// The same, in the order an alternation of them prefers: longest first.
    range_separator_words: Vec<&'static str>,
    /// The first character of each range separator, sorted.
    separator_first_chars: Vec<char>,
    /// The direction words, longest first, so that 不降低 wins over 降低 at one position.
    direction_words: Vec<(&'static str, Direction)>,
    /// The first character of each direction word, sorted.
    direction_first_chars: Vec<char>,
}

/// The notation, built on first use from the words build.rs compiled in.
pub(crate) fn notation() -> &'static Notation {
    static NOTATION: LazyLock<Notation> = LazyLock::new(|| Notation::build(&NOTATION_FILE));
    &NOTATION
}

/// The words longest first (a stable sort: words of one length keep their order), without
/// adjacent repeats: the order in which an alternation of them is tried.
fn alternation_order(words: &[&'static str]) -> Vec<&'static str> {
    let mut words = words.to_vec();
    words.sort_by_cached_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    words
}

/// The first character of each word, sorted, without repeats.
fn first_chars(words: &[&str]) -> Vec<char> {
    let mut chars: Vec<char> = words
        .iter()
        .filter_map(|word| word.chars().next())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

/// Whether one of the words occurs in the text: `words.iter().any(|w| text.contains(w))` for
/// non-empty words, with one pass over the text that tries the words only where one of their
/// `first_chars` stands (a `contains` per word cost more than the rest of reading a value).
fn holds_any(text: &str, words: &[&str], first_chars: &[char]) -> bool {
    text.char_indices().any(|(i, c)| {
        first_chars.binary_search(&c).is_ok() && words.iter().any(|w| text[i..].starts_with(w))
    })
}

fn longest_first(words: &[&'static str]) -> Vec<&'static str> {
    let mut words = words.to_vec();
    words.sort_by_cached_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// Chinese characters as the readers know them: the unified ideographs, extension A and the
/// compatibility block (the old patterns' `HAN` class; not all of `\p{Han}`).
fn is_pattern_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The signs a unit may hold besides ASCII letters and [`is_pattern_han`] characters.
const UNIT_SIGNS: [char; 15] = [
    'μ', 'Ω', '%', '‰', '℃', '°', '′', '″', '/', '*', '·', '・', '×', '²', '³',
];

/// The signs a number may start with.
const NUMBER_SIGNS: [&str; 3] = ["+", "-", "−"];

/// Whether a sentence's subject may end with the character: not a digit, `.`, `,`, a sign or a
/// space (`[^0-9.,+\-−\s]`), so the number's own characters are not taken into the subject.
fn may_end_subject(c: char) -> bool {
    !(c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-' | '−') || c.is_whitespace())
}

/// What [`Notation::comparison`] found in `[reference的] number unit [suffix-op]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ComparisonParts<'t> {
    pub reference: Option<&'t str>,
    pub number: &'t str,
    pub unit: &'t str,
    pub suffix: Option<&'t str>,
}

/// What [`Notation::range`] found in `number unit separator number unit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RangeParts<'t> {
    pub min: &'t str,
    pub min_unit: &'t str,
    pub max: &'t str,
    pub max_unit: &'t str,
}

/// What [`Notation::target`] found in `[subject] [op] number unit [suffix-op]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TargetParts<'t> {
    pub subject: Option<&'t str>,
    pub op: Option<&'t str>,
    pub number: &'t str,
    pub unit: &'t str,
    pub suffix: Option<&'t str>,
}

/// The end of the whitespace (`\s`: Unicode's White_Space, as `char::is_whitespace`) at `at`.
fn skip_space(text: &str, at: usize) -> usize {
    text[at..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |i| at + i)
}

/// The end of the ASCII digits at `at`.
fn digits_end(bytes: &[u8], at: usize) -> usize {
    at + bytes.get(at..).map_or(0, |rest| {
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    })
}

/// `,ddd` at `at`.
fn is_thousands_group(bytes: &[u8], at: usize) -> bool {
    bytes.get(at) == Some(&b',') && digits_end(bytes, at + 1) >= at + 4
}

/// The end of `(X)` at `at`, X one [`is_pattern_han`] character.
fn han_in_parentheses(text: &str, at: usize) -> Option<usize> {
    let mut chars = text[at..].strip_prefix('(')?.chars();
    let han = chars.next().filter(|c| is_pattern_han(*c))?;
    chars.next().filter(|c| *c == ')')?;
    Some(at + 1 + han.len_utf8() + 1)
}

/// Each way a number (`[+\-−]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?`, ASCII digits:
/// the text is NFKC-normalised first) can end when it starts at `at`, in the order the regex
/// tried them, until `rest` reads the text after it: the sign taken if there is one, then
/// thousands groups (the most leading digits, then the most groups, first), then plain digits
/// (the most first), each with the longest fraction first, then none.
fn each_number_end<R>(
    text: &str,
    at: usize,
    mut rest: impl FnMut(usize) -> Option<R>,
) -> Option<R> {
    let bytes = text.as_bytes();
    let mut with_fraction = |integer_end: usize| {
        if bytes.get(integer_end) == Some(&b'.') {
            let fraction_end = digits_end(bytes, integer_end + 1);
            for end in (integer_end + 2..=fraction_end).rev() {
                if let Some(found) = rest(end) {
                    return Some(found);
                }
            }
        }
        rest(integer_end)
    };
    let signed = NUMBER_SIGNS
        .iter()
        .find(|sign| text[at..].starts_with(**sign))
        .map(|sign| at + sign.len());
    // Without the sign after with it: only ever reached when no sign is there.
    for first_digit in signed.into_iter().chain([at]) {
        let run = digits_end(bytes, first_digit) - first_digit;
        for lead in (1..=run.min(3)).rev() {
            let groups_at = first_digit + lead;
            let groups = (0..)
                .take_while(|g| is_thousands_group(bytes, groups_at + 4 * g))
                .count();
            for g in (1..=groups).rev() {
                if let Some(found) = with_fraction(groups_at + 4 * g) {
                    return Some(found);
                }
            }
        }
        for len in (1..=run).rev() {
            if let Some(found) = with_fraction(first_digit + len) {
                return Some(found);
            }
        }
    }
    None
}

/// Each way a unit (`(?:(?:[A-Za-z][23]?|[Han signs])*?(?:\([Han]\))?)`) can end when it
/// starts at `at`, in the order the regex tried them, until `rest` reads the text after it:
/// the shortest first, at each length with one parenthesised character (万件(册)) before
/// without. A letter followed by 2 or 3 is read with its digit (`m2`); the way without it is
/// tried only after every longer unit failed, the last such letter first. How many characters
/// a unit may hold is checked later ([`Notation::is_unit`]).
fn each_unit_end<R>(text: &str, at: usize, mut rest: impl FnMut(usize) -> Option<R>) -> Option<R> {
    let mut before_exponents = Vec::new();
    let mut at = at;
    loop {
        if let Some(after) = han_in_parentheses(text, at) {
            if let Some(found) = rest(after) {
                return Some(found);
            }
        }
        if let Some(found) = rest(at) {
            return Some(found);
        }
        match unit_step(text, at) {
            Some((next, exponent)) => {
                before_exponents.extend(exponent);
                at = next;
            }
            None => break,
        }
    }
    // Stopped before an exponent digit, the unit can only end there (no unit character or
    // parenthesis starts with a digit).
    while let Some(at) = before_exponents.pop() {
        if let Some(found) = rest(at) {
            return Some(found);
        }
    }
    None
}

/// One unit character at `at`: where the next starts, and for a letter with an exponent digit
/// (`m2`), where that digit is. None where no unit character stands.
fn unit_step(text: &str, at: usize) -> Option<(usize, Option<usize>)> {
    let c = text[at..].chars().next()?;
    if c.is_ascii_alphabetic() {
        return Some(match text.as_bytes().get(at + 1) {
            Some(b'2' | b'3') => (at + 2, Some(at + 1)),
            _ => (at + 1, None),
        });
    }
    (is_pattern_han(c) || UNIT_SIGNS.contains(&c)).then(|| (at + c.len_utf8(), None))
}

/// Where the walk of [`each_unit_end`] from `at` stops: the first place no unit character
/// stands, stepping over letters with their exponent digits.
fn unit_walk_stop(text: &str, mut at: usize) -> usize {
    while let Some((next, _)) = unit_step(text, at) {
        at = next;
    }
    at
}

impl Notation {
    fn build(file: &NotationFile) -> Notation {
        let prefix_words: Vec<&'static str> = file.prefix.iter().map(|(w, _)| *w).collect();
        let suffix_words: Vec<&'static str> = file.suffix.iter().map(|(w, _)| *w).collect();
        // A word listed twice takes its last list's direction.
        let mut direction_words: Vec<(&'static str, Direction)> = Vec::new();
        for (words, direction) in [
            (file.increase, Direction::Increase),
            (file.decrease, Direction::Decrease),
            (file.maintain, Direction::Maintain),
        ] {
            for word in words {
                match direction_words.iter_mut().find(|(w, _)| w == word) {
                    Some((_, listed)) => *listed = direction,
                    None => direction_words.push((word, direction)),
                }
            }
        }
        // Longest first; among words of one length the order cannot matter (two different
        // words of one length never both start at one position), but is fixed for clarity.
        direction_words
            .sort_by_cached_key(|(word, _)| (std::cmp::Reverse(word.chars().count()), *word));
        let multipliers = {
            let mut m: Vec<(&'static str, Decimal)> = file
                .factors
                .iter()
                .map(|(word, factor)| (*word, Decimal::from(*factor)))
                .collect();
            m.sort_by_cached_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
            m
        };
        let direction_first_chars =
            first_chars(&direction_words.iter().map(|(w, _)| *w).collect::<Vec<_>>());
        let multiplier_first_chars =
            first_chars(&multipliers.iter().map(|(w, _)| *w).collect::<Vec<_>>());
        Notation {
            multiplier_first_chars,
            direction_first_chars,
            prefix_first_chars: first_chars(&prefix_words),
            stop_first_chars: first_chars(file.unit_stop_words),
            separator_first_chars: first_chars(file.range_separators),
            prefix_words: alternation_order(&prefix_words),
            prefix_ops: file.prefix,
            suffix_words: alternation_order(&suffix_words),
            suffix_ops: file.suffix,
            render_ops: file.render,
            render_words: file.render_words,
            not_applicable: file.not_applicable,
            multipliers,
            not_multipliers: file.not_multipliers,
            unit_stop_words: file.unit_stop_words,
            unit_max_chars: file.unit_max_chars,
            unit_annotations: file.unit_annotations,
            period_separators: longest_first(file.period_separators),
            deadline: DeadlineWords {
                prefixes: longest_first(file.deadline_prefixes),
                this_year: longest_first(file.deadline_this_year),
                suffixes: longest_first(file.deadline_suffixes),
                year_end: longest_first(file.deadline_year_end),
                month_end: longest_first(file.deadline_month_end),
                first_half: file.first_half,
                second_half: file.second_half,
                quarter: file.quarter,
            },
            subject_trailing: file.subject_trailing,
            qualitative_signs: file.qualitative_signs,
            range_separators: file.range_separators,
            range_separator_words: alternation_order(file.range_separators),
            direction_words,
        }
    }

    /// `\s* [reference 的 \s*] number \s* unit \s* [suffix-op]` is the whole text (what follows
    /// a comparison's prefix operator, see [`Notation::prefix_choices`]), read by hand: the
    /// regex it replaces cost 1.2 M instructions to compile, a third of a whole
    /// `jixiao value`. Where the text could be read more than one way, this reads it the way
    /// that regex's leftmost-first search did, trying the same ways in the same order: with a
    /// reference (the shortest first) before without, the longest number first, the shortest
    /// unit first. The tests hold this against the regex (`comparison_pattern`).
    pub fn comparison<'t>(&self, text: &'t str) -> Option<ComparisonParts<'t>> {
        let start = skip_space(text, 0);
        // `(?:(?P<reference>[Han A-Za-z]+?)的\s*)?`: a reference is tried first, shortest first.
        for (i, c) in text[start..].char_indices() {
            if !(is_pattern_han(c) || c.is_ascii_alphabetic()) {
                break;
            }
            if i > 0 && c == '的' {
                let number_at = skip_space(text, start + i + c.len_utf8());
                if let Some(found) = self.number_unit_suffix(text, number_at) {
                    return Some(ComparisonParts {
                        reference: Some(&text[start..start + i]),
                        ..found
                    });
                }
            }
        }
        self.number_unit_suffix(text, start)
    }

    /// `number \s* unit \s* [suffix-op]` from `at` to the end, the first way the regex would
    /// find.
    fn number_unit_suffix<'t>(&self, text: &'t str, at: usize) -> Option<ComparisonParts<'t>> {
        self.number_unit_suffix_where(text, at, &mut |_| true)
    }

    /// [`Notation::number_unit_suffix`], trying a unit only where `may_end(unit_at)` says the
    /// unit and suffix could reach the end from there (never false where they could).
    fn number_unit_suffix_where<'t>(
        &self,
        text: &'t str,
        at: usize,
        may_end: &mut impl FnMut(usize) -> bool,
    ) -> Option<ComparisonParts<'t>> {
        each_number_end(text, at, |number_end| {
            let unit_at = skip_space(text, number_end);
            if !may_end(unit_at) {
                return None;
            }
            each_unit_end(text, unit_at, |unit_end| {
                let suffix = self.suffix_to_end(text, unit_end)?;
                Some(ComparisonParts {
                    reference: None,
                    number: &text[at..number_end],
                    unit: &text[unit_at..unit_end],
                    suffix,
                })
            })
        })
    }

    /// `number \s* unit \s* separator \s* number \s* unit` is the whole text, read the way the
    /// regex this replaced (`range_pattern` in the tests) read it: the longest number first,
    /// the shortest first unit, the separators longest first. Only worth trying on a text that
    /// [`Notation::may_be_range`].
    pub fn range<'t>(&self, text: &'t str) -> Option<RangeParts<'t>> {
        each_number_end(text, 0, |min_end| {
            let min_unit_at = skip_space(text, min_end);
            each_unit_end(text, min_unit_at, |min_unit_end| {
                let separator_at = skip_space(text, min_unit_end);
                let rest = &text[separator_at..];
                self.range_separator_words
                    .iter()
                    .filter(|separator| rest.starts_with(**separator))
                    .find_map(|separator| {
                        let max_at = skip_space(text, separator_at + separator.len());
                        each_number_end(text, max_at, |max_end| {
                            let max_unit_at = skip_space(text, max_end);
                            // The second unit ends the text (no space may follow it).
                            each_unit_end(text, max_unit_at, |max_unit_end| {
                                (max_unit_end == text.len()).then(|| RangeParts {
                                    min: &text[..min_end],
                                    min_unit: &text[min_unit_at..min_unit_end],
                                    max: &text[max_at..max_end],
                                    max_unit: &text[max_unit_at..],
                                })
                            })
                        })
                    })
            })
        })
    }

    /// `[subject] \s* [op] \s* number \s* unit \s* [suffix-op]` is the whole clause, read the
    /// way the regex this replaced (`target_pattern` in the tests) read it: first without a
    /// subject, then with the shortest subject (which ends with a character that
    /// [`may_end_subject`] and holds no line break), each time with the longest prefix word
    /// first, then none.
    pub fn target<'t>(&self, text: &'t str) -> Option<TargetParts<'t>> {
        let subject_ends = text
            .char_indices()
            .take_while(|(_, c)| *c != '\n')
            .filter(|(_, c)| may_end_subject(*c))
            .map(|(i, c)| Some(i + c.len_utf8()));
        // Every subject end may lead to a unit that runs on to the end of a long clause
        // (`a2a2a2…#`): walking it again for each would be quadratic, where the regex was
        // linear. A unit's walk ends where a character can be no part of a unit, and the walks
        // from any two starts share their way from the later start on; so the last walk's
        // stop tells where any later start's walk stops, and a walk that stops before every
        // place the suffix could follow (`tails`) cannot succeed and is not tried.
        let mut tails: Option<Vec<(usize, usize)>> = None;
        let mut walked: Option<(usize, usize)> = None;
        let mut may_end = |unit_at: usize| {
            let stop = match walked {
                Some((from, stop)) if (from..=stop).contains(&unit_at) => stop,
                _ => {
                    let stop = unit_walk_stop(text, unit_at);
                    // An empty walk (a shorter number's end, before a digit) tells nothing
                    // about later starts: the last long one is kept.
                    if stop > unit_at {
                        walked = Some((unit_at, stop));
                    }
                    stop
                }
            };
            tails
                .get_or_insert_with(|| self.suffix_tails(text))
                .iter()
                .any(|&(first, last)| unit_at <= last && first <= stop)
        };
        std::iter::once(None)
            .chain(subject_ends)
            .find_map(|subject_end| {
                let op_at = skip_space(text, subject_end.unwrap_or(0));
                let rest = &text[op_at..];
                // Only a prefix word or a number may follow the subject (and its spaces): a cheap
                // test first, as most subject ends are followed by neither.
                if !rest
                    .chars()
                    .next()
                    .is_some_and(|c| self.may_follow_subject(c))
                {
                    return None;
                }
                self.prefix_choices(rest).find_map(|(op, _)| {
                    let number_at = skip_space(text, op_at + op.map_or(0, str::len));
                    let found = self.number_unit_suffix_where(text, number_at, &mut may_end)?;
                    Some(TargetParts {
                        subject: subject_end.map(|end| &text[..end]),
                        op,
                        number: found.number,
                        unit: found.unit,
                        suffix: found.suffix,
                    })
                })
            })
    }

    /// Where a unit may end so that `\s* [suffix-op]` is the rest of the text, as ranges of
    /// positions (first, last): for each way the text ends (a suffix word, or nothing), the
    /// spaces before it and its start; and the start of a `(X)` just before those spaces (a
    /// unit's walk stops at a space or a parenthesis, so it can only reach a range's first
    /// position, or the range's last if it starts there).
    fn suffix_tails(&self, text: &str) -> Vec<(usize, usize)> {
        let mut tails = Vec::with_capacity(4);
        for word in self.suffix_words.iter().copied().chain([""]) {
            let Some(before_word) = text.strip_suffix(word) else {
                continue;
            };
            let last = before_word.len();
            let first = before_word.trim_end_matches(char::is_whitespace).len();
            tails.push((first, last));
            let before_spaces = &text[..first];
            if let Some(open) = before_spaces.len().checked_sub(5) {
                if before_spaces.is_char_boundary(open)
                    && han_in_parentheses(text, open) == Some(first)
                {
                    tails.push((open, open));
                }
            }
        }
        tails
    }

    /// Whether a prefix word or a number may start with the character.
    fn may_follow_subject(&self, c: char) -> bool {
        c.is_ascii_digit()
            || NUMBER_SIGNS.iter().any(|sign| sign.starts_with(c))
            || self.prefix_first_chars.binary_search(&c).is_ok()
    }

    /// `\s* [suffix-op] $` at `at`: Some(the suffix word, if any) when that is all the rest.
    /// No suffix word starts with a space (a unit test checks), so all the spaces go first.
    fn suffix_to_end<'t>(&self, text: &'t str, at: usize) -> Option<Option<&'t str>> {
        let rest = &text[skip_space(text, at)..];
        if self.suffix_words.contains(&rest) {
            return Some(Some(rest));
        }
        rest.is_empty().then_some(None)
    }

    /// The ways a text may start with a prefix operator, in the order the pattern
    /// `^(?P<op>word|word…)?rest` would try them: each word the text starts with, longest
    /// first, then no operator. Each comes with what follows it.
    pub fn prefix_choices<'s, 't>(
        &'s self,
        text: &'t str,
    ) -> impl Iterator<Item = (Option<&'static str>, &'t str)> + use<'s, 't> {
        // Most texts start with no operator's first character: then no word is tried.
        let may_start = text
            .chars()
            .next()
            .is_some_and(|c| self.prefix_first_chars.binary_search(&c).is_ok());
        let words = if may_start {
            &self.prefix_words[..]
        } else {
            &[]
        };
        let first_byte = text.as_bytes().first();
        words
            .iter()
            .filter(move |word| word.as_bytes().first() == first_byte)
            .filter_map(move |word| text.strip_prefix(*word).map(|rest| (Some(*word), rest)))
            .chain(std::iter::once((None, text)))
    }

    /// Whether the text holds a range separator, without which [`Notation::range`] cannot read it.
    pub fn may_be_range(&self, text: &str) -> bool {
        holds_any(text, self.range_separators, &self.separator_first_chars)
    }

    /// The direction words in the text, left to right, the longest word at each position, not
    /// overlapping: what a leftmost-first search for any of them finds, without a pattern to
    /// compile.
    pub fn directions_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Direction> + 't {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < text.len() {
                let rest = &text[at..];
                let Some(c) = rest.chars().next() else { break };
                if self.direction_first_chars.binary_search(&c).is_ok() {
                    if let Some((word, direction)) = self
                        .direction_words
                        .iter()
                        .find(|(word, _)| rest.starts_with(word))
                    {
                        at += word.len();
                        return Some(*direction);
                    }
                }
                at += c.len_utf8();
            }
            None
        })
    }

    /// The lists are short: a scan costs less than building a hash map at every start. From
    /// the end, so that a repeated word's last entry counts, as it did in a map built in order.
    fn last_op(ops: &[(&str, Op)], word: &str) -> Option<Op> {
        ops.iter()
            .rev()
            .find(|(w, _)| *w == word)
            .map(|(_, op)| *op)
    }

    fn last_word(words: &[(Op, &'static str)], op: Op) -> Option<&'static str> {
        words.iter().rev().find(|(o, _)| *o == op).map(|(_, w)| *w)
    }

    pub fn prefix_op(&self, word: &str) -> Option<Op> {
        Notation::last_op(self.prefix_ops, word)
    }

    pub fn suffix_op(&self, word: &str) -> Option<Op> {
        Notation::last_op(self.suffix_ops, word)
    }

    pub fn is_prefix_op(&self, word: &str) -> bool {
        self.prefix_op(word).is_some()
    }

    pub fn render_op(&self, op: Op) -> &str {
        Notation::last_word(self.render_ops, op).unwrap_or("")
    }

    /// The operator as a word, for when its sign would be misread.
    pub fn render_word(&self, op: Op) -> &str {
        Notation::last_word(self.render_words, op).unwrap_or("=")
    }

    pub fn is_not_applicable(&self, text: &str) -> bool {
        self.not_applicable.contains(&text)
    }

    /// `万台` → (10000, `台`); `百分比` → None.
    pub fn multiplier_of<'u>(&self, unit: &'u str) -> Option<(Decimal, &'u str)> {
        // Most units start with no multiplier's first character: nothing to try then.
        let first = unit.chars().next()?;
        if self.multiplier_first_chars.binary_search(&first).is_err()
            || self.not_multipliers.iter().any(|w| unit.starts_with(w))
        {
            return None;
        }
        self.multipliers
            .iter()
            .find_map(|(word, factor)| unit.strip_prefix(word).map(|rest| (*factor, rest)))
    }

    /// A unit as the readers found it is a unit unless it is too long or holds a word of a
    /// sentence.
    pub fn is_unit(&self, unit: &str) -> bool {
        let named = match unit
            .strip_suffix(')')
            .and_then(|u| u.rfind('(').map(|i| &u[..i]))
        {
            Some(before_parenthesis) => before_parenthesis,
            None => unit,
        };
        named.chars().count() <= self.unit_max_chars
            && !holds_any(unit, self.unit_stop_words, &self.stop_first_chars)
    }

    /// A one-character parenthetical that annotates (`含`) rather than names a unit (`册`).
    pub fn is_annotation(&self, text: &str) -> bool {
        self.unit_annotations.contains(&text)
    }

    pub fn trim_subject<'s>(&self, mut subject: &'s str) -> &'s str {
        loop {
            subject = subject.trim();
            match self
                .subject_trailing
                .iter()
                .find_map(|w| subject.strip_suffix(w))
            {
                Some(rest) => subject = rest,
                None => return subject,
            }
        }
    }

    pub fn is_qualitative_sign(&self, sign: &str) -> bool {
        self.qualitative_signs.contains(&sign)
    }
}

#[cfg(test)]
mod tests;
