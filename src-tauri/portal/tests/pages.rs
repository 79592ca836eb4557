//! The portal's pages as this binary holds them (built from `ui/portal.html`
//! before cargo, see `build.rs`): served at `/` under the strict CSP, their
//! assets under `/assets/`, nothing in them that talks to Tauri.

mod portal_support;

use pilot_core::pilots::ParticipantRole::*;
use pilot_portal::CSP;
use portal_support::*;
use reqwest::StatusCode;
use serde_json::json;

/// The built pages are a precondition, not something to skip: `make`
/// builds the UI before cargo.
fn pages_are_built() {
    assert!(
        pilot_portal::pages_built(),
        "this binary was built without the portal's pages: run `npm --prefix ui run build` (or `make`) before cargo"
    );
}

/// The script and stylesheet paths `portal.html` names.
fn assets_of(html: &str) -> Vec<String> {
    html.split(['"', '\''])
        .filter(|part| part.starts_with("/assets/"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_are_served_at_the_root_under_the_strict_csp() {
    pages_are_built();
    let s = serve().await;
    let b = Browser::new(&s.base);
    let page = b.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("<div id=\"app\"></div>"),
        "{}",
        page.text
    );
    assert_eq!(page.headers["content-security-policy"], CSP);
    assert!(page.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(
        !page.text.contains("<script>") && !page.text.contains("<script type=\"module\">"),
        "no inline script: {}",
        page.text
    );
    let assets = assets_of(&page.text);
    assert!(
        assets.iter().any(|a| a.ends_with(".js")) && assets.iter().any(|a| a.ends_with(".css")),
        "{assets:?}"
    );
    for asset in &assets {
        let answer = b.get(asset).await;
        assert_eq!(answer.status, StatusCode::OK, "{asset}");
        assert_eq!(answer.headers["content-security-policy"], CSP);
        let kind = answer.headers["content-type"].to_str().unwrap().to_owned();
        let expected = if asset.ends_with(".js") {
            "text/javascript"
        } else {
            "text/css"
        };
        assert_eq!(kind, expected, "{asset}");
        assert!(answer.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable"));
        assert!(
            !answer.text.contains("__TAURI"),
            "{asset} holds code that talks to Tauri"
        );
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_other_place_gets_the_page_but_a_missing_asset_is_not_found() {
    pages_are_built();
    let s = serve().await;
    let b = Browser::new(&s.base);
    let elsewhere = b.get("/requests/12").await;
    assert_eq!(elsewhere.status, StatusCode::OK);
    assert!(elsewhere.text.contains("<div id=\"app\"></div>"));
    assert_eq!(
        b.get("/assets/missing.js").await.status,
        StatusCode::NOT_FOUND,
        "a script asked for must never come back as HTML"
    );
    assert_eq!(b.get("/api/nothing").await.status, StatusCode::NOT_FOUND);
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/assets/../../Cargo.toml",
    ] {
        assert!(
            !b.get(path).await.text.contains("[package]"),
            "{path} served a file that is not a page"
        );
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_link_moves_on_to_the_pages_refusal() {
    pages_are_built();
    let s = serve().await;
    let refused = Browser::new(&s.base)
        .get(&format!("/s/{}", "0".repeat(64)))
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(
        refused.text.contains("does not sign you in"),
        "{}",
        refused.text
    );
    assert_eq!(refused.headers["refresh"], "0; url=/#/link-refused");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_check_says_what_shows_and_what_is_wrong_by_the_cores_rules() {
    let s = serve().await;
    let ann = s.signed_in(s.ann, Requester).await;
    let empty = ann
        .post("/api/check", json!({"itemId": s.item, "answers": {}}))
        .await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.text);
    assert!(!empty.body["shown"].as_array().unwrap().is_empty());
    assert!(!empty.body["issues"].as_array().unwrap().is_empty());
    let fine = ann
        .post(
            "/api/check",
            json!({"itemId": s.item, "answers": {"kind": "work"}}),
        )
        .await;
    assert_eq!(fine.body["issues"], json!([]), "{}", fine.text);
    let elsewhere = ann
        .post("/api/check", json!({"itemId": 9999, "answers": {}}))
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    let fay = s.signed_in(s.fay, Fulfiller).await;
    let refused = fay
        .post("/api/check", json!({"itemId": s.item, "answers": {}}))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    s.stop().await;
}
