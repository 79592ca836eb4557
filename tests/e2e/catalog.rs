use super::fixture;
use pilot_e2e::{App, Profile, WebDriverResult};

/// Imports `file` through the wizard, turns the import into a draft item of
/// `department`, renames its first field, publishes it and checks the
/// preview, saving a screenshot of each step under `test`.
async fn import_build_and_publish(test: &str, file: &str, department: &str) -> WebDriverResult<()> {
    let mut profile = Profile::new();
    profile.set_env("PILOT_E2E_IMPORT_PATH", fixture(file));
    let mut app = App::launch(&profile, test).await?;
    super::dismiss_welcome(&app).await?;

    app.click("[data-testid=nav-catalog]").await?;
    app.click("[data-testid=import-open]").await?;
    app.el("[data-testid=import-wizard]").await?;
    app.shot("wizard").await?;
    app.click("[data-testid=import-run]").await?;
    app.wait_text("[data-testid=import-summary]", "Imported")
        .await?;
    app.click("[data-testid=import-close]").await?;

    app.click("[data-testid=import-create-item]").await?;
    app.el("[data-testid=create-item-form]").await?;
    app.choose("[data-testid=create-item-department]", department)
        .await?;
    app.shot("create-item").await?;
    app.click("[data-testid=create-item-save]").await?;
    app.el("[data-testid=item-editor]").await?;
    if file.starts_with("sharepoint") {
        // Every dated row of the list becomes a baseline request.
        app.wait_text("[data-testid=item-baseline]", "240 baseline requests")
            .await?;
    }
    app.el("[data-testid=builder-field]").await?;
    app.el("[data-testid=preview-field]").await?;
    app.shot("builder").await?;

    // Rename the first field; the preview follows at once.
    app.click("[data-testid=builder-field]").await?;
    app.fill("[data-testid=field-label-input]", "Renamed in the builder")
        .await?;
    app.wait_text("[data-testid=preview-field]", "Renamed in the builder")
        .await?;
    app.shot("field-edited").await?;

    app.click("[data-testid=item-save]").await?;
    app.wait_gone("[data-testid=item-issues]").await?;
    app.click("[data-testid=item-publish]").await?;
    app.wait_text("[data-testid=item-status]", "Published · v1")
        .await?;
    app.shot("published").await?;

    // The preview holds answers to the same rules as requests.
    app.click("[data-testid=preview-submit]").await?;
    app.el("[data-testid=preview-error]").await?;
    app.shot("preview-validation").await?;

    app.click_button("Back to the catalog").await?;
    let card = app
        .wait_text("[data-testid=catalog-item]", "Published · v1")
        .await?;
    assert!(
        card.contains(department),
        "the card names the department: {card}"
    );
    app.shot("catalog").await?;
    app.click("[data-testid=nav-home]").await?;
    app.wait_text_is("[data-testid=count-catalog-items]", "1")
        .await?;
    app.quit().await
}

#[tokio::test]
async fn a_paper_form_becomes_a_published_catalog_item() -> WebDriverResult<()> {
    import_build_and_publish(
        "catalog-paper-form",
        "paper-form-expense-claim.csv",
        "Finance",
    )
    .await
}

#[tokio::test]
async fn a_sharepoint_list_becomes_a_published_catalog_item_with_its_baseline(
) -> WebDriverResult<()> {
    import_build_and_publish(
        "catalog-sharepoint",
        "sharepoint-hr-onboarding.csv",
        "Human Resources",
    )
    .await
}

#[tokio::test]
async fn a_german_excel_export_becomes_a_published_catalog_item() -> WebDriverResult<()> {
    import_build_and_publish(
        "catalog-excel-de",
        "excel-de-procurement-requests.csv",
        "Procurement",
    )
    .await
}

#[tokio::test]
async fn a_first_time_user_tries_a_sample_and_gets_an_item_with_its_baseline() -> WebDriverResult<()>
{
    let mut profile = Profile::new();
    // Where the app writes the sample; File › Import CSV… picks it again.
    let written = profile.path("data/studio.pilot.desktop/samples/hr-new-hire-onboarding.csv");
    profile.set_env("PILOT_E2E_IMPORT_PATH", &written);
    let mut app = App::launch(&profile, "catalog-sample").await?;
    super::dismiss_welcome(&app).await?;

    // From the loop on Home to the catalog, which offers the shipped
    // samples while nothing is imported yet.
    app.click("[data-testid=loop-import]").await?;
    app.wait_text("[data-testid=samples]", "New hire onboarding")
        .await?;
    app.shot("samples-offered").await?;

    app.click("[data-testid=sample-hr-onboarding]").await?;
    app.wait_text("[data-testid=import-wizard]", "hr-new-hire-onboarding.csv")
        .await?;
    app.shot("sample-in-wizard").await?;
    app.click("[data-testid=import-run]").await?;
    app.wait_text("[data-testid=import-summary]", "Imported")
        .await?;
    app.click("[data-testid=import-close]").await?;

    // Once something is imported, the samples make way for it.
    app.wait_text("[data-testid=import-row]", "hr-new-hire-onboarding.csv")
        .await?;
    app.wait_gone("[data-testid=samples]").await?;
    app.click("[data-testid=import-create-item]").await?;
    app.el("[data-testid=create-item-form]").await?;
    // The list's name and site come from the export itself.
    let name = app
        .el("[data-testid=create-item-name]")
        .await?
        .prop("value")
        .await?;
    assert_eq!(name.as_deref(), Some("New Hire Onboarding"));
    app.click("[data-testid=create-item-save]").await?;
    app.wait_text("[data-testid=item-baseline]", "240 baseline requests")
        .await?;
    app.shot("sample-item").await?;

    // Importing the same file again as an update keeps the item on it, with
    // its baseline made again from the new import (not doubled, not lost).
    app.click_button("Back to the catalog").await?;
    app.click("[data-testid=import-open]").await?;
    app.el("[data-testid=import-wizard]").await?;
    app.click("[data-testid=import-run]").await?;
    app.wait_text("[data-testid=import-error]", "holds the same data")
        .await?;
    app.click_button("Import as an update").await?;
    app.wait_text("[data-testid=import-summary]", "as an update")
        .await?;
    app.click("[data-testid=import-close]").await?;
    app.click("[data-testid=catalog-item]").await?;
    app.wait_text("[data-testid=item-baseline]", "240 baseline requests")
        .await?;
    app.shot("item-after-update").await?;
    app.quit().await
}
