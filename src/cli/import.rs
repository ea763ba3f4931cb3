//! `jixiao import`: a submission → the form as JSON.

use std::path::PathBuf;

use jixiao::read::{open, ImportOptions};

/// Read a form from a spreadsheet and print it as JSON (jixiao/form@1).
///
/// FILE may be .xlsx/.xlsm, .xls, .ods or .xlsb (chosen by content, not by extension): a
/// legacy export, a hand-made variant, a re-saved template, or jixiao's own output. The form
/// is found by its labels, on whichever sheet holds it.
///
/// Examples:
///   jixiao import samples/seed-legacy.xlsx
///   jixiao import 报送/某局.xls -o 某局.json
///   jixiao import 某局.xlsx --cells     # also show which cell each field came from
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The submission to read.
    file: PathBuf,
    /// Read this sheet instead of searching for the one that holds the form.
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Write the JSON here instead of to stdout.
    #[arg(short, long, value_name = "OUT.json")]
    output: Option<PathBuf>,
    /// Add a "cells" object: field path → the cell it was read from (Sheet1!E23).
    #[arg(long)]
    cells: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let options = ImportOptions { sheet: args.sheet };
    if let Some(out) = &args.output {
        super::ensure_extension(out, false)?;
    }
    let imported = open(&args.file, &options)?;
    super::warn_imported(&args.file, &imported);
    if let Some(out) = &args.output {
        jixiao::io::ensure_not_input(out, &args.file)?;
    }
    let mut json = serde_json::to_value(&imported.form)?;
    if args.cells {
        let cells: serde_json::Map<String, serde_json::Value> = imported
            .cells
            .iter()
            .map(|(path, cell)| (path.clone(), cell.to_string().into()))
            .collect();
        if let Some(object) = json.as_object_mut() {
            object.insert("cells".to_string(), cells.into());
        }
    }
    let mut text = serde_json::to_string_pretty(&json)?;
    text.push('\n');
    super::emit(args.output.as_deref(), text.as_bytes())?;
    Ok(jixiao::error::exit::OK)
}
