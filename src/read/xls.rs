//! `.xls` (BIFF8): values through calamine, number formats from our own BIFF reader
//! ([`super::xls_formats`]), and the sheets' cell area checked before calamine lays them out.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Reader, XlsError};

use super::format::{from_data, FormatReader};
use super::grid::Merge;
use super::limits::{BookBuilder, MAX_AREA};
use super::sniff::{encrypted, io_message};
use super::xls_formats;
use crate::error::{Error, Result};

pub(super) struct Xls;

impl FormatReader for Xls {
    fn read(&self, path: &Path, file: BufReader<File>, book: &mut BookBuilder<'_>) -> Result<()> {
        let fail = |e: XlsError| match e {
            XlsError::Password => encrypted(path),
            XlsError::Io(io) => Error::unreadable_io(path, &io),
            other => Error::unreadable(
                path,
                crate::t!("read.cannot_read", kind = "xls", detail = other),
            ),
        };
        // calamine lays every sheet out in full while opening the file, before any limit of
        // ours applies; refuse a sheet whose cells span more than a form could before it does.
        // A file whose compound-file structure this scan cannot read is refused too: calamine
        // would read it without the check (fuzzing found one that asked for 16 GiB).
        let area = File::open(path)
            .map_err(|e| Error::unreadable(path, io_message(&e)))
            .and_then(|file| {
                xls_formats::largest_cell_area(BufReader::new(file))
                    .map_err(|e| scan_error(path, e))
            })?;
        if area > MAX_AREA {
            return Err(Error::not_the_form(
                path,
                crate::t!("xls.area", area = area, limit = MAX_AREA),
            ));
        }
        let mut workbook = calamine::Xls::new(file).map_err(fail)?;
        let is_1904 = workbook.has_1904_epoch();
        // calamine does not expose the cells' number formats; read them from the BIFF records.
        // Without them (a damaged or unusual stream) numbers show as General, as before.
        let formats = File::open(path)
            .ok()
            .and_then(|file| xls_formats::read(BufReader::new(file)).ok())
            .unwrap_or_default();
        let no_formats = xls_formats::CellFormats::new();
        for name in workbook.sheet_names() {
            let range = workbook.worksheet_range(&name).map_err(fail)?;
            book.sheet(name.clone());
            let sheet_formats = formats.get(&name).unwrap_or(&no_formats);
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, c, value) in range.used_cells() {
                let pos = (r0 + r as u32, c0 + c as u32);
                let format = sheet_formats.get(&pos).map_or("General", String::as_str);
                if let Some(v) = from_data(value, format, is_1904) {
                    book.push(pos, v, false)?;
                }
            }
            for region in workbook.merge_cells_by_sheet_name(&name).map_err(fail)? {
                book.merge(Merge {
                    first: region.start,
                    last: region.end,
                })?;
            }
        }
        Ok(())
    }
}

/// Why the cell-area scan could not read the file, in the user's language.
fn scan_error(path: &Path, e: xls_formats::FormatError) -> Error {
    use xls_formats::FormatError as F;
    let detail = match e {
        F::Encrypted => return encrypted(path),
        // The compound-file reader says InvalidData for a container it cannot parse.
        F::Container(io) if io.kind() == std::io::ErrorKind::InvalidData => {
            crate::t!("xls.not_compound")
        }
        F::Container(io) => io_message(&io),
        F::NoWorkbookStream => crate::t!("xls.no_workbook_stream"),
        F::TooLarge => crate::t!(
            "xls.stream_too_large",
            limit = xls_formats::MAX_STREAM_BYTES >> 20
        ),
        F::NotBiff8 => crate::t!("xls.not_biff8"),
        F::Malformed(record) => crate::t!("xls.malformed", record = record),
    };
    Error::unreadable(
        path,
        crate::t!("read.cannot_read", kind = "xls", detail = detail),
    )
}
