//! `jixiao score`, the self-evaluation check and the pre-filled 自评表 (issue 12).

use std::path::{Path, PathBuf};

use crate::common::{jixiao, root, sample};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn pre_filled(dir: &Path, from: &Path, protect: bool) -> PathBuf {
    let out_path = dir.join("自评表.xlsx");
    let mut args = vec![
        "template".into(),
        "--self-evaluation".into(),
        "--from".into(),
        from.as_os_str().to_owned(),
        "-o".into(),
        out_path.as_os_str().to_owned(),
    ];
    if protect {
        args.push("--protect".into());
    }
    let out = jixiao(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    out_path
}

#[test]
fn a_target_form_is_not_scored_and_says_why_in_chinese() {
    let out = jixiao(&["score", &sample("seed-legacy.xlsx").display().to_string()]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("不是绩效自评表"), "{}", stderr(&out));
}

#[test]
fn the_pre_filled_workbook_is_written_where_asked_and_only_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = pre_filled(dir.path(), &sample("seed-legacy.xlsx"), true);
    let bytes = std::fs::read(&path).expect("written");
    assert!(bytes.starts_with(b"PK"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // --from needs --self-evaluation and the other way round.
    let out = jixiao(&["template", "--self-evaluation", "-o", "x.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    // The approved form itself is never overwritten.
    let copy = dir.path().join("approved.xlsx");
    std::fs::copy(sample("seed-legacy.xlsx"), &copy).expect("copy");
    let out = jixiao(&[
        "template",
        "--self-evaluation",
        "--from",
        &copy.display().to_string(),
        "-o",
        &copy.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&copy).expect("still there"),
        std::fs::read(sample("seed-legacy.xlsx")).expect("sample")
    );
    let _ = root();
    let _ = stdout;
}
