//! Approval delegation: while an approver is away, a stand-in decides the
//! steps that are theirs, and the timeline says on whose behalf.

mod pilot_support;

use pilot_core::outbox::{self, MessageKind};
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole};
use pilot_core::requests::{self, Action, DelegationInput, State};
use pilot_core::Error;
use pilot_support::{running, utc, Pilot};

/// Hugo, the department head, also approves in the pilot, so he can stand
/// in for Max.
fn with_hugo_approving() -> Pilot {
    let mut p = running();
    let mut input = pilots::get(&p.ws, p.pilot).unwrap().input();
    input
        .participants
        .push(ParticipantInput::new(p.hugo, ParticipantRole::Approver));
    pilots::update(&mut p.ws, p.pilot, input, utc("2026-03-02T09:00:00Z")).unwrap();
    p
}

fn away(p: &Pilot, from: &str, to: &str) -> DelegationInput {
    DelegationInput {
        from_person_id: p.max,
        to_person_id: p.hugo,
        starts_at: from.into(),
        ends_at: to.into(),
        note: "  Skiing  ".into(),
    }
}

fn refusal(result: pilot_core::Result<impl std::fmt::Debug>) -> (String, String) {
    match result {
        Err(Error::Invalid { field, message }) => (field, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_stand_in_sees_and_decides_the_away_approver_s_requests_only_while_the_delegation_lasts() {
    let mut p = with_hugo_approving();
    let input = away(&p, "2026-03-03T00:00:00+01:00", "2026-03-06T00:00:00+01:00");
    let d = requests::delegate(&mut p.ws, p.pilot, &input, utc("2026-03-02T10:00:00Z")).unwrap();
    assert_eq!((d.from_name.as_str(), d.to_name.as_str()), ("Max", "Hugo"));
    assert_eq!(d.starts_at, "2026-03-02T23:00:00Z", "stored in UTC");
    assert_eq!(d.note, "Skiing");

    let request = p.submit("2026-03-02T10:30:00Z");
    let before = requests::approvals_for(&p.ws, p.pilot, p.hugo, utc("2026-03-02T12:00:00Z"));
    assert!(before.unwrap().is_empty(), "not before it starts");
    let during = requests::approvals_for(&p.ws, p.pilot, p.hugo, utc("2026-03-04T09:00:00Z"));
    assert_eq!(
        during.unwrap().iter().map(|r| r.id).collect::<Vec<_>>(),
        [request.id]
    );
    let mine = requests::approvals_for(&p.ws, p.pilot, p.max, utc("2026-03-04T09:00:00Z"));
    assert_eq!(mine.unwrap().len(), 1, "the approver still sees their own");
    let after = requests::approvals_for(&p.ws, p.pilot, p.hugo, utc("2026-03-06T09:00:00Z"));
    assert!(after.unwrap().is_empty(), "not after it ends");

    let too_early = p.act(
        request.id,
        p.hugo,
        Action::Approve {
            comment: String::new(),
        },
        "2026-03-02T12:00:00Z",
    );
    assert!(refusal(too_early).1.contains("is for Max"));

    let approved = p
        .act(
            request.id,
            p.hugo,
            Action::Approve {
                comment: "Fine by me".into(),
            },
            "2026-03-04T09:00:00Z",
        )
        .unwrap();
    assert_eq!(approved.state, State::InProgress);
    let event = approved.events.last().unwrap();
    assert_eq!(event.kind, "approved");
    assert_eq!(event.actor_name, "Hugo");
    assert_eq!(event.detail, "on behalf of Max — Fine by me");
    assert_eq!(
        approved.approvals[0].decided_by_name.as_deref(),
        Some("Hugo")
    );
}

#[test]
fn the_approver_s_own_decision_is_not_marked_as_on_behalf() {
    let mut p = with_hugo_approving();
    let input = away(&p, "2026-03-03T00:00:00Z", "2026-03-06T00:00:00Z");
    requests::delegate(&mut p.ws, p.pilot, &input, utc("2026-03-02T10:00:00Z")).unwrap();
    let request = p.submit("2026-03-02T10:30:00Z");
    let approved = p
        .act(
            request.id,
            p.max,
            Action::Approve {
                comment: "Back early".into(),
            },
            "2026-03-04T09:00:00Z",
        )
        .unwrap();
    assert_eq!(approved.events.last().unwrap().detail, "Back early");
}

#[test]
fn a_delegation_is_refused_with_the_reason_when_it_cannot_work() {
    let mut p = with_hugo_approving();
    let now = utc("2026-03-02T10:00:00Z");

    let mut to_self = away(&p, "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z");
    to_self.to_person_id = p.max;
    let (field, message) = refusal(requests::delegate(&mut p.ws, p.pilot, &to_self, now));
    assert_eq!(field, "toPersonId");
    assert!(message.contains("themselves"), "{message}");

    let mut to_fulfiller = away(&p, "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z");
    to_fulfiller.to_person_id = p.fay;
    let (_, message) = refusal(requests::delegate(&mut p.ws, p.pilot, &to_fulfiller, now));
    assert!(message.contains("Fay is not an approver"), "{message}");

    let backwards = away(&p, "2026-03-05T00:00:00Z", "2026-03-04T00:00:00Z");
    let (field, _) = refusal(requests::delegate(&mut p.ws, p.pilot, &backwards, now));
    assert_eq!(field, "endsAt");

    let over = away(&p, "2026-02-01T00:00:00Z", "2026-02-10T00:00:00Z");
    let (_, message) = refusal(requests::delegate(&mut p.ws, p.pilot, &over, now));
    assert!(message.contains("already over"), "{message}");

    let endless = away(&p, "2026-03-03T00:00:00Z", "2028-03-03T00:00:00Z");
    let (_, message) = refusal(requests::delegate(&mut p.ws, p.pilot, &endless, now));
    assert!(message.contains("at most 366 days"), "{message}");

    let garbled = away(&p, "next Tuesday", "2026-03-04T00:00:00Z");
    let (field, message) = refusal(requests::delegate(&mut p.ws, p.pilot, &garbled, now));
    assert_eq!(field, "startsAt");
    assert!(message.contains("“next Tuesday”"), "{message}");

    let first = away(&p, "2026-03-03T00:00:00Z", "2026-03-06T00:00:00Z");
    requests::delegate(&mut p.ws, p.pilot, &first, now).unwrap();
    let overlapping = away(&p, "2026-03-05T00:00:00Z", "2026-03-09T00:00:00Z");
    let (_, message) = refusal(requests::delegate(&mut p.ws, p.pilot, &overlapping, now));
    assert!(
        message.contains("Hugo already stands in for Max from 3 Mar 2026 00:00 UTC"),
        "{message}"
    );
    let adjoining = away(&p, "2026-03-06T00:00:00Z", "2026-03-09T00:00:00Z");
    requests::delegate(&mut p.ws, p.pilot, &adjoining, now).unwrap();
    assert_eq!(requests::delegations(&p.ws, p.pilot, now).unwrap().len(), 2);
}

#[test]
fn ending_a_delegation_gives_the_approvals_back_at_once_and_past_ones_are_not_listed() {
    let mut p = with_hugo_approving();
    let input = away(&p, "2026-03-03T00:00:00Z", "2026-03-06T00:00:00Z");
    let d = requests::delegate(&mut p.ws, p.pilot, &input, utc("2026-03-02T10:00:00Z")).unwrap();
    p.submit("2026-03-02T10:30:00Z");
    let at = utc("2026-03-04T09:00:00Z");
    assert_eq!(
        requests::approvals_for(&p.ws, p.pilot, p.hugo, at)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        requests::delegations(&p.ws, p.pilot, utc("2026-03-06T00:00:00Z"))
            .unwrap()
            .len(),
        0,
        "a delegation that has ended is not listed"
    );

    requests::end_delegation(&mut p.ws, d.id).unwrap();
    assert!(requests::approvals_for(&p.ws, p.pilot, p.hugo, at)
        .unwrap()
        .is_empty());
    assert!(matches!(
        requests::end_delegation(&mut p.ws, d.id),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn a_delegation_survives_reopening_the_workspace_and_an_ended_pilot_takes_no_more() {
    let mut p = with_hugo_approving();
    let input = away(&p, "2026-03-03T00:00:00Z", "2026-03-06T00:00:00Z");
    requests::delegate(&mut p.ws, p.pilot, &input, utc("2026-03-02T10:00:00Z")).unwrap();
    let later = away(&p, "2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z");
    let path = p.ws.path().to_owned();
    let pilot = p.pilot;
    drop(p.ws);
    let mut ws = pilot_core::Workspace::open(&path).unwrap();
    let now = utc("2026-03-04T00:00:00Z");
    assert_eq!(requests::delegations(&ws, pilot, now).unwrap().len(), 1);

    pilots::end(&mut ws, pilot, "", now).unwrap();
    let (_, message) = refusal(requests::delegate(&mut ws, pilot, &later, now));
    assert!(message.contains("has ended"), "{message}");
}

#[test]
fn a_stand_in_is_told_of_the_approvals_handed_over_and_of_those_that_come_while_they_stand_in() {
    let mut p = with_hugo_approving();
    let waiting = p.submit("2026-03-04T08:00:00Z").id;
    let input = away(&p, "2026-03-04T00:00:00Z", "2026-03-07T00:00:00Z");
    requests::delegate(&mut p.ws, p.pilot, &input, utc("2026-03-04T08:10:00Z")).unwrap();
    let later = p.submit("2026-03-04T09:00:00Z").id;
    let now = utc("2026-03-04T09:30:00Z");

    let told = outbox::of_person(&mut p.ws, p.pilot, p.hugo, now).unwrap();
    let mut about: Vec<_> = told.iter().map(|m| (m.request_id, m.kind)).collect();
    about.sort_by_key(|(id, _)| *id);
    assert_eq!(
        about,
        [
            (waiting, MessageKind::ApprovalNeeded),
            (later, MessageKind::ApprovalNeeded)
        ]
    );
    for m in &told {
        assert!(m.body.contains("Hello Hugo"), "{}", m.body);
        assert!(
            m.body.contains("approval of Max, for whom you stand in"),
            "{}",
            m.body
        );
    }
    let max = outbox::of_person(&mut p.ws, p.pilot, p.max, now).unwrap();
    assert_eq!(max.len(), 2, "the away approver is still told of both");
}

#[test]
fn a_stand_in_is_told_nothing_before_their_days_begin_and_everything_waiting_once_they_do() {
    let mut p = with_hugo_approving();
    let first = p.submit("2026-03-04T08:00:00Z").id;
    let input = away(&p, "2026-03-09T00:00:00Z", "2026-03-11T00:00:00Z");
    requests::delegate(&mut p.ws, p.pilot, &input, utc("2026-03-04T08:10:00Z")).unwrap();
    let second = p.submit("2026-03-04T09:00:00Z").id;
    let told = outbox::of_person(&mut p.ws, p.pilot, p.hugo, utc("2026-03-04T09:30:00Z"));
    assert!(told.unwrap().is_empty());

    // Nobody acts on the first day; reading the outbox then tells Hugo of
    // both requests still waiting for Max, once.
    let monday = utc("2026-03-09T08:00:00Z");
    let batches = outbox::unsent(&mut p.ws, p.pilot, monday).unwrap();
    let hugo = batches.iter().find(|b| b.person_id == p.hugo).unwrap();
    let mut about: Vec<_> = hugo.messages.iter().map(|m| m.request_id).collect();
    about.sort();
    assert_eq!(about, [first, second]);
    assert!(hugo.messages[0].body.contains("for whom you stand in"));
    let again = outbox::of_person(&mut p.ws, p.pilot, p.hugo, utc("2026-03-09T09:00:00Z"));
    assert_eq!(again.unwrap().len(), 2, "told once");
}
