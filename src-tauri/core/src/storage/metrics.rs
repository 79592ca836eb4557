//! SQL for the metrics: the requests of a scope with what measuring them
//! needs (item, providing department, requester's department), and the
//! saved report tiles (migration 6).

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// One stored request as the metrics read it.
#[derive(Debug, Clone)]
pub struct MeasuredRow {
    pub id: i64,
    pub origin: String,
    pub item_id: i64,
    pub item_name: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub requester: Option<String>,
    pub status: Option<String>,
    pub answers: String,
    /// What the lifecycle recorded for a pilot request (all none for the
    /// baseline): UTC times `YYYY-MM-DDTHH:MM:SSZ`.
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    pub sla_due_at: Option<String>,
    pub sla_target_secs: Option<i64>,
    pub rating: Option<u8>,
    pub assignee: Option<String>,
}

/// A lifecycle event that starts or ends a pause, or reopens a request.
#[derive(Debug, Clone)]
pub struct PauseEvent {
    pub request_id: i64,
    pub at: String,
    pub kind: String,
    pub detail: String,
}

/// Which requests: of one item, of the items of one providing department,
/// or all; of one origin or both; opened on or after `from` and before
/// `until` (local wall times, compared as text).
pub struct RowFilter<'a> {
    pub item_id: Option<i64>,
    pub department_id: Option<i64>,
    /// The requests of this pilot's items (baseline and pilot alike).
    pub pilot_id: Option<i64>,
    pub origin: Option<&'a str>,
    pub from: Option<&'a str>,
    pub until: Option<&'a str>,
}

/// Calls `f` with each request a filter selects, in no particular order
/// (no metric depends on it, and sorting a million rows is not free),
/// without holding them all (the requester's department is left for the caller,
/// from [`people_departments`]).
pub fn each_row(
    conn: &Connection,
    filter: &RowFilter,
    f: &mut dyn FnMut(MeasuredRow) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.origin, r.catalog_item_id, c.name, c.department_id, d.name,
                r.opened_at, r.closed_at, coalesce(p.email, r.requester), r.status, r.answers,
                r.first_response_at, r.resolved_at, r.sla_due_at, r.sla_target_secs, r.rating,
                a.name
         FROM requests r
         JOIN catalog_items c ON c.id = r.catalog_item_id
         LEFT JOIN departments d ON d.id = c.department_id
         LEFT JOIN people p ON p.id = r.requester_id
         LEFT JOIN people a ON a.id = r.assignee_id
         WHERE r.rehearsal = 0
           AND (?1 IS NULL OR r.catalog_item_id = ?1)
           AND (?2 IS NULL OR c.department_id = ?2)
           AND (?3 IS NULL OR r.origin = ?3)
           AND (?4 IS NULL OR r.opened_at >= ?4)
           AND (?5 IS NULL OR r.opened_at < ?5)
           AND (?6 IS NULL OR r.catalog_item_id IN
                  (SELECT item_id FROM pilot_items WHERE pilot_id = ?6))",
    )?;
    let mut rows = stmt.query(params![
        filter.item_id,
        filter.department_id,
        filter.origin,
        filter.from,
        filter.until,
        filter.pilot_id
    ])?;
    while let Some(r) = rows.next()? {
        f(MeasuredRow {
            id: r.get(0)?,
            origin: r.get(1)?,
            item_id: r.get(2)?,
            item_name: r.get(3)?,
            department_id: r.get(4)?,
            department_name: r.get(5)?,
            opened_at: r.get(6)?,
            closed_at: r.get(7)?,
            requester: r.get(8)?,
            status: r.get(9)?,
            answers: r.get(10)?,
            first_response_at: r.get(11)?,
            resolved_at: r.get(12)?,
            sla_due_at: r.get(13)?,
            sla_target_secs: r.get(14)?,
            rating: r.get(15)?,
            assignee: r.get(16)?,
        })?;
    }
    Ok(())
}

/// The events of real (not rehearsed) pilot requests that start or end a
/// pause or reopen a request, by request and in the order they happened.
/// One query for the whole workspace: measuring reads them once, not once
/// per request.
pub fn pause_events(conn: &Connection, item_id: Option<i64>) -> Result<Vec<PauseEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.request_id, e.at, e.kind, e.detail
         FROM request_events e JOIN requests r ON r.id = e.request_id
         WHERE r.origin = 'pilot' AND r.rehearsal = 0
           AND (?1 IS NULL OR r.catalog_item_id = ?1)
           AND e.kind IN ('on_hold', 'resumed', 'resolved', 'cancelled', 'reopened')
         ORDER BY e.request_id, e.id",
    )?;
    let rows = stmt
        .query_map([item_id], |r| {
            Ok(PauseEvent {
                request_id: r.get(0)?,
                at: r.get(1)?,
                kind: r.get(2)?,
                detail: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every person with a department: (e-mail, name, department name), oldest
/// first.
pub fn people_departments(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.email, p.name, d.name FROM people p JOIN departments d ON d.id = p.department_id
         ORDER BY p.id",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What changes whenever a workspace's data does: the changes this
/// connection made and the commits other connections made since it opened.
pub fn generation(conn: &Connection) -> Result<(u64, i64)> {
    let own = conn.total_changes();
    let others: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
    Ok((own, others))
}

/// The name of a department, if it exists.
pub fn department_name(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT name FROM departments WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// A saved tile: its scope and its definition as JSON.
pub struct TileRow {
    pub id: i64,
    pub name: String,
    pub scope: String,
    pub definition: String,
}

pub fn insert_tile(
    conn: &Connection,
    name: &str,
    scope: &str,
    definition: &str,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO report_tiles (name, scope, definition, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![name, scope, definition, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn delete_tile(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM report_tiles WHERE id = ?1", [id])? > 0)
}

/// The tiles saved for a scope, oldest first.
pub fn tiles(conn: &Connection, scope: &str) -> Result<Vec<TileRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, scope, definition FROM report_tiles WHERE scope = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([scope], |r| {
            Ok(TileRow {
                id: r.get(0)?,
                name: r.get(1)?,
                scope: r.get(2)?,
                definition: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
