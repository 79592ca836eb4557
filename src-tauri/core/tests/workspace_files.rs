//! Workspace files: how a workspace is created, recognised, upgraded, refused
//! and copied, and how the app's settings file behaves. Every test works on
//! real SQLite files in a temporary directory.

use std::fs;
use std::path::{Path, PathBuf};

use pilot_core::directory::{self, BusinessHours, DepartmentInput, PersonInput, Role};
use pilot_core::flows;
use pilot_core::settings::Settings;
use pilot_core::storage::{self, migrations, APPLICATION_ID};
use pilot_core::{Error, Workspace};
use pilot_fixtures::{department_input, person_input};
use rusqlite::Connection;
use tempfile::TempDir;

// ---------------------------------------------------------------- helpers

fn department(name: &str) -> DepartmentInput {
    DepartmentInput {
        is_provider: false,
        ..department_input(name, BusinessHours::office("Europe/Berlin"))
    }
}

fn person(name: &str, email: &str, department_id: Option<i64>) -> PersonInput {
    PersonInput {
        department_id,
        roles: vec![Role::Requester],
        ..person_input(name, email)
    }
}

/// A closed workspace holding one department with one person in it.
fn workspace_with_content(dir: &Path, file: &str) -> PathBuf {
    let path = dir.join(file);
    let mut ws = Workspace::create(&path).expect("create workspace");
    let hr = directory::create_department(&mut ws, department("Human Resources")).unwrap();
    directory::create_person(
        &mut ws,
        person("Ada Lovelace", "ada@example.org", Some(hr.id)),
    )
    .unwrap();
    path
}

fn open(path: &Path) -> Workspace {
    match Workspace::open(path) {
        Ok(ws) => ws,
        Err(e) => panic!("{} should open: {e}", path.display()),
    }
}

fn open_err(path: &Path) -> Error {
    match Workspace::open(path) {
        Ok(_) => panic!("{} should have been refused", path.display()),
        Err(e) => e,
    }
}

fn names_of_people(ws: &Workspace) -> Vec<String> {
    directory::list_people(ws, "")
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn names_of_departments(ws: &Workspace) -> Vec<String> {
    directory::list_departments(ws, "")
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect()
}

/// The names of the entries of a directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn pragma_text(conn: &Connection, name: &str) -> String {
    conn.pragma_query_value(None, name, |r| r.get(0)).unwrap()
}

fn pragma_int(conn: &Connection, name: &str) -> i64 {
    conn.pragma_query_value(None, name, |r| r.get(0)).unwrap()
}

/// Opening `path` is refused with `code`, the message names the file, and
/// neither the file nor its directory changes: same bytes, and no `-wal`,
/// `-shm` or temporary file appears beside it.
fn assert_refused_untouched(path: &Path, code: &str) -> Error {
    let dir = path.parent().unwrap();
    let bytes_before = fs::read(path).unwrap();
    let listing_before = listing(dir);

    let err = open_err(path);
    assert_eq!(err.code(), code, "unexpected error: {err}");
    let shown = fs::canonicalize(path).unwrap().display().to_string();
    assert!(
        err.to_string().contains(&shown),
        "the message should name {shown}: {err}"
    );
    // The read-only check on its own refuses it the same way.
    let inspected = storage::inspect(path).expect_err("inspect should refuse it too");
    assert_eq!(inspected.code(), code, "{inspected}");

    let bytes_after = fs::read(path).unwrap();
    assert!(
        bytes_after == bytes_before,
        "refusing {} changed its bytes ({} bytes before, {} after)",
        path.display(),
        bytes_before.len(),
        bytes_after.len()
    );
    assert_eq!(
        listing(dir),
        listing_before,
        "refusing {} left files beside it",
        path.display()
    );
    err
}

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

// ------------------------------------------------------ new workspaces

