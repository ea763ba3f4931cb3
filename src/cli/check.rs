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
}

pub fn run(args: Args) -> anyhow::Result<u8> {
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
        let name = jixiao::escape::path(path);
        let report = match diagnose(path, &options) {
            Ok(found) => FileReport::checked(name, found),
            Err(err) => {
                unreadable = true;
                FileReport::unreadable(name, format!("{err:#}"))
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

/// The findings on the file's form: a self-evaluation's own checks (src/check/self_evaluation.rs)
/// for a 绩效自评表, the department form's otherwise.
fn diagnose(
    path: &Path,
    options: &ImportOptions,
) -> anyhow::Result<Vec<jixiao::check::Diagnostic>> {
    use jixiao::model::Document;
    if let Ok(documents) = read::open_documents(path, options) {
        if let [only] = documents.as_slice() {
            match &only.document {
                Document::SelfEvaluation(e) => {
                    return Ok(jixiao::check::check_self_evaluation(e, &only.cells))
                }
                Document::Department(form) => return Ok(check(form, &only.cells)),
                Document::Project(_) => {}
            }
        }
    }
    // Anything else is read as the department form, whose reader says what the file is.
    let (form, cells) = load(path, options)?;
    Ok(check(&form, &cells))
}

/// The form and its cells, through the importer (which also reads the JSON, with the cells
/// `import --cells` adds).
fn load(path: &Path, options: &ImportOptions) -> anyhow::Result<(Form, Provenance)> {
    let imported = read::open(path, options)?;
    Ok((imported.form, imported.cells))
}
