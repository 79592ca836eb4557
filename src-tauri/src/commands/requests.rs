//! Commands of pilot requests. The UI always acts for someone: the person
//! chosen in its "acting as" switcher, recorded as the analyst acting for
//! them, so the webview cannot claim to be anyone acting on their own.

use chrono::Utc;
use pilot_core::requests::{
    self, Action, Actor, NewRequest, QueueFilter, QueuePage, QueueRow, Request,
};
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn request_submit(
    state: State<'_, AppState>,
    request: NewRequest,
    person_id: i64,
) -> CmdResult<Request> {
    state
        .with_workspace(move |ws| {
            requests::submit(ws, &request, Actor::acting_as(person_id), Utc::now())
        })
        .await
}

#[tauri::command]
pub async fn request_act(
    state: State<'_, AppState>,
    id: i64,
    person_id: i64,
    action: Action,
) -> CmdResult<Request> {
    state
        .with_workspace(move |ws| {
            requests::act(ws, id, Actor::acting_as(person_id), &action, Utc::now())
        })
        .await
}

/// A request's page; `internal` adds work notes (not for requesters).
#[tauri::command]
pub async fn request_get(
    state: State<'_, AppState>,
    id: i64,
    internal: bool,
) -> CmdResult<Request> {
    state
        .with_workspace(move |ws| requests::get(ws, id, internal, Utc::now()))
        .await
}

#[tauri::command]
pub async fn requests_queue(
    state: State<'_, AppState>,
    filter: QueueFilter,
) -> CmdResult<QueuePage> {
    state
        .with_workspace(move |ws| requests::queue(ws, &filter, Utc::now()))
        .await
}

#[tauri::command]
pub async fn requests_mine(
    state: State<'_, AppState>,
    pilot_id: i64,
    person_id: i64,
) -> CmdResult<Vec<QueueRow>> {
    state
        .with_workspace(move |ws| requests::mine(ws, pilot_id, person_id))
        .await
}

#[tauri::command]
pub async fn requests_approvals(
    state: State<'_, AppState>,
    pilot_id: i64,
    person_id: i64,
) -> CmdResult<Vec<QueueRow>> {
    state
        .with_workspace(move |ws| requests::approvals_for(ws, pilot_id, person_id))
        .await
}
