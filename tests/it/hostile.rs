//! Hostile workbooks: each is refused with an error that names the file and says what is wrong,
//! without spending its memory. Peak memory and time are measured outside the tests
//! (`bench/hostile_rss.sh`, recorded in BENCHMARKS.md); here only the refusals are asserted.
//!
//! Inputs are the committed `samples/bad/` files, or built here with the zip crate from an
//! xlsx our exporter wrote (which has a shared-strings part).

use crate::common::sample;

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use jixiao::model::{Form, Indicator};
use jixiao::read::{open, ImportOptions};
use jixiao::write::{export_xlsx, ExportOptions};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// The import error's text; panics if the import succeeded.
fn refusal(path: &Path) -> String {
    match open(path, &ImportOptions::default()) {
        Ok(imported) => panic!(
            "{} imported ({} indicators) instead of being refused",
            path.display(),
            imported.form.indicators.len()
        ),
        Err(e) => e.to_string(),
    }
}

fn assert_refused(path: &Path, words: &[&str]) -> String {
    let message = refusal(path);
    let name = path.file_name().and_then(|n| n.to_str()).expect("named");
    assert!(message.contains(name), "error names the file: {message}");
    for word in words {
        assert!(message.contains(word), "error says {word:?}: {message}");
    }
    message
}

/// A small form written by our exporter: a valid xlsx with `xl/sharedStrings.xml`.
fn base_xlsx() -> Vec<u8> {
    let form = Form {
        department: "测试局".to_string(),
        indicators: vec![Indicator {
            level1: "产出指标".to_string(),
            level2: "数量指标".to_string(),
            name: "车辆数".to_string(),
            ..Indicator::default()
        }],
        ..Form::default()
    };
    export_xlsx(&form, &ExportOptions::default()).expect("exports")
}

/// Writes the content of one part.
type PartWriter<'a> = &'a dyn Fn(&mut dyn Write);

/// `base` with the parts in `replace` put in place of (or beside) its own, deflated.
fn with_parts(base: &[u8], replace: &[(&str, PartWriter<'_>)]) -> Vec<u8> {
    let mut source = ZipArchive::new(Cursor::new(base)).expect("base is a zip");
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..source.len() {
        let entry = source.by_index_raw(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        if replace.iter().any(|(replaced, _)| *replaced == name) {
            continue;
        }
        out.raw_copy_file(entry).expect("copied");
    }
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, write) in replace {
        out.start_file(*name, options).expect("started");
        write(&mut out);
    }
    out.finish().expect("finished").into_inner()
}

fn part_names(bytes: &[u8]) -> Vec<String> {
    let zip = ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    zip.file_names()
        .map(|n| n.expect("entry name").to_string())
        .collect()
}

/// Writes `bytes` to `name` in `dir`; also to the directory `JIXIAO_KEEP_HOSTILE` when set, for
/// `bench/hostile_rss.sh` to measure.
fn temp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("written");
    if let Some(keep) = std::env::var_os("JIXIAO_KEEP_HOSTILE") {
        std::fs::write(Path::new(&keep).join(name), bytes).expect("kept");
    }
    path
}

/// Shared strings: `count` copies of `<si><t>TEXT</t></si>`, written in chunks.
fn shared_strings(text: &str, count: usize) -> impl Fn(&mut dyn Write) + '_ {
    move |w: &mut dyn Write| {
        w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
            .expect("write");
        let item = format!("<si><t>{text}</t></si>");
        let chunk = item.repeat(4096);
        let mut left = count;
        while left >= 4096 {
            w.write_all(chunk.as_bytes()).expect("write");
            left -= 4096;
        }
        w.write_all(item.repeat(left).as_bytes()).expect("write");
        w.write_all(b"</sst>").expect("write");
    }
}

#[test]
fn the_base_workbook_has_shared_strings_and_imports() {
    let base = base_xlsx();
    assert!(part_names(&base).contains(&"xl/sharedStrings.xml".to_string()));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = temp_file(&dir, "base.xlsx", &base);
    let form = open(&path, &ImportOptions::default())
        .expect("imports")
        .form;
    assert_eq!(form.department, "测试局");
}

