//! Imports: the record of each imported file, its original rows with their
//! typed values, and its row-level problems.
//!
//! Rows are stored in chunks of consecutive rows (see migration 2): the
//! chunk's text exactly as in the file (compressed), and per row a JSON array of the typed
//! values of the columns whose type is not text-like, in column order.
//! `columns` (JSON, one field per column) says which those are;
//! `inspection` is what the importer found (JSON).

use rusqlite::{params, Connection, OptionalExtension, Statement};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

/// A new import record, before its rows; the rest is known once they are
/// read (see [`Finished`]).
pub struct NewImport<'a> {
    pub file_name: &'a str,
    pub file_size: u64,
    pub encoding: &'a str,
    pub delimiter: &'a str,
    pub header_line: u64,
    pub imported_at: &'a str,
}

/// What an import record gets once all rows are stored. The dialect is
/// written again: the rest of a file whose prefix looked like UTF-8 can
/// show it to be in another encoding, read with its own delimiter and
/// header line.
pub struct Finished<'a> {
    pub sha256: &'a str,
    pub encoding: &'a str,
    pub delimiter: &'a str,
    pub header_line: u64,
    pub source: String,
    pub columns_json: &'a str,
    pub inspection_json: &'a str,
    pub rows: u64,
    pub problems: u64,
}

/// An import as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    #[ts(type = "number")]
    pub file_size: i64,
    pub sha256: String,
    pub source: String,
    #[ts(type = "number")]
    pub row_count: i64,
    #[ts(type = "number")]
    pub problem_count: i64,
    pub imported_at: String,
}

/// A stored chunk of consecutive rows.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredChunk {
    pub first_row: i64,
    pub row_count: i64,
    pub first_line: i64,
    /// The rows' text exactly as in the file, without the last line end,
    /// LZ4-compressed with its size prepended.
    pub text_lz4: Vec<u8>,
    /// One JSON array of typed values per row, in a JSON array.
    pub vals: String,
}

