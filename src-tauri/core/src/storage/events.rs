//! SQL for `request_events` (migration 6): the immutable history of every
//! pilot request. A trigger refuses updates; rows go only with their request.

use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::requests::{Event, State};

/// An event to append.
pub struct NewEvent<'a> {
    pub request_id: i64,
    pub at: &'a str,
    pub actor_id: Option<i64>,
    pub actor_name: &'a str,
    pub acting: bool,
    pub kind: &'a str,
    pub from_state: Option<State>,
    pub to_state: Option<State>,
    pub detail: &'a str,
    pub internal: bool,
}

pub fn insert(conn: &Connection, e: &NewEvent) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO request_events (request_id, at, actor_id, actor_name, acting, kind,
                                     from_state, to_state, detail, internal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    stmt.execute(params![
        e.request_id,
        e.at,
        e.actor_id,
        e.actor_name,
        e.acting,
        e.kind,
        e.from_state.map(State::as_str),
        e.to_state.map(State::as_str),
        e.detail,
        e.internal,
    ])?;
    Ok(())
}

/// When the request's latest event happened.
pub fn last_at(conn: &Connection, request_id: i64) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at FROM request_events WHERE request_id = ?1 ORDER BY id DESC LIMIT 1",
    )?;
    Ok(stmt.query_row([request_id], |r| r.get(0)).optional()?)
}

/// A request's events, oldest first; internal ones (work notes) only when
/// asked for.
pub fn list(conn: &Connection, request_id: i64, internal: bool) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor_id, actor_name, acting, kind, from_state, to_state, detail, internal
         FROM request_events WHERE request_id = ?1 AND (internal = 0 OR ?2)
         ORDER BY id",
    )?;
    let rows = stmt.query_map(params![request_id, internal], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn state(row: &Row, i: usize) -> rusqlite::Result<Option<State>> {
    let text: Option<String> = row.get(i)?;
    text.map(|t| {
        State::parse(&t).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                Type::Text,
                format!("unknown state {t}").into(),
            )
        })
    })
    .transpose()
}

fn from_row(row: &Row) -> rusqlite::Result<Event> {
    Ok(Event {
        id: row.get(0)?,
        at: row.get(1)?,
        actor_id: row.get(2)?,
        actor_name: row.get(3)?,
        acting: row.get(4)?,
        kind: row.get(5)?,
        from_state: state(row, 6)?,
        to_state: state(row, 7)?,
        detail: row.get(8)?,
        internal: row.get(9)?,
    })
}
