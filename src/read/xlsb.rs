//! `.xlsb`: cells streamed through calamine's cell reader (values only: calamine reads no
//! merged regions or number formats from xlsb). Streaming matters: calamine's own range
//! reader lays the sheet's whole used area out in memory first, so two far-apart cells in a
//! 6 KB file asked for 512 GiB; here the shared limits see every cell as it arrives.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Reader, XlsbError};

use super::format::{from_data_ref, FormatReader};
use super::limits::BookBuilder;
use crate::error::{Error, Result};

pub(super) struct Xlsb;

impl FormatReader for Xlsb {
    fn read(&self, path: &Path, file: BufReader<File>, book: &mut BookBuilder<'_>) -> Result<()> {
        let fail = |e: XlsbError| {
            Error::unreadable(
                path,
                crate::t!("read.cannot_read", kind = "xlsb", detail = e),
            )
        };
        let mut workbook = calamine::Xlsb::new(file).map_err(fail)?;
        let is_1904 = workbook.has_1904_epoch();
        for name in workbook.sheet_names() {
            book.sheet(name.clone());
            let mut cells = workbook.worksheet_cells_reader(&name).map_err(fail)?;
            while let Some(cell) = cells.next_cell().map_err(fail)? {
                if let Some(value) = from_data_ref(cell.get_value(), "General", is_1904) {
                    book.push(cell.get_position(), value, false)?;
                }
            }
        }
        // Labels merged over rows then read as "blank = same as above", which the indicator
        // table accepts.
        Ok(())
    }
}
