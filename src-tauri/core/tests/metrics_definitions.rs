//! The metric definitions against hand-computed answers: business hours
//! on a department's calendar (weekends, a holiday, a daylight-saving
//! change, other time zones), paused spans, the SLA, quantiles, the
//! before-vs-after bootstrap, and metrics a baseline cannot support.

use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};
use pilot_core::directory::{BusinessHours, Holiday, Weekday};
use pilot_core::metrics::report::compute;
use pilot_core::metrics::stats::{bootstrap_median_difference, quantile_sorted};
use pilot_core::metrics::{Calendar, MeasuredRequest, Origin, Recorded, ReportQuery, Scope};

fn local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn office(zone: &str) -> Calendar {
    let mut hours = BusinessHours::office(zone);
    hours.holidays.push(Holiday {
        date: "2026-04-06".into(),
        name: "Easter Monday".into(),
    });
    Calendar::new(&hours).unwrap()
}

fn hours(cal: &Calendar, from: &str, to: &str) -> f64 {
    cal.business_seconds(cal.from_local(local(from)), cal.from_local(local(to))) as f64 / 3600.0
}

/// A baseline-like request opened and resolved at local wall times on a
/// calendar, with an SLA of `sla_hours` working hours.
fn request(
    cal: &Arc<Calendar>,
    opened: &str,
    resolved: Option<&str>,
    sla_hours: i64,
) -> MeasuredRequest {
    let opened_local = local(opened);
    let resolved_local = resolved.map(local);
    MeasuredRequest {
        id: 1,
        origin: Origin::Baseline,
        item_id: 1,
        item: "Onboarding".into(),
        department: Some("HR".into()),
        opened: cal.from_local(opened_local),
        opened_local,
        first_response: None,
        resolved: resolved_local.map(|t| cal.from_local(t)),
        resolved_local,
        closed: resolved_local.map(|t| cal.from_local(t)),
        paused: Vec::new(),
        sla_due: None,
        sla_seconds: Some(sla_hours * 3600),
        reopened: false,
        rating: None,
        fulfiller: None,
        requester: None,
        requester_department: None,
        answers: Default::default(),
        recorded: Recorded::default(),
        calendar: Some(cal.clone()),
    }
}

fn query() -> ReportQuery {
    ReportQuery {
        scope: Scope::All,
        origin: None,
        from: None,
        to: None,
    }
}

#[test]
fn business_hours_skip_the_night_and_the_weekend() {
    let cal = office("Europe/Berlin");
    // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
    assert_eq!(hours(&cal, "2026-03-06 16:00", "2026-03-09 10:00"), 2.0);
    // Before opening to after closing on one day: the whole day.
    assert_eq!(hours(&cal, "2026-03-10 07:00", "2026-03-10 19:00"), 8.0);
    // Saturday to Sunday: nothing.
    assert_eq!(hours(&cal, "2026-03-07 09:00", "2026-03-08 17:00"), 0.0);
}

#[test]
fn a_holiday_counts_no_business_hours() {
    let cal = office("Europe/Berlin");
    // Friday 3 April 16:00 to Tuesday 7 April 10:00 over Easter Monday.
    assert_eq!(hours(&cal, "2026-04-03 16:00", "2026-04-07 10:00"), 2.0);
}

#[test]
fn a_daylight_saving_change_counts_the_hours_that_actually_passed() {
    // Berlin moves its clocks from 02:00 to 03:00 on Sunday 29 March 2026.
    let mut hours_cfg = BusinessHours::office("Europe/Berlin");
    hours_cfg.working_days = Weekday::ALL.to_vec();
    hours_cfg.day_start = "01:00".into();
    hours_cfg.day_end = "05:00".into();
    let cal = Calendar::new(&hours_cfg).unwrap();
    assert_eq!(hours(&cal, "2026-03-28 00:00", "2026-03-28 23:00"), 4.0);
    assert_eq!(hours(&cal, "2026-03-29 00:00", "2026-03-29 23:00"), 3.0);

    // Wall-clock turnaround over the change: noon to noon is 23 hours.
    let cal = Arc::new(office("Europe/Berlin"));
    let r = request(&cal, "2026-03-28 12:00", Some("2026-03-29 12:00"), 8);
    assert_eq!(r.turnaround_seconds(), Some(23 * 3600));
}

#[test]
fn the_same_wall_times_in_other_zones_keep_their_local_business_hours() {
    for zone in ["America/New_York", "Asia/Tokyo", "Australia/Sydney"] {
        let cal = office(zone);
        assert_eq!(
            hours(&cal, "2026-03-06 16:00", "2026-03-09 10:00"),
            2.0,
            "{zone}"
        );
    }
    // New York springs forward on 8 March 2026, Tokyo has no daylight saving.
    let ny = Arc::new(office("America/New_York"));
    let tokyo = Arc::new(office("Asia/Tokyo"));
    let span = ("2026-03-07 12:00", Some("2026-03-08 12:00"));
    assert_eq!(
        request(&ny, span.0, span.1, 8).turnaround_seconds(),
        Some(23 * 3600)
    );
    assert_eq!(
        request(&tokyo, span.0, span.1, 8).turnaround_seconds(),
        Some(24 * 3600)
    );
}

