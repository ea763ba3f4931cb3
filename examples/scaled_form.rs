//! Writes a scaled copy of the seed form with jixiao's own exporter, for timing import at size.
//!
//! ```sh
//! cargo run --release --example scaled_form -- 10000 /tmp/scaled-10000.xlsx
//! ```

#[path = "../benches/support/scaled.rs"]
mod scaled;

use std::path::Path;

use jixiao::read::{open, ImportOptions};
use jixiao::write::{export_xlsx, ExportOptions};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, out] = args.as_slice() else {
        anyhow::bail!("usage: scaled_form N OUT.xlsx");
    };
    let n: usize = n.parse()?;
    let seed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/seed-legacy.xlsx");
    let seed = open(&seed_path, &ImportOptions::default())?.form;
    let form = scaled::scaled_form(&seed, n);
    let bytes = export_xlsx(&form, &ExportOptions::default())?;
    std::fs::write(out, &bytes)?;
    println!("wrote {out} with {n} indicators ({} bytes)", bytes.len());
    Ok(())
}
