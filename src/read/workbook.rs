//! Loading a workbook's cells: one reader per format ([`xlsx`](super::xlsx),
//! [`xlsb`](super::xlsb), [`xls`](super::xls), [`ods`](super::ods)) behind one interface,
//! [`FormatReader`], each pushing its cells into the one [`BookBuilder`] whose limits they all
//! share. What a file is was decided before, by its bytes ([`super::sniff`]).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, DataRef};

use super::grid::{CellValue, RawSheet};
use super::limits::BookBuilder;
use super::sniff::{io_message, Kind};
use super::{ods, text, xls, xlsb, xlsx};
use crate::error::{Error, Result};

/// A format's reader: every cell and merged region of every sheet, pushed into `book` in the
/// order of the sheets.
pub(super) trait FormatReader {
    fn read(&self, path: &Path, file: BufReader<File>, book: &mut BookBuilder<'_>) -> Result<()>;
}

fn reader_for(kind: Kind) -> Option<&'static dyn FormatReader> {
    match kind {
        Kind::Xlsx => Some(&xlsx::Xlsx),
        Kind::Xlsb => Some(&xlsb::Xlsb),
        Kind::Xls => Some(&xls::Xls),
        Kind::Ods => Some(&ods::Ods),
        Kind::Json => None,
    }
}

/// Reads every sheet of a workbook.
///
/// The spreadsheet readers underneath (calamine, zip, cfb) can panic on damaged bytes — fuzzing
/// found an out-of-range slice in calamine's compound-file reader on a corrupt .xls
/// (`tests/data/fuzz/`). A panic there is the file's fault, not a bug of ours, so it becomes the
/// same "cannot be read" error as any other damage instead of aborting a batch.
pub fn load(path: &Path, kind: Kind) -> Result<Vec<RawSheet>> {
    let Some(reader) = reader_for(kind) else {
        return Err(Error::unreadable(path, crate::t!("read.json_not_workbook")));
    };
    let read = || -> Result<Vec<RawSheet>> {
        let file = File::open(path)
            .map(BufReader::new)
            .map_err(|e| Error::unreadable(path, io_message(&e)))?;
        let mut book = BookBuilder::new(path);
        reader.read(path, file, &mut book)?;
        Ok(book.finish())
    };
    // Nothing outlives the closure but its result, so no broken state can be observed.
    GUARDED.with(|g| g.set(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(false));
    outcome.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| crate::t!("read.unknown_failure"));
        Err(Error::unreadable(
            path,
            crate::t!("read.damaged", kind = format!("{kind:?}"), detail = what),
        ))
    })
}

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is inside a third-party reader whose panics become an "is damaged"
/// error. A panic hook can stay quiet then: the error, not the panic, is what the user sees.
pub fn in_guarded_reader() -> bool {
    GUARDED.with(|g| g.get())
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
