//! `pilot intake` as a script runs it: a newer Microsoft Forms export of
//! the source that feeds a running pilot adds its new responses once, and
//! says which rows it left alone and why.

use std::path::Path;

use pilot_core::Workspace;
use pilot_fixtures::intake::{export as fixture, facilities};
use serde_json::Value;

mod cli_support;
use cli_support::{pilot, succeeds};

/// A workspace holding the shared fixtures' running "Facilities pilot",
/// whose item was made from the first Microsoft Forms export; Ann and Ben
/// ask, Fay works, Hugo heads it, Zoe is not in the pilot.
fn fed_workspace(path: &Path) {
    let mut ws = Workspace::create(path).unwrap();
    facilities(&mut ws, "msforms-facilities-1.csv");
}

#[test]
fn intake_adds_the_new_responses_once_and_names_the_lines_it_left_alone() {
    let dir = tempfile::TempDir::new().unwrap();
    let ws = dir.path().join("Intake.pilot");
    fed_workspace(&ws);
    let ws = ws.to_str().unwrap();
    let newer = fixture("msforms-facilities-2.csv");
    let newer = newer.to_str().unwrap();

    let out = pilot(&["intake", ws, "--pilot", "facilities pilot", newer, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    let item = &summary["intake"]["items"][0];
    assert_eq!(item["itemName"], "Work order");
    // Ann's two new responses and Ben's; Zoe is not a requester of the pilot.
    assert_eq!(item["added"], 3);
    assert_eq!(item["baseline"], 5);
    let lines: Vec<i64> = item["leftAlone"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, [9]);

    let text = succeeds(&["intake", ws, "--pilot", "1", newer]);
    assert!(
        text.contains("Work order: 0 added, 0 updated (0 events), 3 unchanged, 1 left alone"),
        "{text}"
    );
    assert!(
        text.contains(
            "line 9: “zoe@example.org” does not take part in “Facilities pilot” as a requester."
        ),
        "{text}"
    );
}

#[test]
fn intake_for_a_pilot_the_workspace_does_not_have_is_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let ws = dir.path().join("Intake.pilot");
    fed_workspace(&ws);
    let newer = fixture("msforms-facilities-2.csv");

    let out = pilot(&[
        "intake",
        ws.to_str().unwrap(),
        "--pilot",
        "Payroll",
        newer.to_str().unwrap(),
        "--json",
    ]);

    assert_eq!(out.status.code(), Some(1));
    let error: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["error"]["kind"], "invalid");
    assert!(error["error"]["message"]
        .as_str()
        .unwrap()
        .contains("no pilot “Payroll”"));
}
