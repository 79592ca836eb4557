//! The portal's load generator, shared by the in-process benchmark
//! (`portal_load.rs`) and the one against the real app's window
//! (`tests/benches/portal_window.rs`): a pilot of PARTICIPANTS requesters
//! and two fulfillers, requesters who sign in by link and submit at
//! random moments within a window, fulfillers who poll the queue and work
//! requests through to resolved, and the tally of latencies, errors, and
//! requests lost or stored twice.
//!
//! Every loop is bounded: requesters submit a fixed number of times,
//! fulfillers stop at the window's end, and each wait has a timeout.

use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole};
use pilot_core::{portal, requests, Workspace};
use serde_json::{json, Value};

use super::pilot_support;

/// A setting from the environment, within `1..=max`.
pub fn setting(name: &str, default: u64, max: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .clamp(1, max)
}

/// What the clients measured and met.
#[derive(Default)]
pub struct Tally {
    pub submit: Vec<Duration>,
    pub queue: Vec<Duration>,
    pub act: Vec<Duration>,
    pub errors: Vec<String>,
    pub resolved: usize,
}

struct Client {
    http: reqwest::Client,
    base: String,
    cookie: String,
    csrf: String,
}

/// An answer's body as JSON (null when it is not JSON).
async fn body(answer: reqwest::Response) -> Value {
    let text = answer.text().await.unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

impl Client {
    /// Signs in with a link token, from `from` when given (a loopback
    /// address of its own, as a participant's own computer would be).
    async fn sign_in(base: &str, token: &str, from: Option<IpAddr>) -> Result<Client, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .local_address(from)
            .build()
            .map_err(|e| e.to_string())?;
        let answer = http
            .get(format!("{base}/s/{token}"))
            .send()
            .await
            .map_err(|e| format!("sign-in: {e}"))?;
        let cookie = answer
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .ok_or_else(|| format!("sign-in gave {} and no cookie", answer.status()))?
            .to_owned();
        let me = body(
            http.get(format!("{base}/api/me"))
                .header("cookie", &cookie)
                .send()
                .await
                .map_err(|e| format!("me: {e}"))?,
        )
        .await;
        let csrf = me["csrfToken"].as_str().ok_or("no CSRF token")?.to_owned();
        Ok(Client {
            http,
            base: base.to_owned(),
            cookie,
            csrf,
        })
    }

    async fn get(&self, path: &str) -> Result<(Duration, Value), String> {
        let started = Instant::now();
        let answer = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .send()
            .await
            .map_err(|e| format!("GET {path}: {e}"))?;
        let status = answer.status();
        let body = body(answer).await;
        if !status.is_success() {
            return Err(format!("GET {path}: {status} {body}"));
        }
        Ok((started.elapsed(), body))
    }

    async fn post(&self, path: &str, payload: Value) -> Result<(Duration, Value), String> {
        let started = Instant::now();
        let answer = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("origin", &self.base)
            .header("x-csrf-token", &self.csrf)
            .header("content-type", "application/json")
            .body(payload.to_string())
            .send()
            .await
            .map_err(|e| format!("POST {path}: {e}"))?;
        let status = answer.status();
        let body = body(answer).await;
        if !status.is_success() {
            return Err(format!("POST {path}: {status} {body}"));
        }
        Ok((started.elapsed(), body))
    }
}

/// People of the pilot with their link tokens.
pub type People = Vec<(i64, String)>;

