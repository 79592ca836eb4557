//! SQL for `pilots`, `pilot_items` and `pilot_participants` (migration 6),
//! and the fulfillers' assignment groups, `pilot_fulfiller_groups`
//! (migration 20).

use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::pilots::{
    Goals, Participant, ParticipantRole, Pilot, PilotInput, PilotItem, PilotState, PilotSummary,
};

const SELECT: &str = "
    SELECT p.id, p.name, p.department_id, d.name, p.sponsor_id, s.name, p.planned_start,
           p.planned_end, p.state, p.started_at, p.ended_at, p.end_summary, p.reopen_days,
           p.auto_close_days, p.warning_percent, p.goal_turnaround_hours, p.goal_sla_percent,
           p.goal_satisfaction, p.goal_monthly_volume, p.created_at, p.updated_at,
           p.use_case_id, u.process
    FROM pilots p
    LEFT JOIN departments d ON d.id = p.department_id
    LEFT JOIN people s ON s.id = p.sponsor_id
    LEFT JOIN use_cases u ON u.id = p.use_case_id";

fn state(row: &Row, i: usize) -> rusqlite::Result<PilotState> {
    let text: String = row.get(i)?;
    PilotState::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            Type::Text,
            format!("unknown state {text}").into(),
        )
    })
}

fn from_row(row: &Row) -> rusqlite::Result<Pilot> {
    Ok(Pilot {
        id: row.get(0)?,
        name: row.get(1)?,
        department_id: row.get(2)?,
        department_name: row.get(3)?,
        sponsor_id: row.get(4)?,
        sponsor_name: row.get(5)?,
        planned_start: row.get(6)?,
        planned_end: row.get(7)?,
        state: state(row, 8)?,
        started_at: row.get(9)?,
        ended_at: row.get(10)?,
        end_summary: row.get(11)?,
        reopen_days: row.get(12)?,
        auto_close_days: row.get(13)?,
        warning_percent: row.get(14)?,
        goals: Goals {
            turnaround_hours: row.get(15)?,
            sla_percent: row.get(16)?,
            satisfaction: row.get(17)?,
            monthly_volume: row.get(18)?,
        },
        created_at: row.get(19)?,
        updated_at: row.get(20)?,
        use_case_id: row.get(21)?,
        use_case_process: row.get(22)?,
        items: Vec::new(),
        participants: Vec::new(),
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Pilot>> {
    let sql = format!("{SELECT} WHERE p.id = ?1");
    let Some(mut pilot) = conn.query_row(&sql, [id], from_row).optional()? else {
        return Ok(None);
    };
    pilot.items = items(conn, id)?;
    pilot.participants = participants(conn, id)?;
    Ok(Some(pilot))
}

pub fn list(conn: &Connection) -> Result<Vec<PilotSummary>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, d.name, p.state, p.planned_start, p.planned_end,
                (SELECT count(*) FROM pilot_items i WHERE i.pilot_id = p.id),
                (SELECT count(*) FROM requests r WHERE r.pilot_id = p.id AND r.rehearsal = 0),
                (SELECT count(*) FROM requests r WHERE r.pilot_id = p.id AND r.rehearsal = 1)
         FROM pilots p LEFT JOIN departments d ON d.id = p.department_id
         ORDER BY p.state = 'ended', p.name COLLATE NOCASE, p.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(PilotSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            department_name: r.get(2)?,
            state: state(r, 3)?,
            planned_start: r.get(4)?,
            planned_end: r.get(5)?,
            items: r.get(6)?,
            requests: r.get(7)?,
            rehearsal_requests: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn items(conn: &Connection, id: i64) -> Result<Vec<PilotItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.name, c.status, c.department_id,
                (SELECT max(number) FROM catalog_versions v WHERE v.item_id = c.id),
                c.assignment_group
         FROM pilot_items i JOIN catalog_items c ON c.id = i.item_id
         WHERE i.pilot_id = ?1 ORDER BY c.name COLLATE NOCASE, c.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(PilotItem {
            id: r.get(0)?,
            name: r.get(1)?,
            published: r.get::<_, String>(2)? == "published",
            department_id: r.get(3)?,
            published_version: r.get(4)?,
            assignment_group: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn participants(conn: &Connection, id: i64) -> Result<Vec<Participant>> {
    let mut stmt = conn.prepare_cached(
        "SELECT pp.person_id, p.name, pp.role, p.manager_id
         FROM pilot_participants pp JOIN people p ON p.id = pp.person_id
         WHERE pp.pilot_id = ?1 ORDER BY pp.role, p.name COLLATE NOCASE, p.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let role: String = r.get(2)?;
        Ok(Participant {
            person_id: r.get(0)?,
            person_name: r.get(1)?,
            role: ParticipantRole::parse(&role).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(2, Type::Text, "unknown role".into())
            })?,
            manager_id: r.get(3)?,
            groups: Vec::new(),
        })
    })?;
    let mut people: Vec<Participant> = rows.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, group_name FROM pilot_fulfiller_groups
         WHERE pilot_id = ?1 ORDER BY group_name, person_id",
    )?;
    let groups = stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in groups {
        let (person, group) = row?;
        let fulfiller = people
            .iter_mut()
            .find(|p| p.person_id == person && p.role == ParticipantRole::Fulfiller);
        if let Some(fulfiller) = fulfiller {
            fulfiller.groups.push(group);
        }
    }
    Ok(people)
}

/// Inserts a pilot with its items and participants; returns its id.
pub fn insert(conn: &Connection, input: &PilotInput, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO pilots (name, created_at, updated_at) VALUES (?1, ?2, ?2)",
        params![input.name, now],
    )?;
    let id = conn.last_insert_rowid();
    update(conn, id, input, now)?;
    Ok(id)
}

/// Replaces everything the editor edits, items and participants included.
pub fn update(conn: &Connection, id: i64, input: &PilotInput, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE pilots SET name = ?2, department_id = ?3, sponsor_id = ?4, planned_start = ?5,
                planned_end = ?6, reopen_days = ?7, auto_close_days = ?8, warning_percent = ?9,
                goal_turnaround_hours = ?10, goal_sla_percent = ?11, goal_satisfaction = ?12,
                goal_monthly_volume = ?13, updated_at = ?14, use_case_id = ?15
         WHERE id = ?1",
        params![
            id,
            input.name,
            input.department_id,
            input.sponsor_id,
            input.planned_start,
            input.planned_end,
            input.reopen_days,
            input.auto_close_days,
            input.warning_percent,
            input.goals.turnaround_hours,
            input.goals.sla_percent,
            input.goals.satisfaction,
            input.goals.monthly_volume,
            now,
            input.use_case_id
        ],
    )?;
    conn.execute("DELETE FROM pilot_items WHERE pilot_id = ?1", [id])?;
    for item in &input.item_ids {
        conn.execute(
            "INSERT OR IGNORE INTO pilot_items (pilot_id, item_id) VALUES (?1, ?2)",
            [id, *item],
        )?;
    }
    conn.execute(
        "DELETE FROM pilot_fulfiller_groups WHERE pilot_id = ?1",
        [id],
    )?;
    conn.execute("DELETE FROM pilot_participants WHERE pilot_id = ?1", [id])?;
    for p in &input.participants {
        conn.execute(
            "INSERT OR IGNORE INTO pilot_participants (pilot_id, person_id, role) VALUES (?1, ?2, ?3)",
            params![id, p.person_id, p.role.as_str()],
        )?;
        for group in &p.groups {
            conn.execute(
                "INSERT OR IGNORE INTO pilot_fulfiller_groups (pilot_id, person_id, group_name)
                 VALUES (?1, ?2, ?3)",
                params![id, p.person_id, group],
            )?;
        }
    }
    Ok(())
}

