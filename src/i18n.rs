//! The language of the messages a user reads: Chinese or English, texts as data.
//!
//! Every message is a key of [`templates/messages.toml`](../templates/messages.toml) with a `zh`
//! and an `en` text; `{name}` placeholders are filled by the caller. The language is chosen once
//! per process ([`set_lang`]; the command line does it from `--lang` or the locale, see
//! [`Lang::from_locale`]) and read by every thread. A library caller that never chooses gets
//! English, so results do not depend on the machine's locale unless asked.
//!
//! ```
//! use jixiao::i18n::{self, Lang};
//!
//! i18n::set_lang(Lang::Zh);
//! assert_eq!(jixiao::t!("io.not_found"), "找不到文件");
//! i18n::set_lang(Lang::En);
//! assert_eq!(jixiao::t!("io.not_found"), "no such file");
//! assert_eq!(jixiao::t!("batch.files", count = 2), "2 files");
//! assert_eq!(jixiao::t!("batch.files", count = 1), "1 file");
//! assert_eq!(jixiao::t!("read.what_pdf"), "a PDF file");
//! ```
//!
//! English plurals: a key may have `en_one`, used when the placeholder named by `count` is 1.
//!
//! The command-line help is localised the same way ([`help`]): the English help is the clap
//! derive's doc comments in `src/cli/`, the Chinese one the `[help]` table, keyed by subcommand
//! and argument id.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::LazyLock;

use serde::Deserialize;

/// The catalog's source, compiled in.
pub const MESSAGES_TOML: &str = include_str!("../templates/messages.toml");

/// The languages messages exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 简体中文.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh` or `en` (also accepted: `zh_CN`, `zh-CN`, `chinese`, `english`, any case).
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("zh") || lower == "chinese" || lower == "中文" {
            Some(Lang::Zh)
        } else if lower.starts_with("en") || lower == "english" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the POSIX locale asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// that is set and not empty decides (as setlocale does); `zh_*` is Chinese, anything else
    /// English. `LANGUAGE` (a GNU preference list) is honoured first when it starts with `zh`.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        if var("LANGUAGE").is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("zh")) {
            return Lang::Zh;
        }
        let chosen = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.trim().is_empty()));
        match chosen {
            Some(v) if v.trim().to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The language of this process's environment.
    pub fn from_env() -> Lang {
        Lang::from_locale(|name| std::env::var(name).ok())
    }

    /// The language's code, as `--lang` takes it (`zh`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(1);

/// Chooses the language of every message from now on, in every thread.
pub fn set_lang(lang: Lang) {
    CURRENT.store(
        match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

thread_local! {
    /// This thread's choice while [`with_lang`] runs, over the process's.
    static OVERRIDE: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// The language messages are given in: this thread's [`with_lang`], else the process's.
pub fn lang() -> Lang {
    if let Some(lang) = OVERRIDE.with(std::cell::Cell::get) {
        return lang;
    }
    match CURRENT.load(Ordering::Relaxed) {
        0 => Lang::Zh,
        _ => Lang::En,
    }
}

/// Runs `f` with the messages of this thread in `lang` (for a library caller that serves people
/// of both languages at once, and for tests that must not change the process's language under
/// the other tests' feet). The previous choice is restored afterwards, also when `f` panics.
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            OVERRIDE.with(|o| o.set(self.0));
        }
    }
    let _restore = Restore(OVERRIDE.with(|o| o.replace(Some(lang))));
    f()
}

/// One text of the other catalogs (templates/diagnostics.toml, templates/diff.toml) in both
/// languages: `key.zh = "…"`, `key.en = "…"`; `en_one` is the English when a count is 1.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
    /// English when the count is 1.
    #[serde(default)]
    pub en_one: Option<String>,
}

impl Bilingual {
    /// The text in the language of [`lang`].
    pub fn get(&self) -> &str {
        self.get_in(lang())
    }

    /// The text in `lang`.
    pub fn get_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// One message in both languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
    /// English when the `count` placeholder is 1.
    #[serde(default)]
    pub en_one: Option<String>,
    /// The placeholder whose value chooses `en_one`.
    #[serde(default)]
    pub count: Option<String>,
}

