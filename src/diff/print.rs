//! Printing a diff for people, in the texts of `templates/diff.toml`.
//!
//! ```
//! use jixiao::diff::{diff, print};
//! use jixiao::model::Form;
//!
//! let form = Form::default();
//! let changes = diff(&form, &Default::default(), &form, &Default::default());
//! // English unless told otherwise; `jixiao diff` speaks the language of --lang or the locale.
//! assert_eq!(print::human(&changes, false), "The two forms are the same.\n");
//! jixiao::i18n::set_lang(jixiao::i18n::Lang::Zh);
//! assert_eq!(print::human(&changes, false), "两份表内容相同。\n");
//! ```

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::{Change, ChangeKind};
use crate::i18n::{Bilingual, Lang};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Report {
    pub line: Bilingual,
    pub value_changed: Bilingual,
    pub cells_one: Bilingual,
    pub cells_changed: Bilingual,
    pub notation_note: Bilingual,
    pub equal: Bilingual,
    pub summary: Bilingual,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Places {
    pub title: Bilingual,
    pub paragraph: Bilingual,
    pub key_task_name: Bilingual,
    pub task_with_funds: Bilingual,
    pub two_values: Bilingual,
}

/// The texts of `templates/diff.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Texts {
    pub report: Report,
    pub places: Places,
}

/// The texts, loaded on first use. They are compiled in (as JSON made of the TOML), so a failure
/// here is a bug in `templates/diff.toml` that the unit tests catch.
pub(crate) fn texts() -> &'static Texts {
    static TEXTS: LazyLock<Texts> = LazyLock::new(|| crate::shipped::DIFF.read());
    &TEXTS
}

/// `template` with each `{name}` replaced by its value.
/// One pass over the template, so a value that itself holds `{…}` (cell text does) is left as
/// it is.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                text.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

/// The changes for a terminal or a log: one line each (`~ 标题: 甲 → 乙  [A1]`), then a summary.
/// With `color`, each line is coloured by its kind (ANSI escapes).
pub fn human(changes: &[Change], color: bool) -> String {
    let r = &texts().report;
    // Values, labels and cells come from the submissions: escaped, so that an escape sequence
    // in a cell cannot drive the reviewer's terminal.
    let clean = |s: &str| crate::escape::text(s).into_owned();
    let mut out = String::new();
    for c in changes {
        let value = match (&c.old, &c.new) {
            (Some(o), Some(n)) => fill(
                r.value_changed.get(),
                &[("old", &clean(o)), ("new", &clean(n))],
            ),
            (Some(o), None) => clean(o),
            (None, Some(n)) => clean(n),
            (None, None) => String::new(),
        };
        let cells = match (&c.old_cell, &c.new_cell) {
            (Some(o), Some(n)) if o == n => fill(r.cells_one.get(), &[("cell", &clean(o))]),
            (Some(o), Some(n)) => fill(
                r.cells_changed.get(),
                &[("old", &clean(o)), ("new", &clean(n))],
            ),
            (Some(cell), None) | (None, Some(cell)) => {
                fill(r.cells_one.get(), &[("cell", &clean(cell))])
            }
            (None, None) => String::new(),
        };
        let note = if c.kind == ChangeKind::Notation {
            r.notation_note.get()
        } else {
            ""
        };
        let line = fill(
            r.line.get(),
            &[
                ("mark", c.kind.mark()),
                ("label", &clean(&c.label)),
                ("value", &value),
                ("note", note),
                ("cells", &cells),
            ],
        );
        // The newline inside the colour, as before the printer moved here.
        out.push_str(&paint(color, c.kind, &(line + "\n")));
    }
    if changes.is_empty() {
        out.push_str(r.equal.get());
    } else {
        let count = |k: ChangeKind| changes.iter().filter(|c| c.kind == k).count().to_string();
        let summary = match (&r.summary.en_one, crate::i18n::lang(), changes.len()) {
            (Some(one), Lang::En, 1) => one.as_str(),
            _ => r.summary.get(),
        };
        out.push_str(&fill(
            summary,
            &[
                ("total", &changes.len().to_string()),
                ("added", &count(ChangeKind::Added)),
                ("removed", &count(ChangeKind::Removed)),
                ("changed", &count(ChangeKind::Changed)),
                ("moved", &count(ChangeKind::Moved)),
                ("renamed", &count(ChangeKind::Renamed)),
                ("notation", &count(ChangeKind::Notation)),
            ],
        ));
    }
    out.push('\n');
    out
}

