//! Pilots: a department's published catalog items run for real with named
//! participants, goals set before the start, and a checklist of what is
//! missing before it can start. States: planned → running → ended. This
//! module holds the rules; `storage::pilots` holds the SQL.

pub mod groups;
mod measures;

pub use measures::{baseline, results, Measures};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::ApprovalKind;
use crate::error::{Error, Result};
use crate::sla::{format_utc, Calendar};
use crate::storage;
use crate::workspace::Workspace;

const NAME_MAX: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PilotState {
    Planned,
    Running,
    Ended,
}

impl PilotState {
    pub fn as_str(self) -> &'static str {
        match self {
            PilotState::Planned => "planned",
            PilotState::Running => "running",
            PilotState::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<PilotState> {
        [PilotState::Planned, PilotState::Running, PilotState::Ended]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

/// What a participant does in a pilot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantRole {
    Requester,
    Fulfiller,
    Approver,
    DepartmentHead,
    Observer,
}

impl ParticipantRole {
    pub const ALL: [ParticipantRole; 5] = [
        ParticipantRole::Requester,
        ParticipantRole::Fulfiller,
        ParticipantRole::Approver,
        ParticipantRole::DepartmentHead,
        ParticipantRole::Observer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantRole::Requester => "requester",
            ParticipantRole::Fulfiller => "fulfiller",
            ParticipantRole::Approver => "approver",
            ParticipantRole::DepartmentHead => "department_head",
            ParticipantRole::Observer => "observer",
        }
    }

    pub fn parse(s: &str) -> Option<ParticipantRole> {
        ParticipantRole::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Words for messages: "department head".
    pub fn label(self) -> &'static str {
        match self {
            ParticipantRole::DepartmentHead => "department head",
            other => other.as_str(),
        }
    }
}

/// The targets a pilot is judged by, set before it starts. Each is optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct Goals {
    /// Median hours from opened to resolved.
    pub turnaround_hours: Option<f64>,
    /// Share of resolved requests within their SLA, 0–100.
    pub sla_percent: Option<f64>,
    /// Average rating, 1–5.
    pub satisfaction: Option<f64>,
    /// Requests expected per month.
    #[ts(type = "number | null")]
    pub monthly_volume: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantInput {
    #[ts(type = "number")]
    pub person_id: i64,
    pub role: ParticipantRole,
    /// A fulfiller's assignment groups, from the groups of the pilot's
    /// items; empty: every group (and always empty for other roles).
    #[serde(default)]
    pub groups: Vec<String>,
}

impl ParticipantInput {
    /// A participant in `role`, working every group if a fulfiller.
    pub fn new(person_id: i64, role: ParticipantRole) -> Self {
        ParticipantInput {
            person_id,
            role,
            groups: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    pub role: ParticipantRole,
    /// The person's manager in the directory (who approves "requester's
    /// manager" steps for them).
    #[ts(type = "number | null")]
    pub manager_id: Option<i64>,
    /// A fulfiller's assignment groups; empty: every group of the pilot.
    pub groups: Vec<String>,
}

/// Everything the pilot editor edits; `update` takes it whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PilotInput {
    pub name: String,
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    /// The department head who sponsors the pilot.
    #[ts(type = "number | null")]
    pub sponsor_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub planned_start: Option<String>,
    /// `YYYY-MM-DD`.
    pub planned_end: Option<String>,
    #[ts(type = "number[]")]
    pub item_ids: Vec<i64>,
    pub participants: Vec<ParticipantInput>,
    pub goals: Goals,
    /// The backlog's use case the pilot runs: its story's challenge and
    /// its place on the roadmap come from it.
    #[ts(type = "number | null")]
    pub use_case_id: Option<i64>,
    /// Days after resolution during which the requester may reopen.
    #[ts(type = "number")]
    pub reopen_days: i64,
    /// Days after resolution when an unrated request closes by itself.
    #[ts(type = "number")]
    pub auto_close_days: i64,
    /// Percent of an SLA target after which a request is at risk.
    #[ts(type = "number")]
    pub warning_percent: i64,
}

impl PilotInput {
    pub fn named(name: &str) -> Self {
        PilotInput {
            name: name.to_owned(),
            department_id: None,
            sponsor_id: None,
            planned_start: None,
            planned_end: None,
            item_ids: Vec::new(),
            participants: Vec::new(),
            goals: Goals::default(),
            use_case_id: None,
            reopen_days: 5,
            auto_close_days: 3,
            warning_percent: 75,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PilotItem {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub published: bool,
    #[ts(type = "number | null")]
    pub published_version: Option<i64>,
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    /// Who works its requests (empty: no group named).
    pub assignment_group: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Pilot {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    #[ts(type = "number | null")]
    pub sponsor_id: Option<i64>,
    pub sponsor_name: Option<String>,
    pub planned_start: Option<String>,
    pub planned_end: Option<String>,
    pub state: PilotState,
    pub started_at: Option<String>,
    pub ended_at: Option<String>,
    /// The analyst's words when ending the pilot.
    pub end_summary: String,
    #[ts(type = "number")]
    pub reopen_days: i64,
    #[ts(type = "number")]
    pub auto_close_days: i64,
    #[ts(type = "number")]
    pub warning_percent: i64,
    pub goals: Goals,
    /// The backlog's use case the pilot runs, with its process.
    #[ts(type = "number | null")]
    pub use_case_id: Option<i64>,
    pub use_case_process: Option<String>,
    pub items: Vec<PilotItem>,
    pub participants: Vec<Participant>,
    pub created_at: String,
    pub updated_at: String,
}

impl Pilot {
    pub fn input(&self) -> PilotInput {
        PilotInput {
            name: self.name.clone(),
            department_id: self.department_id,
            sponsor_id: self.sponsor_id,
            planned_start: self.planned_start.clone(),
            planned_end: self.planned_end.clone(),
            item_ids: self.items.iter().map(|i| i.id).collect(),
            participants: self
                .participants
                .iter()
                .map(|p| ParticipantInput {
                    person_id: p.person_id,
                    role: p.role,
                    groups: p.groups.clone(),
                })
                .collect(),
            goals: self.goals,
            use_case_id: self.use_case_id,
            reopen_days: self.reopen_days,
            auto_close_days: self.auto_close_days,
            warning_percent: self.warning_percent,
        }
    }

    pub fn people_in(&self, role: ParticipantRole) -> impl Iterator<Item = &Participant> {
        self.participants.iter().filter(move |p| p.role == role)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PilotSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub department_name: Option<String>,
    pub state: PilotState,
    pub planned_start: Option<String>,
    pub planned_end: Option<String>,
    #[ts(type = "number")]
    pub items: i64,
    /// Real requests (rehearsal left out).
    #[ts(type = "number")]
    pub requests: i64,
    #[ts(type = "number")]
    pub rehearsal_requests: i64,
}

/// A pilot as its page shows it: the pilot, what keeps it from starting,
/// and its goals beside the baseline and the results so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PilotView {
    pub pilot: Pilot,
    /// What is missing before the pilot can start; empty when ready.
    pub checklist: Vec<String>,
    /// How the items performed before the pilot, from their baselines.
    pub baseline: Measures,
    /// The pilot's real requests so far (rehearsal left out).
    pub results: Measures,
    /// The same measures over the rehearsal requests only.
    pub rehearsal: Measures,
}

pub fn list(ws: &Workspace) -> Result<Vec<PilotSummary>> {
    storage::pilots::list(ws.conn())
}

pub fn get(ws: &Workspace, id: i64) -> Result<Pilot> {
    load(ws.conn(), id)
}

/// The pilot a person names on the command line: by its id, or else by
/// its name (compared without regard to case or surrounding spaces).
pub fn named(ws: &Workspace, wanted: &str) -> Result<i64> {
    let all = list(ws)?;
    let wanted = wanted.trim();
    let by_id = wanted
        .parse::<i64>()
        .ok()
        .filter(|id| all.iter().any(|p| p.id == *id));
    let by_name = || {
        all.iter()
            .find(|p| p.name.to_lowercase() == wanted.to_lowercase())
            .map(|p| p.id)
    };
    by_id.or_else(by_name).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
        Error::invalid(
            "pilot",
            format!(
                "There is no pilot \u{201c}{wanted}\u{201d}; the workspace has: {}.",
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ),
        )
    })
}

pub(crate) fn load(conn: &Connection, id: i64) -> Result<Pilot> {
    storage::pilots::get(conn, id)?.ok_or(Error::NotFound { what: "Pilot", id })
}

/// The pilot with its checklist and measures, at `now`.
pub fn view(ws: &Workspace, id: i64) -> Result<PilotView> {
    let conn = ws.conn();
    let pilot = load(conn, id)?;
    Ok(PilotView {
        checklist: checklist(conn, &pilot)?,
        baseline: baseline(conn, &pilot)?,
        results: results(conn, &pilot, false)?,
        rehearsal: results(conn, &pilot, true)?,
        pilot,
    })
}

pub fn create(ws: &mut Workspace, input: PilotInput, now: DateTime<Utc>) -> Result<Pilot> {
    let input = normalise(input);
    let id = ws.write(|tx| {
        validate(tx, &input)?;
        storage::pilots::insert(tx, &input, &format_utc(now))
    })?;
    get(ws, id)
}

/// Replaces what the editor edits. Goals and scope are fixed once the pilot
/// runs (it is judged by them); participants and the settings can change.
pub fn update(ws: &mut Workspace, id: i64, input: PilotInput, now: DateTime<Utc>) -> Result<Pilot> {
    let input = normalise(input);
    ws.write(|tx| {
        let pilot = load(tx, id)?;
        if pilot.state == PilotState::Ended {
            return Err(Error::invalid(
                "state",
                format!("“{}” has ended and can no longer be changed.", pilot.name),
            ));
        }
        if pilot.state == PilotState::Running {
            let before = pilot.input();
            let mut items = input.item_ids.clone();
            let mut had = before.item_ids.clone();
            items.sort_unstable();
            had.sort_unstable();
            if before.goals != input.goals || items != had {
                return Err(Error::invalid(
                    "goals",
                    format!(
                        "“{}” is running: its goals and items were fixed when it started.",
                        pilot.name
                    ),
                ));
            }
        }
        validate(tx, &input)?;
        storage::pilots::update(tx, id, &input, &format_utc(now))
    })?;
    get(ws, id)
}

/// Deletes a pilot with all its requests; refused once it has real ones.
pub fn delete(ws: &mut Workspace, id: i64) -> Result<()> {
    ws.write(|tx| {
        let pilot = load(tx, id)?;
        let real = results(tx, &pilot, false)?.requests;
        if real > 0 {
            return Err(Error::invalid(
                "requests",
                format!(
                    "“{}” has {real} real requests; end it instead of deleting it, so they are kept.",
                    pilot.name
                ),
            ));
        }
        storage::pilots::delete(tx, id)?;
        Ok(())
    })
}

/// Starts a planned pilot, refusing with its checklist when something is
/// missing.
pub fn start(ws: &mut Workspace, id: i64, now: DateTime<Utc>) -> Result<Pilot> {
    ws.write(|tx| {
        let pilot = load(tx, id)?;
        if pilot.state != PilotState::Planned {
            return Err(Error::invalid(
                "state",
                format!(
                    "“{}” is {}, so it cannot start.",
                    pilot.name,
                    pilot.state.as_str()
                ),
            ));
        }
        let missing = checklist(tx, &pilot)?;
        if !missing.is_empty() {
            return Err(Error::invalid(
                "checklist",
                format!("“{}” cannot start yet: {}", pilot.name, missing.join(" ")),
            ));
        }
        storage::pilots::set_state(tx, id, PilotState::Running, &format_utc(now), None)
    })?;
    get(ws, id)
}

/// Ends a running pilot with the analyst's summary. Its requests stay; new
/// ones can no longer be submitted.
pub fn end(ws: &mut Workspace, id: i64, summary: &str, now: DateTime<Utc>) -> Result<Pilot> {
    ws.write(|tx| {
        let pilot = load(tx, id)?;
        if pilot.state != PilotState::Running {
            return Err(Error::invalid(
                "state",
                format!("“{}” is not running, so it cannot end.", pilot.name),
            ));
        }
        storage::pilots::set_state(
            tx,
            id,
            PilotState::Ended,
            &format_utc(now),
            Some(summary.trim()),
        )
    })?;
    get(ws, id)
}

/// What is missing before a pilot can start, one sentence each.
pub fn checklist(conn: &Connection, pilot: &Pilot) -> Result<Vec<String>> {
    let mut missing = Vec::new();
    if pilot.items.is_empty() {
        missing.push("Choose at least one published catalog item.".to_owned());
    }
    let has = |role| pilot.people_in(role).next().is_some();
    if !has(ParticipantRole::Requester) {
        missing.push("Add at least one requester.".to_owned());
    }
    if !has(ParticipantRole::Fulfiller) {
        missing.push("Add at least one fulfiller: nobody would work the requests.".to_owned());
    }
    for item in &pilot.items {
        if !item.published || item.published_version.is_none() {
            missing.push(format!(
                "Publish “{}”: only published items can be requested.",
                item.name
            ));
        }
        let department = item.department_id.or(pilot.department_id);
        match department
            .map(|d| storage::departments::get(conn, d))
            .transpose()?
            .flatten()
        {
            None => missing.push(format!(
                "“{}” has no providing department, so its SLA clock has no calendar.",
                item.name
            )),
            Some(dept) => {
                let calendar = Calendar::new(&dept.hours)?;
                if calendar.add(Utc::now(), 1).is_none() {
                    missing.push(format!(
                        "{}'s calendar has no working time, so SLA clocks could never run.",
                        dept.name
                    ));
                }
            }
        }
        let Some(full) = storage::catalog::get(conn, item.id)? else {
            continue;
        };
        for (i, step) in full.fulfilment.approvals.iter().enumerate() {
            match step.kind {
                ApprovalKind::RequesterManager => {
                    for p in pilot.people_in(ParticipantRole::Requester) {
                        if p.manager_id.is_none() {
                            missing.push(format!(
                                "{} has no manager in the directory, but “{}” needs the requester's manager's approval.",
                                p.person_name, item.name
                            ));
                        }
                    }
                }
                ApprovalKind::Person if step.person_id.is_none() => missing.push(format!(
                    "Approval step {} of “{}” names nobody (the approver was deleted).",
                    i + 1,
                    item.name
                )),
                ApprovalKind::Group if !has(ParticipantRole::Approver) => missing.push(format!(
                    "“{}” needs approval by {}: add its approvers as participants.",
                    item.name,
                    step.group.as_deref().unwrap_or("a group")
                )),
                _ => {}
            }
        }
    }
    Ok(missing)
}

fn normalise(mut input: PilotInput) -> PilotInput {
    input.name = input.name.trim().to_owned();
    let blank = |d: Option<String>| d.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    input.planned_start = blank(input.planned_start);
    input.planned_end = blank(input.planned_end);
    input.item_ids.sort_unstable();
    input.item_ids.dedup();
    groups::normalise(&mut input.participants);
    input
}

fn validate(conn: &Connection, input: &PilotInput) -> Result<()> {
    if input.name.is_empty() {
        return Err(Error::invalid("name", "A pilot needs a name."));
    }
    if input.name.chars().count() > NAME_MAX {
        return Err(Error::invalid(
            "name",
            format!("Pilot names are at most {NAME_MAX} characters long."),
        ));
    }
    let date = |field: &str, d: &Option<String>| -> Result<Option<NaiveDate>> {
        d.as_deref()
            .map(|s| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                    Error::invalid(field, format!("“{s}” is not a date (YYYY-MM-DD)."))
                })
            })
            .transpose()
    };
    let start = date("plannedStart", &input.planned_start)?;
    let end = date("plannedEnd", &input.planned_end)?;
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            return Err(Error::invalid(
                "plannedEnd",
                format!("The planned end ({e}) is before the planned start ({s})."),
            ));
        }
    }
    if let Some(d) = input.department_id {
        if storage::departments::get(conn, d)?.is_none() {
            return Err(Error::invalid(
                "departmentId",
                format!("The chosen department ({d}) no longer exists."),
            ));
        }
    }
    if let Some(id) = input.use_case_id {
        let Some(use_case) = storage::use_cases::get(conn, id)? else {
            return Err(Error::invalid(
                "useCaseId",
                format!("The chosen use case ({id}) no longer exists."),
            ));
        };
        // A pilot proves a use case for its own department; one of another
        // department would tell that department's story with these numbers.
        if let (Some(theirs), Some(ours)) = (use_case.department_id, input.department_id) {
            if theirs != ours {
                return Err(Error::invalid(
                    "useCaseId",
                    format!(
                        "The use case “{}” belongs to {}, not to the pilot's department.",
                        use_case.process,
                        use_case
                            .department_name
                            .as_deref()
                            .unwrap_or("another department")
                    ),
                ));
            }
        }
    }
    let people = input
        .participants
        .iter()
        .map(|p| p.person_id)
        .chain(input.sponsor_id);
    for person in people {
        if storage::people::get(conn, person)?.is_none() {
            return Err(Error::invalid(
                "participants",
                format!("Person {person} no longer exists in the directory."),
            ));
        }
    }
    for item in &input.item_ids {
        if storage::catalog::get(conn, *item)?.is_none() {
            return Err(Error::invalid(
                "itemIds",
                format!("Catalog item {item} no longer exists."),
            ));
        }
    }
    groups::validate(conn, &input.participants, &input.item_ids)?;
    let goals = &input.goals;
    let range = |field: &str, v: Option<f64>, lo: f64, hi: f64, what: &str| -> Result<()> {
        match v {
            Some(x) if !(lo..=hi).contains(&x) => Err(Error::invalid(
                field,
                format!("The {what} goal must be between {lo} and {hi}."),
            )),
            _ => Ok(()),
        }
    };
    range(
        "turnaroundHours",
        goals.turnaround_hours,
        0.0,
        100_000.0,
        "turnaround",
    )?;
    range("slaPercent", goals.sla_percent, 0.0, 100.0, "SLA kept")?;
    range("satisfaction", goals.satisfaction, 1.0, 5.0, "satisfaction")?;
    if goals.monthly_volume.is_some_and(|v| v < 0) {
        return Err(Error::invalid(
            "monthlyVolume",
            "The monthly volume goal cannot be negative.",
        ));
    }
    if !(0..=365).contains(&input.reopen_days) || !(1..=365).contains(&input.auto_close_days) {
        return Err(Error::invalid(
            "reopenDays",
            "Reopen and auto-close windows are between 0 (1 for auto-close) and 365 days.",
        ));
    }
    if !(1..=100).contains(&input.warning_percent) {
        return Err(Error::invalid(
            "warningPercent",
            "The SLA warning threshold is between 1 and 100 percent.",
        ));
    }
    Ok(())
}
