//! The value-notation words from `templates/notation.toml`, and the patterns built from them.
//!
//! Everything here is built once (on first use) and shared; parsing a value allocates only
//! what the result holds. Each pattern is compiled only when a text first needs it: compiling
//! costs more than reading a whole form, and most runs need one or two of them.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
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

/// The notation, with lookup tables and compiled patterns.
pub(crate) struct Notation {
    prefix_ops: HashMap<&'static str, Op>,
    /// The prefix operator words in the order an alternation of them prefers: longest first.
    prefix_words: Vec<&'static str>,
    suffix_ops: HashMap<&'static str, Op>,
    /// The suffix operator words in the order an alternation of them prefers: longest first.
    suffix_words: Vec<&'static str>,
    render_ops: HashMap<Op, &'static str>,
    render_words: HashMap<Op, &'static str>,
    not_applicable: &'static [&'static str],
    /// Longest word first.
    multipliers: Vec<(&'static str, Decimal)>,
    not_multipliers: &'static [&'static str],
    unit_stop_words: &'static [&'static str],
    /// At most this many characters in a unit (a parenthesised one like 万件(册) not counted).
    unit_max_chars: usize,
    unit_annotations: &'static [&'static str],
    /// Longest first.
    pub period_separators: Vec<&'static str>,
    pub deadline: DeadlineWords,
    subject_trailing: &'static [&'static str],
    qualitative_signs: &'static [&'static str],
    /// The words between the two ends of a range.
    range_separators: &'static [&'static str],
    /// The direction words, longest first, so that 不降低 wins over 降低 at one position.
    direction_words: Vec<(&'static str, Direction)>,
    /// `number unit separator number unit`, the whole text.
    range: LazyPattern,
    /// `subject [op] number unit [suffix-op]`, a whole clause of a sentence.
    target: LazyPattern,
}

/// A pattern's source, compiled the first time it is matched.
struct LazyPattern {
    source: String,
    compiled: OnceLock<Regex>,
}

