//! SQL for `use_cases`, the backlog.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, ToSql};

use crate::error::Result;
use crate::shapes::use_case::{score, Channel, LinkedPilot, Status, UseCase, UseCaseInput};
use crate::value::{self, Assumptions};

const SELECT: &str = "
    SELECT u.id, u.department_id, d.name, u.process, u.pain, u.channel,
           u.minutes_per_request, u.outcome, u.kpi, u.effort_days, u.sponsor_id,
           p.name, u.status, u.quarter, u.assumptions, u.source_import_id, u.updated_at
    FROM use_cases u
    LEFT JOIN departments d ON d.id = u.department_id
    LEFT JOIN people p ON p.id = u.sponsor_id";

fn from_row(row: &Row) -> rusqlite::Result<UseCase> {
    let text = |i: usize, e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    };
    let channel: String = row.get(5)?;
    let status: String = row.get(12)?;
    let assumptions: String = row.get(14)?;
    let assumptions: Assumptions =
        serde_json::from_str(&assumptions).map_err(|e| text(14, e.to_string()))?;
    let value = value::estimate(&assumptions);
    let effort_days: f64 = row.get(9)?;
    Ok(UseCase {
        id: row.get(0)?,
        department_id: row.get(1)?,
        department_name: row.get(2)?,
        process: row.get(3)?,
        pain: row.get(4)?,
        channel: Channel::parse(&channel).ok_or_else(|| text(5, channel.clone()))?,
        minutes_per_request: row.get(6)?,
        outcome: row.get(7)?,
        kpi: row.get(8)?,
        effort_days,
        sponsor_id: row.get(10)?,
        sponsor_name: row.get(11)?,
        status: Status::parse(&status).ok_or_else(|| text(12, status.clone()))?,
        quarter: row.get(13)?,
        score: score(&value, effort_days),
        assumptions,
        value,
        source_import_id: row.get(15)?,
        updated_at: row.get(16)?,
        pilots: Vec::new(),
    })
}

pub fn list(conn: &Connection) -> Result<Vec<UseCase>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY u.id"))?;
    let mut rows: Vec<UseCase> = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut linked = linked_pilots(conn, None)?;
    for u in &mut rows {
        u.pilots = linked.remove(&u.id).unwrap_or_default();
    }
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<UseCase>> {
    let sql = format!("{SELECT} WHERE u.id = ?1");
    let Some(mut found) = conn.query_row(&sql, [id], from_row).optional()? else {
        return Ok(None);
    };
    found.pilots = linked_pilots(conn, Some(id))?
        .remove(&id)
        .unwrap_or_default();
    Ok(Some(found))
}

/// The pilots linked to use cases (to one, or to all when `only` is none),
/// by use case, each list in the order the pilots were made.
fn linked_pilots(conn: &Connection, only: Option<i64>) -> Result<HashMap<i64, Vec<LinkedPilot>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT use_case_id, id, name, state FROM pilots
         WHERE use_case_id IS NOT NULL AND (?1 IS NULL OR use_case_id = ?1)
         ORDER BY id",
    )?;
    let mut out: HashMap<i64, Vec<LinkedPilot>> = HashMap::new();
    let rows = stmt.query_map([only], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            LinkedPilot {
                id: r.get(1)?,
                name: r.get(2)?,
                state: r.get(3)?,
            },
        ))
    })?;
    for row in rows {
        let (use_case, pilot) = row?;
        out.entry(use_case).or_default().push(pilot);
    }
    Ok(out)
}

/// Runs `f` with the values of the columns an input sets, in the order
/// `insert` and `update` name them (`?1` to `?12`).
fn with_fields<T>(input: &UseCaseInput, f: impl FnOnce(&[&dyn ToSql]) -> T) -> T {
    let assumptions = serde_json::to_string(&input.assumptions).expect("assumptions serialize");
    f(&[
        &input.department_id,
        &input.process,
        &input.pain,
        &input.channel.as_str(),
        &input.minutes_per_request,
        &input.outcome,
        &input.kpi,
        &input.effort_days,
        &input.sponsor_id,
        &input.status.as_str(),
        &input.quarter,
        &assumptions,
    ])
}

/// Inserts a use case; `source` is the import and 1-based row it came from.
pub fn insert(conn: &Connection, input: &UseCaseInput, source: Option<(i64, u64)>) -> Result<i64> {
    let now = chrono::Utc::now().to_rfc3339();
    let (import_id, row) = (source.map(|s| s.0), source.map(|s| s.1 as i64));
    with_fields(input, |fields| {
        let mut params = fields.to_vec();
        params.extend([&import_id as &dyn ToSql, &row, &now]);
        conn.prepare_cached(
            "INSERT INTO use_cases (department_id, process, pain, channel, minutes_per_request,
                                    outcome, kpi, effort_days, sponsor_id, status, quarter,
                                    assumptions, source_import_id, source_row, created_at,
                                    updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        )?
        .execute(params.as_slice())
    })?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, input: &UseCaseInput) -> Result<()> {
    let now = chrono::Utc::now().to_rfc3339();
    with_fields(input, |fields| {
        let mut params = fields.to_vec();
        params.extend([&now as &dyn ToSql, &id]);
        conn.execute(
            "UPDATE use_cases SET department_id = ?1, process = ?2, pain = ?3, channel = ?4,
                    minutes_per_request = ?5, outcome = ?6, kpi = ?7, effort_days = ?8,
                    sponsor_id = ?9, status = ?10, quarter = ?11, assumptions = ?12,
                    updated_at = ?13
             WHERE id = ?14",
            params.as_slice(),
        )
    })?;
    Ok(())
}

/// Deletes a use case; returns whether it existed.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM use_cases WHERE id = ?1", [id])? > 0)
}

/// What a department provides through the catalog so far.
pub struct DepartmentServices {
    pub department_id: i64,
    pub items: i64,
    pub published: i64,
    pub baseline_requests: i64,
    /// The calendar months the baseline requests were opened in.
    pub baseline_months: i64,
}

/// Per department: catalog items and the baseline requests of its items,
/// for the programme view and the ESM primer. Departments without items
/// are left out.
pub fn department_services(conn: &Connection) -> Result<Vec<DepartmentServices>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.department_id, count(DISTINCT c.id),
                count(DISTINCT CASE WHEN c.status = 'published' THEN c.id END),
                (SELECT count(*) FROM requests r JOIN catalog_items i ON i.id = r.catalog_item_id
                  WHERE i.department_id = c.department_id AND r.origin = 'baseline'),
                (SELECT count(DISTINCT substr(r.opened_at, 1, 7)) FROM requests r
                  JOIN catalog_items i ON i.id = r.catalog_item_id
                  WHERE i.department_id = c.department_id AND r.origin = 'baseline')
         FROM catalog_items c WHERE c.department_id IS NOT NULL
         GROUP BY c.department_id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(DepartmentServices {
                department_id: r.get(0)?,
                items: r.get(1)?,
                published: r.get(2)?,
                baseline_requests: r.get(3)?,
                baseline_months: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
