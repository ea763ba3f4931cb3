//! How the form looks: fonts, sizes, borders, number formats.
//!
//! 宋体 body at 五号 (10.5 pt), the size of Chinese official documents; 黑体 for the title. Fonts
//! carry charset 134 (GB2312) so Excel, WPS and LibreOffice treat them as East-Asian fonts and
//! substitute a CJK face where 宋体/黑体 are not installed.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

use crate::layout::Style;

/// Body font.
pub const BODY_FONT: &str = "宋体";
/// Title font.
pub const TITLE_FONT: &str = "黑体";
/// Body font size, points (五号).
pub const BODY_SIZE: f64 = 10.5;
/// Title font size, points (二号 is 22; 小二 18).
pub const TITLE_SIZE: f64 = 18.0;
/// Line height as a multiple of the font size: Excel draws 宋体 10.5 pt lines 13.5 pt apart
/// (1.29); a little more leaves room for faces with taller lines (Noto CJK in LibreOffice).
pub const LINE_HEIGHT: f64 = 1.35;
/// Space above and below the text of a cell, points (both together).
pub const CELL_PADDING_V: f64 = 6.0;
/// Space left and right of the text of a cell, points (both together), including the one-level
/// indent of left- and right-aligned cells.
pub const CELL_PADDING_H: f64 = 14.0;
/// The same for centred cells, which have no indent: the cell's own margins only.
pub const CELL_PADDING_CENTERED: f64 = 6.0;

/// Horizontal padding of a cell of `style`.
pub fn padding_h(style: Style) -> f64 {
    match style {
        Style::Text | Style::Money | Style::Unit | Style::Signature => CELL_PADDING_H,
        _ => CELL_PADDING_CENTERED,
    }
}
/// The smallest row height, points: a comfortable single line.
pub const MIN_ROW_HEIGHT: f64 = 20.0;
/// Excel's largest row height, points.
pub const MAX_ROW_HEIGHT: f64 = 409.0;
/// GB2312, the charset of 宋体/黑体 in Excel's own files.
const CHARSET_GB2312: u8 = 134;
/// Font family "modern" (fixed pitch), what Excel records for 宋体.
const FAMILY_MODERN: u8 = 3;

/// Font size used for `style`.
pub fn font_size(style: Style) -> f64 {
    match style {
        Style::Title => TITLE_SIZE,
        _ => BODY_SIZE,
    }
}

/// Whether `style` is bold.
pub fn is_bold(style: Style) -> bool {
    matches!(style, Style::Title | Style::Label | Style::Header)
}

/// Number format of a money cell showing `scale` decimals: the form's own scale, so a value
/// written as "0.00" shows (and reads back) as 0.00, and "100" as 100.
pub fn money_format(scale: u32) -> String {
    if scale == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(scale as usize))
    }
}

/// The format of a cell of `style`. `money_scale` applies to [`Style::Money`]; `unlocked` marks
/// cells a person fills in, so they stay editable when the sheet is protected.
pub fn format(style: Style, money_scale: u32, unlocked: bool) -> Format {
    let font = if style == Style::Title {
        TITLE_FONT
    } else {
        BODY_FONT
    };
    let mut f = Format::new()
        .set_font_name(font)
        .set_font_charset(CHARSET_GB2312)
        .set_font_family(FAMILY_MODERN)
        .set_font_size(font_size(style))
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    if is_bold(style) {
        f = f.set_bold();
    }
    if !matches!(style, Style::Title | Style::Unit | Style::Signature) {
        f = f.set_border(FormatBorder::Thin);
    }
    f = match style {
        Style::Title | Style::Label | Style::Header | Style::Centered | Style::Count => {
            f.set_align(FormatAlign::Center)
        }
        // Indented one level so text and figures do not touch the border.
        Style::Text => f.set_align(FormatAlign::Left).set_indent(1),
        Style::Unit => f.set_align(FormatAlign::Right),
        Style::Signature => f.set_align(FormatAlign::Left),
        Style::Money => f
            .set_align(FormatAlign::Right)
            .set_indent(1)
            .set_num_format(money_format(money_scale)),
    };
    if style == Style::Count {
        f = f.set_num_format("0");
    }
    if unlocked {
        f = f.set_unlocked();
    }
    f
}

/// Body text of the 填报说明 sheet: bordered, wrapped; bold ones centred.
pub fn plain(bold: bool) -> Format {
    let f = Format::new()
        .set_font_name(BODY_FONT)
        .set_font_charset(CHARSET_GB2312)
        .set_font_family(FAMILY_MODERN)
        .set_font_size(BODY_SIZE)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_border(FormatBorder::Thin);
    if bold {
        f.set_bold().set_align(FormatAlign::Center)
    } else {
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_format_shows_the_values_scale() {
        assert_eq!(money_format(2), "#,##0.00");
        assert_eq!(money_format(0), "#,##0");
        assert_eq!(money_format(3), "#,##0.000");
    }
}
