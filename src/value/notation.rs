//! The value-notation words from `templates/notation.toml`, and the patterns built from them.
//!
//! Everything here is compiled once (on first use) and shared; parsing a value allocates only
//! what the result holds.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

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
    suffix_ops: HashMap<String, Op>,
    render_ops: HashMap<Op, String>,
    render_words: HashMap<Op, String>,
    directions: HashMap<String, Direction>,
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
    /// `[op] [reference的] number unit [suffix-op]`, the whole text.
    pub comparison: Regex,
    /// `number unit separator number unit`, the whole text.
    pub range: Regex,
    /// `subject [op] number unit [suffix-op]`, a whole clause of a sentence.
    pub target: Regex,
    /// Any direction word; leftmost, longest first.
    pub direction_words: Regex,
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
        let comparison = format!(
            r"^(?P<op>{prefix})?\s*(?:(?P<reference>[{HAN}A-Za-z]+?)的\s*)?(?P<number>{NUMBER})\s*(?P<unit>{unit})\s*(?P<suffix>{suffix})?$"
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
        let direction_words = alternation(directions.keys().map(String::as_str));
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
        let compile = |pattern: &str| Regex::new(pattern).expect("notation pattern compiles");
        Notation {
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
            directions,
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
            comparison: compile(&comparison),
            range: compile(&range),
            target: compile(&target),
            direction_words: compile(&direction_words),
        }
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

    pub fn direction_of(&self, word: &str) -> Option<Direction> {
        self.directions.get(word).copied()
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
        assert_eq!(n.direction_of("不降低"), Some(Direction::Maintain));
        assert!(n.is_not_applicable("不适用"));
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
