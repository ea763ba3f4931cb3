//! `jixiao schema`: the JSON Schema of the form JSON.

use std::path::PathBuf;

/// Print the JSON Schema (draft 2020-12) of a kind's JSON (jixiao/form@1 by default).
///
/// Integrators validate `jixiao import` output against it; money and numbers are strings
/// holding exact decimals.
///
/// Examples:
///   jixiao schema > form.schema.json
///   jixiao schema --kind project > project-form.schema.json
///   jixiao schema --kind self-evaluation
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Write the schema here instead of to stdout.
    #[arg(short, long, value_name = "OUT.json")]
    output: Option<PathBuf>,
    /// The kind: department (jixiao/form@1), project, self-evaluation.
    #[arg(long, value_name = "KIND", value_parser = super::import::parse_kind)]
    kind: Option<jixiao::model::DocumentKind>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    super::emit(
        args.output.as_deref(),
        jixiao::schema::schema(args.kind.unwrap_or(jixiao::model::DocumentKind::Department))
            .as_bytes(),
    )?;
    Ok(jixiao::error::exit::OK)
}