/// The earlier import of the same bytes: its id and when it was made.
pub fn find_by_sha256(conn: &Connection, sha256: &str) -> Result<Option<Earlier>> {
    Ok(conn
        .query_row(
            "SELECT id, imported_at, file_name FROM imports WHERE sha256 = ?1 AND sha256 <> ''",
            [sha256],
            |r| {
                Ok(Earlier {
                    id: r.get(0)?,
                    imported_at: r.get(1)?,
                    file_name: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// An earlier import of the same bytes.
pub struct Earlier {
    pub id: i64,
    /// RFC 3339, UTC.
    pub imported_at: String,
    pub file_name: String,
}

/// Inserts the import record. Its fingerprint is filled in by [`finish`]:
/// the file is hashed while its rows are stored.
pub fn insert(conn: &Connection, new: &NewImport) -> Result<i64> {
    conn.execute(
        "INSERT INTO imports (file_name, file_size, sha256, encoding, delimiter, header_line,
                              source, columns, inspection, imported_at)
         VALUES (?1, ?2, '', ?3, ?4, ?5, '', '[]', '{}', ?6)",
        params![
            new.file_name,
            new.file_size as i64,
            new.encoding,
            new.delimiter,
            new.header_line as i64,
            new.imported_at,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Marks where an import's rows start, so that they can be written again.
pub fn begin_rows(conn: &Connection) -> Result<()> {
    conn.execute_batch("SAVEPOINT import_chunks")?;
    Ok(())
}

/// Drops the rows and problems written since [`begin_rows`] and starts over.
pub fn redo_rows(conn: &Connection) -> Result<()> {
    conn.execute_batch("ROLLBACK TO import_chunks")?;
    Ok(())
}

/// Keeps the rows written since [`begin_rows`].
pub fn keep_rows(conn: &Connection) -> Result<()> {
    conn.execute_batch("RELEASE import_chunks")?;
    Ok(())
}

/// Removes an import with its rows and problems.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    // Deleting the children first in bulk is far faster than letting the
    // foreign keys cascade row by row.
    conn.execute("DELETE FROM import_chunks WHERE import_id = ?1", [id])?;
    conn.execute("DELETE FROM import_problems WHERE import_id = ?1", [id])?;
    conn.execute(
        "DELETE FROM import_left_out_rows WHERE import_id = ?1",
        [id],
    )?;
    conn.execute("DELETE FROM imports WHERE id = ?1", [id])?;
    Ok(())
}

/// The rows an import left out, in file order: their lines and bytes.
pub fn left_out_rows(conn: &Connection, import_id: i64) -> Result<Vec<(i64, Vec<u8>)>> {
    let mut stmt = conn.prepare(
        "SELECT line, text FROM import_left_out_rows WHERE import_id = ?1 ORDER BY line",
    )?;
    let rows = stmt
        .query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Completes the import record once every row is in.
pub fn finish(conn: &Connection, id: i64, done: &Finished) -> Result<()> {
    conn.execute(
        "UPDATE imports SET sha256 = ?2, source = ?3, columns = ?4, inspection = ?5,
                            row_count = ?6, problem_count = ?7, encoding = ?8,
                            delimiter = ?9, header_line = ?10
         WHERE id = ?1",
        params![
            id,
            done.sha256,
            done.source,
            done.columns_json,
            done.inspection_json,
            done.rows as i64,
            done.problems as i64,
            done.encoding,
            done.delimiter,
            done.header_line as i64,
        ],
    )?;
    Ok(())
}

/// Writes the chunks and problems of one import with prepared statements,
/// the fast path for millions of rows.
pub struct RowWriter<'c> {
    import_id: i64,
    chunks: i64,
    problems: i64,
    chunk: Statement<'c>,
    problem: Statement<'c>,
    left_out: Statement<'c>,
}

impl<'c> RowWriter<'c> {
    pub fn new(conn: &'c Connection, import_id: i64) -> Result<RowWriter<'c>> {
        Ok(RowWriter {
            import_id,
            chunks: 0,
            problems: 0,
            chunk: conn.prepare(
                "INSERT INTO import_chunks (import_id, chunk_no, first_row, row_count, first_line, text_lz4, vals)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            problem: conn.prepare(
                "INSERT INTO import_problems (import_id, seq, line, column_title, message) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            left_out: conn.prepare(
                "INSERT INTO import_left_out_rows (import_id, line, text) VALUES (?1, ?2, ?3)",
            )?,
        })
    }

    pub fn chunk(
        &mut self,
        first_row: u64,
        rows: u64,
        first_line: u64,
        text_lz4: &[u8],
        vals: &str,
    ) -> Result<()> {
        self.chunks += 1;
        self.chunk.execute(params![
            self.import_id,
            self.chunks,
            first_row as i64,
            rows as i64,
            first_line as i64,
            text_lz4,
            vals
        ])?;
        Ok(())
    }

    /// Keeps a row that was left out of the import, as the file has it.
    pub fn left_out(&mut self, line: u64, text: &[u8]) -> Result<()> {
        self.left_out
            .execute(params![self.import_id, line as i64, text])?;
        Ok(())
    }

    pub fn problem(&mut self, line: u64, column: Option<&str>, message: &str) -> Result<()> {
        self.problems += 1;
        self.problem.execute(params![
            self.import_id,
            self.problems,
            line as i64,
            column,
            message
        ])?;
        Ok(())
    }
}

pub fn list(conn: &Connection) -> Result<Vec<ImportRecord>> {
    let mut stmt = conn.prepare(
        "SELECT id, file_name, file_size, sha256, source, row_count, problem_count, imported_at
         FROM imports ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ImportRecord {
            id: r.get(0)?,
            file_name: r.get(1)?,
            file_size: r.get(2)?,
            sha256: r.get(3)?,
            source: r.get(4)?,
            row_count: r.get(5)?,
            problem_count: r.get(6)?,
            imported_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The chunks holding rows `first..first + count` (1-based) of an import.
pub fn chunks(
    conn: &Connection,
    import_id: i64,
    first: u64,
    count: u64,
) -> Result<Vec<StoredChunk>> {
    let mut stmt = conn.prepare(
        "SELECT first_row, row_count, first_line, text_lz4, vals FROM import_chunks
         WHERE import_id = ?1 AND first_row + row_count > ?2 AND first_row < ?2 + ?3
         ORDER BY first_row",
    )?;
    let rows = stmt.query_map(params![import_id, first as i64, count as i64], |r| {
        Ok(StoredChunk {
            first_row: r.get(0)?,
            row_count: r.get(1)?,
            first_line: r.get(2)?,
            text_lz4: r.get(3)?,
            vals: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An import's problems as (line, column title, message), in file order.
pub fn problems(conn: &Connection, import_id: i64) -> Result<Vec<(i64, Option<String>, String)>> {
    let mut stmt = conn.prepare(
        "SELECT line, column_title, message FROM import_problems WHERE import_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An import's delimiter and the encoding of the file it read, as its
/// label (see `pilot_csv::encoding::Encoding::label`).
pub fn dialect_labels(conn: &Connection, import_id: i64) -> Result<Option<(u8, String)>> {
    let d: Option<(String, String)> = conn
        .query_row(
            "SELECT delimiter, encoding FROM imports WHERE id = ?1",
            [import_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(d.map(|(d, e)| (d.bytes().next().unwrap_or(b','), e)))
}

/// The columns JSON of an import.
pub fn columns(conn: &Connection, import_id: i64) -> Result<String> {
    Ok(conn.query_row(
        "SELECT columns FROM imports WHERE id = ?1",
        [import_id],
        |r| r.get(0),
    )?)
}

/// Tunes the connection for one big import transaction: a page cache of
/// 4 MB and temporary structures in memory. Rows go in in order, so a
/// larger cache buys no speed (16 MB measured the same time on a million
/// rows) and only raises the peak memory (38 MB against 23 MB).
pub fn tune_for_bulk(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -4_096)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// The stored file name and inspection JSON of an import, for making a
/// catalog item from it.
pub fn inspection(conn: &Connection, import_id: i64) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT file_name, inspection FROM imports WHERE id = ?1",
            [import_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}
