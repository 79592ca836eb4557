//! End-to-end tests: one binary, one module per area of the app. Each test
//! drives the real app window through tauri-driver under Xvfb and saves
//! screenshots under `target/e2e-screenshots/<test>/`.

mod attachments;
mod catalog;
mod delegation;
mod directory;
mod import;
mod intake;
mod knowledge;
mod lists;
mod outbox;
mod pilots;
mod portal;
mod portal_pages;
mod present;
mod queues;
mod reports;
mod roadmap;
mod story;
mod welcome;
mod workspace;

use std::path::PathBuf;

use pilot_e2e::{App, WebDriverResult};

/// A file of `tests/fixtures/csv` (the importer's shared fixtures, each
/// with its expectation) or, for `wizard/…`, one made for the wizard's tests.
fn fixture(name: &str) -> PathBuf {
    let dir = if name.starts_with("wizard/") {
        "fixtures"
    } else {
        "fixtures/csv"
    };
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(dir)
        .join(name);
    std::fs::canonicalize(&path).unwrap_or_else(|_| panic!("fixture {} is missing", path.display()))
}

/// Gets past the welcome screen of a first start.
async fn dismiss_welcome(app: &App) -> WebDriverResult<()> {
    app.click("[data-testid=welcome-start]").await?;
    app.wait_gone("[data-testid=welcome]").await
}
