//! What a workspace file is protected from: damage found before anything
//! is written, files that only claim to be workspaces, pipes, stale logs
//! beside a Save As target, storage failures told with the file's name, and
//! a damaged settings file. Regression tests for issue 9, on real files.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use pilot_core::import::{self, ImportOptions};
use pilot_core::settings::Settings;
use pilot_core::storage::APPLICATION_ID;
use pilot_core::{Error, Workspace};
use rusqlite::Connection;

/// A closed workspace with an import of `rows` rows in it: many pages.
fn workspace_with_rows(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("w.pilot");
    let mut ws = Workspace::create(&path).unwrap();
    let mut text = String::from("id,name,note\n");
    for i in 0..rows {
        text.push_str(&format!(
            "{i},name {i},a note that fills pages {}\n",
            i * 7919
        ));
    }
    let csv = dir.join("rows.csv");
    std::fs::write(&csv, text).unwrap();
    pilot_core::flows::import_file(
        &mut ws,
        &csv,
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    drop(ws);
    path
}

fn refused_untouched(path: &Path) -> Error {
    let before = std::fs::read(path).unwrap();
    let err = match Workspace::open(path) {
        Ok(_) => panic!("{} should have been refused", path.display()),
        Err(e) => e,
    };
    assert_eq!(std::fs::read(path).unwrap(), before, "not one byte changed");
    assert!(
        err.to_string()
            .contains(&path.file_name().unwrap().to_string_lossy().into_owned()),
        "{err}"
    );
    err
}

#[test]
fn a_workspace_damaged_in_a_middle_page_is_refused_before_any_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = workspace_with_rows(dir.path(), 20_000);
    let len = std::fs::metadata(&path).unwrap().len();
    let page = 4096u64;
    let middle = (len / page / 2) * page;
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[middle as usize..(middle + page) as usize] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = refused_untouched(&path);
    assert_eq!(err.code(), "corrupt_workspace", "{err}");
}

fn foreign_workspace(dir: &Path, version: i64, sql: &str) -> PathBuf {
    let path = dir.join("foreign.pilot");
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    path
}

#[test]
fn a_file_marked_as_a_workspace_with_other_tables_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let latest = pilot_core::storage::migrations::LATEST;
    let path = foreign_workspace(
        dir.path(),
        latest,
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);",
    );
    let err = refused_untouched(&path);
    assert_eq!(err.code(), "not_a_workspace");
    assert!(!err.to_string().contains("CREATE"), "{err}");
}

#[test]
fn an_older_workspace_whose_tables_do_not_match_its_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = foreign_workspace(
        dir.path(),
        1,
        "CREATE TABLE workspace_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
         CREATE TABLE imports (id INTEGER PRIMARY KEY);",
    );
    let err = refused_untouched(&path);
    assert_eq!(err.code(), "not_a_workspace");
    assert!(!err.to_string().contains("CREATE"), "{err}");
}

#[test]
fn a_workspace_missing_its_meta_table_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = workspace_with_rows(dir.path(), 10);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("DROP TABLE workspace_meta").unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let err = refused_untouched(&path);
    assert!(err.to_string().contains("workspace_meta"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_pipe_named_like_a_workspace_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.pilot");
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    match Workspace::open(&path) {
        Err(e @ Error::NotAWorkspace { .. }) => assert!(e.to_string().contains("pipe"), "{e}"),
        Err(e) => panic!("expected not_a_workspace, got {e}"),
        Ok(_) => panic!("a pipe opened as a workspace"),
    }
}

#[test]
fn save_as_over_a_workspace_with_a_stale_log_gives_a_clean_copy() {
    let dir = tempfile::tempdir().unwrap();
    let source = workspace_with_rows(dir.path(), 50);
    let dest = dir.path().join("dest.pilot");
    // An old workspace at the destination, left with a log beside it.
    {
        let ws = Workspace::create(&dest).unwrap();
        drop(ws);
        std::fs::write(dir.path().join("dest.pilot-wal"), vec![7u8; 8192]).unwrap();
    }
    let mut ws = Workspace::open(&source).unwrap();
    ws.save_as(&dest).unwrap();
    drop(ws);
    let copy = Workspace::open(&dest).unwrap();
    assert_eq!(import::list(&copy).unwrap().len(), 1);
}

#[test]
fn storage_failures_name_the_file_and_say_what_to_do() {
    use rusqlite::ffi;
    let path = Path::new("/somewhere/Finance.pilot");
    let failure = |code| {
        Error::Sqlite(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None)).in_file(path)
    };
    let read_only = failure(ffi::SQLITE_READONLY).to_string();
    assert!(read_only.contains("Finance.pilot"), "{read_only}");
    assert!(read_only.contains("Save As"), "{read_only}");
    let busy = failure(ffi::SQLITE_BUSY).to_string();
    assert!(
        busy.contains("Finance.pilot") && busy.contains("another program"),
        "{busy}"
    );
    let full = failure(ffi::SQLITE_FULL).to_string();
    assert!(
        full.contains("disk is full") && full.contains("nothing was saved"),
        "{full}"
    );
    let io = failure(ffi::SQLITE_IOERR).to_string();
    assert!(
        io.contains("Finance.pilot") && io.contains("disk error"),
        "{io}"
    );
}

#[test]
fn a_damaged_settings_file_gives_defaults_and_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    std::fs::write(&path, b"{\"recent\": [\"/a.pilot\", 17").unwrap();
    let settings = Settings::load(&path);
    assert_eq!(settings, Settings::default());
    let aside = dir.path().join("settings.json.damaged");
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        b"{\"recent\": [\"/a.pilot\", 17"
    );
    // The next save writes fresh settings and leaves the damaged copy.
    let mut settings = settings;
    settings.remember(Path::new("/b.pilot"));
    settings.save(&path).unwrap();
    assert_eq!(Settings::load(&path).recent, [PathBuf::from("/b.pilot")]);
    assert!(aside.exists());
}

#[test]
fn a_huge_or_piped_settings_file_does_not_stop_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    std::fs::write(&path, vec![b' '; 3 << 20]).unwrap();
    assert_eq!(Settings::load(&path), Settings::default());
    #[cfg(unix)]
    {
        let piped = dir.path().join("piped.json");
        let c = std::ffi::CString::new(piped.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(Settings::load(&piped), Settings::default());
    }
}
