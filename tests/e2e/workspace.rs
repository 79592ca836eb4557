use pilot_core::Workspace;
use pilot_e2e::{App, Profile, WebDriverResult};

#[tokio::test]
async fn opening_a_file_that_is_not_a_workspace_explains_and_keeps_the_current_one(
) -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let bogus = profile.path("notes.pilot");
    std::fs::write(&bogus, "these are meeting notes, not a workspace\n").unwrap();
    profile.set_env("PILOT_E2E_OPEN_PATH", &bogus);
    let mut app = App::launch(&profile, "open-not-a-workspace").await?;
    super::dismiss_welcome(&app).await?;

    app.click("[data-testid=workspace-open]").await?;
    let toast = app
        .wait_text("[data-sonner-toast]", "is not a Pilot Studio workspace")
        .await?;
    assert!(
        toast.contains("notes.pilot"),
        "the message names the file: {toast}"
    );
    assert_eq!(
        app.text("[data-testid=workspace-name]").await?,
        "My programme"
    );
    app.shot("not-a-workspace").await?;
    assert_eq!(
        std::fs::read_to_string(&bogus).unwrap(),
        "these are meeting notes, not a workspace\n",
        "the refused file is left untouched"
    );
    app.quit().await
}

#[tokio::test]
async fn opening_a_workspace_open_in_another_program_names_the_holder_and_keeps_the_current_one(
) -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let held = profile.path("Held pilot.pilot");
    // This test process holds the workspace, as another window would.
    let holder = Workspace::create(&held).unwrap();
    profile.set_env("PILOT_E2E_OPEN_PATH", &held);
    let mut app = App::launch(&profile, "open-locked").await?;
    super::dismiss_welcome(&app).await?;

    app.click("[data-testid=workspace-open]").await?;
    let toast = app.wait_text("[data-sonner-toast]", "is open in").await?;
    assert!(
        toast.contains("Held pilot.pilot"),
        "names the file: {toast}"
    );
    assert!(
        toast.contains(&format!("process {}", std::process::id())),
        "names the holder: {toast}"
    );
    assert_eq!(
        app.text("[data-testid=workspace-name]").await?,
        "My programme"
    );
    app.shot("open-locked").await?;
    app.quit().await?;
    drop(holder);
    Ok(())
}

#[tokio::test]
async fn save_as_continues_in_the_copy() -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let copy = profile.path("Finance pilot.pilot");
    profile.set_env("PILOT_E2E_SAVE_PATH", &copy);
    let mut app = App::launch(&profile, "save-as").await?;
    super::dismiss_welcome(&app).await?;

    app.click("[data-testid=workspace-save-as]").await?;
    app.wait_text("[data-testid=workspace-name]", "Finance pilot")
        .await?;
    app.wait_text_is("[data-testid=count-departments]", "6")
        .await?;
    app.shot("saved-as").await?;
    app.quit().await?;
    let opened = Workspace::open(&copy);
    assert!(
        opened.is_ok(),
        "the copy is a workspace: {:?}",
        opened.err()
    );
    Ok(())
}

#[tokio::test]
async fn a_workspace_named_on_the_command_line_opens() -> WebDriverResult<()> {
    let profile = Profile::new();
    let path = profile.path("Legal pilot.pilot");
    drop(Workspace::create(&path).unwrap());
    let arg = path.to_string_lossy().into_owned();
    let mut app = App::launch_with_args(&profile, "command-line", &[&arg]).await?;
    super::dismiss_welcome(&app).await?;
    assert_eq!(
        app.text("[data-testid=workspace-name]").await?,
        "Legal pilot"
    );
    app.shot("opened-from-command-line").await?;
    app.quit().await
}

#[tokio::test]
async fn a_new_workspace_can_be_closed_and_the_last_one_reopened_from_recent() -> WebDriverResult<()>
{
    let mut profile = Profile::new();
    let second = profile.path("Facilities pilot.pilot");
    profile.set_env("PILOT_E2E_SAVE_PATH", &second);
    let mut app = App::launch(&profile, "new-close-recent").await?;
    super::dismiss_welcome(&app).await?;

    app.click("[data-testid=workspace-new]").await?;
    app.wait_text("[data-testid=workspace-name]", "Facilities pilot")
        .await?;
    app.wait_text_is("[data-testid=count-departments]", "0")
        .await?;
    app.shot("new-workspace").await?;

    app.click("[data-testid=workspace-close]").await?;
    app.el("[data-testid=no-workspace]").await?;
    let recent = app.texts("[data-testid=recent-workspace]").await?;
    assert!(
        recent
            .first()
            .is_some_and(|r| r.contains("Facilities pilot")),
        "most recent first: {recent:?}"
    );
    app.shot("closed").await?;

    app.click_text("[data-testid=recent-workspace]", "My programme")
        .await?;
    app.wait_text("[data-testid=workspace-name]", "My programme")
        .await?;
    app.wait_text_is("[data-testid=count-departments]", "6")
        .await?;
    app.shot("reopened-from-recent").await?;
    app.quit().await
}
