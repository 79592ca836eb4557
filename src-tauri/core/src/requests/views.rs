//! Saved views of the queue: the queue's filters kept under a name in the
//! workspace, listed beside the queue and applied in one click.
//!
//! A view keeps "assigned to me" as a flag rather than a person, so the
//! same view shows each fulfiller their own requests.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lifecycle::State;
use crate::error::{Error, Result};
use crate::sla::format_utc;
use crate::storage;
use crate::workspace::Workspace;

/// The longest name a view may have, in characters.
pub const VIEW_NAME_MAX: usize = 80;

/// The queue's filters as a view keeps them; parts left empty match
/// everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct ViewFilter {
    /// Empty: every open state.
    pub states: Vec<State>,
    #[ts(type = "number | null")]
    pub item_id: Option<i64>,
    /// 1 (critical) – 4 (low).
    #[ts(type = "number | null")]
    pub priority: Option<i64>,
    /// Only requests about to breach (or breached).
    pub at_risk: bool,
    /// Only requests assigned to whoever applies the view.
    pub mine: bool,
    /// Only requests of this assignment group.
    pub group: Option<String>,
}

/// A saved view of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub filter: ViewFilter,
}

/// Every saved view of the workspace, by name.
pub fn list(ws: &Workspace) -> Result<Vec<QueueView>> {
    storage::queue_views::list(ws.conn())?
        .into_iter()
        .map(view)
        .collect()
}

/// Saves the filters under a new name.
pub fn save(
    ws: &mut Workspace,
    name: &str,
    filter: &ViewFilter,
    now: DateTime<Utc>,
) -> Result<QueueView> {
    let name = valid_name(name)?;
    let filter = valid_filter(filter)?;
    let json =
        serde_json::to_string(&filter).map_err(|e| Error::invalid("filter", e.to_string()))?;
    let id = ws.write(|tx| {
        unique(tx, &name, None)?;
        storage::queue_views::insert(tx, &name, &json, &format_utc(now))
    })?;
    Ok(QueueView { id, name, filter })
}

/// Gives a view another name.
pub fn rename(ws: &mut Workspace, id: i64, name: &str) -> Result<QueueView> {
    let name = valid_name(name)?;
    ws.write(|tx| {
        unique(tx, &name, Some(id))?;
        if !storage::queue_views::rename(tx, id, &name)? {
            return Err(missing(id));
        }
        Ok(())
    })?;
    storage::queue_views::get(ws.conn(), id)?
        .map(view)
        .transpose()?
        .ok_or_else(|| missing(id))
}

/// Deletes a view; the requests it showed are not touched.
pub fn delete(ws: &mut Workspace, id: i64) -> Result<()> {
    ws.write(|tx| {
        if storage::queue_views::delete(tx, id)? {
            Ok(())
        } else {
            Err(missing(id))
        }
    })
}

fn view((id, name, json): storage::queue_views::Row) -> Result<QueueView> {
    // A filter this build cannot read (written by a newer one) shows the
    // whole queue rather than hiding the view.
    let filter = serde_json::from_str(&json).unwrap_or_default();
    Ok(QueueView { id, name, filter })
}

fn missing(id: i64) -> Error {
    Error::NotFound {
        what: "Saved view",
        id,
    }
}

fn valid_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "Give the view a name."));
    }
    if name.chars().count() > VIEW_NAME_MAX {
        return Err(Error::invalid(
            "name",
            format!("A view's name has at most {VIEW_NAME_MAX} characters."),
        ));
    }
    Ok(name.to_owned())
}

fn valid_filter(filter: &ViewFilter) -> Result<ViewFilter> {
    if let Some(p) = filter.priority {
        if !(1..=4).contains(&p) {
            return Err(Error::invalid(
                "priority",
                format!("Priority {p} does not exist: priorities are 1 (critical) to 4 (low)."),
            ));
        }
    }
    let mut filter = filter.clone();
    filter.group = filter
        .group
        .map(|g| g.trim().to_owned())
        .filter(|g| !g.is_empty());
    Ok(filter)
}

fn unique(conn: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    match storage::queue_views::named(conn, name)? {
        Some(other) if Some(other) != except => Err(Error::invalid(
            "name",
            format!("A view named “{name}” already exists; choose another name."),
        )),
        _ => Ok(()),
    }
}
