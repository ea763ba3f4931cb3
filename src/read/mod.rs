//! Reading the form from a spreadsheet: cells → grid → form.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Form, Provenance};

/// Placeholder for the grid type (issue 3).
pub struct Grid;

/// How to read.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Read this sheet instead of searching for the one that holds the form.
    pub sheet: Option<String>,
}

/// A form read from a file, with where each field came from.
#[derive(Debug, Clone)]
pub struct Imported {
    pub form: Form,
    /// Field path → cell. Empty for a form read from JSON.
    pub cells: Provenance,
    /// The sheet the form was read from (`None` for JSON).
    pub sheet: Option<String>,
}

/// Reads a form from a spreadsheet (xlsx, xlsm, xls, ods — chosen by content) or from the
/// `jixiao/form@1` JSON.
pub fn open(path: &Path, options: &ImportOptions) -> Result<Imported> {
    let _ = options;
    Err(Error::unreadable(path, "import is not implemented yet"))
}
