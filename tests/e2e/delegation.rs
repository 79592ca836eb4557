//! Approval delegation in the real window: Max, away, hands his approvals
//! to Hugo; Hugo sees Max's request among his approvals and approves it on
//! Max's behalf; Max ends the delegation.

use chrono::Utc;
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole};
use pilot_core::requests::{self, Actor, NewRequest};
use pilot_e2e::{Profile, WebDriverResult};
use serde_json::json;

use super::pilots::{act_as, open, pilot_in, prepare};

#[tokio::test]
async fn an_away_approver_hands_over_and_the_stand_in_approves_on_his_behalf() -> WebDriverResult<()>
{
    let profile = Profile::new();
    let (mut ws, s) = prepare(&profile);
    let pilot = pilot_in(&mut ws, &s, true);
    // Hugo, the department head, approves in this pilot too.
    let mut input = pilots::get(&ws, pilot).unwrap().input();
    input
        .participants
        .push(ParticipantInput::new(s.hugo, ParticipantRole::Approver));
    pilots::update(&mut ws, pilot, input, Utc::now()).unwrap();
    let new = NewRequest {
        pilot_id: pilot,
        item_id: s.item,
        answers: json!({"kind": "work"}).as_object().unwrap().clone(),
        priority: None,
    };
    requests::submit(&mut ws, &new, Actor::acting_as(s.ann), Utc::now()).unwrap();
    drop(ws);

    let mut app = open(&profile, "delegation", &s.path).await?;
    app.click_text("[data-testid=pilot-row]", "HR certificates")
        .await?;

    // Max, away today, hands his approvals to Hugo.
    act_as(&app, "Max — Approver").await?;
    app.choose("[data-testid=delegation-to]", "Hugo").await?;
    app.fill("[data-testid=delegation-note]", "At the training day")
        .await?;
    app.click("[data-testid=delegation-add]").await?;
    let mine = app
        .wait_text(
            "[data-testid=delegations-mine]",
            "Hugo decides your approvals",
        )
        .await?;
    assert!(mine.contains("At the training day"), "{mine}");
    app.shot("handed-over").await?;

    // Hugo stands in: Max's request is in his list, and he approves it.
    act_as(&app, "Hugo — Approver").await?;
    app.wait_text("[data-testid=standing-in]", "You stand in for Max")
        .await?;
    app.wait_text("[data-testid=approvals]", "Ann").await?;
    app.shot("standing-in").await?;
    app.click("[data-testid=approvals] [data-testid=request-row]")
        .await?;
    app.click("[data-testid=approve]").await?;
    app.wait_text("[data-testid=request-state]", "In progress")
        .await?;
    app.wait_text("[data-testid=timeline]", "on behalf of Max")
        .await?;
    app.shot("approved-on-behalf").await?;
    app.click_button("Back").await?;

    // Back early, Max ends the delegation.
    act_as(&app, "Max — Approver").await?;
    app.click("[data-testid=delegation-end]").await?;
    app.wait_gone("[data-testid=delegations-mine]").await?;
    app.shot("delegation-ended").await?;
    app.quit().await
}
