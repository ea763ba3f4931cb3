//! JSON input: arbitrary bytes after a `{` (so the importer takes them for JSON), written to a
//! file and opened like `jixiao import FORM.json`; a form that is accepted is exported again.
//! Any result is fine except a panic, an abort, an out-of-memory or a hang: the size and value
//! caps (`read::limits`) must hold whatever the document.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use jixiao::read::{open, ImportOptions};
use jixiao::write::{export_xlsx, ExportOptions};
use libfuzzer_sys::fuzz_target;

fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("jixiao-fuzz-json-{}.json", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    let mut bytes = Vec::with_capacity(data.len() + 1);
    if data.first() != Some(&b'{') {
        bytes.push(b'{');
    }
    bytes.extend_from_slice(data);
    if std::fs::write(path, &bytes).is_err() {
        return;
    }
    if let Ok(imported) = open(path, &ImportOptions::default()) {
        let _ = export_xlsx(&imported.form, &ExportOptions::default());
    }
});
