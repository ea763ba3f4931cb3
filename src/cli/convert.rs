//! `jixiao convert INPUT -o OUT.xlsx [--json OUT.json] [--normalize-values] [--sheet NAME]`
//!
//! Any submission the importer reads → the canonical xlsx, in one step.

use std::path::PathBuf;

use jixiao::read::{open_documents, ImportOptions};

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
    jixiao::io::ensure_not_input(&args.output, &args.input)?;
    if let Some(json) = &args.json {
        jixiao::io::ensure_not_input(json, &args.input)?;
        if json == &args.output {
            return Err(jixiao::Error::unwritable(json, "--json and -o name the same file").into());
        }
    }
    let options = ImportOptions {
        sheet: args.sheet,
        ..ImportOptions::default()
    };
    let documents: Vec<_> = open_documents(&args.input, &options)?
        .into_iter()
        .map(|d| d.document)
        .collect();
    super::export::write_documents_as(&documents, &args.input, &args.output, &args.layout)?;
    if let Some(json) = &args.json {
        // One document as an object, several as an array (like `jixiao import`).
        let text = match documents.as_slice() {
            [one] => serde_json::to_string_pretty(one),
            many => serde_json::to_string_pretty(many),
        };
        let mut text = text.map_err(|e| jixiao::Error::unwritable(json, e.to_string()))?;
        text.push('\n');
        jixiao::io::write_atomic(json, text.as_bytes())?;
    }
    Ok(jixiao::error::exit::OK)
}
