//! What the import wizard shows of a file before anything is written: the
//! inspection, the first rows and the rows with problems. It reads the file
//! only, so the CLI (or any other front end) can preview exactly as the app
//! does; the mapping remembered in a workspace reaches it through a lookup
//! the caller passes, so the caller decides when the workspace is touched.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::{ColumnChoice, ImportOptions, Inspection, SourceRow};
use crate::error::Result;

/// How many of the file's first records a preview shows.
pub const SAMPLE_ROWS: usize = 20;

/// What the wizard shows of the chosen file before anything is written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub file_name: String,
    #[ts(type = "number")]
    pub file_size: u64,
    pub inspection: Inspection,
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

/// Previews `path` with `options`, `quick`ly from a bounded prefix or
/// reading it whole.
pub fn preview(path: &Path, options: &ImportOptions, quick: bool) -> Result<ImportPreview> {
    let (inspection, problem_rows, complete) = if quick {
        let (inspection, complete) = super::glance(path, options)?;
        (inspection, Vec::new(), complete)
    } else {
        let (inspection, rows) = super::inspect_with_rows(path, options)?;
        (inspection, rows, true)
    };
    let sample = super::sample(path, options, SAMPLE_ROWS)?;
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

/// Like [`preview`], but when `options` chooses no columns it asks
/// `remembered` for the mapping saved for the file's source and headers
/// (see [`super::remembered_columns`]) and, if there is one, previews again
/// with it.
pub fn preview_remembering(
    path: &Path,
    mut options: ImportOptions,
    quick: bool,
    remembered: impl FnOnce(&Inspection) -> Result<Option<Vec<ColumnChoice>>>,
) -> Result<ImportPreview> {
    let first = preview(path, &options, quick)?;
    if !options.columns.is_empty() {
        return Ok(first);
    }
    let Some(columns) = remembered(&first.inspection)? else {
        return Ok(first);
    };
    options.columns = columns;
    let mut again = preview(path, &options, quick)?;
    again.remembered = true;
    Ok(again)
}
