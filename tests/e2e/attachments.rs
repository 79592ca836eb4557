//! Files on requests, in the real window and in the portal's pages: Ann
//! attaches a signed form to her request, Fay sees it on the request and
//! saves a copy, byte for byte; in the portal, Ann attaches one with the
//! browser's file picker and gets a download link, never a preview. A
//! form's file field takes a file chosen in the native dialog (the app) or
//! the browser's picker (the portal), sent with the request.

use chrono::Utc;
use pilot_core::catalog::{self, FieldType, FormField};
use pilot_core::pilots::ParticipantRole;
use pilot_core::requests::{self, Action, Actor};
use pilot_core::Workspace;
use pilot_e2e::{App, Profile, Scheme, WebDriverResult};
use thirtyfour::prelude::{By, ElementQueryable};

use super::pilots::{
    act_as, ask_for_a_work_certificate, open, pilot_in, prepare, work_certificate,
};
use super::portal_pages::{running_pilot, token, Served};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// Gives the item a required "Signed form" file field and an optional
/// "Signed by" person field, and publishes it.
fn with_file_field(ws: &mut Workspace, item: i64) {
    pilot_fixtures::hr::with_signed_form(ws, item);
    let mut input = catalog::get(ws, item).unwrap().input();
    input
        .form
        .fields
        .push(FormField::new("signed_by", "Signed by", FieldType::Person));
    catalog::update(ws, item, input).unwrap();
    catalog::publish(ws, item).unwrap();
}

#[tokio::test]
async fn a_form_s_file_field_takes_a_file_chosen_in_the_native_dialog() -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let chosen = profile.path("Formulaire signé.pdf");
    std::fs::write(&chosen, PDF).unwrap();
    profile.set_env("PILOT_E2E_ATTACH_PATH", &chosen);
    let (mut ws, s) = prepare(&profile);
    let _pilot = pilot_in(&mut ws, &s, true);
    with_file_field(&mut ws, s.item);
    drop(ws);

    let mut app = open(&profile, "attachments-form-app", &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    act_as(&app, "Ann — Requester").await?;
    ask_for_a_work_certificate(&app).await?;
    // Sent without its file, the form says what is missing.
    app.click("[data-testid=preview-submit]").await?;
    app.wait_text(
        "[data-testid=preview-field][data-key=signed_form]",
        "Signed form",
    )
    .await?;
    app.el("[data-testid=preview-field][data-key=signed_form] [data-testid=preview-error]")
        .await?;
    app.click("[data-testid=file-answer-choose]").await?;
    let shown = app
        .wait_text("[data-testid=file-answer]", "Formulaire signé.pdf")
        .await?;
    assert!(shown.contains("PDF document"), "{shown}");
    app.shot("file-chosen").await?;
    app.click("[data-testid=preview-submit]").await?;
    app.wait_text("[data-testid=request-state]", "Awaiting approval")
        .await?;
    app.wait_text("[data-testid=request-files]", "Formulaire signé.pdf")
        .await?;
    let answers = app.text("[data-testid=request-answers]").await?;
    assert!(answers.contains("Formulaire signé.pdf"), "{answers}");
    app.shot("submitted-with-file").await?;
    app.quit().await
}

#[tokio::test]
async fn a_file_attached_by_the_requester_is_saved_as_a_copy_by_the_fulfiller(
) -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let attached = profile.path("Signed form.pdf");
    std::fs::write(&attached, PDF).unwrap();
    let copy = profile.path("copy.pdf");
    profile.set_env("PILOT_E2E_ATTACH_PATH", &attached);
    profile.set_env("PILOT_E2E_SAVE_PATH", &copy);
    let (mut ws, s) = prepare(&profile);
    let pilot = pilot_in(&mut ws, &s, true);
    let id = work_certificate(&mut ws, &s, pilot, s.ann);
    let approve = Action::Approve {
        comment: String::new(),
    };
    requests::act(&mut ws, id, Actor::acting_as(s.max), &approve, Utc::now()).unwrap();
    drop(ws);

    let mut app = open(&profile, "attachments-app", &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    act_as(&app, "Ann — Requester").await?;
    app.click("[data-testid=my-requests] [data-testid=request-row]")
        .await?;
    app.wait_text("[data-testid=request-files]", "No files yet")
        .await?;
    app.click("[data-testid=attach]").await?;
    let file = app
        .wait_text("[data-testid=request-files]", "Signed form.pdf")
        .await?;
    assert!(file.contains("PDF document"), "{file}");
    app.wait_text("[data-testid=timeline]", "attached a file")
        .await?;
    app.shot("attached").await?;
    app.click_button("Back").await?;

    act_as(&app, "Fay — Fulfiller").await?;
    app.click("[data-testid=queue] [data-testid=request-row]")
        .await?;
    app.wait_text("[data-testid=file-name]", "Signed form.pdf")
        .await?;
    app.click("[data-testid=file-save]").await?;
    app.wait_text("[data-sonner-toast]", "Saved a copy of Signed form.pdf")
        .await?;
    app.shot("saved-a-copy").await?;
    assert_eq!(std::fs::read(&copy).unwrap(), PDF);
    app.quit().await
}

