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

#[tokio::test]
async fn a_use_case_linked_in_the_pilot_editor_names_its_pilot_on_the_backlog_and_roadmap(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let mut app = App::launch(&profile, "use-case-link").await?;
    open_demo(&app).await?;

    // The running demo pilot runs "Work orders"; it is moved to the
    // Facilities idea "Desk and office moves" in its editor.
    app.click("[data-testid=nav-pilots]").await?;
    app.click_text("[data-testid=pilot-row]", "all buildings")
        .await?;
    app.click("[data-testid=pilot-edit]").await?;
    app.el("[data-testid=pilot-editor]").await?;
    app.el("[data-testid=pilot-use-case]").await?;
    app.choose(
        "[data-testid=pilot-use-case]",
        "Desk and office moves (Facilities)",
    )
    .await?;
    app.shot("editor-use-case-picked").await?;
    app.click("[data-testid=pilot-save]").await?;
    app.wait_gone("[data-testid=pilot-editor]").await?;

    // The backlog says which pilot runs each use case.
    app.click("[data-testid=nav-roadmap]").await?;
    app.click("[data-testid=tab-backlog]").await?;
    app.wait_text("[data-testid=backlog-pilots]", "all buildings")
        .await?;
    let rows = app.texts("[data-testid=backlog-row]").await?;
    let running: Vec<&String> = rows
        .iter()
        .filter(|r| r.contains("all buildings"))
        .collect();
    assert_eq!(running.len(), 1, "one use case names the pilot: {rows:?}");
    assert!(
        running[0].contains("Desk and office moves")
            && running[0].contains("Run by Work orders pilot: all buildings (running)"),
        "{}",
        running[0]
    );
    app.shot("backlog-run-by").await?;

    // The roadmap card of the use case leads on to its pilot.
    app.click("[data-testid=tab-timeline]").await?;
    let cards = app.texts("[data-testid=roadmap-card]").await?;
    let card = cards
        .iter()
        .find(|c| c.contains("Desk and office moves"))
        .expect("the use case is on the roadmap");
    assert!(card.contains("Work orders pilot: all buildings"), "{card}");
    app.shot("roadmap-card-with-pilot").await?;
    app.quit().await
}

/// The text of the option a `<select>` shows.
async fn chosen(app: &App, css: &str) -> WebDriverResult<String> {
    let select = app.el(css).await?;
    let text = app
        .driver
        .execute(
            "return arguments[0].selectedOptions[0]?.textContent ?? '';",
            vec![select.to_json()?],
        )
        .await?
        .convert::<String>()?;
    Ok(text.trim().to_owned())
}

#[tokio::test]
async fn a_pilot_is_set_up_from_a_backlog_use_case_and_opens_in_its_editor() -> WebDriverResult<()>
{
    let profile = Profile::new();
    let mut app = App::launch(&profile, "pilot-from-use-case").await?;
    open_demo(&app).await?;
    app.click("[data-testid=nav-roadmap]").await?;
    app.click("[data-testid=tab-backlog]").await?;
    let row = app
        .driver
        .query(By::XPath(
            "//*[@data-testid='backlog-row'][.//*[@data-testid='backlog-process'][normalize-space()='NDA requests']]",
        ))
        .first()
        .await?;
    row.find(By::Css("[data-testid=backlog-start-pilot]"))
        .await?
        .click()
        .await?;

    // The editor of the new pilot, filled in from the use case.
    app.el("[data-testid=pilot-editor]").await?;
    let name = app
        .el("[data-testid=pilot-name]")
        .await?
        .value()
        .await?
        .unwrap_or_default();
    assert_eq!(name, "NDA requests pilot");
    assert_eq!(
        chosen(&app, "[data-testid=pilot-department]").await?,
        "Legal"
    );
    assert!(
        chosen(&app, "[data-testid=pilot-use-case]")
            .await?
            .starts_with("NDA requests"),
        "the pilot runs the use case"
    );
    app.shot("editor-from-use-case").await?;

    // The backlog names the pilot that runs the use case now.
    app.click("[data-testid=nav-roadmap]").await?;
    app.click("[data-testid=tab-backlog]").await?;
    app.wait_text(
        "[data-testid=backlog-pilots]",
        "NDA requests pilot (planned)",
    )
    .await?;
    app.shot("backlog-names-the-pilot").await?;
    app.quit().await
}
