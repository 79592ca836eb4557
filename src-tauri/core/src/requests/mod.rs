//! Requests: submissions against a catalog item. Two origins share one
//! table so reports measure both the same way:
//!
//! - the *baseline*: the requests an import recorded before the pilot (one
//!   per dated row). Times are local wall times `YYYY-MM-DDTHH:MM:SS` as the
//!   file shows them (a date alone is midnight; an offset is dropped).
//! - *pilot* requests (`live`): submitted during a pilot, worked through the
//!   `lifecycle`, every change an immutable event; times are UTC. A
//!   `rehearsal` generates synthetic ones, marked as such; `intake` takes
//!   in the responses of a newer export of the item's source.
//!
//! This module holds the rules; `storage::requests` and `storage::events`
//! hold the SQL.

pub mod attachments;
pub(crate) mod baseline;
pub mod delegation;
pub(crate) mod intake;
pub mod lifecycle;
mod live;
pub mod rehearsal;
pub mod views;

pub use attachments::{attach, Attachment, NewFile};
pub use delegation::{delegate, delegations, end_delegation, Delegation, DelegationInput};
pub use intake::{
    sources as intake_sources, IntakeSource, IntakeSummary, ItemIntake, LeftAlone, NoLongerInExport,
};
pub use lifecycle::{HoldReason, State, Step};
pub use live::{
    act, approvals_for, assign_many, close_due, get, mine, open_clocks, queue, submit,
    submit_with_files, Action, Actor, AnswerLine, Event, Live, NewRequest, QueueCursor,
    QueueFilter, QueuePage, QueueRow, Request, RequestApproval, RequestTask,
};
pub(crate) use live::{act_in, submit_with_files_in};
pub use rehearsal::{rehearse, RehearsalOptions, RehearsalSummary};
pub use views::{QueueView, ViewFilter};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::storage;
use crate::workspace::Workspace;

/// What an item's baseline holds: made from an import, or as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BaselineSummary {
    /// Baseline requests made (or stored).
    #[ts(type = "number")]
    pub created: u64,
    /// Rows left out because their opened date is empty or not a date;
    /// always 0 for a stored baseline, which does not remember them.
    #[ts(type = "number")]
    pub skipped_no_date: u64,
    /// When the earliest baseline request was opened.
    pub first_opened: Option<String>,
    /// When the latest baseline request was opened.
    pub last_opened: Option<String>,
}

/// One baseline request, from one row of the item's source import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BaselineRequest {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub catalog_item_id: i64,
    /// The import the row came from; none once that import is deleted.
    #[ts(type = "number | null")]
    pub source_import_id: Option<i64>,
    /// The 1-based row of the source import.
    #[ts(type = "number | null")]
    pub source_row: Option<i64>,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub requester: Option<String>,
    pub status: Option<String>,
    /// The row's non-empty form answers, keyed by form field key.
    #[ts(type = "Record<string, unknown>")]
    pub answers: serde_json::Map<String, serde_json::Value>,
}

/// How many baseline requests an item has and the first and last opened.
pub fn baseline_summary(ws: &Workspace, item_id: i64) -> Result<BaselineSummary> {
    existing(ws, item_id)?;
    storage::requests::baseline_summary(ws.conn(), item_id)
}

/// Baseline requests `offset + 1 ..= offset + limit` of an item, oldest
/// first.
pub fn list_baseline(
    ws: &Workspace,
    item_id: i64,
    offset: u64,
    limit: u64,
) -> Result<Vec<BaselineRequest>> {
    existing(ws, item_id)?;
    storage::requests::list_baseline(ws.conn(), item_id, offset, limit)
}

fn existing(ws: &Workspace, item_id: i64) -> Result<()> {
    match storage::catalog::draft_form(ws.conn(), item_id)? {
        Some(_) => Ok(()),
        None => Err(Error::NotFound {
            what: "Catalog item",
            id: item_id,
        }),
    }
}
