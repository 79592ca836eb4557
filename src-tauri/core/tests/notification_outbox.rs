//! The notification outbox on real workspace files: the lifecycle steps
//! that queue messages, for whom, never twice, and marking them sent and
//! seen.

mod pilot_support;

use pilot_core::outbox::{self, MessageKind};
use pilot_core::requests::Action;
use pilot_core::Error;
use pilot_support::*;

fn kinds_of(p: &mut Pilot, who: impl Fn(&Pilot) -> i64) -> Vec<(i64, MessageKind)> {
    let person = who(p);
    let mut kinds: Vec<_> =
        outbox::of_person(&mut p.ws, p.pilot, person, utc("2026-03-04T08:00:00Z"))
            .unwrap()
            .into_iter()
            .map(|m| (m.request_id, m.kind))
            .collect();
    kinds.sort_by_key(|(id, k)| (*id, k.as_str()));
    kinds
}

fn approve_and_resolve(p: &mut Pilot, id: i64) {
    let approve = Action::Approve {
        comment: String::new(),
    };
    p.act(id, p.max, approve, "2026-03-04T08:10:00Z").unwrap();
    for position in [1, 2] {
        let done = Action::CompleteTask { position };
        p.act(id, p.fay, done, "2026-03-04T08:15:00Z").unwrap();
    }
    let resolve = Action::Resolve {
        note: "Sent.".into(),
    };
    p.act(id, p.fay, resolve, "2026-03-04T08:20:00Z").unwrap();
}

#[test]
fn asking_for_approval_queues_one_message_for_the_approver() {
    let mut p = running();
    let id = p.submit("2026-03-04T08:00:00Z").id;
    assert_eq!(
        kinds_of(&mut p, |p| p.max),
        vec![(id, MessageKind::ApprovalNeeded)]
    );
    assert_eq!(kinds_of(&mut p, |p| p.ann), vec![]);
    let m = &outbox::of_person(&mut p.ws, p.pilot, p.max, utc("2026-03-04T08:00:00Z")).unwrap()[0];
    assert!(
        m.body.contains("Ann") && m.body.contains("Employment certificate"),
        "{}",
        m.body
    );
}

#[test]
fn resolving_a_request_queues_one_resolved_and_one_please_rate_for_the_requester() {
    let mut p = running();
    let id = p.submit("2026-03-04T08:00:00Z").id;
    approve_and_resolve(&mut p, id);
    assert_eq!(
        kinds_of(&mut p, |p| p.ann),
        vec![(id, MessageKind::PleaseRate), (id, MessageKind::Resolved)]
    );
    assert_eq!(kinds_of(&mut p, |p| p.fay), vec![]);
}

#[test]
fn resolving_a_request_twice_does_not_double_its_messages() {
    let mut p = running();
    let id = p.submit("2026-03-04T08:00:00Z").id;
    approve_and_resolve(&mut p, id);
    let reopen = Action::Reopen {
        reason: "Wrong year.".into(),
    };
    p.act(id, p.ann, reopen, "2026-03-04T08:30:00Z").unwrap();
    let resolve = Action::Resolve {
        note: "Fixed.".into(),
    };
    p.act(id, p.fay, resolve, "2026-03-04T08:40:00Z").unwrap();
    assert_eq!(kinds_of(&mut p, |p| p.ann).len(), 2);
}

#[test]
fn a_refused_step_queues_nothing() {
    let mut p = running();
    let id = p.submit("2026-03-04T08:00:00Z").id;
    // Fay may not resolve a request that still waits for approval.
    let resolve = Action::Resolve {
        note: String::new(),
    };
    assert!(p.act(id, p.fay, resolve, "2026-03-04T08:20:00Z").is_err());
    assert_eq!(kinds_of(&mut p, |p| p.ann), vec![]);
}

