//! The Roadmap section: the backlog ranked with its matrix, the roadmap
//! moved by drag and by keyboard and exported as pictures, the programme
//! view and the demo workspace.

use pilot_e2e::{App, Profile, WebDriverResult};
use thirtyfour::prelude::*;

/// Adds a use case through the editor.
async fn add_use_case(
    app: &App,
    process: &str,
    volume: &str,
    minutes: &str,
    effort: &str,
) -> WebDriverResult<()> {
    app.click("[data-testid=backlog-add]").await?;
    app.el("[data-testid=use-case-form]").await?;
    app.fill("[data-testid=use-case-process]", process).await?;
    app.choose("[data-testid=use-case-department]", "Finance")
        .await?;
    app.fill("[data-testid=use-case-minutes]", minutes).await?;
    app.fill("[data-testid=use-case-effort]", effort).await?;
    app.fill("[data-testid=assumption-monthlyVolume]", volume)
        .await?;
    app.click("[data-testid=use-case-save]").await?;
    app.wait_gone("[data-testid=use-case-form]").await?;
    app.wait_text("[data-testid=backlog-process]", process)
        .await?;
    Ok(())
}

#[tokio::test]
async fn use_cases_are_added_ranked_by_value_per_day_and_plotted_on_the_matrix(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let mut app = App::launch(&profile, "roadmap-backlog").await?;
    super::dismiss_welcome(&app).await?;
    app.click("[data-testid=loop-discover]").await?;
    app.el("[data-testid=backlog-empty]").await?;
    app.shot("empty-backlog").await?;

    add_use_case(&app, "Supplier onboarding", "25", "70", "20").await?;
    app.shot("editor-closed").await?;
    add_use_case(&app, "Expense claims", "180", "18", "12").await?;
    // Expense claims: 180 × 9 min saved = 27 h a month, over 12 days; it
    // outranks supplier onboarding (25 × 35 min ≈ 14.6 h, over 20 days).
    let order = app.texts("[data-testid=backlog-process]").await?;
    assert_eq!(order, ["Expense claims", "Supplier onboarding"]);
    assert_eq!(app.all("[data-testid=matrix-point]").await?.len(), 2);
    app.shot("ranked-with-matrix").await?;

    // A use case opened again shows its estimate and sensitivity line; a
    // lifecycle skip is refused with a message saying what is allowed.
    app.click_text("[data-testid=backlog-process]", "Supplier onboarding")
        .await?;
    app.wait_text("[data-testid=use-case-estimate]", "20 % lower")
        .await?;
    app.shot("editor-with-estimate").await?;
    app.fill("[data-testid=use-case-quarter]", "next spring")
        .await?;
    app.click("[data-testid=use-case-save]").await?;
    app.wait_text("[data-testid=form-error]", "write it like 2027-Q1")
        .await?;
    app.shot("bad-quarter").await?;
    app.quit().await
}