impl LazyPattern {
    fn new(source: String) -> LazyPattern {
        LazyPattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn get(&self) -> &Regex {
        self.compiled
            .get_or_init(|| Regex::new(&self.source).expect("notation pattern compiles"))
    }
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
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    words
}

/// An alternation of the words, longest first, so the regex prefers the longest word.
fn alternation(words: &[&'static str]) -> String {
    alternation_order(words)
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn longest_first(words: &[&'static str]) -> Vec<&'static str> {
    let mut words = words.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// Chinese characters as a character-class body: the unified ideographs, extension A and the
/// compatibility block. Not `\p{Han}`, whose many ranges (radicals, rare extensions) cost
/// milliseconds to compile at every start and never occur in a unit or a reference.
const HAN: &str = r"\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}";

/// [`HAN`] as a test.
fn is_pattern_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The signs a unit may hold besides letters and [`HAN`] characters. Every one stands for itself
/// in a character class.
const UNIT_SIGNS: &str = "μΩ%‰℃°′″/*·・×²³";

/// A number as written: sign, thousands separators, decimals. ASCII digits only: the text is
/// NFKC-normalised first (full-width digits become ASCII), and Unicode's `\d` is a large class
/// that costs compile time at every start. [`Notation::comparison`] reads the same by hand.
const NUMBER: &str = r"[+\-−]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?";

/// The signs [`NUMBER`] may start with.
const NUMBER_SIGNS: [&str; 3] = ["+", "-", "−"];

/// One unit character: a Chinese character, an ASCII letter (which may carry a 2/3 exponent: m2,
/// km3), μ, Ω or a unit sign. Lazy, so a suffix operator ("以上") is not eaten by it. Not every
/// script's letters: units on these forms are Chinese or ASCII, and each Unicode script class
/// costs milliseconds to compile at every start.
fn unit_char_pattern() -> String {
    format!(r"(?:[A-Za-z][23]?|[{HAN}{UNIT_SIGNS}])")
}

/// Unit characters, then optionally one parenthesised character (万件(册)). Their count is
/// checked in code ([`Notation::is_unit`]), not by a counted repetition: the regex compiler
/// expands `{0,8}` of these Unicode classes eight times over, which cost more than the whole
/// import of a form.
fn unit_pattern() -> String {
    format!(r"(?:{}*?(?:\([{HAN}]\))?)", unit_char_pattern())
}

/// What [`Notation::comparison`] found in `[reference的] number unit [suffix-op]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ComparisonParts<'t> {
    pub reference: Option<&'t str>,
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

/// The end of `(X)` at `at`, X one [`HAN`] character.
fn han_in_parentheses(text: &str, at: usize) -> Option<usize> {
    let mut chars = text[at..].strip_prefix('(')?.chars();
    let han = chars.next().filter(|c| is_pattern_han(*c))?;
    chars.next().filter(|c| *c == ')')?;
    Some(at + 1 + han.len_utf8() + 1)
}

impl Notation {
    fn build(file: &NotationFile) -> Notation {
        let prefix_words: Vec<&'static str> = file.prefix.iter().map(|(w, _)| *w).collect();
        let suffix_words: Vec<&'static str> = file.suffix.iter().map(|(w, _)| *w).collect();
        let prefix = alternation(&prefix_words);
        let suffix = alternation(&suffix_words);
        let unit = unit_pattern();
        let range_sep = alternation(file.range_separators);
        let range = format!(
            r"^(?P<min>{NUMBER})\s*(?P<unit1>{unit})\s*(?:{range_sep})\s*(?P<max>{NUMBER})\s*(?P<unit2>{unit})$"
        );
        let target = format!(
            r"^(?P<subject>.*?[^0-9.,+\-−\s])??\s*(?P<op>{prefix})?\s*(?P<number>{NUMBER})\s*(?P<unit>{unit})\s*(?P<suffix>{suffix})?$"
        );
        let mut directions = HashMap::new();
        for (words, direction) in [
            (file.increase, Direction::Increase),
            (file.decrease, Direction::Decrease),
            (file.maintain, Direction::Maintain),
        ] {
            for w in words {
                directions.insert(*w, direction);
            }
        }
        let mut direction_words: Vec<(&'static str, Direction)> = directions
            .iter()
            .map(|(word, direction)| (*word, *direction))
            .collect();
        // Longest first; among words of one length the order cannot matter (two different
        // words of one length never both start at one position), but is fixed for clarity.
        direction_words
            .sort_by(|(a, _), (b, _)| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let multipliers = {
            let mut m: Vec<(&'static str, Decimal)> = file
                .factors
                .iter()
                .map(|(word, factor)| (*word, Decimal::from(*factor)))
                .collect();
            m.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
            m
        };
        Notation {
            prefix_words: alternation_order(&prefix_words),
            prefix_ops: file.prefix.iter().copied().collect(),
            suffix_words: alternation_order(&suffix_words),
            suffix_ops: file.suffix.iter().copied().collect(),
            render_ops: file.render.iter().copied().collect(),
            render_words: file.render_words.iter().copied().collect(),
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
            direction_words,
            range: LazyPattern::new(range),
            target: LazyPattern::new(target),
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

    /// [`NUMBER`] at `at`, then the unit and suffix to the end: each way the number can end,
    /// in the order the regex tries them.
    fn number_unit_suffix<'t>(&self, text: &'t str, at: usize) -> Option<ComparisonParts<'t>> {
        let bytes = text.as_bytes();
        let signed = NUMBER_SIGNS
            .iter()
            .find(|sign| text[at..].starts_with(**sign))
            .map(|sign| at + sign.len());
        for first_digit in signed.into_iter().chain([at]) {
            let run = digits_end(bytes, first_digit) - first_digit;
            // `[0-9]{1,3}(?:,[0-9]{3})+`: the most leading digits and groups first.
            for lead in (1..=run.min(3)).rev() {
                let groups_at = first_digit + lead;
                let groups = (0..)
                    .take_while(|g| is_thousands_group(bytes, groups_at + 4 * g))
                    .count();
                for g in (1..=groups).rev() {
                    let found = self.fraction_unit_suffix(text, at, groups_at + 4 * g);
                    if found.is_some() {
                        return found;
                    }
                }
            }
            // `[0-9]+`, longest first.
            for len in (1..=run).rev() {
                let found = self.fraction_unit_suffix(text, at, first_digit + len);
                if found.is_some() {
                    return found;
                }
            }
        }
        None
    }

    /// `(?:\.[0-9]+)?` after a number's integer part, longest first, then none.
    fn fraction_unit_suffix<'t>(
        &self,
        text: &'t str,
        number_at: usize,
        integer_end: usize,
    ) -> Option<ComparisonParts<'t>> {
        let bytes = text.as_bytes();
        if bytes.get(integer_end) == Some(&b'.') {
            let fraction_end = digits_end(bytes, integer_end + 1);
            for end in (integer_end + 2..=fraction_end).rev() {
                let found = self.unit_suffix(text, number_at, end);
                if found.is_some() {
                    return found;
                }
            }
        }
        self.unit_suffix(text, number_at, integer_end)
    }

    /// `\s* unit \s* [suffix-op]` to the end, after the number `number_at..number_end`: the
    /// shortest unit that lets the rest be a suffix word or nothing.
    fn unit_suffix<'t>(
        &self,
        text: &'t str,
        number_at: usize,
        number_end: usize,
    ) -> Option<ComparisonParts<'t>> {
        let bytes = text.as_bytes();
        let unit_at = skip_space(text, number_end);
        let found = |unit_end: usize, suffix: Option<&'t str>| {
            Some(ComparisonParts {
                reference: None,
                number: &text[number_at..number_end],
                unit: &text[unit_at..unit_end],
                suffix,
            })
        };
        // A letter followed by 2 or 3 is read with its digit first (`m2`); the way without it
        // is tried only after every longer unit failed, last letter first.
        let mut before_exponents = Vec::new();
        let mut at = unit_at;
        loop {
            if let Some(after) = han_in_parentheses(text, at) {
                if let Some(suffix) = self.suffix_to_end(text, after) {
                    return found(after, suffix);
                }
            }
            if let Some(suffix) = self.suffix_to_end(text, at) {
                return found(at, suffix);
            }
            match text[at..].chars().next() {
                Some(c) if c.is_ascii_alphabetic() => {
                    if matches!(bytes.get(at + 1), Some(b'2' | b'3')) {
                        before_exponents.push(at + 1);
                        at += 2;
                    } else {
                        at += 1;
                    }
                }
                Some(c) if is_pattern_han(c) || UNIT_SIGNS.contains(c) => at += c.len_utf8(),
                _ => break,
            }
        }
        // Stopped before an exponent digit, the unit can only end there (no unit character,
        // parenthesis or space starts with a digit).
        while let Some(at) = before_exponents.pop() {
            if let Some(suffix) = self.suffix_to_end(text, at) {
                return found(at, suffix);
            }
        }
        None
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
    pub fn prefix_choices<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (Option<&'t str>, &'t str)> + 't {
        self.prefix_words
            .iter()
            .filter_map(move |word| text.strip_prefix(*word).map(|rest| (Some(*word), rest)))
            .chain(std::iter::once((None, text)))
    }

    /// `number unit separator number unit`, the whole text. Only worth trying on a text that
    /// [`Notation::may_be_range`].
    pub fn range(&self) -> &Regex {
        self.range.get()
    }

    /// `subject [op] number unit [suffix-op]`, a whole clause of a sentence.
    pub fn target(&self) -> &Regex {
        self.target.get()
    }

    /// Whether the text holds a range separator, without which [`Notation::range`] cannot match.
    pub fn may_be_range(&self, text: &str) -> bool {
        self.range_separators
            .iter()
            .any(|separator| text.contains(separator))
    }

    /// The direction words in the text, left to right, the longest word at each position, not
    /// overlapping: what a leftmost-first search for any of them finds, without a pattern to
    /// compile.
    pub fn directions_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Direction> + 't {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < text.len() {
                let rest = &text[at..];
                if let Some((word, direction)) = self
                    .direction_words
                    .iter()
                    .find(|(word, _)| rest.starts_with(word))
                {
                    at += word.len();
                    return Some(*direction);
                }
                at += rest.chars().next().map_or(1, char::len_utf8);
            }
            None
        })
    }

