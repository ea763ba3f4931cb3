//! `jixiao diff`: what changed between two versions of a form.

use std::io::IsTerminal;
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
    let new = open(&args.new, &options)?;
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
    super::emit(None, text.as_bytes())?;
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
    // Values and cells come from the submissions: escaped, so that an escape sequence in a
    // cell cannot drive the reviewer's terminal.
    let clean = |s: &str| jixiao::escape::text(s).into_owned();
    let mut out = String::new();
    for c in changes {
        let value = match (&c.old, &c.new) {
            (Some(o), Some(n)) => format!("{} → {}", clean(o), clean(n)),
            (Some(o), None) => clean(o),
            (None, Some(n)) => clean(n),
            (None, None) => String::new(),
        };
        let cells = match (&c.old_cell, &c.new_cell) {
            (Some(o), Some(n)) if o == n => format!("  [{}]", clean(&o.to_string())),
            (Some(o), Some(n)) => {
                format!("  [{} → {}]", clean(&o.to_string()), clean(&n.to_string()))
            }
            (Some(o), None) => format!("  [{}]", clean(&o.to_string())),
            (None, Some(n)) => format!("  [{}]", clean(&n.to_string())),
            (None, None) => String::new(),
        };
        let note = if c.kind == ChangeKind::Notation {
            "（仅记法不同）"
        } else {
            ""
        };
        out.push_str(&paint(
            c.kind,
            &format!(
                "{} {}: {value}{note}{cells}\n",
                c.kind.mark(),
                clean(&c.label)
            ),
        ));
    }
    let count = |k: ChangeKind| changes.iter().filter(|c| c.kind == k).count();
    if changes.is_empty() {
        out.push_str("两份表内容相同。\n");
    } else {
        out.push_str(&format!(
            "共 {} 处不同：新增 {}，删除 {}，修改 {}，移动 {}，改名 {}，仅记法不同 {}。\n",
            changes.len(),
            count(ChangeKind::Added),
            count(ChangeKind::Removed),
            count(ChangeKind::Changed),
            count(ChangeKind::Moved),
            count(ChangeKind::Renamed),
            count(ChangeKind::Notation),
        ));
    }
    out
}
