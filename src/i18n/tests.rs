use super::*;

#[test]
fn catalog_parses_and_every_message_has_both_languages_with_the_same_placeholders() {
    let catalog = parse_catalog(MESSAGES_TOML).expect("templates/messages.toml parses");
    assert!(catalog.messages.len() > 100, "{}", catalog.messages.len());
    for (key, entry) in &catalog.messages {
        assert!(!entry.zh.trim().is_empty(), "{key}: zh is empty");
        assert!(!entry.en.trim().is_empty(), "{key}: en is empty");
        assert_eq!(
            placeholders(&entry.zh),
            placeholders(&entry.en),
            "{key}: zh and en use different placeholders"
        );
        if let Some(one) = &entry.en_one {
            assert_eq!(placeholders(one), placeholders(&entry.en), "{key}: en_one");
            let count = entry.count.as_deref().expect("en_one names its count");
            assert!(placeholders(&entry.en).contains(count), "{key}: count");
        }
        // A Chinese text that is plain ASCII was probably never translated.
        let ascii_only = entry.zh.is_ascii();
        let allowed = ["error.", "io.other", "columns.json", "summary.level1_count"];
        assert!(
            !ascii_only || allowed.iter().any(|a| key.starts_with(a)),
            "{key}: the Chinese text {:?} has no Chinese",
            entry.zh
        );
    }
}

/// Every key the source names (`t!("…")`, `text("…")`, `fill("…")`) is in the catalog, so a typo
/// is a failing test rather than a key shown to a user.
#[test]
fn every_key_the_code_names_is_in_the_catalog() {
    let catalog = parse_catalog(MESSAGES_TOML).expect("parses");
    let pattern = regex::Regex::new(r#"(?:t!\(|i18n::text\(|i18n::fill\(|text_in\([^,]+, |fill_in\([^,]+, )"([a-z0-9_]+\.[a-z0-9_.]+)""#)
        .expect("regex");
    let mut named = 0;
    let mut missing = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).expect("source is UTF-8");
                for found in pattern.captures_iter(&source) {
                    named += 1;
                    let key = &found[1];
                    if !catalog.messages.contains_key(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
    }
    assert!(named > 50, "the scan found only {named} keys");
    assert!(
        missing.is_empty(),
        "keys missing from templates/messages.toml: {missing:#?}"
    );
}

#[test]
fn locale_variables_choose_the_language_as_setlocale_does() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
    assert_eq!(Lang::from_locale(env(&[("LANG", "C")])), Lang::En);
    assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    assert_eq!(
        Lang::from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")])),
        Lang::En,
        "LC_ALL wins over LANG"
    );
    assert_eq!(
        Lang::from_locale(env(&[
            ("LC_ALL", ""),
            ("LC_MESSAGES", "zh_TW"),
            ("LANG", "C")
        ])),
        Lang::Zh,
        "an empty LC_ALL does not count"
    );
    assert_eq!(Lang::parse("zh_CN"), Some(Lang::Zh));
    assert_eq!(Lang::parse("EN"), Some(Lang::En));
    assert_eq!(Lang::parse("fr"), None);
}

#[test]
fn placeholders_are_filled_and_english_plurals_follow_the_count() {
    assert_eq!(fill_in(Lang::En, "batch.files", &[("count", &1)]), "1 file");
    assert_eq!(
        fill_in(Lang::En, "batch.files", &[("count", &2)]),
        "2 files"
    );
    assert_eq!(
        fill_in(Lang::Zh, "batch.files", &[("count", &1)]),
        "共 1 个文件"
    );
    assert_eq!(substitute("{a}{{b}}{c}", &[("a", &"x")]), "x{b}{c}");
    let unknown = ["no", "such", "key"].join(".");
    assert_eq!(text_in(Lang::Zh, &unknown), unknown);
}

#[test]
fn io_errors_never_show_the_os_error_number() {
    for lang in [Lang::Zh, Lang::En] {
        for kind in [
            std::io::ErrorKind::AlreadyExists,
            std::io::ErrorKind::NotFound,
            std::io::ErrorKind::PermissionDenied,
        ] {
            let said = io_message_in(lang, &std::io::Error::from(kind));
            assert!(!said.contains("os error"), "{said}");
        }
        let raw = std::io::Error::from_raw_os_error(17);
        assert!(
            !io_message_in(lang, &raw).contains("os error"),
            "{}",
            io_message_in(lang, &raw)
        );
        let other = std::io::Error::from_raw_os_error(71);
        assert!(
            !io_message_in(lang, &other).contains("os error"),
            "{}",
            io_message_in(lang, &other)
        );
    }
    assert_eq!(
        io_message_in(Lang::Zh, &std::io::Error::from_raw_os_error(17)),
        "文件已存在"
    );
}