/// The assignment groups a fulfiller of a pilot works in, by name; none
/// when they work every group.
pub fn fulfiller_groups(conn: &Connection, pilot: i64, person: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT group_name FROM pilot_fulfiller_groups
         WHERE pilot_id = ?1 AND person_id = ?2 ORDER BY group_name",
    )?;
    let rows = stmt.query_map([pilot, person], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_state(
    conn: &Connection,
    id: i64,
    state: PilotState,
    at: &str,
    summary: Option<&str>,
) -> Result<()> {
    let column = match state {
        PilotState::Running => "started_at",
        PilotState::Ended => "ended_at",
        PilotState::Planned => "updated_at",
    };
    conn.execute(
        &format!(
            "UPDATE pilots SET state = ?2, {column} = ?3, updated_at = ?3,
                    end_summary = coalesce(?4, end_summary) WHERE id = ?1"
        ),
        params![id, state.as_str(), at, summary],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM pilots WHERE id = ?1", [id])? > 0)
}

/// Whether a person takes part in a pilot in a role.
pub fn has_role(conn: &Connection, pilot: i64, person: i64, role: ParticipantRole) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT 1 FROM pilot_participants WHERE pilot_id = ?1 AND person_id = ?2 AND role = ?3",
    )?;
    Ok(stmt.exists(params![pilot, person, role.as_str()])?)
}

/// People of a pilot in one role, by id.
pub fn people_in_role(conn: &Connection, pilot: i64, role: ParticipantRole) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id FROM pilot_participants WHERE pilot_id = ?1 AND role = ?2 ORDER BY person_id",
    )?;
    let rows = stmt.query_map(params![pilot, role.as_str()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When the first pilot that has run with this item started (running or
/// ended pilots only; UTC text).
pub fn first_start_with_item(conn: &Connection, item_id: i64) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT min(p.started_at) FROM pilots p JOIN pilot_items i ON i.pilot_id = p.id
         WHERE i.item_id = ?1 AND p.state IN ('running', 'ended')",
    )?;
    Ok(stmt.query_row([item_id], |r| r.get(0))?)
}
