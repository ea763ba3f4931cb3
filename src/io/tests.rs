use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn atomic_write_replaces_content_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.json");
    write_atomic(&path, b"one").expect("first write");
    write_output(&path, b"two").expect("second write");
    assert_eq!(std::fs::read(&path).expect("read back"), b"two");
    assert_eq!(names(dir.path()), ["out.json"]);
}

#[test]
fn writing_into_a_missing_folder_is_an_output_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = write_atomic(&dir.path().join("no/such/dir/out.xlsx"), b"x").unwrap_err();
    assert_eq!(err.exit_code(), crate::error::exit::OUTPUT);
    let err = Destination::plan(&dir.path().join("no/such/dir/out.xlsx")).unwrap_err();
    assert_eq!(err.exit_code(), crate::error::exit::OUTPUT);
}

#[test]
fn output_equal_to_input_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.xlsx");
    std::fs::write(&input, b"x").expect("write");
    assert!(ensure_not_input(&input, &input).is_err());
    assert!(ensure_not_input(&dir.path().join("sub/../in.xlsx"), &input).is_err());
    assert!(ensure_not_input(&dir.path().join("other.xlsx"), &input).is_ok());
}

#[test]
fn temporaries_are_recognised_by_their_whole_name() {
    for ours in [".a.xlsx.jixiao-4242.tmp", ".表.json.jixiao-Ab12Cd34Ef.tmp"] {
        assert!(is_our_temporary(OsStr::new(ours)), "{ours}");
    }
    for not_ours in [
        "a.xlsx.jixiao-4242.tmp",
        ".a.xlsx.tmp",
        ".a.jixiao-x.tmp",
        ".a.jixiao-12 34.tmp",
        "..jixiao-1234.tmp",
    ] {
        assert!(!is_our_temporary(OsStr::new(not_ours)), "{not_ours}");
    }
}

#[cfg(unix)]
#[test]
fn a_planted_link_with_a_coming_temporary_name_is_not_followed() {
    // Under the old scheme `.out.json.jixiao-PID.tmp` could be predicted and planted as a link
    // to a victim file, which the write then truncated and filled.
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim");
    std::fs::write(&victim, b"precious").expect("write");
    let predicted = dir
        .path()
        .join(format!(".out.json.jixiao-{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &predicted).expect("link");
    write_atomic(&dir.path().join("out.json"), b"data").expect("written");
    assert_eq!(std::fs::read(&victim).expect("victim"), b"precious");
    assert_eq!(
        std::fs::read(dir.path().join("out.json")).expect("out"),
        b"data"
    );
}
