//! The language of every message: Chinese under a Chinese locale, English otherwise, `--lang` to
//! choose; the binary run under LANG=zh_CN.UTF-8 and LANG=C.

use crate::common::sample;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Output;

/// Runs the binary with `LANG` set to `lang` and the other locale variables removed.
fn run<S: AsRef<OsStr>>(lang: &str, args: &[S]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env("NO_COLOR", "1")
        .output()
        .expect("the jixiao binary runs")
}

const ZH: &str = "zh_CN.UTF-8";
const C: &str = "C";

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

#[test]
fn help_is_chinese_under_a_chinese_locale_and_english_otherwise() {
    let zh = run(ZH, &["--help"]);
    assert_eq!(zh.status.code(), Some(0));
    let text = stdout(&zh);
    assert!(text.contains("用法：jixiao"), "{text}");
    assert!(text.contains("命令:") && text.contains("选项:"), "{text}");
    assert!(text.contains("审核申报表"), "{text}");
    assert!(
        !text.contains("Usage:") && !text.contains("Print help"),
        "{text}"
    );

    let sub = stdout(&run(ZH, &["check", "--help"]));
    assert!(
        sub.contains("参数:") && sub.contains("［默认：human］"),
        "{sub}"
    );
    assert!(!sub.contains("[default:"), "{sub}");

    let en = stdout(&run(C, &["--help"]));
    assert!(
        en.contains("Usage: jixiao") && en.contains("Commands:"),
        "{en}"
    );
    assert!(!en.contains("用法"), "{en}");

    let chosen = stdout(&run(ZH, &["--lang", "en", "--help"]));
    assert!(
        chosen.contains("Usage: jixiao"),
        "--lang en wins over LANG: {chosen}"
    );
    let chosen = stdout(&run(C, &["check", "--lang=zh", "--help"]));
    assert!(chosen.contains("用法：jixiao check"), "{chosen}");
    let help_command = stdout(&run(ZH, &["help", "batch"]));
    assert!(help_command.contains("summary.xlsx"), "{help_command}");
}

/// `jixiao help X` prints what `jixiao X --help` prints: the usage line names the program, and
/// the global `--lang` is listed (it named neither before).
#[test]
fn help_of_a_command_is_its_own_help() {
    for lang in [ZH, C] {
        for command in ["import", "export", "check", "score", "batch"] {
            let own = stdout(&run(lang, &[command, "--help"]));
            let asked = stdout(&run(lang, &["help", command]));
            assert_eq!(asked, own, "{lang} help {command}");
            assert!(asked.contains(&format!("jixiao {command}")), "{asked}");
            assert!(asked.contains("--lang"), "{asked}");
        }
    }
}

#[test]
fn usage_errors_are_chinese_with_exit_code_2() {
    let out = run(ZH, &["check", "--formt", "json", "a.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("jixiao：用法错误：无法识别的参数 '--formt'"),
        "{err}"
    );
    assert!(
        err.contains("'--format'") && err.contains("用法："),
        "{err}"
    );

    let missing = stderr(&run(ZH, &["check"]));
    assert!(missing.contains("缺少必需的参数"), "{missing}");
    let value = stderr(&run(ZH, &["check", "--format", "pdf", "a.xlsx"]));
    assert!(value.contains("无效") && value.contains("human"), "{value}");
    let en = run(C, &["check", "--formt", "json", "a.xlsx"]);
    assert_eq!(en.status.code(), Some(2));
    assert!(
        stderr(&en).contains("unexpected argument"),
        "{}",
        stderr(&en)
    );
}

#[test]
fn io_errors_are_chinese_and_never_show_the_os_error_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("没有这个文件.xlsx");
    let out = run(ZH, &["import", p(&missing)]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("找不到文件") && err.contains("没有这个文件.xlsx"),
        "{err}"
    );

    let checked = stderr(&run(ZH, &["check", p(&missing)]));
    assert!(checked.contains("无法读取: 找不到文件"), "{checked}");
    assert!(!checked.contains("no such file"), "{checked}");

    // OUT_DIR is an existing file: creating it fails with EEXIST (os error 17).
    let in_dir = dir.path().join("in");
    std::fs::create_dir(&in_dir).expect("mkdir");
    let blocker = dir.path().join("out");
    std::fs::write(&blocker, b"x").expect("write");
    for lang in [ZH, C] {
        let out = run(lang, &["batch", p(&in_dir), "-o", p(&blocker)]);
        assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(!err.contains("os error"), "{err}");
        if lang == ZH {
            assert!(
                err.contains("无法写入") && err.contains("文件已存在"),
                "{err}"
            );
        }
    }
}

