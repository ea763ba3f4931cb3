//! `jixiao convert INPUT -o OUT.xlsx [--json OUT.json] [--normalize-values] [--sheet NAME]`
//!
//! Any submission the importer reads → the canonical xlsx, in one step.

use std::path::{Path, PathBuf};

use jixiao::io::Destination;
use jixiao::model::{documents_json, Document, DocumentKind, PrintedDocument};
use jixiao::read::{open_documents, ImportOptions};
use jixiao::write::OutputLayout;

/// Convert any submission (xlsx, xls, ods, legacy exports) into the canonical layout.
///
/// Reads the form by its labels like `jixiao import`, then writes it like `jixiao export`;
/// --json also writes the form as its kind's JSON. A workbook holding several forms writes one
/// file per form (OUT-1.xlsx, OUT-2.xlsx, …) and a JSON array.
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
    /// Read the form as this kind instead of deciding by its sections.
    #[arg(long, value_name = "KIND", value_parser = super::import::parse_kind)]
    pub kind: Option<DocumentKind>,
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
        kind: args.kind,
        ..ImportOptions::default()
    };
    let documents = open_documents(&args.input, &options)?;
    for imported in &documents {
        super::warn_imported(&args.input, &imported.warnings);
    }
    if let Some(json) = &json {
        let printed: Vec<PrintedDocument> = documents.iter().map(|d| d.printed(false)).collect();
        let text = documents_json(&printed)
            .map_err(|e| jixiao::Error::unwritable(json.path(), e.to_string()))?;
        json.write(&text)?;
    }
    if let [one] = documents.as_slice() {
        super::export::write_document_to(&one.document, &args.input, &xlsx, &args.layout)?;
        return Ok(jixiao::error::exit::OK);
    }
    // Several forms: the budget system's table holds them all in one workbook (as the system
    // exports them); the canonical layout is one form per file.
    if matches!(args.layout.output_layout(), OutputLayout::System(_)) {
        let all: Vec<Document> = documents.iter().map(|d| d.document.clone()).collect();
        super::export::write_documents_to(&all, &args.input, &xlsx, &args.layout)?;
        return Ok(jixiao::error::exit::OK);
    }
    for (i, imported) in documents.iter().enumerate() {
        let destination = Destination::plan(&numbered(&args.output, i + 1))?;
        jixiao::io::ensure_distinct(&[&destination], &[&args.input])?;
        let document: &Document = &imported.document;
        super::export::write_document_to(document, &args.input, &destination, &args.layout)?;
    }
    Ok(jixiao::error::exit::OK)
}

/// `申报表.xlsx` → `申报表-2.xlsx`: the n-th form of a workbook that holds several.
fn numbered(output: &Path, n: usize) -> PathBuf {
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match output.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    output.with_file_name(name)
}
