//! Intake in the real window: a running pilot whose item was made from a
//! Microsoft Forms export takes in a newer export of it from the pilot
//! page, and the page says what was added and what was left alone, line by
//! line.
//!
//! The workspace is prepared with the core (Facilities in Berlin, the item
//! made from the first export and published, the pilot started on 2 March
//! 2026 so the export's later responses fall in its period); the newer
//! export comes through the file dialog's test seam.

use pilot_core::Workspace;
use pilot_e2e::{App, Profile, WebDriverResult};
use pilot_fixtures::intake::{export as fixture, facilities};

fn prepare(profile: &Profile) -> String {
    let path = profile.path("Facilities.pilot");
    let mut ws = Workspace::create(&path).unwrap();
    facilities(&mut ws, "msforms-facilities-1.csv");
    path.to_string_lossy().into_owned()
}

#[tokio::test]
async fn a_newer_export_on_a_running_pilot_adds_its_new_responses_and_shows_the_summary(
) -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let path = prepare(&profile);
    profile.set_env("PILOT_E2E_IMPORT_PATH", fixture("msforms-facilities-2.csv"));
    let mut app = App::launch_with_args(&profile, "pilot-intake", &[&path]).await?;
    super::dismiss_welcome(&app).await?;
    app.click("[data-testid=nav-pilots]").await?;
    app.click_text("[data-testid=pilot-row]", "Facilities pilot")
        .await?;
    app.wait_text("[data-testid=intake]", "msforms-facilities-1.csv")
        .await?;
    app.wait_text("[data-testid=pilot-measures]", "Pilot (0)")
        .await?;
    app.shot("fed-by-a-form").await?;

    app.click("[data-testid=intake-take-in]").await?;
    app.wait_text("[data-testid=intake-summary]", "3 new requests")
        .await?;
    let summary = app.text("[data-testid=intake-summary]").await?;
    assert!(summary.contains("Work order: 3 added"), "{summary}");
    assert!(
        summary.contains(
            "Line 9: “zoe@example.org” does not take part in “Facilities pilot” as a requester."
        ),
        "{summary}"
    );
    app.wait_text("[data-testid=pilot-measures]", "Pilot (3)")
        .await?;
    // The newer export is now the source the pilot is fed by.
    app.wait_text("[data-testid=intake]", "msforms-facilities-2.csv")
        .await?;
    app.shot("taken-in").await?;

    // Fay finds the responses in her queue.
    app.choose("[data-testid=acting-as]", "Fay Dorn — Fulfiller")
        .await?;
    app.wait_text("[data-testid=queue-list]", "Ann Berg")
        .await?;
    app.el("[data-testid=queue-list]")
        .await?
        .scroll_into_view()
        .await?;
    app.shot("queue").await?;

    // The same export again takes nothing in twice.
    app.click("[data-testid=intake-take-in]").await?;
    app.wait_text("[data-testid=intake-summary]", "nothing new to take in")
        .await?;
    app.el("[data-testid=intake-summary]")
        .await?
        .scroll_into_view()
        .await?;
    app.wait_text("[data-testid=pilot-measures]", "Pilot (3)")
        .await?;
    app.shot("again").await?;
    app.quit().await
}
