//! Printing diagnostics: like a compiler for people, or as JSON for programs.
//!
//! ```
//! use jixiao::check::report::{human, FileReport};
//! use jixiao::check::check;
//! use jixiao::model::{Form, Provenance};
//!
//! let found = check(&Form::default(), &Provenance::new());
//! let text = human(&FileReport::checked("a.json", found), false);
//! // The library speaks English unless told otherwise (jixiao::i18n::set_lang).
//! assert!(text.contains("a.json:department: error[required.department]"));
//! assert!(text.lines().last().unwrap_or("").starts_with("a.json: "));
//! ```

use crate::escape;
use serde_json::{json, Value};

use super::catalog::catalog;
use super::{Diagnostic, Severity};

/// The outcome of checking one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file as the user named it.
    pub file: String,
    /// The findings, or why the file could not be read.
    pub outcome: Result<Vec<Diagnostic>, String>,
}

impl FileReport {
    /// `file` was read and checked, with these findings.
    pub fn checked(file: impl Into<String>, diagnostics: Vec<Diagnostic>) -> Self {
        FileReport {
            file: file.into(),
            outcome: Ok(diagnostics),
        }
    }

    /// `file` could not be read: `reason` says why.
    pub fn unreadable(file: impl Into<String>, reason: impl Into<String>) -> Self {
        FileReport {
            file: file.into(),
            outcome: Err(reason.into()),
        }
    }

    /// How many findings of `severity` (none for an unreadable file).
    pub fn count(&self, severity: Severity) -> usize {
        match &self.outcome {
            Ok(found) => found.iter().filter(|d| d.severity == severity).count(),
            Err(_) => 0,
        }
    }
}

/// ANSI styles, or none.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// `file.xlsx:Sheet1!E5: 错误[budget.total_mismatch] …`, an indented hint line, and a summary
/// line. Without a cell (JSON input) the field path stands in its place. An unreadable file gets
/// one line with the reason.
pub fn human(report: &FileReport, color: bool) -> String {
    let style = Style { on: color };
    let cat = catalog();
    let mut out = String::new();
    // Cell text, sheet and file names come from the submission: escaped, so that an escape
    // sequence in a cell cannot drive the reviewer's terminal.
    let file = escape::text(&report.file);
    let found = match &report.outcome {
        Ok(found) => found,
        Err(reason) => {
            let word = style.paint("1;31", &format!("{}:", cat.report("unreadable", &[])));
            out.push_str(&format!(
                "{}: {word} {}\n",
                style.paint("1", &file),
                escape::text(reason)
            ));
            return out;
        }
    };
    for d in found {
        let place = d
            .place
            .as_ref()
            .map_or_else(|| d.field.to_string(), ToString::to_string);
        let (word, color_code) = match d.severity {
            Severity::Error => (cat.report("error", &[]), "1;31"),
            Severity::Warning => (cat.report("warning", &[]), "1;33"),
            Severity::Info => (cat.report("info", &[]), "1;34"),
        };
        let location = style.paint("1", &format!("{file}:{}:", escape::text(&place)));
        let severity = style.paint(color_code, &format!("{word}[{}]", d.code));
        out.push_str(&format!(
            "{location} {severity} {}\n",
            escape::text(&d.message)
        ));
        if let Some(hint) = &d.hint {
            let label = style.paint("36", &cat.report("hint", &[]));
            out.push_str(&format!("    {label}{}\n", escape::text(hint)));
        }
    }
    let mut summary = cat.report(
        "summary",
        &[
            ("file", file.to_string()),
            (
                "errors",
                cat.report_count("errors", report.count(Severity::Error)),
            ),
            (
                "warnings",
                cat.report_count("warnings", report.count(Severity::Warning)),
            ),
        ],
    );
    // Notes are counted only when there are some: most forms have none.
    let notes = report.count(Severity::Info);
    if notes > 0 {
        summary.push_str(&cat.report_count("notes", notes));
    }
    out.push_str(&style.paint("1", &summary));
    out.push('\n');
    out
}

