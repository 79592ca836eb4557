//! SQL for `requests` (migration 4): for now the baseline, the requests an
//! item's source import recorded before the pilot. Times are local wall
//! times `YYYY-MM-DDTHH:MM:SS`, so they order as text; answers are a JSON
//! object.

use rusqlite::types::Type;
use rusqlite::{params, Connection, Row};

use crate::error::Result;
use crate::requests::{BaselineRequest, BaselineSummary};

/// A baseline request to insert.
pub struct NewBaseline<'a> {
    pub item_id: i64,
    pub import_id: i64,
    pub source_row: u64,
    pub opened_at: &'a str,
    pub closed_at: Option<&'a str>,
    pub requester: Option<&'a str>,
    pub status: Option<&'a str>,
    pub answers_json: &'a str,
    pub created_at: &'a str,
}

pub fn insert_baseline(conn: &Connection, new: &NewBaseline) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO requests (catalog_item_id, origin, source_import_id, source_row, opened_at,
                               closed_at, requester, status, answers, created_at)
         VALUES (?1, 'baseline', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    stmt.execute(params![
        new.item_id,
        new.import_id,
        new.source_row as i64,
        new.opened_at,
        new.closed_at,
        new.requester,
        new.status,
        new.answers_json,
        new.created_at,
    ])?;
    Ok(())
}

/// Deletes an item's baseline requests; returns how many there were.
pub fn delete_baseline(conn: &Connection, item_id: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM requests WHERE catalog_item_id = ?1 AND origin = 'baseline'",
        [item_id],
    )?)
}

/// How many baseline requests an item has and when the first and the last
/// were opened.
pub fn baseline_summary(conn: &Connection, item_id: i64) -> Result<BaselineSummary> {
    Ok(conn.query_row(
        "SELECT count(*), min(opened_at), max(opened_at) FROM requests
         WHERE catalog_item_id = ?1 AND origin = 'baseline'",
        [item_id],
        |r| {
            Ok(BaselineSummary {
                created: r.get::<_, i64>(0)? as u64,
                skipped_no_date: 0,
                first_opened: r.get(1)?,
                last_opened: r.get(2)?,
            })
        },
    )?)
}

/// A page of an item's baseline, oldest first (ties in source row order).
pub fn list_baseline(
    conn: &Connection,
    item_id: i64,
    offset: u64,
    limit: u64,
) -> Result<Vec<BaselineRequest>> {
    let mut stmt = conn.prepare(
        "SELECT id, catalog_item_id, source_import_id, source_row, opened_at, closed_at,
                requester, status, answers
         FROM requests WHERE catalog_item_id = ?1 AND origin = 'baseline'
         ORDER BY opened_at, source_row, id LIMIT ?2 OFFSET ?3",
    )?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    let rows = stmt.query_map(params![item_id, limit, offset], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn from_row(row: &Row) -> rusqlite::Result<BaselineRequest> {
    let answers: String = row.get(8)?;
    let answers = serde_json::from_str(&answers).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            8,
            Type::Text,
            format!("unreadable answers ({e})").into(),
        )
    })?;
    Ok(BaselineRequest {
        id: row.get(0)?,
        catalog_item_id: row.get(1)?,
        source_import_id: row.get(2)?,
        source_row: row.get(3)?,
        opened_at: row.get(4)?,
        closed_at: row.get(5)?,
        requester: row.get(6)?,
        status: row.get(7)?,
        answers,
    })
}

// ---- Pilot requests (migration 6) -------------------------------------
//
// A pilot request is a `requests` row with origin 'pilot'. Its times are
// UTC `YYYY-MM-DDTHH:MM:SSZ`; `state` follows `requests::lifecycle`;
// `sla_*` hold the clock (target and paused working seconds, the pause
// under way, when it falls due and when it turns at risk).

use rusqlite::OptionalExtension;

use crate::catalog::ApprovalKind;
use crate::requests::{
    HoldReason, Live, QueueCursor, QueueFilter, QueueRow, RequestApproval, RequestTask, State,
};

