//! SQL for `request_attachments` (migration 18): the files attached to pilot
//! requests, content and all. A trigger refuses updates; rows go only with
//! their request.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::requests::attachments::{kind_label, Attachment};

/// A file to store.
pub struct NewAttachment<'a> {
    pub request_id: i64,
    pub field_key: Option<&'a str>,
    pub name: &'a str,
    pub media_type: &'a str,
    pub content: &'a [u8],
    pub added_by: Option<i64>,
    pub added_by_name: &'a str,
    pub added_at: &'a str,
}

const SELECT: &str =
    "SELECT id, request_id, field_key, name, media_type, size, added_by_name, added_at
    FROM request_attachments";

fn attachment(r: &Row) -> rusqlite::Result<Attachment> {
    let name: String = r.get(3)?;
    let media_type: String = r.get(4)?;
    Ok(Attachment {
        id: r.get(0)?,
        request_id: r.get(1)?,
        field_key: r.get(2)?,
        kind: kind_label(&media_type, &name),
        name,
        media_type,
        size: r.get(5)?,
        added_by_name: r.get(6)?,
        added_at: r.get(7)?,
    })
}

pub fn insert(conn: &Connection, a: &NewAttachment) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO request_attachments (request_id, field_key, name, media_type, size, content,
                                          added_by, added_by_name, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    stmt.execute(params![
        a.request_id,
        a.field_key,
        a.name,
        a.media_type,
        a.content.len() as i64,
        a.content,
        a.added_by,
        a.added_by_name,
        a.added_at,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// A request's attachments, oldest first, without their content.
pub fn list(conn: &Connection, request_id: i64) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE request_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([request_id], attachment)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many files a request holds and their total size in bytes.
pub fn totals(conn: &Connection, request_id: i64) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(size), 0) FROM request_attachments WHERE request_id = ?1",
        [request_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// One attachment of a request with its content; none when the request
/// has no attachment of that id.
pub fn with_content(
    conn: &Connection,
    request_id: i64,
    id: i64,
) -> Result<Option<(Attachment, Vec<u8>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, request_id, field_key, name, media_type, size, added_by_name, added_at, content
         FROM request_attachments WHERE request_id = ?1 AND id = ?2",
    )?;
    Ok(stmt
        .query_row(params![request_id, id], |r| {
            Ok((attachment(r)?, r.get::<_, Vec<u8>>(8)?))
        })
        .optional()?)
}
