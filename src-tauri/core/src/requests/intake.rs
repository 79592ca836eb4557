//! Intake: the responses people keep sending through the form they already
//! use (Microsoft Forms, Google Forms, a SharePoint list), taken in as
//! pilot requests from a newer export of the source a pilot's item was
//! made from.
//!
//! A row opened before the pilot started stays baseline (see
//! `baseline::rebuild`). A row opened since becomes a pilot request, dated
//! at its opened time, once: its key in the source (the id column, or its
//! opened time and requester when the source has no id) is stored on the
//! request, and a row whose key is already there is never taken in again.
//! When the source's rows carry a status and a modified time, a status
//! that changed since the last export becomes lifecycle steps at that
//! time, where the lifecycle allows them. Every row that cannot be taken
//! in or followed is left alone with its line and the reason; each row is
//! taken in whole or not at all.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::baseline::{self, Slot};
use super::lifecycle::{HoldReason, State};
use super::live::{act_in, submit_in, Action, Actor, NewRequest};
use crate::catalog::{self, Form};
use crate::error::{Error, Result};
use crate::import::{self, state_meaning, Field, Inspection, StateMeaning, StoredRow};
use crate::pilots::{self, ParticipantRole, Pilot, PilotState};
use crate::sla::{parse_utc, Calendar};
use crate::storage;
use crate::workspace::Workspace;

/// Rows read at a time.
const PAGE: u64 = 1000;

/// Column titles that say when a row was last changed (SharePoint's
/// `Modified`, Microsoft Forms' `Last modified time`), compared in lower
/// case with single spaces.
const MODIFIED: &[&str] = &[
    "modified",
    "last modified",
    "last modified time",
    "modified at",
    "updated",
    "updated at",
    "last updated",
    "geändert",
];

/// Column titles that say who last changed a row.
const MODIFIED_BY: &[&str] = &[
    "modified by",
    "last modified by",
    "updated by",
    "geändert von",
];

/// What taking in a newer export did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IntakeSummary {
    #[ts(type = "number")]
    pub pilot_id: i64,
    pub file_name: String,
    /// The import the newer export is stored as.
    #[ts(type = "number")]
    pub import_id: i64,
    /// The earlier export it replaced.
    #[ts(type = "number")]
    pub replaced: i64,
    /// Per item of the pilot fed by the source.
    pub items: Vec<ItemIntake>,
}

/// What taking in did for one item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemIntake {
    #[ts(type = "number")]
    pub item_id: i64,
    pub item_name: String,
    /// New responses taken in as pilot requests.
    #[ts(type = "number")]
    pub added: u64,
    /// Requests taken in before whose status changed into lifecycle steps.
    #[ts(type = "number")]
    pub updated: u64,
    /// The lifecycle events those changes made.
    #[ts(type = "number")]
    pub events: u64,
    /// Rows taken in before with nothing new.
    #[ts(type = "number")]
    pub unchanged: u64,
    /// Rows opened before the pilot started: they stay the baseline.
    #[ts(type = "number")]
    pub baseline: u64,
    /// Rows (or the status change of a row) left alone, with why.
    pub left_alone: Vec<LeftAlone>,
    /// Open requests taken in from an earlier export whose response this
    /// export no longer has (it was deleted from the source).
    pub no_longer_in_export: Vec<NoLongerInExport>,
}

/// An open request whose response a newer export no longer has: cancelled
/// (with an event saying why), or left open when some rows of the export
/// could not be read, since its response may be one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoLongerInExport {
    #[ts(type = "number")]
    pub request_id: i64,
    /// When its response was sent.
    pub opened_at: String,
    pub requester_name: Option<String>,
    pub cancelled: bool,
    /// What was done, in words.
    pub note: String,
}

/// A row left alone: the physical line of the file it starts on, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeftAlone {
    #[ts(type = "number")]
    pub line: u64,
    pub reason: String,
}

