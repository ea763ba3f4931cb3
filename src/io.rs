//! Writing outputs safely, and reading `-` as standard input.
//!
//! - A regular file (or a missing path) is replaced atomically: the bytes go to a temporary
//!   file created in the same folder with an unpredictable name and `O_CREAT|O_EXCL` (the
//!   tempfile crate), then renamed over the path. A reader never sees half a file, a failure
//!   leaves the old file intact, and a link planted in the folder is never followed when the
//!   temporary is created.
//! - A path the user named that is a link to a regular file ([`Destination`]) replaces the
//!   link's target atomically and keeps the link. A character device, a FIFO or `/dev/stdout`
//!   is written to directly: it is not a file to replace. `-` is standard output.
//! - Inside a folder jixiao fills itself (`batch`), links are never followed
//!   ([`write_atomic`]): whatever entry has the output's name is replaced.
//! - Temporaries of jixiao's own naming (`.NAME.jixiao-XXXXXXXX.tmp`) that a killed run left
//!   behind, owned by the same user and older than this run, are removed from a folder the
//!   first time this run writes there.
//! - A reader of standard output that went away (`jixiao value | head -1`) ends the command
//!   quietly with exit code 0 ([`Error::OutputClosed`]); a full disk is exit code 4.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};

/// The name commands take for standard output (and standard input, where they read a file).
pub const STDIO: &str = "-";

/// Whether `path` is `-`: standard output for an output, standard input for an input.
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == OsStr::new(STDIO)
}

/// Where one output goes, decided (and checked) before anything is written.
#[derive(Debug, Clone)]
pub struct Destination {
    /// The path as the user gave it, for messages.
    given: PathBuf,
    target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Stdout,
    /// Not a regular file (a device, a FIFO, what `/dev/stdout` points at): opened and
    /// written, never replaced.
    Direct(PathBuf),
    /// A regular file or a missing one, links resolved: replaced atomically.
    Atomic(PathBuf),
}

