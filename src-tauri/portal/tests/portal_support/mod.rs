//! The portal served for real on 127.0.0.1 (a free port) over the pilot
//! the core's tests use (`pilot_support`: HR, Ann asks, Max approves, Fay
//! fulfils, Hugo heads HR), plus Bea, a second requester; and a browser
//! that keeps its session cookie and sends what the portal's pages send.
//! `serve_https` serves it over TLS with a certificate made for the test
//! (rcgen, for 127.0.0.1 and localhost), which its browsers trust.

#![allow(dead_code)]

#[path = "../../../core/tests/pilot_support/mod.rs"]
mod pilot_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use pilot_core::catalog::ApprovalStep;
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole};
use pilot_core::portal;
use pilot_core::Workspace;
use pilot_portal::{Options, Running, ServeError, Tls};
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::sync::oneshot;

pub struct Served {
    pub base: String,
    /// When it speaks HTTPS: its certificate, the one its browsers trust.
    pub https: Option<Https>,
    pub ws: Arc<Mutex<Workspace>>,
    pub dir: TempDir,
    pub pilot: i64,
    pub item: i64,
    pub ann: i64,
    pub bea: i64,
    pub max: i64,
    pub fay: i64,
    pub hugo: i64,
    running: Option<Running>,
    stop: Option<oneshot::Sender<()>>,
}

/// A running pilot, served with `options` (its `bind` is replaced by
/// 127.0.0.1:0).
pub async fn serve_with(options: Options) -> Served {
    try_serve_with(options, None)
        .await
        .unwrap_or_else(|e| panic!("the portal did not start: {e}"))
}

/// A running pilot served over HTTPS with a new self-signed certificate
/// for 127.0.0.1 and localhost.
pub async fn serve_https_with(options: Options) -> Served {
    serve_https_for(&["127.0.0.1", "localhost"], options).await
}

/// A running pilot served over HTTPS with a new self-signed certificate
/// for `names`, its PEM files written to a folder of their own.
pub async fn serve_https_for(names: &[&str], mut options: Options) -> Served {
    let (certificate, key) = self_signed(names);
    let files = tempfile::tempdir().unwrap();
    let tls = Tls {
        certificate: files.path().join("cert.pem"),
        key: files.path().join("key.pem"),
    };
    std::fs::write(&tls.certificate, &certificate.pem).unwrap();
    std::fs::write(&tls.key, key).unwrap();
    options.tls = Some(tls);
    let https = Https {
        certificate: certificate.der,
        files,
    };
    try_serve_with(options, Some(https))
        .await
        .unwrap_or_else(|e| panic!("the portal did not start over HTTPS: {e}"))
}

pub async fn serve_https() -> Served {
    serve_https_with(Options::new("127.0.0.1:0".parse().unwrap())).await
}

/// What a portal served over HTTPS was given: its certificate (DER) and
/// the folder of its PEM files.
pub struct Https {
    pub certificate: Vec<u8>,
    pub files: TempDir,
}

/// A certificate as the server presents it and as its PEM file holds it.
pub struct Certificate {
    pub der: Vec<u8>,
    pub pem: String,
}

/// A new self-signed certificate for `names` and its private key (PEM).
pub fn self_signed(names: &[&str]) -> (Certificate, String) {
    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    let made = rcgen::generate_simple_self_signed(names).unwrap();
    let certificate = Certificate {
        der: made.cert.der().to_vec(),
        pem: made.cert.pem(),
    };
    (certificate, made.signing_key.serialize_pem())
}

/// The pilot served with `options`, or why the portal refused to start.
pub async fn try_serve_with(options: Options, https: Option<Https>) -> Result<Served, ServeError> {
    serve_pilot(pilot_support::running(), options, https).await
}

/// The HR pilot with a second item, "Salary statement", worked by Payroll
/// (the certificate by HR Services), running and served over HTTP; with
/// the salary statement's id.
pub async fn serve_two_groups() -> (Served, i64) {
    let mut p = pilot_support::planned(vec![ApprovalStep::requester_manager()]);
    let salary = pilot_support::add_salary_statement(&mut p, "Payroll");
    pilots::start(
        &mut p.ws,
        p.pilot,
        pilot_support::utc("2026-03-02T08:00:00Z"),
    )
    .unwrap();
    let served = serve_pilot(p, Options::new("127.0.0.1:0".parse().unwrap()), None)
        .await
        .unwrap_or_else(|e| panic!("the portal did not start: {e}"));
    (served, salary)
}

/// Serves a pilot, with Bea added as a second requester.
async fn serve_pilot(
    p: pilot_support::Pilot,
    mut options: Options,
    https: Option<Https>,
) -> Result<Served, ServeError> {
    let pilot_support::Pilot {
        mut ws,
        dir,
        item,
        pilot,
        ann,
        max,
        fay,
        hugo,
        ..
    } = p;
    let bea = pilot_support::person(&mut ws, "Bea", Some(max));
    let mut input = pilots::get(&ws, pilot).unwrap().input();
    input
        .participants
        .push(ParticipantInput::new(bea, ParticipantRole::Requester));
    pilots::update(&mut ws, pilot, input, Utc::now()).unwrap();
    let ws = Arc::new(Mutex::new(ws));
    options.bind = "127.0.0.1:0".parse().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let running = pilot_portal::serve(ws.clone(), options, async move {
        let _ = stopped.await;
    })
    .await?;
    Ok(Served {
        base: format!("{}://{}", running.scheme(), running.address()),
        https,
        ws,
        dir,
        pilot,
        item,
        ann,
        bea,
        max,
        fay,
        hugo,
        running: Some(running),
        stop: Some(stop),
    })
}

