//! Every input the fuzzers (`fuzz/`) crashed on, kept in `tests/data/fuzz/`: import of each
//! `import-*.bin` ends in a result (for these damaged files, an error naming the file), never a
//! panic; each `value-*.txt` parses and keeps its text.

use std::path::{Path, PathBuf};

use jixiao::read::{open, ImportOptions};
use jixiao::value::{parse, render};

fn inputs(prefix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/fuzz exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn import_crashers_are_refused_as_damaged_files() {
    let crashers = inputs("import-");
    assert!(
        !crashers.is_empty(),
        "the import crashers are in tests/data/fuzz"
    );
    for path in crashers {
        let name = path.file_name().and_then(|n| n.to_str()).expect("named");
        match open(&path, &ImportOptions::default()) {
            Ok(imported) => panic!("{name} imported as a form: {:?}", imported.form.department),
            Err(e) => assert!(e.to_string().contains(name), "{name}: {e}"),
        }
    }
}

#[test]
fn the_calamine_compound_file_crasher_says_the_file_is_damaged() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz/import-calamine-cfb-slice-56e709b3.bin");
    let err = open(&path, &ImportOptions::default()).expect_err("refused");
    // Refused by the compound-file check before calamine runs; were it to reach calamine, its
    // panic would be reported as "is damaged".
    let message = err.to_string();
    assert!(
        message.contains("cannot be read as an xls workbook") || message.contains("is damaged"),
        "{message}"
    );
}

#[test]
fn the_calamine_16_gib_crasher_is_refused_by_the_compound_file_check() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz/import-calamine-xls-oom-8a0523dd.bin");
    let err = open(&path, &ImportOptions::default()).expect_err("refused");
    assert!(
        err.to_string()
            .contains("cannot be read as an xls workbook"),
        "{err}"
    );
}

#[test]
fn the_calamine_huge_range_crasher_is_refused_before_calamine_allocates() {
    // Cells at row 0 and row 65,535 and columns far apart: calamine would lay out ~3.9 billion
    // cells while opening the file.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz/import-calamine-xls-huge-range-3fc304fa.bin");
    let err = open(&path, &ImportOptions::default()).expect_err("refused");
    assert!(err.to_string().contains("far larger than a form"), "{err}");
}

#[test]
fn the_slow_xls_input_still_imports_its_form() {
    // A mutated variant-split.xls that took 10 s under the fuzzer's sanitizers (its cells span
    // millions of cells, under the limit): it must keep importing the form it holds.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz/slow-import-calamine-xls-92b3a68d.bin");
    let form = open(&path, &ImportOptions::default())
        .expect("imports")
        .form;
    assert_eq!(form.department, "广州市市场监督管理局");
    assert!(!form.indicators.is_empty());
}

#[test]
fn value_crashers_parse_and_keep_their_text() {
    for path in inputs("value-") {
        let text = std::fs::read_to_string(&path).expect("UTF-8 text");
        let value = parse(&text);
        assert_eq!(value.text, text, "{}", path.display());
        let _ = parse(&render(&value));
    }
}
