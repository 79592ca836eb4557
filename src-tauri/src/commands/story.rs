//! Commands of a pilot's success story: make it, save the analyst's
//! wording and quote, and export it and its marketing kit. An export
//! makes the story again from the workspace, so the file holds exactly
//! the numbers the data gives, and writes it where the native save dialog
//! says.

use std::path::Path;

use pilot_core::story::kit::{self, Piece};
use pilot_core::story::{self, Story, StoryText};
use pilot_core::Paper;
use pilot_studio_macros::command;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::commands::portal::{self, PortalState};
use crate::dialog::{self, Kind};
use crate::error::CmdResult;
use crate::state::AppState;

// This area's commands (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    story_get,
    story_save,
    story_export,
    story_kit_export,
}

/// A piece of the marketing kit, as the app exports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum KitPiece {
    NewsletterHtml,
    NewsletterMarkdown,
    FlyerHtml,
    FlyerPdf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum StoryFormat {
    Html,
    Pdf,
    Markdown,
}

#[command]
pub async fn story_get(state: State<'_, AppState>, pilot_id: i64) -> CmdResult<Story> {
    state
        .with_workspace(move |ws| story::story(ws, pilot_id))
        .await
}

/// Saves the wording and the quote (an empty text goes back to the
/// generated one) and returns the story made again.
#[command]
pub async fn story_save(
    state: State<'_, AppState>,
    pilot_id: i64,
    text: StoryText,
) -> CmdResult<Story> {
    state
        .with_workspace(move |ws| story::save(ws, pilot_id, text, chrono::Utc::now()))
        .await
}

/// Writes the story as HTML, PDF (on `paper`) or Markdown where the user
/// chooses; returns the path written, or none when they cancelled the
/// dialog.
#[command]
pub async fn story_export(
    app: AppHandle,
    state: State<'_, AppState>,
    pilot_id: i64,
    format: StoryFormat,
    paper: Paper,
) -> CmdResult<Option<String>> {
    let (extension, type_name) = match format {
        StoryFormat::Html => ("html", "Web page"),
        StoryFormat::Pdf => ("pdf", "PDF document"),
        StoryFormat::Markdown => ("md", "Markdown text"),
    };
    let file = File {
        what: "success story",
        extension,
        type_name,
    };
    export(&app, &state, pilot_id, file, move |s, path| match format {
        StoryFormat::Html => story::html::write_html(s, path),
        StoryFormat::Pdf => story::pdf::write_pdf(s, paper, path),
        StoryFormat::Markdown => story::markdown::write_markdown(s, path),
    })
    .await
}

/// Writes a piece of the story's marketing kit (the newsletter snippet,
/// the flyer) where the user chooses. When the app has this pilot's
/// portal open to the department, the piece says to request the service
/// at its address. Returns the path written, or none when cancelled.
#[command]
pub async fn story_kit_export(
    app: AppHandle,
    state: State<'_, AppState>,
    open: State<'_, PortalState>,
    pilot_id: i64,
    piece: KitPiece,
    paper: Paper,
) -> CmdResult<Option<String>> {
    let (piece, what, extension, type_name) = match piece {
        KitPiece::NewsletterHtml => (Piece::NewsletterHtml, "newsletter", "html", "Web page"),
        KitPiece::NewsletterMarkdown => (
            Piece::NewsletterMarkdown,
            "newsletter",
            "md",
            "Markdown text",
        ),
        KitPiece::FlyerHtml => (Piece::FlyerHtml, "flyer", "html", "Web page"),
        KitPiece::FlyerPdf => (Piece::FlyerPdf, "flyer", "pdf", "PDF document"),
    };
    let portal = match portal::department_url(&open, pilot_id).await {
        Some(url) => Some(kit::Portal::parse(&url)?),
        None => None,
    };
    let file = File {
        what,
        extension,
        type_name,
    };
    export(&app, &state, pilot_id, file, move |s, path| {
        kit::write(s, piece, portal.as_ref(), paper, path)
    })
    .await
}

/// The file an export suggests: "<pilot> <what>.<extension>".
struct File {
    what: &'static str,
    extension: &'static str,
    type_name: &'static str,
}

/// Asks where to save `file`, then makes the story again and `write`s it
/// there; the path written, or none when the user cancelled.
async fn export(
    app: &AppHandle,
    state: &State<'_, AppState>,
    pilot_id: i64,
    file: File,
    write: impl FnOnce(&Story, &Path) -> pilot_core::Result<()> + Send + 'static,
) -> CmdResult<Option<String>> {
    let name = state
        .with_workspace(move |ws| Ok(story::story(ws, pilot_id)?.pilot_name))
        .await?;
    let Some(path) = dialog::choose(
        app,
        Kind::SaveExport {
            suggested: format!("{} {}", name.replace(['/', '\\', ':'], " "), file.what),
            extension: file.extension,
            type_name: file.type_name,
        },
    )
    .await?
    else {
        return Ok(None);
    };
    state
        .with_workspace(move |ws| {
            write(&story::story(ws, pilot_id)?, &path)?;
            Ok(Some(path.display().to_string()))
        })
        .await
}
