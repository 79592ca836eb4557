//! CSV import: sniffing a file (encoding, delimiter, header row), inferring
//! what it holds (source tool, roles, typed fields), and importing it into a
//! workspace all-or-nothing.
//!
//! [`inspect`] reads the file once and writes nothing. [`import_file`] types
//! rows while it reads them, with the column plans the sniffed prefix
//! suggests, and checks at the end that the whole file confirms them;
//! otherwise it rolls its rows back and writes them again (see `load`).
//! Everything streams, so memory stays bounded whatever the file size.
//!
//! Re-importing bytes imported before fails with `already_imported` unless
//! [`ImportOptions::replace_existing`] asks for an update, which replaces
//! the earlier import in the same transaction.

mod load;
mod preview;
mod stored;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use pilot_csv::{file_name, reader::Input};
pub use pilot_csv::{
    local_datetime, state_meaning, text_value, ColumnChoice, ColumnRole, DateOrder, Encoding,
    Field, FieldType, ImportOptions, ImportProgress, Inspection, Problem, ProblemRows, Roles,
    RowFix, Source, SourceRow, StateMeaning, MAX_LISTED_PROBLEMS,
};
pub use preview::{preview, preview_remembering, ImportPreview, SAMPLE_ROWS};

use crate::error::Result;
use crate::storage::imports;
pub use crate::storage::imports::ImportRecord;
use crate::workspace::Workspace;
pub(crate) use stored::rows_in;
pub use stored::StoredRow;

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    #[ts(type = "number")]
    pub import_id: i64,
    /// The earlier import of the same bytes this one replaced.
    #[ts(type = "number | null")]
    pub replaced: Option<i64>,
    /// Every problem stored, where `inspection.problems` lists at most
    /// [`MAX_LISTED_PROBLEMS`].
    #[ts(type = "number")]
    pub problems: u64,
    /// Data rows stored.
    #[ts(type = "number")]
    pub stored: u64,
    /// Rows left out because they had problems (see [`ProblemRows::Skip`]).
    #[ts(type = "number")]
    pub skipped: u64,
    /// Rows imported with the user's corrected cells.
    #[ts(type = "number")]
    pub fixed: u64,
    pub inspection: Inspection,
}

/// Sniffs and infers a file without writing anything (see
/// [`pilot_csv::inspect`]).
pub fn inspect(path: &Path, options: &ImportOptions) -> Result<Inspection> {
    Ok(pilot_csv::inspect(path, options)?)
}

/// [`inspect`], also returning the rows with problems (see
/// [`pilot_csv::inspect_with_rows`]).
pub fn inspect_with_rows(
    path: &Path,
    options: &ImportOptions,
) -> Result<(Inspection, Vec<SourceRow>)> {
    Ok(pilot_csv::inspect_with_rows(path, options)?)
}

/// A first look at a file from a bounded prefix (see [`pilot_csv::glance`]).
pub fn glance(path: &Path, options: &ImportOptions) -> Result<(Inspection, bool)> {
    Ok(pilot_csv::glance(path, options)?)
}

