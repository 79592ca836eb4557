//! The link between a pilot and the backlog's use case it runs: stored with
//! the pilot, shown by the backlog and the roadmap, told by the story, and
//! filled in by the migration where the old guess was certain.

use chrono::{NaiveDate, Utc};
use pilot_core::backlog::{self, UseCaseInput};
use pilot_core::directory::BusinessHours;
use pilot_core::pilots::{self, PilotInput};
use pilot_core::storage::{self, migrations, APPLICATION_ID};
use pilot_core::{demo, roadmap, story, Error, Workspace};
use rusqlite::Connection;
use tempfile::TempDir;

fn workspace() -> (TempDir, Workspace) {
    let dir = TempDir::new().unwrap();
    let ws = Workspace::create(&dir.path().join("Link.pilot")).unwrap();
    (dir, ws)
}

fn department(ws: &mut Workspace, name: &str) -> i64 {
    pilot_fixtures::department(ws, name, BusinessHours::office("UTC"))
}

fn use_case(ws: &mut Workspace, department: i64, process: &str, pain: &str) -> i64 {
    let mut input = UseCaseInput::idea(process, 20.0, 30.0, 5.0, "Ana");
    input.department_id = Some(department);
    input.pain = pain.into();
    backlog::create(ws, input).unwrap().id
}

fn pilot(ws: &mut Workspace, name: &str, department: i64, use_case: Option<i64>) -> i64 {
    let mut input = PilotInput::named(name);
    input.department_id = Some(department);
    input.use_case_id = use_case;
    pilots::create(ws, input, Utc::now()).unwrap().id
}

#[test]
fn a_pilot_keeps_the_use_case_it_runs_and_the_use_case_names_the_pilot() {
    let (_dir, mut ws) = workspace();
    let hr = department(&mut ws, "Human Resources");
    let letters = use_case(&mut ws, hr, "Employment letters", "Typed from scratch.");
    let id = pilot(&mut ws, "Letters pilot", hr, Some(letters));

    let stored = pilots::get(&ws, id).unwrap();
    assert_eq!(stored.use_case_id, Some(letters));
    assert_eq!(
        stored.use_case_process.as_deref(),
        Some("Employment letters")
    );
    let named = backlog::get(&ws, letters).unwrap().pilots;
    assert_eq!(named.len(), 1);
    assert_eq!((named[0].id, named[0].name.as_str()), (id, "Letters pilot"));
    assert_eq!(named[0].state, "planned");
}

#[test]
fn a_use_case_of_another_department_is_refused_naming_it_and_nothing_is_saved() {
    let (_dir, mut ws) = workspace();
    let hr = department(&mut ws, "Human Resources");
    let finance = department(&mut ws, "Finance");
    let claims = use_case(&mut ws, finance, "Expense claims", "");
    let id = pilot(&mut ws, "Letters pilot", hr, None);

    let mut input = pilots::get(&ws, id).unwrap().input();
    input.use_case_id = Some(claims);
    let err = pilots::update(&mut ws, id, input, Utc::now()).unwrap_err();
    let Error::Invalid { field, message } = &err else {
        panic!("expected a refusal, got {err:?}");
    };
    assert_eq!(field, "useCaseId");
    assert!(
        message.contains("Expense claims") && message.contains("Finance"),
        "{message}"
    );
    assert_eq!(pilots::get(&ws, id).unwrap().use_case_id, None);
    assert!(backlog::get(&ws, claims).unwrap().pilots.is_empty());
}

#[test]
fn deleting_a_use_case_leaves_its_pilot_unlinked_but_kept() {
    let (_dir, mut ws) = workspace();
    let hr = department(&mut ws, "Human Resources");
    let letters = use_case(&mut ws, hr, "Employment letters", "");
    let id = pilot(&mut ws, "Letters pilot", hr, Some(letters));

    backlog::delete(&mut ws, letters).unwrap();

    let kept = pilots::get(&ws, id).unwrap();
    assert_eq!(kept.use_case_id, None);
    assert_eq!(kept.use_case_process, None);
}

