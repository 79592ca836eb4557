//! The queue in the real window: with the workspace of the pilot request
//! benchmark (1,000,000 requests, about ten events each), how long the
//! first page of a filtered, sorted queue takes to render after the
//! fulfiller changes a filter. The bar: under 200 ms.
//!
//! The time is taken inside the page, so WebDriver's round trips are not
//! in it: from the moment the priority filter changes to the second frame
//! after the list shows the new page (the first frame lays it out, the
//! second is drawn).
//!
//! Usage: `bash tests/benches/queue.sh` (or `make bench`), which builds
//! the app and the workspace. Env: `PILOT_APP`, `QUEUE_WORKSPACE`,
//! `RUNS` (default 15).

use std::time::{Duration, Instant};

use pilot_e2e::{bench_path, bench_runs, App, Profile, WebDriverResult};

const ROW: &str = "[data-testid=queue-list] [data-testid=request-row]";

/// Changes the priority filter to `arguments[0]` and answers, in
/// milliseconds, when the list has changed and been drawn.
const CHANGE_AND_TIME: &str = r#"
const done = arguments[arguments.length - 1];
const queue = document.querySelector('[data-testid=queue]');
const select = queue.querySelector('select[aria-label=Priority]');
const listed = () => queue.querySelector('[data-testid=queue-list]')?.textContent ?? '';
const before = listed();
const started = performance.now();
const watcher = new MutationObserver(() => {
  if (listed() === before) return;
  watcher.disconnect();
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - started)));
});
watcher.observe(queue, { subtree: true, childList: true, characterData: true });
select.value = String(arguments[0]);
select.dispatchEvent(new Event('change', { bubbles: true }));
"#;

/// Asks the backend for the same first page directly, `arguments[0]`
/// times, and answers the median in milliseconds: the part of the time
/// above that is the page's own.
const CALL_AND_TIME: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
  const times = [];
  for (let i = 0; i < arguments[0]; i++) {
    const filter = { pilotId: arguments[1], group: null, assigneeId: null, states: [],
      itemId: null, priority: 1 + (i % 3), atRisk: false, rehearsal: null, after: null, limit: 100 };
    const started = performance.now();
    await window.__TAURI_INTERNALS__.invoke('requests_queue', { filter });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  done(times[Math.floor(times.length / 2)]);
})().catch(() => done(-1));
"#;

#[tokio::main]
async fn main() -> WebDriverResult<()> {
    let runs = bench_runs(15);
    let app_binary = bench_path("PILOT_APP", "tests/benches/queue.sh");
    let workspace = bench_path("QUEUE_WORKSPACE", "tests/benches/queue.sh");
    let profile = Profile::new();
    let started = Instant::now();
    let app = App::launch_binary(
        &app_binary,
        &profile,
        "bench-queue",
        &[&workspace.to_string_lossy()],
    )
    .await?;
    app.wait_gone("[role=status]").await?;
    // A fresh profile is a first start: the welcome comes first.
    app.click("[data-testid=welcome-start]").await?;
    app.wait_gone("[data-testid=welcome]").await?;
    println!("workspace open: {} ms", started.elapsed().as_millis());

    let opening = Instant::now();
    app.click("[data-testid=nav-pilots]").await?;
    app.click_text("[data-testid=pilot-row]", "Bench").await?;
    app.choose("[data-testid=acting-as]", "Fulfiller 0 — Fulfiller")
        .await?;
    app.el(ROW).await?;
    println!(
        "pilot page to the fulfiller's first queue rows (WebDriver steps included): {} ms",
        opening.elapsed().as_millis()
    );

    let mut times = Vec::new();
    for run in 0..runs {
        let priority = 1 + run % 3;
        let ms = app
            .driver
            .execute_async(CHANGE_AND_TIME, vec![serde_json::json!(priority)])
            .await?
            .json()
            .as_f64()
            .unwrap_or(f64::NAN);
        times.push(ms);
        // Let the page settle before the next change.
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "queue first page after a filter change, {} runs: median {:.0} ms, p90 {:.0} ms, worst {:.0} ms (bar: < 200 ms)",
        times.len(),
        at(0.5),
        at(0.9),
        at(1.0)
    );
    // The benchmark's workspace holds one pilot, the first made.
    let call = app
        .driver
        .execute_async(
            CALL_AND_TIME,
            vec![serde_json::json!(runs), serde_json::json!(1)],
        )
        .await?
        .json()
        .as_f64()
        .unwrap_or(f64::NAN);
    println!(
        "of which the backend's answer (requests_queue, asked from the page): median {call:.0} ms"
    );
    app.quit().await
}
