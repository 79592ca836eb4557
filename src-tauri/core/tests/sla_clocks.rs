//! SLA clocks against answers computed by hand: across a weekend, a
//! holiday, daylight-saving changes and in two time zones. Every instant is
//! written in UTC with its local time beside it.

use chrono::{DateTime, Utc};
use pilot_core::catalog::{Sla, SlaUnit};
use pilot_core::directory::{BusinessHours, Holiday, Weekday};
use pilot_core::sla::{clock, Calendar, ClockInput, Verdict};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn office(zone: &str) -> Calendar {
    Calendar::new(&BusinessHours::office(zone)).unwrap()
}

const HOUR: i64 = 3600;

#[test]
fn four_working_hours_from_friday_afternoon_fall_due_on_monday_morning() {
    let berlin = office("Europe/Berlin");
    // Fri 6 March 2026 15:00 CET; 2 h on Friday, 2 h on Monday.
    let opened = utc("2026-03-06T14:00:00Z");
    assert_eq!(
        berlin.add(opened, 4 * HOUR),
        Some(utc("2026-03-09T10:00:00Z"))
    ); // Mon 11:00 CET
    assert_eq!(
        berlin.business_seconds(opened, utc("2026-03-09T10:00:00Z")),
        4 * HOUR
    );
}

#[test]
fn a_holiday_is_skipped_like_a_weekend() {
    let mut hours = BusinessHours::office("Europe/Berlin");
    hours.holidays.push(Holiday {
        date: "2026-03-09".into(),
        name: "Company day".into(),
    });
    let berlin = Calendar::new(&hours).unwrap();
    let opened = utc("2026-03-06T14:00:00Z"); // Fri 15:00 CET
    assert_eq!(
        berlin.add(opened, 4 * HOUR),
        Some(utc("2026-03-10T10:00:00Z"))
    ); // Tue 11:00 CET
    assert_eq!(
        berlin.business_seconds(utc("2026-03-09T00:00:00Z"), utc("2026-03-10T00:00:00Z")),
        0
    );
}

#[test]
fn the_clock_follows_the_wall_clock_over_a_daylight_saving_change() {
    let berlin = office("Europe/Berlin");
    // Fri 27 March 16:00 CET; clocks go forward on Sunday 29 March.
    let opened = utc("2026-03-27T15:00:00Z");
    // 1 h on Friday, then Monday 09:00–10:00 CEST, which is 07:00–08:00 UTC.
    assert_eq!(
        berlin.add(opened, 2 * HOUR),
        Some(utc("2026-03-30T08:00:00Z"))
    );
    assert_eq!(
        berlin.business_seconds(opened, utc("2026-03-30T08:00:00Z")),
        2 * HOUR
    );
}

#[test]
fn a_working_window_that_spans_the_skipped_hour_is_an_hour_shorter() {
    let mut hours = BusinessHours::office("Europe/Berlin");
    hours.working_days = Weekday::ALL.to_vec();
    hours.day_start = "01:00".into();
    hours.day_end = "05:00".into();
    let night = Calendar::new(&hours).unwrap();
    // Sun 29 March: 01:00 CET (00:00 UTC) to 05:00 CEST (03:00 UTC).
    let day = (utc("2026-03-29T00:00:00Z"), utc("2026-03-29T23:00:00Z"));
    assert_eq!(night.business_seconds(day.0, day.1), 3 * HOUR);
    // Sun 25 October, clocks go back: 01:00 CEST (23:00 UTC the day
    // before) to 05:00 CET (04:00 UTC) is five hours.
    let day = (utc("2026-10-24T22:00:00Z"), utc("2026-10-25T22:00:00Z"));
    assert_eq!(night.business_seconds(day.0, day.1), 5 * HOUR);
}

#[test]
fn a_wall_time_the_clock_skips_reads_with_the_offset_from_before_the_change() {
    let berlin = office("Europe/Berlin");
    let local = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    // Sun 29 March 2026: 02:00 CET becomes 03:00 CEST, so 02:30 is never
    // shown on a Berlin clock. Read at +01:00 it is 01:30 UTC, the same
    // instant as 03:30 CEST.
    assert_eq!(
        berlin.from_local(local("2026-03-29 02:30")),
        utc("2026-03-29T01:30:00Z")
    );
    assert_eq!(
        berlin.from_local(local("2026-03-29 03:30")),
        utc("2026-03-29T01:30:00Z")
    );
    // 02:30 on 25 October happens twice; the first (CEST) is meant.
    assert_eq!(
        berlin.from_local(local("2026-10-25 02:30")),
        utc("2026-10-25T00:30:00Z")
    );
}

#[test]
fn a_window_that_opens_in_the_skipped_hour_opens_when_the_clock_does() {
    let mut hours = BusinessHours::office("Europe/Berlin");
    hours.working_days = Weekday::ALL.to_vec();
    hours.day_start = "02:30".into();
    hours.day_end = "06:00".into();
    let night = Calendar::new(&hours).unwrap();
    // Sun 29 March: the window opens at 02:30 CET (01:30 UTC, shown as
    // 03:30 CEST) and closes at 06:00 CEST (04:00 UTC): 2.5 hours.
    let day = (utc("2026-03-29T00:00:00Z"), utc("2026-03-29T23:00:00Z"));
    assert_eq!(night.business_seconds(day.0, day.1), 5 * HOUR / 2);
}