#[test]
fn a_new_workspace_is_at_the_latest_version_in_wal_mode_with_foreign_keys_on() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Programme.pilot");

    let conn = storage::create(&path, "Programme").unwrap();
    const { assert!(migrations::LATEST >= 1) };
    assert_eq!(migrations::version(&conn).unwrap(), migrations::LATEST);
    assert_eq!(pragma_int(&conn, "application_id"), APPLICATION_ID);
    assert_eq!(pragma_text(&conn, "journal_mode"), "wal");
    assert_eq!(pragma_int(&conn, "foreign_keys"), 1);
    assert_eq!(pragma_int(&conn, "synchronous"), 1, "synchronous=NORMAL");
    drop(conn);

    // The mode and the version are properties of the file, not only of the
    // connection that created it.
    let raw = Connection::open(&path).unwrap();
    assert_eq!(pragma_text(&raw, "journal_mode"), "wal");
    assert_eq!(pragma_int(&raw, "user_version"), migrations::LATEST);
    assert_eq!(pragma_int(&raw, "application_id"), APPLICATION_ID);
    drop(raw);

    // Reopening gives the same configuration.
    let conn = storage::open(&path).unwrap();
    assert_eq!(pragma_text(&conn, "journal_mode"), "wal");
    assert_eq!(pragma_int(&conn, "foreign_keys"), 1);
    assert_eq!(migrations::version(&conn).unwrap(), migrations::LATEST);
}

#[test]
fn a_new_workspace_is_empty_and_named_after_its_file() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Finance pilot.pilot");
    let ws = Workspace::create(&path).unwrap();
    let info = ws.info().unwrap();
    assert_eq!(info.name, "Finance pilot");
    assert_eq!((info.departments, info.people), (0, 0));
    drop(ws);

    let ws = open(&path);
    assert_eq!(ws.path(), fs::canonicalize(&path).unwrap());
    assert_eq!(ws.info().unwrap().name, "Finance pilot");
    assert!(storage::inspect(&path).is_ok());
}

#[test]
fn creating_a_workspace_leaves_only_the_workspace_file_behind() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Tidy.pilot");
    drop(Workspace::create(&path).unwrap());
    assert_eq!(listing(dir.path()), vec!["Tidy.pilot".to_owned()]);
}

#[test]
fn creating_a_workspace_makes_the_missing_folders() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a").join("b").join("Nested.pilot");
    drop(Workspace::create(&path).unwrap());
    assert!(path.is_file());
}

#[test]
fn create_refuses_to_overwrite_an_existing_file() {
    let dir = TempDir::new().unwrap();

    let text = dir.path().join("notes.pilot");
    fs::write(&text, "my precious notes\n").unwrap();
    let err = match Workspace::create(&text) {
        Ok(_) => panic!("create overwrote {}", text.display()),
        Err(e) => e,
    };
    assert_eq!(err.code(), "invalid", "{err}");
    assert!(
        err.to_string().contains(&text.display().to_string()),
        "{err}"
    );
    assert_eq!(fs::read(&text).unwrap(), b"my precious notes\n");

    let existing = workspace_with_content(dir.path(), "Existing.pilot");
    let before = fs::read(&existing).unwrap();
    assert!(Workspace::create(&existing).is_err());
    assert!(storage::create(&existing, "Existing").is_err());
    assert!(fs::read(&existing).unwrap() == before);
    assert_eq!(names_of_people(&open(&existing)), ["Ada Lovelace"]);
}

#[test]
fn the_starter_workspace_has_the_six_usual_departments() {
    let dir = TempDir::new().unwrap();
    let ws = flows::create_starter(&dir.path().join("Start.pilot"), "Europe/Paris").unwrap();
    let mut names = names_of_departments(&ws);
    names.sort();
    assert_eq!(
        names,
        [
            "Facilities",
            "Finance",
            "Human Resources",
            "IT",
            "Legal",
            "Procurement"
        ]
    );
    for d in directory::list_departments(&ws, "").unwrap() {
        assert!(d.is_requester && d.is_provider, "{}", d.name);
        assert_eq!(d.hours, BusinessHours::office("Europe/Paris"), "{}", d.name);
        assert_eq!(d.head_id, None);
        assert_eq!(d.people_count, 0);
    }
    let info = ws.info().unwrap();
    assert_eq!((info.departments, info.people), (6, 0));
}