#[test]
fn wrong_file_types_say_to_save_as_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("申报表.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").expect("write");
    let csv = dir.path().join("申报表.csv");
    std::fs::write(&csv, "部门名称,广州市某局\n").expect("write");
    let docx = dir.path().join("申报表.docx");
    {
        let file = std::fs::File::create(&docx).expect("create");
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", options)
            .expect("entry");
        std::io::Write::write_all(&mut zip, b"<Types/>").expect("write");
        zip.start_file("word/document.xml", options).expect("entry");
        std::io::Write::write_all(&mut zip, b"<w:document/>").expect("write");
        zip.finish().expect("finish");
    }
    for (file, what) in [(&pdf, "PDF"), (&csv, "CSV"), (&docx, "Word")] {
        let out = run(ZH, &["import", p(file)]);
        assert_eq!(out.status.code(), Some(3));
        let err = stderr(&out);
        assert!(
            err.contains("不是电子表格：请在 Excel/WPS 中另存为 .xlsx 后再试")
                && err.contains(what),
            "{err}"
        );
        let en = stderr(&run(C, &["import", p(file)]));
        assert!(
            en.contains("not a spreadsheet") && en.contains("save it as .xlsx"),
            "{en}"
        );
    }
}

#[test]
fn batch_summary_line_and_csv_headers_follow_the_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let in_dir = dir.path().join("in");
    std::fs::create_dir(&in_dir).expect("mkdir");
    std::fs::copy(sample("seed-legacy.xlsx"), in_dir.join("a.xlsx")).expect("copy");
    std::fs::write(in_dir.join("notes.txt"), "not a form").expect("write");

    let zh_out = dir.path().join("zh");
    let out = run(ZH, &["batch", p(&in_dir), "-o", p(&zh_out)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("notes.txt") && err.contains("不是电子表格"),
        "{err}"
    );
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("jixiao batch：共 2 个文件，转换 1 个，失败 1 个（检查错误"),
        "{last}"
    );
    let header = std::fs::read_to_string(zh_out.join("indicators.csv")).expect("csv");
    assert!(
        header.starts_with("文件,部门（单位）,一级指标,二级指标,三级指标,实施周期指标值,"),
        "{header}"
    );

    let en_out = dir.path().join("en");
    let out = run(C, &["batch", p(&in_dir), "-o", p(&en_out)]);
    let last = stderr(&out).lines().last().unwrap_or_default().to_string();
    assert!(
        last.starts_with("jixiao batch: 2 files, 1 converted, 1 failed ("),
        "{last}"
    );
    let header = std::fs::read_to_string(en_out.join("indicators.csv")).expect("csv");
    assert!(
        header.starts_with("file,department,level1,level2,name,period_text,"),
        "{header}"
    );
    let summary = std::fs::read_to_string(en_out.join("summary.csv")).expect("csv");
    assert!(
        summary.starts_with("file,status,errors,warnings,message,xlsx,json\r\n"),
        "{summary}"
    );
}

#[test]
fn every_csv_column_has_a_header_in_both_languages() {
    use jixiao::batch::{INDICATOR_COLUMNS, SUMMARY_COLUMNS, TASK_COLUMNS};
    use jixiao::i18n::{catalog, Lang};
    for id in INDICATOR_COLUMNS
        .iter()
        .chain(&TASK_COLUMNS)
        .chain(&SUMMARY_COLUMNS)
    {
        let key = format!("columns.{id}");
        assert!(catalog().messages.contains_key(&key), "{key} missing");
        assert_eq!(
            jixiao::i18n::text_in(Lang::En, &key),
            *id,
            "English headers are the ids"
        );
    }
}

