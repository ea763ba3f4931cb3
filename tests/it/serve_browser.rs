//! The page of `jixiao serve` in a real browser: Debian's chromium, headless, driven through
//! chromedriver with fantoccini. These tests fail (they do not skip) when chromium or
//! chromedriver is missing: `.ci/run` installs both.
//!
//! `JIXIAO_SCREENSHOTS=1 cargo test --test it serve_browser` also saves each page under docs/.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, ensure, Context, Result};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::common::{root, sample};
use crate::serve_support::{cli_import, Served};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver on a free loopback port, killed on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start_driver() -> Driver {
    for (path, package) in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")] {
        assert!(
            Path::new(path).is_file(),
            "{path} is missing: apt-get install -y {package} (the browser tests need it; .ci/run installs it)"
        );
    }
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver { child, port };
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    driver
}

/// One browser session on the page of a fresh server: the test body gets the client, the
/// server and the download folder. The session is closed whatever the body does.
fn with_page<F>(body: F)
where
    F: for<'a> FnOnce(&'a Client, &'a Served, &'a Path) -> futures_lite::BoxedFuture<'a>,
{
    let server = Served::start(&[]);
    let driver = start_driver();
    let profile = tempfile::tempdir().expect("profile dir");
    let downloads = tempfile::tempdir().expect("download dir");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let outcome: Result<()> = runtime.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--window-size=1366,768",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.path().display().to_string(),
                    "download.prompt_for_download": false,
                    "safebrowsing.enabled": false,
                },
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .context("a chromium session through chromedriver")?;
        let result = async {
            client.set_window_size(1366, 768).await?;
            client.goto(&server.base).await?;
            body(&client, &server, downloads.path()).await
        }
        .await;
        let _ = client.close().await;
        result
    });
    drop(driver);
    if let Err(err) = outcome {
        panic!("{err:#}");
    }
}

/// A tiny boxed-future alias, so that test bodies can be closures.
mod futures_lite {
    pub type BoxedFuture<'a> =
        std::pin::Pin<Box<dyn std::future::Future<Output = anyhow::Result<()>> + 'a>>;
}

