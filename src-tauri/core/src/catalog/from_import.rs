//! Making a draft catalog item from an import: a form-definition import
//! becomes the form as written; a response or list import becomes a form of
//! its inferred fields, without the tool's system columns (the importer
//! leaves those out already) and without the columns that fill a request's
//! roles (id, opened, closed, requester, status), which describe requests
//! rather than ask anything.

use std::collections::HashSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::form::{is_key, key_from_label, Choice, Form, FormField};
use super::item::{CatalogItem, ItemInput, RequestType};
use super::{insert, normalise, NAME_MAX};
use crate::error::{Error, Result};
use crate::import::{ColumnRole, Field, Inspection, Source};
use crate::storage;
use crate::workspace::Workspace;

/// What a new item from a file starts with, shown to the user to confirm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub name: String,
    /// A providing department the file name mentions (`hr` → Human
    /// Resources), when exactly one does.
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    pub request_type: RequestType,
}

/// A name from a file name: `sharepoint-hr_onboarding.csv` →
/// `Sharepoint Hr Onboarding`.
pub fn suggest_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let words: Vec<String> = stem
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    let name = words.join(" ");
    let name: String = name.chars().take(NAME_MAX).collect();
    if name.trim().is_empty() {
        "Imported form".into()
    } else {
        name.trim().to_owned()
    }
}

/// The suggestion for a file: its name, the department it mentions, and
/// request type `service`.
pub fn suggest(ws: &Workspace, file_name: &str) -> Result<Suggestion> {
    Ok(Suggestion {
        name: suggest_name(file_name),
        department_id: department_in(ws, file_name)?,
        request_type: RequestType::Service,
    })
}

/// The suggestion for a stored import. A title row above the header
/// (`Accounts payable exceptions log`) names the file better than its file
/// name; a SharePoint export names its list in the `Path` column
/// (`sites/HR/Lists/New Hire Onboarding`), and its list name and site are
/// preferred to both.
pub fn suggest_for_import(ws: &Workspace, import_id: i64) -> Result<Suggestion> {
    let (file_name, inspection) = stored_inspection(ws.conn(), import_id)?;
    let mut suggestion = suggest(ws, &file_name)?;
    if let Some(title) = &inspection.title {
        suggestion.name = title.chars().take(NAME_MAX).collect();
        if suggestion.department_id.is_none() {
            suggestion.department_id = department_in(ws, title)?;
        }
    }
    if inspection.source == Source::Sharepoint {
        if let Some(path) = first_cell(ws, import_id, "Path")? {
            if let Some((site, list)) = sharepoint_list(&path) {
                suggestion.name = list.chars().take(NAME_MAX).collect();
                if suggestion.department_id.is_none() {
                    suggestion.department_id = department_in(ws, site)?;
                }
            }
        }
    }
    Ok(suggestion)
}

/// The site and list of a SharePoint item path such as
/// `sites/HR/Lists/New Hire Onboarding`.
fn sharepoint_list(path: &str) -> Option<(&str, &str)> {
    let (before, after) = path.split_once("/Lists/")?;
    let list = after.split('/').next()?.trim();
    let site = before.rsplit('/').next().unwrap_or("");
    (!list.is_empty()).then_some((site, list))
}

/// The first row's cell in the column with this header, if any.
fn first_cell(ws: &Workspace, import_id: i64, column: &str) -> Result<Option<String>> {
    let columns = crate::import::columns(ws, import_id)?;
    let Some(index) = columns.iter().position(|c| c.column == column) else {
        return Ok(None);
    };
    let rows = crate::import::rows(ws, import_id, 0, 1)?;
    Ok(rows
        .first()
        .and_then(|r| r.cells.get(index))
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty()))
}

/// The normalised draft a stored import makes, and whether the import's
/// rows say when each request was opened (an `opened_at` column), so that
/// they can become the item's baseline; a form definition never does. The
/// item is created, with its baseline, by `flows::create_from_import`.
pub(crate) fn draft_of_import(
    ws: &Workspace,
    import_id: i64,
    suggestion: &Suggestion,
) -> Result<(ItemInput, bool)> {
    let (_, inspection) = stored_inspection(ws.conn(), import_id)?;
    let input = normalise(input_of(suggestion, &form_fields(&inspection)));
    let dated = inspection.source != Source::FormDefinition && inspection.roles.opened_at.is_some();
    Ok((input, dated))
}

