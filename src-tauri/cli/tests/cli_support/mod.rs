//! How the CLI's tests run `pilot`: as a script would, a new process per
//! call, reading what it prints.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `pilot` with `args` and waits for it.
pub fn pilot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pilot"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs `pilot` with `args`, which must succeed; returns what it printed.
/// A failure shows what `pilot` wrote to stderr.
pub fn succeeds(args: &[&str]) -> String {
    let out = pilot(args);
    assert!(
        out.status.success(),
        "pilot {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The one JSON object a `--json` run printed (on success or failure).
pub fn json(output: &Output) -> Value {
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    assert_eq!(
        text.trim().lines().count(),
        1,
        "exactly one JSON object: {text}"
    );
    serde_json::from_str(&text).unwrap()
}

/// The text under `key` of each entry of the JSON list `list`.
pub fn texts<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|e| {
            e[key]
                .as_str()
                .unwrap_or_else(|| panic!("no text {key}: {e}"))
        })
        .collect()
}

/// A CSV in the repository's `tests/fixtures/csv`, as an argument.
pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/csv")
        .join(name);
    path.to_string_lossy().into_owned()
}
