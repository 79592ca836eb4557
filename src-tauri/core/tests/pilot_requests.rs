//! Pilots and their requests through the lifecycle, on real workspace
//! files: who may do what, what each step records, the SLA clock, queues,
//! and rehearsals.

mod pilot_support;

use pilot_core::catalog::{self, ApprovalStep};
use pilot_core::pilots::{self, PilotState};
use pilot_core::requests::{
    self, Action, Actor, HoldReason, NewRequest, QueueFilter, RehearsalOptions, State,
};
use pilot_core::sla::Verdict;
use pilot_core::Error;
use pilot_support::*;
use serde_json::json;

fn refused<T: std::fmt::Debug>(r: pilot_core::Result<T>) -> String {
    match r {
        Err(Error::Invalid { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_pilot_cannot_start_until_its_checklist_is_empty() {
    let mut p = planned(vec![ApprovalStep::requester_manager()]);
    let mut input = pilots::get(&p.ws, p.pilot).unwrap().input();
    input.participants.retain(|x| x.person_id != p.fay);
    pilots::update(&mut p.ws, p.pilot, input, utc("2026-03-01T09:00:00Z")).unwrap();
    let view = pilots::view(&p.ws, p.pilot).unwrap();
    assert_eq!(view.checklist.len(), 1, "{:?}", view.checklist);
    assert!(view.checklist[0].contains("fulfiller"));
    let message = refused(pilots::start(
        &mut p.ws,
        p.pilot,
        utc("2026-03-02T08:00:00Z"),
    ));
    assert!(
        message.contains("cannot start yet") && message.contains("fulfiller"),
        "{message}"
    );
    assert_eq!(
        pilots::get(&p.ws, p.pilot).unwrap().state,
        PilotState::Planned
    );
}

#[test]
fn a_request_goes_from_submission_to_closed_with_every_step_on_its_timeline() {
    let mut p = running();
    // Wed 4 March 09:00 CET; one business day = 8 working hours.
    let r = p.submit("2026-03-04T08:00:00Z");
    assert_eq!(r.state, State::AwaitingApproval);
    assert_eq!(r.form_version, 1);
    assert_eq!(r.assignment_group, "HR Services");
    assert_eq!(r.sla.due_at.as_deref(), Some("2026-03-04T16:00:00Z"));
    let id = r.id;
    p.act(
        id,
        p.max,
        Action::Approve {
            comment: "Fine.".into(),
        },
        "2026-03-04T09:00:00Z",
    )
    .unwrap();
    let r = p
        .act(
            id,
            p.fay,
            Action::Assign {
                group: None,
                assignee: Some(p.fay),
            },
            "2026-03-04T09:30:00Z",
        )
        .unwrap();
    assert_eq!(
        (r.state, r.assignee_name.as_deref()),
        (State::InProgress, Some("Fay"))
    );
    assert_eq!(r.first_response_at.as_deref(), Some("2026-03-04T09:30:00Z"));
    let early = refused(p.act(
        id,
        p.fay,
        Action::Resolve {
            note: String::new(),
        },
        "2026-03-04T10:00:00Z",
    ));
    assert!(early.contains("2 of its tasks are not done"), "{early}");
    p.act(
        id,
        p.fay,
        Action::CompleteTask { position: 1 },
        "2026-03-04T10:00:00Z",
    )
    .unwrap();
    p.act(
        id,
        p.fay,
        Action::CompleteTask { position: 2 },
        "2026-03-04T11:00:00Z",
    )
    .unwrap();
    let r = p
        .act(
            id,
            p.fay,
            Action::Resolve {
                note: "Sent by mail.".into(),
            },
            "2026-03-04T11:00:00Z",
        )
        .unwrap();
    assert_eq!((r.state, r.sla.verdict), (State::Resolved, Verdict::Met));
    let r = p
        .act(
            id,
            p.ann,
            Action::Rate {
                rating: 5,
                comment: "Quick!".into(),
            },
            "2026-03-04T12:00:00Z",
        )
        .unwrap();
    assert_eq!((r.state, r.rating), (State::Closed, Some(5)));
    assert_eq!(r.closed_at.as_deref(), Some("2026-03-04T12:00:00Z"));
    let steps: Vec<(&str, &str, Option<State>)> = r
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.actor_name.as_str(), e.to_state))
        .collect();
    assert_eq!(
        steps,
        [
            ("submitted", "Ann", Some(State::AwaitingApproval)),
            ("approved", "Max", Some(State::InProgress)),
            ("assigned", "Fay", None),
            ("task_done", "Fay", None),
            ("task_done", "Fay", None),
            ("resolved", "Fay", Some(State::Resolved)),
            ("rated", "Ann", Some(State::Closed)),
        ]
    );
    assert!(r.events.iter().all(|e| e.acting));
    assert_eq!(r.events[5].detail, "SLA met — Sent by mail.");
    let results = pilots::view(&p.ws, p.pilot).unwrap().results;
    assert_eq!(
        (
            results.requests,
            results.resolved,
            results.sla_percent,
            results.satisfaction
        ),
        (1, 1, Some(100.0), Some(5.0))
    );
}

#[test]
fn only_the_step_s_approver_may_decide_and_a_rejection_ends_the_request() {
    let mut p = running();
    let id = p.submit("2026-03-04T08:00:00Z").id;
    let message = refused(p.act(
        id,
        p.fay,
        Action::Approve {
            comment: String::new(),
        },
        "2026-03-04T09:00:00Z",
    ));
    assert!(
        message.contains("Approval step 1 is for Max, not Fay"),
        "{message}"
    );
    let r = p
        .act(
            id,
            p.max,
            Action::Reject {
                comment: "Ask in April.".into(),
            },
            "2026-03-04T09:00:00Z",
        )
        .unwrap();
    assert_eq!(r.state, State::Rejected);
    assert_eq!(r.approvals[0].decision.as_deref(), Some("rejected"));
    assert_eq!(r.approvals[0].comment, "Ask in April.");
    let late = refused(p.act(
        id,
        p.ann,
        Action::Cancel {
            reason: String::new(),
        },
        "2026-03-04T10:00:00Z",
    ));
    assert!(late.contains("rejected cannot be cancelled"), "{late}");
}

#[test]
fn waiting_for_the_requester_pauses_the_clock_and_other_holds_do_not() {
    let mut p = running();
    let a = p.submit("2026-03-04T08:00:00Z").id; // Wed 09:00 CET
    let b = p.submit("2026-03-04T08:00:00Z").id;
    for id in [a, b] {
        p.act(
            id,
            p.max,
            Action::Approve {
                comment: String::new(),
            },
            "2026-03-04T08:00:00Z",
        )
        .unwrap();
    }
    let hold = |reason| Action::Hold {
        reason,
        note: String::new(),
    };
    p.act(
        a,
        p.fay,
        hold(HoldReason::WaitingForRequester),
        "2026-03-04T09:00:00Z",
    )
    .unwrap();
    p.act(
        b,
        p.fay,
        hold(HoldReason::WaitingForThirdParty),
        "2026-03-04T09:00:00Z",
    )
    .unwrap();
    // Thursday 10:00 CET: a paused 8 working hours; b kept running.
    let a_now = requests::get(&p.ws, a, true, utc("2026-03-05T09:00:00Z")).unwrap();
    assert_eq!(
        (
            a_now.sla.verdict,
            a_now.sla.used_secs,
            a_now.sla.paused_secs
        ),
        (Verdict::Paused, 3600, 8 * 3600)
    );
    let b_now = requests::get(&p.ws, b, true, utc("2026-03-05T09:00:00Z")).unwrap();
    assert_eq!(
        (b_now.sla.verdict, b_now.sla.paused_secs),
        (Verdict::Breached, 0)
    );
    let a_back = p
        .act(a, p.ann, Action::Resume, "2026-03-05T09:00:00Z")
        .unwrap();
    assert_eq!(a_back.state, State::InProgress);
    // 8 h target + 8 h paused after Wed 09:00 CET: Thu 17:00 CET.
    assert_eq!(a_back.sla.due_at.as_deref(), Some("2026-03-05T16:00:00Z"));
}

#[test]
fn the_requester_may_reopen_within_the_window_and_unrated_requests_close_by_themselves() {
    let mut p = running();
    let finish = |p: &mut Pilot, id: i64, at: &str| {
        p.act(
            id,
            p.max,
            Action::Approve {
                comment: String::new(),
            },
            at,
        )
        .unwrap();
        p.act(id, p.fay, Action::CompleteTask { position: 1 }, at)
            .unwrap();
        p.act(id, p.fay, Action::CompleteTask { position: 2 }, at)
            .unwrap();
        p.act(
            id,
            p.fay,
            Action::Resolve {
                note: String::new(),
            },
            at,
        )
        .unwrap()
    };
    let a = p.submit("2026-03-04T08:00:00Z").id;
    finish(&mut p, a, "2026-03-04T09:00:00Z");
    let r = p
        .act(
            a,
            p.ann,
            Action::Reopen {
                reason: "Wrong year".into(),
            },
            "2026-03-05T09:00:00Z",
        )
        .unwrap();
    assert_eq!((r.state, r.resolved_at.clone()), (State::InProgress, None));
    // The day it stood resolved is not held against the team.
    assert_eq!(r.sla.paused_secs, 8 * 3600);
    let b = p.submit("2026-03-04T08:00:00Z").id;
    finish(&mut p, b, "2026-03-04T09:00:00Z");
    let late = refused(p.act(
        b,
        p.ann,
        Action::Reopen {
            reason: String::new(),
        },
        "2026-03-20T09:00:00Z",
    ));
    assert!(late.contains("too long ago"), "{late}");
    assert_eq!(
        requests::close_due(&mut p.ws, p.pilot, utc("2026-03-06T09:00:00Z")).unwrap(),
        0
    );
    assert_eq!(
        requests::close_due(&mut p.ws, p.pilot, utc("2026-03-07T09:00:00Z")).unwrap(),
        1
    );
    let closed = requests::get(&p.ws, b, true, utc("2026-03-07T09:00:00Z")).unwrap();
    assert_eq!(closed.state, State::Closed);
    assert_eq!(closed.events.last().unwrap().actor_name, "Pilot Studio");
}

#[test]
fn submissions_are_checked_against_the_published_form_and_keep_their_version() {
    let mut p = running();
    let bad = NewRequest {
        pilot_id: p.pilot,
        item_id: p.item,
        answers: answers(json!({"kind": "pension"})),
        priority: None,
    };
    let message = refused(requests::submit(
        &mut p.ws,
        &bad,
        Actor::acting_as(p.ann),
        utc("2026-03-04T08:00:00Z"),
    ));
    assert!(message.contains("cannot be submitted yet"), "{message}");
    let r = p.submit("2026-03-04T08:00:00Z");
    let mut input = catalog::get(&p.ws, p.item).unwrap().input();
    input.form.fields.pop();
    catalog::update(&mut p.ws, p.item, input).unwrap();
    catalog::publish(&mut p.ws, p.item).unwrap();
    assert_eq!(
        requests::get(&p.ws, r.id, false, utc("2026-03-04T09:00:00Z"))
            .unwrap()
            .form_version,
        1
    );
    assert_eq!(p.submit("2026-03-04T09:00:00Z").form_version, 2);
    let stranger = refused(requests::submit(
        &mut p.ws,
        &NewRequest {
            answers: answers(json!({"kind": "work"})),
            ..bad
        },
        Actor::acting_as(p.fay),
        utc("2026-03-04T08:00:00Z"),
    ));
    assert!(stranger.contains("Fay is not a requester"), "{stranger}");
}

#[test]
fn work_notes_stay_internal_and_time_never_runs_backwards() {
    let mut p = running();
    let id = p.submit("2026-03-04T08:00:00Z").id;
    p.act(
        id,
        p.max,
        Action::Approve {
            comment: String::new(),
        },
        "2026-03-04T09:00:00Z",
    )
    .unwrap();
    p.act(
        id,
        p.fay,
        Action::WorkNote {
            text: "Check the contract first.".into(),
        },
        "2026-03-04T07:00:00Z",
    )
    .unwrap();
    p.act(
        id,
        p.fay,
        Action::Comment {
            text: "On it.".into(),
        },
        "2026-03-04T10:00:00Z",
    )
    .unwrap();
    let inside = requests::get(&p.ws, id, true, utc("2026-03-04T10:00:00Z")).unwrap();
    let note = inside
        .events
        .iter()
        .find(|e| e.kind == "work_note")
        .unwrap();
    assert_eq!(
        note.at, "2026-03-04T09:00:00Z",
        "a note dated earlier is recorded at the latest event's time"
    );
    let times: Vec<&str> = inside.events.iter().map(|e| e.at.as_str()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    let outside = requests::get(&p.ws, id, false, utc("2026-03-04T10:00:00Z")).unwrap();
    assert!(outside.events.iter().all(|e| e.kind != "work_note"));
    assert!(outside.events.iter().any(|e| e.kind == "comment"));
}

#[test]
fn the_queue_lists_open_requests_soonest_due_first_page_by_page() {
    let mut p = running();
    let mut ids = Vec::new();
    for hour in ["10", "08", "12", "09", "11"] {
        let r = p.submit(&format!("2026-03-04T{hour}:00:00Z"));
        p.act(
            r.id,
            p.max,
            Action::Approve {
                comment: String::new(),
            },
            "2026-03-04T12:00:00Z",
        )
        .unwrap();
        ids.push((hour, r.id));
    }
    let mut filter = QueueFilter {
        pilot_id: Some(p.pilot),
        group: Some("HR Services".into()),
        limit: 2,
        ..QueueFilter::default()
    };
    let now = utc("2026-03-04T12:30:00Z");
    let mut seen = Vec::new();
    loop {
        let page = requests::queue(&p.ws, &filter, now).unwrap();
        seen.extend(page.rows.iter().map(|r| r.opened_at[11..13].to_owned()));
        match page.next {
            Some(next) => filter.after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, ["08", "09", "10", "11", "12"]);
    // At 14:30 UTC (15:30 CET) the one opened at 08:00 UTC has used 6.5 of 8 hours.
    let risky = QueueFilter {
        pilot_id: Some(p.pilot),
        at_risk: true,
        ..QueueFilter::default()
    };
    let page = requests::queue(&p.ws, &risky, utc("2026-03-04T14:30:00Z")).unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.verdicts, [Verdict::AtRisk]);
    let inbox =
        requests::approvals_for(&p.ws, p.pilot, p.max, utc("2026-03-04T14:30:00Z")).unwrap();
    assert!(inbox.is_empty());
}

#[test]
fn a_rehearsal_is_repeatable_kept_out_of_real_results_and_removed_in_one_step() {
    let mut p = planned(vec![ApprovalStep::requester_manager()]);
    let options = RehearsalOptions {
        count: 30,
        days: 10,
        seed: 7,
    };
    let first =
        requests::rehearse(&mut p.ws, p.pilot, options, utc("2026-03-01T08:00:00Z")).unwrap();
    assert_eq!(first.created, 30);
    let view = pilots::view(&p.ws, p.pilot).unwrap();
    assert_eq!(view.results.requests, 0);
    assert_eq!(view.rehearsal.requests, 30 - first.rejected as i64);
    let again =
        requests::rehearse(&mut p.ws, p.pilot, options, utc("2026-03-01T08:00:00Z")).unwrap();
    assert_eq!(again, first, "the same seed plays the same rehearsal");
    let queue = requests::queue(
        &p.ws,
        &QueueFilter {
            pilot_id: Some(p.pilot),
            states: vec![State::Closed],
            ..QueueFilter::default()
        },
        utc("2026-04-01T00:00:00Z"),
    )
    .unwrap();
    assert!(queue.rows.iter().all(|r| r.rehearsal));
    assert_eq!(requests::rehearsal::remove(&mut p.ws, p.pilot).unwrap(), 30);
    assert_eq!(pilots::view(&p.ws, p.pilot).unwrap().rehearsal.requests, 0);
}

#[test]
fn a_person_field_is_answered_by_a_person_of_the_directory_and_shown_by_name() {
    use pilot_core::catalog::{self, FieldType, FormField};
    let mut p = running();
    let mut input = catalog::get(&p.ws, p.item).unwrap().input();
    input
        .form
        .fields
        .push(FormField::new("signed_by", "Signed by", FieldType::Person));
    catalog::update(&mut p.ws, p.item, input).unwrap();
    catalog::publish(&mut p.ws, p.item).unwrap();
    let new = requests::NewRequest {
        pilot_id: p.pilot,
        item_id: p.item,
        answers: pilot_support::answers(serde_json::json!({"kind": "work", "signed_by": p.max})),
        priority: None,
    };
    let r = requests::submit(
        &mut p.ws,
        &new,
        requests::Actor::acting_as(p.ann),
        pilot_support::utc("2026-03-02T10:00:00Z"),
    )
    .unwrap();
    let line = r
        .answer_lines
        .iter()
        .find(|l| l.key == "signed_by")
        .unwrap();
    assert_eq!(line.text, "Max");
}
