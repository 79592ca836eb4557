//! The use-case backlog: what a use case holds, how it is ranked, its
//! lifecycle, the roadmap's quarters, a workshop spreadsheet imported
//! through the importer, and the programme view.

use std::sync::atomic::AtomicBool;

use pilot_core::backlog::{self, Channel, Status, UseCaseInput};
use pilot_core::directory::{self, BusinessHours, PersonInput};
use pilot_core::import::ImportOptions;
use pilot_core::{Error, Workspace};
use tempfile::TempDir;

fn workspace() -> (TempDir, Workspace) {
    let dir = TempDir::new().unwrap();
    let ws = Workspace::create(&dir.path().join("Backlog.pilot")).unwrap();
    (dir, ws)
}

fn department(ws: &mut Workspace, name: &str) -> i64 {
    pilot_fixtures::department(ws, name, BusinessHours::office("UTC"))
}

fn idea(process: &str, volume: f64, minutes: f64, effort: f64) -> UseCaseInput {
    UseCaseInput::idea(process, volume, minutes, effort, "Ana")
}

#[test]
fn a_use_case_is_stored_with_its_value_from_the_value_model() {
    let (_dir, mut ws) = workspace();
    let hr = department(&mut ws, "Human Resources");
    let mut input = idea("Leave requests", 120.0, 20.0, 5.0);
    input.department_id = Some(hr);
    input.channel = Channel::Email;
    input.pain = "  Lost e-mails  ".into();
    let uc = backlog::create(&mut ws, input).unwrap();
    assert_eq!(uc.department_name.as_deref(), Some("Human Resources"));
    assert_eq!(uc.pain, "Lost e-mails");
    assert_eq!(uc.status, Status::Idea);
    // 120 requests × 10 minutes saved = 20 hours a month at 45 an hour.
    assert!((uc.value.hours_per_month - 20.0).abs() < 1e-9);
    assert!((uc.value.money_per_year - 20.0 * 45.0 * 12.0).abs() < 1e-6);
    assert!((uc.score - uc.value.money_per_year / 5.0).abs() < 1e-6);
    assert_eq!(uc.assumptions.monthly_volume.set_by, "Ana");
    let again = backlog::get(&ws, uc.id).unwrap();
    assert_eq!(again, uc);
}

#[test]
fn the_backlog_ranks_by_value_per_day_of_effort_with_retired_use_cases_last() {
    let (_dir, mut ws) = workspace();
    let big_slow = backlog::create(&mut ws, idea("Big but slow", 400.0, 30.0, 100.0)).unwrap();
    let quick_win = backlog::create(&mut ws, idea("Quick win", 100.0, 20.0, 2.0)).unwrap();
    let retired = backlog::create(&mut ws, idea("Old one", 1000.0, 60.0, 1.0)).unwrap();
    backlog::set_status(&mut ws, retired.id, Status::Retired).unwrap();
    let order: Vec<i64> = backlog::list(&ws).unwrap().iter().map(|u| u.id).collect();
    assert_eq!(order, [quick_win.id, big_slow.id, retired.id]);
}

#[test]
fn a_use_case_moves_one_lifecycle_step_at_a_time_and_a_skip_is_refused_saying_what_is_allowed() {
    let (_dir, mut ws) = workspace();
    let uc = backlog::create(&mut ws, idea("Expense claims", 100.0, 15.0, 10.0)).unwrap();
    let err = backlog::set_status(&mut ws, uc.id, Status::Live).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }));
    assert!(
        err.to_string()
            .contains("from idea it can become candidate or retired"),
        "{err}"
    );
    for next in [
        Status::Candidate,
        Status::Piloting,
        Status::Live,
        Status::Retired,
        Status::Idea,
    ] {
        assert_eq!(
            backlog::set_status(&mut ws, uc.id, next).unwrap().status,
            next
        );
    }
    assert!(!Status::Live.can_become(Status::Piloting));
    assert!(Status::Piloting.can_become(Status::Candidate));
}