pub async fn serve() -> Served {
    serve_with(Options::new("127.0.0.1:0".parse().unwrap())).await
}

impl Served {
    /// A new personal link's token for `person` in `role`.
    pub fn link(&self, person: i64, role: ParticipantRole) -> (i64, String) {
        let mut ws = self.ws.lock().unwrap();
        let issued = portal::issue(&mut ws, self.pilot, person, role, 30, Utc::now()).unwrap();
        (issued.link.id, issued.token)
    }

    /// A browser signed in as `person` in `role`.
    pub async fn signed_in(&self, person: i64, role: ParticipantRole) -> Browser {
        let (_, token) = self.link(person, role);
        let mut browser = self.browser();
        let status = browser.sign_in(&token).await;
        assert_eq!(status, StatusCode::OK);
        browser
    }

    /// A browser that has signed in nowhere yet; over HTTPS it trusts the
    /// server's certificate, as a participant's browser would once told to.
    pub fn browser(&self) -> Browser {
        match &self.https {
            Some(https) => Browser::trusting(&self.base, &https.certificate),
            None => Browser::new(&self.base),
        }
    }

    pub fn with_ws<T>(&self, f: impl FnOnce(&mut Workspace) -> T) -> T {
        f(&mut self.ws.lock().unwrap())
    }

    /// Stops the server and waits (at most 10 s) until it has.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(running) = self.running.take() {
            tokio::time::timeout(Duration::from_secs(10), running.stopped())
                .await
                .expect("the server stops within 10 s");
        }
    }
}

/// A browser on one of the portal's pages: it keeps the session cookie and
/// sends the page's origin and the CSRF token with every change.
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser::with_client(base, client().build().unwrap())
    }

    /// A browser for an HTTPS portal whose only trusted certificate is
    /// `certificate` (DER).
    pub fn trusting(base: &str, certificate: &[u8]) -> Browser {
        let tls = client_tls(certificate);
        Browser::with_client(
            base,
            client().tls_backend_preconfigured(tls).build().unwrap(),
        )
    }

    fn with_client(base: &str, client: reqwest::Client) -> Browser {
        Browser {
            base: base.to_owned(),
            client,
            cookie: None,
            csrf: None,
        }
    }

    /// Opens a personal link; keeps the session cookie it sets and fetches
    /// the CSRF token as the pages do.
    pub async fn sign_in(&mut self, token: &str) -> StatusCode {
        let answer = self.get(&format!("/s/{token}")).await;
        if let Some(set) = answer.headers.get("set-cookie") {
            let set = set.to_str().unwrap();
            let pair = set.split(';').next().unwrap();
            self.cookie = Some(pair.split_once('=').unwrap().1.to_owned());
            let me = self.get("/api/me").await;
            self.csrf = me.body["csrfToken"].as_str().map(str::to_owned);
        }
        answer.status
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", format!("pilot_session={cookie}"));
        }
        request
    }

    pub async fn get(&self, path: &str) -> Answer {
        answer(
            self.request(reqwest::Method::GET, path)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// A POST as the portal's pages send it: JSON, this server's origin,
    /// the session's CSRF token.
    pub async fn post(&self, path: &str, body: Value) -> Answer {
        let mut request = self
            .request(reqwest::Method::POST, path)
            .header("origin", self.base.clone())
            .header("content-type", "application/json")
            .body(body.to_string());
        if let Some(csrf) = &self.csrf {
            request = request.header("x-csrf-token", csrf.clone());
        }
        answer(request.send().await.unwrap()).await
    }

    /// A POST with exactly the headers given (besides the cookie).
    pub async fn post_raw(&self, path: &str, headers: &[(&str, &str)], body: String) -> Answer {
        let mut request = self.request(reqwest::Method::POST, path).body(body);
        for (name, value) in headers {
            request = request.header(*name, HeaderValue::from_str(value).unwrap());
        }
        answer(request.send().await.unwrap()).await
    }

    /// How many entries the JSON list at `path` has.
    pub async fn count(&self, path: &str) -> usize {
        let answer = self.get(path).await;
        answer
            .body
            .as_array()
            .unwrap_or_else(|| panic!("{path} gave no list: {}", answer.text))
            .len()
    }

    /// Submits a work certificate request; returns its id.
    pub async fn submit(&self, item: i64) -> i64 {
        let answer = self
            .post(
                "/api/requests",
                json!({"itemId": item, "answers": {"kind": "work", "note": "For the bank."}}),
            )
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text);
        answer.body["id"].as_i64().unwrap()
    }
}

fn client() -> reqwest::ClientBuilder {
    // reqwest's rustls (for the HTTPS tests) wants a process-wide crypto
    // provider even for a client that only ever speaks plain HTTP; ring,
    // as the server uses. Whichever test installs it first wins, alike.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
}

/// A rustls client (ring) that trusts `certificate` alone.
pub fn client_tls(certificate: &[u8]) -> rustls::ClientConfig {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from(
            certificate.to_vec(),
        ))
        .unwrap();
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth()
}

pub async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
        text,
    }
}
