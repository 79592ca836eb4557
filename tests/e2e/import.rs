use std::io::Write;
use std::path::PathBuf;

use super::fixture;
use pilot_e2e::{App, Profile, WebDriverResult};

async fn open_wizard(app: &App) -> WebDriverResult<()> {
    app.click("[data-testid=nav-catalog]").await?;
    app.click("[data-testid=import-open]").await?;
    app.el("[data-testid=import-wizard]").await?;
    Ok(())
}

/// The value of the Role select of a column in the wizard's Columns step.
async fn role_of(app: &App, column: &str) -> WebDriverResult<String> {
    let select = app
        .el(&format!("select[aria-label='Role of {column}']"))
        .await?;
    Ok(select.value().await?.unwrap_or_default())
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
    assert_eq!(role_of(&app, "Equipment").await?, "field");
    // System columns are request history or ignored, not form fields.
    assert_eq!(role_of(&app, "Created").await?, "opened_at");
    assert_eq!(role_of(&app, "Created By").await?, "requester");
    assert_eq!(role_of(&app, "Item Type").await?, "ignore");
    app.shot("preview").await?;
    bring_into_view(&app, "[data-testid=import-field][data-column=Equipment]").await?;
    app.shot("columns").await?;
    bring_into_view(&app, "[data-testid=import-field][data-column=Path]").await?;
    app.shot("system-columns").await?;

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
        .wait_text("[data-testid=import-error]", "holds the same data")
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

/// The rows the import's status line says are stored so far, once more
/// than `after`.
async fn rows_imported_beyond(app: &App, after: u64) -> WebDriverResult<u64> {
    for _ in 0..400 {
        let status = app.text("[data-testid=import-status]").await?;
        let digits: String = status.chars().filter(char::is_ascii_digit).collect();
        let rows = digits.parse().unwrap_or(0);
        if rows > after {
            return Ok(rows);
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the import's row count did not pass {after}");
}

#[tokio::test]
async fn a_million_row_import_keeps_the_window_responsive_and_cancelling_leaves_no_trace(
) -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let file = profile.path("million-requests.csv");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        writeln!(
            out,
            "ID,Title,Category,Created,Resolved,Priority,Requested by,Department,Cost,Notes"
        )
        .unwrap();
        for i in 0..1_000_000 {
            writeln!(
                out,
                "{i},Request {i},Category {},2026-01-{:02} 09:30,2026-02-{:02} 17:00,P{},person{}@example.org,Department {},{}.{:02},\"Note, with a comma and \"\"quotes\"\", as long as a sentence someone types into a request form\"",
                i % 7,
                i % 28 + 1,
                i % 28 + 1,
                i % 4 + 1,
                i % 500,
                i % 9,
                i % 5000,
                i % 100
            )
            .unwrap();
        }
    }
    profile.set_env("PILOT_E2E_IMPORT_PATH", &file);
    let mut app = App::launch(&profile, "import-cancel").await?;
    super::dismiss_welcome(&app).await?;
    open_wizard(&app).await?;
    // The wizard opens on a quick look at the first rows, with the rows
    // estimated, then reads the whole file and counts them.
    app.shot("glance").await?;
    let mut counted = app.text("[data-testid=import-rows]").await?;
    for _ in 0..600 {
        if !counted.contains("about") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        counted = app.text("[data-testid=import-rows]").await?;
    }
    // The count is grouped as the system's locale says (1,000,000 or 1000000).
    assert_eq!(
        counted.replace(|c: char| !c.is_ascii_digit(), ""),
        "1000000"
    );

    app.click("[data-testid=import-run]").await?;
    // Progress moves while the import runs...
    let first = rows_imported_beyond(&app, 0).await?;
    // ...and the window keeps answering: a script runs and frames are
    // painted while the backend works.
    let painted = app
        .driver
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await?;
    assert_eq!(painted.json(), &serde_json::Value::Bool(true));
    let later = rows_imported_beyond(&app, first).await?;
    assert!(
        later < 1_000_000,
        "the import ran to its end before it could be cancelled"
    );
    app.shot("importing").await?;
    app.click("[data-testid=import-cancel]").await?;
    app.wait_text("[data-testid=import-error]", "cancelled")
        .await?;
    app.shot("cancelled").await?;
    app.click_button("Close the import").await?;
    app.el("[data-testid=catalog]").await?;
    app.wait_text("[data-testid=import-table]", "Nothing imported yet")
        .await?;
    app.shot("nothing-imported").await?;
    app.quit().await
}

/// Scrolls the wizard so that the element matching `css` is in the middle
/// of the window, for a screenshot that shows it.
async fn bring_into_view(app: &App, css: &str) -> WebDriverResult<()> {
    let el = app.el(css).await?;
    app.driver
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' })",
            vec![el.to_json()?],
        )
        .await?;
    Ok(())
}

