//! Cell addresses: zero-based (row, column) positions ↔ A1 notation (`E23`, `A12:A40`).
//!
//! A leaf module: the reader, the writer's checks and the diagnostics all convert through it.
//!
//! ```
//! use jixiao::address::{a1, a1_range, parse_a1, parse_range};
//!
//! assert_eq!(a1((22, 4)), "E23");
//! assert_eq!(a1_range((11, 0), (39, 0)), "A12:A40");
//! assert_eq!(parse_a1("$AB$12"), Some((11, 27)));
//! assert_eq!(parse_range("C7:E11"), Some(((6, 2), (10, 4))));
//! assert_eq!(parse_a1("12"), None);
//! ```

/// A zero-based (row, column) position on a sheet.
pub type Pos = (u32, u32);

/// The A1 name of a cell.
pub fn a1(pos: Pos) -> String {
    format!("{}{}", column_name(pos.1), pos.0 + 1)
}

/// A range in A1 notation; a single cell when both ends are the same.
pub fn a1_range(first: Pos, last: Pos) -> String {
    if first == last {
        a1(first)
    } else {
        format!("{}:{}", a1(first), a1(last))
    }
}

/// Zero-based column index → `A`, `Z`, `AA`, `XFD`.
pub fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8_lossy(&name).into_owned()
}

/// `"AB12"` → (11, 27). Accepts `$` anchors and lower-case letters; at most three letters
/// (XFD is Excel's last column).
pub fn parse_a1(text: &str) -> Option<Pos> {
    let text = text.replace('$', "");
    let letters = text.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let (col, row) = text.split_at(letters);
    if col.is_empty() || col.len() > 3 || row.is_empty() || !row.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let col = col.bytes().fold(0u32, |n, c| {
        n * 26 + u32::from(c.to_ascii_uppercase() - b'A' + 1)
    });
    let row = row.parse::<u32>().ok().filter(|r| *r > 0)?;
    Some((row - 1, col - 1))
}

/// `"C7:E11"` (or one cell, `"C7"`) → its first and last positions.
pub fn parse_range(text: &str) -> Option<(Pos, Pos)> {
    let (from, to) = text.split_once(':').unwrap_or((text, text));
    Some((parse_a1(from)?, parse_a1(to)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_round_trip() {
        for col in [0, 25, 26, 51, 52, 701, 702, 16_383] {
            let name = a1((0, col));
            assert_eq!(parse_a1(&name), Some((0, col)), "{name}");
        }
        assert_eq!(column_name(16_383), "XFD");
        assert_eq!(parse_a1("A0"), None);
        assert_eq!(parse_a1("ABCD1"), None);
        assert_eq!(parse_a1("A1B"), None);
    }
}
