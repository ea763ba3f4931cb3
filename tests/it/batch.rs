//! `jixiao batch` on a mixed folder: good submissions in several formats and folders, a corrupt
//! file, a workbook that is not the form, a text file, a lock file; outputs, tables, failures,
//! exit codes, the input folder left alone, and the same bytes whatever the number of threads.

use crate::common::{jixiao, sample};

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;

use jixiao::batch::{INDICATOR_COLUMNS, SUMMARY_COLUMNS, TASK_COLUMNS};
use jixiao::check::{check, Severity};
use jixiao::read::{open, ImportOptions};
use jixiao::value::parse;
use jixiao::write::{export_xlsx, ExportOptions};
use jixiao::Form;

fn batch(in_dir: &Path, out_dir: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&Path> = vec![Path::new("batch"), in_dir, Path::new("-o"), out_dir];
    args.extend(extra.iter().map(Path::new));
    jixiao(&args)
}

fn import(path: &Path) -> Form {
    open(path, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .form
}

/// A formula-looking name, department and task, as a JSON submission.
const FORMULA_NAME: &str = "=1+2";
const FORMULA_DEPARTMENT: &str = "-2+3部门";
const FORMULA_TASK: &str = "@SUM(A1)";

/// The good submissions of [`mixed_folder`], relative to it.
const GOOD: [&str; 5] = [
    "seed-legacy.xlsx",
    "seed-legacy.xls",
    "sub/deeper/variant-split.ods",
    "sub/variant-single.xlsx",
    "sub/injected.json",
];

/// The bad ones, with a word their failure message must contain.
const BAD: [(&str, &str); 3] = [
    ("bad/truncated.xlsx", "zip"),
    ("bad/not-a-form.xlsx", "holds no"),
    ("notes.txt", "not a spreadsheet"),
];

/// Builds the mixed input folder in `root/in`.
fn mixed_folder(root: &Path) -> PathBuf {
    let in_dir = root.join("in");
    let copies = [
        ("seed-legacy.xlsx", "seed-legacy.xlsx"),
        ("seed-legacy.xls", "seed-legacy.xls"),
        ("variant-split.ods", "sub/deeper/variant-split.ods"),
        ("variant-single.xlsx", "sub/variant-single.xlsx"),
        ("bad/truncated.xlsx", "bad/truncated.xlsx"),
        ("bad/not-a-form.xlsx", "bad/not-a-form.xlsx"),
    ];
    for (from, to) in copies {
        let to = in_dir.join(to);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(sample(from), &to).expect("copy sample");
    }
    std::fs::write(in_dir.join("notes.txt"), "请各部门于月底前提交。\n").expect("write text");
    std::fs::write(in_dir.join(".~lock.seed-legacy.xlsx#"), "lock").expect("write lock");
    let mut form = import(&sample("seed-legacy.xlsx"));
    form.department = FORMULA_DEPARTMENT.to_string();
    form.indicators[0].name = FORMULA_NAME.to_string();
    form.indicators[0].annual_value = parse("-5%");
    form.key_tasks[0].name = FORMULA_TASK.to_string();
    std::fs::write(
        in_dir.join("sub/injected.json"),
        serde_json::to_string_pretty(&form).expect("json"),
    )
    .expect("write json");
    in_dir
}

/// Every file under `dir` (hidden ones too), relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, into: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, root, into);
            } else {
                let rel = path.strip_prefix(root).expect("relative");
                into.insert(
                    rel.to_string_lossy().into_owned(),
                    std::fs::read(&path).expect("read"),
                );
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn summary(out_dir: &Path) -> serde_json::Value {
    serde_json::from_str(&text(&out_dir.join("summary.json"))).expect("summary.json")
}

/// The cells of a CSV file (RFC 4180, as the batch writes it).
fn csv_rows(bytes: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = bytes.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        cell.is_empty() && row.is_empty(),
        "the file ends with a line break"
    );
    rows
}

