//! Pilots in the real window: a pilot set up from a published item and run
//! through every role; a rejection and a hold that pauses the clock; a
//! rehearsal generated, badged and removed.
//!
//! The workspace is prepared with the core (a department that works round
//! the clock, so SLA verdicts do not depend on when the test runs; people;
//! a published item needing the requester's manager's approval and two
//! tasks); everything the pilot does happens in the window.

use chrono::Utc;
use pilot_core::catalog::{ApprovalStep, Sla, SlaUnit};
use pilot_core::pilots;
use pilot_core::requests::{self, Actor, NewRequest};
use pilot_core::Workspace;
use pilot_e2e::{App, Profile, WebDriverResult};
use pilot_fixtures::hr::{self, Hr};
use pilot_fixtures::round_the_clock;
use serde_json::json;

/// The shared fixtures' HR workspace ([`pilot_fixtures::hr`]) at `path`:
/// fields read through to the ids of what it holds.
pub(crate) struct Setup {
    pub(crate) path: String,
    hr: Hr,
}

impl std::ops::Deref for Setup {
    type Target = Hr;
    fn deref(&self) -> &Hr {
        &self.hr
    }
}

pub(crate) use pilot_fixtures::person;

/// HR working round the clock (SLA verdicts do not depend on when the test
/// runs), its people, and the published certificate item that needs the
/// requester's manager's approval and has two tasks.
pub(crate) fn prepare(profile: &Profile) -> (Workspace, Setup) {
    let path = profile.path("HR pilot.pilot");
    let mut ws = Workspace::create(&path).unwrap();
    let hr = hr::hr(
        &mut ws,
        round_the_clock(),
        vec![ApprovalStep::requester_manager()],
        Sla {
            amount: 3,
            unit: SlaUnit::BusinessDays,
        },
    );
    let path = path.to_string_lossy().into_owned();
    (ws, Setup { path, hr })
}

/// A pilot made with the core, for the tests that start past its set-up.
pub(crate) fn pilot_in(ws: &mut Workspace, s: &Setup, start: bool) -> i64 {
    let id = hr::pilot(ws, s, Utc::now());
    if start {
        pilots::start(ws, id, Utc::now()).unwrap();
    }
    id
}

/// A work certificate request `person` makes now in `pilot`; its id.
pub(crate) fn work_certificate(ws: &mut Workspace, s: &Setup, pilot: i64, person: i64) -> i64 {
    let new = pilot_core::requests::NewRequest {
        pilot_id: pilot,
        item_id: s.item,
        answers: serde_json::json!({"kind": "work"})
            .as_object()
            .unwrap()
            .clone(),
        priority: None,
    };
    let who = pilot_core::requests::Actor::acting_as(person);
    pilot_core::requests::submit(ws, &new, who, Utc::now())
        .unwrap()
        .id
}

pub(crate) async fn open(profile: &Profile, test: &str, path: &str) -> WebDriverResult<App> {
    let app = App::launch_with_args(profile, test, &[path]).await?;
    super::dismiss_welcome(&app).await?;
    app.click("[data-testid=nav-pilots]").await?;
    Ok(app)
}

pub(crate) async fn act_as(app: &App, who: &str) -> WebDriverResult<()> {
    app.choose("[data-testid=acting-as]", who).await
}

/// Opens the Employment certificate's form in the portal (the app's or
/// the pages') and asks for a work certificate.
pub(crate) async fn ask_for_a_work_certificate(app: &App) -> WebDriverResult<()> {
    app.click_text("[data-testid=portal-item]", "Employment certificate")
        .await?;
    app.choose(
        "[data-testid=preview-field][data-key=kind] select",
        "Work certificate",
    )
    .await
}

async fn back(app: &App) -> WebDriverResult<()> {
    app.click_button("Back").await?;
    app.el("[data-testid=pilot-page]").await.map(|_| ())
}

