//! `jixiao serve`'s HTTP API: every endpoint, every error status, the Host check, the upload
//! limit, and 20 uploads at once — against the real binary on a free loopback port.

use crate::common::{jixiao, sample};
use crate::serve_support::{
    cli_import, get, post_files, post_json, post_raw, sample_bytes, Served,
};

const SEED: &str = "seed-legacy.xlsx";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[test]
fn healthz_and_the_page_answer() {
    let server = Served::start(&[]);
    let health = get(&server.url("/healthz"));
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");

    let page = get(&server.url("/"));
    assert_eq!(page.status, 200);
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    // The page may load only its own scripts and styles.
    assert!(
        page.policy.contains("default-src 'self'"),
        "{}",
        page.policy
    );
    assert!(!page.policy.contains("unsafe-inline"), "{}", page.policy);
    let html = String::from_utf8(page.body).expect("utf-8");
    for tab in ["收件", "查看", "比较", "模板"] {
        assert!(html.contains(tab), "the page has no {tab}");
    }
    // Everything the page loads is its own: no other origin is named.
    assert!(!html.contains("http://") && !html.contains("https://"));
    let script = get(&server.url("/app.js"));
    assert_eq!(script.status, 200);
    let script = String::from_utf8(script.body).expect("utf-8");
    assert!(!script.contains("http://") && !script.contains("https://"));
    assert_eq!(get(&server.url("/app.css")).status, 200);
    let missing = get(&server.url("/nothing-here"));
    assert_eq!(missing.status, 404);
    assert_eq!(missing.error().0, "not_found");
}

#[test]
fn import_answers_the_json_of_jixiao_import() {
    let server = Served::start(&[]);
    let answer = post_files(
        &server.url("/api/import"),
        &[("file", SEED, &sample_bytes(SEED))],
    );
    assert_eq!(answer.status, 200);
    assert!(answer.content_type.starts_with("application/json"));
    assert_eq!(answer.json(), cli_import(&sample(SEED)));
    assert!(!answer.cors, "no CORS headers");
}

#[test]
fn check_answers_the_report_of_check_format_json() {
    let server = Served::start(&[]);
    let answer = post_files(
        &server.url("/api/check"),
        &[("file", SEED, &sample_bytes(SEED))],
    );
    assert_eq!(answer.status, 200);
    let out = jixiao(&["check", "--format", "json", &sample(SEED).to_string_lossy()]);
    let mut expected: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // The CLI names the file as given on its command line; the server by the upload's name.
    expected["files"][0]["file"] = SEED.into();
    assert_eq!(answer.json(), expected);
    assert!(answer.json()["files"][0]["warnings"].as_u64() > Some(0));
}

#[test]
fn convert_answers_a_canonical_xlsx_that_imports_to_the_same_form() {
    let server = Served::start(&[]);
    let answer = post_files(
        &server.url("/api/convert"),
        &[("file", SEED, &sample_bytes(SEED))],
    );
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type, XLSX);
    assert!(
        answer
            .disposition
            .contains("filename*=UTF-8''seed-legacy-canonical.xlsx"),
        "{}",
        answer.disposition
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("canonical.xlsx");
    std::fs::write(&out, &answer.body).expect("write");
    assert_eq!(cli_import(&out), cli_import(&sample(SEED)));

    // A Chinese upload name survives, percent-encoded, with an ASCII fallback.
    let answer = post_files(
        &server.url("/api/convert"),
        &[("file", "某局.xlsx", &sample_bytes(SEED))],
    );
    assert_eq!(answer.status, 200);
    assert!(
        answer
            .disposition
            .contains("filename*=UTF-8''%E6%9F%90%E5%B1%80-canonical.xlsx"),
        "{}",
        answer.disposition
    );
}

