//! One batch at a time per output folder: an advisory lock (`flock`) on a file in it. The
//! system releases it when the process ends, however it ends, so a killed run leaves no stale
//! lock behind; a run that ends normally removes the file too, so OUT_DIR holds only outputs.

use std::fs::File;
use std::path::{Path, PathBuf};

/// Held while the batch runs; dropping it removes the file and releases the lock.
pub(crate) struct Lock {
    path: PathBuf,
    _file: File,
}

pub(crate) enum Refused {
    /// Another process holds it.
    Busy,
    Io(std::io::Error),
}

impl Lock {
    pub(crate) fn acquire(path: &Path) -> Result<Lock, Refused> {
        // A run that ends removes the file while holding the lock; one that opened it just
        // before may then lock a file no longer in the folder. Locking is retried until the
        // locked file is the one at the path.
        for _ in 0..100 {
            // Opened without truncation, and without following a link planted in its place.
            let mut options = std::fs::OpenOptions::new();
            options.read(true).write(true).create(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.custom_flags(libc::O_NOFOLLOW);
            }
            let file = options.open(path).map_err(Refused::Io)?;
            try_lock(&file)?;
            if is_at(&file, path) {
                return Ok(Lock {
                    path: path.to_path_buf(),
                    _file: file,
                });
            }
        }
        Err(Refused::Busy)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Still locked here: nobody else can be using the file being removed.
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_at(_: &File, _: &Path) -> bool {
    true
}

#[cfg(unix)]
fn try_lock(file: &File) -> Result<(), Refused> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock takes a file descriptor that `file` keeps open for the whole call; it
    // touches no memory of ours.
    let status = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if status == 0 {
        return Ok(());
    }
    let error = std::io::Error::last_os_error();
    if error.kind() == std::io::ErrorKind::WouldBlock {
        Err(Refused::Busy)
    } else {
        Err(Refused::Io(error))
    }
}

#[cfg(not(unix))]
fn try_lock(_: &File) -> Result<(), Refused> {
    Ok(())
}
