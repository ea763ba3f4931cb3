//! `jixiao value` — read indicator values and print what they mean.

use std::io::{BufRead, BufWriter, Write};

use jixiao::value::parse;

const USAGE: &str = "Read indicator values (实施周期指标值 / 年度指标值) and print their structured reading.

Prints one compact JSON object per value, one per line: {\"text\":…,\"kind\":…} with kind
empty, comparison, range, deadline, period, qualitative or not_applicable.
With no TEXT, reads standard input: one value per line, one output line per input line, in
order (an empty line gives {\"text\":\"\",\"kind\":\"empty\"}; a trailing CR is dropped).

Examples:
  jixiao value '≥18000家次' '约100家（以省下达通知为准）' '2024年12月31日前'
  jixiao value -0.3 -- -        (texts may start with '-'; after the first TEXT, --help is a text too)
  cut -f1 values.tsv | jixiao value";

/// Read indicator values and print their structured reading as JSON lines.
#[derive(clap::Args)]
#[command(long_about = USAGE)]
pub struct Args {
    /// Values to read; with none, one value per line from standard input.
    #[arg(value_name = "TEXT", allow_hyphen_values = true)]
    texts: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    if args.texts.is_empty() {
        // Streamed, so a pipe gets each value as its line arrives.
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut line = Vec::new();
        let mut number = 0usize;
        loop {
            line.clear();
            let read = input
                .read_until(b'\n', &mut line)
                .map_err(|e| jixiao::Error::unreadable_io(std::path::Path::new("<stdin>"), &e))?;
            if read == 0 {
                break;
            }
            number += 1;
            let bytes = line.strip_suffix(b"\n").unwrap_or(&line);
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            // A byte-order mark (Windows editors write one) is not part of the first value.
            let bytes = match number {
                1 => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
                _ => bytes,
            };
            let text = std::str::from_utf8(bytes).map_err(|e| {
                jixiao::Error::unreadable(
                    std::path::Path::new("<stdin>"),
                    jixiao::t!("read.stdin_not_utf8", line = number, detail = e),
                )
            })?;
            write_value(&mut out, text)?;
        }
        out.flush().map_err(unwritable)?;
    } else {
        let mut bytes = Vec::new();
        for text in &args.texts {
            write_value(&mut bytes, text)?;
        }
        super::emit(None, &bytes)?;
    }
    Ok(jixiao::error::exit::OK)
}

fn write_value(out: &mut impl Write, text: &str) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, &parse(text)).map_err(|e| unwritable(e.into()))?;
    out.write_all(b"\n").map_err(unwritable)?;
    Ok(())
}

fn unwritable(e: std::io::Error) -> jixiao::Error {
    jixiao::io::stdout_error(e)
}
