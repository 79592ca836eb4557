//! `approval_delegations`: who stands in for an away approver in a pilot,
//! and when (UTC, `starts_at` up to, not including, `ends_at`).

use rusqlite::{params, Connection, Row};

use crate::error::Result;
use crate::requests::{Delegation, DelegationInput};

const SELECT: &str = "SELECT d.id, d.pilot_id, d.from_person_id, f.name, d.to_person_id, t.name,
        d.starts_at, d.ends_at, d.note, d.created_at
    FROM approval_delegations d
    JOIN people f ON f.id = d.from_person_id
    JOIN people t ON t.id = d.to_person_id";

fn delegation(r: &Row) -> rusqlite::Result<Delegation> {
    Ok(Delegation {
        id: r.get(0)?,
        pilot_id: r.get(1)?,
        from_person_id: r.get(2)?,
        from_name: r.get(3)?,
        to_person_id: r.get(4)?,
        to_name: r.get(5)?,
        starts_at: r.get(6)?,
        ends_at: r.get(7)?,
        note: r.get(8)?,
        created_at: r.get(9)?,
    })
}

/// A pilot's delegations that have not ended by `now`, soonest first.
pub fn current_and_planned(conn: &Connection, pilot_id: i64, now: &str) -> Result<Vec<Delegation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE d.pilot_id = ?1 AND d.ends_at > ?2 ORDER BY d.starts_at, d.id"
    ))?;
    let rows = stmt.query_map(params![pilot_id, now], delegation)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every delegation under way at `now`, in any pilot.
pub fn under_way(conn: &Connection, now: &str) -> Result<Vec<Delegation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE d.starts_at <= ?1 AND ?1 < d.ends_at ORDER BY d.id"
    ))?;
    let rows = stmt.query_map([now], delegation)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Delegation>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE d.id = ?1"))?;
    let mut rows = stmt.query_map([id], delegation)?;
    Ok(rows.next().transpose()?)
}

/// The delegation of `from` in `pilot_id` whose period overlaps
/// [`starts_at`, `ends_at`), if any.
pub fn overlapping(
    conn: &Connection,
    pilot_id: i64,
    from: i64,
    starts_at: &str,
    ends_at: &str,
) -> Result<Option<Delegation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE d.pilot_id = ?1 AND d.from_person_id = ?2
           AND d.starts_at < ?4 AND ?3 < d.ends_at
         ORDER BY d.starts_at LIMIT 1"
    ))?;
    let mut rows = stmt.query_map(params![pilot_id, from, starts_at, ends_at], delegation)?;
    Ok(rows.next().transpose()?)
}

/// Whether `to` stands in for `from` in `pilot_id` at `at`.
pub fn stands_in(conn: &Connection, pilot_id: i64, from: i64, to: i64, at: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM approval_delegations
           WHERE pilot_id = ?1 AND from_person_id = ?2 AND to_person_id = ?3
             AND starts_at <= ?4 AND ?4 < ends_at)",
    )?;
    Ok(stmt.query_row(params![pilot_id, from, to, at], |r| r.get(0))?)
}

/// Who stands in for `from` in `pilot_id` at `at`.
pub fn stand_ins(conn: &Connection, pilot_id: i64, from: i64, at: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT to_person_id FROM approval_delegations
         WHERE pilot_id = ?1 AND from_person_id = ?2 AND starts_at <= ?3 AND ?3 < ends_at
         ORDER BY to_person_id",
    )?;
    let rows = stmt.query_map(params![pilot_id, from, at], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores a delegation whose times are already checked and in the stored
/// form.
pub fn insert(conn: &Connection, pilot_id: i64, d: &DelegationInput, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO approval_delegations
           (pilot_id, from_person_id, to_person_id, starts_at, ends_at, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        pilot_id,
        d.from_person_id,
        d.to_person_id,
        d.starts_at,
        d.ends_at,
        d.note,
        now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Deletes a delegation; false when there is no such delegation.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM approval_delegations WHERE id = ?1", [id])? == 1)
}