/// Polls the JavaScript expression `script` (a function body returning a value) until it
/// returns something truthy, for at most 30 s.
async fn wait_for(client: &Client, what: &str, script: &str) -> Result<Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let value = client.execute(script, vec![]).await?;
        let truthy = match &value {
            Value::Null | Value::Bool(false) => false,
            Value::String(s) => !s.is_empty(),
            Value::Number(n) => n.as_f64() != Some(0.0),
            _ => true,
        };
        if truthy {
            return Ok(value);
        }
        if Instant::now() > deadline {
            return Err(anyhow!("timed out waiting for {what}; last value {value}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits for a finished download named `name` in `dir`.
async fn downloaded(dir: &Path, name: &str) -> Result<PathBuf> {
    let path = dir.join(name);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let partial = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"));
        if path.is_file() && !partial && std::fs::metadata(&path)?.len() > 0 {
            return Ok(path);
        }
        if Instant::now() > deadline {
            let seen: Vec<String> = std::fs::read_dir(dir)?
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            return Err(anyhow!(
                "{name} was not downloaded; the folder has {seen:?}"
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// With JIXIAO_SCREENSHOTS set, saves the page as docs/NAME.png.
async fn screenshot(client: &Client, name: &str) -> Result<()> {
    let png = client.screenshot().await?;
    ensure!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    if std::env::var_os("JIXIAO_SCREENSHOTS").is_some() {
        std::fs::write(root().join("docs").join(format!("{name}.png")), png)?;
    }
    Ok(())
}

/// Puts files into the intake's file picker (what a drop does) and waits until every row is
/// processed; returns the rows' texts.
async fn drop_files(client: &Client, files: &[PathBuf]) -> Result<Vec<String>> {
    let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    client
        .find(Locator::Id("pick-files"))
        .await?
        .send_keys(&paths.join("\n"))
        .await?;
    let rows = wait_for(
        client,
        "every dropped file processed",
        &format!(
            "const rows = [...document.querySelectorAll('#intake-table tbody tr')];
             if (rows.length < {} || rows.some(r => r.classList.contains('working'))) return null;
             return rows.map(r => r.className + '|' + r.innerText);",
            files.len()
        ),
    )
    .await?;
    Ok(rows
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default())
}

fn bad(name: &str) -> PathBuf {
    sample("bad").join(name)
}

#[test]
fn a_drop_of_the_seed_and_a_bad_file_lists_both_with_a_chinese_reason() {
    with_page(|client, _, _| {
        Box::pin(async move {
            let rows = drop_files(
                client,
                &[sample("seed-legacy.xlsx"), bad("not-a-form.xlsx")],
            )
            .await?;
            ensure!(rows.len() == 2, "two rows: {rows:?}");
            let seed = rows
                .iter()
                .find(|r| r.contains("seed-legacy.xlsx"))
                .context("seed row")?;
            ensure!(seed.starts_with("ok|"), "{seed}");
            ensure!(
                seed.contains("部门整体") && seed.contains("广州市工业和信息化局"),
                "{seed}"
            );
            ensure!(seed.contains("通过"), "{seed}");
            let failed = rows
                .iter()
                .find(|r| r.contains("not-a-form.xlsx"))
                .context("bad row")?;
            ensure!(failed.starts_with("failed|"), "{failed}");
            ensure!(
                failed.contains("失败：「not-a-form.xlsx」无法作为申报表读取"),
                "{failed}"
            );
            let summary = client
                .find(Locator::Id("intake-summary"))
                .await?
                .text()
                .await?;
            ensure!(summary.contains("读取失败 1"), "{summary}");
            screenshot(client, "serve-intake").await
        })
    });
}

#[test]
fn the_view_draws_the_seed_with_its_diagnostic_highlighted_at_its_cells() {
    with_page(|client, _, _| {
        Box::pin(async move {
            drop_files(client, &[sample("seed-legacy.xlsx")]).await?;
            client
                .find(Locator::Css("button[aria-label='查看 seed-legacy.xlsx']"))
                .await?
                .click()
                .await?;
            let found = wait_for(
                client,
                "the sheet drawn",
                "const cells = [...document.querySelectorAll('#sheet td')];
                 if (!cells.length) return null;
                 const marked = cells.filter(td => td.classList.contains('diag-warning') || td.classList.contains('diag-error'));
                 return {
                   label: cells.some(td => td.textContent.trim() === '部门名称'),
                   merged: cells.some(td => td.colSpan > 1),
                   marked: marked.map(td => [td.dataset.r, td.dataset.c, td.title]),
                   tinted: cells.filter(td => td.classList.contains('area-warning')).length,
                   listed: [...document.querySelectorAll('#diag-list li')].map(li => li.innerText),
                   visible: !document.getElementById('view').hidden,
                 };",
            )
            .await?;
            ensure!(found["visible"] == true, "the view tab is shown");
            ensure!(found["label"] == true, "部门名称 is drawn: {found}");
            ensure!(found["merged"] == true, "merged cells are drawn merged");
            let marked = found["marked"].as_array().context("marked")?;
            // The seed's one finding is about B21:F54: its first cell is marked, the rest tinted.
            ensure!(marked.len() == 1, "{found}");
            ensure!(marked[0][0] == "20" && marked[0][1] == "1", "{found}");
            ensure!(
                marked[0][2]
                    .as_str()
                    .is_some_and(|t| t.contains("满意度指标")),
                "the message is on hover: {found}"
            );
            ensure!(found["tinted"].as_u64() > Some(10), "{found}");
            let listed = found["listed"].as_array().context("list")?;
            ensure!(
                listed.len() == 1
                    && listed[0]
                        .as_str()
                        .is_some_and(|t| t.contains("Sheet1!B21:F54")),
                "{found}"
            );
            let reading = wait_for(
                client,
                "an indicator value's reading",
                "const td = [...document.querySelectorAll('#sheet td.reading')]
                   .find(td => td.textContent.startsWith('≥'));
                 return td && td.title;",
            )
            .await?;
            ensure!(
                reading
                    .as_str()
                    .is_some_and(|t| t.contains("结构化读取：数量：不少于")),
                "{reading}"
            );
            // Enter on the finding in the list moves the focus to its cell.
            client
                .find(Locator::Css("#diag-list li"))
                .await?
                .send_keys("\u{E007}")
                .await?;
            let focused = client
                .execute(
                    "const a = document.activeElement; return [a.tagName, a.dataset.r, a.dataset.c];",
                    vec![],
                )
                .await?;
            ensure!(focused == json!(["TD", "20", "1"]), "focus: {focused}");
            screenshot(client, "serve-view").await
        })
    });
}

#[test]
fn the_downloaded_canonical_xlsx_and_json_import_to_the_same_form() {
    with_page(|client, _, downloads| {
        Box::pin(async move {
            drop_files(client, &[sample("seed-legacy.xlsx")]).await?;
            client
                .find(Locator::Css(
                    "button[aria-label='下载规范表 seed-legacy.xlsx']",
                ))
                .await?
                .click()
                .await?;
            let xlsx = downloaded(downloads, "seed-legacy-canonical.xlsx").await?;
            let expected = cli_import(&sample("seed-legacy.xlsx"));
            ensure!(
                cli_import(&xlsx) == expected,
                "the canonical xlsx imports to the seed's JSON"
            );
            client
                .find(Locator::Css(
                    "button[aria-label='下载 JSON seed-legacy.xlsx']",
                ))
                .await?
                .click()
                .await?;
            let json = downloaded(downloads, "seed-legacy.json").await?;
            let json: Value = serde_json::from_slice(&std::fs::read(json)?)?;
            ensure!(json == expected, "the JSON download is the seed's JSON");
            Ok(())
        })
    });
}

#[test]
fn comparing_two_versions_highlights_the_changed_value() {
    let versions = tempfile::tempdir().expect("tempdir");
    let old = versions.path().join("第一版.xlsx");
    std::fs::copy(sample("seed-legacy.xlsx"), &old).expect("copy");
    let mut edited = cli_import(&old);
    edited["budget"]["basic_expenditure"] = "15000.00".into();
    let new = versions.path().join("第二版.json");
    std::fs::write(&new, serde_json::to_vec_pretty(&edited).expect("json")).expect("write");
    with_page(move |client, _, _| {
        Box::pin(async move {
            drop_files(client, &[old.clone(), new.clone()]).await?;
            client.find(Locator::Id("tab-diff")).await?.click().await?;
            let picks = client
                .execute(
                    "return [document.getElementById('diff-old-pick').selectedOptions[0].text,
                             document.getElementById('diff-new-pick').selectedOptions[0].text];",
                    vec![],
                )
                .await?;
            ensure!(picks == json!(["第一版.xlsx", "第二版.json"]), "{picks}");
            client.find(Locator::Id("diff-run")).await?.click().await?;
            let rows = wait_for(
                client,
                "the changes listed",
                "const rows = [...document.querySelectorAll('#diff-table tbody tr')];
                 return rows.length ? rows.map(r => [r.className, r.innerText,
                   [...r.querySelectorAll('mark')].map(m => m.textContent)]) : null;",
            )
            .await?;
            let rows = rows.as_array().context("rows")?;
            ensure!(rows.len() == 1, "one change: {rows:?}");
            ensure!(rows[0][0] == "changed", "{rows:?}");
            ensure!(
                rows[0][1].as_str().is_some_and(|t| t.contains("基本支出")),
                "{rows:?}"
            );
            ensure!(
                rows[0][2] == json!(["14737.75", "15000.00"]),
                "both values highlighted: {rows:?}"
            );
            let summary = client
                .find(Locator::Id("diff-summary"))
                .await?
                .text()
                .await?;
            ensure!(summary.contains("共 1 处不同"), "{summary}");
            screenshot(client, "serve-diff").await
        })
    });
}

#[test]
fn the_template_form_downloads_a_blank_that_imports() {
    with_page(|client, _, downloads| {
        Box::pin(async move {
            client
                .find(Locator::Id("tab-template"))
                .await?
                .click()
                .await?;
            client
                .find(Locator::Id("t-department"))
                .await?
                .send_keys("广州市测试局")
                .await?;
            client
                .find(Locator::Id("t-year"))
                .await?
                .send_keys("2026")
                .await?;
            screenshot(client, "serve-template").await?;
            client
                .find(Locator::Id("t-download"))
                .await?
                .click()
                .await?;
            let blank = downloaded(downloads, "广州市测试局-空白申报表.xlsx").await?;
            let form = crate::serve_support::first_form(cli_import(&blank));
            ensure!(
                form["department"] == "广州市测试局",
                "{}",
                form["department"]
            );
            ensure!(
                form["title"].as_str().is_some_and(|t| t.contains("2026")),
                "{}",
                form["title"]
            );
            Ok(())
        })
    });
}

#[test]
fn a_dropped_zip_of_submissions_is_opened_and_each_member_listed() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("报送材料.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&archive).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, path) in [
        ("报送/某局.xlsx", sample("seed-legacy.xlsx")),
        ("报送/坏表.xlsx", bad("not-a-form.xlsx")),
    ] {
        zip.start_file(name, options).expect("member");
        zip.write_all(&std::fs::read(path).expect("sample"))
            .expect("write");
    }
    zip.start_file("说明.txt", options).expect("member");
    zip.write_all("不是表".as_bytes()).expect("write");
    zip.finish().expect("zip");
    with_page(move |client, _, _| {
        Box::pin(async move {
            let rows = drop_files(client, std::slice::from_ref(&archive)).await?;
            ensure!(
                rows.len() == 2,
                "the two spreadsheets, not the text file: {rows:?}"
            );
            let good = rows
                .iter()
                .find(|r| r.contains("报送材料.zip/报送/某局.xlsx"))
                .context("member row")?;
            ensure!(
                good.starts_with("ok|") && good.contains("广州市工业和信息化局"),
                "{good}"
            );
            let failed = rows
                .iter()
                .find(|r| r.contains("坏表.xlsx"))
                .context("bad row")?;
            ensure!(
                failed.starts_with("failed|") && failed.contains("无法作为申报表读取"),
                "{failed}"
            );
            Ok(())
        })
    });
}
