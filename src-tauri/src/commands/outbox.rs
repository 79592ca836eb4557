//! Commands of the notification outbox: each participant's unsent
//! messages, handed to the mail client or marked sent after a copy.

use chrono::Utc;
use pilot_core::outbox::{self, Batch};
use pilot_studio_macros::command;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

// This area's commands (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    outbox_unsent,
    outbox_mail,
    outbox_mark_sent,
}

/// The pilot's unsent messages, one batch per person.
#[command]
pub async fn outbox_unsent(state: State<'_, AppState>, pilot_id: i64) -> CmdResult<Vec<Batch>> {
    state
        .with_workspace(move |ws| outbox::unsent(ws, pilot_id, Utc::now()))
        .await
}

/// Opens one person's batch as a new e-mail in the mail client and marks
/// it sent; returns how many messages it held. The address is made here
/// from the workspace, never taken from the webview, so the webview can
/// open nothing but a participant's own prepared e-mail.
#[command]
pub async fn outbox_mail(
    state: State<'_, AppState>,
    pilot_id: i64,
    person_id: i64,
) -> CmdResult<usize> {
    let (mailto, ids) = state
        .with_workspace(move |ws| outbox::mail_of(ws, pilot_id, person_id, Utc::now()))
        .await?;
    crate::mail::open_prepared(mailto).await?;
    state
        .with_workspace(move |ws| outbox::mark_sent(ws, pilot_id, &ids, Utc::now()))
        .await
}

/// Marks messages sent (after they were copied into a mail by hand);
/// returns how many were marked.
#[command]
pub async fn outbox_mark_sent(
    state: State<'_, AppState>,
    pilot_id: i64,
    ids: Vec<i64>,
) -> CmdResult<usize> {
    state
        .with_workspace(move |ws| outbox::mark_sent(ws, pilot_id, &ids, Utc::now()))
        .await
}
