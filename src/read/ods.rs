//! OpenDocument spreadsheets, read from `content.xml` directly.
//!
//! calamine reads ODS values but not merged regions, and expands repeated rows into a dense
//! range. Reading the XML ourselves gives the merges (`table:number-columns-spanned` /
//! `number-rows-spanned`), the text exactly as displayed (`<text:p>`, which is what the user
//! sees: `95%`, `14,737.75`), and bounded memory for hostile repeat counts.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;
use std::str::FromStr;

use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;
use rust_decimal::Decimal;

use super::format::FormatReader;
use super::grid::{CellValue, Merge};
use super::limits::BookBuilder;
use crate::error::{Error, Result};

pub(super) struct Ods;

impl FormatReader for Ods {
    fn read(&self, path: &Path, file: BufReader<File>, book: &mut BookBuilder<'_>) -> Result<()> {
        load(path, file, book)
    }
}

/// Reads every table of the spreadsheet.
fn load<R: Read + Seek>(path: &Path, reader: R, book: &mut BookBuilder<'_>) -> Result<()> {
    let mut zip = zip::ZipArchive::new(reader)
        .map_err(|e| Error::unreadable(path, format!("is a damaged zip archive ({e})")))?;
    let entry = zip
        .by_name("content.xml")
        .map_err(|e| Error::unreadable(path, format!("has no readable content.xml ({e})")))?;
    parse(path, BufReader::new(entry), book)
}

/// Where the next cell goes, and the cell text read so far.
struct Cursor {
    row: u32,
    /// `table:number-rows-repeated` of the current row.
    row_repeat: u32,
    col: u32,
    /// Inside a table (cells outside one belong to no sheet).
    in_table: bool,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor {
            row: 0,
            row_repeat: 1,
            col: 0,
            in_table: false,
        }
    }
}

