//! The number formats of `.xls` cells.
//!
//! calamine reads `.xls` values but does not tell which number format a cell shows them in, so
//! `0.95` shown as `95%`, or `4350.5` shown as `4,350.50`, would import differently from the
//! same workbook saved as `.xlsx`. This is a small, read-only BIFF8 reader for just that: it
//! walks the `Workbook` stream of the OLE2 compound file (MS-XLS), collects the FORMAT and XF
//! records of the globals substream, and maps every numeric cell of every worksheet to the
//! format code its XF names.
//!
//! Every read is bounds-checked: a malformed stream gives an error (or, for a damaged sheet
//! substream, fewer cells), never a panic. The caller treats any error as "no formats known"
//! and shows numbers as General, so this reader can only ever improve an import.

use std::collections::HashMap;
use std::io::{Read, Seek};

/// (row, column), zero-based, as calamine counts them.
pub type CellPos = (u32, u32);
/// A worksheet's numeric cells → their number-format codes (General cells are left out).
pub type CellFormats = HashMap<CellPos, String>;
/// Sheet name → its [`CellFormats`].
pub type SheetFormats = HashMap<String, CellFormats>;

/// The workbook stream of a BIFF8 file is far smaller than this.
pub(super) const MAX_STREAM_BYTES: u64 = 256 << 20;
/// At most this many formatted cells in one workbook (the import refuses larger sheets).
const MAX_FORMATTED_CELLS: usize = super::limits::MAX_CELLS;