#[test]
fn diff_reports_an_edited_figure_and_nothing_for_equal_forms() {
    let server = Served::start(&[]);
    let seed = sample_bytes(SEED);
    let mut edited = cli_import(&sample(SEED));
    edited["budget"]["basic_expenditure"] = "15000.00".into();
    let edited = serde_json::to_vec(&edited).expect("json");
    let answer = post_files(
        &server.url("/api/diff"),
        &[("old", SEED, &seed), ("new", "edited.json", &edited)],
    );
    assert_eq!(answer.status, 200);
    let changes = answer.json()["changes"]
        .as_array()
        .expect("changes")
        .clone();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["change"], "changed");
    assert_eq!(changes[0]["path"], "budget.basic_expenditure");
    assert_eq!(changes[0]["old"], "14737.75");
    assert_eq!(changes[0]["new"], "15000.00");
    assert!(changes[0]["old_cell"]
        .as_str()
        .is_some_and(|c| c.starts_with("Sheet1!")));
    assert!(changes[0]["label"]
        .as_str()
        .is_some_and(|l| l.contains("基本支出")));

    let same = post_files(
        &server.url("/api/diff"),
        &[("old", SEED, &seed), ("new", SEED, &seed)],
    );
    assert_eq!(same.status, 200);
    assert_eq!(same.json()["changes"], serde_json::json!([]));

    let one = post_files(&server.url("/api/diff"), &[("old", SEED, &seed)]);
    assert_eq!(one.status, 400);
    assert!(one.error().1.contains("new"), "{:?}", one.error());
}

#[test]
fn score_answers_the_scorecard_of_jixiao_score_and_422_for_other_kinds() {
    let server = Served::start(&[]);
    let realworld = crate::common::root().join("tests/data/realworld");
    let selfeval = "05_anhui_tianchang_shuili_2022_selfeval.xlsx";
    let bytes = std::fs::read(realworld.join(selfeval)).expect("sample");
    let answer = post_files(&server.url("/api/score"), &[("file", selfeval, &bytes)]);
    assert_eq!(answer.status, 200);
    let out = jixiao(&[
        "score",
        "--format",
        "json",
        &realworld.join(selfeval).to_string_lossy(),
    ]);
    let expected: serde_json::Value = serde_json::from_slice(&out.stdout).expect("score JSON");
    assert_eq!(answer.json(), expected);

    let seed = post_files(
        &server.url("/api/score"),
        &[("file", SEED, &sample_bytes(SEED))],
    );
    assert_eq!(seed.status, 422);
    let (code, message) = seed.error();
    assert_eq!(code, "not_supported");
    assert!(message.contains(SEED), "{message}");

    // The intake lists the self-evaluation with its computed score and grade.
    let inspected = post_files(&server.url("/api/inspect"), &[("file", selfeval, &bytes)]);
    let form = &inspected.json()["forms"][0];
    assert_eq!(form["kind"], "self-evaluation");
    assert_eq!(form["checked"], true);
    assert_eq!(form["score"], expected["total"]["computed"], "{form}");
    assert_eq!(form["grade"], expected["grade"]["computed"]);
}