/// Copies a fixture to a file of the profile, the one the import dialog
/// returns: a later copy of another fixture is "the next export".
fn export_to(profile: &Profile, name: &str) -> PathBuf {
    let file = profile.path("facilities-requests.csv");
    std::fs::copy(fixture(name), &file).unwrap();
    file
}

#[tokio::test]
async fn column_choices_find_problems_that_are_fixed_in_a_grid_and_remembered(
) -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let file = export_to(&profile, "wizard/wizard-mapping.csv");
    profile.set_env("PILOT_E2E_IMPORT_PATH", &file);
    let mut app = App::launch(&profile, "import-mapping").await?;
    super::dismiss_welcome(&app).await?;
    open_wizard(&app).await?;
    assert_eq!(role_of(&app, "Building").await?, "field");
    app.shot("detected").await?;

    // "tbc" is no number: typed as Decimal, its row is a problem.
    app.choose("select[aria-label='Type of Amount']", "Decimal")
        .await?;
    let problem = app
        .wait_text("[data-testid=import-problem][data-column=Amount]", "Line 4")
        .await?;
    assert!(problem.contains("tbc"), "{problem}");
    app.wait_text("[data-testid=import-field-problems]", "1 problem")
        .await?;
    bring_into_view(&app, "[data-testid=import-problems]").await?;
    app.shot("amount-as-decimal").await?;

    // Fixed in the grid, the problem is gone and the row says so.
    app.click("[data-testid=problem-rows-fix]").await?;
    let cell = app.el("input[aria-label='Line 4, Amount']").await?;
    assert_eq!(cell.attr("aria-invalid").await?.as_deref(), Some("true"));
    bring_into_view(&app, "[data-testid=fix-grid]").await?;
    app.shot("fix-grid").await?;
    app.fill("input[aria-label='Line 4, Amount']", "120.00")
        .await?;
    app.wait_gone("[data-testid=import-problem][data-column=Amount]")
        .await?;
    app.wait_text("[data-testid=fix-row][data-line='4']", "Fixed")
        .await?;
    // The ragged row (line 6) still has its problem and stays listed.
    app.wait_text(
        "[data-testid=import-problem][data-line='6']",
        "missing cells",
    )
    .await?;
    app.shot("fixed").await?;

    // Another column is left out of the form.
    app.choose("select[aria-label='Role of Building']", "Ignore")
        .await?;
    app.wait_gone("[data-testid=import-refreshing]").await?;
    app.el("[data-testid=import-columns-reset]").await?;

    // Priority as a choice: values outside its choices are problems.
    app.choose("select[aria-label='Type of Priority']", "Choice")
        .await?;
    for choice in ["Low", "High"] {
        app.fill("input[aria-label='New choice for Priority']", choice)
            .await?;
        app.click_button("Add a choice to Priority").await?;
    }
    app.wait_text(
        "[data-testid=import-problem][data-column=Priority]",
        "not one of the choices",
    )
    .await?;
    bring_into_view(&app, "[data-testid=import-field][data-column=Priority]").await?;
    app.shot("priority-choices").await?;
    app.fill("input[aria-label='New choice for Priority']", "Medium")
        .await?;
    app.click_button("Add a choice to Priority").await?;
    app.wait_gone("[data-testid=import-problem][data-column=Priority]")
        .await?;
    let chips = app.texts("[data-testid=import-field-choice]").await?;
    assert_eq!(chips, ["Low", "High", "Medium"]);
    bring_into_view(&app, "[data-testid=import-field][data-column=Building]").await?;
    app.shot("building-ignored").await?;

    app.click("[data-testid=import-run]").await?;
    let summary = app
        .wait_text("[data-testid=import-summary]", "Imported")
        .await?;
    assert!(summary.contains("Imported 8 rows"), "{summary}");
    assert!(summary.contains("1 row fixed"), "{summary}");
    assert!(!summary.contains("skipped"), "{summary}");
    app.shot("imported").await?;
    app.click("[data-testid=import-close]").await?;
    app.wait_text("[data-testid=import-row]", "facilities-requests.csv")
        .await?;

    // The next export of the same list comes with the same column choices.
    export_to(&profile, "wizard/wizard-mapping-more.csv");
    open_wizard(&app).await?;
    app.wait_text(
        "[data-testid=import-remembered]",
        "Using the column choices from your last import of this source.",
    )
    .await?;
    assert_eq!(role_of(&app, "Building").await?, "ignore");
    let amount = app.el("select[aria-label='Type of Amount']").await?;
    assert_eq!(amount.value().await?.as_deref(), Some("decimal"));
    // ...and they are checked: this export's "tbd" amount is a problem.
    app.wait_text("[data-testid=import-problem][data-column=Amount]", "Line 3")
        .await?;
    app.shot("remembered").await?;
    bring_into_view(&app, "[data-testid=import-field][data-column=Building]").await?;
    app.shot("remembered-columns").await?;

    // Back to what the file itself suggests.
    app.click("[data-testid=import-columns-reset]").await?;
    app.wait_gone("[data-testid=import-remembered]").await?;
    app.wait_gone("[data-testid=import-problem]").await?;
    assert_eq!(role_of(&app, "Building").await?, "field");
    app.shot("reset").await?;
    app.quit().await
}

