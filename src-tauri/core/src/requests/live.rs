//! Pilot requests: submitting against a published item, and every change
//! after it through the lifecycle, each recorded as an immutable event.
//!
//! Every function takes the moment it acts at (`now`, UTC) so tests and
//! rehearsals can play time forward. Time never runs backwards on a
//! request: an action dated before the request's latest event is recorded
//! at that event's time.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::attachments::{self, NewFile};
use super::delegation;
use super::lifecycle::{self, Facts, HoldReason, State, Step};
use crate::catalog::{self, ApprovalKind, CatalogItem, Status};
use crate::error::{Error, Result};
use crate::outbox;
use crate::pilots::{self, ParticipantRole, Pilot, PilotState};
use crate::sla::{self, format_utc, parse_utc, Calendar, Clock, ClockInput, Verdict};
use crate::storage;
use crate::workspace::Workspace;

/// Who does something: a person of the directory, and whether the analyst
/// did it for them in this window. Nobody (`person_id` none) is Pilot
/// Studio itself, which only closes resolved requests when their time is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub acting: bool,
}

impl Actor {
    /// The person themself (the CLI, a script).
    pub fn person(id: i64) -> Actor {
        Actor {
            person_id: Some(id),
            acting: false,
        }
    }

    /// The analyst, acting for the person.
    pub fn acting_as(id: i64) -> Actor {
        Actor {
            person_id: Some(id),
            acting: true,
        }
    }

    pub fn system() -> Actor {
        Actor {
            person_id: None,
            acting: false,
        }
    }
}

/// A change to a request. Field names are single words so they read the
/// same in Rust, JSON and TypeScript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(rename = "RequestAction")]
pub enum Action {
    Approve {
        #[serde(default)]
        comment: String,
    },
    Reject {
        #[serde(default)]
        comment: String,
    },
    /// To a group (the item's by default) and/or a person (a fulfiller).
    Assign {
        #[serde(default)]
        group: Option<String>,
        #[serde(default)]
        #[ts(type = "number | null")]
        assignee: Option<i64>,
    },
    Start,
    Hold {
        reason: HoldReason,
        #[serde(default)]
        note: String,
    },
    Resume,
    /// Marks the task at `position` (1-based) done.
    CompleteTask {
        #[ts(type = "number")]
        position: i64,
    },
    /// A comment the requester sees.
    Comment {
        text: String,
    },
    /// An internal note the requester does not see.
    WorkNote {
        text: String,
    },
    Resolve {
        #[serde(default)]
        note: String,
    },
    Reopen {
        #[serde(default)]
        reason: String,
    },
    /// 1–5 with an optional comment; closes the request.
    Rate {
        #[ts(type = "number")]
        rating: i64,
        #[serde(default)]
        comment: String,
    },
    AutoClose,
    Cancel {
        #[serde(default)]
        reason: String,
    },
}

impl Action {
    pub fn step(&self) -> Step {
        match self {
            Action::Approve { .. } => Step::Approve,
            Action::Reject { .. } => Step::Reject,
            Action::Assign { .. } => Step::Assign,
            Action::Start => Step::Start,
            Action::Hold { .. } => Step::Hold,
            Action::Resume => Step::Resume,
            Action::CompleteTask { .. } => Step::CompleteTask,
            Action::Comment { .. } => Step::Comment,
            Action::WorkNote { .. } => Step::WorkNote,
            Action::Resolve { .. } => Step::Resolve,
            Action::Reopen { .. } => Step::Reopen,
            Action::Rate { .. } => Step::Rate,
            Action::AutoClose => Step::AutoClose,
            Action::Cancel { .. } => Step::Cancel,
        }
    }
}

/// A request to submit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRequest {
    #[ts(type = "number")]
    pub pilot_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
    /// The answers by form field key, validated against the item's newest
    /// published form.
    #[ts(type = "Record<string, unknown>")]
    pub answers: Map<String, Value>,
    /// 1 (critical) – 4 (low); 3 when not given.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub priority: Option<i64>,
}

