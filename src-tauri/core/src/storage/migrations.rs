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
    // 6: the rows an import left out (skipped for their problems, or
    // removed by the user), kept as the file has them: every original row
    // is kept, those not imported beside those imported.
    r#"
    CREATE TABLE import_left_out_rows (
        import_id INTEGER NOT NULL,
        line      INTEGER NOT NULL,
        text      BLOB NOT NULL,
        PRIMARY KEY (import_id, line)
    ) STRICT, WITHOUT ROWID;
    "#,
    // 7: pilots and the live request lifecycle. A pilot runs a department's
    // published items with participants and goals. Pilot requests are rows
    // of `requests` with origin 'pilot': their times are UTC
    // `YYYY-MM-DDTHH:MM:SSZ` (baseline times stay local wall times), they
    // keep the form version they were made with, and `rehearsal` marks the
    // synthetic ones, which real metrics leave out. Every change is one
    // immutable row of `request_events`.
    r#"
    CREATE TABLE pilots (
        id                  INTEGER PRIMARY KEY,
        name                TEXT NOT NULL,
        department_id       INTEGER REFERENCES departments(id) ON DELETE SET NULL,
        sponsor_id          INTEGER REFERENCES people(id) ON DELETE SET NULL,
        planned_start       TEXT,
        planned_end         TEXT,
        state               TEXT NOT NULL DEFAULT 'planned'
                                CHECK (state IN ('planned', 'running', 'ended')),
        started_at          TEXT,
        ended_at            TEXT,
        end_summary         TEXT NOT NULL DEFAULT '',
        reopen_days         INTEGER NOT NULL DEFAULT 5 CHECK (reopen_days >= 0),
        auto_close_days     INTEGER NOT NULL DEFAULT 3 CHECK (auto_close_days >= 1),
        warning_percent     INTEGER NOT NULL DEFAULT 75 CHECK (warning_percent BETWEEN 1 AND 100),
        goal_turnaround_hours REAL,
        goal_sla_percent    REAL,
        goal_satisfaction   REAL,
        goal_monthly_volume INTEGER,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
    ) STRICT;

    CREATE TABLE pilot_items (
        pilot_id INTEGER NOT NULL REFERENCES pilots(id) ON DELETE CASCADE,
        item_id  INTEGER NOT NULL REFERENCES catalog_items(id) ON DELETE CASCADE,
        PRIMARY KEY (pilot_id, item_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE pilot_participants (
        pilot_id  INTEGER NOT NULL REFERENCES pilots(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        role      TEXT NOT NULL CHECK (role IN
                      ('requester', 'fulfiller', 'approver', 'department_head', 'observer')),
        PRIMARY KEY (pilot_id, person_id, role)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX pilot_participants_person ON pilot_participants(person_id);

    ALTER TABLE requests ADD COLUMN pilot_id INTEGER REFERENCES pilots(id) ON DELETE CASCADE;
    ALTER TABLE requests ADD COLUMN form_version INTEGER;
    ALTER TABLE requests ADD COLUMN requester_id INTEGER REFERENCES people(id) ON DELETE SET NULL;
    ALTER TABLE requests ADD COLUMN state TEXT CHECK (state IS NULL OR state IN
        ('submitted', 'awaiting_approval', 'in_progress', 'on_hold', 'resolved', 'closed',
         'rejected', 'cancelled'));
    ALTER TABLE requests ADD COLUMN hold_reason TEXT;
    ALTER TABLE requests ADD COLUMN priority INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 4);
    ALTER TABLE requests ADD COLUMN assignment_group TEXT NOT NULL DEFAULT '';
    ALTER TABLE requests ADD COLUMN assignee_id INTEGER REFERENCES people(id) ON DELETE SET NULL;
    ALTER TABLE requests ADD COLUMN approval_position INTEGER;
    ALTER TABLE requests ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0 CHECK (rehearsal IN (0, 1));
    ALTER TABLE requests ADD COLUMN first_response_at TEXT;
    ALTER TABLE requests ADD COLUMN resolved_at TEXT;
    ALTER TABLE requests ADD COLUMN sla_target_secs INTEGER;
    ALTER TABLE requests ADD COLUMN sla_paused_secs INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE requests ADD COLUMN paused_since TEXT;
    ALTER TABLE requests ADD COLUMN sla_due_at TEXT;
    ALTER TABLE requests ADD COLUMN sla_warn_at TEXT;
    ALTER TABLE requests ADD COLUMN sla_met INTEGER CHECK (sla_met IS NULL OR sla_met IN (0, 1));
    ALTER TABLE requests ADD COLUMN rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5);
    ALTER TABLE requests ADD COLUMN rating_comment TEXT;
    ALTER TABLE requests ADD COLUMN updated_at TEXT;

    -- The queue: open requests of a pilot by group or assignee, soonest due
    -- first. Partial, so closed history costs the queue nothing.
    CREATE INDEX requests_queue_group ON requests(pilot_id, assignment_group, sla_due_at, id)
        WHERE state IN ('submitted', 'awaiting_approval', 'in_progress', 'on_hold');
    CREATE INDEX requests_queue_assignee ON requests(assignee_id, sla_due_at, id)
        WHERE state IN ('submitted', 'awaiting_approval', 'in_progress', 'on_hold');
    CREATE INDEX requests_requester ON requests(requester_id, opened_at);
    CREATE INDEX requests_pilot ON requests(pilot_id, rehearsal);

    CREATE TABLE request_approvals (
        request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('requester_manager', 'person', 'group')),
        person_id  INTEGER REFERENCES people(id) ON DELETE SET NULL,
        group_name TEXT,
        decision   TEXT CHECK (decision IS NULL OR decision IN ('approved', 'rejected')),
        decided_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
        decided_at TEXT,
        comment    TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (request_id, position)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX request_approvals_person ON request_approvals(person_id) WHERE decision IS NULL;

    CREATE TABLE request_tasks (
        request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        title      TEXT NOT NULL,
        done_at    TEXT,
        done_by    INTEGER REFERENCES people(id) ON DELETE SET NULL,
        PRIMARY KEY (request_id, position)
    ) STRICT, WITHOUT ROWID;

    -- One row per change: who (`actor_id`; `acting` = the analyst acted for
    -- them), when (UTC), what (`kind`), state from → to, and the text that
    -- came with it (a comment, a reason). Rows are never changed; they go
    -- only with their request.
    CREATE TABLE request_events (
        id         INTEGER PRIMARY KEY,
        request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
        at         TEXT NOT NULL,
        actor_id   INTEGER REFERENCES people(id) ON DELETE SET NULL,
        actor_name TEXT NOT NULL,
        acting     INTEGER NOT NULL CHECK (acting IN (0, 1)),
        kind       TEXT NOT NULL,
        from_state TEXT,
        to_state   TEXT,
        detail     TEXT NOT NULL DEFAULT '',
        internal   INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1))
    ) STRICT;
    CREATE INDEX request_events_request ON request_events(request_id, id);
    CREATE TRIGGER request_events_immutable BEFORE UPDATE ON request_events
    BEGIN
        SELECT RAISE(ABORT, 'a request event cannot be changed');
    END;
    "#,
    // 8: report tiles the user saved: a measure over a form field (or a
    // count), optionally grouped, for a scope (`item:<id>`,
    // `department:<id>` or `all`); `definition` is the tile as JSON.
    r#"
    CREATE TABLE report_tiles (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        scope      TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX report_tiles_scope ON report_tiles(scope);
    "#,
    // 9: the pilot portal. `portal_links` are the personal links
    // participants sign in with: one per person and role in a pilot, only
    // the SHA-256 of the token kept (hex), with an expiry and a revocation.
    // `portal_audit` records every sign-in (also refused ones) and every
    // change made through the portal, with the address it came from; its
    // ids are plain numbers, not foreign keys, so the record outlives a
    // deleted pilot or person, and a trigger refuses updates.
    r#"
    CREATE TABLE portal_links (
        id         INTEGER PRIMARY KEY,
        pilot_id   INTEGER NOT NULL REFERENCES pilots(id) ON DELETE CASCADE,
        person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        role       TEXT NOT NULL CHECK (role IN
                       ('requester', 'fulfiller', 'approver', 'department_head', 'observer')),
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
    ) STRICT;
    CREATE INDEX portal_links_pilot ON portal_links(pilot_id, person_id);
    CREATE INDEX portal_links_person ON portal_links(person_id);

    CREATE TABLE portal_audit (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        pilot_id   INTEGER,
        person_id  INTEGER,
        person_name TEXT NOT NULL DEFAULT '',
        link_id    INTEGER,
        action     TEXT NOT NULL,
        request_id INTEGER,
        detail     TEXT NOT NULL DEFAULT '',
        address    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX portal_audit_pilot ON portal_audit(pilot_id, id);
    CREATE TRIGGER portal_audit_immutable BEFORE UPDATE ON portal_audit
    BEGIN
        SELECT RAISE(ABORT, 'an audit entry cannot be changed');
    END;
    "#,
    // 10: the use-case backlog. `assumptions` is the value model's JSON (see
    // `value::Assumptions`), the one place a use case's volume and savings
    // live; `quarter` (`YYYY-Qn`) places it on the roadmap.
    r#"
    CREATE TABLE use_cases (
        id                  INTEGER PRIMARY KEY,
        department_id       INTEGER REFERENCES departments(id) ON DELETE SET NULL,
        process             TEXT NOT NULL,
        pain                TEXT NOT NULL DEFAULT '',
        channel             TEXT NOT NULL CHECK (channel IN
                                ('paper', 'email', 'sharepoint_list', 'spreadsheet', 'other')),
        minutes_per_request REAL NOT NULL CHECK (minutes_per_request >= 0),
        outcome             TEXT NOT NULL DEFAULT '',
        kpi                 TEXT NOT NULL DEFAULT '',
        effort_days         REAL NOT NULL CHECK (effort_days > 0),
        sponsor_id          INTEGER REFERENCES people(id) ON DELETE SET NULL,
        status              TEXT NOT NULL CHECK (status IN
                                ('idea', 'candidate', 'piloting', 'live', 'retired')),
        quarter             TEXT CHECK (quarter IS NULL OR
                                quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
        assumptions         TEXT NOT NULL,
        source_import_id    INTEGER REFERENCES imports(id) ON DELETE SET NULL,
        source_row          INTEGER,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
    ) STRICT;
    CREATE INDEX use_cases_department ON use_cases(department_id);
    CREATE INDEX use_cases_sponsor ON use_cases(sponsor_id);
    CREATE INDEX use_cases_import ON use_cases(source_import_id);
    "#,
    // 11: a pilot's success story: the analyst's wording (each text null
    // until edited, when the story generates it from the data) and the
    // request whose rating comment is quoted. No number is stored here:
    // the story computes every number from the requests each time.
    r#"
    CREATE TABLE story_texts (
        pilot_id         INTEGER PRIMARY KEY REFERENCES pilots(id) ON DELETE CASCADE,
        headline         TEXT,
        challenge        TEXT,
        solution         TEXT,
        next_steps       TEXT,
        quote_request_id INTEGER REFERENCES requests(id) ON DELETE SET NULL,
        updated_at       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX story_texts_quote ON story_texts(quote_request_id);
    "#,
    // 12: intake: pilot requests taken in from a newer export of the source a
    // pilot's item was made from. `source_key` is the row's identity in
    // that source (its id, or its time and requester), unique per item so
    // a response is never taken in twice; `source_status` is the status
    // word the export showed last, so only a change turns into events.
    r#"
    ALTER TABLE requests ADD COLUMN source_key TEXT;
    ALTER TABLE requests ADD COLUMN source_status TEXT;
    CREATE UNIQUE INDEX requests_source_key ON requests(catalog_item_id, source_key)
        WHERE source_key IS NOT NULL;
    "#,
    // 13: saved views of the queue: a name (unique in the workspace,
    // whatever its case) and the queue's filters as JSON (see
    // `requests::views::ViewFilter`). "Assigned to me" is kept as a flag,
    // not a person, so a view means the same for whoever applies it.
    r#"
    CREATE TABLE queue_views (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        filter TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX queue_views_name ON queue_views(name COLLATE NOCASE);
    "#,
    // 14: knowledge articles per department and, optionally, per catalog
    // item: Markdown bodies, rendered to safe HTML when shown, never
    // stored as HTML. `article_feedback` keeps each "did this answer your
    // question?" answer; a yes is a request not made (a deflection).
    r#"
    CREATE TABLE knowledge_articles (
        id              INTEGER PRIMARY KEY,
        department_id   INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
        catalog_item_id INTEGER REFERENCES catalog_items(id) ON DELETE SET NULL,
        title           TEXT NOT NULL,
        body            TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        owner_id        INTEGER REFERENCES people(id) ON DELETE SET NULL,
        review_date     TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX knowledge_articles_department ON knowledge_articles(department_id);
    CREATE INDEX knowledge_articles_item ON knowledge_articles(catalog_item_id);
    CREATE INDEX knowledge_articles_owner ON knowledge_articles(owner_id);

    CREATE TABLE article_feedback (
        id         INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES knowledge_articles(id) ON DELETE CASCADE,
        answered   INTEGER NOT NULL CHECK (answered IN (0, 1)),
        at         TEXT NOT NULL,
        person_id  INTEGER REFERENCES people(id) ON DELETE SET NULL,
        source     TEXT NOT NULL CHECK (source IN ('portal'))
    ) STRICT;
    CREATE INDEX article_feedback_article ON article_feedback(article_id);
    CREATE INDEX article_feedback_person ON article_feedback(person_id);
    "#,
    // 15: the notification outbox: messages for a person about a pilot
    // request (approval needed, resolved, please rate, SLA about to breach),
    // queued in the transaction of the change that causes them. One message
    // per request, person and kind, so repeating a step never doubles it;
    // `sent_at` is set when the analyst sends it, `seen_at` when its person
    // reads it on the portal.
    r#"
    CREATE TABLE outbox (
        id          INTEGER PRIMARY KEY,
        pilot_id    INTEGER NOT NULL REFERENCES pilots(id) ON DELETE CASCADE,
        request_id  INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
        person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL
                        CHECK (kind IN ('approval_needed', 'resolved', 'please_rate', 'sla_breach_soon')),
        subject     TEXT NOT NULL,
        body        TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        sent_at     TEXT,
        seen_at     TEXT,
        UNIQUE (request_id, person_id, kind)
    ) STRICT;
    CREATE INDEX outbox_pilot_unsent ON outbox(pilot_id, sent_at);
    CREATE INDEX outbox_person ON outbox(person_id, pilot_id);
    "#,
    // 16: the use case a pilot runs, stored instead of guessed (the story
    // and the roadmap used to pick a piloting or live use case of the
    // pilot's department by shared words). A deleted use case leaves its
    // pilots unlinked. Where a department has exactly one piloting or live
    // use case, its pilots are linked to it now, as the guess would have;
    // anything less certain is left for the analyst to pick in the editor.
    r#"
    ALTER TABLE pilots ADD COLUMN use_case_id INTEGER
        REFERENCES use_cases(id) ON DELETE SET NULL;
    CREATE INDEX pilots_use_case ON pilots(use_case_id);
    UPDATE pilots SET use_case_id = (
        SELECT u.id FROM use_cases u
        WHERE u.department_id = pilots.department_id AND u.status IN ('piloting', 'live')
    )
    WHERE department_id IS NOT NULL
      AND (SELECT count(*) FROM use_cases u
           WHERE u.department_id = pilots.department_id
             AND u.status IN ('piloting', 'live')) = 1;
    "#,
    // 17: approval delegation: while an approver is away (from `starts_at`
    // up to, not including, `ends_at`; UTC), a stand-in decides the
    // approval steps that are the approver's own. Kept per pilot, since
    // the stand-in must take part in it as an approver.
    r#"
    CREATE TABLE approval_delegations (
        id             INTEGER PRIMARY KEY,
        pilot_id       INTEGER NOT NULL REFERENCES pilots(id) ON DELETE CASCADE,
        from_person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        to_person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        starts_at      TEXT NOT NULL,
        ends_at        TEXT NOT NULL,
        note           TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL,
        CHECK (from_person_id <> to_person_id),
        CHECK (starts_at < ends_at)
    ) STRICT;
    CREATE INDEX approval_delegations_to ON approval_delegations(pilot_id, to_person_id);
    CREATE INDEX approval_delegations_from ON approval_delegations(from_person_id);
    "#,
    // 18: files attached to pilot requests, kept in the workspace itself so
    // a workspace stays one file that is copied, backed up and written in
    // one transaction. A file is data only: nothing here is ever opened,
    // run or shown as HTML. `field_key` names the form's attachment field
    // the file answers, when it came with the form.
    r#"
    CREATE TABLE request_attachments (
        id            INTEGER PRIMARY KEY,
        request_id    INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
        field_key     TEXT,
        name          TEXT NOT NULL CHECK (length(name) > 0),
        media_type    TEXT NOT NULL,
        size          INTEGER NOT NULL CHECK (size > 0),
        content       BLOB NOT NULL,
        added_by      INTEGER REFERENCES people(id) ON DELETE SET NULL,
        added_by_name TEXT NOT NULL,
        added_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX request_attachments_request ON request_attachments(request_id, id);
    CREATE TRIGGER request_attachments_immutable BEFORE UPDATE ON request_attachments
    BEGIN
        SELECT RAISE(ABORT, 'an attachment cannot be changed');
    END;
    "#,
    // 19: the queue of a whole pilot (no group or assignee chosen), soonest
    // due first, read in order from an index instead of sorting every open
    // request: at a million requests the first page took a quarter of a
    // second to sort, and is now read at once.
    r#"
    CREATE INDEX requests_queue_pilot ON requests(pilot_id, sla_due_at, id)
        WHERE state IN ('submitted', 'awaiting_approval', 'in_progress', 'on_hold');
    "#,
    // 20: the assignment groups a fulfiller of a pilot works in, so the
    // portal shows them only their groups' requests. A fulfiller with no
    // rows here works every group of the pilot, which is what every
    // fulfiller did before, so existing pilots keep behaving as they did.
    // The rows hang off the fulfiller's participation and go with it.
    r#"
    CREATE TABLE pilot_fulfiller_groups (
        pilot_id   INTEGER NOT NULL,
        person_id  INTEGER NOT NULL,
        role       TEXT NOT NULL DEFAULT 'fulfiller' CHECK (role = 'fulfiller'),
        group_name TEXT NOT NULL CHECK (length(group_name) > 0),
        PRIMARY KEY (pilot_id, person_id, group_name),
        FOREIGN KEY (pilot_id, person_id, role)
            REFERENCES pilot_participants(pilot_id, person_id, role) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID;
    "#,
];

/// The schema version this build writes and the newest it can read.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Brings the workspace up to [`LATEST`], one migration per transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST)
}

/// Brings the workspace up to `target` (at most [`LATEST`]), one migration
/// per transaction; tests stop short of a migration to see what it does to
/// the data an older workspace holds.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let pending = MIGRATIONS
        .iter()
        .enumerate()
        .take(target.clamp(0, LATEST) as usize)
        .skip(current.max(0) as usize);
    for (index, sql) in pending {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The tables a workspace at `version` has, each with its columns in
/// order: what applying the first `version` migrations to an empty file
/// gives. A file whose tables differ is not a workspace of that version,
/// however its `application_id` reads.
pub fn expected_tables(version: i64) -> Result<Vec<(String, Vec<String>)>> {
    let conn = Connection::open_in_memory()?;
    for sql in MIGRATIONS.iter().take(version.max(0) as usize) {
        conn.execute_batch(sql)?;
    }
    tables(&conn)
}

/// The tables of a database, by name, each with its column names in order.
pub fn tables(conn: &Connection) -> Result<Vec<(String, Vec<String>)>> {
    let mut names = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let names: Vec<String> = names
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut columns = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    names
        .into_iter()
        .map(|table| {
            let cols = columns
                .query_map([&table], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok((table, cols))
        })
        .collect()
}

/// The version a connection's workspace is at.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}
