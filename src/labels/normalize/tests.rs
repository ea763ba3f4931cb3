use unicode_normalization::UnicodeNormalization;

use super::*;

/// [`normalize`] as it was before full-width forms were narrowed: the NFKC of every text the
/// quick check does not pass.
fn normalize_by_nfkc(text: &str, traditional: &[(char, char)]) -> String {
    let plainly_normal = |c: char| c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let first: String = if text.chars().all(plainly_normal)
        || unicode_normalization::is_nfkc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        text.to_string()
    } else {
        text.nfkc().collect()
    };
    // The rest of `normalize` sees only NFKC text, where narrowing changes nothing.
    normalize(&first, traditional)
}

#[test]
fn narrowing_is_the_compatibility_decomposition() {
    for code in 0xFF01..=0xFF5E_u32 {
        let c = char::from_u32(code).expect("a character");
        let nfkc: String = c.to_string().nfkc().collect();
        assert_eq!(narrow(c).to_string(), nfkc, "U+{code:04X}");
    }
    assert_eq!(
        narrow('\u{3000}').to_string(),
        "\u{3000}".nfkc().collect::<String>()
    );
    assert_eq!(narrow('（'), '(');
    assert_eq!(narrow('、'), '、');
}

/// Narrowing first gives the old result on the label texts, real indicator values and texts
/// made to trip it: full-width forms beside combining marks (which could compose with what a
/// full-width form becomes), Hangul jamo, half-width katakana, circled and compatibility
/// characters, marks out of canonical order.
#[test]
fn narrowing_first_normalises_as_nfkc_did() {
    let traditional = &crate::labels::TRADITIONAL;
    let mut texts: Vec<String> = Vec::new();
    let values = include_str!("../../../tests/data/real-indicator-values.tsv");
    for line in values.lines() {
        texts.extend(line.split('\t').map(str::to_string));
    }
    // Every quoted text of the label files: the labels and their synonyms as written.
    for file in [
        include_str!("../../../templates/labels.toml"),
        include_str!("../../../templates/labels-project.toml"),
        include_str!("../../../templates/labels-self-evaluation.toml"),
    ] {
        texts.extend(file.split('"').skip(1).step_by(2).map(str::to_string));
    }
    let pieces = [
        "（", "）", "：", "Ａ", "ａ", "１", "％", "，", "\u{3000}", "\u{0301}", "\u{0308}",
        "\u{3099}", "\u{309A}", "\u{0327}", "\u{1100}", "\u{1161}", "\u{11A8}", "ｶ", "ﾞ", "㈠", "①",
        "㎡", "ﬁ", "Å", "e", "か", "\u{FF65}", "单位", "万元", "金额", "其中", "*", "★", "：", ":",
        " ", "\u{00A0}", "Ω", "\u{212B}", "è", "\u{F900}", "\u{2F00}", "绩效",
    ];
    // Every pair and every triple of pieces, and the pieces around a label.
    for a in pieces {
        for b in pieces {
            texts.push(format!("{a}{b}"));
            for c in pieces {
                texts.push(format!("{a}{b}{c}"));
            }
        }
        texts.push(format!("{a}项目名称{a}"));
        texts.push(format!("金额单位{a}万元"));
    }
    let mut differing = Vec::new();
    for text in &texts {
        let new = normalize(text, traditional);
        let old = normalize_by_nfkc(text, traditional);
        if new != old {
            differing.push((text.clone(), old, new));
        }
    }
    assert!(texts.len() > 80_000, "{}", texts.len());
    assert!(
        differing.is_empty(),
        "{} differ: {:?}",
        differing.len(),
        &differing[..differing.len().min(5)]
    );
}
