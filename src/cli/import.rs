//! `jixiao import` — not yet implemented.

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<u8> {
    anyhow::bail!("`jixiao import` is not implemented yet")
}