impl Destination {
    /// Decides how `path` is written and checks that it can be: its folder exists, it is not
    /// a folder, and a temporary can be created beside it.
    pub fn plan(path: &Path) -> Result<Destination> {
        let target = if is_stdio(path) {
            Target::Stdout
        } else {
            let fail = |e: std::io::Error| Error::unwritable_io(path, &e);
            // Through every link: what a write to the path would reach.
            match std::fs::metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    return Err(Error::unwritable(path, crate::t!("write.is_directory")));
                }
                Ok(meta) if meta.is_file() => {
                    Target::Atomic(std::fs::canonicalize(path).map_err(fail)?)
                }
                // A device, a FIFO, a socket, /dev/stdout's pipe: not a file to replace.
                Ok(_) => Target::Direct(path.to_path_buf()),
                // Missing, or a link to a missing file: created where the link points.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Target::Atomic(resolve_links(path)?)
                }
                Err(e) => return Err(fail(e)),
            }
        };
        if let Target::Atomic(file) = &target {
            let dir = folder_of(file);
            if !dir.is_dir() {
                return Err(Error::unwritable(
                    path,
                    crate::t!("write.no_folder", folder = dir.display()),
                ));
            }
            // Find out now, before another output is written, whether this one can be.
            tempfile::Builder::new()
                .prefix(".probe.jixiao-")
                .suffix(TEMP_SUFFIX)
                .rand_bytes(10)
                .tempfile_in(dir)
                .map_err(|e| Error::unwritable_io(path, &e))?;
        }
        Ok(Destination {
            given: path.to_path_buf(),
            target,
        })
    }

    /// The path as given.
    pub fn path(&self) -> &Path {
        &self.given
    }

    /// Writes `bytes` there.
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        match &self.target {
            Target::Stdout => write_stdout(bytes),
            Target::Direct(path) => {
                let written = OpenOptions::new()
                    .write(true)
                    .open(path)
                    .and_then(|mut file| file.write_all(bytes).and_then(|()| file.flush()));
                written.map_err(|e| output_error(&self.given, e))
            }
            Target::Atomic(path) => {
                replace_atomically(path, bytes).map_err(|e| output_error(&self.given, e))
            }
        }
    }

    /// What the output is, for comparing outputs with each other and with inputs.
    fn identity(&self) -> Option<Identity> {
        match &self.target {
            Target::Stdout => Some(Identity::Stdout),
            Target::Direct(path) => std::fs::canonicalize(path).ok().map(Identity::Path),
            Target::Atomic(path) => {
                let dir = std::fs::canonicalize(folder_of(path)).ok()?;
                Some(Identity::Path(dir.join(path.file_name()?)))
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Identity {
    Stdout,
    Path(PathBuf),
}

/// Refuses outputs that name one file twice, or an input — after resolving links, `.` and
/// `..`, and on Unix hard links of an existing file too. Nothing the user gave is overwritten,
/// and no output is written over another.
pub fn ensure_distinct(outputs: &[&Destination], inputs: &[&Path]) -> Result<()> {
    let ids: Vec<Option<Identity>> = outputs.iter().map(|o| o.identity()).collect();
    for (i, output) in outputs.iter().enumerate() {
        for (j, other) in outputs.iter().enumerate().skip(i + 1) {
            if ids[i].is_some() && ids[i] == ids[j] {
                return Err(Error::unwritable(
                    other.path(),
                    crate::t!("write.same_output", output = output.path().display()),
                ));
            }
        }
        for input in inputs {
            if is_stdio(input) {
                continue;
            }
            let same_path = matches!(
                (&ids[i], std::fs::canonicalize(input)),
                (Some(Identity::Path(o)), Ok(i)) if *o == i
            );
            if same_path || same_inode(output, input) {
                return Err(Error::unwritable(
                    output.path(),
                    crate::t!("write.would_overwrite", input = input.display()),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_inode(output: &Destination, input: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let path = match &output.target {
        Target::Stdout => return false,
        Target::Direct(p) | Target::Atomic(p) => p,
    };
    match (std::fs::metadata(path), std::fs::metadata(input)) {
        (Ok(o), Ok(i)) => o.dev() == i.dev() && o.ino() == i.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Destination, _: &Path) -> bool {
    false
}

/// Writes `bytes` to `path`, a file the user named ([`Destination`]'s rules).
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    Destination::plan(path)?.write(bytes)
}

/// Writes `bytes` to `path` inside a folder jixiao fills itself: atomically, and without
/// following a link that has the output's name (the entry itself is replaced).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.is_dir() && !path.is_symlink() {
        return Err(Error::unwritable(path, crate::t!("write.is_directory")));
    }
    replace_atomically(path, bytes).map_err(|e| output_error(path, e))
}

/// Refuses to write `output` when it is the same file as `input`: nothing the user gave us is
/// overwritten.
pub fn ensure_not_input(output: &Path, input: &Path) -> Result<()> {
    ensure_distinct(&[&Destination::plan(output)?], &[input])
}

/// Writes to standard output; a reader that went away ends the command quietly.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(stdout_error)
}

/// An error writing standard output: [`Error::OutputClosed`] when its reader went away.
pub fn stdout_error(e: std::io::Error) -> Error {
    output_error(Path::new("<stdout>"), e)
}

fn output_error(path: &Path, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Error::OutputClosed {
            path: path.to_path_buf(),
        }
    } else {
        Error::unwritable_io(path, &e)
    }
}

/// Follows `path` while it is a link (at most 40 times, like the kernel), to the file a write
/// through it would reach; a missing final target is fine (it will be created).
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link =
                    std::fs::read_link(&current).map_err(|e| Error::unwritable_io(path, &e))?;
                current = folder_of(&current).join(link);
            }
            _ => return Ok(current),
        }
    }
    Err(Error::unwritable(path, crate::t!("write.link_loop")))
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

const TEMP_MARK: &str = ".jixiao-";
const TEMP_SUFFIX: &str = ".tmp";

fn replace_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut temp = temporary_beside(path)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Like [`write_atomic`] (atomic, links in the folder never followed) but without waiting for
/// the disk: for a command writing many files that makes them durable all at once at the end
/// ([`sync_filesystem`]).
pub fn write_atomic_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| output_error(path, e))?;
    file.commit()
}

/// A file being written in pieces that appears at its path, whole, only on
/// [`AtomicFile::commit`] (without a sync: see [`write_atomic_unsynced`]); dropped uncommitted,
/// it leaves nothing behind.
pub struct AtomicFile {
    path: PathBuf,
    temp: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing `path` (inside a folder jixiao fills itself).
    pub fn create(path: &Path) -> Result<AtomicFile> {
        if path.is_dir() && !path.is_symlink() {
            return Err(Error::unwritable(path, crate::t!("write.is_directory")));
        }
        let temp = temporary_beside(path).map_err(|e| output_error(path, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            temp: std::io::BufWriter::with_capacity(1 << 16, temp),
        })
    }

