//! A pilot's success story in the real window: opened from a finished
//! demo pilot, its headline edited in place (a figure refused), a quote
//! picked from the requesters' comments, exported as PDF (rendered to PNG
//! beside the screenshots) and HTML, its marketing kit exported (the
//! newsletter snippet, a flyer on Letter paper rendered to PNG), and
//! presented slide by slide with the arrow keys, no toast over a slide.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use pilot_e2e::{App, Profile, WebDriverResult};
use thirtyfour::prelude::*;

/// Waits until `path` exists and starts with `magic`.
async fn written(path: &Path, magic: &[u8]) -> Vec<u8> {
    let started = Instant::now();
    loop {
        if let Ok(bytes) = std::fs::read(path) {
            if bytes.starts_with(magic) {
                // The file is written in one go; a moment more for the end.
                tokio::time::sleep(Duration::from_millis(200)).await;
                return std::fs::read(path).unwrap();
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} was not written",
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Scrolls the element into the middle of the window, for a screenshot.
async fn show(app: &App, css: &str) -> WebDriverResult<()> {
    let el = app.el(css).await?;
    app.driver
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![el.to_json()?],
        )
        .await?;
    Ok(())
}

async fn slide_is(app: &App, slide: &str) -> WebDriverResult<()> {
    app.el(&format!("[data-testid=present][data-slide={slide}]"))
        .await?;
    Ok(())
}

#[tokio::test]
async fn a_finished_pilots_story_is_edited_quoted_exported_and_presented() -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let export = profile.path("story-export");
    profile.set_env("PILOT_E2E_SAVE_PATH", &export);
    let mut app = App::launch(&profile, "story").await?;
    app.shot("welcome").await?;

    // From the welcome screen: the demo, its pilots, a finished pilot's page.
    app.click("[data-testid=welcome-demo]").await?;
    app.el("[data-testid=demo-label]").await?;
    app.shot("demo").await?;
    app.click("[data-testid=nav-pilots]").await?;
    app.shot("demo-pilots").await?;
    app.click_text("[data-testid=pilot-row]", "Onboarding pilot")
        .await?;
    app.wait_text("[data-testid=pilot-state]", "Ended").await?;
    app.shot("finished-pilot").await?;
    app.click("[data-testid=pilot-story]").await?;
    app.el("[data-testid=story-sheet]").await?;
    app.el("[data-testid=story-demo]").await?;
    app.wait_text("[data-testid=story-headline]", "New hire onboarding")
        .await?;
    assert_eq!(app.all("[data-testid=tile-after]").await?.len(), 4);
    app.shot("story").await?;
    show(&app, "[data-testid=story-chart]").await?;
    app.shot("story-results-and-chart").await?;
    // The solution shows the service's request form, drawn from its
    // definition.
    show(&app, "[data-testid=story-forms]").await?;
    assert!(
        super::portal::drawn(&app, "[data-testid=story-form]").await?,
        "the request form's picture is not drawn"
    );
    app.shot("story-form").await?;

    // The headline is edited where it stands; a figure is refused.
    show(&app, "[data-testid=story-headline]").await?;
    app.click("[data-testid=story-headline]").await?;
    app.fill(
        "[data-testid=story-headline-input]",
        "Onboarding 40 % faster",
    )
    .await?;
    app.click("[data-testid=story-headline-save]").await?;
    app.wait_text("[data-testid=story-headline-error]", "come from the data")
        .await?;
    app.shot("figure-refused").await?;
    app.fill(
        "[data-testid=story-headline-input]",
        "Every new starter ready on day one",
    )
    .await?;
    app.press(Key::Enter).await?;
    app.wait_text(
        "[data-testid=story-headline]",
        "Every new starter ready on day one",
    )
    .await?;

    // A quote is picked from the requesters' rating comments.
    let options = app.all("[data-testid=quote-option]").await?;
    assert!(!options.is_empty(), "the demo has rating comments");
    let comment = options[0].text().await?;
    options[0].click().await?;
    let quoted = app.el("[data-testid=story-quote]").await?.text().await?;
    // The option reads “comment” and then who said it.
    let first_line = comment
        .split('”')
        .next()
        .unwrap_or_default()
        .trim_start_matches('“');
    assert!(
        !first_line.is_empty() && quoted.contains(first_line),
        "{quoted} / {comment}"
    );
    app.shot("quote-picked").await?;

    // The PDF: one page, rendered to PNG beside the screenshots.
    app.click("[data-export=pdf]").await?;
    let pdf = written(&export, b"%PDF-").await;
    let pdf_path = app.shots_dir().join("story.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-singlefile"])
        .arg(&pdf_path)
        .arg(app.shots_dir().join("exported-story-pdf"))
        .status()
        .unwrap();
    assert!(rendered.success());
    let info = Command::new("pdfinfo").arg(&pdf_path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Pages:           1"), "{info}");
    let text = Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Every new starter ready on day one"),
        "{text}"
    );
    std::fs::remove_file(&export).unwrap();

    // The HTML: self-contained, with the same headline and quote.
    app.click("[data-export=html]").await?;
    let html = String::from_utf8(written(&export, b"<!DOCTYPE html>").await).unwrap();
    std::fs::write(app.shots_dir().join("story.html"), &html).unwrap();
    assert!(html.contains("Every new starter ready on day one"));
    assert!(html.contains(first_line), "{first_line}");
    assert!(!html.contains("<script") && !html.contains("src="));
    std::fs::remove_file(&export).unwrap();

    // The marketing kit: the newsletter snippet as HTML and as text.
    show(&app, "[data-testid=story-kit]").await?;
    app.shot("marketing-kit").await?;
    app.close_toasts().await?;
    app.click("[data-kit=newsletterHtml]").await?;
    let newsletter = String::from_utf8(written(&export, b"<!DOCTYPE html>").await).unwrap();
    std::fs::write(app.shots_dir().join("newsletter.html"), &newsletter).unwrap();
    assert!(newsletter.contains("Every new starter ready on day one"));
    assert!(newsletter.contains(first_line), "{first_line}");
    assert!(
        newsletter.contains('\u{2192}'),
        "the numbers before and after"
    );
    assert!(
        newsletter.contains("To request"),
        "how to request the service"
    );
    assert!(!newsletter.contains("<script"));
    std::fs::remove_file(&export).unwrap();
    app.close_toasts().await?;
    app.click("[data-kit=newsletterMarkdown]").await?;
    let snippet = String::from_utf8(written(&export, b"## ").await).unwrap();
    std::fs::write(app.shots_dir().join("newsletter.md"), &snippet).unwrap();
    assert!(snippet.starts_with("## Every new starter ready on day one\n"));
    std::fs::remove_file(&export).unwrap();

    // The flyer on Letter paper: one page, rendered to PNG.
    show(&app, "[data-testid=story-paper]").await?;
    app.choose("[data-testid=story-paper]", "Letter").await?;
    show(&app, "[data-testid=story-kit]").await?;
    app.close_toasts().await?;
    app.click("[data-kit=flyerPdf]").await?;
    let flyer = written(&export, b"%PDF-").await;
    let flyer_path = app.shots_dir().join("flyer.pdf");
    std::fs::write(&flyer_path, &flyer).unwrap();
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-singlefile"])
        .arg(&flyer_path)
        .arg(app.shots_dir().join("exported-flyer-pdf"))
        .status()
        .unwrap();
    assert!(rendered.success());
    let info = Command::new("pdfinfo").arg(&flyer_path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("612 x 792"), "a Letter page: {info}");
    let text = Command::new("pdftotext")
        .arg(&flyer_path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("HOW TO REQUEST IT"), "{text}");
    std::fs::remove_file(&export).unwrap();
    app.close_toasts().await?;
    app.click("[data-kit=flyerHtml]").await?;
    let flyer = String::from_utf8(written(&export, b"<!DOCTYPE html>").await).unwrap();
    std::fs::write(app.shots_dir().join("flyer.html"), &flyer).unwrap();
    assert!(flyer.contains("@page{size:Letter"));
    assert!(!flyer.contains("<script"));
    std::fs::remove_file(&export).unwrap();

    // Present: slides by the arrow keys, Escape leaves. The export's toast
    // is held back while presenting and shows again afterwards.
    app.el("[data-sonner-toast]").await?;
    app.click("[data-testid=story-present]").await?;
    slide_is(&app, "headline").await?;
    assert!(
        app.all("[data-sonner-toast]").await?.is_empty(),
        "no toast covers a slide"
    );
    app.shot("present-headline").await?;
    app.press(Key::Right).await?;
    slide_is(&app, "results").await?;
    app.shot("present-results").await?;
    app.press(Key::Right).await?;
    slide_is(&app, "compare").await?;
    app.shot("present-before-after").await?;
    app.press(Key::Right).await?;
    slide_is(&app, "chart").await?;
    app.shot("present-chart").await?;
    app.press(Key::Right).await?;
    slide_is(&app, "quote").await?;
    app.shot("present-quote").await?;
    app.press(Key::Right).await?;
    slide_is(&app, "next").await?;
    app.shot("present-next").await?;
    app.press(Key::Right).await?;
    slide_is(&app, "next").await?;
    app.press(Key::Left).await?;
    slide_is(&app, "quote").await?;
    app.press(Key::Escape).await?;
    app.wait_gone("[data-testid=present]").await?;
    app.el("[data-testid=story-sheet]").await?;
    app.el("[data-sonner-toast]").await?;
    app.shot("after-presenting-toast-back").await?;
    app.quit().await
}

