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

/// The absolute A1 name of a cell, as formulas and data validations want it: `$B$16`.
pub fn absolute_a1(pos: Pos) -> String {
    format!("${}${}", column_name(pos.1), pos.0 + 1)
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

/// A cell (`E23`) or a rectangle of cells (`A12:A40`): what a [`CellRef`](crate::model::CellRef)
/// points at. Its text is always the A1 form ([`a1_range`]), so the JSON of provenance and
/// diagnostics is a plain string.
///
/// ```
/// use jixiao::address::CellRange;
///
/// let range: CellRange = "C7:E11".parse().expect("A1");
/// assert_eq!((range.first, range.last), ((6, 2), (10, 4)));
/// assert_eq!(range.to_string(), "C7:E11");
/// assert_eq!(CellRange::cell((22, 4)).to_string(), "E23");
/// assert!("7C".parse::<CellRange>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRange {
    /// The top-left cell (the anchor of a merged region).
    pub first: Pos,
    /// The bottom-right cell; equal to `first` for a single cell.
    pub last: Pos,
}

impl CellRange {
    /// One cell.
    pub fn cell(pos: Pos) -> CellRange {
        CellRange {
            first: pos,
            last: pos,
        }
    }

    /// The rectangle from `first` to `last`.
    pub fn new(first: Pos, last: Pos) -> CellRange {
        CellRange { first, last }
    }

    /// The smallest rectangle holding every one of `ranges`; `None` when there are none.
    pub fn spanning<I: IntoIterator<Item = CellRange>>(ranges: I) -> Option<CellRange> {
        ranges.into_iter().reduce(|a, b| CellRange {
            first: (a.first.0.min(b.first.0), a.first.1.min(b.first.1)),
            last: (a.last.0.max(b.last.0), a.last.1.max(b.last.1)),
        })
    }
}

impl From<Pos> for CellRange {
    fn from(pos: Pos) -> CellRange {
        CellRange::cell(pos)
    }
}

impl std::fmt::Display for CellRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&a1(self.first))?;
        if self.first != self.last {
            write!(f, ":{}", a1(self.last))?;
        }
        Ok(())
    }
}

/// Text that is not a cell or range in A1 notation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotA1(pub String);

impl std::fmt::Display for NotA1 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} is not a cell in A1 notation", self.0)
    }
}

impl std::error::Error for NotA1 {}

impl std::str::FromStr for CellRange {
    type Err = NotA1;
    fn from_str(text: &str) -> Result<CellRange, NotA1> {
        parse_range(text)
            .map(|(first, last)| CellRange { first, last })
            .ok_or_else(|| NotA1(text.to_string()))
    }
}

impl serde::Serialize for CellRange {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for CellRange {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<CellRange, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
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
        assert_eq!(absolute_a1((15, 1)), "$B$16");
        assert_eq!(absolute_a1((0, 26)), "$AA$1");
        assert_eq!(parse_a1(&absolute_a1((0, 26))), Some((0, 26)));
    }

    #[test]
    fn a_range_reads_and_prints_in_a1() {
        for text in ["A1", "E23", "A12:A40", "XFD1048576", "AA1:AB2"] {
            let range: CellRange = text.parse().expect(text);
            assert_eq!(range.to_string(), text);
        }
        assert_eq!(
            "$C$7:e11".parse::<CellRange>().map(|r| r.to_string()),
            Ok("C7:E11".into())
        );
        assert!("C7:".parse::<CellRange>().is_err());
        assert!("".parse::<CellRange>().is_err());
        let spanned =
            CellRange::spanning(["D14".parse(), "C30:E31".parse()].map(|r| r.expect("A1")));
        assert_eq!(spanned.map(|r| r.to_string()).as_deref(), Some("C14:E31"));
    }

    #[test]
    fn a_range_is_a_string_in_json() {
        let range = CellRange::new((11, 0), (39, 0));
        let json = serde_json::to_string(&range).expect("serialize");
        assert_eq!(json, r#""A12:A40""#);
        assert_eq!(serde_json::from_str::<CellRange>(&json).ok(), Some(range));
        assert!(serde_json::from_str::<CellRange>(r#""nope""#).is_err());
    }
}
