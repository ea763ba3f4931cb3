//! The language of `jixiao serve`'s answers: `?lang=`, else `Accept-Language`, else the server's
//! own (`--lang`, the locale) — for the API's own messages and for the library's (the reader's
//! errors, the check's diagnostics, which are made on other threads).

use crate::common::{jixiao, sample};
use crate::serve_support::{
    get, get_in, post_files, post_files_in, post_json, post_json_in, sample_bytes, Served,
};

const SEED: &str = "seed-legacy.xlsx";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\n";

#[test]
fn accept_language_chooses_the_language_of_an_error() {
    let server = Served::start(&[]);
    let missing = server.url("/nothing-here");
    for (accept, code, message) in [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh", "没有这个地址"),
        ("en-US,en;q=0.9", "en", "there is nothing at this address"),
        ("fr-FR, zh;q=0.5, en;q=0.3", "zh", "没有这个地址"),
        // Neither language: the server's own (this one was started in the C locale).
        ("fr-FR, de;q=0.8", "en", "there is nothing at this address"),
    ] {
        let answer = get_in(&missing, accept);
        assert_eq!(answer.status, 404, "{accept}");
        assert_eq!(
            answer.error(),
            ("not_found".into(), message.into()),
            "{accept}"
        );
        assert_eq!(answer.language, code, "{accept}");
    }
    let plain = get(&missing);
    assert_eq!(plain.error().1, "there is nothing at this address");
    assert_eq!(plain.language, "en");
}

#[test]
fn the_server_language_answers_a_request_that_asks_for_none() {
    let server = Served::start(&["--lang", "zh"]);
    let answer = post_json(&server.url("/api/template"), r#"{"year": 1800}"#);
    assert_eq!(answer.status, 400);
    assert_eq!(answer.error().1, "年度 1800 不在 1900–2999 之间");
    assert_eq!(answer.language, "zh");
    let answer = post_json_in(&server.url("/api/template"), r#"{"year": 1800}"#, "en");
    assert_eq!(
        answer.error().1,
        "the year 1800 is not between 1900 and 2999"
    );
    assert_eq!(answer.language, "en");
}

#[test]
fn the_lang_query_wins_and_leaves_the_endpoint_query_strict() {
    let server = Served::start(&[]);
    let body = r#"{"rows": 0}"#;
    let chinese = post_json_in(&server.url("/api/template?lang=zh"), body, "en-US");
    assert_eq!(chinese.error().1, "每个二级指标的空行数 0 不在 1–200 之间");
    assert_eq!(chinese.language, "zh");
    let english = post_json_in(&server.url("/api/template?lang=en"), body, "zh-CN");
    assert_eq!(
        english.error().1,
        "0 blank rows per level-2 indicator is not between 1 and 200"
    );

    // `lang` is not one of convert's parameters, yet goes with them; an unknown one is still
    // refused, in the language asked for.
    let seed = sample_bytes(SEED);
    let converted = post_files(
        &server.url("/api/convert?lang=zh&layout=canonical"),
        &[("file", SEED, &seed)],
    );
    assert_eq!(
        converted.status,
        200,
        "{}",
        String::from_utf8_lossy(&converted.body)
    );
    let refused = post_files(
        &server.url("/api/convert?layout=canonical&colour=red&lang=zh"),
        &[("file", SEED, &seed)],
    );
    assert_eq!(refused.status, 400);
    assert!(
        refused.error().1.starts_with("查询参数有误："),
        "{:?}",
        refused.error()
    );
    let refused = post_files(
        &server.url("/api/convert?layout=grid&lang=en"),
        &[("file", SEED, &seed)],
    );
    assert_eq!(
        refused.error().1,
        "there is no layout \"grid\": use canonical (the canonical form) or system (the budget system's table)"
    );

    let unknown = get(&server.url("/api/schema/form?lang=fr"));
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.error().0, "bad_request");
    assert!(
        unknown.error().1.contains("?lang=fr"),
        "{:?}",
        unknown.error()
    );
    // A good one does not disturb the path's own parameter.
    let schema = get(&server.url("/api/schema/project?lang=zh"));
    assert_eq!(schema.status, 200);
    let missing = get(&server.url("/api/schema/weather?lang=zh"));
    assert_eq!(
        missing.error().1,
        "没有种类 \"weather\" 的 JSON Schema：可用 department、project、self-evaluation"
    );
}

#[test]
fn the_readers_message_about_an_upload_follows_the_request() {
    let server = Served::start(&[]);
    for endpoint in ["/api/check", "/api/import", "/api/inspect"] {
        let url = server.url(endpoint);
        let chinese = post_files_in(&url, &[("file", "通知.pdf", PDF)], "zh-CN");
        assert_eq!(chinese.status, 422, "{endpoint}");
        let (code, message) = chinese.error();
        assert_eq!(code, "not_a_form");
        assert!(
            message.starts_with("「通知.pdf」无法作为申报表读取：")
                && message.contains("不是电子表格：请在 Excel/WPS 中另存为 .xlsx 后再试"),
            "{endpoint}: {message}"
        );
        let english = post_files_in(&url, &[("file", "通知.pdf", PDF)], "en");
        let (_, message) = english.error();
        assert!(
            message.starts_with("“通知.pdf” cannot be read as a form: ")
                && message.contains("not a spreadsheet: save it as .xlsx in Excel or WPS"),
            "{endpoint}: {message}"
        );
        assert!(
            !message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) && !"通知".contains(c)),
            "{message}"
        );
    }
}

#[test]
fn the_check_report_is_the_cli_report_in_the_language_asked_for() {
    let server = Served::start(&[]);
    let seed = sample_bytes(SEED);
    let path = sample(SEED);
    for (accept, lang) in [("zh-CN", "zh"), ("en-GB", "en")] {
        let answer = post_files_in(&server.url("/api/check"), &[("file", SEED, &seed)], accept);
        assert_eq!(answer.status, 200);
        let out = jixiao(&[
            "check",
            "--lang",
            lang,
            "--format",
            "json",
            &path.to_string_lossy(),
        ]);
        let mut expected: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        expected["files"][0]["file"] = SEED.into();
        assert_eq!(answer.json(), expected, "{accept}");
    }
    // The two languages did differ: the diagnostics' messages are in each.
    let zh = post_files_in(&server.url("/api/check"), &[("file", SEED, &seed)], "zh").json();
    let en = post_files_in(&server.url("/api/check"), &[("file", SEED, &seed)], "en").json();
    assert_ne!(zh, en);

    // The intake table's kind column too.
    let inspected =
        post_files_in(&server.url("/api/inspect"), &[("file", SEED, &seed)], "zh").json();
    assert_eq!(inspected["forms"][0]["kind"], "部门整体");
    let inspected =
        post_files_in(&server.url("/api/inspect"), &[("file", SEED, &seed)], "en").json();
    assert_eq!(inspected["forms"][0]["kind"], "department");
}

#[test]
fn a_bundle_is_made_in_the_language_asked_for() {
    let server = Served::start(&[]);
    let parts = [("file", "通知.pdf", PDF)];
    for (accept, word) in [("zh", "不是电子表格"), ("en", "not a spreadsheet")] {
        let answer = post_files_in(&server.url("/api/bundle"), &parts, accept);
        assert_eq!(answer.status, 200, "{accept}");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(answer.body)).expect("a zip");
        let mut text = String::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).expect("entry");
            if file.name().is_ok_and(|n| n.ends_with(".csv")) {
                std::io::Read::read_to_string(&mut file, &mut text).expect("utf-8 csv");
            }
        }
        assert!(text.contains(word), "{accept}: {text}");
    }
}
