//! Crash safety: a process killed with SIGKILL in the middle of a large write
//! leaves the workspace exactly as its last committed change left it.
//!
//! Each case runs a real writer in a child process: the test re-executes its
//! own binary to run one of the `child_…` tests below (which do nothing unless
//! the parent set their environment), waits until the child signals that it is
//! in the middle of its write, kills it with SIGKILL, and then opens the
//! workspace the way the app does.
#![cfg(unix)]

use std::ffi::OsString;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use pilot_core::directory::{self, BusinessHours, DepartmentInput, Holiday, PersonInput};
use pilot_core::Workspace;
use pilot_fixtures::{department_input, person_input};
use rusqlite::Connection;
use tempfile::TempDir;

/// The workspace a child works on; its presence is what makes a child run.
const WORKSPACE_VAR: &str = "PILOT_CRASH_TEST_WORKSPACE";
/// The file a child writes once it is in the middle of its write.
const MARKER_VAR: &str = "PILOT_CRASH_TEST_MARKER";
/// Where the save-as child saves its copy.
const DEST_VAR: &str = "PILOT_CRASH_TEST_DEST";

/// How far into the interrupted transaction the child is when it signals:
/// this much of it has already been spilled into the write-ahead log.
const SPILLED_BEFORE_KILL: u64 = 4 << 20;
/// Holidays written by the interrupted transaction; far more than can be
/// written before the parent reacts to the marker.
const HOLIDAYS_IN_INTERRUPTED_WRITE: usize = 400_000;
/// Holidays in the workspace copied by save-as, to make the copy large.
const HOLIDAYS_IN_COPIED_WORKSPACE: usize = 120_000;

// ---------------------------------------------------------------- helpers

fn department(name: &str, holidays: Vec<Holiday>) -> DepartmentInput {
    let mut hours = BusinessHours::office("Europe/Berlin");
    hours.holidays = holidays;
    department_input(name, hours)
}

fn person(name: &str, email: &str, department_id: Option<i64>) -> PersonInput {
    PersonInput {
        department_id,
        ..person_input(name, email)
    }
}

/// `count` holidays on distinct valid dates, from 1900-01-01 on.
fn many_holidays(count: usize, label: &str) -> Vec<Holiday> {
    let mut out = Vec::with_capacity(count);
    'years: for year in 1900.. {
        for month in 1..=12 {
            for day in 1..=28 {
                if out.len() == count {
                    break 'years;
                }
                out.push(Holiday {
                    date: format!("{year:04}-{month:02}-{day:02}"),
                    name: format!("{label} {}", out.len()),
                });
            }
        }
    }
    out
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

fn file_len(path: &Path) -> u64 {
    fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Writes the marker in one step (write, then rename), so the parent never
/// reads half of it.
fn write_marker(marker: &Path, text: &str) {
    let tmp = sidecar(marker, ".tmp");
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, marker).unwrap();
}

/// Each department's name and holidays.
type Calendars = Vec<(String, Vec<Holiday>)>;
/// Each person's name and department.
type Members = Vec<(String, Option<String>)>;

/// Everything a reader sees in a workspace: departments with their
/// holidays, and people with their department.
fn contents(ws: &Workspace) -> (Calendars, Members) {
    let departments = directory::list_departments(ws, "")
        .unwrap()
        .into_iter()
        .map(|d| (d.name, d.hours.holidays))
        .collect();
    let people = directory::list_people(ws, "")
        .unwrap()
        .into_iter()
        .map(|p| (p.name, p.department_name))
        .collect();
    (departments, people)
}

fn assert_integrity_ok(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "integrity_check of {}", path.display());
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(dangling, 0, "foreign keys of {}", path.display());
}

/// A child process running one of this binary's `child_…` tests. Killed if
/// the parent test fails before killing it itself.
struct ChildRun {
    child: Child,
    log: PathBuf,
}

impl ChildRun {
    fn start(test: &str, dir: &Path, env: &[(&str, &Path)]) -> ChildRun {
        let log = dir.join(format!("{test}.log"));
        let out = fs::File::create(&log).unwrap();
        let err = out.try_clone().unwrap();
        let mut command = Command::new(std::env::current_exe().unwrap());
        command
            .args(["--exact", test, "--nocapture", "--include-ignored"])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        for (key, value) in env {
            command.env(key, value);
        }
        ChildRun {
            child: command.spawn().expect("start the child test"),
            log,
        }
    }

