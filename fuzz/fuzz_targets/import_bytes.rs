//! Import of arbitrary bytes: written to a file (the importer reads paths) and opened. Any
//! result is fine except a panic of ours, an abort, or a hang.
//!
//! The importer turns a panic inside the third-party spreadsheet readers into an error
//! (`read::workbook::load`); libfuzzer-sys's panic hook would abort on it anyway, so the hook
//! here lets panics located in those crates unwind to that handler and aborts on all others.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use jixiao::read::{open, ImportOptions};
use libfuzzer_sys::fuzz_target;

/// Crates whose panics the importer catches and reports as a damaged file.
const CAUGHT_IN: [&str; 3] = ["/calamine-", "/zip-", "/cfb-"];

fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let file = info.location().map(|l| l.file()).unwrap_or("");
            if !CAUGHT_IN.iter().any(|c| file.contains(c)) {
                fuzzer_hook(info);
            }
        }));
        std::env::temp_dir().join(format!("jixiao-fuzz-import-{}.bin", std::process::id()))
    })
}

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    if std::fs::write(path, data).is_err() {
        return;
    }
    let _ = open(path, &ImportOptions::default());
});
