//! `pilot audit` as a script runs it: the portal's sign-ins and changes,
//! newest first, each with its time, address, person and action; one
//! pilot's or every pilot's; as lines or as JSON.

#[path = "../../core/tests/pilot_support/mod.rs"]
mod pilot_support;

mod cli_support;
use cli_support::{json, pilot, succeeds, texts};

use pilot_core::flows;
use pilot_core::pilots::ParticipantRole;
use pilot_core::portal;
use pilot_core::requests::NewRequest;
use pilot_support::{answers, utc};
use serde_json::json;

/// A running pilot in which Ann signed in from 10.0.0.7 at 08:00 and
/// submitted a request at 08:05, and a guessed link was refused from
/// 192.0.2.9 at 08:10; its file and pilot, as arguments.
fn audited() -> (tempfile::TempDir, String, String) {
    let mut p = pilot_support::running();
    let signed_in = utc("2026-03-04T08:00:00Z");
    let link = portal::issue(
        &mut p.ws,
        p.pilot,
        p.ann,
        ParticipantRole::Requester,
        30,
        signed_in,
    )
    .unwrap();
    let ann = portal::resolve(&p.ws, &link.token, signed_in).unwrap();
    let sign_in = portal::entry(&ann, "sign_in", None, "", "10.0.0.7:51234", signed_in);
    portal::record(&mut p.ws, &sign_in).unwrap();
    let new = NewRequest {
        pilot_id: p.pilot,
        item_id: p.item,
        answers: answers(json!({"kind": "work"})),
        priority: None,
    };
    let submitted = utc("2026-03-04T08:05:00Z");
    flows::portal_submit(
        &mut p.ws,
        ann.link_id,
        &new,
        &[],
        "10.0.0.7:51234",
        submitted,
    )
    .unwrap();
    let guessed = portal::refused_sign_in(
        "This link does not sign anyone in.",
        "192.0.2.9:4000",
        utc("2026-03-04T08:10:00Z"),
    );
    portal::record(&mut p.ws, &guessed).unwrap();
    let file = p.ws.path().to_string_lossy().into_owned();
    (p.dir, file, p.pilot.to_string())
}

#[test]
fn the_audit_prints_every_sign_in_and_change_newest_first_with_time_address_who_and_action() {
    let (_dir, file, _) = audited();
    let text = succeeds(&["audit", &file]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    for (line, parts) in lines.iter().zip([
        [
            "2026-03-04T08:10:00Z",
            "192.0.2.9:4000",
            "(no one)",
            "sign_in_refused",
        ],
        ["2026-03-04T08:05:00Z", "10.0.0.7:51234", "Ann", "submitted"],
        ["2026-03-04T08:00:00Z", "10.0.0.7:51234", "Ann", "sign_in"],
    ]) {
        let mut at = 0;
        for part in parts {
            let found = line[at..]
                .find(part)
                .unwrap_or_else(|| panic!("{part} in order in: {line}"));
            at += found + part.len();
        }
    }
    assert!(
        lines[1].contains("  #"),
        "the request it made: {}",
        lines[1]
    );
}

#[test]
fn the_audit_of_one_pilot_leaves_out_guesses_that_matched_no_link_and_obeys_the_limit() {
    let (_dir, file, pilot_id) = audited();
    let all = json(&pilot(&["audit", &file, "--pilot", &pilot_id, "--json"]));
    assert_eq!(texts(&all["entries"], "action"), ["submitted", "sign_in"]);
    assert_eq!(all["entries"][0]["address"], "10.0.0.7:51234");
    assert_eq!(all["entries"][0]["personName"], "Ann");
    assert_eq!(all["entries"][0]["at"], "2026-03-04T08:05:00Z");

    let newest = json(&pilot(&["audit", &file, "--limit", "1", "--json"]));
    let entries = newest["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["action"], "sign_in_refused");
}

#[test]
fn an_unknown_pilot_or_a_limit_of_nothing_is_refused() {
    let (_dir, file, _) = audited();
    let missing = pilot(&["audit", &file, "--pilot", "999", "--json"]);
    assert_eq!(missing.status.code(), Some(1));
    let message = json(&missing)["error"]["message"].to_string();
    assert!(message.contains("Pilot 999 does not exist"), "{message}");
    let nothing = pilot(&["audit", &file, "--limit", "0"]);
    assert_eq!(nothing.status.code(), Some(2), "a usage error");
}
