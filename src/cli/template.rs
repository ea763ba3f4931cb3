//! `jixiao template -o BLANK.xlsx [--kind department|project] [--department NAME] [--year YYYY]
//! [--rows N] [--protect]`
//!
//! Writes a blank form for a department to fill in.

use std::path::PathBuf;

use jixiao::write::{name_output, project_template_xlsx, template_xlsx, TemplateOptions};

/// Write a blank 部门整体预算绩效目标申报表 (or, with --kind project, 项目支出绩效目标申报表) for a
/// department to fill in.
///
/// The indicator table comes with empty rows under the standard 一级/二级指标, dropdowns for both
/// levels, input messages explaining the value notation, numbers-only money cells and a 填报说明
/// sheet. An untouched template imports as an empty form.
///
/// Example: jixiao template -o 空白申报表.xlsx --department 广州市工业和信息化局 --year 2025
///          jixiao template --kind project -o 项目申报表.xlsx --year 2025 --protect
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The xlsx file to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Which form: department (部门整体) or project (项目支出).
    #[arg(long, value_enum, default_value_t = Kind::Department)]
    pub kind: Kind,
    /// Pre-fill 部门名称 (a project form's 主管部门).
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
    /// A pre-filled 绩效自评表 from the approved target form given with --from (see `jixiao score`).
    #[arg(long, requires = "from")]
    pub self_evaluation: bool,
    /// The approved target form (any kind jixiao reads) the 自评表 is made from.
    #[arg(long, value_name = "APPROVED", requires = "self_evaluation")]
    pub from: Option<PathBuf>,
}

/// The blank forms `--kind` names.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 部门整体预算绩效目标申报表.
    Department,
    /// 项目支出绩效目标申报表.
    Project,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    super::ensure_extension(&args.output, true)?;
    if let (true, Some(from)) = (args.self_evaluation, &args.from) {
        return super::score::template(from, &args.output, args.protect);
    }
    let options = TemplateOptions {
        department: args.department,
        year: args.year,
        rows: usize::from(args.rows),
        protect: args.protect,
    };
    let bytes = match args.kind {
        Kind::Department => template_xlsx(&options),
        Kind::Project => project_template_xlsx(&options),
    }
    .map_err(|e| name_output(e, &args.output))?;
    super::emit(Some(&args.output), &bytes)?;
    Ok(jixiao::error::exit::OK)
}
