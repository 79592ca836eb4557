//! The Reports dashboard presented full screen, moved with the arrow keys
//! and left with Escape.

use pilot_e2e::{App, Profile, WebDriverResult};
use thirtyfour::prelude::*;

/// Opens the demo workspace from the welcome screen.
async fn open_demo(app: &App) -> WebDriverResult<()> {
    app.click("[data-testid=welcome-demo]").await?;
    app.el("[data-testid=demo-label]").await?;
    // The welcome dialog closes with an animation; until it is gone its
    // overlay takes the clicks meant for the sidebar.
    app.wait_gone("[data-testid=welcome]").await?;
    app.el("[data-testid=programme-row]").await?;
    Ok(())
}

async fn slide_is(app: &App, slide: &str) -> WebDriverResult<()> {
    app.el(&format!("[data-testid=present][data-slide=\"{slide}\"]"))
        .await?;
    Ok(())
}

#[tokio::test]
async fn the_dashboard_is_presented_slide_by_slide_with_the_arrow_keys_and_left_with_escape(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let mut app = App::launch(&profile, "dashboard-present").await?;
    open_demo(&app).await?;
    app.click("[data-testid=nav-reports]").await?;
    app.el("[data-testid=report-scope]").await?;
    app.click("[data-testid=dashboard-present]").await?;

    slide_is(&app, "title").await?;
    app.wait_text("[data-testid=present-position]", "1 /")
        .await?;
    app.shot("present-title").await?;
    app.press(Key::Right).await?;
    slide_is(&app, "tile:Opened").await?;
    app.shot("present-opened").await?;
    app.press(Key::Right).await?;
    slide_is(&app, "tile:Resolved").await?;
    app.press(Key::Left).await?;
    slide_is(&app, "tile:Opened").await?;
    app.press(Key::End).await?;
    slide_is(&app, "backlog").await?;
    app.shot("present-last-chart").await?;
    app.press(Key::Left).await?;
    slide_is(&app, "volume").await?;
    app.shot("present-volume-chart").await?;
    // No editing chrome on a slide: the dashboard's buttons are covered.
    assert!(app
        .all("[data-testid=present] [data-export]")
        .await?
        .is_empty());

    app.press(Key::Escape).await?;
    app.wait_gone("[data-testid=present]").await?;
    app.el("[data-testid=dashboard-present]").await?;
    app.shot("after-presenting").await?;
    Ok(())
}
