//! `queue_views`: the queue's saved views, each a name and its filters as
//! JSON (the domain, `requests::views`, reads and writes the JSON).

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// A stored view: id, name and the filter's JSON.
pub type Row = (i64, String, String);

/// Every view, by name (ignoring case).
pub fn list(conn: &Connection) -> Result<Vec<Row>> {
    let mut statement =
        conn.prepare("SELECT id, name, filter FROM queue_views ORDER BY name COLLATE NOCASE, id")?;
    let rows = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Row>> {
    Ok(conn
        .query_row(
            "SELECT id, name, filter FROM queue_views WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// The id of the view with this name, compared without case.
pub fn named(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM queue_views WHERE name = ?1 COLLATE NOCASE",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn insert(conn: &Connection, name: &str, filter: &str, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO queue_views (name, filter, created_at) VALUES (?1, ?2, ?3)",
        (name, filter, now),
    )?;
    Ok(conn.last_insert_rowid())
}

/// Renames a view; false when there is no such view.
pub fn rename(conn: &Connection, id: i64, name: &str) -> Result<bool> {
    Ok(conn.execute("UPDATE queue_views SET name = ?2 WHERE id = ?1", (id, name))? == 1)
}

/// Deletes a view; false when there is no such view.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM queue_views WHERE id = ?1", [id])? == 1)
}
