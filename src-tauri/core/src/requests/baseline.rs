//! Making an item's baseline from the import it was made from: one request
//! per row with an opened date, read with the importer's own date reading
//! in the column's day/month order. Rows without one are counted, not
//! stored. Rows are read a page at a time, so memory stays bounded.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::Connection;
use serde_json::{Map, Value};

use super::BaselineSummary;
use crate::catalog::{Form, FormField};
use crate::directory::BusinessHours;
use crate::error::{Error, Result};
use crate::import::{self, Field, Inspection, Source, StoredRow};
use crate::sla::{parse_utc, Calendar};
use crate::storage;
use crate::storage::requests::NewBaseline;

/// Rows read at a time.
const PAGE: u64 = 1000;

/// Where a column sits: its cell, and its typed value when one is stored.
#[derive(Clone, Copy)]
pub(super) struct Slot<'a> {
    pub(super) field: &'a Field,
    pub(super) cell: usize,
    pub(super) val: Option<usize>,
}

/// Adds the baseline of `import_id`'s rows to item `item_id`, inside the
/// caller's transaction. The import must have an opened-at column; answers
/// are the row's cells of the item's form fields (matched by label, the
/// header they were made from), keyed by field key.
pub(crate) fn from_import(
    conn: &Connection,
    item_id: i64,
    import_id: i64,
) -> Result<BaselineSummary> {
    let path = PathBuf::from(conn.path().unwrap_or_default());
    let corrupt = |what: &str, e: serde_json::Error| Error::Corrupt {
        path: path.clone(),
        reason: format!("import {import_id} has unreadable {what} ({e})"),
    };
    let (file_name, json) =
        storage::imports::inspection(conn, import_id)?.ok_or(Error::NotFound {
            what: "Import",
            id: import_id,
        })?;
    let inspection: Inspection = serde_json::from_str(&json).map_err(|e| corrupt("schema", e))?;
    let columns: Vec<Field> = serde_json::from_str(&storage::imports::columns(conn, import_id)?)
        .map_err(|e| corrupt("columns", e))?;
    let form: Form = match storage::catalog::draft_form(conn, item_id)? {
        Some(json) => serde_json::from_str(&json).map_err(|e| Error::Corrupt {
            path: path.clone(),
            reason: format!("catalog item {item_id} has an unreadable form ({e})"),
        })?,
        None => {
            return Err(Error::NotFound {
                what: "Catalog item",
                id: item_id,
            })
        }
    };

    let slots = slots(&columns);
    let role = |name: &Option<String>| {
        name.as_deref()
            .and_then(|n| slots.iter().find(|s| s.field.column == n).copied())
    };
    let roles = &inspection.roles;
    let opened = match (inspection.source, role(&roles.opened_at)) {
        (Source::FormDefinition, _) | (_, None) => {
            return Err(Error::invalid(
                "importId",
                format!(
                    "{file_name} has no column saying when each request was opened, so it gives no baseline."
                ),
            ))
        }
        (_, Some(slot)) => slot,
    };
    // A ticket tool that only says when a request was resolved (Jira's
    // "Resolved") ends it then.
    let closed = role(&roles.closed_at).or_else(|| role(&roles.resolved_at));
    let requester = role(&roles.requester);
    let status = role(&roles.status);
    let answers = answer_slots(&form, &slots);

    // Rows opened once a pilot of the item was under way are that pilot's
    // own period, not how things were before it: a newer export of the
    // source (see `requests::intake`) holds both, and the baseline must
    // not swallow the period it is compared with.
    let cut = pilot_start(conn, item_id)?;

    let created_at = chrono::Utc::now().to_rfc3339();
    let mut summary = BaselineSummary::default();
    let mut offset = 0;
    loop {
        let page = import::rows_in(conn, &path, import_id, offset, PAGE)?;
        if page.is_empty() {
            break;
        }
        offset += page.len() as u64;
        for row in &page {
            let Some(opened_at) = date(row, opened) else {
                summary.skipped_no_date += 1;
                continue;
            };
            if let Some((calendar, start)) = &cut {
                if opened_utc(calendar, &opened_at).is_some_and(|t| t >= *start) {
                    continue;
                }
            }
            let closed_at = closed.and_then(|s| date(row, s));
            let requester = requester.and_then(|s| text(row, s));
            let status = status.and_then(|s| text(row, s));
            let answers_json = Value::Object(answers_of(row, &answers)).to_string();
            storage::requests::insert_baseline(
                conn,
                &NewBaseline {
                    item_id,
                    import_id,
                    source_row: row.row_no,
                    opened_at: &opened_at,
                    closed_at: closed_at.as_deref(),
                    requester: requester.as_deref(),
                    status: status.as_deref(),
                    answers_json: &answers_json,
                    created_at: &created_at,
                },
            )?;
            summary.created += 1;
            if summary.first_opened.as_ref().is_none_or(|f| opened_at < *f) {
                summary.first_opened = Some(opened_at.clone());
            }
            if summary.last_opened.as_ref().is_none_or(|l| opened_at > *l) {
                summary.last_opened = Some(opened_at);
            }
        }
    }
    Ok(summary)
}

