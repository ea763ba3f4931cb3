//! Subcommands, one file each: its usage text at the top, a thin `run` that calls the library.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use jixiao::error::exit;
use jixiao::i18n::{self, Lang};

mod batch;
mod check;
mod convert;
mod diff;
mod export;
mod generate;
mod import;
mod lang;
mod schema;
mod score;
#[cfg(feature = "serve")]
mod serve;
mod template;
mod value;

const ABOUT: &str = "jixiao (绩效): 部门整体预算绩效目标申报表 ⇄ structured data

Reads the form from any spreadsheet (xlsx, xls, ods; legacy exports and hand-made variants),
writes the canonical layout and blank templates, checks, and converts to JSON.

Exit codes: 0 success, 1 findings (check errors, diff differences), 2 usage,
3 an input cannot be read or is not the form, 4 an output cannot be written,
5 the input's kind of form has no canonical xlsx yet (convert a 项目支出 form or a 自评表).";

#[derive(Parser)]
#[command(name = "jixiao", version, about = ABOUT, long_about = ABOUT)]
struct Cli {
    /// The language of messages and help: zh (Chinese) or en (English); default from LANG/LC_ALL.
    #[arg(long, global = true, value_name = "zh|en", value_parser = lang::parse_lang_arg)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Value(value::Args),
    Schema(schema::Args),
    Import(import::Args),
    Export(export::Args),
    Convert(convert::Args),
    Template(template::Args),
    Check(check::Args),
    Diff(diff::Args),
    Batch(batch::Args),
    #[command(hide = true)]
    Manpage(generate::ManArgs),
    #[command(hide = true)]
    Completions(generate::CompletionArgs),
    Score(score::Args),
    #[cfg(feature = "serve")]
    Serve(serve::Args),
}

pub fn main() -> ExitCode {
    // A third-party reader that panics on a damaged file is caught and reported as one line;
    // its panic message would only add noise. Every other panic is a bug and is shown.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !jixiao::read::in_guarded_reader() {
            default_hook(info);
        }
    }));
    // Temporaries a killed run left are told from a live run's by this time.
    jixiao::io::mark_run_start();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = lang::choose(&args);
    i18n::set_lang(lang);
    let mut command = lang::localise(Cli::command(), lang);
    // Matched in place, not on a clone (0.14 M instructions a run): the usage error and the
    // help below print from the same command.
    let matches = match command.try_get_matches_from_mut(&args) {
        Ok(matches) => matches,
        Err(err) => return lang::usage_error(err, command, lang),
    };
    if let Some(("help", help)) = matches.subcommand() {
        let name = help.get_one::<String>("command").map(String::as_str);
        return lang::print_help(&mut command, name);
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => return lang::usage_error(err, command, lang),
    };
    let result = match cli.command {
        Command::Value(args) => value::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Import(args) => import::run(args),
        Command::Export(args) => export::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Template(args) => template::run(args),
        Command::Check(args) => check::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Manpage(args) => generate::man(args),
        Command::Completions(args) => generate::completions(args),
        Command::Score(args) => score::run(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader of stdout went away (`| head -1`): it has what it wanted.
        Err(err) if is_output_closed(&err) => ExitCode::from(exit::OK),
        Err(err) => {
            eprintln!(
                "{}",
                jixiao::t!("error.prefix", message = format!("{err:#}"))
            );
            ExitCode::from(exit_code_of(&err))
        }
    }
}

/// The library's errors carry their exit code; anything else is about reading an input.
fn exit_code_of(err: &anyhow::Error) -> u8 {
    err.chain()
        .find_map(|cause| cause.downcast_ref::<jixiao::Error>())
        .map(jixiao::Error::exit_code)
        .unwrap_or(exit::INPUT)
}

fn is_output_closed(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<jixiao::Error>(),
            Some(jixiao::Error::OutputClosed { .. })
        ) || cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes to `-o FILE` ([`jixiao::io::write_output`]: atomically for a file, directly for a
/// device; `-` is stdout) or to stdout.
pub(crate) fn emit(output: Option<&std::path::Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match output {
        Some(path) => jixiao::io::write_output(path, bytes)?,
        None => jixiao::io::write_stdout(bytes)?,
    }
    Ok(())
}

/// Refuses an output name whose extension says another format than the one written: an xlsx
/// named `.json` (or `.csv`), a JSON named `.xlsx` (or `.xls`, `.ods`).
pub(crate) fn ensure_extension(path: &std::path::Path, writes_xlsx: bool) -> anyhow::Result<()> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let wrong = if writes_xlsx {
        matches!(ext.as_str(), "json" | "csv" | "txt")
    } else {
        matches!(ext.as_str(), "xlsx" | "xls" | "xlsm" | "ods" | "csv")
    };
    if wrong {
        let message = if writes_xlsx {
            jixiao::t!("write.extension_json", ext = ext)
        } else {
            jixiao::t!("write.extension_xlsx", ext = ext)
        };
        return Err(jixiao::Error::unwritable(path, message).into());
    }
    Ok(())
}

/// Tells the user what the reader corrected (one line each, on stderr).
pub(crate) fn warn_imported(path: &std::path::Path, warnings: &[String]) {
    for warning in warnings {
        eprintln!(
            "{}",
            jixiao::t!(
                "error.prefix",
                message = format!("{}: {warning}", path.display())
            )
        );
    }
}
