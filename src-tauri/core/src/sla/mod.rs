//! SLA clocks on a department's business calendar: working days, opening
//! hours, holidays, all in the department's IANA time zone.
//!
//! Instants are UTC; the calendar turns each local working day into its
//! opening window in UTC, so a daylight-saving change shortens or lengthens
//! that day's window exactly as the wall clock does. A window edge that
//! falls in the hour a clock skips counts as if the clock had not moved yet;
//! one in the hour a clock repeats counts at its first occurrence.

use std::collections::HashSet;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::{Sla, SlaUnit};
use crate::directory::{BusinessHours, Weekday};
use crate::error::{Error, Result};

/// The words a hold that waits for the requester starts its event with.
/// Such a hold stops the SLA clock, and the metrics read the pause back
/// from the event, so both sides take the words from here.
pub const WAITING_FOR_REQUESTER: &str = "Waiting for the requester (SLA paused)";

/// How far ahead a clock looks for working time before it gives up: a
/// calendar with no working day at all (or only holidays) has no due time.
const HORIZON_DAYS: i64 = 3 * 366;

/// The longest run of dates a calendar keeps sums for (40 years); a span
/// beyond it (only bad data makes one) is counted day by day.
const LEDGER_MAX_DAYS: i64 = 40 * 366;

/// A department's working time, ready to count with.
#[derive(Debug, Clone)]
pub struct Calendar {
    zone: Tz,
    days: [bool; 7],
    start: NaiveTime,
    end: NaiveTime,
    holidays: HashSet<NaiveDate>,
    /// Sums of whole days' working seconds, filled as clocks ask, so a
    /// request open for months costs two lookups instead of a walk through
    /// every day (each day's window goes through the time zone twice). The
    /// calendar never changes, so clones share it.
    ledger: Arc<Mutex<Ledger>>,
}

/// Working seconds of whole days from `first`: `sums[i]` is the total of
/// the `i` dates from `first` on (so `sums[0]` is 0).
#[derive(Debug, Default)]
struct Ledger {
    first: Option<NaiveDate>,
    sums: Vec<i64>,
}

impl Ledger {
    /// The first date and the date after the last the sums cover.
    fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.first?;
        Some((first, first + Duration::days(self.sums.len() as i64 - 1)))
    }
}

