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

use std::rc::Rc;

/// Whether `c` is drawn one em wide by a CJK font.
pub fn is_wide(c: char) -> bool {
    // The two kinds nearly every character of a form is, answered first.
    if c.is_ascii() {
        return false;
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
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

/// A text measured once at one font size, to wrap at many widths: the row heights are
/// computed for every width the spare page width is tried at, and measuring each cell's text
/// again each time was most of an export.
#[derive(Debug, Clone)]
pub struct MeasuredText {
    font_size: f64,
    /// Every character's width, paragraph after paragraph.
    widths: Vec<f64>,
    /// Each paragraph: its characters in `widths`, and their sum as [`line_count`] adds it.
    paragraphs: Vec<(std::ops::Range<usize>, f64)>,
}

impl MeasuredText {
    /// Measures `text` at `font_size` points, one width per character.
    pub fn new(text: &str, font_size: f64) -> MeasuredText {
        let mut widths = Vec::with_capacity(text.len());
        let mut paragraphs = Vec::new();
        for line in text.split('\n') {
            let start = widths.len();
            let mut sum = 0.0;
            for c in line.chars() {
                let w = char_width(c, font_size);
                widths.push(w);
                sum += w;
            }
            paragraphs.push((start..widths.len(), sum));
        }
        MeasuredText {
            font_size,
            widths,
            paragraphs,
        }
    }

    /// What [`line_count`] gives for the text at `width`. A paragraph no wider than `width`
    /// takes one line without a scan: its running sum only grows, so it never passes `width`
    /// before its end.
    pub fn line_count(&self, width: f64) -> usize {
        let width = width.max(self.font_size);
        self.paragraphs
            .iter()
            .map(|(chars, sum)| {
                if *sum <= width {
                    return 1;
                }
                let mut lines = 1;
                let mut used = 0.0;
                for &w in &self.widths[chars.clone()] {
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
}

/// Each text measured once per export, at each size it is printed in: the layout cut into
/// pages holds mostly the texts the whole layout held, and is measured again.
#[derive(Default)]
pub struct TextMeasures {
    /// Per font size (its bits; a form has two or three): text → its measure.
    by_size: Vec<(u64, foldhash::HashMap<String, Rc<MeasuredText>>)>,
}

impl TextMeasures {
    /// The measure of `text` at `font_size`, made the first time it is asked for.
    pub fn measure(&mut self, text: &str, font_size: f64) -> Rc<MeasuredText> {
        let size = font_size.to_bits();
        let at = match self.by_size.iter().position(|(s, _)| *s == size) {
            Some(at) => at,
            None => {
                let texts = foldhash::HashMap::with_capacity_and_hasher(256, Default::default());
                self.by_size.push((size, texts));
                self.by_size.len() - 1
            }
        };
        let texts = &mut self.by_size[at].1;
        if let Some(known) = texts.get(text) {
            return Rc::clone(known);
        }
        let measured = Rc::new(MeasuredText::new(text, font_size));
        texts.insert(text.to_string(), Rc::clone(&measured));
        measured
    }
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

    /// The measured text wraps exactly as [`line_count`] does, at every width.
    #[test]
    fn measured_text_counts_the_lines_line_count_counts() {
        let texts = [
            "",
            "\n",
            "一二三四五六七八九十\n短",
            "本项目用于2023年度全县农村饮水安全工程维修养护，确保≥95%的农村人口喝上放心水。",
            "ABCmw% 1234567890 abc,.;",
            "（一）完成任务\n\n（二）质量≥98%",
        ];
        for text in texts {
            for size in [9.0, 10.0, 10.5, 11.0, 12.0] {
                let measured = MeasuredText::new(text, size);
                let mut width = 0.0;
                while width < 400.0 {
                    assert_eq!(
                        measured.line_count(width),
                        line_count(text, width, size),
                        "{text:?} at {width} ({size} pt)"
                    );
                    width += 0.37;
                }
            }
        }
    }
}