#[tokio::test]
async fn portal_pages_a_requester_attaches_a_file_with_the_browser_s_picker() -> WebDriverResult<()>
{
    let profile = Profile::new();
    let (mut ws, s, pilot, _) = running_pilot(&profile);
    let ann = token(&mut ws, pilot, s.ann, ParticipantRole::Requester);
    let id = work_certificate(&mut ws, &s, pilot, s.ann);
    with_file_field(&mut ws, s.item);
    drop(ws);
    let photo = profile.path("broken door.png");
    std::fs::write(
        &photo,
        [b"\x89PNG\r\n\x1a\n".as_slice(), &[7u8; 2048]].concat(),
    )
    .unwrap();
    let served = Served::start(&s.path, pilot);
    let mut b = App::browser("portal-pages-attachments", 1280, 900, Scheme::Light).await?;

    b.driver.goto(served.link(&ann)).await?;
    b.wait_text("[data-testid=portal-who]", "Ann").await?;
    b.driver
        .goto(format!("{}/#/requests/{id}", served.base))
        .await?;
    b.wait_text("[data-testid=request-files]", "No files yet")
        .await?;
    let picker = b.el("[data-testid=attach-input]").await?;
    picker.send_keys(photo.to_string_lossy()).await?;
    let file = b
        .wait_text("[data-testid=request-files]", "broken door.png")
        .await?;
    assert!(file.contains("PNG image"), "{file}");
    b.wait_text("[data-testid=timeline]", "attached a file")
        .await?;
    let link = b.el("[data-testid=file-download]").await?;
    let href = link.attr("href").await?.unwrap_or_default();
    assert!(
        href.starts_with(&format!("/api/requests/{id}/attachments/")),
        "{href}"
    );
    assert_eq!(
        link.attr("download").await?.as_deref(),
        Some("broken door.png")
    );
    b.shot("attached").await?;

    // A new request's form takes its file from the browser's picker and
    // sends it with the answers.
    b.driver.goto(format!("{}/#/", served.base)).await?;
    ask_for_a_work_certificate(&b).await?;
    let field = b.el("[data-testid=file-answer-input]").await?;
    field.send_keys(photo.to_string_lossy()).await?;
    b.wait_text("[data-testid=file-answer]", "broken door.png")
        .await?;
    // The person field finds people in the directory as their name is
    // typed.
    b.fill(
        "[data-testid=preview-field][data-key=signed_by] input",
        "Max",
    )
    .await?;
    b.driver
        .query(By::Css(
            "[data-testid=preview-field][data-key=signed_by] datalist option[value='Max']",
        ))
        .first()
        .await?;
    b.shot("form-file-chosen").await?;
    b.click("[data-testid=preview-submit]").await?;
    b.wait_text("[data-testid=request-state]", "Awaiting approval")
        .await?;
    let files = b
        .wait_text("[data-testid=request-files]", "broken door.png")
        .await?;
    assert!(files.contains("PNG image"), "{files}");
    let answers = b.text("[data-testid=request-answers]").await?;
    assert!(answers.contains("Max"), "{answers}");
    assert!(!answers.contains("Person #"), "{answers}");
    b.shot("submitted-with-file").await?;
    b.quit().await
}
