//! A pilot's queue in the real window: requests chosen with clicks, a
//! shift-click and the keyboard, then assigned in one step; the queue's
//! filters saved as a view, applied, renamed and deleted.
//!
//! The workspace is prepared with the core: the pilot of `pilots.rs`,
//! running, with four requests of priorities 1, 2, 3 and 3.

use std::time::{Duration, Instant};

use chrono::Utc;
use pilot_core::requests::{self, Actor, NewRequest};
use pilot_e2e::{App, Profile, WebDriverResult};
use serde_json::json;
use thirtyfour::prelude::*;

use super::pilots::{act_as, open, pilot_in, prepare};

const ROW: &str = "[data-testid=queue-list] [data-testid=request-row]";
const SELECT: &str = "[data-testid=queue-list] [data-testid=request-select]";

/// Opens the pilot's queue as Fay, with four requests in it.
async fn queue_with_four_requests(profile: &Profile, test: &str) -> WebDriverResult<App> {
    let (mut ws, s) = prepare(profile);
    let pilot = pilot_in(&mut ws, &s, true);
    for priority in [1, 2, 3, 3] {
        let new = NewRequest {
            pilot_id: pilot,
            item_id: s.item,
            answers: json!({"kind": "work"}).as_object().unwrap().clone(),
            priority: Some(priority),
        };
        requests::submit(&mut ws, &new, Actor::acting_as(s.ann), Utc::now()).unwrap();
    }
    drop(ws);
    let app = open(profile, test, &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    act_as(&app, "Fay — Fulfiller").await?;
    rows_shown(&app, 4).await?;
    // WebKit reads no text from what is scrolled out of the window.
    app.el("[data-testid=queue]")
        .await?
        .scroll_into_view()
        .await?;
    Ok(app)
}

/// Waits until the queue lists `n` requests.
async fn rows_shown(app: &App, n: usize) -> WebDriverResult<()> {
    let started = Instant::now();
    loop {
        let shown = app.all(ROW).await?.len();
        if shown == n {
            return Ok(());
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the queue shows {shown} requests, not {n}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The names of the saved views listed, and of those the queue's filters
/// are the same as, read from the page (WebKit gives no text for the list
/// just after a dialog closed over it).
async fn views(app: &App, active: bool) -> WebDriverResult<Vec<String>> {
    let css = if active {
        "[data-testid=queue-view] button[aria-current=true]"
    } else {
        "[data-testid=queue-view] button[title]"
    };
    let mut names = Vec::new();
    for view in app.all(css).await? {
        // A view deleted while it is read is simply no longer listed.
        if let Ok(Some(name)) = view.attr("title").await {
            names.push(name);
        }
    }
    Ok(names)
}

/// Waits until the listed (or active) views are `names`.
async fn views_are(app: &App, active: bool, names: &[&str]) -> WebDriverResult<()> {
    let started = Instant::now();
    loop {
        let shown = views(app, active).await?;
        if shown == names {
            return Ok(());
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the views are {shown:?}, not {names:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn requests_chosen_by_click_shift_click_and_keyboard_are_assigned_in_one_step(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let mut app = queue_with_four_requests(&profile, "queue-bulk-assign").await?;
    let boxes = app.all(SELECT).await?;
    boxes[0].click().await?;
    app.wait_text("[data-testid=bulk-count]", "1 request selected")
        .await?;
    boxes[2].scroll_into_view().await?;
    app.driver
        .action_chain()
        .key_down(Key::Shift)
        .click_element(&boxes[2])
        .key_up(Key::Shift)
        .perform()
        .await?;
    app.wait_text("[data-testid=bulk-count]", "3 requests selected")
        .await?;
    // Space on the focused checkbox adds the fourth, and takes it out again.
    boxes[3].send_keys(" ").await?;
    app.wait_text("[data-testid=bulk-count]", "4 requests selected")
        .await?;
    boxes[3].send_keys(" ").await?;
    app.wait_text("[data-testid=bulk-count]", "3 requests selected")
        .await?;
    app.choose("[aria-label='Assign to person']", "Fay").await?;
    app.fill("[aria-label='Assign to group']", "HR Payroll")
        .await?;
    app.shot("selected").await?;
    app.click("[data-testid=bulk-assign-go]").await?;
    app.wait_gone("[data-testid=bulk-assign]").await?;

    app.click("[data-testid=queue-mine]").await?;
    rows_shown(&app, 3).await?;
    app.shot("assigned-to-me").await?;
    app.click(ROW).await?;
    app.wait_text("[data-testid=timeline]", "HR Payroll · Fay")
        .await?;
    app.shot("assignment-on-timeline").await?;
    app.quit().await
}

#[tokio::test]
async fn the_queue_s_filters_are_saved_as_a_view_applied_renamed_and_deleted() -> WebDriverResult<()>
{
    let profile = Profile::new();
    let mut app = queue_with_four_requests(&profile, "queue-saved-views").await?;
    app.choose("[aria-label=Priority]", "Priority 3").await?;
    rows_shown(&app, 2).await?;
    app.click("[data-testid=queue-view-new]").await?;
    app.fill("[data-testid=queue-view-name]", "Routine").await?;
    app.click("[data-testid=queue-view-save]").await?;
    app.wait_gone("[data-testid=queue-view-form]").await?;
    views_are(&app, true, &["Routine"]).await?;
    app.shot("saved").await?;

    app.choose("[aria-label=Priority]", "Any priority").await?;
    rows_shown(&app, 4).await?;
    views_are(&app, true, &[]).await?;
    app.all("[data-testid=queue-view] button[title=Routine]")
        .await?[0]
        .click()
        .await?;
    rows_shown(&app, 2).await?;
    views_are(&app, true, &["Routine"]).await?;
    app.shot("applied").await?;

    app.click_button("Rename Routine").await?;
    app.fill("[data-testid=queue-view-name]", "Routine work")
        .await?;
    app.click("[data-testid=queue-view-save]").await?;
    views_are(&app, false, &["Routine work"]).await?;
    app.shot("renamed").await?;
    app.click_button("Delete Routine work").await?;
    app.click_button("Delete view").await?;
    views_are(&app, false, &[]).await?;
    rows_shown(&app, 2).await?;
    app.shot("deleted").await?;
    app.quit().await
}