/// Moves the items made from an import that was replaced by an update
/// (`import_id`, the same file imported again, possibly with other column
/// choices, fixes or skipped rows) onto it, and makes their baselines again
/// from its rows, inside the caller's transaction. An item whose new import
/// has no opened-at column keeps no baseline. Only rows opened before the
/// start of a running or ended pilot of the item become its baseline: a
/// newer export also holds the responses of the pilot's own period.
pub(crate) fn rebuild(conn: &Connection, items: &[i64], import_id: i64) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let json = storage::imports::inspection(conn, import_id)?
        .ok_or(Error::NotFound {
            what: "Import",
            id: import_id,
        })?
        .1;
    let inspection: Inspection = serde_json::from_str(&json).map_err(|e| Error::Corrupt {
        path: PathBuf::from(conn.path().unwrap_or_default()),
        reason: format!("import {import_id} has an unreadable schema ({e})"),
    })?;
    let dated = inspection.source != Source::FormDefinition && inspection.roles.opened_at.is_some();
    for &item in items {
        storage::catalog::set_source_import(conn, item, import_id)?;
        storage::requests::delete_baseline(conn, item)?;
        if dated {
            from_import(conn, item, import_id)?;
        }
    }
    Ok(())
}

/// The calendar whose zone an item's local wall times are read in: its
/// providing department's (UTC when it has none).
pub(super) fn item_calendar(conn: &Connection, item_id: i64) -> Result<Calendar> {
    let hours = match storage::requests::item_department(conn, item_id)? {
        Some(d) => storage::departments::get(conn, d)?.map(|d| d.hours),
        None => None,
    };
    Calendar::new(&hours.unwrap_or_else(|| BusinessHours::office("UTC")))
}

/// A row's local opened time (as [`date`] gives it) as an instant in the
/// calendar's zone.
pub(super) fn opened_utc(calendar: &Calendar, local: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S")
        .ok()
        .map(|t| calendar.from_local(t))
}

/// When the first running or ended pilot of the item started, with the
/// calendar its rows' times are read in; none while no pilot has started.
fn pilot_start(conn: &Connection, item_id: i64) -> Result<Option<(Calendar, DateTime<Utc>)>> {
    match storage::pilots::first_start_with_item(conn, item_id)? {
        Some(start) => Ok(Some((item_calendar(conn, item_id)?, parse_utc(&start)?))),
        None => Ok(None),
    }
}

/// Every column with its cell index and, for a column whose type is not
/// text-like, the index of its stored typed value.
pub(super) fn slots(columns: &[Field]) -> Vec<Slot<'_>> {
    let mut next_val = 0;
    columns
        .iter()
        .enumerate()
        .map(|(cell, field)| {
            let val = (!field.field_type.is_textual()).then(|| {
                next_val += 1;
                next_val - 1
            });
            Slot { field, cell, val }
        })
        .collect()
}

/// The form fields that have a column, each with the first column of its
/// label not taken by an earlier field (so repeated headers pair in order).
pub(super) fn answer_slots<'f, 'c>(
    form: &'f Form,
    slots: &[Slot<'c>],
) -> Vec<(&'f FormField, Slot<'c>)> {
    let mut taken = vec![false; slots.len()];
    let mut out = Vec::new();
    for field in &form.fields {
        if let Some(i) =
            (0..slots.len()).find(|&i| !taken[i] && slots[i].field.column == field.label)
        {
            taken[i] = true;
            out.push((field, slots[i]));
        }
    }
    out
}

pub(super) fn cell<'r>(row: &'r StoredRow, slot: Slot) -> &'r str {
    row.cells.get(slot.cell).map(String::as_str).unwrap_or("")
}

/// A date cell as local wall time, in the column's day/month order.
pub(super) fn date(row: &StoredRow, slot: Slot) -> Option<String> {
    import::local_datetime(cell(row, slot), slot.field.date_order)
}

/// A cell's text without SharePoint's wrapping; none when empty.
pub(super) fn text(row: &StoredRow, slot: Slot) -> Option<String> {
    let value = import::text_value(cell(row, slot), slot.field.field_type);
    (!value.is_empty()).then(|| value.to_owned())
}

/// The row's non-empty answers: the typed value the importer stored, or
/// the cell's text; choice labels become the form's choice ids.
pub(super) fn answers_of(row: &StoredRow, slots: &[(&FormField, Slot)]) -> Map<String, Value> {
    let mut out = Map::new();
    for (field, slot) in slots {
        let value = match slot.val {
            Some(i) => row.vals.get(i).cloned().unwrap_or(Value::Null),
            None => text(row, *slot).map(Value::String).unwrap_or(Value::Null),
        };
        let value = choice_ids(field, value);
        if !crate::catalog::is_empty(&value) {
            out.insert(field.key.clone(), value);
        }
    }
    out
}

/// Labels of a choice field's choices as their ids; other values as they are.
fn choice_ids(field: &FormField, value: Value) -> Value {
    let id = |label: &str| {
        field
            .choices
            .iter()
            .find(|c| c.label == label)
            .map(|c| Value::String(c.id.clone()))
    };
    match value {
        Value::String(s) if !field.choices.is_empty() => id(&s).unwrap_or(Value::String(s)),
        Value::Array(items) if !field.choices.is_empty() => Value::Array(
            items
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => id(&s).unwrap_or(Value::String(s)),
                    other => other,
                })
                .collect(),
        ),
        other => other,
    }
}
