//! Fault injection: the `pilot` binary killed at random moments, on a disk
//! that fills up at random sizes, racing other writers, and reading files
//! that change under it. Whatever happens, a workspace holds either its
//! earlier state or the complete new one, every reported success is in it,
//! and nothing panics.
//!
//! Each attack runs a few rounds in `make test`; `make torture` runs the
//! `#[ignore]`d long versions (`cargo test -p pilot-cli --test torture --
//! --ignored`). A failing round prints its seed; `TORTURE_SEED=<n>` replays
//! it. Add an attack as one function taking the rounds, and both entries.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A small, seedable random sequence (xorshift): enough to pick moments
/// and sizes, and a failing seed replays exactly.
struct Dice(u64);

impl Dice {
    fn new() -> Dice {
        let seed = std::env::var("TORTURE_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("torture seed: {seed} (replay with TORTURE_SEED={seed})");
        Dice(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pilot"));
    command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn csv(dir: &Path, name: &str, rows: usize, seed: u64) -> PathBuf {
    let mut text = String::from("id,name,amount,opened\n");
    for i in 0..rows {
        text.push_str(&format!(
            "{i},{seed} name {i},{}.5,2026-0{}-1{}\n",
            (i as u64 + seed) % 300,
            1 + i % 9,
            i % 10
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// What a workspace holds, as `pilot info` says; the file must open.
fn imports_in(workspace: &Path) -> i64 {
    let out = command(&["info", s(workspace)]).output().unwrap();
    assert!(
        out.status.success(),
        "the workspace opens: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["imports"]
        .as_i64()
        .unwrap()
}

fn no_panic(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
}

fn wait(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < limit, "pilot hung");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

/// An import or a `--replace` killed at a random moment leaves the
/// workspace with the earlier imports, or with the new one complete.
fn kill_at_random_moments(rounds: usize) {
    let mut dice = Dice::new();
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.pilot");
    let first = csv(dir.path(), "first.csv", 100, 0);
    let big = csv(dir.path(), "big.csv", 100_000, 1);
    assert!(command(&["import", s(&first), "-w", s(&ws)])
        .status()
        .unwrap()
        .success());
    let mut expected = 1;
    for _ in 0..rounds {
        let replace = expected == 2 && dice.below(2) == 0;
        let mut args = vec!["import", s(&big), "-w", s(&ws)];
        if replace {
            args.push("--replace");
        }
        let mut child = command(&args).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(dice.below(1500)));
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        no_panic(&out);
        let now = imports_in(&ws);
        if out.status.success() {
            expected = 2;
        }
        // Killed before its commit: as before; after: complete.
        assert!(
            now == expected || (now == 2 && expected == 1),
            "{now} imports"
        );
        expected = now;
    }
}

/// A disk that fills up at a random size: a message, no panic, and the
/// workspace as it was or with the import complete.
#[cfg(unix)]
fn disk_full_at_random_sizes(rounds: usize) {
    use std::os::unix::process::CommandExt;
    let mut dice = Dice::new();
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.pilot");
    let first = csv(dir.path(), "first.csv", 50, 0);
    assert!(command(&["import", s(&first), "-w", s(&ws)])
        .status()
        .unwrap()
        .success());
    for round in 0..rounds {
        let file = csv(dir.path(), "more.csv", 20_000, round as u64 + 10);
        let before = imports_in(&ws);
        let limit = 64 * 1024 + dice.below(4 << 20);
        let mut cmd = command(&["import", s(&file), "-w", s(&ws), "--json"]);
        unsafe {
            cmd.pre_exec(move || {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let rl = libc::rlimit {
                    rlim_cur: limit,
                    rlim_max: limit,
                };
                libc::setrlimit(libc::RLIMIT_FSIZE, &rl);
                Ok(())
            });
        }
        let out = cmd.output().unwrap();
        no_panic(&out);
        let after = if ws.exists() { imports_in(&ws) } else { 0 };
        if out.status.success() {
            assert_eq!(after, before + 1);
        } else {
            assert_eq!(after, before, "a failed import changes nothing");
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            let message = v["error"]["message"].as_str().unwrap();
            assert!(message.contains("w.pilot"), "{message}");
        }
    }
}

/// Several processes importing different files into one workspace: each
/// either succeeds and its import is there, or is refused saying who holds
/// the workspace.
fn concurrent_writers(rounds: usize) {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..4)
        .map(|i| csv(dir.path(), &format!("w{i}.csv"), 3000, i))
        .collect();
    for round in 0..rounds {
        let ws = dir.path().join(format!("r{round}.pilot"));
        if round % 2 == 1 {
            // Half the rounds race on an existing workspace.
            let seed = csv(dir.path(), "seed.csv", 5, 99 + round as u64);
            assert!(command(&["import", s(&seed), "-w", s(&ws)])
                .status()
                .unwrap()
                .success());
        }
        let before = if ws.exists() { imports_in(&ws) } else { 0 };
        let children: Vec<Child> = files
            .iter()
            .map(|f| {
                command(&["import", s(f), "-w", s(&ws), "--json"])
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut succeeded = 0;
        for child in children {
            let out = wait(child, Duration::from_secs(120));
            no_panic(&out);
            if out.status.success() {
                succeeded += 1;
            } else {
                let v: Value = serde_json::from_slice(&out.stdout).unwrap();
                assert_eq!(v["error"]["kind"], "workspace_locked", "{v}");
            }
        }
        assert_eq!(imports_in(&ws), before + succeeded);
    }
}

/// A file written to, truncated or replaced while it is imported is
/// refused, or imported whole if the change came after the last read.
fn files_changing_under_the_reader(rounds: usize) {
    let mut dice = Dice::new();
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.pilot");
    for round in 0..rounds {
        let file = csv(dir.path(), "moving.csv", 150_000, round as u64);
        let original = std::fs::metadata(&file).unwrap().len();
        let before = if ws.exists() { imports_in(&ws) } else { 0 };
        let child = command(&["import", s(&file), "-w", s(&ws), "--json"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(dice.below(600)));
        match dice.below(3) {
            0 => {
                let f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
                f.set_len(original / 3).unwrap();
            }
            1 => {
                use std::io::Write;
                let mut f = std::fs::OpenOptions::new()
                    .append(true)
                    .open(&file)
                    .unwrap();
                f.write_all(b"1,appended,1.5,2026-01-01\n").unwrap();
            }
            _ => {
                let other = csv(dir.path(), "other.csv", 10, 7 + round as u64);
                std::fs::rename(&other, &file).unwrap();
            }
        }
        let out = wait(child, Duration::from_secs(120));
        no_panic(&out);
        // A refused import into a workspace it would have created leaves no
        // workspace behind, which holds no imports.
        let after = if ws.exists() { imports_in(&ws) } else { 0 };
        if out.status.success() {
            assert_eq!(after, before + 1);
        } else {
            assert_eq!(after, before);
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["error"]["kind"], "changed", "{v}");
        }
    }
}

#[test]
fn a_few_kills_at_random_moments() {
    kill_at_random_moments(3);
}

#[test]
#[ignore = "slow: run with make torture"]
fn many_kills_at_random_moments() {
    kill_at_random_moments(40);
}

#[cfg(unix)]
#[test]
fn a_few_full_disks() {
    disk_full_at_random_sizes(3);
}

#[cfg(unix)]
#[test]
#[ignore = "slow: run with make torture"]
fn many_full_disks() {
    disk_full_at_random_sizes(30);
}

#[test]
fn a_few_concurrent_writers() {
    concurrent_writers(2);
}

#[test]
#[ignore = "slow: run with make torture"]
fn many_concurrent_writers() {
    concurrent_writers(20);
}

#[test]
fn a_few_files_changing_under_the_reader() {
    files_changing_under_the_reader(2);
}

#[test]
#[ignore = "slow: run with make torture"]
fn many_files_changing_under_the_reader() {
    files_changing_under_the_reader(20);
}