const OPEN_STATES: &str = "state IN ('submitted', 'awaiting_approval', 'in_progress', 'on_hold')";

/// Opened and closed times of an item's baseline (local wall times).
pub fn baseline_times(conn: &Connection, item_id: i64) -> Result<Vec<(String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT opened_at, closed_at FROM requests
         WHERE catalog_item_id = ?1 AND origin = 'baseline' ORDER BY opened_at",
    )?;
    let rows = stmt.query_map([item_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Answers of an item's baseline requests, oldest first: what a rehearsal
/// draws its synthetic answers from.
pub fn baseline_answers(conn: &Connection, item_id: i64, limit: u64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT answers FROM requests WHERE catalog_item_id = ?1 AND origin = 'baseline'
         ORDER BY opened_at, id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![item_id, limit as i64], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (opened, resolved, SLA met, rating) of a pilot's real or rehearsal
/// requests.
#[allow(clippy::type_complexity)]
pub fn pilot_outcomes(
    conn: &Connection,
    pilot_id: i64,
    rehearsal: bool,
) -> Result<Vec<(String, Option<String>, Option<bool>, Option<i64>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT opened_at, resolved_at, sla_met, rating FROM requests
         WHERE pilot_id = ?1 AND rehearsal = ?2 AND state NOT IN ('rejected', 'cancelled')",
    )?;
    let rows = stmt.query_map(params![pilot_id, rehearsal], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The providing department of a catalog item.
pub fn item_department(conn: &Connection, item_id: i64) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT department_id FROM catalog_items WHERE id = ?1")?;
    Ok(stmt
        .query_row([item_id], |r| r.get(0))
        .optional()?
        .flatten())
}

const LIVE: &str = "
    SELECT id, pilot_id, catalog_item_id, form_version, requester_id, state, hold_reason, priority,
           assignment_group, assignee_id, approval_position, rehearsal, opened_at,
           first_response_at, resolved_at, closed_at, sla_target_secs, sla_paused_secs,
           paused_since, sla_due_at, sla_warn_at, sla_met, rating, rating_comment, answers
    FROM requests";

fn parsed<T>(row: &Row, i: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(i)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            Type::Text,
            format!("unknown value {text}").into(),
        )
    })
}

fn live_row(row: &Row) -> rusqlite::Result<Live> {
    let hold: Option<String> = row.get(6)?;
    Ok(Live {
        id: row.get(0)?,
        pilot_id: row.get(1)?,
        item_id: row.get(2)?,
        form_version: row.get(3)?,
        requester_id: row.get(4)?,
        state: parsed(row, 5, State::parse)?,
        hold_reason: hold.as_deref().and_then(HoldReason::parse),
        priority: row.get(7)?,
        assignment_group: row.get(8)?,
        assignee_id: row.get(9)?,
        approval_position: row.get(10)?,
        rehearsal: row.get(11)?,
        opened_at: row.get(12)?,
        first_response_at: row.get(13)?,
        resolved_at: row.get(14)?,
        closed_at: row.get(15)?,
        sla_target_secs: row.get(16)?,
        sla_paused_secs: row.get(17)?,
        paused_since: row.get(18)?,
        sla_due_at: row.get(19)?,
        sla_warn_at: row.get(20)?,
        sla_met: row.get(21)?,
        rating: row.get(22)?,
        rating_comment: row.get(23)?,
        answers: row.get(24)?,
    })
}

/// A pilot request as stored; none for a missing or baseline request.
pub fn live(conn: &Connection, id: i64) -> Result<Option<Live>> {
    let mut stmt = conn.prepare_cached(&format!("{LIVE} WHERE id = ?1 AND origin = 'pilot'"))?;
    Ok(stmt.query_row([id], live_row).optional()?)
}

