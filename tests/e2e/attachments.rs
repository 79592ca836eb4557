//! Files on requests, in the real window and in the portal's pages: Ann
//! attaches a signed form to her request, Fay sees it on the request and
//! saves a copy, byte for byte; in the portal, Ann attaches one with the
//! browser's file picker and gets a download link, never a preview.

use chrono::Utc;
use pilot_core::pilots::ParticipantRole;
use pilot_core::requests::{self, Action, Actor};
use pilot_e2e::{App, Profile, Scheme, WebDriverResult};

use super::pilots::{act_as, open, pilot_in, prepare, work_certificate};
use super::portal_pages::{running_pilot, token, Served};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

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
    b.quit().await
}
