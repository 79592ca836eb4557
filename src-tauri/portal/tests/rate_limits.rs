//! The portal's rate limits over real HTTP on 127.0.0.1: a burst of
//! changes from one link, or from one address, is refused with 429 and
//! words, stores nothing, and is served again once its bucket has earned a
//! token back. The limits are made small and fast through `Limits`, so no
//! test waits more than about a second.

mod portal_support;

use std::time::Duration;

use pilot_core::pilots::ParticipantRole::*;
use pilot_core::requests;
use pilot_portal::{Limits, Options, Rate};
use portal_support::*;
use reqwest::StatusCode;
use serde_json::json;

/// The burst each test allows: room for signing in and a few changes.
const BURST: u32 = 6;

/// How long an empty bucket takes to earn a token back, with a margin:
/// the tests' rates earn one a second.
const ONE_TOKEN_BACK: Duration = Duration::from_millis(1100);

fn limited(limits: Limits) -> Options {
    let mut options = Options::new("127.0.0.1:0".parse().unwrap());
    options.limits = limits;
    options
}

/// A work certificate request submitted as `b`, accepted or not.
async fn ask(b: &Browser, item: i64) -> Answer {
    b.post(
        "/api/requests",
        json!({"itemId": item, "answers": {"kind": "work"}}),
    )
    .await
}

/// Submits as `b` until the portal refuses, which it must do in words
/// before the burst is spent (the sign-ins' reads took from it too), and
/// storing nothing it refused; returns how many were accepted.
async fn spend_the_burst(s: &Served, b: &Browser) -> usize {
    let mut accepted = 0;
    loop {
        let answer = ask(b, s.item).await;
        if answer.status != StatusCode::CREATED {
            assert_rate_limited(&answer);
            break;
        }
        accepted += 1;
        assert!(accepted < BURST as usize, "the whole burst was accepted");
    }
    assert_eq!(stored(s), accepted, "a refused change stores nothing");
    accepted
}

/// Says that `answer` is the portal's refusal of a caller over their rate.
fn assert_rate_limited(answer: &Answer) {
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.text
    );
    assert_eq!(answer.body["code"], "rate_limited", "{}", answer.text);
    assert!(
        answer.body["message"]
            .as_str()
            .is_some_and(|m| m.contains("Too many requests") && m.contains("try again")),
        "{}",
        answer.text
    );
}

/// The real requests the pilot holds, read from the workspace rather than
/// through the portal, which would spend the tokens under test.
fn stored(s: &Served) -> usize {
    s.with_ws(|ws| requests::mine(ws, s.pilot, s.ann).unwrap().len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_changes_from_one_link_is_refused_in_words_until_the_link_earns_a_token_back() {
    let s = serve_with(limited(Limits {
        requests_per_link: Rate::new(BURST, 1.0),
        ..Limits::default()
    }))
    .await;
    // Ann opens her one link in two browsers: the limit is the link's,
    // whichever browser uses it.
    let (_, token) = s.link(s.ann, Requester);
    let mut phone = s.browser();
    assert_eq!(phone.sign_in(&token).await, StatusCode::OK);
    let mut desk = s.browser();
    assert_eq!(desk.sign_in(&token).await, StatusCode::OK);

    let accepted = spend_the_burst(&s, &desk).await;
    assert_rate_limited(&phone.get("/api/requests").await);

    // Bea's link, from the same address, is not held back by Ann's.
    let bea = s.signed_in(s.bea, Requester).await;
    assert_eq!(bea.get("/api/requests").await.status, StatusCode::OK);

    tokio::time::sleep(ONE_TOKEN_BACK).await;
    let again = ask(&phone, s.item).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
    assert_eq!(stored(&s), accepted + 1);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_changes_from_one_address_is_refused_in_words_for_every_link_until_it_earns_a_token_back(
) {
    let s = serve_with(limited(Limits {
        requests_per_address: Rate::new(BURST, 1.0),
        ..Limits::default()
    }))
    .await;
    let ann = s.signed_in(s.ann, Requester).await;
    let bea = s.signed_in(s.bea, Requester).await;

    spend_the_burst(&s, &ann).await;
    // Bea's own link is fresh, but she shares Ann's address.
    assert_rate_limited(&ask(&bea, s.item).await);
    // So does a browser that is not signed in: the address is counted
    // before anything else is looked at.
    assert_rate_limited(&s.browser().get("/api/requests").await);

    tokio::time::sleep(ONE_TOKEN_BACK).await;
    let again = ask(&bea, s.item).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text);
    s.stop().await;
}
