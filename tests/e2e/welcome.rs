use pilot_e2e::{App, Profile, WebDriverResult};

#[tokio::test]
async fn a_first_start_shows_the_welcome_screen_over_a_ready_workspace() -> WebDriverResult<()> {
    let profile = Profile::new();
    let mut app = App::launch(&profile, "first-start").await?;

    let welcome = app.text("[data-testid=welcome]").await?;
    assert!(welcome.contains("paper forms"), "welcome text: {welcome}");
    app.shot("welcome").await?;

    super::dismiss_welcome(&app).await?;
    assert_eq!(
        app.text("[data-testid=workspace-name]").await?,
        "My programme"
    );
    app.wait_text_is("[data-testid=count-departments]", "6")
        .await?;
    app.shot("home").await?;

    // Every section is built: the last one, the roadmap, opens on the
    // (still empty) backlog.
    app.click("[data-testid=nav-roadmap]").await?;
    app.el("[data-testid=backlog-empty]").await?;
    assert!(app.all("[data-testid=coming-soon]").await?.is_empty());
    app.shot("roadmap").await?;
    app.quit().await?;

    // The welcome screen greets a newcomer once, not every start.
    let app = App::launch(&profile, "first-start-again").await?;
    app.el("[data-testid=home]").await?;
    assert!(app.all("[data-testid=welcome]").await?.is_empty());
    app.quit().await
}
