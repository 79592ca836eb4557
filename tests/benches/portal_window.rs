//! The portal under load, served by the real app, with its window
//! watched: PARTICIPANTS requesters (default 200), each from a loopback
//! address of its own as if from their own computer, sign in by link and
//! submit SUBMITS requests (default 3) at random moments within SECONDS
//! (default 60, at most 60) while two fulfillers work the queue — the load
//! of `portal_load`, driven at the portal the app opened on 127.0.0.1.
//!
//! Meanwhile the page measures whether the desktop window stays
//! responsive: the gaps between its animation frames (a frame missed is a
//! stall the analyst sees) and the round trip of a command to the backend
//! (`app_snapshot`, every 100 ms), which shares the workspace with the
//! portal. Both are measured idle first, then under the load. The load's
//! own latencies, errors and any request lost or stored twice are printed
//! as `portal_load` prints them; it exits non-zero on any of those.
//!
//! Usage: `bash tests/benches/portal_window.sh` (or `make bench`). Env:
//! `PILOT_APP` (set by the script), PARTICIPANTS, SUBMITS, SECONDS.

#[path = "../../src-tauri/core/tests/pilot_support/mod.rs"]
mod pilot_support;

#[path = "../../src-tauri/portal/benches/load/mod.rs"]
mod load;

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use pilot_core::Workspace;
use pilot_e2e::{bench_path, App, Profile, WebDriverResult};

use load::setting;

/// Starts sampling in the page: every animation frame's gap to the one
/// before, and the round trip of `app_snapshot` every 100 ms.
const PROBE_START: &str = r#"
const probe = { stop: false, invokes: [], gaps: [] };
window.__probe = probe;
let last = performance.now();
const frame = (t) => {
  probe.gaps.push(t - last);
  last = t;
  if (!probe.stop) requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
(async () => {
  while (!probe.stop) {
    const started = performance.now();
    await window.__TAURI_INTERNALS__.invoke('app_snapshot');
    probe.invokes.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 100));
  }
})();
"#;

/// Stops sampling and answers the samples, in milliseconds.
const PROBE_STOP: &str = r#"
const probe = window.__probe;
probe.stop = true;
return { invokes: probe.invokes, gaps: probe.gaps };
"#;

/// The window's responsiveness over a phase, in words.
fn responsiveness(samples: &serde_json::Value) -> String {
    let sorted = |key: &str| {
        let mut v: Vec<f64> = samples[key]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x.as_f64()).collect())
            .unwrap_or_default();
        v.sort_by(f64::total_cmp);
        v
    };
    let at = |v: &[f64], q: f64| {
        if v.is_empty() {
            f64::NAN
        } else {
            v[((v.len() - 1) as f64 * q).round() as usize]
        }
    };
    let (invokes, gaps) = (sorted("invokes"), sorted("gaps"));
    let long = gaps.iter().filter(|g| **g > 50.0).count();
    format!(
        "backend round trip: {} samples, p50 {:.1} ms, p99 {:.1} ms, worst {:.1} ms; \
         frames: {}, gap p50 {:.1} ms, p99 {:.1} ms, worst {:.1} ms, {} over 50 ms",
        invokes.len(),
        at(&invokes, 0.5),
        at(&invokes, 0.99),
        at(&invokes, 1.0),
        gaps.len(),
        at(&gaps, 0.5),
        at(&gaps, 0.99),
        at(&gaps, 1.0),
        long
    )
}

/// The loopback address requester `i` connects from: 127.0.1.1 onwards,
/// so the portal's per-address limits see separate computers.
fn address_of(i: usize) -> Option<IpAddr> {
    let (high, low) = (1 + i / 250, 1 + i % 250);
    Some(IpAddr::V4(Ipv4Addr::new(127, 0, high as u8, low as u8)))
}

#[tokio::main]
async fn main() -> WebDriverResult<()> {
    let participants = setting("PARTICIPANTS", 200, 1000);
    let seconds = setting("SECONDS", 60, 60);
    let submits = setting("SUBMITS", 3, 20);
    let app_binary = bench_path("PILOT_APP", "tests/benches/portal_window.sh");
    let (p, requesters, fulfillers) = load::pilot_with(participants);
    let (pilot, item, dir) = (p.pilot, p.item, p.dir);
    // The app is the workspace's one writer while it runs.
    drop(p.ws);
    let path = dir.path().join("Pilot.pilot");

    let profile = Profile::new();
    let mut app = App::launch_binary(
        &app_binary,
        &profile,
        "bench-portal-window",
        &[&path.to_string_lossy()],
    )
    .await?;
    app.click("[data-testid=welcome-start]").await?;
    app.wait_gone("[data-testid=welcome]").await?;
    app.click("[data-testid=nav-pilots]").await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    app.choose("[data-testid=share-bind]", "This computer only")
        .await?;
    app.click("[data-testid=share-switch]").await?;
    let base = app
        .el("[data-testid=share-url]")
        .await?
        .value()
        .await?
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_owned();
    println!("the app's portal: {base}");

    app.driver.execute(PROBE_START, vec![]).await?;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let idle = app.driver.execute(PROBE_STOP, vec![]).await?.json().clone();
    println!("window idle, 5 s: {}", responsiveness(&idle));

    app.driver.execute(PROBE_START, vec![]).await?;
    let (outcomes, mut tally) = load::drive(
        &base,
        item,
        &requesters,
        &fulfillers,
        Duration::from_secs(seconds),
        submits,
        address_of,
    )
    .await;
    let loaded = app.driver.execute(PROBE_STOP, vec![]).await?.json().clone();
    println!(
        "window under load, {seconds} s: {}",
        responsiveness(&loaded)
    );
    app.shot("pilot-page-after-the-load").await?;
    app.quit().await?;

    let ws = Workspace::open(&path).expect("the workspace opens after the app closed");
    let whole = load::report(
        &ws,
        pilot,
        &requesters,
        &outcomes,
        &mut tally,
        &format!(
            "{participants} requesters (each from its own loopback address) × {submits} submits over {seconds} s, 2 fulfillers, the app's portal on 127.0.0.1"
        ),
    );
    drop(ws);
    drop(dir);
    if !whole {
        std::process::exit(1);
    }
    Ok(())
}
