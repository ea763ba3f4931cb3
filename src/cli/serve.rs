//! `jixiao serve [--port 8400] [--host 127.0.0.1] [--open] [--max-upload MIB]`
//!
//! The browser desk: a local page in Chinese and the HTTP API, in this binary.

use jixiao::serve::{self, ServeOptions, DEFAULT_MAX_UPLOAD_MIB, DEFAULT_PORT};

/// Serve a local page (in Chinese) and an HTTP API for staff who work in a browser.
///
/// Open the printed address: drop submissions (files, a folder), see each form drawn with its
/// problems at their cells, download the canonical files, compare two versions, make a blank
/// template. Everything is inside this binary and works offline. Ctrl-C stops the server.
///
/// API (also for integrators): POST /api/import, /api/check, /api/convert, /api/diff,
/// /api/template; GET /api/schema/{kind}, /healthz. Errors: {"error":{"code","message"}}.
///
/// Examples:
///   jixiao serve --open
///   jixiao serve --port 9000 --max-upload 16
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = DEFAULT_PORT)]
    port: u16,
    /// The address to listen on. Anything but loopback lets other machines in: a warning says so.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    host: String,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// The largest upload accepted, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_MAX_UPLOAD_MIB,
          value_parser = clap::value_parser!(u64).range(1..=4096))]
    max_upload: u64,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    if !serve::is_loopback(&args.host) {
        eprintln!("{}", jixiao::t!("serve.exposed", host = args.host));
    }
    let options = ServeOptions {
        host: args.host,
        port: args.port,
        max_upload: args.max_upload << 20,
    };
    let open = args.open;
    serve::run(&options, |url| {
        // The first line is the address, for people and for scripts that start the server.
        println!("{url}");
        eprintln!("{}", jixiao::t!("serve.started", url = url));
        if open {
            open_browser(url);
        }
    })
    .map_err(|e| {
        // InvalidInput is the server's own message about --host; the others are the system's.
        let detail = if e.kind() == std::io::ErrorKind::InvalidInput {
            e.to_string()
        } else {
            jixiao::i18n::io_message(&e)
        };
        anyhow::anyhow!(jixiao::t!("serve.cannot_serve", detail = detail))
    })?;
    Ok(jixiao::error::exit::OK)
}

/// Launches the default browser; a failure only means the user opens the address by hand.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(url);
        c
    };
    if let Err(e) = command.spawn() {
        eprintln!(
            "{}",
            jixiao::t!(
                "serve.no_browser",
                detail = jixiao::i18n::io_message(&e),
                url = url
            )
        );
    }
}