#[test]
fn version_names_the_layout_and_the_supported_kinds() {
    let zh = stdout(&run(ZH, &["--version"]));
    assert!(
        zh.starts_with(&format!("jixiao {}\n", env!("CARGO_PKG_VERSION"))),
        "{zh}"
    );
    let layout = jixiao::layout::LAYOUT_VERSION;
    assert!(zh.contains(&format!("规范表式版本 {layout}")), "{zh}");
    for kind in jixiao::model::DocumentKind::ALL {
        assert!(
            zh.contains(kind.title()) && zh.contains(kind.format()),
            "{zh}"
        );
    }
    let en = stdout(&run(C, &["-V"]));
    assert!(
        en.contains(&format!("canonical layout version {layout}")),
        "{en}"
    );
    assert!(
        en.contains("supported kinds") && en.contains("jixiao/self-evaluation@1"),
        "{en}"
    );
}

#[test]
fn the_man_page_and_completions_are_generated_and_hidden_from_help() {
    let man = run(C, &["manpage"]);
    assert_eq!(man.status.code(), Some(0));
    let text = stdout(&man);
    assert!(text.contains(".TH jixiao 1"), "{text}");
    assert!(text.contains("batch") && text.contains("check"), "{text}");
    let zh = stdout(&run(C, &["--lang", "zh", "manpage"]));
    assert!(zh.contains("审核申报表") && zh.contains("批量转换"), "{zh}");
    for shell in ["bash", "zsh", "fish"] {
        let out = run(C, &["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(stdout(&out).contains("jixiao"), "{shell}");
        assert!(stdout(&out).contains("lang"), "{shell}");
    }
    let help = stdout(&run(C, &["--help"]));
    assert!(
        !help.contains("manpage") && !help.contains("completions"),
        "{help}"
    );
}

#[test]
fn the_xls_scan_refusals_are_in_both_languages() {
    let fuzz = crate::common::root().join("tests/data/fuzz");
    let huge = fuzz.join("import-calamine-xls-huge-range-3fc304fa.bin");
    let zh = stderr(&run(ZH, &["import", p(&huge)]));
    assert!(
        zh.contains("远大于一份表（最多 4000000 个单元格），已拒绝"),
        "{zh}"
    );
    assert!(!zh.contains("refused") && !zh.contains("cells"), "{zh}");
    let en = stderr(&run(C, &["import", p(&huge)]));
    assert!(
        en.contains("far larger than a form (4000000 cells at most)"),
        "{en}"
    );

    let broken = fuzz.join("import-calamine-xls-oom-8a0523dd.bin");
    let zh = run(ZH, &["import", p(&broken)]);
    assert_eq!(zh.status.code(), Some(3));
    let zh = stderr(&zh);
    assert!(
        zh.contains("无法作为 xls 工作簿读取") && zh.contains("不是可读的复合文档"),
        "{zh}"
    );
    assert!(
        !zh.contains("os error") && !zh.contains("compound file"),
        "{zh}"
    );
    let en = stderr(&run(C, &["import", p(&broken)]));
    assert!(en.contains("not a readable compound file"), "{en}");
}

#[test]
fn an_unknown_system_profile_is_refused_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("form.json");
    let form = run(C, &["import", p(&sample("variant-single.xlsx"))]);
    std::fs::write(&json, &form.stdout).expect("write the form");
    let out = dir.path().join("out.xlsx");
    let args = |lang: &'static str| {
        vec![
            "export".to_string(),
            p(&json).to_string(),
            "-o".into(),
            p(&out).to_string(),
            "--layout".into(),
            "system".into(),
            "--profile".into(),
            "nowhere".into(),
            "--lang".into(),
            lang.into(),
        ]
    };
    let zh = run(C, &args("zh"));
    assert_eq!(zh.status.code(), Some(2));
    let zh = stderr(&zh);
    assert!(
        zh.contains("没有名为 \"nowhere\" 的系统表配置；可用：default、sichuan"),
        "{zh}"
    );
    let en = stderr(&run(ZH, &args("en")));
    assert!(
        en.contains("no system-table profile named \"nowhere\"; available: default, sichuan"),
        "{en}"
    );
    assert!(!out.exists(), "nothing written");
}