#[derive(Default)]
struct CellState {
    value: Option<CellValue>,
    /// office:value for numbers, kept until the displayed text is known.
    number: Option<Decimal>,
    text: String,
    paragraphs: usize,
    span: (u32, u32),
    repeat: u32,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn count_attr(e: &BytesStart<'_>, name: &str) -> u32 {
    attr(e, name)
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}

/// A cell's attributes, read in one pass over them (a sheet can have a million cells).
fn cell_start(e: &BytesStart<'_>) -> CellState {
    let mut state = CellState {
        span: (1, 1),
        repeat: 1,
        ..CellState::default()
    };
    let count = |v: &str| v.parse::<u32>().unwrap_or(1).max(1);
    for a in e.attributes().flatten() {
        let key = a.key.as_ref();
        if !matches!(
            key,
            "office:value"
                | "table:number-rows-spanned"
                | "table:number-columns-spanned"
                | "table:number-columns-repeated"
        ) {
            continue;
        }
        let Ok(value) = a.normalized_value(XmlVersion::Implicit1_0) else {
            continue;
        };
        match key {
            "office:value" => {
                state.number = Decimal::from_str(&value)
                    .ok()
                    .or_else(|| Decimal::from_scientific(&value).ok());
            }
            "table:number-rows-spanned" => state.span.0 = count(&value),
            "table:number-columns-spanned" => state.span.1 = count(&value),
            _ => state.repeat = count(&value),
        }
    }
    state
}

/// Spaces for `<text:s text:c="N"/>` (N capped at 1000), copied rather than pushed one by one.
const SPACES: &str = match std::str::from_utf8(&[b' '; 1000]) {
    Ok(s) => s,
    Err(_) => "",
};

/// Adds `more` to the cell's text, charging it to the workbook's text budget first: text is
/// counted as it is produced, so a run of `<text:s text:c="1000"/>` cannot grow one cell past
/// the budget before the cell ends.
fn append(book: &mut BookBuilder<'_>, cell: &mut CellState, more: &str) -> Result<()> {
    book.charge_text(more.len())?;
    cell.text.push_str(more);
    Ok(())
}

fn parse<R: BufRead>(path: &Path, input: R, book: &mut BookBuilder<'_>) -> Result<()> {
    let bad =
        |e: quick_xml::Error| Error::unreadable(path, format!("has a damaged content.xml ({e})"));
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut at = Cursor::default();
    let mut cell: Option<CellState> = None;
    // Inside <text:p> of the current cell (nested spans included)?
    let mut in_paragraph = 0usize;
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(bad)?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "table" => {
                        book.sheet(attr(e, "table:name").unwrap_or_default());
                        at.row = 0;
                        at.in_table = true;
                    }
                    "table-row" => {
                        at.col = 0;
                        at.row_repeat = count_attr(e, "table:number-rows-repeated");
                        if is_empty {
                            at.row = at.row.saturating_add(at.row_repeat);
                        }
                    }
                    "table-cell" | "covered-table-cell" => {
                        let state = cell_start(e);
                        let covered = e.local_name().as_ref() == "covered-table-cell";
                        let state = if covered {
                            CellState {
                                span: (1, 1),
                                number: None,
                                ..state
                            }
                        } else {
                            state
                        };
                        if is_empty {
                            finish_cell(book, state, &mut at)?;
                        } else {
                            cell = Some(state);
                        }
                    }
                    "p" if cell.is_some() => {
                        if let Some(c) = cell.as_mut() {
                            if c.paragraphs > 0 {
                                append(book, c, "\n")?;
                            }
                            c.paragraphs += 1;
                        }
                        if !is_empty {
                            in_paragraph += 1;
                        }
                    }
                    "s" if in_paragraph > 0 => {
                        if let Some(c) = cell.as_mut() {
                            let n = count_attr(e, "text:c").min(1000) as usize;
                            append(book, c, &SPACES[..n.min(SPACES.len())])?;
                        }
                    }
                    "tab" if in_paragraph > 0 => {
                        if let Some(c) = cell.as_mut() {
                            append(book, c, "\t")?;
                        }
                    }
                    "line-break" if in_paragraph > 0 => {
                        if let Some(c) = cell.as_mut() {
                            append(book, c, "\n")?;
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) if in_paragraph > 0 => {
                if let Some(c) = cell.as_mut() {
                    append(book, c, &t.xml10_content())?;
                }
            }
            Event::GeneralRef(ref r) if in_paragraph > 0 => {
                if let Some(c) = cell.as_mut() {
                    let resolved = r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .or_else(|| {
                            quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                                .map(str::to_string)
                        });
                    match resolved {
                        Some(s) => append(book, c, &s)?,
                        None => append(book, c, &format!("&{};", r.xml10_content()))?,
                    }
                }
            }
            Event::CData(ref t) if in_paragraph > 0 => {
                if let Some(c) = cell.as_mut() {
                    append(book, c, t.as_ref())?;
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                "p" => in_paragraph = in_paragraph.saturating_sub(1),
                "table-cell" | "covered-table-cell" => {
                    if let Some(state) = cell.take() {
                        finish_cell(book, state, &mut at)?;
                    }
                    in_paragraph = 0;
                }
                "table-row" => {
                    at.row = at.row.saturating_add(at.row_repeat);
                    at.row_repeat = 1;
                }
                "table" => at.in_table = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// Places a finished cell (and its repeats) on the current sheet. Its own text was charged
/// while it was read; each repeat is charged again.
fn finish_cell(book: &mut BookBuilder<'_>, mut state: CellState, at: &mut Cursor) -> Result<()> {
    let (row, row_repeat, col) = (at.row, at.row_repeat, at.col);
    at.col = col.saturating_add(state.repeat);
    if !at.in_table {
        return Ok(());
    }
    let value = if !state.text.trim().is_empty() {
        Some(match state.number.take() {
            // The displayed text keeps the scale the user sees (198,000.00); the stored value
            // is exact but may have lost it (198000).
            Some(n) => {
                let shown_number: String = state
                    .text
                    .chars()
                    .filter(|c| *c != ',' && !c.is_whitespace())
                    .collect();
                let (value, stored) = match Decimal::from_str(&shown_number) {
                    Ok(shown) if shown == n => (shown, None),
                    // office:value is a double's text: as in an xlsx, what it holds past
                    // 15 digits is noise, or digits the spreadsheet does not show (a warning).
                    _ => super::text::spreadsheet_digits(n),
                };
                CellValue::Number {
                    value,
                    shown: state.text,
                    stored,
                }
            }
            None => CellValue::Text(state.text),
        })
    } else {
        state.value.take()
    };
    let (rows_spanned, cols_spanned) = state.span;
    if let Some(value) = value {
        for dr in 0..row_repeat {
            for dc in 0..state.repeat {
                let pos = (row.saturating_add(dr), col.saturating_add(dc));
                let first = dr == 0 && dc == 0;
                book.push(pos, value.clone(), first)?;
            }
        }
    }
    if rows_spanned > 1 || cols_spanned > 1 {
        book.merge(Merge {
            first: (row, col),
            last: (
                row.saturating_add(rows_spanned - 1),
                col.saturating_add(cols_spanned - 1),
            ),
        })?;
    }
    Ok(())
}
