//! The measured request: the one shape every metric is computed from, and
//! how stored requests become it.
//!
//! Baseline times are the wall times the imported file showed; they are
//! read in the providing department's time zone (the zone its calendar
//! runs on), or as UTC when the item has no providing department. A
//! baseline records when a request was opened and, when the file had the
//! column, when it was closed (taken as resolved too); it records no first
//! response, pauses, reopening or rating.
//!
//! Pilot requests record all of it. Their times are stored in UTC; their
//! wall times are those instants in the providing department's zone. A
//! pause is a hold waiting for the requester (until it is resumed,
//! resolved or cancelled) and the time a resolved request waited before it
//! was reopened: the same spans the SLA clock stood still for. Rehearsed
//! requests are never measured.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Map, Value};

use super::{Origin, ReportQuery, Scope};
use crate::catalog;
use crate::error::{Error, Result};
use crate::sla::{self, parse_utc, Calendar};
use crate::storage::{self, metrics::PauseEvent, metrics::RowFilter};
use crate::workspace::Workspace;

/// What a request's source records, so a metric knows whether a missing
/// value means "did not happen" or "not known".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Recorded {
    pub first_response: bool,
    pub pauses: bool,
    pub reopening: bool,
    pub rating: bool,
}

/// One request as the metrics see it. Instants are UTC; `opened_local` and
/// `resolved_local` are the wall times in the providing department's zone,
/// which decide the week a request counts in.
#[derive(Debug, Clone)]
pub struct MeasuredRequest {
    pub id: i64,
    pub origin: Origin,
    pub item_id: i64,
    pub item: String,
    pub department: Option<String>,
    pub opened: DateTime<Utc>,
    pub opened_local: NaiveDateTime,
    pub first_response: Option<DateTime<Utc>>,
    pub resolved: Option<DateTime<Utc>>,
    pub resolved_local: Option<NaiveDateTime>,
    pub closed: Option<DateTime<Utc>>,
    /// Spans the request waited on the requester, which stop the clocks.
    pub paused: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    /// When the SLA ran out; for the baseline derived from the item's SLA.
    pub sla_due: Option<DateTime<Utc>>,
    /// The item's SLA in working seconds, when the item has a calendar.
    pub sla_seconds: Option<i64>,
    pub reopened: bool,
    /// 1 to 5.
    pub rating: Option<u8>,
    pub fulfiller: Option<String>,
    pub requester: Option<String>,
    pub requester_department: Option<String>,
    pub answers: Map<String, Value>,
    pub recorded: Recorded,
    /// The providing department's calendar; none without a department.
    pub calendar: Option<Arc<Calendar>>,
}

impl MeasuredRequest {
    /// Seconds of the paused spans that fall between `from` and `to`.
    fn paused_wall_seconds(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        self.paused
            .iter()
            .map(|&(a, b)| (b.min(to) - a.max(from)).num_seconds().max(0))
            .sum()
    }

    fn paused_business_seconds(
        &self,
        cal: &Calendar,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> i64 {
        self.paused
            .iter()
            .map(|&(a, b)| cal.business_seconds(a.max(from), b.min(to)))
            .sum()
    }

    /// Opened to resolved, paused spans left out, in seconds.
    pub fn turnaround_seconds(&self) -> Option<i64> {
        let resolved = self.resolved?;
        Some(
            ((resolved - self.opened).num_seconds()
                - self.paused_wall_seconds(self.opened, resolved))
            .max(0),
        )
    }

    /// Working seconds on the calendar from opened to resolved, paused
    /// spans left out.
    pub fn business_turnaround_seconds(&self) -> Option<i64> {
        let resolved = self.resolved?;
        let cal = self.calendar.as_deref()?;
        Some(
            (cal.business_seconds(self.opened, resolved)
                - self.paused_business_seconds(cal, self.opened, resolved))
            .max(0),
        )
    }

    /// Opened to first response in working seconds (wall-clock when there
    /// is no calendar).
    pub fn first_response_seconds(&self) -> Option<i64> {
        let first = self.first_response?;
        Some(match self.calendar.as_deref() {
            Some(cal) => cal.business_seconds(self.opened, first),
            None => (first - self.opened).num_seconds().max(0),
        })
    }

    /// Whether a resolved request kept its SLA: resolved at or before the
    /// due instant when one is recorded, else within the SLA's working
    /// time on the clock that stops while paused. None when not resolved
    /// or there is no SLA to keep.
    pub fn sla_kept(&self) -> Option<bool> {
        let resolved = self.resolved?;
        match (self.sla_due, self.sla_seconds) {
            (Some(due), _) if self.paused.is_empty() => Some(resolved <= due),
            (_, Some(sla)) => Some(self.business_turnaround_seconds()? <= sla),
            (Some(due), None) => Some(resolved <= due),
            (None, None) => None,
        }
    }
}

/// The wall time `YYYY-MM-DDTHH:MM:SS` the storage keeps.
pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").ok()
}

