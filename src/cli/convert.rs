//! `jixiao convert INPUT -o OUT.xlsx [--json OUT.json] [--normalize-values] [--sheet NAME]`
//!
//! Any submission the importer reads → the canonical xlsx, in one step.

use std::path::PathBuf;

use jixiao::io::Destination;
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
    /// --layout canonical|system, --profile ID, --normalize-values: as for `jixiao export`.
    #[command(flatten)]
    pub layout: super::export::LayoutArgs,
    /// Read this sheet instead of searching for the one that holds the form.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    // Every output is checked — against the others and the input — before any is written.
    let xlsx = Destination::plan(&args.output)?;
    let json = args.json.as_deref().map(Destination::plan).transpose()?;
    let outputs: Vec<&Destination> = std::iter::once(&xlsx).chain(json.as_ref()).collect();
    jixiao::io::ensure_distinct(&outputs, &[&args.input])?;
    super::ensure_extension(&args.output, true)?;
    if let Some(json) = &args.json {
        super::ensure_extension(json, false)?;
    }
    let options = ImportOptions {
        sheet: args.sheet,
        ..ImportOptions::default()
    };
    let imported = open(&args.input, &options)?;
    super::warn_imported(&args.input, &imported.warnings);
    let mut text = None;
    if let Some(json) = &json {
        let mut pretty = serde_json::to_string_pretty(&imported.form)
            .map_err(|e| jixiao::Error::unwritable(json.path(), e.to_string()))?;
        pretty.push('\n');
        text = Some(pretty);
    }
    super::export::write_form_to(&imported.form, &args.input, &xlsx, &args.layout)?;
    if let (Some(json), Some(text)) = (&json, &text) {
        json.write(text.as_bytes())?;
    }
    Ok(jixiao::error::exit::OK)
}
