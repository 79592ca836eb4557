//! Pilot request benchmark (`make bench`): a workspace with REQUESTS pilot
//! requests (default 1,000,000) and about ten events each, then
//!
//! - a transition (a comment, one transaction with its event) timed 1,000
//!   times: p50 and p99;
//! - the first page of a filtered, sorted queue (one group's open
//!   requests, soonest due first) through the core, against the same
//!   question asked of a plain copy of the table with the index a DBA would
//!   add for it (SQLite's best plan): medians and their ratio;
//! - the SLA clock of every open request.
//!
//! The core makes the pilot and one real request; the bulk rows are
//! inserted directly (a generator, like the import benchmark's CSV writer),
//! shaped like what the lifecycle writes.
//!
//! Usage: cargo bench -p pilot-core --bench pilot_requests
//!        (env: REQUESTS=1000000, EVENTS_PER_REQUEST=10, KEEP_WORKSPACE=path
//!        to keep the workspace for the window's queue benchmark)

use std::time::{Duration, Instant};

use chrono::DateTime;
use pilot_core::catalog::{self, ApprovalStep, Choice, FieldType, Form, FormField, ItemInput};
use pilot_core::directory::BusinessHours;
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole, PilotInput};
use pilot_core::requests::{self, Action, Actor, NewRequest, QueueFilter};
use pilot_core::Workspace;
use pilot_fixtures::{department, person_with_email, utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{params, Connection};

const GROUPS: usize = 10;
const FULFILLERS: usize = 50;
const OPEN_SHARE: f64 = 0.15;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A person whose e-mail spells their whole name ("Fulfiller 7" is
/// fulfiller.7@example.org), so numbered names stay unique.
fn person(ws: &mut Workspace, name: String, manager: Option<i64>) -> i64 {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    person_with_email(ws, &name, &email, manager)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn percentile(mut v: Vec<Duration>, p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 * p).ceil() as usize).min(v.len()) - 1]
}

fn main() {
    let n = env("REQUESTS", 1_000_000);
    let per = env("EVENTS_PER_REQUEST", 10);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.pilot");
    let mut ws = Workspace::create(&path).unwrap();
    let hr = department(
        &mut ws,
        "Human Resources",
        BusinessHours::office("Europe/Berlin"),
    );
    let max = person(&mut ws, "Max".into(), None);
    let ann = person(&mut ws, "Ann".into(), Some(max));
    let fulfillers: Vec<i64> = (0..FULFILLERS)
        .map(|i| person(&mut ws, format!("Fulfiller {i}"), None))
        .collect();
    let item = catalog::create(&mut ws, "Certificate").unwrap().id;
    let mut input = ItemInput::draft("Certificate");
    input.department_id = Some(hr);
    let mut kind = FormField::new("kind", "Kind", FieldType::Choice);
    kind.choices = vec![Choice::new("work", "Work")];
    input.form = Form { fields: vec![kind] };
    input.fulfilment.assignment_group = "Group 0".into();
    input.fulfilment.approvals = vec![ApprovalStep::requester_manager()];
    input.fulfilment.tasks = vec!["Do it".into()];
    catalog::update(&mut ws, item, input).unwrap();
    catalog::publish(&mut ws, item).unwrap();
    let mut p = PilotInput::named("Bench");
    p.department_id = Some(hr);
    p.item_ids = vec![item];
    p.participants = vec![ParticipantInput::new(ann, ParticipantRole::Requester)];
    p.participants.extend(
        fulfillers
            .iter()
            .map(|&person_id| ParticipantInput::new(person_id, ParticipantRole::Fulfiller)),
    );
    let pilot = pilots::create(&mut ws, p, utc("2026-01-01T00:00:00Z"))
        .unwrap()
        .id;
    pilots::start(&mut ws, pilot, utc("2026-01-01T00:00:00Z")).unwrap();
    let new = NewRequest {
        pilot_id: pilot,
        item_id: item,
        answers: serde_json::json!({"kind": "work"})
            .as_object()
            .unwrap()
            .clone(),
        priority: None,
    };
    requests::submit(
        &mut ws,
        &new,
        Actor::person(ann),
        utc("2026-01-02T08:00:00Z"),
    )
    .unwrap();
    drop(ws);

    let started = Instant::now();
    generate(&path, pilot, item, ann, &fulfillers, n, per);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "generated {n} requests, {} events in {:.1} s ({} MB)",
        n * per,
        started.elapsed().as_secs_f64(),
        size / 1_000_000
    );

    let mut ws = Workspace::open(&path).unwrap();
    let now = utc("2026-06-01T10:00:00Z");

    // Transitions: a comment by a fulfiller on open requests.
    let open_ids: Vec<i64> = {
        let page = requests::queue(
            &ws,
            &QueueFilter {
                pilot_id: Some(pilot),
                limit: 1000,
                ..QueueFilter::default()
            },
            now,
        )
        .unwrap();
        page.rows.iter().map(|r| r.id).collect()
    };
    let mut times = Vec::new();
    for (i, id) in open_ids.iter().enumerate() {
        let who = Actor::person(fulfillers[i % FULFILLERS]);
        let action = Action::Comment {
            text: "Looking into it.".into(),
        };
        let t = Instant::now();
        requests::act(&mut ws, *id, who, &action, now).unwrap();
        times.push(t.elapsed());
    }
    println!(
        "transition (comment + event, one transaction), {} runs: p50 {:.2} ms, p99 {:.2} ms",
        times.len(),
        median(times.clone()).as_secs_f64() * 1e3,
        percentile(times, 0.99).as_secs_f64() * 1e3
    );

    // The queue through the core.
    let filter = QueueFilter {
        pilot_id: Some(pilot),
        group: Some("Group 3".into()),
        priority: Some(2),
        limit: 50,
        ..QueueFilter::default()
    };
    let mut core = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let page = requests::queue(&ws, &filter, now).unwrap();
        core.push(t.elapsed());
        assert!(!page.rows.is_empty());
    }
    drop(ws);

    // The same question of a plain copy with a DBA's index.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TEMP TABLE plain AS SELECT id, pilot_id, catalog_item_id, requester_id,
                assignee_id, assignment_group, state, priority, opened_at, sla_due_at
         FROM requests WHERE origin = 'pilot';
         CREATE INDEX temp.plain_queue ON plain(pilot_id, assignment_group, state, sla_due_at, id);
         ANALYZE temp.plain;",
    )
    .unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT p.id, c.name, q.name, a.name, p.state, p.priority, p.sla_due_at
             FROM plain p JOIN catalog_items c ON c.id = p.catalog_item_id
             LEFT JOIN people q ON q.id = p.requester_id
             LEFT JOIN people a ON a.id = p.assignee_id
             WHERE p.pilot_id = ?1 AND p.assignment_group = ?2
               AND p.state IN ('submitted', 'awaiting_approval', 'in_progress', 'on_hold')
               AND p.priority = 2
             ORDER BY p.sla_due_at, p.id LIMIT 50",
        )
        .unwrap();
    let mut best = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let rows: Vec<i64> = stmt
            .query_map(params![pilot, "Group 3"], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        best.push(t.elapsed());
        assert!(!rows.is_empty());
    }
    let (c, b) = (median(core), median(best));
    println!(
        "queue first page (group, priority, open, soonest due, 50 rows): core {:.2} ms, \
         DBA-indexed copy {:.2} ms, ratio {:.2}",
        c.as_secs_f64() * 1e3,
        b.as_secs_f64() * 1e3,
        c.as_secs_f64() / b.as_secs_f64()
    );
    drop(stmt);
    drop(conn);

    let ws = Workspace::open(&path).unwrap();
    let t = Instant::now();
    let clocks = requests::open_clocks(&ws, pilot, now).unwrap();
    println!(
        "SLA clock of every open request ({}): {:.2} s",
        clocks.len(),
        t.elapsed().as_secs_f64()
    );
    drop(ws);

    // The window's queue benchmark (tests/benches/queue.rs) opens the same
    // workspace in the app.
    if let Some(keep) = std::env::var_os("KEEP_WORKSPACE") {
        std::fs::copy(&path, &keep).unwrap();
    }
}