#[test]
fn a_library_message_loses_its_os_error_number() {
    assert_eq!(
        without_os_error("I/O error: File exists (os error 17); again (os error 2)"),
        "I/O error: File exists; again"
    );
    assert_eq!(without_os_error("(os error x) kept"), "(os error x) kept");
    assert_eq!(without_os_error("plain"), "plain");
    let err = crate::Error::unreadable(
        std::path::Path::new("a.xls"),
        "Cfb error: No such file or directory (os error 2)",
    );
    assert!(!err.to_string().contains("os error"), "{err}");
    assert!(!err.message().contains("os error"), "{}", err.message());
}

/// The check's and the diff's texts (templates/diagnostics.toml, templates/diff.toml): every
/// text has both languages, the same placeholders in each, and English without Chinese apart from
/// the form's own words it quotes ("…") and the money units.
#[test]
fn every_text_of_check_and_diff_has_both_languages_with_the_same_placeholders() {
    fn walk(file: &str, path: &str, table: &toml::Table, texts: &mut Vec<(String, Bilingual)>) {
        if table.contains_key("zh") || table.contains_key("en") {
            let entry: Bilingual = toml::Value::Table(table.clone())
                .try_into()
                .unwrap_or_else(|e| panic!("{file}: {path}: needs zh and en only: {e}"));
            texts.push((format!("{file}: {path}"), entry));
            return;
        }
        for (key, value) in table {
            let here = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            match value {
                toml::Value::Table(inner) => walk(file, &here, inner, texts),
                // The one plain value a diagnostic has; [notation] is data, not text.
                _ if key == "severity" || path == "notation" => {}
                other => panic!("{file}: {here} = {other:?}: a text needs .zh and .en"),
            }
        }
    }
    let mut texts = Vec::new();
    for (file, source) in [
        (
            "diagnostics.toml",
            include_str!("../../templates/diagnostics.toml"),
        ),
        ("diff.toml", include_str!("../../templates/diff.toml")),
    ] {
        let root: toml::Table = toml::from_str(source).expect("parses");
        walk(file, "", &root, &mut texts);
    }
    assert!(texts.len() > 100, "only {} texts found", texts.len());
    let chinese =
        |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || "「」，。：；（）".contains(c);
    let quoted = regex::Regex::new(r#""[^"]*""#).expect("regex");
    for (name, text) in &texts {
        assert!(
            !text.zh.trim().is_empty() && !text.en.trim().is_empty(),
            "{name}"
        );
        assert_eq!(
            placeholders(&text.zh),
            placeholders(&text.en),
            "{name}: zh and en use different placeholders"
        );
        if let Some(one) = &text.en_one {
            assert!(
                placeholders(one).is_subset(&placeholders(&text.en)),
                "{name}: en_one"
            );
        }
        let english = quoted
            .replace_all(&text.en, "")
            .replace("万元", "")
            .replace('元', "");
        assert!(
            !english.chars().any(chinese),
            "{name}: the English {:?} holds Chinese",
            text.en
        );
    }
    // Both loaders accept the files.
    assert!(!crate::check::catalog::catalog().all_texts().is_empty());
    assert!(!crate::diff::print::texts().report.equal.en.is_empty());
}

#[test]
fn with_lang_chooses_for_this_thread_only_and_restores() {
    let outer = lang();
    let inside = with_lang(Lang::Zh, || {
        let other = std::thread::spawn(lang).join().expect("thread");
        (lang(), other)
    });
    assert_eq!(
        inside,
        (Lang::Zh, outer),
        "the other thread keeps the process's"
    );
    assert_eq!(with_lang(Lang::En, lang), Lang::En);
    assert_eq!(lang(), outer, "restored");
}

#[test]
fn the_catalog_built_at_compile_time_is_the_parsed_messages_file() {
    let parsed = parse_catalog(MESSAGES_TOML).expect("the messages file parses");
    let built = catalog();
    assert_eq!(parsed.messages.len(), built.messages.len());
    for (key, entry) in &parsed.messages {
        let other = &built.messages[key];
        assert_eq!(
            (&entry.zh, &entry.en, &entry.en_one, &entry.count),
            (&other.zh, &other.en, &other.en_one, &other.count),
            "{key}"
        );
    }
    assert_eq!(parsed.help, built.help);
}

/// The non-test source of every `.rs` file under `src/<dir>`: (path, lines without comments).
fn sources(dir: &str) -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".rs") && name != "tests.rs" && !name.ends_with("_tests.rs") {
                let source = std::fs::read_to_string(&path).expect("source is UTF-8");
                // A file's own unit tests start at `#[cfg(test)] mod tests {`.
                let code = match source.find("#[cfg(test)]\nmod tests {") {
                    Some(end) => &source[..end],
                    None => &source[..],
                };
                let code: Vec<&str> = code
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect();
                let shown = path
                    .strip_prefix(&root)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                out.push((shown, code.join("\n")));
            }
        }
    }
    out
}

