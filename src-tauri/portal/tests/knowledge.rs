//! Knowledge in the portal, over real HTTP on 127.0.0.1: a requester finds
//! the published articles of the pilot's department (searched by words,
//! rendered safely by the server) and answers "did this answer your
//! question?", a CSRF-protected, audited change that counts as a
//! deflection when the answer is yes.

mod portal_support;

use chrono::Utc;
use pilot_core::directory::BusinessHours;
use pilot_core::knowledge::{self, ArticleInput, Status};
use pilot_core::pilots::{self, ParticipantRole::*};
use pilot_core::{directory, portal};
use portal_support::*;
use reqwest::StatusCode;
use serde_json::json;

/// Writes an article of `department` (about `item` when given), published
/// when asked; returns its id.
fn article(
    s: &Served,
    department: i64,
    item: Option<i64>,
    title: &str,
    body: &str,
    publish: bool,
) -> i64 {
    s.with_ws(|ws| {
        let input = ArticleInput {
            department_id: department,
            catalog_item_id: item,
            title: title.into(),
            body: body.into(),
            owner_id: None,
            review_date: "2027-06-30".into(),
        };
        let id = knowledge::create(ws, &input, Utc::now()).unwrap().id;
        if publish {
            knowledge::set_status(ws, id, Status::Published, Utc::now()).unwrap();
        }
        id
    })
}

fn hr_department(s: &Served) -> i64 {
    s.with_ws(|ws| pilots::get(ws, s.pilot).unwrap().department_id.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requester_finds_the_departments_published_articles_rendered_safely_by_search() {
    let s = serve().await;
    let hr = hr_department(&s);
    let certificate = article(
        &s,
        hr,
        Some(s.item),
        "How long does a certificate take?",
        "About **two days**. <script>alert('x')</script> [More](javascript:alert(1))",
        true,
    );
    article(&s, hr, None, "Holiday rules", "Ask your manager.", true);
    article(&s, hr, None, "Unfinished", "Not ready.", false);
    let it = s.with_ws(|ws| {
        let input = pilot_fixtures::department_input("IT", BusinessHours::office("UTC"));
        directory::create_department(ws, input).unwrap().id
    });
    article(
        &s,
        it,
        None,
        "Printers",
        "Certificate printers are on level 2.",
        true,
    );

    let ann = s.signed_in(s.ann, Requester).await;
    let all = ann.get("/api/knowledge").await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    let titles: Vec<&str> = all
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Holiday rules", "How long does a certificate take?"]
    );

    let found = ann.get("/api/knowledge?q=CERTIFICATE").await;
    assert_eq!(found.body.as_array().unwrap().len(), 1);
    assert_eq!(found.body[0]["id"], certificate);
    assert_eq!(found.body[0]["catalogItemId"], s.item);
    // The body comes as a tree of nodes whose texts a page shows as text:
    // the script is a text, the `javascript:` link only its words.
    let body = &found.body[0]["body"];
    let paragraph = &body[0];
    assert_eq!(paragraph["kind"], "p");
    let parts = paragraph["children"].as_array().unwrap();
    assert_eq!(parts[1]["kind"], "strong");
    assert_eq!(parts[1]["children"][0]["text"], "two days");
    let json = body.to_string();
    assert!(json.contains(r#""text":"<script>""#), "{json}");
    assert!(!json.contains("javascript:"), "{json}");
    assert!(!json.contains(r#""kind":"a""#), "{json}");

    let long = ann
        .get(&format!("/api/knowledge?q={}", "a".repeat(201)))
        .await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_yes_is_recorded_audited_and_counted_as_a_deflection() {
    let s = serve().await;
    let hr = hr_department(&s);
    let id = article(&s, hr, Some(s.item), "Certificates", "Two days.", true);
    let ann = s.signed_in(s.ann, Requester).await;

    let yes = ann
        .post(
            &format!("/api/knowledge/{id}/answer"),
            json!({"answered": true}),
        )
        .await;
    assert_eq!(yes.status, StatusCode::NO_CONTENT, "{}", yes.text);
    let no = ann
        .post(
            &format!("/api/knowledge/{id}/answer"),
            json!({"answered": false}),
        )
        .await;
    assert_eq!(no.status, StatusCode::NO_CONTENT, "{}", no.text);

    let (shown, deflections, log) = s.with_ws(|ws| {
        (
            knowledge::get(ws, id).unwrap(),
            knowledge::deflections(ws, Some(hr)).unwrap(),
            portal::audit(ws, Some(s.pilot), 10).unwrap(),
        )
    });
    assert_eq!((shown.answered, shown.not_answered), (1, 1));
    assert_eq!(deflections, 1);
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"article answered"), "{actions:?}");
    assert!(actions.contains(&"article not answered"), "{actions:?}");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_without_the_csrf_token_or_to_an_article_not_shown_is_refused() {
    let s = serve().await;
    let hr = hr_department(&s);
    let shown = article(&s, hr, None, "Certificates", "Two days.", true);
    let draft = article(&s, hr, None, "Draft", "Not ready.", false);
    let ann = s.signed_in(s.ann, Requester).await;

    let forged = ann
        .post_raw(
            &format!("/api/knowledge/{shown}/answer"),
            &[("content-type", "application/json"), ("origin", &s.base)],
            json!({"answered": true}).to_string(),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "{}", forged.text);

    for id in [draft, 9999] {
        let refused = ann
            .post(
                &format!("/api/knowledge/{id}/answer"),
                json!({"answered": true}),
            )
            .await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.text);
        assert!(refused.body["message"]
            .as_str()
            .unwrap()
            .contains(&id.to_string()));
    }
    let fay = s.signed_in(s.fay, Fulfiller).await;
    assert_eq!(
        fay.get("/api/knowledge").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(s.with_ws(|ws| knowledge::deflections(ws, None).unwrap()), 0);
    s.stop().await;
}
