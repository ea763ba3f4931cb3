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
    /// The input was read, but what was asked of it is not available for its kind of form yet
    /// (the canonical xlsx of a project form or a self-evaluation).
    pub const UNSUPPORTED: u8 = 5;
}

/// An error of the library: the kind, the file, the cell where known, and a message already in
/// the language of [`crate::i18n`]. [`Display`](std::fmt::Display) frames it through the message
/// catalog (`error.*` keys of `templates/messages.toml`), the path escaped.
#[derive(Debug)]
pub enum Error {
    /// The file cannot be opened or is not a spreadsheet we can read.
    Unreadable {
        /// The input.
        path: PathBuf,
        /// Why, in the current language.
        message: String,
    },

    /// The file is a spreadsheet but holds no form, or the form is malformed at a known cell.
    NotTheForm {
        /// The input.
        path: PathBuf,
        /// What is missing or wrong, in the current language.
        message: String,
    },

    /// A value in a cell cannot be read as what the form needs there.
    BadCell {
        /// The input.
        path: PathBuf,
        /// The cell, shown as `Sheet1!E23`.
        cell: CellRef,
        /// What the cell should hold, in the current language.
        message: String,
    },

    /// An output cannot be written.
    Unwritable {
        /// The output.
        path: PathBuf,
        /// Why, in the current language.
        message: String,
    },

    /// The input's kind of form does not support what was asked (exit 5).
    Unsupported {
        /// The input.
        path: PathBuf,
        /// What is not supported for its kind, in the current language.
        message: String,
    },

    /// The reader of an output went away (a closed pipe, `jixiao value | head -1`): not a
    /// failure; the command ends quietly with exit code 0.
    OutputClosed {
        /// The output whose reader went away.
        path: PathBuf,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Error::Unreadable { path, message } => {
                crate::t!(
                    "error.unreadable",
                    path = escape::path(path),
                    message = message
                )
            }
            Error::NotTheForm { path, message } => {
                crate::t!(
                    "error.not_the_form",
                    path = escape::path(path),
                    message = message
                )
            }
            Error::BadCell {
                path,
                cell,
                message,
            } => crate::t!(
                "error.bad_cell",
                path = escape::path(path),
                cell = cell,
                message = message
            ),
            Error::Unwritable { path, message } => {
                crate::t!(
                    "error.unwritable",
                    path = escape::path(path),
                    message = message
                )
            }
            Error::Unsupported { path, message } => {
                crate::t!(
                    "error.unsupported",
                    path = escape::path(path),
                    message = message
                )
            }
            Error::OutputClosed { path } => {
                crate::t!("error.output_closed", path = escape::path(path))
            }
        };
        f.write_str(&crate::i18n::without_os_error(&text))
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The input `path` cannot be opened or read as a spreadsheet: `message` says why.
    pub fn unreadable(path: &Path, message: impl Into<String>) -> Self {
        Error::Unreadable {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    /// The input `path` holds no form, or a malformed one: `message` says what is missing.
    pub fn not_the_form(path: &Path, message: impl Into<String>) -> Self {
        Error::NotTheForm {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    /// The input `path` cannot be read because of `e`, said without the OS error number.
    pub fn unreadable_io(path: &Path, e: &std::io::Error) -> Self {
        Error::unreadable(path, crate::i18n::io_message(e))
    }

    /// The output `path` cannot be written because of `e`, said without the OS error number.
    pub fn unwritable_io(path: &Path, e: &std::io::Error) -> Self {
        Error::unwritable(path, crate::i18n::io_message(e))
    }

    /// The message without the file's name (the caller names the file another way).
    pub fn message(&self) -> String {
        match self {
            Error::Unreadable { message, .. }
            | Error::NotTheForm { message, .. }
            | Error::BadCell { message, .. }
            | Error::Unwritable { message, .. }
            | Error::Unsupported { message, .. } => {
                crate::i18n::without_os_error(message).into_owned()
            }
            Error::OutputClosed { .. } => crate::t!("error.closed"),
        }
    }

    /// The output `path` cannot be written: `message` says why.
    pub fn unwritable(path: &Path, message: impl Into<String>) -> Self {
        Error::Unwritable {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    /// See [`Error::Unsupported`].
    pub fn unsupported(path: &Path, message: impl Into<String>) -> Self {
        Error::Unsupported {
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
            Error::Unsupported { .. } => exit::UNSUPPORTED,
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
            Error::Unsupported { message, .. } => Error::Unsupported { path, message },
            Error::OutputClosed { .. } => Error::OutputClosed { path },
        }
    }
}

/// The library's result: [`Error`] unless said otherwise.
pub type Result<T, E = Error> = std::result::Result<T, E>;
