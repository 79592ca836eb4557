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

mod analysis;
mod checks;
mod dialect;
mod encoding;
mod formdef;
mod header;
mod infer;
mod inspection;
mod load;
mod mapping;
mod profile;
mod progress;
mod reader;
mod refusal;
mod rows;
mod sample;
mod stored;
mod typed;
mod values;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use encoding::Encoding;
pub use inspection::{
    DateOrder, Field, FieldType, Inspection, Problem, Roles, Source, MAX_LISTED_PROBLEMS,
};
pub use mapping::{ColumnChoice, ColumnRole, ProblemRows, RowFix, SourceRow};
pub(crate) use stored::rows_in;
pub(crate) use typed::local_datetime;
pub use typed::text_value;

use crate::error::Result;
use crate::storage::imports;
pub use crate::storage::imports::ImportRecord;
use crate::workspace::Workspace;
use reader::Input;
pub use sample::sample;
pub use stored::StoredRow;

/// Choices the user can impose instead of what the sniffer finds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct ImportOptions {
    pub encoding: Option<Encoding>,
    pub delimiter: Option<char>,
    /// The 1-based physical line of the header row.
    #[ts(type = "number | null")]
    pub header_line: Option<u64>,
    /// Importing a file whose bytes were imported before replaces that
    /// earlier import (an update); without it the import is refused with
    /// `already_imported`, so a duplicate never lands silently.
    pub replace_existing: bool,
    /// The user's choices per column (by header text), over what inference
    /// found; columns not named keep what was found.
    pub columns: Vec<ColumnChoice>,
    /// What happens to rows that still have problems after `fixes`.
    pub problem_rows: ProblemRows,
    /// Corrected cells for rows with problems.
    pub fixes: Vec<RowFix>,
}

/// How far an import has got: bytes of the file read and rows stored. A
/// file read twice (see `load`) doubles `bytes_total` when the second read
/// starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub bytes_read: u64,
    #[ts(type = "number")]
    pub bytes_total: u64,
    #[ts(type = "number")]
    pub rows: u64,
}

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
    /// Rows left out because they had problems (see [`ProblemRows::Skip`]).
    #[ts(type = "number")]
    pub skipped: u64,
    /// Rows imported with the user's corrected cells.
    #[ts(type = "number")]
    pub fixed: u64,
    pub inspection: Inspection,
}

/// Sniffs and infers a file without writing anything.
pub fn inspect(path: &Path, options: &ImportOptions) -> Result<Inspection> {
    let mut quiet = progress::Progress::silent();
    let input = Input::File(path);
    let (analysis, _) = analysis::analyze(input, &file_name(path), options, &mut quiet, false)?;
    Ok(analysis.inspection)
}

/// [`inspect`], also returning the rows with problems (up to 200, with the
/// user's fixes applied) for the wizard to show for fixing. Reads the file
/// twice.
pub fn inspect_with_rows(
    path: &Path,
    options: &ImportOptions,
) -> Result<(Inspection, Vec<SourceRow>)> {
    let mut quiet = progress::Progress::silent();
    let input = Input::File(path);
    let (analysis, rows) = analysis::analyze(input, &file_name(path), options, &mut quiet, true)?;
    Ok((analysis.inspection, rows))
}

/// A first look at a file from a bounded prefix, quick whatever its size
/// (see `QUALITY.md`: a preview reads a bounded prefix). The columns are
/// what the prefix shows, no problems are listed, and `rows` is an
/// estimate, unless the second value is true: then the prefix was the whole
/// file and the inspection is complete.
pub fn glance(path: &Path, options: &ImportOptions) -> Result<(Inspection, bool)> {
    analysis::glance(Input::File(path), &file_name(path), options)
}

/// Sniffs and infers bytes already in memory (pasted data, a preview).
pub fn inspect_bytes(name: &str, bytes: &[u8], options: &ImportOptions) -> Result<Inspection> {
    let mut quiet = progress::Progress::silent();
    let (analysis, _) = analysis::analyze(Input::Bytes(bytes), name, options, &mut quiet, false)?;
    Ok(analysis.inspection)
}

/// Imports a file into the workspace in one transaction: the import record,
/// every original row, typed values and every row-level problem, or nothing
/// at all when it is refused, fails or is cancelled.
pub fn import_file(
    ws: &mut Workspace,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<ImportSummary> {
    load::import(
        ws,
        Input::File(path),
        &file_name(path),
        options,
        progress,
        cancel,
    )
}

/// The earlier import of the same bytes as the file at `path`, if any: lets
/// the app offer an update before importing again.
pub fn previous_import(ws: &Workspace, path: &Path) -> Result<Option<ImportRecord>> {
    let sha256 = Input::File(path).sha256()?;
    let Some((id, _)) = imports::find_by_sha256(ws.conn(), &sha256)? else {
        return Ok(None);
    };
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

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
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