/// A pilot request as stored (the row of `requests`).
#[derive(Debug, Clone, PartialEq)]
pub struct Live {
    pub id: i64,
    pub pilot_id: i64,
    pub item_id: i64,
    pub form_version: i64,
    pub requester_id: Option<i64>,
    pub state: State,
    pub hold_reason: Option<HoldReason>,
    pub priority: i64,
    pub assignment_group: String,
    pub assignee_id: Option<i64>,
    /// The approval step being decided, when awaiting approval.
    pub approval_position: Option<i64>,
    pub rehearsal: bool,
    pub opened_at: String,
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    pub closed_at: Option<String>,
    pub sla_target_secs: i64,
    pub sla_paused_secs: i64,
    pub paused_since: Option<String>,
    pub sla_due_at: Option<String>,
    pub sla_warn_at: Option<String>,
    pub sla_met: Option<bool>,
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    pub answers: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequestApproval {
    #[ts(type = "number")]
    pub position: i64,
    pub kind: ApprovalKind,
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    pub group: Option<String>,
    /// `approved`, `rejected`, or none while undecided.
    pub decision: Option<String>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<String>,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RequestTask {
    #[ts(type = "number")]
    pub position: i64,
    pub title: String,
    pub done_at: Option<String>,
    pub done_by_name: Option<String>,
}

/// One immutable change on a request's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "RequestEvent")]
pub struct Event {
    #[ts(type = "number")]
    pub id: i64,
    /// UTC.
    pub at: String,
    #[ts(type = "number | null")]
    pub actor_id: Option<i64>,
    pub actor_name: String,
    /// The analyst did it for `actor_name`.
    pub acting: bool,
    /// `submitted`, `approved`, `rejected`, `assigned`, `started`,
    /// `on_hold`, `resumed`, `task_done`, `comment`, `work_note`,
    /// `resolved`, `reopened`, `rated`, `closed`, `cancelled`.
    pub kind: String,
    pub from_state: Option<State>,
    pub to_state: Option<State>,
    pub detail: String,
    /// A work note: not shown to the requester.
    pub internal: bool,
}

/// A request as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub pilot_id: i64,
    pub pilot_name: String,
    #[ts(type = "number")]
    pub item_id: i64,
    pub item_name: String,
    /// The published form version the request was made with.
    #[ts(type = "number")]
    pub form_version: i64,
    #[ts(type = "number | null")]
    pub requester_id: Option<i64>,
    pub requester_name: Option<String>,
    pub state: State,
    pub hold_reason: Option<HoldReason>,
    #[ts(type = "number")]
    pub priority: i64,
    pub assignment_group: String,
    #[ts(type = "number | null")]
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub rehearsal: bool,
    pub opened_at: String,
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    pub closed_at: Option<String>,
    #[ts(type = "number | null")]
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    /// Until when the requester may reopen (resolved requests only).
    pub reopen_until: Option<String>,
    #[ts(type = "Record<string, unknown>")]
    pub answers: Map<String, Value>,
    /// The answers as the requester saw the questions, in the form's order.
    pub answer_lines: Vec<AnswerLine>,
    pub approvals: Vec<RequestApproval>,
    pub tasks: Vec<RequestTask>,
    /// The files attached, oldest first.
    pub attachments: Vec<super::Attachment>,
    pub events: Vec<Event>,
    pub sla: Clock,
}

/// One answer in words: the question's label (its key when the form
/// version no longer has it) and the answer, choices by their labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnswerLine {
    pub key: String,
    pub label: String,
    pub text: String,
}

/// The answers in words, against the form version the request was made
/// with: its fields first, in order, then any answer it has no field for.
/// A person field's answer is their directory id, shown by name
/// (`name_of`), or by number when they have left the directory.
fn answer_lines(
    form: Option<&catalog::Form>,
    answers: &Map<String, Value>,
    name_of: impl Fn(i64) -> Result<Option<String>>,
) -> Result<Vec<AnswerLine>> {
    let fields: &[catalog::FormField] = form.map_or(&[], |f| &f.fields);
    let mut lines = Vec::new();
    for field in fields {
        if lines.iter().any(|l: &AnswerLine| l.key == field.key) {
            continue;
        }
        if let Some(value) = answers.get(&field.key).filter(|v| !v.is_null()) {
            let person = value
                .as_i64()
                .filter(|_| field.field_type == catalog::FieldType::Person);
            let text = match person {
                Some(id) => name_of(id)?
                    .unwrap_or_else(|| format!("Person #{id} (no longer in the directory)")),
                None => answer_text(value, &field.choices),
            };
            lines.push(AnswerLine {
                key: field.key.clone(),
                label: field.label.clone(),
                text,
            });
        }
    }
    for (key, value) in answers {
        if !value.is_null() && !fields.iter().any(|f| &f.key == key) {
            lines.push(AnswerLine {
                key: key.clone(),
                label: key.clone(),
                text: answer_text(value, &[]),
            });
        }
    }
    Ok(lines)
}

fn answer_text(value: &Value, choices: &[catalog::Choice]) -> String {
    match value {
        Value::String(s) => choices
            .iter()
            .find(|c| &c.id == s)
            .map_or_else(|| s.clone(), |c| c.label.clone()),
        Value::Bool(true) => "Yes".into(),
        Value::Bool(false) => "No".into(),
        Value::Array(items) => items
            .iter()
            .map(|v| answer_text(v, choices))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Where a queue page continues: after this due time and id (an empty due
/// time: among the requests whose clock has not started, which come first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueCursor {
    pub due_at: String,
    #[ts(type = "number")]
    pub id: i64,
}

/// Which requests a queue shows; parts left empty match everything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct QueueFilter {
    #[ts(type = "number | null")]
    pub pilot_id: Option<i64>,
    /// The assignment group.
    pub group: Option<String>,
    /// "Assigned to me".
    #[ts(type = "number | null")]
    pub assignee_id: Option<i64>,
    /// Empty: every open state.
    pub states: Vec<State>,
    #[ts(type = "number | null")]
    pub item_id: Option<i64>,
    #[ts(type = "number | null")]
    pub priority: Option<i64>,
    /// Only running clocks past their warning threshold (or breached).
    pub at_risk: bool,
    /// Only rehearsal (true) or only real (false) requests.
    pub rehearsal: Option<bool>,
    pub after: Option<QueueCursor>,
    pub limit: u32,
    /// Only requests of these assignment groups (empty: any): the groups
    /// a fulfiller works in, which the portal sets from who asks. It is
    /// never read from a client, so the app's filter does not carry it.
    #[serde(skip)]
    #[ts(skip)]
    pub groups: Vec<String>,
}

impl Default for QueueFilter {
    fn default() -> Self {
        QueueFilter {
            pilot_id: None,
            group: None,
            assignee_id: None,
            states: Vec::new(),
            item_id: None,
            priority: None,
            at_risk: false,
            rehearsal: None,
            after: None,
            limit: 100,
            groups: Vec::new(),
        }
    }
}

/// A request as a queue lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueueRow {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub pilot_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
    pub item_name: String,
    pub requester_name: Option<String>,
    pub assignee_name: Option<String>,
    pub assignment_group: String,
    pub state: State,
    pub hold_reason: Option<HoldReason>,
    #[ts(type = "number")]
    pub priority: i64,
    pub opened_at: String,
    pub due_at: Option<String>,
    pub warn_at: Option<String>,
    pub paused: bool,
    pub rehearsal: bool,
    pub resolved_at: Option<String>,
    pub sla_met: Option<bool>,
    #[ts(type = "number | null")]
    pub rating: Option<i64>,
}

