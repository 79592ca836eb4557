//! Approval delegation: an approver who is away hands their approval steps
//! to a stand-in for a period. While it lasts, the stand-in sees those
//! requests among their approvals and may decide them; the decision is
//! recorded as the stand-in's, "on behalf of" the approver, so the
//! timeline never pretends the approver decided.
//!
//! Only steps that name a person (a given person, or the requester's
//! manager) are handed over: a group's step is open to every approver of
//! the pilot already. A stand-in takes part in the pilot as an approver,
//! so what they may see in the portal does not widen beyond that role.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::outbox;
use crate::pilots::{self, ParticipantRole, PilotState};
use crate::sla::{format_utc, parse_utc};
use crate::storage;
use crate::workspace::Workspace;

/// The longest a delegation may last: a stand-in is for an absence, not a
/// change of approver (which is the item's approval steps).
pub const LONGEST_DAYS: i64 = 366;

/// The longest note, in characters.
pub const NOTE_MAX: usize = 500;

/// A stand-in for an away approver, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Delegation {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub pilot_id: i64,
    /// The approver who is away.
    #[ts(type = "number")]
    pub from_person_id: i64,
    pub from_name: String,
    /// Who decides for them meanwhile.
    #[ts(type = "number")]
    pub to_person_id: i64,
    pub to_name: String,
    /// When it starts (UTC).
    pub starts_at: String,
    /// When it ends (UTC), not included.
    pub ends_at: String,
    pub note: String,
    pub created_at: String,
}

/// A new delegation; times are RFC 3339 (the app sends the viewer's local
/// midnights, the command line UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DelegationInput {
    #[ts(type = "number")]
    pub from_person_id: i64,
    #[ts(type = "number")]
    pub to_person_id: i64,
    pub starts_at: String,
    pub ends_at: String,
    #[serde(default)]
    pub note: String,
}

/// Hands `input.from_person_id`'s approvals in `pilot_id` to a stand-in for
/// a period; refuses, saying why, a period that is over, too long, or
/// overlaps another of the same approver, and a stand-in who is not an
/// approver of the pilot.
pub fn delegate(
    ws: &mut Workspace,
    pilot_id: i64,
    input: &DelegationInput,
    now: DateTime<Utc>,
) -> Result<Delegation> {
    let id = ws.write(|tx| delegate_in(tx, pilot_id, input, now))?;
    storage::delegations::get(ws.conn(), id)?.ok_or(Error::NotFound {
        what: "Delegation",
        id,
    })
}

fn delegate_in(
    conn: &Connection,
    pilot_id: i64,
    input: &DelegationInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let pilot = pilots::load(conn, pilot_id)?;
    if pilot.state == PilotState::Ended {
        return Err(Error::invalid(
            "pilot",
            format!("“{}” has ended: nothing is left to approve.", pilot.name),
        ));
    }
    let from = input.from_person_id;
    let to = input.to_person_id;
    let from_name = name(conn, from)?;
    let to_name = name(conn, to)?;
    if from == to {
        return Err(Error::invalid(
            "toPersonId",
            format!("{from_name} cannot stand in for themselves; choose someone else."),
        ));
    }
    if !pilot.participants.iter().any(|p| p.person_id == from) {
        return Err(Error::invalid(
            "fromPersonId",
            format!("{from_name} does not take part in “{}”.", pilot.name),
        ));
    }
    if !storage::pilots::has_role(conn, pilot_id, to, ParticipantRole::Approver)? {
        return Err(Error::invalid(
            "toPersonId",
            format!(
                "{to_name} is not an approver in “{}”; add them as one before they can stand in.",
                pilot.name
            ),
        ));
    }
    let starts = time(&input.starts_at, "startsAt")?;
    let ends = time(&input.ends_at, "endsAt")?;
    if ends <= starts {
        return Err(Error::invalid(
            "endsAt",
            "The last day comes before the first; a delegation needs at least one day.",
        ));
    }
    if ends <= now {
        return Err(Error::invalid(
            "endsAt",
            "This period is already over; choose days from today on.",
        ));
    }
    if ends - starts > Duration::days(LONGEST_DAYS) {
        return Err(Error::invalid(
            "endsAt",
            format!(
                "A stand-in is for an absence of at most {LONGEST_DAYS} days; for longer, change the item's approval steps."
            ),
        ));
    }
    let note = input.note.trim();
    if note.chars().count() > NOTE_MAX {
        return Err(Error::invalid(
            "note",
            format!("The note is longer than {NOTE_MAX} characters."),
        ));
    }
    let stored = DelegationInput {
        from_person_id: from,
        to_person_id: to,
        starts_at: format_utc(starts),
        ends_at: format_utc(ends),
        note: note.to_owned(),
    };
    if let Some(other) =
        storage::delegations::overlapping(conn, pilot_id, from, &stored.starts_at, &stored.ends_at)?
    {
        return Err(Error::invalid(
            "startsAt",
            format!(
                "{} already stands in for {from_name} from {} to {}; end that delegation first or choose other days.",
                other.to_name,
                shown(&other.starts_at),
                shown(&other.ends_at)
            ),
        ));
    }
    let id = storage::delegations::insert(conn, pilot_id, &stored, &format_utc(now))?;
    // A stand-in who starts at once is told of what already waits.
    if starts <= now {
        outbox::handed_over(conn, pilot_id, from, to, &format_utc(now))?;
    }
    Ok(id)
}

/// A pilot's delegations that have not ended by `now`, soonest first.
pub fn delegations(ws: &Workspace, pilot_id: i64, now: DateTime<Utc>) -> Result<Vec<Delegation>> {
    pilots::load(ws.conn(), pilot_id)?;
    storage::delegations::current_and_planned(ws.conn(), pilot_id, &format_utc(now))
}

/// Ends a delegation at once (whether it has started or not).
pub fn end_delegation(ws: &mut Workspace, id: i64) -> Result<()> {
    ws.write(|tx| {
        if storage::delegations::delete(tx, id)? {
            Ok(())
        } else {
            Err(Error::NotFound {
                what: "Delegation",
                id,
            })
        }
    })
}

/// Whether `to` stands in for `from` in `pilot_id` at `at`.
pub(crate) fn stands_in(
    conn: &Connection,
    pilot_id: i64,
    from: i64,
    to: i64,
    at: &str,
) -> Result<bool> {
    storage::delegations::stands_in(conn, pilot_id, from, to, at)
}

fn time(text: &str, field: &str) -> Result<DateTime<Utc>> {
    parse_utc(text.trim()).map_err(|_| {
        Error::invalid(
            field,
            format!("“{text}” is not a date and time (RFC 3339, such as 2026-12-01T00:00:00Z)."),
        )
    })
}

/// A stored time as a message shows it.
fn shown(stored: &str) -> String {
    parse_utc(stored).map_or_else(
        |_| stored.to_owned(),
        |t| t.format("%-d %b %Y %H:%M UTC").to_string(),
    )
}

fn name(conn: &Connection, id: i64) -> Result<String> {
    storage::people::name_and_manager(conn, id)?
        .map(|(name, _)| name)
        .ok_or(Error::NotFound { what: "Person", id })
}
