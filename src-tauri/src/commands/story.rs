//! Commands of the Roadmap section: the use-case backlog, the roadmap and
//! its picture, the programme view, and the demo workspace.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use pilot_core::backlog::{self, BacklogImport, Programme, UseCase, UseCaseInput};
use pilot_core::roadmap::{self, Timeline};
use pilot_core::{demo, import, Workspace};
use serde::Deserialize;
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::commands::workspace::{change, AppSnapshot};
use crate::dialog::{self, Kind};
use crate::error::CmdResult;
use crate::state::AppState;

/// The file the demo lives in, in the app's data folder.
const DEMO_FILE: &str = "Demo workspace.pilot";

#[tauri::command]
pub async fn backlog_list(state: State<'_, AppState>) -> CmdResult<Vec<UseCase>> {
    state.with_workspace(|ws| backlog::list(ws)).await
}

#[tauri::command]
pub async fn backlog_create(state: State<'_, AppState>, input: UseCaseInput) -> CmdResult<UseCase> {
    state
        .with_workspace(move |ws| backlog::create(ws, input))
        .await
}

#[tauri::command]
pub async fn backlog_update(
    state: State<'_, AppState>,
    id: i64,
    input: UseCaseInput,
) -> CmdResult<UseCase> {
    state
        .with_workspace(move |ws| backlog::update(ws, id, input))
        .await
}

#[tauri::command]
pub async fn backlog_schedule(
    state: State<'_, AppState>,
    id: i64,
    quarter: Option<String>,
) -> CmdResult<UseCase> {
    state
        .with_workspace(move |ws| backlog::schedule(ws, id, quarter))
        .await
}

#[tauri::command]
pub async fn backlog_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state
        .with_workspace(move |ws| backlog::delete(ws, id))
        .await
}

/// Asks for a workshop spreadsheet, imports it (its rows kept as an
/// import) and adds its use cases; `None` when the user cancels.
#[tauri::command]
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
            let options = import::ImportOptions::default();
            let summary = import::import_file(ws, &path, &options, &mut |_| {}, &never)?;
            backlog::import_use_cases(ws, summary.import_id, "Workshop import").map(Some)
        })
        .await
}

#[tauri::command]
pub async fn roadmap_timeline(state: State<'_, AppState>) -> CmdResult<Timeline> {
    state.with_workspace(|ws| roadmap::timeline_now(ws)).await
}

/// The picture formats the roadmap exports to.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PictureFormat {
    Svg,
    Png,
}

/// Saves the roadmap as a picture where the user chooses; returns the
/// file's path, or `None` when they cancel.
#[tauri::command]
pub async fn roadmap_export(
    app: AppHandle,
    state: State<'_, AppState>,
    format: PictureFormat,
) -> CmdResult<Option<String>> {
    let (name, picture) = state
        .with_workspace(|ws| {
            let timeline = roadmap::timeline_now(ws)?;
            let name = ws.name()?;
            let picture = roadmap::svg(&timeline, &format!("{name} — roadmap"));
            Ok((name, picture))
        })
        .await?;
    let extension = match format {
        PictureFormat::Svg => "svg",
        PictureFormat::Png => "png",
    };
    let chosen = dialog::choose(
        &app,
        Kind::SaveExport {
            suggested: format!("{name} roadmap"),
            extension,
        },
    )
    .await?;
    let Some(path) = chosen else { return Ok(None) };
    state
        .run(move |_| {
            let bytes = match format {
                PictureFormat::Svg => picture.into_bytes(),
                PictureFormat::Png => roadmap::png(&picture)?,
            };
            std::fs::write(&path, bytes).map_err(|e| pilot_core::Error::Io {
                path: path.clone(),
                source: e,
            })?;
            Ok(Some(path.display().to_string()))
        })
        .await
}

#[tauri::command]
pub async fn programme_get(state: State<'_, AppState>) -> CmdResult<Programme> {
    state.with_workspace(|ws| backlog::programme(ws)).await
}

/// Opens a freshly generated demo workspace from the app's data folder. An
/// earlier demo there is replaced (only a file that is a demo is), so the
/// roadmap starts at the current quarter.
#[tauri::command]
pub async fn demo_open(app: AppHandle, state: State<'_, AppState>) -> CmdResult<AppSnapshot> {
    change(&app, &state, |inner| {
        let path = inner.data_dir.join(DEMO_FILE);
        if path.exists() {
            let was_demo = Workspace::open(&path).and_then(|ws| demo::is_demo(&ws));
            if !matches!(was_demo, Ok(true)) {
                // Not ours to replace: open it as it is, which names the
                // trouble if it is not a workspace.
                return crate::commands::workspace::open_path(inner, &path);
            }
            if inner
                .workspace
                .as_ref()
                .is_some_and(|ws| std::fs::canonicalize(&path).is_ok_and(|p| p == ws.path()))
            {
                inner.workspace = None;
            }
            remove_workspace_file(&path)?;
        }
        let ws = demo::create(&path)?;
        let opened = ws.path().to_owned();
        inner.workspace = Some(ws);
        inner.remember(&opened);
        Ok(())
    })
    .await
}

/// Removes a workspace file with its SQLite companions.
fn remove_workspace_file(path: &std::path::Path) -> CmdResult<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let file = PathBuf::from(name);
        if file.exists() {
            std::fs::remove_file(&file).map_err(|e| pilot_core::Error::Io {
                path: file.clone(),
                source: e,
            })?;
        }
    }
    Ok(())
}
