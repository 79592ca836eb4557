//! Messages in the portal, over real HTTP on 127.0.0.1: each person reads
//! the outbox's messages for them and only those, and marks them seen with
//! a CSRF-protected, audited change that cannot touch anyone else's.

mod portal_support;

use pilot_core::pilots::ParticipantRole::*;
use pilot_core::portal;
use portal_support::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_person_reads_only_their_own_messages_and_marks_them_seen() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let bea = s.signed_in(s.bea, Requester).await;
    ann.submit(s.item).await;
    bea.submit(s.item).await;

    // Both requests wait for Max, their manager, and he is told of each.
    let max = s.signed_in(s.max, Approver).await;
    let his = max.get("/api/messages").await;
    assert_eq!(his.status, StatusCode::OK, "{}", his.text);
    let his = his.body.as_array().unwrap().clone();
    assert_eq!(his.len(), 2, "{his:?}");
    assert!(his.iter().all(|m| m["kind"] == "approval_needed"));
    assert!(his.iter().all(|m| m["seenAt"].is_null()));
    // The requesters have nothing yet.
    assert_eq!(ann.count("/api/messages").await, 0);

    let ids: Vec<i64> = his.iter().map(|m| m["id"].as_i64().unwrap()).collect();
    // Ann cannot mark Max's messages seen: they are not hers.
    let refused = ann
        .post("/api/messages/seen", json!({"ids": [ids[0]]}))
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.text);
    // Nor can a page that lacks the session's CSRF token.
    let forged = max
        .post_raw(
            "/api/messages/seen",
            &[("content-type", "application/json"), ("origin", &s.base)],
            json!({"ids": ids}).to_string(),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text);
    let still = max.get("/api/messages").await;
    assert!(still
        .body
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["seenAt"].is_null()));

    let seen = max.post("/api/messages/seen", json!({"ids": ids})).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text);
    assert_eq!(seen.body["marked"], 2);
    let again = max.post("/api/messages/seen", json!({"ids": ids})).await;
    assert_eq!(again.body["marked"], 0, "seen once is seen");
    let now = max.get("/api/messages").await;
    assert!(now
        .body
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["seenAt"].is_string()));

    let log = s.with_ws(|ws| portal::audit(ws, Some(s.pilot), 50).unwrap());
    assert!(
        log.iter()
            .any(|e| e.action == "messages seen" && e.detail == "2 message(s)"),
        "{log:?}"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marking_too_many_messages_at_once_is_refused() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let ids: Vec<i64> = (1..=501).collect();
    let refused = ann.post("/api/messages/seen", json!({"ids": ids})).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text);
    assert!(refused.text.contains("at most 500"), "{}", refused.text);
    s.stop().await;
}