/// A page of a queue and where the next one starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    /// The SLA verdict of each row at the time of the query.
    pub verdicts: Vec<Verdict>,
    pub next: Option<QueueCursor>,
}

const TEXT_MAX: usize = 10_000;

/// Submits a request for the actor (the requester) against the item's
/// newest published form, in a running pilot.
pub fn submit(
    ws: &mut Workspace,
    new: &NewRequest,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Request> {
    submit_with_files(ws, new, &[], actor, now)
}

/// Submits a request with the files its form's attachment fields ask for,
/// each `file.field_key` naming its field: the request and its files are
/// stored together or not at all, and each attachment field is answered
/// with its file's name.
pub fn submit_with_files(
    ws: &mut Workspace,
    new: &NewRequest,
    files: &[NewFile],
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Request> {
    let id = ws.write(|tx| submit_with_files_in(tx, new, files, actor, now))?;
    get(ws, id, true, now)
}

pub(crate) fn submit_with_files_in(
    conn: &Connection,
    new: &NewRequest,
    files: &[NewFile],
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<i64> {
    let id = submit_answers(conn, new, Some(files), actor, now, false)?;
    for file in files {
        attachments::attach_in(conn, id, actor, file, now)?;
    }
    Ok(id)
}

/// Submits a request whose answers come from elsewhere (another tool's
/// export, a rehearsal): an attachment field's answer is kept as the
/// file name or link it holds, as no file comes with it.
pub(crate) fn submit_in(
    conn: &Connection,
    new: &NewRequest,
    actor: Actor,
    now: DateTime<Utc>,
    rehearsal: bool,
) -> Result<i64> {
    submit_answers(conn, new, None, actor, now, rehearsal)
}

/// The answers with each attachment field answered by the name of the file
/// sent for it. An answer naming a file that was not sent is refused: in
/// the app and the portal a name alone is not a file.
fn answered_with_files(
    form: &catalog::Form,
    answers: &Map<String, Value>,
    files: &[NewFile],
) -> Result<Map<String, Value>> {
    let mut out = answers.clone();
    let is_file_field = |key: &str| {
        form.fields
            .iter()
            .find(|f| f.key == key)
            .filter(|f| f.field_type == catalog::FieldType::Attachment)
    };
    let mut sent = std::collections::HashSet::new();
    for file in files {
        let key = file.field_key.as_deref().unwrap_or_default();
        let field = is_file_field(key).ok_or_else(|| {
            Error::invalid(
                "files",
                format!(
                    "“{}” was sent for “{key}”, which is not a file field of this form.",
                    attachments::file_name(&file.name)
                ),
            )
        })?;
        if !sent.insert(key) {
            return Err(Error::invalid(
                "files",
                format!(
                    "“{}” takes one file, and more than one was sent.",
                    field.name()
                ),
            ));
        }
        out.insert(
            key.to_owned(),
            Value::String(attachments::file_name(&file.name)),
        );
    }
    for field in &form.fields {
        let named = out.get(&field.key).is_some_and(|v| !v.is_null());
        if field.field_type == catalog::FieldType::Attachment
            && named
            && !sent.contains(field.key.as_str())
        {
            return Err(Error::invalid(
                "files",
                format!(
                    "“{}” names a file that was not sent with the request: attach the file itself.",
                    field.name()
                ),
            ));
        }
    }
    Ok(out)
}

fn submit_answers(
    conn: &Connection,
    new: &NewRequest,
    files: Option<&[NewFile]>,
    actor: Actor,
    now: DateTime<Utc>,
    rehearsal: bool,
) -> Result<i64> {
    let pilot = pilots::load(conn, new.pilot_id)?;
    let allowed = match pilot.state {
        PilotState::Running => true,
        PilotState::Planned => rehearsal,
        PilotState::Ended => false,
    };
    if !allowed {
        return Err(Error::invalid(
            "pilotId",
            format!(
                "“{}” is {}: requests can only be submitted while it runs.",
                pilot.name,
                pilot.state.as_str()
            ),
        ));
    }
    let requester = person_of(actor)?;
    require_role(
        conn,
        &pilot,
        requester,
        &[ParticipantRole::Requester],
        "submit requests",
    )?;
    if !pilot.items.iter().any(|i| i.id == new.item_id) {
        return Err(Error::invalid(
            "itemId",
            format!(
                "Catalog item {} is not part of “{}”.",
                new.item_id, pilot.name
            ),
        ));
    }
    let (item, version) = published(conn, new.item_id, "so it cannot be requested")?;
    let form = storage::catalog::version(conn, item.id, version)?
        .ok_or_else(|| {
            Error::invalid(
                "itemId",
                format!("“{}” lost its version {version}.", item.name),
            )
        })?
        .form;
    let answers = match files {
        Some(files) => answered_with_files(&form, &new.answers, files)?,
        None => new.answers.clone(),
    };
    if !rehearsal {
        let issues = catalog::validate_answers(&form, &answers);
        if !issues.is_empty() {
            let list: Vec<String> = issues.iter().map(|i| i.message.clone()).collect();
            return Err(Error::invalid(
                "answers",
                format!("The request cannot be submitted yet: {}", list.join(" ")),
            ));
        }
    }
    let priority = new.priority.unwrap_or(3);
    if !(1..=4).contains(&priority) {
        return Err(Error::invalid(
            "priority",
            "Priority is 1 (critical) to 4 (low).",
        ));
    }
    let calendar = calendar_of(conn, &pilot, item.id)?;
    let target = calendar.target_seconds(&item.sla);
    let mut steps = Vec::new();
    for step in &item.fulfilment.approvals {
        let person = match step.kind {
            ApprovalKind::RequesterManager => {
                let (name, manager) =
                    storage::people::name_and_manager(conn, requester)?.ok_or(Error::NotFound {
                        what: "Person",
                        id: requester,
                    })?;
                Some(manager.ok_or_else(|| {
                    Error::invalid(
                        "requester",
                        format!(
                            "{name} has no manager in the directory, and “{}” needs the requester's manager's approval.",
                            item.name
                        ),
                    )
                })?)
            }
            ApprovalKind::Person => step.person_id,
            ApprovalKind::Group => None,
        };
        steps.push((step.kind, person, step.group.clone()));
    }
    let state = lifecycle::initial(steps.len() as u32);
    let opened = format_utc(now);
    let mut live = Live {
        id: 0,
        pilot_id: pilot.id,
        item_id: item.id,
        form_version: version,
        requester_id: Some(requester),
        state,
        hold_reason: None,
        priority,
        assignment_group: item.fulfilment.assignment_group.clone(),
        assignee_id: None,
        approval_position: (!steps.is_empty()).then_some(1),
        rehearsal,
        opened_at: opened.clone(),
        first_response_at: None,
        resolved_at: None,
        closed_at: None,
        sla_target_secs: target,
        sla_paused_secs: 0,
        paused_since: None,
        sla_due_at: None,
        sla_warn_at: None,
        sla_met: None,
        rating: None,
        rating_comment: None,
        answers: serde_json::to_string(&answers).expect("answers serialise"),
    };
    set_due(&mut live, &calendar, pilot.warning_percent)?;
    let id = storage::requests::insert_live(conn, &live, &opened)?;
    for (i, (kind, person, group)) in steps.iter().enumerate() {
        storage::requests::insert_approval(
            conn,
            id,
            i as i64 + 1,
            *kind,
            *person,
            group.as_deref(),
        )?;
    }
    for (i, title) in item.fulfilment.tasks.iter().enumerate() {
        storage::requests::insert_task(conn, id, i as i64 + 1, title)?;
    }
    record(
        conn,
        id,
        &opened,
        actor,
        "submitted",
        None,
        Some(state),
        &format!("Form version {version}"),
        false,
    )?;
    if let Some((_, Some(approver), _)) = steps.first() {
        outbox::approval_needed(conn, id, *approver, &opened)?;
    }
    Ok(id)
}

/// Applies one action to a request as `actor` at `now`.
pub fn act(
    ws: &mut Workspace,
    id: i64,
    actor: Actor,
    action: &Action,
    now: DateTime<Utc>,
) -> Result<Request> {
    ws.write(|tx| act_in(tx, id, actor, action, now))?;
    get(ws, id, true, now)
}

pub(crate) fn act_in(
    conn: &Connection,
    id: i64,
    actor: Actor,
    action: &Action,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut r = storage::requests::live(conn, id)?.ok_or(Error::NotFound {
        what: "Request",
        id,
    })?;
    let pilot = pilots::load(conn, r.pilot_id)?;
    let now = match storage::events::last_at(conn, id)? {
        Some(last) => now.max(parse_utc(&last)?),
        None => now,
    };
    let at = format_utc(now);
    let step = action.step();
    let approvals = storage::requests::approvals(conn, id)?;
    let tasks = storage::requests::tasks(conn, id)?;
    authorise(conn, &pilot, &r, actor, step, &approvals, &at)?;
    let resolved = r.resolved_at.as_deref().map(parse_utc).transpose()?;
    let facts = Facts {
        approvals_left: approvals.iter().filter(|a| a.decision.is_none()).count() as u32,
        tasks_open: tasks.iter().filter(|t| t.done_at.is_none()).count() as u32,
        within_reopen_window: resolved
            .is_some_and(|t| now <= t + Duration::days(pilot.reopen_days)),
        auto_close_due: resolved.is_some_and(|t| now >= t + Duration::days(pilot.auto_close_days)),
    };
    let from = r.state;
    let to = lifecycle::next(from, step, facts).map_err(|m| Error::invalid("state", m))?;
    let calendar = calendar_of(conn, &pilot, r.item_id)?;
    let who = actor.person_id.unwrap_or_default();
    let (kind, detail, internal): (&str, String, bool) = match action {
        Action::Approve { comment } | Action::Reject { comment } => {
            let position = r.approval_position.unwrap_or(1);
            let approved = step == Step::Approve;
            let decision = if approved { "approved" } else { "rejected" };
            storage::requests::decide(conn, id, position, decision, who, &at, text(comment)?)?;
            r.approval_position =
                (approved && to == State::AwaitingApproval).then_some(position + 1);
            // A stand-in's decision says whose step it was.
            let step_of = approvals
                .iter()
                .find(|a| a.position == position)
                .and_then(|a| a.person_id)
                .filter(|&p| Some(p) != actor.person_id);
            let detail = match step_of {
                Some(p) => join(
                    &format!("on behalf of {}", person_name(conn, Some(p))?),
                    comment.trim(),
                ),
                None => comment.trim().to_owned(),
            };
            (decision, detail, false)
        }
        Action::Assign { group, assignee } => {
            if let Some(g) = group {
                r.assignment_group = g.trim().to_owned();
            }
            if let Some(person) = assignee {
                require_role(
                    conn,
                    &pilot,
                    *person,
                    &[ParticipantRole::Fulfiller],
                    "be assigned requests",
                )?;
                r.assignee_id = Some(*person);
            }
            let name = match r.assignee_id {
                Some(p) => person_name(conn, Some(p))?,
                None => "nobody".to_owned(),
            };
            (
                "assigned",
                format!("{} · {name}", group_label(&r.assignment_group)),
                false,
            )
        }
        Action::Start => {
            if r.assignee_id.is_none() {
                r.assignee_id = actor.person_id;
            }
            ("started", String::new(), false)
        }
        Action::Hold { reason, note } => {
            r.hold_reason = Some(*reason);
            if reason.pauses_sla() {
                r.paused_since = Some(at.clone());
            }
            ("on_hold", join(hold_label(*reason), text(note)?), false)
        }
        Action::Resume => {
            r.hold_reason = None;
            end_pause(&mut r, &calendar, now)?;
            set_due(&mut r, &calendar, pilot.warning_percent)?;
            ("resumed", String::new(), false)
        }
        Action::CompleteTask { position } => {
            let task = tasks
                .iter()
                .find(|t| t.position == *position)
                .ok_or_else(|| {
                    Error::invalid("position", format!("The request has no task {position}."))
                })?;
            if task.done_at.is_some() {
                return Err(Error::invalid(
                    "position",
                    format!("Task {position} (“{}”) is already done.", task.title),
                ));
            }
            storage::requests::complete_task(conn, id, *position, who, &at)?;
            ("task_done", task.title.clone(), false)
        }
        Action::Comment { text: t } => ("comment", required_text(t, "comment")?, false),
        Action::WorkNote { text: t } => ("work_note", required_text(t, "work note")?, true),
        Action::Resolve { note } => {
            end_pause(&mut r, &calendar, now)?;
            r.resolved_at = Some(at.clone());
            let clock = clock_of(&r, &calendar, pilot.warning_percent, now)?;
            r.sla_met = Some(clock.left_secs >= 0);
            (
                "resolved",
                join(
                    if clock.left_secs >= 0 {
                        "SLA met"
                    } else {
                        "SLA breached"
                    },
                    text(note)?,
                ),
                false,
            )
        }
        Action::Reopen { reason } => {
            // The clock stood still while the request was resolved.
            if let Some(t) = resolved {
                r.sla_paused_secs += calendar.business_seconds(t, now);
            }
            r.resolved_at = None;
            r.sla_met = None;
            set_due(&mut r, &calendar, pilot.warning_percent)?;
            ("reopened", text(reason)?.to_owned(), false)
        }
        Action::Rate { rating, comment } => {
            if !(1..=5).contains(rating) {
                return Err(Error::invalid("rating", "A rating is 1 to 5 stars."));
            }
            r.rating = Some(*rating);
            let comment = text(comment)?;
            r.rating_comment = (!comment.is_empty()).then(|| comment.to_owned());
            r.closed_at = Some(at.clone());
            ("rated", join(&format!("{rating} of 5"), comment), false)
        }
        Action::AutoClose => {
            r.closed_at = Some(at.clone());
            (
                "closed",
                format!("Not rated within {} days", pilot.auto_close_days),
                false,
            )
        }
        Action::Cancel { reason } => {
            end_pause(&mut r, &calendar, now)?;
            ("cancelled", text(reason)?.to_owned(), false)
        }
    };
    let responds = matches!(
        step,
        Step::Assign | Step::Start | Step::Comment | Step::Hold | Step::Resolve
    );
    if responds
        && r.first_response_at.is_none()
        && actor.person_id.is_some()
        && actor.person_id != r.requester_id
    {
        r.first_response_at = Some(at.clone());
    }
    if to.is_final() && r.closed_at.is_none() {
        r.closed_at = Some(at.clone());
    }
    r.state = to;
    storage::requests::update_live(conn, &r, &at)?;
    let changed = from != to;
    record(
        conn,
        id,
        &at,
        actor,
        kind,
        Some(from).filter(|_| changed),
        Some(to).filter(|_| changed),
        &detail,
        internal,
    )?;
    // The messages this step causes are queued in its transaction.
    match step {
        Step::Approve if to == State::AwaitingApproval => {
            let next = approvals
                .iter()
                .find(|a| Some(a.position) == r.approval_position)
                .and_then(|a| a.person_id);
            if let Some(approver) = next {
                outbox::approval_needed(conn, id, approver, &at)?;
            }
        }
        Step::Resolve => outbox::resolved(conn, id, &at)?,
        _ => {}
    }
    Ok(())
}

/// Assigns several requests at once to a group and/or a person, as
/// `actor` at `now`, in one transaction: each request gets its own
/// assignment event, and when one of them cannot be assigned none is
/// changed and the error names that request and why. Returns how many
/// requests were assigned.
pub fn assign_many(
    ws: &mut Workspace,
    ids: &[i64],
    actor: Actor,
    group: Option<&str>,
    assignee: Option<i64>,
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut unique: Vec<i64> = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(id) {
            unique.push(*id);
        }
    }
    if unique.is_empty() {
        return Err(Error::invalid(
            "requests",
            "Choose at least one request to assign.",
        ));
    }
    let group = group.map(str::trim).filter(|g| !g.is_empty());
    if group.is_none() && assignee.is_none() {
        return Err(Error::invalid(
            "assignee",
            "Choose a person or a group to assign the requests to.",
        ));
    }
    let action = Action::Assign {
        group: group.map(str::to_owned),
        assignee,
    };
    let count = unique.len();
    ws.write(|tx| {
        for id in &unique {
            act_in(tx, *id, actor, &action, now).map_err(|e| {
                let why = match &e {
                    Error::Invalid { message, .. } => format!("Request #{id}: {message}"),
                    Error::NotFound { .. } => e.to_string(),
                    _ => return e,
                };
                let none = if count == 1 {
                    "It was not changed."
                } else {
                    "None of the requests was changed."
                };
                Error::invalid("requests", format!("{why} {none}"))
            })?;
        }
        Ok(count)
    })
}

/// A request with its approvals, tasks, timeline (work notes only for
/// `internal`) and SLA clock at `now`.
pub fn get(ws: &Workspace, id: i64, internal: bool, now: DateTime<Utc>) -> Result<Request> {
    let conn = ws.conn();
    let r = storage::requests::live(conn, id)?.ok_or(Error::NotFound {
        what: "Request",
        id,
    })?;
    let pilot = pilots::load(conn, r.pilot_id)?;
    let calendar = calendar_of(conn, &pilot, r.item_id)?;
    let sla = clock_of(&r, &calendar, pilot.warning_percent, now)?;
    let (item_name, pilot_name) = storage::requests::names(conn, r.item_id, r.pilot_id)?;
    let answers: Map<String, Value> = serde_json::from_str(&r.answers).unwrap_or_default();
    let form = storage::catalog::version(conn, r.item_id, r.form_version)?.map(|v| v.form);
    let reopen_until = match (&r.resolved_at, r.state) {
        (Some(t), State::Resolved) => Some(format_utc(
            parse_utc(t)? + Duration::days(pilot.reopen_days),
        )),
        _ => None,
    };
    Ok(Request {
        id: r.id,
        pilot_id: r.pilot_id,
        pilot_name,
        item_id: r.item_id,
        item_name,
        form_version: r.form_version,
        requester_id: r.requester_id,
        requester_name: r
            .requester_id
            .map(|p| person_name(conn, Some(p)))
            .transpose()?,
        state: r.state,
        hold_reason: r.hold_reason,
        priority: r.priority,
        assignment_group: r.assignment_group.clone(),
        assignee_id: r.assignee_id,
        assignee_name: r
            .assignee_id
            .map(|p| person_name(conn, Some(p)))
            .transpose()?,
        rehearsal: r.rehearsal,
        opened_at: r.opened_at.clone(),
        first_response_at: r.first_response_at.clone(),
        resolved_at: r.resolved_at.clone(),
        closed_at: r.closed_at.clone(),
        rating: r.rating,
        rating_comment: r.rating_comment.clone(),
        reopen_until,
        answer_lines: answer_lines(form.as_ref(), &answers, |id| {
            Ok(storage::people::name_and_manager(conn, id)?.map(|(name, _)| name))
        })?,
        answers,
        approvals: storage::requests::approvals(conn, id)?,
        tasks: storage::requests::tasks(conn, id)?,
        attachments: storage::attachments::list(conn, id)?,
        events: storage::events::list(conn, id, internal)?,
        sla,
    })
}

/// One page of a queue, soonest due first.
pub fn queue(ws: &Workspace, filter: &QueueFilter, now: DateTime<Utc>) -> Result<QueuePage> {
    let mut filter = filter.clone();
    filter.limit = filter.limit.clamp(1, 1000);
    let at = format_utc(now);
    let rows = storage::requests::queue(ws.conn(), &filter, &at)?;
    let next = (rows.len() == filter.limit as usize)
        .then(|| rows.last())
        .flatten()
        .map(|r| QueueCursor {
            due_at: r.due_at.clone().unwrap_or_default(),
            id: r.id,
        });
    let verdicts = rows.iter().map(|r| verdict(r, &at)).collect();
    Ok(QueuePage {
        rows,
        verdicts,
        next,
    })
}

/// The SLA clock of every open request of a pilot at `now`, by request id.
pub fn open_clocks(ws: &Workspace, pilot_id: i64, now: DateTime<Utc>) -> Result<Vec<(i64, Clock)>> {
    let conn = ws.conn();
    let pilot = pilots::load(conn, pilot_id)?;
    let mut calendars: Vec<(i64, Calendar)> = Vec::new();
    let mut out = Vec::new();
    for r in storage::requests::open_live(conn, pilot_id)? {
        let calendar = match calendars.iter().find(|(item, _)| *item == r.item_id) {
            Some((_, c)) => c,
            None => {
                calendars.push((r.item_id, calendar_of(conn, &pilot, r.item_id)?));
                &calendars.last().expect("just pushed").1
            }
        };
        out.push((r.id, clock_of(&r, calendar, pilot.warning_percent, now)?));
    }
    Ok(out)
}

/// A requester's requests in a pilot, newest first.
pub fn mine(ws: &Workspace, pilot_id: i64, requester_id: i64) -> Result<Vec<QueueRow>> {
    storage::requests::of_requester(ws.conn(), pilot_id, requester_id, 500)
}

/// The requests of a pilot waiting for this person's approval at `now`:
/// their own steps, those of the approvers they stand in for, and the
/// steps of groups when they are an approver.
pub fn approvals_for(
    ws: &Workspace,
    pilot_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<QueueRow>> {
    storage::requests::awaiting_approval_by(ws.conn(), pilot_id, person_id, &format_utc(now))
}

/// Closes the pilot's resolved requests whose rating window ran out, as
/// Pilot Studio; returns how many.
pub fn close_due(ws: &mut Workspace, pilot_id: i64, now: DateTime<Utc>) -> Result<usize> {
    ws.write(|tx| {
        let pilot = pilots::load(tx, pilot_id)?;
        let before = format_utc(now - Duration::days(pilot.auto_close_days));
        let ids = storage::requests::resolved_before(tx, pilot_id, &before)?;
        for id in &ids {
            act_in(tx, *id, Actor::system(), &Action::AutoClose, now)?;
        }
        Ok(ids.len())
    })
}

/// The SLA verdict of a queue row from its stored due and warning times,
/// exact for a running clock (they move only when a pause ends).
fn verdict(row: &QueueRow, now: &str) -> Verdict {
    let past = |t: &Option<String>| t.as_deref().is_some_and(|t| t <= now);
    match row.state {
        State::Resolved | State::Closed => match row.sla_met {
            Some(false) => Verdict::Breached,
            _ => Verdict::Met,
        },
        _ if row.paused => Verdict::Paused,
        _ if past(&row.due_at) => Verdict::Breached,
        _ if past(&row.warn_at) => Verdict::AtRisk,
        _ => Verdict::OnTrack,
    }
}

fn calendar_of(conn: &Connection, pilot: &Pilot, item_id: i64) -> Result<Calendar> {
    let department = storage::requests::item_department(conn, item_id)?.or(pilot.department_id);
    let dept = department
        .map(|d| storage::departments::get(conn, d))
        .transpose()?
        .flatten()
        .ok_or_else(|| {
            Error::invalid(
                "itemId",
                format!("Catalog item {item_id} has no providing department, so its SLA clock has no calendar."),
            )
        })?;
    Calendar::new(&dept.hours)
}

fn clock_of(
    r: &Live,
    calendar: &Calendar,
    warning_percent: i64,
    now: DateTime<Utc>,
) -> Result<Clock> {
    let input = ClockInput {
        opened: parse_utc(&r.opened_at)?,
        target_secs: r.sla_target_secs,
        paused_secs: r.sla_paused_secs,
        paused_since: r.paused_since.as_deref().map(parse_utc).transpose()?,
        // A clock stops at resolution, or when the request ends without one.
        stopped: r
            .resolved_at
            .as_deref()
            .or(r.closed_at.as_deref())
            .map(parse_utc)
            .transpose()?,
        warning_percent,
    };
    Ok(sla::clock(calendar, &input, now))
}

/// Recomputes when the clock falls due and turns at risk: the target (or
/// its warning share) of working time after opening, plus the time paused.
fn set_due(r: &mut Live, calendar: &Calendar, warning_percent: i64) -> Result<()> {
    let opened = parse_utc(&r.opened_at)?;
    let due = calendar.add(opened, r.sla_target_secs + r.sla_paused_secs);
    let warn = calendar.add(
        opened,
        r.sla_target_secs * warning_percent / 100 + r.sla_paused_secs,
    );
    match (due, warn) {
        (Some(due), Some(warn)) => {
            r.sla_due_at = Some(format_utc(due));
            r.sla_warn_at = Some(format_utc(warn));
            Ok(())
        }
        _ => Err(Error::invalid(
            "calendar",
            "The providing department's calendar has no working time, so the SLA clock could never run.",
        )),
    }
}

fn end_pause(r: &mut Live, calendar: &Calendar, now: DateTime<Utc>) -> Result<()> {
    if let Some(since) = r.paused_since.take() {
        r.sla_paused_secs += calendar.business_seconds(parse_utc(&since)?, now);
    }
    Ok(())
}

fn person_of(actor: Actor) -> Result<i64> {
    actor.person_id.ok_or_else(|| {
        Error::invalid(
            "actor",
            "Choose who is acting: every change is made by a person.",
        )
    })
}

pub(super) fn person_name(conn: &Connection, id: Option<i64>) -> Result<String> {
    Ok(match id {
        None => "Pilot Studio".to_owned(),
        Some(id) => storage::people::name_and_manager(conn, id)?
            .map(|(name, _)| name)
            .unwrap_or_else(|| format!("person {id}")),
    })
}

fn require_role(
    conn: &Connection,
    pilot: &Pilot,
    person: i64,
    roles: &[ParticipantRole],
    what: &str,
) -> Result<()> {
    for role in roles {
        if storage::pilots::has_role(conn, pilot.id, person, *role)? {
            return Ok(());
        }
    }
    let names: Vec<&str> = roles.iter().map(|r| r.label()).collect();
    Err(Error::invalid(
        "actor",
        format!(
            "{} is not a {} in “{}”, so cannot {what}.",
            person_name(conn, Some(person))?,
            names.join(" or "),
            pilot.name
        ),
    ))
}

/// Who may take each step: approvers their own step, fulfillers the work,
/// requesters their own request's cancel, reopen and rating.
pub(super) fn authorise(
    conn: &Connection,
    pilot: &Pilot,
    r: &Live,
    actor: Actor,
    step: Step,
    approvals: &[RequestApproval],
    at: &str,
) -> Result<()> {
    use ParticipantRole::*;
    if step == Step::AutoClose {
        return match actor.person_id {
            None => Ok(()),
            Some(_) => Err(Error::invalid(
                "actor",
                "Only Pilot Studio closes requests automatically; rate the request to close it.",
            )),
        };
    }
    let person = person_of(actor)?;
    let own = r.requester_id == Some(person);
    let requester_only = |what: &str| -> Result<()> {
        if own {
            Ok(())
        } else {
            Err(Error::invalid(
                "actor",
                format!("Only the requester can {what} this request."),
            ))
        }
    };
    match step {
        Step::Approve | Step::Reject => {
            let Some(pending) = approvals.iter().find(|a| a.decision.is_none()) else {
                return Ok(()); // the state machine refuses it
            };
            let allowed = match pending.kind {
                ApprovalKind::Person | ApprovalKind::RequesterManager => match pending.person_id {
                    Some(p) if p == person => true,
                    Some(p) => delegation::stands_in(conn, pilot.id, p, person, at)?,
                    None => false,
                },
                ApprovalKind::Group => storage::pilots::has_role(conn, pilot.id, person, Approver)?,
            };
            if allowed {
                Ok(())
            } else {
                let who = match pending.kind {
                    ApprovalKind::Group => format!(
                        "an approver of {}",
                        pending.group.as_deref().unwrap_or("the group")
                    ),
                    _ => pending
                        .person_name
                        .clone()
                        .unwrap_or_else(|| "someone else".into()),
                };
                Err(Error::invalid(
                    "actor",
                    format!(
                        "Approval step {} is for {who}, not {}.",
                        pending.position,
                        person_name(conn, Some(person))?
                    ),
                ))
            }
        }
        Step::Cancel => requester_only("cancel"),
        Step::Reopen => requester_only("reopen"),
        Step::Rate => requester_only("rate"),
        Step::Resume if own => Ok(()),
        Step::Comment if own => Ok(()),
        Step::Comment => require_role(
            conn,
            pilot,
            person,
            &[Fulfiller, Approver, DepartmentHead],
            "comment on requests",
        ),
        _ => require_role(conn, pilot, person, &[Fulfiller], "work on requests"),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn record(
    conn: &Connection,
    request_id: i64,
    at: &str,
    actor: Actor,
    kind: &str,
    from_state: Option<State>,
    to_state: Option<State>,
    detail: &str,
    internal: bool,
) -> Result<()> {
    let actor_name = person_name(conn, actor.person_id)?;
    storage::events::insert(
        conn,
        &storage::events::NewEvent {
            request_id,
            at,
            actor_id: actor.person_id,
            actor_name: &actor_name,
            acting: actor.acting,
            kind,
            from_state,
            to_state,
            detail,
            internal,
        },
    )
}

fn text(s: &str) -> Result<&str> {
    let s = s.trim();
    if s.chars().count() > TEXT_MAX {
        return Err(Error::invalid(
            "text",
            format!("Texts are at most {TEXT_MAX} characters long."),
        ));
    }
    Ok(s)
}

fn required_text(s: &str, what: &str) -> Result<String> {
    let s = text(s)?;
    if s.is_empty() {
        return Err(Error::invalid(
            "text",
            format!("An empty {what} says nothing: write something."),
        ));
    }
    Ok(s.to_owned())
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a.to_owned(),
        (true, false) => b.to_owned(),
        (false, false) => format!("{a} — {b}"),
    }
}

fn group_label(group: &str) -> &str {
    if group.is_empty() {
        "no group"
    } else {
        group
    }
}

fn hold_label(reason: HoldReason) -> &'static str {
    match reason {
        HoldReason::WaitingForRequester => sla::WAITING_FOR_REQUESTER,
        HoldReason::WaitingForThirdParty => "Waiting for a third party",
        HoldReason::Other => "On hold",
    }
}

/// A published item and its newest version's number; for an item that is
/// not published, an error saying so and `consequence` ("so it cannot be
/// requested").
pub(super) fn published(
    conn: &Connection,
    item_id: i64,
    consequence: &str,
) -> Result<(CatalogItem, i64)> {
    let item = storage::catalog::get(conn, item_id)?.ok_or(Error::NotFound {
        what: "Catalog item",
        id: item_id,
    })?;
    match (item.status, item.published_version) {
        (Status::Published, Some(version)) => Ok((item, version)),
        _ => Err(Error::invalid(
            "itemId",
            format!("“{}” is not published, {consequence}.", item.name),
        )),
    }
}
