//! Intake from the forms people already use: a newer export of the source
//! a running pilot's item was made from adds only its new responses as
//! pilot requests, follows a SharePoint list's status changes, and leaves
//! alone, with its line and why, whatever it cannot take in. Files come
//! from `tests/fixtures/intake`.

use std::sync::atomic::AtomicBool;

use pilot_core::import::ImportOptions;
use pilot_core::requests::{self, IntakeSummary, ItemIntake, LeftAlone, QueueFilter, State};
use pilot_core::{catalog, flows, pilots};
use pilot_core::{Error, Workspace};
use rusqlite::Connection;
use tempfile::TempDir;

use pilot_fixtures::intake::{export as fixture, facilities};
use pilot_fixtures::utc;

/// A workspace whose running pilot has one item made from an export.
struct Fed {
    _dir: TempDir,
    ws: Workspace,
    item: i64,
    pilot: i64,
    fay: i64,
}

/// The Facilities pilot of the shared fixtures, fed by `earlier`: Ann and
/// Ben ask, Fay works requests; Zoe is in the directory but not the pilot.
fn fed_by(earlier: &str) -> Fed {
    let dir = TempDir::new().unwrap();
    let mut ws = Workspace::create(&dir.path().join("Intake.pilot")).unwrap();
    let f = facilities(&mut ws, earlier);
    Fed {
        _dir: dir,
        ws,
        item: f.item,
        pilot: f.pilot,
        fay: f.fay,
    }
}

impl Fed {
    fn take_in(&mut self, file: &str) -> Result<IntakeSummary, Error> {
        let cancel = AtomicBool::new(false);
        flows::take_in_responses(
            &mut self.ws,
            self.pilot,
            None,
            &fixture(file),
            &mut |_| {},
            &cancel,
        )
    }

