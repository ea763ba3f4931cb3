//! Opening a workbook: the format is chosen by the file's content, never its extension, and
//! hostile files are refused before their memory is spent.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use calamine::{Data, DataRef, Reader, Xls, XlsError, Xlsb, Xlsx, XlsxError};

use super::grid::{CellValue, Merge, RawSheet};
use super::{ods, text, xls_formats};
use crate::error::{Error, Result};

/// At most this many entries in a zip container (a workbook has a few dozen).
const MAX_ZIP_ENTRIES: usize = 10_000;
/// At most this many bytes, uncompressed, in a sheet part of a zip container (streamed cell by
/// cell, so its size costs time but not memory).
const MAX_PART_BYTES: u64 = 256 << 20;
/// At most this many bytes, uncompressed, in the shared-strings part: the reader holds it all in
/// memory, at several times its size for many short strings. A form's is a few KB.
const MAX_SHARED_STRINGS_BYTES: u64 = 64 << 20;
/// At most this many bytes, uncompressed, in any other part (styles, relationships, themes):
/// read whole, and small in any real workbook.
const MAX_OTHER_PART_BYTES: u64 = 16 << 20;
/// At most this many bytes of cell text in one workbook: a cell that points at a shared string
/// gets its own copy, so a small file can otherwise ask for gigabytes (one long string,
/// referenced by a million cells). A form holds well under 1 MiB of text.
pub const MAX_TEXT_BYTES: usize = 64 << 20;
/// At most this many bytes, uncompressed, in all parts together.
const MAX_TOTAL_BYTES: u64 = 1 << 30;
/// At most this many non-empty cells in one sheet.
pub const MAX_CELLS: usize = 2_000_000;

/// What a file is, judged by its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Json,
}

/// Looks at the file's first bytes and, for a zip, at its directory.
pub fn sniff(path: &Path) -> Result<Kind> {
    let meta = std::fs::metadata(path).map_err(|e| Error::unreadable(path, io_message(&e)))?;
    if meta.is_dir() {
        return Err(Error::unreadable(path, crate::t!("read.directory")));
    }
    if meta.len() == 0 {
        return Err(Error::unreadable(path, crate::t!("read.empty")));
    }
    let mut head = [0u8; 8];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| Error::unreadable(path, io_message(&e)))?;
    let head = &head[..n];
    if head.starts_with(b"PK\x03\x04") {
        return zip_kind(path);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return ole_kind(path);
    }
    let text_start = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    // An array is JSON too: the JSON reader says why it is not a form, with its path.
    if text_start == Some(&b'{') || text_start == Some(&b'[') {
        return Ok(Kind::Json);
    }
    Err(not_a_spreadsheet(path, head))
}

/// "Not a spreadsheet", naming what the file is when its bytes or its name say so (a PDF, a CSV).
fn not_a_spreadsheet(path: &Path, head: &[u8]) -> Error {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let what = if head.starts_with(b"%PDF") {
        Some(crate::t!("read.what_pdf"))
    } else {
        match extension.as_deref() {
            Some("csv" | "tsv" | "txt") => Some(crate::t!("read.what_csv")),
            Some("pdf") => Some(crate::t!("read.what_pdf")),
            Some("docx" | "doc" | "wps") => Some(crate::t!("read.what_docx")),
            _ => None,
        }
    };
    match what {
        Some(what) => Error::unreadable(
            path,
            crate::t!("read.not_spreadsheet_named", what = what.trim()),
        ),
        None => Error::unreadable(path, crate::t!("read.not_spreadsheet")),
    }
}

fn io_message(e: &std::io::Error) -> String {
    crate::i18n::io_message(e)
}

