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

mod load;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pilot_portal::{Limits, Options, Rate};

use load::setting;

fn main() {
    let participants = setting("PARTICIPANTS", 200, 1000);
    let seconds = setting("SECONDS", 60, 60);
    let submits = setting("SUBMITS", 3, 20);
    let (p, requesters, fulfillers) = load::pilot_with(participants);
    let (pilot, item, dir) = (p.pilot, p.item, p.dir);
    let ws = Arc::new(Mutex::new(p.ws));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (outcomes, mut tally) = runtime.block_on(async {
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
        let measured = load::drive(
            &base,
            item,
            &requesters,
            &fulfillers,
            Duration::from_secs(seconds),
            submits,
            |_| None,
        )
        .await;
        println!(
            "connected at the end: {} browsers; took {:.1} s",
            running.connected(),
            start.elapsed().as_secs_f64()
        );
        let _ = stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(10), running.stopped()).await;
        measured
    });
    let whole = load::report(
        &ws.lock().unwrap(),
        pilot,
        &requesters,
        &outcomes,
        &mut tally,
        &format!(
            "{participants} requesters × {submits} submits over {seconds} s, 2 fulfillers, 127.0.0.1"
        ),
    );
    drop(dir);
    if !whole {
        std::process::exit(1);
    }
}
