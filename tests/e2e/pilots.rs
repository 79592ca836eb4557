//! Pilots in the real window: a pilot set up from a published item and run
//! through every role; a rejection and a hold that pauses the clock; a
//! rehearsal generated, badged and removed.
//!
//! The workspace is prepared with the core (a department that works round
//! the clock, so SLA verdicts do not depend on when the test runs; people;
//! a published item needing the requester's manager's approval and two
//! tasks); everything the pilot does happens in the window.

use chrono::Utc;
use pilot_core::catalog::{self, ApprovalStep, Choice, FieldType, Form, FormField, ItemInput};
use pilot_core::directory::{self, BusinessHours, DepartmentInput, PersonInput, Weekday};
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole, PilotInput};
use pilot_core::requests::{self, Actor, NewRequest};
use pilot_core::Workspace;
use pilot_e2e::{App, Profile, WebDriverResult};
use serde_json::json;

pub(crate) struct Setup {
    pub(crate) path: String,
    pub(crate) item: i64,
    pub(crate) ann: i64,
    pub(crate) max: i64,
    pub(crate) fay: i64,
    pub(crate) hugo: i64,
}

pub(crate) fn person(ws: &mut Workspace, name: &str, manager: Option<i64>) -> i64 {
    directory::create_person(
        ws,
        PersonInput {
            name: name.into(),
            email: format!("{}@example.org", name.to_lowercase()),
            department_id: None,
            manager_id: manager,
            roles: Vec::new(),
        },
    )
    .unwrap()
    .id
}

pub(crate) fn prepare(profile: &Profile) -> (Workspace, Setup) {
    let path = profile.path("HR pilot.pilot");
    let mut ws = Workspace::create(&path).unwrap();
    let mut hours = BusinessHours::office("UTC");
    hours.working_days = Weekday::ALL.to_vec();
    hours.day_start = "00:00".into();
    hours.day_end = "23:59".into();
    let hr = directory::create_department(
        &mut ws,
        DepartmentInput {
            name: "Human Resources".into(),
            is_requester: true,
            is_provider: true,
            head_id: None,
            hours,
        },
    )
    .unwrap()
    .id;
    let max = person(&mut ws, "Max", None);
    let ann = person(&mut ws, "Ann", Some(max));
    let fay = person(&mut ws, "Fay", None);
    let hugo = person(&mut ws, "Hugo", None);
    let item = catalog::create(&mut ws, "Employment certificate")
        .unwrap()
        .id;
    let mut input = ItemInput::draft("Employment certificate");
    input.department_id = Some(hr);
    input.category = "Documents".into();
    let mut kind = FormField::new("kind", "Certificate", FieldType::Choice);
    kind.choices = vec![
        Choice::new("work", "Work certificate"),
        Choice::new("salary", "Salary statement"),
    ];
    kind.required = true;
    input.form = Form {
        fields: vec![
            kind,
            FormField::new("note", "Anything else?", FieldType::LongText),
        ],
    };
    input.fulfilment.assignment_group = "HR Services".into();
    input.fulfilment.approvals = vec![ApprovalStep::requester_manager()];
    input.fulfilment.tasks = vec!["Draft the certificate".into(), "Sign and send".into()];
    catalog::update(&mut ws, item, input).unwrap();
    catalog::publish(&mut ws, item).unwrap();
    let path = path.to_string_lossy().into_owned();
    (
        ws,
        Setup {
            path,
            item,
            ann,
            max,
            fay,
            hugo,
        },
    )
}

/// A pilot made with the core, for the tests that start past its set-up.
pub(crate) fn pilot_in(ws: &mut Workspace, s: &Setup, start: bool) -> i64 {
    let mut input = PilotInput::named("HR certificates");
    input.item_ids = vec![s.item];
    let role = |person_id, role| ParticipantInput { person_id, role };
    input.participants = vec![
        role(s.ann, ParticipantRole::Requester),
        role(s.max, ParticipantRole::Approver),
        role(s.fay, ParticipantRole::Fulfiller),
        role(s.hugo, ParticipantRole::DepartmentHead),
    ];
    let id = pilots::create(ws, input, Utc::now()).unwrap().id;
    if start {
        pilots::start(ws, id, Utc::now()).unwrap();
    }
    id
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
    app.click_text("[data-testid=portal-item]", "Employment certificate")
        .await?;
    app.choose(
        "[data-testid=preview-field][data-key=kind] select",
        "Work certificate",
    )
    .await?;
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
