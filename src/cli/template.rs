//! `jixiao template -o BLANK.xlsx [--department NAME] [--year YYYY] [--rows N] [--protect]`
//!
//! Writes a blank form for a department to fill in.

use std::path::PathBuf;

use jixiao::write::{name_output, template_xlsx, TemplateOptions};

/// Write a blank 部门整体预算绩效目标申报表 for a department to fill in.
///
/// The indicator table comes with empty rows under the standard 一级/二级指标, dropdowns for both
/// levels, input messages explaining the value notation, numbers-only money cells and a 填报说明
/// sheet. An untouched template imports as an empty form.
///
/// Example: jixiao template -o 空白申报表.xlsx --department 广州市工业和信息化局 --year 2025
#[derive(clap::Args)]
pub struct Args {
    /// The xlsx file to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Pre-fill 部门名称.
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
    /// Budget year, shown after the title as （2025年度）.
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(u16).range(1900..=2999))]
    pub year: Option<u16>,
    /// Empty indicator rows under each 二级指标.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=200))]
    pub rows: u16,
    /// Protect the sheet: labels locked, input cells editable (no password).
    #[arg(long)]
    pub protect: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let options = TemplateOptions {
        department: args.department,
        year: args.year,
        rows: usize::from(args.rows),
        protect: args.protect,
    };
    super::ensure_extension(&args.output, true)?;
    let bytes = template_xlsx(&options).map_err(|e| name_output(e, &args.output))?;
    super::emit(Some(&args.output), &bytes)?;
    Ok(jixiao::error::exit::OK)
}
