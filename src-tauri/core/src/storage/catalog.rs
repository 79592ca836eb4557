//! SQL for `catalog_items`, `catalog_approval_steps` and `catalog_versions`.
//!
//! Every item has exactly one draft version row (`number IS NULL`) holding
//! the form the builder edits, and one row per published version
//! (`number` 1, 2, …), which triggers keep from ever changing (migration 3).
//! Forms are stored as JSON.

use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

use crate::catalog::{
    ApprovalKind, ApprovalStep, CatalogFilter, CatalogItem, CatalogSummary, CatalogVersion, Form,
    Fulfilment, ItemInput, RequestType, Sla, SlaUnit, Status,
};
use crate::error::Result;

const SELECT: &str = "
    SELECT i.id, i.name, i.short_description, i.long_description, i.icon, i.category,
           i.department_id, d.name, i.request_type, i.owner_id, o.name,
           i.assignment_group, i.tasks, i.sla_amount, i.sla_unit, i.status,
           i.source_import_id, i.created_at, i.updated_at, dv.form,
           (SELECT max(v.number) FROM catalog_versions v WHERE v.item_id = i.id),
           dv.form IS NOT (SELECT v.form FROM catalog_versions v
                           WHERE v.item_id = i.id AND v.number IS NOT NULL
                           ORDER BY v.number DESC LIMIT 1)
    FROM catalog_items i
    LEFT JOIN departments d ON d.id = i.department_id
    LEFT JOIN people o ON o.id = i.owner_id
    LEFT JOIN catalog_versions dv ON dv.item_id = i.id AND dv.number IS NULL";

const SELECT_SUMMARY: &str = "
    SELECT i.id, i.name, i.short_description, i.icon, i.category, i.department_id, d.name,
           i.request_type, i.status,
           (SELECT max(v.number) FROM catalog_versions v WHERE v.item_id = i.id),
           dv.form IS NOT (SELECT v.form FROM catalog_versions v
                           WHERE v.item_id = i.id AND v.number IS NOT NULL
                           ORDER BY v.number DESC LIMIT 1),
           i.updated_at, i.assignment_group
    FROM catalog_items i
    LEFT JOIN departments d ON d.id = i.department_id
    LEFT JOIN catalog_versions dv ON dv.item_id = i.id AND dv.number IS NULL";

/// A stored text that does not read as what it should be.
fn bad(column: usize, what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, what.into())
}

fn parsed<T>(row: &Row, column: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).ok_or_else(|| bad(column, format!("unknown value “{text}”")))
}

fn json<T: serde::de::DeserializeOwned>(row: &Row, column: usize) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    serde_json::from_str(&text).map_err(|e| bad(column, format!("unreadable JSON ({e})")))
}

fn from_row(row: &Row) -> rusqlite::Result<CatalogItem> {
    Ok(CatalogItem {
        id: row.get(0)?,
        name: row.get(1)?,
        short_description: row.get(2)?,
        long_description: row.get(3)?,
        icon: row.get(4)?,
        category: row.get(5)?,
        department_id: row.get(6)?,
        department_name: row.get(7)?,
        request_type: parsed(row, 8, RequestType::parse)?,
        owner_id: row.get(9)?,
        owner_name: row.get(10)?,
        fulfilment: Fulfilment {
            assignment_group: row.get(11)?,
            approvals: Vec::new(),
            tasks: json(row, 12)?,
        },
        sla: Sla {
            amount: row.get(13)?,
            unit: parsed(row, 14, SlaUnit::parse)?,
        },
        status: parsed(row, 15, Status::parse)?,
        source_import_id: row.get(16)?,
        created_at: row.get(17)?,
        updated_at: row.get(18)?,
        form: json(row, 19)?,
        published_version: row.get(20)?,
        has_unpublished_changes: row.get(21)?,
    })
}

fn summary_from_row(row: &Row) -> rusqlite::Result<CatalogSummary> {
    Ok(CatalogSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        short_description: row.get(2)?,
        icon: row.get(3)?,
        category: row.get(4)?,
        department_id: row.get(5)?,
        department_name: row.get(6)?,
        request_type: parsed(row, 7, RequestType::parse)?,
        status: parsed(row, 8, Status::parse)?,
        published_version: row.get(9)?,
        has_unpublished_changes: row.get(10)?,
        updated_at: row.get(11)?,
        assignment_group: row.get(12)?,
    })
}

