//! Reports on a shipped sample's baseline: the dashboard in the real
//! window, in the light and the dark theme, and every export written where
//! the save dialog (its test seam) says, then opened and checked.

use pilot_e2e::{App, Profile, WebDriverResult};

/// Waits until the file at `path` exists and starts with `magic`, then
/// removes it so the next export is checked afresh.
async fn exported(path: &std::path::Path, magic: &[u8]) -> Vec<u8> {
    for _ in 0..100 {
        if let Ok(bytes) = std::fs::read(path) {
            if bytes.starts_with(magic) {
                std::fs::remove_file(path).unwrap();
                return bytes;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{} was not exported", path.display());
}

/// Sets a date input as a date picker would: WebKit's date fields do not
/// take typed keys the same way everywhere.
async fn set_date(app: &App, name: &str, date: &str) -> WebDriverResult<()> {
    app.driver
        .execute(
            "const el = document.querySelector(`[name=${arguments[0]}]`);\
             el.value = arguments[1];\
             el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::json!(name), serde_json::json!(date)],
        )
        .await?;
    Ok(())
}

#[tokio::test]
async fn a_samples_baseline_is_measured_charted_in_both_themes_and_exported() -> WebDriverResult<()>
{
    let mut profile = Profile::new();
    let written = profile.path("data/studio.pilot.desktop/samples/hr-new-hire-onboarding.csv");
    profile.set_env("PILOT_E2E_IMPORT_PATH", &written);
    let export = profile.path("export.out");
    profile.set_env("PILOT_E2E_SAVE_PATH", &export);
    let mut app = App::launch(&profile, "reports-sample").await?;
    super::dismiss_welcome(&app).await?;

    // The sample's list becomes an item with 240 baseline requests.
    app.click("[data-testid=loop-import]").await?;
    app.click("[data-testid=sample-hr-onboarding]").await?;
    app.click("[data-testid=import-run]").await?;
    app.wait_text("[data-testid=import-summary]", "Imported")
        .await?;
    app.click("[data-testid=import-close]").await?;
    app.click("[data-testid=import-create-item]").await?;
    app.click("[data-testid=create-item-save]").await?;
    app.wait_text("[data-testid=item-baseline]", "240 baseline requests")
        .await?;

    app.click("[data-testid=nav-reports]").await?;
    app.wait_text(
        "[data-testid=report-scope]",
        "New Hire Onboarding: 240 requests",
    )
    .await?;
    app.wait_text("[data-tile=Opened]", "240").await?;
    let turnaround = app.text("[data-tile='Median turnaround']").await?;
    assert!(
        turnaround.contains(" h"),
        "a median turnaround: {turnaround}"
    );
    app.el("canvas").await?;
    app.shot("dashboard-light").await?;

    // Each chart has its table; the breakdown sorts by a column.
    let volume = app.text("[data-table=volume]").await?;
    assert!(volume.contains("Week of") && volume.contains("Opened"));
    app.click_text(
        "[data-table=breakdown-requesterDepartment] th button",
        "Opened",
    )
    .await?;

    // Before vs after within the baseline, a year apart in season.
    app.choose("[aria-label='After: requests']", "Baseline")
        .await?;
    for (name, date) in [
        ("before-from", "2025-09-01"),
        ("before-to", "2025-12-31"),
        ("after-from", "2026-01-01"),
        ("after-to", "2026-06-30"),
    ] {
        set_date(&app, name, date).await?;
    }
    app.click("[data-action=compare]").await?;
    app.wait_text("[data-testid=verdict]", "Median turnaround")
        .await?;
    app.shot("before-after").await?;

    // Exports: a table as CSV, every table as XLSX, the dashboard as HTML.
    app.click("[data-export=breakdown-item]").await?;
    let csv = String::from_utf8(exported(&export, b"Group").await).unwrap();
    assert!(csv.contains("New Hire Onboarding,240"), "{csv}");
    app.click("[data-export=xlsx]").await?;
    exported(&export, b"PK").await;
    app.click("[data-export=html]").await?;
    let html = String::from_utf8(exported(&export, b"<!DOCTYPE html>").await).unwrap();
    assert!(html.contains("<svg") && !html.contains("<script"));
    app.click("[data-export=pdf]").await?;
    let pdf = exported(&export, b"%PDF-").await;
    // Kept next to the screenshots, rendered to PNG where pdftoppm exists,
    // so the pages can be looked at.
    let kept = app.shots_dir().join("report.pdf");
    std::fs::write(&kept, &pdf).unwrap();
    let _ = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60"])
        .arg(&kept)
        .arg(app.shots_dir().join("report-page"))
        .status();
    app.quit().await?;

    // The dark theme: the system's preference, which the charts follow.
    profile.set_env("GTK_THEME", "Adwaita:dark");
    let mut app = App::launch(&profile, "reports-sample-dark").await?;
    app.click("[data-testid=nav-reports]").await?;
    app.wait_text("[data-tile=Opened]", "240").await?;
    app.el("canvas").await?;
    app.shot("dashboard-dark").await?;
    app.quit().await
}
