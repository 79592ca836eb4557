//! Files on requests through the portal, over real HTTP on 127.0.0.1: a
//! requester attaches a file to their own request and downloads it back as
//! a download that a browser saves and never shows; nobody else's requests,
//! no forged changes, nothing over the size cap; a file named with a path
//! (`../../etc/passwd`, `..\..\x`) keeps only its plain name and is
//! written nowhere but into the workspace.

mod portal_support;

use std::path::{Path, PathBuf};

use pilot_core::pilots::ParticipantRole::*;
use pilot_core::portal;
use pilot_core::requests::attachments::FILE_MAX_BYTES;
use portal_support::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// A body posted to `path` from this portal's origin by a browser that is
/// not signed in is refused as signed out, before the body is read.
async fn refused_to_a_stranger(s: &Served, path: &str, headers: &[(&str, &str)]) {
    let mut headers = headers.to_vec();
    headers.push(("origin", &s.base));
    let anonymous = Browser::new(&s.base)
        .post_raw(path, &headers, "x".repeat(1000))
        .await;
    assert_eq!(
        anonymous.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        anonymous.text
    );
}

/// Uploads `content` as the portal's pages do: the raw file, its name
/// percent-encoded, the page's origin and CSRF token (unless `forged`).
async fn upload(b: &Browser, request: i64, name: &str, content: Vec<u8>, forged: bool) -> Answer {
    try_upload(b, request, name, content, forged).await.unwrap()
}

/// As [`upload`], or the error of a connection the server closed.
async fn try_upload(
    b: &Browser,
    request: i64,
    name: &str,
    content: Vec<u8>,
    forged: bool,
) -> reqwest::Result<Answer> {
    let mut r = b
        .client
        .post(format!("{}/api/requests/{request}/attachments", b.base))
        .header(
            "cookie",
            format!("pilot_session={}", b.cookie.clone().unwrap()),
        )
        .header("origin", b.base.clone())
        .header("content-type", "application/octet-stream")
        .header(
            "x-file-name",
            percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC)
                .to_string(),
        )
        .body(content);
    if !forged {
        r = r.header("x-csrf-token", b.csrf.clone().unwrap());
    }
    Ok(answer(r.send().await?).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requester_attaches_a_file_and_downloads_it_back_as_a_download() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let id = ann.submit(s.item).await;

    let added = upload(&ann, id, "Reçu signé.pdf", PDF.to_vec(), false).await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    assert_eq!(added.body["name"], "Reçu signé.pdf");
    assert_eq!(added.body["kind"], "PDF document");
    let file = added.body["id"].as_i64().unwrap();

    let page = ann.get(&format!("/api/requests/{id}")).await;
    assert_eq!(page.body["attachments"].as_array().unwrap().len(), 1);
    assert!(page.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "attached"));

    let url = format!("{}/api/requests/{id}/attachments/{file}", ann.base);
    let down = ann
        .client
        .get(&url)
        .header(
            "cookie",
            format!("pilot_session={}", ann.cookie.clone().unwrap()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(down.status(), StatusCode::OK);
    let h = down.headers().clone();
    assert_eq!(
        h["content-type"], "application/octet-stream",
        "never rendered"
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h["content-security-policy"]
        .to_str()
        .unwrap()
        .starts_with("sandbox"));
    let disposition = h["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''Re%C3%A7u"),
        "{disposition}"
    );
    assert_eq!(down.bytes().await.unwrap().as_ref(), PDF);

    let log = s.with_ws(|ws| portal::audit(ws, Some(s.pilot), 50).unwrap());
    assert!(
        log.iter()
            .any(|e| e.action == "attached" && e.detail == "Reçu signé.pdf"),
        "{log:?}"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_people_s_requests_forged_changes_and_oversized_files_are_refused() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let bea = s.signed_in(s.bea, Requester).await;
    let id = ann.submit(s.item).await;
    let file = upload(&ann, id, "a.txt", b"hello".to_vec(), false).await;
    let file = file.body["id"].as_i64().unwrap();

    // Bea can neither add to nor read Ann's request: it is "not found".
    let theirs = upload(&bea, id, "b.txt", b"hi".to_vec(), false).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{}", theirs.text);
    let peek = bea
        .get(&format!("/api/requests/{id}/attachments/{file}"))
        .await;
    assert_eq!(peek.status, StatusCode::NOT_FOUND, "{}", peek.text);
    // The department head sees the pilot page, not requests' files.
    let hugo = s.signed_in(s.hugo, DepartmentHead).await;
    let head = hugo
        .get(&format!("/api/requests/{id}/attachments/{file}"))
        .await;
    assert_eq!(head.status, StatusCode::NOT_FOUND, "{}", head.text);

    // Someone not signed in is refused before the body is read.
    refused_to_a_stranger(
        &s,
        &format!("/api/requests/{id}/attachments"),
        &[
            ("content-type", "application/octet-stream"),
            ("x-file-name", "d.txt"),
        ],
    )
    .await;
    let forged = upload(&ann, id, "c.txt", b"x".to_vec(), true).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text);
    // Refused from its Content-Length, before the body is read: the server
    // may answer 413 and close the connection while the client still sends.
    let too_big = try_upload(&ann, id, "big.bin", vec![1; FILE_MAX_BYTES + 1], false).await;
    if let Ok(answer) = too_big {
        assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    }
    let empty = upload(&ann, id, "empty.txt", Vec::new(), false).await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.text
    );
    assert!(empty.text.contains("is empty"), "{}", empty.text);
    // A form's JSON limit still holds everywhere else.
    let long = ann
        .post(
            &format!("/api/requests/{id}/actions"),
            serde_json::json!({"kind": "comment", "text": "x".repeat(100_000)}),
        )
        .await;
    assert_eq!(long.status, StatusCode::PAYLOAD_TOO_LARGE);

    let page = ann.get(&format!("/api/requests/{id}")).await;
    assert_eq!(page.body["attachments"].as_array().unwrap().len(), 1);
    s.stop().await;
}

