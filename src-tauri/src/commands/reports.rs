//! Commands of the Reports section: the dashboard of a scope and period,
//! before vs after, saved tiles, and exports. An export computes the
//! report again from the query, so the file holds exactly the backend's
//! numbers, and writes it where the native save dialog says.

use pilot_core::metrics::export::{self, Table};
use pilot_core::metrics::pdf;
use pilot_core::metrics::{
    self, Comparison, ComparisonQuery, Report, ReportQuery, Scope, Tile, TileDefinition, TileResult,
};
use pilot_core::{ErrorCode, Paper};
use pilot_studio_macros::command;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::dialog::{self, Kind};
use crate::error::{AppError, CmdResult};
use crate::state::AppState;

// This area's commands (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    report_get,
    report_compare,
    report_tiles,
    report_tile_save,
    report_tile_delete,
    report_export,
}

/// A report with its tables, as the screen shows them and exports write.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportView {
    pub report: Report,
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComparisonView {
    pub comparison: Comparison,
    pub table: Table,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TileView {
    pub tile: Tile,
    pub result: TileResult,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Html,
    Pdf,
}

#[command]
pub async fn report_get(state: State<'_, AppState>, query: ReportQuery) -> CmdResult<ReportView> {
    state
        .with_workspace(move |ws| {
            let report = metrics::report(ws, &query)?;
            Ok(ReportView {
                tables: export::tables(&report),
                report,
            })
        })
        .await
}

#[command]
pub async fn report_compare(
    state: State<'_, AppState>,
    query: ComparisonQuery,
) -> CmdResult<ComparisonView> {
    state
        .with_workspace(move |ws| {
            let comparison = metrics::compare(ws, &query)?;
            Ok(ComparisonView {
                table: export::comparison_table(&comparison),
                comparison,
            })
        })
        .await
}

#[command]
pub async fn report_tiles(state: State<'_, AppState>, scope: Scope) -> CmdResult<Vec<TileView>> {
    state
        .with_workspace(move |ws| {
            metrics::list_tiles(ws, &scope)?
                .into_iter()
                .map(|tile| {
                    let result = metrics::tile_result(ws, &scope, &tile.name, &tile.definition)?;
                    Ok(TileView { tile, result })
                })
                .collect()
        })
        .await
}

#[command]
pub async fn report_tile_save(
    state: State<'_, AppState>,
    scope: Scope,
    name: String,
    definition: TileDefinition,
) -> CmdResult<Tile> {
    state
        .with_workspace(move |ws| metrics::save_tile(ws, &scope, &name, &definition))
        .await
}

#[command]
pub async fn report_tile_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state
        .with_workspace(move |ws| metrics::delete_tile(ws, id))
        .await
}

/// Exports the dashboard of `query`: one table (`table`, by id) as CSV,
/// every table as XLSX, or the whole dashboard (with the comparison, when
/// one is given) as HTML or PDF. Returns the path written, or none when the user
/// cancelled the dialog.
#[command]
pub async fn report_export(
    app: AppHandle,
    state: State<'_, AppState>,
    query: ReportQuery,
    format: ExportFormat,
    table: Option<String>,
    comparison: Option<ComparisonQuery>,
) -> CmdResult<Option<String>> {
    let (extension, type_name) = match format {
        ExportFormat::Csv => ("csv", "CSV table"),
        ExportFormat::Xlsx => ("xlsx", "Excel workbook"),
        ExportFormat::Html => ("html", "Web page"),
        ExportFormat::Pdf => ("pdf", "PDF document"),
    };
    let suggested = match (&format, &table) {
        (ExportFormat::Csv, Some(id)) => format!("Report {id}"),
        _ => "Report".to_owned(),
    };
    let Some(path) = dialog::choose(
        &app,
        Kind::SaveExport {
            suggested,
            extension,
            type_name,
        },
    )
    .await?
    else {
        return Ok(None);
    };
    state
        .run(move |inner| {
            let ws = inner.workspace_mut()?;
            let report = metrics::report(ws, &query)?;
            match format {
                ExportFormat::Csv => {
                    let id = table.unwrap_or_else(|| "summary".to_owned());
                    let tables = export::tables(&report);
                    let chosen = tables.iter().find(|t| t.id == id).ok_or_else(|| {
                        AppError::new(
                            ErrorCode::Invalid,
                            format!("The report has no table \u{201c}{id}\u{201d}."),
                        )
                    })?;
                    export::write_csv(chosen, &path)?;
                }
                ExportFormat::Xlsx => export::write_xlsx(&export::tables(&report), &path)?,
                ExportFormat::Html | ExportFormat::Pdf => {
                    let comparison = match &comparison {
                        Some(q) => Some(metrics::compare(ws, q)?),
                        None => None,
                    };
                    if format == ExportFormat::Html {
                        export::write_html(&report, comparison.as_ref(), &path)?;
                    } else {
                        pdf::write_pdf(&report, comparison.as_ref(), Paper::A4, &path)?;
                    }
                }
            }
            Ok(Some(path.display().to_string()))
        })
        .await
}
