//! Where outputs go (issue 14, items 1–3, 10, 13–17): devices and FIFOs written directly,
//! links kept, `-` for stdout and stdin, outputs compared with each other and the inputs before
//! any is written, a closed stdout, a full disk, stale temporaries, the batch lock and budget,
//! and names and cell text escaped in what people read.

use crate::common::{jixiao, sample};

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    command.env_remove("NO_COLOR");
    command
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn output_onto_dev_null_writes_into_it_and_leaves_the_device() {
    use std::os::unix::fs::FileTypeExt;
    let seed = sample("seed-legacy.xlsx");
    let out = jixiao(&[
        Path::new("import"),
        &seed,
        Path::new("-o"),
        Path::new("/dev/null"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let meta = std::fs::metadata("/dev/null").expect("/dev/null");
    assert!(meta.file_type().is_char_device());
}

#[cfg(unix)]
#[test]
fn output_onto_dev_stdout_reaches_stdout() {
    let seed = sample("seed-legacy.xlsx");
    let out = jixiao(&[
        Path::new("import"),
        &seed,
        Path::new("-o"),
        Path::new("/dev/stdout"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"format\": \"jixiao/form@1\""), "{text}");
}

#[test]
fn dash_is_stdout_for_outputs_and_stdin_for_inputs() {
    let seed = sample("seed-legacy.xlsx");
    let out = jixiao(&[Path::new("import"), &seed, Path::new("-o"), Path::new("-")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("jixiao/form@1"));
    assert!(!Path::new("-").exists(), "no file named - was written");

    let mut child = bin()
        .args(["import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let bytes = std::fs::read(&seed).expect("seed");
    let mut stdin = child.stdin.take().expect("stdin");
    let feeder = std::thread::spawn(move || stdin.write_all(&bytes));
    let out = child.wait_with_output().expect("ran");
    feeder.join().expect("fed").expect("written");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("广州市工业和信息化局"));
}

#[test]
fn a_bad_stdin_is_named_as_stdin() {
    let mut child = bin()
        .args(["import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"not a workbook")
        .expect("written");
    let out = child.wait_with_output().expect("ran");
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("<stdin>"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn output_onto_a_fifo_is_written_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::fs::File::open(&reader_path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map(|_| text)
    });
    let seed = sample("seed-legacy.xlsx");
    let out = jixiao(&[Path::new("import"), &seed, Path::new("-o"), &fifo]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = reader.join().expect("reader").expect("read");
    assert!(text.contains("jixiao/form@1"));
    assert!(std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type()
        .is_fifo());
}

#[cfg(unix)]
#[test]
fn output_through_a_link_replaces_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("real.json");
    std::fs::write(&target, b"old").expect("write");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).expect("link");
    let seed = sample("seed-legacy.xlsx");
    let out = jixiao(&[Path::new("import"), &seed, Path::new("-o"), &link]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&target).expect("target");
    assert!(text.contains("jixiao/form@1"));
}

#[test]
fn convert_refuses_two_outputs_naming_one_file_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = sample("seed-legacy.xlsx");
    let xlsx = dir.path().join("Y.xlsx");
    let same = dir.path().join(".").join("Y.xlsx");
    let out = jixiao(&[
        Path::new("convert"),
        &seed,
        Path::new("-o"),
        &xlsx,
        Path::new("--json"),
        &same,
    ]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("same file"), "{}", stderr(&out));
    assert!(!xlsx.exists());
}

#[test]
fn convert_checks_every_output_before_writing_any() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = sample("seed-legacy.xlsx");
    let xlsx = dir.path().join("Y.xlsx");
    let json = dir.path().join("missing/folder/Y.json");
    let out = jixiao(&[
        Path::new("convert"),
        &seed,
        Path::new("-o"),
        &xlsx,
        Path::new("--json"),
        &json,
    ]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        !xlsx.exists(),
        "the xlsx was written before --json was refused"
    );
}

#[cfg(unix)]
#[test]
fn an_output_that_is_the_input_through_a_hard_link_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.json");
    std::fs::copy(crate::common::root().join("tests/data/seed.json"), &input).expect("copy");
    let alias = dir.path().join("alias.xlsx");
    std::fs::hard_link(&input, &alias).expect("hard link");
    let out = jixiao(&[Path::new("export"), &input, Path::new("-o"), &alias]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("would overwrite the input"));
}

#[test]
fn a_closed_stdout_ends_quietly_with_success() {
    let mut child = bin()
        .arg("value")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    // More than any pipe buffer, so the writer meets the closed pipe.
    let feeder = std::thread::spawn(move || {
        let lines = "≥18000家次\n".repeat(200_000);
        let _ = stdin.write_all(lines.as_bytes());
    });
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    assert!(first.contains("comparison"), "{first}");
    drop(stdout);
    let out = child.wait_with_output().expect("ran");
    let _ = feeder.join();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "nothing said about the pipe");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_output_error() {
    let seed = sample("seed-legacy.xlsx");
    for args in [
        vec![
            "diff".to_string(),
            seed.display().to_string(),
            sample("variant-single.xlsx").display().to_string(),
        ],
        vec!["import".to_string(), seed.display().to_string()],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = bin().args(&args).stdout(full).output().expect("ran");
        assert_eq!(out.status.code(), Some(4), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn stale_temporaries_of_a_killed_run_are_removed_and_others_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let stale = dir.path().join(".out.json.jixiao-31337.tmp");
    let fresh = dir.path().join(".out.json.jixiao-31338.tmp");
    let foreign = dir.path().join(".out.json.other-31339.tmp");
    for path in [&stale, &fresh, &foreign] {
        std::fs::write(path, b"left behind").expect("write");
    }
    for path in [&stale, &foreign] {
        std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(old))
            .expect("aged");
    }
    let seed = sample("seed-legacy.xlsx");
    let out = jixiao(&[
        Path::new("import"),
        &seed,
        Path::new("-o"),
        &dir.path().join("out.json"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stale.exists(), "the killed run's temporary is removed");
    assert!(
        fresh.exists(),
        "a temporary newer than the run may be another run's"
    );
    assert!(foreign.exists(), "another program's file is left alone");
}

fn batch_folder(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let in_dir = dir.join("in");
    std::fs::create_dir(&in_dir).expect("mkdir");
    std::fs::copy(sample("seed-legacy.xlsx"), in_dir.join("a.xlsx")).expect("copy");
    (in_dir, dir.join("out"))
}

#[cfg(unix)]
#[test]
fn a_second_batch_into_a_locked_output_folder_is_refused_in_chinese() {
    use std::os::unix::io::AsRawFd;
    let dir = tempfile::tempdir().expect("tempdir");
    let (in_dir, out_dir) = batch_folder(dir.path());
    std::fs::create_dir(&out_dir).expect("mkdir");
    let lock = std::fs::File::create(out_dir.join(jixiao::batch::LOCK_FILE)).expect("lock file");
    // SAFETY: flock on a descriptor `lock` keeps open.
    let held = unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    assert_eq!(held, 0, "the test holds the lock");
    let out = jixiao(&[
        Path::new("--lang"),
        Path::new("zh"),
        Path::new("batch"),
        &in_dir,
        Path::new("-o"),
        &out_dir,
    ]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("另一个 jixiao batch"),
        "{}",
        stderr(&out)
    );
    assert!(!out_dir.join("summary.csv").exists());
    drop(lock);
    let out = jixiao(&[Path::new("batch"), &in_dir, Path::new("-o"), &out_dir]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_file_over_the_per_file_budget_is_reported_as_failed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (in_dir, out_dir) = batch_folder(dir.path());
    let out = jixiao(&[
        Path::new("batch"),
        &in_dir,
        Path::new("-o"),
        &out_dir,
        Path::new("--file-timeout"),
        Path::new("0.000001"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let summary = std::fs::read_to_string(out_dir.join("summary.csv")).expect("summary");
    assert!(summary.contains("a.xlsx,failed"), "{summary}");
    assert!(summary.contains("--file-timeout"), "{summary}");
    assert!(
        !out_dir.join("a.xlsx.xlsx").exists(),
        "nothing of it is written"
    );
}

#[cfg(unix)]
#[test]
fn batch_names_are_escaped_in_tables_and_messages() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let (in_dir, out_dir) = batch_folder(dir.path());
    std::fs::write(
        in_dir.join("x\njixiao: fake.xlsx: converted fine.txt"),
        b"not a form",
    )
    .expect("write");
    std::fs::write(
        in_dir.join(std::ffi::OsStr::from_bytes(b"bad-\xff.txt")),
        b"not a form",
    )
    .expect("write");
    let out = jixiao(&[Path::new("batch"), &in_dir, Path::new("-o"), &out_dir]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        !err.lines().any(|l| l.starts_with("jixiao: fake.xlsx")),
        "a name faked a line: {err}"
    );
    assert!(err.contains("x\\njixiao: fake.xlsx"), "{err}");
    let summary = std::fs::read_to_string(out_dir.join("summary.csv")).expect("summary");
    assert!(summary.contains("bad-\\xff.txt"), "{summary}");
    assert!(summary.contains("x\\njixiao"), "{summary}");
    let json = std::fs::read_to_string(out_dir.join("summary.json")).expect("summary");
    assert!(json.contains("bad-\\\\xff.txt"), "{json}");
}

/// A form whose texts carry terminal escape sequences.
fn escaping_form(dir: &Path, name: &str, department: &str) -> std::path::PathBuf {
    let seed =
        std::fs::read_to_string(crate::common::root().join("tests/data/seed.json")).expect("seed");
    let mut form: serde_json::Value = serde_json::from_str(&seed).expect("json");
    form["department"] = department.into();
    form["indicators"][0]["level1"] = "产出\u{1b}[2J指标".into();
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string(&form).expect("text")).expect("write");
    path
}

#[test]
fn check_and_diff_escape_control_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = escaping_form(dir.path(), "old.json", "某局");
    let new = escaping_form(dir.path(), "new.json", "某局\u{1b}]0;owned\u{7}");
    let check = jixiao(&[Path::new("check"), &old]);
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(text.contains("\\u{1b}[2J"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    let diff = jixiao(&[Path::new("diff"), &old, &new]);
    let text = String::from_utf8_lossy(&diff.stdout);
    assert!(text.contains("\\u{1b}]0;owned\\u{7}"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text}"
    );
}

/// The seed form as JSON with `field` of the budget set to `value`.
fn form_with_money(dir: &Path, value: &str) -> std::path::PathBuf {
    let seed =
        std::fs::read_to_string(crate::common::root().join("tests/data/seed.json")).expect("seed");
    let mut form: serde_json::Value = serde_json::from_str(&seed).expect("json");
    form["budget"]["basic_expenditure"] = value.into();
    let path = dir.join("money.json");
    std::fs::write(&path, serde_json::to_string(&form).expect("text")).expect("write");
    path
}

#[test]
fn money_a_number_cannot_carry_is_written_as_text_with_a_warning_and_read_back_exactly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = form_with_money(dir.path(), "1234567890123.4567");
    let xlsx = dir.path().join("out.xlsx");
    let out = jixiao(&[Path::new("export"), &json, Path::new("-o"), &xlsx]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("budget.basic_expenditure"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("warning") && stderr(&out).contains("significant digits"),
        "{}",
        stderr(&out)
    );
    let back = jixiao::read::open(&xlsx, &jixiao::read::ImportOptions::default())
        .expect("reads back")
        .form;
    assert_eq!(
        back.budget.basic_expenditure.map(|d| d.to_string()),
        Some("1234567890123.4567".to_string())
    );
}

#[test]
fn money_an_ordinary_number_carries_stays_a_number_without_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = form_with_money(dir.path(), "14737.75");
    let xlsx = dir.path().join("out.xlsx");
    let out = jixiao(&[Path::new("export"), &json, Path::new("-o"), &xlsx]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn money_with_more_digits_than_kept_is_refused_not_rounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    for value in [
        "0.0000000000000000000000000000001",
        "1.2345678901234567890123456789012",
    ] {
        let json = form_with_money(dir.path(), value);
        let out = jixiao(&[Path::new("import"), &json]);
        assert_eq!(out.status.code(), Some(3), "{value}: {}", stderr(&out));
        assert!(stderr(&out).contains("28 significant"), "{}", stderr(&out));
    }
}