#[test]
fn the_same_moment_falls_due_differently_in_new_york_and_tokyo() {
    let opened = utc("2026-03-04T13:00:00Z"); // Wed: 08:00 EST, 22:00 JST
    let new_york = office("America/New_York");
    let tokyo = office("Asia/Tokyo");
    // New York opens at 09:00 EST (14:00 UTC): due at 17:00 EST.
    assert_eq!(
        new_york.add(opened, 8 * HOUR),
        Some(utc("2026-03-04T22:00:00Z"))
    );
    // Tokyo has closed: Thursday 09:00–17:00 JST, 00:00–08:00 UTC.
    assert_eq!(
        tokyo.add(opened, 8 * HOUR),
        Some(utc("2026-03-05T08:00:00Z"))
    );
}

#[test]
fn new_york_s_own_daylight_saving_change_moves_monday_by_an_hour_in_utc() {
    let new_york = office("America/New_York");
    // Fri 6 March 16:00 EST; US clocks go forward on Sunday 8 March.
    let opened = utc("2026-03-06T21:00:00Z");
    // 1 h on Friday, Monday 09:00–10:00 EDT = 13:00–14:00 UTC.
    assert_eq!(
        new_york.add(opened, 2 * HOUR),
        Some(utc("2026-03-09T14:00:00Z"))
    );
}

#[test]
fn a_business_day_is_one_opening_day() {
    let berlin = office("Europe/Berlin");
    let sla = Sla {
        amount: 2,
        unit: SlaUnit::BusinessDays,
    };
    assert_eq!(berlin.target_seconds(&sla), 16 * HOUR);
    // Wed 4 March 10:00 CET + 16 working hours = Fri 10:00 CET.
    assert_eq!(
        berlin.add(utc("2026-03-04T09:00:00Z"), 16 * HOUR),
        Some(utc("2026-03-06T09:00:00Z"))
    );
}

#[test]
fn a_calendar_without_working_days_never_falls_due() {
    let mut hours = BusinessHours::office("UTC");
    hours.working_days.clear();
    let never = Calendar::new(&hours).unwrap();
    assert_eq!(never.add(utc("2026-03-04T09:00:00Z"), HOUR), None);
}

fn input(opened: &str, target: i64) -> ClockInput {
    ClockInput {
        opened: utc(opened),
        target_secs: target,
        paused_secs: 0,
        paused_since: None,
        stopped: None,
        warning_percent: 75,
    }
}

#[test]
fn a_running_clock_turns_at_risk_at_the_warning_threshold_and_breaches_after_its_target() {
    let berlin = office("Europe/Berlin");
    let c = input("2026-03-04T08:00:00Z", 4 * HOUR); // Wed 09:00 CET
    let at = |s| clock(&berlin, &c, utc(s));
    assert_eq!(at("2026-03-04T10:00:00Z").verdict, Verdict::OnTrack);
    assert_eq!(at("2026-03-04T11:00:00Z").verdict, Verdict::AtRisk);
    let late = at("2026-03-04T13:00:00Z");
    assert_eq!((late.verdict, late.left_secs), (Verdict::Breached, -HOUR));
    assert_eq!(late.due_at.as_deref(), Some("2026-03-04T12:00:00Z"));
}

#[test]
fn time_waiting_for_the_requester_moves_the_due_time_and_counts_as_paused() {
    let berlin = office("Europe/Berlin");
    let mut c = input("2026-03-04T08:00:00Z", 4 * HOUR); // Wed 09:00 CET
                                                         // Paused from 10:00 to Thursday 10:00 CET: 8 working hours.
    c.paused_since = Some(utc("2026-03-04T09:00:00Z"));
    let paused = clock(&berlin, &c, utc("2026-03-05T09:00:00Z"));
    assert_eq!(paused.verdict, Verdict::Paused);
    assert_eq!((paused.used_secs, paused.paused_secs), (HOUR, 8 * HOUR));
    c.paused_since = None;
    c.paused_secs = 8 * HOUR;
    let resumed = clock(&berlin, &c, utc("2026-03-05T09:00:00Z"));
    assert_eq!(resumed.used_secs, HOUR);
    // 4 h target + 8 h paused after Wed 09:00 CET: Thu 13:00 CET.
    assert_eq!(resumed.due_at.as_deref(), Some("2026-03-05T12:00:00Z"));
}

#[test]
fn a_stopped_clock_is_met_or_breached_and_no_longer_moves() {
    let berlin = office("Europe/Berlin");
    let mut c = input("2026-03-04T08:00:00Z", 4 * HOUR);
    c.stopped = Some(utc("2026-03-04T11:00:00Z"));
    let met = clock(&berlin, &c, utc("2026-03-20T11:00:00Z"));
    assert_eq!((met.verdict, met.used_secs), (Verdict::Met, 3 * HOUR));
    c.stopped = Some(utc("2026-03-05T11:00:00Z"));
    assert_eq!(
        clock(&berlin, &c, utc("2026-03-20T11:00:00Z")).verdict,
        Verdict::Breached
    );
}
