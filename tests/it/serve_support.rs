//! What the `jixiao serve` tests share: the real binary serving on a free loopback port,
//! stopped when the test ends, and HTTP helpers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::sample;

/// `jixiao serve --port 0` on 127.0.0.1, killed on drop; English unless `extra` says
/// `--lang zh` or a request asks for Chinese, whatever the machine's locale.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub base: String,
    pub port: u16,
}

impl Served {
    pub fn start(extra: &[&str]) -> Served {
        Self::start_with_temp(extra, None)
    }

    /// As [`Served::start`], with the server's temporary folder (`TMPDIR`) set to `temp`.
    pub fn start_with_temp(extra: &[&str], temp: Option<&std::path::Path>) -> Served {
        let mut command = Command::new(env!("CARGO_BIN_EXE_jixiao"));
        command
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANGUAGE");
        if let Some(temp) = temp {
            command.env("TMPDIR", temp);
        }
        let mut child = command
            .args(["serve", "--port", "0", "--host", "127.0.0.1"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("jixiao serve starts");
        let stdout = child.stdout.take().expect("stdout piped");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the address line");
        let base = line.trim().to_string();
        let port = base
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in the first line {line:?}"));
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        Served { child, base, port }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    /// Sends `request` as raw bytes (the Host header is the test's to choose) and returns the
    /// status and the body of the answer.
    pub fn raw(&self, request: &[u8]) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        stream.write_all(request).expect("send");
        let mut answer = Vec::new();
        // The server closes the connection (Connection: close) or the body ends the answer.
        let _ = stream.read_to_end(&mut answer);
        let text = String::from_utf8_lossy(&answer).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {text:?}"));
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An agent that returns 4xx/5xx answers instead of failing on them.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

/// A multipart/form-data body: (content type, bytes).
pub fn multipart(parts: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "jixiao-test-boundary-7d1f";
    let mut body = Vec::new();
    for (field, file_name, bytes) in parts {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// An answer: status, headers we look at, body bytes.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub disposition: String,
    /// The Content-Security-Policy header.
    pub policy: String,
    /// The Content-Language header: the language the server answered in.
    pub language: String,
    pub cors: bool,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(500)])
            )
        })
    }

    /// `(code, message)` of an error answer.
    pub fn error(&self) -> (String, String) {
        let json = self.json();
        let code = json["error"]["code"]
            .as_str()
            .expect("error.code")
            .to_string();
        let message = json["error"]["message"]
            .as_str()
            .expect("error.message")
            .to_string();
        (code, message)
    }
}

fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = response.expect("an HTTP answer");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let content_type = header("content-type");
    let disposition = header("content-disposition");
    let policy = header("content-security-policy");
    let language = header("content-language");
    let cors = response
        .headers()
        .keys()
        .any(|k| k.as_str().starts_with("access-control-"));
    let body = response
        .body_mut()
        .with_config()
        .limit(256 << 20)
        .read_to_vec()
        .expect("the body");
    Answer {
        status: response.status().as_u16(),
        content_type,
        disposition,
        policy,
        language,
        cors,
        body,
    }
}

pub fn get(url: &str) -> Answer {
    answer(agent().get(url).call())
}

pub fn post_files(url: &str, parts: &[(&str, &str, &[u8])]) -> Answer {
    let (content_type, body) = multipart(parts);
    answer(
        agent()
            .post(url)
            .header("Content-Type", &content_type)
            .send(&body[..]),
    )
}

/// `GET url` with `Accept-Language: accept`.
pub fn get_in(url: &str, accept: &str) -> Answer {
    answer(agent().get(url).header("Accept-Language", accept).call())
}

/// [`post_files`] with `Accept-Language: accept`.
pub fn post_files_in(url: &str, parts: &[(&str, &str, &[u8])], accept: &str) -> Answer {
    let (content_type, body) = multipart(parts);
    answer(
        agent()
            .post(url)
            .header("Content-Type", &content_type)
            .header("Accept-Language", accept)
            .send(&body[..]),
    )
}

/// [`post_json`] with `Accept-Language: accept`.
pub fn post_json_in(url: &str, body: &str, accept: &str) -> Answer {
    answer(
        agent()
            .post(url)
            .header("Content-Type", "application/json")
            .header("Accept-Language", accept)
            .send(body),
    )
}

pub fn post_json(url: &str, body: &str) -> Answer {
    answer(
        agent()
            .post(url)
            .header("Content-Type", "application/json")
            .send(body),
    )
}

pub fn post_raw(url: &str, content_type: &str, body: &[u8]) -> Answer {
    answer(
        agent()
            .post(url)
            .header("Content-Type", content_type)
            .send(body),
    )
}

/// The bytes of a file under samples/.
pub fn sample_bytes(name: &str) -> Vec<u8> {
    std::fs::read(sample(name)).expect("sample")
}

/// What `jixiao import FILE` prints, parsed.
pub fn cli_import(path: &std::path::Path) -> serde_json::Value {
    let out = crate::common::jixiao(&["import".as_ref(), path.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("import JSON")
}

/// The first form of an import's JSON (an array when the file holds several forms).
pub fn first_form(json: serde_json::Value) -> serde_json::Value {
    match json {
        serde_json::Value::Array(mut forms) if !forms.is_empty() => forms.swap_remove(0),
        other => other,
    }
}
