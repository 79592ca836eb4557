//! The measures a pilot's goals are set against: median turnaround, SLA
//! kept, satisfaction and monthly volume, for the items' baselines (before
//! the pilot) and for the pilot's own requests. The definitions are the
//! same for both, so before and after compare.
//!
//! Turnaround is wall-clock hours from opened to resolved (a baseline's
//! closed time stands for its resolution). SLA kept is the share of
//! resolved requests whose working time, less pauses, stayed within the
//! item's target on the providing department's calendar.

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Pilot;
use crate::error::Result;
use crate::sla::{parse_utc, Calendar};
use crate::storage;

/// Average days in a month, to turn a span into months.
const DAYS_PER_MONTH: f64 = 30.44;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Measures {
    #[ts(type = "number")]
    pub requests: i64,
    #[ts(type = "number")]
    pub resolved: i64,
    pub median_turnaround_hours: Option<f64>,
    pub sla_percent: Option<f64>,
    pub satisfaction: Option<f64>,
    #[ts(type = "number")]
    pub ratings: i64,
    pub monthly_volume: Option<f64>,
}

/// One request's facts for the measures; times as seconds since the epoch.
struct Outcome {
    opened: i64,
    resolved: Option<i64>,
    sla_met: Option<bool>,
    rating: Option<i64>,
}

/// The items' baselines together.
pub fn baseline(conn: &Connection, pilot: &Pilot) -> Result<Measures> {
    let mut outcomes = Vec::new();
    for item in &pilot.items {
        let Some(full) = storage::catalog::get(conn, item.id)? else {
            continue;
        };
        let department = full.department_id.or(pilot.department_id);
        let calendar = match department
            .map(|d| storage::departments::get(conn, d))
            .transpose()?
        {
            Some(Some(dept)) => Some(Calendar::new(&dept.hours)?),
            _ => None,
        };
        let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok();
        for (opened, closed) in storage::requests::baseline_times(conn, item.id)? {
            let Some(opened) = local(&opened) else {
                continue;
            };
            let closed = closed.as_deref().and_then(local);
            let (opened_utc, closed_utc) = match &calendar {
                Some(c) => (c.from_local(opened), closed.map(|t| c.from_local(t))),
                None => (opened.and_utc(), closed.map(|t| t.and_utc())),
            };
            let sla_met = match (&calendar, closed_utc) {
                (Some(c), Some(end)) => {
                    Some(c.business_seconds(opened_utc, end) <= c.target_seconds(&full.sla))
                }
                _ => None,
            };
            outcomes.push(Outcome {
                opened: opened_utc.timestamp(),
                resolved: closed_utc.map(|t| t.timestamp()),
                sla_met,
                rating: None,
            });
        }
    }
    Ok(measure(&outcomes))
}

/// A pilot's own requests: the real ones, or the rehearsal ones only.
pub fn results(conn: &Connection, pilot: &Pilot, rehearsal: bool) -> Result<Measures> {
    let rows = storage::requests::pilot_outcomes(conn, pilot.id, rehearsal)?;
    let mut outcomes = Vec::with_capacity(rows.len());
    for (opened, resolved, sla_met, rating) in rows {
        outcomes.push(Outcome {
            opened: parse_utc(&opened)?.timestamp(),
            resolved: resolved
                .as_deref()
                .map(parse_utc)
                .transpose()?
                .map(|t| t.timestamp()),
            sla_met,
            rating,
        });
    }
    Ok(measure(&outcomes))
}

fn measure(outcomes: &[Outcome]) -> Measures {
    let mut hours: Vec<f64> = outcomes
        .iter()
        .filter_map(|o| o.resolved.map(|r| (r - o.opened).max(0) as f64 / 3600.0))
        .collect();
    hours.sort_by(f64::total_cmp);
    let median = match hours.len() {
        0 => None,
        n if n % 2 == 1 => Some(hours[n / 2]),
        n => Some((hours[n / 2 - 1] + hours[n / 2]) / 2.0),
    };
    let judged: Vec<bool> = outcomes.iter().filter_map(|o| o.sla_met).collect();
    let sla_percent = (!judged.is_empty())
        .then(|| judged.iter().filter(|m| **m).count() as f64 * 100.0 / judged.len() as f64);
    let ratings: Vec<i64> = outcomes.iter().filter_map(|o| o.rating).collect();
    let satisfaction =
        (!ratings.is_empty()).then(|| ratings.iter().sum::<i64>() as f64 / ratings.len() as f64);
    let first = outcomes.iter().map(|o| o.opened).min();
    let last = outcomes.iter().map(|o| o.opened).max();
    let monthly_volume = first.zip(last).map(|(f, l)| {
        let months = ((l - f) as f64 / 86_400.0 / DAYS_PER_MONTH).max(1.0);
        outcomes.len() as f64 / months
    });
    Measures {
        requests: outcomes.len() as i64,
        resolved: hours.len() as i64,
        median_turnaround_hours: median,
        sla_percent,
        satisfaction,
        ratings: ratings.len() as i64,
        monthly_volume,
    }
}