/// Why no formats could be read. Never shown to the user: the import falls back to General.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("not a readable compound file: {0}")]
    Container(#[from] std::io::Error),
    #[error("no Workbook stream in the compound file")]
    NoWorkbookStream,
    #[error("the Workbook stream is larger than {MAX_STREAM_BYTES} bytes")]
    TooLarge,
    #[error("not a BIFF8 workbook")]
    NotBiff8,
    #[error("the workbook is encrypted")]
    Encrypted,
    #[error("malformed BIFF8 stream: {0}")]
    Malformed(&'static str),
}

/// Record types (MS-XLS 2.3).
mod rt {
    pub const BOF: u16 = 0x0809;
    pub const EOF: u16 = 0x000A;
    pub const CONTINUE: u16 = 0x003C;
    pub const FILEPASS: u16 = 0x002F;
    pub const FORMAT: u16 = 0x041E;
    pub const XF: u16 = 0x00E0;
    pub const BOUNDSHEET8: u16 = 0x0085;
    pub const NUMBER: u16 = 0x0203;
    pub const RK: u16 = 0x027E;
    pub const MULRK: u16 = 0x00BD;
    pub const FORMULA: u16 = 0x0006;
}

/// BOF `vers` of BIFF8, and its `dt` values for the substreams read here.
const BIFF8: u16 = 0x0600;
const DT_GLOBALS: u16 = 0x0005;
const DT_WORKSHEET: u16 = 0x0010;
const DT_MACROSHEET: u16 = 0x0040;

/// The largest area, in cells, that any substream's cell records span: the bounding box of
/// every record that places a value in a cell, from its smallest to its largest row and column.
///
/// calamine allocates that whole box for each sheet while it opens the workbook, before any
/// limit of ours applies, so a few KB of records naming cells at row 0 and row 65,535 ask for
/// gigabytes (found by fuzzing, `tests/data/fuzz/`). The whole stream is scanned, BOF to EOF,
/// without trusting BOUNDSHEET8 offsets, so every record calamine could read is counted.
pub fn largest_cell_area<R: Read + Seek>(reader: R) -> Result<u64, FormatError> {
    Ok(stream_cell_area(&workbook_stream(reader)?))
}

/// [`largest_cell_area`] of a workbook stream's bytes: the stream is scanned from its start
/// and from every offset a BOUNDSHEET8 record names (where calamine starts reading a sheet, even
/// mid-record as our sequential walk sees it), and the largest area found is returned.
pub fn stream_cell_area(stream: &[u8]) -> u64 {
    let mut starts = vec![0usize];
    for record in Records::new(stream, 0) {
        match record.kind {
            rt::BOUNDSHEET8 => {
                if let Some(offset) = u32_at(record.data, 0).and_then(|o| usize::try_from(o).ok()) {
                    starts.push(offset);
                }
            }
            rt::EOF => break,
            _ => {}
        }
    }
    starts.sort_unstable();
    starts.dedup();
    starts
        .into_iter()
        .map(|start| cell_area_from(stream, start))
        .max()
        .unwrap_or(0)
}

type Bounds = Option<(u32, u32, u32, u32)>;

fn bounds_area(bounds: Bounds) -> u64 {
    bounds.map_or(0, |(r0, r1, c0, c1)| {
        u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
    })
}

fn include(bounds: &mut Bounds, row: u16, col: u16) {
    let (row, col) = (u32::from(row), u32::from(col));
    *bounds = Some(match *bounds {
        None => (row, row, col, col),
        Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
    });
}

/// The cells a DIMENSIONS record makes calamine reserve, computed as calamine does (MS-XLS
/// 2.4.90; its arithmetic wraps on inverted bounds, so ours does too).
fn dimensions_area(data: &[u8]) -> u64 {
    let fields = match data.len() {
        10 => u16_at(data, 0)
            .zip(u16_at(data, 2))
            .zip(u16_at(data, 4).zip(u16_at(data, 6)))
            .map(|((rf, rl), (cf, cl))| {
                (u32::from(rf), u32::from(rl), u32::from(cf), u32::from(cl))
            }),
        14 | 16 => u32_at(data, 0)
            .zip(u32_at(data, 4))
            .zip(u16_at(data, 8).zip(u16_at(data, 10)))
            .map(|((rf, rl), (cf, cl))| (rf, rl, u32::from(cf), u32::from(cl))),
        _ => None,
    };
    let Some((rf, rl, mut cf, cl)) = fields else {
        return 0;
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (end_row, end_col) = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    let rows = end_row.wrapping_sub(rf).wrapping_add(1);
    let cols = end_col.wrapping_sub(cf).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}

/// The largest area of the substreams met reading records from `start` on.
fn cell_area_from(stream: &[u8], start: usize) -> u64 {
    /// Records that put a value in a cell: NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST,
    /// FORMULA (row, column first); MULRK (row, first column … last column) is handled apart.
    const CELL_RECORDS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];
    const DIMENSIONS: u16 = 0x0200;
    let mut largest = 0u64;
    let mut bounds: Bounds = None;
    for record in Records::new(stream, start) {
        let data = record.data;
        match record.kind {
            rt::BOF | rt::EOF => largest = largest.max(bounds_area(bounds.take())),
            DIMENSIONS => largest = largest.max(dimensions_area(data)),
            kind if CELL_RECORDS.contains(&kind) => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    include(&mut bounds, row, col);
                }
            }
            rt::MULRK => {
                let last = data.len().checked_sub(2).and_then(|at| u16_at(data, at));
                if let (Some(row), Some(first), Some(last)) =
                    (u16_at(data, 0), u16_at(data, 2), last)
                {
                    include(&mut bounds, row, first);
                    include(&mut bounds, row, last);
                }
            }
            _ => {}
        }
    }
    largest.max(bounds_area(bounds))
}

/// Reads the number formats of every worksheet of an `.xls` file.
pub fn read<R: Read + Seek>(reader: R) -> Result<SheetFormats, FormatError> {
    parse_workbook_stream(&workbook_stream(reader)?)
}

