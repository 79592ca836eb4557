//! Remembered column mappings, one per source and header row (migration 5).

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::error::Result;

/// Saves (or replaces) the mapping for files of `source` with these headers.
pub fn remember(
    conn: &Connection,
    source: &str,
    titles: &[String],
    columns_json: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO import_mappings (source, headers, columns, updated_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (source, headers) DO UPDATE
         SET columns = excluded.columns, updated_at = excluded.updated_at",
        params![
            source,
            headers_key(titles),
            columns_json,
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ],
    )?;
    Ok(())
}

/// The mapping saved for files of `source` with these headers, as JSON.
pub fn find(conn: &Connection, source: &str, titles: &[String]) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT columns FROM import_mappings WHERE source = ?1 AND headers = ?2",
            params![source, headers_key(titles)],
            |r| r.get(0),
        )
        .optional()?)
}

/// The header row's fingerprint: texts separated by a character no header
/// holds, so `["a,b"]` and `["a", "b"]` differ.
fn headers_key(titles: &[String]) -> String {
    let mut hash = Sha256::new();
    for title in titles {
        hash.update(title.as_bytes());
        hash.update([0x1f]);
    }
    format!("{:x}", hash.finalize())
}