#[test]
fn a_self_evaluation_is_pre_filled_from_an_approved_form() {
    let server = Served::start(&[]);
    let answer = post_files(
        &server.url("/api/template/self-evaluation?protect=true"),
        &[("file", SEED, &sample_bytes(SEED))],
    );
    assert_eq!(
        answer.status,
        200,
        "{:?}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.content_type, XLSX);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("prefilled.xlsx");
    std::fs::write(&out, &answer.body).expect("write");
    let form = crate::serve_support::first_form(cli_import(&out));
    assert_eq!(form["format"], "jixiao/self-evaluation@1", "{form}");
    let bad = post_files(
        &server.url("/api/template/self-evaluation?colour=red"),
        &[("file", SEED, &sample_bytes(SEED))],
    );
    assert_eq!(bad.status, 400);
}

#[test]
fn template_answers_a_blank_form_for_the_department_and_refuses_bad_requests() {
    // Its refusals are asserted in Chinese.
    let server = Served::start(&["--lang", "zh"]);
    let answer = post_json(
        &server.url("/api/template"),
        r#"{"kind": "department", "department": "广州市某某局", "year": 2026, "rows": 2, "protect": true}"#,
    );
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type, XLSX);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("blank.xlsx");
    std::fs::write(&out, &answer.body).expect("write");
    // Its first form is the blank for the department (the 填报说明 sheet is not the form).
    let form = crate::serve_support::first_form(cli_import(&out));
    assert_eq!(form["department"], "广州市某某局");
    assert!(
        form["title"].as_str().is_some_and(|t| t.contains("2026")),
        "{}",
        form["title"]
    );

    for (body, why) in [
        (r#"{"year": 1800}"#, "年度"),
        (r#"{"rows": 0}"#, "空行数"),
        (r#"{"kind": "weather"}"#, "weather"),
        (r#"{"colour": "red"}"#, "JSON"),
        ("not json", "JSON"),
    ] {
        let answer = post_json(&server.url("/api/template"), body);
        assert_eq!(answer.status, 400, "{body}");
        let (code, message) = answer.error();
        assert_eq!(code, "bad_request");
        assert!(message.contains(why), "{body}: {message}");
    }
}

#[test]
fn schema_answers_the_form_schema_and_404_for_unknown_kinds() {
    let server = Served::start(&[]);
    let answer = get(&server.url("/api/schema/department"));
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, jixiao::schema::FORM_SCHEMA.as_bytes());
    assert_eq!(get(&server.url("/api/schema/form")).body, answer.body);
    for (kind, schema) in [
        ("project", jixiao::schema::PROJECT_FORM_SCHEMA),
        ("self-evaluation", jixiao::schema::SELF_EVALUATION_SCHEMA),
    ] {
        let answer = get(&server.url(&format!("/api/schema/{kind}")));
        assert_eq!(answer.status, 200, "{kind}");
        assert_eq!(answer.body, schema.as_bytes(), "{kind}");
    }
    let unknown = get(&server.url("/api/schema/weather"));
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.error().0, "not_found");
}

#[test]
fn bad_requests_are_400_json() {
    let server = Served::start(&[]);
    let wrong_field = post_files(
        &server.url("/api/import"),
        &[("upload", SEED, &sample_bytes(SEED))],
    );
    assert_eq!(wrong_field.status, 400);
    assert!(wrong_field.error().1.contains("file"));
    let not_multipart = post_raw(&server.url("/api/check"), "text/plain", b"hello");
    assert_eq!(not_multipart.status, 400);
    assert_eq!(not_multipart.error().0, "bad_request");
    let broken = post_raw(
        &server.url("/api/import"),
        "multipart/form-data; boundary=xyz",
        b"--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nunterminated",
    );
    assert_eq!(
        broken.status,
        400,
        "{:?}",
        String::from_utf8_lossy(&broken.body)
    );
    assert_eq!(broken.error().0, "bad_request");
}

#[test]
fn an_upload_that_is_not_a_form_is_422_naming_the_upload_not_a_server_path() {
    // Its messages are asserted in Chinese.
    let server = Served::start(&["--lang", "zh"]);
    for name in [
        "not-a-form.xlsx",
        "truncated.xlsx",
        "zip-bomb.xlsx",
        "huge-dimension.xlsx",
    ] {
        let bytes = std::fs::read(sample("bad").join(name)).expect("sample");
        for endpoint in ["/api/import", "/api/check", "/api/convert", "/api/inspect"] {
            let answer = post_files(&server.url(endpoint), &[("file", name, &bytes)]);
            assert_eq!(answer.status, 422, "{endpoint} {name}");
            let (code, message) = answer.error();
            assert_eq!(code, "not_a_form");
            assert!(message.contains(&format!("「{name}」")), "{message}");
            assert!(
                !message.contains("jixiao-serve-") && !message.contains("/tmp"),
                "a server path leaks: {message}"
            );
        }
    }
    // The hostile files left the server up and answering.
    assert_eq!(get(&server.url("/healthz")).status, 200);
}

#[test]
fn uploads_over_the_limit_are_413_before_the_body_is_read() {
    let server = Served::start(&["--max-upload", "1"]);
    // Only the head of a 5 MiB body is sent: the answer comes from the declared length alone.
    let head = format!(
        "POST /api/import HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: {}\r\nConnection: close\r\n\r\n--b\r\n",
        server.port,
        5 << 20
    );
    let (status, body) = server.raw(head.as_bytes());
    assert_eq!(status, 413, "{body}");
    assert!(
        body.contains("too_large") && body.contains("1 MiB"),
        "{body}"
    );

    // A file just over the limit, in a body the framing allowance lets through, is refused too.
    let big = vec![b'x'; (1 << 20) + 1000];
    let answer = post_files(&server.url("/api/import"), &[("file", "big.xlsx", &big)]);
    assert_eq!(answer.status, 413);
    assert_eq!(answer.error().0, "too_large");
    // A body of unknown length (chunked) is cut off at the limit while it streams in.
    let (content_type, body) =
        crate::serve_support::multipart(&[("file", "big.xlsx", &vec![b'x'; 3 << 20])]);
    let chunked = crate::serve_support::agent()
        .post(server.url("/api/import"))
        .header("Content-Type", &content_type)
        .send(ureq::SendBody::from_owned_reader(std::io::Cursor::new(
            body,
        )));
    match chunked {
        Ok(response) => assert_eq!(response.status().as_u16(), 413),
        // The server may close the connection before the client has sent everything.
        Err(e) => assert!(matches!(e, ureq::Error::Io(_)), "{e}"),
    }
    // And the seed still goes through.
    let seed = post_files(
        &server.url("/api/import"),
        &[("file", SEED, &sample_bytes(SEED))],
    );
    assert_eq!(seed.status, 200);
}

#[test]
fn requests_for_another_host_are_403() {
    let server = Served::start(&[]);
    let request = |host: Option<&str>| {
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        server.raw(format!("GET /healthz HTTP/1.1\r\n{host}Connection: close\r\n\r\n").as_bytes())
    };
    let port = server.port;
    for good in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(request(Some(&good)).0, 200, "{good}");
    }
    for bad in [
        format!("rebind.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_string(),
        format!("localhost.rebind.example:{port}"),
    ] {
        let (status, body) = request(Some(&bad));
        assert_eq!(status, 403, "{bad}");
        assert!(body.contains("forbidden_host"), "{body}");
    }
    assert_eq!(request(None).0, 403, "no Host header");
    // A state-changing endpoint for another host is refused before its body is looked at.
    let (status, _) = server.raw(
        format!("POST /api/template HTTP/1.1\r\nHost: rebind.example:{port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}").as_bytes(),
    );
    assert_eq!(status, 403);
}

#[test]
fn state_changing_endpoints_accept_only_post_and_no_cors_headers_are_sent() {
    let server = Served::start(&[]);
    for endpoint in [
        "/api/import",
        "/api/check",
        "/api/convert",
        "/api/diff",
        "/api/template",
        "/api/bundle",
    ] {
        assert_eq!(get(&server.url(endpoint)).status, 405, "{endpoint}");
    }
    let port = server.port;
    let (status, _) = server.raw(
        format!("OPTIONS /api/import HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://evil.example\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 405, "no preflight answer");
    let answer = get(&server.url("/healthz"));
    assert!(!answer.cors);
}

#[test]
fn twenty_simultaneous_uploads_of_the_seed_are_all_answered_correctly() {
    let server = Served::start(&[]);
    let expected = cli_import(&sample(SEED));
    let seed = sample_bytes(SEED);
    let url = server.url("/api/import");
    let answers: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..20)
            .map(|i| {
                let (url, seed) = (&url, &seed);
                scope.spawn(move || post_files(url, &[("file", &format!("seed-{i}.xlsx"), seed)]))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    assert_eq!(answers.len(), 20);
    for answer in answers {
        assert_eq!(answer.status, 200);
        assert_eq!(answer.json(), expected);
    }
}

#[test]
fn inspect_draws_the_sheet_with_the_diagnostics_at_their_cells() {
    let server = Served::start(&[]);
    let answer = post_files(
        &server.url("/api/inspect"),
        &[("file", SEED, &sample_bytes(SEED))],
    );
    assert_eq!(answer.status, 200);
    let whole = answer.json();
    assert_eq!(whole["file"], SEED);
    assert_eq!(whole["forms"].as_array().map(Vec::len), Some(1));
    let json = &whole["forms"][0];
    assert_eq!(json["checked"], true);
    assert_eq!(json["kind"], "department");
    assert_eq!(json["subject"], "广州市工业和信息化局");
    assert_eq!(json["document"], cli_import(&sample(SEED)));
    let view = &json["view"];
    assert_eq!(view["sheet"], "Sheet1");
    let cells = view["cells"].as_array().expect("cells");
    assert!(cells.iter().any(|c| c[4] == "部门名称"));
    // The title is merged across the form's columns, as in the sheet.
    assert!(cells.iter().any(|c| c[2] == 1 && c[3].as_u64() > Some(1)));
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["cell"], "Sheet1!B21:F54");
    assert_eq!(diagnostic["area"], serde_json::json!([20, 1, 53, 5]));
    assert!(json["readings"].as_array().is_some_and(|r| !r.is_empty()));
}

#[test]
fn bundle_zips_the_canonical_files_and_the_batch_tables() {
    let server = Served::start(&[]);
    let bad = std::fs::read(sample("bad").join("not-a-form.xlsx")).expect("sample");
    let answer = post_files(
        &server.url("/api/bundle"),
        &[
            ("file", SEED, &sample_bytes(SEED)),
            ("file", "not-a-form.xlsx", &bad),
        ],
    );
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type, "application/zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(answer.body)).expect("a zip");
    let names: Vec<String> = (0..zip.len())
        .map(|i| {
            zip.by_index(i)
                .expect("entry")
                .name()
                .expect("name")
                .to_string()
        })
        .collect();
    for wanted in [
        "seed-legacy.xlsx.xlsx",
        "seed-legacy.xlsx.json",
        "summary.csv",
        "indicators.csv",
    ] {
        assert!(
            names.iter().any(|n| n == wanted),
            "{wanted} not in {names:?}"
        );
    }
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "hidden files: {names:?}"
    );
    let mut summary = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("summary.csv").expect("summary"),
        &mut summary,
    )
    .expect("text");
    assert!(
        summary.contains("not-a-form.xlsx") && summary.contains("failed"),
        "{summary}"
    );
    assert!(
        !summary.contains("jixiao-serve-"),
        "a server path leaks: {summary}"
    );
}

#[test]
fn nothing_of_an_upload_is_kept_after_the_answer() {
    let temp = tempfile::tempdir().expect("tempdir");
    let server = Served::start_with_temp(&[], Some(temp.path()));
    let seed = sample_bytes(SEED);
    let bad = std::fs::read(sample("bad").join("not-a-form.xlsx")).expect("sample");
    for endpoint in [
        "/api/import",
        "/api/check",
        "/api/convert",
        "/api/inspect",
        "/api/bundle",
    ] {
        for (name, bytes, status) in [(SEED, &seed, 200), ("not-a-form.xlsx", &bad, 422)] {
            let status = if endpoint == "/api/bundle" {
                200
            } else {
                status
            };
            let answer = post_files(&server.url(endpoint), &[("file", name, bytes)]);
            assert_eq!(answer.status, status, "{endpoint} {name}");
        }
    }
    let diff = post_files(
        &server.url("/api/diff"),
        &[("old", SEED, &seed), ("new", SEED, &seed)],
    );
    assert_eq!(diff.status, 200);
    let left: Vec<_> = std::fs::read_dir(temp.path())
        .expect("temp dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[cfg(unix)]
#[test]
fn open_launches_the_default_browser_at_the_page() {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().expect("tempdir");
    let seen = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", seen.display()),
    )
    .expect("write");
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["serve", "--port", "0", "--open"])
        .env("PATH", path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("starts");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().expect("stdout")),
        &mut line,
    )
    .expect("address");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !seen.is_file() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        std::fs::read_to_string(&seen).expect("the browser was launched"),
        line.trim()
    );
}