#[tokio::test]
async fn a_pilot_runs_from_set_up_to_a_rated_request() -> WebDriverResult<()> {
    let profile = Profile::new();
    let (ws, s) = prepare(&profile);
    drop(ws);
    let mut app = open(&profile, "pilot-lifecycle", &s.path).await?;

    app.click("[data-testid=pilot-new]").await?;
    app.fill("[data-testid=pilot-name]", "HR certificates")
        .await?;
    app.choose("[data-testid=pilot-department]", "Human Resources")
        .await?;
    app.choose("[data-testid=pilot-sponsor]", "Hugo").await?;
    app.click("[data-testid=pilot-item]").await?;
    for (who, role) in [
        ("Ann", "Requester"),
        ("Max", "Approver"),
        ("Fay", "Fulfiller"),
        ("Hugo", "Department head"),
    ] {
        app.choose("[data-testid=participant-person]", who).await?;
        app.choose("[data-testid=participant-role]", role).await?;
        app.click("[data-testid=participant-add]").await?;
    }
    app.fill("[data-testid=goal-slaPercent]", "90").await?;
    app.shot("set-up").await?;
    app.click("[data-testid=pilot-save]").await?;
    app.wait_text("[data-testid=pilot-checklist]", "Everything is in place")
        .await?;
    app.shot("ready").await?;
    app.click("[data-testid=pilot-start]").await?;
    app.wait_text("[data-testid=pilot-state]", "Running")
        .await?;

    // Ann asks for a certificate through the portal.
    act_as(&app, "Ann — Requester").await?;
    ask_for_a_work_certificate(&app).await?;
    app.shot("portal-form").await?;
    app.click("[data-testid=preview-submit]").await?;
    app.wait_text("[data-testid=request-state]", "Awaiting approval")
        .await?;
    app.shot("submitted").await?;
    back(&app).await?;

    // Max, her manager, approves from his inbox.
    act_as(&app, "Max — Approver").await?;
    app.click("[data-testid=approvals] [data-testid=request-row]")
        .await?;
    app.fill("[data-testid=request-text]", "Go ahead.").await?;
    app.click("[data-testid=approve]").await?;
    app.wait_text("[data-testid=request-state]", "In progress")
        .await?;
    back(&app).await?;

    // Fay works it from the queue.
    act_as(&app, "Fay — Fulfiller").await?;
    app.el("[data-testid=queue-list]").await?;
    app.shot("queue").await?;
    app.click("[data-testid=queue] [data-testid=request-row]")
        .await?;
    app.click("[data-testid=assign-me]").await?;
    app.wait_text("[data-testid=timeline]", "assigned").await?;
    app.click("[data-testid=task-done]").await?;
    app.wait_text("[data-testid=timeline]", "Draft the certificate")
        .await?;
    app.click("[data-testid=task-done]").await?;
    app.wait_text("[data-testid=timeline]", "Sign and send")
        .await?;
    app.click("[data-testid=resolve]").await?;
    app.wait_text("[data-testid=request-state]", "Resolved")
        .await?;
    app.wait_text("[data-testid=request-sla]", "SLA met")
        .await?;
    app.shot("resolved").await?;
    back(&app).await?;

    // Ann rates it, which closes it.
    act_as(&app, "Ann — Requester").await?;
    app.click("[data-testid=my-requests] [data-testid=request-row]")
        .await?;
    app.click("[data-testid=star-4]").await?;
    app.click("[data-testid=rate-send]").await?;
    app.wait_text("[data-testid=request-state]", "Closed")
        .await?;
    let timeline = app.texts("[data-testid=timeline-event]").await?;
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
        assert!(event.contains("entered by the analyst"), "{event:?}");
    }
    assert!(timeline[5].contains("SLA met"), "{}", timeline[5]);
    assert!(timeline[6].contains("4 of 5"), "{}", timeline[6]);
    // The answers read as the questions were asked, choices by their labels.
    let answers = app.text("[data-testid=request-answers]").await?;
    assert!(answers.contains("Certificate"), "{answers}");
    assert!(answers.contains("Work certificate"), "{answers}");
    app.shot("closed-timeline").await?;
    back(&app).await?;
    app.wait_text("[data-testid=pilot-measures]", "Pilot (1)")
        .await?;
    app.shot("pilot-results").await?;
    app.quit().await
}

