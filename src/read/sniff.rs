//! What a file is, judged by its bytes — never by its extension — and, for a zip container,
//! whether the parts the reader will inflate stay within the limits of their role.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use quick_xml::events::Event;

use super::limits::{
    MAX_OTHER_PART_BYTES, MAX_SHARED_STRINGS_BYTES, MAX_SHEET_PART_BYTES, MAX_TOTAL_BYTES,
    MAX_ZIP_ENTRIES,
};
use crate::error::{Error, Result};

/// What a file is, judged by its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Office Open XML (a zip with `xl/workbook.xml`).
    Xlsx,
    /// Excel binary workbook (a zip with `xl/workbook.bin`).
    Xlsb,
    /// Legacy Excel (an OLE compound file with a `Workbook` stream).
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// JSON (jixiao's own formats).
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
    named(path, what)
}

fn named(path: &Path, what: Option<String>) -> Error {
    match what {
        Some(what) => Error::unreadable(
            path,
            crate::t!("read.not_spreadsheet_named", what = what.trim()),
        ),
        None => Error::unreadable(path, crate::t!("read.not_spreadsheet")),
    }
}

pub(super) fn io_message(e: &std::io::Error) -> String {
    crate::i18n::io_message(e)
}

/// How a part of a zip container is read, which decides how large it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// Held in memory whole, at several times its size.
    SharedStrings,
    /// Read whole (styles, relationships, the workbook part, properties).
    Other,
    /// Streamed cell by cell.
    Sheet,
}

impl Role {
    fn limit(self) -> u64 {
        match self {
            Role::SharedStrings => MAX_SHARED_STRINGS_BYTES,
            Role::Other => MAX_OTHER_PART_BYTES,
            Role::Sheet => MAX_SHEET_PART_BYTES,
        }
    }
}

/// A part's name as the readers look it up: case-insensitive, `/` between folders.
fn normalized(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

/// A zip: an OOXML workbook, an OpenDocument spreadsheet, or something else. Also enforces
/// the size limits on the directory's declared sizes, by the role each part plays: the part
/// the workbook's relationships make the shared strings gets the shared-strings limit wherever
/// it lies, and parts nothing reads (pictures, printer settings, embedded files) count for
/// nothing.
fn zip_kind(path: &Path) -> Result<Kind> {
    let file = File::open(path).map_err(|e| Error::unreadable(path, io_message(&e)))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| Error::unreadable(path, crate::t!("read.zip_damaged", detail = e)))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(Error::unreadable(
            path,
            crate::t!(
                "limits.zip_entries",
                count = zip.len(),
                limit = MAX_ZIP_ENTRIES
            ),
        ));
    }
    let damaged = |e: zip::result::ZipError| {
        Error::unreadable(path, crate::t!("limits.zip_entry_damaged", detail = e))
    };
    let mut kind = None;
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(damaged)?;
        let name = entry.name().map(|n| n.to_string()).map_err(damaged)?;
        match name.as_str() {
            "xl/workbook.xml" => kind = Some(Kind::Xlsx),
            "xl/workbook.bin" => kind = Some(Kind::Xlsb),
            "content.xml" if kind.is_none() => kind = Some(Kind::Ods),
            _ => {}
        }
        names.push((name, entry.size()));
    }
    let Some(kind) = kind else {
        // Say what the zip is when it is another Office document.
        let has = |part: &str| names.iter().any(|(name, _)| name == part);
        let what = if has("word/document.xml") {
            Some(crate::t!("read.what_docx"))
        } else if has("ppt/presentation.xml") {
            Some(crate::t!("read.what_pptx"))
        } else {
            None
        };
        return Err(named(path, what));
    };
    let roles = part_roles(&mut zip, kind);
    let mut total = 0u64;
    for (name, size) in &names {
        let Some(role) = roles.get(&normalized(name)) else {
            continue;
        };
        let limit = role.limit();
        if *size > limit {
            return Err(Error::unreadable(
                path,
                crate::t!(
                    "limits.part_size",
                    name = name,
                    size = size >> 20,
                    limit = limit >> 20
                ),
            ));
        }
        total = total.saturating_add(*size);
    }
    if total > MAX_TOTAL_BYTES {
        return Err(Error::unreadable(
            path,
            crate::t!(
                "limits.total_size",
                size = total >> 20,
                limit = MAX_TOTAL_BYTES >> 20
            ),
        ));
    }
    if kind == Kind::Ods {
        let mut mimetype = String::new();
        if let Ok(mut entry) = zip.by_name("mimetype") {
            let _ = entry.by_ref().take(200).read_to_string(&mut mimetype);
        }
        if !mimetype.contains("spreadsheet") {
            return Err(named(path, Some(crate::t!("read.what_odt"))));
        }
    }
    Ok(kind)
}

