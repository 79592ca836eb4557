//! The success story: one page that tells a department head what a pilot
//! achieved, from the pilot's real numbers. The challenge comes from the
//! backlog's use case the pilot is linked to, the solution from the pilot's catalog items, the
//! results from the same reports as the Reports screen (before: the items'
//! baseline; after: the pilot's requests over its dates), the value from
//! the value model applied to the measured volume, the quote from a
//! requester's rating comment, and the next steps from the roadmap.
//!
//! The analyst may reword the headline, challenge, solution and next-steps
//! texts (`storage::stories`), but may type no figure into them: every
//! number on the page is computed from the data each time the story is
//! made, so it always equals `pilot report` for the same scope and period.
//! Exports: `html` (self-contained), `markdown`, `pdf` (one A4 or Letter
//! page), and the marketing `kit` (a newsletter snippet and a flyer).

pub mod form_picture;
pub mod html;
pub mod kit;
pub mod markdown;
pub mod pdf;
pub mod sentences;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::shapes::story::{QuoteCandidate, StoryText};

use crate::backlog::{self, Status, UseCase};
use crate::catalog::{self, ApprovalKind, CatalogItem, SlaUnit};
use crate::error::{Error, Result};
use crate::metrics::{self, ComparisonQuery, Origin, PeriodSide, Report, ReportQuery, Scope};
use crate::pilots::{self, Pilot};
use crate::roadmap;
use crate::storage;
use crate::value::{self, Assumption, Assumptions, Estimate};
use crate::workspace::Workspace;

/// The longest headline, in characters.
pub const HEADLINE_MAX: usize = 140;
/// The longest of the other texts, in characters.
pub const TEXT_MAX: usize = 1200;

/// Weeks in an average month, to turn requests per week into per month.
const WEEKS_PER_MONTH: f64 = 365.25 / 12.0 / 7.0;

/// The one-pager, ready to render: every number here was computed from
/// the workspace's requests when the story was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Story {
    #[ts(type = "number")]
    pub pilot_id: i64,
    pub pilot_name: String,
    pub department: Option<String>,
    pub sponsor: Option<String>,
    /// The pilot's state: a story of a running pilot says "so far".
    pub state: pilots::PilotState,
    /// Whether the workspace holds generated demo data, which every page
    /// then says.
    pub demo: bool,
    pub headline: Wording,
    pub challenge: Wording,
    pub solution: Wording,
    pub next_steps_text: Wording,
    /// The backlog's use case the challenge and the value come from.
    pub use_case: Option<String>,
    pub services: Vec<Service>,
    /// The report of how things were (the items' baseline) and of the
    /// pilot's requests over its dates: `pilot report` with these queries
    /// gives the same numbers.
    pub before_query: ReportQuery,
    pub after_query: ReportQuery,
    pub scope_label: String,
    /// "2026-03-02 to 2026-04-10", or "from 2026-03-02" while running.
    pub period: String,
    pub results: Vec<ResultTile>,
    /// Before vs after in one sentence, with the bootstrap interval.
    pub verdict: String,
    pub warnings: Vec<String>,
    /// The pilot's requests opened and resolved per week.
    pub chart: Vec<metrics::WeekVolume>,
    pub value: Option<ValueRealised>,
    /// Why no value is shown, when it is not.
    pub value_missing: Option<String>,
    pub quote: Option<QuoteCandidate>,
    /// Every rating comment the analyst may pick the quote from.
    pub quotes: Vec<QuoteCandidate>,
    pub next_steps: Vec<NextStep>,
    /// The sentences the exports print, so the screen shows the same.
    pub printed: Printed,
}

/// The story's sentences as every export prints them (`sentences`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Printed {
    /// "Success story · Onboarding pilot · Human Resources · 2026-06-23 to …".
    pub kicker: String,
    /// One sentence per service.
    pub services: Vec<String>,
    pub value_headline: Option<String>,
    pub value_basis: Option<String>,
    /// Who said the quote, when one is picked.
    pub attribution: Option<String>,
    pub next_steps: Vec<String>,
    /// Where the numbers come from.
    pub sources: String,
}

/// A text of the story: the analyst's words, or the generated ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Wording {
    pub text: String,
    /// The analyst changed it (else it is generated from the data).
    pub edited: bool,
}

/// One catalog item of the pilot, as the solution shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "StoryService")]
pub struct Service {
    pub name: String,
    pub short_description: String,
    /// The form's field labels, in the order a requester sees them.
    pub fields: Vec<String>,
    /// Each approval step in words.
    pub approvals: Vec<String>,
    pub assignment_group: String,
    /// "3 business days".
    pub sla: String,
    /// The published request form as a picture (an SVG document).
    #[serde(default)]
    pub form_svg: String,
    /// The same picture as marks, for the PDF; not sent to the webview.
    #[serde(skip)]
    #[ts(skip)]
    pub form_picture: form_picture::Picture,
}

