//! The portal against someone who means harm, over real HTTP on
//! 127.0.0.1: forged cross-site changes, guessed tokens, revoked links,
//! planted session ids, oversized bodies, slow clients, path traversal,
//! and the headers every answer carries. Every loop is bounded.

mod portal_support;

use std::time::Duration;

use pilot_core::pilots::{self, ParticipantRole::*};
use pilot_core::portal;
use pilot_portal::{Limits, Options, Pages};
use portal_support::*;
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_without_the_csrf_token_or_from_another_origin_is_refused() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let body = json!({"itemId": s.item, "answers": {"kind": "work"}}).to_string();
    let csrf = ann.csrf.clone().unwrap();
    let base = s.base.clone();
    let json = ("content-type", "application/json");
    let look_alike = format!("{base}.evil.example");
    let attempts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("no token", vec![json, ("origin", &base)]),
        (
            "a wrong token",
            vec![json, ("origin", &base), ("x-csrf-token", "0000")],
        ),
        (
            "a foreign origin",
            vec![
                json,
                ("origin", "http://evil.example"),
                ("x-csrf-token", &csrf),
            ],
        ),
        (
            "a look-alike origin",
            vec![json, ("origin", &look_alike), ("x-csrf-token", &csrf)],
        ),
        (
            "a null origin",
            vec![json, ("origin", "null"), ("x-csrf-token", &csrf)],
        ),
        (
            "a foreign referer",
            vec![
                json,
                ("referer", "http://evil.example/page"),
                ("x-csrf-token", &csrf),
            ],
        ),
        (
            "neither origin nor referer",
            vec![json, ("x-csrf-token", &csrf)],
        ),
    ];
    for (what, headers) in &attempts {
        let refused = ann.post_raw("/api/requests", headers, body.clone()).await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "{what}: {}",
            refused.text
        );
        assert!(refused.body["code"].is_string(), "{what}: {}", refused.text);
    }
    let form_post = ann
        .post_raw(
            "/api/requests",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("origin", &base),
                ("x-csrf-token", &csrf),
            ],
            "itemId=1".into(),
        )
        .await;
    assert_eq!(form_post.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let same_site_referer = ann
        .post_raw(
            "/api/requests",
            &[
                json,
                ("referer", &format!("{base}/portal")),
                ("x-csrf-token", &csrf),
            ],
            body.clone(),
        )
        .await;
    assert_eq!(
        same_site_referer.status,
        StatusCode::CREATED,
        "{}",
        same_site_referer.text
    );
    assert_eq!(ann.count("/api/requests").await, 1, "only the genuine one");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_link_and_the_sessions_it_opened_are_refused() {
    let s = serve().await;
    let (link, token) = s.link(s.ann, Requester);
    let mut ann = Browser::new(&s.base);
    assert_eq!(ann.sign_in(&token).await, StatusCode::OK);
    assert_eq!(ann.get("/api/requests").await.status, StatusCode::OK);
    s.with_ws(|ws| portal::revoke(ws, link, chrono::Utc::now()).unwrap());
    assert_eq!(
        ann.get("/api/requests").await.status,
        StatusCode::UNAUTHORIZED
    );
    let submit = ann
        .post(
            "/api/requests",
            json!({"itemId": s.item, "answers": {"kind": "work"}}),
        )
        .await;
    assert_eq!(submit.status, StatusCode::UNAUTHORIZED);
    let mut again = Browser::new(&s.base);
    assert_eq!(again.sign_in(&token).await, StatusCode::UNAUTHORIZED);
    assert!(again.cookie.is_none());
    let log = s.with_ws(|ws| portal::audit(ws, None, 10).unwrap());
    assert_eq!(log[0].action, "sign_in_refused");
    assert!(log[0].detail.contains("revoked"), "{}", log[0].detail);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ending_the_pilot_ends_its_sessions() {
    let s = serve().await;
    let fay = s.signed_in(s.fay, Fulfiller).await;
    assert_eq!(fay.get("/api/queue").await.status, StatusCode::OK);
    s.with_ws(|ws| pilots::end(ws, s.pilot, "Done.", chrono::Utc::now()).unwrap());
    assert_eq!(fay.get("/api/queue").await.status, StatusCode::UNAUTHORIZED);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guessed_token_is_refused_and_guessing_is_rate_limited() {
    let s = serve().await;
    let mut guesser = Browser::new(&s.base);
    let mut statuses = Vec::new();
    for i in 0..12u32 {
        statuses.push(guesser.sign_in(&format!("{i:064x}")).await);
    }
    assert!(
        statuses[..10]
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED),
        "{statuses:?}"
    );
    assert!(
        statuses[10..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    // The limit is per address: even a genuine link waits now.
    let (_, token) = s.link(s.ann, Requester);
    assert_eq!(guesser.sign_in(&token).await, StatusCode::TOO_MANY_REQUESTS);
    let log = s.with_ws(|ws| portal::audit(ws, None, 100).unwrap());
    assert_eq!(
        log.len(),
        10,
        "each guess that reached the workspace is audited, none more"
    );
    assert!(log
        .iter()
        .all(|e| e.action == "sign_in_refused" && e.address.starts_with("127.0.0.1")));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_id_planted_before_sign_in_is_never_signed_in() {
    let s = serve().await;
    let (_, token) = s.link(s.ann, Requester);
    let planted = "a".repeat(64);
    let mut victim = Browser::new(&s.base);
    victim.cookie = Some(planted.clone());
    assert_eq!(victim.sign_in(&token).await, StatusCode::OK);
    assert_ne!(victim.cookie.as_deref(), Some(planted.as_str()));
    let mut attacker = Browser::new(&s.base);
    attacker.cookie = Some(planted);
    assert_eq!(
        attacker.get("/api/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_http_only_and_same_site_strict() {
    let s = serve().await;
    let (_, token) = s.link(s.ann, Requester);
    let answer = Browser::new(&s.base).get(&format!("/s/{token}")).await;
    let cookie = answer.headers["set-cookie"].to_str().unwrap();
    for part in ["pilot_session=", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(
        answer.text.contains("url=/"),
        "the page moves on to the portal: {}",
        answer.text
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_refused_with_413() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let note = "x".repeat(70 * 1024);
    let big = ann
        .post(
            "/api/requests",
            json!({"itemId": s.item, "answers": {"kind": "work", "note": note}}),
        )
        .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(ann.count("/api/requests").await, 0);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_carries_the_security_headers() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let anonymous = Browser::new(&s.base);
    let answers = [
        ann.get("/").await,
        ann.get("/api/me").await,
        anonymous.get("/api/me").await,
        anonymous.get("/s/nothing").await,
        anonymous.get("/no/such/page").await,
    ];
    for answer in &answers {
        let h = &answer.headers;
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
        assert_eq!(h["x-frame-options"], "DENY");
    }
    assert_eq!(answers[1].headers["cache-control"], "no-store");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_are_shown_as_text_never_as_markup() {
    // The plain start page is the server's own HTML; the pages render
    // every string as text by Svelte's escaping (and lint forbids {@html}).
    let mut options = Options::new("127.0.0.1:0".parse().unwrap());
    options.pages = Pages::None;
    let s = serve_with(options).await;
    s.with_ws(|ws| {
        let mut input = pilots::get(ws, s.pilot).unwrap().input();
        input.name = "<script>alert(1)</script>".into();
        pilots::update(ws, s.pilot, input, chrono::Utc::now()).unwrap();
    });
    let ann = s.signed_in(s.ann, Requester).await;
    let page = ann.get("/").await;
    assert!(!page.text.contains("<script>"), "{}", page.text);
    assert!(page.text.contains("&lt;script&gt;"), "{}", page.text);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_trickles_its_headers_is_cut_off() {
    let mut options = Options::new("127.0.0.1:0".parse().unwrap());
    options.limits = Limits {
        header_read: Duration::from_millis(500),
        ..Limits::default()
    };
    let s = serve_with(options).await;
    let address = s.base.trim_start_matches("http://").to_owned();
    let mut slow = tokio::net::TcpStream::connect(&address).await.unwrap();
    slow.write_all(b"GET /api/me HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
    assert!(
        closed.is_ok(),
        "the server closed the connection within 5 s"
    );
    // Meanwhile and after, others are served.
    let anonymous = Browser::new(&s.base);
    assert_eq!(
        anonymous.get("/api/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_folder_is_served_and_nothing_outside_it() {
    let outside = tempfile::TempDir::new().unwrap();
    let pages = outside.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(
        pages.join("portal.html"),
        "<!doctype html><title>Portal</title>",
    )
    .unwrap();
    std::fs::write(pages.join("app.js"), "console.log('portal')").unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET").unwrap();
    let mut options = Options::new("127.0.0.1:0".parse().unwrap());
    options.pages = Pages::Folder(pages);
    let s = serve_with(options).await;
    let b = Browser::new(&s.base);
    assert!(b.get("/").await.text.contains("<title>Portal</title>"));
    assert!(
        b.get("/requests/12")
            .await
            .text
            .contains("<title>Portal</title>"),
        "any other place gets the pages' portal.html"
    );
    assert_eq!(b.get("/app.js").await.text, "console.log('portal')");
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/pages/../../secret.txt",
    ] {
        let answer = b.get(path).await;
        assert!(
            !answer.text.contains("SECRET"),
            "{path} leaked the file outside"
        );
    }
    // The raw path, unnormalised by the client.
    let address = s.base.trim_start_matches("http://").to_owned();
    let reply = raw(
        &address,
        &format!("GET /../secret.txt HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(reply.starts_with("HTTP/1.1 "), "{reply}");
    assert!(!reply.contains("SECRET"));
    assert_eq!(
        b.get("/api/nothing").await.status,
        StatusCode::NOT_FOUND,
        "the API is not the pages' fallback"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_for_one_pilot_signs_in_nobody_of_another() {
    let mut options = Options::new("127.0.0.1:0".parse().unwrap());
    options.pilot = Some(999);
    let s = serve_with(options).await;
    let (_, token) = s.link(s.ann, Requester);
    let mut ann = Browser::new(&s.base);
    assert_eq!(ann.sign_in(&token).await, StatusCode::UNAUTHORIZED);
    let log = s.with_ws(|ws| portal::audit(ws, None, 1).unwrap());
    assert!(
        log[0].detail.contains("does not serve"),
        "{}",
        log[0].detail
    );
    s.stop().await;
}

/// Sends `request` as it is to `address` and reads the whole answer.
async fn raw(address: &str, request: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut reply = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut reply))
        .await
        .expect("the server answers within 5 s")
        .unwrap();
    String::from_utf8_lossy(&reply).into_owned()
}

/// A GET of `path` naming `host` (no Host header when `None`).
async fn get_naming(address: &str, path: &str, host: Option<&str>) -> String {
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    raw(
        address,
        &format!("GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_naming_another_host_is_refused_as_dns_rebinding() {
    let s = serve().await;
    let (_, token) = s.link(s.ann, Requester);
    let address = s.base.trim_start_matches("http://").to_owned();
    let port = address.rsplit(':').next().unwrap().to_owned();
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_owned(),
        format!("127.0.0.1.evil.example:{port}"),
        format!("192.168.1.20:{port}"),
        "127.0.0.1:1".to_owned(),
    ] {
        for path in ["/api/me", "/", &format!("/s/{token}")] {
            let reply = get_naming(&address, path, Some(&host)).await;
            assert!(reply.starts_with("HTTP/1.1 421"), "{host} {path}: {reply}");
            assert!(reply.contains("answers only at its own address"), "{reply}");
            assert!(reply.contains("text/plain"), "{reply}");
            assert!(
                !reply.contains("set-cookie"),
                "no session is opened for another host"
            );
        }
    }
    let log = s.with_ws(|ws| portal::audit(ws, None, 10).unwrap());
    assert!(
        log.is_empty(),
        "a refused host never reaches sign-in: {log:?}"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_naming_no_host_gets_400_with_a_plain_message() {
    let s = serve().await;
    let address = s.base.trim_start_matches("http://").to_owned();
    let reply = get_naming(&address, "/api/me", None).await;
    assert!(reply.starts_with("HTTP/1.1 400"), "{reply}");
    assert!(reply.contains("names no host"), "{reply}");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bound_address_localhost_and_a_configured_name_are_answered() {
    let mut options = Options::new("127.0.0.1:0".parse().unwrap());
    options.host_names = vec!["pilot.hr.example".into()];
    let s = serve_with(options).await;
    let address = s.base.trim_start_matches("http://").to_owned();
    let port = address.rsplit(':').next().unwrap().to_owned();
    for host in [
        address.clone(),
        format!("localhost:{port}"),
        format!("pilot.hr.example:{port}"),
        format!("PILOT.HR.EXAMPLE:{port}"),
    ] {
        let reply = get_naming(&address, "/api/me", Some(&host)).await;
        assert!(
            reply.starts_with("HTTP/1.1 401"),
            "{host} is the portal's own: {reply}"
        );
    }
    let elsewhere = get_naming(&address, "/api/me", Some(&format!("hr.example:{port}"))).await;
    assert!(elsewhere.starts_with("HTTP/1.1 421"), "{elsewhere}");
    assert!(elsewhere.contains("pilot.hr.example"), "{elsewhere}");
    s.stop().await;
}