#[tokio::test]
async fn the_demo_opens_and_its_roadmap_moves_by_drag_and_keyboard_and_exports_as_pictures(
) -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let picture = profile.path("roadmap-picture");
    profile.set_env("PILOT_E2E_SAVE_PATH", &picture);
    let mut app = App::launch(&profile, "roadmap-demo").await?;

    // The welcome screen offers the demo; it opens on the programme view.
    app.click("[data-testid=welcome-demo]").await?;
    app.el("[data-testid=demo-label]").await?;
    let rows = app.all("[data-testid=programme-row]").await?;
    assert!(rows.len() >= 5, "programme rows: {}", rows.len());
    app.wait_text("[data-testid=programme-row]", "New hire onboarding")
        .await?;
    app.shot("demo-programme").await?;

    app.click("[data-testid=tab-primer]").await?;
    app.wait_text("[data-testid=primer-number]", "requests, about")
        .await?;
    app.shot("demo-primer").await?;

    app.click("[data-testid=tab-backlog]").await?;
    app.el("[data-testid=value-matrix]").await?;
    app.shot("demo-backlog").await?;

    app.click("[data-testid=tab-timeline]").await?;
    app.el("[data-testid=roadmap-card]").await?;
    app.shot("demo-roadmap").await?;

    // Keyboard: focus a card and press the right arrow: one quarter later.
    let card = app
        .driver
        .query(By::XPath(
            "//*[@data-testid='roadmap-card'][.//span[normalize-space()='NDA requests']]",
        ))
        .first()
        .await?;
    let before = card.attr("aria-label").await?.unwrap_or_default();
    card.focus().await?;
    app.press(Key::Right).await?;
    let announcement = announced(&app, "NDA requests moved to").await?;
    let moved_to = announcement
        .trim_start_matches("NDA requests moved to ")
        .trim_end_matches('.')
        .to_owned();
    assert!(
        !moved_to.is_empty() && !before.contains(&moved_to),
        "keyboard move: {before} → {announcement}"
    );
    app.shot("moved-by-keyboard").await?;

    // Drag: the unscheduled "Address and bank detail changes" onto the
    // first quarter of the last department, just above it; both are
    // brought into view first, as a user scrolls to drag.
    let source = app
        .driver
        .query(By::XPath(
            "//*[@data-testid='roadmap-unscheduled']//*[@data-testid='roadmap-card'][.//span[normalize-space()='Address and bank detail changes']]",
        ))
        .first()
        .await?;
    let quarters = app.all("[data-testid=roadmap-quarter]").await?.len();
    let cells = app.all("[data-testid=roadmap-cell]").await?;
    let target = cells[cells.len() - quarters].clone();
    app.driver
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![source.to_json()?],
        )
        .await?;
    app.driver
        .action_chain()
        .click_and_hold_element(&source)
        .move_by_offset(10, 10)
        .move_to_element_center(&target)
        .release()
        .perform()
        .await?;
    announced(&app, "Address and bank detail changes moved to").await?;
    let unscheduled = app.text("[data-testid=roadmap-unscheduled]").await?;
    assert!(
        !unscheduled.contains("Address and bank detail changes"),
        "{unscheduled}"
    );
    app.shot("moved-by-drag").await?;

    // Export: the picture is written where the save dialog says.
    app.click("[data-testid=roadmap-export-svg]").await?;
    wait_for_file(&picture, b"<svg").await;
    let svg = std::fs::read_to_string(&picture).unwrap();
    assert!(svg.contains("Address and bank detail changes"), "{svg}");
    assert!(svg.contains("Human Resources"));
    std::fs::remove_file(&picture).unwrap();
    app.click("[data-testid=roadmap-export-png]").await?;
    wait_for_file(&picture, b"\x89PNG").await;
    let png_copy = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/e2e-screenshots/roadmap-demo/exported-roadmap.png");
    std::fs::copy(&picture, &png_copy).unwrap();
    app.shot("exported").await?;

    // The demo's pilots: two ended with their results, one running; the
    // Reports section measures their requests.
    app.click("[data-testid=nav-pilots]").await?;
    app.wait_text(
        "[data-testid=pilot-row]",
        "Work orders pilot: all buildings",
    )
    .await?;
    let pilots = app.texts("[data-testid=pilot-row]").await?;
    assert_eq!(pilots.len(), 3, "{pilots:?}");
    app.shot("demo-pilots").await?;
    app.click("[data-testid=nav-reports]").await?;
    app.el("[data-tile=Opened]").await?;
    app.el("canvas").await?;
    app.shot("demo-reports").await?;
    app.quit().await
}

/// Waits until the screen reader's announcement says `needle`. It is read
/// as the DOM has it: the element is visually hidden, so WebDriver's text
/// (what is rendered) is empty.
async fn announced(app: &App, needle: &str) -> WebDriverResult<String> {
    let started = std::time::Instant::now();
    loop {
        let text = app
            .driver
            .find(By::Css("[data-testid=roadmap-announcement]"))
            .await?
            .prop("textContent")
            .await?
            .unwrap_or_default();
        if text.contains(needle) {
            return Ok(text);
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "announcement: {text:?}, expected {needle:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Waits until `path` exists and starts with `magic`.
async fn wait_for_file(path: &std::path::Path, magic: &[u8]) {
    let started = std::time::Instant::now();
    loop {
        if std::fs::read(path).is_ok_and(|b| b.starts_with(magic)) {
            return;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{} was not written",
            path.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