impl Calendar {
    pub fn new(hours: &BusinessHours) -> Result<Calendar> {
        let zone = Tz::from_str(&hours.time_zone).map_err(|_| {
            Error::invalid(
                "timeZone",
                format!("“{}” is not a known time zone.", hours.time_zone),
            )
        })?;
        let time = |s: &str| {
            NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| {
                Error::invalid("hours", format!("“{s}” is not a time of day (HH:MM)."))
            })
        };
        let (start, end) = (time(&hours.day_start)?, time(&hours.day_end)?);
        let mut days = [false; 7];
        for day in &hours.working_days {
            days[*day as usize] = true;
        }
        let holidays = hours
            .holidays
            .iter()
            .filter_map(|h| NaiveDate::parse_from_str(&h.date, "%Y-%m-%d").ok())
            .collect();
        Ok(Calendar {
            zone,
            days,
            start,
            end,
            holidays,
            ledger: Arc::default(),
        })
    }

    /// The length of a normal working day, which one business day of an SLA
    /// stands for.
    pub fn day_seconds(&self) -> i64 {
        (self.end - self.start).num_seconds().max(0)
    }

    /// An SLA target in business seconds.
    pub fn target_seconds(&self, sla: &Sla) -> i64 {
        match sla.unit {
            SlaUnit::BusinessHours => sla.amount * 3600,
            SlaUnit::BusinessDays => sla.amount * self.day_seconds(),
        }
    }

    /// The calendar's time zone.
    pub fn time_zone(&self) -> Tz {
        self.zone
    }

    /// The local date an instant falls on in the calendar's zone.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.zone).date_naive()
    }

    /// Interprets a local wall time (as a baseline file gives it) in the
    /// calendar's zone.
    pub fn from_local(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.zone.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            // Skipped by a clock change: read with the offset from before it,
            // which is the same instant as the wall time an hour later read
            // with the offset after it (02:30 CET = 03:30 CEST).
            LocalResult::None => match self.zone.from_local_datetime(&(local + Duration::hours(1)))
            {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
                LocalResult::None => Utc.from_utc_datetime(&local),
            },
        }
    }

    /// The opening window of a local date in UTC, if it is a working day.
    fn window(&self, date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let weekday =
            Weekday::ALL[chrono::Datelike::weekday(&date).num_days_from_monday() as usize];
        if !self.days[weekday as usize] || self.holidays.contains(&date) || self.end <= self.start {
            return None;
        }
        let open = self.from_local(date.and_time(self.start));
        let close = self.from_local(date.and_time(self.end));
        (close > open).then_some((open, close))
    }

    /// Working seconds between two instants (0 when `to` is not after
    /// `from`): the parts of the first and last days' windows between them,
    /// and the whole windows of the days in between from the ledger.
    pub fn business_seconds(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        if to <= from {
            return 0;
        }
        let first = self.local_date(from);
        let last = self.local_date(to);
        let part = |date: NaiveDate| match self.window(date) {
            Some((open, close)) => (close.min(to) - open.max(from)).num_seconds().max(0),
            None => 0,
        };
        if first == last {
            return part(first);
        }
        let between = match first.succ_opt() {
            Some(next) if next < last => self.whole_days(next, last),
            _ => 0,
        };
        part(first) + between + part(last)
    }

    /// Working seconds of the whole windows of the dates from `from` up to
    /// (not including) `until`. A date strictly between two instants'
    /// dates has its whole window between them.
    fn whole_days(&self, from: NaiveDate, until: NaiveDate) -> i64 {
        let seconds = |date: NaiveDate| {
            self.window(date)
                .map_or(0, |(open, close)| (close - open).num_seconds())
        };
        let mut ledger = self.ledger.lock().unwrap_or_else(|p| p.into_inner());
        let span = ledger.span();
        let start = span.map_or(from, |(f, _)| f.min(from));
        let end = span.map_or(until, |(_, e)| e.max(until));
        if (end - start).num_days() > LEDGER_MAX_DAYS {
            drop(ledger);
            return from
                .iter_days()
                .take_while(|d| *d < until)
                .map(seconds)
                .sum();
        }
        if !span.is_some_and(|(f, e)| f <= from && until <= e) {
            // Widened to the union of what it held and what is asked, and
            // summed again from its new first date.
            let mut sums = Vec::with_capacity((end - start).num_days() as usize + 1);
            let mut total = 0;
            sums.push(0);
            for date in start.iter_days().take_while(|d| *d < end) {
                total += seconds(date);
                sums.push(total);
            }
            *ledger = Ledger {
                first: Some(start),
                sums,
            };
        }
        let first = ledger.first.expect("the ledger was just filled");
        let at = |date: NaiveDate| ledger.sums[(date - first).num_days() as usize];
        at(until) - at(from)
    }

    /// The instant `seconds` of working time after `from`; none when the
    /// calendar has no working time within three years.
    pub fn add(&self, from: DateTime<Utc>, seconds: i64) -> Option<DateTime<Utc>> {
        if seconds <= 0 {
            return Some(from);
        }
        let mut left = seconds;
        let mut date = self.local_date(from);
        for _ in 0..HORIZON_DAYS {
            if let Some((open, close)) = self.window(date) {
                let start = open.max(from);
                if close > start {
                    let available = (close - start).num_seconds();
                    if left <= available {
                        return Some(start + Duration::seconds(left));
                    }
                    left -= available;
                }
            }
            date = date.succ_opt()?;
        }
        None
    }
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "SlaVerdict")]
pub enum Verdict {
    /// Running, with more than the warning share of the target left.
    OnTrack,
    /// Running and past the warning threshold: about to breach.
    AtRisk,
    /// Paused (waiting for the requester) and within its target.
    Paused,
    /// Stopped (resolved) within its target.
    Met,
    /// Past its target, running or stopped.
    Breached,
}

/// A request's SLA clock at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "SlaClock")]
pub struct Clock {
    #[ts(type = "number")]
    pub target_secs: i64,
    /// Working time counted against the target so far.
    #[ts(type = "number")]
    pub used_secs: i64,
    /// Working time the clock stood still (waiting for the requester).
    #[ts(type = "number")]
    pub paused_secs: i64,
    /// Target minus used: negative once breached.
    #[ts(type = "number")]
    pub left_secs: i64,
    /// When the target runs out if the clock keeps running (UTC).
    pub due_at: Option<String>,
    pub verdict: Verdict,
}