/// A running pilot without approvals, with `count` requesters and two
/// fulfillers, each with a personal link; the pilot, its requesters and
/// its fulfillers.
pub fn pilot_with(count: u64) -> (pilot_support::Pilot, People, People) {
    let mut p = pilot_support::planned(vec![]);
    let mut input = pilots::get(&p.ws, p.pilot).unwrap().input();
    let mut requesters = Vec::new();
    for i in 0..count {
        let id = pilot_support::person(&mut p.ws, &format!("Requester{i:04}"), None);
        input
            .participants
            .push(ParticipantInput::new(id, ParticipantRole::Requester));
        requesters.push(id);
    }
    let second = pilot_support::person(&mut p.ws, "Gus", None);
    input
        .participants
        .push(ParticipantInput::new(second, ParticipantRole::Fulfiller));
    pilots::update(&mut p.ws, p.pilot, input, Utc::now()).unwrap();
    pilots::start(&mut p.ws, p.pilot, Utc::now()).unwrap();
    let mut link = |person, role| {
        portal::issue(&mut p.ws, p.pilot, person, role, 1, Utc::now())
            .unwrap()
            .token
    };
    let requesters = requesters
        .into_iter()
        .map(|id| (id, link(id, ParticipantRole::Requester)))
        .collect();
    let fulfillers = [p.fay, second]
        .into_iter()
        .map(|id| (id, link(id, ParticipantRole::Fulfiller)))
        .collect();
    (p, requesters, fulfillers)
}

/// One requester: signs in, submits at each moment and reads their list
/// after each; how many submissions were acknowledged and how many ended
/// without an answer (stored or not, the client cannot tell).
async fn requester(
    base: String,
    token: String,
    from: Option<IpAddr>,
    item: i64,
    moments: Vec<Duration>,
    start: Instant,
    tally: Arc<Mutex<Tally>>,
) -> (usize, usize) {
    let (mut acknowledged, mut uncertain) = (0, 0);
    let client = match Client::sign_in(&base, &token, from).await {
        Ok(c) => c,
        Err(e) => {
            tally.lock().unwrap().errors.push(e);
            return (0, 0);
        }
    };
    for at in moments {
        tokio::time::sleep_until((start + at).into()).await;
        let payload = json!({"itemId": item, "answers": {"kind": "work", "note": "Load test."}});
        match client.post("/api/requests", payload).await {
            Ok((took, _)) => {
                acknowledged += 1;
                tally.lock().unwrap().submit.push(took);
            }
            Err(e) => {
                uncertain += 1;
                tally.lock().unwrap().errors.push(e);
            }
        }
        if let Err(e) = client.get("/api/requests").await {
            tally.lock().unwrap().errors.push(e);
        }
    }
    (acknowledged, uncertain)
}