/// Inserts `n` pilot requests with `per` events each, one transaction.
fn generate(
    path: &std::path::Path,
    pilot: i64,
    item: i64,
    requester: i64,
    fulfillers: &[i64],
    n: u64,
    per: u64,
) {
    let mut conn = Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;")
        .unwrap();
    let tx = conn.transaction().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    {
        let mut req = tx
            .prepare(
                "INSERT INTO requests (catalog_item_id, origin, opened_at, answers, created_at,
                    pilot_id, form_version, requester_id, state, priority, assignment_group,
                    assignee_id, rehearsal, first_response_at, resolved_at, closed_at,
                    sla_target_secs, sla_due_at, sla_warn_at, sla_met, rating, updated_at)
                 VALUES (?1, 'pilot', ?2, '{\"kind\":\"work\"}', ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, 0,
                    ?9, ?10, ?11, 28800, ?12, ?13, ?14, ?15, ?2)",
            )
            .unwrap();
        let mut ev = tx
            .prepare(
                "INSERT INTO request_events (request_id, at, actor_id, actor_name, acting, kind,
                    from_state, to_state, detail, internal)
                 VALUES (?1, ?2, ?3, 'Bench', 0, ?4, NULL, NULL, '', 0)",
            )
            .unwrap();
        let base = utc("2025-06-01T00:00:00Z").timestamp();
        let span = utc("2026-06-01T00:00:00Z").timestamp() - base;
        let fmt = |t: i64| {
            DateTime::from_timestamp(t, 0)
                .unwrap()
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        };
        let kinds = [
            "approved",
            "assigned",
            "comment",
            "task_done",
            "work_note",
            "resolved",
            "rated",
        ];
        for i in 0..n {
            let opened = base + (span as f64 * i as f64 / n as f64) as i64;
            let open = rng.random_bool(OPEN_SHARE);
            let state = if open {
                ["submitted", "awaiting_approval", "in_progress", "on_hold"][rng.random_range(0..4)]
            } else {
                "closed"
            };
            let due = opened + rng.random_range(28_800..400_000);
            let resolved = (!open).then(|| opened + rng.random_range(3600..600_000));
            let fulfiller = fulfillers[rng.random_range(0..fulfillers.len())];
            req.execute(params![
                item,
                fmt(opened),
                pilot,
                requester,
                state,
                rng.random_range(1..=4),
                format!("Group {}", rng.random_range(0..GROUPS)),
                fulfiller,
                fmt(opened + 600),
                resolved.map(fmt),
                resolved.map(|r| fmt(r + 3600)),
                fmt(due),
                fmt(due - 7200),
                resolved.map(|r| r <= due),
                resolved.map(|_| rng.random_range(1..=5)),
            ])
            .unwrap();
            let id = tx.last_insert_rowid();
            ev.execute(params![id, fmt(opened), requester, "submitted"])
                .unwrap();
            for k in 1..per {
                let kind = kinds[(k as usize - 1) % kinds.len()];
                ev.execute(params![id, fmt(opened + k as i64 * 600), fulfiller, kind])
                    .unwrap();
            }
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("ANALYZE;").unwrap();
}