/// `{"files":[{"file":…, "diagnostics":[{"severity":…, "code":…, "message":…, "field":…,
/// "sheet":…, "cell":…, "hint":…}]}]}`; an unreadable file has `"error"` and no diagnostics.
/// `sheet`, `cell` and `hint` are null when there is none.
pub fn json(reports: &[FileReport]) -> Value {
    let files: Vec<Value> = reports
        .iter()
        .map(|report| match &report.outcome {
            Ok(found) => json!({
                "file": report.file,
                "errors": report.count(Severity::Error),
                "warnings": report.count(Severity::Warning),
                "notes": report.count(Severity::Info),
                "diagnostics": found.iter().map(diagnostic_json).collect::<Vec<_>>(),
            }),
            Err(reason) => json!({
                "file": report.file,
                "error": reason,
                "diagnostics": [],
            }),
        })
        .collect();
    json!({ "files": files })
}

fn diagnostic_json(d: &Diagnostic) -> Value {
    json!({
        "severity": d.severity,
        "code": d.code.as_str(),
        "message": d.message,
        "field": d.field,
        "sheet": d.place.as_ref().map(|p| p.sheet.as_str()),
        "cell": d.place.as_ref().map(|p| p.cell.to_string()),
        "hint": d.hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::CellRange;
    use crate::check::Code;
    use crate::model::CellRef;

    fn sample() -> FileReport {
        FileReport::checked(
            "f.xlsx",
            vec![
                Diagnostic {
                    severity: Severity::Error,
                    code: Code::BudgetTotalMismatch,
                    message: "合计不一致".into(),
                    field: "budget".into(),
                    place: Some(CellRef::new("Sheet1", CellRange::new((6, 2), (10, 4)))),
                    hint: Some("核对".into()),
                },
                Diagnostic {
                    severity: Severity::Warning,
                    code: Code::RequiredLevel1,
                    message: "没有满意度指标".into(),
                    field: "indicators".into(),
                    place: None,
                    hint: None,
                },
            ],
        )
    }

    #[test]
    fn human_output_reads_like_a_compiler() {
        let text = human(&sample(), false);
        assert_eq!(
            text,
            "f.xlsx:Sheet1!C7:E11: error[budget.total_mismatch] 合计不一致\n    hint: 核对\n\
             f.xlsx:indicators: warning[required.level1] 没有满意度指标\n\
             f.xlsx: 1 error, 1 warning\n"
        );
    }

    #[test]
    fn a_note_is_blue_and_counted_apart() {
        let mut report = sample();
        if let Ok(found) = &mut report.outcome {
            found[1].severity = Severity::Info;
        }
        let text = human(&report, false);
        assert!(
            text.contains("f.xlsx:indicators: note[required.level1] "),
            "{text}"
        );
        assert!(
            text.ends_with("f.xlsx: 1 error, 0 warnings, 1 note\n"),
            "{text}"
        );
        assert!(human(&report, true).contains("\x1b[1;34mnote[required.level1]\x1b[0m"));
        let value = json(&[report]);
        assert_eq!(value["files"][0]["diagnostics"][1]["severity"], "info");
        assert_eq!(value["files"][0]["warnings"], 0);
        assert_eq!(value["files"][0]["notes"], 1);
    }

    #[test]
    fn color_only_when_asked() {
        assert!(!human(&sample(), false).contains('\x1b'));
        let colored = human(&sample(), true);
        assert!(
            colored.contains("\x1b[1;31merror[budget.total_mismatch]\x1b[0m"),
            "{colored}"
        );
        assert!(
            colored.contains("\x1b[1;33mwarning[required.level1]\x1b[0m"),
            "{colored}"
        );
    }

    #[test]
    fn json_has_nulls_where_there_is_no_place() {
        let value = json(&[sample(), FileReport::unreadable("x.xlsx", "没有这个文件")]);
        let files = &value["files"];
        assert_eq!(files[0]["diagnostics"][0]["severity"], "error");
        assert_eq!(files[0]["diagnostics"][0]["sheet"], "Sheet1");
        assert_eq!(files[0]["diagnostics"][0]["cell"], "C7:E11");
        assert_eq!(files[0]["diagnostics"][1]["cell"], Value::Null);
        assert_eq!(files[0]["diagnostics"][1]["hint"], Value::Null);
        assert_eq!(files[1]["error"], "没有这个文件");
        assert_eq!(files[1]["diagnostics"], json!([]));
    }
}
