//! Taking in new responses for a running pilot: a newer export of the
//! source its items were made from is imported as an update of the earlier
//! export, the items follow it (their baselines end where the pilot
//! began), and the rows since the pilot's start become its requests, all
//! in the import's one transaction. A refused, failed or cancelled intake
//! leaves the workspace as it was.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use rusqlite::Connection;

use super::import::ItemsFollow;
use crate::error::{Error, Result};
use crate::import::{self, ImportHooks, ImportOptions, ImportProgress, Inspection};
use crate::pilots::{self, PilotState};
use crate::requests::{self, IntakeSummary, ItemIntake};
use crate::storage;
use crate::workspace::Workspace;

/// Imports the file at `path` as a newer export of the source that feeds
/// the pilot (`source`, an import id, when the pilot's items come from
/// several) and takes in its new responses and status changes.
pub fn take_in_responses(
    ws: &mut Workspace,
    pilot_id: i64,
    source: Option<i64>,
    path: &Path,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<IntakeSummary> {
    let pilot = pilots::get(ws, pilot_id)?;
    if pilot.state != PilotState::Running {
        return Err(requests::intake::not_running(&pilot));
    }
    let earlier = source_of(ws, &pilot, source)?;
    // The analyst's column choices for this source and header row, as the
    // import wizard would apply them.
    let (glance, _) = import::glance(path, &ImportOptions::default())?;
    let options = ImportOptions {
        columns: import::remembered_columns(ws, &glance)?.unwrap_or_default(),
        ..ImportOptions::default()
    };
    let mut hook = Intake {
        pilot_id,
        updates: earlier,
        follow: ItemsFollow::default(),
        earlier: None,
        items: Vec::new(),
    };
    let stored = import::store_file(ws, path, &options, progress, cancel, &mut hook)?;
    Ok(IntakeSummary {
        pilot_id,
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        import_id: stored.import_id,
        replaced: earlier,
        items: hook.items,
    })
}

/// The import feeding the pilot that a newer export updates.
fn source_of(ws: &Workspace, pilot: &pilots::Pilot, chosen: Option<i64>) -> Result<i64> {
    let sources: Vec<i64> = requests::intake_sources(ws, pilot.id)?
        .iter()
        .map(|s| s.import_id)
        .collect();
    match (chosen, sources.as_slice()) {
        (_, []) => Err(Error::invalid(
            "pilotId",
            format!(
                "“{}” is fed by no source: none of its items was made from an import.",
                pilot.name
            ),
        )),
        (Some(id), _) if sources.contains(&id) => Ok(id),
        (Some(id), _) => Err(Error::invalid(
            "source",
            format!("Import {id} feeds none of the items of “{}”.", pilot.name),
        )),
        (None, [one]) => Ok(*one),
        (None, several) => Err(Error::invalid(
            "source",
            format!(
                "“{}” is fed by several sources (imports {}): say which one this file is a newer export of.",
                pilot.name,
                several
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// The import's hook: the items follow the newer export, then its rows
/// are taken in.
struct Intake {
    pilot_id: i64,
    /// The earlier export, which the newer one replaces.
    updates: i64,
    follow: ItemsFollow,
    /// The earlier export's file name and inspection, read before it goes.
    earlier: Option<(String, Inspection)>,
    items: Vec<ItemIntake>,
}

impl ImportHooks for Intake {
    fn updates(&self) -> Option<i64> {
        Some(self.updates)
    }

    fn before(&mut self, tx: &Connection, earlier: i64) -> Result<()> {
        self.follow.before(tx, earlier)?;
        self.earlier = Some(inspection(tx, earlier)?);
        Ok(())
    }

    fn after(&mut self, tx: &Connection, earlier: i64, import_id: i64) -> Result<()> {
        let (file, newer) = inspection(tx, import_id)?;
        if let Some((earlier_file, before)) = &self.earlier {
            same_source(&file, &newer, earlier_file, before)?;
        }
        self.follow.after(tx, earlier, import_id)?;
        self.items = requests::intake::take_in(tx, self.pilot_id, &self.follow.items, import_id)?;
        Ok(())
    }
}

/// Refuses a file that is not a newer export of the same source: another
/// tool, or no longer the column saying when each response was sent (its
/// baseline and every response would be lost).
fn same_source(
    file: &str,
    newer: &Inspection,
    earlier_file: &str,
    earlier: &Inspection,
) -> Result<()> {
    let opened = earlier.roles.opened_at.as_deref();
    if newer.source != earlier.source
        || opened.is_none()
        || newer.roles.opened_at.as_deref() != opened
    {
        return Err(Error::invalid(
            "file",
            format!(
                "{file} does not look like a newer export of {earlier_file}: it is {} with {}, where {earlier_file} is {} with {}. Nothing was taken in.",
                newer.source.label(),
                opened_words(newer),
                earlier.source.label(),
                opened_words(earlier),
            ),
        ));
    }
    Ok(())
}

fn opened_words(inspection: &Inspection) -> String {
    match &inspection.roles.opened_at {
        Some(column) => format!("“{column}” saying when each response was sent"),
        None => "no column saying when each response was sent".into(),
    }
}

fn inspection(tx: &Connection, import_id: i64) -> Result<(String, Inspection)> {
    let (file, json) = storage::imports::inspection(tx, import_id)?.ok_or(Error::NotFound {
        what: "Import",
        id: import_id,
    })?;
    let inspection = serde_json::from_str(&json).map_err(|e| Error::Corrupt {
        path: std::path::PathBuf::from(tx.path().unwrap_or_default()),
        reason: format!("import {import_id} has an unreadable schema ({e})"),
    })?;
    Ok((file, inspection))
}
