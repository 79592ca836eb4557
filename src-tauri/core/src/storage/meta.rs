//! `workspace_meta`: a few key/value facts about the workspace itself.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

pub fn init(conn: &Connection, name: &str) -> Result<()> {
    let now = chrono::Utc::now().to_rfc3339();
    conn.execute(
        "INSERT OR REPLACE INTO workspace_meta (key, value) VALUES ('name', ?1), ('created_at', ?2)",
        (name, now),
    )?;
    Ok(())
}

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM workspace_meta WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO workspace_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )?;
    Ok(())
}

/// How many departments, people, catalog items and imports the workspace holds.
pub fn counts(conn: &Connection) -> Result<(i64, i64, i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM departments), (SELECT count(*) FROM people),
                (SELECT count(*) FROM catalog_items), (SELECT count(*) FROM imports)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?)
}

/// The key whose value `true` marks a workspace of generated demo data.
pub const DEMO: &str = "demo";

/// Whether the workspace holds generated demo data (see `demo`).
pub fn is_demo(conn: &Connection) -> Result<bool> {
    Ok(get(conn, DEMO)?.as_deref() == Some("true"))
}