    /// The pilot's requests, oldest first.
    fn requests(&self) -> Vec<requests::Request> {
        let filter = QueueFilter {
            pilot_id: Some(self.pilot),
            states: State::ALL.to_vec(),
            ..QueueFilter::default()
        };
        let now = utc("2026-03-20T12:00:00Z");
        let mut all: Vec<_> = requests::queue(&self.ws, &filter, now)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| requests::get(&self.ws, r.id, true, now).unwrap())
            .collect();
        all.sort_by(|a, b| a.opened_at.cmp(&b.opened_at));
        all
    }

    fn count(&self, sql: &str) -> i64 {
        let raw = Connection::open(self.ws.path()).unwrap();
        raw.query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

fn only(summary: &IntakeSummary) -> &ItemIntake {
    assert_eq!(summary.items.len(), 1, "{summary:?}");
    &summary.items[0]
}

fn zoe_left_alone() -> LeftAlone {
    LeftAlone {
        line: 9,
        reason: "“zoe@example.org” does not take part in “Facilities pilot” as a requester.".into(),
    }
}

#[test]
fn a_newer_export_adds_only_the_new_responses() {
    let mut f = fed_by("msforms-facilities-1.csv");

    let summary = f.take_in("msforms-facilities-2.csv").unwrap();

    let item = only(&summary);
    assert_eq!(
        (item.added, item.updated, item.unchanged, item.baseline),
        (3, 0, 0, 5)
    );
    let taken = f.requests();
    assert_eq!(taken.len(), 3);
    // 3/3/26 10:03:12 in Berlin (UTC+1 before the clocks change).
    assert_eq!(taken[0].opened_at, "2026-03-03T09:03:12Z");
    assert_eq!(taken[0].requester_name.as_deref(), Some("Ann Berg"));
    assert_eq!(taken[0].state, State::Submitted);
    assert!(taken[0]
        .answer_lines
        .iter()
        .any(|l| l.text == "Desk wobbles"));
    assert_eq!(taken[0].events[0].at, "2026-03-03T09:03:12Z");
    assert_eq!(taken[1].requester_name.as_deref(), Some("Ben Ohm"));
    assert_eq!(taken[2].opened_at, "2026-03-10T14:42:19Z");
    assert_eq!(
        f.count("SELECT count(*) FROM requests WHERE origin = 'pilot' AND source_row IS NOT NULL"),
        3
    );
}

#[test]
fn taking_in_the_same_export_twice_doubles_nothing() {
    let mut f = fed_by("msforms-facilities-1.csv");
    f.take_in("msforms-facilities-2.csv").unwrap();

    let again = f.take_in("msforms-facilities-2.csv").unwrap();

    let item = only(&again);
    assert_eq!(
        (item.added, item.updated, item.unchanged, item.baseline),
        (0, 0, 3, 5)
    );
    assert_eq!(item.left_alone, vec![zoe_left_alone()]);
    assert_eq!(f.requests().len(), 3);
    assert_eq!(
        requests::baseline_summary(&f.ws, f.item).unwrap().created,
        5
    );
    assert_eq!(f.count("SELECT count(*) FROM imports"), 1);
}

#[test]
fn a_response_from_someone_outside_the_pilot_is_left_alone_with_its_line() {
    let mut f = fed_by("msforms-facilities-1.csv");

    let summary = f.take_in("msforms-facilities-2.csv").unwrap();

    assert_eq!(only(&summary).left_alone, vec![zoe_left_alone()]);
    assert!(f
        .requests()
        .iter()
        .all(|r| r.requester_name.as_deref() != Some("Zoe Park")));
}

#[test]
fn the_baseline_stops_at_the_pilots_start() {
    let mut f = fed_by("msforms-facilities-1.csv");

    f.take_in("msforms-facilities-2.csv").unwrap();

    let baseline = requests::baseline_summary(&f.ws, f.item).unwrap();
    assert_eq!(baseline.created, 5);
    assert_eq!(baseline.last_opened.as_deref(), Some("2026-02-26T16:22:30"));
    // An ordinary update of the newer export (the import wizard's) keeps
    // the pilot's period out of the baseline too.
    let cancel = AtomicBool::new(false);
    let options = ImportOptions {
        replace_existing: true,
        ..ImportOptions::default()
    };
    flows::import_file(
        &mut f.ws,
        &fixture("msforms-facilities-2.csv"),
        &options,
        &mut |_| {},
        &cancel,
    )
    .unwrap();
    assert_eq!(
        requests::baseline_summary(&f.ws, f.item).unwrap().created,
        5
    );
}

#[test]
fn a_status_change_in_a_sharepoint_list_becomes_a_resolve_at_its_modified_time() {
    let mut f = fed_by("sharepoint-equipment-1.csv");
    let first = f.take_in("sharepoint-equipment-2.csv").unwrap();
    assert_eq!((only(&first).added, only(&first).baseline), (2, 4));

    let second = f.take_in("sharepoint-equipment-3.csv").unwrap();

    let item = only(&second);
    assert_eq!(
        (item.added, item.updated, item.events, item.unchanged),
        (0, 1, 2, 1)
    );
    assert!(item.left_alone.is_empty(), "{:?}", item.left_alone);
    let taken = f.requests();
    let ann = &taken[0];
    assert_eq!(ann.state, State::Resolved);
    // Modified 3/5/2026 2:30 PM in Berlin, by Fay.
    assert_eq!(ann.resolved_at.as_deref(), Some("2026-03-05T13:30:00Z"));
    let kinds: Vec<&str> = ann.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["submitted", "started", "resolved"]);
    assert_eq!(ann.events[2].actor_id, Some(f.fay));
    assert!(ann.events[2]
        .detail
        .contains("Status “Completed” in the export"));
    assert_eq!(taken[1].state, State::Submitted);
    assert_eq!(taken[1].events.len(), 1);

    // The same export again changes nothing.
    let again = f.take_in("sharepoint-equipment-3.csv").unwrap();
    assert_eq!((only(&again).updated, only(&again).unchanged), (0, 2));
    assert_eq!(f.requests()[0].events.len(), 3);
}

