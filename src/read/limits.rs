//! What a workbook may cost, defined once, and the one builder every loader (xlsx, xlsb, xls,
//! ods) pushes its cells into, so that every format is refused by the same limits by
//! construction: a loader cannot forget a check it never makes.
//!
//! A leaf module: it depends on nothing of the reader but the cell types.

use std::path::Path;

use super::raw::{CellValue, Merge, RawSheet};
use crate::address::a1_range;
use crate::address::Pos;
use crate::error::{Error, Result};

/// At most this many entries in a zip container (a workbook has a few dozen).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// At most this many bytes, uncompressed, in a sheet part (streamed cell by cell, so its size
/// costs time but not memory).
pub const MAX_SHEET_PART_BYTES: u64 = 256 << 20;
/// At most this many bytes, uncompressed, in the shared-strings part: the reader holds it all in
/// memory, at several times its size for many short strings. A form's is a few KB.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 64 << 20;
/// At most this many bytes, uncompressed, in any other part that is read (styles,
/// relationships, the workbook part): read whole, and small in any real workbook.
pub const MAX_OTHER_PART_BYTES: u64 = 16 << 20;
/// At most this many bytes, uncompressed, in all the parts that are read, together.
pub const MAX_TOTAL_BYTES: u64 = 1 << 30;
/// At most this many bytes of cell text in one workbook: a cell that points at a shared string
/// gets its own copy, so a small file can otherwise ask for gigabytes (one long string,
/// referenced by a million cells). A form holds well under 1 MiB of text.
pub const MAX_TEXT_BYTES: usize = 64 << 20;
/// At most this many non-empty cells in one sheet.
pub const MAX_CELLS: usize = 2_000_000;
/// At most this many cells in the rectangle spanned by a sheet's non-blank cells: the grid is
/// dense over it. A form is a few thousand cells, a 10,000-indicator form 60,000.
pub const MAX_AREA: u64 = 4_000_000;
/// At most this many merged regions in one sheet (a form has a few hundred).
pub const MAX_MERGES: usize = 2_000_000;
/// At most this many bytes in a JSON input: a form's JSON is a few hundred KB, a
/// 10,000-indicator one a few MB.
pub const MAX_JSON_BYTES: u64 = 32 << 20;
/// At most this many values (counted by their separators: `,` `:` `[` `{`) in a JSON input.
/// Each becomes a struct field or an element, up to a few hundred bytes: this, not the byte
/// count, bounds the memory of a parse (`[{},{},…]` is 3 bytes per element). A
/// 10,000-indicator form has about 300,000.
pub const MAX_JSON_VALUES: usize = 1_000_000;
/// At most this many bytes read from standard input when a command is given `-` as its file.
pub const MAX_STDIN_BYTES: u64 = 256 << 20;

