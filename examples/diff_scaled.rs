//! Runs `diff` once on a scaled seed form against a changed copy, for counting instructions:
//!
//! ```sh
//! cargo build --release --example diff_scaled
//! valgrind --tool=callgrind --toggle-collect='jixiao::diff::diff' \
//!   target/release/examples/diff_scaled 10000 renamed
//! ```
//!
//! Mixes: same, values, renamed, moved, replaced, resubmission (benches/support/diff_mixes.rs).
//! `bench/diff_scaling.sh` runs every mix at 10,000 and 100,000 indicators.

#[path = "../benches/support/diff_mixes.rs"]
mod diff_mixes;
#[path = "../benches/support/scaled.rs"]
mod scaled;

use std::path::Path;

use jixiao::diff::diff;
use jixiao::model::Provenance;
use jixiao::read::{open, ImportOptions};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, mix] = args.as_slice() else {
        anyhow::bail!(
            "usage: diff_scaled N MIX  (MIX: {})",
            diff_mixes::MIXES.join(", ")
        );
    };
    let n: usize = n.parse()?;
    let seed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/seed-legacy.xlsx");
    let seed = open(&seed_path, &ImportOptions::default())?.form;
    let old = scaled::scaled_form(&seed, n);
    let Some(new) = diff_mixes::changed(&old, mix) else {
        anyhow::bail!(
            "unknown mix {mix:?}; one of {}",
            diff_mixes::MIXES.join(", ")
        );
    };
    let changes = diff(&old, &Provenance::new(), &new, &Provenance::new());
    let count = |kind| changes.iter().filter(|c| c.kind == kind).count();
    use jixiao::diff::ChangeKind::*;
    println!(
        "{n} indicators, {mix}: {} changes ({} renamed, {} moved, {} added, {} removed)",
        changes.len(),
        count(Renamed),
        count(Moved),
        count(Added),
        count(Removed)
    );
    Ok(())
}
