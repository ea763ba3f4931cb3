//! `jixiao diff`: what changed between two versions of a form.

use std::io::IsTerminal;
use std::path::PathBuf;

use jixiao::diff::{diff, print};
use jixiao::error::exit;
use jixiao::model::Document;
use jixiao::read::{open, open_documents, ImportOptions, Imported};

/// Compare two versions of a form: what a department changed when it resubmitted.
///
/// OLD and NEW may each be any format import accepts, or jixiao's JSON: a legacy export
/// against our canonical xlsx works, and so does a department form written as the budget
/// system's table (export --layout system). Indicators are matched by (一级, 二级, 三级), key tasks
/// by name; renamed and moved indicators are recognised, and a value rewritten in another
/// notation that means the same (>=18000家次 → ≥18000家次) is listed apart.
///
/// Marks: + added, - removed, ~ changed, > moved, % renamed, = notation only.
/// Exit code: 0 when the forms are equal, 1 when they differ.
///
/// Examples:
///   jixiao diff 2025-第一版.xlsx 2025-第二版.xlsx
///   jixiao diff old.json new.xlsx --format json
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The earlier version.
    old: PathBuf,
    /// The later version.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let options = ImportOptions::default();
    let old = open_form(&args.old, &options)?;
    super::warn_imported(&args.old, &old.warnings);
    let new = open_form(&args.new, &options)?;
    super::warn_imported(&args.new, &new.warnings);
    let changes = diff(&old.form, &old.cells, &new.form, &new.cells);
    let text = match args.format {
        Format::Json => print::json(&changes)?,
        Format::Human => print::human(&changes, std::io::stdout().is_terminal()),
    };
    super::emit(None, text.as_bytes())?;
    Ok(if changes.is_empty() {
        exit::OK
    } else {
        exit::FINDINGS
    })
}

/// The department form in `path`: its one form sheet, or the one department form of a budget
/// system's table (its indicator table and the sheets beside it); otherwise the first reader's
/// error, which says what the file is.
fn open_form(path: &std::path::Path, options: &ImportOptions) -> jixiao::error::Result<Imported> {
    let error = match open(path, options) {
        Ok(imported) => return Ok(imported),
        Err(e) => e,
    };
    match open_documents(path, options) {
        Ok(mut documents) if documents.len() == 1 => {
            let d = documents.remove(0);
            match d.document {
                Document::Department(form) => Ok(Imported {
                    form,
                    cells: d.cells,
                    sheet: d.sheet,
                    kind: d.kind,
                    template_id: d.template_id,
                    warnings: d.warnings,
                }),
                _ => Err(error),
            }
        }
        _ => Err(error),
    }
}
