//! Knowledge articles: what a department writes down once so that people
//! find the answer in the portal instead of asking. An article belongs to
//! a department and may answer one of its catalog items; it is a draft
//! until published, and only published articles reach the portal, shown
//! beside the items they answer. Each "yes, this answered my question" is
//! a request not made: a deflection, counted per article.

mod render;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::sla::format_utc;
use crate::storage;
use crate::workspace::Workspace;

pub use crate::shapes::article::{Article, ArticleFilter, ArticleInput, Status};
pub use render::{to_html, to_nodes, ArticleNode, ArticleNodeKind};

/// The longest title an article may have, in characters.
pub const TITLE_MAX: usize = 120;
/// The longest body an article may have, in characters.
pub const BODY_MAX: usize = 50_000;

/// A published article as the portal shows it: the body already parsed
/// into the safe subset by [`to_nodes`], so the page never reads Markdown
/// and never inserts HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShownArticle {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// The body as a tree of nodes (see [`to_nodes`]).
    pub body: Vec<ArticleNode>,
    /// The catalog item it answers, if any.
    #[ts(type = "number | null")]
    pub catalog_item_id: Option<i64>,
}

impl From<Article> for ShownArticle {
    fn from(article: Article) -> Self {
        ShownArticle {
            id: article.id,
            body: to_nodes(&article.body),
            title: article.title,
            catalog_item_id: article.catalog_item_id,
        }
    }
}

/// The articles matching a filter, by title.
pub fn list(ws: &Workspace, filter: &ArticleFilter) -> Result<Vec<Article>> {
    storage::articles::list(ws.conn(), filter)
}

pub fn get(ws: &Workspace, id: i64) -> Result<Article> {
    load(ws.conn(), id)
}

/// Writes a new article, as a draft.
pub fn create(ws: &mut Workspace, input: &ArticleInput, now: DateTime<Utc>) -> Result<Article> {
    let input = normalised(input)?;
    let id = ws.write(|tx| {
        references(tx, &input)?;
        storage::articles::insert(tx, &input, &format_utc(now))
    })?;
    get(ws, id)
}

/// Replaces what the analyst edits. A published article stays published,
/// so its body must still be there.
pub fn update(
    ws: &mut Workspace,
    id: i64,
    input: &ArticleInput,
    now: DateTime<Utc>,
) -> Result<Article> {
    let input = normalised(input)?;
    ws.write(|tx| {
        let current = load(tx, id)?;
        references(tx, &input)?;
        if current.status == Status::Published {
            publishable(&input.body)?;
        }
        storage::articles::update(tx, id, &input, &format_utc(now))?;
        Ok(())
    })?;
    get(ws, id)
}

/// Publishes an article (it shows in the portal) or takes it back to a
/// draft (it no longer does). An article with no body is not published.
pub fn set_status(
    ws: &mut Workspace,
    id: i64,
    status: Status,
    now: DateTime<Utc>,
) -> Result<Article> {
    ws.write(|tx| {
        let current = load(tx, id)?;
        if status == Status::Published {
            publishable(&current.body)?;
        }
        storage::articles::set_status(tx, id, status, &format_utc(now))?;
        Ok(())
    })?;
    get(ws, id)
}

/// Deletes an article with the feedback it received.
pub fn delete(ws: &mut Workspace, id: i64) -> Result<()> {
    ws.write(|tx| {
        if storage::articles::delete(tx, id)? {
            Ok(())
        } else {
            Err(missing(id))
        }
    })
}

/// The published articles of a department that match `query` in their
/// title or body, rendered for the portal.
pub fn published(ws: &Workspace, department_id: i64, query: &str) -> Result<Vec<ShownArticle>> {
    let filter = ArticleFilter {
        query: query.to_owned(),
        department_id: Some(department_id),
        catalog_item_id: None,
        published_only: true,
    };
    Ok(list(ws, &filter)?
        .into_iter()
        .map(ShownArticle::from)
        .collect())
}

