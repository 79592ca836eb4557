//! Versioned schema migrations. `PRAGMA user_version` holds the number of
//! migrations applied; each runs in its own transaction together with the
//! version bump, so a workspace is always at exactly one version.

use rusqlite::Connection;

use crate::error::Result;

/// The migrations, oldest first. Never edit one that has shipped: add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: the organisation directory.
    r#"
    CREATE TABLE workspace_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE departments (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        is_requester INTEGER NOT NULL DEFAULT 1 CHECK (is_requester IN (0, 1)),
        is_provider  INTEGER NOT NULL DEFAULT 0 CHECK (is_provider IN (0, 1)),
        head_id      INTEGER REFERENCES people(id) ON DELETE SET NULL,
        time_zone    TEXT NOT NULL,
        working_days INTEGER NOT NULL CHECK (working_days BETWEEN 0 AND 127),
        day_start    TEXT NOT NULL,
        day_end      TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    ) STRICT;

    CREATE TABLE department_holidays (
        department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
        date          TEXT NOT NULL,
        name          TEXT NOT NULL,
        PRIMARY KEY (department_id, date)
    ) STRICT;

    CREATE TABLE people (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        department_id INTEGER REFERENCES departments(id) ON DELETE SET NULL,
        manager_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX people_department ON people(department_id);
    CREATE INDEX people_manager ON people(manager_id);

    CREATE TABLE person_roles (
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        role      TEXT NOT NULL,
        PRIMARY KEY (person_id, role)
    ) STRICT;
    "#,
    // 2: CSV imports: the file's fingerprint and dialect, the inferred
    // schema, every original row with its typed values, every row problem.
    r#"
    CREATE TABLE imports (
        id          INTEGER PRIMARY KEY,
        file_name   TEXT NOT NULL,
        file_size   INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        encoding    TEXT NOT NULL,
        delimiter   TEXT NOT NULL,
        header_line INTEGER NOT NULL,
        source      TEXT NOT NULL,
        columns     TEXT NOT NULL,
        inspection  TEXT NOT NULL,
        row_count   INTEGER NOT NULL DEFAULT 0,
        problem_count INTEGER NOT NULL DEFAULT 0,
        imported_at TEXT NOT NULL
    ) STRICT;

    -- An import's rows are stored in chunks of consecutive rows: `text` is
    -- their text exactly as in the file, `vals` a JSON array with one array
    -- of typed values per row. Millions of rows then cost thousands of
    -- inserts, not millions. Rows and problems carry no foreign key, whose
    -- per-row check would slow bulk inserts; storage::imports::delete
    -- removes them with their import.
    CREATE TABLE import_chunks (
        id         INTEGER PRIMARY KEY,
        import_id  INTEGER NOT NULL,
        chunk_no   INTEGER NOT NULL,
        first_row  INTEGER NOT NULL,
        row_count  INTEGER NOT NULL,
        first_line INTEGER NOT NULL,
        text       TEXT NOT NULL,
        vals       TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX import_chunks_order ON import_chunks(import_id, chunk_no);
    CREATE INDEX import_chunks_rows ON import_chunks(import_id, first_row);

    CREATE TABLE import_problems (
        import_id    INTEGER NOT NULL,
        seq          INTEGER NOT NULL,
        line         INTEGER NOT NULL,
        column_title TEXT,
        message      TEXT NOT NULL,
        PRIMARY KEY (import_id, seq)
    ) STRICT, WITHOUT ROWID;
    "#,
];

/// The schema version this build writes and the newest it can read.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Brings the workspace up to [`LATEST`], one migration per transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The version a connection's workspace is at.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}
