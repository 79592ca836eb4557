//! Commands of pilots: the list, the editor, start and end, rehearsals.

use chrono::Utc;
use pilot_core::pilots::{self, Pilot, PilotInput, PilotSummary, PilotView};
use pilot_core::requests::{self, rehearsal, RehearsalOptions, RehearsalSummary};
use pilot_studio_macros::command;
use tauri::{AppHandle, State};

use crate::error::CmdResult;
use crate::state::AppState;

// This area's commands (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    pilots_list,
    pilot_view,
    pilot_create,
    pilot_update,
    pilot_delete,
    pilot_start,
    pilot_end,
    pilot_rehearse,
    pilot_rehearsal_remove,
}

#[command]
pub async fn pilots_list(state: State<'_, AppState>) -> CmdResult<Vec<PilotSummary>> {
    state.with_workspace(|ws| pilots::list(ws)).await
}

/// The pilot page; resolved requests whose rating window ran out are
/// closed first, so what it shows is current.
#[command]
pub async fn pilot_view(state: State<'_, AppState>, id: i64) -> CmdResult<PilotView> {
    state
        .with_workspace(move |ws| {
            requests::close_due(ws, id, Utc::now())?;
            pilots::view(ws, id)
        })
        .await
}

#[command]
pub async fn pilot_create(state: State<'_, AppState>, input: PilotInput) -> CmdResult<Pilot> {
    state
        .with_workspace(move |ws| pilots::create(ws, input, Utc::now()))
        .await
}

#[command]
pub async fn pilot_update(
    state: State<'_, AppState>,
    id: i64,
    input: PilotInput,
) -> CmdResult<Pilot> {
    state
        .with_workspace(move |ws| pilots::update(ws, id, input, Utc::now()))
        .await
}

#[command]
pub async fn pilot_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with_workspace(move |ws| pilots::delete(ws, id)).await
}

#[command]
pub async fn pilot_start(state: State<'_, AppState>, id: i64) -> CmdResult<Pilot> {
    state
        .with_workspace(move |ws| pilots::start(ws, id, Utc::now()))
        .await
}

/// Ends a pilot; its portal, if open, stops with it.
#[command]
pub async fn pilot_end(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    summary: String,
) -> CmdResult<Pilot> {
    let pilot = state
        .with_workspace(move |ws| pilots::end(ws, id, &summary, Utc::now()))
        .await?;
    super::portal::stop_pilot(&app, id).await;
    Ok(pilot)
}

#[command]
pub async fn pilot_rehearse(
    state: State<'_, AppState>,
    id: i64,
    options: RehearsalOptions,
) -> CmdResult<RehearsalSummary> {
    state
        .with_workspace(move |ws| requests::rehearse(ws, id, options, Utc::now()))
        .await
}

#[command]
pub async fn pilot_rehearsal_remove(state: State<'_, AppState>, id: i64) -> CmdResult<u32> {
    state
        .with_workspace(move |ws| rehearsal::remove(ws, id).map(|n| n as u32))
        .await
}
