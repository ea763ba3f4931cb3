//! The cell readers; `against_the_patterns` compares the markup scanners with the regular
//! expressions they replace.

use super::*;

fn shown(v: CellValue) -> String {
    v.shown().to_string()
}

#[test]
fn html_paragraphs_become_items() {
    let cell = "<p>目标1：推动“四化”。</p> <p>目标2：A&amp;B&nbsp;C</p>";
    assert_eq!(
        paragraphs(cell),
        ["目标1：推动“四化”。", "目标2：A&B\u{a0}C"]
    );
}

#[test]
fn line_breaks_become_items_and_blank_lines_vanish() {
    assert_eq!(paragraphs("一\n\n  二 \r\n三"), ["一", "二", "三"]);
}

#[test]
fn plain_text_is_only_trimmed() {
    assert_eq!(clean("  a &amp; b < c  "), "a &amp; b < c");
    assert_eq!(clean("<p>推进A&amp;B</p>"), "推进A&B");
}

#[test]
fn money_reads_text_with_separators() {
    let t = |s: &str| CellValue::Text(s.into());
    assert_eq!(
        money(Some(&t("14,737.75"))),
        Ok(Some(Decimal::new(1473775, 2)))
    );
    assert_eq!(
        money(Some(&t("0.00"))).map(|d| d.map(|d| d.to_string())),
        Ok(Some("0.00".into()))
    );
    assert_eq!(
        money(Some(&t("１２３．５"))),
        Ok(Some(Decimal::new(1235, 1)))
    );
    assert_eq!(money(Some(&t("—"))), Ok(None));
    assert_eq!(money(None), Ok(None));
    assert!(money(Some(&t("约一百万"))).is_err());
}

