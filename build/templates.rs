//! Templates the program reads whole at run time, as JSON: `$OUT_DIR/<name>.json` from
//! `templates/<name>.toml`, read by src/shipped.rs with serde_json into the same serde types the
//! TOML was read into (parsing JSON costs a fraction of parsing TOML: templates/system.toml took
//! 0.8 M instructions at every flat import).
//!
//! The TOML is parsed here as a table, so a file that is not TOML fails the build with the TOML
//! parser's message. Tables come out with their keys sorted: the toml crate (without
//! `preserve_order`) hands the program's types their keys sorted too, so the types see the same
//! order either way. A value JSON cannot carry (a date-time, a float that is not finite) fails
//! the build.

use std::fmt::Write as _;

/// `templates/<name>.toml` as JSON.
pub fn json(name: &str) -> String {
    let path = format!("templates/{name}.toml");
    println!("cargo::rerun-if-changed=build/templates.rs");
    println!("cargo::rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = String::with_capacity(text.len());
    write_table(&path, &table, &mut out);
    out
}

fn write_table(path: &str, table: &toml::Table, out: &mut String) {
    out.push('{');
    for (i, (key, value)) in table.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(key, out);
        out.push(':');
        write_value(path, key, value, out);
    }
    out.push('}');
}

fn write_value(path: &str, key: &str, value: &toml::Value, out: &mut String) {
    match value {
        toml::Value::String(s) => write_string(s, out),
        toml::Value::Integer(n) => {
            let _ = write!(out, "{n}");
        }
        toml::Value::Float(f) if f.is_finite() => {
            // Debug writes the shortest text that reads back as the same double.
            let _ = write!(out, "{f:?}");
        }
        toml::Value::Float(f) => panic!("{path}: {key} = {f} cannot be written as JSON"),
        toml::Value::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
        toml::Value::Datetime(d) => panic!("{path}: {key} = {d}: a date-time cannot be JSON"),
        toml::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(path, key, item, out);
            }
            out.push(']');
        }
        toml::Value::Table(table) => write_table(path, table, out),
    }
}

/// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, the rest as it is.
fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
