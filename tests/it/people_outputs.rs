//! What reviewers hand on: `summary.xlsx` from `jixiao batch` and the 审核意见表 from
//! `jixiao check --format xlsx`, read back with calamine and from the sheet XML.

use crate::common::{jixiao, root, sample};

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader};

fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn zh<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> std::process::Output {
    let mut all: Vec<std::ffi::OsString> = vec!["--lang".into(), "zh".into()];
    all.extend(args.iter().map(|a| a.as_ref().to_os_string()));
    jixiao(&all)
}

/// The text of one part of an xlsx.
fn part(xlsx: &Path, name: &str) -> String {
    let file = std::fs::File::open(xlsx).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {}", xlsx.display()))
        .read_to_string(&mut text)
        .expect("read");
    text
}

fn rows(xlsx: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto(xlsx).expect("workbook");
    let range = book.worksheet_range(sheet).expect("sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn batch_folder(dir: &Path) -> std::path::PathBuf {
    let in_dir = dir.join("in");
    std::fs::create_dir(&in_dir).expect("mkdir");
    std::fs::copy(sample("seed-legacy.xlsx"), in_dir.join("a.xlsx")).expect("copy");
    std::fs::copy(sample("variant-shifted.xlsx"), in_dir.join("b.xlsx")).expect("copy");
    std::fs::write(in_dir.join("c.txt"), "not a form").expect("write");
    // The seed in 元: the same figures ×10,000 with the unit 元.
    let seed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/seed.json")).expect("seed"),
    )
    .expect("json");
    let mut yuan = seed.clone();
    let budget = yuan["budget"].as_object_mut().expect("budget");
    budget.insert("unit".into(), "元".into());
    for (key, value) in budget.iter_mut() {
        if key != "unit" {
            if let Some(text) = value.as_str() {
                let d: rust_decimal::Decimal = text.parse().expect("decimal");
                *value = (d * rust_decimal::Decimal::from(10_000)).to_string().into();
            }
        }
    }
    std::fs::write(in_dir.join("d.json"), yuan.to_string()).expect("write");
    in_dir
}

