//! The notation's tests; the comparison reader is held against the regex it replaced.

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

/// Skipping the range pattern on texts without a separator skips only texts it rejects.
#[test]
fn texts_without_a_range_separator_never_match_the_range_pattern() {
    let n = notation();
    let corpus = include_str!("../../../tests/data/real-indicator-values.tsv");
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

/// A small fixed-seed generator (xorshift64), so a failure names a text anyone can re-run.
fn texts(count: usize) -> impl Iterator<Item = String> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count).map(move |_| {
        let len = 1 + (next() % 9) as usize;
        (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect()
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

/// [`Notation::suffix_to_end`] lets the spaces go before the suffix word, as the pattern did;
/// that is the only way only while no suffix word starts with a space.
#[test]
fn no_suffix_word_starts_with_a_space() {
    let n = notation();
    assert!(!n.suffix_words.is_empty());
    for word in &n.suffix_words {
        assert!(
            !word.is_empty() && !word.starts_with(char::is_whitespace),
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
