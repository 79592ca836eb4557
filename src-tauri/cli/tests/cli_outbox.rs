//! `pilot outbox` as a script runs it: the pilot's unsent messages as one
//! e-mail per person, and marking them sent so the next run is empty.

#[path = "../../core/tests/pilot_support/mod.rs"]
mod pilot_support;

mod cli_support;
use cli_support::{json, pilot, succeeds};

#[test]
fn the_outbox_prints_one_e_mail_per_person_and_empties_once_marked_sent() {
    let mut p = pilot_support::running();
    p.submit("2026-03-04T08:00:00Z");
    p.submit("2026-03-04T09:00:00Z");
    let path = p.ws.path().to_owned();
    let pilot_id = p.pilot.to_string();
    drop(p.ws);
    let file = path.to_str().unwrap();

    let text = succeeds(&["outbox", file, "--pilot", &pilot_id]);
    assert!(text.starts_with("To: Max <max@example.org>\n"), "{text}");
    assert!(
        text.contains("Subject: 2 messages about your requests"),
        "{text}"
    );
    assert_eq!(text.matches("To: ").count(), 1, "{text}");

    let marked = json(&pilot(&[
        "outbox",
        file,
        "--pilot",
        &pilot_id,
        "--mark-sent",
        "--json",
    ]));
    assert_eq!(marked["markedSent"], 2);
    assert_eq!(marked["batches"][0]["personName"], "Max");
    let after = json(&pilot(&["outbox", file, "--pilot", &pilot_id, "--json"]));
    assert_eq!(after["batches"].as_array().unwrap().len(), 0);

    let missing = pilot(&["outbox", file, "--pilot", "999", "--json"]);
    assert_eq!(missing.status.code(), Some(1));
    let message = json(&missing)["error"]["message"].to_string();
    assert!(message.contains("Pilot 999 does not exist"), "{message}");
}
