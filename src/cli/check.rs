//! `jixiao check FILE... [--format human|json]`

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use jixiao::check::report::{self, FileReport};
use jixiao::check::{check, Severity};
use jixiao::error::exit;
use jixiao::model::{Form, Provenance, FORMAT};
use jixiao::read::{self, ImportOptions};

const ABOUT: &str =
    "Check forms: budget arithmetic, key-task funds, required content, the indicator
framework, indicator values and money precision.

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
#[command(about = ABOUT, long_about = ABOUT)]
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

/// The form and its cells, through the importer; JSON the importer does not take yet is read
/// here (see [`from_json`]).
fn load(path: &Path, options: &ImportOptions) -> anyhow::Result<(Form, Provenance)> {
    // Say plainly that a file is missing, whatever the importer would make of it.
    std::fs::metadata(path).map_err(|e| jixiao::Error::unreadable(path, e.to_string()))?;
    match read::open(path, options) {
        Ok(imported) => Ok((imported.form, imported.cells)),
        Err(import_err) => {
            if !looks_like_json(path) {
                return Err(import_err.into());
            }
            let text = std::fs::read_to_string(path)
                .map_err(|e| jixiao::Error::unreadable(path, e.to_string()))?;
            from_json(&text).map_err(|e| jixiao::Error::not_the_form(path, e).into())
        }
    }
}

fn looks_like_json(path: &Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return true;
    }
    use std::io::Read;
    let mut head = [0u8; 64];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..read]);
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// A `jixiao/form@1` JSON form. A top-level `"cells"` object (field path → {"sheet", "cell"}, as
/// `import --cells` might add it) is taken as the provenance; it is optional.
fn from_json(text: &str) -> Result<(Form, Provenance), String> {
    let mut value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("not JSON: {e}"))?;
    let cells = match value.as_object_mut().and_then(|o| o.remove("cells")) {
        Some(cells) => {
            serde_json::from_value::<Provenance>(cells).map_err(|e| format!("\"cells\": {e}"))?
        }
        None => Provenance::new(),
    };
    let form: Form =
        serde_json::from_value(value).map_err(|e| format!("is not a {FORMAT} document: {e}"))?;
    if form.format != FORMAT {
        return Err(format!(
            "has format {:?}; this version reads {FORMAT:?}",
            form.format
        ));
    }
    Ok((form, cells))
}
