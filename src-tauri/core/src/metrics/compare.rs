//! Before vs after: two periods of a scope (or the baseline against the
//! pilot) side by side, with sample sizes and a bootstrap interval for the
//! difference in median turnaround. With too few resolved requests on a
//! side it says so instead of giving a number, and it warns when the two
//! periods differ in length or season.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::measured::{self, MeasuredRequest};
use super::report::scope_label;
use super::stats::{bootstrap_median_difference, quantile_sorted};
use super::{Origin, ReportQuery, Scope};
use crate::error::Result;
use crate::workspace::Workspace;

/// Resolved requests each side needs before a difference is stated.
pub const MIN_SAMPLES: u64 = 20;

/// The seed of the bootstrap, so the same data always give the same
/// interval.
pub const SEED: u64 = 20_260_101;

/// One side: an origin (both when none) and a period of opened dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodSide {
    pub origin: Option<Origin>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComparisonQuery {
    pub scope: Scope,
    pub before: PeriodSide,
    pub after: PeriodSide,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SideSummary {
    /// E.g. "Baseline, 2026-01-01 to 2026-03-31".
    pub label: String,
    /// The opened dates the side actually covers.
    pub first: Option<String>,
    pub last: Option<String>,
    #[ts(type = "number")]
    pub requests: u64,
    #[ts(type = "number")]
    pub resolved: u64,
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
    pub sla_kept_percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub scope_label: String,
    pub before: SideSummary,
    pub after: SideSummary,
    /// Median turnaround after minus before, in hours; none with too few
    /// samples.
    pub median_difference_hours: Option<f64>,
    /// The 95 % bootstrap interval of that difference.
    #[ts(type = "[number, number] | null")]
    pub interval: Option<(f64, f64)>,
    /// The comparison in one sentence.
    pub verdict: String,
    pub warnings: Vec<String>,
}

pub fn compare(ws: &Workspace, query: &ComparisonQuery) -> Result<Comparison> {
    let load = |side: &PeriodSide| {
        measured::load(
            ws,
            &ReportQuery {
                scope: query.scope.clone(),
                origin: side.origin,
                from: side.from.clone(),
                to: side.to.clone(),
            },
        )
    };
    let before = load(&query.before)?;
    let after = load(&query.after)?;
    Ok(compare_sets(
        scope_label(ws, &query.scope)?,
        (&query.before, &before),
        (&query.after, &after),
    ))
}

fn hours(requests: &[MeasuredRequest]) -> Vec<f64> {
    let mut out: Vec<f64> = requests
        .iter()
        .filter_map(MeasuredRequest::turnaround_seconds)
        .map(|s| s as f64 / 3600.0)
        .collect();
    out.sort_by(f64::total_cmp);
    out
}

fn side_label(side: &PeriodSide) -> String {
    let origin = match side.origin {
        Some(Origin::Baseline) => "Baseline",
        Some(Origin::Pilot) => "Pilot",
        None => "All requests",
    };
    match (&side.from, &side.to) {
        (Some(f), Some(t)) => format!("{origin}, {f} to {t}"),
        (Some(f), None) => format!("{origin}, from {f}"),
        (None, Some(t)) => format!("{origin}, until {t}"),
        (None, None) => origin.to_owned(),
    }
}

fn summary(side: &PeriodSide, requests: &[MeasuredRequest], sorted_hours: &[f64]) -> SideSummary {
    let verdicts: Vec<bool> = requests.iter().filter_map(|r| r.sla_kept()).collect();
    SideSummary {
        label: side_label(side),
        first: requests
            .iter()
            .map(|r| r.opened_local.date())
            .min()
            .map(|d| d.to_string()),
        last: requests
            .iter()
            .map(|r| r.opened_local.date())
            .max()
            .map(|d| d.to_string()),
        requests: requests.len() as u64,
        resolved: sorted_hours.len() as u64,
        median_hours: quantile_sorted(sorted_hours, 0.5),
        p90_hours: quantile_sorted(sorted_hours, 0.9),
        sla_kept_percent: (!verdicts.is_empty()).then(|| {
            verdicts.iter().filter(|k| **k).count() as f64 * 100.0 / verdicts.len() as f64
        }),
    }
}

fn compare_sets(
    scope_label: String,
    (before_side, before): (&PeriodSide, &[MeasuredRequest]),
    (after_side, after): (&PeriodSide, &[MeasuredRequest]),
) -> Comparison {
    let before_hours = hours(before);
    let after_hours = hours(after);
    let b = summary(before_side, before, &before_hours);
    let a = summary(after_side, after, &after_hours);
    let enough = b.resolved >= MIN_SAMPLES && a.resolved >= MIN_SAMPLES;
    let (difference, interval) = match (enough, b.median_hours, a.median_hours) {
        (true, Some(mb), Some(ma)) => (
            Some(ma - mb),
            bootstrap_median_difference(&before_hours, &after_hours, SEED),
        ),
        _ => (None, None),
    };
    let verdict = match (difference, interval) {
        (Some(d), Some((low, high))) if high < 0.0 => format!(
            "Median turnaround fell by {:.1} h (95 % interval {:.1} to {:.1} h): a real improvement, not chance.",
            -d, -high, -low
        ),
        (Some(d), Some((low, high))) if low > 0.0 => format!(
            "Median turnaround rose by {d:.1} h (95 % interval {low:.1} to {high:.1} h): slower than before."
        ),
        (Some(d), Some((low, high))) => format!(
            "Median turnaround changed by {d:+.1} h, but the 95 % interval ({low:.1} to {high:.1} h) includes no change: the data cannot tell yet."
        ),
        _ => format!(
            "Too few resolved requests to compare: {} before and {} after; each side needs at least {MIN_SAMPLES}.",
            b.resolved, a.resolved
        ),
    };
    Comparison {
        scope_label,
        warnings: warnings(&b, &a),
        before: b,
        after: a,
        median_difference_hours: difference,
        interval,
        verdict,
    }
}

fn span(side: &SideSummary) -> Option<(NaiveDate, NaiveDate)> {
    let parse = |s: &Option<String>| {
        s.as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    Some((parse(&side.first)?, parse(&side.last)?))
}

/// Lengths differing by more than a quarter, or middles more than 45 days
/// apart in the year (different seasons), are warned about.
fn warnings(before: &SideSummary, after: &SideSummary) -> Vec<String> {
    let (Some((b0, b1)), Some((a0, a1))) = (span(before), span(after)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (lb, la) = ((b1 - b0).num_days() + 1, (a1 - a0).num_days() + 1);
    if (lb - la).abs() as f64 > 0.25 * lb.max(la) as f64 {
        out.push(format!(
            "The periods differ in length ({lb} days before, {la} after): volumes are not comparable as they are."
        ));
    }
    let middle = |x: NaiveDate, y: NaiveDate| (x + (y - x) / 2).ordinal() as i64;
    let gap = (middle(b0, b1) - middle(a0, a1)).abs();
    let gap = gap.min(365 - gap);
    if gap > 45 {
        out.push(format!(
            "The periods fall in different seasons (their middles are {gap} days apart in the year): demand and staffing may differ for reasons other than the pilot."
        ));
    }
    out
}
