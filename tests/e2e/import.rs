use std::io::Write;
use std::path::PathBuf;

use pilot_e2e::{App, Profile, WebDriverResult};

fn fixture(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/csv")
        .join(name);
    std::fs::canonicalize(&path).unwrap_or_else(|_| panic!("fixture {} is missing", path.display()))
}

async fn open_wizard(app: &App) -> WebDriverResult<()> {
    app.click("[data-testid=nav-catalog]").await?;
    app.click("[data-testid=import-open]").await?;
    app.el("[data-testid=import-wizard]").await?;
    Ok(())
}

#[tokio::test]
async fn a_sharepoint_export_is_previewed_imported_and_listed() -> WebDriverResult<()> {
    let mut profile = Profile::new();
    profile.set_env(
        "PILOT_E2E_IMPORT_PATH",
        fixture("sharepoint-hr-onboarding.csv"),
    );
    let mut app = App::launch(&profile, "import-sharepoint").await?;
    super::dismiss_welcome(&app).await?;
    open_wizard(&app).await?;

    assert_eq!(
        app.text("[data-testid=import-source]").await?,
        "SharePoint list"
    );
    let columns = app.texts("[data-testid=import-field-column]").await?;
    assert!(
        columns.iter().any(|c| c == "Equipment"),
        "fields: {columns:?}"
    );
    assert!(
        !columns
            .iter()
            .any(|c| c == "Created By" || c == "Item Type"),
        "system columns are not form fields: {columns:?}"
    );
    let roles = app.text("[data-testid=import-roles]").await?;
    assert!(roles.contains("Created"), "roles: {roles}");
    app.shot("preview").await?;

    app.click("[data-testid=import-run]").await?;
    let summary = app
        .wait_text("[data-testid=import-summary]", "Imported")
        .await?;
    assert!(
        summary.contains("sharepoint-hr-onboarding.csv"),
        "{summary}"
    );
    app.shot("imported").await?;
    app.click("[data-testid=import-close]").await?;
    app.wait_text("[data-testid=import-row]", "sharepoint-hr-onboarding.csv")
        .await?;
    app.shot("listed").await?;

    // The same bytes again are offered as an update, never a silent duplicate.
    open_wizard(&app).await?;
    app.click("[data-testid=import-run]").await?;
    let error = app
        .wait_text("[data-testid=import-error]", "already imported")
        .await?;
    assert!(error.contains("Import as an update"), "{error}");
    app.shot("already-imported").await?;
    app.quit().await
}

#[tokio::test]
async fn a_german_excel_file_can_be_read_with_another_delimiter_and_back() -> WebDriverResult<()> {
    let mut profile = Profile::new();
    profile.set_env(
        "PILOT_E2E_IMPORT_PATH",
        fixture("excel-de-procurement-requests.csv"),
    );
    let mut app = App::launch(&profile, "import-override").await?;
    super::dismiss_welcome(&app).await?;
    open_wizard(&app).await?;

    let columns = app.texts("[data-testid=import-field-column]").await?;
    assert!(
        columns.iter().any(|c| c == "Einzelpreis (EUR)"),
        "{columns:?}"
    );
    app.choose("[data-testid=import-delimiter]", "Comma ,")
        .await?;
    app.wait_text("[data-testid=import-field-column]", ";")
        .await?;
    app.shot("wrong-delimiter").await?;
    app.choose("[data-testid=import-delimiter]", "Semicolon ;")
        .await?;
    app.wait_text("[data-testid=import-field-column]", "Einzelpreis (EUR)")
        .await?;
    app.shot("right-delimiter").await?;
    app.quit().await
}

#[tokio::test]
async fn hostile_headers_and_values_are_shown_literally_in_the_wizard() -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let file = profile.path("hostile.csv");
    std::fs::write(
        &file,
        "<img src=x onerror=alert(1)>,<script>window.__pwned=1</script>\n\
         <b>bold</b>,<img src=y onerror=alert(2)>\n\
         plain,text\n",
    )
    .unwrap();
    profile.set_env("PILOT_E2E_IMPORT_PATH", &file);
    let mut app = App::launch(&profile, "import-hostile").await?;
    super::dismiss_welcome(&app).await?;
    open_wizard(&app).await?;

    let columns = app.texts("[data-testid=import-field-column]").await?;
    assert!(
        columns.iter().any(|c| c == "<img src=x onerror=alert(1)>"),
        "{columns:?}"
    );
    let sample = app.text("[data-testid=import-sample]").await?;
    assert!(sample.contains("<img src=y onerror=alert(2)>"), "{sample}");
    assert!(app
        .all("[data-testid=import-wizard] img, [data-testid=import-wizard] b")
        .await?
        .is_empty());
    let pwned = app
        .driver
        .execute("return window.__pwned === 1", vec![])
        .await?;
    assert_eq!(pwned.json(), &serde_json::Value::Bool(false));
    app.shot("hostile").await?;

    // The same strings stay text in the builder and the preview.
    app.click("[data-testid=import-run]").await?;
    app.wait_text("[data-testid=import-summary]", "Imported")
        .await?;
    app.click("[data-testid=import-close]").await?;
    app.click("[data-testid=import-create-item]").await?;
    app.click("[data-testid=create-item-save]").await?;
    app.el("[data-testid=item-editor]").await?;
    app.wait_text(
        "[data-testid=builder-field]",
        "<img src=x onerror=alert(1)>",
    )
    .await?;
    app.wait_text(
        "[data-testid=preview-field]",
        "<script>window.__pwned=1</script>",
    )
    .await?;
    assert!(app.all("[data-testid=item-editor] img").await?.is_empty());
    let pwned = app
        .driver
        .execute("return window.__pwned === 1", vec![])
        .await?;
    assert_eq!(pwned.json(), &serde_json::Value::Bool(false));
    app.shot("hostile-builder-and-preview").await?;
    app.quit().await
}

#[tokio::test]
async fn cancelling_a_big_import_leaves_no_trace() -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let file = profile.path("big-requests.csv");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        writeln!(out, "ID,Title,Category,Created,Resolved,Priority,Notes").unwrap();
        for i in 0..400_000 {
            writeln!(
                out,
                "{i},Request {i},Category {},2026-01-{:02} 09:30,2026-02-{:02} 17:00,P{},\"Note, with a comma and \"\"quotes\"\"\"",
                i % 7,
                i % 28 + 1,
                i % 28 + 1,
                i % 4 + 1
            )
            .unwrap();
        }
    }
    profile.set_env("PILOT_E2E_IMPORT_PATH", &file);
    let mut app = App::launch(&profile, "import-cancel").await?;
    super::dismiss_welcome(&app).await?;
    open_wizard(&app).await?;

    app.click("[data-testid=import-run]").await?;
    app.el("[data-testid=import-progress]").await?;
    app.shot("importing").await?;
    app.click("[data-testid=import-cancel]").await?;
    app.wait_text("[data-testid=import-error]", "cancelled")
        .await?;
    app.shot("cancelled").await?;
    app.click_button("Close the import").await?;
    app.el("[data-testid=catalog]").await?;
    app.wait_text("[data-testid=import-table]", "Nothing imported yet")
        .await?;
    app.quit().await
}
