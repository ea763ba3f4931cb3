//! `jixiao export FORM.json -o OUT.xlsx [--normalize-values]`
//!
//! Writes a form given as the `jixiao/form@1` JSON in the canonical layout.

use std::path::{Path, PathBuf};

use anyhow::Context;
use jixiao::io::Destination;
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
    let destination = Destination::plan(&args.output)?;
    jixiao::io::ensure_distinct(&[&destination], &[&args.input])?;
    let form = read_form_json(&args.input)?;
    write_xlsx_to(&form, &args.input, &destination, args.normalize_values)?;
    Ok(jixiao::error::exit::OK)
}

/// Reads the `jixiao/form@1` JSON at `path`; errors name the file and the line and column.
pub(crate) fn read_form_json(path: &Path) -> Result<Form, jixiao::Error> {
    // Capped before parsing; a byte-order mark (Windows editors write one) is dropped.
    let bytes = jixiao::read::read_json(path)?;
    let form: Form = serde_json::from_slice(&bytes).map_err(|e| {
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

/// Exports `form` to a destination already checked against the inputs.
pub(crate) fn write_xlsx_to(
    form: &Form,
    input: &Path,
    destination: &Destination,
    normalize_values: bool,
) -> anyhow::Result<()> {
    let options = ExportOptions { normalize_values };
    let bytes = export_xlsx(form, &options).map_err(|e| name_output(e, destination.path()))?;
    // The canonical layout writes one goal per line (issue 14 item 11, not yet carried).
    for (i, goal) in form.overall_goals.iter().enumerate() {
        if goal.contains('\n') {
            eprintln!("jixiao: 警告: overall_goals[{i}]: 目标中含换行，读回时会按行拆成多条目标");
        }
    }
    for (field, value) in jixiao::write::money_written_as_text(form) {
        eprintln!(
            "jixiao: 警告: {field}: 金额 {value} 的有效数字超过 xlsx 数字能精确保存的 15 位，已按文本写入（读回不变）"
        );
    }
    destination
        .write(&bytes)
        .with_context(|| format!("exporting {}", jixiao::escape::path(input)))?;
    Ok(())
}
