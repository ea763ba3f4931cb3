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
pub mod style;
mod template;
mod xlsx;

use std::path::Path;

pub use template::{template_form, template_xlsx, TemplateOptions};
pub use xlsx::export_xlsx;

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
