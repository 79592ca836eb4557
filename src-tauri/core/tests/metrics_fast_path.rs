//! The fast path (columns) gives the dashboard's numbers exactly as the
//! slow reference (the report computed request by request) on random
//! workspaces: random items, departments with their calendars, requesters,
//! opened and closed times, periods and scopes.

use pilot_core::catalog;
use pilot_core::directory::{self, BusinessHours, DepartmentInput, PersonInput};
use pilot_core::metrics::columns::{fast_dashboard, reference_dashboard, Dashboard};
use pilot_core::metrics::measured;
use pilot_core::metrics::{Origin, ReportQuery, Scope};
use pilot_core::pilots::{self, PilotInput};
use pilot_core::Workspace;
use rusqlite::{params, Connection};

/// A workspace with random departments, people, items, requests and a
/// pilot of two of the items; its scopes, the pilot's among them.
fn random_workspace(dir: &std::path::Path, seed: u64) -> (Workspace, Vec<Scope>) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let path = dir.join(format!("random-{seed}.pilot"));
    let mut ws = Workspace::create(&path).unwrap();
    let zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"];
    let mut departments = Vec::new();
    for d in 0..3 {
        let mut hours = BusinessHours::office(zones[rng.usize(..zones.len())]);
        if rng.bool() {
            hours.holidays.push(directory::Holiday {
                date: format!("2026-0{}-1{}", rng.u8(1..=6), rng.u8(0..=9)),
                name: "Holiday".into(),
            });
        }
        let dept = directory::create_department(
            &mut ws,
            DepartmentInput {
                name: format!("Department {d}"),
                is_requester: true,
                is_provider: true,
                head_id: None,
                hours,
            },
        )
        .unwrap();
        departments.push(dept.id);
    }
    for p in 0..8 {
        directory::create_person(
            &mut ws,
            PersonInput {
                name: format!("Person {p}"),
                email: format!("person{p}@example.org"),
                department_id: (p % 4 != 3).then(|| departments[p % 3]),
                manager_id: None,
                roles: Vec::new(),
            },
        )
        .unwrap();
    }
    let mut items = Vec::new();
    for i in 0..4 {
        let item = catalog::create(&mut ws, &format!("Item {i}")).unwrap();
        let mut input = item.input();
        input.department_id = (i != 3).then(|| departments[rng.usize(..departments.len())]);
        input.sla.amount = rng.i64(1..=5);
        catalog::update(&mut ws, item.id, input).unwrap();
        items.push(item.id);
    }
    let mut pilot = PilotInput::named("Two items");
    pilot.item_ids = vec![items[0], items[1 + rng.usize(..3)]];
    let pilot = pilots::create(&mut ws, pilot, chrono::Utc::now()).unwrap();
    drop(ws);

    let raw = Connection::open(&path).unwrap();
    let tx = raw.unchecked_transaction().unwrap();
    for _ in 0..rng.usize(0..400) {
        let opened = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            + chrono::Duration::minutes(rng.i64(0..60 * 24 * 180));
        let closed = rng
            .bool()
            .then(|| opened + chrono::Duration::minutes(rng.i64(0..60 * 24 * 20)));
        let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
        let requester = match rng.u8(0..3) {
            0 => Some(format!("person{}@example.org", rng.u8(0..8))),
            1 => Some(format!("Person {}", rng.u8(0..8))),
            _ => None,
        };
        tx.execute(
            "INSERT INTO requests (catalog_item_id, origin, opened_at, closed_at, requester,
                                   answers, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, '{}', '2026-01-01')",
            params![
                items[rng.usize(..items.len())],
                if rng.u8(0..4) == 0 {
                    "pilot"
                } else {
                    "baseline"
                },
                fmt(opened),
                closed.map(fmt),
                requester,
            ],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    let mut scopes = vec![Scope::All, Scope::Pilot { id: pilot.id }];
    scopes.extend(items.iter().map(|&id| Scope::Item { id }));
    scopes.extend(departments.iter().map(|&id| Scope::Department { id }));
    (Workspace::open(&path).unwrap(), scopes)
}

fn assert_same(fast: &Dashboard, slow: &Dashboard, what: &str) {
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
        (a, b) => a == b,
    };
    assert_eq!(fast.opened, slow.opened, "{what}");
    assert_eq!(fast.resolved, slow.resolved, "{what}");
    assert_eq!(fast.volume, slow.volume, "{what}");
    assert_eq!(fast.sla_kept, slow.sla_kept, "{what}");
    assert!(
        close(fast.satisfaction_mean, slow.satisfaction_mean),
        "{what}"
    );
    match (&fast.turnaround, &slow.turnaround) {
        (Some(f), Some(s)) => {
            assert_eq!(
                (f.n, f.median_hours, f.p90_hours),
                (s.n, s.median_hours, s.p90_hours),
                "{what}"
            );
            assert!(close(Some(f.mean_hours), Some(s.mean_hours)), "{what}");
        }
        (f, s) => assert_eq!(f, s, "{what}"),
    }
    assert_eq!(fast.by_item, slow.by_item, "{what}");
    assert_eq!(
        fast.by_requester_department, slow.by_requester_department,
        "{what}"
    );
}

#[test]
fn the_fast_path_equals_the_slow_reference_on_random_workspaces() {
    let dir = tempfile::tempdir().unwrap();
    for seed in 0..12 {
        let (ws, scopes) = random_workspace(dir.path(), seed);
        let mut rng = fastrand::Rng::with_seed(seed + 1000);
        for scope in scopes {
            for _ in 0..3 {
                let date = |rng: &mut fastrand::Rng| {
                    rng.bool()
                        .then(|| format!("2026-0{}-{:02}", rng.u8(1..=7), rng.u8(1..=28)))
                };
                let query = ReportQuery {
                    scope: scope.clone(),
                    origin: [None, Some(Origin::Baseline), Some(Origin::Pilot)][rng.usize(..3)],
                    from: date(&mut rng),
                    to: date(&mut rng),
                };
                let fast = fast_dashboard(&ws, &query).unwrap();
                let slow = reference_dashboard(&measured::load(&ws, &query).unwrap(), &query);
                assert_same(&fast, &slow, &format!("seed {seed}, {query:?}"));
            }
        }
    }
}
