//! The core's top-level modules form one-way layers: a module uses only
//! modules of the layers below its own, so no cycle can form between them.
//! The check reads the `crate::` paths of every source file, the way a
//! reviewer would; crates cannot form cycles at all (cargo refuses them).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, top first. A module may use modules of the layers below
/// its own, never of its own layer or above. The domains are ordered too:
/// requests are made against catalog items, catalog items from imports.
/// ARCHITECTURE.md ("Layers") explains each layer.
const LAYERS: &[&[&str]] = &[
    // The demo workspace: made through every area, as a user would.
    &["demo"],
    // Work that spans several areas in one transaction.
    &["flows"],
    // A pilot's success story: told from every domain below.
    &["story"],
    // The domains: the rules of one area each.
    &["requests", "metrics", "portal", "roadmap"],
    // Messages about requests: queued by `requests`, read by the portal.
    &["outbox"],
    &["pilots", "backlog", "knowledge"],
    &["sla"],
    &["catalog", "samples"],
    &["import", "directory", "settings"],
    // The open file, and all the SQL (and the lock that keeps other
    // processes off the file).
    &["workspace"],
    &["storage", "lock"],
    // The data shapes storage returns, with no rules; the value model,
    // pure arithmetic over a use case's assumptions.
    &["shapes"],
    &["value"],
    &["error"],
    // Helvetica text for the PDFs: encoding, widths, wrapping; text in
    // the SVG pictures: escaped and cut to fit.
    &["typeset", "svg_text"],
    // The closed sets of words that cross IPC (error codes, issue parts).
    &["words"],
];

/// Uses that break the layers today, each to be removed, never added to:
/// storage still builds these domains' types from its rows (see
/// ARCHITECTURE.md, "Storage returns the domain's types").
const KNOWN_EXCEPTIONS: &[(&str, &str)] = &[
    ("storage", "catalog"),
    ("storage", "directory"),
    ("storage", "pilots"),
    ("storage", "requests"),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to: `src/catalog/form.rs` and
/// `src/catalog.rs` both belong to `catalog`; `lib.rs` to none.
fn module_of(file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src()).unwrap();
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then(|| name.to_owned())
}

/// The top-level modules a file's text names through `crate::` paths,
/// including grouped ones (`use crate::{a::X, b}`), and through
/// `super::super::` from a file two levels down.
fn uses(text: &str) -> BTreeSet<String> {
    let paths = regex::Regex::new(r"crate::(\{[^}]*\}|[a-z_]+)").unwrap();
    let grandparent = regex::Regex::new(r"super::super::([a-z_]+)").unwrap();
    let mut out = BTreeSet::new();
    for caps in paths.captures_iter(text) {
        let found = &caps[1];
        match found.strip_prefix('{') {
            Some(group) => out.extend(
                group
                    .trim_end_matches('}')
                    .split(',')
                    .filter_map(|part| part.trim().split("::").next())
                    .filter(|name| !name.is_empty())
                    .map(str::to_owned),
            ),
            None => {
                out.insert(found.to_owned());
            }
        }
    }
    out.extend(grandparent.captures_iter(text).map(|c| c[1].to_owned()));
    out
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every (user, used) pair of distinct top-level modules in the core.
fn edges() -> BTreeSet<(String, String)> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut edges = BTreeSet::new();
    for file in files {
        let Some(module) = module_of(&file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for used in uses(&text) {
            // Re-exports at the crate root (`crate::Result`) are not modules.
            if used != module && used.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                edges.insert((module.clone(), used));
            }
        }
    }
    edges
}

#[test]
fn every_top_level_module_has_a_layer() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let unplaced: BTreeSet<String> = files
        .iter()
        .filter_map(|f| module_of(f))
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "place these modules in a layer of tests/layers.rs (and ARCHITECTURE.md): {unplaced:?}"
    );
}

#[test]
fn modules_use_only_the_layers_below_their_own() {
    let wrong: Vec<String> = edges()
        .into_iter()
        .filter(|(user, used)| match (layer_of(user), layer_of(used)) {
            (Some(a), Some(b)) => a >= b,
            _ => false,
        })
        .filter(|(user, used)| !KNOWN_EXCEPTIONS.contains(&(user.as_str(), used.as_str())))
        .map(|(user, used)| format!("{user} uses {used}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "these uses go sideways or upward; move the shared work into a lower layer or a flow: {wrong:?}"
    );
}

#[test]
fn every_known_exception_is_still_needed() {
    let edges = edges();
    let gone: Vec<_> = KNOWN_EXCEPTIONS
        .iter()
        .filter(|(user, used)| !edges.contains(&(user.to_string(), used.to_string())))
        .collect();
    assert!(
        gone.is_empty(),
        "remove these from KNOWN_EXCEPTIONS, they no longer happen: {gone:?}"
    );
}

#[test]
fn the_check_sees_plain_grouped_and_grandparent_paths() {
    let found = uses(
        "use crate::error::Result;\nuse crate::{storage, workspace::Workspace};\nuse super::super::catalog::Form;",
    );
    let expected: BTreeSet<String> = ["error", "storage", "workspace", "catalog"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(found, expected);
}