/// A source that feeds a pilot: an import some of its items were made
/// from, of which a newer export can be taken in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IntakeSource {
    #[ts(type = "number")]
    pub import_id: i64,
    pub file_name: String,
    /// The pilot's items made from it.
    pub item_names: Vec<String>,
}

/// The sources that feed a pilot, in the order of its items.
pub fn sources(ws: &Workspace, pilot_id: i64) -> Result<Vec<IntakeSource>> {
    let pilot = pilots::get(ws, pilot_id)?;
    let imports = import::list(ws)?;
    let mut out: Vec<IntakeSource> = Vec::new();
    for item in &pilot.items {
        let Some(import_id) = catalog::get(ws, item.id)?.source_import_id else {
            continue;
        };
        match out.iter_mut().find(|s| s.import_id == import_id) {
            Some(source) => source.item_names.push(item.name.clone()),
            None => out.push(IntakeSource {
                import_id,
                file_name: imports
                    .iter()
                    .find(|i| i.id == import_id)
                    .map(|i| i.file_name.clone())
                    .unwrap_or_default(),
                item_names: vec![item.name.clone()],
            }),
        }
    }
    Ok(out)
}

/// The columns intake reads, found once per item.
struct Columns<'a> {
    id: Option<Slot<'a>>,
    opened: Slot<'a>,
    requester: Option<Slot<'a>>,
    status: Option<Slot<'a>>,
    modified: Option<Slot<'a>>,
    /// Who may have made a status change: the assignee, then who last
    /// modified the row.
    workers: Vec<Slot<'a>>,
}

/// Everything one item's intake reads besides the rows.
struct Item<'a> {
    id: i64,
    form: &'a Form,
    answers: Vec<(&'a catalog::FormField, Slot<'a>)>,
    columns: Columns<'a>,
    calendar: Calendar,
}

/// Takes in the rows of `import_id` for the pilot's items in `items` (the
/// ones made from the source it updates), inside the caller's transaction.
pub(crate) fn take_in(
    conn: &Connection,
    pilot_id: i64,
    items: &[i64],
    import_id: i64,
) -> Result<Vec<ItemIntake>> {
    let pilot = pilots::load(conn, pilot_id)?;
    let Some(start) = pilot
        .started_at
        .as_deref()
        .filter(|_| pilot.state == PilotState::Running)
    else {
        return Err(not_running(&pilot));
    };
    let start = parse_utc(start)?;
    let (inspection, columns) = layout(conn, import_id)?;
    let slots = baseline::slots(&columns);
    let mut out = Vec::new();
    for item in pilot.items.iter().filter(|i| items.contains(&i.id)) {
        let mut summary = ItemIntake {
            item_id: item.id,
            item_name: item.name.clone(),
            ..ItemIntake::default()
        };
        let form = published_form(conn, item.id)?;
        let Some(columns) = find_columns(&inspection, &slots) else {
            return Err(Error::invalid(
                "file",
                "The export has no column saying when each response was sent, so none can be taken in.",
            ));
        };
        let item = Item {
            id: item.id,
            form: &form,
            answers: baseline::answer_slots(&form, &slots),
            columns,
            calendar: baseline::item_calendar(conn, item.id)?,
        };
        let mut offset = 0;
        // Rows whose key cannot be known: a response not found may be one.
        let mut unreadable = 0;
        loop {
            let path = std::path::PathBuf::from(conn.path().unwrap_or_default());
            let page = import::rows_in(conn, &path, import_id, offset, PAGE)?;
            if page.is_empty() {
                break;
            }
            offset += page.len() as u64;
            for row in &page {
                take_row(
                    conn,
                    &pilot,
                    &item,
                    import_id,
                    start,
                    row,
                    &mut summary,
                    &mut unreadable,
                )?;
            }
        }
        summary.no_longer_in_export = gone(conn, &pilot, item.id, import_id, unreadable)?;
        out.push(summary);
    }
    Ok(out)
}

