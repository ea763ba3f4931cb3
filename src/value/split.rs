//! Values split over cells: some forms put the sign, the number and the unit in separate cells
//! (`≥ | 95 | %`, `米 | = | 3500`, `定性 | 优良中低差`). These functions put them back together
//! into the text a person would write, which [`parse`](super::parse) then reads.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::notation::notation;
use super::parse::number;
use super::Op;

/// Composes split cells into one value text.
///
/// ```
/// use jixiao::value::compose_split;
///
/// assert_eq!(compose_split("≥", "95", "%"), "≥95%");
/// assert_eq!(compose_split("=", "116", "人"), "116人");
/// assert_eq!(compose_split("以上", "90", "%"), "90%以上");
/// assert_eq!(compose_split("定性", "", "优良中低差"), "优良中低差");
/// ```
pub fn compose_split(sign: &str, number: &str, unit: &str) -> String {
    let (sign, number, unit) = (sign.trim(), number.trim(), unit.trim());
    let n = notation();
    let normalized: String = sign.nfkc().collect();
    let quantity = format!("{number}{unit}");
    if normalized.is_empty() || n.is_qualitative_sign(&normalized) || quantity.is_empty() {
        return if quantity.is_empty() {
            sign.to_string()
        } else {
            quantity
        };
    }
    if n.prefix_op(&normalized) == Some(Op::Eq) {
        return quantity;
    }
    if n.suffix_op(&normalized).is_some() {
        return format!("{quantity}{sign}");
    }
    format!("{sign}{quantity}")
}

/// Which of a row's split cells is the sign, the number and the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitCells<'a> {
    /// The 计算符号 cell's text.
    pub sign: &'a str,
    /// The 指标值 cell's text.
    pub number: &'a str,
    /// The 计量单位 cell's text.
    pub unit: &'a str,
}

/// Recognises the roles of split cells in any order: the sign is an operator word or symbol (or
/// a qualitative sign such as 定性), the number reads as a number, the unit is what remains.
/// Blank cells are ignored. None when the roles are not clear (two numbers, two signs, two
/// units, more than three cells).
///
/// ```
/// use jixiao::value::{split_roles, compose_split};
///
/// let cells = split_roles(&["米", "=", "3500"]).unwrap();
/// assert_eq!(compose_split(cells.sign, cells.number, cells.unit), "3500米");
/// ```
pub fn split_roles<'a>(cells: &[&'a str]) -> Option<SplitCells<'a>> {
    if cells.len() > 3 {
        return None;
    }
    let n = notation();
    let (mut sign, mut num, mut unit) = (None, None, None);
    for &cell in cells {
        let trimmed = cell.trim();
        if trimmed.is_empty() {
            continue;
        }
        let normalized: Cow<str> = Cow::Owned(trimmed.nfkc().collect());
        let slot = if n.is_prefix_op(&normalized)
            || n.suffix_op(&normalized).is_some()
            || n.is_qualitative_sign(&normalized)
        {
            &mut sign
        } else if number(&normalized).is_some() {
            &mut num
        } else {
            &mut unit
        };
        if slot.replace(trimmed).is_some() {
            return None;
        }
    }
    Some(SplitCells {
        sign: sign.unwrap_or(""),
        number: num.unwrap_or(""),
        unit: unit.unwrap_or(""),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_like_a_person_writes() {
        assert_eq!(compose_split("≥", "95", "%"), "≥95%");
        assert_eq!(compose_split(" ≥ ", " 95 ", " % "), "≥95%");
        assert_eq!(compose_split("=", "116", "人"), "116人");
        assert_eq!(compose_split("＝", "116", "人"), "116人");
        assert_eq!(compose_split("", "116", "人"), "116人");
        assert_eq!(compose_split("<=", "5", "%"), "<=5%");
        assert_eq!(compose_split("以上", "90", "%"), "90%以上");
        assert_eq!(compose_split("定性", "优良中低差", ""), "优良中低差");
        assert_eq!(compose_split("定性", "", "优良中低差"), "优良中低差");
        assert_eq!(compose_split("≥", "", ""), "≥");
        assert_eq!(compose_split("", "", ""), "");
        assert_eq!(
            compose_split("=", "0.0900000762939453", ""),
            "0.0900000762939453"
        );
    }

    #[test]
    fn recognises_roles_in_any_order() {
        let roles = |cells: &[&'static str]| split_roles(cells).map(|c| (c.sign, c.number, c.unit));
        assert_eq!(roles(&["=", "116", "人"]), Some(("=", "116", "人")));
        assert_eq!(roles(&["米", "=", "3500"]), Some(("=", "3500", "米")));
        assert_eq!(roles(&["%", "≥", "85"]), Some(("≥", "85", "%")));
        assert_eq!(
            roles(&["定性", "优良中低差"]),
            Some(("定性", "", "优良中低差"))
        );
        assert_eq!(roles(&["", "95", "%"]), Some(("", "95", "%")));
        assert_eq!(roles(&["1", "2", "个"]), None);
        assert_eq!(roles(&["≥", "≤", "5"]), None);
        assert_eq!(roles(&["a", "b", "c", "d"]), None);
    }
}
