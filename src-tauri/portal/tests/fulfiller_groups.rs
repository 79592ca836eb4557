//! A fulfiller given assignment groups works only their requests: the
//! queue shows only those groups, and a request of another group is
//! refused by id exactly as one that does not exist, for reading and for
//! acting alike. A fulfiller given no groups works them all, as before.

mod portal_support;

use chrono::Utc;
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole::*};
use portal_support::*;
use reqwest::StatusCode;
use serde_json::json;

/// Gives `person` (added as a fulfiller if they are not one) `groups`.
fn works_in(s: &Served, person: i64, groups: &[&str]) {
    s.with_ws(|ws| {
        let mut input = pilots::get(ws, s.pilot).unwrap().input();
        input
            .participants
            .retain(|p| !(p.person_id == person && p.role == Fulfiller));
        let mut fulfiller = ParticipantInput::new(person, Fulfiller);
        fulfiller.groups = groups.iter().map(|g| (*g).to_owned()).collect();
        input.participants.push(fulfiller);
        pilots::update(ws, s.pilot, input, Utc::now()).unwrap();
    });
}

fn new_person(s: &Served, name: &str) -> i64 {
    s.with_ws(|ws| pilot_fixtures::person(ws, name, None))
}

fn ids(answer: &Answer) -> Vec<i64> {
    let rows = answer.body["rows"].as_array();
    let rows = rows.unwrap_or_else(|| panic!("no rows: {}", answer.text));
    rows.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fulfiller_of_one_group_sees_only_its_requests_in_the_queue() {
    let (s, salary) = serve_two_groups().await;
    works_in(&s, s.fay, &["HR Services"]);
    let ann = s.signed_in(s.ann, Requester).await;
    let certificate = ann.submit(s.item).await;
    let statement = ann.submit(salary).await;
    let fay = s.signed_in(s.fay, Fulfiller).await;

    let queue = fay.get("/api/queue").await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.text);
    assert_eq!(
        ids(&queue),
        [certificate],
        "Payroll's {statement} is left out"
    );
    let items: Vec<&str> = queue.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["Employment certificate"]);
    let asked_for_payroll = fay.get(&format!("/api/queue?item={salary}")).await;
    assert_eq!(ids(&asked_for_payroll), Vec::<i64>::new());
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_of_another_group_is_refused_by_id_as_if_it_did_not_exist() {
    let (s, salary) = serve_two_groups().await;
    works_in(&s, s.fay, &["HR Services"]);
    let ann = s.signed_in(s.ann, Requester).await;
    let statement = ann.submit(salary).await;
    let fay = s.signed_in(s.fay, Fulfiller).await;
    let missing = 999_999;

    let read = fay.get(&format!("/api/requests/{statement}")).await;
    let read_missing = fay.get(&format!("/api/requests/{missing}")).await;
    let start = json!({"kind": "assign", "assignee": s.fay});
    let acted = fay
        .post(&format!("/api/requests/{statement}/actions"), start.clone())
        .await;
    let acted_missing = fay
        .post(&format!("/api/requests/{missing}/actions"), start)
        .await;
    let note = json!({"kind": "work_note", "text": "Mine now."});
    let noted = fay
        .post(&format!("/api/requests/{statement}/actions"), note)
        .await;

    for refused in [&read, &acted, &noted] {
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.text);
    }
    let same = |a: &Answer, b: &Answer| {
        assert_eq!(a.status, b.status);
        assert_eq!(a.body["code"], b.body["code"]);
        let theirs = b.body["message"].as_str().unwrap();
        let told = theirs.replace(&missing.to_string(), &statement.to_string());
        assert_eq!(a.body["message"], told.as_str());
    };
    same(&read, &read_missing);
    same(&acted, &acted_missing);
    let untouched = s.with_ws(|ws| {
        pilot_core::requests::get(ws, statement, true, Utc::now())
            .unwrap()
            .assignee_id
    });
    assert_eq!(untouched, None, "the refused assignment changed nothing");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fulfiller_given_no_groups_still_sees_every_groups_requests() {
    let (s, salary) = serve_two_groups().await;
    works_in(&s, s.fay, &["HR Services"]);
    let gus = new_person(&s, "Gus");
    works_in(&s, gus, &[]);
    let ann = s.signed_in(s.ann, Requester).await;
    let certificate = ann.submit(s.item).await;
    let statement = ann.submit(salary).await;
    let gus = s.signed_in(gus, Fulfiller).await;

    let mut seen = ids(&gus.get("/api/queue").await);
    seen.sort_unstable();
    assert_eq!(seen, [certificate, statement]);
    let read = gus.get(&format!("/api/requests/{statement}")).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fulfiller_who_assigns_a_request_to_another_group_hands_it_over() {
    let (s, salary) = serve_two_groups().await;
    works_in(&s, s.fay, &["HR Services"]);
    let pam = new_person(&s, "Pam");
    works_in(&s, pam, &["Payroll"]);
    let ann = s.signed_in(s.ann, Requester).await;
    let statement = ann.submit(salary).await;
    let pam = s.signed_in(pam, Fulfiller).await;
    let fay = s.signed_in(s.fay, Fulfiller).await;
    assert!(ids(&fay.get("/api/queue").await).is_empty());

    let handed = pam
        .post(
            &format!("/api/requests/{statement}/actions"),
            json!({"kind": "assign", "group": "HR Services"}),
        )
        .await;

    assert_eq!(handed.status, StatusCode::OK, "{}", handed.text);
    assert_eq!(handed.body["assignmentGroup"], "HR Services");
    let after = pam.get(&format!("/api/requests/{statement}")).await;
    assert_eq!(after.status, StatusCode::NOT_FOUND, "{}", after.text);
    assert_eq!(ids(&fay.get("/api/queue").await), [statement]);
    s.stop().await;
}
