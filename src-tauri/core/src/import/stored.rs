//! Reading imported rows back: stored chunks split into their rows, each
//! with its line, its text as in the file, its cells and typed values.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use rusqlite::Connection;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::storage::imports::{self, StoredChunk};
use crate::workspace::Workspace;
use pilot_csv::reader::{Input, Meter, Records};
use pilot_csv::refusal::Limits;
use pilot_csv::rows::{self, DataRows};
use pilot_csv::Encoding;

/// One imported row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoredRow {
    /// 1-based, in file order.
    #[ts(type = "number")]
    pub row_no: u64,
    /// The physical line the row starts on.
    #[ts(type = "number")]
    pub line: u64,
    /// The row's text exactly as in the file (decoded), without line end.
    pub text: String,
    /// The row's cells, as the file has them.
    pub cells: Vec<String>,
    /// The typed values of the columns whose type is not text-like, in
    /// column order (see `typed`).
    #[ts(type = "unknown[]")]
    pub vals: Vec<serde_json::Value>,
}

/// Rows `offset + 1 ..= offset + limit` of an import.
pub(crate) fn rows(
    ws: &Workspace,
    import_id: i64,
    offset: u64,
    limit: u64,
) -> Result<Vec<StoredRow>> {
    rows_in(ws.conn(), ws.path(), import_id, offset, limit)
}

/// [`rows`] through any connection (a transaction, too); `path` names the
/// workspace in a damage report.
pub(crate) fn rows_in(
    conn: &Connection,
    path: &Path,
    import_id: i64,
    offset: u64,
    limit: u64,
) -> Result<Vec<StoredRow>> {
    let (delimiter, encoding) = dialect(conn, import_id)?.ok_or(Error::NotFound {
        what: "Import",
        id: import_id,
    })?;
    let first = offset + 1;
    let mut out = Vec::new();
    for chunk in imports::chunks(conn, import_id, first, limit)? {
        for row in split(&chunk, delimiter, encoding).map_err(|e| corrupt(path, import_id, e))? {
            if row.row_no >= first && row.row_no < first + limit {
                out.push(row);
            }
        }
    }
    Ok(out)
}

/// An import's delimiter and the encoding of its file (UTF-8 for a label
/// this version does not know).
fn dialect(conn: &Connection, import_id: i64) -> Result<Option<(u8, Encoding)>> {
    Ok(imports::dialect_labels(conn, import_id)?
        .map(|(d, label)| (d, Encoding::from_label(&label).unwrap_or(Encoding::Utf8))))
}

fn split(
    chunk: &StoredChunk,
    delimiter: u8,
    encoding: Encoding,
) -> std::result::Result<Vec<StoredRow>, String> {
    let vals: Vec<Vec<serde_json::Value>> =
        serde_json::from_str(&chunk.vals).map_err(|e| e.to_string())?;
    let text =
        lz4_flex::block::decompress_size_prepended(&chunk.text_lz4).map_err(|e| e.to_string())?;
    let meter = Rc::new(RefCell::new(Meter::default()));
    let records = Records::open(
        Input::Bytes(&text),
        "",
        encoding.stored(),
        delimiter,
        Limits::default(),
        meter,
    )
    .map_err(|e| e.to_string())?;
    let mut data = DataRows::new(records, 0, 0);
    let mut out = Vec::new();
    let mut vals = vals.into_iter();
    while let Some(line) = data.next().map_err(|e| e.to_string())? {
        let start = data.start();
        out.push(StoredRow {
            row_no: chunk.first_row as u64 + data.count - 1,
            line: chunk.first_line as u64 + line - 1,
            text: rows::text(data.text_since(start)).into_owned(),
            cells: data.record().iter().map(str::to_owned).collect(),
            vals: vals.next().ok_or("fewer typed values than rows")?,
        });
    }
    Ok(out)
}

fn corrupt(path: &Path, import_id: i64, reason: String) -> Error {
    Error::Corrupt {
        path: path.to_owned(),
        reason: format!("the rows of import {import_id} cannot be read ({reason})"),
    }
}