/// The requests a query selects, measured, in no particular order.
pub fn load(ws: &Workspace, query: &ReportQuery) -> Result<Vec<MeasuredRequest>> {
    let mut out = Vec::new();
    each(ws, query, &mut |r| {
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// Calls `f` with each request a query selects, measured, holding one at
/// a time.
pub fn each(
    ws: &Workspace,
    query: &ReportQuery,
    f: &mut dyn FnMut(MeasuredRequest) -> Result<()>,
) -> Result<()> {
    let conn = ws.conn();
    let until = match &query.to {
        Some(to) => Some(next_day(to)?),
        None => None,
    };
    let from = match &query.from {
        Some(from) => {
            day(from)?;
            Some(format!("{from}T00:00:00"))
        }
        None => None,
    };
    let (item_id, department_id, pilot_id) = match query.scope {
        Scope::Item { id } => {
            catalog::get(ws, id)?;
            (Some(id), None, None)
        }
        Scope::Department { id } => {
            storage::metrics::department_name(conn, id)?.ok_or(Error::NotFound {
                what: "Department",
                id,
            })?;
            (None, Some(id), None)
        }
        Scope::Pilot { id } => {
            crate::pilots::get(ws, id)?;
            (None, None, Some(id))
        }
        Scope::All => (None, None, None),
    };
    let filter = RowFilter {
        item_id,
        department_id,
        pilot_id,
        origin: query.origin.map(Origin::as_str),
        from: from.as_deref(),
        until: until.as_deref(),
    };

    // A requester is matched to a person by e-mail (ignoring case), or else
    // by name (the first person of that name); their department is the
    // requester's department.
    let mut by_email = HashMap::new();
    let mut by_name = HashMap::new();
    for (email, name, department) in storage::metrics::people_departments(conn)? {
        by_email.insert(email.to_lowercase(), department.clone());
        by_name.entry(name).or_insert(department);
    }
    let department_of = |requester: &Option<String>| {
        let r = requester.as_deref()?;
        by_email
            .get(&r.to_lowercase())
            .or_else(|| by_name.get(r))
            .cloned()
    };

    // Pauses come from pilot requests' events; a baseline-only report has
    // none to read, and an item's report only needs that item's.
    let lifecycles = match query.origin {
        Some(Origin::Baseline) => HashMap::new(),
        _ => lifecycles(storage::metrics::pause_events(conn, item_id)?),
    };

    // Each item's SLA and each department's calendar are read once.
    let mut calendars: HashMap<i64, Option<Arc<Calendar>>> = HashMap::new();
    let mut slas: HashMap<i64, Option<i64>> = HashMap::new();
    storage::metrics::each_row(conn, &filter, &mut |row| {
        let calendar = match row.department_id {
            Some(id) => calendars
                .entry(id)
                .or_insert_with(|| {
                    storage::departments::get(conn, id)
                        .ok()
                        .flatten()
                        .and_then(|d| Calendar::new(&d.hours).ok())
                        .map(Arc::new)
                })
                .clone(),
            None => None,
        };
        let sla_seconds = match slas.get(&row.item_id) {
            Some(s) => *s,
            None => {
                let item = catalog::get(ws, row.item_id)?;
                let seconds = calendar.as_deref().map(|cal| cal.target_seconds(&item.sla));
                slas.insert(row.item_id, seconds);
                seconds
            }
        };
        if row.origin == "pilot" {
            let Ok(opened) = parse_utc(&row.opened_at) else {
                return Ok(());
            };
            let utc = |t: &Option<String>| t.as_deref().and_then(|t| parse_utc(t).ok());
            let local = |t: DateTime<Utc>| match calendar.as_deref() {
                Some(cal) => t.with_timezone(&cal.time_zone()).naive_local(),
                None => t.naive_utc(),
            };
            let resolved = utc(&row.resolved_at);
            let (paused, reopened) = lifecycles.get(&row.id).cloned().unwrap_or_default();
            return f(MeasuredRequest {
                id: row.id,
                origin: Origin::Pilot,
                item_id: row.item_id,
                item: row.item_name,
                department: row.department_name,
                opened,
                opened_local: local(opened),
                first_response: utc(&row.first_response_at),
                resolved,
                resolved_local: resolved.map(local),
                closed: utc(&row.closed_at),
                paused,
                sla_due: utc(&row.sla_due_at),
                sla_seconds: row.sla_target_secs.or(sla_seconds),
                reopened,
                rating: row.rating,
                fulfiller: row.assignee,
                requester_department: department_of(&row.requester),
                requester: row.requester,
                answers: serde_json::from_str(&row.answers).unwrap_or_default(),
                recorded: Recorded {
                    first_response: true,
                    pauses: true,
                    reopening: true,
                    rating: true,
                },
                calendar,
            });
        }
        let Some(opened_local) = parse_local(&row.opened_at) else {
            return Ok(());
        };
        let instant = |local: NaiveDateTime| match calendar.as_deref() {
            Some(cal) => cal.from_local(local),
            None => local.and_utc(),
        };
        let resolved_local = row.closed_at.as_deref().and_then(parse_local);
        let opened = instant(opened_local);
        let resolved = resolved_local.map(instant);
        let sla_due = match (calendar.as_deref(), sla_seconds) {
            (Some(cal), Some(s)) => cal.add(opened, s),
            _ => None,
        };
        f(MeasuredRequest {
            id: row.id,
            origin: if row.origin == "pilot" {
                Origin::Pilot
            } else {
                Origin::Baseline
            },
            item_id: row.item_id,
            item: row.item_name,
            department: row.department_name,
            opened,
            opened_local,
            first_response: None,
            resolved,
            resolved_local,
            closed: resolved,
            paused: Vec::new(),
            sla_due,
            sla_seconds,
            reopened: false,
            rating: None,
            fulfiller: None,
            requester_department: department_of(&row.requester),
            requester: row.requester,
            answers: serde_json::from_str(&row.answers).unwrap_or_default(),
            recorded: Recorded::default(),
            calendar,
        })
    })
}

/// Spans of time, from and to.
type Spans = Vec<(DateTime<Utc>, DateTime<Utc>)>;

/// Each pilot request's pauses and whether it was reopened, from its
/// events in order. A pause still going on runs to the end of time: the
/// metrics only ever count the part of it before the instant they measure to.
fn lifecycles(events: Vec<PauseEvent>) -> HashMap<i64, (Spans, bool)> {
    let mut out: HashMap<i64, (Spans, bool)> = HashMap::new();
    // The start of the pause each request is in, and whether it is the
    // stop of a resolution (a pause only once the request is reopened).
    let mut open: HashMap<i64, (DateTime<Utc>, bool)> = HashMap::new();
    for e in events {
        let Ok(at) = parse_utc(&e.at) else { continue };
        let entry = out.entry(e.request_id).or_default();
        if let Some((since, _)) = open.remove(&e.request_id) {
            entry.0.push((since, at.max(since)));
        }
        if e.kind == "reopened" {
            entry.1 = true;
        }
        if e.kind == "resolved" {
            open.insert(e.request_id, (at, true));
        } else if e.kind == "on_hold" && e.detail.starts_with(sla::WAITING_FOR_REQUESTER) {
            open.insert(e.request_id, (at, false));
        }
    }
    for (id, (since, resolution)) in open {
        if !resolution {
            out.entry(id)
                .or_default()
                .0
                .push((since, DateTime::<Utc>::MAX_UTC));
        }
    }
    out
}

fn day(text: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            "period",
            format!(
                "\u{201c}{text}\u{201d} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31."
            ),
        )
    })
}

/// The day after `text`, as the exclusive wall-time bound.
fn next_day(text: &str) -> Result<String> {
    let next = day(text)? + chrono::Duration::days(1);
    Ok(format!("{}T00:00:00", next.format("%Y-%m-%d")))
}
