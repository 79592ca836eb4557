//! `pilot intake` as a script runs it: a newer Microsoft Forms export of
//! the source that feeds a running pilot adds its new responses once, and
//! says which rows it left alone and why.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use pilot_core::catalog::{self, RequestType, Suggestion};
use pilot_core::directory::{self, BusinessHours, DepartmentInput, PersonInput};
use pilot_core::flows;
use pilot_core::import::ImportOptions;
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole, PilotInput};
use pilot_core::Workspace;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/intake")
        .join(name)
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn pilot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pilot"))
        .args(args)
        .output()
        .unwrap()
}

/// A workspace whose running "Facilities pilot" has the item made from
/// the first Microsoft Forms export; Ann asks, Fay works, Hugo heads it.
fn fed_workspace(path: &Path) {
    let mut ws = Workspace::create(path).unwrap();
    let dept = directory::create_department(
        &mut ws,
        DepartmentInput {
            name: "Facilities".into(),
            is_requester: true,
            is_provider: true,
            head_id: None,
            hours: BusinessHours::office("Europe/Berlin"),
        },
    )
    .unwrap()
    .id;
    let mut person = |name: &str, email: &str| {
        directory::create_person(
            &mut ws,
            PersonInput {
                name: name.into(),
                email: email.into(),
                department_id: None,
                manager_id: None,
                roles: Vec::new(),
            },
        )
        .unwrap()
        .id
    };
    let ann = person("Ann Berg", "ann@example.org");
    let fay = person("Fay Dorn", "fay@example.org");
    let hugo = person("Hugo Lind", "hugo@example.org");
    let import_id = flows::import_file(
        &mut ws,
        &fixture("msforms-facilities-1.csv"),
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap()
    .import_id;
    let item = flows::create_from_import(
        &mut ws,
        import_id,
        &Suggestion {
            name: "Work order".into(),
            department_id: Some(dept),
            request_type: RequestType::Service,
        },
    )
    .unwrap();
    let mut input = item.input();
    input.department_id = Some(dept);
    input.category = "Buildings".into();
    input.short_description = "Report something broken.".into();
    catalog::update(&mut ws, item.id, input).unwrap();
    catalog::publish(&mut ws, item.id).unwrap();
    let mut p = PilotInput::named("Facilities pilot");
    p.department_id = Some(dept);
    p.sponsor_id = Some(hugo);
    p.item_ids = vec![item.id];
    let role = |person_id, role| ParticipantInput { person_id, role };
    p.participants = vec![
        role(ann, ParticipantRole::Requester),
        role(fay, ParticipantRole::Fulfiller),
        role(hugo, ParticipantRole::DepartmentHead),
    ];
    let id = pilots::create(&mut ws, p, utc("2026-03-01T08:00:00Z"))
        .unwrap()
        .id;
    pilots::start(&mut ws, id, utc("2026-03-02T08:00:00Z")).unwrap();
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
    // Ann's two new responses; Ben and Zoe are not requesters of the pilot.
    assert_eq!(item["added"], 2);
    assert_eq!(item["baseline"], 5);
    let lines: Vec<i64> = item["leftAlone"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, [8, 9]);

    let out = pilot(&["intake", ws, "--pilot", "1", newer]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Work order: 0 added, 0 updated (0 events), 2 unchanged, 2 left alone"),
        "{text}"
    );
    assert!(
        text.contains("line 9: “zoe@example.org” is not in the directory."),
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
