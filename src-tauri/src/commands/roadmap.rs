//! Commands of the roadmap: the quarters timeline, its picture exported
//! through the save dialog, and the programme view of every department.

use pilot_core::backlog::{self, Programme};
use pilot_core::roadmap::{self, Timeline};
use pilot_studio_macros::command;
use serde::Deserialize;
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::dialog::{self, Kind};
use crate::error::CmdResult;
use crate::state::AppState;

// This area's commands (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    roadmap_timeline,
    roadmap_export,
    programme_get,
}

/// The picture formats the roadmap exports to.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PictureFormat {
    Svg,
    Png,
}

#[command]
pub async fn roadmap_timeline(state: State<'_, AppState>) -> CmdResult<Timeline> {
    state.with_workspace(|ws| roadmap::timeline_now(ws)).await
}

/// Saves the roadmap as a picture where the user chooses; returns the
/// file's path, or `None` when they cancel.
#[command]
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
    let (extension, type_name) = match format {
        PictureFormat::Svg => ("svg", "SVG picture"),
        PictureFormat::Png => ("png", "PNG picture"),
    };
    let chosen = dialog::choose(
        &app,
        Kind::SaveExport {
            suggested: format!("{name} roadmap"),
            extension,
            type_name,
        },
    )
    .await?;
    let Some(path) = chosen else { return Ok(None) };
    state
        .run_unlocked(move |_| {
            let bytes = match format {
                PictureFormat::Svg => picture.into_bytes(),
                PictureFormat::Png => roadmap::png(&picture)?,
            };
            std::fs::write(&path, bytes).map_err(|source| pilot_core::Error::Io {
                path: path.clone(),
                source,
            })?;
            Ok(Some(path.display().to_string()))
        })
        .await
}

#[command]
pub async fn programme_get(state: State<'_, AppState>) -> CmdResult<Programme> {
    state.with_workspace(|ws| backlog::programme(ws)).await
}
