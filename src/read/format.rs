//! What every format's loader shares: the [`FormatReader`] interface the workbook loader calls,
//! and calamine's cells as the user sees them. A leaf below the loaders, so that
//! [`super::workbook`] and the format modules do not import each other.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, DataRef};

use super::limits::BookBuilder;
use super::raw::CellValue;
use super::text;
use crate::error::Result;

/// A format's reader: every cell and merged region of every sheet, pushed into `book` in the
/// order of the sheets.
pub(super) trait FormatReader {
    fn read(&self, path: &Path, file: BufReader<File>, book: &mut BookBuilder<'_>) -> Result<()>;
}

/// A calamine cell (borrowed form) as the user sees it under its number format.
pub(super) fn from_data_ref(value: &DataRef<'_>, format: &str, is_1904: bool) -> Option<CellValue> {
    Some(match value {
        DataRef::Empty => return None,
        DataRef::String(s) => CellValue::Text(s.clone()),
        DataRef::SharedString(s) => CellValue::Text((*s).to_string()),
        DataRef::Float(f) => text::number(*f, format),
        DataRef::Int(i) => text::integer(*i),
        DataRef::Bool(b) => CellValue::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        DataRef::DateTime(dt) if dt.is_datetime() => text::date(dt.as_f64(), format, is_1904),
        DataRef::DateTime(dt) => text::number(dt.as_f64(), "General"),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => CellValue::Text(s.clone()),
        DataRef::Error(e) => CellValue::Text(format!("{e}")),
    })
}

/// A calamine cell (owned form) as the user sees it under its number format.
pub(super) fn from_data(value: &Data, format: &str, is_1904: bool) -> Option<CellValue> {
    Some(match value {
        Data::Empty => return None,
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Float(f) => text::number(*f, format),
        Data::Int(i) => integer(*i, format),
        Data::Bool(b) => CellValue::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => text::date(dt.as_f64(), format, is_1904),
        Data::DateTime(dt) => text::number(dt.as_f64(), "General"),
        Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Error(e) => CellValue::Text(format!("{e}")),
    })
}

/// A whole number in a number format. Only a General one keeps the integer path, which needs
/// no float; otherwise it goes through the float path when the float holds it exactly.
fn integer(value: i64, format: &str) -> CellValue {
    const EXACT_IN_F64: i64 = 1 << 53;
    if format.eq_ignore_ascii_case("General") || !(-EXACT_IN_F64..=EXACT_IN_F64).contains(&value) {
        text::integer(value)
    } else {
        text::number(value as f64, format)
    }
}
