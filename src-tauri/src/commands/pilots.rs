//! Commands of pilots: the list, the editor, start and end, rehearsals.

use std::sync::atomic::Ordering;

use chrono::Utc;
use pilot_core::flows;
use pilot_core::import::ImportProgress;
use pilot_core::pilots::{self, Pilot, PilotInput, PilotSummary, PilotView};
use pilot_core::requests::{
    self, rehearsal, IntakeSource, IntakeSummary, RehearsalOptions, RehearsalSummary,
};
use pilot_studio_macros::command;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::dialog::{self, Kind};
use crate::error::CmdResult;
use crate::state::AppState;

// This area's commands (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    pilots_list,
    pilot_view,
    pilot_create,
    pilot_from_use_case,
    pilot_update,
    pilot_delete,
    pilot_start,
    pilot_end,
    pilot_rehearse,
    pilot_rehearsal_remove,
    pilot_intake_sources,
    pilot_take_in,
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

/// A planned pilot set up from a backlog use case, linked to it and
/// filled in from it; the editor takes it from there.
#[command]
pub async fn pilot_from_use_case(state: State<'_, AppState>, use_case_id: i64) -> CmdResult<Pilot> {
    state
        .with_workspace(move |ws| flows::pilot_from_use_case(ws, use_case_id, Utc::now()))
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

/// The sources that feed a pilot (imports its items were made from), of
/// which a newer export can be taken in.
#[command]
pub async fn pilot_intake_sources(
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Vec<IntakeSource>> {
    state
        .with_workspace(move |ws| requests::intake_sources(ws, id))
        .await
}

/// Asks for a newer export of the source that feeds the pilot (`source`,
/// when several do) with the native dialog and takes in its new responses,
/// reporting progress on `on_progress`; `None` when the user cancels the
/// dialog. `import_cancel` cancels it like an import, leaving the workspace
/// unchanged.
#[command]
pub async fn pilot_take_in(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    source: Option<i64>,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<Option<IntakeSummary>> {
    let Some(path) = dialog::choose(&app, Kind::OpenCsv).await? else {
        return Ok(None);
    };
    let cancel = state.import_cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    state
        .with_workspace(move |ws| {
            let mut report = |p: ImportProgress| {
                // A closed channel means the window went away; the intake
                // carries on to its all-or-nothing end.
                let _ = on_progress.send(p);
            };
            pilot_core::flows::take_in_responses(ws, id, source, &path, &mut report, &cancel)
        })
        .await
        .map(Some)
}