#[tokio::test]
async fn rows_with_problems_can_be_skipped() -> WebDriverResult<()> {
    let mut profile = Profile::new();
    profile.set_env(
        "PILOT_E2E_IMPORT_PATH",
        fixture("wizard/wizard-mapping.csv"),
    );
    let mut app = App::launch(&profile, "import-skip").await?;
    super::dismiss_welcome(&app).await?;
    open_wizard(&app).await?;

    app.wait_text(
        "[data-testid=import-problem][data-line='6']",
        "missing cells",
    )
    .await?;
    app.click("[data-testid=problem-rows-skip]").await?;
    bring_into_view(&app, "[data-testid=import-problem-rows]").await?;
    app.shot("skip-chosen").await?;

    app.click("[data-testid=import-run]").await?;
    let summary = app
        .wait_text("[data-testid=import-summary]", "Imported")
        .await?;
    assert!(summary.contains("Imported 7 rows"), "{summary}");
    assert!(summary.contains("1 row skipped"), "{summary}");
    app.shot("imported").await?;
    app.quit().await
}

#[tokio::test]
async fn a_ticket_export_gets_its_roles_and_the_wizard_says_why() -> WebDriverResult<()> {
    let mut profile = Profile::new();
    profile.set_env(
        "PILOT_E2E_IMPORT_PATH",
        fixture("jira-service-management-en.csv"),
    );
    let mut app = App::launch(&profile, "import-ticket-roles").await?;
    super::dismiss_welcome(&app).await?;
    open_wizard(&app).await?;

    assert_eq!(role_of(&app, "Issue key").await?, "id");
    assert_eq!(role_of(&app, "Reporter").await?, "requester");
    assert_eq!(role_of(&app, "Created").await?, "opened_at");
    assert_eq!(role_of(&app, "Resolved").await?, "closed_at");
    assert_eq!(role_of(&app, "Assignee").await?, "assignee");
    let why = app
        .text("[data-testid=import-field][data-column='Issue key'] [data-testid=import-field-why]")
        .await?;
    assert!(why.contains("its header"), "{why}");
    bring_into_view(&app, "[data-testid=import-field][data-column='Issue key']").await?;
    app.shot("roles").await?;
    bring_into_view(&app, "[data-testid=import-field][data-column=Resolved]").await?;
    app.shot("dates").await?;
    app.quit().await
}

#[tokio::test]
async fn a_column_left_as_text_says_why_and_offers_its_type() -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let file = profile.path("contacts.csv");
    let mut text = String::from("Name,Email\n");
    for i in 0..100 {
        let email = if i % 10 == 3 {
            "ask reception".to_owned()
        } else {
            format!("person{i}@example.org")
        };
        text.push_str(&format!("Person {i},{email}\n"));
    }
    std::fs::write(&file, text).unwrap();
    profile.set_env("PILOT_E2E_IMPORT_PATH", &file);
    let mut app = App::launch(&profile, "import-why-text").await?;
    super::dismiss_welcome(&app).await?;
    open_wizard(&app).await?;

    let row = "[data-testid=import-field][data-column=Email]";
    let note = app
        .text(&format!("{row} [data-testid=import-field-note]"))
        .await?;
    assert_eq!(
        note,
        "10 of 100 cells are not e-mail addresses, e.g. line 5: `ask reception`."
    );
    bring_into_view(&app, row).await?;
    app.shot("why-text").await?;
    app.click(&format!("{row} [data-testid=import-field-suggested]"))
        .await?;
    let ty = app
        .el("select[aria-label='Type of Email']")
        .await?
        .value()
        .await?
        .unwrap_or_default();
    assert_eq!(ty, "email");
    app.wait_text(
        &format!("{row} [data-testid=import-field-problems]"),
        "10 problems",
    )
    .await?;
    app.shot("made-email").await?;
    app.quit().await
}