#[tokio::test]
async fn a_rejection_ends_a_request_and_waiting_for_the_requester_pauses_its_clock(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let (mut ws, s) = prepare(&profile);
    let pilot = pilot_in(&mut ws, &s, true);
    for note in ["First", "Second"] {
        let new = NewRequest {
            pilot_id: pilot,
            item_id: s.item,
            answers: json!({"kind": "salary", "note": note})
                .as_object()
                .unwrap()
                .clone(),
            priority: None,
        };
        requests::submit(&mut ws, &new, Actor::acting_as(s.ann), Utc::now()).unwrap();
    }
    drop(ws);
    let mut app = open(&profile, "pilot-reject-hold", &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;

    act_as(&app, "Max — Approver").await?;
    app.click("[data-testid=approvals] [data-testid=request-row]")
        .await?;
    app.fill("[data-testid=request-text]", "Ask again in April.")
        .await?;
    app.click("[data-testid=reject]").await?;
    app.wait_text("[data-testid=request-state]", "Rejected")
        .await?;
    app.wait_text("[data-testid=timeline]", "Ask again in April.")
        .await?;
    app.shot("rejected").await?;
    back(&app).await?;
    app.click("[data-testid=approvals] [data-testid=request-row]")
        .await?;
    app.click("[data-testid=approve]").await?;
    app.wait_text("[data-testid=request-state]", "In progress")
        .await?;
    back(&app).await?;

    act_as(&app, "Fay — Fulfiller").await?;
    app.click("[data-testid=queue] [data-testid=request-row]")
        .await?;
    app.choose(
        "[aria-label='Hold reason']",
        "Waiting for the requester (pauses the SLA)",
    )
    .await?;
    app.fill("[data-testid=request-text]", "Which year?")
        .await?;
    app.click("[data-testid=hold]").await?;
    app.wait_text("[data-testid=request-state]", "On hold")
        .await?;
    app.wait_text("[data-testid=request-sla]", "Paused").await?;
    app.shot("on-hold-paused").await?;
    back(&app).await?;

    act_as(&app, "Ann — Requester").await?;
    app.click_text(
        "[data-testid=my-requests] [data-testid=request-row]",
        "On hold",
    )
    .await?;
    app.click("[data-testid=resume]").await?;
    app.wait_text("[data-testid=request-state]", "In progress")
        .await?;
    app.wait_text(
        "[data-testid=timeline]",
        "Waiting for the requester (SLA paused)",
    )
    .await?;
    app.shot("resumed").await?;
    app.quit().await
}

#[tokio::test]
async fn a_rehearsal_is_generated_badged_and_removed() -> WebDriverResult<()> {
    let profile = Profile::new();
    let (mut ws, s) = prepare(&profile);
    pilot_in(&mut ws, &s, false);
    drop(ws);
    let mut app = open(&profile, "pilot-rehearsal", &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    app.shot("planned").await?;
    app.click("[data-testid=rehearse]").await?;
    app.wait_text("[data-testid=rehearsal]", "synthetic requests played")
        .await?;
    app.wait_text("[data-testid=pilot-measures]", "Rehearsal (")
        .await?;
    app.wait_text("[data-testid=pilot-measures]", "Pilot (0)")
        .await?;
    act_as(&app, "Ann — Requester").await?;
    app.el("[data-testid=my-requests] [data-testid=rehearsal-badge]")
        .await?;
    app.shot("rehearsed").await?;
    app.click("[data-testid=rehearsal-remove]").await?;
    app.wait_gone("[data-testid=rehearsal-remove]").await?;
    app.wait_text("[data-testid=rehearsal]", "Rehearse: play 40")
        .await?;
    app.shot("removed").await?;
    app.quit().await
}

#[tokio::test]
async fn a_fulfiller_is_given_the_assignment_groups_they_work_in_in_the_editor(
) -> WebDriverResult<()> {
    // HR's pilot runs two services, worked by two groups: the certificate
    // by HR Services and the salary statement by Payroll.
    let profile = Profile::new();
    let (mut ws, s) = prepare(&profile);
    let pilot = pilot_in(&mut ws, &s, false);
    let salary = hr::salary_statement(&mut ws, &s, "Payroll");
    let mut input = pilots::get(&ws, pilot).unwrap().input();
    input.item_ids.push(salary);
    pilots::update(&mut ws, pilot, input, Utc::now()).unwrap();
    drop(ws);

    let mut app = open(&profile, "fulfiller-groups", &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;
    app.click("[data-testid=pilot-edit]").await?;
    app.el("[data-testid=pilot-editor]").await?;
    // Only Fay, the fulfiller, works in groups: "All groups" until chosen.
    let pickers = app.all("[data-testid=participant-groups]").await?;
    assert_eq!(pickers.len(), 1, "one fulfiller, one group picker");
    app.wait_text("[data-testid=participant-groups-label]", "All groups")
        .await?;
    app.click_text("[data-testid=participant-groups] label", "Payroll")
        .await?;
    app.wait_text_is("[data-testid=participant-groups-label]", "Payroll")
        .await?;
    app.shot("fay-works-in-payroll").await?;
    app.click("[data-testid=pilot-save]").await?;
    app.wait_gone("[data-testid=pilot-editor]").await?;

    // Saved: the editor shows it again, and the workspace holds it.
    app.click("[data-testid=pilot-edit]").await?;
    app.wait_text_is("[data-testid=participant-groups-label]", "Payroll")
        .await?;
    app.shot("reopened").await?;
    app.quit().await?;
    let ws = Workspace::open(std::path::Path::new(&s.path)).unwrap();
    let fay = pilots::get(&ws, pilot)
        .unwrap()
        .participants
        .into_iter()
        .find(|p| p.person_id == s.fay)
        .unwrap();
    assert_eq!(fay.groups, vec!["Payroll".to_owned()]);
    Ok(())
}
