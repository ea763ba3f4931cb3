//! Writing the form in the canonical layout ([`crate::layout`]), and blank templates.
//!
//! ```
//! use jixiao::model::Form;
//! use jixiao::write::{export_xlsx, ExportOptions};
//!
//! let mut form = Form::default();
//! form.department = "广州市工业和信息化局".to_string();
//! let bytes = export_xlsx(&form, &ExportOptions::default()).expect("written");
//! assert!(bytes.starts_with(b"PK"));
//! ```

pub mod measure;
pub mod project;
mod score_sheet;
mod self_evaluation;
pub mod self_evaluation_layout;
pub(crate) mod style;
pub mod system;
mod template;
mod xlsx;

use std::path::Path;

pub use score_sheet::score_xlsx;
pub use self_evaluation::{
    export_self_evaluation, self_evaluation_from, SelfEvaluationOptions, SELF_EVALUATION_EXPORT_ID,
    SELF_EVALUATION_TEMPLATE_ID,
};
pub use template::{
    project_template_form, project_template_layout, project_template_xlsx, template_form,
    template_xlsx, TemplateOptions, PROJECT_TEMPLATE_COLUMNS,
};
pub use xlsx::{export_xlsx, money_written_as_text, printed_layout, printed_title};

use crate::error::Error;

// The property names and ids live in a leaf the reader shares (it recognises our own files).
pub use crate::properties::{
    EXPORT_ID, PROPERTY_LAYOUT_VERSION, PROPERTY_TEMPLATE_ID, PROPERTY_TOOL_VERSION, PROPERTY_YEAR,
    TEMPLATE_ID,
};
/// The tool version stamped into files.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Write indicator values in the canonical notation ([`crate::value::render`]) instead of
    /// their verbatim text.
    pub normalize_values: bool,
}

/// Which layout a form is written in.
#[derive(Debug, Clone, Copy, Default)]
pub enum OutputLayout {
    /// The form as it is printed ([`crate::layout`]).
    #[default]
    Canonical,
    /// The budget system's flat table in this profile ([`system`]).
    System(&'static system::Profile),
}

/// `form` as xlsx bytes in `layout`.
pub fn form_xlsx(
    form: &crate::model::Form,
    layout: OutputLayout,
    options: &ExportOptions,
) -> crate::error::Result<Vec<u8>> {
    match layout {
        OutputLayout::Canonical => export_xlsx(form, options),
        OutputLayout::System(profile) => system::department_system_xlsx(form, profile),
    }
}

/// Any document of the family as xlsx bytes in `layout`. A self-evaluation has no writer yet.
pub fn document_xlsx(
    document: &crate::model::Document,
    layout: OutputLayout,
    options: &ExportOptions,
) -> crate::error::Result<Vec<u8>> {
    use crate::model::Document;
    match (document, layout) {
        (Document::Department(form), _) => form_xlsx(form, layout, options),
        (Document::Project(form), OutputLayout::Canonical) => {
            project::export_project_xlsx(form, options)
        }
        (Document::Project(form), OutputLayout::System(profile)) => {
            system::project_system_xlsx(form, profile)
        }
        (Document::SelfEvaluation(evaluation), OutputLayout::Canonical) => {
            export_self_evaluation(evaluation, &SelfEvaluationOptions::default())
        }
        // The budget system's table is of targets; a self-evaluation has no row form there.
        (Document::SelfEvaluation(_), OutputLayout::System(_)) => {
            Err(workbook_error(crate::t!("write.self_evaluation_no_system")))
        }
    }
}

/// The title a document prints.
fn document_title(document: &crate::model::Document) -> String {
    use crate::model::Document;
    match document {
        Document::Department(form) => form.title.clone(),
        Document::Project(form) => project::printed_title(form),
        Document::SelfEvaluation(form) => form.title.clone(),
    }
}

/// Several documents in one workbook: with the system layout, one flat table of all their rows
/// (how the systems export many projects); in the canonical layout only one document fits a
/// workbook, so several are an error that says what to do instead.
pub fn documents_xlsx(
    documents: &[crate::model::Document],
    layout: OutputLayout,
    options: &ExportOptions,
) -> crate::error::Result<Vec<u8>> {
    use crate::model::Document;
    match (documents, layout) {
        ([one], _) => document_xlsx(one, layout, options),
        (_, OutputLayout::System(profile)) => {
            let mut rows = Vec::new();
            let mut departments = Vec::new();
            let mut projects = Vec::new();
            for document in documents {
                match document {
                    Document::Department(form) => {
                        rows.extend(system::department_rows(form));
                        departments.push(form);
                    }
                    Document::Project(form) => {
                        rows.extend(system::project_rows(form));
                        projects.push(form);
                    }
                    Document::SelfEvaluation(_) => {
                        return Err(workbook_error(crate::t!("write.self_evaluation_no_system")))
                    }
                }
            }
            let title = documents.first().map(document_title).unwrap_or_default();
            system::system_workbook(&rows, &departments, &projects, profile, &title)
        }
        (_, OutputLayout::Canonical) => Err(workbook_error(crate::t!(
            "write.several_forms_canonical",
            count = documents.len()
        ))),
    }
}

/// The path errors of the writer name, since it writes to memory; the CLI replaces it with the
/// real output path ([`name_output`]).
pub const WORKBOOK: &str = "<workbook>";

fn workbook_error(message: impl Into<String>) -> Error {
    Error::unwritable(Path::new(WORKBOOK), message)
}

/// Re-targets a writer error at the output file `path`, so the message names the file the user
/// asked for.
pub fn name_output(err: Error, path: &Path) -> Error {
    match err {
        Error::Unwritable { path: p, message } if p == Path::new(WORKBOOK) => {
            Error::unwritable(path, message)
        }
        other => other,
    }
}