/// The BIFF `Workbook` (or, in old files, `Book`) stream of a compound file, size-limited.
fn workbook_stream<R: Read + Seek>(reader: R) -> Result<Vec<u8>, FormatError> {
    let mut file = cfb::CompoundFile::open(reader)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or(FormatError::NoWorkbookStream)?;
    let stream = file.open_stream(name)?;
    if stream.len() > MAX_STREAM_BYTES {
        return Err(FormatError::TooLarge);
    }
    let mut bytes = Vec::new();
    stream.take(MAX_STREAM_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads the number formats from the bytes of a `Workbook` stream.
pub fn parse_workbook_stream(stream: &[u8]) -> Result<SheetFormats, FormatError> {
    let globals = Globals::parse(stream)?;
    let mut formats = SheetFormats::new();
    // Sheets do not overlap, so honest files scan each byte once; this stops a crafted
    // BOUNDSHEET8 list from rescanning the stream once per entry.
    let mut budget = stream.len();
    let mut total_cells = 0usize;
    for sheet in &globals.sheets {
        let cells = globals.sheet_formats(stream, sheet.offset, &mut budget)?;
        total_cells = total_cells.saturating_add(cells.len());
        if total_cells > MAX_FORMATTED_CELLS {
            return Err(FormatError::Malformed("too many cells"));
        }
        formats.insert(sheet.name.clone(), cells);
    }
    Ok(formats)
}

struct SheetEntry {
    name: String,
    offset: usize,
}

/// What the globals substream says about formats and sheets.
struct Globals {
    /// FORMAT records: ifmt → code.
    custom: HashMap<u16, String>,
    /// XF records in order: the XF's index → its ifmt.
    xf_formats: Vec<u16>,
    sheets: Vec<SheetEntry>,
}

impl Globals {
    fn parse(stream: &[u8]) -> Result<Globals, FormatError> {
        let mut records = Records::new(stream, 0).peekable();
        let bof = records.next().ok_or(FormatError::NotBiff8)?;
        if bof.kind != rt::BOF
            || u16_at(bof.data, 0) != Some(BIFF8)
            || u16_at(bof.data, 2) != Some(DT_GLOBALS)
        {
            return Err(FormatError::NotBiff8);
        }
        let mut globals = Globals {
            custom: HashMap::new(),
            xf_formats: Vec::new(),
            sheets: Vec::new(),
        };
        while let Some(record) = records.next() {
            match record.kind {
                rt::EOF => return Ok(globals),
                rt::FILEPASS => return Err(FormatError::Encrypted),
                rt::FORMAT => {
                    let mut fragments = vec![record.data];
                    while let Some(next) = records.next_if(|r| r.kind == rt::CONTINUE) {
                        fragments.push(next.data);
                    }
                    let mut reader = Fragments::new(fragments);
                    let ifmt = reader.u16().ok_or(FormatError::Malformed("FORMAT"))?;
                    let code = reader
                        .xl_unicode_string()
                        .ok_or(FormatError::Malformed("FORMAT string"))?;
                    globals.custom.insert(ifmt, code);
                }
                // A short XF still takes its index; it then shows General.
                rt::XF => globals.xf_formats.push(u16_at(record.data, 2).unwrap_or(0)),
                rt::BOUNDSHEET8 => {
                    let entry = parse_boundsheet(record.data)
                        .ok_or(FormatError::Malformed("BOUNDSHEET8"))?;
                    if let Some(entry) = entry {
                        globals.sheets.push(entry);
                    }
                }
                _ => {}
            }
        }
        Err(FormatError::Malformed("globals substream has no EOF"))
    }

    /// The format code an XF index shows numbers in.
    fn code(&self, ixfe: u16) -> &str {
        let Some(&ifmt) = self.xf_formats.get(usize::from(ixfe)) else {
            return GENERAL;
        };
        match self.custom.get(&ifmt) {
            Some(code) => code,
            None => builtin_format(ifmt).unwrap_or(GENERAL),
        }
    }

    /// The numeric cells of the sheet substream at `offset`, and their formats. A substream
    /// that ends early gives the cells read so far.
    fn sheet_formats(
        &self,
        stream: &[u8],
        offset: usize,
        budget: &mut usize,
    ) -> Result<CellFormats, FormatError> {
        let mut cells = CellFormats::new();
        let mut records = Records::new(stream, offset);
        let Some(bof) = records.next() else {
            return Ok(cells);
        };
        let dt = u16_at(bof.data, 2);
        if bof.kind != rt::BOF || !matches!(dt, Some(DT_WORKSHEET | DT_MACROSHEET)) {
            return Ok(cells);
        }
        // Embedded charts have their own BOF…EOF inside a worksheet's substream.
        let mut depth = 1usize;
        for record in records {
            let size = record.data.len() + 4;
            *budget = budget
                .checked_sub(size)
                .ok_or(FormatError::Malformed("sheet substreams overlap"))?;
            match record.kind {
                rt::BOF => depth += 1,
                rt::EOF => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ if depth > 1 => {}
                rt::NUMBER | rt::RK => {
                    if let Some(cell) = cell_header(record.data) {
                        self.insert(&mut cells, cell)?;
                    }
                }
                rt::FORMULA if formula_result_is_number(record.data) => {
                    if let Some(cell) = cell_header(record.data) {
                        self.insert(&mut cells, cell)?;
                    }
                }
                rt::MULRK => {
                    for cell in mulrk_cells(record.data) {
                        self.insert(&mut cells, cell)?;
                    }
                }
                _ => {}
            }
        }
        Ok(cells)
    }

    fn insert(
        &self,
        cells: &mut CellFormats,
        (pos, ixfe): (CellPos, u16),
    ) -> Result<(), FormatError> {
        let code = self.code(ixfe);
        if code != GENERAL {
            if cells.len() >= MAX_FORMATTED_CELLS {
                return Err(FormatError::Malformed("too many cells"));
            }
            cells.insert(pos, code.to_string());
        }
        Ok(())
    }
}

const GENERAL: &str = "General";

/// BOUNDSHEET8: `None` inside when the sheet is a chart or VBA module (no cells to read).
fn parse_boundsheet(data: &[u8]) -> Option<Option<SheetEntry>> {
    let offset = usize::try_from(u32_at(data, 0)?).ok()?;
    let dt = *data.get(5)?;
    let mut name = Fragments::new(vec![data.get(6..)?]).short_xl_unicode_string()?;
    name.retain(|c| c != '\0');
    Some(matches!(dt, 0x00 | 0x01).then_some(SheetEntry { name, offset }))
}

/// Row, column and XF index, the common head of NUMBER, RK and FORMULA (Cell, MS-XLS 2.5.13).
fn cell_header(data: &[u8]) -> Option<(CellPos, u16)> {
    let row = u16_at(data, 0)?;
    let col = u16_at(data, 2)?;
    let ixfe = u16_at(data, 4)?;
    Some(((u32::from(row), u32::from(col)), ixfe))
}

/// A FORMULA's cached result is a number unless its last two bytes (`fExprO`) are 0xFFFF
/// (FormulaValue, MS-XLS 2.5.133).
fn formula_result_is_number(data: &[u8]) -> bool {
    u16_at(data, 12).is_some_and(|expr_o| expr_o != 0xFFFF)
}

/// MULRK: row, first column, then (ixfe u16, RK u32) per cell, then the last column.
fn mulrk_cells(data: &[u8]) -> impl Iterator<Item = (CellPos, u16)> + '_ {
    let head = u16_at(data, 0).zip(u16_at(data, 2));
    let count = data.len().saturating_sub(6) / 6;
    (0..count).filter_map(move |i| {
        let (row, first_col) = head?;
        let col = u32::from(first_col) + u32::try_from(i).ok()?;
        let ixfe = u16_at(data, 4 + 6 * i)?;
        Some(((u32::from(row), col), ixfe))
    })
}

/// One BIFF record: its type and its data (CONTINUE records come as records of their own).
#[derive(Debug, Clone, Copy)]
struct Record<'a> {
    kind: u16,
    data: &'a [u8],
}

