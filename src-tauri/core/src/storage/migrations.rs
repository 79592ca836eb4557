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

    -- An import's rows are stored in chunks of consecutive rows: `text_lz4`
    -- is their text exactly as in the file, LZ4-compressed (a block with
    -- its size prepended), `vals` a JSON array with one array of typed
    -- values per row. Millions of rows then cost thousands of inserts, not
    -- millions, and the workspace stays a fraction of the file's size. Rows and problems carry no foreign key, whose
    -- per-row check would slow bulk inserts; storage::imports::delete
    -- removes them with their import.
    CREATE TABLE import_chunks (
        id         INTEGER PRIMARY KEY,
        import_id  INTEGER NOT NULL,
        chunk_no   INTEGER NOT NULL,
        first_row  INTEGER NOT NULL,
        row_count  INTEGER NOT NULL,
        first_line INTEGER NOT NULL,
        text_lz4   BLOB NOT NULL,
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
    // 3: the service catalog. Each item has one draft version row (number
    // NULL) holding the form being edited, and one row per published
    // version, which triggers keep from changing or disappearing: requests
    // keep the version they were made with.
    r#"
    CREATE TABLE catalog_items (
        id                INTEGER PRIMARY KEY,
        name              TEXT NOT NULL,
        short_description TEXT NOT NULL DEFAULT '',
        long_description  TEXT NOT NULL DEFAULT '',
        icon              TEXT NOT NULL,
        category          TEXT NOT NULL DEFAULT '',
        department_id     INTEGER REFERENCES departments(id) ON DELETE SET NULL,
        request_type      TEXT NOT NULL CHECK (request_type IN
                              ('product', 'service', 'information', 'change', 'assistance')),
        owner_id          INTEGER REFERENCES people(id) ON DELETE SET NULL,
        assignment_group  TEXT NOT NULL DEFAULT '',
        tasks             TEXT NOT NULL DEFAULT '[]',
        sla_amount        INTEGER NOT NULL,
        sla_unit          TEXT NOT NULL CHECK (sla_unit IN ('business_hours', 'business_days')),
        status            TEXT NOT NULL DEFAULT 'draft'
                              CHECK (status IN ('draft', 'published', 'retired')),
        source_import_id  INTEGER REFERENCES imports(id) ON DELETE SET NULL,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX catalog_items_department ON catalog_items(department_id);
    CREATE INDEX catalog_items_owner ON catalog_items(owner_id);
    CREATE INDEX catalog_items_import ON catalog_items(source_import_id);

    CREATE TABLE catalog_approval_steps (
        item_id    INTEGER NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('requester_manager', 'person', 'group')),
        person_id  INTEGER REFERENCES people(id) ON DELETE SET NULL,
        group_name TEXT,
        PRIMARY KEY (item_id, position)
    ) STRICT;
    CREATE INDEX catalog_approval_steps_person ON catalog_approval_steps(person_id);

    CREATE TABLE catalog_versions (
        id           INTEGER PRIMARY KEY,
        item_id      INTEGER NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
        number       INTEGER CHECK (number IS NULL OR number >= 1),
        form         TEXT NOT NULL,
        published_at TEXT,
        updated_at   TEXT NOT NULL,
        CHECK ((number IS NULL) = (published_at IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX catalog_versions_number ON catalog_versions(item_id, number);
    CREATE UNIQUE INDEX catalog_versions_draft ON catalog_versions(item_id) WHERE number IS NULL;

    CREATE TRIGGER catalog_versions_frozen BEFORE UPDATE ON catalog_versions
    WHEN OLD.number IS NOT NULL
    BEGIN
        SELECT RAISE(ABORT, 'a published catalog version cannot be changed');
    END;
    CREATE TRIGGER catalog_versions_kept BEFORE DELETE ON catalog_versions
    WHEN OLD.number IS NOT NULL
    BEGIN
        SELECT RAISE(ABORT, 'a published catalog version cannot be deleted');
    END;
    "#,
    // 4: requests. For now only the baseline: one request per dated row of
    // the import an item was made from. `opened_at` and `closed_at` are the
    // local wall time the file shows, `YYYY-MM-DDTHH:MM:SS` without an
    // offset (a date alone is midnight), so they sort as text; `answers` is
    // a JSON object keyed by form field key; `source_row` is the 1-based row
    // of the source import.
    r#"
    CREATE TABLE requests (
        id               INTEGER PRIMARY KEY,
        catalog_item_id  INTEGER NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
        origin           TEXT NOT NULL CHECK (origin IN ('baseline', 'pilot')),
        source_import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
        source_row       INTEGER CHECK (source_row IS NULL OR source_row >= 1),
        opened_at        TEXT NOT NULL,
        closed_at        TEXT,
        requester        TEXT,
        status           TEXT,
        answers          TEXT NOT NULL DEFAULT '{}',
        created_at       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX requests_item_origin_opened ON requests(catalog_item_id, origin, opened_at);
    CREATE INDEX requests_import ON requests(source_import_id);
    "#,
    // 5: the column mapping the user last chose for a source: the tool that
    // wrote the file and its exact header row (`headers`, the SHA-256 of the
    // header texts), so the next export of the same list maps the same way.
    r#"
    CREATE TABLE import_mappings (
        source     TEXT NOT NULL,
        headers    TEXT NOT NULL,
        columns    TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (source, headers)
    ) STRICT;
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