#[test]
fn the_roadmap_card_of_a_use_case_lists_the_pilots_linked_to_it() {
    let dir = TempDir::new().unwrap();
    let ws = demo::create_on(
        &dir.path().join("Demo.pilot"),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    )
    .unwrap();
    let timeline = roadmap::timeline(&ws, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()).unwrap();
    let card = timeline
        .lanes
        .iter()
        .flat_map(|l| &l.cards)
        .find(|c| c.process == "Work orders")
        .unwrap();
    let names: Vec<&str> = card.pilots.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Work orders pilot: warehouses",
            "Work orders pilot: all buildings"
        ]
    );
    let idea = timeline
        .lanes
        .iter()
        .flat_map(|l| &l.cards)
        .find(|c| c.process == "Desk and office moves")
        .unwrap();
    assert!(
        idea.pilots.is_empty(),
        "an idea nobody pilots names no pilot"
    );
}

#[test]
fn the_storys_challenge_comes_from_the_linked_use_case_and_follows_a_new_link() {
    let dir = TempDir::new().unwrap();
    let mut ws = demo::create_on(
        &dir.path().join("Demo.pilot"),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    )
    .unwrap();
    let running = pilots::list(&ws)
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Work orders pilot: all buildings")
        .unwrap()
        .id;
    let told = story::story(&ws, running).unwrap();
    assert_eq!(told.use_case.as_deref(), Some("Work orders"));
    assert!(told
        .challenge
        .text
        .starts_with("A Microsoft Form nobody owns"));

    let moves = backlog::list(&ws)
        .unwrap()
        .into_iter()
        .find(|u| u.process == "Desk and office moves")
        .unwrap();
    let mut input = pilots::get(&ws, running).unwrap().input();
    input.use_case_id = Some(moves.id);
    pilots::update(&mut ws, running, input, Utc::now()).unwrap();

    let told = story::story(&ws, running).unwrap();
    assert_eq!(told.use_case.as_deref(), Some("Desk and office moves"));
    assert!(told.challenge.text.starts_with(moves.pain.as_str()));

    let mut input = pilots::get(&ws, running).unwrap().input();
    input.use_case_id = None;
    pilots::update(&mut ws, running, input, Utc::now()).unwrap();
    let told = story::story(&ws, running).unwrap();
    assert_eq!(
        told.use_case, None,
        "an unlinked pilot tells no use case's story"
    );
    assert!(told.challenge.text.contains("without") || told.challenge.text.contains("e-mail"));
}

/// A workspace file one migration short of the link, holding HR with one
/// piloting use case and Finance with two, each department with a pilot.
fn workspace_before_the_link(dir: &TempDir) -> std::path::PathBuf {
    let path = dir.path().join("Old.pilot");
    let mut raw = Connection::open(&path).unwrap();
    raw.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    // Migration 16 stores the link.
    migrations::migrate_to(&mut raw, 15).unwrap();
    raw.execute_batch(
        "INSERT INTO departments (id, name, time_zone, working_days, day_start, day_end, created_at, updated_at)
             VALUES (1, 'Human Resources', 'UTC', 31, '09:00', '17:00', 'then', 'then'),
                    (2, 'Finance', 'UTC', 31, '09:00', '17:00', 'then', 'then');
         INSERT INTO use_cases (id, department_id, process, channel, minutes_per_request, effort_days, status, assumptions, created_at, updated_at)
             VALUES (1, 1, 'Onboarding', 'email', 30, 5, 'piloting', '{}', 'then', 'then'),
                    (2, 1, 'Letters', 'email', 30, 5, 'idea', '{}', 'then', 'then'),
                    (3, 2, 'Expense claims', 'paper', 30, 5, 'piloting', '{}', 'then', 'then'),
                    (4, 2, 'Purchase orders', 'paper', 30, 5, 'live', '{}', 'then', 'then');
         INSERT INTO pilots (id, name, department_id, created_at, updated_at)
             VALUES (1, 'Onboarding pilot', 1, 'then', 'then'),
                    (2, 'Finance pilot', 2, 'then', 'then'),
                    (3, 'Pilot of no department', NULL, 'then', 'then');",
    )
    .unwrap();
    path
}

#[test]
fn the_migration_links_a_pilot_to_its_departments_only_piloting_use_case_and_leaves_doubt_unlinked()
{
    let dir = TempDir::new().unwrap();
    let path = workspace_before_the_link(&dir);

    let mut conn = storage::open(&path).unwrap();
    migrations::migrate(&mut conn).unwrap();
    let links: Vec<(i64, Option<i64>)> = conn
        .prepare("SELECT id, use_case_id FROM pilots ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        links,
        [(1, Some(1)), (2, None), (3, None)],
        "HR's one piloting use case is linked; Finance has two in play, so the analyst picks"
    );
}
