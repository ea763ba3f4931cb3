//! The notation's tests. The comparison, range and target readers are held against the
//! regexes they replaced, built here from the same words as they were built in
//! `Notation::build` before.

use std::collections::HashMap;

use regex::Regex;

use super::*;

/// An alternation of the words, longest first, so the regex prefers the longest word.
fn alternation(words: &[&'static str]) -> String {
    alternation_order(words)
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

/// Chinese characters as a character-class body: the unified ideographs, extension A and the
/// compatibility block (not `\p{Han}`, which cost milliseconds to compile).
const HAN: &str = r"\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}";

/// A number as written: sign, thousands separators, decimals; ASCII digits only.
const NUMBER: &str = r"[+\-−]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?";

/// One unit character: a Chinese character, an ASCII letter (which may carry a 2/3 exponent: m2,
/// km3), or a unit sign. Lazy, so a suffix operator ("以上") is not eaten by it.
fn unit_char_pattern() -> String {
    let signs: String = UNIT_SIGNS.iter().collect();
    format!(r"(?:[A-Za-z][23]?|[{HAN}{signs}])")
}

/// Unit characters, then optionally one parenthesised character (万件(册)); their count was
/// checked in code.
fn unit_pattern() -> String {
    format!(r"(?:{}*?(?:\([{HAN}]\))?)", unit_char_pattern())
}

/// The regex [`Notation::range`] replaced, built as it was.
fn range_pattern(n: &Notation) -> Regex {
    let unit = unit_pattern();
    let range_sep = alternation(n.range_separators);
    Regex::new(&format!(
        r"^(?P<min>{NUMBER})\s*(?P<unit1>{unit})\s*(?:{range_sep})\s*(?P<max>{NUMBER})\s*(?P<unit2>{unit})$"
    ))
    .expect("compiles")
}

/// The regex [`Notation::target`] replaced, built as it was.
fn target_pattern(n: &Notation) -> Regex {
    let unit = unit_pattern();
    let prefix = alternation(&n.prefix_words);
    let suffix = alternation(&n.suffix_words);
    Regex::new(&format!(
        r"^(?P<subject>.*?[^0-9.,+\-−\s])??\s*(?P<op>{prefix})?\s*(?P<number>{NUMBER})\s*(?P<unit>{unit})\s*(?P<suffix>{suffix})?$"
    ))
    .expect("compiles")
}

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
    let words: Vec<&'static str> = n.direction_words.iter().map(|(w, _)| *w).collect();
    let pattern = Regex::new(&alternation(&words)).expect("compiles");
    let by_word: HashMap<&str, Direction> = n.direction_words.iter().copied().collect();
    let corpus = include_str!("../../../tests/data/real-indicator-values.tsv");
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

/// Skipping the range reader on texts without a separator skips only texts it rejects.
#[test]
fn texts_without_a_range_separator_are_never_ranges() {
    let n = notation();
    let corpus = include_str!("../../../tests/data/real-indicator-values.tsv");
    let mut ranges = 0;
    for text in corpus.lines().flat_map(|line| line.split('\t')) {
        if n.range(text).is_some() {
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

/// The regex [`Notation::comparison`] replaced, built as it was.
fn comparison_pattern(n: &Notation) -> Regex {
    let unit = unit_pattern();
    let suffix = alternation(&n.suffix_words);
    Regex::new(&format!(
        r"^\s*(?:(?P<reference>[{HAN}A-Za-z]+?)的\s*)?(?P<number>{NUMBER})\s*(?P<unit>{unit})\s*(?P<suffix>{suffix})?$"
    ))
    .expect("compiles")
}

fn pattern_parts<'t>(pattern: &Regex, text: &'t str) -> Option<ComparisonParts<'t>> {
    let caps = pattern.captures(text)?;
    let part = |name| caps.name(name).map(|m| m.as_str());
    Some(ComparisonParts {
        reference: part("reference"),
        number: part("number").expect("the number is not optional"),
        unit: part("unit").expect("the unit matches, if empty"),
        suffix: part("suffix"),
    })
}

/// Pieces the generated texts are made of: each kind of character the pattern treats apart,
/// the words it knows, and characters just outside its classes.
const PIECES: [&str; 62] = [
    " ",
    "\u{3000}",
    "\u{a0}",
    "\t",
    "\n",
    "\u{2028}",
    "\u{200b}",
    "的",
    "的",
    "数",
    "额",
    "a",
    "Z",
    "m",
    "k",
    "2",
    "3",
    "0",
    "1",
    "9",
    "12",
    "1,234",
    ",",
    ",",
    ".",
    ".5",
    "5.5",
    "+",
    "-",
    "−",
    "(",
    ")",
    "(册)",
    "(含)",
    "(a)",
    "((册))",
    "%",
    "‰",
    "℃",
    "²",
    "/",
    "·",
    "×",
    "以上",
    "以",
    "上",
    "内",
    "以内",
    "左右",
    "及以上",
    "之内",
    "家",
    "万元",
    "人次",
    "≥",
    "约",
    "m2",
    "km3",
    "\u{20000}",
    "é",
    "の",
    "\u{FA0E}",
];

/// `count` texts of 1–9 pieces, from a fixed seed.
fn texts(count: usize) -> impl Iterator<Item = String> {
    let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15);
    (0..count).map(move |_| {
        let len = 1 + rng.below(9);
        (0..len).map(|_| rng.pick(&PIECES)).collect()
    })
}

#[test]
fn the_comparison_reader_reads_what_the_pattern_read() {
    let n = notation();
    let pattern = comparison_pattern(n);
    let corpus = include_str!("../../../tests/data/real-indicator-values.tsv");
    let crafted = [
        "18000家次",
        " 1,234.50 万元 以上",
        "发展基金出资额的1倍",
        "的的1的",
        "上年的 -5%左右",
        "5m23",
        "5m2",
        "5 m 3",
        "1,23",
        "12,345,67",
        "1234,567",
        "5.",
        "5.5.5",
        "3个工作日内",
        "10万件(册)",
        "20家(含)",
        "95%及以上",
        "",
        "的",
        "a的",
        "−",
        "+1",
    ];
    let mut compared = 0;
    let mut matched = 0;
    let mut check = |text: &str| {
        for (_, rest) in n.prefix_choices(text) {
            let expected = pattern_parts(&pattern, rest);
            assert_eq!(n.comparison(rest), expected, "{rest:?}");
            compared += 1;
            matched += usize::from(expected.is_some());
        }
    };
    for text in corpus.lines().flat_map(|line| line.split('\t')) {
        check(text);
    }
    for text in crafted {
        check(text);
    }
    for text in texts(60_000) {
        check(&text);
    }
    assert!(
        compared > 60_000 && matched > 2_000,
        "{matched} of {compared}"
    );
}

use crate::test_rng::Xorshift;

/// What may stand between the parts: every kind of `\s` the texts hold (ideographic space,
/// no-break space, tab, line breaks), and the zero-width space, which is not `\s`.
const SPACES: [&str; 10] = [
    "", "", "", " ", "  ", "\u{3000}", "\u{a0}", "\t", "\n", "\u{200b}",
];

/// Numbers as written: thousands groups, decimals, signs.
const NUMBERS: [&str; 15] = [
    "0",
    "5",
    "8",
    "12",
    "95",
    "2020",
    "18000",
    "1,234",
    "12,345,678",
    "5.5",
    "0.05",
    "+5",
    "-5",
    "−5",
    "5e3",
];

/// Numbers nearly as written: thousands groups wrong, dots and signs out of place, digits of
/// other scripts (`[0-9]` is ASCII) and a full-width one (NFKC is done before the readers).
const NEAR_NUMBERS: [&str; 15] = [
    "1,23",
    "12,345,67",
    "1234,567",
    "1,2345",
    "5.",
    "5.5.5",
    ".5",
    "+-5",
    "--5",
    "\u{0663}",
    "\u{ff15}",
    "5,",
    "1.234,5",
    "",
    "a",
];

/// Mostly a number, now and then nearly one.
fn number_or_near(rng: &mut Xorshift) -> &'static str {
    if rng.below(5) == 0 {
        rng.pick(&NEAR_NUMBERS)
    } else {
        rng.pick(&NUMBERS)
    }
}

/// Units and what is nearly one: letters with and without exponents, signs, Chinese characters
/// inside and outside the class, parenthesised characters, separators and suffix words that a
/// lazy unit must not swallow.
const UNITS: [&str; 36] = [
    "",
    "",
    "%",
    "‰",
    "家",
    "家次",
    "万元",
    "周岁",
    "个工作日",
    "m2",
    "km3",
    "m23",
    "M",
    "元/人",
    "元/人*月",
    "(册)",
    "万件(册)",
    "家(含)",
    "((册))",
    "(a)",
    "(册",
    "至",
    "到",
    "—",
    "~",
    "-",
    "²",
    "é",
    "\u{20000}",
    "の",
    "以上",
    "左右",
    "内",
    "℃",
    "·",
    "⺀",
];

#[test]
fn the_range_reader_reads_what_the_pattern_read() {
    let n = notation();
    let pattern = range_pattern(n);
    let separators: Vec<&str> = n
        .range_separators
        .iter()
        .copied()
        .chain([
            "", "---", "—-", "-—", "~~", "至到", "\u{ff0d}", "\u{2010}", "－",
        ])
        .collect();
    let mut compared = 0;
    let mut matched = 0;
    let mut check = |text: &str| {
        let expected = pattern.captures(text).map(|caps| RangeParts {
            min: &text[caps.name("min").expect("min").range()],
            min_unit: caps.name("unit1").expect("unit1").as_str(),
            max: &text[caps.name("max").expect("max").range()],
            max_unit: caps.name("unit2").expect("unit2").as_str(),
        });
        assert_eq!(n.range(text), expected, "{text:?}");
        compared += 1;
        matched += usize::from(expected.is_some());
    };
    let corpus = include_str!("../../../tests/data/real-indicator-values.tsv");
    for text in corpus.lines().flat_map(|line| line.split('\t')) {
        check(text);
    }
    for text in [
        "5%-8%",
        "5-8%",
        "18—54周岁",
        "3至5天",
        "3至至5天",
        "5--8",
        "5---8",
        "5 - -8",
        "1,234-1,235元",
        "1,23-5",
        "5万-8万元",
        "5m2-8m2",
        "5m-2",
        "5m2-3",
        "5(册)-8(册)",
        "5万件(册)至8万件(册)",
        "−5~+5℃",
        "5.5.-8",
        "",
        "-",
        "5-",
        "5-8 ",
    ] {
        check(text);
    }
    let mut rng = Xorshift(0x2545_f491_4f6c_dd1d);
    for _ in 0..40_000 {
        let mut text = String::new();
        for slot in 0..9 {
            let piece = match slot {
                0 | 6 => number_or_near(&mut rng),
                2 | 8 => rng.pick(&UNITS),
                4 if rng.below(4) == 0 => rng.pick(&separators),
                4 => rng.pick(n.range_separators),
                _ => rng.pick(&SPACES),
            };
            text.push_str(piece);
        }
        // Now and then a piece from anywhere, where it does not belong.
        if rng.below(4) == 0 {
            let at = text.char_indices().nth(rng.below(text.chars().count() + 1));
            let at = at.map_or(text.len(), |(i, _)| i);
            text.insert_str(at, rng.pick(&PIECES));
        }
        check(&text);
    }
    for text in texts(20_000) {
        check(&text);
    }
    assert!(
        compared > 60_000 && matched > 5_000,
        "{matched} of {compared}"
    );
}

#[test]
fn the_target_reader_reads_what_the_pattern_read() {
    let n = notation();
    let pattern = target_pattern(n);
    let mut compared = 0;
    let mut matched = 0;
    let mut check = |text: &str| {
        let expected = pattern.captures(text).map(|caps| {
            let part = |name| caps.name(name).map(|m| m.as_str());
            TargetParts {
                subject: part("subject"),
                op: part("op"),
                number: part("number").expect("the number is not optional"),
                unit: part("unit").expect("the unit matches, if empty"),
                suffix: part("suffix"),
            }
        });
        assert_eq!(n.target(text), expected, "{text:?}");
        compared += 1;
        matched += usize::from(expected.is_some());
    };
    let mut check_sentence = |text: &str| {
        check(text);
        for clause in text.split([',', '，', ';', '；', '。']) {
            check(clause);
            check(clause.trim());
        }
    };
    let corpus = include_str!("../../../tests/data/real-indicator-values.tsv");
    for text in corpus.lines().flat_map(|line| line.split('\t')) {
        check_sentence(text);
    }
    for text in [
        "建成广州人工智能公共算力中心，服务企业数量不少于20家，孵化解决方案不少于40个",
        "市场主体数量达到14,737家，增长5%",
        "数量大于等于20家",
        "数量大于或等于20家以上",
        "比重为24%",
        "米 | = | 3500",
        "1-6期培训结束后及时考核",
        "严格按照预算标准1000元/人给补助对象兑付补助",
        "覆盖率达到95%以上，满意度≥90%",
        "数\n量≥5家",
        "数量\n≥5家",
        "\n5家",
        "a1b2c3d",
        "达到达到5",
        "≥≥5",
        "数量≥ −5.5 万元 左右",
        "5",
        "",
        "a2a2a2#",
        "a2a2a2",
        "a2a2 以上",
        "x1a2b(册)以上",
        "1a(册) 以上",
        "1a (册)以上",
        "数1家 (册)",
        "数1家(册)(册)",
        "5m2m2m2 左右x",
        "1家 以上 ",
        "1家\u{3000}\u{3000}左右",
        "数1a2数2b3数3家",
    ] {
        check_sentence(text);
    }
    // Long clauses whose units run on (the reader must stay linear, and still read them so).
    for text in [
        "a2".repeat(3_000) + "#",
        "数a2".repeat(2_000) + "家以上",
        "1".repeat(5_000) + "a",
        "不".repeat(3_000) + "5家",
    ] {
        check_sentence(&text);
    }
    let subjects = [
        "",
        "",
        "服务企业数量",
        "AI技术培训",
        "比重为",
        "a",
        "1",
        "数量1",
        "数量,",
        "数量.",
        "数量 ",
        "数量+",
        "数量−",
        "数量-",
        "\n数量",
        "数量\n",
        "数\n量",
        "覆盖率达到95%以上，满意度",
        "x=",
        "米 | = |",
        "不少于",
        "数量大于",
        "数量不",
        "……",
        "、",
        "\u{3000}数量",
        "其中",
        "2023年",
        "第1",
        "的",
    ];
    let ops: Vec<&str> = n
        .prefix_words
        .iter()
        .copied()
        .chain([
            "",
            "",
            "",
            "",
            "不少",
            "≥≥",
            "约约",
            "大于等",
            "达到达",
            "==",
        ])
        .collect();
    let suffixes: Vec<&str> = n
        .suffix_words
        .iter()
        .copied()
        .chain(["", "", "", "", "以", "上", "以上以上", "。", "左", "内内"])
        .collect();
    let tails = [
        "",
        "",
        "",
        ",",
        "，",
        ",其中不少于3项",
        "；增长5%",
        "。满意度≥90%",
        "\n年内完成",
    ];
    let mut rng = Xorshift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..40_000 {
        let mut text = String::new();
        for _ in 0..1 + rng.below(3) {
            for slot in 0..9 {
                let piece = match slot {
                    0 => rng.pick(&subjects),
                    2 => rng.pick(&ops),
                    4 => number_or_near(&mut rng),
                    6 => rng.pick(&UNITS),
                    8 => rng.pick(&suffixes),
                    _ => rng.pick(&SPACES),
                };
                text.push_str(piece);
            }
            text.push_str(rng.pick(&tails));
        }
        if rng.below(4) == 0 {
            let at = text.char_indices().nth(rng.below(text.chars().count() + 1));
            let at = at.map_or(text.len(), |(i, _)| i);
            text.insert_str(at, rng.pick(&PIECES));
        }
        check_sentence(&text);
    }
    for text in texts(20_000) {
        check(&text);
    }
    assert!(
        compared > 100_000 && matched > 20_000,
        "{matched} of {compared}"
    );
}

/// The readers skip the spaces before a separator, a prefix word or a suffix word all at once,
/// as the patterns' greedy `\s*` did; that is the only way only while no such word starts with
/// a space. Nor may a separator start with a digit or a sign, or a number could follow the
/// first unit at once.
#[test]
fn no_separator_or_operator_word_starts_with_a_space() {
    let n = notation();
    for word in n.range_separator_words.iter().chain(&n.prefix_words) {
        assert!(
            !word.is_empty() && !word.starts_with(char::is_whitespace),
            "{word:?}"
        );
    }
    let mut first: Vec<char> = n
        .prefix_words
        .iter()
        .filter_map(|w| w.chars().next())
        .collect();
    first.sort_unstable();
    first.dedup();
    assert_eq!(n.prefix_first_chars, first);
}

/// The one-pass word tests find what a `contains` (or `strip_prefix`) per word found: the stop
/// words in a unit, the separators in a text, the prefix words a text starts with.
#[test]
fn the_word_scans_find_what_a_search_per_word_found() {
    let n = notation();
    for word in n.unit_stop_words.iter().chain(n.range_separators) {
        assert!(!word.is_empty(), "an empty word is in every text");
    }
    let corpus = include_str!("../../../tests/data/real-indicator-values.tsv");
    let fields = corpus.lines().flat_map(|line| line.split('\t'));
    let generated = texts(20_000);
    let mut rng = Xorshift(0x0123_4567_89ab_cdef);
    let words: Vec<String> = (0..20_000)
        .map(|_| {
            let pick = |rng: &mut Xorshift| match rng.below(4) {
                0 => rng.pick(n.unit_stop_words),
                1 => rng.pick(n.range_separators),
                2 => rng.pick(&n.prefix_words),
                _ => rng.pick(&UNITS),
            };
            (0..rng.below(4)).map(|_| pick(&mut rng)).collect()
        })
        .collect();
    let mut held = [0; 3];
    // The direction of a word in two lists is its last list's, as a map built in order had it.
    let mut by_word = HashMap::new();
    for (words, direction) in [
        (NOTATION_FILE.increase, Direction::Increase),
        (NOTATION_FILE.decrease, Direction::Decrease),
        (NOTATION_FILE.maintain, Direction::Maintain),
    ] {
        for word in words {
            by_word.insert(*word, direction);
        }
    }
    let listed: HashMap<&str, Direction> = n.direction_words.iter().copied().collect();
    assert_eq!(listed, by_word);
    assert_eq!(n.direction_words.len(), by_word.len());
    for text in fields.map(str::to_string).chain(generated).chain(words) {
        let text = text.as_str();
        let stop = n.unit_stop_words.iter().any(|w| text.contains(w));
        assert_eq!(
            holds_any(text, n.unit_stop_words, &n.stop_first_chars),
            stop,
            "{text:?}"
        );
        let separated = n.range_separators.iter().any(|s| text.contains(s));
        assert_eq!(n.may_be_range(text), separated, "{text:?}");
        let expected: Vec<(Option<&str>, &str)> = n
            .prefix_words
            .iter()
            .filter_map(|word| text.strip_prefix(*word).map(|rest| (Some(*word), rest)))
            .chain([(None, text)])
            .collect();
        let found: Vec<(Option<&str>, &str)> = n.prefix_choices(text).collect();
        assert_eq!(found, expected, "{text:?}");
        let multiplied = if n.not_multipliers.iter().any(|w| text.starts_with(w)) {
            None
        } else {
            n.multipliers
                .iter()
                .find_map(|(word, factor)| text.strip_prefix(word).map(|rest| (*factor, rest)))
        };
        assert_eq!(n.multiplier_of(text), multiplied, "{text:?}");
        held[0] += usize::from(stop);
        held[1] += usize::from(separated);
        held[2] += usize::from(expected.len() > 1);
    }
    assert!(held.iter().all(|&h| h > 1_000), "{held:?}");
}

/// [`Notation::suffix_to_end`] lets the spaces go before the suffix word, as the pattern did;
/// that is the only way only while no suffix word starts with a space. And the target reader's
/// shortcut (`suffix_tails`) counts on no suffix word starting with a digit, which a unit's
/// walk may step over (`m2`).
#[test]
fn no_suffix_word_starts_with_a_space() {
    let n = notation();
    assert!(!n.suffix_words.is_empty());
    for word in &n.suffix_words {
        assert!(
            !word.is_empty()
                && !word.starts_with(char::is_whitespace)
                && !word.starts_with(|c: char| c.is_ascii_digit()),
            "{word:?}"
        );
    }
}

fn toml_at<'f>(file: &'f toml::Table, path: &str) -> &'f toml::Value {
    let mut keys = path.split('.');
    let first = keys.next().expect("a key");
    keys.fold(&file[first], |value, key| &value[key])
}

