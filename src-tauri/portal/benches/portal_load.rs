//! Load on the pilot portal, over real HTTP on 127.0.0.1: PARTICIPANTS
//! requesters (default 200) each sign in by link and submit SUBMITS
//! requests (default 3) at random moments within SECONDS (default 60, at
//! most 60), reading their list after each, while two fulfillers poll the
//! queue and work requests through to resolved (a second per request, as a
//! person would). It reports the p50 and p99
//! of submit, queue and action latencies, every error, and whether any
//! acknowledged request was lost or any request stored twice; it exits
//! non-zero when one was, or on any error.
//!
//! All clients share one address here, so the per-address limits are
//! raised as they would not be for 200 real computers; the per-link limits
//! stay as served.
//!
//! Run: `cargo bench -p pilot-portal --bench portal_load` (`make bench`).

#[path = "../../core/tests/pilot_support/mod.rs"]
mod pilot_support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole};
use pilot_core::{portal, requests, Workspace};
use pilot_portal::{Limits, Options, Rate};
use serde_json::{json, Value};

fn setting(name: &str, default: u64, max: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .clamp(1, max)
}

#[derive(Default)]
struct Tally {
    submit: Vec<Duration>,
    queue: Vec<Duration>,
    act: Vec<Duration>,
    errors: Vec<String>,
    resolved: usize,
}

struct Client {
    http: reqwest::Client,
    base: String,
    cookie: String,
    csrf: String,
}

impl Client {
    async fn sign_in(base: &str, token: &str) -> Result<Client, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
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
        let me: Value = http
            .get(format!("{base}/api/me"))
            .header("cookie", &cookie)
            .send()
            .await
            .map_err(|e| format!("me: {e}"))?
            .json()
            .await
            .map_err(|e| format!("me: {e}"))?;
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
        let body: Value = answer.json().await.unwrap_or(Value::Null);
        if !status.is_success() {
            return Err(format!("GET {path}: {status} {body}"));
        }
        Ok((started.elapsed(), body))
    }

    async fn post(&self, path: &str, body: Value) -> Result<(Duration, Value), String> {
        let started = Instant::now();
        let answer = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("origin", &self.base)
            .header("x-csrf-token", &self.csrf)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| format!("POST {path}: {e}"))?;
        let status = answer.status();
        let body: Value = answer.json().await.unwrap_or(Value::Null);
        if !status.is_success() {
            return Err(format!("POST {path}: {status} {body}"));
        }
        Ok((started.elapsed(), body))
    }
}

/// A pilot without approvals, with `count` requesters and two fulfillers;
/// returns the workspace, the pilot, the item, the requesters and the
/// fulfillers with their link tokens.
type People = Vec<(i64, String)>;

fn pilot_with(count: u64) -> (pilot_support::Pilot, People, People) {
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

async fn requester(
    base: String,
    token: String,
    item: i64,
    moments: Vec<Duration>,
    start: Instant,
    tally: Arc<Mutex<Tally>>,
) -> (usize, usize) {
    let (mut acknowledged, mut uncertain) = (0, 0);
    let client = match Client::sign_in(&base, &token).await {
        Ok(c) => c,
        Err(e) => {
            tally.lock().unwrap().errors.push(e);
            return (0, 0);
        }
    };
    for at in moments {
        tokio::time::sleep_until((start + at).into()).await;
        let body = json!({"itemId": item, "answers": {"kind": "work", "note": "Load test."}});
        match client.post("/api/requests", body).await {
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

async fn fulfiller(
    base: String,
    token: String,
    me: i64,
    share: i64,
    deadline: Instant,
    tally: Arc<Mutex<Tally>>,
) {
    let client = match Client::sign_in(&base, &token).await {
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

fn quantile(samples: &mut [Duration], q: f64) -> String {
    if samples.is_empty() {
        return "-".into();
    }
    samples.sort();
    let i = ((samples.len() - 1) as f64 * q).round() as usize;
    format!("{:.1} ms", samples[i].as_secs_f64() * 1000.0)
}

fn stored_per_person(ws: &Workspace, pilot: i64, people: &[(i64, String)]) -> Vec<usize> {
    people
        .iter()
        .map(|(id, _)| requests::mine(ws, pilot, *id).unwrap().len())
        .collect()
}

fn main() {
    let participants = setting("PARTICIPANTS", 200, 1000);
    let seconds = setting("SECONDS", 60, 60);
    let submits = setting("SUBMITS", 3, 20);
    let (p, requesters, fulfillers) = pilot_with(participants);
    let (pilot, item, dir) = (p.pilot, p.item, p.dir);
    let ws = Arc::new(Mutex::new(p.ws));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let tally = Arc::new(Mutex::new(Tally::default()));
    let outcomes = runtime.block_on(async {
        let mut options = Options::new("127.0.0.1:0".parse().unwrap());
        options.limits = Limits {
            sign_ins_per_address: Rate::new(100_000, 10_000.0),
            requests_per_address: Rate::new(100_000, 10_000.0),
            ..Limits::default()
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let running = pilot_portal::serve(ws.clone(), options, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
        let base = format!("http://{}", running.address());
        let start = Instant::now();
        let window = Duration::from_secs(seconds);
        let mut tasks = Vec::new();
        for (i, (_, token)) in requesters.iter().enumerate() {
            let mut moments: Vec<Duration> = (0..submits)
                .map(|_| window.mul_f64(fastrand_fraction(i as u64)))
                .collect();
            moments.sort();
            tasks.push(tokio::spawn(requester(
                base.clone(),
                token.clone(),
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
                    base.clone(),
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
        println!(
            "connected at the end: {} browsers; took {:.1} s",
            running.connected(),
            start.elapsed().as_secs_f64()
        );
        let _ = stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(10), running.stopped()).await;
        outcomes
    });
    let stored = stored_per_person(&ws.lock().unwrap(), pilot, &requesters);
    let (mut lost, mut doubled) = (0, 0);
    for ((acknowledged, uncertain), stored) in outcomes.iter().zip(&stored) {
        lost += acknowledged.saturating_sub(*stored);
        doubled += stored.saturating_sub(acknowledged + uncertain);
    }
    let mut t = tally.lock().unwrap();
    let acknowledged: usize = outcomes.iter().map(|o| o.0).sum();
    println!(
        "{participants} requesters × {submits} submits over {seconds} s, 2 fulfillers, 127.0.0.1"
    );
    println!(
        "submit: {} acknowledged, p50 {}, p99 {}",
        acknowledged,
        quantile(&mut t.submit, 0.5),
        quantile(&mut t.submit, 0.99)
    );
    println!(
        "queue:  {} pages, p50 {}, p99 {}",
        t.queue.len(),
        quantile(&mut t.queue, 0.5),
        quantile(&mut t.queue, 0.99)
    );
    println!(
        "action: {} steps, p50 {}, p99 {}; {} requests worked to resolved",
        t.act.len(),
        quantile(&mut t.act, 0.5),
        quantile(&mut t.act, 0.99),
        t.resolved
    );
    println!(
        "stored: {}; lost: {lost}; doubled: {doubled}; errors: {}",
        stored.iter().sum::<usize>(),
        t.errors.len()
    );
    for e in t.errors.iter().take(10) {
        println!("  error: {e}");
    }
    drop(dir);
    if lost > 0 || doubled > 0 || !t.errors.is_empty() {
        std::process::exit(1);
    }
}

/// A fraction in [0, 1) that differs per call, seeded per participant so
/// runs spread the same way.
fn fastrand_fraction(seed: u64) -> f64 {
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