#[test]
fn a_mixed_folder_is_converted_and_the_failures_are_listed() {
    let root = tempfile::tempdir().expect("tempdir");
    let in_dir = mixed_folder(root.path());
    let before = snapshot(&in_dir);
    let out_dir = root.path().join("out");
    let out = batch(&in_dir, &out_dir, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");

    // Nothing written or changed in the input folder.
    assert_eq!(snapshot(&in_dir), before, "the input folder changed");

    // Outputs at the same relative paths, and nothing else.
    let mut expected: Vec<String> = GOOD
        .iter()
        .flat_map(|rel| [format!("{rel}.json"), format!("{rel}.xlsx")])
        .chain(
            [
                "indicators.csv",
                "summary.csv",
                "summary.json",
                "summary.xlsx",
                "tasks.csv",
            ]
            .iter()
            .map(|s| s.to_string()),
        )
        .collect();
    expected.sort();
    let written: Vec<String> = snapshot(&out_dir).into_keys().collect();
    assert_eq!(written, expected);

    // Each JSON and each xlsx imports to the form of its input.
    for rel in GOOD {
        let original = import(&in_dir.join(rel));
        assert_eq!(
            import(&out_dir.join(format!("{rel}.json"))),
            original,
            "{rel}.json"
        );
        assert_eq!(
            import(&out_dir.join(format!("{rel}.xlsx"))),
            original,
            "{rel}.xlsx"
        );
    }

    // The summary: one entry per file (the lock file is not one), in path order, with the check
    // counts for the good files and the reason for the bad ones.
    let summary = summary(&out_dir);
    let files = summary["files"].as_array().expect("files");
    let names: Vec<&str> = files
        .iter()
        .map(|f| f["file"].as_str().expect("file"))
        .collect();
    let mut all: Vec<&str> = GOOD.iter().copied().chain(BAD.map(|(f, _)| f)).collect();
    all.sort();
    assert_eq!(names, all);
    for entry in files {
        let rel = entry["file"].as_str().expect("file");
        if let Some((_, word)) = BAD.iter().find(|(f, _)| *f == rel) {
            assert_eq!(entry["status"], "failed", "{rel}");
            let message = entry["message"].as_str().expect("message");
            assert!(message.contains(word), "{rel}: {message}");
            assert!(
                entry["xlsx"].is_null() && entry["errors"].is_null(),
                "{rel}"
            );
            assert!(stderr.contains(rel), "stderr names {rel}: {stderr}");
        } else {
            let imported = open(&in_dir.join(rel), &ImportOptions::default()).expect("import");
            let found = check(&imported.form, &imported.cells);
            let count = |s| found.iter().filter(|d| d.severity == s).count();
            assert_eq!(entry["status"], "ok", "{rel}");
            assert_eq!(entry["errors"], count(Severity::Error), "{rel}");
            assert_eq!(entry["warnings"], count(Severity::Warning), "{rel}");
            assert_eq!(entry["xlsx"], format!("{rel}.xlsx"));
            assert!(entry["message"].is_null());
        }
    }
    assert_eq!(summary["totals"]["files"], 8);
    assert_eq!(summary["totals"]["converted"], 5);
    assert_eq!(summary["totals"]["failed"], 3);

    // The summary table says the same.
    let summary_csv = csv_rows(&text(&out_dir.join("summary.csv")));
    assert_eq!(summary_csv[0], SUMMARY_COLUMNS);
    assert_eq!(summary_csv.len(), 1 + all.len());
    for (row, entry) in summary_csv[1..].iter().zip(files) {
        assert_eq!(row[0], entry["file"].as_str().expect("file"));
        assert_eq!(row[1], entry["status"].as_str().expect("status"));
        assert_eq!(row[4], entry["message"].as_str().unwrap_or(""));
    }

    // One indicator row per indicator of every good form, one task row per key task.
    let forms: Vec<(&str, Form)> = GOOD
        .iter()
        .map(|rel| (*rel, import(&in_dir.join(rel))))
        .collect();
    let indicators = csv_rows(&text(&out_dir.join("indicators.csv")));
    assert_eq!(indicators[0], INDICATOR_COLUMNS);
    let indicator_count: usize = forms.iter().map(|(_, f)| f.indicators.len()).sum();
    assert!(indicator_count > 100, "{indicator_count}");
    assert_eq!(indicators.len(), 1 + indicator_count);
    let tasks = csv_rows(&text(&out_dir.join("tasks.csv")));
    assert_eq!(tasks[0], TASK_COLUMNS);
    let task_count: usize = forms.iter().map(|(_, f)| f.key_tasks.len()).sum();
    assert_eq!(tasks.len(), 1 + task_count);

    // A row says what its indicator says.
    let (_, seed) = &forms[GOOD
        .iter()
        .position(|r| *r == "seed-legacy.xls")
        .expect("seed")];
    let first = &seed.indicators[0];
    let row = indicators
        .iter()
        .find(|r| r[0] == "seed-legacy.xls" && r[4] == first.name)
        .expect("the seed's first indicator");
    assert_eq!(row[1], seed.department);
    assert_eq!(row[2..4], [first.level1.as_str(), first.level2.as_str()]);
    assert_eq!(row[10], first.annual_value.text);

    // The last line on stderr sums it up.
    let last = stderr.lines().last().expect("a summary line");
    assert!(
        last.starts_with("jixiao batch: 8 files, 5 converted, 3 failed ("),
        "{last}"
    );
    assert!(
        last.ends_with(&format!("→ {}", out_dir.display())),
        "{last}"
    );
}

#[test]
fn formula_like_cells_are_neutralised_and_numbers_kept() {
    let root = tempfile::tempdir().expect("tempdir");
    let in_dir = mixed_folder(root.path());
    let out_dir = root.path().join("out");
    batch(&in_dir, &out_dir, &[]);
    let indicators = csv_rows(&text(&out_dir.join("indicators.csv")));
    let row = indicators
        .iter()
        .find(|r| r[0] == "sub/injected.json" && r[4].contains(FORMULA_NAME))
        .expect("the injected indicator");
    assert_eq!(row[4], format!("'{FORMULA_NAME}"));
    assert_eq!(row[1], format!("'{FORMULA_DEPARTMENT}"));
    // "-5%": the text starts with "-" and is neutralised, the number is a plain number and
    // kept; the operator "=" is neutralised like any cell starting with "=".
    assert_eq!(row[10], "'-5%");
    assert_eq!(
        row[11..15],
        ["comparison", "'=", "-5", "%"].map(String::from)
    );
    let tasks = csv_rows(&text(&out_dir.join("tasks.csv")));
    assert!(tasks
        .iter()
        .any(|r| r[0] == "sub/injected.json" && r[2] == format!("'{FORMULA_TASK}")));
    // No cell anywhere starts a formula.
    for name in ["indicators.csv", "tasks.csv", "summary.csv"] {
        for row in csv_rows(&text(&out_dir.join(name))) {
            for cell in row {
                let risky = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!risky, "{name}: {cell:?}");
            }
        }
    }
}