fn paint(color: bool, kind: ChangeKind, line: &str) -> String {
    if !color {
        return line.to_string();
    }
    let code = match kind {
        ChangeKind::Added => "32",
        ChangeKind::Removed => "31",
        ChangeKind::Changed => "33",
        ChangeKind::Moved | ChangeKind::Renamed => "36",
        ChangeKind::Notation => "2",
    };
    format!("\x1b[{code}m{line}\x1b[0m")
}

/// The changes as JSON, `{"changes": […]}`, pretty-printed with a final newline.
pub fn json(changes: &[Change]) -> Result<String, serde_json::Error> {
    #[derive(Serialize)]
    struct Report<'a> {
        changes: &'a [Change],
    }
    let mut text = serde_json::to_string_pretty(&Report { changes })?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_texts_are_templates_diff_toml() {
        crate::shipped::DIFF.assert_reads_as_its_toml::<Texts>();
    }

    fn change(kind: ChangeKind, old_cell: Option<&str>, new_cell: Option<&str>) -> Change {
        Change {
            kind,
            path: "title".into(),
            label: "标题".into(),
            old: Some("甲".into()),
            new: Some("乙".into()),
            old_cell: old_cell.map(Into::into),
            new_cell: new_cell.map(Into::into),
        }
    }

    #[test]
    fn every_placeholder_of_the_texts_is_filled() {
        let changes = [
            change(ChangeKind::Changed, Some("A1"), Some("A1")),
            change(ChangeKind::Notation, Some("A1"), Some("B2")),
            change(ChangeKind::Renamed, None, Some("C3")),
        ];
        let out = human(&changes, false);
        assert!(!out.contains('{') && !out.contains('}'), "{out}");
        assert_eq!(
            out,
            "~ 标题: 甲 → 乙  [A1]\n\
             = 标题: 甲 → 乙 (notation only)  [A1 → B2]\n\
             % 标题: 甲 → 乙  [C3]\n\
             3 differences: 0 added, 0 removed, 1 changed, 0 moved, 1 renamed, 1 in notation only.\n"
        );
        let p = &texts().places;
        for text in [&p.paragraph, &p.task_with_funds, &p.two_values] {
            let text = text.get();
            let values = [
                ("number", "1"),
                ("name", "甲"),
                ("funds", "2"),
                ("period", "3"),
                ("annual", "4"),
            ];
            let filled = fill(text, &values);
            assert!(!filled.contains('{'), "{filled}");
        }
    }

    #[test]
    fn cell_text_is_escaped_and_never_taken_for_a_placeholder() {
        let mut c = change(ChangeKind::Changed, None, None);
        c.old = Some("{new}\u{1b}[31m".into());
        assert_eq!(
            human(&[c], false).lines().next(),
            Some("~ 标题: {new}\\u{1b}[31m → 乙")
        );
    }

    #[test]
    fn colour_wraps_each_line() {
        let out = human(&[change(ChangeKind::Added, None, None)], true);
        assert!(
            out.starts_with("\x1b[32m+ 标题: 甲 → 乙\n\x1b[0m"),
            "{out:?}"
        );
    }

    #[test]
    fn json_matches_a_value_built_report() {
        let changes = [change(ChangeKind::Changed, Some("A1"), None)];
        let mut expected =
            serde_json::to_string_pretty(&serde_json::json!({ "changes": changes })).unwrap();
        expected.push('\n');
        assert_eq!(json(&changes).unwrap(), expected);
    }
}
