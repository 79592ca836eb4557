//! SQL for `departments` and `department_holidays`.

use rusqlite::{Connection, OptionalExtension, Row, ToSql};

use crate::directory::{BusinessHours, Department, DepartmentInput, Holiday, Weekday};
use crate::error::Result;

const SELECT: &str = "
    SELECT d.id, d.name, d.is_requester, d.is_provider, d.head_id, h.name,
           d.time_zone, d.working_days, d.day_start, d.day_end,
           (SELECT count(*) FROM people p WHERE p.department_id = d.id)
    FROM departments d LEFT JOIN people h ON h.id = d.head_id";

fn from_row(row: &Row) -> rusqlite::Result<Department> {
    Ok(Department {
        id: row.get(0)?,
        name: row.get(1)?,
        is_requester: row.get(2)?,
        is_provider: row.get(3)?,
        head_id: row.get(4)?,
        head_name: row.get(5)?,
        hours: BusinessHours {
            time_zone: row.get(6)?,
            working_days: Weekday::from_mask(row.get(7)?),
            day_start: row.get(8)?,
            day_end: row.get(9)?,
            holidays: Vec::new(),
        },
        people_count: row.get(10)?,
    })
}

fn with_holidays(conn: &Connection, mut dept: Department) -> Result<Department> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, name FROM department_holidays WHERE department_id = ?1 ORDER BY date",
    )?;
    dept.hours.holidays = stmt
        .query_map([dept.id], |r| {
            Ok(Holiday {
                date: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(dept)
}

/// Departments whose name contains `query` (case-insensitive), by name.
pub fn list(conn: &Connection, query: &str) -> Result<Vec<Department>> {
    let sql = format!("{SELECT} WHERE d.name LIKE ?1 ESCAPE '\\' ORDER BY d.name COLLATE NOCASE");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([super::like_pattern(query)], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|d| with_holidays(conn, d)).collect()
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Department>> {
    let sql = format!("{SELECT} WHERE d.id = ?1");
    let dept = conn.query_row(&sql, [id], from_row).optional()?;
    dept.map(|d| with_holidays(conn, d)).transpose()
}

/// The department with this name, compared without regard to case in any
/// script (SQLite's NOCASE folds ASCII only: "Ärzte" and "ärzte" would
/// differ). A directory is small, so the names are compared here.
pub fn id_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    let wanted = name.to_lowercase();
    let mut stmt = conn.prepare_cached("SELECT id, name FROM departments")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if row.get::<_, String>(1)?.to_lowercase() == wanted {
            return Ok(Some(row.get(0)?));
        }
    }
    Ok(None)
}

pub fn insert(conn: &Connection, input: &DepartmentInput) -> Result<i64> {
    let now = chrono::Utc::now().to_rfc3339();
    let mask = Weekday::to_mask(&input.hours.working_days);
    conn.execute(
        "INSERT INTO departments (name, is_requester, is_provider, head_id, time_zone,
                                  working_days, day_start, day_end, created_at, updated_at)
         VALUES (:name, :is_requester, :is_provider, :head_id, :time_zone,
                 :working_days, :day_start, :day_end, :now, :now)",
        &*columns(input, &mask, &[(":now", &now)]),
    )?;
    let id = conn.last_insert_rowid();
    replace_holidays(conn, id, &input.hours.holidays)?;
    Ok(id)
}

pub fn update(conn: &Connection, id: i64, input: &DepartmentInput) -> Result<()> {
    let now = chrono::Utc::now().to_rfc3339();
    let mask = Weekday::to_mask(&input.hours.working_days);
    conn.execute(
        "UPDATE departments SET name = :name, is_requester = :is_requester,
                is_provider = :is_provider, head_id = :head_id, time_zone = :time_zone,
                working_days = :working_days, day_start = :day_start, day_end = :day_end,
                updated_at = :now
         WHERE id = :id",
        &*columns(input, &mask, &[(":id", &id), (":now", &now)]),
    )?;
    replace_holidays(conn, id, &input.hours.holidays)
}

/// The columns a department form writes, as named parameters, followed by
/// `more`: an insert and an update write the same ones.
fn columns<'a>(
    input: &'a DepartmentInput,
    working_days: &'a i64,
    more: &[(&'a str, &'a dyn ToSql)],
) -> Vec<(&'a str, &'a dyn ToSql)> {
    let mut all: Vec<(&str, &dyn ToSql)> = vec![
        (":name", &input.name),
        (":is_requester", &input.is_requester),
        (":is_provider", &input.is_provider),
        (":head_id", &input.head_id),
        (":time_zone", &input.hours.time_zone),
        (":working_days", working_days),
        (":day_start", &input.hours.day_start),
        (":day_end", &input.hours.day_end),
    ];
    all.extend_from_slice(more);
    all
}

fn replace_holidays(conn: &Connection, id: i64, holidays: &[Holiday]) -> Result<()> {
    conn.execute(
        "DELETE FROM department_holidays WHERE department_id = ?1",
        [id],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO department_holidays (department_id, date, name) VALUES (?1, ?2, ?3)",
    )?;
    for h in holidays {
        stmt.execute((id, &h.date, &h.name))?;
    }
    Ok(())
}

/// Deletes a department; returns whether it existed.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM departments WHERE id = ?1", [id])? > 0)
}

pub fn member_count(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM people WHERE department_id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

/// Names of the departments headed by a person.
pub fn headed_by(conn: &Connection, person: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM departments WHERE head_id = ?1 ORDER BY name")?;
    let names = stmt
        .query_map([person], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}