#[test]
fn the_starter_workspace_falls_back_to_utc_for_an_unknown_time_zone() {
    let dir = TempDir::new().unwrap();
    let ws = flows::create_starter(&dir.path().join("Start.pilot"), "Not/AZone").unwrap();
    let departments = directory::list_departments(&ws, "").unwrap();
    assert_eq!(departments.len(), 6);
    assert!(departments.iter().all(|d| d.hours.time_zone == "UTC"));
}

// ----------------------------------------------------------- migrations

#[test]
fn an_empty_version_0_workspace_is_migrated_to_the_latest_version_when_opened() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Old.pilot");
    {
        let raw = Connection::open(&path).unwrap();
        raw.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        assert_eq!(pragma_int(&raw, "user_version"), 0);
    }
    assert!(fs::metadata(&path).unwrap().len() > 0);

    let mut ws = open(&path);
    assert_eq!(ws.info().unwrap().name, "Old", "no stored name: the file's");
    let it = directory::create_department(&mut ws, department("IT")).unwrap();
    directory::create_person(&mut ws, person("Grace", "grace@example.org", Some(it.id))).unwrap();
    drop(ws);

    let raw = Connection::open(&path).unwrap();
    assert_eq!(pragma_int(&raw, "user_version"), migrations::LATEST);
    assert_eq!(pragma_text(&raw, "journal_mode"), "wal");
    drop(raw);

    // Opening again changes nothing and keeps the data.
    let mut conn = storage::open(&path).unwrap();
    assert_eq!(migrations::version(&conn).unwrap(), migrations::LATEST);
    migrations::migrate(&mut conn).unwrap();
    assert_eq!(migrations::version(&conn).unwrap(), migrations::LATEST);
    drop(conn);
    assert_eq!(names_of_people(&open(&path)), ["Grace"]);
}

#[test]
fn migrating_an_in_memory_database_twice_is_harmless() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrations::migrate(&mut conn).unwrap();
    migrations::migrate(&mut conn).unwrap();
    assert_eq!(migrations::version(&conn).unwrap(), migrations::LATEST);
}

// ------------------------------------------------------- refused files

#[test]
fn a_newer_workspace_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = workspace_with_content(dir.path(), "Future.pilot");
    {
        let raw = Connection::open(&path).unwrap();
        raw.pragma_update(None, "user_version", migrations::LATEST + 1)
            .unwrap();
    }
    assert_eq!(listing(dir.path()), ["Future.pilot"]);

    let err = assert_refused_untouched(&path, "newer_version");
    match &err {
        Error::NewerVersion {
            found, supported, ..
        } => {
            assert_eq!(*found, migrations::LATEST + 1);
            assert_eq!(*supported, migrations::LATEST);
        }
        other => panic!("expected NewerVersion, got {other:?}"),
    }
    assert!(err.to_string().contains("newer version"), "{err}");

    // Refusing it twice changes nothing either; the file still says what it was.
    assert_refused_untouched(&path, "newer_version");
    let raw = Connection::open(&path).unwrap();
    assert_eq!(pragma_int(&raw, "user_version"), migrations::LATEST + 1);
}

#[test]
fn a_newer_version_still_only_in_the_write_ahead_log_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = workspace_with_content(dir.path(), "Upgrading.pilot");
    // Another program has the file open and has just upgraded it; the new
    // version is committed in the write-ahead log, not yet in the main file.
    let newer = Connection::open(&path).unwrap();
    newer.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    newer
        .pragma_update(None, "user_version", migrations::LATEST + 1)
        .unwrap();
    assert!(dir.path().join("Upgrading.pilot-wal").exists());

    assert_refused_untouched(&path, "newer_version");
    drop(newer);
}

