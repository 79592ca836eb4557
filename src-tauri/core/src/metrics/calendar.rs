//! Business-hours arithmetic on a providing department's calendar: its time
//! zone, working days, daily hours and holidays. Each working day's window
//! is turned into real instants in the zone, so a daylight-saving change
//! inside a window counts the hours that actually passed.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::directory::{BusinessHours, Weekday};

/// A department's calendar, ready for arithmetic.
#[derive(Debug, Clone)]
pub struct Calendar {
    tz: Tz,
    days: [bool; 7],
    start: NaiveTime,
    end: NaiveTime,
    holidays: HashSet<NaiveDate>,
}

impl Calendar {
    /// The calendar of a department's business hours; none when the zone or
    /// the hours cannot be read (the directory refuses such hours, so this
    /// only happens to a damaged file).
    pub fn new(hours: &BusinessHours) -> Option<Calendar> {
        let tz: Tz = hours.time_zone.parse().ok()?;
        let start = NaiveTime::parse_from_str(&hours.day_start, "%H:%M").ok()?;
        let end = NaiveTime::parse_from_str(&hours.day_end, "%H:%M").ok()?;
        let mut days = [false; 7];
        for day in &hours.working_days {
            days[Weekday::ALL.iter().position(|d| d == day)?] = true;
        }
        let holidays = hours
            .holidays
            .iter()
            .filter_map(|h| NaiveDate::parse_from_str(&h.date, "%Y-%m-%d").ok())
            .collect();
        Some(Calendar {
            tz,
            days,
            start,
            end,
            holidays,
        })
    }

    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// A local wall time in this calendar's zone as an instant. A wall time
    /// that occurs twice (clocks going back) is the first; one that does not
    /// exist (clocks going forward) is read as the hour after.
    pub fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        instant_in(self.tz, local)
    }

    /// Length of a full working day, in seconds, ignoring daylight saving.
    pub fn day_seconds(&self) -> i64 {
        (self.end - self.start).num_seconds().max(0)
    }

    fn works_on(&self, date: NaiveDate) -> bool {
        self.days[date.weekday().num_days_from_monday() as usize] && !self.holidays.contains(&date)
    }

    /// Working seconds between two instants (zero when `to` is not after
    /// `from`).
    pub fn business_seconds(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        if to <= from {
            return 0;
        }
        let first = from.with_timezone(&self.tz).date_naive();
        let last = to.with_timezone(&self.tz).date_naive();
        let mut total = 0;
        let mut date = first;
        while date <= last {
            if self.works_on(date) {
                let open = self.instant(date.and_time(self.start)).max(from);
                let close = self.instant(date.and_time(self.end)).min(to);
                total += (close - open).num_seconds().max(0);
            }
            date += Duration::days(1);
        }
        total
    }

    /// The instant at which `seconds` of working time have passed since
    /// `from`; none when the calendar has no working time at all.
    pub fn add_business_seconds(&self, from: DateTime<Utc>, seconds: i64) -> Option<DateTime<Utc>> {
        if self.day_seconds() == 0 || !self.days.iter().any(|d| *d) {
            return None;
        }
        let mut left = seconds;
        let mut date = from.with_timezone(&self.tz).date_naive();
        // Ten years of days is more than any SLA needs; a calendar whose
        // every day is a holiday must not loop for ever.
        for _ in 0..3660 {
            if self.works_on(date) {
                let open = self.instant(date.and_time(self.start)).max(from);
                let close = self.instant(date.and_time(self.end));
                let available = (close - open).num_seconds().max(0);
                if available >= left {
                    return Some(open + Duration::seconds(left));
                }
                left -= available;
            }
            date += Duration::days(1);
        }
        None
    }
}

/// A local wall time in a zone as an instant (see [`Calendar::instant`]).
pub fn instant_in<Z: TimeZone>(tz: Z, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => tz
            .from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| local.and_utc()),
    }
}
