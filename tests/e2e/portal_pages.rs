//! The portal's pages in a real browser (headless Chromium through
//! chromedriver), served by `pilot serve` on 127.0.0.1 as a department
//! would run it: a requester opens their personal link, asks for a
//! certificate with the typed form and sees only their own requests; the
//! approver approves, the fulfiller resolves, the requester reads that in
//! her messages and rates; the department head sees the numbers; a revoked
//! link and a browser that is not signed in are told what to do; a
//! fulfiller narrows a long queue and loads it a page at a time. Screenshots at desktop and phone
//! (375 px) widths go to `target/e2e-screenshots/<test>/`.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole};
use pilot_core::requests::{self, Action, Actor, NewRequest};
use pilot_core::{directory, portal, Workspace};
use pilot_e2e::{cli_binary, free_port, App, Profile, Scheme, WebDriverResult};
use serde_json::json;

use super::pilots::{person, pilot_in, prepare};

const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (375, 812);

/// `pilot serve` on a free port of 127.0.0.1, stopped (SIGTERM, as Ctrl-C
/// would) when dropped.
pub(crate) struct Served {
    pub(crate) base: String,
    child: Child,
}

impl Served {
    pub(crate) fn start(workspace: &str, pilot: i64) -> Served {
        let port = free_port();
        // Waited for in `Drop`, which clippy cannot see.
        #[allow(clippy::zombie_processes)]
        let child = Command::new(cli_binary())
            .args(["serve", workspace, "--pilot", &pilot.to_string()])
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pilot serve starts");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "pilot serve did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Served {
            base: format!("http://127.0.0.1:{port}"),
            child,
        }
    }

    /// The personal link of a token, as the analyst hands it out.
    pub(crate) fn link(&self, token: &str) -> String {
        format!("{}/s/{token}", self.base)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM);
        }
        let started = Instant::now();
        while let Ok(None) = self.child.try_wait() {
            if started.elapsed() > Duration::from_secs(5) {
                let _ = self.child.kill();
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.wait();
    }
}

/// The pilot of `pilots::prepare` (HR certificates: Ann asks, Max, her
/// manager, approves, Fay fulfils, Hugo heads HR), running, of the Human
/// Resources department, with Bea as a second requester who already asked
/// for something. Returns the workspace, the setup, the pilot and Bea's
/// request.
pub(crate) fn running_pilot(profile: &Profile) -> (Workspace, super::pilots::Setup, i64, i64) {
    let (mut ws, s) = prepare(profile);
    let pilot = pilot_in(&mut ws, &s, true);
    let bea = person(&mut ws, "Bea", Some(s.max));
    let hr = directory::list_departments(&ws, "Human Resources").unwrap()[0].id;
    let mut input = pilots::get(&ws, pilot).unwrap().input();
    input.department_id = Some(hr);
    input
        .participants
        .push(ParticipantInput::new(bea, ParticipantRole::Requester));
    pilots::update(&mut ws, pilot, input, Utc::now()).unwrap();
    let new = NewRequest {
        pilot_id: pilot,
        item_id: s.item,
        answers: json!({"kind": "salary"}).as_object().unwrap().clone(),
        priority: None,
    };
    let bea_request = requests::submit(&mut ws, &new, Actor::acting_as(bea), Utc::now())
        .unwrap()
        .id;
    (ws, s, pilot, bea_request)
}

pub(crate) fn token(ws: &mut Workspace, pilot: i64, person: i64, role: ParticipantRole) -> String {
    portal::issue(ws, pilot, person, role, 30, Utc::now())
        .unwrap()
        .token
}

async fn resize(b: &App, (width, height): (u32, u32)) -> WebDriverResult<()> {
    b.driver.set_window_rect(0, 0, width, height).await
}