/// Chinese ideographs, to tell a Chinese message from an English one that quotes the form.
fn han(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count()
}

#[test]
fn check_speaks_english_with_lang_en_and_chinese_under_a_chinese_locale() {
    let broken = crate::common::root().join("tests/data/broken.json");
    let en = run(ZH, &["check", "--lang", "en", p(&broken)]);
    assert_eq!(en.status.code(), Some(1));
    let en = stdout(&en);
    assert!(
        en.contains(": error[budget.total_mismatch] the total of "),
        "{en}"
    );
    assert!(en.contains("    hint: "), "{en}");
    assert!(
        en.lines()
            .last()
            .is_some_and(|l| l.ends_with(" errors, 2 warnings") || l.contains(" errors, ")),
        "{en}"
    );
    assert!(
        !en.contains("错误[") && !en.contains("不一致") && !en.contains("建议："),
        "{en}"
    );

    let zh = stdout(&run(ZH, &["check", p(&broken)]));
    assert!(
        zh.contains(": 错误[budget.total_mismatch] ") && zh.contains("不一致"),
        "{zh}"
    );
    assert!(
        zh.contains("    建议：") && zh.contains(" 个错误，"),
        "{zh}"
    );
    assert!(!zh.contains("error[") && !zh.contains("hint:"), "{zh}");
    // The English locale chooses English without --lang.
    assert_eq!(stdout(&run("en_US.UTF-8", &["check", p(&broken)])), en);
}

#[test]
fn check_json_keeps_its_codes_and_gives_the_messages_in_the_chosen_language() {
    let broken = crate::common::root().join("tests/data/broken.json");
    let parse =
        |out: Output| -> serde_json::Value { serde_json::from_slice(&out.stdout).expect("JSON") };
    let en = parse(run(
        ZH,
        &["check", "--format", "json", "--lang", "en", p(&broken)],
    ));
    let zh = parse(run(
        C,
        &["check", "--format", "json", "--lang", "zh", p(&broken)],
    ));
    let all = |v: &serde_json::Value| {
        v["files"][0]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let (en, zh) = (all(&en), all(&zh));
    assert!(en.len() >= 5 && en.len() == zh.len(), "{en:?}");
    for (e, z) in en.iter().zip(&zh) {
        for key in ["code", "severity", "field", "sheet", "cell"] {
            assert_eq!(e[key], z[key], "{key} does not depend on the language");
        }
        let (em, zm) = (
            e["message"].as_str().unwrap_or(""),
            z["message"].as_str().unwrap_or(""),
        );
        assert_ne!(em, zm);
        assert!(han(zm) > 0, "{zm}");
        // English quotes the form's own words only: far fewer ideographs than the Chinese.
        assert!(han(em) < han(zm), "{em} / {zm}");
    }
}

#[test]
fn diff_speaks_english_with_lang_en_and_chinese_under_a_chinese_locale() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = crate::common::root().join("tests/data/seed.json");
    let mut form: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&old).expect("seed")).expect("JSON");
    form["title"] = "另一个标题".into();
    let new = dir.path().join("new.json");
    std::fs::write(&new, form.to_string()).expect("write");
    let en = stdout(&run(ZH, &["diff", "--lang", "en", p(&old), p(&new)]));
    assert!(en.contains("~ title: "), "{en}");
    assert!(
        en.contains("1 difference: 0 added, 0 removed, 1 changed"),
        "{en}"
    );
    assert!(!en.contains("共 ") && !en.contains("标题:"), "{en}");
    let zh = stdout(&run(ZH, &["diff", p(&old), p(&new)]));
    assert!(
        zh.contains("~ 标题: ") && zh.contains("共 1 处不同"),
        "{zh}"
    );
    let same_en = stdout(&run(C, &["diff", p(&old), p(&old)]));
    assert_eq!(same_en, "The two forms are the same.\n");
    let same_zh = stdout(&run(ZH, &["diff", p(&old), p(&old)]));
    assert_eq!(same_zh, "两份表内容相同。\n");
}