    fn output(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits for the child to write `marker`, kills it with SIGKILL and
    /// returns the marker's text.
    fn kill_when_marked(&mut self, marker: &Path) -> String {
        let deadline = Instant::now() + Duration::from_secs(120);
        while !marker.exists() {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "the child ended ({status}) before reaching the middle of its write:\n{}",
                    self.output()
                );
            }
            assert!(
                Instant::now() < deadline,
                "the child never reached the middle of its write:\n{}",
                self.output()
            );
            thread::sleep(Duration::from_millis(1));
        }
        self.child.kill().unwrap(); // SIGKILL on unix
        let status = self.child.wait().unwrap();
        assert_eq!(
            status.signal(),
            Some(libc::SIGKILL),
            "the child must die by SIGKILL, not finish ({status}):\n{}",
            self.output()
        );
        fs::read_to_string(marker).unwrap()
    }
}

impl Drop for ChildRun {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn child_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var).map(PathBuf::from)
}

// ------------------------------------------------- killed mid-transaction

#[test]
fn a_process_killed_in_the_middle_of_a_large_write_leaves_the_last_committed_state() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Programme.pilot");
    let marker = dir.path().join("mid-write");
    {
        let mut ws = Workspace::create(&path).unwrap();
        let finance = directory::create_department(
            &mut ws,
            department(
                "Finance",
                vec![
                    Holiday {
                        date: "2026-01-01".into(),
                        name: "New Year".into(),
                    },
                    Holiday {
                        date: "2026-12-25".into(),
                        name: "Christmas".into(),
                    },
                ],
            ),
        )
        .unwrap();
        directory::create_department(&mut ws, department("Legal", Vec::new())).unwrap();
        directory::create_person(&mut ws, person("Ada", "ada@example.org", Some(finance.id)))
            .unwrap();
    }
    let before = contents(&Workspace::open(&path).unwrap());

    let mut child = ChildRun::start(
        "child_rewrites_a_calendar_in_one_transaction_until_killed",
        dir.path(),
        &[(WORKSPACE_VAR, &path), (MARKER_VAR, &marker)],
    );
    let said = child.kill_when_marked(&marker);
    drop(child);

    // The kill really interrupted a transaction that had already written
    // into the write-ahead log.
    let spilled: u64 = said.trim().parse().unwrap();
    assert!(spilled >= SPILLED_BEFORE_KILL, "{said}");
    assert!(file_len(&sidecar(&path, "-wal")) >= SPILLED_BEFORE_KILL);

    // The workspace holds what was committed: everything from before, plus
    // the child's own committed change, and none of the interrupted one.
    let mut ws = Workspace::open(&path).expect("the workspace opens after the kill");
    let (departments, people) = contents(&ws);
    assert_eq!(departments, before.0, "the calendar is the committed one");
    let mut expected_people = before.1.clone();
    expected_people.push(("Committed by the child".into(), None));
    assert_eq!(people, expected_people);
    let info = ws.info().unwrap();
    assert_eq!((info.departments, info.people), (2, 2));

    // And it keeps working.
    directory::create_person(&mut ws, person("After", "after@example.org", None)).unwrap();
    drop(ws);
    assert_integrity_ok(&path);
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.info().unwrap().people, 3);
}

