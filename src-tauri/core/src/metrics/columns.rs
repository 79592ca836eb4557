//! The fast path: the dashboard's headline numbers over a million requests
//! in milliseconds. Measuring a request (parsing its times, walking the
//! calendar for business hours, deciding the SLA) is the expensive part,
//! and it depends only on the request, its item and its department. So it
//! is done once into a compact columnar snapshot — a few plain vectors,
//! about 40 bytes a request — and each dashboard is then one pass over
//! those columns plus a linear-time selection for the quantiles.
//!
//! The snapshot is kept per workspace file and made again when the
//! workspace's data changed: the key is the changes its connection made
//! plus SQLite's `data_version` (commits by other connections), which
//! costs nothing on write. The numbers equal the slow reference
//! (`report::compute`); a test compares them on random workspaces.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::measured::{self, MeasuredRequest};
use super::report::{BreakdownRow, Ratio, Turnaround, WeekVolume};
use super::{Origin, ReportQuery, Scope};
use crate::error::Result;
use crate::storage;
use crate::workspace::Workspace;

const NONE_DAY: i32 = i32::MIN;
const NONE_SECS: i64 = -1;
const NOT_KNOWN: &str = "(not known)";

/// Measured requests as columns, one entry per request.
#[derive(Debug, Default)]
pub struct Columns {
    item_ids: Vec<i64>,
    item_names: Vec<String>,
    /// Requester departments by index; 0 is "(not known)".
    groups: Vec<String>,
    origin: Vec<u8>,
    item: Vec<u32>,
    group: Vec<u32>,
    /// Local opened and resolved dates as days from the common era.
    opened_day: Vec<i32>,
    resolved_day: Vec<i32>,
    turnaround: Vec<i64>,
    business: Vec<i64>,
    /// 1 kept, 0 missed, -1 no verdict.
    sla: Vec<i8>,
    /// 1 to 5, 0 for none.
    rating: Vec<u8>,
}

fn day(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// Columns made one request at a time, so that the measured requests are
/// never all held at once.
struct Builder {
    columns: Columns,
    items: HashMap<i64, u32>,
    groups: HashMap<String, u32>,
}

impl Builder {
    fn new() -> Self {
        Builder {
            columns: Columns {
                groups: vec![NOT_KNOWN.to_owned()],
                ..Columns::default()
            },
            items: HashMap::new(),
            groups: HashMap::new(),
        }
    }

    fn push(&mut self, r: &MeasuredRequest) {
        let c = &mut self.columns;
        let item = *self.items.entry(r.item_id).or_insert_with(|| {
            c.item_ids.push(r.item_id);
            c.item_names.push(r.item.clone());
            (c.item_ids.len() - 1) as u32
        });
        let group = match &r.requester_department {
            None => 0,
            Some(name) => *self.groups.entry(name.clone()).or_insert_with(|| {
                c.groups.push(name.clone());
                (c.groups.len() - 1) as u32
            }),
        };
        c.origin.push(match r.origin {
            Origin::Baseline => 0,
            Origin::Pilot => 1,
        });
        c.item.push(item);
        c.group.push(group);
        c.opened_day.push(day(r.opened_local.date()));
        c.resolved_day
            .push(r.resolved_local.map_or(NONE_DAY, |t| day(t.date())));
        c.turnaround
            .push(r.turnaround_seconds().unwrap_or(NONE_SECS));
        c.business
            .push(r.business_turnaround_seconds().unwrap_or(NONE_SECS));
        c.sla.push(r.sla_kept().map_or(-1, i8::from));
        c.rating.push(r.rating.unwrap_or(0));
    }
}

impl Columns {
    /// Columns of measured requests.
    pub fn build(requests: &[MeasuredRequest]) -> Columns {
        let mut builder = Builder::new();
        for r in requests {
            builder.push(r);
        }
        builder.columns
    }

    /// Each request's facts as plain numbers (for the benchmark's DuckDB
    /// side): item and requester-department indexes, origin, days,
    /// seconds (−1 for none), SLA verdict, rating.
    pub fn facts(&self) -> impl Iterator<Item = Fact> + '_ {
        (0..self.len()).map(|i| Fact {
            item: self.item[i],
            group: self.group[i],
            origin: self.origin[i],
            opened_day: self.opened_day[i],
            resolved_day: self.resolved_day[i],
            turnaround: self.turnaround[i],
            business: self.business[i],
            sla: self.sla[i],
            rating: self.rating[i],
        })
    }

    pub fn len(&self) -> usize {
        self.origin.len()
    }

    pub fn is_empty(&self) -> bool {
        self.origin.is_empty()
    }

    /// Bytes the columns hold (not counting names).
    pub fn heap_bytes(&self) -> usize {
        self.len() * (1 + 4 + 4 + 4 + 4 + 8 + 8 + 1 + 1)
    }
}

