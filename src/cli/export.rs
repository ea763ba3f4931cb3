//! `jixiao export FORM.json -o OUT.xlsx [--normalize-values] [--layout canonical|system] [--profile ID]`
//!
//! Writes a form given as the `jixiao/form@1` JSON in the canonical layout or as the budget
//! system's flat table.

use std::path::{Path, PathBuf};

use anyhow::Context;
use jixiao::io::Destination;
use jixiao::model::{Document, DocumentKind, FORMAT};
use jixiao::write::system::Profile;
use jixiao::write::{document_xlsx, documents_xlsx, name_output, ExportOptions, OutputLayout};

/// Write a form (jixiao/form@1 JSON) as the canonical 部门整体预算绩效目标申报表 xlsx, or as the
/// budget system's flat table.
///
/// Money is written as numbers in 万元 with the form's decimals; indicator values as their verbatim
/// text, or in the canonical notation with --normalize-values. With --layout system: one row per
/// indicator (单位名称 | 项目名称 | 一级指标 | 二级指标 | 三级指标 | 计算符号 | 指标值 | 计量单位 | 分值 |
/// 指标方向 | 指标解释), the columns and sign dictionary of --profile (templates/system.toml).
///
/// Example: jixiao export form.json -o 申报表.xlsx
///          jixiao export form.json -o 系统导入.xlsx --layout system
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The form as JSON (`jixiao import` output).
    pub input: PathBuf,
    /// The xlsx file to write.
    #[arg(short, long)]
    pub output: PathBuf,
    #[command(flatten)]
    pub layout: LayoutArgs,
}

/// How to write a form: shared by `export`, `convert` and `batch`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct LayoutArgs {
    /// canonical: the form as printed; system: the budget system's flat table.
    #[arg(long, value_enum, default_value_t = LayoutName::Canonical)]
    pub layout: LayoutName,
    /// With --layout system: the province's column names and sign dictionary
    /// (an id from templates/system.toml: default, sichuan).
    #[arg(long, value_name = "ID", value_parser = parse_profile)]
    pub profile: Option<String>,
    /// Write indicator values in the canonical notation (≥18000家次) instead of verbatim.
    #[arg(long)]
    pub normalize_values: bool,
}

/// The layouts `--layout` names.
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LayoutName {
    #[default]
    Canonical,
    System,
}

fn parse_profile(id: &str) -> Result<String, String> {
    Profile::get(Some(id)).map(|p| p.id.clone())
}

impl LayoutArgs {
    /// The writer's layout. A --profile without --layout system is a usage error (exit 2,
    /// like every other usage error clap reports).
    pub fn output_layout(&self) -> OutputLayout {
        let usage = |message: String| -> ! {
            eprintln!("{}", jixiao::t!("usage.error", message = message));
            std::process::exit(i32::from(jixiao::error::exit::USAGE))
        };
        match self.layout {
            LayoutName::Canonical if self.profile.is_some() => {
                usage(jixiao::t!("export.profile_needs_system"))
            }
            LayoutName::Canonical => OutputLayout::Canonical,
            LayoutName::System => match Profile::get(self.profile.as_deref()) {
                Ok(profile) => OutputLayout::System(profile),
                Err(e) => usage(e),
            },
        }
    }

    pub fn export_options(&self) -> ExportOptions {
        ExportOptions {
            normalize_values: self.normalize_values,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    super::ensure_extension(&args.output, true)?;
    let destination = Destination::plan(&args.output)?;
    jixiao::io::ensure_distinct(&[&destination], &[&args.input])?;
    let document = read_document_json(&args.input)?;
    write_document_to(&document, &args.input, &destination, &args.layout)?;
    Ok(jixiao::error::exit::OK)
}

/// Reads a document's JSON (`jixiao/form@1`, `jixiao/project-form@1`) at `path`; errors name the
/// file and the line and column.
pub(crate) fn read_document_json(path: &Path) -> Result<Document, jixiao::Error> {
    use jixiao::read::json::DocumentError;
    // Capped before parsing; a byte-order mark (Windows editors write one) is dropped.
    let bytes = jixiao::read::read_json(path)?;
    let (document, warnings) = jixiao::read::json::read_document(&bytes).map_err(|e| match e {
        DocumentError::Syntax(message) | DocumentError::Invalid(message) => {
            jixiao::Error::unreadable(path, message)
        }
        DocumentError::Array(count) => {
            jixiao::Error::unreadable(path, jixiao::t!("export.json_array", count = count))
        }
        DocumentError::Format(format) => {
            let known: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.format()).collect();
            jixiao::Error::unreadable(
                path,
                jixiao::t!(
                    "export.format",
                    found = format!("{:?}", format.as_deref()),
                    known = format!("{known:?}")
                ),
            )
        }
        // The library's JSON contract (jixiao::read::json): errors with the JSON path and,
        // where it can, the line and column.
        DocumentError::Department(message) => jixiao::Error::unreadable(
            path,
            jixiao::t!("read.json_not_form", format = FORMAT, detail = message),
        ),
    })?;
    // Values need only their text; a given field the text contradicts is said on stderr.
    super::warn_imported(path, &warnings);
    Ok(document)
}

/// Exports the documents one input held ([`documents_xlsx`]: one canonically, several as one
/// system table) to a destination already checked against the inputs.
pub(crate) fn write_documents_to(
    documents: &[Document],
    input: &Path,
    destination: &Destination,
    layout: &LayoutArgs,
) -> anyhow::Result<()> {
    if let [one] = documents {
        return write_document_to(one, input, destination, layout);
    }
    let bytes = documents_xlsx(documents, layout.output_layout(), &layout.export_options())
        .map_err(|e| name_output(e, destination.path()))?;
    destination
        .write(&bytes)
        .with_context(|| format!("exporting {}", jixiao::escape::path(input)))?;
    Ok(())
}

/// Exports any document, in the layout `layout` asks for, to a destination already checked
/// against the inputs.
pub(crate) fn write_document_to(
    document: &Document,
    input: &Path,
    destination: &Destination,
    layout: &LayoutArgs,
) -> anyhow::Result<()> {
    let bytes = document_xlsx(document, layout.output_layout(), &layout.export_options())
        .map_err(|e| name_output(e, destination.path()))?;
    if let Document::Department(form) = document {
        for (field, value) in jixiao::write::money_written_as_text(form) {
            eprintln!(
                "{}",
                jixiao::t!(
                    "export.warning",
                    field = field,
                    message = jixiao::t!("export.money_as_text", value = value)
                )
            );
        }
    }
    destination
        .write(&bytes)
        .with_context(|| format!("exporting {}", jixiao::escape::path(input)))?;
    Ok(())
}