#[tokio::test]
async fn portal_pages_a_request_goes_from_a_personal_link_to_a_rating() -> WebDriverResult<()> {
    let profile = Profile::new();
    let (mut ws, s, pilot, bea_request) = running_pilot(&profile);
    let ann = token(&mut ws, pilot, s.ann, ParticipantRole::Requester);
    let max = token(&mut ws, pilot, s.max, ParticipantRole::Approver);
    let fay = token(&mut ws, pilot, s.fay, ParticipantRole::Fulfiller);
    let hugo = token(&mut ws, pilot, s.hugo, ParticipantRole::DepartmentHead);
    drop(ws);
    let served = Served::start(&s.path, pilot);
    let mut b = App::browser("portal-pages-request", DESKTOP.0, DESKTOP.1, Scheme::Light).await?;

    // Ann opens her link: the pilot's services and her (empty) requests.
    b.driver.goto(served.link(&ann)).await?;
    b.wait_text("[data-testid=portal-pilot]", "HR certificates")
        .await?;
    b.wait_text("[data-testid=portal-department]", "Human Resources")
        .await?;
    b.wait_text("[data-testid=portal-who]", "Ann").await?;
    b.wait_text("[data-testid=portal-item]", "Employment certificate")
        .await?;
    b.wait_text(
        "[data-testid=my-requests]",
        "You have not asked for anything yet",
    )
    .await?;
    b.shot("requester-home").await?;

    // She fills in the typed form and submits.
    super::pilots::ask_for_a_work_certificate(&b).await?;
    b.fill(
        "[data-testid=preview-field][data-key=note] textarea",
        "For the bank, please.",
    )
    .await?;
    b.shot("form").await?;
    resize(&b, PHONE).await?;
    b.shot("form-phone").await?;
    resize(&b, DESKTOP).await?;
    b.click("[data-testid=preview-submit]").await?;
    b.wait_text("[data-testid=request-state]", "Awaiting approval")
        .await?;
    let address = b.driver.current_url().await?;
    let submitted = address
        .fragment()
        .and_then(|f| f.strip_prefix("/requests/"))
        .unwrap_or_else(|| panic!("the new request's page is {address}"))
        .to_owned();
    let answers = b.text("[data-testid=request-answers]").await?;
    assert!(answers.contains("Work certificate"), "{answers}");
    assert!(answers.contains("For the bank, please."), "{answers}");
    b.shot("submitted").await?;
    resize(&b, PHONE).await?;
    b.shot("submitted-phone").await?;
    resize(&b, DESKTOP).await?;

    // "My requests" holds hers and only hers; Bea's is refused as unknown.
    b.click("[data-testid=back]").await?;
    b.wait_text("[data-testid=my-requests]", "Employment certificate")
        .await?;
    let mine = b
        .texts("[data-testid=my-requests] [data-testid=request-row]")
        .await?;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert!(mine[0].starts_with(&format!("#{submitted}")), "{mine:?}");
    resize(&b, PHONE).await?;
    b.shot("requester-home-phone").await?;
    resize(&b, DESKTOP).await?;
    b.driver
        .goto(format!("{}/#/requests/{bea_request}", served.base))
        .await?;
    b.wait_text("[data-testid=portal-notice]", "is not one of yours")
        .await?;
    b.shot("another-requesters-request").await?;

    // Max, her manager, approves from his approvals.
    b.driver.goto(served.link(&max)).await?;
    b.wait_text("[data-testid=portal-who]", "Max").await?;
    b.wait_text("[data-testid=approvals]", "Ann").await?;
    b.shot("approvals").await?;
    b.click_text("[data-testid=approvals] [data-testid=request-row]", "Ann")
        .await?;
    b.fill("[data-testid=request-text]", "Go ahead.").await?;
    b.click("[data-testid=approve]").await?;
    b.wait_text("[data-testid=request-state]", "In progress")
        .await?;

    // Fay takes it from the queue, does its tasks and resolves it.
    b.driver.goto(served.link(&fay)).await?;
    b.wait_text("[data-testid=portal-who]", "Fay").await?;
    b.wait_text("[data-testid=queue]", "Ann").await?;
    b.shot("queue").await?;
    b.click_text("[data-testid=queue] [data-testid=request-row]", "Ann")
        .await?;
    b.click("[data-testid=assign-me]").await?;
    b.wait_text("[data-testid=timeline]", "assigned").await?;
    b.click("[data-testid=task-done]").await?;
    b.wait_text("[data-testid=timeline]", "Draft the certificate")
        .await?;
    b.click("[data-testid=task-done]").await?;
    b.wait_text("[data-testid=timeline]", "Sign and send")
        .await?;
    b.fill("[data-testid=request-text]", "Sent to you by e-mail.")
        .await?;
    b.click("[data-testid=resolve]").await?;
    b.wait_text("[data-testid=request-state]", "Resolved")
        .await?;
    b.shot("resolved").await?;

    // Ann's messages tell her it is resolved and ask her to rate it; she
    // follows one to her request and rates it, which closes it.
    b.driver.goto(served.link(&ann)).await?;
    b.wait_text("[data-testid=portal-unread]", "2").await?;
    b.click("[data-testid=portal-messages]").await?;
    b.wait_text("[data-testid=messages-page]", "is resolved")
        .await?;
    assert_eq!(b.all("[data-testid=message-new]").await?.len(), 2);
    b.wait_gone("[data-testid=portal-unread]").await?;
    b.shot("messages").await?;
    resize(&b, PHONE).await?;
    b.shot("messages-phone").await?;
    resize(&b, DESKTOP).await?;
    b.click("[data-testid=message-request]").await?;
    b.wait_text("[data-testid=rate]", "How did it go?").await?;
    resize(&b, PHONE).await?;
    b.el("[data-testid=rate]").await?.scroll_into_view().await?;
    b.shot("rate-phone").await?;
    resize(&b, DESKTOP).await?;
    b.click("[data-testid=star-5]").await?;
    b.click("[data-testid=rate-send]").await?;
    b.wait_text("[data-testid=request-state]", "Closed").await?;
    let timeline = b.texts("[data-testid=timeline-event]").await?;
    let expected = [
        "Ann submitted the request",
        "Max approved",
        "Fay assigned",
        "Fay finished a task",
        "Fay finished a task",
        "Fay resolved it",
        "Ann rated it",
    ];
    assert_eq!(timeline.len(), expected.len(), "{timeline:#?}");
    for (event, words) in timeline.iter().zip(expected) {
        assert!(event.contains(words), "{event:?} should say {words:?}");
        assert!(!event.contains("entered by the analyst"), "{event:?}");
    }
    b.shot("rated").await?;

    // Hugo, the department head, sees the pilot's numbers.
    b.driver.goto(served.link(&hugo)).await?;
    b.wait_text("[data-testid=pilot-measures]", "Satisfaction")
        .await?;
    b.shot("department-head").await?;
    resize(&b, PHONE).await?;
    b.shot("department-head-phone").await?;

    // Signing out leaves a page that says how to come back.
    b.click("[data-testid=portal-sign-out]").await?;
    b.wait_text("[data-testid=portal-signed-out]", "You signed out")
        .await?;
    b.shot("signed-out-phone").await?;
    b.quit().await
}