/// Why a pilot that does not run takes nothing in.
pub(crate) fn not_running(pilot: &Pilot) -> Error {
    Error::invalid(
        "pilotId",
        format!(
            "“{}” is {}: new responses are taken in only while it runs.",
            pilot.name,
            pilot.state.as_str()
        ),
    )
}

/// One row: baseline, new, taken in before (maybe with a new status), or
/// left alone (counted in `unreadable` when its key cannot be known).
#[allow(clippy::too_many_arguments)]
fn take_row(
    conn: &Connection,
    pilot: &Pilot,
    item: &Item,
    import_id: i64,
    start: DateTime<Utc>,
    row: &StoredRow,
    summary: &mut ItemIntake,
    unreadable: &mut u64,
) -> Result<()> {
    let cols = &item.columns;
    let leave = |summary: &mut ItemIntake, reason: String| {
        summary.left_alone.push(LeftAlone {
            line: row.line,
            reason,
        })
    };
    let Some(opened_local) = baseline::date(row, cols.opened) else {
        leave(summary, "It has no date saying when it was sent.".into());
        *unreadable += 1;
        return Ok(());
    };
    let Some(opened) = baseline::opened_utc(&item.calendar, &opened_local) else {
        leave(summary, format!("“{opened_local}” is not a time."));
        *unreadable += 1;
        return Ok(());
    };
    if opened < start {
        summary.baseline += 1;
        return Ok(());
    }
    let requester = cols.requester.and_then(|s| baseline::text(row, s));
    let key = match cols.id.and_then(|s| baseline::text(row, s)) {
        Some(id) => format!("id:{id}"),
        None => format!(
            "at:{opened_local}|{}",
            requester.as_deref().unwrap_or("").trim().to_lowercase()
        ),
    };
    let status = cols.status.and_then(|s| baseline::text(row, s));
    if let Some((id, seen)) = storage::requests::taken_in(conn, item.id, &key)? {
        // The request now stands for this row of the newer export.
        storage::requests::set_source(conn, id, import_id, row.row_no, &key, seen.as_deref())?;
        let changed = status.is_some() && status != seen;
        match status.as_deref().filter(|_| changed) {
            Some(word) => match follow(conn, pilot, item, id, row, word)? {
                Ok(events) => {
                    storage::requests::set_source(
                        conn,
                        id,
                        import_id,
                        row.row_no,
                        &key,
                        Some(word),
                    )?;
                    if events == 0 {
                        summary.unchanged += 1;
                    } else {
                        summary.updated += 1;
                        summary.events += events as u64;
                    }
                }
                Err(reason) => leave(
                    summary,
                    format!("Its status “{word}” was left alone: {reason}"),
                ),
            },
            None => summary.unchanged += 1,
        }
        return Ok(());
    }
    let requester_id = match requester.as_deref() {
        None => {
            leave(summary, "It does not say who sent it.".into());
            return Ok(());
        }
        Some(who) => match participant(conn, pilot, who, ParticipantRole::Requester)? {
            Ok(id) => id,
            Err(reason) => {
                leave(summary, reason);
                return Ok(());
            }
        },
    };
    let answers = baseline::answers_of(row, &item.answers);
    let issues = catalog::validate_answers(item.form, &answers);
    if !issues.is_empty() {
        let list: Vec<String> = issues.iter().map(|i| i.message.clone()).collect();
        leave(
            summary,
            format!("Its answers do not fit the form: {}", list.join(" ")),
        );
        return Ok(());
    }
    let taken = storage::attempt(conn, || {
        submit(conn, pilot, item.id, answers, requester_id, opened)
    });
    let id = match taken {
        Ok(id) => id,
        Err(Error::Invalid { message, .. }) => {
            leave(summary, message);
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    summary.added += 1;
    // A row that already moved on in the source (a SharePoint item
    // resolved before this export) follows its status at its modified
    // time; the request stays taken in when that is not allowed.
    let mut seen = None;
    if let Some(word) = status.as_deref() {
        match follow(conn, pilot, item, id, row, word)? {
            Ok(events) => {
                seen = Some(word);
                summary.events += events as u64;
            }
            Err(reason) => leave(
                summary,
                format!("Taken in as submitted; its status “{word}” was left alone: {reason}"),
            ),
        }
    }
    storage::requests::set_source(conn, id, import_id, row.row_no, &key, seen)
}

/// The open requests of an item taken in from an earlier export that the
/// newer export `import_id` no longer has (every row it still has was just
/// marked as its own): each is cancelled by its requester's hand with an
/// event saying why, unless `unreadable` rows of the export could be it,
/// when it is left open and only reported.
fn gone(
    conn: &Connection,
    pilot: &Pilot,
    item_id: i64,
    import_id: i64,
    unreadable: u64,
) -> Result<Vec<NoLongerInExport>> {
    let file = storage::imports::inspection(conn, import_id)?
        .map(|(file, _)| file)
        .unwrap_or_default();
    let now = Utc::now();
    let mut out = Vec::new();
    for live in storage::requests::open_not_in_import(conn, pilot.id, item_id, import_id)? {
        let requester_name = match live.requester_id {
            Some(id) => storage::people::get(conn, id)?.map(|p| p.name),
            None => None,
        };
        let mut gone = NoLongerInExport {
            request_id: live.id,
            opened_at: live.opened_at.clone(),
            requester_name,
            cancelled: false,
            note: String::new(),
        };
        if unreadable > 0 {
            gone.note = format!(
                "Its response is not in {file}, but {unreadable} of its rows could not be read and it may be one of them, so the request was left open."
            );
            out.push(gone);
            continue;
        }
        let reason = format!(
            "Its response is no longer in {file}: it was deleted from the source, so the request is cancelled."
        );
        let cancelled = match live.requester_id {
            Some(requester) => storage::attempt(conn, || {
                act_in(
                    conn,
                    live.id,
                    Actor::person(requester),
                    &Action::Cancel {
                        reason: reason.clone(),
                    },
                    now,
                )
            }),
            None => Err(Error::invalid("actor", "It names no requester.")),
        };
        match cancelled {
            Ok(()) => {
                gone.cancelled = true;
                gone.note = reason;
            }
            Err(Error::Invalid { message, .. }) => {
                gone.note = format!(
                    "Its response is no longer in {file}, but the request could not be cancelled: {}",
                    lower_first(&message)
                );
            }
            Err(e) => return Err(e),
        }
        out.push(gone);
    }
    Ok(out)
}

fn submit(
    conn: &Connection,
    pilot: &Pilot,
    item_id: i64,
    answers: Map<String, Value>,
    requester: i64,
    opened: DateTime<Utc>,
) -> Result<i64> {
    let new = NewRequest {
        pilot_id: pilot.id,
        item_id,
        answers,
        priority: None,
    };
    submit_in(conn, &new, Actor::person(requester), opened, false)
}

/// Moves a request to where a status word says it stands, at the row's
/// modified time, in one savepoint: the number of events made (0 when it
/// stands there already), or why not.
fn follow(
    conn: &Connection,
    pilot: &Pilot,
    item: &Item,
    request_id: i64,
    row: &StoredRow,
    word: &str,
) -> Result<std::result::Result<usize, String>> {
    let Some(meaning) = state_meaning(word) else {
        return Ok(Err("it is not a state Pilot Studio knows.".into()));
    };
    let live = storage::requests::live(conn, request_id)?.ok_or(Error::NotFound {
        what: "Request",
        id: request_id,
    })?;
    let steps = match steps(meaning, live.state) {
        Ok(steps) => steps,
        Err(reason) => return Ok(Err(reason)),
    };
    if steps.is_empty() {
        return Ok(Ok(0));
    }
    let Some(at) = item
        .columns
        .modified
        .and_then(|s| baseline::date(row, s))
        .and_then(|t| baseline::opened_utc(&item.calendar, &t))
    else {
        return Ok(Err("the export does not say when it changed.".into()));
    };
    let requester = live.requester_id.map(Actor::person);
    let worker = worker(conn, pilot, item, row)?;
    let note = format!("Status “{word}” in the export");
    let done = storage::attempt(conn, || {
        for step in &steps {
            let actor = match step {
                Action::Cancel { .. } => requester,
                _ => worker.as_ref().ok().copied(),
            };
            let Some(actor) = actor else {
                let reason = worker.as_ref().err().cloned().unwrap_or_default();
                return Err(Error::invalid("actor", reason));
            };
            let action = match step {
                Action::Resolve { .. } => Action::Resolve { note: note.clone() },
                Action::Cancel { .. } => Action::Cancel {
                    reason: note.clone(),
                },
                Action::Hold { reason, .. } => Action::Hold {
                    reason: *reason,
                    note: note.clone(),
                },
                other => other.clone(),
            };
            act_in(conn, request_id, actor, &action, at)?;
        }
        Ok(steps.len())
    });
    match done {
        Ok(n) => Ok(Ok(n)),
        Err(Error::Invalid { message, .. }) => Ok(Err(lower_first(&message))),
        Err(e) => Err(e),
    }
}

/// The lifecycle steps from `state` to where `meaning` says the request
/// stands: none when it stands there already, or why it cannot get there.
fn steps(meaning: StateMeaning, state: State) -> std::result::Result<Vec<Action>, String> {
    use State::*;
    let start = Action::Start;
    let resume = Action::Resume;
    let resolve = Action::Resolve {
        note: String::new(),
    };
    let hold = Action::Hold {
        reason: HoldReason::Other,
        note: String::new(),
    };
    let cancel = Action::Cancel {
        reason: String::new(),
    };
    let steps = match (meaning, state) {
        (StateMeaning::New, Submitted | AwaitingApproval) => vec![],
        (StateMeaning::Working, InProgress) => vec![],
        (StateMeaning::Working, Submitted | AwaitingApproval) => vec![start],
        (StateMeaning::Working, OnHold) => vec![resume],
        (StateMeaning::Waiting, OnHold) => vec![],
        (StateMeaning::Waiting, Submitted | AwaitingApproval) => vec![start, hold],
        (StateMeaning::Waiting, InProgress) => vec![hold],
        (StateMeaning::Done, Resolved | Closed) => vec![],
        (StateMeaning::Done, Submitted | AwaitingApproval) => vec![start, resolve],
        (StateMeaning::Done, InProgress) => vec![resolve],
        (StateMeaning::Done, OnHold) => vec![resume, resolve],
        (StateMeaning::Cancelled, Cancelled | Rejected) => vec![],
        (StateMeaning::Cancelled, s) if s.is_open() => vec![cancel],
        (_, s) => {
            return Err(format!(
                "the request is {} in Pilot Studio, and an export cannot move it back.",
                s.label()
            ))
        }
    };
    Ok(steps)
}

/// The fulfiller of the pilot who made a status change: the row's
/// assignee, or else who last modified it.
fn worker(
    conn: &Connection,
    pilot: &Pilot,
    item: &Item,
    row: &StoredRow,
) -> Result<std::result::Result<Actor, String>> {
    let names: Vec<String> = item
        .columns
        .workers
        .iter()
        .filter_map(|s| baseline::text(row, *s))
        .collect();
    let mut last = None;
    for name in &names {
        match participant(conn, pilot, name, ParticipantRole::Fulfiller)? {
            Ok(id) => return Ok(Ok(Actor::person(id))),
            Err(reason) => last = Some(reason),
        }
    }
    Ok(Err(last.map(|r| lower_first(&r)).unwrap_or_else(|| {
        format!(
            "the export does not say which fulfiller of “{}” changed it.",
            pilot.name
        )
    })))
}

/// The person a cell names (an e-mail, or else a name) who takes part in
/// the pilot in `role`, or why there is none.
fn participant(
    conn: &Connection,
    pilot: &Pilot,
    who: &str,
    role: ParticipantRole,
) -> Result<std::result::Result<i64, String>> {
    let who = who.trim();
    let people = if who.contains('@') {
        storage::people::by_email(conn, who)?
            .map(|(id, _)| vec![id])
            .unwrap_or_default()
    } else {
        storage::people::ids_by_name(conn, who)?
    };
    if people.is_empty() {
        return Ok(Err(format!("“{who}” is not in the directory.")));
    }
    let taking_part: Vec<i64> = people
        .into_iter()
        .filter(|p| {
            pilot
                .participants
                .iter()
                .any(|x| x.person_id == *p && x.role == role)
        })
        .collect();
    Ok(match taking_part.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!(
            "“{who}” does not take part in “{}” as a {}.",
            pilot.name,
            role_word(role)
        )),
        _ => Err(format!(
            "“{who}” names several {}s of “{}”.",
            role_word(role),
            pilot.name
        )),
    })
}

