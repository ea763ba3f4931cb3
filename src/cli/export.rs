//! `jixiao export FORM.json -o OUT.xlsx [--normalize-values] [--layout canonical|system] [--profile ID]`
//!
//! Writes a form given as the `jixiao/form@1` JSON in the canonical layout or as the budget
//! system's flat table.

use std::path::{Path, PathBuf};

use anyhow::Context;
use jixiao::model::{Document, DocumentKind, Form, FORMAT};
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
            clap::Error::raw(clap::error::ErrorKind::ArgumentConflict, message + "\n").exit()
        };
        match self.layout {
            LayoutName::Canonical if self.profile.is_some() => {
                usage("--profile 只用于 --layout system（系统表）".to_string())
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
    let document = read_document_json(&args.input)?;
    write_document_as(&document, &args.input, &args.output, &args.layout)?;
    Ok(jixiao::error::exit::OK)
}

/// Reads a document's JSON (`jixiao/form@1`, `jixiao/project-form@1`) at `path`; errors name the
/// file and the line and column.
pub(crate) fn read_document_json(path: &Path) -> Result<Document, jixiao::Error> {
    let bytes = std::fs::read(path).map_err(|e| jixiao::Error::unreadable(path, e.to_string()))?;
    // Windows editors save UTF-8 with a byte-order mark; it is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| json_error(path, &e))?;
    let format = value.get("format").and_then(serde_json::Value::as_str);
    if format.and_then(DocumentKind::from_format).is_none() {
        let known: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.format()).collect();
        return Err(jixiao::Error::unreadable(
            path,
            format!("format is {format:?}, expected one of {known:?}"),
        ));
    }
    if format == Some(FORMAT) {
        // The department form's own reader gives the line and column of a bad field.
        return read_form_json(path, bytes).map(Document::Department);
    }
    serde_json::from_slice(bytes).map_err(|e| json_error(path, &e))
}

fn json_error(path: &Path, e: &serde_json::Error) -> jixiao::Error {
    // serde_json ends its message with " at line L column C"; we say where first.
    let message = e.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    jixiao::Error::unreadable(
        path,
        format!("line {}, column {}: {message}", e.line(), e.column()),
    )
}

/// Reads the `jixiao/form@1` JSON `bytes` of `path`.
fn read_form_json(path: &Path, bytes: &[u8]) -> Result<Form, jixiao::Error> {
    let form: Form = serde_json::from_slice(bytes).map_err(|e| {
        // serde_json ends its message with " at line L column C"; we say where first.
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        jixiao::Error::unreadable(
            path,
            format!(
                "line {}, column {}: not a {FORMAT} form: {message}",
                e.line(),
                e.column()
            ),
        )
    })?;
    if form.format != FORMAT {
        return Err(jixiao::Error::unreadable(
            path,
            format!("format is {:?}, expected {FORMAT:?}", form.format),
        ));
    }
    Ok(form)
}

/// Exports the documents one input held to `output` ([`documents_xlsx`]), refusing to
/// overwrite `input`.
pub(crate) fn write_documents_as(
    documents: &[Document],
    input: &Path,
    output: &Path,
    layout: &LayoutArgs,
) -> anyhow::Result<()> {
    let output_layout = layout.output_layout();
    jixiao::io::ensure_not_input(output, input)?;
    let bytes = documents_xlsx(documents, output_layout, &layout.export_options())
        .map_err(|e| name_output(e, output))?;
    jixiao::io::write_atomic(output, &bytes)
        .with_context(|| format!("exporting {}", input.display()))?;
    Ok(())
}

/// Exports any document to `output` in the layout `layout` asks for, refusing to overwrite
/// `input`.
pub(crate) fn write_document_as(
    document: &Document,
    input: &Path,
    output: &Path,
    layout: &LayoutArgs,
) -> anyhow::Result<()> {
    let output_layout = layout.output_layout();
    jixiao::io::ensure_not_input(output, input)?;
    let bytes = document_xlsx(document, output_layout, &layout.export_options())
        .map_err(|e| name_output(e, output))?;
    jixiao::io::write_atomic(output, &bytes)
        .with_context(|| format!("exporting {}", input.display()))?;
    Ok(())
}
