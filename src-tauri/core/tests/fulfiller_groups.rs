//! The assignment groups a fulfiller works in: given in the pilot editor
//! from the groups of the pilot's items, stored with the participant,
//! refused when no item of the pilot is assigned to them, and empty (every
//! group) for the fulfillers of pilots made before groups could be given.

mod pilot_support;

use chrono::Utc;
use pilot_core::pilots::{self, ParticipantRole, PilotInput};
use pilot_core::storage::{migrations, APPLICATION_ID};
use pilot_core::{Error, Workspace};
use rusqlite::Connection;
use tempfile::TempDir;

/// The planned HR pilot with a second item, "Salary statement", worked by
/// Payroll (the certificate is worked by HR Services).
fn two_groups() -> pilot_support::Pilot {
    let mut p = pilot_support::planned(Vec::new());
    pilot_support::add_salary_statement(&mut p, "Payroll");
    p
}

/// Gives every participation of `person` in the input `groups`.
fn give(input: &mut PilotInput, person: i64, groups: &[&str]) {
    for x in input
        .participants
        .iter_mut()
        .filter(|x| x.person_id == person)
    {
        x.groups = groups.iter().map(|g| (*g).to_owned()).collect();
    }
}

fn groups_of(ws: &Workspace, pilot: i64, person: i64) -> Vec<String> {
    pilots::get(ws, pilot)
        .unwrap()
        .participants
        .into_iter()
        .find(|x| x.person_id == person && x.role == ParticipantRole::Fulfiller)
        .unwrap()
        .groups
}

#[test]
fn a_fulfillers_groups_are_stored_and_read_back_trimmed_and_in_order() {
    let mut p = two_groups();
    let mut input = pilots::get(&p.ws, p.pilot).unwrap().input();
    give(&mut input, p.fay, &[" Payroll ", "HR Services", "Payroll"]);
    pilots::update(&mut p.ws, p.pilot, input, Utc::now()).unwrap();

    assert_eq!(groups_of(&p.ws, p.pilot, p.fay), ["HR Services", "Payroll"]);
    assert_eq!(
        pilots::groups::of_fulfiller(&p.ws, p.pilot, p.fay).unwrap(),
        ["HR Services", "Payroll"]
    );
    let again = pilots::get(&p.ws, p.pilot).unwrap().input();
    let fay = again.participants.iter().find(|x| x.person_id == p.fay);
    assert_eq!(fay.unwrap().groups, ["HR Services", "Payroll"]);
}

#[test]
fn a_group_no_item_of_the_pilot_is_assigned_to_is_refused_by_name_and_nothing_is_saved() {
    let mut p = two_groups();
    let before = pilots::get(&p.ws, p.pilot).unwrap();
    let mut input = before.input();
    input.name = "Renamed".into();
    give(&mut input, p.fay, &["Payroll", "Facilities desk"]);

    let refused = pilots::update(&mut p.ws, p.pilot, input, Utc::now()).unwrap_err();

    let Error::Invalid { message, .. } = &refused else {
        panic!("expected a refusal, got {refused:?}");
    };
    assert!(message.contains("Facilities desk"), "{message}");
    assert!(
        message.contains("HR Services") && message.contains("Payroll"),
        "{message}"
    );
    assert_eq!(pilots::get(&p.ws, p.pilot).unwrap(), before);
}

#[test]
fn groups_given_to_anyone_but_a_fulfiller_are_refused() {
    let mut p = two_groups();
    let mut input = pilots::get(&p.ws, p.pilot).unwrap().input();
    give(&mut input, p.ann, &["Payroll"]);
    assert!(pilots::update(&mut p.ws, p.pilot, input, Utc::now()).is_err());
}

#[test]
fn a_fulfiller_given_no_groups_works_every_group() {
    let p = two_groups();
    assert!(groups_of(&p.ws, p.pilot, p.fay).is_empty());
    assert!(pilots::groups::of_fulfiller(&p.ws, p.pilot, p.fay)
        .unwrap()
        .is_empty());
}

#[test]
fn the_migration_keeps_existing_participants_with_no_groups() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Old.pilot");
    let mut raw = Connection::open(&path).unwrap();
    raw.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    // Migration 20 stores the groups.
    migrations::migrate_to(&mut raw, 19).unwrap();
    raw.execute_batch(
        "INSERT INTO people (id, name, email, created_at, updated_at)
             VALUES (1, 'Ann', 'ann@example.org', 'then', 'then'),
                    (2, 'Fay', 'fay@example.org', 'then', 'then');
         INSERT INTO pilots (id, name, created_at, updated_at)
             VALUES (1, 'Old pilot', 'then', 'then');
         INSERT INTO pilot_participants (pilot_id, person_id, role)
             VALUES (1, 1, 'requester'), (1, 2, 'fulfiller');",
    )
    .unwrap();
    drop(raw);

    let mut ws = Workspace::open(&path).unwrap();
    let pilot = pilots::get(&ws, 1).unwrap();
    let kept: Vec<(i64, ParticipantRole, usize)> = pilot
        .participants
        .iter()
        .map(|x| (x.person_id, x.role, x.groups.len()))
        .collect();
    assert_eq!(
        kept,
        [
            (2, ParticipantRole::Fulfiller, 0),
            (1, ParticipantRole::Requester, 0)
        ]
    );
    // With no item assigned to a group, none can be given; a pilot of
    // items with groups is covered above. Saving unchanged still works.
    pilots::update(&mut ws, 1, pilot.input(), Utc::now()).unwrap();
    assert_eq!(pilots::get(&ws, 1).unwrap().participants.len(), 2);
}