#[test]
fn a_use_case_is_placed_on_a_quarter_and_a_malformed_quarter_is_refused() {
    let (_dir, mut ws) = workspace();
    let uc = backlog::create(&mut ws, idea("NDA requests", 30.0, 40.0, 8.0)).unwrap();
    let moved = backlog::schedule(&mut ws, uc.id, Some("2027-q2".into())).unwrap();
    assert_eq!(moved.quarter.as_deref(), Some("2027-Q2"));
    let err = backlog::schedule(&mut ws, uc.id, Some("Q2 2027".into())).unwrap_err();
    assert!(err.to_string().contains("write it like 2027-Q1"), "{err}");
    assert_eq!(
        backlog::get(&ws, uc.id).unwrap().quarter.as_deref(),
        Some("2027-Q2")
    );
    let off = backlog::schedule(&mut ws, uc.id, None).unwrap();
    assert_eq!(off.quarter, None);
}

#[test]
fn bad_numbers_and_missing_process_are_refused_naming_the_field() {
    let (_dir, mut ws) = workspace();
    let err = backlog::create(&mut ws, idea("  ", 10.0, 10.0, 1.0)).unwrap_err();
    assert!(err.to_string().contains("process"), "{err}");
    let err = backlog::create(&mut ws, idea("Zero effort", 10.0, 10.0, 0.0)).unwrap_err();
    assert!(err.to_string().contains("effort"), "{err}");
    let mut input = idea("Negative cost", 10.0, 10.0, 1.0);
    input.assumptions.hourly_cost.value = -5.0;
    let err = backlog::create(&mut ws, input).unwrap_err();
    assert!(err.to_string().contains("Loaded hourly cost"), "{err}");
    assert!(backlog::list(&ws).unwrap().is_empty());
}

fn import_csv(ws: &mut Workspace, dir: &TempDir, name: &str, text: &str) -> i64 {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let never = AtomicBool::new(false);
    pilot_core::flows::import_file(ws, &path, &ImportOptions::default(), &mut |_| {}, &never)
        .unwrap()
        .import_id
}

/// Runs the workshop flow on a file of `text`, as the app's "Import
/// workshop CSV…" does.
fn import_workshop(
    ws: &mut Workspace,
    dir: &TempDir,
    name: &str,
    text: &str,
) -> pilot_core::Result<backlog::BacklogImport> {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let never = AtomicBool::new(false);
    let options = ImportOptions::default();
    pilot_core::flows::import_workshop(ws, &path, &options, "Ana", &mut |_| {}, &never)
}

#[test]
fn a_workshop_spreadsheet_becomes_use_cases_mapped_by_header_names_with_notes_per_row() {
    let (dir, mut ws) = workspace();
    let finance = department(&mut ws, "Finance");
    directory::create_person(
        &mut ws,
        PersonInput {
            name: "Marta Lindqvist".into(),
            email: "marta@example.org".into(),
            department_id: Some(finance),
            manager_id: None,
            roles: vec![],
        },
    )
    .unwrap();
    let csv = "Dept;Use case;Pain today;Current channel;Requests per month;Minutes per request;Effort (days);Sponsor;Status;Quarter\n\
               finance;Expense claims;Receipts lost;Paper form;180;18;M;marta@example.org;candidate;2027-Q1\n\
               Marketing;Event budgets;Spreadsheets everywhere;Excel;12;45;5;Nobody Known;maybe;soon\n\
               Finance;Invoice queries;Shared mailbox;E-mail;lots;15;10;;;\n\
               ;;;;;;;;;\n";
    let import_id = import_csv(&mut ws, &dir, "workshop.csv", csv);
    let result = backlog::import_use_cases(&mut ws, import_id, "Ana").unwrap();
    assert_eq!(result.created.len(), 2);
    let first = backlog::get(&ws, result.created[0]).unwrap();
    assert_eq!(first.process, "Expense claims");
    assert_eq!(first.department_id, Some(finance));
    assert_eq!(first.channel, Channel::Paper);
    assert_eq!(first.effort_days, 15.0);
    assert_eq!(first.sponsor_name.as_deref(), Some("Marta Lindqvist"));
    assert_eq!(first.status, Status::Candidate);
    assert_eq!(first.quarter.as_deref(), Some("2027-Q1"));
    assert_eq!(first.assumptions.monthly_volume.value, 180.0);
    assert!(first
        .assumptions
        .monthly_volume
        .source
        .contains("workshop.csv"));
    assert_eq!(first.source_import_id, Some(import_id));
    let second = backlog::get(&ws, result.created[1]).unwrap();
    assert_eq!(second.channel, Channel::Spreadsheet);
    assert_eq!(
        (
            second.department_id,
            second.sponsor_id,
            second.quarter.clone()
        ),
        (None, None, None)
    );
    let messages: Vec<(u64, bool, &str)> = result
        .notes
        .iter()
        .map(|n| (n.line, n.skipped, n.message.as_str()))
        .collect();
    assert!(messages
        .iter()
        .any(|(l, s, m)| *l == 3 && !s && m.contains("Marketing")));
    assert!(messages
        .iter()
        .any(|(l, s, m)| *l == 3 && !s && m.contains("Nobody Known")));
    assert!(messages
        .iter()
        .any(|(l, s, m)| *l == 3 && !s && m.contains("maybe")));
    assert!(messages
        .iter()
        .any(|(l, s, m)| *l == 4 && *s && m.contains("\"lots\"")));
    assert!(result
        .mapped
        .contains(&("monthlyVolume".into(), "Requests per month".into())));
}

