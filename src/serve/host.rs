//! The guards every request passes: the `Host` header names this server (DNS rebinding), and a
//! declared body is no larger than the limit (before any of it is read).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_LENGTH, HOST, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::{AppState, MULTIPART_SLACK};

/// The `Host` header values this server answers.
///
/// A DNS-rebinding page reaches a local server under its own domain name, so the browser sends
/// that name. Only the names of this server are accepted: `localhost`, `127.0.0.1` and `[::1]`
/// when bound to loopback, the `--host` given, and — when bound to every interface
/// (`0.0.0.0`, `::`) — any IP literal, since a rebinding attack always uses a name.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    port: u16,
    names: Vec<String>,
    any_ip: bool,
}

impl AllowedHosts {
    /// For a server asked to bind `host` and bound at `bound`.
    pub fn new(host: &str, bound: SocketAddr) -> Self {
        let mut names = vec![normalise(host), normalise(&bound.ip().to_string())];
        let loopback = bound.ip().is_loopback() || bound.ip().is_unspecified();
        if loopback {
            names.extend(["localhost", "127.0.0.1", "::1"].map(String::from));
        }
        AllowedHosts {
            port: bound.port(),
            names,
            any_ip: bound.ip().is_unspecified(),
        }
    }

    /// Whether a request with this `Host` header is for this server.
    pub fn allows(&self, header: &str) -> bool {
        let Some((name, port)) = split_host(header) else {
            return false;
        };
        if port != self.port {
            return false;
        }
        let name = normalise(name);
        self.names.contains(&name) || (self.any_ip && name.parse::<IpAddr>().is_ok())
    }
}

fn normalise(name: &str) -> String {
    name.trim_matches(['[', ']'])
        .trim_end_matches('.')
        .to_ascii_lowercase()
}

/// `example:8400` → (`example`, 8400); `[::1]:8400` → (`::1`, 8400); no port → 80.
fn split_host(header: &str) -> Option<(&str, u16)> {
    let (name, port) = if let Some(rest) = header.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        match after {
            "" => (name, None),
            _ => (name, Some(after.strip_prefix(':')?)),
        }
    } else {
        match header.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (header, None),
        }
    };
    let port = match port {
        Some(p) => p.parse().ok()?,
        None => 80,
    };
    (!name.is_empty()).then_some((name, port))
}

/// Refuses requests for another host (403) and bodies declared larger than the limit (413).
pub async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !state.hosts.allows(host) {
        return ApiError::forbidden_host(host).into_response();
    }
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > state.max_upload.saturating_add(MULTIPART_SLACK)) {
        return ApiError::too_large(state.max_upload).into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Nothing the server answers is for caches: the answers are about private uploads.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> AllowedHosts {
        AllowedHosts::new("127.0.0.1", SocketAddr::from(([127, 0, 0, 1], 8400)))
    }

    #[test]
    fn loopback_names_with_the_right_port_are_allowed() {
        let hosts = loopback();
        for ok in [
            "127.0.0.1:8400",
            "localhost:8400",
            "LOCALHOST:8400",
            "[::1]:8400",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
    }

    #[test]
    fn other_names_ports_and_garbage_are_refused() {
        let hosts = loopback();
        for bad in [
            "evil.example:8400",
            "127.0.0.1:8401",
            "127.0.0.1",
            "localhost.evil.example:8400",
            "",
            "[::1",
            "127.0.0.1:99999",
            "192.168.1.5:8400",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
    }

    #[test]
    fn every_interface_accepts_ip_literals_but_not_names() {
        let hosts = AllowedHosts::new("0.0.0.0", SocketAddr::from(([0, 0, 0, 0], 8400)));
        assert!(hosts.allows("192.168.1.5:8400"));
        assert!(hosts.allows("localhost:8400"));
        assert!(!hosts.allows("rebind.example:8400"));
    }
}
