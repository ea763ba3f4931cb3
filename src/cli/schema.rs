//! `jixiao schema`: the JSON Schema of the form JSON.

use std::path::PathBuf;

/// Print the JSON Schema (draft 2020-12) of the form JSON (jixiao/form@1).
///
/// Integrators validate `jixiao import` output against it; money and numbers are strings
/// holding exact decimals.
///
/// Examples:
///   jixiao schema > form.schema.json
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Write the schema here instead of to stdout.
    #[arg(short, long, value_name = "OUT.json")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    super::emit(
        args.output.as_deref(),
        jixiao::schema::FORM_SCHEMA.as_bytes(),
    )?;
    Ok(jixiao::error::exit::OK)
}