#[tokio::test]
async fn portal_pages_a_revoked_link_and_a_browser_not_signed_in_are_told_what_to_do(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let (mut ws, s, pilot, _) = running_pilot(&profile);
    let issued = portal::issue(
        &mut ws,
        pilot,
        s.ann,
        ParticipantRole::Requester,
        30,
        Utc::now(),
    )
    .unwrap();
    portal::revoke(&mut ws, issued.link.id, Utc::now()).unwrap();
    drop(ws);
    let served = Served::start(&s.path, pilot);
    let mut b = App::browser("portal-pages-refused", DESKTOP.0, DESKTOP.1, Scheme::Light).await?;

    b.driver.goto(&served.base).await?;
    b.wait_text("[data-testid=portal-signed-out]", "You are not signed in")
        .await?;
    b.shot("not-signed-in").await?;

    b.driver.goto(served.link(&issued.token)).await?;
    let refused = b
        .wait_text(
            "[data-testid=portal-refused]",
            "This link does not sign you in",
        )
        .await?;
    assert!(refused.contains("revoked"), "{refused}");
    let address = b.driver.current_url().await?;
    assert!(
        !address.as_str().contains(&issued.token),
        "the refused token stays in the address bar: {address}"
    );
    b.shot("revoked-link").await?;
    resize(&b, PHONE).await?;
    b.shot("revoked-link-phone").await?;
    b.quit().await
}

