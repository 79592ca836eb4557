//! `pilot backlog` and `pilot demo` as a script runs them: one JSON object
//! on stdout, exit status 1 with `{"error": …}` when refused.

use std::process::Output;

use serde_json::Value;

mod cli_support;
use cli_support::pilot;

fn json(output: &Output) -> Value {
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    assert_eq!(text.trim().lines().count(), 1, "one JSON object: {text}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn use_cases_are_added_imported_and_listed_best_value_per_day_first() {
    let dir = tempfile::TempDir::new().unwrap();
    let ws = dir.path().join("Backlog.pilot");
    let ws = ws.to_str().unwrap();
    let out = pilot(&["demo", ws, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["workspace"]["catalogItems"], 3);

    let out = pilot(&[
        "backlog",
        "add",
        ws,
        "--process",
        "Parking permits",
        "--department",
        "facilities",
        "--volume",
        "40",
        "--minutes",
        "10",
        "--effort",
        "1",
        "--channel",
        "paper",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let added = json(&out);
    assert_eq!(added["useCase"]["departmentName"], "Facilities");
    assert_eq!(added["useCase"]["status"], "idea");

    let csv = dir.path().join("workshop.csv");
    std::fs::write(
        &csv,
        "Process,Department,Requests per month,Minutes per request,Effort\nBadge requests,Facilities,30,12,S\nBroken row,Facilities,many,12,S\n",
    )
    .unwrap();
    let out = pilot(&["backlog", "import", ws, csv.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let imported = json(&out);
    assert_eq!(imported["created"].as_array().unwrap().len(), 1);
    assert_eq!(imported["notes"][0]["line"], 3);
    assert_eq!(imported["notes"][0]["skipped"], true);

    let out = pilot(&["backlog", "list", ws, "--json"]);
    assert!(out.status.success());
    let list = json(&out);
    let use_cases = list["useCases"].as_array().unwrap();
    // Parking permits: 40 × 5 min saved at 45/h = 150 a month for 1 day.
    assert_eq!(use_cases[0]["process"], "Parking permits");
    let scores: Vec<f64> = use_cases
        .iter()
        .filter(|u| u["status"] != "retired")
        .map(|u| u["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn a_refused_use_case_prints_the_error_as_json_and_exits_1() {
    let dir = tempfile::TempDir::new().unwrap();
    let ws = dir.path().join("Empty.pilot");
    pilot_core::Workspace::create(&ws).unwrap();
    let out = pilot(&[
        "backlog",
        "add",
        ws.to_str().unwrap(),
        "--process",
        "Letters",
        "--quarter",
        "Q3",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["error"]["kind"], "invalid");
    assert!(v["error"]["message"].as_str().unwrap().contains("2027-Q1"));
}

#[test]
fn a_demo_is_not_written_over_an_existing_file() {
    let dir = tempfile::TempDir::new().unwrap();
    let ws = dir.path().join("Mine.pilot");
    std::fs::write(&ws, "keep").unwrap();
    let out = pilot(&["demo", ws.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&ws).unwrap(), "keep");
}