#[test]
fn a_text_file_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("readme.pilot");
    fs::write(&path, "This is not a workspace.\nJust some text.\n").unwrap();
    let err = assert_refused_untouched(&path, "not_a_workspace");
    assert!(matches!(err, Error::NotAWorkspace { .. }), "{err:?}");
}

#[test]
fn an_empty_file_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("empty.pilot");
    fs::write(&path, b"").unwrap();
    assert_refused_untouched(&path, "not_a_workspace");
    assert_eq!(fs::metadata(&path).unwrap().len(), 0);
}

#[test]
fn a_file_of_random_bytes_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("noise.pilot");
    fs::write(&path, noise(64 * 1024, 0x9E37_79B9_7F4A_7C15)).unwrap();
    assert_refused_untouched(&path, "not_a_workspace");
}

#[test]
fn a_file_with_only_the_sqlite_header_line_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("header-only.pilot");
    fs::write(&path, b"SQLite format 3\0").unwrap();
    let err = open_err(&path);
    assert!(
        matches!(
            err.code().to_string().as_str(),
            "not_a_workspace" | "corrupt_workspace"
        ),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), b"SQLite format 3\0");
    assert_eq!(listing(dir.path()), ["header-only.pilot"]);
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("contacts.db");
    {
        let raw = Connection::open(&path).unwrap();
        raw.execute_batch(
            "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO contacts (name) VALUES ('Someone');",
        )
        .unwrap();
    }
    let err = assert_refused_untouched(&path, "not_a_workspace");
    assert!(err.to_string().contains("another program"), "{err}");
}

#[test]
fn another_programs_wal_mode_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("places.sqlite");
    {
        let raw = Connection::open(&path).unwrap();
        raw.pragma_update(None, "application_id", 0x1234_5678_i64)
            .unwrap();
        raw.pragma_update(None, "journal_mode", "WAL").unwrap();
        raw.execute_batch(
            "CREATE TABLE places (id INTEGER PRIMARY KEY, url TEXT);
             INSERT INTO places (url) VALUES ('https://example.org');",
        )
        .unwrap();
    }
    assert_eq!(listing(dir.path()), ["places.sqlite"]);
    assert_refused_untouched(&path, "not_a_workspace");
}

#[test]
fn a_truncated_workspace_is_refused_as_damaged_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Truncated.pilot");
    {
        let mut ws = Workspace::create(&path).unwrap();
        for i in 0..200 {
            directory::create_person(
                &mut ws,
                person(&format!("Person {i}"), &format!("p{i}@example.org"), None),
            )
            .unwrap();
        }
    }
    let full = fs::read(&path).unwrap();
    assert!(full.len() >= 4 * 4096, "the workspace spans several pages");
    fs::write(&path, &full[..full.len() / 2]).unwrap();

    let err = assert_refused_untouched(&path, "corrupt_workspace");
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn a_workspace_damaged_in_its_first_pages_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = workspace_with_content(dir.path(), "Damaged.pilot");
    let mut bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 8192);
    // Overwrite the end of page 1 (where the schema's records live) and the
    // start of page 2; the 100-byte file header stays intact.
    bytes[2048..6144].copy_from_slice(&noise(4096, 42));
    fs::write(&path, &bytes).unwrap();

    let err = assert_refused_untouched(&path, "corrupt_workspace");
    assert!(matches!(err, Error::Corrupt { .. }), "{err:?}");
}

#[test]
fn a_workspace_whose_path_has_unusual_characters_opens_and_is_refused_the_same_way() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("50% off #1 ?x=y & Co");
    let path = workspace_with_content(&folder, "Ünïcødé 'plan' ?#%20.pilot");
    assert!(path.is_file());
    let ws = open(&path);
    assert_eq!(ws.info().unwrap().name, "Ünïcødé 'plan' ?#%20");
    assert_eq!(names_of_people(&ws), ["Ada Lovelace"]);
    drop(ws);
    // The same file spelled with a leading double slash.
    let doubled = PathBuf::from(format!("/{}", path.display()));
    storage::inspect(&doubled).unwrap();
    drop(storage::open(&doubled).unwrap());

    {
        let raw = Connection::open(&path).unwrap();
        raw.pragma_update(None, "user_version", migrations::LATEST + 7)
            .unwrap();
    }
    assert_refused_untouched(&path, "newer_version");
}

