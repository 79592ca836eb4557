//! SQL for `portal_links` and `portal_audit` (the portal's migration): the
//! personal links participants sign in with, and the audit of sign-ins and
//! changes made through the portal.
//!
//! The shapes of their rows are defined here, below the `portal` domain,
//! which re-exports them: storage may not name a domain's types (see the
//! layer check), and a parallel row type would only be copied field by
//! field.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

/// A participant's personal link, as the analyst's list shows it. The
/// token itself is never stored, so it cannot be shown again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub pilot_id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    /// The participant role the link signs in as (`requester`, ...).
    pub role: String,
    /// UTC.
    pub created_at: String,
    /// UTC; the link signs nobody in from then on.
    pub expires_at: String,
    /// UTC, when revoked.
    pub revoked_at: Option<String>,
}

/// One line of the portal's audit: who did what, from which address, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// UTC.
    pub at: String,
    #[ts(type = "number | null")]
    pub pilot_id: Option<i64>,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    /// The person's name at the time (kept if the person is deleted).
    pub person_name: String,
    #[ts(type = "number | null")]
    pub link_id: Option<i64>,
    /// `sign_in`, `sign_in_refused`, `submitted`, or a request action's
    /// kind such as `resolve` or `rate`.
    pub action: String,
    #[ts(type = "number | null")]
    pub request_id: Option<i64>,
    pub detail: String,
    /// The client's address as the server saw it (`ip:port`).
    pub address: String,
}

const LINK_SELECT: &str = "
    SELECT l.id, l.pilot_id, l.person_id, p.name, l.role, l.created_at, l.expires_at,
           l.revoked_at
    FROM portal_links l JOIN people p ON p.id = l.person_id";

fn link_row(row: &Row) -> rusqlite::Result<Link> {
    Ok(Link {
        id: row.get(0)?,
        pilot_id: row.get(1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        role: row.get(4)?,
        created_at: row.get(5)?,
        expires_at: row.get(6)?,
        revoked_at: row.get(7)?,
    })
}

/// Stores a new link; returns its id.
pub fn insert_link(
    conn: &Connection,
    pilot_id: i64,
    person_id: i64,
    role: &str,
    token_hash: &str,
    created_at: &str,
    expires_at: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO portal_links (pilot_id, person_id, role, token_hash, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        pilot_id, person_id, role, token_hash, created_at, expires_at
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn link(conn: &Connection, id: i64) -> Result<Option<Link>> {
    let mut stmt = conn.prepare_cached(&format!("{LINK_SELECT} WHERE l.id = ?1"))?;
    Ok(stmt.query_row([id], link_row).optional()?)
}

/// The link whose token hashes to `token_hash`.
pub fn link_by_hash(conn: &Connection, token_hash: &str) -> Result<Option<Link>> {
    let mut stmt = conn.prepare_cached(&format!("{LINK_SELECT} WHERE l.token_hash = ?1"))?;
    Ok(stmt.query_row([token_hash], link_row).optional()?)
}

/// A pilot's links, newest first.
pub fn links_of_pilot(conn: &Connection, pilot_id: i64) -> Result<Vec<Link>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{LINK_SELECT} WHERE l.pilot_id = ?1 ORDER BY l.id DESC"
    ))?;
    let rows = stmt.query_map([pilot_id], link_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks a link revoked at `at`; a link revoked before keeps its first time.
pub fn revoke_link(conn: &Connection, id: i64, at: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE portal_links SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1",
    )?
    .execute(params![id, at])?;
    Ok(())
}

pub fn insert_audit(conn: &Connection, e: &AuditEntry) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO portal_audit (at, pilot_id, person_id, person_name, link_id, action,
                                   request_id, detail, address)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        e.at,
        e.pilot_id,
        e.person_id,
        e.person_name,
        e.link_id,
        e.action,
        e.request_id,
        e.detail,
        e.address
    ])?;
    Ok(())
}

/// The newest `limit` audit entries of a pilot (all pilots when none),
/// newest first. Refused sign-ins with a token that matched no link have no
/// pilot and show only in the unfiltered list.
pub fn audit(conn: &Connection, pilot_id: Option<i64>, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, pilot_id, person_id, person_name, link_id, action, request_id, detail, address
         FROM portal_audit WHERE ?1 IS NULL OR pilot_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![pilot_id, limit], |r| {
        Ok(AuditEntry {
            at: r.get(0)?,
            pilot_id: r.get(1)?,
            person_id: r.get(2)?,
            person_name: r.get(3)?,
            link_id: r.get(4)?,
            action: r.get(5)?,
            request_id: r.get(6)?,
            detail: r.get(7)?,
            address: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