/// Sniffs and infers bytes already in memory (pasted data, a preview).
pub fn inspect_bytes(name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Inspection> {
    Ok(pilot_csv::inspect_bytes(name, bytes, options)?)
}

/// The first rows of a file for the wizard (see [`pilot_csv::sample`]).
pub fn sample(path: &Path, options: &ImportOptions, rows: usize) -> Result<Vec<Vec<String>>> {
    Ok(pilot_csv::sample(path, options, rows)?)
}

/// Imports a file into the workspace in one transaction: the import record,
/// every original row, typed values and every row-level problem, or nothing
/// at all when it is refused, fails or is cancelled. `hooks` is told
/// when the import updates an earlier one, inside the same transaction;
/// `flows::import_file` is the import the app runs.
pub fn store_file(
    ws: &mut Workspace,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
    hooks: &mut dyn ImportHooks,
) -> Result<ImportSummary> {
    load::import(
        ws,
        Input::File(path),
        &file_name(path),
        options,
        progress,
        cancel,
        hooks,
    )
}

/// What other areas do inside an import's transaction: when the import is
/// an update that replaces an earlier one (`updates`, `before`, `after`),
/// and once any import is stored (`stored`). The import knows nothing of
/// what was made from its rows; the flow that runs it does (see
/// `flows::import_file`, `flows::take_in_responses`,
/// `flows::import_workshop`).
pub trait ImportHooks {
    /// The earlier import this one updates whatever the file's bytes (a
    /// newer export of the same source has other bytes). None, the usual:
    /// only an earlier import of the same bytes is replaced, and only when
    /// [`ImportOptions::replace_existing`] asks. The same bytes as another
    /// import are refused with `already_imported` either way.
    fn updates(&self) -> Option<i64> {
        None
    }
    /// Before the earlier import is deleted: what refers to it can still be
    /// found.
    fn before(&mut self, tx: &Connection, earlier: i64) -> Result<()>;
    /// Once the new import is stored in full, before the transaction
    /// commits.
    fn after(&mut self, tx: &Connection, earlier: i64, import_id: i64) -> Result<()>;
    /// Once any import is stored in full, an update or not, after
    /// [`ImportHooks::after`] and before the transaction commits: what a
    /// flow makes from the new rows is then all-or-nothing with them.
    fn stored(&mut self, _tx: &Connection, _import_id: i64) -> Result<()> {
        Ok(())
    }
}

/// The earlier import of the same bytes as the file at `path`, if any: lets
/// the app offer an update before importing again.
pub fn previous_import(ws: &Workspace, path: &Path) -> Result<Option<ImportRecord>> {
    let sha256 = Input::File(path).sha256()?;
    let Some(earlier) = imports::find_by_sha256(ws.conn(), &sha256)? else {
        return Ok(None);
    };
    let id = earlier.id;
    Ok(imports::list(ws.conn())?.into_iter().find(|i| i.id == id))
}

/// The imports in a workspace, oldest first.
pub fn list(ws: &Workspace) -> Result<Vec<ImportRecord>> {
    imports::list(ws.conn())
}

/// A page of an import's stored rows, in file order.
pub fn rows(ws: &Workspace, import_id: i64, offset: u64, limit: u64) -> Result<Vec<StoredRow>> {
    stored::rows(ws, import_id, offset, limit)
}

/// A row an import left out: skipped for its problems, or removed by the
/// user. Its text is the file's bytes (shown with U+FFFD where they are
/// not UTF-8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeftOutRow {
    #[ts(type = "number")]
    pub line: u64,
    pub text: String,
}

/// The rows an import left out, in file order.
pub fn left_out_rows(ws: &Workspace, import_id: i64) -> Result<Vec<LeftOutRow>> {
    let encoding = imports::dialect_labels(ws.conn(), import_id)?
        .and_then(|(_, label)| pilot_csv::encoding::Encoding::from_label(&label))
        .unwrap_or(pilot_csv::encoding::Encoding::Utf8);
    Ok(imports::left_out_rows(ws.conn(), import_id)?
        .into_iter()
        .map(|(line, text)| LeftOutRow {
            line: line as u64,
            text: encoding.show_stored(&text),
        })
        .collect())
}

/// Every problem stored for an import, in file order.
pub fn problems(ws: &Workspace, import_id: i64) -> Result<Vec<Problem>> {
    Ok(imports::problems(ws.conn(), import_id)?
        .into_iter()
        .map(|(line, column, message)| Problem {
            line: line as u64,
            column,
            message,
        })
        .collect())
}

/// The typed layout of an import's stored values: one field per column.
pub fn columns(ws: &Workspace, import_id: i64) -> Result<Vec<Field>> {
    let json = imports::columns(ws.conn(), import_id)?;
    serde_json::from_str(&json).map_err(|e| crate::error::Error::Corrupt {
        path: ws.path().to_owned(),
        reason: format!("import {import_id} has unreadable columns ({e})"),
    })
}

/// The column mapping the user chose the last time a file of the same
/// source with the same header row was imported, if any.
pub fn remembered_columns(
    ws: &Workspace,
    inspection: &Inspection,
) -> Result<Option<Vec<ColumnChoice>>> {
    if inspection.columns.is_empty() {
        return Ok(None);
    }
    let titles: Vec<String> = inspection
        .columns
        .iter()
        .map(|c| c.column.clone())
        .collect();
    let source = inspection.source.label();
    let Some(json) = crate::storage::mappings::find(ws.conn(), &source, &titles)? else {
        return Ok(None);
    };
    // A mapping that no longer reads (written by a later version) is as good
    // as none: the detected one is used.
    Ok(serde_json::from_str(&json).ok())
}
