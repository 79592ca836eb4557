//! Pilot Studio's CSV engine: sniffing a file (encoding, delimiter, header
//! row), inferring what it holds (source tool, roles, typed fields) and
//! checking every row, with no SQLite and no workspace. The core's
//! `import` module stores what this engine reads; the CLI and the app reach
//! the engine through it.
//!
//! [`inspect`] reads the file once and writes nothing; [`glance`] looks at
//! a bounded prefix only. Everything streams, so memory stays bounded
//! whatever the file size.
//!
//! The modules marked "for the loader" are the parts the core's import
//! transaction drives row by row; nothing else needs them.

mod dialect;
mod formdef;
mod header;
mod inspection;
mod mapping;
mod profile;
mod sample;
mod values;

/// For the loader: the full read, the first look, and what they infer.
pub mod analysis;
/// For the loader: the one place a row's problems are decided.
pub mod checks;
pub mod encoding;
pub mod error;
/// For the loader: column plans.
pub mod infer;
/// For the loader: progress reports and cancellation.
pub mod progress;
/// For the loader: the streaming reader.
pub mod reader;
/// For the loader: limits and refusals.
pub mod refusal;
pub mod regular;
/// For the loader: data rows with bounded memory.
pub mod rows;
/// For the loader and the baseline: typed values as stored.
pub mod typed;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use encoding::Encoding;
pub use error::{Error, Result};
pub use inspection::{
    DateOrder, Field, FieldType, Inspection, Problem, Roles, Source, MAX_LISTED_PROBLEMS,
};
pub use mapping::{ColumnChoice, ColumnRole, ProblemRows, RowFix, SourceRow};
pub use profile::{state_meaning, StateMeaning};
use reader::Input;
pub use sample::sample;
pub use typed::{local_datetime, text_value};

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
/// file read twice (see the core's `load`) doubles `bytes_total` when the
/// second read starts.
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

/// The name a file is reported by: its file name, or the whole path when
/// it has none.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
