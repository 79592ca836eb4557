//! The `pilot` command line attacked as a hostile user or a broken machine
//! would: concurrent processes on one workspace, pipes where files belong,
//! endless option files, stdout closed or full, and the messages each of
//! these ends with. Regression tests for the broken promises of issue 9.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use pilot_core::Workspace;
use serde_json::Value;

mod cli_support;
use cli_support::pilot;

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_pilot"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for `child` at most `limit`; a child still running then is
/// killed and the test fails: nothing may hang.
fn finish_within(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("pilot hung for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn error_of(out: &Output) -> Value {
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("one JSON object ({e}): {}", text(&out.stdout)));
    v["error"].clone()
}

fn csv(dir: &Path, name: &str, rows: usize, seed: usize) -> PathBuf {
    let mut text = String::from("id,name,amount\n");
    for i in 0..rows {
        text.push_str(&format!("{i},{seed} name {i},{}.5\n", (i + seed) % 300));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn imports_in(workspace: &Path) -> i64 {
    let out = pilot(&["info", s(workspace)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["imports"]
        .as_i64()
        .unwrap()
}

fn no_panic(out: &Output) {
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
}

#[test]
fn concurrent_imports_into_a_new_workspace_never_report_lost_work_as_success() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..3)
        .map(|i| csv(dir.path(), &format!("part{i}.csv"), 2000, i))
        .collect();
    for trial in 0..4 {
        let ws = dir.path().join(format!("new{trial}.pilot"));
        let children: Vec<Child> = files
            .iter()
            .map(|f| spawn(&["import", s(f), "-w", s(&ws), "--json"]))
            .collect();
        let mut succeeded = 0;
        for child in children {
            let out = finish_within(child, Duration::from_secs(60));
            no_panic(&out);
            if out.status.success() {
                succeeded += 1;
            } else {
                let error = error_of(&out);
                let message = error["message"].as_str().unwrap();
                assert_eq!(error["kind"], "workspace_locked", "{message}");
                assert!(message.contains(&format!("new{trial}.pilot")), "{message}");
                assert!(message.contains("process"), "{message}");
            }
        }
        assert!(succeeded >= 1);
        assert_eq!(
            imports_in(&ws),
            succeeded,
            "every reported success is in the file"
        );
    }
}

#[test]
fn a_workspace_open_elsewhere_is_refused_naming_who_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("held.pilot");
    let held = Workspace::create(&path).unwrap();
    let file = csv(dir.path(), "a.csv", 10, 0);
    let out = pilot(&["import", s(&file), "-w", s(&path), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let message = error_of(&out)["message"].as_str().unwrap().to_owned();
    assert!(message.contains("held.pilot"), "{message}");
    assert!(
        message.contains(&format!("process {}", std::process::id())),
        "{message}"
    );
    let out = pilot(&["info", s(&path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("is open in"));
    drop(held);
    assert!(pilot(&["import", s(&file), "-w", s(&path)])
        .status
        .success());
    assert!(
        !pilot_core::lock::lock_path(&path).exists(),
        "the lock file goes with the lock"
    );
}

#[test]
fn a_refused_import_into_a_new_workspace_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, b"").unwrap();
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, b"a,b\n1,\"never closed\n2,3\n").unwrap();
    for file in [&empty, &broken] {
        let ws = dir.path().join("new.pilot");
        let out = pilot(&["import", s(file), "-w", s(&ws)]);
        assert_eq!(out.status.code(), Some(1));
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("new.pilot"))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn pipes_are_refused_at_once_as_workspace_csv_and_columns_file() {
    let dir = tempfile::tempdir().unwrap();
    let fifo_ws = dir.path().join("f.pilot");
    mkfifo(&fifo_ws);
    let fifo_csv = dir.path().join("f.csv");
    mkfifo(&fifo_csv);
    let fifo_cols = dir.path().join("cols.json");
    mkfifo(&fifo_cols);
    let file = csv(dir.path(), "a.csv", 10, 0);
    let ws = dir.path().join("w.pilot");
    for args in [
        vec!["info", s(&fifo_ws)],
        vec!["import", s(&file), "-w", s(&fifo_ws)],
        vec!["inspect", s(&fifo_csv)],
        vec!["inspect", "--quick", s(&fifo_csv)],
        vec!["import", s(&fifo_csv), "-w", s(&ws)],
        vec!["inspect", s(&file), "--columns", s(&fifo_cols)],
    ] {
        let out = finish_within(spawn(&args), Duration::from_secs(20));
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("pipe"), "{args:?}: {stderr}");
    }
    assert!(!ws.exists());
}

#[test]
fn an_endless_columns_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let file = csv(dir.path(), "a.csv", 10, 0);
    let out = finish_within(
        spawn(&["inspect", s(&file), "--columns", "/dev/zero"]),
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/dev/zero"));
    let big = dir.path().join("big.json");
    std::fs::write(&big, vec![b' '; 5 << 20]).unwrap();
    let out = pilot(&["inspect", s(&file), "--columns", s(&big)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("larger than"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_full_stdout_gives_a_message_not_a_panic_and_keeps_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = csv(dir.path(), "a.csv", 100, 0);
    let ws = dir.path().join("w.pilot");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pilot"))
        .args(["import", s(&file), "-w", s(&ws), "--json"])
        .stdout(full)
        .output()
        .unwrap();
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("standard output"), "{stderr}");
    assert!(stderr.contains("was saved"), "{stderr}");
    assert_eq!(imports_in(&ws), 1);
}

#[test]
fn a_reader_that_stops_reading_ends_pilot_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let header: Vec<String> = (0..900).map(|i| format!("column number {i}")).collect();
    let row: Vec<String> = (0..900).map(|i| format!("{i}")).collect();
    let wide = dir.path().join("wide.csv");
    std::fs::write(&wide, format!("{}\n{}\n", header.join(","), row.join(","))).unwrap();
    for args in [
        vec!["inspect", "--quick", "--json", s(&wide)],
        vec!["inspect", s(&wide)],
    ] {
        let mut child = spawn(&args);
        let mut stdout = child.stdout.take().unwrap();
        let mut one = [0u8; 1];
        stdout.read_exact(&mut one).unwrap();
        drop(stdout);
        let out = finish_within(child, Duration::from_secs(20));
        no_panic(&out);
        assert!(
            matches!(out.status.code(), Some(0 | 141)),
            "{:?}",
            out.status
        );
    }
}

#[test]
fn the_quick_look_refuses_tens_of_thousands_of_columns_as_the_full_read_does() {
    let dir = tempfile::tempdir().unwrap();
    let header: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
    let path = dir.path().join("wide.csv");
    std::fs::write(
        &path,
        format!("{}\n{}\n", header.join(","), header.join(",")),
    )
    .unwrap();
    for quick in [true, false] {
        let mut args = vec!["inspect", "--json", s(&path)];
        if quick {
            args.push("--quick");
        }
        let out = finish_within(spawn(&args), Duration::from_secs(30));
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(error_of(&out)["kind"], "too_many_columns", "quick: {quick}");
    }
}

#[test]
fn already_imported_names_the_earlier_file_its_date_and_replace() {
    let dir = tempfile::tempdir().unwrap();
    let file = csv(dir.path(), "march.csv", 20, 0);
    let copy = dir.path().join("march (copy).csv");
    std::fs::copy(&file, &copy).unwrap();
    let ws = dir.path().join("w.pilot");
    assert!(pilot(&["import", s(&file), "-w", s(&ws)]).status.success());
    let out = pilot(&["import", s(&copy), "-w", s(&ws)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    for part in ["march (copy).csv", "march.csv", "UTC", "--replace"] {
        assert!(stderr.contains(part), "{part} missing: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_full_disk_during_an_import_is_a_message_and_leaves_the_workspace_as_it_was() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let first = csv(dir.path(), "first.csv", 10, 0);
    let big = csv(dir.path(), "big.csv", 200_000, 1);
    let ws = dir.path().join("w.pilot");
    assert!(pilot(&["import", s(&first), "-w", s(&ws)]).status.success());
    let mut command = Command::new(env!("CARGO_BIN_EXE_pilot"));
    command.args(["import", s(&big), "-w", s(&ws), "--json"]);
    // Files may grow to 1 MiB, as on a disk that is nearly full; writing
    // past that fails with an error instead of killing the process.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 1 << 20,
                rlim_max: 1 << 20,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            Ok(())
        });
    }
    let out = command.output().unwrap();
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let message = error_of(&out)["message"].as_str().unwrap().to_owned();
    assert!(message.contains("w.pilot"), "{message}");
    assert!(message.contains("nothing was saved"), "{message}");
    assert_eq!(imports_in(&ws), 1);
}
