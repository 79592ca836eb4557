//! A use case's lifecycle: idea → candidate → piloting → live → retired.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "UseCaseStatus")]
pub enum Status {
    Idea,
    Candidate,
    Piloting,
    Live,
    Retired,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Idea,
        Status::Candidate,
        Status::Piloting,
        Status::Live,
        Status::Retired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Idea => "idea",
            Status::Candidate => "candidate",
            Status::Piloting => "piloting",
            Status::Live => "live",
            Status::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether a use case in this status may move to `next`. It moves one
    /// step forward at a time, so a service never claims to be live without
    /// having been piloted; it may step back one step (a candidate not
    /// picked after all, a pilot stopped), be retired from any status, and a
    /// retired one may come back as an idea.
    pub fn can_become(self, next: Status) -> bool {
        use Status::*;
        self == next
            || matches!(
                (self, next),
                (Idea, Candidate)
                    | (Candidate, Idea)
                    | (Candidate, Piloting)
                    | (Piloting, Candidate)
                    | (Piloting, Live)
                    | (Retired, Idea)
                    | (Idea | Candidate | Piloting | Live, Retired)
            )
    }

    pub(crate) fn check_move(self, next: Status) -> Result<()> {
        if self.can_become(next) {
            return Ok(());
        }
        let allowed: Vec<&str> = Status::ALL
            .into_iter()
            .filter(|s| *s != self && self.can_become(*s))
            .map(Status::as_str)
            .collect();
        Err(Error::invalid(
            "status",
            format!(
                "A use case cannot go from {} to {}; from {} it can become {}.",
                self.as_str(),
                next.as_str(),
                self.as_str(),
                allowed.join(" or ")
            ),
        ))
    }
}
