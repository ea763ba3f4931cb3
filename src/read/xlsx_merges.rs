//! The merged regions of an .xlsx sheet without parsing the sheet a second time.
//!
//! calamine 0.38's `merge_cells_by_sheet_name` parses the sheet's XML again from its start to
//! reach `<mergeCells>`, which follows the cells: 1.8 M instructions on the seed form, more than
//! a third of calamine's whole reading of it. Here the sheet's part is found the way calamine
//! finds it (`_rels/.rels` → the workbook's relationships → `<sheet r:id>`), inflated in chunks
//! searched for the `<mergeCells` tag, and only that element is parsed.
//!
//! Whatever this does not read cleanly — a part it cannot find, sheet names unlike calamine's,
//! a malformed attribute, element or reference, a reversed range — gives `None`, and the caller
//! asks calamine, whose answer (or error) is then the one it always was. What it does not
//! notice: XML damage between the cells and `<mergeCells>` (calamine would refuse the file), a
//! `<mergeCells` tag inside a comment or CDATA section before the real one.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

/// A merged region: first and last (row, column), zero-based.
pub(super) type Region = ((u32, u32), (u32, u32));

/// The workbook's zip and each sheet's part, by sheet name in the workbook's order.
pub(super) struct SheetParts {
    zip: ZipArchive<BufReader<File>>,
    parts: Vec<(String, String)>,
}

impl SheetParts {
    /// None unless every sheet's part is found as calamine finds it and the sheet names are
    /// calamine's (`names`, in its order).
    pub(super) fn open(path: &Path, names: &[String]) -> Option<SheetParts> {
        let file = File::open(path).ok()?;
        let mut zip = ZipArchive::new(BufReader::new(file)).ok()?;
        let parts = sheet_parts(&mut zip)?;
        let same_names = parts.len() == names.len()
            && parts
                .iter()
                .zip(names)
                .all(|((name, _), wanted)| name == wanted);
        same_names.then_some(SheetParts { zip, parts })
    }

    /// The merged regions of the sheet `name`, as calamine reads them; None when this cannot
    /// tell (see the module's documentation).
    pub(super) fn merges(&mut self, name: &str) -> Option<Vec<Region>> {
        let (_, part) = self.parts.iter().find(|(n, _)| n == name)?;
        let entry = entry_name(&self.zip, part)?;
        let file = self.zip.by_name(&entry).ok()?;
        merges_of_part(file)
    }
}

/// The zip entry calamine opens for `path`: entry names compared without case and with `\`
/// read as `/`, the last such entry winning; the path itself when none matches.
fn entry_name<R: Read + Seek>(zip: &ZipArchive<R>, path: &str) -> Option<String> {
    let wanted = path.to_ascii_lowercase();
    let mut found = None;
    for name in zip.file_names() {
        let name = name.ok()?;
        if name.replace('\\', "/").to_ascii_lowercase() == wanted {
            found = Some(name.into_owned());
        }
    }
    Some(found.unwrap_or_else(|| path.to_string()))
}