    /// Appends `bytes`.
    pub fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.temp.write_all(bytes)
    }

    /// Renames the finished file over its path.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let temp = self
            .temp
            .into_inner()
            .map_err(|e| output_error(&path, e.into_error()))?;
        temp.persist(&path)
            .map(drop)
            .map_err(|e| output_error(&path, e.error))
    }
}

/// Makes everything written so far on the file system holding `dir` durable: one `syncfs`
/// (Linux) instead of one `fsync` per file; elsewhere a sync of `dir` itself.
pub fn sync_filesystem(dir: &Path) -> Result<()> {
    let folder = File::open(dir).map_err(|e| Error::unwritable_io(dir, &e))?;
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: syncfs only reads the descriptor, which `folder` keeps open for the call.
        if unsafe { libc::syncfs(folder.as_raw_fd()) } != 0 {
            return Err(Error::unwritable_io(dir, &std::io::Error::last_os_error()));
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        folder.sync_all().map_err(|e| Error::unwritable_io(dir, &e))
    }
}

/// A temporary file of our own naming beside `path`, with the mode `path` has (or would get),
/// after removing the temporaries a killed run left in that folder.
fn temporary_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = folder_of(path);
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other(crate::t!("write.not_a_file_name")))?;
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(TEMP_MARK);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(10);
    #[cfg(unix)]
    let permissions = {
        use std::os::unix::fs::PermissionsExt;
        // A replaced file keeps its mode; a new one gets what File::create would give it
        // (0666 less the umask), not tempfile's private 0600.
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o777);
        std::fs::Permissions::from_mode(mode)
    };
    #[cfg(unix)]
    builder.permissions(permissions);
    let temp = builder.tempfile_in(dir)?;
    remove_stale_temporaries(dir, temp.as_file());
    Ok(temp)
}

/// When this run began, for telling a killed run's temporaries from a live run's.
fn run_start() -> SystemTime {
    static START: OnceLock<SystemTime> = OnceLock::new();
    *START.get_or_init(SystemTime::now)
}

/// Records the start of the run; call it first thing (later calls change nothing).
pub fn mark_run_start() {
    run_start();
}

/// How much older than this run a temporary must be to be taken for a killed run's: another
/// run's live temporary exists only while one output is written, seconds at most.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Whether `name` is one of our temporaries: `.NAME.jixiao-XXXX.tmp`, XXXX letters and digits
/// (random now, a process id in earlier versions).
fn is_our_temporary(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let Some(stem) = name.strip_suffix(TEMP_SUFFIX) else {
        return false;
    };
    let Some((before, tag)) = stem.rsplit_once(TEMP_MARK) else {
        return false;
    };
    before.len() > 1
        && before.starts_with('.')
        && (4..=16).contains(&tag.len())
        && tag.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Removes, once per folder and run, our own temporaries a killed run left: regular files (a
/// link is never followed nor taken), owned by the user this run's temporary `ours` belongs
/// to, last written well before this run began.
fn remove_stale_temporaries(dir: &Path, ours: &File) {
    static CLEANED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    {
        let mut cleaned = CLEANED.lock().unwrap_or_else(|p| p.into_inner());
        if !cleaned.get_or_insert_with(HashSet::new).insert(key) {
            return;
        }
    }
    let Some(cutoff) = run_start().checked_sub(STALE_AFTER) else {
        return;
    };
    let Ok(owner) = ours.metadata() else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if !is_our_temporary(&entry.file_name()) {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        let stale = meta.file_type().is_file()
            && same_owner(&meta, &owner)
            && meta.modified().is_ok_and(|m| m < cutoff);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn same_owner(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.uid() == b.uid()
}

#[cfg(not(unix))]
fn same_owner(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
}

/// Standard input, copied into a private temporary file (at most `limit` bytes) so that the
/// readers, which need to seek, can read it like any file.
pub fn stdin_to_temporary(limit: u64) -> Result<tempfile::NamedTempFile> {
    let stdin_path = Path::new("<stdin>");
    let fail = |e: std::io::Error| Error::unreadable_io(stdin_path, &e);
    let mut temp = tempfile::NamedTempFile::new().map_err(fail)?;
    let copied = std::io::copy(
        &mut std::io::stdin().lock().take(limit.saturating_add(1)),
        temp.as_file_mut(),
    )
    .map_err(fail)?;
    if copied > limit {
        return Err(Error::unreadable(
            stdin_path,
            crate::t!("read.stdin_too_large", limit = limit >> 20),
        ));
    }
    temp.as_file_mut().flush().map_err(fail)?;
    Ok(temp)
}

#[cfg(test)]
mod tests;