#[test]
fn score_speaks_the_chosen_language_in_its_text_json_notes_and_sheet() {
    let anhui = crate::common::root()
        .join("tests/data/realworld/05_anhui_tianchang_shuili_2022_selfeval.xlsx");
    let zh = stdout(&run(ZH, &["score", p(&anhui)]));
    let en = stdout(&run(C, &["score", p(&anhui)]));
    assert!(
        zh.contains("绩效自评得分") && zh.contains("计算得分 9.00  表中得分 10  ≠ 相差 1.00"),
        "{zh}"
    );
    assert!(zh.contains("计算不完整"), "{zh}");
    assert!(
        en.contains(": self-evaluation score")
            && en.contains("computed 9.00  written 10  ≠ differs by 1.00"),
        "{en}"
    );
    assert!(en.contains("incomplete: "), "{en}");
    assert_eq!(stdout(&run(ZH, &["score", "--lang", "en", p(&anhui)])), en);

    // The JSON's notes: the same fields and reasons, the message in each language.
    let parse =
        |out: Output| -> serde_json::Value { serde_json::from_slice(&out.stdout).expect("JSON") };
    let zh = parse(run(
        C,
        &["score", "--format", "json", "--lang", "zh", p(&anhui)],
    ));
    let en = parse(run(
        ZH,
        &["score", "--format", "json", "--lang", "en", p(&anhui)],
    ));
    let (zh_notes, en_notes) = (&zh["diagnostics"], &en["diagnostics"]);
    let count = zh_notes.as_array().map_or(0, Vec::len);
    assert!(
        count > 0 && en_notes.as_array().map(Vec::len) == Some(count),
        "{zh_notes}"
    );
    for i in 0..count {
        let (z, e) = (&zh_notes[i], &en_notes[i]);
        for key in ["field", "cell", "reason"] {
            assert_eq!(z[key], e[key], "{key} does not depend on the language");
        }
        let (zm, em) = (
            z["message"].as_str().unwrap_or(""),
            e["message"].as_str().unwrap_or(""),
        );
        assert!(zm.contains("无法自动评分"), "{zm}");
        assert!(em.contains("cannot be scored automatically"), "{em}");
        assert!(han(em) < han(zm), "{em} / {zm}");
    }
    // Apart from the messages, the scorecards are the same.
    let strip = |mut v: serde_json::Value| {
        if let Some(notes) = v["diagnostics"].as_array_mut() {
            for note in notes {
                note["message"] = serde_json::Value::Null;
            }
        }
        v
    };
    assert_eq!(strip(zh), strip(en));

    // The printable sheet: its name and headings.
    use calamine::Reader;
    let dir = tempfile::tempdir().expect("tempdir");
    for (lang, sheet, heading) in [("zh", "评分", "一级指标"), ("en", "Score", "Level 1")] {
        let out = dir.path().join(format!("score-{lang}.xlsx"));
        let ran = run(C, &["score", "--lang", lang, p(&anhui), "-o", p(&out)]);
        assert!(ran.status.success(), "{}", stderr(&ran));
        let mut book = calamine::open_workbook_auto(&out).expect("the sheet opens");
        assert_eq!(book.sheet_names(), vec![sheet.to_string()]);
        let range = book.worksheet_range(sheet).expect("the sheet");
        assert!(
            range
                .rows()
                .any(|r| r.first().map(|c| c.to_string()) == Some(heading.to_string())),
            "{lang}: no heading {heading}"
        );
    }
}
