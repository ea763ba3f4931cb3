//! Finding the submissions under IN_DIR.
//!
//! Every regular file is a candidate; the importer decides by content what it is, so a file is
//! never skipped for its extension (a text file among the forms is reported as failed, not
//! silently left out). Skipped, by name: hidden entries (`.` first — this covers LibreOffice's
//! lock files `.~lock.NAME#` and `.DS_Store`) and Microsoft Office's owner files (`~$NAME`),
//! which are never submissions. Links are followed; a folder reached twice (through a link, or
//! a link back to an ancestor) is read once. OUT_DIR, when it lies inside IN_DIR, is not entered.
//! Entries are visited in name order, so the same tree gives the same list.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file to convert.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    /// Relative to IN_DIR.
    pub rel: PathBuf,
    /// To open.
    pub path: PathBuf,
}

/// What the walk found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub inputs: Vec<Input>,
    /// Entries that could not be taken as inputs (an unreadable folder, a broken link, a FIFO),
    /// relative to IN_DIR, with why.
    pub problems: Vec<(PathBuf, String)>,
}

/// Lists the submissions under `in_dir`, skipping `out_dir`. Both paths are canonical. An
/// unreadable `in_dir` is an input error; anything unreadable below it is a [`Found::problems`]
/// entry.
pub(crate) fn discover(in_dir: &Path, out_dir: &Path) -> Result<Found> {
    let mut walk = Walk {
        in_dir,
        out_dir,
        visited: BTreeSet::from([in_dir.to_path_buf()]),
        found: Found::default(),
    };
    walk.folder(in_dir, Path::new("")).map_err(|e| {
        Error::unreadable(
            in_dir,
            crate::t!("batch.cannot_list", detail = crate::i18n::io_message(&e)),
        )
    })?;
    Ok(walk.found)
}

/// Names that are never submissions.
pub(crate) fn is_skipped(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with("~$")
}

struct Walk<'a> {
    in_dir: &'a Path,
    out_dir: &'a Path,
    /// Canonical folders already read.
    visited: BTreeSet<PathBuf>,
    found: Found,
}

impl Walk<'_> {
    /// Reads one folder; an error means it could not be listed at all.
    fn folder(&mut self, dir: &Path, rel: &Path) -> std::io::Result<()> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            match entry {
                Ok(entry) => entries.push(entry.file_name()),
                Err(e) => self.problem(
                    rel.to_path_buf(),
                    crate::t!("batch.cannot_list", detail = crate::i18n::io_message(&e)),
                ),
            }
        }
        entries.sort();
        for name in entries {
            if is_skipped(&name) {
                continue;
            }
            let path = dir.join(&name);
            let rel = rel.join(&name);
            // Follows links: a link to a file is read as that file.
            let meta = match std::fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) => {
                    self.problem(rel, format!("cannot read: {e}"));
                    continue;
                }
            };
            if meta.is_file() {
                self.found.inputs.push(Input { rel, path });
            } else if meta.is_dir() {
                let canonical = match std::fs::canonicalize(&path) {
                    Ok(c) => c,
                    Err(e) => {
                        self.problem(rel, format!("cannot read: {e}"));
                        continue;
                    }
                };
                if self.is_output(&canonical) || !self.visited.insert(canonical) {
                    continue;
                }
                if let Err(e) = self.folder(&path, &rel) {
                    self.problem(
                        rel,
                        crate::t!("batch.cannot_list", detail = crate::i18n::io_message(&e)),
                    );
                }
            } else {
                self.problem(rel, crate::t!("batch.not_a_file"));
            }
        }
        Ok(())
    }

    /// A folder inside OUT_DIR, when OUT_DIR is inside IN_DIR: our own outputs.
    fn is_output(&self, canonical: &Path) -> bool {
        canonical.starts_with(self.out_dir) && !self.in_dir.starts_with(self.out_dir)
    }

    fn problem(&mut self, rel: PathBuf, message: String) {
        self.found.problems.push((rel, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_and_hidden_files_are_skipped_and_nothing_else() {
        for name in [
            ".~lock.申报表.xlsx#",
            ".DS_Store",
            "~$申报表.xlsx",
            ".hidden",
        ] {
            assert!(is_skipped(OsStr::new(name)), "{name}");
        }
        for name in ["申报表.xlsx", "notes.txt", "a~$b.xlsx", "lock.xlsx#"] {
            assert!(!is_skipped(OsStr::new(name)), "{name}");
        }
    }

    #[test]
    fn walk_is_sorted_recursive_and_stays_out_of_the_output_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        for file in [
            "b.xlsx",
            "a.xlsx",
            "sub/z.xls",
            "sub/deeper/y.ods",
            "out/old.xlsx",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, b"x").expect("write");
        }
        std::fs::write(root.join(".~lock.a.xlsx#"), b"lock").expect("write");
        let found = discover(&root, &root.join("out")).expect("walk");
        let rels: Vec<String> = found
            .inputs
            .iter()
            .map(|i| i.rel.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            rels,
            ["a.xlsx", "b.xlsx", "sub/deeper/y.ods", "sub/z.xls"],
            "{rels:?}"
        );
        assert!(found.problems.is_empty(), "{:?}", found.problems);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_back_to_an_ancestor_is_read_once_and_a_broken_link_is_a_problem() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = std::fs::canonicalize(dir.path()).expect("canonical");
        std::fs::create_dir(root.join("sub")).expect("mkdir");
        std::fs::write(root.join("sub/a.xlsx"), b"x").expect("write");
        std::os::unix::fs::symlink(&root, root.join("sub/loop")).expect("link");
        std::os::unix::fs::symlink(root.join("missing"), root.join("broken.xlsx")).expect("link");
        let found = discover(&root, &root.join("out")).expect("walk");
        assert_eq!(found.inputs.len(), 1, "{:?}", found.inputs);
        assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
        assert_eq!(found.problems[0].0, Path::new("broken.xlsx"));
    }

    #[test]
    fn a_missing_input_folder_is_an_input_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = discover(&dir.path().join("nope"), dir.path()).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::INPUT);
    }
}
