//! The sentences every export of a story prints the same way: a service,
//! the value, the quote's attribution, a next step, the sources line.

use super::{NextStep, QuoteCandidate, Service, Story, ValueRealised};
use crate::roadmap::thousands;

/// "Success story · Onboarding pilot · Human Resources · 2026-06-23 to
/// 2026-08-04": what the page is about, above the headline.
pub fn kicker(story: &Story) -> String {
    let mut out = format!("Success story \u{b7} {}", story.pilot_name);
    if let Some(d) = &story.department {
        out.push_str(&format!(" \u{b7} {d}"));
    }
    out.push_str(&format!(" \u{b7} {}", story.period));
    out
}

/// "Expense claim: 8 fields; approved by the requester's manager; worked
/// by Accounts Payable; promised within 3 business days."
pub fn service(s: &Service) -> String {
    let mut parts = vec![match s.fields.len() {
        0 => "no form fields".to_owned(),
        1 => format!("one field ({})", s.fields[0]),
        n if n <= 6 => format!("{n} fields ({})", s.fields.join(", ")),
        n => format!("{n} fields ({}, \u{2026})", s.fields[..5].join(", ")),
    }];
    if !s.approvals.is_empty() {
        parts.push(format!("approved by {}", s.approvals.join(", then ")));
    }
    if !s.assignment_group.trim().is_empty() {
        parts.push(format!("worked by {}", s.assignment_group));
    }
    parts.push(format!("promised within {}", s.sla));
    format!("{}: {}.", s.name, parts.join("; "))
}

/// "310 hours a year, EUR 16,120 a year".
pub fn value_headline(v: &ValueRealised) -> String {
    format!(
        "{} hours and {} {} a year",
        thousands(v.estimate.hours_per_year),
        v.estimate.currency,
        thousands(v.estimate.money_per_year)
    )
}

/// How the value is computed, naming each assumption's source.
pub fn value_basis(v: &ValueRealised) -> String {
    let a = &v.assumptions;
    let mut out = format!(
        "{:.0} requests a month (measured) \u{d7} {} minutes saved each ({}) at {} {} an hour ({})",
        v.monthly_volume,
        trim_number(a.minutes_saved.value),
        a.minutes_saved.source,
        a.currency,
        trim_number(a.hourly_cost.value),
        a.hourly_cost.source
    );
    if a.rework_minutes.value > 0.0 {
        out.push_str(&format!(
            ", plus {} minutes of rework avoided ({})",
            trim_number(a.rework_minutes.value),
            a.rework_minutes.source
        ));
    }
    if a.paper_cost.value > 0.0 {
        out.push_str(&format!(
            ", plus {} {} of paper and postage per request ({})",
            a.currency,
            trim_number(a.paper_cost.value),
            a.paper_cost.source
        ));
    }
    out.push('.');
    out
}

/// `12.0` → "12", `12.5` → "12.5".
fn trim_number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// "Ravi Menon, Human Resources (rated 5 of 5)".
pub fn attribution(q: &QuoteCandidate) -> String {
    let who = match (&q.requester, &q.department) {
        (Some(p), Some(d)) => format!("{p}, {d}"),
        (Some(p), None) => p.clone(),
        (None, Some(d)) => format!("A requester in {d}"),
        (None, None) => "A requester".to_owned(),
    };
    format!("{who} (rated {} of 5)", q.rating)
}

/// "Employment verification letters (candidate, 2027-Q1): about EUR 9,360 a year".
pub fn next_step(n: &NextStep) -> String {
    let when = n.quarter.as_deref().unwrap_or("not scheduled");
    format!(
        "{} ({}, {when}): estimated {} {} a year",
        n.process,
        n.status.as_str(),
        n.currency,
        thousands(n.value_per_year)
    )
}

/// Where the numbers come from, printed at the foot of every page.
pub fn sources(story: &Story) -> String {
    let demo = if story.demo {
        "Demo workspace: generated sample data, not real requests. "
    } else {
        ""
    };
    format!(
        "{demo}Every number is computed by Pilot Studio from the workspace's requests ({}): before is the imported baseline, after the pilot's requests {}.",
        story.scope_label, story.period
    )
}
