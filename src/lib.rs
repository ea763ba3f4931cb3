#![deny(missing_docs)]

//! jixiao (绩效): read, check, compare and write China's budget-performance forms.
//!
//! # The kinds
//! One family of forms shares the indicator table (一级 / 二级 / 三级指标 with their 指标值):
//!
//! | kind | model | JSON `format` |
//! |---|---|---|
//! | 部门整体预算绩效目标申报表 (a department's target form) | [`model::Form`] | `jixiao/form@1` |
//! | 项目支出绩效目标申报表 (a project's target form) | [`model::ProjectForm`] | `jixiao/project-form@1` |
//! | 绩效自评表 (a project's self-evaluation) | [`model::SelfEvaluation`] | `jixiao/self-evaluation@1` |
//! | the budget system's flat table (one row per indicator, many projects) | a list of [`model::ProjectForm`] | — |
//!
//! [`model::Document`] is the one enum over the kinds; a function that takes "any form" takes it.
//!
//! # The data flow: cells → grid → form → cells
//! 1. [`read`] sniffs the file by content (xlsx, xls, ods, xlsb or JSON), loads its cells under
//!    the same limits for every format, builds a grid per sheet, finds the form by its labels
//!    (data in `templates/labels*.toml`) and fills the kind's model. Where each field came from
//!    is kept beside the model as [`model::Provenance`] (field path → [`model::CellRef`]).
//! 2. [`check`] runs the kind's rules and returns [`check::Diagnostic`]s that point at those
//!    cells; [`diff`] compares two versions of a form; [`score`] scores a self-evaluation.
//! 3. [`write`](mod@write) lays a document out again in its canonical layout (declared once, in
//!    [`layout`], for the writer and the blank template alike) or as the budget system's table.
//!
//! Indicator values (`≥18000家次`, `5%-8%`, `2024年12月31日前`) are read into a structure by
//! [`value`], keeping their text verbatim; money is exact ([`rust_decimal::Decimal`]) in the unit
//! the form states.
//!
//! # Entry points
//! - [`read::open_documents`] (every form a file holds, any kind) and [`read::open`] (one
//!   department form).
//! - [`check::check_document`] and [`check::check`]; [`check::report`] prints the findings.
//! - [`write::document_xlsx`] and [`write::export_xlsx`]; [`write::template_xlsx`] for a blank
//!   form.
//! - [`diff::diff`], [`score::score_self_evaluation`], [`value::parse`].
//!
//! Errors ([`Error`]) name the file and, where there is one, the cell (`Sheet1!E23`).
//!
//! # Example: open → check → export
//! ```
//! use std::path::Path;
//!
//! use jixiao::check::{check_document, Severity};
//! use jixiao::read::{open_documents, ImportOptions};
//! use jixiao::write::{document_xlsx, ExportOptions, OutputLayout};
//!
//! let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/seed-legacy.xlsx");
//! let forms = open_documents(&sample, &ImportOptions::default())?;
//! assert_eq!(forms.len(), 1);
//! let imported = &forms[0];
//! assert_eq!(imported.document.department(), "广州市工业和信息化局");
//!
//! // The seed has no 满意度指标: a warning placed at the indicator table, no error.
//! let found = check_document(&imported.document, &imported.cells);
//! assert!(found.iter().all(|d| d.severity == Severity::Warning));
//! let missing = found.iter().find(|d| d.code.as_str() == "required.level1").expect("found");
//! assert_eq!(missing.place.as_ref().map(ToString::to_string).as_deref(), Some("Sheet1!B21:F54"));
//!
//! // Written in the canonical layout and read back, it is the same form.
//! let bytes = document_xlsx(&imported.document, OutputLayout::Canonical, &ExportOptions::default())?;
//! let dir = tempfile::tempdir()?;
//! let out = dir.path().join("canonical.xlsx");
//! std::fs::write(&out, bytes)?;
//! let again = open_documents(&out, &ImportOptions::default())?;
//! assert_eq!(again[0].document, imported.document);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod address;
pub mod batch;
pub mod check;
pub(crate) mod decimal;
pub mod diff;
pub mod error;
pub mod escape;
pub mod framework;
pub mod i18n;
pub mod io;
pub mod labels;
pub mod layout;
pub mod model;
pub mod number;
pub mod properties;
pub mod read;
pub mod schema;
pub mod score;
#[cfg(feature = "serve")]
pub mod serve;
pub(crate) mod shipped;
#[cfg(test)]
pub(crate) mod test_rng;
pub mod value;
pub mod write;

pub use error::{Error, Result};
pub use model::{Form, Indicator, KeyTask};
