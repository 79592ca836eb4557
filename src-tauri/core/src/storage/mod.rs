//! Storage: the only place in the project that speaks SQL.
//!
//! A workspace is one SQLite file. It is recognised by its `application_id`,
//! versioned by `user_version` and upgraded by [`migrations`]. Connections run
//! in WAL mode with foreign keys on, and every change happens inside a
//! transaction, so a process killed at any moment leaves the previous state.
//!
//! One sub-module per table family holds that family's statements.

pub mod articles;
pub mod attachments;
pub mod catalog;
pub mod delegations;
pub mod departments;
pub mod events;
pub mod imports;
pub mod mappings;
pub mod meta;
pub mod metrics;
pub mod migrations;
pub mod outbox;
pub mod people;
pub mod pilots;
pub mod portal;
pub mod queue_views;
pub mod requests;
pub mod stories;
pub mod use_cases;

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{storage_failure, Error, Result};
pub use pilot_csv::regular::{open_regular, Opened};

/// `PILT` in ASCII: marks a SQLite file as a Pilot Studio workspace.
pub const APPLICATION_ID: i64 = 0x5049_4C54;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Creates a new, empty workspace at `path`. The file must not exist yet;
/// the caller holds the workspace lock (see `lock`).
///
/// The schema is written to a temporary file next to the target, which is
/// linked into place only once complete, and only if no file has appeared
/// under that name meanwhile: a crash never leaves a half-made workspace
/// under the chosen name, and a file made by someone else is never
/// replaced.
pub fn create(path: &Path, name: &str) -> Result<Connection> {
    let exists = || Error::invalid("path", format!("{} already exists.", path.display()));
    if path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = tempfile_in(dir, path)?;
    let made = (|| -> Result<()> {
        let mut conn = Connection::open(&tmp).map_err(|e| storage_failure(path, e))?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        migrations::migrate(&mut conn)?;
        meta::init(&conn, name)?;
        Ok(())
    })()
    .map_err(|e| e.in_file(path));
    // A hard link fails when the name is taken, where a rename would
    // silently replace what is there.
    let placed = made.and_then(|()| match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(Error::io(path, e)),
    });
    let _ = std::fs::remove_file(&tmp);
    placed?;
    open(path)
}

/// Opens an existing workspace, upgrading an older one.
///
/// The file is first inspected read-only; a file that is not a workspace, is
/// damaged, or comes from a newer version is refused before anything could
/// write to it.
pub fn open(path: &Path) -> Result<Connection> {
    inspect(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| storage_failure(path, e))?;
    let mut conn = conn;
    configure(&conn)
        .and_then(|()| migrations::migrate(&mut conn))
        .map_err(|e| e.in_file(path))?;
    Ok(conn)
}

/// Checks that `path` holds a workspace this version can read, without
/// writing a single byte to it.
pub fn inspect(path: &Path) -> Result<()> {
    let mut header = [0u8; 16];
    let mut file = open_regular(path).map_err(|reason| match reason {
        Opened::Io(e) => Error::io(path, e),
        Opened::NotAFile(what) => Error::NotAWorkspace {
            path: path.to_owned(),
            reason: format!("it is {what}, not a file"),
        },
    })?;
    let read = read_up_to(&mut file, &mut header).map_err(|e| Error::io(path, e))?;
    if read < header.len() || &header != SQLITE_MAGIC {
        return Err(Error::NotAWorkspace {
            path: path.to_owned(),
            reason: "it is not a database file".into(),
        });
    }
    let conn = Connection::open_with_flags(
        read_only_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(|e| storage_failure(path, e))?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| storage_failure(path, e))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotAWorkspace {
            path: path.to_owned(),
            reason: "it is a database of another program".into(),
        });
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| storage_failure(path, e))?;
    if version > migrations::LATEST {
        return Err(Error::NewerVersion {
            path: path.to_owned(),
            found: version,
            supported: migrations::LATEST,
        });
    }
    // The tables must be exactly those of its version: a file with the
    // right mark but other tables (another program's, or a damaged
    // schema) would fail later, after the first writes.
    let found = migrations::tables(&conn).map_err(|e| e.in_file(path))?;
    let expected = migrations::expected_tables(version)?;
    if found != expected {
        return Err(Error::NotAWorkspace {
            path: path.to_owned(),
            reason: schema_difference(version, &found, &expected),
        });
    }
    // Damage in the middle of the file (a page overwritten, a sector lost)
    // shows only when every page is looked at; finding it now keeps a
    // damaged workspace from being written to.
    let check: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| storage_failure(path, e))?;
    if check != "ok" {
        return Err(Error::Corrupt {
            path: path.to_owned(),
            reason: "some of its pages are damaged (restore it from a backup, or keep it as it is and start a new workspace)".into(),
        });
    }
    Ok(())
}