#[test]
fn another_host_is_warned_about_and_a_bad_address_refused() {
    let out = jixiao(&[
        "serve",
        "--lang",
        "zh",
        "--host",
        "999.1.1.1",
        "--port",
        "0",
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("警告") && stderr.contains("本机以外"),
        "{stderr}"
    );
    assert!(stderr.contains("不是 IP 地址"), "{stderr}");
}

#[test]
fn a_json_upload_is_drawn_in_the_canonical_layout_with_its_diagnostics_placed() {
    let server = Served::start(&[]);
    let mut form = cli_import(&sample(SEED));
    form["budget"]["basic_expenditure"] = "1.00".into();
    let bytes = serde_json::to_vec(&form).expect("json");
    let answer = post_files(
        &server.url("/api/inspect"),
        &[("file", "某局.json", &bytes)],
    );
    assert_eq!(answer.status, 200);
    let json = &answer.json()["forms"][0];
    assert_eq!(json["drawn_canonical"], true);
    assert_eq!(json["view"]["sheet"], jixiao::layout::SHEET_NAME);
    assert!(json["view"]["cells"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c[4] == "部门名称")));
    // The totals no longer agree: the error is placed on the canonical sheet.
    let placed: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "error" && !d["area"].is_null())
        .collect();
    assert!(!placed.is_empty(), "{}", json["diagnostics"]);
}