/// One fulfiller: polls the queue until the deadline and works its share
/// of the requests through to resolved.
async fn fulfiller(
    base: String,
    token: String,
    me: i64,
    share: i64,
    deadline: Instant,
    tally: Arc<Mutex<Tally>>,
) {
    let client = match Client::sign_in(&base, &token, None).await {
        Ok(c) => c,
        Err(e) => return tally.lock().unwrap().errors.push(e),
    };
    while Instant::now() < deadline {
        let page = match client.get("/api/queue").await {
            Ok((took, page)) => {
                tally.lock().unwrap().queue.push(took);
                page
            }
            Err(e) => {
                tally.lock().unwrap().errors.push(e);
                tokio::time::sleep(Duration::from_millis(500)).await;
                continue;
            }
        };
        // Each fulfiller works its own half, so they never race for one.
        let next = page["rows"].as_array().and_then(|rows| {
            rows.iter()
                .filter_map(|r| r["id"].as_i64())
                .find(|id| id % 2 == share)
        });
        let Some(id) = next else {
            tokio::time::sleep(Duration::from_millis(500)).await;
            continue;
        };
        let path = format!("/api/requests/{id}/actions");
        let steps = [
            json!({"kind": "assign", "assignee": me}),
            json!({"kind": "complete_task", "position": 1}),
            json!({"kind": "complete_task", "position": 2}),
            json!({"kind": "resolve", "note": "Done."}),
        ];
        let mut done = true;
        for step in steps {
            match client.post(&path, step).await {
                Ok((took, _)) => tally.lock().unwrap().act.push(took),
                Err(e) => {
                    tally.lock().unwrap().errors.push(e);
                    done = false;
                    break;
                }
            }
        }
        tally.lock().unwrap().resolved += usize::from(done);
        // A person reads the next request before working it: a second,
        // which keeps a fulfiller within the per-link rate as served.
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// The load: every requester submits `submits` times at random moments
/// within `window`, the fulfillers work until it ends. `from` gives a
/// requester (by number) the address it connects from. Returns each
/// requester's (acknowledged, uncertain) and the tally.
pub async fn drive(
    base: &str,
    item: i64,
    requesters: &People,
    fulfillers: &People,
    window: Duration,
    submits: u64,
    from: impl Fn(usize) -> Option<IpAddr>,
) -> (Vec<(usize, usize)>, Tally) {
    let tally = Arc::new(Mutex::new(Tally::default()));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for (i, (_, token)) in requesters.iter().enumerate() {
        let mut moments: Vec<Duration> = (0..submits)
            .map(|_| window.mul_f64(fraction(i as u64)))
            .collect();
        moments.sort();
        tasks.push(tokio::spawn(requester(
            base.to_owned(),
            token.clone(),
            from(i),
            item,
            moments,
            start,
            tally.clone(),
        )));
    }
    let workers: Vec<_> = fulfillers
        .iter()
        .enumerate()
        .map(|(share, (id, token))| {
            tokio::spawn(fulfiller(
                base.to_owned(),
                token.clone(),
                *id,
                share as i64,
                start + window,
                tally.clone(),
            ))
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        let outcome = tokio::time::timeout(window + Duration::from_secs(60), task)
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or((0, 0));
        outcomes.push(outcome);
    }
    for worker in workers {
        let _ = tokio::time::timeout(Duration::from_secs(60), worker).await;
    }
    let tally = std::mem::take(&mut *tally.lock().unwrap());
    (outcomes, tally)
}

/// A quantile of the samples, printed in milliseconds.
pub fn quantile(samples: &mut [Duration], q: f64) -> String {
    if samples.is_empty() {
        return "-".into();
    }
    samples.sort();
    let i = ((samples.len() - 1) as f64 * q).round() as usize;
    format!("{:.1} ms", samples[i].as_secs_f64() * 1000.0)
}

/// Prints what the load measured and checks the workspace against what
/// the clients were told: whether any acknowledged request was lost or any
/// request stored twice. Returns false when one was, or on any error.
pub fn report(
    ws: &Workspace,
    pilot: i64,
    requesters: &People,
    outcomes: &[(usize, usize)],
    tally: &mut Tally,
    what: &str,
) -> bool {
    let stored: Vec<usize> = requesters
        .iter()
        .map(|(id, _)| requests::mine(ws, pilot, *id).unwrap().len())
        .collect();
    let (mut lost, mut doubled) = (0, 0);
    for ((acknowledged, uncertain), stored) in outcomes.iter().zip(&stored) {
        lost += acknowledged.saturating_sub(*stored);
        doubled += stored.saturating_sub(acknowledged + uncertain);
    }
    let acknowledged: usize = outcomes.iter().map(|o| o.0).sum();
    println!("{what}");
    println!(
        "submit: {} acknowledged, p50 {}, p99 {}",
        acknowledged,
        quantile(&mut tally.submit, 0.5),
        quantile(&mut tally.submit, 0.99)
    );
    println!(
        "queue:  {} pages, p50 {}, p99 {}",
        tally.queue.len(),
        quantile(&mut tally.queue, 0.5),
        quantile(&mut tally.queue, 0.99)
    );
    println!(
        "action: {} steps, p50 {}, p99 {}; {} requests worked to resolved",
        tally.act.len(),
        quantile(&mut tally.act, 0.5),
        quantile(&mut tally.act, 0.99),
        tally.resolved
    );
    println!(
        "stored: {}; lost: {lost}; doubled: {doubled}; errors: {}",
        stored.iter().sum::<usize>(),
        tally.errors.len()
    );
    for e in tally.errors.iter().take(10) {
        println!("  error: {e}");
    }
    lost == 0 && doubled == 0 && tally.errors.is_empty()
}

/// A fraction in [0, 1) that differs per call, seeded per participant so
/// runs spread the same way.
fn fraction(seed: u64) -> f64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // SplitMix64: plenty for spreading moments over a window.
    let mut z = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(n.wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}