/// Which measure a result tile shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "StoryMeasure")]
pub enum Measure {
    Turnaround,
    SlaKept,
    Volume,
    Satisfaction,
}

/// One measure before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultTile {
    pub measure: Measure,
    pub label: String,
    pub before: Side,
    pub after: Side,
    /// Whether after is better than before; none when either is missing
    /// or the measure has no better direction (volume).
    pub improved: Option<bool>,
}

/// One side of a tile: the value, how it reads, and its sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "StorySide")]
pub struct Side {
    pub value: Option<f64>,
    /// The value as the page prints it ("18.5 h"), or "—".
    pub shown: String,
    /// The sample the value stands on.
    #[ts(type = "number")]
    pub n: u64,
    /// The sample in words ("42 resolved requests").
    pub sample: String,
    /// Why there is no value, when there is none.
    pub missing: Option<String>,
}

/// The value model over the measured volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ValueRealised {
    /// The pilot's requests per month, measured.
    pub monthly_volume: f64,
    /// The use case's assumptions with the measured volume in place of
    /// the workshop's estimate.
    pub assumptions: Assumptions,
    pub estimate: Estimate,
}

/// A use case on the department's roadmap after this pilot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "StoryNextStep")]
pub struct NextStep {
    pub process: String,
    pub quarter: Option<String>,
    pub status: Status,
    pub value_per_year: f64,
    pub currency: String,
}

/// The report scope a pilot's results are measured over: its one catalog
/// item, or its several items together (never the rest of a department's
/// catalog). Another pilot's requests of the same items are told apart by
/// the period.
pub fn scope_of(pilot: &Pilot) -> Result<Scope> {
    match pilot.items.as_slice() {
        [item] => Ok(Scope::Item { id: item.id }),
        [_, _, ..] => Ok(Scope::Pilot { id: pilot.id }),
        [] => Err(Error::invalid(
            "pilot",
            format!(
                "\u{201c}{}\u{201d} has no catalog item, so it has no results to tell. Add the items it pilots first.",
                pilot.name
            ),
        )),
    }
}

/// The dates of the pilot, as `YYYY-MM-DD`: from its start (planned start
/// before it started) to its end (open while it runs).
pub fn period_of(pilot: &Pilot) -> (Option<String>, Option<String>) {
    let date = |t: &Option<String>| t.as_deref().and_then(|s| s.get(..10)).map(str::to_owned);
    (
        date(&pilot.started_at).or_else(|| pilot.planned_start.clone()),
        date(&pilot.ended_at),
    )
}

/// The two report queries of a pilot's story.
pub fn queries(pilot: &Pilot) -> Result<(ReportQuery, ReportQuery)> {
    let scope = scope_of(pilot)?;
    let (from, to) = period_of(pilot);
    Ok((
        ReportQuery {
            scope: scope.clone(),
            origin: Some(Origin::Baseline),
            from: None,
            to: None,
        },
        ReportQuery {
            scope,
            origin: Some(Origin::Pilot),
            from,
            to,
        },
    ))
}

