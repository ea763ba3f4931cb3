//! `jixiao serve`: a local page in Chinese and an HTTP API, for people who receive and review
//! forms in a browser instead of a terminal. The API's messages are in Chinese or English, chosen
//! per request (`serve::lang`).
//!
//! The page and its scripts are embedded in the binary (`serve/assets.rs`) and load nothing from the
//! network. The API (`serve/api.rs`) reads each upload through one function (`upload::import`), in a
//! private temporary folder removed when the request ends, on the blocking pool so that a big
//! upload does not stall the others.
//!
//! A local server can be reached by any page the user's browser opens, so:
//! - every request must name the bound host in its `Host` header (403 otherwise), which stops
//!   DNS-rebinding pages;
//! - no CORS headers are sent, so other origins cannot read the answers;
//! - state-changing endpoints accept only POST, and request bodies are size-checked from their
//!   `Content-Length` before anything is buffered (413).
//!
//! ```no_run
//! let options = jixiao::serve::ServeOptions::default();
//! jixiao::serve::run(&options, |url| println!("{url}"))?;
//! # Ok::<(), std::io::Error>(())
//! ```

mod api;
mod assets;
mod error;
mod host;
mod lang;
mod upload;
mod view;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

pub use host::AllowedHosts;

/// The default port of `jixiao serve`.
pub const DEFAULT_PORT: u16 = 8400;
/// The default upload limit, in MiB.
pub const DEFAULT_MAX_UPLOAD_MIB: u64 = 64;

/// Room for the multipart framing around the uploaded files (boundaries, part headers).
const MULTIPART_SLACK: u64 = 64 << 10;

/// Uploads read and converted at the same time; the others wait. Bounds memory: at most this
/// many request bodies (each at most `--max-upload`) are held at once.
const CONCURRENT_UPLOADS: usize = 8;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to bind: `127.0.0.1` by default.
    pub host: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The largest upload, in bytes (a request body at most this plus the multipart framing).
    pub max_upload: u64,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            host: "127.0.0.1".to_string(),
            port: DEFAULT_PORT,
            max_upload: DEFAULT_MAX_UPLOAD_MIB << 20,
        }
    }
}

/// What every handler shares.
#[derive(Debug)]
pub(crate) struct AppState {
    pub max_upload: u64,
    pub hosts: AllowedHosts,
    /// Permits for [`CONCURRENT_UPLOADS`].
    pub uploads: tokio::sync::Semaphore,
    /// The language of an answer to a request that asks for none ([`lang`]).
    pub lang: crate::i18n::Lang,
}

/// The whole application: the page, the API and the guards, for the server bound at `bound`
/// (as the user named it in `host`). A request that asks for no language is answered in the
/// language chosen when this is called ([`crate::i18n::lang`]).
pub fn router(host: &str, bound: SocketAddr, max_upload: u64) -> Router {
    let state = Arc::new(AppState {
        max_upload,
        hosts: AllowedHosts::new(host, bound),
        uploads: tokio::sync::Semaphore::new(CONCURRENT_UPLOADS),
        lang: crate::i18n::lang(),
    });
    let body_limit =
        usize::try_from(max_upload.saturating_add(MULTIPART_SLACK)).unwrap_or(usize::MAX);
    Router::new()
        .route("/", get(assets::index))
        .route("/app.js", get(assets::script))
        .route("/app.css", get(assets::style))
        .route("/healthz", get(api::healthz))
        .route("/api/import", post(api::import))
        .route("/api/check", post(api::check))
        .route("/api/convert", post(api::convert))
        .route("/api/diff", post(api::diff))
        // A build without scoring switches this line to `post(api::score_not_available)`.
        .route("/api/score", post(api::score))
        .route("/api/template", post(api::template))
        .route(
            "/api/template/self-evaluation",
            post(api::self_evaluation_template),
        )
        .route("/api/schema/{kind}", get(api::schema))
        .route("/api/inspect", post(api::inspect))
        .route("/api/bundle", post(api::bundle))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            host::guard,
        ))
        // Outermost, so that the guard's answers are in the request's language too.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            lang::choose,
        ))
        .with_state(state)
}

/// Binds `options.host:options.port` (port 0: a free one) and serves until Ctrl-C.
/// `ready` is told the page's address once the socket is bound.
pub fn run(options: &ServeOptions, ready: impl FnOnce(&str)) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let ip: IpAddr = match options.host.as_str() {
            "localhost" => IpAddr::from([127, 0, 0, 1]),
            other => other.trim_matches(['[', ']']).parse().map_err(|_| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    crate::t!("serve.bad_host", host = format!("{other:?}")),
                )
            })?,
        };
        let listener = tokio::net::TcpListener::bind((ip, options.port)).await?;
        let bound = listener.local_addr()?;
        let app = router(&options.host, bound, options.max_upload);
        ready(&page_url(bound));
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                // Without a Ctrl-C handler the server runs until the process is killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
    })
}

/// The address a browser on this machine opens for the server bound at `bound`.
pub fn page_url(bound: SocketAddr) -> String {
    let port = bound.port();
    match bound.ip() {
        ip if ip.is_unspecified() => format!("http://127.0.0.1:{port}/"),
        IpAddr::V6(ip) => format!("http://[{ip}]:{port}/"),
        IpAddr::V4(ip) => format!("http://{ip}:{port}/"),
    }
}

/// Whether `host` binds the loopback interface only.
pub fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
