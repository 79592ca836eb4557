//! `outbox`: queued messages for a pilot's participants, and the facts of a
//! request a message is written from.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::shapes::outbox::{Message, NewMessage, RequestFacts};

const MESSAGE: &str = "SELECT o.id, o.pilot_id, o.request_id, o.person_id, p.name, p.email, o.kind,
                              o.subject, o.body, o.created_at, o.sent_at, o.seen_at
                       FROM outbox o JOIN people p ON p.id = o.person_id";

fn message_row(r: &Row) -> rusqlite::Result<Message> {
    let kind: String = r.get(6)?;
    Ok(Message {
        id: r.get(0)?,
        pilot_id: r.get(1)?,
        request_id: r.get(2)?,
        person_id: r.get(3)?,
        person_name: r.get(4)?,
        email: r.get(5)?,
        kind: kind.parse().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(
                6,
                rusqlite::types::Type::Text,
                format!("unknown message kind “{kind}”").into(),
            )
        })?,
        subject: r.get(7)?,
        body: r.get(8)?,
        created_at: r.get(9)?,
        sent_at: r.get(10)?,
        seen_at: r.get(11)?,
    })
}

/// Queues a message unless its person already has one of its kind about
/// its request; returns whether it was queued.
pub fn insert(conn: &Connection, m: &NewMessage, now: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO outbox (pilot_id, request_id, person_id, kind, subject, body, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (request_id, person_id, kind) DO NOTHING",
    )?;
    let n = stmt.execute(params![
        m.pilot_id,
        m.request_id,
        m.person_id,
        m.kind.as_str(),
        m.subject,
        m.body,
        now
    ])?;
    Ok(n == 1)
}

/// A pilot's messages not sent yet, by person name, then oldest first.
pub fn unsent(conn: &Connection, pilot_id: i64) -> Result<Vec<Message>> {
    unsent_of(conn, pilot_id, None)
}

/// A pilot's unsent messages for everyone, or for one person, grouped by
/// person (by name), oldest first within each.
pub fn unsent_of(conn: &Connection, pilot_id: i64, person_id: Option<i64>) -> Result<Vec<Message>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{MESSAGE} WHERE o.pilot_id = ?1 AND o.sent_at IS NULL
           AND (?2 IS NULL OR o.person_id = ?2)
         ORDER BY p.name COLLATE NOCASE, o.person_id, o.created_at, o.id"
    ))?;
    let rows = stmt
        .query_map(rusqlite::params![pilot_id, person_id], message_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One person's messages in a pilot, newest first.
pub fn of_person(conn: &Connection, pilot_id: i64, person_id: i64) -> Result<Vec<Message>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{MESSAGE} WHERE o.pilot_id = ?1 AND o.person_id = ?2
         ORDER BY o.created_at DESC, o.id DESC"
    ))?;
    let rows = stmt
        .query_map([pilot_id, person_id], message_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A message by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Message>> {
    let mut stmt = conn.prepare_cached(&format!("{MESSAGE} WHERE o.id = ?1"))?;
    Ok(stmt.query_row([id], message_row).optional()?)
}

/// Marks a message sent at `now` unless it was already.
pub fn mark_sent(conn: &Connection, id: i64, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE outbox SET sent_at = ?2 WHERE id = ?1 AND sent_at IS NULL")?
        .execute(params![id, now])?;
    Ok(())
}

/// Marks a message seen at `now` unless it was already.
pub fn mark_seen(conn: &Connection, id: i64, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE outbox SET seen_at = ?2 WHERE id = ?1 AND seen_at IS NULL")?
        .execute(params![id, now])?;
    Ok(())
}

/// What a message about a pilot request says of it.
pub fn facts(conn: &Connection, request_id: i64) -> Result<RequestFacts> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.pilot_id, pl.name, c.name, r.requester_id, rq.name, r.assignee_id,
                r.sla_due_at, pl.reopen_days, pl.auto_close_days, r.rehearsal
         FROM requests r
         JOIN pilots pl ON pl.id = r.pilot_id
         JOIN catalog_items c ON c.id = r.catalog_item_id
         LEFT JOIN people rq ON rq.id = r.requester_id
         WHERE r.id = ?1 AND r.origin = 'pilot'",
    )?;
    stmt.query_row([request_id], facts_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "Request",
            id: request_id,
        })
}

fn facts_row(r: &Row) -> rusqlite::Result<RequestFacts> {
    Ok(RequestFacts {
        request_id: r.get(0)?,
        pilot_id: r.get(1)?,
        pilot_name: r.get(2)?,
        item_name: r.get(3)?,
        requester_id: r.get(4)?,
        requester_name: r.get(5)?,
        assignee_id: r.get(6)?,
        sla_due_at: r.get(7)?,
        reopen_days: r.get(8)?,
        auto_close_days: r.get(9)?,
        rehearsal: r.get(10)?,
    })
}

/// The real (not rehearsed) open requests with an assignee whose SLA
/// warning time has passed at `now` and whose due time has not, and whose
/// clock is running (not paused waiting for the requester).
pub fn warned(conn: &Connection, now: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id FROM requests r
         JOIN pilots pl ON pl.id = r.pilot_id
         WHERE r.origin = 'pilot' AND r.rehearsal = 0 AND pl.state = 'running'
           AND r.state IN ('submitted', 'in_progress', 'on_hold')
           AND r.paused_since IS NULL AND r.assignee_id IS NOT NULL
           AND r.sla_warn_at IS NOT NULL AND r.sla_warn_at <= ?1
           AND r.sla_due_at IS NOT NULL AND r.sla_due_at > ?1
         ORDER BY r.id",
    )?;
    let rows = stmt
        .query_map([now], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Requests of a pilot whose current approval step is `person_id`'s own
/// (named, or as the requester's manager), by id.
pub fn awaiting_decision_of(conn: &Connection, pilot_id: i64, person_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id FROM requests r
         JOIN request_approvals s ON s.request_id = r.id AND s.position = r.approval_position
         WHERE r.pilot_id = ?1 AND r.state = 'awaiting_approval'
           AND s.kind IN ('person', 'requester_manager') AND s.person_id = ?2
         ORDER BY r.id",
    )?;
    let rows = stmt.query_map(params![pilot_id, person_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
