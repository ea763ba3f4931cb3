//! The value-notation words from `templates/notation.toml`, and the patterns built from them.
//!
//! Everything here is built once (on first use) and shared; parsing a value allocates only
//! what the result holds. Each pattern is compiled only when a text first needs it: compiling
//! costs more than reading a whole form, and most runs need one or two of them.

use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Direction, Op};

const NOTATION_TOML: &str = include_str!("../../templates/notation.toml");

#[derive(Deserialize)]
struct OpWord {
    word: String,
    op: Op,
}

#[derive(Deserialize)]
struct Operators {
    prefix: Vec<OpWord>,
    suffix: Vec<OpWord>,
}

#[derive(Deserialize)]
struct Directions {
    increase: Vec<String>,
    decrease: Vec<String>,
    maintain: Vec<String>,
}

#[derive(Deserialize)]
struct NotApplicable {
    words: Vec<String>,
}

#[derive(Deserialize)]
struct Factor {
    word: String,
    factor: u64,
}

#[derive(Deserialize)]
struct Multipliers {
    factors: Vec<Factor>,
    not_multipliers: Vec<String>,
}

#[derive(Deserialize)]
struct UnitRules {
    max_chars: usize,
    annotations: Vec<String>,
    stop_words: Vec<String>,
}

#[derive(Deserialize)]
struct Separators {
    range: Vec<String>,
    period: Vec<String>,
}

#[derive(Deserialize)]
pub(crate) struct DeadlineWords {
    pub prefixes: Vec<String>,
    pub this_year: Vec<String>,
    pub suffixes: Vec<String>,
    pub year_end: Vec<String>,
    pub month_end: Vec<String>,
    pub first_half: String,
    pub second_half: String,
    pub quarter: String,
}

#[derive(Deserialize)]
struct Targets {
    subject_trailing: Vec<String>,
}

#[derive(Deserialize)]
struct Split {
    qualitative_signs: Vec<String>,
}

#[derive(Deserialize)]
struct NotationFile {
    operators: Operators,
    render: BTreeMap<String, String>,
    render_words: BTreeMap<String, String>,
    direction: Directions,
    not_applicable: NotApplicable,
    multipliers: Multipliers,
    unit: UnitRules,
    separators: Separators,
    deadline: DeadlineWords,
    targets: Targets,
    split: Split,
}

/// The notation, with lookup tables and compiled patterns.
pub(crate) struct Notation {
    prefix_ops: HashMap<String, Op>,
    /// The prefix operator words in the order an alternation of them prefers: longest first.
    prefix_words: Vec<String>,
    suffix_ops: HashMap<String, Op>,
    render_ops: HashMap<Op, String>,
    render_words: HashMap<Op, String>,
    not_applicable: Vec<String>,
    /// Longest word first.
    multipliers: Vec<(String, Decimal)>,
    not_multipliers: Vec<String>,
    unit_stop_words: Vec<String>,
    /// At most this many characters in a unit (a parenthesised one like 万件(册) not counted).
    unit_max_chars: usize,
    unit_annotations: Vec<String>,
    /// Longest first.
    pub period_separators: Vec<String>,
    pub deadline: DeadlineWords,
    subject_trailing: Vec<String>,
    qualitative_signs: Vec<String>,
    /// The words between the two ends of a range.
    range_separators: Vec<String>,
    /// The direction words, longest first, so that 不降低 wins over 降低 at one position.
    direction_words: Vec<(String, Direction)>,
    /// `[op] [reference的] number unit [suffix-op]`, the whole text.
    comparison: LazyPattern,
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

/// The notation, loaded on first use. The TOML is compiled in, so a failure here is a bug in
/// `templates/notation.toml` that the unit tests catch.
pub(crate) fn notation() -> &'static Notation {
    static NOTATION: LazyLock<Notation> = LazyLock::new(|| {
        let file: NotationFile =
            toml::from_str(NOTATION_TOML).expect("templates/notation.toml is valid");
        Notation::build(file)
    });
    &NOTATION
}