#[test]
fn a_refused_import_takes_nothing_in() {
    let mut f = fed_by("msforms-facilities-1.csv");
    let err = f.take_in("sharepoint-equipment-2.csv").unwrap_err();

    assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("does not look like a newer export"),
        "{err}"
    );
    assert_eq!(f.requests().len(), 0);
    assert_eq!(f.count("SELECT count(*) FROM imports"), 1);
    assert_eq!(
        requests::baseline_summary(&f.ws, f.item).unwrap().created,
        5
    );
    assert_eq!(
        catalog::get(&f.ws, f.item).unwrap().source_import_id,
        Some(f.count("SELECT id FROM imports"))
    );

    // A cancelled intake leaves nothing behind either.
    let cancel = AtomicBool::new(true);
    let err = flows::take_in_responses(
        &mut f.ws,
        f.pilot,
        None,
        &fixture("msforms-facilities-2.csv"),
        &mut |_| {},
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err:?}");
    assert_eq!(f.requests().len(), 0);
    assert_eq!(f.count("SELECT count(*) FROM imports"), 1);
}

#[test]
fn a_pilot_that_does_not_run_takes_nothing_in() {
    let mut f = fed_by("msforms-facilities-1.csv");
    pilots::end(&mut f.ws, f.pilot, "Done.", utc("2026-03-02T09:00:00Z")).unwrap();

    let err = f.take_in("msforms-facilities-2.csv").unwrap_err();

    assert!(err.to_string().contains("only while it runs"), "{err}");
    assert_eq!(f.count("SELECT count(*) FROM imports"), 1);
}

#[test]
fn a_response_deleted_from_a_newer_export_cancels_its_open_request_saying_why() {
    let mut f = fed_by("msforms-facilities-1.csv");
    f.take_in("msforms-facilities-2.csv").unwrap();
    let leak = f.requests()[1].id;

    // The third export no longer has Ben's leak under the sink.
    let summary = f.take_in("msforms-facilities-3.csv").unwrap();

    let item = only(&summary);
    assert_eq!((item.added, item.unchanged), (0, 2));
    assert_eq!(item.no_longer_in_export.len(), 1, "{item:?}");
    let gone = &item.no_longer_in_export[0];
    assert_eq!(gone.request_id, leak);
    assert_eq!(gone.requester_name.as_deref(), Some("Ben Ohm"));
    assert_eq!(gone.opened_at, "2026-03-04T12:16:40Z");
    assert!(gone.cancelled);
    assert!(
        gone.note.contains("no longer in msforms-facilities-3.csv"),
        "{}",
        gone.note
    );
    let taken = f.requests();
    assert_eq!(taken[1].state, State::Cancelled);
    let last = taken[1].events.last().unwrap();
    assert_eq!(last.kind, "cancelled");
    assert!(
        last.detail.contains("deleted from the source"),
        "{}",
        last.detail
    );
    assert_eq!(taken[0].state, State::Submitted);
    assert_eq!(taken[2].state, State::Submitted);

    // Once cancelled it is not reported again.
    let again = f.take_in("msforms-facilities-3.csv").unwrap();
    assert!(only(&again).no_longer_in_export.is_empty());
    assert_eq!(f.requests()[1].events.len(), taken[1].events.len());
}

#[test]
fn a_missing_response_is_only_reported_when_rows_of_the_newer_export_cannot_be_read() {
    let mut f = fed_by("msforms-facilities-1.csv");
    f.take_in("msforms-facilities-2.csv").unwrap();

    // The fourth export lacks the leak too, but one of its rows has no
    // time: that row could be the leak's response.
    let summary = f.take_in("msforms-facilities-4.csv").unwrap();

    let item = only(&summary);
    assert_eq!(item.no_longer_in_export.len(), 1, "{item:?}");
    let gone = &item.no_longer_in_export[0];
    assert!(!gone.cancelled);
    assert!(gone.note.contains("left open"), "{}", gone.note);
    assert!(item.left_alone.iter().any(|l| l.reason.contains("no date")));
    assert!(f.requests().iter().all(|r| r.state == State::Submitted));
}