#[test]
fn the_number_of_threads_does_not_change_a_byte() {
    let root = tempfile::tempdir().expect("tempdir");
    let in_dir = mixed_folder(root.path());
    let one = root.path().join("one");
    let two = root.path().join("two");
    assert_eq!(
        batch(&in_dir, &one, &["--jobs", "1"]).status.code(),
        Some(1)
    );
    assert_eq!(
        batch(&in_dir, &two, &["--jobs", "2"]).status.code(),
        Some(1)
    );
    let (one, two) = (snapshot(&one), snapshot(&two));
    assert_eq!(one.len(), 15);
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &one {
        assert!(&two[name] == bytes, "{name} differs between --jobs 1 and 2");
    }
}

#[test]
fn exported_workbooks_carry_a_fixed_creation_date() {
    let form = import(&sample("seed-legacy.xlsx"));
    let bytes = export_xlsx(&form, &ExportOptions::default()).expect("export");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut core = String::new();
    zip.by_name("docProps/core.xml")
        .expect("core.xml")
        .read_to_string(&mut core)
        .expect("read");
    assert!(
        core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z<"),
        "{core}"
    );
}

#[test]
fn excel_csv_adds_a_byte_order_mark_and_nothing_else() {
    let root = tempfile::tempdir().expect("tempdir");
    let in_dir = mixed_folder(root.path());
    let plain = root.path().join("plain");
    let excel = root.path().join("excel");
    batch(&in_dir, &plain, &[]);
    batch(&in_dir, &excel, &["--excel-csv"]);
    for name in ["indicators.csv", "tasks.csv", "summary.csv"] {
        let plain = std::fs::read(plain.join(name)).expect("plain");
        let excel = std::fs::read(excel.join(name)).expect("excel");
        assert!(!plain.starts_with(b"\xEF\xBB\xBF"), "{name}");
        assert_eq!(excel[..3], *b"\xEF\xBB\xBF", "{name}");
        assert_eq!(excel[3..], plain[..], "{name}");
    }
    assert_eq!(
        std::fs::read(plain.join("summary.json")).expect("json"),
        std::fs::read(excel.join("summary.json")).expect("json"),
    );
}

