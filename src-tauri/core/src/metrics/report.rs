//! The dashboard's numbers for one scope and period: volume and backlog
//! per week, turnaround (wall-clock and business hours), time to first
//! response, SLA kept, reopen rate, satisfaction, and breakdowns by item,
//! requester's department and fulfiller.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::measured::{self, MeasuredRequest};
use super::stats::{mean, median, quantile_sorted};
use super::{Origin, ReportQuery, Scope};
use crate::error::Result;
use crate::workspace::Workspace;

/// A metric's value, or the plain reason the data cannot support it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Metric<T> {
    pub value: Option<T>,
    pub unsupported: Option<String>,
}

impl<T> Metric<T> {
    fn of(value: T) -> Self {
        Metric {
            value: Some(value),
            unsupported: None,
        }
    }

    fn unsupported(reason: impl Into<String>) -> Self {
        Metric {
            value: None,
            unsupported: Some(reason.into()),
        }
    }
}

/// Requests opened and resolved in one week (Monday to Sunday, local).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekVolume {
    /// The week's Monday, `YYYY-MM-DD`.
    pub week: String,
    #[ts(type = "number")]
    pub opened: u64,
    #[ts(type = "number")]
    pub resolved: u64,
}

impl WeekVolume {
    /// The tallest bar of a weekly chart (opened or resolved), at least 1,
    /// so every chart of these weeks scales against a number it can divide by.
    pub fn peak(weeks: &[WeekVolume]) -> u64 {
        weeks
            .iter()
            .map(|v| v.opened.max(v.resolved))
            .max()
            .unwrap_or(0)
            .max(1)
    }
}

/// Requests open at the end of a week (Sunday 24:00, local).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekBacklog {
    pub week: String,
    #[ts(type = "number")]
    pub open: u64,
}

/// A distribution of durations, in hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Turnaround {
    /// Requests measured.
    #[ts(type = "number")]
    pub n: u64,
    pub median_hours: f64,
    pub p90_hours: f64,
    pub mean_hours: f64,
}

/// A share: `part` of `whole`, as a percentage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Ratio {
    #[ts(type = "number")]
    pub part: u64,
    #[ts(type = "number")]
    pub whole: u64,
    pub percent: f64,
}