/// Submits a request as the portal's pages do when the form has files:
/// one `multipart/form-data` body with the answers and each file.
async fn submit_with(
    b: &Browser,
    item: i64,
    answers: Value,
    files: &[(&str, &str, Vec<u8>)],
) -> Answer {
    try_submit_with(b, item, answers, files).await.unwrap()
}

/// As [`submit_with`], or the error of a connection the server closed.
async fn try_submit_with(
    b: &Browser,
    item: i64,
    answers: Value,
    files: &[(&str, &str, Vec<u8>)],
) -> reqwest::Result<Answer> {
    use reqwest::multipart::{Form, Part};
    let request = json!({"itemId": item, "answers": answers}).to_string();
    let mut form = Form::new().part(
        "request",
        Part::text(request).mime_str("application/json").unwrap(),
    );
    for (key, name, content) in files {
        form = form.part(
            format!("file:{key}"),
            Part::bytes(content.clone()).file_name(name.to_string()),
        );
    }
    let response = b
        .client
        .post(format!("{}/api/requests", b.base))
        .header(
            "cookie",
            format!("pilot_session={}", b.cookie.clone().unwrap()),
        )
        .header("origin", b.base.clone())
        .header("x-csrf-token", b.csrf.clone().unwrap())
        .multipart(form)
        .send()
        .await?;
    Ok(answer(response).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_is_submitted_with_the_file_its_form_asks_for_or_not_at_all() {
    let s = serve().await;
    s.with_ws(|ws| pilot_fixtures::hr::with_signed_form(ws, s.item));
    let ann = s.signed_in(s.ann, Requester).await;

    let sent = submit_with(
        &ann,
        s.item,
        json!({"kind": "work"}),
        &[("signed_form", "Formulaire signé.pdf", PDF.to_vec())],
    )
    .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.text);
    let files = sent.body["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["name"], "Formulaire signé.pdf");
    assert_eq!(files[0]["fieldKey"], "signed_form");
    assert_eq!(files[0]["kind"], "PDF document");
    assert_eq!(sent.body["answers"]["signed_form"], "Formulaire signé.pdf");
    let answer = sent.body["answerLines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == "signed_form")
        .unwrap()
        .clone();
    assert_eq!(answer["text"], "Formulaire signé.pdf");

    // A name typed without its file, and a form without the required file,
    // are refused in words.
    let typed = ann
        .post(
            "/api/requests",
            json!({"itemId": s.item, "answers": {"kind": "work", "signed_form": "scan.pdf"}}),
        )
        .await;
    assert_eq!(
        typed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        typed.text
    );
    assert!(
        typed.text.contains("attach the file itself"),
        "{}",
        typed.text
    );
    let missing = submit_with(&ann, s.item, json!({"kind": "work"}), &[]).await;
    assert_eq!(
        missing.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        missing.text
    );
    assert!(missing.text.contains("Signed form"), "{}", missing.text);
    // A file over the cap is refused before anything is stored (the
    // server may close the connection while the client still sends).
    let big = try_submit_with(
        &ann,
        s.item,
        json!({"kind": "work"}),
        &[("signed_form", "big.bin", vec![1; FILE_MAX_BYTES + 1])],
    )
    .await;
    if let Ok(big) = big {
        assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", big.text);
        assert!(big.text.contains("at most"), "{}", big.text);
    }
    assert_eq!(
        ann.count("/api/requests").await,
        1,
        "only the first was stored"
    );

    // A stranger's form is refused before its body is read.
    refused_to_a_stranger(
        &s,
        "/api/requests",
        &[("content-type", "multipart/form-data; boundary=x")],
    )
    .await;
    s.stop().await;
}

/// Submits a request with one file for `signed_form` in a multipart body
/// written byte for byte, as a hostile client may: `file_name` goes into
/// the part's `filename="…"` exactly as given, unescaped.
async fn submit_named_exactly(b: &Browser, item: i64, file_name: &str, content: &str) -> Answer {
    let boundary = "pilot-test-boundary";
    let request = json!({"itemId": item, "answers": {"kind": "work"}});
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"request\"\r\n\
         Content-Type: application/json\r\n\r\n{request}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file:signed_form\"; \
         filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n\
         {content}\r\n--{boundary}--\r\n"
    );
    let content_type = format!("multipart/form-data; boundary={boundary}");
    b.post_raw(
        "/api/requests",
        &[
            ("content-type", &content_type),
            ("origin", &b.base),
            ("x-csrf-token", b.csrf.as_deref().unwrap()),
        ],
        body,
    )
    .await
}

/// What is at each place a file name could reach if it were taken as a
/// path: beside the workspace and in the server's working folder, with the
/// name as it is and with Windows separators read as separators.
fn reachable_by(name: &str, workspace_folder: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let cwd = std::env::current_dir().unwrap();
    let unix = name.replace('\\', "/");
    [workspace_folder, cwd.as_path()]
        .iter()
        .flat_map(|base| [base.join(name), base.join(&unix)])
        .map(|place| {
            let content = std::fs::read(&place).ok();
            (place, content)
        })
        .collect()
}

/// The names in `folder`.
fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_named_with_a_path_is_stored_under_its_plain_name_inside_the_workspace() {
    let s = serve().await;
    s.with_ws(|ws| pilot_fixtures::hr::with_signed_form(ws, s.item));
    let ann = s.signed_in(s.ann, Requester).await;
    let folder = s.dir.path().to_owned();
    let content = "root:x:0:0:planted by a test:/root:/bin/sh\n";
    for (sent, kept) in [("../../etc/passwd", "passwd"), ("..\\..\\x", "x")] {
        let before = reachable_by(sent, &folder);
        let files_before = names_in(&folder);

        let answer = submit_named_exactly(&ann, s.item, sent, content).await;
        assert_eq!(
            answer.status,
            StatusCode::CREATED,
            "{sent}: {}",
            answer.text
        );
        let files = answer.body["attachments"].as_array().unwrap();
        assert_eq!(files.len(), 1, "{sent}");
        assert_eq!(files[0]["name"], kept, "{sent}");
        assert_eq!(answer.body["answers"]["signed_form"], kept, "{sent}");
        let id = answer.body["id"].as_i64().unwrap();
        let file = files[0]["id"].as_i64().unwrap();
        let down = ann
            .get(&format!("/api/requests/{id}/attachments/{file}"))
            .await;
        assert_eq!(down.text, content, "the content is kept as data");
        let disposition = down.headers["content-disposition"].to_str().unwrap();
        assert!(
            disposition.starts_with(&format!("attachment; filename=\"{kept}\"")),
            "{disposition}"
        );

        assert_eq!(
            reachable_by(sent, &folder),
            before,
            "{sent}: nothing written where the name points"
        );
        assert_eq!(
            names_in(&folder),
            files_before,
            "{sent}: no new file beside the workspace"
        );
    }
    s.stop().await;
}