#[tokio::test]
async fn portal_pages_follow_the_systems_dark_colour_scheme() -> WebDriverResult<()> {
    let profile = Profile::new();
    let (mut ws, s, pilot, _) = running_pilot(&profile);
    let ann = token(&mut ws, pilot, s.ann, ParticipantRole::Requester);
    drop(ws);
    let served = Served::start(&s.path, pilot);
    let mut b = App::browser("portal-pages-dark", DESKTOP.0, DESKTOP.1, Scheme::Dark).await?;
    b.driver.goto(served.link(&ann)).await?;
    b.wait_text("[data-testid=portal-item]", "Employment certificate")
        .await?;
    let dark = b
        .driver
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches;",
            vec![],
        )
        .await?
        .convert::<bool>()?;
    assert!(dark, "the browser did not ask the page for its dark scheme");
    b.shot("requester-home").await?;
    b.click_text("[data-testid=portal-item]", "Employment certificate")
        .await?;
    b.el("[data-testid=preview-field][data-key=kind] select")
        .await?;
    resize(&b, PHONE).await?;
    b.shot("form-phone").await?;
    b.quit().await
}

#[tokio::test]
async fn portal_pages_a_long_queue_is_narrowed_and_loaded_a_page_at_a_time() -> WebDriverResult<()>
{
    let profile = Profile::new();
    let (mut ws, s, pilot, _) = running_pilot(&profile);
    // Bea's request and 59 of Ann's: more than one page of 50.
    let mut ids = Vec::new();
    for n in 0..59 {
        let new = NewRequest {
            pilot_id: pilot,
            item_id: s.item,
            answers: json!({"kind": "work", "note": format!("Copy {n}")})
                .as_object()
                .unwrap()
                .clone(),
            priority: None,
        };
        ids.push(
            requests::submit(&mut ws, &new, Actor::acting_as(s.ann), Utc::now())
                .unwrap()
                .id,
        );
    }
    for id in &ids[..4] {
        let approve = Action::Approve {
            comment: String::new(),
        };
        requests::act(&mut ws, *id, Actor::acting_as(s.max), &approve, Utc::now()).unwrap();
    }
    let fay = token(&mut ws, pilot, s.fay, ParticipantRole::Fulfiller);
    drop(ws);
    let served = Served::start(&s.path, pilot);
    let mut b = App::browser("portal-pages-queue", DESKTOP.0, DESKTOP.1, Scheme::Light).await?;
    b.driver.goto(served.link(&fay)).await?;
    b.wait_text("[data-testid=portal-who]", "Fay").await?;
    b.wait_text("[data-testid=queue]", "Ann").await?;
    let rows = "[data-testid=queue] [data-testid=request-row]";
    assert_eq!(b.all(rows).await?.len(), 50, "the first page");
    b.click("[data-testid=queue-more]").await?;
    b.wait_gone("[data-testid=queue-more]").await?;
    assert_eq!(b.all(rows).await?.len(), 60, "the next page added below");
    let texts = b.texts(rows).await?;
    assert!(
        texts.iter().any(|t| t.contains("Bea")),
        "Bea's request is there"
    );
    b.shot("queue-all-loaded").await?;

    b.choose(
        "[data-testid=queue] select[aria-label=State]",
        "In progress",
    )
    .await?;
    let started = Instant::now();
    while b.all(rows).await?.len() != 4 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the queue did not narrow to the 4 approved requests"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        b.all("[data-testid=queue-more]").await?.is_empty(),
        "one page holds them"
    );
    b.choose(
        "[data-testid=queue] select[aria-label=Service]",
        "Employment certificate",
    )
    .await?;
    b.el("[data-testid=queue] input[type=checkbox]")
        .await?
        .click()
        .await?;
    b.wait_text("[data-testid=queue]", "Nothing in the queue.")
        .await?;
    b.shot("queue-narrowed").await?;
    resize(&b, PHONE).await?;
    b.shot("queue-narrowed-phone").await?;
    b.quit().await
}
