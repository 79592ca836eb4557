//! Intake in the real window: a running pilot whose item was made from a
//! Microsoft Forms export takes in a newer export of it from the pilot
//! page, and the page says what was added and what was left alone, line by
//! line.
//!
//! The workspace is prepared with the core (Facilities in Berlin, the item
//! made from the first export and published, the pilot started on 2 March
//! 2026 so the export's later responses fall in its period); the newer
//! export comes through the file dialog's test seam.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use pilot_core::catalog::{self, RequestType, Suggestion};
use pilot_core::directory::{self, BusinessHours, DepartmentInput, PersonInput};
use pilot_core::flows;
use pilot_core::import::ImportOptions;
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole, PilotInput};
use pilot_core::Workspace;
use pilot_e2e::{App, Profile, WebDriverResult};

fn fixture(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/intake")
        .join(name);
    std::fs::canonicalize(&path).unwrap_or_else(|_| panic!("fixture {} is missing", path.display()))
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn prepare(profile: &Profile) -> String {
    let path = profile.path("Facilities.pilot");
    let mut ws = Workspace::create(&path).unwrap();
    let dept = directory::create_department(
        &mut ws,
        DepartmentInput {
            name: "Facilities".into(),
            is_requester: true,
            is_provider: true,
            head_id: None,
            hours: BusinessHours::office("Europe/Berlin"),
        },
    )
    .unwrap()
    .id;
    let mut person = |name: &str| {
        let first = name.split(' ').next().unwrap().to_lowercase();
        directory::create_person(
            &mut ws,
            PersonInput {
                name: name.into(),
                email: format!("{first}@example.org"),
                department_id: None,
                manager_id: None,
                roles: Vec::new(),
            },
        )
        .unwrap()
        .id
    };
    let ann = person("Ann Berg");
    let ben = person("Ben Ohm");
    let fay = person("Fay Dorn");
    let hugo = person("Hugo Lind");
    let import_id = flows::import_file(
        &mut ws,
        &fixture("msforms-facilities-1.csv"),
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap()
    .import_id;
    let item = flows::create_from_import(
        &mut ws,
        import_id,
        &Suggestion {
            name: "Work order".into(),
            department_id: Some(dept),
            request_type: RequestType::Service,
        },
    )
    .unwrap();
    let mut input = item.input();
    input.department_id = Some(dept);
    input.category = "Buildings".into();
    input.short_description = "Report something broken or dirty in a building.".into();
    input.fulfilment.assignment_group = "Facilities desk".into();
    catalog::update(&mut ws, item.id, input).unwrap();
    catalog::publish(&mut ws, item.id).unwrap();
    let mut p = PilotInput::named("Facilities pilot");
    p.department_id = Some(dept);
    p.sponsor_id = Some(hugo);
    p.item_ids = vec![item.id];
    let role = |person_id, role| ParticipantInput { person_id, role };
    p.participants = vec![
        role(ann, ParticipantRole::Requester),
        role(ben, ParticipantRole::Requester),
        role(fay, ParticipantRole::Fulfiller),
        role(hugo, ParticipantRole::DepartmentHead),
    ];
    let pilot = pilots::create(&mut ws, p, utc("2026-03-01T08:00:00Z"))
        .unwrap()
        .id;
    pilots::start(&mut ws, pilot, utc("2026-03-02T08:00:00Z")).unwrap();
    path.to_string_lossy().into_owned()
}

#[tokio::test]
async fn a_newer_export_on_a_running_pilot_adds_its_new_responses_and_shows_the_summary(
) -> WebDriverResult<()> {
    let mut profile = Profile::new();
    let path = prepare(&profile);
    profile.set_env("PILOT_E2E_IMPORT_PATH", fixture("msforms-facilities-2.csv"));
    let mut app = App::launch_with_args(&profile, "pilot-intake", &[&path]).await?;
    super::dismiss_welcome(&app).await?;
    app.click("[data-testid=nav-pilots]").await?;
    app.click_text("[data-testid=pilot-row]", "Facilities pilot")
        .await?;
    app.wait_text("[data-testid=intake]", "msforms-facilities-1.csv")
        .await?;
    app.wait_text("[data-testid=pilot-measures]", "Pilot (0)")
        .await?;
    app.shot("fed-by-a-form").await?;

    app.click("[data-testid=intake-take-in]").await?;
    app.wait_text("[data-testid=intake-summary]", "3 new requests")
        .await?;
    let summary = app.text("[data-testid=intake-summary]").await?;
    assert!(summary.contains("Work order: 3 added"), "{summary}");
    assert!(
        summary.contains("Line 9: “zoe@example.org” is not in the directory."),
        "{summary}"
    );
    app.wait_text("[data-testid=pilot-measures]", "Pilot (3)")
        .await?;
    // The newer export is now the source the pilot is fed by.
    app.wait_text("[data-testid=intake]", "msforms-facilities-2.csv")
        .await?;
    app.shot("taken-in").await?;

    // Fay finds the responses in her queue.
    app.choose("[data-testid=acting-as]", "Fay Dorn — Fulfiller")
        .await?;
    app.wait_text("[data-testid=queue-list]", "Ann Berg")
        .await?;
    app.el("[data-testid=queue-list]")
        .await?
        .scroll_into_view()
        .await?;
    app.shot("queue").await?;

    // The same export again takes nothing in twice.
    app.click("[data-testid=intake-take-in]").await?;
    app.wait_text("[data-testid=intake-summary]", "nothing new to take in")
        .await?;
    app.el("[data-testid=intake-summary]")
        .await?
        .scroll_into_view()
        .await?;
    app.wait_text("[data-testid=pilot-measures]", "Pilot (3)")
        .await?;
    app.shot("again").await?;
    app.quit().await
}