/// The story of a pilot, made now from the workspace.
pub fn story(ws: &Workspace, pilot_id: i64) -> Result<Story> {
    let pilot = pilots::get(ws, pilot_id)?;
    let (before_query, after_query) = queries(&pilot)?;
    let before = metrics::report(ws, &before_query)?;
    let after = metrics::report(ws, &after_query)?;
    let side = |q: &ReportQuery| PeriodSide {
        origin: q.origin,
        from: q.from.clone(),
        to: q.to.clone(),
    };
    let comparison = metrics::compare(
        ws,
        &ComparisonQuery {
            scope: before_query.scope.clone(),
            before: side(&before_query),
            after: side(&after_query),
        },
    )?;
    let use_case = use_case_of(ws, &pilot)?;
    let items = pilot
        .items
        .iter()
        .map(|i| catalog::get(ws, i.id))
        .collect::<Result<Vec<_>>>()?;
    let next_steps = next_steps(ws, &pilot)?;
    let text = storage::stories::get(ws.conn(), pilot_id)?.unwrap_or_default();
    let mut quotes = storage::stories::quote_candidates(ws.conn(), pilot_id)?;
    let quote = text
        .quote_request_id
        .and_then(|id| quotes.iter().find(|q| q.request_id == id).cloned());
    // The same words from several requesters are offered once (the picked
    // one, else the best rated and newest), so the picker lists what was
    // said rather than repeating it.
    let words = |q: &QuoteCandidate| q.comment.trim().to_lowercase();
    let mut seen: std::collections::HashSet<String> = quote.iter().map(words).collect();
    quotes.retain(|q| Some(q.request_id) == text.quote_request_id || seen.insert(words(q)));
    let results = results(&before, &after);
    let per_week = results
        .iter()
        .find(|t| t.measure == Measure::Volume)
        .and_then(|t| t.after.value);
    let (value, value_missing) = value_realised(use_case.as_ref(), per_week, &pilot);
    let department = pilot.department_name.clone();
    let wording = |edited: &Option<String>, generated: String| match edited {
        Some(text) => Wording {
            text: text.clone(),
            edited: true,
        },
        None => Wording {
            text: generated,
            edited: false,
        },
    };
    let (from, to) = period_of(&pilot);
    let mut told = Story {
        pilot_id,
        headline: wording(&text.headline, headline(&pilot, use_case.as_ref())),
        challenge: wording(
            &text.challenge,
            challenge(&pilot, use_case.as_ref(), &items),
        ),
        solution: wording(&text.solution, solution(&pilot, &items)),
        next_steps_text: wording(&text.next_steps, next_steps_text(&pilot, &next_steps)),
        pilot_name: pilot.name.clone(),
        department,
        sponsor: pilot.sponsor_name.clone(),
        state: pilot.state,
        demo: storage::meta::is_demo(ws.conn())?,
        use_case: use_case.map(|u| u.process),
        services: items.iter().map(service).collect(),
        scope_label: after.scope_label.clone(),
        period: match (from, to) {
            (Some(f), Some(t)) => format!("{f} to {t}"),
            (Some(f), None) => format!("from {f}"),
            (None, Some(t)) => format!("until {t}"),
            (None, None) => "not started".to_owned(),
        },
        before_query,
        after_query,
        results,
        verdict: comparison.verdict,
        warnings: comparison.warnings,
        chart: after.volume.clone(),
        value,
        value_missing,
        quote,
        quotes,
        next_steps,
        printed: Printed::default(),
    };
    told.printed = Printed {
        kicker: sentences::kicker(&told),
        services: told.services.iter().map(sentences::service).collect(),
        value_headline: told.value.as_ref().map(sentences::value_headline),
        value_basis: told.value.as_ref().map(sentences::value_basis),
        attribution: told.quote.as_ref().map(sentences::attribution),
        next_steps: told.next_steps.iter().map(sentences::next_step).collect(),
        sources: sentences::sources(&told),
    };
    Ok(told)
}

/// Saves the analyst's wording and quote, and returns the story made
/// again. An empty text goes back to the generated one. A text with a
/// figure in it is refused: numbers come from the data.
pub fn save(
    ws: &mut Workspace,
    pilot_id: i64,
    text: StoryText,
    now: DateTime<Utc>,
) -> Result<Story> {
    let pilot = pilots::get(ws, pilot_id)?;
    let text = StoryText {
        headline: checked("headline", "headline", text.headline, HEADLINE_MAX)?,
        challenge: checked("challenge", "challenge", text.challenge, TEXT_MAX)?,
        solution: checked("solution", "solution", text.solution, TEXT_MAX)?,
        next_steps: checked("nextSteps", "next steps", text.next_steps, TEXT_MAX)?,
        quote_request_id: text.quote_request_id,
    };
    if let Some(id) = text.quote_request_id {
        let quotes = storage::stories::quote_candidates(ws.conn(), pilot_id)?;
        if !quotes.iter().any(|q| q.request_id == id) {
            return Err(Error::invalid(
                "quote",
                format!(
                    "Request {id} has no rating comment in \u{201c}{}\u{201d} to quote.",
                    pilot.name
                ),
            ));
        }
    }
    let stamp = crate::sla::format_utc(now);
    ws.write(|tx| storage::stories::save(tx, pilot_id, &text, &stamp))?;
    story(ws, pilot_id)
}

/// A text as stored: trimmed, none when empty, refused when too long or
/// when it holds a figure.
fn checked(field: &str, name: &str, text: Option<String>, max: usize) -> Result<Option<String>> {
    let Some(text) = text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("The {name} is longer than {max} characters; shorten it."),
        ));
    }
    if text.chars().any(char::is_numeric) {
        return Err(Error::invalid(
            field,
            format!(
                "The {name} holds a figure. Numbers in a story come from the data, so write it in words without figures; the results show the numbers."
            ),
        ));
    }
    Ok(Some(text))
}

