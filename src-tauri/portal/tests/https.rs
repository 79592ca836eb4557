//! The portal over HTTPS with the analyst's certificate and key: a
//! participant signs in by personal link and works as over HTTP, the
//! session cookie is `Secure`, a slow handshake holds up nobody else, and
//! certificate or key files that cannot be used stop the portal from
//! starting with a message that names the file and what is wrong.

mod portal_support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use pilot_core::pilots::ParticipantRole::*;
use pilot_portal::{Limits, Options, ServeError, Tls};
use portal_support::*;
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_signs_in_by_personal_link_over_https_and_submits() {
    let s = serve_https().await;
    assert!(s.base.starts_with("https://127.0.0.1:"), "{}", s.base);
    let ann = s.signed_in(s.ann, Requester).await;
    let me = ann.get("/api/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["personName"], "Ann");
    let id = ann.submit(s.item).await;
    let shown = ann.get(&format!("/api/requests/{id}")).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.text);
    assert_eq!(shown.body["requesterName"], "Ann");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_https_the_session_cookie_is_secure_http_only_and_same_site_strict() {
    let s = serve_https().await;
    let (_, token) = s.link(s.ann, Requester);
    let answer = s.browser().get(&format!("/s/{token}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let cookie = answer.headers["set-cookie"].to_str().unwrap();
    for part in ["HttpOnly", "SameSite=Strict", "Path=/", "Secure"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_plain_http_the_session_cookie_is_not_secure_or_no_browser_would_send_it_back() {
    let s = serve().await;
    let (_, token) = s.link(s.ann, Requester);
    let answer = s.browser().get(&format!("/s/{token}")).await;
    let cookie = answer.headers["set-cookie"].to_str().unwrap();
    assert!(!cookie.contains("Secure"), "{cookie}");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_over_https_takes_the_secure_cookie_away() {
    let s = serve_https().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let out = ann.post("/api/sign-out", serde_json::json!({})).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.text);
    let cookie = out.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("Max-Age=0"), "{cookie}");
    assert!(cookie.contains("Secure"), "{cookie}");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_https_a_change_from_a_plain_http_page_of_the_same_host_is_refused() {
    let s = serve_https().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let host = s.base.trim_start_matches("https://");
    let refused = ann
        .post_raw(
            "/api/requests",
            &[
                ("origin", &format!("http://{host}")),
                ("content-type", "application/json"),
                ("x-csrf-token", ann.csrf.as_deref().unwrap()),
            ],
            r#"{"itemId": 1, "answers": {}}"#.into(),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_speaking_plain_http_to_an_https_portal_gets_no_page() {
    let s = serve_https().await;
    let mut stream = TcpStream::connect(s.base.trim_start_matches("https://"))
        .await
        .unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let mut reply = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut reply)).await;
    assert!(
        !reply.starts_with(b"HTTP/"),
        "{}",
        String::from_utf8_lossy(&reply)
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_handshake_holds_up_nobody_and_is_let_go() {
    let mut options = Options::new("127.0.0.1:0".parse().unwrap());
    options.limits = Limits {
        header_read: Duration::from_secs(1),
        ..Limits::default()
    };
    let s = serve_https_with(options).await;
    let address = s.base.trim_start_matches("https://").to_owned();
    // Connects and says nothing: the handshake waits for its first bytes.
    let mut silent = TcpStream::connect(&address).await.unwrap();
    // Another participant signs in meanwhile, at once.
    let ann = tokio::time::timeout(Duration::from_secs(5), s.signed_in(s.ann, Requester))
        .await
        .expect("a silent connection does not hold up the others");
    assert_eq!(ann.get("/api/me").await.status, StatusCode::OK);
    // And the silent one is closed after the time given for headers.
    let mut buffer = [0u8; 16];
    let closed = tokio::time::timeout(Duration::from_secs(5), silent.read(&mut buffer)).await;
    assert!(
        matches!(closed, Ok(Ok(0)) | Ok(Err(_))),
        "the silent connection is closed within 5 s: {closed:?}"
    );
    s.stop().await;
}

/// The reason the portal gave for not starting with these files.
async fn refusal(certificate: &Path, key: &Path) -> String {
    let mut options = Options::new("127.0.0.1:0".parse().unwrap());
    options.tls = Some(Tls {
        certificate: certificate.to_owned(),
        key: key.to_owned(),
    });
    match try_serve_with(options, None).await {
        Err(ServeError::Tls(e)) => e.to_string(),
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(s) => {
            s.stop().await;
            panic!("the portal started with these files")
        }
    }
}

/// A folder with `cert.pem` and `key.pem` holding what is given.
fn files(certificate: &str, key: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (c, k) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&c, certificate).unwrap();
    std::fs::write(&k, key).unwrap();
    (dir, c, k)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_file_that_cannot_be_read_is_named() {
    let (_, key) = self_signed(&["localhost"]);
    let (dir, _, k) = files("", &key);
    let missing = dir.path().join("nowhere.pem");
    let message = refusal(&missing, &k).await;
    assert!(
        message.starts_with(&format!(
            "The certificate file {} cannot be read:",
            missing.display()
        )),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_file_without_a_certificate_says_none_was_found() {
    let (_, key) = self_signed(&["localhost"]);
    let (_dir, c, k) = files("Not a certificate at all.\n", &key);
    let message = refusal(&c, &k).await;
    assert!(
        message.starts_with(&format!("No certificate found in {}:", c.display())),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn swapped_certificate_and_key_files_are_pointed_out() {
    let (certificate, key) = self_signed(&["localhost"]);
    let (_dir, c, k) = files(&certificate.pem, &key);
    let message = refusal(&k, &c).await;
    assert!(
        message.starts_with(&format!("No certificate found in {}:", k.display())),
        "{message}"
    );
    assert!(
        message.contains("were the certificate and the key swapped?"),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_file_without_a_private_key_says_none_was_found() {
    let (certificate, _) = self_signed(&["localhost"]);
    let (_dir, c, k) = files(&certificate.pem, "");
    let message = refusal(&c, &k).await;
    assert!(
        message.starts_with(&format!("No private key found in {}:", k.display())),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_that_is_broken_pem_is_not_valid_pem() {
    let (_, key) = self_signed(&["localhost"]);
    let broken = "-----BEGIN CERTIFICATE-----\n!!!! not base64 !!!!\n-----END CERTIFICATE-----\n";
    let (_dir, c, k) = files(broken, &key);
    let message = refusal(&c, &k).await;
    assert!(
        message.starts_with(&format!(
            "The certificate file {} is not valid PEM",
            c.display()
        )),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_made_for_another_certificate_does_not_match() {
    let (certificate, _) = self_signed(&["localhost"]);
    let (_, other_key) = self_signed(&["localhost"]);
    let (_dir, c, k) = files(&certificate.pem, &other_key);
    let message = refusal(&c, &k).await;
    assert!(
        message.starts_with(&format!(
            "The key in {} does not match the certificate in {}",
            k.display(),
            c.display()
        )),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_says_its_scheme() {
    let plain = serve().await;
    assert!(plain.base.starts_with("http://"), "{}", plain.base);
    plain.stop().await;
    let secure = serve_https().await;
    assert!(secure.base.starts_with("https://"), "{}", secure.base);
    secure.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_names_the_certificate_is_for_are_names_the_portal_answers_to() {
    let s = serve_https_for(
        &["127.0.0.1", "pilot.hr.example", "*.hr.example"],
        Options::new("127.0.0.1:0".parse().unwrap()),
    )
    .await;
    let address: std::net::SocketAddr = s.base.trim_start_matches("https://").parse().unwrap();
    let https = s.https.as_ref().unwrap();
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(client_tls(&https.certificate))
        .resolve("pilot.hr.example", address)
        .resolve("other.hr.example", address)
        .build()
        .unwrap();
    let port = address.port();
    let named = client
        .get(format!("https://pilot.hr.example:{port}/api/me"))
        .send()
        .await
        .unwrap();
    // Not signed in, but past the host check.
    assert_eq!(named.status(), StatusCode::UNAUTHORIZED);
    // A wildcard says nothing about which host this is: still refused.
    let other = client
        .get(format!("https://other.hr.example:{port}/api/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::MISDIRECTED_REQUEST);
    let refusal = other.text().await.unwrap();
    assert!(
        refusal.contains(&format!("https://127.0.0.1:{port}/")),
        "{refusal}"
    );
    s.stop().await;
}
