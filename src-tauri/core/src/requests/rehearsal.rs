//! Rehearsal: before launch, a seeded stream of synthetic requests played
//! through the real lifecycle, so the analyst sees routing, approvals, SLA
//! clocks and the measures work before anyone depends on them.
//!
//! Requests are marked `rehearsal`: they carry a badge, real measures leave
//! them out, and [`remove`] deletes them in one step. The same seed gives
//! the same stream. Answers and turnaround are drawn from the item's
//! baseline when it has one (turnaround as the baseline's wall-clock
//! opened → closed times); otherwise turnaround is 20–160 % of the SLA
//! target in working time.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::lifecycle::HoldReason;
use super::live::{act_in, submit_in, Action, Actor, NewRequest};
use crate::catalog::{ApprovalKind, CatalogItem};
use crate::error::{Error, Result};
use crate::pilots::{self, ParticipantRole, Pilot};
use crate::sla::Calendar;
use crate::storage;
use crate::workspace::Workspace;

/// At most this many baseline rows are sampled per item.
const BASELINE_SAMPLE: u64 = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RehearsalOptions {
    /// Requests to generate.
    pub count: u32,
    /// Calendar days the arrivals spread over, from the pilot's planned
    /// start (or today).
    pub days: u32,
    #[ts(type = "number")]
    pub seed: u64,
}