/// The backlog's use case a pilot runs, as linked in the pilot editor.
fn use_case_of(ws: &Workspace, pilot: &Pilot) -> Result<Option<UseCase>> {
    match pilot.use_case_id {
        Some(id) => Ok(Some(backlog::get(ws, id)?)),
        None => Ok(None),
    }
}

/// The department's use cases on the roadmap not yet piloted, in quarter
/// order.
fn next_steps(ws: &Workspace, pilot: &Pilot) -> Result<Vec<NextStep>> {
    let Some(department) = &pilot.department_name else {
        return Ok(Vec::new());
    };
    let timeline = roadmap::timeline_now(ws)?;
    let mut steps: Vec<NextStep> = timeline
        .lanes
        .into_iter()
        .filter(|lane| &lane.department == department)
        .flat_map(|lane| lane.cards)
        .filter(|c| matches!(c.status, Status::Idea | Status::Candidate))
        .map(|c| NextStep {
            process: c.process,
            quarter: c.quarter,
            status: c.status,
            value_per_year: c.value_per_year,
            currency: c.currency,
        })
        .collect();
    steps.sort_by(|a, b| a.quarter.cmp(&b.quarter));
    steps.truncate(3);
    Ok(steps)
}

fn service(item: &CatalogItem) -> Service {
    let picture = form_picture::picture(&item.name, &item.form);
    Service {
        name: item.name.clone(),
        short_description: item.short_description.clone(),
        fields: item.form.fields.iter().map(|f| f.label.clone()).collect(),
        approvals: item
            .fulfilment
            .approvals
            .iter()
            .map(|a| match a.kind {
                ApprovalKind::RequesterManager => "the requester's manager".to_owned(),
                ApprovalKind::Person => a
                    .person_name
                    .clone()
                    .unwrap_or_else(|| "a named approver".to_owned()),
                ApprovalKind::Group => a
                    .group
                    .clone()
                    .map(|g| format!("the {g} group"))
                    .unwrap_or_else(|| "a group".to_owned()),
            })
            .collect(),
        assignment_group: item.fulfilment.assignment_group.clone(),
        sla: sla_words(item.sla.amount, item.sla.unit),
        form_svg: picture.svg(),
        form_picture: picture,
    }
}

fn sla_words(amount: i64, unit: SlaUnit) -> String {
    let unit = match (unit, amount) {
        (SlaUnit::BusinessHours, 1) => "business hour",
        (SlaUnit::BusinessHours, _) => "business hours",
        (SlaUnit::BusinessDays, 1) => "business day",
        (SlaUnit::BusinessDays, _) => "business days",
    };
    format!("{amount} {unit}")
}

fn item_names(items: &[CatalogItem]) -> String {
    let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
    match names.as_slice() {
        [] => "its requests".to_owned(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn headline(pilot: &Pilot, use_case: Option<&UseCase>) -> String {
    let what = use_case.map_or(pilot.name.as_str(), |u| u.process.as_str());
    match &pilot.department_name {
        Some(d) => format!("{d}: {what}, now a measured service"),
        None => format!("{what}, now a measured service"),
    }
}

fn challenge(pilot: &Pilot, use_case: Option<&UseCase>, items: &[CatalogItem]) -> String {
    let department = pilot.department_name.as_deref().unwrap_or("The department");
    match use_case {
        Some(u) => {
            let mut out = u.pain.trim().to_owned();
            if !u.outcome.trim().is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&format!(
                    "{department} wanted: {}.",
                    u.outcome.trim().trim_end_matches('.')
                ));
            }
            if out.is_empty() {
                format!("{department} handled {} without a service catalog.", u.process)
            } else {
                out
            }
        }
        None => format!(
            "{department} handled {} by e-mail, paper and spreadsheets: no single form, no queue, no promised turnaround, and no numbers to show how it went.",
            item_names(items)
        ),
    }
}

fn solution(pilot: &Pilot, items: &[CatalogItem]) -> String {
    let department = pilot.department_name.as_deref().unwrap_or("The department");
    format!(
        "{department} ran {} as a service in Pilot Studio: one form that asks for everything up front, an owner, approvals where they are needed, a promised turnaround on the department's own calendar, and a queue the team works from.",
        item_names(items)
    )
}

fn next_steps_text(pilot: &Pilot, steps: &[NextStep]) -> String {
    let roadmap = match pilot.department_name.as_deref() {
        Some(d) => format!("{}roadmap", possessive(d)),
        None => "the department's roadmap".to_owned(),
    };
    if steps.is_empty() {
        format!(
            "Nothing else is on {roadmap} yet: the backlog is the place to find the next pilot."
        )
    } else {
        format!("Next on {roadmap}, on the same footing:")
    }
}

/// "Finance's ", "Human Resources' ": a name's possessive, as written.
fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}' ")
    } else {
        format!("{name}'s ")
    }
}

