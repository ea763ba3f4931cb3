//! CSV as RFC 4180 says (comma, CRLF, fields quoted when they hold a comma, quote or line
//! break, quotes doubled), with two additions for spreadsheets:
//!
//! - **Formula injection** is neutralised: a cell beginning with `=`, `+`, `-`, `@`, a tab or a
//!   carriage return is written with a leading `'`, so Excel and LibreOffice show it as text
//!   instead of evaluating it. Plain numbers (`-5`, `+3.5`) are left alone: they cannot be
//!   formulas, and a negative figure must stay a number.
//! - **Excel** ([`CsvTable::new`] with `excel = true`) gets a UTF-8 byte-order mark, without
//!   which it reads the file in the system's legacy code page and garbles Chinese.
//!
//! ```
//! use jixiao::batch::csv::CsvTable;
//!
//! let mut table = CsvTable::new(false);
//! table.row(["三级指标", "年度指标值"]);
//! table.row(["=HYPERLINK(\"http://x\")", "-5"]);
//! table.row(["a,b", "第一行\n第二行"]);
//! assert_eq!(
//!     String::from_utf8(table.into_bytes()).unwrap(),
//!     "三级指标,年度指标值\r\n\"'=HYPERLINK(\"\"http://x\"\")\",-5\r\n\"a,b\",\"第一行\n第二行\"\r\n"
//! );
//! ```

use std::borrow::Cow;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// A CSV table being written, row by row, in memory.
#[derive(Debug, Clone)]
pub struct CsvTable {
    text: String,
}

impl CsvTable {
    /// An empty table; `excel` starts it with a byte-order mark.
    pub fn new(excel: bool) -> Self {
        CsvTable {
            text: if excel {
                BOM.to_string()
            } else {
                String::new()
            },
        }
    }

    /// Appends one row; every cell is neutralised ([`neutralise`]) and quoted as needed.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            self.text.push_str(&quote(&neutralise(cell.as_ref())));
        }
        self.text.push_str("\r\n");
    }

    /// The bytes written since the last call (the table is then empty), for writing a table
    /// out piece by piece.
    pub fn take_bytes(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.text).into_bytes()
    }

    /// The file's bytes (UTF-8).
    pub fn into_bytes(self) -> Vec<u8> {
        self.text.into_bytes()
    }
}

/// `cell` made safe to open in a spreadsheet: prefixed with `'` when it begins with a character
/// that starts a formula (`=`, `+`, `-`, `@`) or one that some programs skip before looking for
/// one (tab, carriage return). Plain numbers are returned as they are.
///
/// ```
/// use jixiao::batch::csv::neutralise;
///
/// assert_eq!(neutralise("=1+1"), "'=1+1");
/// assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
/// assert_eq!(neutralise("\t=1"), "'\t=1");
/// assert_eq!(neutralise("-5.5"), "-5.5");
/// assert_eq!(neutralise("-5+cmd"), "'-5+cmd");
/// assert_eq!(neutralise("≥18000家次"), "≥18000家次");
/// ```
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// An optional sign, digits, and at most one decimal point followed by digits: `-12`, `+0.5`.
fn is_plain_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

/// RFC 4180 quoting: a field holding a comma, a double quote, CR or LF is enclosed in double
/// quotes, with its own double quotes doubled.
fn quote(cell: &str) -> Cow<'_, str> {
    if cell.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_trigger_is_neutralised() {
        for cell in [
            "=A1", "+A1", "-A1", "@A1", "\tA", "\rA", "-", "+", "=", "--1", "-1e5",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn numbers_and_ordinary_text_are_kept() {
        for cell in [
            "", "0", "-0", "-12", "+3.25", "12.", "abc", "'=x", " =x", "≥95%", "5..8",
        ] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
        assert!(!is_plain_number("12."));
        assert!(!is_plain_number("."));
        assert!(is_plain_number("007"));
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote("a\r\nb"), "\"a\r\nb\"");
        // A neutralised cell with a carriage return is still quoted.
        assert_eq!(quote(&neutralise("\rx")), "\"'\rx\"");
    }

    #[test]
    fn excel_tables_start_with_one_bom() {
        let mut excel = CsvTable::new(true);
        excel.row(["部门"]);
        let bytes = excel.into_bytes();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(&bytes[3..], "部门\r\n".as_bytes());
        let mut plain = CsvTable::new(false);
        plain.row(["部门"]);
        assert_eq!(plain.into_bytes(), "部门\r\n".as_bytes());
    }
}
