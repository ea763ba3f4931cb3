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
mod self_evaluation;
pub mod self_evaluation_layout;
pub mod style;
pub mod system;
mod template;
mod xlsx;

use std::path::Path;

pub use self_evaluation::{
    export_self_evaluation, self_evaluation_from, SelfEvaluationOptions, SELF_EVALUATION_EXPORT_ID,
    SELF_EVALUATION_TEMPLATE_ID,
};
pub use template::{
    project_template_form, project_template_layout, project_template_xlsx, template_form,
    template_xlsx, TemplateOptions, PROJECT_TEMPLATE_COLUMNS,
};
pub use xlsx::{export_xlsx, money_written_as_text, printed_layout};

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
            system::system_xlsx(&system::project_rows(form), profile, &form.title)
        }
        (Document::SelfEvaluation(_), _) => Err(workbook_error(
            "绩效自评表（jixiao/self-evaluation@1）还不能导出为 xlsx",
        )),
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
