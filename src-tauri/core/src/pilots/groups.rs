//! The assignment groups a fulfiller works in. A pilot's groups are those
//! of its items; a fulfiller given some of them sees and works only their
//! requests in the portal, and one given none works every group, as every
//! fulfiller did before groups could be given.

use std::collections::BTreeSet;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::storage;
use crate::workspace::Workspace;

use super::{ParticipantInput, ParticipantRole};

/// The assignment groups the items are worked by, each once, by name; an
/// item with no group adds none.
pub fn of_items(conn: &Connection, item_ids: &[i64]) -> Result<Vec<String>> {
    let mut groups = BTreeSet::new();
    for id in item_ids {
        if let Some(item) = storage::catalog::get(conn, *id)? {
            let group = item.fulfilment.assignment_group.trim().to_owned();
            if !group.is_empty() {
                groups.insert(group);
            }
        }
    }
    Ok(groups.into_iter().collect())
}

/// The groups a fulfiller of a pilot works in; empty when they work every
/// group of the pilot.
pub fn of_fulfiller(ws: &Workspace, pilot_id: i64, person_id: i64) -> Result<Vec<String>> {
    storage::pilots::fulfiller_groups(ws.conn(), pilot_id, person_id)
}

/// Each participant's groups trimmed, without blanks or repeats, in order.
pub(super) fn normalise(participants: &mut [ParticipantInput]) {
    for p in participants {
        let groups: BTreeSet<String> = p
            .groups
            .iter()
            .map(|g| g.trim().to_owned())
            .filter(|g| !g.is_empty())
            .collect();
        p.groups = groups.into_iter().collect();
    }
}

/// Refuses groups given to anyone but a fulfiller, and a group none of the
/// pilot's items is assigned to: its fulfiller would see nothing, and a
/// typo would quietly hide the queue from them.
pub(super) fn validate(
    conn: &Connection,
    participants: &[ParticipantInput],
    item_ids: &[i64],
) -> Result<()> {
    if participants.iter().all(|p| p.groups.is_empty()) {
        return Ok(());
    }
    let known = of_items(conn, item_ids)?;
    for p in participants.iter().filter(|p| !p.groups.is_empty()) {
        if p.role != ParticipantRole::Fulfiller {
            return Err(Error::invalid(
                "participants",
                format!(
                    "Only fulfillers work in assignment groups, not a {}.",
                    p.role.label()
                ),
            ));
        }
        if let Some(unknown) = p.groups.iter().find(|g| !known.contains(g)) {
            let there = if known.is_empty() {
                "none, since no item names one".to_owned()
            } else {
                known
                    .iter()
                    .map(|g| format!("\u{201c}{g}\u{201d}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(Error::invalid(
                "participants",
                format!(
                    "No item of the pilot is assigned to \u{201c}{unknown}\u{201d}; its groups are: {there}."
                ),
            ));
        }
    }
    Ok(())
}
