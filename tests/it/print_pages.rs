//! Print-ready pages: the writer's own page breaks (`<rowBreaks>`) fall at section, key-task and
//! 一级 boundaries, a page that starts inside a 一级/二级 block shows both names again, and
//! LibreOffice prints exactly the pages the breaks make (no break of its own cutting a block).

use std::path::Path;
use std::process::Command;

use crate::export_support::{merges, open, seed_form, value, zip_part};
use calamine::{Data, Reader};
use jixiao::layout::{BreakRule, IndicatorColumn, Layout, SHEET_NAME};
use jixiao::model::{Form, Indicator};
use jixiao::write::{export_xlsx, printed_layout, template_xlsx, ExportOptions, TemplateOptions};

/// The 0-based rows that start a page, from the sheet XML (`<brk id="N">` breaks after 1-based
/// row N, so row N is the first of the next page).
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

/// A form with `n` indicators under one 一级 and one 二级: no 一级 boundary to break at.
fn one_long_block(n: usize) -> Form {
    let mut form = seed_form();
    form.indicators = (0..n)
        .map(|i| Indicator {
            level1: "产出指标".to_string(),
            level2: "数量指标".to_string(),
            name: format!("第{i}项指标"),
            period_value: value("≥1个"),
            annual_value: value("≥1个"),
            ..Default::default()
        })
        .collect();
    form
}

fn text(range: &calamine::Range<Data>, row: u32, col: u16) -> String {
    range
        .get_value((row, u32::from(col)))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn the_seeds_breaks_fall_at_sections_key_tasks_and_level1_boundaries() {
    let form = seed_form();
    let bytes = export_xlsx(&form, &ExportOptions::default()).expect("export");
    let breaks = row_breaks(&zip_part(&bytes, "xl/worksheets/sheet1.xml"));
    assert!(breaks.len() >= 3, "{breaks:?}");
    let layout = Layout::for_form(&form);
    assert_eq!(
        printed_layout(&form, &ExportOptions::default()).page_breaks,
        breaks
    );
    for &b in &breaks {
        let rule = layout.break_rules[b as usize];
        assert!(rule >= BreakRule::Group, "row {}: {rule:?}", b + 1);
    }
    // The indicator section starts a page of its own, and 效益指标 starts the next one.
    assert!(breaks.contains(&layout.indicator_header_row), "{breaks:?}");
    let benefit = form
        .indicators
        .iter()
        .position(|i| i.level1 == "效益指标")
        .expect("seed has 效益指标");
    assert!(
        breaks.contains(&layout.indicator_row(benefit)),
        "{breaks:?}"
    );
    // Each key-task page shows the section label in its own merged cell.
    let range = open(&bytes).worksheet_range(SHEET_NAME).expect("sheet");
    for &b in breaks
        .iter()
        .filter(|&&b| b > layout.key_task_header_row && b < layout.other_tasks_row)
    {
        assert_eq!(text(&range, b, 0), "年度重点工作任务", "row {}", b + 1);
    }
}

#[test]
fn a_block_taller_than_a_page_repeats_its_level1_and_level2_on_the_next_page() {
    let form = one_long_block(90);
    let bytes = export_xlsx(&form, &ExportOptions::default()).expect("export");
    let breaks = row_breaks(&zip_part(&bytes, "xl/worksheets/sheet1.xml"));
    let layout = Layout::for_form(&form);
    let inside: Vec<u32> = breaks
        .iter()
        .copied()
        .filter(|&b| b > layout.indicator_row(0))
        .collect();
    assert!(
        !inside.is_empty(),
        "90 rows need more than one page: {breaks:?}"
    );
    let range = open(&bytes).worksheet_range(SHEET_NAME).expect("sheet");
    let got = merges(&bytes, SHEET_NAME);
    for &b in &inside {
        assert_eq!(text(&range, b, 0), "绩效指标", "row {}", b + 1);
        assert_eq!(
            text(&range, b, IndicatorColumn::Level1.column()),
            "产出指标"
        );
        assert_eq!(
            text(&range, b, IndicatorColumn::Level2.column()),
            "数量指标"
        );
        // No merge crosses the break.
        for m in &got {
            let (first, last) = m.split_once(':').expect("range");
            let row = |a1: &str| -> u32 {
                a1.trim_start_matches(|c: char| c.is_ascii_alphabetic())
                    .parse::<u32>()
                    .expect("row")
                    - 1
            };
            assert!(
                !(row(first) < b && b <= row(last)),
                "{m} crosses row {}",
                b + 1
            );
        }
    }
    // Reading the file back gives the 90 indicators, each still under its 一级/二级.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("long.xlsx");
    std::fs::write(&path, &bytes).expect("write");
    let back = jixiao::read::open(&path, &Default::default())
        .expect("import")
        .form;
    assert_eq!(back, form);
}

/// Pages of a PDF LibreOffice wrote (its page objects are not in object streams).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type/Page").count() - text.matches("/Type/Pages").count()
}

/// `xlsx` printed to PDF by LibreOffice, in a private profile.
fn print_with_libreoffice(xlsx: &Path, dir: &Path) -> Vec<u8> {
    let profile = dir.join("profile");
    let run = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.to_str().expect("utf-8")
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(xlsx)
        .output()
        .expect("soffice (LibreOffice) runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read(xlsx.with_extension("pdf")).expect("pdf written")
}

#[test]
fn libreoffice_prints_exactly_the_pages_our_breaks_make() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in [
        (
            "seed.xlsx",
            export_xlsx(&seed_form(), &ExportOptions::default()).expect("export"),
        ),
        (
            "long.xlsx",
            export_xlsx(&one_long_block(90), &ExportOptions::default()).expect("export"),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        let breaks = row_breaks(&zip_part(&bytes, "xl/worksheets/sheet1.xml"));
        let pdf = print_with_libreoffice(&path, dir.path());
        assert_eq!(pdf_pages(&pdf), breaks.len() + 1, "{name}: {breaks:?}");
    }
}

#[test]
fn the_templates_form_sheet_numbers_its_own_pages() {
    let bytes = template_xlsx(&TemplateOptions::default()).expect("template");
    let form_sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    let instructions = zip_part(&bytes, "xl/worksheets/sheet2.xml");
    // No 共 &N 页: LibreOffice's &N counts every sheet of the workbook, 填报说明 included.
    assert!(
        form_sheet.contains("<oddFooter>&amp;C第 &amp;P 页</oddFooter>"),
        "{form_sheet}"
    );
    assert!(
        instructions.contains("填报说明 第 &amp;P 页"),
        "{instructions}"
    );
    // Each sheet numbered from 1 (firstPageNumber defaults to 1).
    for sheet in [&form_sheet, &instructions] {
        assert!(sheet.contains(r#"useFirstPageNumber="1""#), "{sheet}");
    }
}