#[test]
fn a_sheet_inflating_past_1_gib_is_refused_by_its_declared_size() {
    let message = assert_refused(&sample("bad/zip-bomb.xlsx"), &["inflates", "refused"]);
    assert!(message.contains("xl/worksheets/sheet1.xml"), "{message}");
}

#[test]
fn a_cell_at_xfd1048576_is_refused() {
    assert_refused(
        &sample("bad/huge-dimension.xlsx"),
        &["XFD1048576", "refused"],
    );
}

#[test]
fn an_encrypted_workbook_is_refused_with_what_to_do() {
    assert_refused(&sample("bad/encrypted.xlsx"), &["password", "try again"]);
}

#[test]
fn a_shared_strings_part_of_300_mib_is_refused_by_its_declared_size() {
    // 300 MiB of `<si><t>绩效目标申报内容</t></si>` (40 bytes each).
    let strings = shared_strings("绩效目标申报内容", (300 << 20) / 40);
    let bytes = with_parts(&base_xlsx(), &[("xl/sharedStrings.xml", &strings)]);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = temp_file(&dir, "big-strings.xlsx", &bytes);
    let message = assert_refused(&path, &["xl/sharedStrings.xml", "inflates", "refused"]);
    assert!(message.contains("300 MiB"), "{message}");
}

#[test]
fn a_shared_strings_part_under_the_sheet_limit_is_still_refused() {
    // 100 MiB: below the 256 MiB a streamed sheet may have, above what the reader would hold in
    // memory for shared strings.
    let strings = shared_strings("x", (100 << 20) / 17);
    let bytes = with_parts(&base_xlsx(), &[("xl/sharedStrings.xml", &strings)]);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = temp_file(&dir, "strings-100.xlsx", &bytes);
    let message = assert_refused(&path, &["xl/sharedStrings.xml", "limit 64 MiB"]);
    assert!(message.contains("inflates to 100 MiB"), "{message}");
}