#[test]
fn a_message_body_never_contains_another_persons_request() {
    let mut p = running();
    let bea = person(&mut p.ws, "Bea", Some(p.max));
    let mut input = pilot_core::pilots::get(&p.ws, p.pilot).unwrap().input();
    input
        .participants
        .push(pilot_core::pilots::ParticipantInput::new(
            bea,
            pilot_core::pilots::ParticipantRole::Requester,
        ));
    pilot_core::pilots::update(&mut p.ws, p.pilot, input, utc("2026-03-03T08:00:00Z")).unwrap();
    let ann_request = p.submit("2026-03-04T08:00:00Z").id;
    let new = pilot_core::requests::NewRequest {
        pilot_id: p.pilot,
        item_id: p.item,
        answers: answers(serde_json::json!({"kind": "salary"})),
        priority: None,
    };
    let bea_request = pilot_core::requests::submit(
        &mut p.ws,
        &new,
        pilot_core::requests::Actor::acting_as(bea),
        utc("2026-03-04T08:01:00Z"),
    )
    .unwrap()
    .id;
    approve_and_resolve(&mut p, ann_request);
    for m in outbox::of_person(&mut p.ws, p.pilot, p.ann, utc("2026-03-04T09:00:00Z")).unwrap() {
        assert_eq!(m.request_id, ann_request);
        assert!(!m.body.contains(&format!("#{bea_request}")), "{}", m.body);
        assert!(!m.body.contains("Bea"), "{}", m.body);
    }
    assert!(kinds_of(&mut p, |_| bea).is_empty());
}

#[test]
fn the_outbox_groups_unsent_messages_by_person_with_a_mailto_and_marking_them_sent_empties_it() {
    let mut p = running();
    let id = p.submit("2026-03-04T08:00:00Z").id;
    approve_and_resolve(&mut p, id);
    let now = utc("2026-03-04T09:00:00Z");
    let batches = outbox::unsent(&mut p.ws, p.pilot, now).unwrap();
    let names: Vec<_> = batches.iter().map(|b| b.person_name.as_str()).collect();
    assert_eq!(names, ["Ann", "Max"]);
    let ann = &batches[0];
    assert_eq!(ann.messages.len(), 2);
    let mailto = ann.mailto.as_deref().unwrap();
    assert!(
        mailto.starts_with("mailto:ann@example.org?subject=2%20messages"),
        "{mailto}"
    );
    assert!(ann.text.contains("Resolved: request") && ann.text.contains("Please rate"));
    let ids: Vec<i64> = batches
        .iter()
        .flat_map(|b| b.messages.iter().map(|m| m.id))
        .collect();
    assert_eq!(outbox::mark_sent(&mut p.ws, p.pilot, &ids, now).unwrap(), 3);
    assert!(outbox::unsent(&mut p.ws, p.pilot, now).unwrap().is_empty());
}

#[test]
fn marking_another_persons_message_seen_is_refused_and_marks_nothing() {
    let mut p = running();
    let id = p.submit("2026-03-04T08:00:00Z").id;
    approve_and_resolve(&mut p, id);
    let now = utc("2026-03-04T09:00:00Z");
    let max_message = outbox::of_person(&mut p.ws, p.pilot, p.max, now).unwrap()[0].id;
    let ann_message = outbox::of_person(&mut p.ws, p.pilot, p.ann, now).unwrap()[0].id;
    let refused = outbox::mark_seen(&mut p.ws, p.pilot, p.ann, &[ann_message, max_message], now);
    assert!(
        matches!(
            refused,
            Err(Error::NotFound {
                what: "Message",
                ..
            })
        ),
        "{refused:?}"
    );
    let ann = outbox::of_person(&mut p.ws, p.pilot, p.ann, now).unwrap();
    assert!(ann.iter().all(|m| m.seen_at.is_none()));
    assert_eq!(
        outbox::mark_seen(&mut p.ws, p.pilot, p.ann, &[ann_message], now).unwrap(),
        1
    );
}

#[test]
fn an_assigned_request_past_its_sla_warning_queues_one_warning_for_the_assignee() {
    let mut p = running();
    let id = p.submit("2026-03-04T08:00:00Z").id;
    let approve = Action::Approve {
        comment: String::new(),
    };
    p.act(id, p.max, approve, "2026-03-04T08:10:00Z").unwrap();
    let assign = Action::Assign {
        group: None,
        assignee: Some(p.fay),
    };
    p.act(id, p.fay, assign, "2026-03-04T08:20:00Z").unwrap();
    // One business day from 09:00 CET is due 17:00 CET; 75 % is 15:00 CET.
    assert!(kinds_of(&mut p, |p| p.fay).is_empty());
    let late = utc("2026-03-04T14:30:00Z");
    // Max's approval request and Fay's warning.
    assert_eq!(outbox::unsent(&mut p.ws, p.pilot, late).unwrap().len(), 2);
    outbox::unsent(&mut p.ws, p.pilot, late).unwrap();
    let fay = outbox::of_person(&mut p.ws, p.pilot, p.fay, late).unwrap();
    assert_eq!(fay.len(), 1);
    assert_eq!(fay[0].kind, MessageKind::SlaBreachSoon);
    assert!(
        fay[0].body.contains("2026-03-04 16:00 UTC"),
        "{}",
        fay[0].body
    );
}