fn role_word(role: ParticipantRole) -> &'static str {
    match role {
        ParticipantRole::Requester => "requester",
        ParticipantRole::Fulfiller => "fulfiller",
        ParticipantRole::Approver => "approver",
        ParticipantRole::DepartmentHead => "department head",
        ParticipantRole::Observer => "observer",
    }
}

/// An import's inspection and typed columns.
fn layout(conn: &Connection, import_id: i64) -> Result<(Inspection, Vec<Field>)> {
    let corrupt = |what: &str, e: serde_json::Error| Error::Corrupt {
        path: std::path::PathBuf::from(conn.path().unwrap_or_default()),
        reason: format!("import {import_id} has unreadable {what} ({e})"),
    };
    let (_, json) = storage::imports::inspection(conn, import_id)?.ok_or(Error::NotFound {
        what: "Import",
        id: import_id,
    })?;
    let inspection: Inspection = serde_json::from_str(&json).map_err(|e| corrupt("schema", e))?;
    let columns = serde_json::from_str(&storage::imports::columns(conn, import_id)?)
        .map_err(|e| corrupt("columns", e))?;
    Ok((inspection, columns))
}

/// The form of the item's newest published version, which requests are
/// made with.
fn published_form(conn: &Connection, item_id: i64) -> Result<Form> {
    let consequence = "so no response can be taken in as its request";
    let (_, version) = super::live::published(conn, item_id, consequence)?;
    Ok(storage::catalog::version(conn, item_id, version)?
        .ok_or(Error::NotFound {
            what: "Catalog version",
            id: version,
        })?
        .form)
}

fn find_columns<'a>(inspection: &Inspection, slots: &[Slot<'a>]) -> Option<Columns<'a>> {
    let role = |name: &Option<String>| {
        name.as_deref()
            .and_then(|n| slots.iter().find(|s| s.field.column == n).copied())
    };
    let titled = |titles: &[&str]| {
        slots
            .iter()
            .find(|s| titles.contains(&normalize(&s.field.column).as_str()))
            .copied()
    };
    let roles = &inspection.roles;
    Some(Columns {
        id: role(&roles.id),
        opened: role(&roles.opened_at)?,
        requester: role(&roles.requester),
        status: role(&roles.status),
        modified: titled(MODIFIED),
        workers: [role(&roles.assignee), titled(MODIFIED_BY)]
            .into_iter()
            .flatten()
            .collect(),
    })
}

/// Lower case with single spaces, for comparing titles.
fn normalize(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A sentence as the end of another: its first letter in lower case.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
