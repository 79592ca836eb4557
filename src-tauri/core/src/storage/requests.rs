//! SQL for `requests` (migration 4): for now the baseline, the requests an
//! item's source import recorded before the pilot. Times are local wall
//! times `YYYY-MM-DDTHH:MM:SS`, so they order as text; answers are a JSON
//! object.

use rusqlite::types::Type;
use rusqlite::{params, Connection, Row};

use crate::error::Result;
use crate::requests::{BaselineRequest, BaselineSummary};

/// A baseline request to insert.
pub struct NewBaseline<'a> {
    pub item_id: i64,
    pub import_id: i64,
    pub source_row: u64,
    pub opened_at: &'a str,
    pub closed_at: Option<&'a str>,
    pub requester: Option<&'a str>,
    pub status: Option<&'a str>,
    pub answers_json: &'a str,
    pub created_at: &'a str,
}

pub fn insert_baseline(conn: &Connection, new: &NewBaseline) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO requests (catalog_item_id, origin, source_import_id, source_row, opened_at,
                               closed_at, requester, status, answers, created_at)
         VALUES (?1, 'baseline', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    stmt.execute(params![
        new.item_id,
        new.import_id,
        new.source_row as i64,
        new.opened_at,
        new.closed_at,
        new.requester,
        new.status,
        new.answers_json,
        new.created_at,
    ])?;
    Ok(())
}

/// Deletes an item's baseline requests; returns how many there were.
pub fn delete_baseline(conn: &Connection, item_id: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM requests WHERE catalog_item_id = ?1 AND origin = 'baseline'",
        [item_id],
    )?)
}

/// How many baseline requests an item has and when the first and the last
/// were opened.
pub fn baseline_summary(conn: &Connection, item_id: i64) -> Result<BaselineSummary> {
    Ok(conn.query_row(
        "SELECT count(*), min(opened_at), max(opened_at) FROM requests
         WHERE catalog_item_id = ?1 AND origin = 'baseline'",
        [item_id],
        |r| {
            Ok(BaselineSummary {
                created: r.get::<_, i64>(0)? as u64,
                skipped_no_date: 0,
                first_opened: r.get(1)?,
                last_opened: r.get(2)?,
            })
        },
    )?)
}

/// A page of an item's baseline, oldest first (ties in source row order).
pub fn list_baseline(
    conn: &Connection,
    item_id: i64,
    offset: u64,
    limit: u64,
) -> Result<Vec<BaselineRequest>> {
    let mut stmt = conn.prepare(
        "SELECT id, catalog_item_id, source_import_id, source_row, opened_at, closed_at,
                requester, status, answers
         FROM requests WHERE catalog_item_id = ?1 AND origin = 'baseline'
         ORDER BY opened_at, source_row, id LIMIT ?2 OFFSET ?3",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    let rows = stmt.query_map(params![item_id, limit, offset], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn from_row(row: &Row) -> rusqlite::Result<BaselineRequest> {
    let answers: String = row.get(8)?;
    let answers = serde_json::from_str(&answers).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            8,
            Type::Text,
            format!("unreadable answers ({e})").into(),
        )
    })?;
    Ok(BaselineRequest {
        id: row.get(0)?,
        catalog_item_id: row.get(1)?,
        source_import_id: row.get(2)?,
        source_row: row.get(3)?,
        opened_at: row.get(4)?,
        closed_at: row.get(5)?,
        requester: row.get(6)?,
        status: row.get(7)?,
        answers,
    })
}
