//! End-to-end tests: one binary, one module per area of the app. Each test
//! drives the real app window through tauri-driver under Xvfb and saves
//! screenshots under `target/e2e-screenshots/<test>/`.

mod catalog;
mod directory;
mod import;
mod welcome;
mod workspace;

use pilot_e2e::{App, WebDriverResult};

/// Gets past the welcome screen of a first start.
async fn dismiss_welcome(app: &App) -> WebDriverResult<()> {
    app.click("[data-testid=welcome-start]").await?;
    app.wait_gone("[data-testid=welcome]").await
}