/// The parsed catalog: message key (`io.not_found`) → texts, and the Chinese help.
#[derive(Debug)]
pub struct Catalog {
    /// Message key → its texts.
    pub messages: BTreeMap<String, Entry>,
    /// `command path` (`""` for jixiao itself, `check`) → `about`, `long_about` and argument id →
    /// Chinese text.
    pub help: BTreeMap<String, BTreeMap<String, String>>,
}

/// `MESSAGES` and `HELP`: build.rs reads templates/messages.toml by [`parse_catalog`]'s rules
/// (parsing the TOML at start cost every command 4.9 M instructions).
mod compiled {
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

/// The compiled-in catalog. A malformed catalog fails the build (build.rs); a key the code names
/// but the catalog lacks falls back to the key itself, a bug the tests catch.
pub fn catalog() -> &'static Catalog {
    use compiled::{HELP, MESSAGES};
    static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
        messages: MESSAGES
            .iter()
            .map(|&(key, zh, en, en_one, count)| {
                let entry = Entry {
                    zh: zh.to_string(),
                    en: en.to_string(),
                    en_one: en_one.map(str::to_string),
                    count: count.map(str::to_string),
                };
                (key.to_string(), entry)
            })
            .collect(),
        help: HELP
            .iter()
            .map(|&(command, texts)| {
                let texts = texts.iter().map(|&(k, v)| (k.to_string(), v.to_string()));
                (command.to_string(), texts.collect())
            })
            .collect(),
    });
    &CATALOG
}

/// Parses a messages file: nested tables whose leaves have `zh` and `en`; the `[help]` table
/// holds the Chinese command-line help.
pub fn parse_catalog(source: &str) -> Result<Catalog, String> {
    let root: toml::Table = toml::from_str(source).map_err(|e| e.to_string())?;
    let mut messages = BTreeMap::new();
    let mut help = BTreeMap::new();
    for (key, value) in root {
        if key == "help" {
            let toml::Value::Table(commands) = value else {
                return Err("[help] must be a table".into());
            };
            for (command, texts) in commands {
                let texts: BTreeMap<String, String> = texts
                    .try_into()
                    .map_err(|e| format!("[help.{command}]: {e}"))?;
                // `_` stands for jixiao itself (a TOML key cannot be empty without quotes).
                let command = if command == "_" {
                    String::new()
                } else {
                    command
                };
                help.insert(command, texts);
            }
            continue;
        }
        flatten(&key, value, &mut messages)?;
    }
    Ok(Catalog { messages, help })
}

fn flatten(
    prefix: &str,
    value: toml::Value,
    out: &mut BTreeMap<String, Entry>,
) -> Result<(), String> {
    let toml::Value::Table(table) = value else {
        return Err(format!("{prefix}: expected a table"));
    };
    if table.contains_key("zh") || table.contains_key("en") {
        let entry: Entry = toml::Value::Table(table)
            .try_into()
            .map_err(|e| format!("{prefix}: {e}"))?;
        out.insert(prefix.to_string(), entry);
        return Ok(());
    }
    for (key, value) in table {
        flatten(&format!("{prefix}.{key}"), value, out)?;
    }
    Ok(())
}

/// The text of `key` in the current language; the key itself when the catalog lacks it (a bug
/// the tests catch: every key the code names is in the catalog).
pub fn text(key: &str) -> &'static str {
    text_in(lang(), key)
}

/// The text of `key` in `lang`.
pub fn text_in(lang: Lang, key: &str) -> &'static str {
    match message(key) {
        Some(&(_, zh, en, _, _)) => match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        None => leak_key(key),
    }
}

/// The compiled-in message of `key`, found by binary search in the sorted table: nothing is
/// built at start (turning the table into [`Catalog`]'s maps cost each command 0.32 M
/// instructions, 2 % of an import).
fn message(key: &str) -> Option<&'static compiled::Message> {
    let messages = &compiled::MESSAGES;
    messages
        .binary_search_by(|m| m.0.cmp(key))
        .ok()
        .map(|i| &messages[i])
}

fn leak_key(key: &str) -> &'static str {
    static KEYS: LazyLock<std::sync::Mutex<BTreeMap<String, &'static str>>> =
        LazyLock::new(Default::default);
    let Ok(mut keys) = KEYS.lock() else {
        return "?";
    };
    keys.entry(key.to_string())
        .or_insert_with(|| Box::leak(key.to_string().into_boxed_str()))
}

