//! Loading a workbook's cells: one reader per format ([`xlsx`](super::xlsx),
//! [`xlsb`](super::xlsb), [`xls`](super::xls), [`ods`](super::ods)) behind one interface,
//! [`FormatReader`](super::format::FormatReader), each pushing its cells into the one [`BookBuilder`] whose limits they all
//! share. What a file is was decided before, by its bytes ([`super::sniff`]).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::format::FormatReader;
use super::limits::BookBuilder;
use super::raw::RawSheet;
use super::sniff::{io_message, Kind};
use super::{ods, xls, xlsb, xlsx};
use crate::error::{Error, Result};

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
        // jixiao's own export holds the JSON's strings, whitespace-only ones included.
        let own_export = kind == Kind::Xlsx
            && super::xlsx::template_id(path).as_deref() == Some(crate::properties::EXPORT_ID);
        let mut book = BookBuilder::new(path).keep_blank_text(own_export);
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