/// What the server and the command line tell people is in the catalogs: a string literal with
/// Chinese in src/serve or src/cli is one of the few that are not messages (file names of the
/// downloads, the kinds a request may name, the Chinese help's own list separator).
#[test]
fn the_server_and_the_command_line_write_no_chinese_message_outside_the_catalogs() {
    let literal = regex::Regex::new(r#""(?:[^"\\\n]|\\.)*""#).expect("regex");
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let allowed = [
        "\"-系统表.xlsx\"",
        "\"-自评表.xlsx\"",
        "\"空白项目申报表.xlsx\"",
        "\"空白申报表.xlsx\"",
        "\"jixiao-转换结果.zip\"",
        "\"部门整体\"",
        "\"项目\"",
        "\"、\"",
        "\"Score self-evaluations (绩效自评表): computed beside written\"",
    ];
    let mut found = Vec::new();
    let mut scanned = 0;
    for dir in ["serve", "cli"] {
        for (path, code) in sources(dir) {
            scanned += 1;
            for m in literal.find_iter(&code) {
                if han(m.as_str()) && !allowed.contains(&m.as_str()) {
                    found.push(format!("{path}: {}", m.as_str()));
                }
            }
        }
    }
    assert!(scanned > 15, "only {scanned} files scanned");
    assert!(
        found.is_empty(),
        "Chinese-only texts (put them in templates/messages.toml): {found:#?}"
    );
}

/// An error or a line for people written as a literal skips the catalog, so it has one language
/// only: every `anyhow!`, `bail!`, `context` and `eprintln!` text comes from `t!` (or is a
/// format of texts that do).
#[test]
fn no_error_text_is_a_literal_in_one_language() {
    let pattern = regex::Regex::new(
        r#"(?:anyhow!|bail!|\.context|with_context\(\|\| format!|eprintln!|Error::msg)\(\s*"([^"{]*[A-Za-z\p{Han}]{2}[^"]*)""#,
    )
    .expect("regex");
    let mut found = Vec::new();
    let mut scanned = 0;
    for (path, code) in sources("") {
        scanned += 1;
        for m in pattern.captures_iter(&code) {
            found.push(format!("{path}: {}", &m[1]));
        }
    }
    assert!(scanned > 80, "only {scanned} files scanned");
    assert!(found.is_empty(), "texts outside the catalog: {found:#?}");
}

/// `message` and `help` binary-search the compiled tables: they must be sorted, without repeats,
/// and every entry must be found by its own key.
#[test]
fn the_compiled_tables_are_sorted_and_found_by_key() {
    let keys: Vec<&str> = super::compiled::MESSAGES.iter().map(|m| m.0).collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "MESSAGES is not strictly sorted"
    );
    for &(key, zh, en, _, _) in &super::compiled::MESSAGES {
        assert_eq!(super::text_in(Lang::Zh, key), zh);
        assert_eq!(super::text_in(Lang::En, key), en);
    }
    let commands: Vec<&str> = super::compiled::HELP.iter().map(|c| c.0).collect();
    assert!(
        commands.windows(2).all(|w| w[0] < w[1]),
        "HELP is not strictly sorted"
    );
    for &(command, texts) in &super::compiled::HELP {
        assert!(
            texts.windows(2).all(|w| w[0].0 < w[1].0),
            "[help.{command}]"
        );
        for &(id, text) in texts {
            assert_eq!(super::help(command, id), Some(text));
        }
    }
    assert_eq!(super::help("import", "no such argument"), None);
    assert_eq!(super::help("no such command", "about"), None);
}
