//! `jixiao batch IN_DIR -o OUT_DIR [--jobs N] [--excel-csv]`

use std::io::IsTerminal;
use std::path::PathBuf;

use jixiao::batch::{run_batch, BatchOptions, Status};

/// Convert a whole folder of submissions: each to the canonical xlsx and JSON, plus tables.
///
/// Every file under IN_DIR (searched recursively; hidden files, LibreOffice's .~lock.*# and
/// Office's ~$* files skipped) is read by content, whatever its extension; one that is not a
/// form is listed as failed and the others go on. For IN_DIR/REL it writes OUT_DIR/REL.xlsx
/// and OUT_DIR/REL.json (a.xls → a.xls.xlsx, so a.xls and a.xlsx never collide), and in OUT_DIR:
///   indicators.csv  one row per indicator of every form (text, kind, op, value, unit of both values)
///   tasks.csv       one row per key task
///   summary.csv, summary.json  per file: ok|failed, check errors and warnings, why it failed
///
/// Nothing is written inside IN_DIR (except inside OUT_DIR when it lies there; it is then not
/// searched). The same folder gives byte-identical outputs whatever --jobs.
///
/// Exit codes: 0 all files converted (check errors are counted in the summary, not in the exit
/// code — run `jixiao check` for that), 1 a file failed, 3 IN_DIR cannot be read,
/// 4 OUT_DIR cannot be written (or is IN_DIR).
///
/// Example: jixiao batch 2025申报/ -o 2025转换/ --excel-csv
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The folder of submissions.
    in_dir: PathBuf,
    /// Where to write the outputs (created if missing).
    #[arg(short, long, value_name = "OUT_DIR")]
    output: PathBuf,
    /// Worker threads (default: one per CPU).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Write the CSV files as UTF-8 with a byte-order mark, which Excel needs to show Chinese.
    #[arg(long)]
    excel_csv: bool,
    /// canonical (default) or system: write each xlsx as the budget system's flat table.
    #[arg(long, value_enum, default_value_t = super::export::LayoutName::Canonical)]
    layout: super::export::LayoutName,
    /// With --layout system: the province's profile (templates/system.toml).
    #[arg(long, value_name = "ID")]
    profile: Option<String>,
    /// Give up on a file that takes longer than this many seconds (reported as failed).
    #[arg(long, value_name = "SECONDS", default_value_t = jixiao::batch::DEFAULT_FILE_TIMEOUT.as_secs_f64(), value_parser = parse_seconds)]
    file_timeout: f64,
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 1e9 => Ok(s),
        _ => Err(format!(
            "{text:?} is not a number of seconds greater than 0"
        )),
    }
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let options = BatchOptions {
        in_dir: args.in_dir.clone(),
        out_dir: args.output.clone(),
        jobs: args.jobs.map(usize::from),
        excel_csv: args.excel_csv,
        progress: std::io::stderr().is_terminal(),
        file_timeout: std::time::Duration::from_secs_f64(args.file_timeout),
        layout: super::export::LayoutArgs {
            layout: args.layout,
            profile: args.profile.clone(),
            normalize_values: false,
        }
        .output_layout(),
    };
    let summary = run_batch(&options)?;
    for file in &summary.files {
        if file.status == Status::Failed {
            let failed = jixiao::t!("batch.failed");
            let message = file.message.as_deref().unwrap_or(&failed);
            // file.file is escaped already; so is the folder here.
            let line = format!(
                "{}/{}: {message}",
                jixiao::escape::path(&args.in_dir).trim_end_matches('/'),
                file.file
            );
            eprintln!("{}", jixiao::t!("error.prefix", message = line));
        }
    }
    eprintln!("{}", summary.line(&args.output));
    Ok(summary.exit_code())
}
