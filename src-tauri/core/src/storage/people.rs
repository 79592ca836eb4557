//! SQL for `people` and `person_roles`.

use rusqlite::{Connection, OptionalExtension, Row, ToSql};

use crate::directory::{Person, PersonInput, Role};
use crate::error::Result;

const SELECT: &str = "
    SELECT p.id, p.name, p.email, p.department_id, d.name, p.manager_id, m.name,
           (SELECT group_concat(role, ',') FROM person_roles r WHERE r.person_id = p.id)
    FROM people p
    LEFT JOIN departments d ON d.id = p.department_id
    LEFT JOIN people m ON m.id = p.manager_id";

fn from_row(row: &Row) -> rusqlite::Result<Person> {
    let roles: Option<String> = row.get(7)?;
    let mut roles: Vec<Role> = roles
        .unwrap_or_default()
        .split(',')
        .filter_map(Role::parse)
        .collect();
    roles.sort_by_key(|r| *r as u8);
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        department_id: row.get(3)?,
        department_name: row.get(4)?,
        manager_id: row.get(5)?,
        manager_name: row.get(6)?,
        roles,
    })
}

/// People whose name, e-mail or department contains `query`, by name.
pub fn list(conn: &Connection, query: &str) -> Result<Vec<Person>> {
    // A negative LIMIT is no limit in SQLite.
    first(conn, query, -1)
}

/// The first `limit` people [`list`] finds, counted in SQL, so a search
/// that matches most of a large directory reads only what it shows.
pub fn first(conn: &Connection, query: &str, limit: i64) -> Result<Vec<Person>> {
    let sql = format!(
        "{SELECT} WHERE p.name LIKE ?1 ESCAPE '\\' OR p.email LIKE ?1 ESCAPE '\\'
                  OR d.name LIKE ?1 ESCAPE '\\'
         ORDER BY p.name COLLATE NOCASE, p.id LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let people = stmt
        .query_map(
            rusqlite::params![super::like_pattern(query), limit],
            from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(people)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Person>> {
    let sql = format!("{SELECT} WHERE p.id = ?1");
    Ok(conn.query_row(&sql, [id], from_row).optional()?)
}

/// The id and name of whoever has this e-mail (compared case-insensitively).
/// The person with this e-mail, compared without regard to case in any
/// script (see `departments::id_by_name`).
pub fn by_email(conn: &Connection, email: &str) -> Result<Option<(i64, String)>> {
    let wanted = email.to_lowercase();
    let mut stmt = conn.prepare_cached("SELECT id, name, email FROM people")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if row.get::<_, String>(2)?.to_lowercase() == wanted {
            return Ok(Some((row.get(0)?, row.get(1)?)));
        }
    }
    Ok(None)
}

/// The ids of everyone with this name, compared without regard to case
/// or surrounding spaces, by id.
pub fn ids_by_name(conn: &Connection, name: &str) -> Result<Vec<i64>> {
    let wanted = name.trim().to_lowercase();
    let mut stmt = conn.prepare_cached("SELECT id, name FROM people ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        if row.get::<_, String>(1)?.trim().to_lowercase() == wanted {
            out.push(row.get(0)?);
        }
    }
    Ok(out)
}

pub fn name_and_manager(conn: &Connection, id: i64) -> Result<Option<(String, Option<i64>)>> {
    Ok(conn
        .query_row(
            "SELECT name, manager_id FROM people WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn insert(conn: &Connection, input: &PersonInput) -> Result<i64> {
    let now = chrono::Utc::now().to_rfc3339();
    conn.execute(
        "INSERT INTO people (name, email, department_id, manager_id, created_at, updated_at)
         VALUES (:name, :email, :department_id, :manager_id, :now, :now)",
        &*columns(input, &[(":now", &now)]),
    )?;
    let id = conn.last_insert_rowid();
    replace_roles(conn, id, &input.roles)?;
    Ok(id)
}

pub fn update(conn: &Connection, id: i64, input: &PersonInput) -> Result<()> {
    let now = chrono::Utc::now().to_rfc3339();
    conn.execute(
        "UPDATE people SET name = :name, email = :email, department_id = :department_id,
                manager_id = :manager_id, updated_at = :now
         WHERE id = :id",
        &*columns(input, &[(":id", &id), (":now", &now)]),
    )?;
    replace_roles(conn, id, &input.roles)
}

/// The columns a person form writes, as named parameters, followed by
/// `more`: an insert and an update write the same ones.
fn columns<'a>(
    input: &'a PersonInput,
    more: &[(&'a str, &'a dyn ToSql)],
) -> Vec<(&'a str, &'a dyn ToSql)> {
    let mut all: Vec<(&str, &dyn ToSql)> = vec![
        (":name", &input.name),
        (":email", &input.email),
        (":department_id", &input.department_id),
        (":manager_id", &input.manager_id),
    ];
    all.extend_from_slice(more);
    all
}

fn replace_roles(conn: &Connection, id: i64, roles: &[Role]) -> Result<()> {
    conn.execute("DELETE FROM person_roles WHERE person_id = ?1", [id])?;
    let mut stmt =
        conn.prepare_cached("INSERT INTO person_roles (person_id, role) VALUES (?1, ?2)")?;
    for role in roles {
        stmt.execute((id, role.as_str()))?;
    }
    Ok(())
}

/// Deletes a person; returns whether they existed.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM people WHERE id = ?1", [id])? > 0)
}

pub fn report_count(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM people WHERE manager_id = ?1",
        [id],
        |r| r.get(0),
    )?)
}
