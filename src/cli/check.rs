//! `jixiao check FILE... [--format human|json]`

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use jixiao::check::report::{self, FileReport};
use jixiao::check::{check_document, Severity};
use jixiao::error::exit;
use jixiao::model::Document;
use jixiao::read::{self, ImportOptions};

const ABOUT: &str = "Check forms, with diagnostics that point at cells";

const LONG_ABOUT: &str = "Check forms: budget arithmetic, key-task funds, required content, the
indicator framework, indicator values and money precision.

Each finding names its file and cell, a stable code and a Chinese message with the numbers.
Exit codes: 0 no errors (warnings allowed), 1 a file has errors, 3 a file cannot be read
(the other files are still checked and reported).";

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style lines, colored on a terminal.
    Human,
    /// {"files":[{"file":…, "diagnostics":[…]}]}
    Json,
    /// 审核意见表: a printable review sheet per department (needs -o FILE.xlsx).
    Xlsx,
}

#[derive(clap::Args)]
#[command(about = ABOUT, long_about = LONG_ABOUT)]
pub struct Args {
    /// Forms to check: spreadsheets (xlsx, xls, ods) or jixiao/form@1 JSON.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Read this sheet instead of searching for the one that holds the form.
    #[arg(long)]
    sheet: Option<String>,
    /// Write the review sheet (--format xlsx) to this file.
    #[arg(short, long, value_name = "FILE.xlsx")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    if args.format == Format::Xlsx {
        return review(args);
    }
    if let Some(output) = &args.output {
        return Err(
            jixiao::Error::unwritable(output, jixiao::t!("write.output_needs_xlsx")).into(),
        );
    }
    let options = ImportOptions {
        sheet: args.sheet,
        ..ImportOptions::default()
    };
    let color = args.format == Format::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let mut reports = Vec::new();
    let mut unreadable = false;
    for path in &args.files {
        let reports_of_file = match diagnose(path, &options) {
            Ok(checked) => checked.into_iter().map(|(report, _)| report).collect(),
            Err(report) => {
                unreadable = true;
                vec![report]
            }
        };
        for report in reports_of_file {
            match (&report.outcome, args.format) {
                (Ok(_), Format::Human) => {
                    super::emit(None, report::human(&report, color).as_bytes())?
                }
                // Why a file was not checked goes to stderr; in JSON it is also in the output.
                (Err(_), Format::Human) => {
                    let color =
                        std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                    eprint!("{}", report::human(&report, color));
                }
                (Err(reason), Format::Json) => {
                    eprintln!("{}", jixiao::t!("error.prefix", message = reason))
                }
                (Ok(_), Format::Json) => {}
                // --format xlsx returned above, through review().
                (_, Format::Xlsx) => {}
            }
            reports.push(report);
        }
    }
    if args.format == Format::Json {
        let mut text = serde_json::to_string_pretty(&report::json(&reports))?;
        text.push('\n');
        super::emit(None, text.as_bytes())?;
    }
    let errors = reports.iter().any(|r| r.count(Severity::Error) > 0);
    Ok(if unreadable {
        exit::INPUT
    } else if errors {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// Every form of the file with its findings (a file of several forms reports each under its own
/// name), or the report of a file that cannot be read.
fn diagnose(
    path: &Path,
    options: &ImportOptions,
) -> Result<Vec<(FileReport, Document)>, FileReport> {
    let name = jixiao::escape::path(path);
    let documents = read::open_documents(path, options)
        .map_err(|err| FileReport::unreadable(name.clone(), err.message()))?;
    let several = documents.len() > 1;
    Ok(documents
        .into_iter()
        .map(|d| {
            super::warn_imported(path, &d.warnings);
            let name = if several {
                format!("{name}[{}]", d.document.display_name())
            } else {
                name.clone()
            };
            let found = check_document(&d.document, &d.cells);
            (FileReport::checked(name, found), d.document)
        })
        .collect())
}

/// `--format xlsx -o FILE`: the review workbook, and each file's summary line on stderr.
fn review(args: Args) -> anyhow::Result<u8> {
    use jixiao::check::review::{review_xlsx, Reviewed};
    let Some(output) = &args.output else {
        return Err(
            jixiao::Error::unwritable(Path::new("-o"), jixiao::t!("write.needs_output")).into(),
        );
    };
    super::ensure_extension(output, true)?;
    let destination = jixiao::io::Destination::plan(output)?;
    let inputs: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    jixiao::io::ensure_distinct(&[&destination], &inputs)?;
    let options = ImportOptions {
        sheet: args.sheet,
        ..ImportOptions::default()
    };
    let mut checked: Vec<(FileReport, Option<Document>)> = Vec::new();
    for path in &args.files {
        match diagnose(path, &options) {
            Ok(forms) => checked.extend(forms.into_iter().map(|(r, d)| (r, Some(d)))),
            Err(report) => checked.push((report, None)),
        }
    }
    let files: Vec<Reviewed> = checked
        .iter()
        .map(|(report, document)| Reviewed {
            report,
            document: document.as_ref(),
        })
        .collect();
    let bytes =
        review_xlsx(&files).map_err(|e| jixiao::Error::unwritable(output, e.to_string()))?;
    destination.write(&bytes)?;
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for (report, _) in &checked {
        // Each file's summary line: the last line of its human report.
        if let Some(last) = report::human(report, color).lines().last() {
            eprintln!("{last}");
        }
    }
    let unreadable = checked.iter().any(|(r, _)| r.outcome.is_err());
    let errors = checked.iter().any(|(r, _)| r.count(Severity::Error) > 0);
    Ok(if unreadable {
        exit::INPUT
    } else if errors {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