/// Creates a draft item from a plain list of inferred fields (the importer's
/// shape), all of which become form fields, e.g. from an inspection that was
/// not imported.
pub fn create_from_fields(
    ws: &mut Workspace,
    suggestion: &Suggestion,
    fields: &[Field],
) -> Result<CatalogItem> {
    create_item(ws, suggestion, None, fields)
}

fn create_item(
    ws: &mut Workspace,
    suggestion: &Suggestion,
    source_import: Option<i64>,
    fields: &[Field],
) -> Result<CatalogItem> {
    insert(ws, input_of(suggestion, fields), source_import)
}

fn input_of(suggestion: &Suggestion, fields: &[Field]) -> ItemInput {
    let mut input = ItemInput::draft(&suggestion.name);
    input.department_id = suggestion.department_id;
    input.request_type = suggestion.request_type;
    input.form = form_of(fields);
    input
}

/// The fields of an import that become form fields.
fn form_fields(inspection: &Inspection) -> Vec<Field> {
    if inspection.source == Source::FormDefinition {
        return inspection.fields.clone();
    }
    // A request's own record-keeping is not a question on its form; what
    // it is for (the person it is for, its priority, its category) is.
    let roles: Vec<&str> = inspection
        .roles
        .slots()
        .into_iter()
        .filter(|(role, _)| {
            !matches!(
                role,
                ColumnRole::RequestedFor | ColumnRole::Priority | ColumnRole::Category
            )
        })
        .filter_map(|(_, c)| c.as_deref())
        .collect();
    inspection
        .fields
        .iter()
        .filter(|f| !roles.contains(&f.column.as_str()))
        .cloned()
        .collect()
}

/// A form of the importer's fields: the header (or question) is the label,
/// the importer's snake_case name the key, choices keep their order.
fn form_of(fields: &[Field]) -> Form {
    let mut keys = HashSet::new();
    let mut out = Vec::with_capacity(fields.len());
    for f in fields {
        let base = if is_key(&f.name) {
            f.name.clone()
        } else {
            key_from_label(&f.name)
        };
        let mut key = base.clone();
        let mut n = 2;
        while !keys.insert(key.clone()) {
            key = format!("{base}_{n}");
            n += 1;
        }
        let mut field = FormField::new(&key, &f.column, f.field_type);
        field.required = f.required;
        field.help = f.help.clone().unwrap_or_default();
        field.section = f.section.clone();
        if field.has_choices() {
            // A definition's codes (`1` of `1, Male`) become the choices'
            // ids when they are usable as ids; otherwise ids are made from
            // the labels when the form is saved.
            let codes = f.codes.as_deref().unwrap_or_default();
            field.choices = f
                .choices
                .iter()
                .flatten()
                .enumerate()
                .map(|(i, label)| {
                    let id = codes
                        .get(i)
                        .filter(|c| is_key(c))
                        .map_or("", |c| c.as_str());
                    Choice::new(id, label)
                })
                .collect();
        }
        out.push(field);
    }
    // Choice ids are made from the labels when the form is saved.
    Form { fields: out }
}

pub(crate) fn stored_inspection(conn: &Connection, import_id: i64) -> Result<(String, Inspection)> {
    let (file_name, json) =
        storage::imports::inspection(conn, import_id)?.ok_or(Error::NotFound {
            what: "Import",
            id: import_id,
        })?;
    let inspection = serde_json::from_str(&json).map_err(|e| Error::Corrupt {
        path: conn.path().unwrap_or_default().into(),
        reason: format!("import {import_id} has an unreadable schema ({e})"),
    })?;
    Ok((file_name, inspection))
}

/// Words people put in file names for a department.
const ALIASES: &[(&str, &str)] = &[
    ("hr", "human resources"),
    ("personnel", "human resources"),
    ("onboarding", "human resources"),
    ("ap", "finance"),
    ("expense", "finance"),
    ("expenses", "finance"),
    ("purchasing", "procurement"),
    ("purchase", "procurement"),
    ("legal", "legal"),
    ("contract", "legal"),
    ("facility", "facilities"),
];

/// The one providing department a file name mentions, by name or by a
/// common alias; none when no department or more than one does.
fn department_in(ws: &Workspace, file_name: &str) -> Result<Option<i64>> {
    let words: Vec<String> = file_name
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let mut found = Vec::new();
    for dept in storage::departments::list(ws.conn(), "")? {
        if !dept.is_provider {
            continue;
        }
        let name = dept.name.to_lowercase();
        let by_name = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(has);
        let by_alias = ALIASES.iter().any(|(alias, d)| *d == name && has(alias));
        if by_name || by_alias {
            found.push(dept.id);
        }
    }
    Ok(if found.len() == 1 { found.pop() } else { None })
}
