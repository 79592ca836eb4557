//! `pilot requests` as a script runs it: a request submitted with the file
//! its form asks for, listed in the queue, approved and shown; a file
//! argument that is not FIELD_KEY=PATH is refused in words.

#[path = "../../core/tests/pilot_support/mod.rs"]
mod pilot_support;

mod cli_support;
use cli_support::{json, pilot, texts};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

#[test]
fn a_request_is_submitted_with_its_file_listed_approved_and_shown() {
    let mut p = pilot_support::running();
    pilot_fixtures::hr::with_signed_form(&mut p.ws, p.item);
    let scan = p.dir.path().join("signed form.pdf");
    std::fs::write(&scan, PDF).unwrap();
    let path = p.ws.path().to_owned();
    let (pilot_id, item) = (p.pilot.to_string(), p.item.to_string());
    drop(p.ws);
    let file = path.to_str().unwrap();
    let at = ["--at", "2026-03-04T09:00:00Z"];

    let submit = |extra: &[&str]| {
        let mut args = vec![
            "requests",
            "submit",
            "-w",
            file,
            "--pilot",
            &pilot_id,
            "--item",
            &item,
            "--as",
            "ann@example.org",
            "--answers",
            r#"{"kind": "work"}"#,
            "--json",
        ];
        args.extend_from_slice(&at);
        args.extend_from_slice(extra);
        pilot(&args)
    };
    let without = submit(&[]);
    assert_eq!(without.status.code(), Some(1));
    let message = json(&without)["error"]["message"].to_string();
    assert!(message.contains("Signed form"), "{message}");
    let typo = submit(&["--file", "signed form.pdf"]);
    assert_eq!(typo.status.code(), Some(1));
    let message = json(&typo)["error"]["message"].to_string();
    assert!(message.contains("FIELD_KEY=PATH"), "{message}");

    let with = format!("signed_form={}", scan.display());
    let made = json(&submit(&["--file", &with]));
    let id = made["id"].as_i64().unwrap().to_string();
    assert_eq!(made["attachments"][0]["name"], "signed form.pdf");
    assert_eq!(made["attachments"][0]["fieldKey"], "signed_form");
    assert_eq!(made["answers"]["signed_form"], "signed form.pdf");

    let queue = json(&pilot(&[
        "requests",
        "list",
        "-w",
        file,
        "--pilot",
        &pilot_id,
        "--json",
        "--at",
        "2026-03-04T09:05:00Z",
    ]));
    assert_eq!(queue["rows"].as_array().unwrap().len(), 1, "{queue}");

    let approved = json(&pilot(&[
        "requests",
        "transition",
        &id,
        "approve",
        "-w",
        file,
        "--as",
        "max@example.org",
        "--json",
        "--at",
        "2026-03-04T10:00:00Z",
    ]));
    assert_eq!(approved["state"], "in_progress", "{approved}");
    let shown = json(&pilot(&["requests", "show", &id, "-w", file, "--json"]));
    let kinds = texts(&shown["events"], "kind");
    assert_eq!(
        &kinds[..3],
        ["submitted", "attached", "approved"],
        "{kinds:?}"
    );
}