/// Records a portal reader's answer to "did this answer your question?"
/// on a published article; `answered` is their yes.
pub fn record_feedback(
    ws: &mut Workspace,
    id: i64,
    answered: bool,
    person_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    ws.write(|tx| record_feedback_in(tx, id, None, answered, person_id, now))
}

/// [`record_feedback`] inside the caller's transaction. With a
/// `department_id`, an article of another department is treated as
/// missing, so a portal cannot answer articles it does not show.
pub(crate) fn record_feedback_in(
    conn: &Connection,
    id: i64,
    department_id: Option<i64>,
    answered: bool,
    person_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let article = load(conn, id)?;
    // A draft is not shown to readers, so it cannot be answered.
    if article.status != Status::Published
        || department_id.is_some_and(|d| d != article.department_id)
    {
        return Err(missing(id));
    }
    storage::articles::insert_feedback(conn, id, answered, person_id, &format_utc(now))
}

/// The requests the knowledge base spared a department (every department
/// when none is given): the "yes, this answered my question" answers.
pub fn deflections(ws: &Workspace, department_id: Option<i64>) -> Result<i64> {
    storage::articles::deflections(ws.conn(), department_id)
}

fn load(conn: &Connection, id: i64) -> Result<Article> {
    storage::articles::get(conn, id)?.ok_or_else(|| missing(id))
}

fn missing(id: i64) -> Error {
    Error::NotFound {
        what: "Article",
        id,
    }
}

/// The input with its title trimmed, or what is wrong with it.
fn normalised(input: &ArticleInput) -> Result<ArticleInput> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(Error::invalid("title", "Give the article a title."));
    }
    if title.chars().count() > TITLE_MAX {
        return Err(Error::invalid(
            "title",
            format!("An article's title has at most {TITLE_MAX} characters."),
        ));
    }
    let length = input.body.chars().count();
    if length > BODY_MAX {
        return Err(Error::invalid(
            "body",
            format!("An article's text has at most {BODY_MAX} characters; this one has {length}."),
        ));
    }
    let review_date = input.review_date.trim();
    if NaiveDate::parse_from_str(review_date, "%Y-%m-%d").is_err() {
        return Err(Error::invalid(
            "reviewDate",
            format!("The review date “{review_date}” is not a date: write it as YYYY-MM-DD."),
        ));
    }
    Ok(ArticleInput {
        title: title.to_owned(),
        review_date: review_date.to_owned(),
        ..input.clone()
    })
}

fn publishable(body: &str) -> Result<()> {
    if body.trim().is_empty() {
        return Err(Error::invalid(
            "body",
            "Write the article's text before publishing it.",
        ));
    }
    Ok(())
}

/// The department, catalog item and owner must exist, and the item must
/// be one of the department's (or have no department).
fn references(conn: &Connection, input: &ArticleInput) -> Result<()> {
    let Some(department) = storage::departments::get(conn, input.department_id)? else {
        return Err(Error::invalid(
            "departmentId",
            format!(
                "Department {} does not exist (it may have been deleted); choose another.",
                input.department_id
            ),
        ));
    };
    if let Some(item_id) = input.catalog_item_id {
        let Some(item) = storage::catalog::get(conn, item_id)? else {
            return Err(Error::invalid(
                "catalogItemId",
                format!("Catalog item {item_id} does not exist (it may have been deleted); choose another."),
            ));
        };
        if item.department_id.is_some_and(|d| d != department.id) {
            return Err(Error::invalid(
                "catalogItemId",
                format!(
                    "“{}” is another department's service; choose one of {}'s services or none.",
                    item.name, department.name
                ),
            ));
        }
    }
    if let Some(owner_id) = input.owner_id {
        if storage::people::get(conn, owner_id)?.is_none() {
            return Err(Error::invalid(
                "ownerId",
                format!("Person {owner_id} does not exist (they may have been deleted); choose another owner."),
            ));
        }
    }
    Ok(())
}