/// A zip: an OOXML workbook, an OpenDocument spreadsheet, or something else. Also enforces
/// the size limits on the directory's declared sizes.
fn zip_kind(path: &Path) -> Result<Kind> {
    let file = File::open(path).map_err(|e| Error::unreadable(path, io_message(&e)))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| Error::unreadable(path, crate::t!("read.zip_damaged", detail = e)))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(Error::unreadable(
            path,
            format!(
                "has {} parts; a workbook has far fewer (limit {MAX_ZIP_ENTRIES}), refused",
                zip.len()
            ),
        ));
    }
    let mut total = 0u64;
    let mut kind = None;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| Error::unreadable(path, format!("has a damaged zip entry ({e})")))?;
        let name = entry
            .name()
            .map(|n| n.to_string())
            .map_err(|e| Error::unreadable(path, format!("has a damaged zip entry ({e})")))?;
        let size = entry.size();
        let limit = part_limit(&name);
        if size > limit {
            return Err(Error::unreadable(
                path,
                format!(
                    "part {name} inflates to {} MiB (limit {} MiB), refused",
                    size >> 20,
                    limit >> 20
                ),
            ));
        }
        total = total.saturating_add(size);
        match name.as_str() {
            "xl/workbook.xml" => kind = Some(Kind::Xlsx),
            "xl/workbook.bin" => kind = Some(Kind::Xlsb),
            "content.xml" if kind.is_none() => kind = Some(Kind::Ods),
            _ => {}
        }
    }
    if total > MAX_TOTAL_BYTES {
        return Err(Error::unreadable(
            path,
            format!(
                "inflates to {} MiB in all (limit {} MiB), refused",
                total >> 20,
                MAX_TOTAL_BYTES >> 20
            ),
        ));
    }
    if kind == Some(Kind::Ods) {
        let mut mimetype = String::new();
        if let Ok(mut entry) = zip.by_name("mimetype") {
            let _ = entry.by_ref().take(200).read_to_string(&mut mimetype);
        }
        if !mimetype.contains("spreadsheet") {
            return Err(Error::unreadable(
                path,
                crate::t!(
                    "read.not_spreadsheet_named",
                    what = crate::t!("read.what_odt").trim()
                ),
            ));
        }
    }
    kind.ok_or_else(|| {
        // Say what the zip is when it is another Office document.
        let what = if zip.by_name("word/document.xml").is_ok() {
            Some(crate::t!("read.what_docx"))
        } else if zip.by_name("ppt/presentation.xml").is_ok() {
            Some(crate::t!("read.what_pptx"))
        } else {
            None
        };
        match what {
            Some(what) => Error::unreadable(
                path,
                crate::t!("read.not_spreadsheet_named", what = what.trim()),
            ),
            None => Error::unreadable(path, crate::t!("read.not_spreadsheet")),
        }
    })
}

/// The most bytes the part `name` may inflate to. The zip reader stops at the declared size, so a
/// part that lies about its size fails there instead of inflating further.
fn part_limit(name: &str) -> u64 {
    let is_sheet =
        name == "content.xml" || (name.starts_with("xl/worksheets/") && !name.contains("/_rels/"));
    if is_sheet {
        MAX_PART_BYTES
    } else if name.eq_ignore_ascii_case("xl/sharedStrings.xml") {
        MAX_SHARED_STRINGS_BYTES
    } else {
        MAX_OTHER_PART_BYTES
    }
}

/// An OLE2 compound file: a legacy .xls, or an encrypted OOXML workbook.
fn ole_kind(path: &Path) -> Result<Kind> {
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(1 << 20).read_to_end(&mut bytes))
        .map_err(|e| Error::unreadable(path, io_message(&e)))?;
    // The directory names are UTF-16LE; an encrypted OOXML package has these streams.
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if contains(&utf16("EncryptedPackage")) || contains(&utf16("EncryptionInfo")) {
        return Err(encrypted(path));
    }
    if contains(&utf16("WordDocument")) && !contains(&utf16("Workbook")) {
        return Err(Error::unreadable(
            path,
            crate::t!(
                "read.not_spreadsheet_named",
                what = crate::t!("read.what_docx").trim()
            ),
        ));
    }
    Ok(Kind::Xls)
}

