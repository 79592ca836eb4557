//! `pilot requests list|show|submit|transition`: pilot requests on the same
//! core as the app, so a pilot can be scripted and tested headlessly.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use pilot_core::directory;
use pilot_core::requests::{self, Action, Actor, NewRequest, QueueFilter, State};
use pilot_core::{Error, Workspace};
use serde_json::{json, Map, Value};

#[derive(Subcommand)]
pub enum RequestsCommand {
    /// Lists a queue: open requests soonest due first (or the chosen states).
    List {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        pilot: Option<i64>,
        /// The assignment group.
        #[arg(long)]
        group: Option<String>,
        /// Person id or e-mail: requests assigned to them.
        #[arg(long)]
        assignee: Option<String>,
        /// A state such as in_progress (repeatable).
        #[arg(long = "state", value_parser = parse_state)]
        states: Vec<State>,
        #[arg(long)]
        item: Option<i64>,
        #[arg(long)]
        priority: Option<i64>,
        /// Only running clocks past their warning threshold.
        #[arg(long)]
        at_risk: bool,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Shows a request with its approvals, tasks, timeline and SLA clock.
    Show {
        id: i64,
        #[command(flatten)]
        common: Common,
    },
    /// Submits a request as a requester of a running pilot.
    Submit {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        pilot: i64,
        #[arg(long)]
        item: i64,
        /// The requester: person id or e-mail.
        #[arg(long = "as")]
        actor: String,
        /// The answers as a JSON object keyed by form field key.
        #[arg(long, default_value = "{}")]
        answers: String,
        /// A file for an attachment field, as FIELD_KEY=PATH; repeat it
        /// for each field.
        #[arg(long = "file", value_name = "FIELD_KEY=PATH")]
        files: Vec<String>,
        #[arg(long)]
        priority: Option<i64>,
    },
    /// Applies an action: approve, reject, assign, start, hold, resume,
    /// complete_task, comment, work_note, resolve, reopen, rate, cancel.
    Transition {
        id: i64,
        action: String,
        #[command(flatten)]
        common: Common,
        /// Who acts: person id or e-mail.
        #[arg(long = "as")]
        actor: String,
        #[arg(long)]
        comment: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        text: Option<String>,
        #[arg(long)]
        rating: Option<i64>,
        #[arg(long)]
        position: Option<i64>,
        #[arg(long)]
        group: Option<String>,
        /// Person id or e-mail to assign to.
        #[arg(long)]
        assignee: Option<String>,
    },
}

#[derive(Args)]
pub struct Common {
    #[arg(long, short)]
    workspace: PathBuf,
    /// Print exactly one JSON object on stdout.
    #[arg(long)]
    json: bool,
    /// Act or look at this UTC time (RFC 3339) instead of now.
    #[arg(long, value_parser = parse_time)]
    at: Option<DateTime<Utc>>,
    /// Record that the analyst acted for the person.
    #[arg(long)]
    acting: bool,
}

fn parse_state(s: &str) -> Result<State, String> {
    State::parse(s).ok_or_else(|| {
        let all: Vec<&str> = State::ALL.iter().map(|s| s.as_str()).collect();
        format!("expected one of {}", all.join(", "))
    })
}

fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| "expected an RFC 3339 time such as 2026-03-04T09:00:00Z".to_owned())
}