#[test]
fn batch_writes_summary_xlsx_with_a_row_per_form_indicators_and_diagnostics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let in_dir = batch_folder(dir.path());
    let out_dir = dir.path().join("out");
    let out = zh(&["batch", p(&in_dir), "-o", p(&out_dir)]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xlsx = out_dir.join("summary.xlsx");
    assert!(out_dir.join("summary.csv").is_file(), "the CSV files stay");

    let forms = rows(&xlsx, "汇总");
    let header: Vec<String> = forms[0].iter().map(text).collect();
    for column in [
        "文件",
        "部门（单位）",
        "部门预算支出合计（万元）",
        "产出指标数",
        "错误数",
        "警告数",
        "状态",
    ] {
        assert!(header.iter().any(|h| h == column), "{column} in {header:?}");
    }
    assert_eq!(forms.len(), 1 + 4, "a header and one row per file");
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let by_file = |file: &str| {
        forms
            .iter()
            .find(|r| text(&r[0]) == file)
            .expect("row")
            .clone()
    };
    let a = by_file("a.xlsx");
    assert_eq!(text(&a[col("部门（单位）")]), "广州市工业和信息化局");
    // Money is a number, in 万元.
    assert_eq!(a[col("部门预算支出合计（万元）")], Data::Float(218602.5));
    assert_eq!(a[col("指标数")], Data::Float(34.0));
    assert_eq!(a[col("产出指标数")], Data::Float(21.0));
    let d = by_file("d.json");
    assert_eq!(
        text(&d[col("金额单位")]),
        "元",
        "the form's own unit is shown"
    );
    assert_eq!(
        d[col("部门预算支出合计（万元）")],
        Data::Float(218602.5),
        "元 converted to 万元 for the total"
    );
    let c = by_file("c.txt");
    assert_eq!(text(&c[col("状态")]), "失败");
    assert!(text(&c[col("说明")]).contains("不是电子表格"));
    assert!(["通过", "需修改"].contains(&text(&a[col("状态")]).as_str()));

    let indicators = rows(&xlsx, "绩效指标");
    let seed_count = 34;
    assert!(indicators.len() > 1 + seed_count, "{}", indicators.len());
    assert_eq!(text(&indicators[0][5]), "实施周期指标值");
    assert!(indicators
        .iter()
        .any(|r| text(&r[5]) == "≥18000家次" && text(&r[8]) == "18000"));

    let diagnostics = rows(&xlsx, "检查结果");
    assert_eq!(text(&diagnostics[0][2]), "单元格");
    assert!(diagnostics
        .iter()
        .skip(1)
        .any(|r| text(&r[2]).contains('!') && text(&r[4]).contains('.')));
    assert!(diagnostics
        .iter()
        .any(|r| text(&r[0]) == "c.txt" && text(&r[3]) == "无法读取"));

    for sheet in 1..=3 {
        let xml = part(&xlsx, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(
            xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
            "frozen header"
        );
        assert!(xml.contains("<autoFilter"), "autofilter on sheet {sheet}");
        assert!(xml.contains("<cols>"), "column widths on sheet {sheet}");
    }

    // Same bytes whatever the threads.
    let again = dir.path().join("again");
    let out = zh(&["batch", p(&in_dir), "-o", p(&again), "--jobs", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read(&xlsx).expect("read"),
        std::fs::read(again.join("summary.xlsx")).expect("read")
    );
}

#[test]
fn check_writes_a_printable_review_sheet_per_department() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("审核意见.xlsx");
    let broken = dir.path().join("报送.txt");
    std::fs::write(&broken, "x").expect("write");
    let shifted = sample("variant-shifted.xlsx");
    let seed = sample("seed-legacy.xlsx");
    let out = zh(&[
        "check",
        "--format",
        "xlsx",
        "-o",
        p(&xlsx),
        p(&shifted),
        p(&seed),
        p(&broken),
    ]);
    assert_eq!(out.status.code(), Some(3), "an unreadable file: exit 3");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("个错误") && stderr.contains("无法读取"),
        "{stderr}"
    );

    let book = calamine::open_workbook_auto(&xlsx).expect("workbook");
    let names = book.sheet_names();
    assert_eq!(
        names,
        ["广州市科学技术局", "广州市工业和信息化局", "报送.txt"],
        "{names:?}"
    );
    let first = rows(&xlsx, "广州市科学技术局");
    let all: Vec<String> = first.iter().flatten().map(text).collect();
    assert!(all.contains(&"预算绩效目标审核意见表".to_string()));
    assert!(
        all.iter().any(|t| t == "错误 0 项，警告 2 项，提示 0 项"),
        "{all:?}"
    );
    assert!(all.iter().any(|t| t == "通过"));
    assert!(all.iter().any(|t| t == "警告"));
    assert!(
        all.iter().any(|t| t.starts_with("申报表!E14")),
        "the cell: {all:?}"
    );
    assert!(all.iter().any(|t| t.contains("[tasks.funds_mismatch]")));
    let broken_sheet: Vec<String> = rows(&xlsx, "报送.txt").iter().flatten().map(text).collect();
    assert!(broken_sheet.iter().any(|t| t == "无法读取，请重新报送"));

    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"paperSize="9""#), "A4");
    assert!(
        sheet.contains(r#"fitToWidth="1""#) || sheet.contains("fitToPage"),
        "one page wide"
    );
    let styles = part(&xlsx, "xl/styles.xml");
    for colour in ["FFC7CE", "FFEB9C", "C6EFCE"] {
        assert!(styles.contains(colour), "{colour} in styles");
    }
    let names = part(&xlsx, "xl/workbook.xml");
    assert!(
        names.contains("_xlnm.Print_Titles"),
        "the findings' header repeats on every page"
    );
}

#[test]
fn a_form_with_errors_is_marked_to_revise() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("review.xlsx");
    let broken = root().join("tests/data/broken.xlsx");
    let out = zh(&["check", "--format", "xlsx", "-o", p(&xlsx), p(&broken)]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let book = calamine::open_workbook_auto(&xlsx).expect("workbook");
    let name = book.sheet_names()[0].clone();
    let cells: Vec<String> = rows(&xlsx, &name).iter().flatten().map(text).collect();
    assert!(cells.iter().any(|t| t == "需修改"), "{cells:?}");
    assert!(cells.iter().any(|t| t == "错误"));
}

#[test]
fn the_review_sheet_needs_an_xlsx_output_name() {
    let seed = sample("seed-legacy.xlsx");
    let out = zh(&["check", "--format", "xlsx", p(&seed)]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o"));
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("审核意见.json");
    let out = zh(&["check", "--format", "xlsx", "-o", p(&json), p(&seed)]);
    assert_eq!(out.status.code(), Some(4));
    assert!(!json.exists(), "nothing written under a wrong name");
    let out = zh(&["check", "-o", p(&json), p(&seed)]);
    assert_eq!(out.status.code(), Some(4), "-o is for --format xlsx");
}
