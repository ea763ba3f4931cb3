//! The language of the command line: chosen before parsing (so `--help` and usage errors are in
//! it), and the clap command tree localised at run time from `templates/messages.toml`.
//!
//! English help is the derive's doc comments; Chinese help is the catalog's `[help.<command>]`
//! tables (about, long_about and one entry per argument id), with clap's own words (用法, 参数,
//! 选项, 默认) replaced as well. Usage errors in Chinese are rendered from clap's error context.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Command};
use jixiao::error::exit;
use jixiao::i18n::{self, Lang};
use jixiao::t;

/// `--lang zh|en` (or `--lang=…`) anywhere before a `--`; else the locale.
pub fn choose(args: &[OsString]) -> Lang {
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let value = if arg == "--lang" {
            iter.next().map(|v| v.to_string())
        } else {
            arg.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(lang) = value.as_deref().and_then(Lang::parse) {
            return lang;
        }
    }
    Lang::from_env()
}

/// The value parser of `--lang`.
pub fn parse_lang_arg(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| "zh, en".to_string())
}

/// What `--version` prints after the name.
pub fn version_text(lang: Lang) -> String {
    let kinds: Vec<String> = jixiao::model::DocumentKind::ALL
        .iter()
        .map(|k| format!("{} ({})", k.title(), k.format()))
        .collect();
    let kinds = kinds.join(i18n::text_in(lang, "version.separator"));
    i18n::fill_in(
        lang,
        "version.text",
        &[
            ("version", &jixiao::write::TOOL_VERSION),
            ("format", &jixiao::model::FORMAT),
            ("layout", &jixiao::layout::LAYOUT_VERSION),
            ("kinds", &kinds),
        ],
    )
}

/// The command tree in `lang`: the version text, a `help` subcommand whose words are ours, and
/// in Chinese every about, argument help and heading.
pub fn localise(command: Command, lang: Lang) -> Command {
    let version = version_text(lang);
    let command = command
        .version(version.clone())
        .long_version(version)
        .disable_help_subcommand(true)
        .subcommand(
            Command::new("help")
                .about(i18n::text_in(lang, "clap.help_command"))
                .arg(Arg::new("command").value_name("COMMAND").num_args(0..=1)),
        )
        .mut_arg("lang", |a| a.help(i18n::text_in(lang, "clap.lang")));
    match lang {
        Lang::En => command,
        Lang::Zh => localise_zh(command, ""),
    }
}

/// The Chinese help of `command`, whose catalog name is `path` (`""` for jixiao).
fn localise_zh(mut command: Command, path: &str) -> Command {
    let key = if path.is_empty() { "" } else { path };
    if let Some(about) = i18n::help(key, "about") {
        command = command.about(about);
    }
    if let Some(long) = i18n::help(key, "long_about") {
        command = command.long_about(long);
    }
    let is_root = path.is_empty();
    command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
            i18n::text_in(Lang::Zh, "clap.usage_heading")
        ))
        .subcommand_help_heading(heading(COMMANDS))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(i18n::text_in(Lang::Zh, "clap.help"))
                .global(false),
        );
    if is_root {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(i18n::text_in(Lang::Zh, "clap.version")),
        );
    }
    command = command.mut_args(|arg| {
        let id = arg.get_id().as_str().to_string();
        let mut arg = arg;
        if let Some(help) = i18n::help(key, &id).or_else(|| i18n::help("", &id)) {
            arg = arg.help(help.to_string()).long_help(None::<&str>);
        }
        // clap's "[default: …]" and "[possible values: …]", in Chinese.
        let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        let takes_value = !matches!(
            arg.get_action(),
            ArgAction::SetTrue
                | ArgAction::SetFalse
                | ArgAction::Count
                | ArgAction::Help
                | ArgAction::Version
        );
        if takes_value {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() {
                help.push(' ');
                help.push_str(&i18n::fill_in(
                    Lang::Zh,
                    "clap.values",
                    &[("values", &values.join("、"))],
                ));
            }
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() {
                help.push(' ');
                help.push_str(&i18n::fill_in(
                    Lang::Zh,
                    "clap.default",
                    &[("value", &defaults.join("、"))],
                ));
            }
        }
        let heading = if arg.is_positional() {
            heading(ARGUMENTS)
        } else {
            heading(OPTIONS)
        };
        let arg = arg.help(help).help_heading(heading);
        if takes_value {
            arg.hide_default_value(true).hide_possible_values(true)
        } else {
            arg
        }
    });
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = name.clone();
        command = command.mut_subcommand(&name, |sub| localise_zh(sub, &sub_path));
    }
    command
}

// The headings' keys (named here so the catalog test sees them: i18n::text("clap.arguments"),
// i18n::text("clap.options"), i18n::text("clap.commands")).
const ARGUMENTS: &str = "clap.arguments";
const OPTIONS: &str = "clap.options";
const COMMANDS: &str = "clap.commands";

/// A catalog heading without its colon (clap adds one).
fn heading(key: &str) -> String {
    i18n::text_in(Lang::Zh, key)
        .trim_end_matches(['：', ':'])
        .to_string()
}

