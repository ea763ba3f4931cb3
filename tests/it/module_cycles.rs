//! No cycle between the library's top-level modules (docs/ARCHITECTURE.md § Dependencies): read from
//! the `crate::` paths of every non-test source file, so a new import that closes a loop fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::root;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Source files under `dir`, test files (`tests.rs`, `*_tests.rs`) left out.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && !path
                .file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.ends_with("tests"))
        {
            out.push(path);
        }
    }
}

/// The top-level modules each top-level module names through `crate::…` (`use crate::{a, b::c}` too).
fn graph() -> Graph {
    let src = root().join("src");
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(&src).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if (path.is_dir() || path.extension().is_some_and(|e| e == "rs"))
            && !["main", "lib", "cli"].contains(&stem)
        {
            modules.insert(stem.to_string());
        }
    }
    let comment = regex::Regex::new(r"//[^\n]*").expect("regex");
    let path = regex::Regex::new(r"crate::([a-z_0-9]+)").expect("regex");
    let group = regex::Regex::new(r"(?s)crate::\{(.*?)\}\s*;").expect("regex");
    let mut graph = Graph::new();
    for module in &modules {
        let mut files = Vec::new();
        let file = src.join(format!("{module}.rs"));
        if file.is_file() {
            files.push(file);
        }
        let dir = src.join(module);
        if dir.is_dir() {
            sources(&dir, &mut files);
        }
        let deps = graph.entry(module.clone()).or_default();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a source file");
            let text = comment.replace_all(&text, "");
            let mut named: Vec<String> = path
                .captures_iter(&text)
                .map(|c| c[1].to_string())
                .collect();
            for c in group.captures_iter(&text) {
                // The names at brace depth 0 of the group.
                let (mut depth, mut start) = (0, true);
                let mut name = String::new();
                for ch in c[1].chars() {
                    match ch {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            named.push(std::mem::take(&mut name));
                            start = true;
                        }
                        c if depth == 0 && start && (c.is_ascii_alphanumeric() || c == '_') => {
                            name.push(c)
                        }
                        c if depth == 0 && !name.is_empty() && !c.is_whitespace() => start = false,
                        _ => {}
                    }
                }
                named.push(name);
            }
            deps.extend(
                named
                    .into_iter()
                    .filter(|n| n != module && modules.contains(n)),
            );
        }
    }
    graph
}

/// A path from `from` back to itself, if there is one.
fn cycle_through(graph: &Graph, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![from.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().expect("non-empty").clone();
        for next in graph.get(&last).into_iter().flatten() {
            if next == from {
                let mut cycle = path.clone();
                cycle.push(next.clone());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn no_cycle_between_top_level_modules() {
    let graph = graph();
    // The reader sees its dependencies: if parsing broke, every module would look like a leaf.
    assert!(graph["write"].contains("score"), "{graph:?}");
    assert!(graph["read"].contains("model"), "{graph:?}");
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_through(&graph, m))
        .map(|c| c.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "module cycles: {cycles:#?}");
}

#[test]
fn score_does_not_import_write() {
    let graph = graph();
    assert!(!graph["score"].contains("write"), "{:?}", graph["score"]);
}

/// The modules of `src/read/` each `src/read/X.rs` names through `super::…` or `crate::read::…`
/// (`use super::{a, b}` too), outside its tests.
fn read_graph() -> Graph {
    let dir = root().join("src/read");
    let modules: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("src/read is readable")
        .filter_map(|e| {
            let path = e.expect("a directory entry").path();
            let stem = path.file_stem()?.to_str()?.to_string();
            (path.extension().is_some_and(|x| x == "rs") && stem != "mod").then_some(stem)
        })
        .collect();
    let comment = regex::Regex::new(r"//[^\n]*").expect("regex");
    let path = regex::Regex::new(r"(?:super|crate::read)::([a-z_0-9]+)").expect("regex");
    let group = regex::Regex::new(r"(?s)(?:super|crate::read)::\{([^}]*)\}").expect("regex");
    let mut graph = Graph::new();
    for module in &modules {
        let text =
            std::fs::read_to_string(dir.join(format!("{module}.rs"))).expect("a source file");
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let text = comment.replace_all(text, "");
        let mut named: Vec<String> = path
            .captures_iter(&text)
            .map(|c| c[1].to_string())
            .collect();
        for c in group.captures_iter(&text) {
            named.extend(
                c[1].split(',')
                    .filter_map(|n| n.trim().split("::").next().map(str::to_string)),
            );
        }
        graph.entry(module.clone()).or_default().extend(
            named
                .into_iter()
                .filter(|n| n != module && modules.contains(n)),
        );
    }
    graph
}

#[test]
fn no_cycle_between_the_reader_modules() {
    let graph = read_graph();
    // Parsing found the edges it must: the loaders share `format`, the form reader `scan`.
    assert!(graph["xlsx"].contains("format"), "{graph:?}");
    assert!(graph["form"].contains("table"), "{graph:?}");
    assert!(graph["table"].contains("scan"), "{graph:?}");
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_through(&graph, m))
        .map(|c| c.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "module cycles in src/read: {cycles:#?}");
}