/// Inserts a new pilot request; returns its id.
pub fn insert_live(conn: &Connection, r: &Live, now: &str) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO requests (catalog_item_id, origin, opened_at, answers, created_at, pilot_id,
                               form_version, requester_id, state, priority, assignment_group,
                               rehearsal, sla_target_secs, sla_due_at, sla_warn_at, updated_at,
                               approval_position)
         VALUES (?1, 'pilot', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?4, ?15)",
    )?;
    stmt.execute(params![
        r.item_id,
        r.opened_at,
        r.answers,
        now,
        r.pilot_id,
        r.form_version,
        r.requester_id,
        r.state.as_str(),
        r.priority,
        r.assignment_group,
        r.rehearsal,
        r.sla_target_secs,
        r.sla_due_at,
        r.sla_warn_at,
        r.approval_position,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes back everything a transition can change.
pub fn update_live(conn: &Connection, r: &Live, now: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE requests SET state = ?2, hold_reason = ?3, priority = ?4, assignment_group = ?5,
                assignee_id = ?6, approval_position = ?7, first_response_at = ?8,
                resolved_at = ?9, closed_at = ?10, sla_paused_secs = ?11, paused_since = ?12,
                sla_due_at = ?13, sla_warn_at = ?14, sla_met = ?15, rating = ?16,
                rating_comment = ?17, updated_at = ?18
         WHERE id = ?1",
    )?;
    stmt.execute(params![
        r.id,
        r.state.as_str(),
        r.hold_reason.map(HoldReason::as_str),
        r.priority,
        r.assignment_group,
        r.assignee_id,
        r.approval_position,
        r.first_response_at,
        r.resolved_at,
        r.closed_at,
        r.sla_paused_secs,
        r.paused_since,
        r.sla_due_at,
        r.sla_warn_at,
        r.sla_met,
        r.rating,
        r.rating_comment,
        now,
    ])?;
    Ok(())
}

pub fn insert_approval(
    conn: &Connection,
    request_id: i64,
    position: i64,
    kind: ApprovalKind,
    person_id: Option<i64>,
    group: Option<&str>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO request_approvals (request_id, position, kind, person_id, group_name)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    stmt.execute(params![
        request_id,
        position,
        kind.as_str(),
        person_id,
        group
    ])?;
    Ok(())
}

pub fn approvals(conn: &Connection, request_id: i64) -> Result<Vec<RequestApproval>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.position, a.kind, a.person_id, p.name, a.group_name, a.decision, d.name,
                a.decided_at, a.comment
         FROM request_approvals a
         LEFT JOIN people p ON p.id = a.person_id
         LEFT JOIN people d ON d.id = a.decided_by
         WHERE a.request_id = ?1 ORDER BY a.position",
    )?;
    let rows = stmt.query_map([request_id], |r| {
        Ok(RequestApproval {
            position: r.get(0)?,
            kind: parsed(r, 1, ApprovalKind::parse)?,
            person_id: r.get(2)?,
            person_name: r.get(3)?,
            group: r.get(4)?,
            decision: r.get(5)?,
            decided_by_name: r.get(6)?,
            decided_at: r.get(7)?,
            comment: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn decide(
    conn: &Connection,
    request_id: i64,
    position: i64,
    decision: &str,
    by: i64,
    at: &str,
    comment: &str,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE request_approvals SET decision = ?3, decided_by = ?4, decided_at = ?5, comment = ?6
         WHERE request_id = ?1 AND position = ?2",
    )?;
    stmt.execute(params![request_id, position, decision, by, at, comment])?;
    Ok(())
}

pub fn insert_task(conn: &Connection, request_id: i64, position: i64, title: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO request_tasks (request_id, position, title) VALUES (?1, ?2, ?3)",
    )?;
    stmt.execute(params![request_id, position, title])?;
    Ok(())
}

pub fn tasks(conn: &Connection, request_id: i64) -> Result<Vec<RequestTask>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.position, t.title, t.done_at, p.name FROM request_tasks t
         LEFT JOIN people p ON p.id = t.done_by
         WHERE t.request_id = ?1 ORDER BY t.position",
    )?;
    let rows = stmt.query_map([request_id], |r| {
        Ok(RequestTask {
            position: r.get(0)?,
            title: r.get(1)?,
            done_at: r.get(2)?,
            done_by_name: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn complete_task(
    conn: &Connection,
    request_id: i64,
    position: i64,
    by: i64,
    at: &str,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE request_tasks SET done_at = ?3, done_by = ?4 WHERE request_id = ?1 AND position = ?2",
    )?;
    stmt.execute(params![request_id, position, at, by])?;
    Ok(())
}

const QUEUE_SELECT: &str = "
    SELECT r.id, r.pilot_id, r.catalog_item_id, c.name, q.name, a.name, r.assignment_group,
           r.state, r.hold_reason, r.priority, r.opened_at, r.sla_due_at, r.sla_warn_at,
           r.paused_since, r.rehearsal, r.resolved_at, r.sla_met, r.rating
    FROM requests r
    JOIN catalog_items c ON c.id = r.catalog_item_id
    LEFT JOIN people q ON q.id = r.requester_id
    LEFT JOIN people a ON a.id = r.assignee_id";

fn queue_row(row: &Row) -> rusqlite::Result<QueueRow> {
    let hold: Option<String> = row.get(8)?;
    Ok(QueueRow {
        id: row.get(0)?,
        pilot_id: row.get(1)?,
        item_id: row.get(2)?,
        item_name: row.get(3)?,
        requester_name: row.get(4)?,
        assignee_name: row.get(5)?,
        assignment_group: row.get(6)?,
        state: parsed(row, 7, State::parse)?,
        hold_reason: hold.as_deref().and_then(HoldReason::parse),
        priority: row.get(9)?,
        opened_at: row.get(10)?,
        due_at: row.get(11)?,
        warn_at: row.get(12)?,
        paused: row.get::<_, Option<String>>(13)?.is_some(),
        rehearsal: row.get(14)?,
        resolved_at: row.get(15)?,
        sla_met: row.get(16)?,
        rating: row.get(17)?,
    })
}

/// One page of a queue: open requests (or the chosen states), soonest due
/// first, after the cursor. The open-state predicate is spelled exactly as
/// the partial indexes' so the planner can use them.
pub fn queue(conn: &Connection, f: &QueueFilter, now: &str) -> Result<Vec<QueueRow>> {
    let (sql, args) = queue_query(f, now);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), queue_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The SQL of [`queue`] for `f`, with its arguments.
fn queue_query(f: &QueueFilter, now: &str) -> (String, Vec<rusqlite::types::Value>) {
    let mut sql = format!("{QUEUE_SELECT} WHERE r.origin = 'pilot'");
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, v: rusqlite::types::Value| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    if f.states.is_empty() || f.states.iter().all(|s| s.is_open()) {
        sql.push_str(&format!(" AND r.{OPEN_STATES}"));
    }
    if !f.states.is_empty() {
        let list: Vec<String> = f
            .states
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        sql.push_str(&format!(" AND r.state IN ({})", list.join(", ")));
    }
    if let Some(p) = f.pilot_id {
        arg(&mut sql, " AND r.pilot_id = ?", p.into());
    }
    if let Some(g) = &f.group {
        arg(&mut sql, " AND r.assignment_group = ?", g.clone().into());
    }
    match f.groups.as_slice() {
        [] => {}
        [one] => arg(&mut sql, " AND r.assignment_group = ?", one.clone().into()),
        several => {
            // The unary plus keeps SQLite from looking each group up in
            // the group index, which would leave the pages to be sorted;
            // the pilot's index is read in order and the groups filtered.
            sql.push_str(" AND +r.assignment_group IN (");
            for (i, group) in several.iter().enumerate() {
                let sep = if i == 0 { "" } else { ", " };
                arg(&mut sql, &format!("{sep}?"), group.clone().into());
            }
            sql.push(')');
        }
    }
    if let Some(a) = f.assignee_id {
        arg(&mut sql, " AND r.assignee_id = ?", a.into());
    }
    if let Some(i) = f.item_id {
        arg(&mut sql, " AND r.catalog_item_id = ?", i.into());
    }
    if let Some(p) = f.priority {
        arg(&mut sql, " AND r.priority = ?", p.into());
    }
    if let Some(reh) = f.rehearsal {
        arg(&mut sql, " AND r.rehearsal = ?", i64::from(reh).into());
    }
    if f.at_risk {
        arg(
            &mut sql,
            " AND r.paused_since IS NULL AND r.sla_warn_at <= ?",
            now.to_owned().into(),
        );
    }
    if let Some(QueueCursor { due_at, id }) = &f.after {
        args.push(due_at.clone().into());
        args.push((*id).into());
        let (a, b) = (args.len() - 1, args.len());
        // Requests without a due time (their clock has not started, as
        // while awaiting approval) sort first; a cursor among them carries
        // an empty due time.
        sql.push_str(&format!(
            " AND CASE WHEN ?{a} = '' \
               THEN (r.sla_due_at IS NULL AND r.id > ?{b}) OR r.sla_due_at IS NOT NULL \
               ELSE (r.sla_due_at, r.id) > (?{a}, ?{b}) END"
        ));
    }
    args.push(i64::from(f.limit).into());
    sql.push_str(&format!(
        " ORDER BY r.sla_due_at, r.id LIMIT ?{}",
        args.len()
    ));
    (sql, args)
}

/// A requester's requests in a pilot, newest first.
pub fn of_requester(
    conn: &Connection,
    pilot_id: i64,
    requester_id: i64,
    limit: u32,
) -> Result<Vec<QueueRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{QUEUE_SELECT} WHERE r.requester_id = ?1 AND r.pilot_id = ?2 AND r.origin = 'pilot'
         ORDER BY r.opened_at DESC, r.id DESC LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![requester_id, pilot_id, limit], queue_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Requests of a pilot waiting for this person's approval at `at`: the
/// first undecided step names them or an approver they stand in for then
/// (a named person or the requester's manager), or is a group step and
/// they approve in the pilot.
pub fn awaiting_approval_by(
    conn: &Connection,
    pilot_id: i64,
    person_id: i64,
    at: &str,
) -> Result<Vec<QueueRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{QUEUE_SELECT}
         JOIN request_approvals s ON s.request_id = r.id AND s.position = r.approval_position
         WHERE r.pilot_id = ?1 AND r.state = 'awaiting_approval'
           AND ((s.kind IN ('person', 'requester_manager') AND s.person_id IN (
                    SELECT ?2 UNION ALL
                    SELECT d.from_person_id FROM approval_delegations d
                    WHERE d.pilot_id = ?1 AND d.to_person_id = ?2
                      AND d.starts_at <= ?3 AND ?3 < d.ends_at))
             OR (s.kind = 'group' AND EXISTS (SELECT 1 FROM pilot_participants pp
                    WHERE pp.pilot_id = r.pilot_id AND pp.person_id = ?2 AND pp.role = 'approver')))
         ORDER BY r.sla_due_at, r.id"
    ))?;
    let rows = stmt.query_map(params![pilot_id, person_id, at], queue_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Resolved requests of a pilot resolved at or before `before`.
pub fn resolved_before(conn: &Connection, pilot_id: i64, before: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM requests WHERE pilot_id = ?1 AND state = 'resolved' AND resolved_at <= ?2
         ORDER BY id",
    )?;
    let rows = stmt.query_map(params![pilot_id, before], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes a pilot's rehearsal requests (their events, approvals and tasks
/// go with them); returns how many there were.
pub fn delete_rehearsal(conn: &Connection, pilot_id: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM requests WHERE pilot_id = ?1 AND rehearsal = 1",
        [pilot_id],
    )?)
}

/// The names of a request's item and pilot.
pub fn names(conn: &Connection, item_id: i64, pilot_id: i64) -> Result<(String, String)> {
    Ok(conn.query_row(
        "SELECT (SELECT name FROM catalog_items WHERE id = ?1), (SELECT name FROM pilots WHERE id = ?2)",
        params![item_id, pilot_id],
        |r| Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get::<_, Option<String>>(1)?.unwrap_or_default())),
    )?)
}

