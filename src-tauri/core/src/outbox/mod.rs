//! The notification outbox: without a mail server, the messages a pilot's
//! participants should get (an approval is needed, a request is resolved,
//! please rate it, an SLA is about to breach) wait here. The analyst sends
//! each person's batch in one go through the mail client (`mailto`) or
//! copies it; the portal shows each person their own messages.
//!
//! Lifecycle messages are queued by `requests` in the transaction of the
//! step that causes them ([`approval_needed`], [`resolved`]), so a refused
//! or failed step queues nothing. An SLA about to breach is not a step:
//! [`due_soon`] queues those whenever the outbox is read (by the app or the
//! portal), in that read's transaction. Each person gets at most one
//! message of a kind about a request (a unique index), so repeating a step
//! or a read never doubles one. Rehearsed requests queue nothing.

pub(crate) mod mailto;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
pub use crate::shapes::outbox::{Message, MessageKind};
use crate::shapes::outbox::{NewMessage, RequestFacts};
use crate::sla::{format_utc, parse_utc};
use crate::storage;
use crate::workspace::Workspace;

/// One person's unsent messages, ready to send in one e-mail or to copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "OutboxBatch")]
pub struct Batch {
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    /// The `mailto:` address of one e-mail holding every message; none
    /// when the person has no usable e-mail address ("copy only").
    pub mailto: Option<String>,
    /// The e-mail's subject and text, for copying.
    pub subject: String,
    pub text: String,
    pub messages: Vec<Message>,
}

/// Queues "approval needed" for `approver` about `request_id`, and for
/// whoever stands in for the approver at `now`.
pub(crate) fn approval_needed(
    conn: &Connection,
    request_id: i64,
    approver: i64,
    now: &str,
) -> Result<()> {
    let f = storage::outbox::facts(conn, request_id)?;
    if f.rehearsal {
        return Ok(());
    }
    ask_approval(conn, &f, approver, None, now)?;
    for stand_in in storage::delegations::stand_ins(conn, f.pilot_id, approver, now)? {
        ask_approval(conn, &f, stand_in, Some(approver), now)?;
    }
    Ok(())
}

/// Queues "approval needed" for `to`, who stands in for `from` from `now`,
/// about every request of the pilot already waiting for `from`'s own
/// decision (a delegation that starts at once hands those over too).
pub(crate) fn handed_over(
    conn: &Connection,
    pilot_id: i64,
    from: i64,
    to: i64,
    now: &str,
) -> Result<()> {
    for id in storage::outbox::awaiting_decision_of(conn, pilot_id, from)? {
        let f = storage::outbox::facts(conn, id)?;
        if !f.rehearsal {
            ask_approval(conn, &f, to, Some(from), now)?;
        }
    }
    Ok(())
}

/// Queues "approval needed" for `to`, deciding on their own or standing
/// in for `away`.
fn ask_approval(
    conn: &Connection,
    f: &RequestFacts,
    to: i64,
    away: Option<i64>,
    now: &str,
) -> Result<()> {
    let name = person_name(conn, to)?;
    let waits = match away {
        None => ", and it waits for your approval.".to_owned(),
        Some(away) => format!(
            ". It waits for the approval of {}, for whom you stand in.",
            person_name(conn, away)?
        ),
    };
    let body = format!(
        "Hello {name},\n\n{requester} asked for “{item}” (request #{id}) in the pilot “{pilot}”{waits}\n\nPlease approve or reject it on the pilot's portal.",
        requester = f.requester_name.as_deref().unwrap_or("Someone"),
        item = f.item_name,
        id = f.request_id,
        pilot = f.pilot_name,
    );
    queue(conn, f, to, MessageKind::ApprovalNeeded, body, now)
}

/// Queues "resolved" and "please rate" for the requester of `request_id`.
pub(crate) fn resolved(conn: &Connection, request_id: i64, now: &str) -> Result<()> {
    let f = storage::outbox::facts(conn, request_id)?;
    let Some(requester) = f.requester_id.filter(|_| !f.rehearsal) else {
        return Ok(());
    };
    let name = f.requester_name.as_deref().unwrap_or("there");
    let resolved = format!(
        "Hello {name},\n\nyour request #{id} for “{item}” in the pilot “{pilot}” is resolved.\n\nIf something is still missing, you can reopen it on the pilot's portal within {days} days.",
        id = f.request_id,
        item = f.item_name,
        pilot = f.pilot_name,
        days = f.reopen_days,
    );
    queue(conn, &f, requester, MessageKind::Resolved, resolved, now)?;
    let rate = format!(
        "Hello {name},\n\nhow did it go? Please rate request #{id} for “{item}” (1 to 5 stars) on the pilot's portal within {days} days; it closes by itself after that.",
        id = f.request_id,
        item = f.item_name,
        days = f.auto_close_days,
    );
    queue(conn, &f, requester, MessageKind::PleaseRate, rate, now)
}