#[test]
fn an_output_folder_inside_the_input_folder_is_not_read_back() {
    let root = tempfile::tempdir().expect("tempdir");
    let in_dir = mixed_folder(root.path());
    let before = snapshot(&in_dir);
    let out_dir = in_dir.join("converted");
    assert_eq!(batch(&in_dir, &out_dir, &[]).status.code(), Some(1));
    let first = text(&out_dir.join("summary.json"));
    // A second run finds the same 8 files, not the first run's outputs.
    assert_eq!(batch(&in_dir, &out_dir, &[]).status.code(), Some(1));
    assert_eq!(text(&out_dir.join("summary.json")), first);
    assert_eq!(summary(&out_dir)["totals"]["files"], 8);
    // Outside OUT_DIR, the input folder is as it was.
    let mut after = snapshot(&in_dir);
    after.retain(|name, _| !name.starts_with("converted"));
    assert_eq!(after, before);
}

#[test]
fn outputs_that_would_land_in_the_input_folder_are_refused() {
    // IN_DIR inside OUT_DIR, with a subfolder named like IN_DIR itself: its outputs would go
    // into IN_DIR.
    let root = tempfile::tempdir().expect("tempdir");
    let out_dir = root.path().join("out");
    let in_dir = out_dir.join("in");
    std::fs::create_dir_all(in_dir.join("in")).expect("mkdir");
    std::fs::copy(sample("seed-legacy.xlsx"), in_dir.join("in/a.xlsx")).expect("copy");
    std::fs::copy(sample("seed-legacy.xlsx"), in_dir.join("b.xlsx")).expect("copy");
    let before = snapshot(&in_dir);
    let out = batch(&in_dir, &out_dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(snapshot(&in_dir), before);
    let summary = summary(&out_dir);
    let files = summary["files"].as_array().expect("files");
    assert_eq!(files[0]["file"], "b.xlsx");
    assert_eq!(files[0]["status"], "ok");
    assert_eq!(files[1]["file"], "in/a.xlsx");
    assert_eq!(files[1]["status"], "failed");
    let message = files[1]["message"].as_str().expect("message");
    assert!(message.contains("inside the input folder"), "{message}");
    assert!(out_dir.join("b.xlsx.xlsx").is_file());
}

#[test]
fn folder_errors_have_their_exit_codes() {
    let root = tempfile::tempdir().expect("tempdir");
    let in_dir = root.path().join("in");
    std::fs::create_dir(&in_dir).expect("mkdir");
    std::fs::copy(sample("seed-legacy.xlsx"), in_dir.join("a.xlsx")).expect("copy");
    let before = snapshot(&in_dir);

    // OUT_DIR == IN_DIR: refused, nothing written.
    let out = batch(&in_dir, &in_dir, &[]);
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("input folder"));
    assert_eq!(snapshot(&in_dir), before);

    // OUT_DIR that cannot be a folder.
    let file = root.path().join("a-file");
    std::fs::write(&file, b"x").expect("write");
    assert_eq!(batch(&in_dir, &file, &[]).status.code(), Some(4));

    // IN_DIR missing, or a file.
    let out_dir = root.path().join("out");
    assert_eq!(
        batch(&root.path().join("missing"), &out_dir, &[])
            .status
            .code(),
        Some(3)
    );
    assert_eq!(batch(&file, &out_dir, &[]).status.code(), Some(3));

    // All good: exit 0, even with check findings.
    let out = batch(&in_dir, &out_dir, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(snapshot(&in_dir), before);
}
