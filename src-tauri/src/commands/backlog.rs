//! Commands of the use-case backlog: list, add, change, place on the
//! roadmap, delete, and import a workshop spreadsheet.

use std::sync::atomic::AtomicBool;

use pilot_core::backlog::{self, BacklogImport, UseCase, UseCaseInput};
use pilot_core::import::ImportOptions;
use pilot_studio_macros::command;
use tauri::{AppHandle, State};

use crate::dialog::{self, Kind};
use crate::error::CmdResult;
use crate::state::AppState;

// This area's commands (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    backlog_list,
    backlog_create,
    backlog_update,
    backlog_schedule,
    backlog_delete,
    backlog_import,
}

#[command]
pub async fn backlog_list(state: State<'_, AppState>) -> CmdResult<Vec<UseCase>> {
    state.with_workspace(|ws| backlog::list(ws)).await
}

#[command]
pub async fn backlog_create(state: State<'_, AppState>, input: UseCaseInput) -> CmdResult<UseCase> {
    state
        .with_workspace(move |ws| backlog::create(ws, input))
        .await
}

#[command]
pub async fn backlog_update(
    state: State<'_, AppState>,
    id: i64,
    input: UseCaseInput,
) -> CmdResult<UseCase> {
    state
        .with_workspace(move |ws| backlog::update(ws, id, input))
        .await
}

/// Places a use case on a roadmap quarter (`YYYY-Qn`), or takes it off.
#[command]
pub async fn backlog_schedule(
    state: State<'_, AppState>,
    id: i64,
    quarter: Option<String>,
) -> CmdResult<UseCase> {
    state
        .with_workspace(move |ws| backlog::schedule(ws, id, quarter))
        .await
}

#[command]
pub async fn backlog_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state
        .with_workspace(move |ws| backlog::delete(ws, id))
        .await
}

/// Asks for a workshop spreadsheet, imports it (its rows kept as an
/// import) and adds its use cases; `None` when the user cancels.
#[command]
pub async fn backlog_import(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<BacklogImport>> {
    let Some(path) = dialog::choose(&app, Kind::OpenCsv).await? else {
        return Ok(None);
    };
    state
        .with_workspace(move |ws| {
            let never = AtomicBool::new(false);
            let options = ImportOptions::default();
            pilot_core::flows::import_workshop(
                ws,
                &path,
                &options,
                "Workshop import",
                &mut |_| {},
                &never,
            )
            .map(Some)
        })
        .await
}
