//! `jixiao diff`: what changed between two versions of a form.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use jixiao::diff::{diff, Change, ChangeKind};
use jixiao::error::exit;
use jixiao::read::{open, ImportOptions};

/// Compare two versions of a form: what a department changed when it resubmitted.
///
/// OLD and NEW may each be any format import accepts, or jixiao's JSON: a legacy export
/// against our canonical xlsx works. Indicators are matched by (一级, 二级, 三级), key tasks
/// by name; renamed and moved indicators are recognised, and a value rewritten in another
/// notation that means the same (>=18000家次 → ≥18000家次) is listed apart.
///
/// Marks: + added, - removed, ~ changed, > moved, % renamed, = notation only.
/// Exit code: 0 when the forms are equal, 1 when they differ.
///
/// Examples:
///   jixiao diff 2025-第一版.xlsx 2025-第二版.xlsx
///   jixiao diff old.json new.xlsx --format json
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The earlier version.
    old: PathBuf,
    /// The later version.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let options = ImportOptions::default();
    let old = open(&args.old, &options)?;
    super::warn_imported(&args.old, &old);
    let new = open(&args.new, &options)?;
    super::warn_imported(&args.new, &new);
    let changes = diff(&old.form, &old.cells, &new.form, &new.cells);
    let text = match args.format {
        Format::Json => {
            let mut text =
                serde_json::to_string_pretty(&serde_json::json!({ "changes": changes }))?;
            text.push('\n');
            text
        }
        Format::Human => human(&changes, std::io::stdout().is_terminal()),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    Ok(if changes.is_empty() {
        exit::OK
    } else {
        exit::FINDINGS
    })
}

fn human(changes: &[Change], color: bool) -> String {
    let paint = |kind: ChangeKind, s: &str| -> String {
        if !color {
            return s.to_string();
        }
        let code = match kind {
            ChangeKind::Added => "32",
            ChangeKind::Removed => "31",
            ChangeKind::Changed => "33",
            ChangeKind::Moved | ChangeKind::Renamed => "36",
            ChangeKind::Notation => "2",
        };
        format!("\x1b[{code}m{s}\x1b[0m")
    };
    let mut out = String::new();
    for c in changes {
        let value = match (&c.old, &c.new) {
            (Some(o), Some(n)) => format!("{o} → {n}"),
            (Some(o), None) => o.clone(),
            (None, Some(n)) => n.clone(),
            (None, None) => String::new(),
        };
        let cells = match (&c.old_cell, &c.new_cell) {
            (Some(o), Some(n)) if o == n => format!("  [{o}]"),
            (Some(o), Some(n)) => format!("  [{o} → {n}]"),
            (Some(o), None) => format!("  [{o}]"),
            (None, Some(n)) => format!("  [{n}]"),
            (None, None) => String::new(),
        };
        let note = if c.kind == ChangeKind::Notation {
            jixiao::t!("diff.notation_only")
        } else {
            String::new()
        };
        out.push_str(&paint(
            c.kind,
            &format!("{} {}: {value}{note}{cells}\n", c.kind.mark(), c.label),
        ));
    }
    let count = |k: ChangeKind| changes.iter().filter(|c| c.kind == k).count();
    if changes.is_empty() {
        out.push_str(&jixiao::t!("diff.same"));
        out.push('\n');
    } else {
        out.push_str(&jixiao::t!(
            "diff.summary",
            total = changes.len(),
            added = count(ChangeKind::Added),
            removed = count(ChangeKind::Removed),
            changed = count(ChangeKind::Changed),
            moved = count(ChangeKind::Moved),
            renamed = count(ChangeKind::Renamed),
            notation = count(ChangeKind::Notation),
        ));
        out.push('\n');
    }
    out
}