#[test]
fn other_kinds_are_read_checked_and_refused_where_only_one_form_is_allowed() {
    let server = Served::start(&[]);
    let realworld = crate::common::root().join("tests/data/realworld");
    let export = "03_sichuan_jingyan_mata_2023_project_export.xlsx";
    let bytes = std::fs::read(realworld.join(export)).expect("sample");
    // The budget system's flat export: one project form per project, an array.
    let imported = post_files(&server.url("/api/import"), &[("file", export, &bytes)]);
    assert_eq!(imported.status, 200);
    let forms = imported.json();
    assert_eq!(forms.as_array().map(Vec::len), Some(2), "{forms}");
    assert_eq!(forms, cli_import(&realworld.join(export)));
    let inspected = post_files(&server.url("/api/inspect"), &[("file", export, &bytes)]);
    let listed = inspected.json()["forms"].clone();
    assert_eq!(listed.as_array().map(Vec::len), Some(2));
    assert_eq!(listed[0]["kind"], "project");
    assert_eq!(listed[0]["subject"], "村组干部报酬");
    assert_eq!(listed[0]["checked"], true);
    let converted = post_files(&server.url("/api/convert"), &[("file", export, &bytes)]);
    assert_eq!(converted.status, 422);
    assert_eq!(converted.error().0, "several_forms");

    let selfeval = "05_anhui_tianchang_shuili_2022_selfeval.xlsx";
    let bytes = std::fs::read(realworld.join(selfeval)).expect("sample");
    let inspected = post_files(&server.url("/api/inspect"), &[("file", selfeval, &bytes)]);
    assert_eq!(inspected.json()["forms"][0]["kind"], "self-evaluation");
    let checked = post_files(&server.url("/api/check"), &[("file", selfeval, &bytes)]);
    assert_eq!(checked.status, 200);
    assert_eq!(checked.json()["files"][0]["file"], selfeval);
    // A project form is checked by its own rules, as `jixiao check` does.
    let project = "09_hubei_ezhou_binhu_2022_project.xlsx";
    let bytes = std::fs::read(realworld.join(project)).expect("sample");
    let checked = post_files(&server.url("/api/check"), &[("file", project, &bytes)]);
    assert_eq!(checked.status, 200);
    let out = jixiao(&[
        "check",
        "--format",
        "json",
        &realworld.join(project).to_string_lossy(),
    ]);
    let mut expected: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    expected["files"][0]["file"] = project.into();
    assert_eq!(checked.json(), expected);
}