/// How the tables of a file differ from those of a workspace of its
/// version, in a few words.
fn schema_difference(
    version: i64,
    found: &[(String, Vec<String>)],
    expected: &[(String, Vec<String>)],
) -> String {
    let missing = expected
        .iter()
        .find(|(name, _)| !found.iter().any(|(f, _)| f == name));
    let extra = found
        .iter()
        .find(|(name, _)| !expected.iter().any(|(e, _)| e == name));
    let what = match (missing, extra) {
        (Some((name, _)), _) => format!("its table {name} is missing"),
        (None, Some((name, _))) => format!("it has a table {name} that workspaces do not have"),
        (None, None) => {
            let changed = found
                .iter()
                .zip(expected)
                .find(|(f, e)| f != e)
                .map_or("?", |(f, _)| f.0.as_str());
            format!("the columns of its table {changed} are not those of a workspace")
        }
    };
    format!("it is marked as a workspace (format {version}), but {what}")
}

/// Writes a consistent copy of the open workspace to `dest` using SQLite's
/// online backup, through a temporary file renamed into place at the end.
/// The caller holds the lock on `dest`.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    let dir = dest.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    let tmp = tempfile_in(dir, dest)?;
    let copied = (|| -> Result<()> {
        let mut out = Connection::open(&tmp)?;
        let backup = rusqlite::backup::Backup::new(conn, &mut out)?;
        backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        drop(backup);
        // The copy is a plain rollback-journal file until it is opened as a
        // workspace; that makes it a single self-contained file to move.
        out.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    })()
    .map_err(|e| e.in_file(dest));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // A workspace replaced by the copy may have left its write-ahead log
    // beside it; SQLite would read that log into the copy.
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = dest.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(Error::io(std::path::PathBuf::from(side), e));
            }
        }
    }
    std::fs::rename(&tmp, dest).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(dest, e)
    })?;
    Ok(())
}

/// The URI under which [`inspect`] opens `path`. A plain read-only open of a
/// WAL-mode file creates `-wal` and `-shm` files beside it and, being
/// read-only, cannot remove them on close. When no `-wal` or `-journal` file
/// sits beside the file, the main file holds all of its content, so it is
/// opened `immutable`: nothing is created. Otherwise (a workspace left by a
/// crash, or open elsewhere) it is opened read-only the ordinary way, so the
/// pending changes in those files are seen.
fn read_only_uri(path: &Path) -> String {
    use std::fmt::Write;
    // Every other byte is escaped, `/` too, so no path reads as a URI
    // authority (`//host/…`), query or fragment.
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            uri.push(b as char);
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    let beside = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name).exists()
    };
    if !beside("-wal") && !beside("-journal") {
        uri.push_str("?immutable=1");
    }
    uri
}

fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut read = 0;
    while read < buf.len() {
        match file.read(&mut buf[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read)
}

/// A fresh path next to `target` for a file that is renamed onto it later.
fn tempfile_in(dir: &Path, target: &Path) -> Result<std::path::PathBuf> {
    let stem = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".into());
    let tmp = dir.join(format!(".{stem}.{}.tmp", std::process::id()));
    if tmp.exists() {
        std::fs::remove_file(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    Ok(tmp)
}

/// A `LIKE` pattern matching `query` anywhere, with `%`, `_` and `\` in the
/// query taken literally.
pub(crate) fn like_pattern(query: &str) -> String {
    let mut pattern = String::with_capacity(query.len() + 2);
    pattern.push('%');
    for c in query.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Runs `f` inside a savepoint of the caller's transaction: kept when it
/// succeeds, undone in full when it fails, so one part of a larger change
/// (one row taken in, say) is never left half done.
pub(crate) fn attempt<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT attempt")?;
    match f() {
        Ok(value) => {
            conn.execute_batch("RELEASE attempt")?;
            Ok(value)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO attempt; RELEASE attempt")?;
            Err(e)
        }
    }
}