#[test]
#[ignore = "a child process of the crash tests; does nothing on its own"]
fn child_rewrites_a_calendar_in_one_transaction_until_killed() {
    let Some(path) = child_env(WORKSPACE_VAR) else {
        return;
    };
    let marker = child_env(MARKER_VAR).unwrap();
    let mut ws = Workspace::open(&path).unwrap();

    // A change that commits: it must survive the kill.
    directory::create_person(
        &mut ws,
        person("Committed by the child", "child@example.org", None),
    )
    .unwrap();

    // Once the interrupted transaction has spilled this much into the
    // write-ahead log, it is well under way: tell the parent.
    let wal = sidecar(&path, "-wal");
    let base = file_len(&wal);
    thread::spawn(move || loop {
        let len = file_len(&wal);
        if len >= base + SPILLED_BEFORE_KILL {
            write_marker(&marker, &len.to_string());
            return;
        }
        thread::sleep(Duration::from_millis(1));
    });

    // One call, one transaction: replace Finance's calendar with a huge one.
    let finance = directory::list_departments(&ws, "Finance").unwrap()[0].clone();
    let input = DepartmentInput {
        name: finance.name,
        is_requester: finance.is_requester,
        is_provider: finance.is_provider,
        head_id: finance.head_id,
        hours: BusinessHours {
            holidays: many_holidays(HOLIDAYS_IN_INTERRUPTED_WRITE, "Interrupted"),
            ..finance.hours
        },
    };
    directory::update_department(&mut ws, finance.id, input).unwrap();
    panic!("the large write finished before the parent killed this process");
}

// ------------------------------------------------------- killed in save-as

#[test]
fn a_process_killed_during_save_as_leaves_no_half_written_copy() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Programme.pilot");
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let dest = out.join("Copy.pilot");
    let marker = dir.path().join("mid-copy");
    {
        let mut ws = Workspace::create(&path).unwrap();
        let hr = directory::create_department(
            &mut ws,
            department(
                "Human Resources",
                many_holidays(HOLIDAYS_IN_COPIED_WORKSPACE, "Day"),
            ),
        )
        .unwrap();
        directory::create_person(&mut ws, person("Ada", "ada@example.org", Some(hr.id))).unwrap();
    }
    let source_len = file_len(&path);
    let source_bytes = fs::read(&path).unwrap();
    let before = contents(&Workspace::open(&path).unwrap());

    let mut child = ChildRun::start(
        "child_saves_a_copy_until_killed",
        dir.path(),
        &[
            (WORKSPACE_VAR, &path),
            (MARKER_VAR, &marker),
            (DEST_VAR, &dest),
        ],
    );
    let said = child.kill_when_marked(&marker);
    drop(child);
    let written: u64 = said.trim().parse().unwrap_or_else(|_| {
        panic!("the copy finished before it could be interrupted ({said}); enlarge the workspace")
    });
    assert!(
        written > 0 && written < source_len,
        "the child was stopped with {written} of {source_len} bytes copied"
    );

    // Under the chosen name there is either nothing or a complete workspace.
    if dest.exists() {
        let copy = Workspace::open(&dest).expect("a copy under the chosen name is complete");
        assert_eq!(contents(&copy), before);
        drop(copy);
        assert_integrity_ok(&dest);
    }

    // The original is untouched and works.
    assert!(
        fs::read(&path).unwrap() == source_bytes,
        "the original changed"
    );
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(contents(&ws), before);

    // Whatever the killed copy left behind does not stand in the way of the
    // next attempt.
    ws.save_as(&dest).unwrap();
    assert_eq!(contents(&ws), before);
    assert_eq!(ws.info().unwrap().name, "Copy");
    drop(ws);
    assert_integrity_ok(&dest);
}

#[test]
#[ignore = "a child process of the crash tests; does nothing on its own"]
fn child_saves_a_copy_until_killed() {
    let Some(path) = child_env(WORKSPACE_VAR) else {
        return;
    };
    let marker = child_env(MARKER_VAR).unwrap();
    let dest = child_env(DEST_VAR).unwrap();
    let out = dest.parent().unwrap().to_owned();
    let mut ws = Workspace::open(&path).unwrap();

    // As soon as part of the copy is on disk (under whatever name), freeze
    // the whole process, all threads at once, and tell the parent, which
    // kills it: the kill lands mid-copy whatever the speed of the machine.
    let watched_marker = marker.clone();
    thread::spawn(move || loop {
        let written: u64 = fs::read_dir(&out)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        if written >= 64 * 1024 {
            write_marker(&watched_marker, &written.to_string());
            // SAFETY: raise only sends a signal to this process.
            unsafe {
                libc::raise(libc::SIGSTOP);
            }
            return;
        }
        thread::yield_now();
    });

    ws.save_as(&dest).unwrap();
    write_marker(&marker, "finished");
    thread::sleep(Duration::from_secs(600));
}
