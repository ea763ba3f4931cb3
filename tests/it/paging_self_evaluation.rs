//! The self-evaluation prints like the target forms: our own page breaks (`<rowBreaks>`) at
//! section, 一级 or 二级 boundaries, each page no taller than landscape A4's body, no merge
//! crossing a break, and every page that starts inside the indicator table names its 一级 and
//! 二级 (and the 绩效指标 label) in its first row. Read from the sheet XML and the cells.

use calamine::{Data, Reader};
use jixiao::layout::PAGE_BODY_LANDSCAPE_POINTS;
use jixiao::model::{Document, SelfEvaluation};
use jixiao::write::self_evaluation_layout::SHEET_NAME;
use jixiao::write::{document_xlsx, ExportOptions, OutputLayout};

use crate::export_support::{merges, open, zip_part};

/// The 0-based rows that start a page (`<brk id="N">` breaks after 1-based row N).
fn row_breaks(sheet: &str) -> Vec<u32> {
    let Some(start) = sheet.find("<rowBreaks") else {
        return Vec::new();
    };
    let end = sheet[start..].find("</rowBreaks>").expect("closed") + start;
    sheet[start..end]
        .split("<brk id=\"")
        .skip(1)
        .map(|b| b[..b.find('"').expect("quote")].parse().expect("row"))
        .collect()
}

/// Height of each 0-based row, points, from `<row r="N" ht="H">`.
fn row_heights(sheet: &str) -> Vec<f64> {
    let mut heights = Vec::new();
    for element in sheet.split("<row ").skip(1) {
        let element = &element[..element.find('>').expect("row")];
        let attr = |name: &str| -> Option<&str> {
            let key = format!("{name}=\"");
            let start = element.find(&key)? + key.len();
            Some(&element[start..start + element[start..].find('"')?])
        };
        let row: usize = attr("r").expect("r").parse().expect("row number");
        let height: f64 = attr("ht")
            .expect("every row has its height")
            .parse()
            .expect("ht");
        heights.resize(row, 15.0);
        heights[row - 1] = height;
    }
    heights
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

fn anhui() -> SelfEvaluation {
    let document = jixiao::read::open_documents(
        &crate::common::root()
            .join("tests/data/realworld/05_anhui_tianchang_shuili_2022_selfeval.xlsx"),
        &jixiao::read::ImportOptions::default(),
    )
    .expect("the Anhui self-evaluation")
    .remove(0)
    .document;
    match document {
        Document::SelfEvaluation(e) => e,
        other => panic!("not a self-evaluation: {other:?}"),
    }
}

/// Checks the printed pages of `bytes`; returns its breaks.
fn check_pages(what: &str, bytes: &[u8]) -> Vec<u32> {
    let sheet = zip_part(bytes, "xl/worksheets/sheet1.xml");
    let breaks = row_breaks(&sheet);
    let heights = row_heights(&sheet);
    let range = open(bytes).worksheet_range(SHEET_NAME).expect("sheet");
    let header = (0..heights.len() as u32)
        .find(|&r| text(&range, r, 1) == "一级指标")
        .expect("the indicator header");
    let total = (header..heights.len() as u32)
        .find(|&r| text(&range, r, 0) == "总分")
        .expect("the 总分 row");
    // Each page fits the body; pages after the header's lose its height (it repeats).
    let mut first = 0usize;
    for end in breaks.iter().map(|&b| b as usize).chain([heights.len()]) {
        let repeated = if first > header as usize {
            heights[header as usize]
        } else {
            0.0
        };
        let used: f64 = heights[first..end].iter().sum::<f64>() + repeated;
        assert!(
            used <= PAGE_BODY_LANDSCAPE_POINTS,
            "{what}: rows {}–{end} take {used:.0} pt on a page of {PAGE_BODY_LANDSCAPE_POINTS} pt",
            first + 1
        );
        first = end;
    }
    let all_merges = merges(bytes, SHEET_NAME);
    let row_of = |a1: &str| -> u32 {
        a1.trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u32>()
            .expect("row")
            - 1
    };
    for &b in &breaks {
        for m in &all_merges {
            let (top, bottom) = m.split_once(':').unwrap_or((m, m));
            assert!(
                !(row_of(top) < b && b <= row_of(bottom)),
                "{what}: merge {m} crosses the page starting at row {}",
                b + 1
            );
        }
        if header < b && b < total {
            for (col, name) in [(0, "绩效指标"), (1, "一级"), (2, "二级")] {
                assert!(
                    !text(&range, b, col).is_empty(),
                    "{what}: the page starting at row {} has no {name} text",
                    b + 1
                );
            }
        }
    }
    breaks
}

#[test]
fn the_anhui_self_evaluation_breaks_at_boundaries_and_names_its_levels_on_every_page() {
    let evaluation = anhui();
    let bytes = document_xlsx(
        &Document::SelfEvaluation(evaluation.clone()),
        OutputLayout::Canonical,
        &ExportOptions::default(),
    )
    .expect("export");
    let breaks = check_pages("Anhui", &bytes);
    assert!(
        !breaks.is_empty(),
        "the Anhui form needs more than one page"
    );
    // Reading it back gives the same form: the split merges read as one 一级/二级 run.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("anhui.xlsx");
    std::fs::write(&path, &bytes).expect("write");
    let back = jixiao::read::open_documents(&path, &jixiao::read::ImportOptions::default())
        .expect("import")
        .remove(0)
        .document;
    assert_eq!(back, Document::SelfEvaluation(evaluation));
}

#[test]
fn a_long_level2_block_is_split_with_both_names_repeated() {
    let mut evaluation = anhui();
    let template = evaluation.indicators[0].clone();
    evaluation.indicators = (0..60)
        .map(|i| {
            let mut row = template.clone();
            row.level1 = "产出指标".to_string();
            row.level2 = "数量指标".to_string();
            row.name = format!("第{i}项指标");
            row
        })
        .collect();
    let bytes = document_xlsx(
        &Document::SelfEvaluation(evaluation),
        OutputLayout::Canonical,
        &ExportOptions::default(),
    )
    .expect("export");
    let breaks = check_pages("60 rows under one 二级", &bytes);
    assert!(breaks.len() >= 2, "{breaks:?}");
}
