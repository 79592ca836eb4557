//! Signing in with a personal link, signing out, "who am I", and the plain
//! page `/` shows when the server has no pages.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use pilot_core::portal::{self, Participation};
use serde::Serialize;

use crate::errors::ApiError;
use crate::guard;
use crate::options::Pages;
use crate::sessions;
use crate::state::{Intent, Shared};

/// `GET /s/{token}`: checks the link, opens a new session (any session the
/// browser brought is closed first: no fixation) and audits the attempt,
/// also a refused one. The answer is a small page that moves on to `/`
/// rather than a redirect: a redirect that follows a link clicked in a
/// web mail is still a cross-site navigation, on which browsers withhold
/// the SameSite=Strict cookie just set, so the first page would not know
/// the participant.
pub async fn sign_in(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !portal.sign_ins.take(&peer.ip().to_string()) {
        return page(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many sign-in attempts",
            "Too many sign-in attempts came from this computer. Wait a few minutes and open your link again.",
        );
    }
    let now = Utc::now();
    let only = portal.pilot;
    let address = peer.to_string();
    let outcome = portal
        .run(move |ws| {
            let result = portal::resolve(ws, &token, now).and_then(|who| match only {
                Some(p) if p != who.pilot_id => Err(pilot_core::Error::Invalid {
                    field: "token".into(),
                    message: format!(
                        "The link of {} is for “{}”, which this server does not serve.",
                        who.person_name, who.pilot_name
                    ),
                }),
                _ => Ok(who),
            });
            let entry = match &result {
                Ok(who) => portal::entry(who, "sign_in", None, "", &address, now),
                Err(e) => portal::refused_sign_in(&e.to_string(), &address, now),
            };
            portal::record(ws, &entry)?;
            Ok(result)
        })
        .await;
    let who = match outcome {
        Ok(Ok(who)) => who,
        Ok(Err(_)) => {
            let mut refused = page(
                StatusCode::UNAUTHORIZED,
                "This link does not sign you in",
                "This link does not sign anyone in: it is mistyped, revoked or expired, or its pilot has ended. Ask the pilot's analyst for a new one.",
            );
            // The pages say the same in the portal's own look, and the
            // address bar no longer shows the useless token.
            if portal.has_pages() {
                refused.headers_mut().insert(
                    header::REFRESH,
                    HeaderValue::from_static("0; url=/#/link-refused"),
                );
            }
            return refused;
        }
        Err(e) => return e.into_response(),
    };
    if let Some(old) = guard::session_cookie(&headers) {
        portal.sessions.close(&old);
    }
    let id = match portal.sessions.open(who.link_id) {
        Ok(id) => id,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let cookie = sessions::set_cookie(Some(&id), portal.secure);
    let body = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"refresh\" content=\"0; url=/\"><title>Signed in</title></head>\
         <body><p>Signed in as {} ({}) in {}. <a href=\"/\">Continue</a></p></body></html>\n",
        text(&who.person_name),
        who.role.label(),
        text(&who.pilot_name)
    );
    let mut response = Html(body).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// What `/api/me` tells the pages: who is signed in where, and the token
/// every change must carry in `x-csrf-token`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    #[serde(flatten)]
    pub who: Participation,
    pub csrf_token: String,
}

pub async fn me(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Json<Me>, ApiError> {
    let (_, session) = portal.session(&headers).ok_or_else(ApiError::signed_out)?;
    let who = portal
        .as_participant(&headers, peer, Intent::Read, |_, who| Ok(who.clone()))
        .await?;
    Ok(Json(Me {
        who,
        csrf_token: session.csrf,
    }))
}

/// `POST /api/sign-out`: ends this browser's session (a change like any
/// other, so another site cannot sign a participant out).
pub async fn sign_out(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    portal
        .as_participant(&headers, peer, Intent::Change, |_, _| Ok(()))
        .await?;
    if let Some(id) = guard::session_cookie(&headers) {
        portal.sessions.close(&id);
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(value) = HeaderValue::from_str(&sessions::set_cookie(None, portal.secure)) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// `/` when the server has no pages: who is signed in, and why there is
/// nothing more.
pub async fn landing(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    match portal
        .as_participant(&headers, peer, Intent::Read, |_, who| Ok(who.clone()))
        .await
    {
        Ok(who) => page(
            StatusCode::OK,
            &who.pilot_name,
            &format!(
                "Signed in as {} ({}) in the pilot “{}”{}. {}",
                who.person_name,
                who.role.label(),
                who.pilot_name,
                who.department_name
                    .map(|d| format!(" of {d}"))
                    .unwrap_or_default(),
                if portal.pages == Pages::None {
                    "This server serves no pages, so there is nothing more to show here."
                } else {
                    "This server was built without the portal's pages (they are built from ui/ before the program), so there is nothing more to show here."
                }
            ),
        ),
        Err(e) if e.status == StatusCode::UNAUTHORIZED => page(
            StatusCode::OK,
            "Pilot portal",
            "You are not signed in. Open the personal link the pilot's analyst gave you.",
        ),
        Err(e) => page(e.status, "Pilot portal", &e.message),
    }
}

pub async fn not_found() -> Response {
    page(StatusCode::NOT_FOUND, "Not found", "There is no page here.")
}

/// A minimal page: a title and one paragraph, every string as text.
fn page(status: StatusCode, title: &str, message: &str) -> Response {
    let body = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head><body><h1>{}</h1><p>{}</p></body></html>\n",
        text(title),
        text(title),
        text(message)
    );
    (status, Html(body)).into_response()
}

/// A string made safe to place in HTML as text.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
