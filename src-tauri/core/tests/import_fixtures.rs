//! Every real-world-shaped file in `tests/fixtures/csv` is inspected and
//! imported, and what the importer finds is checked against the file's entry
//! in `expected.json`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use pilot_core::flows;
use pilot_core::import::{self, ImportOptions, Inspection};
use pilot_core::{Error, Workspace};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/csv")
}

fn expectations() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(fixtures().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn as_strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// Every way the inspection differs from the expectation, as sentences.
fn differences(name: &str, expected: &Value, got: &Inspection) -> Vec<String> {
    let mut wrong = Vec::new();
    let json = serde_json::to_value(got).unwrap();
    for key in ["encoding", "delimiter", "header_line", "rows", "source"] {
        if expected[key] != json[key] {
            wrong.push(format!(
                "{name}: {key} is {} instead of {}",
                json[key], expected[key]
            ));
        }
    }
    let fields = json["fields"].as_array().unwrap();
    let field = |column: &str| fields.iter().find(|f| f["column"] == column);
    for (column, want) in expected["fields"].as_object().unwrap() {
        let Some(f) = field(column) else {
            wrong.push(format!("{name}: no field for column {column:?}"));
            continue;
        };
        if !as_strings(&want["type"]).contains(&f["type"].as_str().unwrap().to_owned()) {
            wrong.push(format!(
                "{name}: {column:?} is {} instead of one of {}",
                f["type"], want["type"]
            ));
        }
        if want.get("required").is_some() && want["required"] != f["required"] {
            wrong.push(format!("{name}: {column:?} required is {}", f["required"]));
        }
        if let Some(choices) = want.get("choices") {
            let want: BTreeSet<String> = as_strings(choices).into_iter().collect();
            let got: BTreeSet<String> = f
                .get("choices")
                .map(as_strings)
                .unwrap_or_default()
                .into_iter()
                .collect();
            if want != got {
                wrong.push(format!(
                    "{name}: {column:?} choices are {got:?} instead of {want:?}"
                ));
            }
        }
        if want.get("date_order").is_some() && want["date_order"] != f["date_order"] {
            wrong.push(format!(
                "{name}: {column:?} date_order is {}",
                f["date_order"]
            ));
        }
    }
    for column in as_strings(&expected["not_fields"]) {
        if field(&column).is_some() {
            wrong.push(format!("{name}: {column:?} should not be a field"));
        }
    }
    if expected["roles"] != json["roles"] {
        wrong.push(format!(
            "{name}: roles are {} instead of {}",
            json["roles"], expected["roles"]
        ));
    }
    if let Some(lines) = expected.get("problem_lines") {
        let want: BTreeSet<u64> = lines
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_u64().unwrap())
            .collect();
        let got: BTreeSet<u64> = got.problems.iter().map(|p| p.line).collect();
        if want != got {
            wrong.push(format!(
                "{name}: problems are on lines {got:?} instead of {want:?}"
            ));
        }
    }
    wrong
}

#[test]
fn every_fixture_has_an_expectation_and_every_expectation_a_fixture() {
    let files: BTreeSet<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    let expected: BTreeSet<String> = expectations().keys().cloned().collect();
    assert_eq!(files, expected);
}

#[test]
fn every_fixture_is_inspected_as_expected() {
    let mut wrong = Vec::new();
    for (name, expected) in expectations() {
        let result = import::inspect(&fixtures().join(&name), &ImportOptions::default());
        match (expected.get("error"), result) {
            (None, Ok(got)) => wrong.extend(differences(&name, &expected, &got)),
            (Some(error), Err(Error::ImportRefused { line, .. })) => {
                if error["line"].as_u64() != line {
                    wrong.push(format!(
                        "{name}: refused on line {line:?} instead of {}",
                        error["line"]
                    ));
                }
            }
            (None, Err(e)) => wrong.push(format!("{name}: refused: {e}")),
            (Some(_), other) => wrong.push(format!("{name}: should be refused, got {other:?}")),
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn every_fixture_imports_as_expected_or_leaves_the_workspace_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&dir.path().join("fixtures.pilot")).unwrap();
    let cancel = AtomicBool::new(false);
    for (name, expected) in expectations() {
        let result = flows::import_file(
            &mut ws,
            &fixtures().join(&name),
            &ImportOptions::default(),
            &mut |_| {},
            &cancel,
        );
        match expected.get("error") {
            Some(error) => {
                let Err(Error::ImportRefused { line, .. }) = result else {
                    panic!("{name}: should be refused, got {result:?}");
                };
                assert_eq!(line, error["line"].as_u64(), "{name}");
            }
            None => {
                let summary = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                let wrong = differences(&name, &expected, &summary.inspection);
                assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
            }
        }
    }
    let imported = import::list(&ws).unwrap();
    let names: BTreeSet<&str> = imported.iter().map(|i| i.file_name.as_str()).collect();
    assert!(!names.contains("broken-unterminated-quote.csv"));
    assert_eq!(imported.len(), expectations().len() - 1);
}