/// The bytes of the JSON document at `path`, refused before parsing when it is larger than
/// `MAX_JSON_BYTES` (the file is never read past that) or holds more than
/// `MAX_JSON_VALUES` values. A byte-order mark is dropped.
pub fn read_json(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let fail = |e: std::io::Error| Error::unreadable(path, e.to_string());
    let mut bytes = Vec::new();
    if crate::io::is_stdio(path) {
        std::io::stdin()
            .lock()
            .take(MAX_JSON_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(fail)?;
    } else {
        let file = std::fs::File::open(path).map_err(fail)?;
        file.take(MAX_JSON_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(fail)?;
    }
    if bytes.len() as u64 > MAX_JSON_BYTES {
        return Err(Error::unreadable(
            path,
            crate::t!("limits.json_bytes", limit = MAX_JSON_BYTES >> 20),
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        bytes = rest.to_vec();
    }
    let values = json_values(&bytes);
    if values > MAX_JSON_VALUES {
        return Err(Error::unreadable(
            path,
            crate::t!("limits.json_values", limit = MAX_JSON_VALUES),
        ));
    }
    Ok(bytes)
}

/// How many values a JSON text holds, roughly from above: its separators and openings outside
/// strings. No allocation, one pass; a string's body is skipped by a search for its end (most
/// of a document's bytes are in strings).
fn json_values(bytes: &[u8]) -> usize {
    let mut count = 0usize;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        at += 1;
        match b {
            b'"' => {
                // To the closing quote: past each backslash and the byte it escapes.
                loop {
                    match memchr::memchr2(b'"', b'\\', &bytes[at.min(bytes.len())..]) {
                        Some(i) if bytes[at + i] == b'\\' => at += i + 2,
                        Some(i) => {
                            at += i + 1;
                            break;
                        }
                        None => return count,
                    }
                }
            }
            b',' | b':' | b'[' | b'{' => count += 1,
            _ => {}
        }
    }
    count
}

/// The cells of a whole workbook, sheet by sheet, under the limits above.
pub struct BookBuilder<'p> {
    path: &'p Path,
    sheets: Vec<RawSheet>,
    /// Bounding box of the current sheet's non-blank cells.
    bounds: Option<(Pos, Pos)>,
    /// Cell text so far, over all sheets.
    text_bytes: usize,
    /// Keep cells whose text is only whitespace (jixiao's own exported files, whose cells hold
    /// the JSON's strings as they were).
    keep_blank_text: bool,
}

impl<'p> BookBuilder<'p> {
    pub fn new(path: &'p Path) -> Self {
        BookBuilder {
            path,
            sheets: Vec::new(),
            bounds: None,
            text_bytes: 0,
            keep_blank_text: false,
        }
    }

    /// Keeps whitespace-only text cells instead of dropping them: for a file jixiao exported,
    /// where `"  "` is a value the JSON held. The area and text limits still apply to them.
    pub fn keep_blank_text(mut self, keep: bool) -> Self {
        self.keep_blank_text = keep;
        self
    }

    /// Starts the next sheet; cells and merges pushed from now on belong to it.
    pub fn sheet(&mut self, name: impl Into<String>) {
        self.sheets.push(RawSheet {
            name: name.into(),
            ..RawSheet::default()
        });
        self.bounds = None;
    }

    fn current(&mut self) -> &mut RawSheet {
        if self.sheets.is_empty() {
            self.sheet(String::new());
        }
        let last = self.sheets.len() - 1;
        &mut self.sheets[last]
    }

    fn sheet_name(&self) -> &str {
        self.sheets.last().map_or("", |s| s.name.as_str())
    }

    /// Counts `bytes` of text against the workbook's budget before they are produced, so that a
    /// loader that expands text (ODS space runs, repeated cells) is stopped while expanding.
    pub fn charge_text(&mut self, bytes: usize) -> Result<()> {
        self.text_bytes = self.text_bytes.saturating_add(bytes);
        if self.text_bytes > MAX_TEXT_BYTES {
            return Err(Error::unreadable(
                self.path,
                crate::t!(
                    "limits.text_bytes",
                    limit = MAX_TEXT_BYTES >> 20,
                    sheet = format!("{:?}", self.sheet_name())
                ),
            ));
        }
        Ok(())
    }

    /// Adds one cell. Its text is charged unless `charged` (already counted while it was
    /// assembled). Blank text is dropped (unless [`Self::keep_blank_text`]; empty text always):
    /// it is not content, and a far-away blank cell must not widen the sheet.
    pub fn push(&mut self, pos: Pos, value: CellValue, charged: bool) -> Result<()> {
        if let CellValue::Text(text) = &value {
            if text.is_empty() || (!self.keep_blank_text && text.trim().is_empty()) {
                return Ok(());
            }
            if !charged {
                self.charge_text(text.len())?;
            }
        }
        let (first, last) = match self.bounds {
            None => (pos, pos),
            Some((f, l)) => (
                (f.0.min(pos.0), f.1.min(pos.1)),
                (l.0.max(pos.0), l.1.max(pos.1)),
            ),
        };
        let area = (u64::from(last.0 - first.0) + 1) * (u64::from(last.1 - first.1) + 1);
        if area > MAX_AREA {
            let name = self.sheet_name().to_string();
            return Err(Error::not_the_form(
                self.path,
                crate::t!(
                    "limits.area",
                    sheet = format!("{name:?}"),
                    range = a1_range(first, last),
                    limit = MAX_AREA
                ),
            ));
        }
        self.bounds = Some((first, last));
        let path = self.path;
        let sheet = self.current();
        sheet.cells.push((pos, value));
        if sheet.cells.len() > MAX_CELLS {
            return Err(Error::unreadable(
                path,
                crate::t!(
                    "limits.cells",
                    sheet = format!("{:?}", sheet.name),
                    limit = MAX_CELLS
                ),
            ));
        }
        Ok(())
    }

    /// Adds one merged region of the current sheet (a single cell is no region and is dropped).
    pub fn merge(&mut self, merge: Merge) -> Result<()> {
        if merge.first == merge.last {
            return Ok(());
        }
        let path = self.path;
        let sheet = self.current();
        sheet.merges.push(merge);
        if sheet.merges.len() > MAX_MERGES {
            return Err(Error::unreadable(
                path,
                crate::t!(
                    "limits.merges",
                    sheet = format!("{:?}", sheet.name),
                    limit = MAX_MERGES
                ),
            ));
        }
        Ok(())
    }

    /// The sheets, in the order they were started.
    pub fn finish(self) -> Vec<RawSheet> {
        self.sheets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.to_string())
    }

    #[test]
    fn two_far_cells_are_refused_when_the_second_arrives() {
        let mut book = BookBuilder::new(Path::new("f.xlsb"));
        book.sheet("S");
        book.push((0, 0), text("a"), false).expect("first");
        let err = book
            .push((1_048_575, 16_383), text("b"), false)
            .expect_err("too wide");
        assert!(err.to_string().contains("A1:XFD1048576"), "{err}");
    }

    #[test]
    fn blank_text_neither_counts_nor_widens() {
        let mut book = BookBuilder::new(Path::new("f.xlsx"));
        book.push((0, 0), text("a"), false).expect("first");
        book.push((1_048_575, 16_383), text("   "), false)
            .expect("blank is dropped");
        assert_eq!(book.finish()[0].cells.len(), 1);
    }

    #[test]
    fn blank_text_is_kept_when_asked_but_empty_text_never() {
        let mut book = BookBuilder::new(Path::new("f.xlsx")).keep_blank_text(true);
        book.push((0, 0), text("  "), false).expect("kept");
        book.push((0, 1), text(""), false).expect("dropped");
        assert_eq!(book.finish()[0].cells, vec![((0, 0), text("  "))]);
    }

    #[test]
    fn json_values_are_counted_outside_strings() {
        assert_eq!(json_values(br#"{"a":[1,2],"b":"x,y:[{\"}"}"#), 6);
        assert_eq!(json_values(b"[{},{},{}]"), 6);
        // An escape at the very end, an unclosed string, escaped backslashes before a quote.
        assert_eq!(json_values(br#"[1,"a\"#), 2);
        assert_eq!(json_values(br#"[1,"a,b"#), 2);
        assert_eq!(json_values(br#"["a\\",1,"\\\"",2]"#), 4);
    }

    /// The count byte by byte, as it was before strings were skipped by a search.
    fn json_values_bytewise(bytes: &[u8]) -> usize {
        let (mut count, mut in_string, mut escaped) = (0usize, false, false);
        for &b in bytes {
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
            } else if b == b'"' {
                in_string = true;
            } else if matches!(b, b',' | b':' | b'[' | b'{') {
                count += 1;
            }
        }
        count
    }

    #[test]
    fn skipping_strings_counts_as_the_bytewise_scan() {
        let seed = include_bytes!("../../tests/data/seed.json");
        assert_eq!(json_values(seed), json_values_bytewise(seed));
        // Every prefix of texts dense in quotes, escapes and separators.
        let texts: [&[u8]; 3] = [
            br#"{"a\"":[1,"\\",{"b":"\u0022,:"}],"c":"x\\\"y"}"#,
            br#"["\\\\","\"",",",":","[","{",""]"#,
            "{\"名称\":\"≥18000家次，\\\"约\\\"\",\"v\":[{}]}".as_bytes(),
        ];
        for text in texts {
            for end in 0..=text.len() {
                let prefix = &text[..end];
                assert_eq!(
                    json_values(prefix),
                    json_values_bytewise(prefix),
                    "{prefix:?}"
                );
            }
        }
    }

    #[test]
    fn text_is_charged_across_sheets() {
        let mut book = BookBuilder::new(Path::new("f.ods"));
        book.sheet("A");
        book.charge_text(MAX_TEXT_BYTES - 1).expect("fits");
        book.sheet("B");
        let err = book.push((0, 0), text("ab"), false).expect_err("over");
        assert!(err.to_string().contains("\"B\""), "{err}");
    }
}
