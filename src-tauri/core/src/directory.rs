//! The organisation directory: departments (requesters and/or providers, with
//! a business-hours calendar) and people (with a department, a manager and
//! roles). This module holds the rules; `storage` holds the SQL.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::storage;
use crate::workspace::Workspace;

const NAME_MAX: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    fn bit(self) -> i64 {
        1 << (self as i64)
    }

    /// Packs a set of days into the bit mask the storage keeps.
    pub fn to_mask(days: &[Weekday]) -> i64 {
        days.iter().fold(0, |mask, d| mask | d.bit())
    }

    pub fn from_mask(mask: i64) -> Vec<Weekday> {
        Weekday::ALL
            .into_iter()
            .filter(|d| mask & d.bit() != 0)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Holiday {
    /// ISO date, `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
}

/// When a department works: the calendar its SLA clocks run on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BusinessHours {
    /// An IANA time zone name such as `Europe/Berlin`.
    pub time_zone: String,
    pub working_days: Vec<Weekday>,
    /// `HH:MM`, local time.
    pub day_start: String,
    /// `HH:MM`, local time.
    pub day_end: String,
    pub holidays: Vec<Holiday>,
}

impl BusinessHours {
    /// Monday to Friday, 09:00 to 17:00, in the given zone.
    pub fn office(time_zone: &str) -> Self {
        BusinessHours {
            time_zone: time_zone.to_owned(),
            working_days: Weekday::ALL[..5].to_vec(),
            day_start: "09:00".into(),
            day_end: "17:00".into(),
            holidays: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Department {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub is_requester: bool,
    pub is_provider: bool,
    #[ts(type = "number | null")]
    pub head_id: Option<i64>,
    pub head_name: Option<String>,
    pub hours: BusinessHours,
    #[ts(type = "number")]
    pub people_count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DepartmentInput {
    pub name: String,
    pub is_requester: bool,
    pub is_provider: bool,
    #[ts(type = "number | null")]
    pub head_id: Option<i64>,
    pub hours: BusinessHours,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Requester,
    Fulfiller,
    Approver,
    Analyst,
    DepartmentHead,
    Champion,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Requester => "requester",
            Role::Fulfiller => "fulfiller",
            Role::Approver => "approver",
            Role::Analyst => "analyst",
            Role::DepartmentHead => "department_head",
            Role::Champion => "champion",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [
            Role::Requester,
            Role::Fulfiller,
            Role::Approver,
            Role::Analyst,
            Role::DepartmentHead,
            Role::Champion,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub email: String,
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    #[ts(type = "number | null")]
    pub manager_id: Option<i64>,
    pub manager_name: Option<String>,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonInput {
    pub name: String,
    pub email: String,
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    #[ts(type = "number | null")]
    pub manager_id: Option<i64>,
    pub roles: Vec<Role>,
}

/// What refers to a department or person: shown before deleting it, because
/// those references are cleared by the deletion.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    /// People who belong to the department.
    #[ts(type = "number")]
    pub members: i64,
    /// People whose manager this person is.
    #[ts(type = "number")]
    pub reports: i64,
    /// Departments this person heads.
    pub heads: Vec<String>,
}

impl Usage {
    pub fn is_empty(&self) -> bool {
        self.members == 0 && self.reports == 0 && self.heads.is_empty()
    }
}

pub fn list_departments(ws: &Workspace, query: &str) -> Result<Vec<Department>> {
    storage::departments::list(ws.conn(), query.trim())
}

pub fn get_department(ws: &Workspace, id: i64) -> Result<Department> {
    storage::departments::get(ws.conn(), id)?.ok_or(Error::NotFound {
        what: "Department",
        id,
    })
}

pub fn create_department(ws: &mut Workspace, input: DepartmentInput) -> Result<Department> {
    let input = normalise_department(input);
    let id = ws.write(|tx| {
        validate_department(tx, None, &input)?;
        storage::departments::insert(tx, &input)
    })?;
    get_department(ws, id)
}

pub fn update_department(
    ws: &mut Workspace,
    id: i64,
    input: DepartmentInput,
) -> Result<Department> {
    let input = normalise_department(input);
    ws.write(|tx| {
        if storage::departments::get(tx, id)?.is_none() {
            return Err(Error::NotFound {
                what: "Department",
                id,
            });
        }
        validate_department(tx, Some(id), &input)?;
        storage::departments::update(tx, id, &input)
    })?;
    get_department(ws, id)
}

pub fn department_usage(ws: &Workspace, id: i64) -> Result<Usage> {
    Ok(Usage {
        members: storage::departments::member_count(ws.conn(), id)?,
        ..Usage::default()
    })
}

/// Deletes a department; its people stay, without a department.
pub fn delete_department(ws: &mut Workspace, id: i64) -> Result<()> {
    ws.write(|tx| {
        if !storage::departments::delete(tx, id)? {
            return Err(Error::NotFound {
                what: "Department",
                id,
            });
        }
        Ok(())
    })
}

pub fn list_people(ws: &Workspace, query: &str) -> Result<Vec<Person>> {
    storage::people::list(ws.conn(), query.trim())
}

/// Someone a form's person field may name, as a requester finds them in
/// the portal: no more of the directory than the choice needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonChoice {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub email: String,
    pub department_name: Option<String>,
}

/// The fewest characters a search of the directory from the portal needs,
/// so that nobody lists the whole directory a letter at a time.
pub const FIND_MIN_CHARS: usize = 2;
/// The most people one search of the directory from the portal returns.
pub const FIND_MAX: usize = 8;

/// Up to [`FIND_MAX`] people whose name, e-mail or department contains
/// `query` (at least [`FIND_MIN_CHARS`] characters; fewer find nobody).
pub fn find_people(ws: &Workspace, query: &str) -> Result<Vec<PersonChoice>> {
    let query = query.trim();
    if query.chars().count() < FIND_MIN_CHARS {
        return Ok(Vec::new());
    }
    Ok(storage::people::first(ws.conn(), query, FIND_MAX as i64)?
        .into_iter()
        .map(|p| PersonChoice {
            id: p.id,
            name: p.name,
            email: p.email,
            department_name: p.department_name,
        })
        .collect())
}

pub fn get_person(ws: &Workspace, id: i64) -> Result<Person> {
    storage::people::get(ws.conn(), id)?.ok_or(Error::NotFound { what: "Person", id })
}

pub fn create_person(ws: &mut Workspace, input: PersonInput) -> Result<Person> {
    let input = normalise_person(input);
    let id = ws.write(|tx| {
        validate_person(tx, None, &input)?;
        storage::people::insert(tx, &input)
    })?;
    get_person(ws, id)
}

pub fn update_person(ws: &mut Workspace, id: i64, input: PersonInput) -> Result<Person> {
    let input = normalise_person(input);
    ws.write(|tx| {
        if storage::people::get(tx, id)?.is_none() {
            return Err(Error::NotFound { what: "Person", id });
        }
        validate_person(tx, Some(id), &input)?;
        storage::people::update(tx, id, &input)
    })?;
    get_person(ws, id)
}

pub fn person_usage(ws: &Workspace, id: i64) -> Result<Usage> {
    Ok(Usage {
        reports: storage::people::report_count(ws.conn(), id)?,
        heads: storage::departments::headed_by(ws.conn(), id)?,
        ..Usage::default()
    })
}

/// Deletes a person; their reports lose their manager and the departments
/// they headed lose their head.
pub fn delete_person(ws: &mut Workspace, id: i64) -> Result<()> {
    ws.write(|tx| {
        if !storage::people::delete(tx, id)? {
            return Err(Error::NotFound { what: "Person", id });
        }
        Ok(())
    })
}

fn normalise_department(mut input: DepartmentInput) -> DepartmentInput {
    input.name = input.name.trim().to_owned();
    input.hours.time_zone = input.hours.time_zone.trim().to_owned();
    input.hours.day_start = input.hours.day_start.trim().to_owned();
    input.hours.day_end = input.hours.day_end.trim().to_owned();
    input.hours.working_days.sort_by_key(|d| *d as u8);
    input.hours.working_days.dedup();
    for h in &mut input.hours.holidays {
        h.date = h.date.trim().to_owned();
        h.name = h.name.trim().to_owned();
    }
    input.hours.holidays.sort_by(|a, b| a.date.cmp(&b.date));
    input
}

fn normalise_person(mut input: PersonInput) -> PersonInput {
    input.name = input.name.trim().to_owned();
    input.email = input.email.trim().to_owned();
    input.roles.sort_by_key(|r| *r as u8);
    input.roles.dedup();
    input
}

fn validate_name(field: &str, what: &str, name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(Error::invalid(field, format!("{what} needs a name.")));
    }
    if name.chars().count() > NAME_MAX {
        return Err(Error::invalid(
            field,
            format!("{what} names are at most {NAME_MAX} characters long."),
        ));
    }
    Ok(())
}

fn validate_department(
    conn: &rusqlite::Connection,
    id: Option<i64>,
    input: &DepartmentInput,
) -> Result<()> {
    validate_name("name", "A department", &input.name)?;
    if let Some(other) = storage::departments::id_by_name(conn, &input.name)? {
        if Some(other) != id {
            return Err(Error::invalid(
                "name",
                format!("A department named “{}” already exists.", input.name),
            ));
        }
    }
    if !input.is_requester && !input.is_provider {
        return Err(Error::invalid(
            "kind",
            "A department requests services, provides them, or both: choose at least one.",
        ));
    }
    if let Some(head) = input.head_id {
        if storage::people::get(conn, head)?.is_none() {
            return Err(Error::invalid(
                "headId",
                format!("The chosen head (person {head}) no longer exists."),
            ));
        }
    }
    validate_hours(&input.hours)
}

/// Checks a business-hours calendar: a known zone, at least one working day,
/// a day that starts before it ends, and holidays on distinct valid dates.
pub fn validate_hours(hours: &BusinessHours) -> Result<()> {
    if chrono_tz::Tz::from_str(&hours.time_zone).is_err() {
        return Err(Error::invalid(
            "timeZone",
            format!(
                "“{}” is not a known time zone. Use a name such as Europe/Berlin or America/New_York.",
                hours.time_zone
            ),
        ));
    }
    if hours.working_days.is_empty() {
        return Err(Error::invalid(
            "workingDays",
            "Choose at least one working day.",
        ));
    }
    let start = parse_time("dayStart", &hours.day_start)?;
    let end = parse_time("dayEnd", &hours.day_end)?;
    if start >= end {
        return Err(Error::invalid(
            "dayEnd",
            format!(
                "The working day must end after it starts ({} is not after {}).",
                hours.day_end, hours.day_start
            ),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for holiday in &hours.holidays {
        if NaiveDate::parse_from_str(&holiday.date, "%Y-%m-%d").is_err() {
            return Err(Error::invalid(
                "holidays",
                format!(
                    "Holiday “{}” has the date “{}”; use the form 2026-12-25.",
                    holiday.name, holiday.date
                ),
            ));
        }
        if !seen.insert(holiday.date.as_str()) {
            return Err(Error::invalid(
                "holidays",
                format!("{} is listed twice as a holiday.", holiday.date),
            ));
        }
    }
    Ok(())
}

fn parse_time(field: &str, text: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| {
        Error::invalid(
            field,
            format!("“{text}” is not a time of day; use 24-hour HH:MM such as 09:00."),
        )
    })
}

fn validate_person(
    conn: &rusqlite::Connection,
    id: Option<i64>,
    input: &PersonInput,
) -> Result<()> {
    validate_name("name", "A person", &input.name)?;
    if input.email.is_empty() {
        return Err(Error::invalid("email", "An e-mail address is required."));
    }
    if email_address::EmailAddress::from_str(&input.email).is_err() || !input.email.contains('.') {
        return Err(Error::invalid(
            "email",
            format!(
                "“{}” is not a valid e-mail address (expected something like name@example.org).",
                input.email
            ),
        ));
    }
    if let Some((other, other_name)) = storage::people::by_email(conn, &input.email)? {
        if Some(other) != id {
            return Err(Error::invalid(
                "email",
                format!("{} is already the e-mail of {other_name}.", input.email),
            ));
        }
    }
    if let Some(dept) = input.department_id {
        if storage::departments::get(conn, dept)?.is_none() {
            return Err(Error::invalid(
                "departmentId",
                format!("The chosen department ({dept}) no longer exists."),
            ));
        }
    }
    if let Some(manager) = input.manager_id {
        if Some(manager) == id {
            return Err(Error::invalid(
                "managerId",
                "A person cannot be their own manager.",
            ));
        }
        if storage::people::get(conn, manager)?.is_none() {
            return Err(Error::invalid(
                "managerId",
                format!("The chosen manager (person {manager}) no longer exists."),
            ));
        }
        if let Some(id) = id {
            check_manager_chain(conn, id, &input.name, manager)?;
        }
    }
    Ok(())
}

/// Refuses a manager whose own chain of managers leads back to the person,
/// naming the loop so the user sees which link to change.
fn check_manager_chain(
    conn: &rusqlite::Connection,
    person: i64,
    person_name: &str,
    manager: i64,
) -> Result<()> {
    let mut chain = vec![person_name.to_owned()];
    let mut current = Some(manager);
    let mut seen = std::collections::HashSet::new();
    while let Some(next) = current {
        let Some((name, up)) = storage::people::name_and_manager(conn, next)? else {
            break;
        };
        chain.push(name);
        if next == person {
            return Err(Error::invalid(
                "managerId",
                format!("That would make a management loop: {}.", chain.join(" → ")),
            ));
        }
        if !seen.insert(next) {
            break;
        }
        current = up;
    }
    Ok(())
}

/// Every IANA time zone name, for pickers.
pub fn time_zones() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}