/// Sets the declared uncompressed size of the entry `name`, in its local header and in the
/// central directory, leaving its data alone: a zip that lies about how far a part inflates.
fn declare_size(bytes: &mut [u8], name: &str, size: u32) {
    let mut patched = 0;
    let mut i = 0;
    while i + 46 <= bytes.len() {
        let (signature, size_at, name_len_at, name_at) = match &bytes[i..i + 4] {
            b"PK\x03\x04" => ("local", 22, 26, 30),
            b"PK\x01\x02" => ("central", 24, 28, 46),
            _ => {
                i += 1;
                continue;
            }
        };
        let name_len = u16::from_le_bytes([bytes[i + name_len_at], bytes[i + name_len_at + 1]]);
        let entry_name = &bytes[i + name_at..i + name_at + name_len as usize];
        if entry_name == name.as_bytes() {
            bytes[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
        let _ = signature;
        i += 4;
    }
    assert_eq!(
        patched, 2,
        "local header and directory entry of {name} patched"
    );
}

#[test]
fn a_part_that_inflates_past_its_declared_size_stops_there() {
    // 48 MiB of shared strings (under every limit) that declare 4 KiB: the zip reader must stop
    // at the declared size rather than inflate (and hold) all of it.
    let strings = shared_strings("绩效目标申报内容", (48 << 20) / 40);
    let mut bytes = with_parts(&base_xlsx(), &[("xl/sharedStrings.xml", &strings)]);
    declare_size(&mut bytes, "xl/sharedStrings.xml", 4096);
    // The patched archive still lists the part at 4 KiB…
    let mut zip = ZipArchive::new(Cursor::new(&bytes)).expect("a zip");
    assert_eq!(
        zip.by_name("xl/sharedStrings.xml").expect("part").size(),
        4096
    );
    // …and reading it directly stops with an error after at most that much.
    let mut part = zip.by_name("xl/sharedStrings.xml").expect("part");
    let mut read = Vec::new();
    let err = part
        .by_ref()
        .take(64 << 20)
        .read_to_end(&mut read)
        .expect_err("inflating past the declared size fails");
    assert!(read.len() <= 4096 + 64 * 1024, "read {} bytes", read.len());
    assert!(err.to_string().contains("declared"), "{err}");
    drop(part);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = temp_file(&dir, "lying.xlsx", &bytes);
    assert_refused(&path, &["cannot be read", "declared"]);
}

#[test]
fn one_long_shared_string_referenced_by_many_cells_is_refused() {
    // A 64 KiB string, and 4,000 cells pointing at it: 250 MiB of text from a file of a few KB.
    let long = "长".repeat(64 * 1024 / 3);
    let strings = shared_strings(&long, 1);
    let sheet = |w: &mut dyn Write| {
        w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
            .expect("write");
        for row in 1..=400 {
            write!(w, "<row r=\"{row}\">").expect("write");
            for col in b'A'..=b'J' {
                write!(w, "<c r=\"{}{row}\" t=\"s\"><v>0</v></c>", col as char).expect("write");
            }
            w.write_all(b"</row>").expect("write");
        }
        w.write_all(b"</sheetData></worksheet>").expect("write");
    };
    let bytes = with_parts(
        &base_xlsx(),
        &[
            ("xl/sharedStrings.xml", &strings),
            ("xl/worksheets/sheet1.xml", &sheet),
        ],
    );
    assert!(bytes.len() < 200_000, "{} bytes on disk", bytes.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = temp_file(&dir, "amplified.xlsx", &bytes);
    assert_refused(&path, &["64 MiB of cell text", "refused"]);
}

#[test]
fn a_zip_with_20000_entries_is_refused() {
    let base = base_xlsx();
    let mut source = ZipArchive::new(Cursor::new(&base)).expect("base is a zip");
    let base_parts = source.len();
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..base_parts {
        out.raw_copy_file(source.by_index_raw(i).expect("entry"))
            .expect("copied");
    }
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..20_000 {
        out.start_file(format!("customXml/item{i}.xml"), options)
            .expect("started");
        out.write_all(b"<a/>").expect("written");
    }
    let bytes = out.finish().expect("finished").into_inner();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = temp_file(&dir, "many-entries.xlsx", &bytes);
    let message = assert_refused(&path, &["parts", "refused"]);
    let parts = format!("has {} parts", base_parts + 20_000);
    assert!(message.contains(&parts), "{message}");
}

#[test]
fn an_ods_cell_of_long_text_repeated_over_a_million_cells_is_refused() {
    // 100 KB of text, repeated over 1,000 × 1,000 cells by ODS's own repeat attributes: a few
    // hundred bytes compressed, 100 GB if every repeat were materialised.
    let text = "长".repeat(100_000 / 3);
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="表1"><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>{text}</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).expect("mimetype");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    zip.start_file("content.xml", deflated).expect("content");
    zip.write_all(content.as_bytes()).expect("write");
    let bytes = zip.finish().expect("zip").into_inner();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "repeated.ods", &bytes);
    assert_refused(&path, &["MiB of cell text"]);
}

/// One BIFF12 record: its type and length as the variable-length integers of MS-XLSB 2.1.4.
fn record(kind: u16, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut t = kind;
    loop {
        let byte = (t & 0x7F) as u8;
        t >>= 7;
        if t == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    let mut len = body.len();
    loop {
        let byte = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    out.extend_from_slice(body);
    out
}

fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    out
}

/// A minimal .xlsb whose one sheet has a text cell at each of `cells` ((row, col), text).
fn xlsb(cells: &[((u32, u32), &str)]) -> Vec<u8> {
    let mut workbook = Vec::new();
    let mut sheet_entry = 0u32.to_le_bytes().to_vec(); // visible
    sheet_entry.extend(1u32.to_le_bytes()); // tab id
    sheet_entry.extend(wide("rId1"));
    sheet_entry.extend(wide("表1"));
    workbook.extend(record(0x009C, &sheet_entry)); // BrtBundleSh
    workbook.extend(record(0x0090, &[])); // BrtEndBundleShs
    workbook.extend(record(0x009D, &[0; 8])); // BrtCalcProp: after the names
    let mut sheet = Vec::new();
    sheet.extend(record(0x0081, &[])); // BrtBeginSheet
    let (last_row, last_col) = cells
        .iter()
        .fold((0, 0), |(r, c), ((row, col), _)| (r.max(*row), c.max(*col)));
    let mut dimension = 0u32.to_le_bytes().to_vec();
    dimension.extend(last_row.to_le_bytes());
    dimension.extend(0u32.to_le_bytes());
    dimension.extend(last_col.to_le_bytes());
    sheet.extend(record(0x0094, &dimension)); // BrtWsDim
    sheet.extend(record(0x0091, &[])); // BrtBeginSheetData
    for ((row, col), text) in cells {
        let mut header = row.to_le_bytes().to_vec();
        header.extend([0u8; 13]);
        sheet.extend(record(0x0000, &header)); // BrtRowHdr
        let mut cell = col.to_le_bytes().to_vec();
        cell.extend(0u32.to_le_bytes()); // style 0
        cell.extend(wide(text));
        sheet.extend(record(0x0006, &cell)); // BrtCellSt
    }
    sheet.extend(record(0x0092, &[])); // BrtEndSheetData
    sheet.extend(record(0x0082, &[])); // BrtEndSheet
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#;
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in [
        ("xl/workbook.bin", workbook.as_slice()),
        ("xl/_rels/workbook.bin.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.bin", sheet.as_slice()),
    ] {
        zip.start_file(name, options).expect("started");
        zip.write_all(bytes).expect("written");
    }
    zip.finish().expect("finished").into_inner()
}

#[test]
fn the_hand_made_xlsb_is_read() {
    // The builder above makes a workbook calamine reads: the refusal below is the limit's.
    let bytes = xlsb(&[((0, 0), "部门整体预算绩效目标申报表"), ((3, 2), "x")]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "small.xlsb", &bytes);
    let message = refusal(&path);
    assert!(
        message.contains("holds no"),
        "read, and found not the form: {message}"
    );
}

#[test]
fn an_xlsb_with_two_far_apart_cells_is_refused_before_allocating() {
    // Once a 512 GiB allocation that aborted the process (and the whole batch).
    let bytes = xlsb(&[((0, 0), "a"), ((1_048_575, 16_383), "b")]);
    assert!(bytes.len() < 6_000, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "far-cells.xlsb", &bytes);
    assert_refused(&path, &["A1:XFD1048576", "refused"]);
}

#[test]
fn an_xlsb_whose_cells_span_a_large_area_is_refused() {
    // Once 3 GiB before being refused: 1,000,000 rows by 30 columns.
    let bytes = xlsb(&[((0, 0), "a"), ((999_999, 29), "b")]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "wide-cells.xlsb", &bytes);
    assert_refused(&path, &["A1:AD1000000", "refused"]);
}

/// The exporter's sheet with `extra` more `<mergeCell>` elements.
fn with_merges(extra: &dyn Fn(&mut String)) -> Vec<u8> {
    let base = base_xlsx();
    let mut zip = ZipArchive::new(Cursor::new(&base)).expect("zip");
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("sheet")
        .read_to_string(&mut sheet)
        .expect("read");
    let at = sheet
        .find("</mergeCells>")
        .expect("the exporter merges cells");
    let mut merges = String::new();
    extra(&mut merges);
    sheet.insert_str(at, &merges);
    let write = move |w: &mut dyn Write| w.write_all(sheet.as_bytes()).expect("write");
    with_parts(&base, &[("xl/worksheets/sheet1.xml", &write)])
}

#[test]
fn overlapping_merges_are_refused_quickly_with_the_cell_named() {
    // 100,000 merges over the same cells: each once cost its whole area (10,000 of them
    // took 52 s); the second is refused at the first cell it shares.
    let bytes = with_merges(&|s: &mut String| {
        for i in 0..100_000u32 {
            s.push_str(&format!(
                "<mergeCell ref=\"E{}:F{}\"/>",
                2 + i % 7,
                12 + i % 11
            ));
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "overlapping-merges.xlsx", &bytes);
    let message = assert_refused(&path, &["merged regions", "overlap at", "refused"]);
    let cell = message.rsplit("overlap at ").next().unwrap_or("");
    assert!(
        cell.starts_with(|c: char| c.is_ascii_uppercase()),
        "the cell is named: {message}"
    );
}

#[test]
fn many_merges_outside_the_used_area_cost_nothing() {
    // A form-sized sheet with 100,000 merges below its last cell: clipped away, the form reads.
    let bytes = with_merges(&|s: &mut String| {
        for i in 0..100_000u32 {
            s.push_str(&format!(
                "<mergeCell ref=\"A{}:C{}\"/>",
                1000 + 2 * i,
                1001 + 2 * i
            ));
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "far-merges.xlsx", &bytes);
    let form = open(&path, &ImportOptions::default())
        .expect("imports")
        .form;
    assert_eq!(form.department, "测试局");
}

/// An .ods whose content.xml body (inside `<table:table>`) is written by `body`.
fn ods(body: &dyn Fn(&mut dyn Write)) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    zip.start_file("mimetype", stored).expect("mimetype");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    zip.start_file("content.xml", deflated).expect("content");
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S1">"#)
        .expect("write");
    body(&mut zip);
    zip.write_all(b"</table:table></office:spreadsheet></office:body></office:document-content>")
        .expect("write");
    zip.finish().expect("zip").into_inner()
}

#[test]
fn ods_space_runs_count_against_the_text_budget_as_they_are_produced() {
    // 100,000 × `<text:s text:c="1000"/>` in one cell: 100 MB of spaces from a small file
    // (once 958 MiB at peak for a 90 KB file, as blank text was never counted).
    let bytes = ods(&|w: &mut dyn Write| {
        w.write_all(b"<table:table-row><table:table-cell office:value-type=\"string\"><text:p>x")
            .expect("write");
        let run = "<text:s text:c=\"1000\"/>".repeat(1000);
        for _ in 0..100 {
            w.write_all(run.as_bytes()).expect("write");
        }
        w.write_all(b"</text:p></table:table-cell></table:table-row>")
            .expect("write");
    });
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "space-runs.ods", &bytes);
    assert_refused(&path, &["MiB of cell text", "refused"]);
}

#[test]
fn ods_overlapping_spans_are_refused_quickly() {
    // 20,000 rows, each with a cell spanning a million rows down and 1,000 columns across:
    // every span covers all the ones below it (once O(spans × area)).
    let bytes = ods(&|w: &mut dyn Write| {
        let row = "<table:table-row><table:table-cell table:number-rows-spanned=\"1000000\" table:number-columns-spanned=\"1000\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>";
        for _ in 0..20_000 {
            w.write_all(row.as_bytes()).expect("write");
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "overlapping-spans.ods", &bytes);
    assert_refused(&path, &["overlap at A2", "refused"]);
}

#[test]
fn shared_strings_at_an_odd_path_keep_the_shared_strings_limit() {
    // The package relationships put the workbook part in xl/worksheets/, so the reader takes
    // xl/worksheets/sharedStrings.xml for the shared strings: once judged by its path (a
    // sheet's 256 MiB), now by its role (64 MiB).
    let base = base_xlsx();
    let mut source = ZipArchive::new(Cursor::new(&base)).expect("zip");
    let mut read = |name: &str| {
        let mut text = String::new();
        source
            .by_name(name)
            .expect("part")
            .read_to_string(&mut text)
            .expect("read");
        text
    };
    let package_rels = read("_rels/.rels").replace("xl/workbook.xml", "xl/worksheets/workbook.xml");
    let workbook = read("xl/workbook.xml");
    let workbook_rels = read("xl/_rels/workbook.xml.rels").replace("worksheets/", "");
    let strings = shared_strings("x", (100 << 20) / 17);
    let write =
        |text: String| move |w: &mut dyn Write| w.write_all(text.as_bytes()).expect("write");
    let (a, b, c) = (
        write(package_rels),
        write(workbook.clone()),
        write(workbook_rels),
    );
    let bytes = with_parts(
        &base,
        &[
            ("_rels/.rels", &a),
            ("xl/worksheets/workbook.xml", &b),
            ("xl/worksheets/_rels/workbook.xml.rels", &c),
            ("xl/worksheets/sharedStrings.xml", &strings),
        ],
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "odd-strings.xlsx", &bytes);
    assert_refused(
        &path,
        &["xl/worksheets/sharedStrings.xml", "limit 64 MiB", "refused"],
    );
}

#[test]
fn a_large_picture_is_never_read_and_does_not_count() {
    // 20 MiB of picture: over the 16 MiB a part that is read may have, but nothing reads it.
    let picture = |w: &mut dyn Write| {
        let chunk = vec![0x89u8; 1 << 20];
        for _ in 0..20 {
            w.write_all(&chunk).expect("write");
        }
    };
    let bytes = with_parts(&base_xlsx(), &[("xl/media/image1.png", &picture)]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "big-picture.xlsx", &bytes);
    let form = open(&path, &ImportOptions::default())
        .expect("imports")
        .form;
    assert_eq!(form.department, "测试局");
}

#[test]
fn a_json_input_past_the_cap_is_refused_without_being_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.json");
    let file = std::fs::File::create(&path).expect("create");
    // 40 MiB, sparse: nothing to parse, and a cap that reads only the first 32 MiB + 1.
    file.set_len(40 << 20).expect("sized");
    drop(file);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .and_then(|mut f| f.write_all(b"{\"format\":"))
        .expect("head");
    assert_refused(&path, &["larger than 32 MiB", "refused"]);
}

#[test]
fn a_json_input_of_a_million_tiny_values_is_refused_before_parsing() {
    // 3 bytes per value, each of which would become a struct or a list element: memory the
    // byte cap does not bound.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = String::from("{\"format\":\"jixiao/form@1\",\"overall_goals\":[");
    text.push_str(&"\"\",".repeat(1_100_000));
    text.push_str("\"\"]}");
    let path = temp_file(&dir, "many-values.json", text.as_bytes());
    assert_refused(&path, &["values", "refused"]);
}

/// The exported base form with 基本支出 = 14737.75, its number cell's stored `<v>` replaced by
/// `stored` (as another program could write it).
fn with_basic_expenditure_stored_as(stored: &str) -> Vec<u8> {
    let mut form = Form {
        department: "测试局".to_string(),
        indicators: vec![Indicator {
            level1: "产出指标".to_string(),
            level2: "数量指标".to_string(),
            name: "车辆数".to_string(),
            ..Indicator::default()
        }],
        ..Form::default()
    };
    form.budget.basic_expenditure = Some("14737.75".parse().expect("decimal"));
    let base = export_xlsx(&form, &ExportOptions::default()).expect("exports");
    let mut zip = ZipArchive::new(Cursor::new(&base)).expect("zip");
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("sheet")
        .read_to_string(&mut sheet)
        .expect("read");
    assert_eq!(sheet.matches("<v>14737.75</v>").count(), 1, "one such cell");
    let sheet = sheet.replace("<v>14737.75</v>", &format!("<v>{stored}</v>"));
    let write = move |w: &mut dyn Write| w.write_all(sheet.as_bytes()).expect("write");
    with_parts(&base, &[("xl/worksheets/sheet1.xml", &write)])
}

#[test]
fn a_number_a_decimal_cannot_hold_exactly_is_refused_with_its_cell_not_rounded() {
    // 1e-30 has 30 decimal places; a Decimal holds 28: once silently 0.
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, stored) in [("tiny.xlsx", "1E-30"), ("huge.xlsx", "1E+30")] {
        let path = temp_file(&dir, name, &with_basic_expenditure_stored_as(stored));
        assert_refused(&path, &["基本支出", "!D6"]);
    }
}

#[test]
fn an_ordinary_stored_number_still_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(
        &dir,
        "ordinary.xlsx",
        &with_basic_expenditure_stored_as("0.5"),
    );
    let form = open(&path, &ImportOptions::default())
        .expect("imports")
        .form;
    assert_eq!(
        form.budget.basic_expenditure,
        Some("0.5".parse().expect("decimal"))
    );
}

#[test]
fn a_stored_number_past_15_digits_is_read_as_shown_with_a_warning_naming_the_cell() {
    // A spreadsheet keeps and shows 15 significant digits; another program may store 16 or 17,
    // which the money format's two decimals would show. Once read as 12345678901234.60 without
    // a word.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(
        &dir,
        "sixteen-digits.xlsx",
        &with_basic_expenditure_stored_as("12345678901234.56"),
    );
    let imported = open(&path, &ImportOptions::default()).expect("imports");
    assert_eq!(
        imported.form.budget.basic_expenditure,
        Some("12345678901234.6".parse().expect("decimal")),
        "read as the spreadsheet shows it"
    );
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    let warning = &imported.warnings[0];
    for word in ["!D6", "12345678901234.56", "12,345,678,901,234.60", "15"] {
        assert!(warning.contains(word), "warning says {word:?}: {warning}");
    }

    // `check` says so on stderr, with the file's name.
    let out = crate::common::jixiao(&[std::ffi::OsStr::new("check"), path.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sixteen-digits.xlsx") && stderr.contains("!D6: the stored number"),
        "{stderr}"
    );
}

#[test]
fn digits_the_format_hides_or_float_noise_read_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, stored, read) in [
        // What Excel stores for a sum of short decimals: one double away from 14737.75.
        ("float-noise.xlsx", "14737.749999999998", "14737.75"),
        // 17 digits, but the cell's two decimals show 1234567890123.46 either way.
        (
            "hidden-digits.xlsx",
            "1234567890123.4567",
            "1234567890123.46",
        ),
    ] {
        let path = temp_file(&dir, name, &with_basic_expenditure_stored_as(stored));
        let imported = open(&path, &ImportOptions::default()).expect("imports");
        assert_eq!(
            imported.form.budget.basic_expenditure,
            Some(read.parse().expect("decimal")),
            "{name}"
        );
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:?}",
            imported.warnings
        );
    }
}

