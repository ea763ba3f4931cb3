//! `.xlsx` / `.xlsm`: cells streamed through calamine's cell reader, with their number formats.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Reader, XlsxError};

use super::format::{from_data_ref, FormatReader};
use super::grid::Merge;
use super::limits::BookBuilder;
use super::sniff::encrypted;
use super::xlsx_merges::SheetParts;
use crate::error::{Error, Result};
use crate::properties::PROPERTY_TEMPLATE_ID;

pub(super) struct Xlsx;

fn xlsx_error(path: &Path, e: XlsxError) -> Error {
    match e {
        XlsxError::Password => encrypted(path),
        other => Error::unreadable(
            path,
            crate::t!("read.cannot_read", kind = "xlsx", detail = other),
        ),
    }
}

impl FormatReader for Xlsx {
    fn read(&self, path: &Path, file: BufReader<File>, book: &mut BookBuilder<'_>) -> Result<()> {
        let mut workbook = calamine::Xlsx::new(file).map_err(|e| xlsx_error(path, e))?;
        let is_1904 = workbook.has_1904_epoch();
        let names = workbook.sheet_names();
        // Merges without calamine's second parse of each sheet, where that reads cleanly.
        let mut parts = SheetParts::open(path, &names);
        for name in names {
            book.sheet(name.clone());
            {
                let mut cells = workbook
                    .worksheet_cells_reader(&name)
                    .map_err(|e| xlsx_error(path, e))?;
                while let Some((cell, style)) = cells
                    .next_cell_with_style_id()
                    .map_err(|e| xlsx_error(path, e))?
                {
                    let format = cells
                        .styles()
                        .get(style)
                        .and_then(|s| s.number_format.as_ref())
                        .map_or("General", |f| f.format_code.as_str());
                    if let Some(value) = from_data_ref(cell.get_value(), format, is_1904) {
                        book.push(cell.get_position(), value, false)?;
                    }
                }
            }
            let regions = match parts.as_mut().and_then(|p| p.merges(&name)) {
                Some(regions) => regions,
                None => workbook
                    .merge_cells_by_sheet_name(&name)
                    .map_err(|e| xlsx_error(path, e))?
                    .into_iter()
                    .map(|region| (region.start, region.end))
                    .collect(),
            };
            for (first, last) in regions {
                book.merge(Merge { first, last })?;
            }
        }
        Ok(())
    }
}

/// The id jixiao's writer stamps into a workbook's custom properties (`jixiao-export`,
/// `jixiao-template`), when the file still carries it: another program's re-save may drop it.
pub fn template_id(path: &Path) -> Option<String> {
    custom_property(path, PROPERTY_TEMPLATE_ID).filter(|v| v.len() < 100)
}

/// The text of the custom document property `name`, when the file carries it (at most 4 KiB).
pub fn custom_property(path: &Path, name: &str) -> Option<String> {
    let file = File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).ok()?;
    let mut xml = String::new();
    zip.by_name("docProps/custom.xml")
        .ok()?
        .take(1 << 20)
        .read_to_string(&mut xml)
        .ok()?;
    let name = format!("name=\"{name}\"");
    let after = &xml[xml.find(&name)? + name.len()..];
    let after = &after[after.find("<vt:lpwstr>")? + "<vt:lpwstr>".len()..];
    let value = &after[..after.find("</vt:lpwstr>")?];
    let value = value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    (!value.is_empty() && value.len() <= 4096).then_some(value)
}
