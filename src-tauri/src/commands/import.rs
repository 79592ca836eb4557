//! Commands of the import wizard: choose or drop a CSV file, inspect it with
//! the user's overrides, import it with progress and cancel, list imports.
//!
//! The file path never comes from the webview: it is the one the native
//! dialog returned or the one dropped on the window, kept in `AppState`.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use pilot_core::import::{
    self, ImportOptions, ImportProgress, ImportRecord, ImportSummary, SourceRow,
};
use pilot_core::samples::{self, Sample, SampleId};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;

use crate::dialog::{self, Kind};
use crate::error::CmdResult;
use crate::state::AppState;

/// The event that tells the UI a CSV file was dropped on the window.
pub const DROPPED: &str = "import-file-dropped";

/// What the wizard shows of the chosen file before anything is written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub file_name: String,
    #[ts(type = "number")]
    pub file_size: u64,
    pub inspection: import::Inspection,
    /// The first records as the file has them, cells in column order.
    pub sample: Vec<Vec<String>>,
    /// Rows with problems (and rows the user fixed), for fixing in a grid.
    pub problem_rows: Vec<SourceRow>,
    /// Whether the column mapping is the one remembered from an earlier
    /// import of the same source.
    pub remembered: bool,
    /// Whether the whole file was read. A quick preview reads a bounded
    /// prefix: its rows are an estimate and it lists no problems yet.
    pub complete: bool,
}

const SAMPLE_ROWS: usize = 20;

fn preview(path: &Path, options: &ImportOptions, quick: bool) -> CmdResult<ImportPreview> {
    let (inspection, problem_rows, complete) = if quick {
        let (inspection, complete) = import::glance(path, options)?;
        (inspection, Vec::new(), complete)
    } else {
        let (inspection, rows) = import::inspect_with_rows(path, options)?;
        (inspection, rows, true)
    };
    let sample = import::sample(path, options, SAMPLE_ROWS)?;
    let file_size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(ImportPreview {
        file_name: inspection.file.clone(),
        file_size,
        inspection,
        sample,
        problem_rows,
        remembered: false,
        complete,
    })
}

async fn preview_off_main(
    path: PathBuf,
    options: ImportOptions,
    quick: bool,
) -> CmdResult<ImportPreview> {
    tauri::async_runtime::spawn_blocking(move || preview(&path, &options, quick))
        .await
        .map_err(|e| crate::error::AppError::internal(e.to_string()))?
}

/// Previews the pending file, `quick`ly from a bounded prefix or reading it
/// whole. With `remembered`, and no columns chosen in `options`, the
/// mapping saved for the same source and headers is applied.
async fn preview_pending(
    state: &AppState,
    mut options: ImportOptions,
    remembered: bool,
    quick: bool,
) -> CmdResult<ImportPreview> {
    let path = state.pending_import()?;
    let first = preview_off_main(path.clone(), options.clone(), quick).await?;
    if !remembered || !options.columns.is_empty() {
        return Ok(first);
    }
    let inspection = first.inspection.clone();
    let saved = state
        .with_workspace(move |ws| import::remembered_columns(ws, &inspection))
        .await?;
    let Some(columns) = saved else {
        return Ok(first);
    };
    options.columns = columns;
    let mut again = preview_off_main(path, options, quick).await?;
    again.remembered = true;
    Ok(again)
}

/// Asks for a CSV file with the native dialog and previews it; `None` when
/// the user cancels.
#[tauri::command]
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
#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    options: ImportOptions,
    apply_remembered: bool,
    quick: bool,
) -> CmdResult<ImportPreview> {
    preview_pending(&state, options, apply_remembered, quick).await
}

/// The sample files the app ships, for a first import without a file.
#[tauri::command]
pub fn samples_list() -> Vec<Sample> {
    samples::all()
}

/// Takes a shipped sample as the wizard's file and previews it. The sample
/// is written into the app's data folder; the webview names it only by id.
#[tauri::command]
pub async fn import_sample(state: State<'_, AppState>, id: SampleId) -> CmdResult<ImportPreview> {
    let dir = state
        .run(|inner| Ok(inner.data_dir.join("samples")))
        .await?;
    let path = tauri::async_runtime::spawn_blocking(move || samples::write(&dir, id))
        .await
        .map_err(|e| crate::error::AppError::internal(e.to_string()))??;
    state.set_pending_import(path);
    preview_pending(&state, ImportOptions::default(), true, true).await
}

/// Imports the chosen file, reporting progress on `on_progress`.
#[tauri::command]
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
#[tauri::command]
pub fn import_cancel(state: State<'_, AppState>) {
    state.import_cancel.store(true, Ordering::SeqCst);
}

#[tauri::command]
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
