//! Versions: publishing freezes the draft form as a numbered version when it
//! changed, so a request keeps the form it was made with.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::form::Form;
use super::item::{CatalogItem, Status};
use super::{form_json, get, load, rules, Context};
use crate::error::{Error, Result};
use crate::storage;
use crate::workspace::Workspace;

/// A published form, never changed afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogVersion {
    #[ts(type = "number")]
    pub item_id: i64,
    /// 1, 2, … in the order published.
    #[ts(type = "number")]
    pub number: i64,
    pub form: Form,
    pub published_at: String,
}

/// Publishes an item: runs the guard rails and refuses with every issue
/// they find; otherwise stores the draft form as the next version when it
/// differs from the newest published one, and marks the item published
/// (a retired item comes back).
pub fn publish(ws: &mut Workspace, id: i64) -> Result<CatalogItem> {
    ws.write(|tx| {
        let item = load(tx, id)?;
        let issues = rules::check(&item.input(), &Context::of(tx, &item.input())?);
        if !issues.is_empty() {
            let list: Vec<String> = issues.iter().map(|i| i.message.clone()).collect();
            return Err(Error::invalid(
                "issues",
                format!(
                    "“{}” cannot be published until {} fixed: {}",
                    item.name,
                    if issues.len() == 1 {
                        "this is"
                    } else {
                        "these are"
                    },
                    list.join(" ")
                ),
            ));
        }
        let draft = form_json(&item.form);
        let latest = storage::catalog::latest_version(tx, id)?;
        let changed = match &latest {
            Some((_, form)) => form != &draft,
            None => true,
        };
        if changed {
            let number = latest.map_or(1, |(n, _)| n + 1);
            storage::catalog::insert_version(tx, id, number, &draft)?;
        }
        storage::catalog::set_status(tx, id, Status::Published)
    })?;
    get(ws, id)
}

/// Retires a published item: it can no longer be requested; its versions
/// and the requests made with them stay.
pub fn retire(ws: &mut Workspace, id: i64) -> Result<CatalogItem> {
    ws.write(|tx| {
        let item = load(tx, id)?;
        if item.published_version.is_none() {
            return Err(Error::invalid(
                "status",
                format!(
                    "“{}” was never published, so there is nothing to retire: delete the draft instead.",
                    item.name
                ),
            ));
        }
        storage::catalog::set_status(tx, id, Status::Retired)
    })?;
    get(ws, id)
}

/// The published versions of an item, oldest first.
pub fn versions(ws: &Workspace, id: i64) -> Result<Vec<CatalogVersion>> {
    get(ws, id)?;
    storage::catalog::versions(ws.conn(), id)
}

/// One published version, as a request made with it needs it.
pub fn version(ws: &Workspace, id: i64, number: i64) -> Result<CatalogVersion> {
    let item = get(ws, id)?;
    storage::catalog::version(ws.conn(), id, number)?.ok_or_else(|| {
        Error::invalid(
            "version",
            format!("“{}” has no published version {number}.", item.name),
        )
    })
}