#[test]
fn a_workspace_already_open_elsewhere_opens_with_its_latest_changes() {
    let dir = TempDir::new().unwrap();
    let path = workspace_with_content(dir.path(), "Shared.pilot");
    let mut first = open(&path);
    directory::create_person(
        &mut first,
        person("Still in the log", "log@example.org", None),
    )
    .unwrap();

    // The change sits in the write-ahead log of the first connection; a
    // second opener must see it.
    let second = open(&path);
    assert_eq!(
        names_of_people(&second),
        ["Ada Lovelace", "Still in the log"]
    );
}

#[test]
fn a_missing_file_is_reported_with_its_path() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("gone.pilot");
    let err = open_err(&path);
    assert_eq!(err.code(), "io", "{err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    assert!(!path.exists(), "opening must not create the file");
}

// ------------------------------------------------------------ save as

#[test]
fn save_as_writes_a_consistent_copy_and_continues_in_it() {
    let dir = TempDir::new().unwrap();
    let original = workspace_with_content(dir.path(), "Original.pilot");
    let copy = dir.path().join("Copy for Legal.pilot");

    let mut ws = open(&original);
    let hr = directory::list_departments(&ws, "Human").unwrap()[0].clone();
    directory::create_person(
        &mut ws,
        person("Alan Turing", "alan@example.org", Some(hr.id)),
    )
    .unwrap();
    let people_before_save = {
        // What a fresh reader of the original sees before the copy is made.
        names_of_people(&open(&original))
    };

    ws.save_as(&copy).unwrap();
    assert_eq!(ws.path(), fs::canonicalize(&copy).unwrap());
    let info = ws.info().unwrap();
    assert_eq!(
        info.name, "Copy for Legal",
        "the copy is named after its file"
    );
    assert_eq!(
        info.path,
        fs::canonicalize(&copy).unwrap().display().to_string()
    );
    assert_eq!((info.departments, info.people), (1, 2));

    // Further edits go to the copy only.
    directory::create_person(&mut ws, person("Edsger", "edsger@example.org", None)).unwrap();
    directory::create_department(&mut ws, department("Legal")).unwrap();
    drop(ws);

    let original_ws = open(&original);
    assert_eq!(original_ws.info().unwrap().name, "Original");
    assert_eq!(names_of_people(&original_ws), people_before_save);
    assert_eq!(
        names_of_people(&original_ws),
        ["Ada Lovelace", "Alan Turing"]
    );
    assert_eq!(names_of_departments(&original_ws), ["Human Resources"]);
    drop(original_ws);

    let copy_ws = open(&copy);
    assert_eq!(copy_ws.info().unwrap().name, "Copy for Legal");
    assert_eq!(
        names_of_people(&copy_ws),
        ["Ada Lovelace", "Alan Turing", "Edsger"]
    );
    assert_eq!(names_of_departments(&copy_ws), ["Human Resources", "Legal"]);
    let ada = &directory::list_people(&copy_ws, "ada@").unwrap()[0];
    assert_eq!(ada.department_name.as_deref(), Some("Human Resources"));
    drop(copy_ws);

    let raw = Connection::open(&copy).unwrap();
    assert_eq!(pragma_text(&raw, "integrity_check"), "ok");
    assert_eq!(pragma_int(&raw, "user_version"), migrations::LATEST);
    assert_eq!(pragma_int(&raw, "application_id"), APPLICATION_ID);
    drop(raw);

    let mut left = listing(dir.path());
    left.sort();
    assert_eq!(
        left,
        ["Copy for Legal.pilot", "Original.pilot"],
        "no temporary files"
    );
}

