//! A use case's lifecycle: idea → candidate → piloting → live → retired.

use crate::error::{Error, Result};
use crate::shapes::use_case::Status;

impl Status {
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
