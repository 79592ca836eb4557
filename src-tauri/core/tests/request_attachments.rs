//! Files on pilot requests: who may attach, what is kept, what is refused,
//! and that a file is stored whole or not at all.

mod pilot_support;

use pilot_core::requests::attachments::{self, NewFile, FILES_PER_REQUEST, FILE_MAX_BYTES};
use pilot_core::requests::{self, Action, Actor};
use pilot_core::{Error, Workspace};
use pilot_support::{running, utc};

fn file(name: &str, content: &[u8]) -> NewFile {
    NewFile {
        name: name.into(),
        content: content.to_vec(),
        field_key: None,
    }
}

fn refusal(result: pilot_core::Result<impl std::fmt::Debug>) -> String {
    match result {
        Err(Error::Invalid { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

#[test]
fn the_requester_attaches_a_file_that_the_request_and_its_timeline_show() {
    let mut p = running();
    let r = p.submit("2026-03-02T10:00:00Z");
    let at = utc("2026-03-02T10:05:00Z");
    let a = requests::attach(
        &mut p.ws,
        r.id,
        Actor::acting_as(p.ann),
        &file("C:\\Scans\\Contract signed.pdf", PDF),
        at,
    )
    .unwrap();
    assert_eq!(a.name, "Contract signed.pdf", "the path is not kept");
    assert_eq!(a.media_type, "application/pdf");
    assert_eq!(a.kind, "PDF document");
    assert_eq!(a.size, PDF.len() as i64);
    assert_eq!(a.added_by_name, "Ann");

    let shown = requests::get(&p.ws, r.id, false, at).unwrap();
    assert_eq!(shown.attachments, vec![a.clone()]);
    let last = shown.events.last().unwrap();
    assert_eq!(last.kind, "attached");
    assert!(last
        .detail
        .starts_with("Contract signed.pdf (PDF document,"));
    assert!(!last.internal, "the requester sees it");
    assert_eq!(shown.state, r.state, "attaching changes no state");

    let (same, bytes) = attachments::content(&p.ws, r.id, a.id).unwrap();
    assert_eq!((same, bytes.as_slice()), (a, PDF));
}

#[test]
fn only_people_who_may_comment_attach_and_only_while_the_request_is_open() {
    let mut p = running();
    let r = p.submit("2026-03-02T10:00:00Z");
    let at = utc("2026-03-02T10:05:00Z");
    let stranger = pilot_support::person(&mut p.ws, "Zoe", None);
    let refused = requests::attach(
        &mut p.ws,
        r.id,
        Actor::acting_as(stranger),
        &file("a.txt", b"x"),
        at,
    );
    assert!(refusal(refused).contains("comment on requests"));
    // The fulfiller may.
    requests::attach(
        &mut p.ws,
        r.id,
        Actor::acting_as(p.fay),
        &file("a.txt", b"x"),
        at,
    )
    .unwrap();

    p.act(
        r.id,
        p.ann,
        Action::Cancel {
            reason: String::new(),
        },
        "2026-03-02T11:00:00Z",
    )
    .unwrap();
    let late = requests::attach(
        &mut p.ws,
        r.id,
        Actor::acting_as(p.ann),
        &file("b.txt", b"y"),
        utc("2026-03-02T11:05:00Z"),
    );
    assert!(refusal(late).contains("nothing more can be attached"));
}

#[test]
fn empty_and_oversized_files_are_refused_by_name_and_nothing_is_stored() {
    let mut p = running();
    let r = p.submit("2026-03-02T10:00:00Z");
    let at = utc("2026-03-02T10:05:00Z");
    let ann = Actor::acting_as(p.ann);
    let empty = requests::attach(&mut p.ws, r.id, ann, &file("empty.txt", b""), at);
    assert_eq!(
        refusal(empty),
        "“empty.txt” is empty: there is nothing to attach."
    );
    let big = vec![7u8; FILE_MAX_BYTES + 1];
    let too_big = requests::attach(&mut p.ws, r.id, ann, &file("scan.tif", &big), at);
    assert_eq!(
        refusal(too_big),
        "“scan.tif” is 10.0 MB; a file can be at most 10.0 MB."
    );
    let shown = requests::get(&p.ws, r.id, false, at).unwrap();
    assert!(shown.attachments.is_empty());
    assert!(shown.events.iter().all(|e| e.kind != "attached"));
}

#[test]
fn a_request_holds_a_bounded_number_of_files() {
    let mut p = running();
    let r = p.submit("2026-03-02T10:00:00Z");
    let at = utc("2026-03-02T10:05:00Z");
    let ann = Actor::acting_as(p.ann);
    for i in 0..FILES_PER_REQUEST {
        requests::attach(&mut p.ws, r.id, ann, &file(&format!("{i}.txt"), b"x"), at).unwrap();
    }
    let one_more = requests::attach(&mut p.ws, r.id, ann, &file("more.txt", b"x"), at);
    assert!(refusal(one_more).contains("the most one request can hold"));
}

#[test]
fn attachments_are_kept_in_the_workspace_file_and_saved_out_whole() {
    let mut p = running();
    let r = p.submit("2026-03-02T10:00:00Z");
    let at = utc("2026-03-02T10:05:00Z");
    let photo = [b"\x89PNG\r\n\x1a\n".as_slice(), &[1u8; 5000]].concat();
    let a = requests::attach(
        &mut p.ws,
        r.id,
        Actor::acting_as(p.ann),
        &file("door.png", &photo),
        at,
    )
    .unwrap();
    let path = p.ws.path().to_owned();
    drop(std::mem::replace(
        &mut p.ws,
        Workspace::create(&p.dir.path().join("Other.pilot")).unwrap(),
    ));

    let ws = Workspace::open(&path).unwrap();
    let listed = attachments::list(&ws, r.id).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, "PNG image");
    let out = p.dir.path().join("copy of door.png");
    attachments::save_copy(&ws, r.id, a.id, &out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), photo);
    assert!(!p.dir.path().join("copy of door.png.part").exists());

    let missing = attachments::content(&ws, r.id + 1, a.id);
    assert!(
        matches!(missing, Err(Error::NotFound { .. })),
        "only through its own request"
    );
}

#[test]
fn a_file_is_read_from_disk_only_when_it_is_small_enough() {
    let dir = tempfile::TempDir::new().unwrap();
    let small = dir.path().join("receipt.pdf");
    std::fs::write(&small, PDF).unwrap();
    let read = attachments::read(&small).unwrap();
    assert_eq!(
        (read.name.as_str(), read.content.as_slice()),
        ("receipt.pdf", PDF)
    );

    let big = dir.path().join("video.mp4");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(FILE_MAX_BYTES as u64 + 1).unwrap();
    assert!(refusal(attachments::read(&big)).contains("“video.mp4” is 10.0 MB"));
    let gone = attachments::read(&dir.path().join("gone.pdf"));
    assert!(matches!(gone, Err(Error::Io { .. })));
}

fn new_request(p: &pilot_support::Pilot, answers: serde_json::Value) -> requests::NewRequest {
    new_request_in(p.pilot, p.item, answers)
}

fn new_request_in(pilot: i64, item: i64, answers: serde_json::Value) -> requests::NewRequest {
    requests::NewRequest {
        pilot_id: pilot,
        item_id: item,
        answers: pilot_support::answers(answers),
        priority: None,
    }
}

fn for_field(name: &str, key: &str, content: &[u8]) -> NewFile {
    NewFile {
        field_key: Some(key.into()),
        ..file(name, content)
    }
}

#[test]
fn a_file_field_is_answered_by_the_file_sent_with_the_request() {
    let mut p = running();
    pilot_fixtures::hr::with_signed_form(&mut p.ws, p.item);
    let at = utc("2026-03-02T10:00:00Z");
    let new = new_request(&p, serde_json::json!({"kind": "work"}));
    let r = requests::submit_with_files(
        &mut p.ws,
        &new,
        &[for_field("/home/ann/scan 1.pdf", "signed_form", PDF)],
        Actor::acting_as(p.ann),
        at,
    )
    .unwrap();
    assert_eq!(r.attachments.len(), 1);
    let a = &r.attachments[0];
    assert_eq!(a.name, "scan 1.pdf");
    assert_eq!(a.field_key.as_deref(), Some("signed_form"));
    assert_eq!(a.kind, "PDF document");
    assert_eq!(r.answers["signed_form"], "scan 1.pdf");
    let answer = r
        .answer_lines
        .iter()
        .find(|l| l.key == "signed_form")
        .unwrap();
    assert_eq!(answer.text, "scan 1.pdf", "the answer is the file's name");
    let kinds: Vec<&str> = r.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(&kinds[..2], ["submitted", "attached"]);
    let (_, bytes) = attachments::content(&p.ws, r.id, a.id).unwrap();
    assert_eq!(bytes, PDF);
}

#[test]
fn a_file_field_answered_with_a_bare_name_or_a_stray_file_is_refused_and_nothing_is_stored() {
    let mut p = running();
    pilot_fixtures::hr::with_signed_form(&mut p.ws, p.item);
    let at = utc("2026-03-02T10:00:00Z");
    let ann = Actor::acting_as(p.ann);
    let (pilot, item) = (p.pilot, p.item);

    let required = requests::submit_with_files(
        &mut p.ws,
        &new_request_in(pilot, item, serde_json::json!({"kind": "work"})),
        &[],
        ann,
        at,
    );
    assert!(refusal(required).contains("Signed form"));

    let typed = requests::submit_with_files(
        &mut p.ws,
        &new_request_in(
            pilot,
            item,
            serde_json::json!({"kind": "work", "signed_form": "scan.pdf"}),
        ),
        &[],
        ann,
        at,
    );
    assert!(refusal(typed).contains("attach the file itself"));

    let stray = requests::submit_with_files(
        &mut p.ws,
        &new_request_in(pilot, item, serde_json::json!({"kind": "work"})),
        &[
            for_field("scan.pdf", "signed_form", PDF),
            for_field("notes.txt", "note", b"hello"),
        ],
        ann,
        at,
    );
    assert!(refusal(stray).contains("not a file field"));

    let twice = requests::submit_with_files(
        &mut p.ws,
        &new_request_in(pilot, item, serde_json::json!({"kind": "work"})),
        &[
            for_field("scan.pdf", "signed_form", PDF),
            for_field("scan 2.pdf", "signed_form", PDF),
        ],
        ann,
        at,
    );
    assert!(refusal(twice).contains("takes one file"));

    let empty = requests::submit_with_files(
        &mut p.ws,
        &new_request_in(pilot, item, serde_json::json!({"kind": "work"})),
        &[for_field("scan.pdf", "signed_form", b"")],
        ann,
        at,
    );
    assert!(refusal(empty).contains("scan.pdf"));
    assert!(
        requests::mine(&p.ws, p.pilot, p.ann).unwrap().is_empty(),
        "no request is stored without its file"
    );
}
