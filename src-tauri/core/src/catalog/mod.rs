//! The service catalog: catalog items with their request form, fulfilment
//! and SLA; the guard rails that must pass before an item is published; the
//! versions publishing makes; answer validation shared with the UI preview
//! and requests; and making a draft item from an import. This module holds
//! the rules; `storage::catalog` holds the SQL.
//!
//! An item is created as a draft. Its form is edited freely (the draft);
//! [`publish`] checks it and, when the form changed, freezes it as the next
//! numbered version. Editing a published item changes only its draft form
//! until it is published again; the item-level settings (name, department,
//! SLA, fulfilment) apply at once, so they must pass their guard rails.

mod answers;
mod form;
mod from_import;
mod item;
mod rules;
mod versions;

pub use answers::{is_empty, shown, validate_answer, validate_answers};
pub use form::{
    is_key, key_from_label, Choice, FieldType, Form, FormField, ShowWhen, Validation,
    FIRST_DUPLICATE_SUFFIX, KEY_MAX,
};
pub use from_import::{create_from_fields, suggest, suggest_for_import, suggest_name, Suggestion};
pub(crate) use from_import::{draft_of_import, stored_inspection};
pub use item::{
    ApprovalKind, ApprovalStep, CatalogFilter, CatalogItem, CatalogSummary, Fulfilment, ItemInput,
    RequestType, Sla, SlaUnit, Status, ICONS,
};
pub use rules::{check_form, Issue, IssuePart};
pub use versions::{publish, retire, version, versions, CatalogVersion};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::storage;
use crate::workspace::Workspace;

const NAME_MAX: usize = 120;

/// The items matching a filter, by category then name.
pub fn list(ws: &Workspace, filter: &CatalogFilter) -> Result<Vec<CatalogSummary>> {
    storage::catalog::list(ws.conn(), filter)
}

pub fn get(ws: &Workspace, id: i64) -> Result<CatalogItem> {
    load(ws.conn(), id)
}

/// Creates a draft with the defaults of [`ItemInput::draft`].
pub fn create(ws: &mut Workspace, name: &str) -> Result<CatalogItem> {
    insert(ws, ItemInput::draft(name), None)
}

/// Replaces everything the builder edits. References (department, owner,
/// approvers) must exist and the icon must be one of [`ICONS`]; the form
/// may be unfinished (see [`check`]). On a published item the item-level
/// guard rails must pass too, since those settings apply at once.
pub fn update(ws: &mut Workspace, id: i64, input: ItemInput) -> Result<CatalogItem> {
    let input = normalise(input);
    ws.write(|tx| {
        let item = load(tx, id)?;
        validate(tx, &input)?;
        if item.status == Status::Published {
            let issues = rules::check_item(&input, &Context::of(tx, &input)?);
            if !issues.is_empty() {
                let list: Vec<String> = issues.into_iter().map(|i| i.message).collect();
                return Err(Error::invalid(
                    "issues",
                    format!(
                        "“{}” is published, so this change would apply at once; fix first: {}",
                        item.name,
                        list.join(" ")
                    ),
                ));
            }
        }
        storage::catalog::update(tx, id, &input, &form_json(&input.form))
    })?;
    get(ws, id)
}

/// Deletes a draft that was never published. A published item may have
/// requests made with its versions, so it is retired instead.
pub fn delete(ws: &mut Workspace, id: i64) -> Result<()> {
    ws.write(|tx| {
        let item = load(tx, id)?;
        if let Some(number) = item.published_version {
            return Err(Error::invalid(
                "status",
                format!(
                    "“{}” has been published (version {number}), so requests may refer to it: retire it instead of deleting it.",
                    item.name
                ),
            ));
        }
        storage::catalog::delete(tx, id)?;
        Ok(())
    })
}

/// Every guard-rail issue of an item as saved; publishing is refused while
/// there is any.
pub fn check(ws: &Workspace, id: i64) -> Result<Vec<Issue>> {
    let item = get(ws, id)?;
    let input = item.input();
    Ok(rules::check(&input, &Context::of(ws.conn(), &input)?))
}