#[test]
fn the_original_is_unchanged_after_edits_in_the_copy() {
    let dir = TempDir::new().unwrap();
    let original = workspace_with_content(dir.path(), "Original.pilot");
    let before = fs::read(&original).unwrap();

    let mut ws = open(&original);
    ws.save_as(&dir.path().join("Copy.pilot")).unwrap();
    let ada = directory::list_people(&ws, "Ada").unwrap()[0].clone();
    directory::delete_person(&mut ws, ada.id).unwrap();
    directory::create_department(&mut ws, department("Finance")).unwrap();
    drop(ws);

    assert!(
        fs::read(&original).unwrap() == before,
        "the original's bytes changed"
    );
    assert_eq!(names_of_people(&open(&original)), ["Ada Lovelace"]);
}

#[test]
fn a_copy_is_complete_while_the_workspace_is_still_open() {
    let dir = TempDir::new().unwrap();
    let original = workspace_with_content(dir.path(), "Original.pilot");
    let copy = dir.path().join("Snapshot.pilot");
    let mut ws = open(&original);
    ws.save_as(&copy).unwrap();

    // A second reader sees the whole copy even though `ws` still has it open.
    let reader = open(&copy);
    assert_eq!(names_of_people(&reader), ["Ada Lovelace"]);
    assert_eq!(reader.info().unwrap().name, "Snapshot");
}

#[test]
fn saving_as_the_workspaces_own_file_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let path = workspace_with_content(dir.path(), "Same.pilot");
    let mut ws = open(&path);
    let own = ws.path().to_owned();
    ws.save_as(&own).unwrap();
    assert_eq!(ws.path(), own);
    assert_eq!(names_of_people(&ws), ["Ada Lovelace"]);
    directory::create_person(&mut ws, person("Later", "later@example.org", None)).unwrap();
    drop(ws);
    assert_eq!(names_of_people(&open(&path)), ["Ada Lovelace", "Later"]);
    assert_eq!(listing(dir.path()), ["Same.pilot"]);
}

#[test]
fn saving_as_the_workspaces_own_file_spelled_differently_changes_nothing() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let path = workspace_with_content(dir.path(), "Same.pilot");
    let mut ws = open(&path);
    // An edit still in the write-ahead log when the copy is made.
    directory::create_person(&mut ws, person("Before", "before@example.org", None)).unwrap();
    let other_spelling = dir.path().join("sub").join("..").join("Same.pilot");
    ws.save_as(&other_spelling).unwrap();
    directory::create_person(&mut ws, person("Later", "later@example.org", None)).unwrap();
    drop(ws);

    let ws = open(&path);
    assert_eq!(names_of_people(&ws), ["Ada Lovelace", "Before", "Later"]);
    drop(ws);
    let raw = Connection::open(&path).unwrap();
    assert_eq!(pragma_text(&raw, "integrity_check"), "ok");
    drop(raw);
    assert_eq!(listing(dir.path()), ["Same.pilot", "sub"]);
}

// ------------------------------------------------------------ settings

#[test]
fn settings_remember_the_most_recent_workspace_first_without_duplicates() {
    let mut s = Settings::default();
    assert_eq!(s.last(), None);
    s.remember(Path::new("/w/a.pilot"));
    s.remember(Path::new("/w/b.pilot"));
    s.remember(Path::new("/w/a.pilot"));
    assert_eq!(s.last(), Some(Path::new("/w/a.pilot")));
    assert_eq!(
        s.recent,
        [PathBuf::from("/w/a.pilot"), PathBuf::from("/w/b.pilot")]
    );

    s.forget(Path::new("/w/a.pilot"));
    assert_eq!(s.last(), Some(Path::new("/w/b.pilot")));
    s.forget(Path::new("/w/never-seen.pilot"));
    assert_eq!(s.recent, [PathBuf::from("/w/b.pilot")]);
}