/// An alternation of the words, longest first, so the regex prefers the longest word.
fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn longest_first(mut words: Vec<String>) -> Vec<String> {
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// Chinese characters as a character-class body: the unified ideographs, extension A and the
/// compatibility block. Not `\p{Han}`, whose many ranges (radicals, rare extensions) cost
/// milliseconds to compile at every start and never occur in a unit or a reference.
const HAN: &str = r"\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}";

/// A number as written: sign, thousands separators, decimals. ASCII digits only: the text is
/// NFKC-normalised first (full-width digits become ASCII), and Unicode's `\d` is a large class
/// that costs compile time at every start.
const NUMBER: &str = r"[+\-−]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?";

impl Notation {
    fn build(file: NotationFile) -> Notation {
        let prefix = alternation(file.operators.prefix.iter().map(|w| w.word.as_str()));
        let suffix = alternation(file.operators.suffix.iter().map(|w| w.word.as_str()));
        // One unit character: a Chinese character, an ASCII letter (which may carry a 2/3
        // exponent: m2, km3), μ, Ω or a unit sign. Lazy, so a suffix operator ("以上") is not
        // eaten by it. Not every script's letters: units on these forms are Chinese or ASCII,
        // and each Unicode script class costs milliseconds to compile at every start.
        let unit_char = format!(r"(?:[A-Za-z][23]?|[{HAN}μΩ%‰℃°′″/*·・×²³])");
        // Unit characters, then optionally one parenthesised character (万件(册)). Their count
        // is checked in code ([`Notation::is_unit`]), not by a counted repetition: the regex
        // compiler expands `{0,8}` of these Unicode classes eight times over, which cost more
        // than the whole import of a form.
        let unit = format!(r"(?:{unit_char}*?(?:\([{HAN}]\))?)");
        // What follows the prefix operator of a comparison: the operator itself is found in
        // code ([`Notation::prefix_choices`]), which spares compiling an alternation of its
        // forty words into every start of the process.
        let comparison = format!(
            r"^\s*(?:(?P<reference>[{HAN}A-Za-z]+?)的\s*)?(?P<number>{NUMBER})\s*(?P<unit>{unit})\s*(?P<suffix>{suffix})?$"
        );
        let range_sep = alternation(file.separators.range.iter().map(String::as_str));
        let range = format!(
            r"^(?P<min>{NUMBER})\s*(?P<unit1>{unit})\s*(?:{range_sep})\s*(?P<max>{NUMBER})\s*(?P<unit2>{unit})$"
        );
        let target = format!(
            r"^(?P<subject>.*?[^0-9.,+\-−\s])??\s*(?P<op>{prefix})?\s*(?P<number>{NUMBER})\s*(?P<unit>{unit})\s*(?P<suffix>{suffix})?$"
        );
        let mut directions = HashMap::new();
        for (words, direction) in [
            (&file.direction.increase, Direction::Increase),
            (&file.direction.decrease, Direction::Decrease),
            (&file.direction.maintain, Direction::Maintain),
        ] {
            for w in words {
                directions.insert(w.clone(), direction);
            }
        }
        let mut direction_words: Vec<(String, Direction)> = directions
            .iter()
            .map(|(word, direction)| (word.clone(), *direction))
            .collect();
        // Longest first; among words of one length the order cannot matter (two different
        // words of one length never both start at one position), but is fixed for clarity.
        direction_words
            .sort_by(|(a, _), (b, _)| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let by_op = |table: &BTreeMap<String, String>| -> HashMap<Op, String> {
            table
                .iter()
                .map(|(op, text)| {
                    let op: Op = serde_json::from_value(serde_json::Value::String(op.clone()))
                        .expect("[render] keys in templates/notation.toml are operators");
                    (op, text.clone())
                })
                .collect()
        };
        let render_ops = by_op(&file.render);
        let render_words = by_op(&file.render_words);
        let multipliers = {
            let mut m: Vec<(String, Decimal)> = file
                .multipliers
                .factors
                .into_iter()
                .map(|f| (f.word, Decimal::from(f.factor)))
                .collect();
            m.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
            m
        };
        let prefix_words = {
            let mut words: Vec<String> = file
                .operators
                .prefix
                .iter()
                .map(|w| w.word.clone())
                .collect();
            words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            words.dedup();
            words
        };
        Notation {
            prefix_words,
            prefix_ops: file
                .operators
                .prefix
                .into_iter()
                .map(|w| (w.word, w.op))
                .collect(),
            suffix_ops: file
                .operators
                .suffix
                .into_iter()
                .map(|w| (w.word, w.op))
                .collect(),
            render_ops,
            render_words,
            not_applicable: file.not_applicable.words,
            multipliers,
            not_multipliers: file.multipliers.not_multipliers,
            unit_stop_words: file.unit.stop_words,
            unit_max_chars: file.unit.max_chars,
            unit_annotations: file.unit.annotations,
            period_separators: longest_first(file.separators.period),
            deadline: DeadlineWords {
                prefixes: longest_first(file.deadline.prefixes),
                this_year: longest_first(file.deadline.this_year),
                suffixes: longest_first(file.deadline.suffixes),
                year_end: longest_first(file.deadline.year_end),
                month_end: longest_first(file.deadline.month_end),
                ..file.deadline
            },
            subject_trailing: file.targets.subject_trailing,
            qualitative_signs: file.split.qualitative_signs,
            range_separators: file.separators.range,
            direction_words,
            comparison: LazyPattern::new(comparison),
            range: LazyPattern::new(range),
            target: LazyPattern::new(target),
        }
    }

    /// `[reference的] number unit [suffix-op]`: a whole comparison after its prefix operator
    /// (see [`Notation::prefix_choices`]).
    pub fn comparison(&self) -> &Regex {
        self.comparison.get()
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
            .filter_map(move |word| {
                text.strip_prefix(word.as_str())
                    .map(|rest| (Some(word.as_str()), rest))
            })
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
            .any(|separator| text.contains(separator.as_str()))
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
                    .find(|(word, _)| rest.starts_with(word.as_str()))
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
        self.render_ops.get(&op).map(String::as_str).unwrap_or("")
    }

    /// The operator as a word, for when its sign would be misread.
    pub fn render_word(&self, op: Op) -> &str {
        self.render_words
            .get(&op)
            .map(String::as_str)
            .unwrap_or("=")
    }

    pub fn is_not_applicable(&self, text: &str) -> bool {
        self.not_applicable.iter().any(|w| w == text)
    }

    /// `万台` → (10000, `台`); `百分比` → None.
    pub fn multiplier_of<'u>(&self, unit: &'u str) -> Option<(Decimal, &'u str)> {
        if self
            .not_multipliers
            .iter()
            .any(|w| unit.starts_with(w.as_str()))
        {
            return None;
        }
        self.multipliers
            .iter()
            .find_map(|(word, factor)| unit.strip_prefix(word.as_str()).map(|rest| (*factor, rest)))
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
            && !self
                .unit_stop_words
                .iter()
                .any(|w| unit.contains(w.as_str()))
    }

    /// A one-character parenthetical that annotates (`含`) rather than names a unit (`册`).
    pub fn is_annotation(&self, text: &str) -> bool {
        self.unit_annotations.iter().any(|w| w == text)
    }

    pub fn trim_subject<'s>(&self, mut subject: &'s str) -> &'s str {
        loop {
            subject = subject.trim();
            match self
                .subject_trailing
                .iter()
                .find_map(|w| subject.strip_suffix(w.as_str()))
            {
                Some(rest) => subject = rest,
                None => return subject,
            }
        }
    }

    pub fn is_qualitative_sign(&self, sign: &str) -> bool {
        self.qualitative_signs.iter().any(|w| w == sign)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notation_loads_and_patterns_compile() {
        let n = notation();
        assert_eq!(n.prefix_op("不少于"), Some(Op::Ge));
        assert_eq!(n.prefix_op("约"), Some(Op::About));
        assert_eq!(n.suffix_op("以内"), Some(Op::Le));
        assert_eq!(n.render_op(Op::Ge), "≥");
        assert_eq!(n.render_op(Op::Eq), "");
        let found: Vec<Direction> = n.directions_in("不降低，逐步提高服务质量").collect();
        assert_eq!(found, [Direction::Maintain, Direction::Increase]);
        assert!(n.is_not_applicable("不适用"));
    }

    /// The word scan finds what the alternation pattern it replaced found, on every real value
    /// and on texts where words overlap or nest.
    #[test]
    fn direction_scan_finds_what_the_alternation_pattern_found() {
        let n = notation();
        let pattern = Regex::new(&alternation(
            n.direction_words.iter().map(|(w, _)| w.as_str()),
        ))
        .expect("compiles");
        let by_word: HashMap<&str, Direction> = n
            .direction_words
            .iter()
            .map(|(w, d)| (w.as_str(), *d))
            .collect();
        let corpus = include_str!("../../tests/data/real-indicator-values.tsv");
        let crafted = [
            "不降低不下降降低",
            "持续提升，逐步减少",
            "不低于上年不低于",
            "提提高高",
            "稳定保持维持不减少减少",
            "",
            "a提升b",
        ];
        let texts = corpus
            .lines()
            .flat_map(|line| line.split('\t'))
            .chain(crafted);
        let mut compared = 0;
        for text in texts {
            let expected: Vec<Direction> = pattern
                .find_iter(text)
                .map(|m| by_word[m.as_str()])
                .collect();
            let found: Vec<Direction> = n.directions_in(text).collect();
            assert_eq!(found, expected, "{text:?}");
            compared += usize::from(!expected.is_empty());
        }
        assert!(compared > 10, "the corpus has direction words");
    }

    /// Skipping the range pattern on texts without a separator skips only texts it rejects.
    #[test]
    fn texts_without_a_range_separator_never_match_the_range_pattern() {
        let n = notation();
        let corpus = include_str!("../../tests/data/real-indicator-values.tsv");
        let mut ranges = 0;
        for text in corpus.lines().flat_map(|line| line.split('\t')) {
            if n.range().is_match(text) {
                ranges += 1;
                assert!(n.may_be_range(text), "{text:?}");
            }
        }
        assert!(ranges > 0, "the corpus has ranges");
        assert!(!n.may_be_range("≥18000家次"));
        assert!(n.may_be_range("5%至8%"));
    }

    #[test]
    fn multipliers_prefer_the_longest_word_and_skip_real_units() {
        let n = notation();
        assert_eq!(n.multiplier_of("万台"), Some((Decimal::from(10000), "台")));
        assert_eq!(
            n.multiplier_of("百万元"),
            Some((Decimal::from(1_000_000), "元"))
        );
        assert_eq!(n.multiplier_of("百分比"), None);
        assert_eq!(n.multiplier_of("千瓦时"), None);
        assert_eq!(n.multiplier_of("家"), None);
    }
}