#[test]
fn convert_writes_the_system_flat_table_and_project_forms() {
    let server = Served::start(&[]);
    let seed = sample_bytes(SEED);
    let system = post_files(
        &server.url("/api/convert?layout=system"),
        &[("file", SEED, &seed)],
    );
    assert_eq!(system.status, 200);
    assert_eq!(system.content_type, XLSX);
    assert!(
        system
            .disposition
            .contains("seed-legacy-%E7%B3%BB%E7%BB%9F%E8%A1%A8.xlsx"),
        "{}",
        system.disposition
    );
    assert!(system.body.starts_with(b"PK"));
    for query in [
        "layout=weird",
        "profile=x",
        "layout=system&profile=nowhere",
        "colour=red",
    ] {
        let answer = post_files(
            &server.url(&format!("/api/convert?{query}")),
            &[("file", SEED, &seed)],
        );
        assert_eq!(answer.status, 400, "{query}");
        assert_eq!(answer.error().0, "bad_request", "{query}");
    }

    let realworld = crate::common::root().join("tests/data/realworld");
    let project = realworld.join("09_hubei_ezhou_binhu_2022_project.xlsx");
    let bytes = std::fs::read(&project).expect("sample");
    let answer = post_files(
        &server.url("/api/convert"),
        &[("file", "project.xlsx", &bytes)],
    );
    assert_eq!(answer.status, 200);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("project-canonical.xlsx");
    std::fs::write(&out, &answer.body).expect("write");
    assert_eq!(
        crate::serve_support::first_form(cli_import(&out)),
        crate::serve_support::first_form(cli_import(&project))
    );

    let blank = post_json(
        &server.url("/api/template"),
        r#"{"kind": "project", "department": "某局"}"#,
    );
    assert_eq!(blank.status, 200);
    assert!(
        blank.disposition.contains("filename*=UTF-8''"),
        "{}",
        blank.disposition
    );
    let out = dir.path().join("blank-project.xlsx");
    std::fs::write(&out, &blank.body).expect("write");
    let form = crate::serve_support::first_form(cli_import(&out));
    assert_eq!(form["format"], "jixiao/project-form@1", "{form}");
}