fn toml_words(value: &toml::Value) -> Vec<&str> {
    let list = value.as_array().expect("a list");
    list.iter().map(|w| w.as_str().expect("a word")).collect()
}

fn toml_op(value: &toml::Value) -> Op {
    value.clone().try_into().expect("an operator")
}

/// The words build/notation.rs compiled in are the file's, in its order.
#[test]
fn the_compiled_in_words_are_templates_notation_toml() {
    let file: toml::Table =
        toml::from_str(include_str!("../../../templates/notation.toml")).expect("valid TOML");
    let f = &NOTATION_FILE;
    let op_words = |path: &str| -> Vec<(String, Op)> {
        let list = toml_at(&file, path).as_array().expect("a list");
        list.iter()
            .map(|w| {
                (
                    w["word"].as_str().expect("a word").to_string(),
                    toml_op(&w["op"]),
                )
            })
            .collect()
    };
    let owned = |list: &[(&str, Op)]| -> Vec<(String, Op)> {
        list.iter().map(|(w, op)| (w.to_string(), *op)).collect()
    };
    assert_eq!(owned(f.prefix), op_words("operators.prefix"));
    assert_eq!(owned(f.suffix), op_words("operators.suffix"));
    for (table, compiled) in [("render", f.render), ("render_words", f.render_words)] {
        let from_file: HashMap<Op, &str> = file[table]
            .as_table()
            .expect("a table")
            .iter()
            .map(|(op, text)| {
                let op = toml_op(&toml::Value::String(op.clone()));
                (op, text.as_str().expect("a text"))
            })
            .collect();
        let compiled: HashMap<Op, &str> = compiled.iter().copied().collect();
        assert_eq!(compiled, from_file, "[{table}]");
        assert_eq!(compiled.len(), 6, "[{table}] has every operator");
    }
    let lists: [(&str, &[&str]); 19] = [
        ("direction.increase", f.increase),
        ("direction.decrease", f.decrease),
        ("direction.maintain", f.maintain),
        ("not_applicable.words", f.not_applicable),
        ("multipliers.not_multipliers", f.not_multipliers),
        ("unit.annotations", f.unit_annotations),
        ("unit.stop_words", f.unit_stop_words),
        ("separators.range", f.range_separators),
        ("separators.period", f.period_separators),
        ("deadline.prefixes", f.deadline_prefixes),
        ("deadline.this_year", f.deadline_this_year),
        ("deadline.suffixes", f.deadline_suffixes),
        ("deadline.year_end", f.deadline_year_end),
        ("deadline.month_end", f.deadline_month_end),
        ("deadline.first_half", &[f.first_half]),
        ("deadline.second_half", &[f.second_half]),
        ("deadline.quarter", &[f.quarter]),
        ("targets.subject_trailing", f.subject_trailing),
        ("split.qualitative_signs", f.qualitative_signs),
    ];
    for (path, compiled) in lists {
        let from_file = match toml_at(&file, path) {
            toml::Value::String(word) => vec![word.as_str()],
            list => toml_words(list),
        };
        assert_eq!(compiled, from_file, "{path}");
    }
    let factors: Vec<(&str, u64)> = toml_at(&file, "multipliers.factors")
        .as_array()
        .expect("a list")
        .iter()
        .map(|x| {
            let factor = x["factor"].as_integer().expect("a number");
            (x["word"].as_str().expect("a word"), factor as u64)
        })
        .collect();
    assert_eq!(f.factors, factors);
    let max_chars = toml_at(&file, "unit.max_chars").as_integer();
    assert_eq!(Some(f.unit_max_chars as i64), max_chars);
}