fn encrypted(path: &Path) -> Error {
    Error::unreadable(path, crate::t!("read.encrypted"))
}

/// The id jixiao's writer stamps into a workbook's custom properties (`jixiao-export`,
/// `jixiao-template`), when the file still carries it: another program's re-save may drop it,
/// so nothing depends on it; it only tells the user where a file came from.
pub fn template_id(path: &Path) -> Option<String> {
    let file = File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).ok()?;
    let mut xml = String::new();
    zip.by_name("docProps/custom.xml")
        .ok()?
        .take(1 << 20)
        .read_to_string(&mut xml)
        .ok()?;
    let name = format!("name=\"{}\"", crate::write::PROPERTY_TEMPLATE_ID);
    let after = &xml[xml.find(&name)? + name.len()..];
    let after = &after[after.find("<vt:lpwstr>")? + "<vt:lpwstr>".len()..];
    let value = &after[..after.find("</vt:lpwstr>")?];
    (!value.is_empty() && value.len() < 100).then(|| value.to_string())
}

/// Reads every sheet of a workbook.
///
/// The spreadsheet readers underneath (calamine, zip, cfb) can panic on damaged bytes — fuzzing
/// found an out-of-range slice in calamine's compound-file reader on a corrupt .xls
/// (`tests/data/fuzz/`). A panic there is the file's fault, not a bug of ours, so it becomes the
/// same "cannot be read" error as any other damage instead of aborting a batch.
pub fn load(path: &Path, kind: Kind) -> Result<Vec<RawSheet>> {
    let open = || -> Result<BufReader<File>> {
        File::open(path)
            .map(BufReader::new)
            .map_err(|e| Error::unreadable(path, io_message(&e)))
    };
    let read = || match kind {
        Kind::Xlsx => load_xlsx(path, open()?),
        Kind::Xls => load_xls(path, open()?),
        Kind::Xlsb => load_xlsb(path, open()?),
        Kind::Ods => ods::load(path, open()?),
        Kind::Json => Err(Error::unreadable(path, crate::t!("read.json_not_workbook"))),
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
            .unwrap_or_else(|| "unknown failure".to_string());
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

fn xlsx_error(path: &Path, e: XlsxError) -> Error {
    match e {
        XlsxError::Password => encrypted(path),
        other => Error::unreadable(
            path,
            crate::t!("read.cannot_read", kind = "xlsx", detail = other),
        ),
    }
}

fn load_xlsx<R: Read + Seek>(path: &Path, reader: R) -> Result<Vec<RawSheet>> {
    let mut book = Xlsx::new(reader).map_err(|e| xlsx_error(path, e))?;
    let is_1904 = book.has_1904_epoch();
    let mut sheets = Vec::new();
    let mut text_bytes = 0usize;
    for name in book.sheet_names() {
        let mut sheet = RawSheet {
            name: name.clone(),
            ..RawSheet::default()
        };
        {
            let mut cells = book
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
                    if let CellValue::Text(text) = &value {
                        text_bytes = text_bytes.saturating_add(text.len());
                        if text_bytes > MAX_TEXT_BYTES {
                            return Err(too_much_text(path, &name));
                        }
                    }
                    sheet.cells.push((cell.get_position(), value));
                    if sheet.cells.len() > MAX_CELLS {
                        return Err(too_many_cells(path, &name));
                    }
                }
            }
        }
        sheet.merges = merges(
            book.merge_cells_by_sheet_name(&name)
                .map_err(|e| xlsx_error(path, e))?,
        );
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn merges(regions: Vec<calamine::Dimensions>) -> Vec<Merge> {
    regions
        .into_iter()
        .map(|d| Merge {
            first: d.start,
            last: d.end,
        })
        .collect()
}

fn too_many_cells(path: &Path, sheet: &str) -> Error {
    Error::unreadable(
        path,
        format!("sheet {sheet:?} has more than {MAX_CELLS} cells; a form has far fewer, refused"),
    )
}

pub(super) fn too_much_text(path: &Path, sheet: &str) -> Error {
    Error::unreadable(
        path,
        format!(
            "holds more than {} MiB of cell text (reached in sheet {sheet:?}); a form has far less, refused",
            MAX_TEXT_BYTES >> 20
        ),
    )
}

fn from_data_ref(value: &DataRef<'_>, format: &str, is_1904: bool) -> Option<CellValue> {
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

fn from_data(value: &Data, format: &str, is_1904: bool) -> Option<CellValue> {
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

fn load_xls<R: Read + Seek>(path: &Path, reader: R) -> Result<Vec<RawSheet>> {
    let fail = |e: XlsError| match e {
        XlsError::Password => encrypted(path),
        other => Error::unreadable(
            path,
            crate::t!("read.cannot_read", kind = "xls", detail = other),
        ),
    };
    // calamine lays every sheet out in full while opening the file, before any limit of ours
    // applies; refuse a sheet whose cells span more than a form could before it does. A file
    // whose compound-file structure this scan cannot read is refused too: calamine would read it
    // without the check (fuzzing found one that asked for 16 GiB).
    let area = File::open(path)
        .map_err(|e| Error::unreadable(path, io_message(&e)))
        .and_then(|file| {
            xls_formats::largest_cell_area(BufReader::new(file)).map_err(|e| {
                Error::unreadable(
                    path,
                    crate::t!("read.cannot_read", kind = "xls", detail = e),
                )
            })
        })?;
    if area > super::grid::MAX_AREA {
        return Err(Error::not_the_form(
            path,
            format!(
                "has a sheet whose cells span {area} cells — far larger than a form ({} cells at most), refused",
                super::grid::MAX_AREA
            ),
        ));
    }
    let mut book = Xls::new(reader).map_err(fail)?;
    let is_1904 = book.has_1904_epoch();
    // calamine does not expose the cells' number formats; read them from the BIFF records.
    // Without them (a damaged or unusual stream) numbers show as General, as before.
    let formats = File::open(path)
        .ok()
        .and_then(|file| xls_formats::read(BufReader::new(file)).ok())
        .unwrap_or_default();
    let no_formats = xls_formats::CellFormats::new();
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(fail)?;
        let mut sheet = RawSheet {
            name: name.clone(),
            ..RawSheet::default()
        };
        let sheet_formats = formats.get(&name).unwrap_or(&no_formats);
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, value) in range.used_cells() {
            let pos = (r0 + r as u32, c0 + c as u32);
            let format = sheet_formats.get(&pos).map_or("General", String::as_str);
            if let Some(v) = from_data(value, format, is_1904) {
                sheet.cells.push((pos, v));
            }
        }
        sheet.merges = merges(book.merge_cells_by_sheet_name(&name).map_err(fail)?);
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn load_xlsb<R: Read + Seek>(path: &Path, reader: R) -> Result<Vec<RawSheet>> {
    let fail = |e: calamine::XlsbError| {
        Error::unreadable(
            path,
            crate::t!("read.cannot_read", kind = "xlsb", detail = e),
        )
    };
    let mut book = Xlsb::new(reader).map_err(fail)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(fail)?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let cells = range
            .used_cells()
            .filter_map(|(r, c, v)| {
                Some((
                    (r0 + r as u32, c0 + c as u32),
                    from_data(v, "General", false)?,
                ))
            })
            .collect();
        // calamine reads no merged regions from xlsb: labels merged over rows then read as
        // "blank = same as above", which the indicator table accepts.
        sheets.push(RawSheet {
            name,
            cells,
            merges: Vec::new(),
        });
    }
    Ok(sheets)
}
