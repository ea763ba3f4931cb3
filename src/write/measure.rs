//! Text width and height for CJK text, in points.
//!
//! Spreadsheet autofit (rust_xlsxwriter's included) measures Latin glyphs and undercounts
//! Chinese: a Han character is a full em wide, twice a digit. We measure ourselves: a wide
//! character (CJK, full-width forms, and the punctuation and symbols 宋体 draws full-width,
//! such as “ ” ≥ ≤) is one em, anything else about half an em. Erring wide only costs a
//! slightly taller row; erring narrow cuts text off on paper.
//!
//! ```
//! use jixiao::write::measure::{text_width, line_count};
//!
//! assert_eq!(text_width("绩效", 10.0), 20.0);
//! assert_eq!(line_count("一二三四五六", 30.0, 10.0), 2);
//! assert_eq!(line_count("甲\n乙", 100.0, 10.0), 2);
//! ```

/// Whether `c` is drawn one em wide by a CJK font.
pub fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F        // Hangul Jamo
        | 0x2010..=0x2027      // dashes, quotes “ ”, ellipsis: full-width in CJK fonts
        | 0x2030..=0x203B      // ‰ ′ ※
        | 0x2190..=0x21FF      // arrows
        | 0x2200..=0x22FF      // mathematical operators: ≥ ≤ ≈
        | 0x2460..=0x24FF      // ①
        | 0x2500..=0x25FF      // box drawing, ■ ●
        | 0x2600..=0x27BF      // ★ ✓
        | 0x2E80..=0x303E      // CJK radicals, punctuation 、。《》【】
        | 0x3041..=0x33FF      // kana, CJK compatibility
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFE30..=0xFE4F      // CJK compatibility forms
        | 0xFF01..=0xFF60      // full-width forms （）：，
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD    // CJK extensions B+
    )
}

/// Width of one character at `font_size` points.
pub fn char_width(c: char, font_size: f64) -> f64 {
    if is_wide(c) {
        font_size
    } else if c.is_ascii_uppercase() || c == 'm' || c == 'w' || c == '%' {
        font_size * 0.7
    } else {
        font_size * 0.55
    }
}

/// Width of `text` (one line) at `font_size` points.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().map(|c| char_width(c, font_size)).sum()
}

/// Width of the widest line of `text`.
pub fn widest_line(text: &str, font_size: f64) -> f64 {
    text.split('\n')
        .map(|line| text_width(line, font_size))
        .fold(0.0, f64::max)
}

/// Lines `text` takes when wrapped at `width` points: explicit line breaks, and a greedy wrap
/// at character boundaries (CJK text breaks anywhere; Latin words are short in these forms).
/// Empty text takes one line.
pub fn line_count(text: &str, width: f64, font_size: f64) -> usize {
    let width = width.max(font_size);
    text.split('\n')
        .map(|line| {
            let mut lines = 1;
            let mut used = 0.0;
            for c in line.chars() {
                let w = char_width(c, font_size);
                if used + w > width && used > 0.0 {
                    lines += 1;
                    used = 0.0;
                }
                used += w;
            }
            lines
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters_are_twice_as_wide_as_digits() {
        assert_eq!(text_width("一", 11.0), 11.0);
        assert!((text_width("12", 11.0) - 12.1).abs() < 1e-9);
        assert_eq!(text_width("≥（）", 10.0), 30.0);
    }

    #[test]
    fn wrapping_counts_lines_per_paragraph() {
        // 10 characters at 10pt in 45pt: 4 per line → 3 lines; plus an explicit second line.
        assert_eq!(line_count("一二三四五六七八九十\n短", 45.0, 10.0), 4);
        assert_eq!(line_count("", 45.0, 10.0), 1);
        assert_eq!(line_count("\n", 45.0, 10.0), 2);
    }
}
