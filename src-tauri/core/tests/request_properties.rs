//! Properties of the lifecycle, over random sequences of actions by random
//! people at random (also earlier) times: no sequence reaches an invalid
//! state, used and paused SLA time add up to the working time elapsed, and
//! a request's time never runs backwards.

mod pilot_support;

use chrono::Duration;
use pilot_core::catalog::ApprovalStep;
use pilot_core::directory::BusinessHours;
use pilot_core::requests::lifecycle::{next, Facts};
use pilot_core::requests::{self, Action, Actor, HoldReason, State, Step};
use pilot_core::sla::{parse_utc, Calendar};
use pilot_support::*;
use proptest::prelude::*;

fn action(kind: u8, arg: u8) -> Action {
    let reasons = [
        HoldReason::WaitingForRequester,
        HoldReason::WaitingForThirdParty,
        HoldReason::Other,
    ];
    match kind % 13 {
        0 => Action::Approve {
            comment: String::new(),
        },
        1 => Action::Reject {
            comment: "No".into(),
        },
        2 => Action::Assign {
            group: None,
            assignee: None,
        },
        3 => Action::Start,
        4 => Action::Hold {
            reason: reasons[arg as usize % 3],
            note: String::new(),
        },
        5 => Action::Resume,
        6 => Action::CompleteTask {
            position: i64::from(arg % 3),
        },
        7 => Action::Comment {
            text: "Hello".into(),
        },
        8 => Action::Resolve {
            note: String::new(),
        },
        9 => Action::Reopen {
            reason: String::new(),
        },
        10 => Action::Rate {
            rating: i64::from(arg % 7),
            comment: String::new(),
        },
        11 => Action::Cancel {
            reason: String::new(),
        },
        _ => Action::AutoClose,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn random_sequences_keep_every_request_valid(
        steps in prop::collection::vec((0u8..13, 0u8..6, 0u8..5, -3i64..30), 1..40)
    ) {
        let mut p = running();
        let id = p.submit("2026-03-04T08:00:00Z").id;
        let people = [p.ann, p.max, p.fay, p.hugo];
        let calendar = Calendar::new(&BusinessHours::office("Europe/Berlin")).unwrap();
        let mut now = utc("2026-03-04T08:00:00Z");
        for (kind, arg, who, hours) in steps {
            now += Duration::hours(hours);
            let actor = if who == 4 { Actor::system() } else { Actor::acting_as(people[who as usize]) };
            let before = requests::get(&p.ws, id, true, now).unwrap();
            let result = requests::act(&mut p.ws, id, actor, &action(kind, arg), now);
            let r = requests::get(&p.ws, id, true, now).unwrap();
            if result.is_err() {
                prop_assert_eq!(&r.events, &before.events, "a refused action leaves no trace");
                continue;
            }
            // The timeline chains: each change starts where the last ended.
            let mut state = None;
            for e in &r.events {
                if let Some(to) = e.to_state {
                    prop_assert_eq!(e.from_state, state);
                    state = Some(to);
                }
            }
            prop_assert_eq!(state, Some(r.state));
            let times: Vec<&str> = r.events.iter().map(|e| e.at.as_str()).collect();
            prop_assert!(times.windows(2).all(|w| w[0] <= w[1]), "{:?}", times);
            if before.state.is_final() {
                prop_assert_eq!(r.state, before.state);
            }
            if matches!(r.state, State::Resolved | State::Closed) && r.events.iter().any(|e| e.kind == "resolved") {
                prop_assert!(r.tasks.iter().all(|t| t.done_at.is_some()));
            }
            if r.state == State::Resolved {
                prop_assert!(r.resolved_at.is_some());
            }
            if r.state.is_open() {
                prop_assert!(r.resolved_at.is_none());
            }
            prop_assert_eq!(r.closed_at.is_some(), r.state.is_final());
            // Used and paused working time add up to the working time from
            // opening to the end of the clock.
            let stopped = r.resolved_at.as_deref().or(r.closed_at.as_deref());
            let end = stopped.map(|t| parse_utc(t).unwrap()).unwrap_or(now);
            let elapsed = calendar.business_seconds(parse_utc(&r.opened_at).unwrap(), end);
            prop_assert_eq!(r.sla.used_secs + r.sla.paused_secs, elapsed);
        }
    }

    #[test]
    fn the_state_machine_never_leaves_a_final_state_nor_resolves_with_open_tasks(
        steps in prop::collection::vec((0usize..14, 0u32..3, 0u32..3, any::<bool>(), any::<bool>()), 1..60)
    ) {
        let mut state = State::AwaitingApproval;
        for (step, approvals_left, tasks_open, within, due) in steps {
            let facts = Facts { approvals_left, tasks_open, within_reopen_window: within, auto_close_due: due };
            let step = Step::ALL[step];
            match next(state, step, facts) {
                Ok(to) => {
                    prop_assert!(!state.is_final() || to == state);
                    if to == State::Resolved && state != State::Resolved {
                        prop_assert_eq!(tasks_open, 0);
                    }
                    state = to;
                }
                Err(message) => prop_assert!(!message.is_empty()),
            }
        }
    }
}

#[test]
fn an_item_without_approvals_starts_submitted() {
    let mut p = planned(Vec::<ApprovalStep>::new());
    pilot_core::pilots::start(&mut p.ws, p.pilot, utc("2026-03-02T08:00:00Z")).unwrap();
    assert_eq!(p.submit("2026-03-04T08:00:00Z").state, State::Submitted);
}
