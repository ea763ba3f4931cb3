//! `jixiao import`: a submission → the form as JSON.

use std::path::PathBuf;

use jixiao::io::Destination;
use jixiao::model::{documents_json, DocumentKind, PrintedDocument};
use jixiao::read::{open_documents, ImportOptions};

/// Read a form from a spreadsheet and print it as JSON.
///
/// FILE may be .xlsx/.xlsm, .xls, .ods or .xlsb (chosen by content, not by extension): a
/// legacy export, a hand-made variant, a re-saved template, or jixiao's own output. The form
/// is found by its labels, on whichever sheet holds it, and printed as its kind's JSON:
/// jixiao/form@1 (部门整体绩效目标申报表), jixiao/project-form@1 (项目支出绩效目标申报表) or
/// jixiao/self-evaluation@1 (绩效自评表). A workbook holding several forms (a sheet per
/// department, or the budget system's export of many projects) prints a JSON array.
///
/// Examples:
///   jixiao import samples/seed-legacy.xlsx
///   jixiao import 报送/某局.xls -o 某局.json
///   jixiao import 某局.xlsx --cells     # also show which cell each field came from
///   jixiao import 自评表.xlsx --kind self-evaluation
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
    /// Read the form as this kind instead of deciding by its sections.
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    kind: Option<DocumentKind>,
}

/// `department`, `project`, `self-evaluation` (or a format tag such as jixiao/form@1).
pub(crate) fn parse_kind(text: &str) -> Result<DocumentKind, String> {
    DocumentKind::from_name(text).ok_or_else(|| {
        format!("unknown kind {text:?}; one of: department, project, self-evaluation")
    })
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    // Checked before reading: where the output goes, and that it is not the input.
    let destination = match &args.output {
        Some(out) => {
            super::ensure_extension(out, false)?;
            let destination = Destination::plan(out)?;
            jixiao::io::ensure_distinct(&[&destination], &[&args.file])?;
            Some(destination)
        }
        None => None,
    };
    let options = ImportOptions {
        sheet: args.sheet,
        kind: args.kind,
        without_cells: !args.cells,
    };
    let documents = open_documents(&args.file, &options)?;
    for imported in &documents {
        super::warn_imported(&args.file, &imported.warnings);
    }
    let printed: Vec<PrintedDocument> = documents
        .iter()
        .map(|imported| imported.printed(args.cells))
        .collect();
    let text = documents_json(&printed)?;
    match destination {
        Some(destination) => destination.write(&text)?,
        None => jixiao::io::write_stdout(&text)?,
    }
    Ok(jixiao::error::exit::OK)
}
