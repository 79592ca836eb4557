//! Metrics: how many requests, how fast, how many within the SLA, how
//! satisfied, what is stuck — for any scope (a catalog item, a providing
//! department, everything) and period, on the baseline and on pilot
//! requests with exactly the same definitions (docs/METRICS.md).
//!
//! Every metric is computed from one shape, the [`MeasuredRequest`]: its
//! instants (opened, first response, resolved, closed, paused spans, SLA
//! due), its rating and its dimensions. `measured` makes that shape from
//! stored requests; pilot requests plug in there by filling the instants
//! their events record. What a source does not record is marked as such
//! ([`Recorded`]), and a metric that no request in scope can support says
//! so in words instead of showing a number.

pub mod columns;
pub mod compare;
pub mod export;
pub mod measured;
pub mod pdf;
pub mod report;
pub mod stats;
pub mod tiles;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Reports count business time on the same calendar as the SLA clocks.
pub use crate::sla::Calendar;
pub use compare::{compare, Comparison, ComparisonQuery, PeriodSide, SideSummary};
pub use measured::{MeasuredRequest, Recorded};
pub use report::{
    report, Breakdown, BreakdownRow, Metric, Ratio, Report, Satisfaction, Turnaround, WeekBacklog,
    WeekVolume,
};
pub use tiles::{
    delete_tile, list_tiles, save_tile, tile_result, GroupBy, Measure, Tile, TileDefinition,
    TileResult, TileRow,
};

/// Which requests a report covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Scope {
    /// One catalog item's requests.
    Item {
        #[ts(type = "number")]
        id: i64,
    },
    /// The requests of every item a department provides.
    Department {
        #[ts(type = "number")]
        id: i64,
    },
    /// The requests of a pilot's catalog items, however many it has and
    /// whichever departments provide them: its story is measured over
    /// these, and only these, items.
    Pilot {
        #[ts(type = "number")]
        id: i64,
    },
    /// Every request of the workspace.
    All,
}

impl Scope {
    /// The key tiles are saved under.
    pub fn key(&self) -> String {
        match self {
            Scope::Item { id } => format!("item:{id}"),
            Scope::Department { id } => format!("department:{id}"),
            Scope::Pilot { id } => format!("pilot:{id}"),
            Scope::All => "all".to_owned(),
        }
    }
}

/// The catalog items a scope covers, in the order the catalog lists them;
/// none for every item of the workspace.
pub fn scope_items(ws: &crate::Workspace, scope: &Scope) -> crate::Result<Option<Vec<i64>>> {
    Ok(match scope {
        Scope::Item { id } => Some(vec![*id]),
        Scope::Department { id } => Some(
            crate::catalog::list(ws, &Default::default())?
                .into_iter()
                .filter(|s| s.department_id == Some(*id))
                .map(|s| s.id)
                .collect(),
        ),
        Scope::Pilot { id } => Some(
            crate::pilots::get(ws, *id)?
                .items
                .iter()
                .map(|i| i.id)
                .collect(),
        ),
        Scope::All => None,
    })
}

/// Where a request comes from: the imported baseline (how things were) or
/// the pilot (requests made in Pilot Studio).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    Baseline,
    Pilot,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Baseline => "baseline",
            Origin::Pilot => "pilot",
        }
    }
}

/// A scope, an origin (both when none) and a period of opened dates,
/// `YYYY-MM-DD`, both ends included (open-ended when none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportQuery {
    pub scope: Scope,
    pub origin: Option<Origin>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The names a scope may be given by on the command line: at most one of
/// a catalog item, a department or a pilot (its name or id).
#[derive(Debug, Clone, Copy, Default)]
pub struct ScopeNames<'a> {
    pub item: Option<&'a str>,
    pub department: Option<&'a str>,
    pub pilot: Option<&'a str>,
}

/// The scope a catalog item's, a department's or a pilot's name
/// (case-insensitive) names; everything when none is given. Used by the
/// command line.
pub fn scope_named(ws: &crate::Workspace, names: ScopeNames) -> crate::Result<Scope> {
    use crate::error::Error;
    match (names.item, names.department, names.pilot) {
        (Some(name), None, None) => {
            let items = crate::catalog::list(ws, &Default::default())?;
            items
                .iter()
                .find(|i| i.name.to_lowercase() == name.to_lowercase())
                .map(|i| Scope::Item { id: i.id })
                .ok_or_else(|| {
                    let names: Vec<_> = items.iter().map(|i| i.name.as_str()).collect();
                    Error::invalid(
                        "item",
                        format!(
                            "There is no catalog item \u{201c}{name}\u{201d}; the workspace has: {}.",
                            if names.is_empty() { "none".to_owned() } else { names.join(", ") }
                        ),
                    )
                })
        }
        (None, Some(name), None) => {
            let departments = crate::directory::list_departments(ws, "")?;
            departments
                .iter()
                .find(|d| d.name.to_lowercase() == name.to_lowercase())
                .map(|d| Scope::Department { id: d.id })
                .ok_or_else(|| {
                    Error::invalid(
                        "department",
                        format!("There is no department \u{201c}{name}\u{201d} in this workspace."),
                    )
                })
        }
        (None, None, Some(wanted)) => Ok(Scope::Pilot {
            id: crate::pilots::named(ws, wanted)?,
        }),
        (None, None, None) => Ok(Scope::All),
        _ => Err(Error::invalid(
            "scope",
            "Give one of a catalog item, a department or a pilot, not several.",
        )),
    }
}
