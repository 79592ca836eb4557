//! Pilot requests are measured from what their lifecycle recorded, with the
//! same definitions as the baseline: a hold waiting for the requester is
//! left out of the turnaround, the first response, the rating and the
//! reopening count, and a rehearsal is never measured.

mod pilot_support;

use pilot_core::catalog::ApprovalStep;
use pilot_core::metrics::{self, Origin, ReportQuery, Scope};
use pilot_core::pilots;
use pilot_core::requests::{self, Action, HoldReason, RehearsalOptions};
use pilot_support::{planned, utc, Pilot};

fn report(p: &Pilot) -> metrics::Report {
    metrics::report(
        &p.ws,
        &ReportQuery {
            scope: Scope::Item { id: p.item },
            origin: Some(Origin::Pilot),
            from: None,
            to: None,
        },
    )
    .unwrap()
}

/// Wednesday 4 March 2026, Berlin office hours (09:00–17:00 CET, UTC+1):
/// submitted and approved at 09:00 (which puts it in progress), held
/// waiting for the requester from 10:00 (the first response) to Thursday
/// 10:00, resolved Thursday 11:00, rated 4.
fn one_paused_request(p: &mut Pilot) -> i64 {
    let id = p.submit("2026-03-04T08:00:00Z").id;
    let step = |p: &mut Pilot, who: i64, action: Action, at: &str| {
        p.act(id, who, action, at).unwrap();
    };
    let max = p.max;
    let fay = p.fay;
    let ann = p.ann;
    step(
        p,
        max,
        Action::Approve {
            comment: String::new(),
        },
        "2026-03-04T08:00:00Z",
    );
    step(
        p,
        fay,
        Action::Hold {
            reason: HoldReason::WaitingForRequester,
            note: String::new(),
        },
        "2026-03-04T09:00:00Z",
    );
    step(p, ann, Action::Resume, "2026-03-05T09:00:00Z");
    step(
        p,
        fay,
        Action::CompleteTask { position: 1 },
        "2026-03-05T09:30:00Z",
    );
    step(
        p,
        fay,
        Action::CompleteTask { position: 2 },
        "2026-03-05T09:30:00Z",
    );
    step(
        p,
        fay,
        Action::Resolve {
            note: String::new(),
        },
        "2026-03-05T10:00:00Z",
    );
    step(
        p,
        ann,
        Action::Rate {
            rating: 4,
            comment: String::new(),
        },
        "2026-03-05T11:00:00Z",
    );
    id
}

#[test]
fn a_pilot_request_is_measured_from_its_lifecycle_with_the_wait_for_the_requester_left_out() {
    let mut p = planned(vec![ApprovalStep::requester_manager()]);
    pilots::start(&mut p.ws, p.pilot, utc("2026-03-02T08:00:00Z")).unwrap();
    one_paused_request(&mut p);

    let r = report(&p);
    assert_eq!((r.opened, r.resolved, r.open), (1, 1, 0));
    // 26 hours from submitted to resolved, 24 of them waiting: 2 hours.
    let turnaround = r.turnaround.value.expect("a turnaround");
    assert_eq!((turnaround.n, turnaround.median_hours), (1, 2.0));
    // Working time: Wednesday 8 h + Thursday 2 h, less the 8 working hours
    // of the wait (Wednesday 10:00–17:00, Thursday 09:00–10:00).
    let business = r.business_turnaround.value.expect("business hours");
    assert_eq!(business.median_hours, 2.0);
    let first = r.first_response.value.expect("a first response");
    assert_eq!(first.median_hours, 1.0);
    let sla = r.sla_kept.value.expect("an SLA verdict");
    assert_eq!((sla.part, sla.whole), (1, 1));
    let satisfaction = r.satisfaction.value.expect("a rating");
    assert_eq!(satisfaction.mean, 4.0);
    let reopened = r.reopen_rate.value.expect("a reopen rate");
    assert_eq!(reopened.part, 0);
    let by_department = r
        .breakdowns
        .iter()
        .find(|b| b.dimension == "requesterDepartment")
        .expect("a requester's department breakdown");
    assert_eq!(by_department.rows.len(), 1);
}

#[test]
fn a_rehearsal_is_not_measured_and_the_real_requests_are() {
    let mut p = planned(vec![ApprovalStep::requester_manager()]);
    let options = RehearsalOptions {
        count: 20,
        days: 5,
        seed: 3,
    };
    requests::rehearse(&mut p.ws, p.pilot, options, utc("2026-03-01T08:00:00Z")).unwrap();
    assert_eq!(report(&p).opened, 0, "the rehearsal is left out");
    pilots::start(&mut p.ws, p.pilot, utc("2026-03-02T08:00:00Z")).unwrap();
    one_paused_request(&mut p);
    p.submit("2026-03-06T08:00:00Z");
    let r = report(&p);
    assert_eq!((r.opened, r.resolved, r.open), (2, 1, 1));
}

#[test]
fn a_reopened_request_counts_as_reopened_and_its_wait_while_resolved_is_left_out() {
    let mut p = planned(vec![ApprovalStep::requester_manager()]);
    pilots::start(&mut p.ws, p.pilot, utc("2026-03-02T08:00:00Z")).unwrap();
    let id = p.submit("2026-03-09T08:00:00Z").id; // Monday 09:00 CET
    let (max, fay, ann) = (p.max, p.fay, p.ann);
    p.act(
        id,
        max,
        Action::Approve {
            comment: String::new(),
        },
        "2026-03-09T08:00:00Z",
    )
    .unwrap();
    for position in [1, 2] {
        p.act(
            id,
            fay,
            Action::CompleteTask { position },
            "2026-03-09T08:30:00Z",
        )
        .unwrap();
    }
    let resolve = Action::Resolve {
        note: String::new(),
    };
    p.act(id, fay, resolve.clone(), "2026-03-09T09:00:00Z")
        .unwrap();
    p.act(
        id,
        ann,
        Action::Reopen {
            reason: "Wrong year on it.".into(),
        },
        "2026-03-09T12:00:00Z",
    )
    .unwrap();
    p.act(id, fay, resolve, "2026-03-09T13:00:00Z").unwrap();

    let r = report(&p);
    let reopened = r.reopen_rate.value.expect("a reopen rate");
    assert_eq!((reopened.part, reopened.whole), (1, 1));
    // 5 hours from submitted to the last resolution, 3 of them resolved.
    assert_eq!(r.turnaround.value.unwrap().median_hours, 2.0);
}