/// The text of `key` with its `{name}` placeholders filled.
pub fn fill(key: &str, args: &[(&str, &dyn Display)]) -> String {
    fill_in(lang(), key, args)
}

/// [`fill`] in `lang`.
pub fn fill_in(lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
    let template = match (lang, message(key)) {
        (Lang::En, Some(&(_, _, en, en_one, count))) => match (en_one, count) {
            (Some(one), Some(count))
                if args
                    .iter()
                    .any(|(name, value)| *name == count && value.to_string() == "1") =>
            {
                one
            }
            _ => en,
        },
        _ => text_in(lang, key),
    };
    substitute(template, args)
}

/// Replaces `{name}` by its value; `{{` and `}}` are literal braces.
pub fn substitute(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            let name = &tail[1..end];
            match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(&value.to_string()),
                None => out.push_str(&tail[..=end]),
            }
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a template.
pub fn placeholders(template: &str) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::new();
    let mut rest = template.replace("{{", "").replace("}}", "");
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        found.insert(rest[start + 1..start + len].to_string());
        rest = rest[start + len + 1..].to_string();
    }
    found
}

/// The Chinese help of a command (`""` for jixiao itself, `check`) for `id`: `about`,
/// `long_about`, or an argument's id.
pub fn help(command: &str, id: &str) -> Option<&'static str> {
    let commands = &compiled::HELP;
    let at = commands.binary_search_by(|c| c.0.cmp(command)).ok()?;
    let texts = commands[at].1;
    let at = texts.binary_search_by(|t| t.0.cmp(id)).ok()?;
    Some(texts[at].1)
}

/// A message of the catalog in the current language: `t!("io.not_found")`, or with its
/// placeholders, `t!("batch.line", files = 3, out = dir.display())`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::text($key).to_string()
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::fill($key, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

/// A user-facing message for an I/O error: what happened, in the current language, without the
/// operating system's `(os error 17)`.
pub fn io_message(e: &std::io::Error) -> String {
    io_message_in(lang(), e)
}

/// [`io_message`] in `lang`.
pub fn io_message_in(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let key = match e.kind() {
        K::NotFound => "io.not_found",
        K::PermissionDenied => "io.permission_denied",
        K::AlreadyExists => "io.already_exists",
        K::IsADirectory => "io.is_a_directory",
        K::NotADirectory => "io.not_a_directory",
        K::DirectoryNotEmpty => "io.directory_not_empty",
        K::ReadOnlyFilesystem => "io.read_only",
        K::StorageFull => "io.storage_full",
        K::QuotaExceeded => "io.quota",
        K::FileTooLarge => "io.too_large",
        K::InvalidFilename => "io.invalid_name",
        K::CrossesDevices => "io.crosses_devices",
        K::BrokenPipe => "io.broken_pipe",
        K::Interrupted => "io.interrupted",
        K::UnexpectedEof => "io.unexpected_eof",
        K::OutOfMemory => "io.out_of_memory",
        K::ResourceBusy | K::ExecutableFileBusy => "io.busy",
        K::InvalidData => "io.invalid_data",
        K::AddrInUse => "io.address_in_use",
        K::AddrNotAvailable => "io.address_not_available",
        _ => "io.other",
    };
    let text = text_in(lang, key);
    if key != "io.other" {
        return text.to_string();
    }
    // What the operating system said, minus its error number.
    let raw = e.to_string();
    let said = match raw.rfind(" (os error ") {
        Some(i) if raw.ends_with(')') => raw[..i].to_string(),
        _ => raw,
    };
    substitute(text, &[("detail", &said)])
}

/// `text` without any `(os error 17)` a library's message carried through: the last guard, applied
/// to every [`crate::Error`] as it is shown, for the messages of other crates that embed an I/O
/// error's own text.
pub fn without_os_error(text: &str) -> std::borrow::Cow<'_, str> {
    const MARK: &str = " (os error ";
    if !text.contains(MARK) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(MARK) {
        let after = &rest[start + MARK.len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && after[digits..].starts_with(')') {
            out.push_str(&rest[..start]);
            rest = &after[digits + 1..];
        } else {
            out.push_str(&rest[..start + MARK.len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests;
