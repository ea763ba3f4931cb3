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
    super::ensure_extension(&args.output, true)?;
    let form = read_form_json(&args.input)?;
    write_xlsx(&form, &args.input, &args.output, args.normalize_values)?;
    Ok(jixiao::error::exit::OK)
}

/// Reads the `jixiao/form@1` JSON at `path`; errors name the file and the line and column.
pub(crate) fn read_form_json(path: &Path) -> Result<Form, jixiao::Error> {
    // The library's JSON contract (jixiao::read::json): a byte-order mark ignored, values that
    // need only their text, errors with the JSON path.
    let bytes = std::fs::read(path).map_err(|e| jixiao::Error::unreadable_io(path, &e))?;
    let (form, _cells, warnings) = jixiao::read::json::parse(&bytes).map_err(|message| {
        jixiao::Error::unreadable(
            path,
            jixiao::t!("read.json_not_form", format = FORMAT, detail = message),
        )
    })?;
    for warning in warnings {
        eprintln!(
            "{}",
            jixiao::t!(
                "error.prefix",
                message = format!("{}: {warning}", path.display())
            )
        );
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
        .with_context(|| jixiao::t!("write.exporting", input = input.display()))?;
    Ok(())
}