#[tokio::test]
async fn a_pilot_of_two_services_tells_one_story_over_both_and_reports_measure_the_same(
) -> WebDriverResult<()> {
    // The demo, with a pilot of two services of two departments: its
    // story and its report cover exactly those two services.
    let profile = Profile::new();
    let path = profile.path("Two services.pilot");
    let (onboarding, work_orders) = {
        let mut ws = pilot_core::demo::create(&path).unwrap();
        let items = pilot_core::catalog::list(&ws, &Default::default()).unwrap();
        let named = |name: &str| items.iter().find(|i| i.name == name).unwrap().id;
        let mut input = pilot_core::pilots::PilotInput::named("Onboarding and work orders");
        input.item_ids = vec![
            named("New Hire Onboarding"),
            named("Facilities Work Orders"),
        ];
        // The onboarding pilot's people take part, so the pilot can start
        // (a planned pilot has no story yet).
        let onboarding_pilot = pilot_core::pilots::list(&ws)
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Onboarding pilot")
            .unwrap();
        input.participants = pilot_core::pilots::get(&ws, onboarding_pilot.id)
            .unwrap()
            .input()
            .participants;
        let now = chrono::Utc::now();
        let pilot = pilot_core::pilots::create(&mut ws, input, now).unwrap();
        pilot_core::pilots::start(&mut ws, pilot.id, now).unwrap();
        let opened = |id| {
            pilot_core::metrics::report(
                &ws,
                &pilot_core::metrics::ReportQuery {
                    scope: pilot_core::metrics::Scope::Item { id },
                    origin: None,
                    from: None,
                    to: None,
                },
            )
            .unwrap()
            .opened
        };
        (
            opened(named("New Hire Onboarding")),
            opened(named("Facilities Work Orders")),
        )
    };
    let mut app =
        App::launch_with_args(&profile, "story-two-services", &[path.to_str().unwrap()]).await?;
    super::dismiss_welcome(&app).await?;

    app.click("[data-testid=nav-pilots]").await?;
    app.click_text("[data-testid=pilot-row]", "Onboarding and work orders")
        .await?;
    app.click("[data-testid=pilot-story]").await?;
    app.el("[data-testid=story-sheet]").await?;
    app.wait_text(
        "[data-testid=story-sources]",
        "Pilot Onboarding and work orders (2 catalog items)",
    )
    .await?;
    assert_eq!(app.all("[data-testid=story-form]").await?.len(), 2);
    let before = app.all("[data-testid=tile-before]").await?;
    assert_eq!(before.len(), 4);
    app.shot("story-of-two-services").await?;
    show(&app, "[data-testid=story-forms]").await?;
    app.shot("story-two-forms").await?;

    // Reports offers the pilot as a scope and counts both services' requests.
    app.click("[data-testid=nav-reports]").await?;
    app.el("[name=scope]").await?;
    app.choose("[name=scope]", "Onboarding and work orders")
        .await?;
    app.wait_text(
        "[data-testid=report-scope]",
        &format!(
            "Pilot Onboarding and work orders (2 catalog items): {} requests",
            onboarding + work_orders
        ),
    )
    .await?;
    app.shot("report-of-the-pilot").await?;
    app.quit().await
}
