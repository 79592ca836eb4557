//! The use-case backlog: per department, the processes that could become
//! services, what they cost today, what they would be worth (the
//! [`value`](crate::value) model), and how much work they are, ranked so a
//! meeting can pick the next two or three pilots. The roadmap is the
//! backlog placed on quarters; the programme view sums it up per
//! department. This module holds the rules; `storage::use_cases` the SQL.

mod from_import;
mod programme;
mod quarter;
mod status;

use crate::error::{Error, Result};
use crate::storage;
use crate::workspace::Workspace;

pub use crate::shapes::use_case::{score, Channel, LinkedPilot, Status, UseCase, UseCaseInput};
pub(crate) use from_import::use_cases_in;
pub use from_import::{import_use_cases, BacklogImport, RowNote};
pub use programme::{programme, DepartmentProgramme, NextStep, Programme};
pub use quarter::Quarter;

const TEXT_MAX: usize = 2000;

/// The backlog, ranked: the most value per day of effort first; retired
/// use cases last (they are history, not candidates); ties by process name.
pub fn list(ws: &Workspace) -> Result<Vec<UseCase>> {
    let mut all = storage::use_cases::list(ws.conn())?;
    rank(&mut all);
    Ok(all)
}

/// Orders use cases as [`list`] does.
pub fn rank(use_cases: &mut [UseCase]) {
    use_cases.sort_by(|a, b| {
        (a.status == Status::Retired)
            .cmp(&(b.status == Status::Retired))
            .then(b.score.total_cmp(&a.score))
            .then_with(|| a.process.to_lowercase().cmp(&b.process.to_lowercase()))
    });
}

pub fn get(ws: &Workspace, id: i64) -> Result<UseCase> {
    storage::use_cases::get(ws.conn(), id)?.ok_or(Error::NotFound {
        what: "Use case",
        id,
    })
}

pub fn create(ws: &mut Workspace, input: UseCaseInput) -> Result<UseCase> {
    let input = normalise(input);
    let id = ws.write(|tx| {
        validate(tx, &input)?;
        storage::use_cases::insert(tx, &input, None)
    })?;
    get(ws, id)
}

/// Saves a use case; a status change must be one the lifecycle allows (see
/// [`Status::can_become`]).
pub fn update(ws: &mut Workspace, id: i64, input: UseCaseInput) -> Result<UseCase> {
    let input = normalise(input);
    ws.write(|tx| {
        let current = storage::use_cases::get(tx, id)?.ok_or(Error::NotFound {
            what: "Use case",
            id,
        })?;
        current.status.check_move(input.status)?;
        validate(tx, &input)?;
        storage::use_cases::update(tx, id, &input)
    })?;
    get(ws, id)
}

/// Moves a use case to another quarter of the roadmap, or off it.
pub fn schedule(ws: &mut Workspace, id: i64, quarter: Option<String>) -> Result<UseCase> {
    let mut input = get(ws, id)?.input();
    input.quarter = quarter;
    update(ws, id, input)
}

/// Moves a use case along its lifecycle.
pub fn set_status(ws: &mut Workspace, id: i64, status: Status) -> Result<UseCase> {
    let mut input = get(ws, id)?.input();
    input.status = status;
    update(ws, id, input)
}

pub fn delete(ws: &mut Workspace, id: i64) -> Result<()> {
    ws.write(|tx| {
        if !storage::use_cases::delete(tx, id)? {
            return Err(Error::NotFound {
                what: "Use case",
                id,
            });
        }
        Ok(())
    })
}

fn normalise(mut input: UseCaseInput) -> UseCaseInput {
    for text in [
        &mut input.process,
        &mut input.pain,
        &mut input.outcome,
        &mut input.kpi,
    ] {
        *text = text.trim().to_owned();
    }
    input.quarter = input
        .quarter
        .map(|q| q.trim().to_uppercase())
        .filter(|q| !q.is_empty());
    input
}

fn validate(conn: &rusqlite::Connection, input: &UseCaseInput) -> Result<()> {
    if input.process.is_empty() {
        return Err(Error::invalid(
            "process",
            "A use case needs the process it is about.",
        ));
    }
    for (field, label, text) in [
        ("process", "The process", &input.process),
        ("pain", "The pain today", &input.pain),
        ("outcome", "The outcome wanted", &input.outcome),
        ("kpi", "The KPI", &input.kpi),
    ] {
        if text.chars().count() > TEXT_MAX {
            return Err(Error::invalid(
                field,
                format!("{label} is longer than {TEXT_MAX} characters."),
            ));
        }
    }
    if !input.minutes_per_request.is_finite() || input.minutes_per_request < 0.0 {
        return Err(Error::invalid(
            "minutesPerRequest",
            "Minutes per request must be a number of zero or more.",
        ));
    }
    if !input.effort_days.is_finite() || input.effort_days <= 0.0 {
        return Err(Error::invalid(
            "effortDays",
            "The effort must be a number of person-days above zero.",
        ));
    }
    if let Some(q) = &input.quarter {
        Quarter::parse(q)?;
    }
    input.assumptions.validate()?;
    if let Some(id) = input.department_id {
        if storage::departments::get(conn, id)?.is_none() {
            return Err(Error::NotFound {
                what: "Department",
                id,
            });
        }
    }
    if let Some(id) = input.sponsor_id {
        if storage::people::get(conn, id)?.is_none() {
            return Err(Error::NotFound { what: "Person", id });
        }
    }
    Ok(())
}