/// Queues "SLA about to breach" for the assignee of every open request of
/// a running pilot whose warning time has passed at `now` but whose due
/// time has not; returns how many were queued (already queued ones are
/// not counted).
pub fn due_soon(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    let at = format_utc(now);
    let mut queued = 0;
    for id in storage::outbox::warned(conn, &at)? {
        let f = storage::outbox::facts(conn, id)?;
        let Some(assignee) = f.assignee_id else {
            continue;
        };
        let name = person_name(conn, assignee)?;
        let due = match f.sla_due_at.as_deref() {
            Some(t) => parse_utc(t)?.format("%Y-%m-%d %H:%M UTC").to_string(),
            None => continue,
        };
        let body = format!(
            "Hello {name},\n\nrequest #{id} for “{item}” in the pilot “{pilot}” reached its SLA warning: it is due by {due}.",
            id = f.request_id,
            item = f.item_name,
            pilot = f.pilot_name,
        );
        let message = new_message(&f, assignee, MessageKind::SlaBreachSoon, body);
        if storage::outbox::insert(conn, &message, &at)? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Hands over, at `now`, the approvals waiting for every approver whose
/// delegation is under way: a delegation planned ahead starts without
/// anyone acting then, so the stand-in is told when the outbox is next
/// read. Messages already queued are not queued again.
fn delegations_begun(conn: &Connection, now: DateTime<Utc>) -> Result<()> {
    let at = format_utc(now);
    for d in storage::delegations::under_way(conn, &at)? {
        handed_over(conn, d.pilot_id, d.from_person_id, d.to_person_id, &at)?;
    }
    Ok(())
}

/// What comes due by the passing of time alone: SLA warnings and the
/// stand-ins of delegations that began.
fn time_passed(conn: &Connection, now: DateTime<Utc>) -> Result<()> {
    due_soon(conn, now)?;
    delegations_begun(conn, now)
}

/// A pilot's unsent messages, one batch per person (by name), after
/// queueing what time alone brought by `now` (SLA warnings, delegations
/// begun).
pub fn unsent(ws: &mut Workspace, pilot_id: i64, now: DateTime<Utc>) -> Result<Vec<Batch>> {
    batches(ws, pilot_id, None, now)
}

/// The unsent batches of everyone in the pilot, or of one person (a mail
/// client is handed one person's at a time, so "e-mail all" stays linear).
fn batches(
    ws: &mut Workspace,
    pilot_id: i64,
    person_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<Batch>> {
    storage::pilots::get(ws.conn(), pilot_id)?.ok_or(Error::NotFound {
        what: "Pilot",
        id: pilot_id,
    })?;
    let messages = ws.write(|tx| {
        time_passed(tx, now)?;
        storage::outbox::unsent_of(tx, pilot_id, person_id)
    })?;
    let mut batches: Vec<Batch> = Vec::new();
    for m in messages {
        match batches.last_mut() {
            Some(b) if b.person_id == m.person_id => b.messages.push(m),
            _ => batches.push(Batch {
                person_id: m.person_id,
                person_name: m.person_name.clone(),
                mailto: None,
                subject: String::new(),
                text: String::new(),
                messages: vec![m],
            }),
        }
    }
    for b in &mut batches {
        let (subject, text) = mailto::compose(&b.messages);
        b.mailto = mailto::address(&b.messages[0].email, &subject, &text);
        b.subject = subject;
        b.text = text;
    }
    Ok(batches)
}

/// One person's unsent batch in a pilot, ready to hand to the mail
/// client: its `mailto:` address and the ids it holds. Refused when the
/// person has nothing unsent, or no e-mail address a mail client could
/// send to (their batch can still be copied).
pub fn mail_of(
    ws: &mut Workspace,
    pilot_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<(String, Vec<i64>)> {
    let batch = batches(ws, pilot_id, Some(person_id), now)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::Invalid {
            field: "person".into(),
            message: "Nothing waits to be sent to this person any more: their messages were sent or copied meanwhile.".into(),
        })?;
    let ids = batch.messages.iter().map(|m| m.id).collect();
    match batch.mailto {
        Some(mailto) => Ok((mailto, ids)),
        None => Err(Error::Invalid {
            field: "email".into(),
            message: format!(
                "{} has no e-mail address a mail client can send to (the directory has “{}”). Copy the message instead, or correct the address in the directory.",
                batch.person_name, batch.messages[0].email
            ),
        }),
    }
}

/// Marks the pilot's messages `ids` sent, all or none: an id that is not
/// one of the pilot's messages refuses the whole batch. Returns how many
/// were marked (already sent ones stay as they were).
pub fn mark_sent(
    ws: &mut Workspace,
    pilot_id: i64,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<usize> {
    let mine = |m: &Message| m.pilot_id == pilot_id;
    let unsent = |m: &Message| m.sent_at.is_none();
    ws.write(|tx| mark(tx, ids, now, mine, unsent, storage::outbox::mark_sent))
}

/// One person's messages in a pilot, newest first, after queueing the SLA
/// warnings due at `now` (an assignee reads theirs on the portal too).
pub fn of_person(
    ws: &mut Workspace,
    pilot_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Message>> {
    ws.write(|tx| {
        time_passed(tx, now)?;
        storage::outbox::of_person(tx, pilot_id, person_id)
    })
}

/// Marks `person_id`'s messages `ids` in the pilot seen. A message of
/// anyone else, or of another pilot, is refused as if it did not exist,
/// and nothing is marked.
pub fn mark_seen(
    ws: &mut Workspace,
    pilot_id: i64,
    person_id: i64,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<usize> {
    ws.write(|tx| mark_seen_in(tx, pilot_id, person_id, ids, now))
}

/// [`mark_seen`] inside the caller's transaction (the portal's, which
/// audits the change with it).
pub(crate) fn mark_seen_in(
    conn: &Connection,
    pilot_id: i64,
    person_id: i64,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<usize> {
    let mine = |m: &Message| m.pilot_id == pilot_id && m.person_id == person_id;
    let unseen = |m: &Message| m.seen_at.is_none();
    mark(conn, ids, now, mine, unseen, storage::outbox::mark_seen)
}

/// Marks messages `ids` with `set` at `now` in the caller's transaction,
/// those still `open` to it; any id that `belongs` refuses refuses them
/// all (the caller's transaction then rolls back what was marked).
fn mark(
    conn: &Connection,
    ids: &[i64],
    now: DateTime<Utc>,
    belongs: impl Fn(&Message) -> bool,
    open: impl Fn(&Message) -> bool,
    set: fn(&Connection, i64, &str) -> Result<()>,
) -> Result<usize> {
    let at = format_utc(now);
    let mut marked = 0;
    for &id in ids {
        let m = own_message(conn, id, &belongs)?;
        if open(&m) {
            set(conn, id, &at)?;
            marked += 1;
        }
    }
    Ok(marked)
}

/// Message `id` if `belongs` says it is the caller's to change; otherwise
/// "does not exist", so nobody learns of another person's messages.
fn own_message(conn: &Connection, id: i64, belongs: impl Fn(&Message) -> bool) -> Result<Message> {
    storage::outbox::get(conn, id)?
        .filter(belongs)
        .ok_or(Error::NotFound {
            what: "Message",
            id,
        })
}

fn queue(
    conn: &Connection,
    f: &RequestFacts,
    person: i64,
    kind: MessageKind,
    body: String,
    now: &str,
) -> Result<()> {
    storage::outbox::insert(conn, &new_message(f, person, kind, body), now)?;
    Ok(())
}

fn new_message(f: &RequestFacts, person: i64, kind: MessageKind, body: String) -> NewMessage {
    let what = match kind {
        MessageKind::ApprovalNeeded => "Approval needed",
        MessageKind::Resolved => "Resolved",
        MessageKind::PleaseRate => "Please rate",
        MessageKind::SlaBreachSoon => "SLA about to breach",
    };
    NewMessage {
        pilot_id: f.pilot_id,
        request_id: f.request_id,
        person_id: person,
        kind,
        subject: format!("{what}: request #{} “{}”", f.request_id, f.item_name),
        body,
    }
}

fn person_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(storage::people::name_and_manager(conn, id)?
        .ok_or(Error::NotFound { what: "Person", id })?
        .0)
}
