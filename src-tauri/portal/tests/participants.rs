//! The portal as its participants use it, over real HTTP on 127.0.0.1: a
//! requester signs in by link and submits, a fulfiller works the queue, an
//! approver decides, the requester rates; each sees only what their role
//! shows them, refused on the server.

mod portal_support;

use pilot_core::pilots::ParticipantRole::{self, *};
use pilot_core::portal;
use pilot_portal::{Options, Pages};
use portal_support::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requester_signs_in_by_link_submits_and_sees_only_their_own_requests() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let me = ann.get("/api/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["personName"], "Ann");
    assert_eq!(me.body["role"], "requester");
    assert_eq!(me.body["pilotName"], "HR certificates");
    assert_eq!(me.body["departmentName"], "Human Resources");
    assert_eq!(me.body["csrfToken"].as_str().unwrap().len(), 64);

    let catalog = ann.get("/api/catalog").await;
    assert_eq!(catalog.status, StatusCode::OK);
    assert_eq!(catalog.body[0]["name"], "Employment certificate");
    assert_eq!(catalog.body[0]["form"]["fields"][0]["key"], "kind");

    let mine = ann.submit(s.item).await;
    let bea = s.signed_in(s.bea, Requester).await;
    let hers = bea.submit(s.item).await;

    let list = ann.get("/api/requests").await;
    let ids: Vec<i64> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [mine]);
    let shown = ann.get(&format!("/api/requests/{mine}")).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.body["requesterName"], "Ann");
    assert_eq!(shown.body["answerLines"][0]["text"], "Work certificate");
    let theirs = bea.get("/api/requests").await;
    assert_eq!(theirs.body.as_array().unwrap().len(), 1);
    assert_eq!(theirs.body[0]["id"], hers);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submission_the_form_refuses_comes_back_as_json_naming_the_field() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let refused = ann
        .post(
            "/api/requests",
            json!({"itemId": s.item, "answers": {"kind": "nonsense"}}),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.text
    );
    assert_eq!(refused.body["code"], "invalid");
    assert!(
        refused.body["message"].as_str().unwrap().len() > 10,
        "{}",
        refused.text
    );
    assert!(refused.body["field"].is_string(), "{}", refused.text);
    let garbled = ann.post("/api/requests", json!({"item": "x"})).await;
    assert_eq!(garbled.status, StatusCode::BAD_REQUEST);
    assert_eq!(garbled.body["code"], "invalid_json");
    assert_eq!(ann.count("/api/requests").await, 0);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_requesters_request_is_refused_as_if_it_did_not_exist() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let bea = s.signed_in(s.bea, Requester).await;
    let id = ann.submit(s.item).await;
    let peek = bea.get(&format!("/api/requests/{id}")).await;
    let none = bea.get("/api/requests/999999").await;
    assert_eq!(
        (peek.status, none.status),
        (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND)
    );
    assert_eq!(
        peek.body["message"]
            .as_str()
            .unwrap()
            .replace(&id.to_string(), "N"),
        none.body["message"]
            .as_str()
            .unwrap()
            .replace("999999", "N"),
        "a foreign id and a missing one read the same"
    );
    let cancel = bea
        .post(
            &format!("/api/requests/{id}/actions"),
            json!({"kind": "cancel", "reason": "mine now"}),
        )
        .await;
    assert_eq!(cancel.status, StatusCode::NOT_FOUND);
    let comment = bea
        .post(
            &format!("/api/requests/{id}/actions"),
            json!({"kind": "comment", "text": "hello"}),
        )
        .await;
    assert_eq!(comment.status, StatusCode::NOT_FOUND);
    let r = ann.get(&format!("/api/requests/{id}")).await;
    assert_eq!(
        r.body["events"].as_array().unwrap().len(),
        1,
        "nothing happened to it"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approver_approves_a_fulfiller_resolves_from_the_queue_and_the_requester_rates() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let max = s.signed_in(s.max, Approver).await;
    let fay = s.signed_in(s.fay, Fulfiller).await;
    let id = ann.submit(s.item).await;

    let waiting = max.get("/api/approvals").await;
    assert_eq!(waiting.body[0]["id"], id, "{}", waiting.text);
    let approved = max
        .post(
            &format!("/api/requests/{id}/actions"),
            json!({"kind": "approve", "comment": "Fine."}),
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.text);
    assert_eq!(approved.body["state"], "in_progress");
    assert_eq!(max.count("/api/approvals").await, 0);
    assert_eq!(
        max.get(&format!("/api/requests/{id}")).await.status,
        StatusCode::OK,
        "a decided request stays visible to its approver"
    );

    let queue = fay.get("/api/queue").await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.text);
    assert_eq!(queue.body["rows"][0]["id"], id);
    let path = format!("/api/requests/{id}/actions");
    let act = |body| fay.post(&path, body);
    assert_eq!(
        act(json!({"kind": "assign", "assignee": s.fay}))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        act(json!({"kind": "work_note", "text": "Ask payroll."}))
            .await
            .status,
        StatusCode::OK
    );
    for position in [1, 2] {
        let done = act(json!({"kind": "complete_task", "position": position})).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    }
    let resolved = act(json!({"kind": "resolve", "note": "Sent."})).await;
    assert_eq!(resolved.status, StatusCode::OK, "{}", resolved.text);
    assert_eq!(resolved.body["state"], "resolved");
    assert_eq!(
        fay.get("/api/queue?mine=true").await.body["rows"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let seen = ann.get(&format!("/api/requests/{id}")).await;
    let kinds: Vec<&str> = seen.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(
        !kinds.contains(&"work_note"),
        "the requester does not see work notes: {kinds:?}"
    );
    let rated = ann
        .post(
            &format!("/api/requests/{id}/actions"),
            json!({"kind": "rate", "rating": 5, "comment": "Quick!"}),
        )
        .await;
    assert_eq!(rated.status, StatusCode::OK, "{}", rated.text);
    assert_eq!(
        (rated.body["state"].as_str(), rated.body["rating"].as_i64()),
        (Some("closed"), Some(5))
    );

    let log = s.with_ws(|ws| portal::audit(ws, Some(s.pilot), 100).unwrap());
    let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "sign_in",
            "sign_in",
            "sign_in",
            "submitted",
            "approve",
            "assign",
            "work_note",
            "complete_task",
            "complete_task",
            "resolve",
            "rate"
        ]
    );
    assert!(log.iter().all(|e| e.address.starts_with("127.0.0.1:")));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_is_refused_what_is_not_its_own_on_the_server() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let max = s.signed_in(s.max, Approver).await;
    let fay = s.signed_in(s.fay, Fulfiller).await;
    let hugo = s.signed_in(s.hugo, DepartmentHead).await;
    let id = ann.submit(s.item).await;
    for path in ["/api/queue", "/api/approvals", "/api/pilot"] {
        assert_eq!(ann.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    for path in ["/api/catalog", "/api/requests", "/api/queue"] {
        assert_eq!(max.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    let fulfiller_submits = fay
        .post(
            "/api/requests",
            json!({"itemId": s.item, "answers": {"kind": "work"}}),
        )
        .await;
    assert_eq!(fulfiller_submits.status, StatusCode::FORBIDDEN);
    let fulfiller_approves = fay
        .post(
            &format!("/api/requests/{id}/actions"),
            json!({"kind": "approve"}),
        )
        .await;
    assert_eq!(fulfiller_approves.status, StatusCode::FORBIDDEN);
    let requester_resolves = ann
        .post(
            &format!("/api/requests/{id}/actions"),
            json!({"kind": "resolve"}),
        )
        .await;
    assert_eq!(requester_resolves.status, StatusCode::FORBIDDEN);
    let approver_resolves = max
        .post(
            &format!("/api/requests/{id}/actions"),
            json!({"kind": "resolve"}),
        )
        .await;
    assert_eq!(approver_resolves.status, StatusCode::FORBIDDEN);
    let anyone_auto_closes = fay
        .post(
            &format!("/api/requests/{id}/actions"),
            json!({"kind": "auto_close"}),
        )
        .await;
    assert_eq!(anyone_auto_closes.status, StatusCode::FORBIDDEN);
    assert_eq!(
        hugo.get(&format!("/api/requests/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let page = hugo.get("/api/pilot").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(page.body["pilot"]["name"], "HR certificates");
    assert_eq!(
        ann.get("/api/nothing-here").await.status,
        StatusCode::NOT_FOUND
    );
    let signed_out = Browser::new(&s.base);
    for path in ["/api/me", "/api/catalog", "/api/requests", "/api/queue"] {
        assert_eq!(
            signed_out.get(path).await.status,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_pages_the_start_page_says_who_is_signed_in() {
    let mut options = Options::new("127.0.0.1:0".parse().unwrap());
    options.pages = Pages::None;
    let s = serve_with(options).await;
    let anonymous = Browser::new(&s.base).get("/").await;
    assert!(
        anonymous.text.contains("not signed in"),
        "{}",
        anonymous.text
    );
    let ann = s.signed_in(s.ann, ParticipantRole::Requester).await;
    let page = ann.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("Signed in as Ann (requester)"),
        "{}",
        page.text
    );
    assert!(page.text.contains("serves no pages"), "{}", page.text);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_is_narrowed_by_state_item_and_assignee_and_comes_page_by_page() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let max = s.signed_in(s.max, Approver).await;
    let fay = s.signed_in(s.fay, Fulfiller).await;
    let mut ids = Vec::new();
    for _ in 0..7 {
        ids.push(ann.submit(s.item).await);
    }
    for id in &ids[..3] {
        let approved = max
            .post(
                &format!("/api/requests/{id}/actions"),
                json!({"kind": "approve", "comment": ""}),
            )
            .await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.text);
    }
    let assigned = fay
        .post(
            &format!("/api/requests/{}/actions", ids[0]),
            json!({"kind": "assign", "assignee": s.fay}),
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.text);

    // Page by page, three at a time: every open request once, in order.
    let mut seen = Vec::new();
    let mut path = "/api/queue?limit=3".to_owned();
    loop {
        let page = fay.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        let rows = page.body["rows"].as_array().unwrap();
        assert!(rows.len() <= 3);
        seen.extend(rows.iter().map(|r| r["id"].as_i64().unwrap()));
        let next = &page.body["next"];
        if next.is_null() {
            break;
        }
        path = format!(
            "/api/queue?limit=3&afterDue={}&afterId={}",
            next["dueAt"].as_str().unwrap(),
            next["id"]
        );
    }
    let mut sorted = seen.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), seen.len(), "no request twice: {seen:?}");
    let mut expected = ids.clone();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "every request once");

    let count = |body: &serde_json::Value| body["rows"].as_array().unwrap().len();
    let waiting = fay.get("/api/queue?state=awaiting_approval").await;
    assert_eq!(count(&waiting.body), 4, "{}", waiting.text);
    let working = fay.get("/api/queue?state=in_progress,on_hold").await;
    assert_eq!(count(&working.body), 3, "{}", working.text);
    let mine = fay.get("/api/queue?mine=true").await;
    assert_eq!(count(&mine.body), 1, "{}", mine.text);
    assert_eq!(mine.body["rows"][0]["id"], ids[0]);
    let of_item = fay.get(&format!("/api/queue?item={}", s.item)).await;
    assert_eq!(count(&of_item.body), 7);
    assert_eq!(count(&fay.get("/api/queue?item=99999").await.body), 0);
    assert_eq!(of_item.body["items"][0]["id"], s.item, "{}", of_item.text);
    assert!(of_item.body["items"][0]["name"].is_string());

    let unknown = fay.get("/api/queue?state=lost").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(
        unknown.body["message"]
            .as_str()
            .unwrap()
            .contains("no state “lost”"),
        "{}",
        unknown.text
    );
    let half_cursor = fay.get("/api/queue?afterId=3").await;
    assert_eq!(half_cursor.status, StatusCode::BAD_REQUEST);
    let not_a_number = fay.get("/api/queue?item=abc").await;
    assert_eq!(not_a_number.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_a_number.body["code"], "invalid_query");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requester_finds_a_few_people_for_a_person_field_and_no_more_of_the_directory() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let found = ann.get("/api/people?q=ma").await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text);
    let people = found.body.as_array().unwrap();
    assert!(people.iter().any(|p| p["name"] == "Max"), "{}", found.text);
    let keys: Vec<&String> = people[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["departmentName", "email", "id", "name"],
        "no more than the choice needs"
    );
    assert_eq!(
        ann.count("/api/people?q=m").await,
        0,
        "one letter finds nobody"
    );
    // A fulfiller works the queue; the directory search is for requesters'
    // forms.
    let fay = s.signed_in(s.fay, Fulfiller).await;
    assert_eq!(
        fay.get("/api/people?q=ma").await.status,
        StatusCode::FORBIDDEN
    );
    let stranger = Browser::new(&s.base);
    assert_eq!(
        stranger.get("/api/people?q=ma").await.status,
        StatusCode::UNAUTHORIZED
    );
    s.stop().await;
}