/// Prints a parsing outcome that is not a command: help, version, or a usage error (exit 2).
pub fn usage_error(err: clap::Error, mut command: Command, lang: Lang) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            return ExitCode::from(exit::OK);
        }
        _ => {}
    }
    if lang == Lang::En {
        let _ = err.print();
        return ExitCode::from(exit::USAGE);
    }
    let context = |kind: ContextKind| err.get(kind).map(|v| format!("'{v}'"));
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let mut message = match err.kind() {
        ErrorKind::UnknownArgument => t!("usage.unknown_argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!(
            "usage.invalid_subcommand",
            name = context(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => t!(
            "usage.invalid_value",
            arg = arg,
            value = context(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => t!(
            "usage.missing_required",
            args = err
                .get(ContextKind::InvalidArg)
                .map(|v| v.to_string())
                .unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => t!(
            "usage.conflict",
            arg = arg,
            other = context(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            t!("usage.missing_subcommand")
        }
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t!("usage.no_value", arg = arg)
        }
        ErrorKind::InvalidUtf8 => t!("usage.not_utf8"),
        _ => t!("usage.other"),
    };
    // A value parser's own reason (an unknown --profile lists the known ones).
    if err.kind() == ErrorKind::ValueValidation {
        if let Some(reason) = std::error::Error::source(&err) {
            message.push_str(&t!("usage.reason", reason = reason));
        }
    }
    if let Some(valid) = err.get(ContextKind::ValidValue) {
        message.push_str(&t!("usage.possible", values = valid.to_string()));
    }
    let suggestion = err
        .get(ContextKind::SuggestedArg)
        .or_else(|| err.get(ContextKind::SuggestedSubcommand));
    if let Some(suggestion) = suggestion {
        message.push_str(&t!("usage.suggest", suggestion = format!("'{suggestion}'")));
    }
    let usage = match err.get(ContextKind::Usage) {
        Some(usage) => usage.to_string(),
        None => command.render_usage().to_string(),
    };
    let usage = usage
        .split_once(':')
        .map_or(usage.as_str(), |(_, u)| u)
        .trim()
        .to_string();
    eprintln!("{}", t!("usage.error", message = message));
    eprintln!();
    eprintln!("{}", t!("usage.usage", usage = usage));
    eprintln!();
    eprintln!("{}", t!("usage.more", command = "jixiao"));
    ExitCode::from(exit::USAGE)
}

/// `jixiao help [COMMAND]`: the help of jixiao or of one subcommand.
pub fn print_help(command: &mut Command, name: Option<&str>) -> ExitCode {
    let program = command
        .get_bin_name()
        .unwrap_or(command.get_name())
        .to_string();
    let target = match name {
        None => Some(command),
        Some(name) => match command.find_subcommand_mut(name) {
            Some(sub) => {
                // Its usage line names the program too, as `jixiao import --help` prints it.
                let full = format!("{program} {}", sub.get_name());
                sub.set_bin_name(full);
                Some(sub)
            }
            None => None,
        },
    };
    match target {
        Some(target) => {
            let _ = target.print_long_help();
            ExitCode::from(exit::OK)
        }
        None => {
            eprintln!(
                "{}",
                t!(
                    "usage.error",
                    message = t!(
                        "usage.invalid_subcommand",
                        name = format!("'{}'", name.unwrap_or_default())
                    )
                )
            );
            ExitCode::from(exit::USAGE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every subcommand and argument of the command line has its Chinese help, and every entry
    /// of the catalog's [help] names one that exists (no stale entries).
    #[test]
    fn every_command_and_argument_has_chinese_help_and_none_is_stale() {
        let command = localise(super::super::Cli::command(), Lang::En);
        let mut missing = Vec::new();
        let mut known = std::collections::BTreeMap::new();
        let mut visit = |path: &str, command: &Command| {
            let mut ids: Vec<String> = vec!["about".into(), "long_about".into()];
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if ["help", "version"].contains(&id) || arg.is_global_set() && !path.is_empty() {
                    continue;
                }
                ids.push(id.to_string());
                if i18n::help(path, id).is_none() {
                    missing.push(format!(
                        "[help.{}] {id}",
                        if path.is_empty() { "_" } else { path }
                    ));
                }
            }
            if i18n::help(path, "about").is_none() {
                missing.push(format!("[help.{path}] about"));
            }
            known.insert(path.to_string(), ids);
        };
        visit("", &command);
        for sub in command.get_subcommands() {
            visit(sub.get_name(), sub);
        }
        assert!(missing.is_empty(), "Chinese help missing: {missing:#?}");
        for (path, texts) in &i18n::catalog().help {
            let ids = known
                .get(path)
                .unwrap_or_else(|| panic!("[help.{path}] names no subcommand"));
            for id in texts.keys() {
                assert!(ids.contains(id), "[help.{path}] {id} names no argument");
            }
        }
    }

    #[test]
    fn the_chinese_command_tree_is_valid() {
        // clap's debug assertions run when the tree is built.
        let mut command = localise(super::super::Cli::command(), Lang::Zh);
        command.build();
        let help = command.render_long_help().to_string();
        assert!(
            help.contains("用法：") && help.contains("显示帮助"),
            "{help}"
        );
    }

    #[test]
    fn lang_is_taken_from_the_arguments_before_the_environment() {
        let args = |list: &[&str]| -> Vec<OsString> { list.iter().map(OsString::from).collect() };
        assert_eq!(
            choose(&args(&["jixiao", "--lang", "zh", "check"])),
            Lang::Zh
        );
        assert_eq!(choose(&args(&["jixiao", "check", "--lang=en"])), Lang::En);
        assert_eq!(
            choose(&args(&["jixiao", "value", "--", "--lang=zh"])).code(),
            Lang::from_env().code(),
            "after -- it is a value"
        );
    }
}