fn approvals(conn: &Connection, id: i64) -> Result<Vec<ApprovalStep>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.kind, s.person_id, p.name, s.group_name
         FROM catalog_approval_steps s LEFT JOIN people p ON p.id = s.person_id
         WHERE s.item_id = ?1 ORDER BY s.position",
    )?;
    let steps = stmt
        .query_map([id], |r| {
            Ok(ApprovalStep {
                kind: parsed(r, 0, ApprovalKind::parse)?,
                person_id: r.get(1)?,
                person_name: r.get(2)?,
                group: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(steps)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<CatalogItem>> {
    let sql = format!("{SELECT} WHERE i.id = ?1");
    let item = conn.query_row(&sql, [id], from_row).optional()?;
    match item {
        Some(mut item) => {
            item.fulfilment.approvals = approvals(conn, id)?;
            Ok(Some(item))
        }
        None => Ok(None),
    }
}

/// Items matching the filter, by category then name.
pub fn list(conn: &Connection, filter: &CatalogFilter) -> Result<Vec<CatalogSummary>> {
    let sql = format!(
        "{SELECT_SUMMARY}
         WHERE (?1 IS NULL OR i.category = ?1 COLLATE NOCASE)
           AND (?2 IS NULL OR i.department_id = ?2)
           AND (?3 IS NULL OR i.status = ?3)
           AND (i.name LIKE ?4 ESCAPE '\\' OR i.short_description LIKE ?4 ESCAPE '\\'
                OR i.long_description LIKE ?4 ESCAPE '\\' OR i.category LIKE ?4 ESCAPE '\\')
         ORDER BY i.category COLLATE NOCASE, i.name COLLATE NOCASE, i.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            params![
                filter.category.as_deref().map(str::trim),
                filter.department_id,
                filter.status.map(Status::as_str),
                super::like_pattern(filter.query.trim()),
            ],
            summary_from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The categories in use, each once (case-insensitive), alphabetically.
pub fn categories(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT min(category) FROM catalog_items WHERE category <> ''
         GROUP BY category COLLATE NOCASE ORDER BY category COLLATE NOCASE",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// The columns the builder edits, as named parameters: an insert and an
/// update write the same ones, so they are listed once.
struct Edited<'a> {
    input: &'a ItemInput,
    tasks: String,
    request_type: &'static str,
    sla_unit: &'static str,
}

impl<'a> Edited<'a> {
    fn new(input: &'a ItemInput) -> Self {
        Edited {
            input,
            tasks: serde_json::to_string(&input.fulfilment.tasks)
                .expect("a list of strings serialises"),
            request_type: input.request_type.as_str(),
            sla_unit: input.sla.unit.as_str(),
        }
    }

    /// These columns' parameters followed by `more`.
    fn params<'p>(&'p self, more: &[(&'p str, &'p dyn ToSql)]) -> Vec<(&'p str, &'p dyn ToSql)> {
        let i = self.input;
        let mut all: Vec<(&str, &dyn ToSql)> = vec![
            (":name", &i.name),
            (":short_description", &i.short_description),
            (":long_description", &i.long_description),
            (":icon", &i.icon),
            (":category", &i.category),
            (":department_id", &i.department_id),
            (":request_type", &self.request_type),
            (":owner_id", &i.owner_id),
            (":assignment_group", &i.fulfilment.assignment_group),
            (":tasks", &self.tasks),
            (":sla_amount", &i.sla.amount),
            (":sla_unit", &self.sla_unit),
        ];
        all.extend_from_slice(more);
        all
    }
}

/// Inserts a draft item with its approval steps and its draft form.
pub fn insert(
    conn: &Connection,
    input: &ItemInput,
    form_json: &str,
    source_import_id: Option<i64>,
) -> Result<i64> {
    let now = chrono::Utc::now().to_rfc3339();
    let edited = Edited::new(input);
    conn.execute(
        "INSERT INTO catalog_items (name, short_description, long_description, icon, category,
                                    department_id, request_type, owner_id, assignment_group,
                                    tasks, sla_amount, sla_unit, status, source_import_id,
                                    created_at, updated_at)
         VALUES (:name, :short_description, :long_description, :icon, :category,
                 :department_id, :request_type, :owner_id, :assignment_group,
                 :tasks, :sla_amount, :sla_unit, 'draft', :source_import_id, :now, :now)",
        &*edited.params(&[(":source_import_id", &source_import_id), (":now", &now)]),
    )?;
    let id = conn.last_insert_rowid();
    replace_approvals(conn, id, &input.fulfilment.approvals)?;
    conn.execute(
        "INSERT INTO catalog_versions (item_id, number, form, published_at, updated_at)
         VALUES (?1, NULL, ?2, NULL, ?3)",
        params![id, form_json, now],
    )?;
    Ok(id)
}

/// Replaces everything the builder edits, the draft form included.
pub fn update(conn: &Connection, id: i64, input: &ItemInput, form_json: &str) -> Result<()> {
    let now = chrono::Utc::now().to_rfc3339();
    let edited = Edited::new(input);
    conn.execute(
        "UPDATE catalog_items SET name = :name, short_description = :short_description,
                long_description = :long_description, icon = :icon, category = :category,
                department_id = :department_id, request_type = :request_type,
                owner_id = :owner_id, assignment_group = :assignment_group, tasks = :tasks,
                sla_amount = :sla_amount, sla_unit = :sla_unit, updated_at = :now
         WHERE id = :id",
        &*edited.params(&[(":id", &id), (":now", &now)]),
    )?;
    replace_approvals(conn, id, &input.fulfilment.approvals)?;
    conn.execute(
        "UPDATE catalog_versions SET form = ?2, updated_at = ?3
         WHERE item_id = ?1 AND number IS NULL",
        params![id, form_json, now],
    )?;
    Ok(())
}

fn replace_approvals(conn: &Connection, id: i64, steps: &[ApprovalStep]) -> Result<()> {
    conn.execute(
        "DELETE FROM catalog_approval_steps WHERE item_id = ?1",
        [id],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO catalog_approval_steps (item_id, position, kind, person_id, group_name)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, step) in steps.iter().enumerate() {
        stmt.execute(params![
            id,
            position as i64 + 1,
            step.kind.as_str(),
            step.person_id,
            step.group,
        ])?;
    }
    Ok(())
}

pub fn set_status(conn: &Connection, id: i64, status: Status) -> Result<()> {
    conn.execute(
        "UPDATE catalog_items SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status.as_str(), chrono::Utc::now().to_rfc3339()],
    )?;
    Ok(())
}

/// The draft form's JSON.
pub fn draft_form(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT form FROM catalog_versions WHERE item_id = ?1 AND number IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The newest published version's number and form JSON.
pub fn latest_version(conn: &Connection, id: i64) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT number, form FROM catalog_versions
             WHERE item_id = ?1 AND number IS NOT NULL ORDER BY number DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Stores a published version; it can never change afterwards.
pub fn insert_version(conn: &Connection, id: i64, number: i64, form_json: &str) -> Result<()> {
    let now = chrono::Utc::now().to_rfc3339();
    conn.execute(
        "INSERT INTO catalog_versions (item_id, number, form, published_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![id, number, form_json, now],
    )?;
    Ok(())
}

fn version_from_row(row: &Row) -> rusqlite::Result<CatalogVersion> {
    Ok(CatalogVersion {
        item_id: row.get(0)?,
        number: row.get(1)?,
        form: json::<Form>(row, 2)?,
        published_at: row.get(3)?,
    })
}

/// The published versions of an item, oldest first.
pub fn versions(conn: &Connection, id: i64) -> Result<Vec<CatalogVersion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT item_id, number, form, published_at FROM catalog_versions
         WHERE item_id = ?1 AND number IS NOT NULL ORDER BY number",
    )?;
    let rows = stmt
        .query_map([id], version_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn version(conn: &Connection, id: i64, number: i64) -> Result<Option<CatalogVersion>> {
    Ok(conn
        .query_row(
            "SELECT item_id, number, form, published_at FROM catalog_versions
             WHERE item_id = ?1 AND number = ?2",
            [id, number],
            version_from_row,
        )
        .optional()?)
}

/// Deletes an item that was never published, with its draft and approval
/// steps; returns whether it existed.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    conn.execute(
        "DELETE FROM catalog_versions WHERE item_id = ?1 AND number IS NULL",
        [id],
    )?;
    Ok(conn.execute("DELETE FROM catalog_items WHERE id = ?1", [id])? > 0)
}

/// The items made from an import.
pub fn made_from(conn: &Connection, import_id: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare("SELECT id FROM catalog_items WHERE source_import_id = ?1 ORDER BY id")?;
    let ids = stmt.query_map([import_id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Records that an item now comes from another import (one that replaced
/// its first).
pub fn set_source_import(conn: &Connection, item_id: i64, import_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE catalog_items SET source_import_id = ?2 WHERE id = ?1",
        params![item_id, import_id],
    )?;
    Ok(())
}