/// A small part (relationships, the workbook) read whole; at most 16 MiB, like any part that is
/// not a sheet or the shared strings.
fn small_part<R: Read + Seek>(zip: &mut ZipArchive<R>, path: &str) -> Option<Vec<u8>> {
    let entry = entry_name(zip, path)?;
    let mut bytes = Vec::new();
    let file = zip.by_name(&entry).ok()?;
    file.take(16 << 20).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// A reader configured as calamine configures its own.
fn xml_reader<R: std::io::BufRead>(input: R) -> quick_xml::Reader<R> {
    let mut reader = quick_xml::Reader::from_reader(input);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    reader
}

/// The raw value of the attribute whose whole name is `key`; Some(None) when absent, None when
/// an attribute is malformed.
fn attribute<'e>(e: &'e BytesStart<'_>, key: &str) -> Option<Option<std::borrow::Cow<'e, str>>> {
    for a in e.attributes() {
        let a = a.ok()?;
        if a.key.as_ref() == key {
            return Some(Some(a.value));
        }
    }
    Some(None)
}

fn unescaped(raw: &str) -> Option<String> {
    quick_xml::escape::unescape(raw)
        .ok()
        .map(|v| v.into_owned())
}

/// (sheet name, part) of every `<sheet>` of the workbook, resolved as calamine resolves them.
fn sheet_parts<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Option<Vec<(String, String)>> {
    // _rels/.rels: the last officeDocument relationship names the workbook part.
    let package = small_part(zip, "_rels/.rels")?;
    let mut xml = xml_reader(package.as_slice());
    let mut buf = Vec::new();
    let mut inside = false;
    let mut document = None;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) if e.local_name().as_ref() == "Relationships" && !inside => {
                inside = true;
            }
            Event::Start(e) if inside && e.local_name().as_ref() == "Relationship" => {
                let kind = attribute(&e, "Type")?;
                let target = attribute(&e, "Target")?;
                if kind.is_some_and(|t| t.ends_with("/relationships/officeDocument")) {
                    if let Some(target) = target {
                        document = Some(unescaped(&target)?);
                    }
                }
            }
            Event::End(e) if inside && e.local_name().as_ref() == "Relationships" => break,
            Event::Eof => return None,
            _ => {}
        }
    }
    let document = document?;
    let (dir, name) = match document.rfind('/') {
        Some(i) => document.split_at(i + 1),
        None => ("", document.as_str()),
    };
    let xl_path = dir.strip_prefix('/').unwrap_or(dir).to_string();
    let workbook_name = if name.is_empty() {
        "workbook.xml"
    } else {
        name
    };

    // The workbook's relationships: id → (target, type), targets as written.
    let rels = small_part(zip, &format!("{xl_path}_rels/{workbook_name}.rels"))?;
    let mut xml = xml_reader(rels.as_slice());
    let mut relationships = std::collections::HashMap::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                let id = attribute(&e, "Id")?;
                let kind = attribute(&e, "Type")?;
                let target = attribute(&e, "Target")?;
                if let Some(id) = id {
                    let target = target.map(|t| t.into_owned()).unwrap_or_default();
                    let kind = kind.map(|t| t.into_owned()).unwrap_or_default();
                    relationships.insert(id.into_owned(), (target, kind));
                }
            }
            Event::End(e) if e.local_name().as_ref() == "Relationships" => break,
            Event::Eof => return None,
            _ => {}
        }
    }

    // The workbook: each <sheet name r:id>.
    let workbook = small_part(zip, &format!("{xl_path}{workbook_name}"))?;
    let mut xml = xml_reader(workbook.as_slice());
    let mut sheets = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) if e.local_name().as_ref() == "sheet" => {
                let mut name = String::new();
                let mut id = String::new();
                for a in e.attributes() {
                    let a = a.ok()?;
                    let key: &str = a.key.as_ref();
                    let value: &str = &a.value;
                    match key {
                        "name" => name = unescaped(value)?,
                        "state" if !matches!(value, "visible" | "hidden" | "veryHidden") => {
                            return None;
                        }
                        "state" => {}
                        key if key == "id" || key.ends_with(":id") => id = value.to_string(),
                        _ => {}
                    }
                }
                let (target, kind) = relationships.get(&id)?;
                let part = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("{xl_path}{target}"),
                };
                match kind.split('/').next_back() {
                    Some("worksheet" | "chartsheet" | "dialogsheet") => {}
                    _ => return None,
                }
                sheets.push((name, part));
            }
            // calamine reads a <definedName>'s text with its own loop; skip it the same way.
            Event::Start(e)
                if e.local_name().as_ref() == "definedName" && attribute(&e, "name")?.is_some() =>
            {
                let end = e.name().as_ref().to_string();
                let mut inner = Vec::new();
                loop {
                    inner.clear();
                    match xml.read_event_into(&mut inner).ok()? {
                        Event::End(x) if x.name().as_ref() == end => break,
                        Event::Eof => return None,
                        _ => {}
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == "workbook" => break,
            Event::Eof => return None,
            _ => {}
        }
    }
    Some(sheets)
}

/// Inflated at a time while looking for `<mergeCells`.
const CHUNK: usize = 1 << 16;
/// Kept from the previous chunk, so that a tag cut by the chunk's end is found in the next.
const OVERLAP: usize = 256;

