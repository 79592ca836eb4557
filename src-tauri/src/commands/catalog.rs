//! Commands of the catalog: items, their forms, guard rails, publishing, and
//! turning an import into a draft item.

use pilot_core::catalog::{
    self, CatalogFilter, CatalogItem, CatalogSummary, CatalogVersion, Form, Issue, ItemInput,
    Suggestion,
};
use pilot_core::requests::{self, BaselineSummary};
use pilot_studio_macros::command;
use serde::Serialize;
use serde_json::{Map, Value};
use tauri::State;
use ts_rs::TS;

use crate::error::CmdResult;
use crate::state::AppState;

// This area's commands. Adding one is a `#[command]` function below and
// its name here (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    catalog_list,
    catalog_get,
    catalog_create,
    catalog_suggest,
    catalog_create_from_import,
    catalog_update,
    catalog_check,
    catalog_publish,
    catalog_retire,
    catalog_delete,
    catalog_versions,
    catalog_categories,
    catalog_icons,
    catalog_baseline,
    catalog_preview_check,
}

/// What the live preview shows for the answers typed so far: which fields
/// are visible and what is wrong, by the same rules requests are held to.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewCheck {
    pub shown: Vec<bool>,
    pub issues: Vec<Issue>,
}

#[command]
pub async fn catalog_list(
    state: State<'_, AppState>,
    filter: CatalogFilter,
) -> CmdResult<Vec<CatalogSummary>> {
    state
        .with_workspace(move |ws| catalog::list(ws, &filter))
        .await
}

#[command]
pub async fn catalog_get(state: State<'_, AppState>, id: i64) -> CmdResult<CatalogItem> {
    state.with_workspace(move |ws| catalog::get(ws, id)).await
}

#[command]
pub async fn catalog_create(state: State<'_, AppState>, name: String) -> CmdResult<CatalogItem> {
    state
        .with_workspace(move |ws| catalog::create(ws, &name))
        .await
}

#[command]
pub async fn catalog_suggest(state: State<'_, AppState>, import_id: i64) -> CmdResult<Suggestion> {
    state
        .with_workspace(move |ws| catalog::suggest_for_import(ws, import_id))
        .await
}

#[command]
pub async fn catalog_create_from_import(
    state: State<'_, AppState>,
    import_id: i64,
    suggestion: Suggestion,
) -> CmdResult<CatalogItem> {
    state
        .with_workspace(move |ws| pilot_core::flows::create_from_import(ws, import_id, &suggestion))
        .await
}

#[command]
pub async fn catalog_update(
    state: State<'_, AppState>,
    id: i64,
    input: ItemInput,
) -> CmdResult<CatalogItem> {
    state
        .with_workspace(move |ws| catalog::update(ws, id, input))
        .await
}

/// The guard rails for the builder's unsaved state.
#[command]
pub async fn catalog_check(state: State<'_, AppState>, input: ItemInput) -> CmdResult<Vec<Issue>> {
    state
        .with_workspace(move |ws| catalog::check_input(ws, input))
        .await
}

#[command]
pub async fn catalog_publish(state: State<'_, AppState>, id: i64) -> CmdResult<CatalogItem> {
    state
        .with_workspace(move |ws| catalog::publish(ws, id))
        .await
}

#[command]
pub async fn catalog_retire(state: State<'_, AppState>, id: i64) -> CmdResult<CatalogItem> {
    state
        .with_workspace(move |ws| catalog::retire(ws, id))
        .await
}

#[command]
pub async fn catalog_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state
        .with_workspace(move |ws| catalog::delete(ws, id))
        .await
}

#[command]
pub async fn catalog_versions(
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Vec<CatalogVersion>> {
    state
        .with_workspace(move |ws| catalog::versions(ws, id))
        .await
}

#[command]
pub async fn catalog_categories(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    state.with_workspace(|ws| catalog::categories(ws)).await
}

#[command]
pub fn catalog_icons() -> Vec<&'static str> {
    catalog::ICONS.to_vec()
}

/// How many baseline requests the item has, and over which period.
#[command]
pub async fn catalog_baseline(state: State<'_, AppState>, id: i64) -> CmdResult<BaselineSummary> {
    state
        .with_workspace(move |ws| requests::baseline_summary(ws, id))
        .await
}

/// Checks a form's answers as the request portal will. Async so that it
/// runs off the main thread: patterns are compiled on every check.
#[command]
pub async fn catalog_preview_check(form: Form, answers: Map<String, Value>) -> PreviewCheck {
    PreviewCheck {
        shown: catalog::shown(&form, &answers),
        issues: catalog::validate_answers(&form, &answers),
    }
}
