//! An item made from a list or response import gets the file's rows as its
//! baseline: one request per row with an opened date, with its closed date,
//! requester, status and answers, all in the transaction that makes the
//! item. Files come from `tests/fixtures/csv`.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use pilot_core::catalog::{self, RequestType, Suggestion};
use pilot_core::flows;
use pilot_core::import::{self, DateOrder, ImportOptions};
use pilot_core::requests::{self, BaselineSummary};
use pilot_core::{Error, Workspace};
use rusqlite::Connection;
use tempfile::TempDir;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/csv/");

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

fn workspace() -> (TempDir, Workspace) {
    let dir = TempDir::new().unwrap();
    let ws = Workspace::create(&dir.path().join("Baseline.pilot")).unwrap();
    (dir, ws)
}

fn import(ws: &mut Workspace, path: &Path) -> i64 {
    let cancel = AtomicBool::new(false);
    flows::import_file(ws, path, &ImportOptions::default(), &mut |_| {}, &cancel)
        .unwrap()
        .import_id
}

fn suggestion(name: &str) -> Suggestion {
    Suggestion {
        name: name.into(),
        department_id: None,
        request_type: RequestType::Service,
    }
}

/// Counts rows of a table through a second connection to the file.
fn count(ws: &Workspace, table: &str) -> i64 {
    let raw = Connection::open(ws.path()).unwrap();
    raw.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn all_baseline(ws: &Workspace, item_id: i64) -> Vec<requests::BaselineRequest> {
    requests::list_baseline(ws, item_id, 0, u64::MAX).unwrap()
}

#[test]
fn every_sharepoint_row_becomes_a_baseline_request_with_its_dates_requester_and_status() {
    let (_dir, mut ws) = workspace();
    let import_id = import(&mut ws, &fixture("sharepoint-hr-onboarding.csv"));
    let item = flows::create_from_import(&mut ws, import_id, &suggestion("Onboarding")).unwrap();

    let summary = requests::baseline_summary(&ws, item.id).unwrap();
    assert_eq!(
        summary,
        BaselineSummary {
            created: 240,
            skipped_no_date: 0,
            first_opened: Some("2025-09-01T15:31:00".into()),
            last_opened: Some("2026-06-27T15:45:00".into()),
        }
    );
    let all = all_baseline(&ws, item.id);
    assert_eq!(all.len(), 240);
    assert!(all.windows(2).all(|w| w[0].opened_at <= w[1].opened_at));
    assert_eq!(
        all.last().unwrap().opened_at,
        *summary.last_opened.as_ref().unwrap()
    );
    assert_eq!(all.iter().filter(|r| r.closed_at.is_some()).count(), 141);

    // Row 1: Created 2/21/2026 5:14 PM by Renée Archie, Completed
    // 2/23/2026 6:14 PM, status Completed.
    let first = all.iter().find(|r| r.source_row == Some(1)).unwrap();
    assert_eq!(first.catalog_item_id, item.id);
    assert_eq!(first.source_import_id, Some(import_id));
    assert_eq!(first.opened_at, "2026-02-21T17:14:00");
    assert_eq!(first.closed_at.as_deref(), Some("2026-02-23T18:14:00"));
    assert_eq!(first.requester.as_deref(), Some("Renée Archie"));
    assert_eq!(first.status.as_deref(), Some("Completed"));

    // Answers are the form's fields by key; role and system columns are not
    // answers, and empty cells are left out.
    let keys: Vec<&str> = item.form.fields.iter().map(|f| f.key.as_str()).collect();
    assert!(first.answers.keys().all(|k| keys.contains(&k.as_str())));
    let name_key = &item
        .form
        .fields
        .iter()
        .find(|f| f.label == "Employee Name")
        .unwrap()
        .key;
    assert_eq!(first.answers[name_key.as_str()], "Lynne Vance");
    let notes_key = &item
        .form
        .fields
        .iter()
        .find(|f| f.label == "Notes")
        .unwrap()
        .key;
    let third = all.iter().find(|r| r.source_row == Some(3)).unwrap();
    assert!(!third.answers.contains_key(notes_key.as_str()));
    assert!(first
        .answers
        .values()
        .all(|v| !v.as_str().is_some_and(|s| s.contains("Renée Archie"))));
}

#[test]
fn a_baseline_lists_in_pages() {
    let (_dir, mut ws) = workspace();
    let import_id = import(&mut ws, &fixture("sharepoint-hr-onboarding.csv"));
    let item = flows::create_from_import(&mut ws, import_id, &suggestion("Onboarding")).unwrap();
    let all = all_baseline(&ws, item.id);
    let page = requests::list_baseline(&ws, item.id, 100, 50).unwrap();
    assert_eq!(page, all[100..150].to_vec());
    assert!(requests::list_baseline(&ws, item.id, 240, 10)
        .unwrap()
        .is_empty());
}

#[test]
fn finance_dates_are_read_in_the_columns_own_order() {
    let (_dir, mut ws) = workspace();
    let path = fixture("finance-ap-exceptions-with-title.csv");
    let inspection = import::inspect(&path, &ImportOptions::default()).unwrap();
    let raised = inspection
        .fields
        .iter()
        .find(|f| f.column == "Raised on")
        .unwrap();
    assert_eq!(raised.date_order, Some(DateOrder::Ymd));
    let import_id = import(&mut ws, &path);
    let item = flows::create_from_import(&mut ws, import_id, &suggestion("AP")).unwrap();

    let summary = requests::baseline_summary(&ws, item.id).unwrap();
    assert_eq!(summary.created, 90);
    assert_eq!(summary.first_opened.as_deref(), Some("2026-03-04T00:00:00"));
    assert_eq!(summary.last_opened.as_deref(), Some("2026-07-28T00:00:00"));
    let all = all_baseline(&ws, item.id);
    let first = all.iter().find(|r| r.source_row == Some(1)).unwrap();
    assert_eq!(first.opened_at, "2026-06-13T00:00:00");
    assert_eq!(first.closed_at.as_deref(), Some("2026-06-13T00:00:00"));
}

/// A log like the finance one, written with day-first or month-first dates.
fn write_log(dir: &Path, name: &str, dates: &[(&str, &str)]) -> PathBuf {
    let mut text = String::from("Ticket,Raised on,Vendor,Issue,Resolved on\n");
    for (i, (raised, resolved)) in dates.iter().enumerate() {
        text.push_str(&format!(
            "AP-{i},{raised},Contoso Ltd,Missing PO,{resolved}\n"
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn ambiguous_dates_follow_the_day_month_order_the_column_shows() {
    let (dir, mut ws) = workspace();
    // 25/04 can only be day-first, so 03/04 is the 3rd of April.
    let dmy = write_log(
        dir.path(),
        "ap-dmy.csv",
        &[("25/04/2026", "26/04/2026"), ("03/04/2026", ""), ("", "")],
    );
    // 4/25 can only be month-first, so 03/04 is the 4th of March.
    let mdy = write_log(
        dir.path(),
        "ap-mdy.csv",
        &[("4/25/2026", "4/26/2026"), ("03/04/2026", ""), ("", "")],
    );
    for (path, want) in [(dmy, "2026-04-03T00:00:00"), (mdy, "2026-03-04T00:00:00")] {
        let import_id = import(&mut ws, &path);
        let item = flows::create_from_import(&mut ws, import_id, &suggestion("AP")).unwrap();
        let all = all_baseline(&ws, item.id);
        assert_eq!(all.len(), 2, "{}", path.display());
        let second = all.iter().find(|r| r.source_row == Some(2)).unwrap();
        assert_eq!(second.opened_at, want);
        assert_eq!(second.closed_at, None);
        let first = all.iter().find(|r| r.source_row == Some(1)).unwrap();
        assert_eq!(first.closed_at.as_deref(), Some("2026-04-26T00:00:00"));
        // The row without a date is not a request.
        assert!(all.iter().all(|r| r.source_row != Some(3)));
    }
}

#[test]
fn a_paper_form_definition_gives_no_baseline() {
    let (_dir, mut ws) = workspace();
    let import_id = import(&mut ws, &fixture("paper-form-expense-claim.csv"));
    let item = flows::create_from_import(&mut ws, import_id, &suggestion("Expenses")).unwrap();
    assert_eq!(
        requests::baseline_summary(&ws, item.id).unwrap(),
        BaselineSummary::default()
    );
    assert_eq!(count(&ws, "requests"), 0);
}

#[test]
fn an_import_without_an_opened_column_gives_no_baseline() {
    let (_dir, mut ws) = workspace();
    let import_id = import(&mut ws, &fixture("excel-de-procurement-requests.csv"));
    let item = flows::create_from_import(&mut ws, import_id, &suggestion("Einkauf")).unwrap();
    assert_eq!(requests::baseline_summary(&ws, item.id).unwrap().created, 0);
}

#[test]
fn deleting_the_item_removes_its_baseline() {
    let (_dir, mut ws) = workspace();
    let import_id = import(&mut ws, &fixture("sharepoint-hr-onboarding.csv"));
    let item = flows::create_from_import(&mut ws, import_id, &suggestion("Onboarding")).unwrap();
    let other = flows::create_from_import(&mut ws, import_id, &suggestion("Again")).unwrap();
    assert_eq!(count(&ws, "requests"), 480);

    catalog::delete(&mut ws, item.id).unwrap();
    assert_eq!(count(&ws, "requests"), 240);
    assert_eq!(
        requests::baseline_summary(&ws, other.id).unwrap().created,
        240
    );
    assert!(matches!(
        requests::baseline_summary(&ws, item.id),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn a_missing_import_makes_no_item_and_no_requests() {
    let (_dir, mut ws) = workspace();
    let err = flows::create_from_import(&mut ws, 999, &suggestion("Ghost")).unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                what: "Import",
                id: 999
            }
        ),
        "{err:?}"
    );
    assert_eq!(count(&ws, "catalog_items"), 0);
    assert_eq!(count(&ws, "requests"), 0);
}

#[test]
fn rows_that_cannot_be_read_make_no_item_and_no_requests() {
    let (_dir, mut ws) = workspace();
    let import_id = import(&mut ws, &fixture("sharepoint-hr-onboarding.csv"));
    // Damage the stored rows: the item is inserted, then reading the rows
    // for its baseline fails, and the whole change is rolled back.
    let raw = Connection::open(ws.path()).unwrap();
    raw.execute(
        "UPDATE import_chunks SET text_lz4 = x'00' WHERE import_id = ?1",
        [import_id],
    )
    .unwrap();
    drop(raw);

    let err = flows::create_from_import(&mut ws, import_id, &suggestion("Onboarding")).unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err:?}");
    assert_eq!(count(&ws, "catalog_items"), 0);
    assert_eq!(count(&ws, "requests"), 0);
}

/// Imports `path` again as an update of the earlier import of the same
/// bytes, with `options`.
fn import_as_update(ws: &mut Workspace, path: &Path, mut options: ImportOptions) -> i64 {
    options.replace_existing = true;
    let cancel = AtomicBool::new(false);
    let summary = flows::import_file(ws, path, &options, &mut |_| {}, &cancel).unwrap();
    assert!(
        summary.replaced.is_some(),
        "the import replaced the earlier one"
    );
    summary.import_id
}

#[test]
fn an_update_of_the_import_moves_its_items_onto_the_new_import_and_rebuilds_their_baselines() {
    let (_dir, mut ws) = workspace();
    let path = fixture("sharepoint-hr-onboarding.csv");
    let first = import(&mut ws, &path);
    let item = flows::create_from_import(&mut ws, first, &suggestion("Onboarding")).unwrap();
    assert_eq!(
        requests::baseline_summary(&ws, item.id).unwrap().created,
        240
    );

    let second = import_as_update(&mut ws, &path, ImportOptions::default());

    assert_eq!(
        catalog::get(&ws, item.id).unwrap().source_import_id,
        Some(second)
    );
    let rebuilt = all_baseline(&ws, item.id);
    assert_eq!(
        rebuilt.len(),
        240,
        "the same rows make the same baseline, once"
    );
    assert!(rebuilt.iter().all(|r| r.source_import_id == Some(second)));
    assert_eq!(count(&ws, "requests"), 240);
}

#[test]
fn an_update_whose_columns_no_longer_say_when_requests_opened_leaves_the_item_without_baseline() {
    let (_dir, mut ws) = workspace();
    let path = fixture("sharepoint-hr-onboarding.csv");
    let first = import(&mut ws, &path);
    let item = flows::create_from_import(&mut ws, first, &suggestion("Onboarding")).unwrap();
    let mut columns = import::inspect(&path, &ImportOptions::default())
        .unwrap()
        .columns;
    let created = columns.iter_mut().find(|c| c.column == "Created").unwrap();
    created.role = import::ColumnRole::Ignore;

    let second = import_as_update(
        &mut ws,
        &path,
        ImportOptions {
            columns,
            ..ImportOptions::default()
        },
    );

    assert_eq!(
        catalog::get(&ws, item.id).unwrap().source_import_id,
        Some(second)
    );
    assert_eq!(requests::baseline_summary(&ws, item.id).unwrap().created, 0);
    assert_eq!(count(&ws, "requests"), 0);
}
