//! Writing outputs safely: atomically, and never over an input.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// reader never sees a half-written file and a failure leaves any previous file intact.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |e: std::io::Error| Error::unwritable_io(path, &e);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(Error::unwritable(path, crate::t!("write.is_directory")));
    }
    let file_name = path
        .file_name()
        .ok_or_else(|| Error::unwritable(path, crate::t!("write.not_a_file_name")))?;
    let tmp = dir.join(format!(
        ".{}.jixiao-{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

/// Refuses to write `output` when it is the same file as `input`: nothing the user gave us is
/// overwritten.
pub fn ensure_not_input(output: &Path, input: &Path) -> Result<()> {
    let same = match (std::fs::canonicalize(output), std::fs::canonicalize(input)) {
        (Ok(o), Ok(i)) => o == i,
        _ => false,
    };
    if same {
        return Err(Error::unwritable(
            output,
            crate::t!("write.would_overwrite", input = input.display()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.json");
        write_atomic(&path, b"one").expect("first write");
        write_atomic(&path, b"two").expect("second write");
        assert_eq!(std::fs::read(&path).expect("read back"), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn writing_into_a_missing_folder_is_an_output_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = write_atomic(&dir.path().join("no/such/dir/out.xlsx"), b"x").unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::OUTPUT);
    }

    #[test]
    fn output_equal_to_input_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("in.xlsx");
        std::fs::write(&input, b"x").expect("write");
        assert!(ensure_not_input(&input, &input).is_err());
        assert!(ensure_not_input(&dir.path().join("other.xlsx"), &input).is_ok());
    }
}