/// The merged regions of a sheet's XML: none when it has no `<mergeCells>`.
fn merges_of_part<R: Read>(mut part: R) -> Option<Vec<Region>> {
    let mut window: Vec<u8> = Vec::with_capacity(CHUNK + OVERLAP);
    loop {
        let kept = window.len();
        window.resize(kept + CHUNK, 0);
        let mut filled = kept;
        while filled < window.len() {
            match part.read(&mut window[filled..]).ok()? {
                0 => break,
                n => filled += n,
            }
        }
        let at_end = filled < window.len();
        window.truncate(filled);
        if let Some(start) = merge_cells_tag(&window)? {
            let rest = std::io::Cursor::new(window.split_off(start)).chain(part);
            return read_merge_cells(std::io::BufReader::new(rest));
        }
        if at_end {
            return Some(Vec::new());
        }
        window.drain(..window.len().saturating_sub(OVERLAP));
    }
}

/// Where the first whole `<mergeCells` (or `<x:mergeCells`) tag starts in `bytes`: Some(None)
/// when there is none, None when a prefix reaches back past the start of `bytes` (cannot tell).
fn merge_cells_tag(bytes: &[u8]) -> Option<Option<usize>> {
    const NAME: &[u8] = b"mergeCells";
    for at in memchr::memmem::find_iter(bytes, NAME) {
        let Some(next) = bytes.get(at + NAME.len()) else {
            continue;
        };
        if !matches!(next, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') || at == 0 {
            continue;
        }
        match bytes[at - 1] {
            b'<' => return Some(Some(at - 1)),
            b':' => {
                // `<prefix:mergeCells`: the prefix is a name, then the tag's `<`.
                let before = &bytes[..at - 1];
                let prefix = before
                    .iter()
                    .rev()
                    .take_while(|b| !matches!(b, b'<' | b'>' | b' ' | b'\t' | b'\r' | b'\n'))
                    .count();
                let open = before.len().checked_sub(prefix + 1)?;
                if prefix > 0 && before[open] == b'<' {
                    return Some(Some(open));
                }
            }
            _ => {}
        }
    }
    Some(None)
}

/// calamine's `read_merge_cells`: each `<mergeCell ref>` up to `</mergeCells>`.
fn read_merge_cells<R: std::io::BufRead>(input: R) -> Option<Vec<Region>> {
    let mut xml = xml_reader(input);
    let mut buf = Vec::new();
    buf.clear();
    match xml.read_event_into(&mut buf).ok()? {
        Event::Start(e) if e.local_name().as_ref() == "mergeCells" => {}
        _ => return None,
    }
    let mut regions = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) if e.local_name().as_ref() == "mergeCell" => {
                if let Some(reference) = attribute(&e, "ref")? {
                    regions.push(dimension(&reference)?);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "mergeCells" => break,
            Event::Eof => return None,
            _ => {}
        }
    }
    Some(regions)
}

/// `A1:C3` → ((0, 0), (2, 2)), `B2` → ((1, 1), (1, 1)), as calamine's `get_dimension` reads
/// them; None where calamine errs or would compute a reversed or overflowing range.
fn dimension(reference: &str) -> Option<Region> {
    let mut parts = reference.split(':');
    let first = cell(parts.next()?)?;
    let last = match parts.next() {
        Some(part) => cell(part)?,
        None => first,
    };
    if parts.next().is_some() || last.0 < first.0 || last.1 < first.1 {
        return None;
    }
    Some((first, last))
}

/// `C3` → (2, 2): letters then digits, ASCII only.
fn cell(reference: &str) -> Option<(u32, u32)> {
    let bytes = reference.as_bytes();
    let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &bytes[letters..];
    if letters == 0 || digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut col: u32 = 0;
    for b in &bytes[..letters] {
        let value = u32::from(b.to_ascii_uppercase() - b'A') + 1;
        col = col.checked_mul(26)?.checked_add(value)?;
    }
    let mut row: u32 = 0;
    for b in digits {
        row = row.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

#[cfg(test)]
mod tests;
