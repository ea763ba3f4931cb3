//! The label normalisation, shared by the reader (each cell) and build.rs (each label and
//! synonym of templates/labels*.toml), so both sides of a comparison are normalised alike.

use unicode_normalization::UnicodeNormalization;

/// Traditional → simplified by the sorted pairs.
pub fn simplified(traditional: &[(char, char)], c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match traditional.binary_search_by_key(&c, |(t, _)| *t) {
        Ok(at) => traditional[at].1,
        Err(_) => c,
    }
}

/// A full-width form (U+FF01–U+FF5E) as the ASCII character it stands for, the ideographic
/// space as a space: their compatibility decompositions. Anything else unchanged.
fn narrow(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Normalises a label for comparison: NFKC, traditional → simplified, whitespace removed,
/// a required-field mark (`*`, `★`) before or after removed, a leading `其中:` removed, a
/// trailing unit statement (`单位:万元`) removed, a trailing colon and a trailing
/// parenthetical removed.
pub fn normalize(text: &str, traditional: &[(char, char)]) -> String {
    // Most cells are NFKC already: ASCII and the unified ideographs (U+4E00–U+9FFF) have no
    // decomposition and compose with nothing, and the quick check says so for the rest
    // without running the normaliser's decomposition and recomposition.
    // Full-width forms (`（万元）：`, common in these forms) are narrowed first: each one's
    // compatibility decomposition is one ASCII character, so the narrowed text has the same
    // NFKC as the cell, and when the quick check finds it normal, it is that NFKC. The
    // normaliser then runs only for what the quick check cannot settle.
    let mut out = String::with_capacity(text.len());
    let plainly_normal = |c: char| c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let kept = |c: &char| !c.is_whitespace();
    let simple = |c: char| simplified(traditional, c);
    let narrowed = text.chars().map(narrow);
    if narrowed.clone().all(plainly_normal)
        || unicode_normalization::is_nfkc_quick(narrowed.clone())
            == unicode_normalization::IsNormalized::Yes
    {
        out.extend(narrowed.filter(kept).map(simple));
    } else {
        out.extend(text.nfkc().filter(kept).map(simple));
    }
    let marks: &[char] = &['*', '★', '☆', '※'];
    loop {
        let before = out.len();
        let trimmed = out.trim_start_matches(marks).trim_end_matches(marks);
        if trimmed.len() != out.len() {
            out = trimmed.to_string();
        }
        if let Some(rest) = out.strip_prefix("其中:") {
            out = rest.to_string();
        }
        if let Some(at) = out.rfind("单位:") {
            let unit = &out[at + "单位:".len()..];
            if at > 0 && matches!(unit, "万元" | "元" | "千元" | "亿元") {
                out.truncate(at);
                if out.ends_with("金额") {
                    out.truncate(out.len() - "金额".len());
                }
            }
        }
        while out.ends_with(':') {
            out.pop();
        }
        if out.ends_with(')') {
            if let Some(open) = out.rfind('(') {
                if open > 0 {
                    out.truncate(open);
                }
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

// By path: build/labels.rs includes this file too, and a plain `mod tests;` would be looked
// for beside it there.
#[cfg(test)]
#[path = "normalize/tests.rs"]
mod tests;
