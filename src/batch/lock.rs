//! One batch at a time per output folder: an advisory lock (`flock`) on a file in it. The
//! system releases it when the process ends, however it ends, so a killed run leaves no stale
//! lock behind.

use std::fs::File;
use std::path::Path;

/// Held while the batch runs; dropping it (closing the file) releases the lock.
pub(crate) struct Lock {
    _file: File,
}

pub(crate) enum Refused {
    /// Another process holds it.
    Busy,
    Io(std::io::Error),
}

impl Lock {
    pub(crate) fn acquire(path: &Path) -> Result<Lock, Refused> {
        // Opened without truncation or following a planted link to somewhere else.
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW);
        }
        let file = options.open(path).map_err(Refused::Io)?;
        try_lock(&file)?;
        Ok(Lock { _file: file })
    }
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