#[test]
fn paused_spans_stop_both_clocks_and_the_sla() {
    let cal = Arc::new(office("Europe/Berlin"));
    // Monday 09:00 to Wednesday 17:00, waiting on the requester all Tuesday
    // working day: 48 wall hours less 8 paused, 24 business hours less 8.
    let mut r = request(&cal, "2026-03-02 09:00", Some("2026-03-04 17:00"), 16);
    r.paused = vec![(
        cal.from_local(local("2026-03-03 09:00")),
        cal.from_local(local("2026-03-03 17:00")),
    )];
    assert_eq!(r.turnaround_seconds(), Some(48 * 3600));
    assert_eq!(r.business_turnaround_seconds(), Some(16 * 3600));
    // Two business days (16 h) are kept exactly; one is not.
    assert_eq!(r.sla_kept(), Some(true));
    r.sla_seconds = Some(8 * 3600);
    assert_eq!(r.sla_kept(), Some(false));
}

#[test]
fn an_sla_due_instant_decides_when_the_request_recorded_one() {
    let cal = Arc::new(office("Europe/Berlin"));
    let mut r = request(&cal, "2026-03-02 09:00", Some("2026-03-03 10:00"), 8);
    // Eight business hours from Monday 09:00 end Monday 17:00.
    let due = cal.add(r.opened, 8 * 3600).unwrap();
    assert_eq!(due, cal.from_local(local("2026-03-02 17:00")));
    r.sla_due = Some(due);
    assert_eq!(r.sla_kept(), Some(false));
    // Friday 16:00 plus 3 business hours runs into Monday 11:00.
    let friday: DateTime<Utc> = cal.from_local(local("2026-03-06 16:00"));
    assert_eq!(
        cal.add(friday, 3 * 3600),
        Some(cal.from_local(local("2026-03-09 11:00")))
    );
}

#[test]
fn quantiles_interpolate_between_ranks() {
    assert_eq!(quantile_sorted(&[1.0, 2.0, 3.0, 4.0], 0.5), Some(2.5));
    assert!((quantile_sorted(&[1.0, 2.0, 3.0, 4.0], 0.9).unwrap() - 3.7).abs() < 1e-9);
    assert_eq!(quantile_sorted(&[5.0], 0.9), Some(5.0));
    assert_eq!(quantile_sorted(&[], 0.5), None);
}

#[test]
fn the_report_gives_median_p90_mean_sla_and_weekly_volume_from_hand_computed_requests() {
    let cal = Arc::new(office("Europe/Berlin"));
    // Business turnarounds 2 h, 8 h, 10 h and 20 h; SLA 8 h kept by two.
    let requests = vec![
        request(&cal, "2026-03-02 09:00", Some("2026-03-02 11:00"), 8),
        request(&cal, "2026-03-02 09:00", Some("2026-03-02 17:00"), 8),
        request(&cal, "2026-03-03 09:00", Some("2026-03-04 11:00"), 8),
        request(&cal, "2026-03-05 09:00", Some("2026-03-09 13:00"), 8),
        request(&cal, "2026-03-10 09:00", None, 8),
    ];
    let report = compute(query(), "Test".into(), &requests);
    assert_eq!((report.opened, report.resolved, report.open), (5, 4, 1));
    let business = report.business_turnaround.value.unwrap();
    assert_eq!(business.n, 4);
    assert_eq!(business.median_hours, 9.0);
    assert!((business.p90_hours - 17.0).abs() < 1e-9);
    assert_eq!(business.mean_hours, 10.0);
    let wall = report.turnaround.value.unwrap();
    // Wall-clock: 2 h, 8 h, 26 h and 100 h.
    assert_eq!(wall.median_hours, 17.0);
    let sla = report.sla_kept.value.unwrap();
    assert_eq!((sla.part, sla.whole, sla.percent), (2, 4, 50.0));
    let weeks: Vec<_> = report
        .volume
        .iter()
        .map(|w| (w.week.as_str(), w.opened, w.resolved))
        .collect();
    assert_eq!(weeks, vec![("2026-03-02", 4, 3), ("2026-03-09", 1, 1)]);
    let backlog: Vec<_> = report
        .backlog
        .value
        .unwrap()
        .into_iter()
        .map(|w| w.open)
        .collect();
    assert_eq!(backlog, vec![1, 1]);
}

#[test]
fn a_baseline_without_closed_dates_says_which_metrics_it_cannot_support() {
    let cal = Arc::new(office("Europe/Berlin"));
    let requests = vec![
        request(&cal, "2026-03-02 09:00", None, 8),
        request(&cal, "2026-03-03 09:00", None, 8),
    ];
    let report = compute(query(), "Test".into(), &requests);
    assert_eq!(report.volume.len(), 1);
    assert_eq!(report.volume[0].opened, 2);
    for reason in [
        &report.turnaround.unsupported,
        &report.backlog.unsupported,
        &report.sla_kept.unsupported,
    ] {
        assert!(
            reason.as_deref().unwrap().contains("closed date"),
            "{reason:?}"
        );
    }
    assert!(report.satisfaction.value.is_none());
    assert!(report
        .satisfaction
        .unsupported
        .as_deref()
        .unwrap()
        .contains("do not record"));
    assert!(report.reopen_rate.unsupported.is_some());
    assert!(report.first_response.unsupported.is_some());
}

#[test]
fn the_bootstrap_interval_is_the_same_for_the_same_data_and_brackets_a_clear_drop() {
    let before: Vec<f64> = (0..40).map(|i| 20.0 + (i % 7) as f64).collect();
    let after: Vec<f64> = (0..40).map(|i| 8.0 + (i % 5) as f64).collect();
    let one = bootstrap_median_difference(&before, &after, 7).unwrap();
    let two = bootstrap_median_difference(&before, &after, 7).unwrap();
    assert_eq!(one, two);
    assert!(one.0 < one.1 && one.1 < 0.0, "{one:?}");
}
