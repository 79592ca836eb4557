//! `pilot report` prints and writes the same numbers as the Reports screen:
//! the screen's command returns `metrics::report` for its query, and the
//! command line's JSON is that very report.

use std::path::Path;

use pilot_core::metrics::{self, Origin, ReportQuery, Scope};
use pilot_core::Workspace;
use serde_json::Value;

mod cli_support;
use cli_support::{pilot, succeeds};

/// A workspace holding the SharePoint onboarding list as item "Onboarding".
fn workspace(dir: &Path) -> (std::path::PathBuf, i64) {
    let path = dir.join("Report.pilot");
    let mut ws = Workspace::create(&path).unwrap();
    let onboarding = pilot_fixtures::csv("sharepoint-hr-onboarding.csv");
    let item = pilot_fixtures::item_from(&mut ws, &onboarding, "Onboarding", None);
    (path, item.id)
}

#[test]
fn report_json_is_the_report_the_screen_shows() {
    let dir = tempfile::tempdir().unwrap();
    let (path, item) = workspace(dir.path());
    let out = pilot(&[
        "report",
        path.to_str().unwrap(),
        "--item",
        "onboarding",
        "--origin",
        "baseline",
        "--from",
        "2025-10-01",
        "--to",
        "2026-03-31",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();

    let ws = Workspace::open(&path).unwrap();
    let screen = metrics::report(
        &ws,
        &ReportQuery {
            scope: Scope::Item { id: item },
            origin: Some(Origin::Baseline),
            from: Some("2025-10-01".into()),
            to: Some("2026-03-31".into()),
        },
    )
    .unwrap();
    assert_eq!(printed, serde_json::to_value(&screen).unwrap());
    assert!(printed["opened"].as_u64().unwrap() > 0);
}

#[test]
fn report_writes_html_and_xlsx_and_names_an_unknown_item() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = workspace(dir.path());
    let html = dir.path().join("r.html");
    let xlsx = dir.path().join("r.xlsx");
    let pdf = dir.path().join("r.pdf");
    let text = succeeds(&[
        "report",
        path.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        text.contains("Requests opened") && text.contains("240"),
        "{text}"
    );
    assert!(std::fs::read_to_string(&html).unwrap().contains("<svg"));
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");
    assert_eq!(&std::fs::read(&pdf).unwrap()[..5], b"%PDF-");

    let out = pilot(&[
        "report",
        path.to_str().unwrap(),
        "--item",
        "Payroll",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stdout).unwrap();
    let message = err["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("Payroll") && message.contains("Onboarding"),
        "{message}"
    );
}
