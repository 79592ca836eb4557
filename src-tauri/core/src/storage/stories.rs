//! `story_texts`: a pilot's success-story wording, and the rating comments
//! of the pilot's real requests that the story may quote.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::shapes::story::{QuoteCandidate, StoryText};

pub fn get(conn: &Connection, pilot_id: i64) -> Result<Option<StoryText>> {
    Ok(conn
        .query_row(
            "SELECT headline, challenge, solution, next_steps, quote_request_id
             FROM story_texts WHERE pilot_id = ?1",
            [pilot_id],
            |r| {
                Ok(StoryText {
                    headline: r.get(0)?,
                    challenge: r.get(1)?,
                    solution: r.get(2)?,
                    next_steps: r.get(3)?,
                    quote_request_id: r.get(4)?,
                })
            },
        )
        .optional()?)
}

pub fn save(conn: &Connection, pilot_id: i64, text: &StoryText, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO story_texts
             (pilot_id, headline, challenge, solution, next_steps, quote_request_id, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(pilot_id) DO UPDATE SET
             headline = excluded.headline, challenge = excluded.challenge,
             solution = excluded.solution, next_steps = excluded.next_steps,
             quote_request_id = excluded.quote_request_id, updated_at = excluded.updated_at",
        (
            pilot_id,
            &text.headline,
            &text.challenge,
            &text.solution,
            &text.next_steps,
            text.quote_request_id,
            now,
        ),
    )?;
    Ok(())
}

/// The rating comments of the pilot's real (not rehearsed) requests, best
/// rated first, then newest.
pub fn quote_candidates(conn: &Connection, pilot_id: i64) -> Result<Vec<QuoteCandidate>> {
    let mut statement = conn.prepare(
        "SELECT r.id, r.rating, r.rating_comment, p.name, d.name
         FROM requests r
         LEFT JOIN people p ON p.id = r.requester_id
         LEFT JOIN departments d ON d.id = p.department_id
         WHERE r.pilot_id = ?1 AND r.origin = 'pilot' AND r.rehearsal = 0
           AND r.rating IS NOT NULL AND trim(coalesce(r.rating_comment, '')) <> ''
         ORDER BY r.rating DESC, r.closed_at DESC, r.id DESC",
    )?;
    let rows = statement.query_map([pilot_id], |r| {
        Ok(QuoteCandidate {
            request_id: r.get(0)?,
            rating: r.get(1)?,
            comment: r.get(2)?,
            requester: r.get(3)?,
            department: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
