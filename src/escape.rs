//! Text that reaches a terminal or a table from outside — file names, cell text — made safe to
//! show: control characters (a newline that would fake a line of its own, an escape sequence
//! that would drive the reviewer's terminal), bidirectional overrides and bytes that are not
//! UTF-8 are written as visible escapes (`\n`, `\u{1b}`, `\xff`). Text without them is shown
//! unchanged.

use std::borrow::Cow;
use std::fmt::Write;
use std::path::Path;

/// Whether `c` must not reach a terminal as itself.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// `text` with its control characters escaped.
pub fn text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as a message or a table shows it: control characters escaped, and on Unix bytes that
/// are not UTF-8 as `\xNN` and a backslash as `\\`, so that two different names never show
/// the same.
pub fn path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        bytes(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        text(&path.display().to_string()).into_owned()
    }
}

/// Bytes meant to be UTF-8 (a Unix file name), escaped as [`path`] describes.
pub fn bytes(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(all) => (all, &[][..]),
            Err(e) => {
                let (good, bad) = bytes.split_at(e.valid_up_to());
                (std::str::from_utf8(good).unwrap_or_default(), bad)
            }
        };
        for c in valid.chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else if is_unsafe(c) {
                push_escaped(&mut out, c);
            } else {
                out.push(c);
            }
        }
        match rest.split_first() {
            None => return out,
            Some((bad, more)) => {
                let _ = write!(out, "\\x{bad:02x}");
                bytes = more;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(text("绩效 ok"), "绩效 ok");
        assert_eq!(text("a\nb\tc\u{1b}[31m"), "a\\nb\\tc\\u{1b}[31m");
        assert_eq!(text("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(text("\u{9b}"), "\\u{9b}");
    }

    #[test]
    fn names_that_are_not_utf8_are_escaped_byte_by_byte() {
        assert_eq!(bytes(b"a\xffb.xlsx"), "a\\xffb.xlsx");
        assert_eq!(bytes("表\n.xls".as_bytes()), "表\\n.xls");
        assert_eq!(
            bytes(b"a\\nb"),
            "a\\\\nb",
            "a literal backslash-n is not a newline"
        );
        assert_eq!(bytes(b"\xe8\xa1"), "\\xe8\\xa1");
    }
}