/// One request's row of the columns.
pub struct Fact {
    pub item: u32,
    pub group: u32,
    pub origin: u8,
    pub opened_day: i32,
    pub resolved_day: i32,
    pub turnaround: i64,
    pub business: i64,
    pub sla: i8,
    pub rating: u8,
}

/// The headline numbers the dashboard shows at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    #[ts(type = "number")]
    pub opened: u64,
    #[ts(type = "number")]
    pub resolved: u64,
    pub volume: Vec<WeekVolume>,
    pub turnaround: Option<Turnaround>,
    pub sla_kept: Option<Ratio>,
    pub satisfaction_mean: Option<f64>,
    pub by_item: Vec<BreakdownRow>,
    pub by_requester_department: Vec<BreakdownRow>,
}

/// The `q` quantile of values by linear-time selection, with the same
/// interpolation as [`super::stats::quantile_sorted`].
fn select_quantile(values: &mut [i64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let rank = q * (values.len() - 1) as f64;
    let low = rank.floor() as usize;
    let (_, &mut at_low, above) = values.select_nth_unstable(low);
    let at_high = if rank.ceil() as usize > low {
        *above.iter().min()?
    } else {
        at_low
    };
    let (a, b) = (at_low as f64 / 3600.0, at_high as f64 / 3600.0);
    Some(a + (b - a) * (rank - low as f64))
}

fn turnaround(values: &mut [i64]) -> Option<Turnaround> {
    let n = values.len();
    let mean =
        (n > 0).then(|| values.iter().map(|&s| s as f64 / 3600.0).sum::<f64>() / n as f64)?;
    Some(Turnaround {
        n: n as u64,
        median_hours: select_quantile(values, 0.5)?,
        p90_hours: select_quantile(values, 0.9)?,
        mean_hours: mean,
    })
}

/// One group's accumulators.
#[derive(Default)]
struct Group {
    opened: u64,
    resolved: u64,
    turnaround: Vec<i64>,
    business: Vec<i64>,
    kept: u64,
    judged: u64,
}

impl Group {
    fn row(mut self, name: &str) -> BreakdownRow {
        BreakdownRow {
            group: name.to_owned(),
            opened: self.opened,
            resolved: self.resolved,
            median_hours: select_quantile(&mut self.turnaround, 0.5),
            median_business_hours: select_quantile(&mut self.business, 0.5),
            sla_kept_percent: Ratio::new(self.kept, self.judged).map(|r| r.percent),
        }
    }
}

fn rows(groups: Vec<Group>, names: &[String]) -> Vec<BreakdownRow> {
    let mut out: Vec<BreakdownRow> = groups
        .into_iter()
        .zip(names)
        .filter(|(g, _)| g.opened > 0)
        .map(|(g, name)| g.row(name))
        .collect();
    out.sort_by(|a, b| b.opened.cmp(&a.opened).then_with(|| a.group.cmp(&b.group)));
    out
}

/// The dashboard of a query from columns: one pass, then selections.
pub fn dashboard(
    columns: &Columns,
    query: &ReportQuery,
    scope_items: Option<&[i64]>,
) -> Result<Dashboard> {
    let in_scope: Vec<bool> = columns
        .item_ids
        .iter()
        .map(|id| scope_items.is_none_or(|items| items.contains(id)))
        .collect();
    let parse = |d: &Option<String>| -> Result<Option<i32>> {
        Ok(match d {
            Some(text) => Some(day(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                crate::error::Error::invalid(
                    "period",
                    format!("\u{201c}{text}\u{201d} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31."),
                )
            })?)),
            None => None,
        })
    };
    let (from, to) = (parse(&query.from)?, parse(&query.to)?);
    let origin = query.origin.map(|o| match o {
        Origin::Baseline => 0u8,
        Origin::Pilot => 1,
    });

    let mut items: Vec<Group> = (0..columns.item_ids.len())
        .map(|_| Group::default())
        .collect();
    let mut groups: Vec<Group> = (0..columns.groups.len())
        .map(|_| Group::default())
        .collect();
    let mut all = Group::default();
    let mut weeks: HashMap<i32, (u64, u64)> = HashMap::new();
    let mut first_week = i32::MAX;
    let mut last_day = i32::MIN;
    let (mut rating_sum, mut rated) = (0u64, 0u64);
    for i in 0..columns.len() {
        let opened = columns.opened_day[i];
        if !in_scope[columns.item[i] as usize]
            || origin.is_some_and(|o| o != columns.origin[i])
            || from.is_some_and(|f| opened < f)
            || to.is_some_and(|t| opened > t)
        {
            continue;
        }
        // Days from the common era: day 1 (0001-01-01) was a Monday.
        let week = opened - (opened - 1).rem_euclid(7);
        first_week = first_week.min(week);
        last_day = last_day.max(opened);
        weeks.entry(week).or_default().0 += 1;
        let resolved_day = columns.resolved_day[i];
        let resolved = resolved_day != NONE_DAY;
        if resolved {
            last_day = last_day.max(resolved_day);
            weeks
                .entry(resolved_day - (resolved_day - 1).rem_euclid(7))
                .or_default()
                .1 += 1;
        }
        let (t, b, sla) = (columns.turnaround[i], columns.business[i], columns.sla[i]);
        for g in [
            &mut all,
            &mut items[columns.item[i] as usize],
            &mut groups[columns.group[i] as usize],
        ] {
            g.opened += 1;
            if resolved {
                g.resolved += 1;
            }
            if t != NONE_SECS {
                g.turnaround.push(t);
            }
            if b != NONE_SECS {
                g.business.push(b);
            }
            if sla >= 0 {
                g.judged += 1;
                g.kept += sla as u64;
            }
        }
        if resolved && columns.rating[i] > 0 {
            rating_sum += columns.rating[i] as u64;
            rated += 1;
        }
    }

    let mut volume = Vec::new();
    if all.opened > 0 {
        let mut week = first_week;
        while week <= last_day {
            let (opened, resolved) = weeks.get(&week).copied().unwrap_or_default();
            let date = NaiveDate::from_num_days_from_ce_opt(week).unwrap_or_default();
            volume.push(WeekVolume {
                week: date.to_string(),
                opened,
                resolved,
            });
            week += 7;
        }
    }
    Ok(Dashboard {
        opened: all.opened,
        resolved: all.resolved,
        volume,
        turnaround: turnaround(&mut all.turnaround),
        sla_kept: Ratio::new(all.kept, all.judged),
        satisfaction_mean: (rated > 0).then(|| rating_sum as f64 / rated as f64),
        by_item: rows(items, &columns.item_names),
        by_requester_department: rows(groups, &columns.groups),
    })
}

