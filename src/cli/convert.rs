//! `jixiao convert INPUT -o OUT.xlsx [--json OUT.json] [--normalize-values] [--sheet NAME]`
//!
//! Any submission the importer reads → the canonical xlsx, in one step.

use std::path::PathBuf;

use jixiao::read::{open, ImportOptions};

/// Convert any submission (xlsx, xls, ods, legacy exports) into the canonical layout.
///
/// Reads the form by its labels like `jixiao import`, then writes it like `jixiao export`;
/// --json also writes the form as jixiao/form@1 JSON.
///
/// Example: jixiao convert 旧申报表.xls -o 申报表.xlsx --json 申报表.json
#[derive(clap::Args)]
pub struct Args {
    /// The submission to read.
    pub input: PathBuf,
    /// The canonical xlsx to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Also write the form as JSON here.
    #[arg(long, value_name = "OUT.json")]
    pub json: Option<PathBuf>,
    /// Write indicator values in the canonical notation instead of verbatim.
    #[arg(long)]
    pub normalize_values: bool,
    /// Read this sheet instead of searching for the one that holds the form.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    jixiao::io::ensure_not_input(&args.output, &args.input)?;
    super::ensure_extension(&args.output, true)?;
    if let Some(json) = &args.json {
        jixiao::io::ensure_not_input(json, &args.input)?;
        super::ensure_extension(json, false)?;
        if json == &args.output {
            return Err(jixiao::Error::unwritable(json, jixiao::t!("write.same_file")).into());
        }
    }
    let options = ImportOptions { sheet: args.sheet };
    let imported = open(&args.input, &options)?;
    super::warn_imported(&args.input, &imported);
    super::export::write_xlsx(
        &imported.form,
        &args.input,
        &args.output,
        args.normalize_values,
    )?;
    if let Some(json) = &args.json {
        let mut text = serde_json::to_string_pretty(&imported.form)
            .map_err(|e| jixiao::Error::unwritable(json, e.to_string()))?;
        text.push('\n');
        jixiao::io::write_atomic(json, text.as_bytes())?;
    }
    Ok(jixiao::error::exit::OK)
}
