//! `jixiao check` — not yet implemented.

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<u8> {
    anyhow::bail!("`jixiao check` is not implemented yet")
}
