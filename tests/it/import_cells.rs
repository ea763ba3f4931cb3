//! Reading without provenance (`import` without `--cells`) reads the same documents, and
//! `--cells` still has every cell.

use crate::common::{jixiao, sample};

use jixiao::read::{open_documents, ImportOptions};

#[test]
fn reading_without_cells_reads_the_same_documents_and_records_no_cells() {
    for name in [
        "seed-legacy.xlsx",
        "seed-libreoffice.xlsx",
        "variant-shifted.xlsx",
        "variant-single.xlsx",
        "variant-split.xlsx",
        "seed-legacy.ods",
        "seed-legacy.xls",
    ] {
        let path = sample(name);
        let with = open_documents(&path, &ImportOptions::default()).expect("reads");
        let without = open_documents(
            &path,
            &ImportOptions {
                without_cells: true,
                ..ImportOptions::default()
            },
        )
        .expect("reads");
        assert_eq!(with.len(), without.len(), "{name}");
        for (a, b) in with.iter().zip(&without) {
            assert_eq!(a.document, b.document, "{name}");
            assert!(
                a.cells.iter().count() > 20,
                "{name}: cells recorded by default"
            );
            assert_eq!(b.cells.iter().count(), 0, "{name}: no cells without them");
        }
    }
}

#[test]
fn import_shows_cells_only_when_asked() {
    let seed = sample("seed-legacy.xlsx");
    let plain = jixiao(&["import", &seed.to_string_lossy()]);
    let with = jixiao(&["import", &seed.to_string_lossy(), "--cells"]);
    assert!(plain.status.success() && with.status.success());
    let plain = String::from_utf8_lossy(&plain.stdout);
    let with = String::from_utf8_lossy(&with.stdout);
    assert!(!plain.contains("\"cells\""));
    assert!(with.contains("\"indicators[0].annual_value\""), "{with}");
}