/// What a clock is computed from; times UTC.
#[derive(Debug, Clone)]
pub struct ClockInput {
    pub opened: DateTime<Utc>,
    pub target_secs: i64,
    /// Working seconds of pauses already over.
    pub paused_secs: i64,
    /// The start of the pause under way, if any.
    pub paused_since: Option<DateTime<Utc>>,
    /// When the clock stopped (resolution), if it did.
    pub stopped: Option<DateTime<Utc>>,
    /// Percent of the target after which a running clock is at risk.
    pub warning_percent: i64,
}

/// The clock at `now`. Used plus paused is always the working time from
/// opening to the end of the clock (`now`, or when it stopped).
pub fn clock(calendar: &Calendar, input: &ClockInput, now: DateTime<Utc>) -> Clock {
    let end = input.stopped.unwrap_or(now).max(input.opened);
    let open_pause = input
        .paused_since
        .map(|since| calendar.business_seconds(since.min(end), end))
        .unwrap_or(0);
    let paused = input.paused_secs + open_pause;
    let used = (calendar.business_seconds(input.opened, end) - paused).max(0);
    let left = input.target_secs - used;
    let due = calendar.add(input.opened, input.target_secs + paused);
    let verdict = if left < 0 {
        Verdict::Breached
    } else if input.stopped.is_some() {
        Verdict::Met
    } else if input.paused_since.is_some() {
        Verdict::Paused
    } else if used * 100 >= input.target_secs * input.warning_percent {
        Verdict::AtRisk
    } else {
        Verdict::OnTrack
    };
    Clock {
        target_secs: input.target_secs,
        used_secs: used,
        paused_secs: paused,
        left_secs: left,
        due_at: due.map(format_utc),
        verdict,
    }
}

/// UTC as stored: `YYYY-MM-DDTHH:MM:SSZ`, which sorts as text.
pub fn format_utc(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Reads a stored UTC time (any RFC 3339 time is accepted).
pub fn parse_utc(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Error::invalid("time", format!("“{text}” is not a UTC time (RFC 3339).")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::Holiday;

    /// Working seconds counted the plain way, day by day: what the ledger
    /// must always agree with.
    fn day_by_day(cal: &Calendar, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        if to <= from {
            return 0;
        }
        let mut total = 0;
        let mut date = cal.local_date(from);
        while date <= cal.local_date(to) {
            if let Some((open, close)) = cal.window(date) {
                let (a, b) = (open.max(from), close.min(to));
                if b > a {
                    total += (b - a).num_seconds();
                }
            }
            date = date.succ_opt().unwrap();
        }
        total
    }

    #[test]
    fn the_ledger_counts_the_same_working_time_as_walking_day_by_day() {
        let mut rng = fastrand::Rng::with_seed(7);
        // Zones with daylight saving in either hemisphere, one that moves
        // by half an hour, and one without.
        for zone in [
            "Europe/Berlin",
            "America/New_York",
            "Australia/Lord_Howe",
            "Asia/Tokyo",
        ] {
            for _ in 0..8 {
                let mut hours = BusinessHours::office(zone);
                hours.working_days = Weekday::ALL
                    .iter()
                    .copied()
                    .filter(|_| rng.u8(0..4) > 0)
                    .collect();
                let open = rng.u32(0..12);
                hours.day_start = format!("{open:02}:{:02}", rng.u32(0..60));
                hours.day_end = format!("{:02}:{:02}", open + rng.u32(1..12), rng.u32(0..60));
                hours.holidays = (0..6)
                    .map(|_| Holiday {
                        date: (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
                            + Duration::days(rng.i64(0..1000)))
                        .format("%Y-%m-%d")
                        .to_string(),
                        name: "Holiday".into(),
                    })
                    .collect();
                let cal = Calendar::new(&hours).unwrap();
                let base = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
                for _ in 0..200 {
                    let from = base + Duration::minutes(rng.i64(0..60 * 24 * 1000));
                    let to = from + Duration::minutes(rng.i64(-600..60 * 24 * 400));
                    assert_eq!(
                        cal.business_seconds(from, to),
                        day_by_day(&cal, from, to),
                        "{zone} {hours:?} from {from} to {to}"
                    );
                }
            }
        }
    }
}
