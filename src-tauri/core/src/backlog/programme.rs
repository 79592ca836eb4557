//! The programme view for the centre of excellence: every department with
//! its use cases, services, owners, estimated value and what is next; and
//! the numbers the ESM primer shows a partner (their catalog items and
//! baseline volumes).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{list, Status, UseCase};
use crate::directory;
use crate::error::Result;
use crate::storage;
use crate::workspace::Workspace;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Programme {
    /// Departments by name; use cases without a department come last under
    /// "No department" when there are any.
    pub departments: Vec<DepartmentProgramme>,
    /// Estimated yearly value of every use case not retired.
    pub value_per_year: f64,
    pub currency: String,
    /// Whether the workspace holds generated demo data.
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DepartmentProgramme {
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    pub name: String,
    pub head_name: Option<String>,
    /// Use cases per status, in lifecycle order (idea … retired).
    #[ts(type = "number[]")]
    pub by_status: Vec<i64>,
    /// Use cases being piloted or live, by process.
    pub services: Vec<String>,
    #[ts(type = "number")]
    pub catalog_items: i64,
    #[ts(type = "number")]
    pub published_items: i64,
    /// Baseline requests of the department's catalog items.
    #[ts(type = "number")]
    pub baseline_requests: i64,
    /// Baseline requests per month over the months they span.
    pub baseline_per_month: f64,
    /// The sponsors of its use cases, by name, without repeats.
    pub sponsors: Vec<String>,
    /// Estimated yearly value of its use cases not retired.
    pub value_per_year: f64,
    /// What is next: the earliest scheduled use case not yet live, else the
    /// best-ranked idea or candidate.
    pub next: Option<NextStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NextStep {
    #[ts(type = "number")]
    pub use_case_id: i64,
    pub process: String,
    pub status: Status,
    pub quarter: Option<String>,
}

pub fn programme(ws: &Workspace) -> Result<Programme> {
    let use_cases = list(ws)?;
    let services = storage::use_cases::department_services(ws.conn())?;
    let mut departments: Vec<DepartmentProgramme> = directory::list_departments(ws, "")?
        .into_iter()
        .map(|d| {
            let own: Vec<&UseCase> = use_cases
                .iter()
                .filter(|u| u.department_id == Some(d.id))
                .collect();
            let mut row = summarise(Some(d.id), &d.name, d.head_name.clone(), &own);
            if let Some(s) = services.iter().find(|s| s.department_id == d.id) {
                row.catalog_items = s.items;
                row.published_items = s.published;
                row.baseline_requests = s.baseline_requests;
                row.baseline_per_month = if s.baseline_months > 0 {
                    s.baseline_requests as f64 / s.baseline_months as f64
                } else {
                    0.0
                };
            }
            row
        })
        .collect();
    let homeless: Vec<&UseCase> = use_cases
        .iter()
        .filter(|u| u.department_id.is_none())
        .collect();
    if !homeless.is_empty() {
        departments.push(summarise(None, "No department", None, &homeless));
    }
    Ok(Programme {
        value_per_year: departments.iter().map(|d| d.value_per_year).sum(),
        currency: use_cases
            .first()
            .map(|u| u.assumptions.currency.clone())
            .unwrap_or_else(|| "EUR".into()),
        demo: storage::meta::is_demo(ws.conn())?,
        departments,
    })
}

/// One department's line from its use cases, ranked as the backlog is.
fn summarise(
    department_id: Option<i64>,
    name: &str,
    head_name: Option<String>,
    own: &[&UseCase],
) -> DepartmentProgramme {
    let by_status = Status::ALL
        .iter()
        .map(|s| own.iter().filter(|u| u.status == *s).count() as i64)
        .collect();
    let mut sponsors: Vec<String> = own.iter().filter_map(|u| u.sponsor_name.clone()).collect();
    sponsors.sort();
    sponsors.dedup();
    let open = |u: &&&UseCase| {
        matches!(
            u.status,
            Status::Idea | Status::Candidate | Status::Piloting
        )
    };
    let scheduled = own
        .iter()
        .filter(open)
        .filter(|u| u.quarter.is_some())
        .min_by(|a, b| a.quarter.cmp(&b.quarter));
    let next = scheduled
        .or_else(|| own.iter().find(open))
        .map(|u| NextStep {
            use_case_id: u.id,
            process: u.process.clone(),
            status: u.status,
            quarter: u.quarter.clone(),
        });
    DepartmentProgramme {
        department_id,
        name: name.to_owned(),
        head_name,
        by_status,
        services: own
            .iter()
            .filter(|u| matches!(u.status, Status::Piloting | Status::Live))
            .map(|u| u.process.clone())
            .collect(),
        catalog_items: 0,
        published_items: 0,
        baseline_requests: 0,
        baseline_per_month: 0.0,
        sponsors,
        value_per_year: own
            .iter()
            .filter(|u| u.status != Status::Retired)
            .map(|u| u.value.money_per_year)
            .sum(),
        next,
    }
}
