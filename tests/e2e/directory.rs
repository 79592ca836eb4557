use pilot_e2e::{App, Profile, WebDriverResult};

async fn open_directory(app: &App) -> WebDriverResult<()> {
    app.click("[data-testid=nav-directory]").await?;
    app.el("[data-testid=directory]").await?;
    Ok(())
}

async fn add_department(app: &App, name: &str) -> WebDriverResult<()> {
    app.click("[data-testid=tab-departments]").await?;
    app.click("[data-testid=department-new]").await?;
    app.fill("[data-testid=department-name-input]", name)
        .await?;
    app.click("[data-testid=department-save]").await?;
    app.wait_gone("[data-testid=department-form]").await?;
    app.wait_text("[data-testid=department-name]", name).await?;
    Ok(())
}

async fn add_person(
    app: &App,
    name: &str,
    email: &str,
    department: Option<&str>,
    manager: Option<&str>,
) -> WebDriverResult<()> {
    app.click("[data-testid=tab-people]").await?;
    app.click("[data-testid=person-new]").await?;
    app.fill("[data-testid=person-name-input]", name).await?;
    app.fill("[data-testid=person-email-input]", email).await?;
    if let Some(department) = department {
        app.choose("[data-testid=person-department-input]", department)
            .await?;
    }
    if let Some(manager) = manager {
        app.choose("[data-testid=person-manager-input]", manager)
            .await?;
    }
    app.click("[data-testid=person-save]").await?;
    app.wait_gone("[data-testid=person-form]").await?;
    app.wait_text("[data-testid=person-name]", name).await?;
    Ok(())
}

#[tokio::test]
async fn a_department_and_two_people_are_still_there_after_a_restart() -> WebDriverResult<()> {
    let profile = Profile::new();
    let mut app = App::launch(&profile, "directory-restart").await?;
    super::dismiss_welcome(&app).await?;
    open_directory(&app).await?;

    add_department(&app, "Customer Care").await?;
    app.shot("department-added").await?;
    add_person(
        &app,
        "Ada Lovelace",
        "ada@example.org",
        Some("Customer Care"),
        None,
    )
    .await?;
    add_person(
        &app,
        "Grace Hopper",
        "grace@example.org",
        Some("Customer Care"),
        Some("Ada Lovelace"),
    )
    .await?;
    app.wait_text("[data-testid=person-row]", "Grace Hopper")
        .await?;
    app.shot("people-added").await?;
    app.quit().await?;

    let mut app = App::launch(&profile, "directory-restart-reopened").await?;
    open_directory(&app).await?;
    app.wait_text("[data-testid=department-row]", "Customer Care")
        .await?;
    let row = app
        .wait_text("[data-testid=department-row]", "Customer Care")
        .await?;
    assert!(
        row.contains('2'),
        "Customer Care should count 2 people: {row}"
    );
    app.click("[data-testid=tab-people]").await?;
    let grace = app
        .wait_text("[data-testid=person-row]", "Grace Hopper")
        .await?;
    assert!(grace.contains("Ada Lovelace"), "Grace's manager: {grace}");
    assert!(
        grace.contains("Customer Care"),
        "Grace's department: {grace}"
    );
    app.wait_text("[data-testid=person-row]", "Ada Lovelace")
        .await?;
    app.shot("people-after-restart").await?;
    app.quit().await
}

#[tokio::test]
async fn a_hostile_name_is_shown_literally_and_never_run() -> WebDriverResult<()> {
    let profile = Profile::new();
    let mut app = App::launch(&profile, "hostile-name").await?;
    super::dismiss_welcome(&app).await?;
    open_directory(&app).await?;

    let hostile = "<img src=x onerror=alert(1)>";
    add_person(&app, hostile, "mallory@example.org", None, None).await?;
    let names = app.texts("[data-testid=person-name]").await?;
    assert!(names.iter().any(|n| n == hostile), "names shown: {names:?}");
    assert!(
        app.all("[data-testid=person-table] img").await?.is_empty(),
        "the name became an element"
    );
    let script = "<script>window.__pwned = true</script>";
    add_department(&app, script).await?;
    let pwned = app
        .driver
        .execute("return window.__pwned === true", vec![])
        .await?;
    assert_eq!(pwned.json(), &serde_json::Value::Bool(false));
    app.shot("hostile-shown-as-text").await?;
    app.quit().await
}

#[tokio::test]
async fn mistakes_in_the_directory_get_clear_messages_in_the_form() -> WebDriverResult<()> {
    let profile = Profile::new();
    let mut app = App::launch(&profile, "directory-validation").await?;
    super::dismiss_welcome(&app).await?;
    open_directory(&app).await?;

    add_person(&app, "Ada Lovelace", "ada@example.org", None, None).await?;
    app.click("[data-testid=person-new]").await?;
    app.fill("[data-testid=person-name-input]", "Ada Byron")
        .await?;
    app.fill("[data-testid=person-email-input]", "ADA@example.org")
        .await?;
    app.click("[data-testid=person-save]").await?;
    let error = app.text("[data-testid=form-error]").await?;
    assert!(
        error.contains("already the e-mail of Ada Lovelace"),
        "message: {error}"
    );
    app.shot("duplicate-email").await?;
    app.quit().await
}

#[tokio::test]
async fn deleting_offers_undo_or_asks_first_when_something_refers_to_it() -> WebDriverResult<()> {
    let profile = Profile::new();
    let mut app = App::launch(&profile, "directory-delete").await?;
    super::dismiss_welcome(&app).await?;
    open_directory(&app).await?;

    // Nothing refers to Legal: it goes at once, with an Undo.
    app.click_button("Delete Legal").await?;
    app.wait_text("[data-sonner-toast]", "Deleted Legal")
        .await?;
    let names = app.texts("[data-testid=department-name]").await?;
    assert!(!names.iter().any(|n| n == "Legal"), "{names:?}");
    app.shot("deleted-with-undo").await?;
    app.click_button("Undo").await?;
    app.wait_text("[data-testid=department-name]", "Legal")
        .await?;

    // Someone belongs to Finance: the deletion is confirmed first.
    add_person(
        &app,
        "Ada Lovelace",
        "ada@example.org",
        Some("Finance"),
        None,
    )
    .await?;
    app.click("[data-testid=tab-departments]").await?;
    app.click_button("Delete Finance").await?;
    let question = app.text("[role=alertdialog]").await?;
    assert!(
        question.contains("1 person belongs to Finance"),
        "question: {question}"
    );
    app.shot("confirm-delete").await?;
    app.click_button("Delete department").await?;
    app.wait_gone("[role=alertdialog]").await?;
    app.click("[data-testid=tab-people]").await?;
    let ada = app
        .wait_text("[data-testid=person-row]", "Ada Lovelace")
        .await?;
    assert!(!ada.contains("Finance"), "Ada keeps no department: {ada}");
    app.quit().await
}
