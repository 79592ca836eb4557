//! The request lifecycle as a pure state machine: which action is allowed in
//! which state and where it leads. It knows nothing of storage or people;
//! `requests::live` feeds it the facts (approvals left, tasks open, the
//! reopen window) and records what it decides.
//!
//! ```text
//! submitted ─┬─ (approvals) ─→ awaiting_approval ─ approve… ─→ in_progress
//!            └─ assign/start ────────────────────────────────→ in_progress
//! awaiting_approval ─ reject → rejected
//! in_progress ⇄ on_hold (a reason; waiting for the requester pauses the SLA)
//! in_progress ─ resolve (every task done) → resolved ─ rate / auto-close → closed
//! resolved ─ reopen (within the window) → in_progress
//! any open state ─ cancel → cancelled
//! ```

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "RequestState")]
pub enum State {
    Submitted,
    AwaitingApproval,
    InProgress,
    OnHold,
    Resolved,
    Closed,
    Rejected,
    Cancelled,
}

impl State {
    pub const ALL: [State; 8] = [
        State::Submitted,
        State::AwaitingApproval,
        State::InProgress,
        State::OnHold,
        State::Resolved,
        State::Closed,
        State::Rejected,
        State::Cancelled,
    ];

    /// The states a queue shows: someone still has to act.
    pub const OPEN: [State; 4] = [
        State::Submitted,
        State::AwaitingApproval,
        State::InProgress,
        State::OnHold,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Submitted => "submitted",
            State::AwaitingApproval => "awaiting_approval",
            State::InProgress => "in_progress",
            State::OnHold => "on_hold",
            State::Resolved => "resolved",
            State::Closed => "closed",
            State::Rejected => "rejected",
            State::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Words for messages: "awaiting approval".
    pub fn label(self) -> &'static str {
        match self {
            State::Submitted => "submitted",
            State::AwaitingApproval => "awaiting approval",
            State::InProgress => "in progress",
            State::OnHold => "on hold",
            State::Resolved => "resolved",
            State::Closed => "closed",
            State::Rejected => "rejected",
            State::Cancelled => "cancelled",
        }
    }

    pub fn is_open(self) -> bool {
        State::OPEN.contains(&self)
    }

    /// Nothing more happens to the request.
    pub fn is_final(self) -> bool {
        matches!(self, State::Closed | State::Rejected | State::Cancelled)
    }
}

/// Why a request waits. Only waiting for the requester stops the SLA clock:
/// the providing team cannot be blamed for time the requester takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    WaitingForRequester,
    WaitingForThirdParty,
    Other,
}

impl HoldReason {
    pub fn as_str(self) -> &'static str {
        match self {
            HoldReason::WaitingForRequester => "waiting_for_requester",
            HoldReason::WaitingForThirdParty => "waiting_for_third_party",
            HoldReason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<HoldReason> {
        [
            HoldReason::WaitingForRequester,
            HoldReason::WaitingForThirdParty,
            HoldReason::Other,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }

    pub fn pauses_sla(self) -> bool {
        self == HoldReason::WaitingForRequester
    }
}

/// The kinds of change, without their data: what the machine decides on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Approve,
    Reject,
    Assign,
    Start,
    Hold,
    Resume,
    CompleteTask,
    Comment,
    WorkNote,
    Resolve,
    Reopen,
    Rate,
    AutoClose,
    Cancel,
}

impl Step {
    pub const ALL: [Step; 14] = [
        Step::Approve,
        Step::Reject,
        Step::Assign,
        Step::Start,
        Step::Hold,
        Step::Resume,
        Step::CompleteTask,
        Step::Comment,
        Step::WorkNote,
        Step::Resolve,
        Step::Reopen,
        Step::Rate,
        Step::AutoClose,
        Step::Cancel,
    ];
}

/// What the machine needs to know besides the state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    /// Approval steps not yet approved, counting the one being decided.
    pub approvals_left: u32,
    /// Fulfilment tasks not yet done.
    pub tasks_open: u32,
    /// For reopen: the resolution is recent enough.
    pub within_reopen_window: bool,
    /// For auto-close: the resolution is old enough.
    pub auto_close_due: bool,
}

/// Where `step` leads from `state`, or why it is not allowed (a sentence
/// for the person who tried).
pub fn next(state: State, step: Step, facts: Facts) -> Result<State, String> {
    use State::*;
    let refuse = |what: &str| {
        Err(format!(
            "A request that is {} cannot be {what}.",
            state.label()
        ))
    };
    match step {
        Step::Comment | Step::WorkNote if !state.is_final() => Ok(state),
        Step::Comment | Step::WorkNote => refuse("commented on any more"),
        Step::Approve | Step::Reject if state != AwaitingApproval => refuse("approved or rejected"),
        Step::Approve if facts.approvals_left > 1 => Ok(AwaitingApproval),
        Step::Approve => Ok(InProgress),
        Step::Reject => Ok(Rejected),
        Step::Assign => match state {
            Submitted => Ok(InProgress),
            InProgress | OnHold | AwaitingApproval => Ok(state),
            _ => refuse("assigned"),
        },
        Step::Start => match state {
            Submitted => Ok(InProgress),
            _ => refuse("started"),
        },
        Step::Hold => match state {
            InProgress => Ok(OnHold),
            _ => refuse("put on hold"),
        },
        Step::Resume => match state {
            OnHold => Ok(InProgress),
            _ => refuse("resumed"),
        },
        Step::CompleteTask => match state {
            InProgress | OnHold => Ok(state),
            _ => refuse("worked on"),
        },
        Step::Resolve => match state {
            InProgress if facts.tasks_open == 0 => Ok(Resolved),
            InProgress => Err(format!(
                "The request cannot be resolved while {} of its tasks {} not done.",
                facts.tasks_open,
                if facts.tasks_open == 1 { "is" } else { "are" }
            )),
            _ => refuse("resolved"),
        },
        Step::Reopen => match state {
            Resolved if facts.within_reopen_window => Ok(InProgress),
            Resolved => Err("The request was resolved too long ago to be reopened.".into()),
            _ => refuse("reopened"),
        },
        Step::Rate => match state {
            Resolved => Ok(Closed),
            _ => refuse("rated"),
        },
        Step::AutoClose => match state {
            Resolved if facts.auto_close_due => Ok(Closed),
            _ => refuse("closed automatically"),
        },
        Step::Cancel if state.is_open() => Ok(Cancelled),
        Step::Cancel => refuse("cancelled"),
    }
}

/// The state a new request starts in.
pub fn initial(approval_steps: u32) -> State {
    if approval_steps > 0 {
        State::AwaitingApproval
    } else {
        State::Submitted
    }
}
