//! The library's error type. Every error names the file and, where known, the cell.

use std::path::{Path, PathBuf};

use crate::escape;
use crate::model::CellRef;

/// Exit codes of the whole tool.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Findings: check errors, diff differences.
    pub const FINDINGS: u8 = 1;
    /// Usage error (clap's own).
    pub const USAGE: u8 = 2;
    /// An input cannot be read or is not the form.
    pub const INPUT: u8 = 3;
    /// An output cannot be written.
    pub const OUTPUT: u8 = 4;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file cannot be opened or is not a spreadsheet we can read.
    #[error("{}: {message}", escape::path(path))]
    Unreadable { path: PathBuf, message: String },

    /// The file is a spreadsheet but holds no form, or the form is malformed at a known cell.
    #[error("{}: {message}", escape::path(path))]
    NotTheForm { path: PathBuf, message: String },

    /// A value in a cell cannot be read as what the form needs there.
    #[error("{}:{cell}: {message}", escape::path(path))]
    BadCell {
        path: PathBuf,
        cell: CellRef,
        message: String,
    },

    /// An output cannot be written.
    #[error("{}: cannot write: {message}", escape::path(path))]
    Unwritable { path: PathBuf, message: String },

    /// The reader of an output went away (a closed pipe, `jixiao value | head -1`): not a
    /// failure; the command ends quietly with exit code 0.
    #[error("{}: the reader of the output went away", escape::path(path))]
    OutputClosed { path: PathBuf },
}

impl Error {
    pub fn unreadable(path: &Path, message: impl Into<String>) -> Self {
        Error::Unreadable {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    pub fn not_the_form(path: &Path, message: impl Into<String>) -> Self {
        Error::NotTheForm {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    pub fn unwritable(path: &Path, message: impl Into<String>) -> Self {
        Error::Unwritable {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    /// The process exit code this error ends the tool with.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Unreadable { .. } | Error::NotTheForm { .. } | Error::BadCell { .. } => {
                exit::INPUT
            }
            Error::Unwritable { .. } => exit::OUTPUT,
            Error::OutputClosed { .. } => exit::OK,
        }
    }

    /// The same error about `path` instead (a temporary copy's error, told about `<stdin>`).
    pub fn about(self, path: &Path) -> Self {
        let path = path.to_path_buf();
        match self {
            Error::Unreadable { message, .. } => Error::Unreadable { path, message },
            Error::NotTheForm { message, .. } => Error::NotTheForm { path, message },
            Error::BadCell { cell, message, .. } => Error::BadCell {
                path,
                cell,
                message,
            },
            Error::Unwritable { message, .. } => Error::Unwritable { path, message },
            Error::OutputClosed { .. } => Error::OutputClosed { path },
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