impl Default for RehearsalOptions {
    fn default() -> Self {
        RehearsalOptions {
            count: 40,
            days: 20,
            seed: 1,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RehearsalSummary {
    pub created: u32,
    pub rejected: u32,
    pub resolved: u32,
    pub closed: u32,
    pub sla_met: u32,
    pub sla_breached: u32,
}

/// What one item contributes to a rehearsal.
struct Source {
    item: CatalogItem,
    calendar: Calendar,
    answers: Vec<Map<String, Value>>,
    turnarounds: Vec<i64>,
}

/// Generates and plays a rehearsal for a planned or running pilot. An
/// earlier rehearsal of the pilot is replaced.
pub fn rehearse(
    ws: &mut Workspace,
    pilot_id: i64,
    options: RehearsalOptions,
    now: DateTime<Utc>,
) -> Result<RehearsalSummary> {
    if options.count == 0 || options.count > 100_000 || options.days == 0 || options.days > 3660 {
        return Err(Error::invalid(
            "count",
            "A rehearsal has 1 to 100,000 requests over 1 to 3,660 days.",
        ));
    }
    ws.write(|tx| {
        let pilot = pilots::load(tx, pilot_id)?;
        if pilot.state == pilots::PilotState::Ended {
            return Err(Error::invalid(
                "state",
                format!(
                    "“{}” has ended: there is nothing left to rehearse.",
                    pilot.name
                ),
            ));
        }
        storage::requests::delete_rehearsal(tx, pilot_id)?;
        let stream = Stream {
            rehearsal: true,
            until: None,
            pace: 1.0,
        };
        play(tx, &pilot, options, now, stream)
    })
}

/// Plays the same kind of seeded stream as real requests of a running
/// pilot, from its planned start, leaving undone every step that would come
/// after `until` (those requests stay open): how the demo workspace gets
/// pilots with a history. Not for a real pilot, whose requests are people's.
/// `pace` scales the turnarounds drawn from the baseline (0.5: done in half
/// the time), so a demo pilot can show the improvement a pilot is run for.
pub(crate) fn simulate(
    ws: &mut Workspace,
    pilot_id: i64,
    options: RehearsalOptions,
    until: DateTime<Utc>,
    pace: f64,
) -> Result<RehearsalSummary> {
    ws.write(|tx| {
        let pilot = pilots::load(tx, pilot_id)?;
        let stream = Stream {
            rehearsal: false,
            until: Some(until),
            pace,
        };
        play(tx, &pilot, options, until, stream)
    })
}

/// How a stream is played: whether its requests are a rehearsal's, the
/// moment after which no step is taken, and the pace of its turnarounds
/// against the baseline's.
struct Stream {
    rehearsal: bool,
    until: Option<DateTime<Utc>>,
    pace: f64,
}

/// Removes a pilot's rehearsal requests with their events; returns how many.
pub fn remove(ws: &mut Workspace, pilot_id: i64) -> Result<usize> {
    ws.write(|tx| {
        pilots::load(tx, pilot_id)?;
        storage::requests::delete_rehearsal(tx, pilot_id)
    })
}

/// Plays the stream; `rehearsal` marks its requests, and a step dated after
/// `until` is not taken, so that request stays as it was.
fn play(
    conn: &Connection,
    pilot: &Pilot,
    options: RehearsalOptions,
    now: DateTime<Utc>,
    stream: Stream,
) -> Result<RehearsalSummary> {
    let Stream {
        rehearsal,
        until,
        pace,
    } = stream;
    let note = |text: &str| match rehearsal {
        true => format!("{text} (rehearsal)."),
        false => format!("{text}."),
    };
    // Takes a step unless it would come after `until`.
    let take = |id: i64, actor: Actor, action: &Action, at: DateTime<Utc>| -> Result<bool> {
        if until.is_some_and(|u| at > u) {
            return Ok(false);
        }
        act_in(conn, id, actor, action, at)?;
        Ok(true)
    };
    let people = |role| {
        pilot
            .people_in(role)
            .map(|p| p.person_id)
            .collect::<Vec<_>>()
    };
    let requesters = people(ParticipantRole::Requester);
    let fulfillers = people(ParticipantRole::Fulfiller);
    let approvers = people(ParticipantRole::Approver);
    if requesters.is_empty() || fulfillers.is_empty() {
        return Err(Error::invalid(
            "participants",
            format!(
                "“{}” needs at least one requester and one fulfiller to rehearse.",
                pilot.name
            ),
        ));
    }
    let sources = sources(conn, pilot)?;
    if sources.is_empty() {
        return Err(Error::invalid(
            "itemIds",
            format!("“{}” has no published item to rehearse with.", pilot.name),
        ));
    }
    let start = pilot
        .planned_start
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight").and_utc())
        .unwrap_or(now);
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let span = i64::from(options.days) * 86_400;
    let mut arrivals: Vec<i64> = (0..options.count)
        .map(|_| rng.random_range(0..span))
        .collect();
    arrivals.sort_unstable();
    let mut summary = RehearsalSummary::default();
    'requests: for offset in arrivals {
        let source = &sources[rng.random_range(0..sources.len())];
        let requester = requesters[rng.random_range(0..requesters.len())];
        // Requests arrive in working time, as people send them.
        let opened = source
            .calendar
            .add(start + Duration::seconds(offset), 1)
            .unwrap_or(start + Duration::seconds(offset));
        let answers = if source.answers.is_empty() {
            Map::new()
        } else {
            source.answers[rng.random_range(0..source.answers.len())].clone()
        };
        let new = NewRequest {
            pilot_id: pilot.id,
            item_id: source.item.id,
            answers,
            priority: Some(rng.random_range(2..=4)),
        };
        if until.is_some_and(|u| opened > u) {
            break;
        }
        let id = match submit_in(conn, &new, Actor::person(requester), opened, rehearsal) {
            Ok(id) => id,
            // A requester without a manager for a manager's approval: skip
            // them, as the real pilot would refuse their submission too.
            Err(Error::Invalid { field, .. }) if field == "requester" => continue,
            Err(e) => return Err(e),
        };
        summary.created += 1;
        let mut t = opened;
        let working =
            |from: DateTime<Utc>, secs: i64| source.calendar.add(from, secs).unwrap_or(from);
        let mut rejected = false;
        for approval in storage::requests::approvals(conn, id)? {
            t = working(t, rng.random_range(600..4 * 3600));
            let approver = match approval.kind {
                ApprovalKind::Group => approvers.first().copied(),
                _ => approval.person_id,
            };
            let Some(approver) = approver else { break };
            if rng.random_bool(0.1) {
                if !take(
                    id,
                    Actor::person(approver),
                    &Action::Reject {
                        comment: note("Not this time"),
                    },
                    t,
                )? {
                    continue 'requests;
                }
                rejected = true;
                break;
            }
            if !take(
                id,
                Actor::person(approver),
                &Action::Approve {
                    comment: String::new(),
                },
                t,
            )? {
                continue 'requests;
            }
        }
        if rejected {
            summary.rejected += 1;
            continue;
        }
        let fulfiller = fulfillers[rng.random_range(0..fulfillers.len())];
        t = working(t, rng.random_range(300..2 * 3600));
        if !take(
            id,
            Actor::person(fulfiller),
            &Action::Assign {
                group: None,
                assignee: Some(fulfiller),
            },
            t,
        )? {
            continue 'requests;
        }
        let turnaround = if source.turnarounds.is_empty() {
            None
        } else {
            Some(source.turnarounds[rng.random_range(0..source.turnarounds.len())])
        };
        let resolve_at = match turnaround {
            Some(secs) => opened + Duration::seconds((secs as f64 * pace) as i64),
            None => {
                let target = source.calendar.target_seconds(&source.item.sla).max(3600);
                working(opened, target * rng.random_range(20..160) / 100)
            }
        }
        .max(t + Duration::minutes(5));
        if rng.random_bool(0.15) {
            t = working(t, 1800);
            if !take(
                id,
                Actor::person(fulfiller),
                &Action::Hold {
                    reason: HoldReason::WaitingForRequester,
                    note: note("Asked for details"),
                },
                t,
            )? {
                continue 'requests;
            }
            t = working(t, rng.random_range(3600..8 * 3600));
            if !take(id, Actor::person(requester), &Action::Resume, t)? {
                continue 'requests;
            }
        }
        let tasks = storage::requests::tasks(conn, id)?;
        let resolve_at = resolve_at.max(t + Duration::minutes(5));
        let step = (resolve_at - t).num_seconds() / (tasks.len() as i64 + 1);
        for task in &tasks {
            t += Duration::seconds(step);
            if !take(
                id,
                Actor::person(fulfiller),
                &Action::CompleteTask {
                    position: task.position,
                },
                t,
            )? {
                continue 'requests;
            }
        }
        if !take(
            id,
            Actor::person(fulfiller),
            &Action::Resolve {
                note: String::new(),
            },
            resolve_at,
        )? {
            continue 'requests;
        }
        summary.resolved += 1;
        let live = storage::requests::live(conn, id)?.expect("just resolved");
        if live.sla_met == Some(true) {
            summary.sla_met += 1;
        } else {
            summary.sla_breached += 1;
        }
        if rng.random_bool(0.7) {
            let rating = [3, 4, 4, 5, 5][rng.random_range(0..5)];
            if !take(
                id,
                Actor::person(requester),
                &Action::Rate {
                    rating,
                    comment: rating_comment(id, rating),
                },
                resolve_at + Duration::hours(rng.random_range(1..48)),
            )? {
                continue 'requests;
            }
            summary.closed += 1;
        } else {
            if !take(
                id,
                Actor::system(),
                &Action::AutoClose,
                resolve_at + Duration::days(pilot.auto_close_days),
            )? {
                continue 'requests;
            }
            summary.closed += 1;
        }
    }
    Ok(summary)
}

fn sources(conn: &Connection, pilot: &Pilot) -> Result<Vec<Source>> {
    let mut out = Vec::new();
    for item in &pilot.items {
        let Some(full) = storage::catalog::get(conn, item.id)? else {
            continue;
        };
        let Some(version) = full.published_version else {
            continue;
        };
        let Some(dept) = full.department_id.or(pilot.department_id) else {
            continue;
        };
        let Some(dept) = storage::departments::get(conn, dept)? else {
            continue;
        };
        let calendar = Calendar::new(&dept.hours)?;
        let form = storage::catalog::version(conn, item.id, version)?
            .map(|v| v.form)
            .unwrap_or_default();
        let answers = storage::requests::baseline_answers(conn, item.id, BASELINE_SAMPLE)?
            .into_iter()
            .filter_map(|a| serde_json::from_str::<Map<String, Value>>(&a).ok())
            .map(|mut a| {
                a.retain(|k, _| form.fields.iter().any(|f| &f.key == k));
                a
            })
            .collect();
        let local = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok();
        let turnarounds = storage::requests::baseline_times(conn, item.id)?
            .into_iter()
            .filter_map(|(o, c)| {
                let (o, c) = (local(&o)?, local(&c?)?);
                let secs = (calendar.from_local(c) - calendar.from_local(o)).num_seconds();
                (secs > 0).then_some(secs)
            })
            .collect();
        out.push(Source {
            item: full,
            calendar,
            answers,
            turnarounds,
        });
    }
    Ok(out)
}

/// What some requesters write beside their rating: every third rated
/// request gets a comment, chosen by its id so that the seeded stream
/// (and the numbers it makes) stays the same.
fn rating_comment(id: i64, rating: i64) -> String {
    const PRAISE: &[&str] = &[
        "Quick and friendly: I knew where my request stood the whole time.",
        "Much easier than the old way, and done sooner than I expected.",
        "The form asked for everything up front, so there was no back and forth.",
        "Clear updates and no chasing. Please keep it.",
    ];
    const FAIR: &[&str] = &[
        "Fine in the end, but the approval took a while.",
        "It worked, though I was not sure which option to pick on the form.",
    ];
    if id % 3 != 0 {
        return String::new();
    }
    let pick = (id / 3) as usize;
    match rating {
        4 | 5 => PRAISE[pick % PRAISE.len()].to_owned(),
        _ => FAIR[pick % FAIR.len()].to_owned(),
    }
}