/// The parts the reader of `kind` will inflate, by normalised name, with their role. Mirrors
/// how calamine finds them: the workbook part through the package relationships (xlsx), the
/// sheets through the workbook's relationships, the shared strings, styles and theme beside
/// the workbook part. A relationships part that cannot be read gives no sheets: the reader
/// fails on it too.
fn part_roles<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, kind: Kind) -> HashMap<String, Role> {
    let mut roles = HashMap::new();
    let mut give = |name: String, role: Role| {
        let entry = roles.entry(normalized(&name)).or_insert(role);
        // A part named for two roles is held to the stricter limit.
        *entry = (*entry).min(role);
    };
    match kind {
        Kind::Ods => {
            give("content.xml".into(), Role::Sheet);
            give("mimetype".into(), Role::Other);
        }
        Kind::Xlsx => {
            let (dir, workbook) = relationships(zip, "_rels/.rels")
                .into_iter()
                .find(|(kind, _)| kind.ends_with("/officeDocument"))
                .map(|(_, target)| {
                    let target = target.strip_prefix('/').unwrap_or(&target).to_string();
                    match target.rfind('/') {
                        Some(i) => (target[..=i].to_string(), target[i + 1..].to_string()),
                        None => (String::new(), target),
                    }
                })
                .unwrap_or_else(|| ("xl/".to_string(), "workbook.xml".to_string()));
            let workbook = if workbook.is_empty() {
                "workbook.xml".to_string()
            } else {
                workbook
            };
            let rels = format!("{dir}_rels/{workbook}.rels");
            for (kind, target) in relationships(zip, &rels) {
                if ["/worksheet", "/chartsheet", "/dialogsheet"]
                    .iter()
                    .any(|k| kind.ends_with(k))
                {
                    let part = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("{dir}{target}"),
                    };
                    give(part, Role::Sheet);
                }
            }
            give("_rels/.rels".into(), Role::Other);
            give(rels, Role::Other);
            give(format!("{dir}{workbook}"), Role::Other);
            give(format!("{dir}styles.xml"), Role::Other);
            give(format!("{dir}theme/theme1.xml"), Role::Other);
            give("docProps/custom.xml".into(), Role::Other);
            give(format!("{dir}sharedStrings.xml"), Role::SharedStrings);
        }
        Kind::Xlsb => {
            for (kind, target) in relationships(zip, "xl/_rels/workbook.bin.rels") {
                if kind.ends_with("/worksheet") || kind.ends_with("/chartsheet") {
                    give(format!("xl/{target}"), Role::Sheet);
                }
            }
            give("xl/_rels/workbook.bin.rels".into(), Role::Other);
            give("xl/workbook.bin".into(), Role::Other);
            give("xl/styles.bin".into(), Role::Other);
            give("xl/sharedStrings.bin".into(), Role::SharedStrings);
        }
        Kind::Xls | Kind::Json => {}
    }
    roles
}

/// `(Type, Target)` of every relationship in the part `name` (case-insensitive), read up to
/// 1 MiB; none when it is missing or damaged.
fn relationships<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Vec<(String, String)> {
    let wanted = normalized(name);
    let Some(index) = (0..zip.len()).find(|&i| {
        zip.name_for_index(i)
            .is_some_and(|n| n.is_ok_and(|n| normalized(&n) == wanted))
    }) else {
        return Vec::new();
    };
    let mut xml = Vec::new();
    if zip
        .by_index(index)
        .and_then(|entry| Ok(entry.take(1 << 20).read_to_end(&mut xml)?))
        .is_err()
    {
        return Vec::new();
    }
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut found = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let value = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
                        .map(|v| v.into_owned())
                };
                if let (Some(kind), Some(target)) = (value("Type"), value("Target")) {
                    found.push((kind, target));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    found
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
        return Err(named(path, Some(crate::t!("read.what_docx"))));
    }
    Ok(Kind::Xls)
}

pub(super) fn encrypted(path: &Path) -> Error {
    Error::unreadable(path, crate::t!("read.encrypted"))
}
