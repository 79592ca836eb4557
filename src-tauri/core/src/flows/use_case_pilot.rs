//! A pilot set up from a backlog use case: the step from "picked in the
//! meeting" to "being run". The pilot starts planned, linked to the use
//! case, with what the use case already says filled in; the analyst then
//! chooses its items and participants in the editor.

use chrono::{DateTime, NaiveDate, Utc};

use crate::backlog;
use crate::error::Result;
use crate::pilots::{self, Goals, Pilot, PilotInput};
use crate::workspace::Workspace;

/// The longest process name kept whole in the pilot's name.
const PROCESS_IN_NAME: usize = 110;

/// Creates a planned pilot for use case `use_case_id`: named after its
/// process, in its department, sponsored by its sponsor, planned over its
/// roadmap quarter, with its monthly volume as the volume goal.
pub fn pilot_from_use_case(
    ws: &mut Workspace,
    use_case_id: i64,
    now: DateTime<Utc>,
) -> Result<Pilot> {
    let uc = backlog::get(ws, use_case_id)?;
    let process: String = uc.process.chars().take(PROCESS_IN_NAME).collect();
    let (planned_start, planned_end) = match uc.quarter.as_deref().and_then(quarter_days) {
        Some((start, end)) => (Some(start.to_string()), Some(end.to_string())),
        None => (None, None),
    };
    let volume = uc.assumptions.monthly_volume.value;
    let input = PilotInput {
        department_id: uc.department_id,
        sponsor_id: uc.sponsor_id,
        planned_start,
        planned_end,
        goals: Goals {
            monthly_volume: (volume >= 1.0).then(|| volume.round() as i64),
            ..Goals::default()
        },
        use_case_id: Some(uc.id),
        ..PilotInput::named(&format!("{} pilot", process.trim()))
    };
    pilots::create(ws, input, now)
}

/// The first and last day of a roadmap quarter such as `2027-Q1`.
fn quarter_days(quarter: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (year, q) = quarter.split_once("-Q")?;
    let year: i32 = year.parse().ok()?;
    let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
    let start = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)?;
    let next = if q == 4 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, 3 * q + 1, 1)?
    };
    Some((start, next.pred_opt()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_runs_from_its_first_to_its_last_day() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            quarter_days("2027-Q1"),
            Some((day("2027-01-01"), day("2027-03-31")))
        );
        assert_eq!(
            quarter_days("2026-Q4"),
            Some((day("2026-10-01"), day("2026-12-31")))
        );
        assert_eq!(quarter_days("2026-Q5"), None);
        assert_eq!(quarter_days("soon"), None);
    }
}
