//! `jixiao export FORM.json -o OUT.xlsx [--normalize-values]`
//!
//! Writes a form given as the `jixiao/form@1` JSON in the canonical layout.

use std::path::{Path, PathBuf};

use anyhow::Context;
use jixiao::model::{Form, FORMAT};
use jixiao::write::{export_xlsx, name_output, ExportOptions};

/// Write a form (jixiao/form@1 JSON) as the canonical 部门整体预算绩效目标申报表 xlsx.
///
/// Money is written as numbers in 万元 with the form's decimals; indicator values as their verbatim
/// text, or in the canonical notation with --normalize-values.
///
/// Example: jixiao export form.json -o 申报表.xlsx
#[derive(clap::Args)]
pub struct Args {
    /// The form as JSON (`jixiao import` output).
    pub input: PathBuf,
    /// The xlsx file to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Write indicator values in the canonical notation (≥18000家次) instead of verbatim.
    #[arg(long)]
    pub normalize_values: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let form = read_form_json(&args.input)?;
    write_xlsx(&form, &args.input, &args.output, args.normalize_values)?;
    Ok(jixiao::error::exit::OK)
}

/// Reads the `jixiao/form@1` JSON at `path`; errors name the file and the line and column.
pub(crate) fn read_form_json(path: &Path) -> Result<Form, jixiao::Error> {
    let bytes = std::fs::read(path).map_err(|e| jixiao::Error::unreadable(path, e.to_string()))?;
    // Windows editors save UTF-8 with a byte-order mark; it is not part of the JSON.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
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

/// Exports `form` to `output`, refusing to overwrite `input`.
pub(crate) fn write_xlsx(
    form: &Form,
    input: &Path,
    output: &Path,
    normalize_values: bool,
) -> anyhow::Result<()> {
    jixiao::io::ensure_not_input(output, input)?;
    let options = ExportOptions { normalize_values };
    let bytes = export_xlsx(form, &options).map_err(|e| name_output(e, output))?;
    jixiao::io::write_atomic(output, &bytes)
        .with_context(|| format!("exporting {}", input.display()))?;
    Ok(())
}
