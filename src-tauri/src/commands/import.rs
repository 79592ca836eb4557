//! Commands of the import wizard: choose or drop a CSV file, inspect it with
//! the user's overrides, import it with progress and cancel, list imports.
//!
//! The file path never comes from the webview: it is the one the native
//! dialog returned or the one dropped on the window, kept in `AppState`.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use pilot_core::import::{
    self, ImportOptions, ImportPreview, ImportProgress, ImportRecord, ImportSummary,
};
use pilot_core::samples::{self, Sample, SampleId};
use pilot_studio_macros::command;
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, State};

use crate::dialog::{self, Kind};
use crate::error::CmdResult;
use crate::state::AppState;

// This area's commands. Adding one is a `#[command]` function below and
// its name here (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    import_choose,
    import_preview,
    samples_list,
    import_sample,
    import_run,
    import_cancel,
    imports_list,
}

/// The event that tells the UI a CSV file was dropped on the window.
pub const DROPPED: &str = "import-file-dropped";

/// Previews the pending file (see [`import::preview_remembering`]); with
/// `remembered`, the mapping saved for its source may apply.
async fn preview_pending(
    state: &AppState,
    options: ImportOptions,
    remembered: bool,
    quick: bool,
) -> CmdResult<ImportPreview> {
    let path = state.pending_import()?;
    state
        .run_unlocked(move |shared| {
            let saved = |inspection: &import::Inspection| match remembered {
                true => shared.with_workspace(|ws| import::remembered_columns(ws, inspection)),
                false => Ok(None),
            };
            Ok(import::preview_remembering(&path, options, quick, saved)?)
        })
        .await
}

/// Asks for a CSV file with the native dialog and previews it; `None` when
/// the user cancels.
#[command]
pub async fn import_choose(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<ImportPreview>> {
    let Some(path) = dialog::choose(&app, Kind::OpenCsv).await? else {
        return Ok(None);
    };
    state.set_pending_import(path);
    preview_pending(&state, ImportOptions::default(), true, true)
        .await
        .map(Some)
}

/// Previews the chosen (or dropped) file again with the user's overrides;
/// `apply_remembered` applies the mapping saved for its source when
/// `options` chooses no columns (as for a file just dropped); `quick` reads
/// only a bounded prefix (see [`ImportPreview::complete`]).
#[command]
pub async fn import_preview(
    state: State<'_, AppState>,
    options: ImportOptions,
    apply_remembered: bool,
    quick: bool,
) -> CmdResult<ImportPreview> {
    preview_pending(&state, options, apply_remembered, quick).await
}

/// The sample files the app ships, for a first import without a file.
#[command]
pub fn samples_list() -> Vec<Sample> {
    samples::all()
}

/// Takes a shipped sample as the wizard's file and previews it. The sample
/// is written into the app's data folder; the webview names it only by id.
#[command]
pub async fn import_sample(state: State<'_, AppState>, id: SampleId) -> CmdResult<ImportPreview> {
    let dir = state
        .run(|inner| Ok(inner.data_dir.join("samples")))
        .await?;
    let path = state
        .run_unlocked(move |_| Ok(samples::write(&dir, id)?))
        .await?;
    state.set_pending_import(path);
    preview_pending(&state, ImportOptions::default(), true, true).await
}

/// Imports the chosen file, reporting progress on `on_progress`.
#[command]
pub async fn import_run(
    state: State<'_, AppState>,
    options: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<ImportSummary> {
    let path = state.pending_import()?;
    let cancel = state.import_cancel.clone();
    cancel.store(false, Ordering::SeqCst);
    state
        .with_workspace(move |ws| {
            let mut report = |p: ImportProgress| {
                // A closed channel means the window went away; the import
                // itself carries on to its all-or-nothing end.
                let _ = on_progress.send(p);
            };
            pilot_core::flows::import_file(ws, &path, &options, &mut report, &cancel)
        })
        .await
}

/// Cancels the running import; it then ends leaving the workspace unchanged.
#[command]
pub fn import_cancel(state: State<'_, AppState>) {
    state.import_cancel.store(true, Ordering::SeqCst);
}

#[command]
pub async fn imports_list(state: State<'_, AppState>) -> CmdResult<Vec<ImportRecord>> {
    state.with_workspace(|ws| import::list(ws)).await
}

/// Takes a file dropped on the window as the wizard's file and tells the UI.
pub fn on_drop(app: &AppHandle, state: &AppState, paths: &[PathBuf]) {
    let Some(path) = paths.iter().find(|p| p.is_file()) else {
        return;
    };
    state.set_pending_import(path.clone());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Err(e) = app.emit_to("main", DROPPED, name) {
        eprintln!("pilot-studio: could not announce the dropped file: {e}");
    }
}