/// Every open request of a pilot as stored (for clocks computed in bulk).
pub fn open_live(conn: &Connection, pilot_id: i64) -> Result<Vec<Live>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{LIVE} WHERE pilot_id = ?1 AND {OPEN_STATES} AND origin = 'pilot'"
    ))?;
    let rows = stmt.query_map([pilot_id], live_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The open pilot requests of an item taken in from a source row that
/// import `import_id` (a newer export, whose rows still there were just
/// marked as theirs) does not have, oldest first.
pub fn open_not_in_import(
    conn: &Connection,
    pilot_id: i64,
    item_id: i64,
    import_id: i64,
) -> Result<Vec<Live>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{LIVE} WHERE pilot_id = ?1 AND catalog_item_id = ?2 AND origin = 'pilot' AND {OPEN_STATES}
           AND source_key IS NOT NULL AND source_import_id IS NOT ?3
         ORDER BY opened_at, id"
    ))?;
    let rows = stmt.query_map(params![pilot_id, item_id, import_id], live_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The pilot request of an item taken in from the source row with this
/// key, with the status word its export showed last.
pub fn taken_in(
    conn: &Connection,
    item_id: i64,
    key: &str,
) -> Result<Option<(i64, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, source_status FROM requests
         WHERE catalog_item_id = ?1 AND source_key = ?2 AND origin = 'pilot'",
    )?;
    Ok(stmt
        .query_row(params![item_id, key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Remembers where a pilot request was taken in from: the import and row
/// it stands for now, its key in the source and the status word shown.
pub fn set_source(
    conn: &Connection,
    id: i64,
    import_id: i64,
    row: u64,
    key: &str,
    status: Option<&str>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE requests SET source_import_id = ?2, source_row = ?3, source_key = ?4,
                             source_status = ?5
         WHERE id = ?1 AND origin = 'pilot'",
    )?;
    stmt.execute(params![id, import_id, row as i64, key, status])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How SQLite would answer the queue for `f` on an empty workspace.
    fn plan(f: &QueueFilter) -> String {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        let (sql, args) = queue_query(f, "2026-06-01T10:00:00Z");
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let steps: Vec<String> = stmt
            .query_map(rusqlite::params_from_iter(args), |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        steps.join("\n")
    }

    #[test]
    fn every_queue_a_fulfiller_can_ask_for_is_read_in_order_from_an_index() {
        let pilot = QueueFilter {
            pilot_id: Some(1),
            limit: 100,
            ..QueueFilter::default()
        };
        let filters = [
            pilot.clone(),
            QueueFilter {
                priority: Some(2),
                ..pilot.clone()
            },
            QueueFilter {
                item_id: Some(3),
                ..pilot.clone()
            },
            QueueFilter {
                group: Some("Payroll".into()),
                ..pilot.clone()
            },
            QueueFilter {
                group: Some("Payroll".into()),
                priority: Some(2),
                ..pilot.clone()
            },
            QueueFilter {
                assignee_id: Some(7),
                ..pilot.clone()
            },
            QueueFilter {
                groups: vec!["Payroll".into()],
                ..pilot.clone()
            },
            QueueFilter {
                groups: vec!["Payroll".into(), "HR Services".into()],
                ..pilot.clone()
            },
            QueueFilter {
                groups: vec!["Payroll".into(), "HR Services".into()],
                item_id: Some(3),
                ..pilot.clone()
            },
            QueueFilter {
                at_risk: true,
                ..pilot.clone()
            },
        ];
        for f in filters {
            let plan = plan(&f);
            // A sort would read every open request before the first page.
            assert!(!plan.contains("TEMP B-TREE"), "{f:?} sorts:\n{plan}");
            assert!(plan.contains("requests_queue_"), "{f:?}:\n{plan}");
        }
    }
}