#[test]
fn settings_keep_at_most_ten_recent_workspaces() {
    let mut s = Settings::default();
    for i in 0..15 {
        s.remember(&PathBuf::from(format!("/w/{i}.pilot")));
    }
    assert_eq!(s.recent.len(), 10);
    assert_eq!(s.last(), Some(Path::new("/w/14.pilot")));
    assert_eq!(s.recent.last().unwrap(), Path::new("/w/5.pilot"));
}

#[test]
fn settings_survive_a_save_and_load_round_trip() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("config").join("settings.json");
    let mut s = Settings::default();
    s.remember(Path::new("/w/Ünïcode name.pilot"));
    s.remember(Path::new("/w/b.pilot"));
    s.welcome_dismissed = true;
    s.save(&file).unwrap();
    assert_eq!(Settings::load(&file), s);
    assert_eq!(listing(file.parent().unwrap()), ["settings.json"]);

    // Saving again replaces the file.
    s.forget(Path::new("/w/b.pilot"));
    s.save(&file).unwrap();
    assert_eq!(Settings::load(&file), s);
    assert_eq!(listing(file.parent().unwrap()), ["settings.json"]);
}

#[test]
fn missing_or_unreadable_settings_give_the_defaults() {
    let dir = TempDir::new().unwrap();
    assert_eq!(
        Settings::load(&dir.path().join("missing.json")),
        Settings::default()
    );

    let garbage = dir.path().join("garbage.json");
    fs::write(&garbage, noise(300, 7)).unwrap();
    assert_eq!(Settings::load(&garbage), Settings::default());

    let wrong_shape = dir.path().join("wrong.json");
    fs::write(&wrong_shape, r#"{"recent": 42}"#).unwrap();
    assert_eq!(Settings::load(&wrong_shape), Settings::default());

    let truncated = dir.path().join("truncated.json");
    fs::write(&truncated, r#"{"recent": ["/w/a.pilot""#).unwrap();
    assert_eq!(Settings::load(&truncated), Settings::default());

    // A folder where the file should be.
    assert_eq!(Settings::load(dir.path()), Settings::default());
}

#[test]
fn settings_with_missing_fields_keep_what_they_have() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("settings.json");
    fs::write(&file, r#"{"welcomeDismissed": true, "unknownField": 1}"#).unwrap();
    let s = Settings::load(&file);
    assert!(s.welcome_dismissed);
    assert!(s.recent.is_empty());
}

#[test]
fn the_revision_changes_with_the_data_whoever_writes_it_and_not_when_it_is_only_read() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Live.pilot");
    let mut ws = Workspace::create(&path).unwrap();
    let first = ws.revision().unwrap();
    assert_eq!(names_of_people(&ws), Vec::<String>::new());
    assert_eq!(ws.revision().unwrap(), first, "reading changes nothing");

    directory::create_person(&mut ws, person("Ann", "ann@example.org", None)).unwrap();
    let written = ws.revision().unwrap();
    assert_ne!(written, first, "a change by this connection");

    // Another process (here, another connection) commits a change.
    let other = Connection::open(&path).unwrap();
    other
        .execute("UPDATE people SET name = 'Ann Lima' WHERE name = 'Ann'", [])
        .unwrap();
    let seen = ws.revision().unwrap();
    assert_ne!(seen, written, "a change by another connection");
    assert_eq!(ws.revision().unwrap(), seen);
}

#[test]
fn settings_keep_the_portal_s_certificate_and_key_and_older_files_still_load() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("settings.json");
    std::fs::write(
        &path,
        r#"{"recent": ["/w/a.pilot"], "welcomeDismissed": true}"#,
    )
    .unwrap();
    let mut s = Settings::load(&path);
    assert_eq!(s.portal_certificate, None, "a file from before has none");
    assert!(s.welcome_dismissed);
    s.portal_certificate = Some(PathBuf::from("/etc/pilot/cert.pem"));
    s.portal_key = Some(PathBuf::from("/etc/pilot/key.pem"));
    s.save(&path).unwrap();
    let again = Settings::load(&path);
    assert_eq!(again, s);
}