#[test]
fn numeric_cells_show_without_float_noise() {
    assert_eq!(shown(number(14737.749999999998, "General")), "14737.75");
    assert_eq!(shown(number(14737.75, "#,##0.00")), "14,737.75");
    assert_eq!(shown(number(0.0, "0.00")), "0.00");
    assert_eq!(shown(number(1234.5, "#,##0.00")), "1,234.50");
    assert_eq!(shown(number(0.95, "0%")), "95%");
    assert_eq!(shown(number(0.955, "0.0%")), "95.5%");
    assert_eq!(shown(number(300.0, "General")), "300");
    match number(1234.5, "#,##0.00") {
        CellValue::Number { value, .. } => assert_eq!(value.to_string(), "1234.50"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn digits_past_the_fifteenth_are_kept_for_a_warning_unless_noise_or_hidden() {
    let stored = |c: CellValue| match c {
        CellValue::Number { stored, .. } => stored.map(|d| d.to_string()),
        other => panic!("{other:?}"),
    };
    assert_eq!(stored(number(14737.749999999998, "General")), None);
    assert_eq!(stored(number(0.1 + 0.2, "General")), None);
    assert_eq!(
        stored(number(12345678901234.56, "#,##0.00")),
        Some("12345678901234.56".to_string())
    );
    assert_eq!(
        stored(number(1234567890123456.0, "General")),
        Some("1234567890123456".to_string())
    );
    // The format's two decimals show the same either way.
    assert_eq!(stored(number(1234567890123.4567, "0.00")), None);
    assert_eq!(
        stored(number(-12345678901234.56, "0.00")),
        Some("-12345678901234.56".to_string())
    );
}

#[test]
fn counts_are_whole_numbers() {
    let t = |s: &str| CellValue::Text(s.into());
    assert_eq!(count(Some(&t("125人"))), Ok(Some(125)));
    assert_eq!(count(Some(&integer(3))), Ok(Some(3)));
    assert!(count(Some(&t("很多"))).is_err());
}

#[test]
fn date_serials_are_calendar_dates() {
    assert_eq!(shown(date(45657.0, "yyyy-mm-dd", false)), "2024-12-31");
    assert_eq!(
        shown(date(45657.0, "yyyy年m月d日", false)),
        "2024年12月31日"
    );
    assert_eq!(shown(date(1.0, "yyyy-mm-dd", false)), "1900-01-01");
}
/// The hand scanners against the regular expressions they replace: the patterns are compiled
/// here as the module compiled them, and both read every text cell of the project's workbooks
/// and texts generated at the patterns' edges.
mod against_the_patterns {
    use std::path::{Path, PathBuf};

    use regex::Regex;

    use super::super::*;

    struct Patterns {
        tag: Regex,
        break_tag: Regex,
        entity: Regex,
    }

    impl Patterns {
        fn new() -> Patterns {
            let compiled = |pattern: &str| Regex::new(pattern).expect("the old pattern compiles");
            Patterns {
                tag: compiled(r"(?i)</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>"),
                break_tag: compiled(r"(?i)<br\s*/?>|</?p(?:\s[^<>]*)?>|</?div(?:\s[^<>]*)?>|</li>"),
                entity: compiled(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"),
            }
        }

        /// The module's `decode_entities` as it was.
        fn decode_entities<'t>(&self, text: &'t str) -> Cow<'t, str> {
            self.entity.replace_all(text, |caps: &regex::Captures<'_>| {
                decode_entity(&caps[1]).map_or_else(|| caps[0].to_string(), String::from)
            })
        }

        fn has_markup(&self, text: &str) -> bool {
            text.contains('<') && self.tag.is_match(text)
        }

        /// The module's `clean` as it was.
        fn clean(&self, text: &str) -> String {
            if self.has_markup(text) {
                let stripped = self.tag.replace_all(text, "");
                self.decode_entities(&stripped).trim().to_string()
            } else {
                text.trim().to_string()
            }
        }

        /// The module's `paragraphs` as it was.
        fn paragraphs(&self, text: &str) -> Vec<String> {
            let plain: Cow<'_, str> = if self.has_markup(text) {
                let broken = self.break_tag.replace_all(text, "\n");
                let stripped = self.tag.replace_all(&broken, "").into_owned();
                Cow::Owned(self.decode_entities(&stripped).into_owned())
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

        /// Every entity's span and name, leftmost first.
        fn entities(&self, text: &str) -> Vec<(usize, usize, String)> {
            self.entity
                .captures_iter(text)
                .map(|c| {
                    let all = c.get(0).expect("group 0");
                    (all.start(), all.end(), c[1].to_string())
                })
                .collect()
        }

        /// Both readings of `text` agree: the matches of each pattern (marked where they
        /// were, so that a match found at another place or of another length shows) and the
        /// three functions built on them.
        fn compare(&self, text: &str) {
            const MARK: &str = "\u{FFFF}";
            assert_eq!(
                has_markup(text),
                self.has_markup(text),
                "has_markup {text:?}"
            );
            assert_eq!(
                replace_tags(text, tag_at, MARK),
                self.tag.replace_all(text, MARK),
                "tags of {text:?}"
            );
            assert_eq!(
                replace_tags(text, break_tag_at, MARK),
                self.break_tag.replace_all(text, MARK),
                "breaking tags of {text:?}"
            );
            assert_eq!(entities(text), self.entities(text), "entities of {text:?}");
            assert_eq!(
                decode_entities(text),
                self.decode_entities(text),
                "decode_entities {text:?}"
            );
            assert_eq!(clean(text), self.clean(text), "clean {text:?}");
            assert_eq!(
                paragraphs(text),
                self.paragraphs(text),
                "paragraphs {text:?}"
            );
        }
    }

    /// Every entity `entity_at` finds, as `decode_entities` walks the text.
    fn entities(text: &str) -> Vec<(usize, usize, String)> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = text[from..].find('&').map(|i| from + i) {
            match entity_at(&text[at..]) {
                Some((len, name)) => {
                    found.push((at, at + len, name.to_string()));
                    from = at + len;
                }
                None => from = at + 1,
            }
        }
        found
    }

    /// Every text cell of every workbook under the project's samples and real-world forms.
    fn text_cells() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        let mut workbooks = 0;
        for dir in ["samples", "samples/bad", "tests/data/realworld"] {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
                .unwrap_or_else(|e| panic!("{dir}: {e}"))
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|x| x == "xlsx" || x == "xls" || x == "ods")
                })
                .collect();
            paths.sort();
            for path in paths {
                // Refused before any cell is read (the bad samples), or not a workbook.
                let Ok(kind) = crate::read::sniff::sniff(&path) else {
                    continue;
                };
                let Ok(sheets) = crate::read::workbook::load(&path, kind) else {
                    continue;
                };
                workbooks += 1;
                for sheet in sheets {
                    for (_, value) in sheet.cells {
                        if let CellValue::Text(text) = value {
                            texts.push(text);
                        }
                    }
                }
            }
        }
        assert!(workbooks >= 12, "only {workbooks} workbooks read");
        texts
    }

    #[test]
    fn every_text_cell_of_the_workbooks_reads_as_the_patterns_read_it() {
        let patterns = Patterns::new();
        let texts = text_cells();
        for text in &texts {
            patterns.compare(text);
        }
        let marked = texts.iter().filter(|t| patterns.has_markup(t)).count();
        assert!(
            texts.len() > 1_000 && marked >= 10,
            "{} texts, {marked} with markup",
            texts.len()
        );
    }

    /// The characters folding and `\s` decide on, found by the patterns themselves over every
    /// character there is (one text of them all, scanned once).
    #[test]
    fn letters_digits_and_whitespace_are_the_patterns_classes() {
        let every: String = (0..=0x10FFFF_u32).filter_map(char::from_u32).collect();
        let matched = |pattern: &str, among: &str| -> Vec<char> {
            Regex::new(pattern)
                .expect("compiles")
                .find_iter(among)
                .flat_map(|m| m.as_str().chars())
                .collect()
        };
        let letters: String = every
            .chars()
            .filter(|c| folded_letter(*c).is_some())
            .collect();
        assert_eq!(
            letters.chars().collect::<Vec<_>>(),
            matched(r"(?i)[a-z]", &every)
        );
        assert!(letters.contains('\u{212A}') && letters.contains('\u{17F}'));
        for letter in 'a'..='z' {
            let ours: Vec<char> = letters
                .chars()
                .filter(|c| folded_letter(*c) == Some(letter))
                .collect();
            assert_eq!(
                ours,
                matched(&format!("(?i){letter}"), &letters),
                "{letter}"
            );
        }
        let name_chars: Vec<char> = every
            .chars()
            .filter(|c| folded_letter(*c).is_some() || c.is_ascii_digit())
            .collect();
        assert_eq!(name_chars, matched(r"(?i)[a-z0-9]", &every));
        let whitespace: Vec<char> = every.chars().filter(|c| c.is_whitespace()).collect();
        assert_eq!(whitespace, matched(r"(?i)\s", &every));
    }

    use crate::test_rng::Xorshift as Random;

    /// Pieces of markup and of what only looks like it: tags and their parts cut anywhere,
    /// `<` and `>` in attribute values and outside tags, letters that fold to ASCII, every kind
    /// of whitespace and characters next to it, entity parts.
    const PIECES: &[&str] = &[
        "<",
        ">",
        "/",
        "</",
        "/>",
        "<p",
        "<P",
        "p",
        "<p>",
        "</p>",
        "<p ",
        "<p/>",
        "<p />",
        "<br",
        "<BR",
        "<Br",
        "<br>",
        "<br/>",
        "<br />",
        "<br\t\n/>",
        "br",
        "<b",
        "<b>",
        "</b>",
        "<div",
        "<DIV",
        "<dIv",
        "div",
        "</div>",
        "<div class=\"a\">",
        "<li",
        "<li>",
        "</li",
        "</li>",
        "</LI>",
        "li",
        "<span style=\"x>y\">",
        "<a href='<'>",
        "<a b=c>",
        "<a\u{3000}>",
        "<h1>",
        "<H6 >",
        "<x1y2>",
        "<1>",
        "<-",
        "<!--",
        "-->",
        "<!DOCTYPE html>",
        "<?xml?>",
        "<\u{212A}>",
        "<\u{17F}>",
        "<\u{212A}bd>",
        "<\u{17F}pan>",
        "\u{212A}",
        "\u{17F}",
        "k",
        "s",
        "K",
        "S",
        "\u{130}",
        "\u{131}",
        "\u{212B}",
        "<\u{131}>",
        "<i\u{130}>",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\u{b}",
        "\u{c}",
        "\u{85}",
        "\u{a0}",
        "\u{1680}",
        "\u{2000}",
        "\u{200a}",
        "\u{200b}",
        "\u{2028}",
        "\u{2029}",
        "\u{202f}",
        "\u{205f}",
        "\u{3000}",
        "\u{feff}",
        "\u{180e}",
        "&",
        "&&",
        "#",
        "&#",
        "&#x",
        "&#X",
        "x",
        "X",
        ";",
        "amp",
        "&amp;",
        "&AMP;",
        "&lt;",
        "&gt;",
        "&nbsp;",
        "&ldquo;",
        "&hellip;",
        "&middot;",
        "&unknown;",
        "&abcdefgh;",
        "&abcdefghi;",
        "&a;",
        "&#38;",
        "&#x26;",
        "&#X3c;",
        "&#0;",
        "&#1114111;",
        "&#1114112;",
        "&#55296;",
        "&#57343;",
        "&#9999999;",
        "&#10000000;",
        "&#x10FFFF;",
        "&#x110000;",
        "&#xD800;",
        "&#xdfff;",
        "&#xFFFFFF;",
        "&#x1000000;",
        "&#x;",
        "&#;",
        "0",
        "1",
        "7",
        "9",
        "10",
        "a",
        "f",
        "F",
        "g",
        "Z",
        "=",
        "\"",
        "'",
        "中",
        "文",
        "目标",
        "é",
        "—",
        "“",
        "’",
        "\u{1F600}",
    ];

    #[test]
    fn generated_texts_read_as_the_patterns_read_them() {
        let patterns = Patterns::new();
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        for _ in 0..60_000 {
            let pieces = 1 + random.below(12);
            let text: String = (0..pieces).map(|_| random.pick(PIECES)).collect();
            patterns.compare(&text);
        }
    }

    /// Every single character inside a tag's name, after it and in its attributes, and after
    /// `<br`; every character at the places of an entity.
    #[test]
    fn each_character_at_each_place_reads_as_the_patterns_read_it() {
        let patterns = Patterns::new();
        // ASCII and Latin in full; the other whitespace, the folding letters and their
        // neighbours; a spread of the rest.
        let interesting = (0..0x250_u32)
            .chain(0x1FFF..=0x2030)
            .chain([
                0x1680, 0x180E, 0x205F, 0x2129, 0x212A, 0x212B, 0x3000, 0x3001, 0xFEFF,
            ])
            .chain((0x250..0x11_0000).step_by(0x1FF))
            .filter_map(char::from_u32);
        for c in interesting {
            for text in [
                format!("<{c}>"),
                format!("</{c}>"),
                format!("<a{c}>"),
                format!("<a{c}/>"),
                format!("<a{c}b>"),
                format!("<a {c}>"),
                format!("<p{c}>"),
                format!("<p{c}x>"),
                format!("<br{c}>"),
                format!("<br{c}/>"),
                format!("<d{c}v>"),
                format!("</l{c}>"),
                format!("&{c}mp;"),
                format!("&#{c};"),
                format!("&#x{c};"),
                format!("&a{c};"),
            ] {
                patterns.compare(&text);
                patterns.compare(&format!("<p>{text}</p>"));
            }
        }
    }

    /// Entities of every length from 0 to 9 in each of their kinds, with and without `;`, at
    /// the limits of the numbers and of the code points.
    #[test]
    fn entities_of_every_length_read_as_the_pattern_reads_them() {
        let patterns = Patterns::new();
        let mut texts = Vec::new();
        for len in 0..=9 {
            for digits in ["0123456789", "9999999999", "1114111999", "0000000000"] {
                texts.push(format!("&#{};", &digits[..len]));
                texts.push(format!("&#{}", &digits[..len]));
            }
            for hex in [
                "10ffffabcd",
                "ABCDEF0123",
                "d800d800d8",
                "0000000000",
                "FFFFFFFFFF",
            ] {
                for x in ["x", "X"] {
                    texts.push(format!("&#{x}{};", &hex[..len]));
                    texts.push(format!("&#{x}{}x;", &hex[..len]));
                }
            }
            for name in [
                "ampampampa",
                "nbspnbspnb",
                "ABCDEFGHIJ",
                "hellipxxxx",
                "ltltltltlt",
            ] {
                texts.push(format!("&{};", &name[..len]));
                texts.push(format!("&&{};&", &name[..len]));
                texts.push(format!("&{}1;", &name[..len]));
            }
        }
        for number in [
            0, 1, 9, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFF, 0x10FFFF, 0x110000,
        ] {
            texts.push(format!("&#{number};"));
            texts.push(format!("&#x{number:x};"));
            texts.push(format!("&#X{number:X};"));
            texts.push(format!("&#x{number:06x};"));
            texts.push(format!("&#{number:07};"));
        }
        for text in texts {
            patterns.compare(&text);
            patterns.compare(&format!("<p>{text}</p>"));
            patterns.compare(&format!("<b>a{text}b{text}</b>"));
        }
    }
}
