//! Commands of knowledge articles: the analyst writes, publishes and
//! deletes them; the portal shows the published ones (see `pilot-portal`).

use chrono::Utc;
use pilot_core::knowledge::{self, Article, ArticleFilter, ArticleInput, Status};
use pilot_studio_macros::command;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

// This area's commands (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    articles_list,
    article_create,
    article_update,
    article_set_status,
    article_delete,
}

#[command]
pub async fn articles_list(
    state: State<'_, AppState>,
    filter: ArticleFilter,
) -> CmdResult<Vec<Article>> {
    state
        .with_workspace(move |ws| knowledge::list(ws, &filter))
        .await
}

#[command]
pub async fn article_create(state: State<'_, AppState>, input: ArticleInput) -> CmdResult<Article> {
    state
        .with_workspace(move |ws| knowledge::create(ws, &input, Utc::now()))
        .await
}

#[command]
pub async fn article_update(
    state: State<'_, AppState>,
    id: i64,
    input: ArticleInput,
) -> CmdResult<Article> {
    state
        .with_workspace(move |ws| knowledge::update(ws, id, &input, Utc::now()))
        .await
}

#[command]
pub async fn article_set_status(
    state: State<'_, AppState>,
    id: i64,
    status: Status,
) -> CmdResult<Article> {
    state
        .with_workspace(move |ws| knowledge::set_status(ws, id, status, Utc::now()))
        .await
}

#[command]
pub async fn article_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state
        .with_workspace(move |ws| knowledge::delete(ws, id))
        .await
}