/// The records of a stream from an offset on; ends at the stream's end or at a truncated
/// record.
struct Records<'a> {
    stream: &'a [u8],
    pos: usize,
}

impl<'a> Records<'a> {
    fn new(stream: &'a [u8], pos: usize) -> Self {
        Records { stream, pos }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        let kind = u16_at(self.stream, self.pos)?;
        let len = usize::from(u16_at(self.stream, self.pos.checked_add(2)?)?);
        let start = self.pos.checked_add(4)?;
        let end = start.checked_add(len)?;
        let data = self.stream.get(start..end)?;
        self.pos = end;
        Some(Record { kind, data })
    }
}

/// A record's data followed by its CONTINUE records, read as one, the way strings that span
/// them are stored: at each fragment boundary inside a string's characters, a new flags byte
/// says whether the rest is stored compressed (1 byte a character) or as UTF-16.
struct Fragments<'a> {
    parts: Vec<&'a [u8]>,
    part: usize,
    pos: usize,
}

impl<'a> Fragments<'a> {
    fn new(parts: Vec<&'a [u8]>) -> Self {
        Fragments {
            parts,
            part: 0,
            pos: 0,
        }
    }

    fn current(&self) -> Option<&'a [u8]> {
        self.parts.get(self.part).copied()
    }

    /// Moves to the next fragment if this one is used up; false when there is none.
    fn at_data(&mut self) -> bool {
        while let Some(part) = self.current() {
            if self.pos < part.len() {
                return true;
            }
            self.part += 1;
            self.pos = 0;
        }
        false
    }

    fn u8(&mut self) -> Option<u8> {
        if !self.at_data() {
            return None;
        }
        let b = *self.current()?.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.u8()?, self.u8()?]))
    }

    /// XLUnicodeString (MS-XLS 2.5.294): cch u16, flags, characters.
    fn xl_unicode_string(&mut self) -> Option<String> {
        let cch = usize::from(self.u16()?);
        self.characters(cch)
    }

    /// ShortXLUnicodeString (MS-XLS 2.5.240): cch u8, flags, characters.
    fn short_xl_unicode_string(&mut self) -> Option<String> {
        let cch = usize::from(self.u8()?);
        self.characters(cch)
    }

    /// The flags byte (bit 0 `fHighByte`: UTF-16 rather than compressed) and `cch`
    /// characters.
    fn characters(&mut self, cch: usize) -> Option<String> {
        let mut high_byte = self.u8()? & 1 == 1;
        let mut units: Vec<u16> = Vec::with_capacity(cch.min(256));
        while units.len() < cch {
            let part = self.current()?;
            if self.pos >= part.len() {
                // The string goes on in the next CONTINUE, which starts with a new flags byte.
                self.part += 1;
                self.pos = 0;
                let part = self.current()?;
                high_byte = *part.first()? & 1 == 1;
                self.pos = 1;
                continue;
            }
            if high_byte {
                let unit = u16_at(part, self.pos)?;
                self.pos += 2;
                units.push(unit);
            } else {
                units.push(u16::from(*part.get(self.pos)?));
                self.pos += 1;
            }
        }
        Some(String::from_utf16_lossy(&units))
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let bytes = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*bytes.first()?, *bytes.get(1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let bytes = data.get(at..at.checked_add(4)?)?;
    let mut word = [0u8; 4];
    word.copy_from_slice(bytes);
    Some(u32::from_le_bytes(word))
}

/// The format codes of built-in number formats, which a workbook uses without a FORMAT record
/// (MS-XLS 2.5.165 IFmt; 27–36 and 50–58 as a zh-CN Excel defines them — dates and times).
pub fn builtin_format(ifmt: u16) -> Option<&'static str> {
    Some(match ifmt {
        0 => GENERAL,
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 => "\"$\"#,##0_);(\"$\"#,##0)",
        6 => "\"$\"#,##0_);[Red](\"$\"#,##0)",
        7 => "\"$\"#,##0.00_);(\"$\"#,##0.00)",
        8 => "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 => "m/d/yyyy",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "m/d/yyyy h:mm",
        27 | 36 | 50 | 52 | 57 => "yyyy\"年\"m\"月\"",
        28 | 29 | 51 | 53 | 54 | 58 => "m\"月\"d\"日\"",
        30 => "m-d-yy",
        31 => "yyyy\"年\"m\"月\"d\"日\"",
        32 => "h\"时\"mm\"分\"",
        33 => "h\"时\"mm\"分\"ss\"秒\"",
        34 | 55 => "上午/下午h\"时\"mm\"分\"",
        35 | 56 => "上午/下午h\"时\"mm\"分\"ss\"秒\"",
        37 => "#,##0_);(#,##0)",
        38 => "#,##0_);[Red](#,##0)",
        39 => "#,##0.00_);(#,##0.00)",
        40 => "#,##0.00_);[Red](#,##0.00)",
        41 => "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)",
        42 => "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)",
        43 => "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",
        44 => "_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"??_);_(@_)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        out.extend_from_slice(data);
        out
    }

    fn bof(dt: u16) -> Vec<u8> {
        let mut data = BIFF8.to_le_bytes().to_vec();
        data.extend_from_slice(&dt.to_le_bytes());
        data.extend_from_slice(&[0; 12]);
        record(rt::BOF, &data)
    }

    fn xf(ifmt: u16) -> Vec<u8> {
        let mut data = vec![0, 0];
        data.extend_from_slice(&ifmt.to_le_bytes());
        data.extend_from_slice(&[0; 16]);
        record(rt::XF, &data)
    }

    fn format(ifmt: u16, code: &str) -> Vec<u8> {
        let mut data = ifmt.to_le_bytes().to_vec();
        let units: Vec<u16> = code.encode_utf16().collect();
        data.extend_from_slice(&(units.len() as u16).to_le_bytes());
        data.push(1);
        data.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        record(rt::FORMAT, &data)
    }

    fn cell(kind: u16, row: u16, col: u16, ixfe: u16, value: [u8; 8]) -> Vec<u8> {
        let mut data = Vec::new();
        for v in [row, col, ixfe] {
            data.extend_from_slice(&v.to_le_bytes());
        }
        let value_len = if kind == rt::RK { 4 } else { 8 };
        data.extend_from_slice(&value[..value_len]);
        if kind == rt::FORMULA {
            data.extend_from_slice(&[0; 6]); // grbit, chn, cce = 0
        }
        record(kind, &data)
    }

    /// A workbook stream: XF 0 General, 1 "0.00%" (custom 164), 2 built-in 4, 3 built-in 9;
    /// one worksheet "表1" and one chart sheet.
    fn workbook(sheet_records: &[Vec<u8>]) -> Vec<u8> {
        workbook_with(format(164, "0.00%"), sheet_records)
    }

    /// [`workbook`] with other bytes for its FORMAT record(s).
    fn workbook_with(formats: Vec<u8>, sheet_records: &[Vec<u8>]) -> Vec<u8> {
        let boundsheet = |offset: u32, dt: u8, name: &str| {
            let mut data = offset.to_le_bytes().to_vec();
            data.extend_from_slice(&[0, dt]);
            let units: Vec<u16> = name.encode_utf16().collect();
            data.extend_from_slice(&[units.len() as u8, 1]);
            data.extend(units.iter().flat_map(|u| u.to_le_bytes()));
            record(rt::BOUNDSHEET8, &data)
        };
        let head: Vec<Vec<u8>> = vec![bof(DT_GLOBALS), formats, xf(0), xf(164), xf(4), xf(9)];
        let tail_len = |offset: u32| {
            boundsheet(offset, 0, "表1").len() + boundsheet(offset, 2, "图").len() + 4
        };
        let globals_len = head.iter().map(Vec::len).sum::<usize>() + tail_len(0);
        let mut stream: Vec<u8> = head.concat();
        stream.extend(boundsheet(globals_len as u32, 0, "表1"));
        stream.extend(boundsheet(0, 2, "图"));
        stream.extend(record(rt::EOF, &[]));
        assert_eq!(stream.len(), globals_len);
        stream.extend(bof(DT_WORKSHEET));
        for r in sheet_records {
            stream.extend_from_slice(r);
        }
        stream.extend(record(rt::EOF, &[]));
        stream
    }

    fn sheet(stream: &[u8]) -> CellFormats {
        let mut all = parse_workbook_stream(stream).expect("parses");
        assert_eq!(all.len(), 1, "only the worksheet, not the chart sheet");
        all.remove("表1").expect("sheet 表1")
    }

    #[test]
    fn compressed_string() {
        let data = [3, 0, 0, b'0', b'.', b'0'];
        let s = Fragments::new(vec![&data]).xl_unicode_string();
        assert_eq!(s.as_deref(), Some("0.0"));
    }

    #[test]
    fn utf16_string() {
        let mut data = vec![2, 0, 1];
        data.extend("年%".encode_utf16().flat_map(u16::to_le_bytes));
        let s = Fragments::new(vec![&data]).xl_unicode_string();
        assert_eq!(s.as_deref(), Some("年%"));
    }

    #[test]
    fn short_string_latin1() {
        let data = [2, 0, 0xE9, b'x'];
        let s = Fragments::new(vec![&data]).short_xl_unicode_string();
        assert_eq!(s.as_deref(), Some("éx"));
    }

    #[test]
    fn string_continued_with_other_width() {
        // 4 characters: "0." compressed, then a CONTINUE whose flags say UTF-16 for "0%".
        let first = [4, 0, 0, b'0', b'.'];
        let mut second = vec![1];
        second.extend("0%".encode_utf16().flat_map(u16::to_le_bytes));
        let s = Fragments::new(vec![&first, &second]).xl_unicode_string();
        assert_eq!(s.as_deref(), Some("0.0%"));
    }

    #[test]
    fn string_cut_short_is_none() {
        let data = [5, 0, 0, b'0', b'.'];
        assert_eq!(Fragments::new(vec![&data]).xl_unicode_string(), None);
        let data = [2, 0, 1, b'0'];
        assert_eq!(Fragments::new(vec![&data]).xl_unicode_string(), None);
        assert_eq!(Fragments::new(vec![]).xl_unicode_string(), None);
    }

    #[test]
    fn builtin_ids() {
        assert_eq!(builtin_format(0), Some("General"));
        assert_eq!(builtin_format(2), Some("0.00"));
        assert_eq!(builtin_format(4), Some("#,##0.00"));
        assert_eq!(builtin_format(9), Some("0%"));
        assert_eq!(builtin_format(10), Some("0.00%"));
        assert_eq!(builtin_format(11), Some("0.00E+00"));
        assert_eq!(builtin_format(49), Some("@"));
        for id in (0..=22).chain(27..=49) {
            assert!(builtin_format(id).is_some(), "built-in {id}");
        }
        for id in (27..=36).chain(50..=58) {
            let code = builtin_format(id).unwrap();
            assert!(
                ["年", "月", "时", "m-d"].iter().any(|d| code.contains(d)),
                "{id} is a date or time: {code}"
            );
        }
        assert_eq!(builtin_format(164), None);
    }

    #[test]
    fn number_rk_and_formula_cells_get_their_xf_format() {
        let string_result = [0, 0, 0, 0, 0, 0, 0xFF, 0xFF];
        let cells = sheet(&workbook(&[
            cell(rt::NUMBER, 0, 1, 1, 0.95f64.to_le_bytes()),
            cell(rt::RK, 2, 3, 2, [0; 8]),
            cell(rt::FORMULA, 4, 0, 3, 1.5f64.to_le_bytes()),
            cell(rt::FORMULA, 5, 0, 3, string_result),
            cell(rt::NUMBER, 6, 0, 0, [0; 8]),
            cell(rt::NUMBER, 7, 0, 999, [0; 8]),
        ]));
        assert_eq!(cells.get(&(0, 1)).map(String::as_str), Some("0.00%"));
        assert_eq!(cells.get(&(2, 3)).map(String::as_str), Some("#,##0.00"));
        assert_eq!(cells.get(&(4, 0)).map(String::as_str), Some("0%"));
        // A formula with a text result, a General cell and an unknown XF: no format.
        assert_eq!(cells.len(), 3, "{cells:?}");
    }

    #[test]
    fn mulrk_gives_each_cell_its_own_format() {
        // Row 3, columns 2..=4 with XFs 1, 0, 3.
        let mut data = vec![3, 0, 2, 0];
        for ixfe in [1u16, 0, 3] {
            data.extend_from_slice(&ixfe.to_le_bytes());
            data.extend_from_slice(&[0; 4]);
        }
        data.extend_from_slice(&4u16.to_le_bytes());
        let cells = sheet(&workbook(&[record(rt::MULRK, &data)]));
        assert_eq!(cells.get(&(3, 2)).map(String::as_str), Some("0.00%"));
        assert_eq!(cells.get(&(3, 3)), None);
        assert_eq!(cells.get(&(3, 4)).map(String::as_str), Some("0%"));
        assert_eq!(cells.len(), 2);
    }

    #[test]
    fn cells_of_an_embedded_chart_are_not_the_sheets() {
        let mut chart = bof(0x0020);
        chart.extend(cell(rt::NUMBER, 9, 9, 1, [0; 8]));
        chart.extend(record(rt::EOF, &[]));
        let cells = sheet(&workbook(&[chart, cell(rt::NUMBER, 1, 1, 1, [0; 8])]));
        assert_eq!(cells.keys().collect::<Vec<_>>(), vec![&(1, 1)]);
    }

    #[test]
    fn format_string_continued_in_a_continue_record() {
        // "0.0" compressed in the FORMAT record, then "0%" in a CONTINUE with its own flags.
        let mut split = record(rt::FORMAT, &[164, 0, 5, 0, 0, b'0', b'.', b'0']);
        split.extend(record(rt::CONTINUE, &[0, b'0', b'%']));
        let stream = workbook_with(split, &[cell(rt::NUMBER, 0, 0, 1, [0; 8])]);
        let cells = sheet(&stream);
        assert_eq!(cells.get(&(0, 0)).map(String::as_str), Some("0.00%"));
    }

    #[test]
    fn refusals() {
        let stream = workbook(&[]);
        let mut encrypted = bof(DT_GLOBALS);
        encrypted.extend(record(rt::FILEPASS, &[0; 6]));
        encrypted.extend_from_slice(&stream);
        assert!(matches!(
            parse_workbook_stream(&encrypted),
            Err(FormatError::Encrypted)
        ));
        let mut biff5 = stream.clone();
        biff5[4..6].copy_from_slice(&0x0500u16.to_le_bytes());
        assert!(matches!(
            parse_workbook_stream(&biff5),
            Err(FormatError::NotBiff8)
        ));
        assert!(matches!(
            parse_workbook_stream(&[]),
            Err(FormatError::NotBiff8)
        ));
        assert!(matches!(
            read(std::io::Cursor::new(b"not a compound file".to_vec())),
            Err(FormatError::Container(_))
        ));
    }

    #[test]
    fn every_truncation_of_a_stream_is_handled() {
        let stream = workbook(&[
            cell(rt::NUMBER, 0, 1, 1, [0; 8]),
            cell(rt::RK, 2, 3, 2, [0; 8]),
        ]);
        for len in 0..stream.len() {
            // Either an error or fewer cells; the globals' EOF comes before any cell.
            if let Ok(formats) = parse_workbook_stream(&stream[..len]) {
                assert!(formats.values().all(|cells| cells.len() <= 2));
            }
        }
    }

    fn sample(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn sample_has_percent_and_fixed_decimal_cells() {
        let formats = read(std::io::Cursor::new(sample("variant-split.xls"))).unwrap();
        let codes: Vec<&String> = formats.values().flat_map(|c| c.values()).collect();
        assert!(codes.iter().any(|c| c.contains('%')), "{codes:?}");
        assert!(codes.iter().any(|c| c.contains("0.00")), "{codes:?}");
    }

    fn workbook_stream(file: &[u8]) -> Vec<u8> {
        let mut cfb = cfb::CompoundFile::open(std::io::Cursor::new(file)).unwrap();
        let mut stream = Vec::new();
        cfb.open_stream("/Workbook")
            .unwrap()
            .read_to_end(&mut stream)
            .unwrap();
        stream
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let _ = parse_workbook_stream(&bytes);
            let _ = read(std::io::Cursor::new(bytes));
        }

        #[test]
        fn damaged_samples_never_panic(
            which in 0usize..2,
            cut in any::<prop::sample::Index>(),
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..16),
        ) {
            let name = ["seed-legacy.xls", "variant-split.xls"][which];
            let file = sample(name);
            let mut stream = workbook_stream(&file);
            for (at, byte) in &flips {
                let i = at.index(stream.len());
                stream[i] = *byte;
            }
            let _ = parse_workbook_stream(&stream);
            let _ = parse_workbook_stream(&stream[..cut.index(stream.len())]);
            let mut damaged = file.clone();
            for (at, byte) in &flips {
                let i = at.index(damaged.len());
                damaged[i] = *byte;
            }
            let _ = read(std::io::Cursor::new(&damaged));
            let _ = read(std::io::Cursor::new(&file[..cut.index(file.len())]));
        }
    }
}