    pub fn prefix_op(&self, word: &str) -> Option<Op> {
        self.prefix_ops.get(word).copied()
    }

    pub fn suffix_op(&self, word: &str) -> Option<Op> {
        self.suffix_ops.get(word).copied()
    }

    pub fn is_prefix_op(&self, word: &str) -> bool {
        self.prefix_ops.contains_key(word)
    }

    pub fn render_op(&self, op: Op) -> &str {
        self.render_ops.get(&op).copied().unwrap_or("")
    }

    /// The operator as a word, for when its sign would be misread.
    pub fn render_word(&self, op: Op) -> &str {
        self.render_words.get(&op).copied().unwrap_or("=")
    }

    pub fn is_not_applicable(&self, text: &str) -> bool {
        self.not_applicable.contains(&text)
    }

    /// `万台` → (10000, `台`); `百分比` → None.
    pub fn multiplier_of<'u>(&self, unit: &'u str) -> Option<(Decimal, &'u str)> {
        if self.not_multipliers.iter().any(|w| unit.starts_with(w)) {
            return None;
        }
        self.multipliers
            .iter()
            .find_map(|(word, factor)| unit.strip_prefix(word).map(|rest| (*factor, rest)))
    }

    /// A unit as the pattern found it is a unit unless it is too long or holds a word of a
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
            && !self.unit_stop_words.iter().any(|w| unit.contains(w))
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