/// Runs a requests command; returns what to print as JSON.
pub fn run(command: RequestsCommand) -> (bool, Result<Value, Error>) {
    match command {
        RequestsCommand::List {
            common,
            pilot,
            group,
            assignee,
            states,
            item,
            priority,
            at_risk,
            limit,
        } => (
            common.json,
            (|| -> Result<Value, Error> {
                let ws = open(&common.workspace)?;
                let filter = QueueFilter {
                    pilot_id: pilot,
                    group,
                    assignee_id: assignee.map(|a| person(&ws, &a)).transpose()?,
                    states,
                    item_id: item,
                    priority,
                    at_risk,
                    limit,
                    ..QueueFilter::default()
                };
                let page = requests::queue(&ws, &filter, now(&common))?;
                Ok(serde_json::to_value(page).expect("pages serialise"))
            })(),
        ),
        RequestsCommand::Show { id, common } => (
            common.json,
            (|| -> Result<Value, Error> {
                let ws = open(&common.workspace)?;
                Ok(
                    serde_json::to_value(requests::get(&ws, id, true, now(&common))?)
                        .expect("requests serialise"),
                )
            })(),
        ),
        RequestsCommand::Submit {
            common,
            pilot,
            item,
            actor,
            answers,
            files,
            priority,
        } => (
            common.json,
            (|| -> Result<Value, Error> {
                let mut ws = open(&common.workspace)?;
                let answers: Map<String, Value> =
                    serde_json::from_str(&answers).map_err(|e| Error::Invalid {
                        field: "answers".into(),
                        message: format!(
                            "--answers must be a JSON object keyed by form field key ({e})."
                        ),
                    })?;
                let who = actor_of(&ws, &actor, common.acting)?;
                let new = NewRequest {
                    pilot_id: pilot,
                    item_id: item,
                    answers,
                    priority,
                };
                let files = files
                    .iter()
                    .map(|arg| field_file(arg))
                    .collect::<Result<Vec<_>, Error>>()?;
                let r = requests::submit_with_files(&mut ws, &new, &files, who, now(&common))?;
                Ok(serde_json::to_value(r).expect("requests serialise"))
            })(),
        ),
        RequestsCommand::Transition {
            id,
            action,
            common,
            actor,
            comment,
            reason,
            note,
            text,
            rating,
            position,
            group,
            assignee,
        } => (
            common.json,
            (|| -> Result<Value, Error> {
                let mut ws = open(&common.workspace)?;
                let who = actor_of(&ws, &actor, common.acting)?;
                let assignee = assignee.map(|a| person(&ws, &a)).transpose()?;
                let mut fields = json!({"kind": action});
                let parts = [
                    ("comment", comment.map(Value::from)),
                    ("reason", reason.map(Value::from)),
                    ("note", note.map(Value::from)),
                    ("text", text.map(Value::from)),
                    ("rating", rating.map(Value::from)),
                    ("position", position.map(Value::from)),
                    ("group", group.map(Value::from)),
                    ("assignee", assignee.map(Value::from)),
                ];
                for (key, value) in parts {
                    if let Some(v) = value {
                        fields[key] = v;
                    }
                }
                let action: Action =
                    serde_json::from_value(fields).map_err(|e| Error::Invalid {
                        field: "action".into(),
                        message: format!("“{action}” is not an action with these options ({e})."),
                    })?;
                let r = requests::act(&mut ws, id, who, &action, now(&common))?;
                Ok(serde_json::to_value(r).expect("requests serialise"))
            })(),
        ),
    }
}

fn open(path: &Path) -> Result<Workspace, Error> {
    Workspace::open(path)
}

fn now(common: &Common) -> DateTime<Utc> {
    common.at.unwrap_or_else(Utc::now)
}

fn actor_of(ws: &Workspace, who: &str, acting: bool) -> Result<Actor, Error> {
    let id = person(ws, who)?;
    Ok(if acting {
        Actor::acting_as(id)
    } else {
        Actor::person(id)
    })
}

/// A person by id or by e-mail (ignoring case).
pub(crate) fn person(ws: &Workspace, who: &str) -> Result<i64, Error> {
    if let Ok(id) = who.parse::<i64>() {
        return directory::get_person(ws, id).map(|p| p.id);
    }
    directory::list_people(ws, who)?
        .into_iter()
        .find(|p| p.email.eq_ignore_ascii_case(who))
        .map(|p| p.id)
        .ok_or_else(|| Error::Invalid {
            field: "as".into(),
            message: format!("Nobody in the directory has the e-mail “{who}”."),
        })
}

/// A `--file FIELD_KEY=PATH` argument, read from disk.
fn field_file(arg: &str) -> Result<requests::NewFile, Error> {
    let (key, path) = arg.split_once('=').ok_or_else(|| Error::Invalid {
        field: "file".into(),
        message: format!("--file takes FIELD_KEY=PATH, e.g. receipt=scan.pdf; got “{arg}”."),
    })?;
    Ok(requests::attachments::read(std::path::Path::new(path))?.for_field(key))
}