type Cached = (PathBuf, (u64, i64), Arc<Columns>);

/// The one snapshot kept: of the workspace last asked about.
fn cache() -> &'static Mutex<Option<Cached>> {
    static CACHE: OnceLock<Mutex<Option<Cached>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(None))
}

/// The workspace's columns, made again only when its data changed.
pub fn columns(ws: &Workspace) -> Result<Arc<Columns>> {
    let key = storage::metrics::generation(ws.conn())?;
    let path = ws.path().to_owned();
    let mut slot = cache().lock().unwrap_or_else(|p| p.into_inner());
    if let Some((p, k, columns)) = slot.as_ref() {
        if *p == path && *k == key {
            return Ok(columns.clone());
        }
    }
    let mut builder = Builder::new();
    measured::each(
        ws,
        &ReportQuery {
            scope: Scope::All,
            origin: None,
            from: None,
            to: None,
        },
        &mut |r| {
            builder.push(&r);
            Ok(())
        },
    )?;
    let columns = Arc::new(builder.columns);
    *slot = Some((path, key, columns.clone()));
    Ok(columns)
}

/// The dashboard of a query by the fast path.
pub fn fast_dashboard(ws: &Workspace, query: &ReportQuery) -> Result<Dashboard> {
    let columns = columns(ws)?;
    let items = super::scope_items(ws, &query.scope)?;
    dashboard(&columns, query, items.as_deref())
}

/// The same numbers by the slow reference: every metric computed from the
/// measured requests as the report does.
pub fn reference_dashboard(requests: &[MeasuredRequest], query: &ReportQuery) -> Dashboard {
    let report = super::report::compute(query.clone(), String::new(), requests);
    let rated: Vec<f64> = requests
        .iter()
        .filter(|r| r.resolved.is_some())
        .filter_map(|r| r.rating.map(f64::from))
        .collect();
    let breakdown = |dimension: &str| {
        report
            .breakdowns
            .iter()
            .find(|b| b.dimension == dimension)
            .map(|b| b.rows.clone())
            .unwrap_or_default()
    };
    Dashboard {
        opened: report.opened,
        resolved: report.resolved,
        volume: report.volume.clone(),
        turnaround: report.turnaround.value.clone(),
        sla_kept: report.sla_kept.value.clone(),
        satisfaction_mean: super::stats::mean(&rated),
        by_item: breakdown("item"),
        by_requester_department: breakdown("requesterDepartment"),
    }
}
