//! "Open to the department" in the real window: a running pilot is opened
//! on this computer, a requester's personal link is issued on screen and
//! used from outside the app (this test process, as the participant's
//! browser), the connected count follows, the link is revoked in the
//! window and refused by the portal, and switching off closes the port.
//! The pilot page and Reports follow what participants do on the portal
//! as it happens. In Chromium, the app's own portal takes a request from
//! a signed-in requester and refuses forged posts from another site's
//! page.

use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use pilot_e2e::{App, Profile, Scheme, WebDriverResult};
use thirtyfour::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::pilots::{open, pilot_in, prepare};

/// The element of `css` inside the participant row naming `who`.
async fn in_row(app: &App, who: &str, css: &str) -> WebDriverResult<WebElement> {
    let started = Instant::now();
    loop {
        for row in app.all("[data-testid=share-row]").await? {
            if row.text().await?.contains(who) {
                if let Ok(el) = row.find(By::Css(css)).await {
                    return Ok(el);
                }
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no {css} in the row of {who}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The portal's address as the share panel shows it.
async fn shown_address(app: &App) -> WebDriverResult<String> {
    Ok(app
        .el("[data-testid=share-url]")
        .await?
        .value()
        .await?
        .unwrap_or_default())
}

/// Issues `who`'s personal link in the window and reads it off the screen.
async fn issue_on_screen(app: &App, who: &str) -> WebDriverResult<String> {
    in_row(app, who, "[data-testid=link-issue]")
        .await?
        .click()
        .await?;
    Ok(app
        .el("[data-testid=share-issued] [data-testid=link-url]")
        .await?
        .value()
        .await?
        .unwrap_or_default())
}

/// The portal as a participant's browser sees it: signs in with a link and
/// keeps the session cookie.
struct Browser {
    http: reqwest::Client,
    cookie: Option<String>,
}

impl Browser {
    fn new() -> Browser {
        Browser {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookie: None,
        }
    }

    /// Opens a personal link; returns the status and keeps the cookie.
    async fn sign_in(&mut self, url: &str) -> u16 {
        let answer = self.http.get(url).send().await.unwrap();
        if let Some(set) = answer.headers().get("set-cookie") {
            let pair = set.to_str().unwrap().split(';').next().unwrap();
            self.cookie = Some(pair.to_owned());
        }
        answer.status().as_u16()
    }

    /// A change as the portal's own page sends it: JSON, from the portal's
    /// origin, with the session's CSRF token.
    async fn post(
        &self,
        base: &str,
        path: &str,
        csrf: &str,
        body: serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let mut request = self
            .http
            .post(format!("{base}{path}"))
            .header("content-type", "application/json")
            .header("origin", base.trim_end_matches('/'))
            .header("x-csrf-token", csrf)
            .body(body.to_string());
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let answer = request.send().await.unwrap();
        let status = answer.status().as_u16();
        let text = answer.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or_default())
    }

    async fn get(&self, url: &str) -> (u16, serde_json::Value) {
        let mut request = self.http.get(url);
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let answer = request.send().await.unwrap();
        let status = answer.status().as_u16();
        let text = answer.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or_default())
    }
}

#[tokio::test]
async fn a_running_pilot_is_opened_to_the_department_and_a_revoked_link_refused(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let (mut ws, s) = prepare(&profile);
    pilot_in(&mut ws, &s, true);
    drop(ws);
    let mut app = open(&profile, "portal-open-to-the-department", &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    app.el("[data-testid=share-panel]").await?;
    app.shot("closed").await?;

    // Besides this computer and every network, each of this computer's
    // interfaces is offered on its own (the tests open none of them: they
    // serve on 127.0.0.1 only).
    let offered = app
        .driver
        .find_all(By::Css("[data-testid=share-bind] option"))
        .await?;
    assert!(offered.len() >= 2);
    for option in offered {
        let value = option.value().await?.unwrap_or_default();
        if let Some(address) = value.strip_prefix("at:") {
            let ip: std::net::IpAddr = address.parse().unwrap();
            assert!(!ip.is_loopback(), "{value}");
            assert!(option.text().await?.contains(address));
        }
    }

    // Open it on this computer only.
    app.choose("[data-testid=share-bind]", "This computer only")
        .await?;
    app.click("[data-testid=share-switch]").await?;
    let base = shown_address(&app).await?;
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert!(app.all("[data-testid=share-warning]").await?.is_empty());
    app.wait_text("[data-testid=share-connected]", "0 people connected")
        .await?;
    // The address as a QR code, drawn: the window's CSP lets the image in.
    assert!(
        drawn(&app, "[data-testid=share-qr] img").await?,
        "the address's QR code is not drawn"
    );

    // Issue Ann's link and read it off the screen.
    let link = issue_on_screen(&app, "Ann").await?;
    assert!(link.starts_with(&format!("{base}s/")), "{link}");
    app.wait_text("[data-testid=share-row]", "Valid until")
        .await?;
    app.shot("open-with-link").await?;
    assert!(
        app.all("[data-testid=link-qr]").await?.is_empty(),
        "a personal link's QR code shows only when asked for"
    );
    app.click("[data-testid=link-qr-toggle]").await?;
    assert!(
        drawn(&app, "[data-testid=link-qr]").await?,
        "the personal link's QR code is not drawn"
    );
    app.el("[data-testid=link-qr]")
        .await?
        .scroll_into_view()
        .await?;
    app.shot("link-qr").await?;

    // The participant signs in from their browser.
    let mut browser = Browser::new();
    assert_eq!(browser.sign_in(&link).await, 200);
    assert!(browser.cookie.is_some(), "the sign-in set no cookie");
    let (status, me) = browser.get(&format!("{base}api/me")).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["personName"], "Ann", "{me}");
    assert_eq!(me["pilotName"], "HR certificates", "{me}");
    app.wait_text("[data-testid=share-connected]", "1 person connected")
        .await?;
    app.shot("one-connected").await?;

    // Revoked in the window, refused by the portal.
    in_row(&app, "Ann", "[data-testid=link-revoke]")
        .await?
        .click()
        .await?;
    app.click_text("[role=alertdialog] button", "Revoke")
        .await?;
    app.wait_text("[data-testid=share-row]", "Revoked").await?;
    let (status, _) = browser.get(&format!("{base}api/me")).await;
    assert_eq!(status, 401, "a revoked link's session still answers");
    assert_ne!(browser.sign_in(&link).await, 200);
    app.wait_text("[data-testid=share-connected]", "0 people connected")
        .await?;
    app.shot("revoked").await?;
    drop(browser);

    // Switched off: the port refuses connections.
    let address: SocketAddr = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    app.click("[data-testid=share-switch]").await?;
    app.wait_gone("[data-testid=share-url]").await?;
    let started = Instant::now();
    while TcpStream::connect_timeout(&address, Duration::from_millis(500)).is_ok() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the portal still accepts connections on {address}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.shot("switched-off").await?;
    app.quit().await
}

/// Another site's page on 127.0.0.1 (another port, so another origin) that
/// forges a submission to the portal the way an attacker's page can
/// without any script privilege: an HTML form, which a browser posts
/// without a CORS preflight, sent as soon as the page loads. It answers a
/// few page loads, then stops; dropping it stops it too.
struct Forger {
    url: String,
    task: tokio::task::JoinHandle<()>,
}

/// The forged form's encodings: `text/plain` with its one field shaped so
/// that the body reads as the portal's JSON, or `multipart/form-data` as
/// the portal's own submissions with files are sent.
#[derive(Clone, Copy)]
enum Forgery {
    JsonAsText,
    Multipart,
}

impl Forger {
    async fn serve(portal: &str, item: i64, forgery: Forgery) -> Forger {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let request = format!(r#"{{"itemId":{item},"answers":{{"kind":"work"}}"#);
        let form = match forgery {
            Forgery::JsonAsText => format!(
                r#"<form method="post" action="{portal}api/requests" enctype="text/plain">
<input type="hidden" name='{request},"pad":"' value='"}}'></form>"#
            ),
            Forgery::Multipart => format!(
                r#"<form method="post" action="{portal}api/requests" enctype="multipart/form-data">
<input type="hidden" name="request" value='{request}}}'></form>"#
            ),
        };
        let page = format!(
            r#"<!doctype html><meta charset="utf-8"><title>You have won a prize</title>
{form}<script>document.forms[0].submit();</script>"#
        );
        let task = tokio::spawn(async move {
            for _ in 0..8 {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                // The request's head is not needed: every path gets the page.
                let mut head = [0u8; 4096];
                let _ = stream.read(&mut head).await;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
                    page.len()
                );
                let _ = stream.write_all(answer.as_bytes()).await;
            }
        });
        Forger { url, task }
    }
}

impl Drop for Forger {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[tokio::test]
async fn the_apps_portal_in_a_browser_takes_a_request_and_refuses_a_forged_cross_site_post(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let (mut ws, s) = prepare(&profile);
    pilot_in(&mut ws, &s, true);
    drop(ws);
    let mut app = open(&profile, "portal-app-in-chromium", &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    app.choose("[data-testid=share-bind]", "This computer only")
        .await?;
    app.click("[data-testid=share-switch]").await?;
    let base = shown_address(&app).await?;
    let link = issue_on_screen(&app, "Ann").await?;
    app.wait_text("[data-testid=pilot-measures]", "Pilot (0)")
        .await?;

    // Ann opens the link in her browser, served by the app itself, and
    // asks for a certificate; the app's pilot page counts it.
    let mut b = App::browser("portal-app-in-chromium-browser", 1280, 900, Scheme::Light).await?;
    b.driver.goto(&link).await?;
    b.wait_text("[data-testid=portal-pilot]", "HR certificates")
        .await?;
    b.wait_text("[data-testid=portal-who]", "Ann").await?;
    super::pilots::ask_for_a_work_certificate(&b).await?;
    b.click("[data-testid=preview-submit]").await?;
    b.wait_text("[data-testid=request-state]", "Awaiting approval")
        .await?;
    b.shot("submitted-to-the-app").await?;
    app.wait_text("[data-testid=pilot-measures]", "Pilot (1)")
        .await?;

    // Still signed in, she visits other sites' pages, which post a request
    // to the portal in her name: refused, and nothing is stored. The JSON
    // sent as text is refused for its type; the multipart form, which the
    // portal does take from its own pages, for its origin.
    for (forgery, refusal, shot) in [
        (
            Forgery::JsonAsText,
            "Send the request body as JSON",
            "forged-text-post-refused",
        ),
        (
            Forgery::Multipart,
            "did not come from the portal's own pages",
            "forged-multipart-post-refused",
        ),
    ] {
        let forger = Forger::serve(&base, s.item, forgery).await;
        b.driver.goto(&forger.url).await?;
        b.wait_text("body", refusal).await?;
        b.shot(shot).await?;
    }
    b.driver.goto(&base).await?;
    b.wait_text("[data-testid=my-requests]", "Employment certificate")
        .await?;
    let mine = b
        .texts("[data-testid=my-requests] [data-testid=request-row]")
        .await?;
    assert_eq!(mine.len(), 1, "the forged request was stored: {mine:?}");
    b.shot("still-one-request").await?;
    app.wait_text("[data-testid=pilot-measures]", "Pilot (1)")
        .await?;
    app.shot("pilot-page-counts-one").await?;
    b.quit().await?;
    app.quit().await
}

/// Whether the image matching `css` was loaded and decoded (a refused or
/// broken image has no natural width).
pub(crate) async fn drawn(app: &App, css: &str) -> WebDriverResult<bool> {
    let image = app.el(css).await?;
    let started = Instant::now();
    loop {
        let width = app
            .driver
            .execute(
                "return arguments[0].complete ? arguments[0].naturalWidth : 0;",
                vec![image.to_json()?],
            )
            .await?
            .convert::<u64>()?;
        if width > 0 {
            return Ok(true);
        }
        if started.elapsed() > Duration::from_secs(5) {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens the pilot "HR certificates" to this computer and signs Ann in
/// from outside the app with a link issued on screen; returns the
/// portal's address, her session and its CSRF token.
async fn ann_signed_in(app: &App) -> WebDriverResult<(String, Browser, String)> {
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    app.click("[data-testid=share-switch]").await?;
    let base = shown_address(app).await?;
    let link = issue_on_screen(app, "Ann").await?;
    let mut browser = Browser::new();
    assert_eq!(browser.sign_in(&link).await, 200);
    let (_, me) = browser.get(&format!("{base}api/me")).await;
    let csrf = me["csrfToken"].as_str().unwrap_or_default().to_owned();
    Ok((base, browser, csrf))
}

#[tokio::test]
async fn the_pilot_page_and_reports_follow_requests_made_on_the_portal_as_they_happen(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let (mut ws, s) = prepare(&profile);
    pilot_in(&mut ws, &s, true);
    drop(ws);
    let mut app = open(&profile, "live-updates", &s.path).await?;
    let (base, browser, csrf) = ann_signed_in(&app).await?;
    app.wait_text("[data-testid=pilot-measures]", "Pilot (0)")
        .await?;
    app.wait_text("[data-testid=outbox-headline]", "Nothing waits")
        .await?;

    // Ann asks for a certificate from her browser; the pilot page, left
    // alone, counts it and queues Max's "approval needed".
    let submission = serde_json::json!({"itemId": s.item, "answers": {"kind": "work"}});
    let (status, answer) = browser
        .post(&base, "api/requests", &csrf, submission.clone())
        .await;
    assert_eq!(status, 201, "{answer}");
    app.wait_text("[data-testid=pilot-measures]", "Pilot (1)")
        .await?;
    app.wait_text("[data-testid=outbox-headline]", "1 message for 1 person")
        .await?;
    app.el("[data-testid=pilot-measures]")
        .await?
        .scroll_into_view()
        .await?;
    app.shot("pilot-page-followed").await?;

    // Reports, left alone, count the next one too.
    app.click("[data-testid=nav-reports]").await?;
    app.choose("select[name=origin]", "Pilot").await?;
    let scope = "[data-testid=report-scope]";
    app.wait_text(scope, ": 1 requests").await?;
    // A saved tile and a comparison on show follow too.
    app.fill("input[aria-label='Tile name']", "Requests so far")
        .await?;
    app.choose("select[aria-label='Group by']", "in total")
        .await?;
    app.click_button("Add tile").await?;
    let tile = "[data-testid=user-tile]";
    let counted = app.wait_text(tile, "Requests so far").await?;
    app.click("[data-action=compare]").await?;
    let compared = app
        .wait_text("[data-testid=comparison] tbody tr", "Requests")
        .await?;
    let (status, answer) = browser.post(&base, "api/requests", &csrf, submission).await;
    assert_eq!(status, 201, "{answer}");
    app.wait_text(scope, ": 2 requests").await?;
    let recounted = app.wait_changed(tile, &counted).await?;
    assert!(recounted.contains('2'), "{counted} → {recounted}");
    app.wait_changed("[data-testid=comparison] tbody tr", &compared)
        .await?;
    app.shot("reports-followed").await?;
    app.quit().await
}

/// One GET over TLS to `url` (an `https://127.0.0.1:PORT/...` address),
/// trusting only `certificate` (DER); the answer's head and body as text.
async fn https_get(url: &str, certificate: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.strip_prefix("https://").expect("an https address");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from(
            certificate.to_vec(),
        ))
        .unwrap();
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(std::sync::Arc::new(config));
    let address: SocketAddr = host.parse().unwrap();
    let name = rustls::pki_types::ServerName::IpAddress(address.ip().into());
    let tcp = tokio::net::TcpStream::connect(address).await.unwrap();
    let mut tls = connector
        .connect(name, tcp)
        .await
        .expect("the TLS handshake with the portal succeeds");
    let request = format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    tls.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = tls.read_to_end(&mut answer).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn https_is_turned_on_with_a_certificate_and_key_chosen_in_the_dialog() -> WebDriverResult<()>
{
    let mut profile = Profile::new();
    // The analyst's certificate for this computer, and its key: what the
    // native dialog would be pointed at.
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let (cert, key) = (profile.path("cert.pem"), profile.path("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    profile.set_env("PILOT_E2E_CERT_PATH", &cert);
    profile.set_env("PILOT_E2E_KEY_PATH", &key);
    let (mut ws, s) = prepare(&profile);
    pilot_in(&mut ws, &s, true);
    drop(ws);
    let mut app = open(&profile, "portal-https", &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    app.wait_text("[data-testid=share-tls]", "Off").await?;

    app.click("[data-testid=share-choose-certificate]").await?;
    app.wait_text("[data-testid=share-certificate]", "cert.pem")
        .await?;
    app.wait_text("[data-testid=share-key]", "not chosen")
        .await?;
    app.click("[data-testid=share-choose-key]").await?;
    app.wait_text("[data-testid=share-key]", "key.pem").await?;

    app.choose("[data-testid=share-bind]", "This computer only")
        .await?;
    app.click("[data-testid=share-switch]").await?;
    let base = shown_address(&app).await?;
    assert!(base.starts_with("https://127.0.0.1:"), "{base}");
    assert!(app.all("[data-testid=share-warning]").await?.is_empty());
    // The files in use stay in view; they cannot be changed while it is on.
    app.wait_text("[data-testid=share-certificate]", "cert.pem")
        .await?;
    assert!(app
        .all("[data-testid=share-choose-certificate]")
        .await?
        .is_empty());
    let der = made.cert.der().to_vec();
    let answer = https_get(&format!("{base}api/me"), &der).await;
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");

    // A personal link issued on screen signs in over HTTPS, with a
    // Secure cookie.
    let link = issue_on_screen(&app, "Ann").await?;
    assert!(link.starts_with(&format!("{base}s/")), "{link}");
    let signed_in = https_get(&link, &der).await;
    assert!(signed_in.starts_with("HTTP/1.1 200"), "{signed_in}");
    let cookie = signed_in
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .unwrap_or_default();
    assert!(cookie.contains("Secure"), "{signed_in}");
    app.el("[data-testid=share-tls]")
        .await?
        .scroll_into_view()
        .await?;
    app.shot("https-open").await?;

    // The choice outlives the app: after a restart the files are still
    // the ones chosen.
    app.click("[data-testid=share-switch]").await?;
    app.wait_gone("[data-testid=share-url]").await?;
    app.quit().await?;
    let mut app = App::launch_with_args(&profile, "portal-https-restarted", &[&s.path]).await?;
    app.click("[data-testid=nav-pilots]").await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    app.wait_text("[data-testid=share-certificate]", "cert.pem")
        .await?;
    app.wait_text("[data-testid=share-key]", "key.pem").await?;
    app.shot("remembered").await?;

    // Switched off, the files can be forgotten: plain HTTP again.
    app.click("[data-testid=share-forget-tls]").await?;
    app.wait_text("[data-testid=share-tls]", "Off").await?;
    app.quit().await
}
