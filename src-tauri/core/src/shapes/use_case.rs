//! A use case of the backlog as stored and shown: see `backlog` for its
//! rules and `storage::use_cases` for its SQL.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::value::{Assumptions, Estimate};

/// How a process runs today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "UseCaseChannel")]
pub enum Channel {
    Paper,
    Email,
    SharepointList,
    Spreadsheet,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Paper,
        Channel::Email,
        Channel::SharepointList,
        Channel::Spreadsheet,
        Channel::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Paper => "paper",
            Channel::Email => "email",
            Channel::SharepointList => "sharepoint_list",
            Channel::Spreadsheet => "spreadsheet",
            Channel::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A use case as the backlog shows it, with its value estimate and its
/// ranking score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UseCase {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub process: String,
    pub pain: String,
    pub channel: Channel,
    /// Minutes a request takes to handle today.
    pub minutes_per_request: f64,
    pub outcome: String,
    pub kpi: String,
    /// The work to pilot it, in person-days.
    pub effort_days: f64,
    #[ts(type = "number | null")]
    pub sponsor_id: Option<i64>,
    pub sponsor_name: Option<String>,
    pub status: Status,
    /// Where the roadmap places it: `YYYY-Qn`.
    pub quarter: Option<String>,
    pub assumptions: Assumptions,
    pub value: Estimate,
    /// Yearly value per person-day of effort: the ranking's key.
    pub score: f64,
    #[ts(type = "number | null")]
    pub source_import_id: Option<i64>,
    pub updated_at: String,
    /// The pilots that run this use case (linked in the pilot editor),
    /// oldest first.
    pub pilots: Vec<LinkedPilot>,
}

/// A pilot as a use case names it: enough to show and open it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkedPilot {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// The pilot's state word (`pilots::PilotState`, which lives above this
    /// module, so its word is kept here as stored).
    #[ts(type = "\"planned\" | \"running\" | \"ended\"")]
    pub state: String,
}

/// What the user edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UseCaseInput {
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    pub process: String,
    pub pain: String,
    pub channel: Channel,
    pub minutes_per_request: f64,
    pub outcome: String,
    pub kpi: String,
    pub effort_days: f64,
    #[ts(type = "number | null")]
    pub sponsor_id: Option<i64>,
    pub status: Status,
    pub quarter: Option<String>,
    pub assumptions: Assumptions,
}

impl UseCaseInput {
    /// A new idea with starting assumptions (see [`Assumptions::starting`]).
    pub fn idea(process: &str, volume: f64, minutes: f64, effort_days: f64, by: &str) -> Self {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        UseCaseInput {
            department_id: None,
            process: process.to_owned(),
            pain: String::new(),
            channel: Channel::Paper,
            minutes_per_request: minutes,
            outcome: String::new(),
            kpi: String::new(),
            effort_days,
            sponsor_id: None,
            status: Status::Idea,
            quarter: None,
            assumptions: Assumptions::starting(volume, minutes, by, &now),
        }
    }
}

impl UseCase {
    pub fn input(&self) -> UseCaseInput {
        UseCaseInput {
            department_id: self.department_id,
            process: self.process.clone(),
            pain: self.pain.clone(),
            channel: self.channel,
            minutes_per_request: self.minutes_per_request,
            outcome: self.outcome.clone(),
            kpi: self.kpi.clone(),
            effort_days: self.effort_days,
            sponsor_id: self.sponsor_id,
            status: self.status,
            quarter: self.quarter.clone(),
            assumptions: self.assumptions.clone(),
        }
    }
}

/// Yearly value per person-day of effort.
pub fn score(value: &Estimate, effort_days: f64) -> f64 {
    if effort_days > 0.0 {
        value.money_per_year / effort_days
    } else {
        0.0
    }
}

/// A use case's lifecycle: idea → candidate → piloting → live → retired
/// (the moves allowed are `backlog`'s rule).
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
}