#[test]
fn an_ods_number_past_15_digits_warns_too_for_indicator_values() {
    // office:value holds the double's text, as an xlsx's <v> does.
    let text = |t: &str| {
        format!("<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>")
    };
    let number = |v: &str, shown: &str| {
        format!("<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{shown}</text:p></table:table-cell>")
    };
    let rows = [
        text("部门名称") + &text("测试局"),
        text("部门职责") + &text("职责"),
        text("预算整体情况"),
        text("基本支出") + &number("8827620.529999999", "8827620.53"),
        text("项目支出") + &number("1234567890123456", "1234567890123460"),
        text("总体绩效目标") + &text("目标"),
        text("绩效指标"),
        text("一级指标") + &text("二级指标") + &text("三级指标") + &text("年度指标值"),
        text("产出指标")
            + &text("数量指标")
            + &text("车辆数")
            + &number("0.1234567890123456", "0.123456789012346"),
    ];
    let bytes = ods(&|w: &mut dyn Write| {
        for row in &rows {
            write!(w, "<table:table-row>{row}</table:table-row>").expect("write");
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let path = temp_file(&dir, "sixteen-digits.ods", &bytes);
    let imported = open(&path, &ImportOptions::default()).expect("imports");
    let budget = &imported.form.budget;
    assert_eq!(
        budget.basic_expenditure,
        Some("8827620.53".parse().expect("decimal")),
        "noise is not warned about"
    );
    assert_eq!(
        budget.project_expenditure,
        Some("1234567890123460".parse().expect("decimal"))
    );
    assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
    for (warning, cell, stored) in [
        (&imported.warnings[0], "S1!B5", "1234567890123456"),
        (&imported.warnings[1], "S1!D9", "0.1234567890123456"),
    ] {
        assert!(
            warning.starts_with(cell) && warning.contains(stored),
            "{warning}"
        );
    }
}
