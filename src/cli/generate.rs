//! Hidden subcommands for packaging: the man page (clap_mangen) and shell completions
//! (clap_complete), generated from the same command tree the user sees, in the chosen language.
//! `.ci/run` writes them into target/assets/ before `cargo deb` packs them.

use std::path::PathBuf;

use clap::CommandFactory;
use jixiao::i18n::lang;

/// Print the man page (roff) of jixiao.
#[derive(clap::Args)]
pub struct ManArgs {
    /// Write it here instead of to stdout.
    #[arg(short, long, value_name = "FILE.1")]
    output: Option<PathBuf>,
}

/// Print the shell completion script of jixiao.
#[derive(clap::Args)]
pub struct CompletionArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
    /// Write it here instead of to stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

fn command() -> clap::Command {
    super::lang::localise(super::Cli::command(), lang())
}

pub fn man(args: ManArgs) -> anyhow::Result<u8> {
    // The man page's header takes one line: the version alone, the first line of the about.
    let command = command().version(jixiao::write::TOOL_VERSION);
    let about = command
        .get_about()
        .map(|a| a.to_string().lines().next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let mut bytes = Vec::new();
    clap_mangen::Man::new(command.about(about))
        .render(&mut bytes)
        .map_err(|e| jixiao::Error::unwritable_io(std::path::Path::new("-"), &e))?;
    super::emit(args.output.as_deref(), &bytes)?;
    Ok(jixiao::error::exit::OK)
}

pub fn completions(args: CompletionArgs) -> anyhow::Result<u8> {
    let mut bytes = Vec::new();
    clap_complete::generate(args.shell, &mut command(), "jixiao", &mut bytes);
    super::emit(args.output.as_deref(), &bytes)?;
    Ok(jixiao::error::exit::OK)
}
