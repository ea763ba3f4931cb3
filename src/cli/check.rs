//! `jixiao check FILE... [--format human|json]`

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use jixiao::check::report::{self, FileReport};
use jixiao::check::{check, Severity};
use jixiao::error::exit;
use jixiao::model::{Form, Provenance};
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
    output: Option<std::path::PathBuf>,
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
    let options = ImportOptions { sheet: args.sheet };
    let color = args.format == Format::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let mut reports = Vec::new();
    let mut unreadable = false;
    for path in &args.files {
        let name = path.display().to_string();
        let report = match load(path, &options) {
            Ok((form, cells)) => FileReport::checked(name, check(&form, &cells)),
            Err(err) => {
                unreadable = true;
                // The report names the file; the reason need not name it again.
                let reason = match err.downcast_ref::<jixiao::Error>() {
                    Some(known) => known.message().to_string(),
                    None => format!("{err:#}"),
                };
                FileReport::unreadable(name, reason)
            }
        };
        match (&report.outcome, args.format) {
            (Ok(_), Format::Human) => super::emit(None, report::human(&report, color).as_bytes())?,
            // Why a file was not checked goes to stderr; in JSON it is also in the output.
            (Err(_), Format::Human) => {
                let color =
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                eprint!("{}", report::human(&report, color));
            }
            (Err(reason), Format::Json) => eprintln!("jixiao: {reason}"),
            (Ok(_), Format::Json) => {}
            // --format xlsx returned above, through review().
            (_, Format::Xlsx) => {}
        }
        reports.push(report);
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

/// `--format xlsx -o FILE`: the review workbook, and the one-line summary of each file on stderr.
fn review(args: Args) -> anyhow::Result<u8> {
    use jixiao::check::review::{review_xlsx, Reviewed};
    let Some(output) = &args.output else {
        return Err(jixiao::Error::unwritable(
            std::path::Path::new("-o"),
            jixiao::t!("write.needs_output"),
        )
        .into());
    };
    super::ensure_extension(output, true)?;
    for path in &args.files {
        jixiao::io::ensure_not_input(output, path)?;
    }
    let options = ImportOptions { sheet: args.sheet };
    let mut checked: Vec<(FileReport, Option<Form>)> = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        match load(path, &options) {
            Ok((form, cells)) => {
                checked.push((FileReport::checked(name, check(&form, &cells)), Some(form)))
            }
            Err(err) => {
                let reason = match err.downcast_ref::<jixiao::Error>() {
                    Some(known) => known.message().to_string(),
                    None => format!("{err:#}"),
                };
                checked.push((FileReport::unreadable(name, reason), None));
            }
        }
    }
    let files: Vec<Reviewed> = checked
        .iter()
        .map(|(report, form)| Reviewed {
            report,
            form: form.as_ref(),
        })
        .collect();
    let bytes =
        review_xlsx(&files).map_err(|e| jixiao::Error::unwritable(output, e.to_string()))?;
    super::emit(Some(output), &bytes)?;
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for (report, _) in &checked {
        // The summary line of each file (the last line of its human report).
        let human = report::human(report, color);
        if let Some(last) = human.lines().last() {
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

/// The form and its cells, through the importer (which also reads the JSON, with the cells
/// `import --cells` adds).
fn load(path: &Path, options: &ImportOptions) -> anyhow::Result<(Form, Provenance)> {
    let imported = read::open(path, options)?;
    super::warn_imported(path, &imported);
    Ok((imported.form, imported.cells))
}
