//! The merges read here are calamine's, on every workbook the project holds.

use std::io::Read;

use calamine::Reader;

use super::*;

/// Every .xlsx under `dir`, sorted.
fn workbooks(dir: &str) -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut found: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .collect();
    found.sort();
    found
}

#[test]
fn merges_are_calamines_on_every_sample_and_real_form() {
    let mut sheets_compared = 0;
    let mut merges_compared = 0;
    for dir in ["samples", "samples/bad", "tests/data/realworld"] {
        for path in workbooks(dir) {
            // Its sheet inflates to 1 GiB: the importer refuses it before any sheet is read.
            if path.ends_with("zip-bomb.xlsx") {
                continue;
            }
            let Ok(mut calamine) = calamine::open_workbook::<calamine::Xlsx<_>, _>(&path) else {
                continue;
            };
            let names = calamine.sheet_names();
            let parts = SheetParts::open(&path, &names);
            if dir != "samples/bad" {
                assert!(parts.is_some(), "{}: sheet parts not found", path.display());
            }
            let Some(mut parts) = parts else { continue };
            for name in &names {
                // A sheet whose cells calamine cannot read is refused before its merges are read.
                let cells_read = calamine.worksheet_cells_reader(name).and_then(|mut cells| {
                    while cells.next_cell()?.is_some() {}
                    Ok(())
                });
                if cells_read.is_err() {
                    assert_eq!(dir, "samples/bad", "{}", path.display());
                    continue;
                }
                let ours = parts.merges(name);
                let theirs: Option<Vec<Region>> = calamine
                    .merge_cells_by_sheet_name(name)
                    .ok()
                    .map(|d| d.into_iter().map(|r| (r.start, r.end)).collect());
                if dir == "samples/bad" && ours.is_none() {
                    continue; // calamine is asked then: nothing to compare
                }
                assert!(ours.is_some(), "{} {name}: not read", path.display());
                assert_eq!(ours, theirs, "{} {name}", path.display());
                sheets_compared += 1;
                merges_compared += theirs.map_or(0, |t| t.len());
            }
        }
    }
    assert!(
        sheets_compared >= 10 && merges_compared > 100,
        "{sheets_compared} sheets"
    );
}

/// A reader that hands out at most `step` bytes a call, as an inflating zip entry may.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.bytes.len().min(self.step).min(buf.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// The tag is found wherever the chunks cut it, prefixed or not, and an empty or missing
/// element is no merges.
#[test]
fn merge_cells_are_found_wherever_a_chunk_ends() {
    let element = |prefix: &str| {
        format!(
            "<{prefix}mergeCells count=\"2\"><{prefix}mergeCell ref=\"A1:B2\"/>\
             <{prefix}mergeCell ref=\"C3\"/></{prefix}mergeCells>"
        )
    };
    for prefix in ["", "x:"] {
        for filler in [
            0,
            1,
            100,
            CHUNK - 300,
            CHUNK - 12,
            CHUNK - 5,
            CHUNK - 1,
            CHUNK,
            3 * CHUNK + 7,
        ] {
            let xml = format!(
                "<worksheet><sheetData>{}</sheetData>{}<pageMargins/></worksheet>",
                "<row/>".repeat(filler / 6),
                element(prefix)
            );
            for step in [1 << 20, 4096, 7] {
                let found = merges_of_part(Trickle {
                    bytes: xml.as_bytes(),
                    step,
                });
                assert_eq!(
                    found,
                    Some(vec![((0, 0), (1, 1)), ((2, 2), (2, 2))]),
                    "prefix {prefix:?}, filler {filler}, step {step}"
                );
            }
        }
    }
    let none = "<worksheet><sheetData><c><is><t>mergeCells &lt;mergeCells</t></is></c></sheetData></worksheet>";
    assert_eq!(merges_of_part(none.as_bytes()), Some(Vec::new()));
    let empty = "<worksheet><sheetData/><mergeCells count=\"0\"/></worksheet>";
    assert_eq!(merges_of_part(empty.as_bytes()), Some(Vec::new()));
    let unfinished = "<worksheet><sheetData/><mergeCells><mergeCell ref=\"A1:B2\"/>";
    assert_eq!(merges_of_part(unfinished.as_bytes()), None);
}

/// References as calamine reads them, and None (ask calamine) where it errs or would compute
/// a reversed range.
#[test]
fn references_read_as_calamine_reads_them() {
    assert_eq!(dimension("A1"), Some(((0, 0), (0, 0))));
    assert_eq!(dimension("b2:AA10"), Some(((1, 1), (9, 26))));
    assert_eq!(
        dimension("XFD1048576"),
        Some(((1_048_575, 16_383), (1_048_575, 16_383)))
    );
    for bad in [
        "",
        "A",
        "1",
        "A0",
        "$A$1",
        "A1:B2:C3",
        "B2:A1",
        "A1:",
        "1A",
        "A1B",
        "ZZZZZZZZZZ1",
        "A99999999999",
    ] {
        assert_eq!(dimension(bad), None, "{bad:?}");
    }
}