impl Ratio {
    pub(crate) fn new(part: u64, whole: u64) -> Option<Ratio> {
        (whole > 0).then(|| Ratio {
            part,
            whole,
            percent: part as f64 * 100.0 / whole as f64,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Satisfaction {
    pub mean: f64,
    /// How many ratings of 1, 2, 3, 4 and 5.
    #[ts(type = "number[]")]
    pub distribution: Vec<u64>,
    /// Rated requests of the resolved ones.
    pub response_rate: Ratio,
}

/// One group of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BreakdownRow {
    pub group: String,
    #[ts(type = "number")]
    pub opened: u64,
    #[ts(type = "number")]
    pub resolved: u64,
    pub median_hours: Option<f64>,
    pub median_business_hours: Option<f64>,
    pub sla_kept_percent: Option<f64>,
}

/// The requests grouped by one dimension, largest group first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Breakdown {
    /// `item`, `requesterDepartment` or `fulfiller`.
    pub dimension: String,
    pub title: String,
    pub rows: Vec<BreakdownRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub query: ReportQuery,
    /// The scope in words, e.g. "Catalog item New hire onboarding".
    pub scope_label: String,
    /// The first and last opened wall time in scope.
    pub first_opened: Option<String>,
    pub last_opened: Option<String>,
    #[ts(type = "number")]
    pub opened: u64,
    #[ts(type = "number")]
    pub resolved: u64,
    /// Opened and not resolved.
    #[ts(type = "number")]
    pub open: u64,
    pub volume: Vec<WeekVolume>,
    pub backlog: Metric<Vec<WeekBacklog>>,
    pub turnaround: Metric<Turnaround>,
    pub business_turnaround: Metric<Turnaround>,
    pub first_response: Metric<Turnaround>,
    pub sla_kept: Metric<Ratio>,
    pub reopen_rate: Metric<Ratio>,
    pub satisfaction: Metric<Satisfaction>,
    pub breakdowns: Vec<Breakdown>,
}

/// The report for a query.
pub fn report(ws: &Workspace, query: &ReportQuery) -> Result<Report> {
    let requests = measured::load(ws, query)?;
    let label = scope_label(ws, &query.scope)?;
    Ok(compute(query.clone(), label, &requests))
}

pub(crate) fn scope_label(ws: &Workspace, scope: &Scope) -> Result<String> {
    Ok(match scope {
        Scope::Item { id } => format!("Catalog item {}", crate::catalog::get(ws, *id)?.name),
        Scope::Department { id } => format!(
            "Department {}",
            crate::storage::metrics::department_name(ws.conn(), *id)?.unwrap_or_default()
        ),
        Scope::Pilot { id } => {
            let pilot = crate::pilots::get(ws, *id)?;
            match pilot.items.len() {
                1 => format!("Pilot {} (1 catalog item)", pilot.name),
                n => format!("Pilot {} ({n} catalog items)", pilot.name),
            }
        }
        Scope::All => "All catalog items".to_owned(),
    })
}

const HOUR: f64 = 3600.0;

/// Every metric of a set of measured requests.
pub fn compute(query: ReportQuery, scope_label: String, requests: &[MeasuredRequest]) -> Report {
    let resolved: Vec<&MeasuredRequest> =
        requests.iter().filter(|r| r.resolved.is_some()).collect();
    let none_resolved = no_resolved_reason(requests);
    Report {
        scope_label,
        first_opened: requests.iter().map(|r| r.opened_local).min().map(fmt_local),
        last_opened: requests.iter().map(|r| r.opened_local).max().map(fmt_local),
        opened: requests.len() as u64,
        resolved: resolved.len() as u64,
        open: (requests.len() - resolved.len()) as u64,
        volume: volume(requests),
        backlog: match &none_resolved {
            Some(reason) => Metric::unsupported(reason.clone()),
            None => Metric::of(backlog(requests)),
        },
        turnaround: durations(
            &resolved,
            MeasuredRequest::turnaround_seconds,
            none_resolved.as_deref(),
        ),
        business_turnaround: match resolved.iter().any(|r| r.calendar.is_some()) {
            true => durations(&resolved, MeasuredRequest::business_turnaround_seconds, None),
            false if none_resolved.is_some() => Metric::unsupported(none_resolved.clone().unwrap_or_default()),
            false => Metric::unsupported(
                "No providing department with business hours is set for these items, so there is no calendar to count working hours on.",
            ),
        },
        first_response: match requests.iter().any(|r| r.recorded.first_response) {
            true => durations(
                &requests.iter().filter(|r| r.recorded.first_response).collect::<Vec<_>>(),
                MeasuredRequest::first_response_seconds,
                Some("No request in scope has had a first response yet."),
            ),
            false => Metric::unsupported(not_recorded("the first response")),
        },
        sla_kept: sla_kept(&resolved, none_resolved.as_deref()),
        reopen_rate: match resolved.iter().any(|r| r.recorded.reopening) {
            true => {
                let recorded: Vec<_> = resolved.iter().filter(|r| r.recorded.reopening).collect();
                let reopened = recorded.iter().filter(|r| r.reopened).count() as u64;
                Ratio::new(reopened, recorded.len() as u64).map_or_else(
                    || Metric::unsupported("No request in scope is resolved yet."),
                    Metric::of,
                )
            }
            false => Metric::unsupported(not_recorded("reopenings")),
        },
        satisfaction: satisfaction(&resolved),
        breakdowns: breakdowns(requests),
        query,
    }
}

fn fmt_local(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn not_recorded(what: &str) -> String {
    format!(
        "The requests in scope do not record {what}: an imported baseline only has the dates its file held. Requests run in the pilot record it."
    )
}

/// Why resolved-request metrics cannot be given, if they cannot.
fn no_resolved_reason(requests: &[MeasuredRequest]) -> Option<String> {
    if requests.is_empty() {
        return Some("No requests in this scope and period.".to_owned());
    }
    if requests.iter().any(|r| r.resolved.is_some()) {
        return None;
    }
    Some(if requests.iter().all(|r| r.origin == Origin::Baseline) {
        "None of these baseline requests has a closed date: the imported file had no closed column, or it was empty. Turnaround, backlog and SLA cannot be measured from it.".to_owned()
    } else {
        "No request in this scope and period has been resolved yet.".to_owned()
    })
}

fn durations(
    requests: &[&MeasuredRequest],
    seconds: fn(&MeasuredRequest) -> Option<i64>,
    empty_reason: Option<&str>,
) -> Metric<Turnaround> {
    let mut hours: Vec<f64> = requests
        .iter()
        .filter_map(|r| seconds(r))
        .map(|s| s as f64 / HOUR)
        .collect();
    hours.sort_by(f64::total_cmp);
    match (
        quantile_sorted(&hours, 0.5),
        quantile_sorted(&hours, 0.9),
        mean(&hours),
    ) {
        (Some(median_hours), Some(p90_hours), Some(mean_hours)) => Metric::of(Turnaround {
            n: hours.len() as u64,
            median_hours,
            p90_hours,
            mean_hours,
        }),
        _ => Metric::unsupported(empty_reason.unwrap_or("No request in scope could be measured.")),
    }
}

fn sla_kept(resolved: &[&MeasuredRequest], none_resolved: Option<&str>) -> Metric<Ratio> {
    if let Some(reason) = none_resolved {
        return Metric::unsupported(reason);
    }
    let verdicts: Vec<bool> = resolved.iter().filter_map(|r| r.sla_kept()).collect();
    match Ratio::new(
        verdicts.iter().filter(|k| **k).count() as u64,
        verdicts.len() as u64,
    ) {
        Some(ratio) => Metric::of(ratio),
        None => Metric::unsupported(
            "The SLA runs in business time, and no providing department with business hours is set for these items.",
        ),
    }
}

fn satisfaction(resolved: &[&MeasuredRequest]) -> Metric<Satisfaction> {
    let asked: Vec<_> = resolved.iter().filter(|r| r.recorded.rating).collect();
    if asked.is_empty() {
        return Metric::unsupported(not_recorded("satisfaction ratings"));
    }
    let ratings: Vec<u8> = asked.iter().filter_map(|r| r.rating).collect();
    let mut distribution = vec![0u64; 5];
    for &r in &ratings {
        distribution[(r.clamp(1, 5) - 1) as usize] += 1;
    }
    let values: Vec<f64> = ratings.iter().map(|&r| r as f64).collect();
    match (
        mean(&values),
        Ratio::new(ratings.len() as u64, asked.len() as u64),
    ) {
        (Some(m), Some(rate)) => Metric::of(Satisfaction {
            mean: m,
            distribution,
            response_rate: rate,
        }),
        _ => Metric::unsupported("No resolved request in scope has been rated yet."),
    }
}

/// The Monday of a date's week.
pub fn week_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday() as i64)
}

/// Every week from the first opened to the last event, without gaps.
fn weeks(requests: &[MeasuredRequest]) -> Vec<NaiveDate> {
    let first = requests.iter().map(|r| r.opened_local.date()).min();
    let last = requests
        .iter()
        .flat_map(|r| {
            [
                Some(r.opened_local.date()),
                r.resolved_local.map(|t| t.date()),
            ]
        })
        .flatten()
        .max();
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut week = week_of(first);
    while week <= last {
        out.push(week);
        week += Duration::days(7);
    }
    out
}

fn volume(requests: &[MeasuredRequest]) -> Vec<WeekVolume> {
    let mut counts: BTreeMap<NaiveDate, (u64, u64)> =
        weeks(requests).into_iter().map(|w| (w, (0, 0))).collect();
    for r in requests {
        if let Some(c) = counts.get_mut(&week_of(r.opened_local.date())) {
            c.0 += 1;
        }
        if let Some(c) = r
            .resolved_local
            .and_then(|t| counts.get_mut(&week_of(t.date())))
        {
            c.1 += 1;
        }
    }
    counts
        .into_iter()
        .map(|(w, (opened, resolved))| WeekVolume {
            week: w.to_string(),
            opened,
            resolved,
        })
        .collect()
}

fn backlog(requests: &[MeasuredRequest]) -> Vec<WeekBacklog> {
    weeks(requests)
        .into_iter()
        .map(|w| {
            let end = (w + Duration::days(7))
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default();
            let open = requests
                .iter()
                .filter(|r| r.opened_local < end && r.resolved_local.is_none_or(|t| t >= end))
                .count() as u64;
            WeekBacklog {
                week: w.to_string(),
                open,
            }
        })
        .collect()
}

const NOT_KNOWN: &str = "(not known)";

fn breakdowns(requests: &[MeasuredRequest]) -> Vec<Breakdown> {
    let mut out = vec![
        breakdown("item", "By catalog item", requests, |r| {
            Some(r.item.clone())
        }),
        breakdown(
            "requesterDepartment",
            "By requester's department",
            requests,
            |r| r.requester_department.clone(),
        ),
    ];
    if requests.iter().any(|r| r.fulfiller.is_some()) {
        out.push(breakdown("fulfiller", "By fulfiller", requests, |r| {
            r.fulfiller.clone()
        }));
    }
    out
}

fn breakdown(
    dimension: &str,
    title: &str,
    requests: &[MeasuredRequest],
    key: impl Fn(&MeasuredRequest) -> Option<String>,
) -> Breakdown {
    let mut groups: BTreeMap<String, Vec<&MeasuredRequest>> = BTreeMap::new();
    for r in requests {
        groups
            .entry(key(r).unwrap_or_else(|| NOT_KNOWN.to_owned()))
            .or_default()
            .push(r);
    }
    let mut rows: Vec<BreakdownRow> = groups
        .into_iter()
        .map(|(group, members)| {
            let hours = |f: fn(&MeasuredRequest) -> Option<i64>| {
                median(
                    &members
                        .iter()
                        .filter_map(|r| f(r))
                        .map(|s| s as f64 / HOUR)
                        .collect::<Vec<_>>(),
                )
            };
            let verdicts: Vec<bool> = members.iter().filter_map(|r| r.sla_kept()).collect();
            BreakdownRow {
                opened: members.len() as u64,
                resolved: members.iter().filter(|r| r.resolved.is_some()).count() as u64,
                median_hours: hours(MeasuredRequest::turnaround_seconds),
                median_business_hours: hours(MeasuredRequest::business_turnaround_seconds),
                sla_kept_percent: Ratio::new(
                    verdicts.iter().filter(|k| **k).count() as u64,
                    verdicts.len() as u64,
                )
                .map(|r| r.percent),
                group,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.opened.cmp(&a.opened).then_with(|| a.group.cmp(&b.group)));
    Breakdown {
        dimension: dimension.to_owned(),
        title: title.to_owned(),
        rows,
    }
}
