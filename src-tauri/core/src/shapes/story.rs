//! The success story's stored wording and the comments it can quote: the
//! shapes `storage::stories` returns and `story` assembles from.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The analyst's wording of one pilot's story. A text left `None` is
/// generated from the data each time; the quote is a request whose rating
/// comment is shown, never text typed into the story.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoryText {
    pub headline: Option<String>,
    pub challenge: Option<String>,
    pub solution: Option<String>,
    pub next_steps: Option<String>,
    #[ts(type = "number | null")]
    pub quote_request_id: Option<i64>,
}

/// A requester's rating comment on one of the pilot's real requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuoteCandidate {
    #[ts(type = "number")]
    pub request_id: i64,
    #[ts(type = "number")]
    pub rating: i64,
    pub comment: String,
    pub requester: Option<String>,
    pub department: Option<String>,
}
