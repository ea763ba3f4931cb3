//! An `.xls` workbook imports to the same form as the same workbook saved as `.xlsx`: the
//! number formats of its cells (percentages, fixed decimals) are honoured.

use crate::common::sample;

use std::io::{Read, Write};

use jixiao::read::{open, ImportOptions};

fn same_form(stem: &str) -> jixiao::Form {
    let xls = open(&sample(&format!("{stem}.xls")), &ImportOptions::default()).unwrap();
    let xlsx = open(&sample(&format!("{stem}.xlsx")), &ImportOptions::default()).unwrap();
    assert_eq!(xls.form, xlsx.form, "{stem}.xls and {stem}.xlsx differ");
    assert_eq!(xls.cells, xlsx.cells, "{stem}: provenance differs");
    xls.form
}

#[test]
fn variant_split_xls_reads_as_its_xlsx() {
    let form = same_form("variant-split");
    // The formatted figures themselves, not just agreement.
    let json = serde_json::to_value(&form).unwrap();
    assert_eq!(json["budget"]["special_funds"], "18650.80");
    assert_eq!(json["budget"]["other_funds"], "1500.00");
    let funds: Vec<&str> = json["key_tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["funds"].as_str())
        .collect();
    assert!(funds.contains(&"4350.50"), "{funds:?}");
    let annual: Vec<&str> = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["annual_value"]["text"].as_str())
        .collect();
    assert!(annual.contains(&"≥95%"), "{annual:?}");
    assert!(annual.contains(&"≥90%"), "{annual:?}");
    assert!(!annual.iter().any(|a| a.contains("0.95")), "{annual:?}");
}

#[test]
fn seed_legacy_xls_reads_as_its_xlsx() {
    same_form("seed-legacy");
}

/// Rewrites the file's Workbook stream so that its FORMAT records claim strings longer than
/// the records: calamine skips such a record, the format reader gives up.
fn with_broken_format_records(file: &[u8]) -> Vec<u8> {
    let mut source = cfb::CompoundFile::open(std::io::Cursor::new(file)).unwrap();
    let mut stream = Vec::new();
    source
        .open_stream("/Workbook")
        .unwrap()
        .read_to_end(&mut stream)
        .unwrap();
    let mut pos = 0;
    let mut broken = 0;
    while pos + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]));
        if kind == 0x041E && len >= 4 {
            stream[pos + 6..pos + 8].copy_from_slice(&0xFFFFu16.to_le_bytes());
            broken += 1;
        }
        if kind == 0x000A {
            break; // end of the globals
        }
        pos += 4 + len;
    }
    assert!(broken > 0, "the sample has FORMAT records");
    let mut out =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new()))
            .unwrap();
    out.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    out.flush().unwrap();
    out.into_inner().into_inner()
}

#[test]
fn unreadable_formats_fall_back_to_general() {
    let file = std::fs::read(sample("variant-split.xls")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken-formats.xls");
    std::fs::write(&path, with_broken_format_records(&file)).unwrap();
    let imported = open(&path, &ImportOptions::default()).unwrap();
    let json = serde_json::to_value(&imported.form).unwrap();
    // The import still succeeds; figures show as General.
    assert_eq!(json["budget"]["special_funds"], "18650.8");
}
