//! Start-up benchmark: Pilot Studio against a minimal Tauri 2 app
//! (`src-tauri/minimal`), both launched the same way on the same machine.
//!
//! Each run starts the app in a fresh profile through tauri-driver and
//! times from the launch request to the first screen with content: for
//! Pilot Studio the home screen of a workspace of 10,000 imported
//! requests with its counts filled in, for the minimal app its one
//! heading. Two seconds later it reads the memory of the app and its
//! WebKit processes (PSS, see `App::memory_kib`). The apps take turns, so
//! a change in the machine's load falls on both.
//!
//! Prints the medians and their ratios against the bars (1.5 × the
//! minimal app for both). WebDriver's own overhead is in both figures.
//!
//! Usage: `bash tests/benches/startup.sh` (or `make bench`), which builds
//! both apps and the workspace. Env: `PILOT_APP`, `PILOT_MINIMAL`,
//! `STARTUP_WORKSPACE`, `RUNS` (default 5).

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use pilot_e2e::{bench_path, bench_runs, App, Profile, WebDriverResult};

/// How often the page is asked whether its content is there.
const POLL: Duration = Duration::from_millis(10);
/// A start slower than this is a failure, not a measurement.
const LIMIT: Duration = Duration::from_secs(60);
/// How long after its first content an app's memory is read, so that the
/// work a first screen starts has settled in both.
const SETTLE: Duration = Duration::from_secs(2);

struct Peer {
    name: &'static str,
    binary: PathBuf,
    args: Vec<String>,
    /// Elements whose text must all be non-empty for the screen to count
    /// as having content.
    content: &'static [&'static str],
}

struct Sample {
    start: Duration,
    memory_kib: u64,
    /// Where the time went, in milliseconds from the launch request: when
    /// the page's document began to load, when it was parsed (its
    /// DOMContentLoaded ended) and when its content was seen.
    page_began: f64,
    page_parsed: f64,
}

/// Whether every `css` element is on the page with some text, asked in
/// one script so that each poll costs both apps one round trip.
async fn has_content(app: &App, css: &[&str]) -> bool {
    let selectors = serde_json::json!(css);
    app.driver
        .execute(
            "return arguments[0].every((s) => {\
                 const e = document.querySelector(s);\
                 return e !== null && e.textContent.trim() !== '';\
             });",
            vec![selectors],
        )
        .await
        .is_ok_and(|answer| answer.json().as_bool() == Some(true))
}

async fn run_once(peer: &Peer, run: usize) -> WebDriverResult<Sample> {
    let profile = Profile::new();
    let args: Vec<&str> = peer.args.iter().map(String::as_str).collect();
    let started = Instant::now();
    let launched = SystemTime::now();
    let app = App::launch_binary(
        &peer.binary,
        &profile,
        &format!("bench-startup-{}-{run}", peer.name),
        &args,
    )
    .await?;
    while !has_content(&app, peer.content).await {
        assert!(
            started.elapsed() < LIMIT,
            "{} showed no content within {LIMIT:?}",
            peer.name
        );
        tokio::time::sleep(POLL).await;
    }
    let start = started.elapsed();
    let timing = app
        .driver
        .execute(
            "const nav = performance.getEntriesByType('navigation')[0];\
             return [performance.timeOrigin, nav ? nav.domContentLoadedEventEnd : 0];",
            Vec::new(),
        )
        .await?
        .json()
        .clone();
    let number = |i: usize| timing[i].as_f64().unwrap_or(0.0);
    let launch_ms = launched
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let page_began = number(0) - launch_ms;
    let page_parsed = page_began + number(1);
    tokio::time::sleep(SETTLE).await;
    let memory_kib = app.memory_kib();
    app.quit().await?;
    Ok(Sample {
        start,
        memory_kib,
        page_began,
        page_parsed,
    })
}

fn median<T: Copy + Ord>(mut values: Vec<T>) -> T {
    values.sort_unstable();
    values[values.len() / 2]
}

#[tokio::main]
async fn main() -> WebDriverResult<()> {
    let runs = bench_runs(5);
    let workspace = bench_path("STARTUP_WORKSPACE", "tests/benches/startup.sh");
    let peers = [
        Peer {
            name: "pilot-studio",
            binary: bench_path("PILOT_APP", "tests/benches/startup.sh"),
            args: vec![workspace.to_string_lossy().into_owned()],
            content: &[
                "[data-testid=workspace-name]",
                "[data-testid=count-people]",
                "[data-testid=count-departments]",
            ],
        },
        Peer {
            name: "minimal-tauri",
            binary: bench_path("PILOT_MINIMAL", "tests/benches/startup.sh"),
            args: Vec::new(),
            content: &["[data-testid=content]"],
        },
    ];
    let mut samples: Vec<Vec<Sample>> = peers.iter().map(|_| Vec::new()).collect();
    for run in 1..=runs {
        for (peer, into) in peers.iter().zip(samples.iter_mut()) {
            let sample = run_once(peer, run).await?;
            println!(
                "run {run}: {:<13} first content {:>5} ms (page began {:>4.0} ms, parsed {:>4.0} ms), memory {:>4} MB",
                peer.name,
                sample.start.as_millis(),
                sample.page_began,
                sample.page_parsed,
                sample.memory_kib / 1024
            );
            into.push(sample);
        }
    }
    let start: Vec<Duration> = samples
        .iter()
        .map(|s| median(s.iter().map(|x| x.start).collect()))
        .collect();
    let memory: Vec<u64> = samples
        .iter()
        .map(|s| median(s.iter().map(|x| x.memory_kib).collect()))
        .collect();
    println!(
        "median start-up: pilot-studio {} ms, minimal Tauri app {} ms",
        start[0].as_millis(),
        start[1].as_millis()
    );
    println!(
        "ratio start-up: {:.2} (bar: <= 1.5)",
        start[0].as_secs_f64() / start[1].as_secs_f64()
    );
    println!(
        "median memory (PSS, app and WebKit): pilot-studio {:.0} MB, minimal Tauri app {:.0} MB",
        memory[0] as f64 / 1024.0,
        memory[1] as f64 / 1024.0
    );
    println!(
        "ratio memory: {:.2} (bar: <= 1.5)",
        memory[0] as f64 / memory[1] as f64
    );
    Ok(())
}
