//! What every test module shares: the built binary and the shipped samples.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under samples/.
pub fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

/// Runs the built `jixiao` binary with `args` (colour left to the binary's own rule).
pub fn jixiao<S: AsRef<OsStr>>(args: &[S]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env_remove("NO_COLOR")
        // English, whatever the machine's locale: the tests that are about the language set it.
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .output()
        .expect("the jixiao binary runs")
}

/// Converts `files` with LibreOffice into `format` (`xlsx`, `xls`) in `out`, as another program
/// would re-save them; a private profile so that concurrent tests do not share one.
pub fn libreoffice_convert(files: &[PathBuf], format: &str, out: &Path) {
    let profile = tempfile::tempdir().expect("profile dir");
    let profile_url = format!("file://{}", profile.path().display());
    let status = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run soffice (LibreOffice; .ci/run installs it)");
    assert!(status.success(), "soffice --convert-to {format}");
}
