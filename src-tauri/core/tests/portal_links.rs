//! Participants' personal links to the pilot portal and its audit, on real
//! workspace files: a token is shown once and stored only hashed, and a
//! link stops signing its person in when revoked, expired, or when the
//! pilot ends; changes through the portal are audited in their own
//! transaction.

mod pilot_support;

use pilot_core::flows;
use pilot_core::pilots::{self, ParticipantRole};
use pilot_core::portal;
use pilot_core::requests::{Action, NewRequest, State};
use pilot_core::Error;
use pilot_support::*;
use serde_json::json;

impl Pilot {
    /// A link for `person` in `role` of the test pilot, valid for `days`.
    fn issue(
        &mut self,
        person: i64,
        role: ParticipantRole,
        days: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> pilot_core::Result<portal::IssuedLink> {
        portal::issue(&mut self.ws, self.pilot, person, role, days, now)
    }
}

fn refused<T: std::fmt::Debug>(r: pilot_core::Result<T>) -> String {
    match r {
        Err(Error::Invalid { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn an_issued_link_signs_its_person_in_and_only_its_hash_is_stored() {
    let mut p = running();
    let now = utc("2026-03-03T08:00:00Z");
    let issued = p.issue(p.ann, ParticipantRole::Requester, 30, now).unwrap();
    assert_eq!(issued.token.len(), 64);
    assert!(issued.token.bytes().all(|b| b.is_ascii_hexdigit()));
    let who = portal::resolve(&p.ws, &issued.token, now).unwrap();
    assert_eq!(
        (who.person_id, who.role, who.pilot_id),
        (p.ann, ParticipantRole::Requester, p.pilot)
    );
    assert_eq!(who.pilot_name, "HR certificates");
    assert_eq!(who.department_name.as_deref(), Some("Human Resources"));
    let file = std::fs::read(p.ws.path()).unwrap();
    let text = String::from_utf8_lossy(&file);
    assert!(
        !text.contains(&issued.token),
        "the plain token is in the file"
    );
    assert_eq!(issued.link.expires_at, "2026-04-02T08:00:00Z");
}

#[test]
fn two_links_never_share_a_token() {
    let mut p = running();
    let now = utc("2026-03-03T08:00:00Z");
    let a = p.issue(p.ann, ParticipantRole::Requester, 30, now).unwrap();
    let b = p.issue(p.ann, ParticipantRole::Requester, 30, now).unwrap();
    assert_ne!(a.token, b.token);
    assert_eq!(portal::list(&p.ws, p.pilot).unwrap().len(), 2);
}

#[test]
fn a_link_is_only_for_a_role_the_person_has_in_the_pilot() {
    let mut p = running();
    let now = utc("2026-03-03T08:00:00Z");
    let message = refused(p.issue(p.ann, ParticipantRole::Fulfiller, 30, now));
    assert!(message.contains("Ann is not a fulfiller"), "{message}");
    let message = refused(p.issue(p.ann, ParticipantRole::Requester, 0, now));
    assert!(message.contains("1 to 366 days"), "{message}");
}

#[test]
fn a_revoked_expired_or_mistyped_link_signs_nobody_in() {
    let mut p = running();
    let now = utc("2026-03-03T08:00:00Z");
    let issued = p.issue(p.ann, ParticipantRole::Requester, 1, now).unwrap();
    let later = utc("2026-03-04T08:00:00Z");
    assert!(refused(portal::resolve(&p.ws, &issued.token, later)).contains("has expired"));
    assert!(refused(portal::check(&p.ws, issued.link.id, later)).contains("has expired"));
    let mut guess = issued.token.clone();
    guess.replace_range(0..1, if guess.starts_with('0') { "1" } else { "0" });
    assert!(refused(portal::resolve(&p.ws, &guess, now)).contains("mistyped, revoked or expired"));
    assert!(refused(portal::resolve(&p.ws, "short", now)).contains("mistyped"));
    portal::revoke(&mut p.ws, issued.link.id, now).unwrap();
    assert!(refused(portal::check(&p.ws, issued.link.id, now)).contains("was revoked"));
    assert!(refused(portal::resolve(&p.ws, &issued.token, now)).contains("was revoked"));
}

#[test]
fn a_link_s_invitation_is_an_e_mail_to_the_person_s_address_and_a_dead_link_has_none() {
    let mut p = running();
    let now = utc("2026-03-03T08:00:00Z");
    let issued = p.issue(p.ann, ParticipantRole::Requester, 30, now).unwrap();
    let url = format!("http://127.0.0.1:8080/s/{}", issued.token);
    let mail = portal::invitation(&p.ws, issued.link.id, &url, now).unwrap();
    assert_eq!(mail.person_name, "Ann");
    assert_eq!(mail.subject, "Your link to the pilot “HR certificates”");
    assert!(mail.body.contains(&format!("\n{url}\n")), "{}", mail.body);
    let mailto = mail.mailto.unwrap();
    assert!(
        mailto.starts_with("mailto:ann@example.org?subject="),
        "{mailto}"
    );
    assert!(mailto.contains(&issued.token), "{mailto}");
    portal::revoke(&mut p.ws, issued.link.id, now).unwrap();
    let dead = portal::invitation(&p.ws, issued.link.id, &url, now);
    assert!(refused(dead).contains("was revoked"));
}

#[test]
fn a_link_stops_working_when_the_pilot_ends_or_the_role_is_taken_away() {
    let mut p = running();
    let now = utc("2026-03-03T08:00:00Z");
    let fay = p.issue(p.fay, ParticipantRole::Fulfiller, 30, now).unwrap();
    let ann = p.issue(p.ann, ParticipantRole::Requester, 30, now).unwrap();
    let mut input = pilots::get(&p.ws, p.pilot).unwrap().input();
    input.participants.retain(|x| x.person_id != p.ann);
    pilots::update(&mut p.ws, p.pilot, input, now).unwrap();
    assert!(refused(portal::check(&p.ws, ann.link.id, now)).contains("no longer has"));
    portal::check(&p.ws, fay.link.id, now).unwrap();
    pilots::end(&mut p.ws, p.pilot, "Done.", now).unwrap();
    assert!(refused(portal::check(&p.ws, fay.link.id, now)).contains("ended"));
    assert!(refused(p.issue(p.fay, ParticipantRole::Fulfiller, 30, now)).contains("has ended"));
}

#[test]
fn a_change_through_the_portal_is_made_as_the_person_and_audited_with_its_address() {
    let mut p = running();
    let now = utc("2026-03-04T08:00:00Z");
    let ann = p.issue(p.ann, ParticipantRole::Requester, 30, now).unwrap();
    let new = NewRequest {
        pilot_id: 999,
        item_id: p.item,
        answers: answers(json!({"kind": "work"})),
        priority: None,
    };
    let (who, r) =
        flows::portal_submit(&mut p.ws, ann.link.id, &new, &[], "10.0.0.7:5000", now).unwrap();
    assert_eq!(
        (who.person_id, r.requester_id, r.pilot_id),
        (p.ann, Some(p.ann), p.pilot)
    );
    assert_eq!(r.state, State::AwaitingApproval);
    assert!(
        !r.events[0].acting,
        "the person acted, not the analyst for them"
    );
    flows::portal_act(
        &mut p.ws,
        ann.link.id,
        r.id,
        &Action::Comment {
            text: "Urgent, please.".into(),
        },
        "10.0.0.7:5000",
        now,
    )
    .unwrap();
    let log = portal::audit(&p.ws, Some(p.pilot), 10).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["comment", "submitted"]);
    assert!(log
        .iter()
        .all(|e| e.address == "10.0.0.7:5000" && e.person_name == "Ann"));
    assert_eq!(log[0].request_id, Some(r.id));
}

#[test]
fn a_refused_change_leaves_neither_a_request_nor_an_audit_line() {
    let mut p = running();
    let now = utc("2026-03-04T08:00:00Z");
    let ann = p.issue(p.ann, ParticipantRole::Requester, 30, now).unwrap();
    let new = NewRequest {
        pilot_id: p.pilot,
        item_id: p.item,
        answers: answers(json!({})),
        priority: None,
    };
    refused(flows::portal_submit(
        &mut p.ws,
        ann.link.id,
        &new,
        &[],
        "10.0.0.7:5000",
        now,
    ));
    portal::revoke(&mut p.ws, ann.link.id, now).unwrap();
    let new = NewRequest {
        answers: answers(json!({"kind": "work"})),
        ..new
    };
    assert!(refused(flows::portal_submit(
        &mut p.ws,
        ann.link.id,
        &new,
        &[],
        "10.0.0.7:5000",
        now
    ))
    .contains("revoked"));
    assert!(portal::audit(&p.ws, None, 10).unwrap().is_empty());
    assert!(pilot_core::requests::mine(&p.ws, p.pilot, p.ann)
        .unwrap()
        .is_empty());
}