/// The guard-rail issues of an item as the builder has it, before saving.
pub fn check_input(ws: &Workspace, input: ItemInput) -> Result<Vec<Issue>> {
    let input = normalise(input);
    Ok(rules::check(&input, &Context::of(ws.conn(), &input)?))
}

/// The categories in use, each once, alphabetically.
pub fn categories(ws: &Workspace) -> Result<Vec<String>> {
    storage::catalog::categories(ws.conn())
}

pub(crate) use rules::Context;

impl Context {
    fn of(conn: &Connection, input: &ItemInput) -> Result<Context> {
        let department = match input.department_id {
            Some(id) => storage::departments::get(conn, id)?.map(|d| (d.name, d.is_provider)),
            None => None,
        };
        Ok(Context { department })
    }
}

fn load(conn: &Connection, id: i64) -> Result<CatalogItem> {
    storage::catalog::get(conn, id)?.ok_or(Error::NotFound {
        what: "Catalog item",
        id,
    })
}

fn form_json(form: &Form) -> String {
    serde_json::to_string(form).expect("a form serialises to JSON")
}

/// Validates, then inserts a new draft in one transaction.
fn insert(ws: &mut Workspace, input: ItemInput, source_import: Option<i64>) -> Result<CatalogItem> {
    let input = normalise(input);
    let id = ws.write(|tx| insert_in(tx, &input, source_import))?;
    get(ws, id)
}

/// Validates and inserts a normalised draft inside the caller's transaction.
pub(crate) fn insert_in(
    conn: &Connection,
    input: &ItemInput,
    source_import: Option<i64>,
) -> Result<i64> {
    validate(conn, input)?;
    storage::catalog::insert(conn, input, &form_json(&input.form), source_import)
}

fn normalise(mut input: ItemInput) -> ItemInput {
    input.name = input.name.trim().to_owned();
    input.short_description = input.short_description.trim().to_owned();
    input.long_description = input.long_description.trim_end().to_owned();
    input.icon = input.icon.trim().to_owned();
    input.category = input.category.trim().to_owned();
    input.fulfilment.assignment_group = input.fulfilment.assignment_group.trim().to_owned();
    for step in &mut input.fulfilment.approvals {
        step.person_name = None;
        if step.kind != ApprovalKind::Person {
            step.person_id = None;
        }
        step.group = match step.kind {
            ApprovalKind::Group => step.group.take().map(|g| g.trim().to_owned()),
            _ => None,
        };
    }
    for task in &mut input.fulfilment.tasks {
        *task = task.trim().to_owned();
    }
    input.form = form::normalise(input.form);
    input
}

/// What is refused outright, even in a draft: what cannot be stored.
fn validate(conn: &Connection, input: &ItemInput) -> Result<()> {
    if input.name.chars().count() > NAME_MAX {
        return Err(Error::invalid(
            "name",
            format!("Catalog item names are at most {NAME_MAX} characters long."),
        ));
    }
    if !ICONS.contains(&input.icon.as_str()) {
        return Err(Error::invalid(
            "icon",
            format!(
                "“{}” is not one of the catalog's icons (such as {}).",
                input.icon,
                ICONS[..3].join(", ")
            ),
        ));
    }
    if let Some(dept) = input.department_id {
        if storage::departments::get(conn, dept)?.is_none() {
            return Err(Error::invalid(
                "departmentId",
                format!("The chosen providing department ({dept}) no longer exists."),
            ));
        }
    }
    if let Some(owner) = input.owner_id {
        if storage::people::get(conn, owner)?.is_none() {
            return Err(Error::invalid(
                "ownerId",
                format!("The chosen owner (person {owner}) no longer exists."),
            ));
        }
    }
    for (i, step) in input.fulfilment.approvals.iter().enumerate() {
        if let Some(person) = step.person_id {
            if storage::people::get(conn, person)?.is_none() {
                return Err(Error::invalid(
                    "fulfilment",
                    format!(
                        "The approver of step {} (person {person}) no longer exists.",
                        i + 1
                    ),
                ));
            }
        }
    }
    Ok(())
}
