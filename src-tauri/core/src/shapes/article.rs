//! A knowledge article as stored and shown: see `knowledge` for its rules
//! and `storage::articles` for its SQL.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether requesters can see an article: only published ones reach the
/// portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ArticleStatus")]
pub enum Status {
    Draft,
    Published,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [Status::Draft, Status::Published]
            .into_iter()
            .find(|status| status.as_str() == s)
    }
}

/// An article as the app lists it, with what the portal's readers said
/// of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub department_id: i64,
    pub department_name: String,
    #[ts(type = "number | null")]
    pub catalog_item_id: Option<i64>,
    pub catalog_item_name: Option<String>,
    pub title: String,
    /// Markdown, kept as written; shown through `knowledge::render`.
    pub body: String,
    pub status: Status,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    /// `YYYY-MM-DD`: when the owner should check the article is still right.
    pub review_date: String,
    /// "Yes, this answered my question": each one a request not made.
    #[ts(type = "number")]
    pub answered: i64,
    /// "No, it did not".
    #[ts(type = "number")]
    pub not_answered: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// What the analyst edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArticleInput {
    #[ts(type = "number")]
    pub department_id: i64,
    #[ts(type = "number | null")]
    pub catalog_item_id: Option<i64>,
    pub title: String,
    pub body: String,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub review_date: String,
}

/// Which articles to list; parts left empty match every article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct ArticleFilter {
    /// Words looked for in the title and the body, ignoring case.
    pub query: String,
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    #[ts(type = "number | null")]
    pub catalog_item_id: Option<i64>,
    /// Only published articles (what the portal shows).
    pub published_only: bool,
}
