//! Dashboard benchmark (`make bench` runs it through `metrics.sh`): a
//! workspace with ROWS requests (default 1,000,000) over 20 items of 4
//! departments with different calendars, requesters in 12 departments.
//! Prints, as `key value` lines: the time to build the columnar snapshot
//! (once per change of the data), the median time of the whole dashboard
//! from it (volume per week, median / p90 / mean turnaround, SLA kept %,
//! satisfaction, by item and by requester department), and writes the
//! per-request facts as CSV so DuckDB can answer the same questions on the
//! same data.
//!
//! Usage: cargo bench -p pilot-core --bench dashboard -- DIR [ROWS]

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use pilot_core::catalog;
use pilot_core::directory::{self, BusinessHours, DepartmentInput, PersonInput};
use pilot_core::metrics::columns::{self, Columns};
use pilot_core::metrics::{ReportQuery, Scope};
use pilot_core::Workspace;
use rusqlite::{params, Connection};

fn generate(path: &Path, rows: usize) {
    let mut rng = fastrand::Rng::with_seed(42);
    let mut ws = Workspace::create(path).unwrap();
    let zones = [
        "Europe/Berlin",
        "America/New_York",
        "Asia/Tokyo",
        "Europe/London",
    ];
    let mut providers = Vec::new();
    for (d, zone) in zones.iter().enumerate() {
        let mut hours = BusinessHours::office(zone);
        hours.holidays.push(directory::Holiday {
            date: "2026-04-06".into(),
            name: "Easter Monday".into(),
        });
        providers.push(
            directory::create_department(
                &mut ws,
                DepartmentInput {
                    name: format!("Provider {d}"),
                    is_requester: true,
                    is_provider: true,
                    head_id: None,
                    hours,
                },
            )
            .unwrap()
            .id,
        );
    }
    let mut requesters = Vec::new();
    for d in 0..12 {
        requesters.push(
            directory::create_department(
                &mut ws,
                DepartmentInput {
                    name: format!("Requesters {d}"),
                    is_requester: true,
                    is_provider: false,
                    head_id: None,
                    hours: BusinessHours::office("Europe/Berlin"),
                },
            )
            .unwrap()
            .id,
        );
    }
    for p in 0..600 {
        directory::create_person(
            &mut ws,
            PersonInput {
                name: format!("Person {p}"),
                email: format!("person{p}@example.org"),
                department_id: Some(requesters[p % requesters.len()]),
                manager_id: None,
                roles: Vec::new(),
            },
        )
        .unwrap();
    }
    let mut items = Vec::new();
    for i in 0..20 {
        let item = catalog::create(&mut ws, &format!("Item {i}")).unwrap();
        let mut input = item.input();
        input.department_id = Some(providers[i % providers.len()]);
        catalog::update(&mut ws, item.id, input).unwrap();
        items.push(item.id);
    }
    drop(ws);
    let raw = Connection::open(path).unwrap();
    let tx = raw.unchecked_transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO requests (catalog_item_id, origin, opened_at, closed_at, resolved_at,
                                       requester, answers, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, '{}', '2026-01-01')",
            )
            .unwrap();
        let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        // Times as each kind of request stores them: an imported baseline
        // request as the export wrote it (local, no zone), a pilot request
        // in UTC (RFC 3339) with its resolution in `resolved_at`.
        let local = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
        let utc = |t: chrono::NaiveDateTime| pilot_core::sla::format_utc(t.and_utc());
        for _ in 0..rows {
            let opened = start + chrono::Duration::minutes(rng.i64(0..60 * 24 * 540));
            let closed = (rng.u8(0..10) < 8)
                .then(|| opened + chrono::Duration::minutes(rng.i64(10..60 * 24 * 15)));
            let item = items[rng.usize(..items.len())];
            let pilot = rng.u8(0..3) == 0;
            let requester = format!("person{}@example.org", rng.usize(0..650));
            let row = if pilot {
                params![
                    item,
                    "pilot",
                    utc(opened),
                    closed.map(utc),
                    closed.map(utc),
                    requester
                ]
            } else {
                params![
                    item,
                    "baseline",
                    local(opened),
                    closed.map(local),
                    None::<String>,
                    requester
                ]
            };
            insert.execute(row).unwrap();
        }
    }
    tx.commit().unwrap();
}

fn write_facts(columns: &Columns, path: &Path) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "item,requester_department,origin,opened_day,resolved_day,turnaround,business,sla,rating"
    )
    .unwrap();
    for f in columns.facts() {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{}",
            f.item,
            f.group,
            f.origin,
            f.opened_day,
            f.resolved_day,
            f.turnaround,
            f.business,
            f.sla,
            f.rating
        )
        .unwrap();
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let dir = Path::new(args.first().map(String::as_str).unwrap_or("target/bench"));
    let rows: usize = args
        .get(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(1_000_000);
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("dashboard-{rows}.pilot"));
    if !path.exists() {
        let t = Instant::now();
        generate(&path, rows);
        eprintln!(
            "generated {} in {:.1}s",
            path.display(),
            t.elapsed().as_secs_f64()
        );
    }
    let ws = Workspace::open(&path).unwrap();
    let query = ReportQuery {
        scope: Scope::All,
        origin: None,
        from: None,
        to: None,
    };

    let t = Instant::now();
    let cols = columns::columns(&ws).unwrap();
    println!("snapshot_seconds {:.3}", t.elapsed().as_secs_f64());
    println!("snapshot_mb {:.1}", cols.heap_bytes() as f64 / 1e6);
    println!("requests {}", cols.len());

    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..15 {
        let t = Instant::now();
        result = Some(columns::fast_dashboard(&ws, &query).unwrap());
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!("dashboard_ms {:.2}", times[times.len() / 2] * 1000.0);
    let d = result.unwrap();
    let t = d.turnaround.unwrap();
    println!("check_opened {}", d.opened);
    println!("check_median_hours {:.4}", t.median_hours);
    println!("check_p90_hours {:.4}", t.p90_hours);
    write_facts(&cols, &dir.join(format!("facts-{rows}.csv")));
}