/// Hours with one decimal: "18.5 h".
pub fn hours(h: f64) -> String {
    format!("{h:.1} h")
}

/// The four tiles, from the two reports alone.
pub fn results(before: &Report, after: &Report) -> Vec<ResultTile> {
    let side = |value: Option<f64>,
                shown: &dyn Fn(f64) -> String,
                n: u64,
                noun: &str,
                missing: Option<&String>| Side {
        shown: value.map_or_else(|| "\u{2014}".to_owned(), shown),
        value,
        n,
        sample: format!("{n} {noun}"),
        missing: if value.is_none() {
            Some(
                missing
                    .cloned()
                    .unwrap_or_else(|| "No requests in this period.".to_owned()),
            )
        } else {
            None
        },
    };
    let turnaround = |r: &Report| {
        side(
            r.turnaround.value.as_ref().map(|t| t.median_hours),
            &|v| hours(v),
            r.turnaround.value.as_ref().map_or(0, |t| t.n),
            "resolved requests",
            r.turnaround.unsupported.as_ref(),
        )
    };
    let sla = |r: &Report| {
        side(
            r.sla_kept.value.as_ref().map(|s| s.percent),
            &|v| format!("{v:.0} %"),
            r.sla_kept.value.as_ref().map_or(0, |s| s.whole),
            "requests with a verdict",
            r.sla_kept.unsupported.as_ref(),
        )
    };
    let volume = |r: &Report| {
        let weeks = r.volume.len() as u64;
        side(
            (weeks > 0).then(|| r.opened as f64 / weeks as f64),
            &|v| format!("{v:.1}"),
            r.opened,
            &format!("requests over {weeks} weeks"),
            None,
        )
    };
    let satisfaction = |r: &Report| {
        side(
            r.satisfaction.value.as_ref().map(|s| s.mean),
            &|v| format!("{v:.1} / 5"),
            r.satisfaction
                .value
                .as_ref()
                .map_or(0, |s| s.distribution.iter().sum()),
            "ratings",
            r.satisfaction.unsupported.as_ref(),
        )
    };
    let tile = |measure, label: &str, before: Side, after: Side, lower_is_better: Option<bool>| {
        let improved = match (before.value, after.value, lower_is_better) {
            (Some(b), Some(a), Some(true)) => Some(a < b),
            (Some(b), Some(a), Some(false)) => Some(a > b),
            _ => None,
        };
        ResultTile {
            measure,
            label: label.to_owned(),
            before,
            after,
            improved,
        }
    };
    vec![
        tile(
            Measure::Turnaround,
            "Median turnaround",
            turnaround(before),
            turnaround(after),
            Some(true),
        ),
        tile(
            Measure::SlaKept,
            "Within the promised time",
            sla(before),
            sla(after),
            Some(false),
        ),
        tile(
            Measure::Volume,
            "Requests per week",
            volume(before),
            volume(after),
            None,
        ),
        tile(
            Measure::Satisfaction,
            "Satisfaction",
            satisfaction(before),
            satisfaction(after),
            Some(false),
        ),
    ]
}

/// The value model over the pilot's measured volume, with the use case's
/// other assumptions; none, with the reason, when there is no use case or
/// no pilot request yet.
fn value_realised(
    use_case: Option<&UseCase>,
    per_week: Option<f64>,
    pilot: &Pilot,
) -> (Option<ValueRealised>, Option<String>) {
    let Some(u) = use_case else {
        return (
            None,
            Some("No use case of this department is being piloted in the backlog, so the story claims no value: add one with its minutes saved and hourly cost.".to_owned()),
        );
    };
    let Some(per_week) = per_week.filter(|v| *v > 0.0) else {
        return (
            None,
            Some("The pilot has no requests yet, so no value is realised.".to_owned()),
        );
    };
    let monthly_volume = per_week * WEEKS_PER_MONTH;
    let mut assumptions = u.assumptions.clone();
    assumptions.monthly_volume = Assumption::new(
        monthly_volume,
        "Pilot Studio",
        pilot.ended_at.as_deref().unwrap_or(&pilot.updated_at),
        "Measured: the pilot's requests per week, times weeks in a month",
    );
    let estimate = value::estimate(&assumptions);
    (
        Some(ValueRealised {
            monthly_volume,
            assumptions,
            estimate,
        }),
        None,
    )
}