#[test]
fn a_spreadsheet_without_a_process_column_is_refused_listing_its_columns() {
    let (dir, mut ws) = workspace();
    let import_id = import_csv(&mut ws, &dir, "notes.csv", "Who,What\nAna,Coffee\n");
    let err = backlog::import_use_cases(&mut ws, import_id, "Ana").unwrap_err();
    assert!(
        err.to_string().contains("no column for the process"),
        "{err}"
    );
    assert!(err.to_string().contains("Who, What"), "{err}");
    assert!(backlog::list(&ws).unwrap().is_empty());
}

#[test]
fn a_workshop_spreadsheet_the_backlog_refuses_leaves_no_import_behind() {
    let (dir, mut ws) = workspace();
    let err = import_workshop(&mut ws, &dir, "notes.csv", "Who,What\nAna,Coffee\n").unwrap_err();
    assert!(
        err.to_string().contains("no column for the process"),
        "{err}"
    );
    assert!(pilot_core::import::list(&ws).unwrap().is_empty());
    assert!(backlog::list(&ws).unwrap().is_empty());
}

#[test]
fn a_workshop_spreadsheet_and_its_use_cases_are_stored_together() {
    let (dir, mut ws) = workspace();
    let text = "Process,Requests per month,Minutes per request\nLetters,45,20\nBadges,10,5\n";
    let result = import_workshop(&mut ws, &dir, "workshop.csv", text).unwrap();
    assert_eq!(result.created.len(), 2);
    let imports = pilot_core::import::list(&ws).unwrap();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].id, result.import_id);
    assert_eq!(backlog::list(&ws).unwrap().len(), 2);
}

#[test]
fn the_programme_sums_each_department_and_names_what_is_next() {
    let (_dir, mut ws) = workspace();
    let hr = department(&mut ws, "Human Resources");
    department(&mut ws, "Legal");
    let mut later = idea("Letters", 45.0, 20.0, 5.0);
    later.department_id = Some(hr);
    later.quarter = Some("2027-Q3".into());
    let later = backlog::create(&mut ws, later).unwrap();
    let mut sooner = idea("Onboarding", 20.0, 90.0, 15.0);
    sooner.department_id = Some(hr);
    sooner.quarter = Some("2027-Q1".into());
    let sooner = backlog::create(&mut ws, sooner).unwrap();
    let homeless = backlog::create(&mut ws, idea("Parking permits", 10.0, 10.0, 2.0)).unwrap();
    let programme = backlog::programme(&ws).unwrap();
    let names: Vec<&str> = programme
        .departments
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(names, ["Human Resources", "Legal", "No department"]);
    let hr_line = &programme.departments[0];
    assert_eq!(hr_line.by_status, [2, 0, 0, 0, 0]);
    assert!(
        (hr_line.value_per_year - later.value.money_per_year - sooner.value.money_per_year).abs()
            < 1e-6
    );
    assert_eq!(hr_line.next.as_ref().unwrap().use_case_id, sooner.id);
    assert!(programme.departments[1].next.is_none());
    let total =
        later.value.money_per_year + sooner.value.money_per_year + homeless.value.money_per_year;
    assert!((programme.value_per_year - total).abs() < 1e-6);
    assert!(!programme.demo);
}
