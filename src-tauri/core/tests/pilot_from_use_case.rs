//! A pilot set up from a backlog use case, on a real workspace file: it is
//! planned, linked to the use case and filled in from what the use case
//! says; the backlog then names it.

use chrono::Utc;
use pilot_core::backlog::{self, UseCaseInput};
use pilot_core::directory::BusinessHours;
use pilot_core::pilots::PilotState;
use pilot_core::{flows, Error, Workspace};
use tempfile::TempDir;

#[test]
fn a_pilot_from_a_use_case_is_planned_linked_and_filled_in_from_it() {
    let dir = TempDir::new().unwrap();
    let mut ws = Workspace::create(&dir.path().join("Backlog.pilot")).unwrap();
    let legal = pilot_fixtures::department(&mut ws, "Legal", BusinessHours::office("UTC"));
    let lea = pilot_fixtures::person(&mut ws, "Lea Berg", None);
    let mut input = UseCaseInput::idea("NDA requests", 42.4, 30.0, 5.0, "Ana");
    input.department_id = Some(legal);
    input.sponsor_id = Some(lea);
    input.quarter = Some("2027-Q2".into());
    let uc = backlog::create(&mut ws, input).unwrap();

    let pilot = flows::pilot_from_use_case(&mut ws, uc.id, Utc::now()).unwrap();
    assert_eq!(pilot.name, "NDA requests pilot");
    assert_eq!(pilot.state, PilotState::Planned);
    assert_eq!(pilot.department_id, Some(legal));
    assert_eq!(pilot.sponsor_id, Some(lea));
    assert_eq!(pilot.use_case_id, Some(uc.id));
    assert_eq!(pilot.planned_start.as_deref(), Some("2027-04-01"));
    assert_eq!(pilot.planned_end.as_deref(), Some("2027-06-30"));
    assert_eq!(pilot.goals.monthly_volume, Some(42));

    let named = backlog::get(&ws, uc.id).unwrap().pilots;
    assert_eq!(named.len(), 1);
    assert_eq!(named[0].name, "NDA requests pilot");
}

#[test]
fn a_use_case_that_does_not_exist_sets_up_nothing() {
    let dir = TempDir::new().unwrap();
    let mut ws = Workspace::create(&dir.path().join("Backlog.pilot")).unwrap();
    let refused = flows::pilot_from_use_case(&mut ws, 404, Utc::now());
    assert!(
        matches!(refused, Err(Error::NotFound { .. })),
        "{refused:?}"
    );
    assert!(pilot_core::pilots::list(&ws).unwrap().is_empty());
}
