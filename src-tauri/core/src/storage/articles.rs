//! `knowledge_articles` and `article_feedback`: the knowledge base's
//! articles and the portal readers' "did this answer your question?"
//! answers (the domain, `knowledge`, holds the rules).

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::Result;
use crate::shapes::article::{Article, ArticleFilter, ArticleInput, Status};

const SELECT: &str = "
    SELECT a.id, a.department_id, d.name, a.catalog_item_id, i.name, a.title, a.body,
           a.status, a.owner_id, p.name, a.review_date,
           (SELECT COUNT(*) FROM article_feedback f WHERE f.article_id = a.id AND f.answered = 1),
           (SELECT COUNT(*) FROM article_feedback f WHERE f.article_id = a.id AND f.answered = 0),
           a.created_at, a.updated_at
    FROM knowledge_articles a
    JOIN departments d ON d.id = a.department_id
    LEFT JOIN catalog_items i ON i.id = a.catalog_item_id
    LEFT JOIN people p ON p.id = a.owner_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Article> {
    let status: String = r.get(7)?;
    Ok(Article {
        id: r.get(0)?,
        department_id: r.get(1)?,
        department_name: r.get(2)?,
        catalog_item_id: r.get(3)?,
        catalog_item_name: r.get(4)?,
        title: r.get(5)?,
        body: r.get(6)?,
        // The table's CHECK allows only the two words.
        status: Status::parse(&status).unwrap_or(Status::Draft),
        owner_id: r.get(8)?,
        owner_name: r.get(9)?,
        review_date: r.get(10)?,
        answered: r.get(11)?,
        not_answered: r.get(12)?,
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

/// Articles matching the filter, by title (ignoring case).
pub fn list(conn: &Connection, filter: &ArticleFilter) -> Result<Vec<Article>> {
    let sql = format!(
        "{SELECT}
         WHERE (?1 IS NULL OR a.department_id = ?1)
           AND (?2 IS NULL OR a.catalog_item_id = ?2)
           AND (?3 = 0 OR a.status = 'published')
           AND (a.title LIKE ?4 ESCAPE '\\' OR a.body LIKE ?4 ESCAPE '\\')
         ORDER BY a.title COLLATE NOCASE, a.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            params![
                filter.department_id,
                filter.catalog_item_id,
                filter.published_only,
                super::like_pattern(filter.query.trim()),
            ],
            from_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Article>> {
    let sql = format!("{SELECT} WHERE a.id = ?1");
    Ok(conn.query_row(&sql, [id], from_row).optional()?)
}

pub fn insert(conn: &Connection, input: &ArticleInput, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO knowledge_articles (department_id, catalog_item_id, title, body, owner_id,
                                         review_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            input.department_id,
            input.catalog_item_id,
            input.title,
            input.body,
            input.owner_id,
            input.review_date,
            now,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Replaces what the analyst edits; false when there is no such article.
pub fn update(conn: &Connection, id: i64, input: &ArticleInput, now: &str) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE knowledge_articles
         SET department_id = ?2, catalog_item_id = ?3, title = ?4, body = ?5, owner_id = ?6,
             review_date = ?7, updated_at = ?8
         WHERE id = ?1",
        params![
            id,
            input.department_id,
            input.catalog_item_id,
            input.title,
            input.body,
            input.owner_id,
            input.review_date,
            now,
        ],
    )? == 1)
}

/// Publishes or withdraws an article; false when there is no such article.
pub fn set_status(conn: &Connection, id: i64, status: Status, now: &str) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE knowledge_articles SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status.as_str(), now],
    )? == 1)
}

/// Deletes an article and its feedback; false when there is no such article.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM knowledge_articles WHERE id = ?1", [id])? == 1)
}

/// Records one answer to "did this answer your question?" from the portal.
pub fn insert_feedback(
    conn: &Connection,
    article_id: i64,
    answered: bool,
    person_id: Option<i64>,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO article_feedback (article_id, answered, at, person_id, source)
         VALUES (?1, ?2, ?3, ?4, 'portal')",
        params![article_id, answered, now, person_id],
    )?;
    Ok(())
}

/// The "yes" answers to the articles of a department (all departments
/// when none is given): the requests the knowledge base spared.
pub fn deflections(conn: &Connection, department_id: Option<i64>) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM article_feedback f
         JOIN knowledge_articles a ON a.id = f.article_id
         WHERE f.answered = 1 AND (?1 IS NULL OR a.department_id = ?1)",
        [department_id],
        |r| r.get(0),
    )?)
}
