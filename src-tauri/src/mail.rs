//! Hands a prepared e-mail (`mailto:`) to the desktop's mail client.
//!
//! The desktop's launcher (`xdg-open` and its kin, as the `open` crate
//! lists them) may run the mail client in the foreground until it is
//! closed, so waiting for it would keep the outbox busy for as long as the
//! mail client runs. A launcher that fails does so at once (no mail client
//! set, say); one still running after a short while has started the mail
//! client. So each launcher is given that while, and a failure in it is
//! told to the user.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pilot_core::ErrorCode;

use crate::error::{AppError, CmdResult};

/// How long a launcher has to fail before it counts as having opened.
const SETTLE: Duration = Duration::from_secs(4);

/// Opens `mailto` on a worker thread (the launcher is given a few seconds
/// to fail); the error says why no mail client opened and what to do
/// instead.
pub async fn open_prepared(mailto: String) -> CmdResult<()> {
    let opened = crate::state::blocking(move || open_mailto(&mailto)).await?;
    opened.map_err(|e| {
        AppError::new(
            ErrorCode::Io,
            format!(
                "The mail client could not be opened: {e}. Copy the message instead, or set a default mail application."
            ),
        )
    })
}

/// Opens `mailto` with the first launcher there is; the error says why
/// none opened it.
fn open_mailto(mailto: &str) -> Result<(), String> {
    let mut last = String::from("no program to open it with was found");
    for mut launcher in open::commands(mailto) {
        launcher
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        match settle(&mut launcher) {
            Ok(()) => return Ok(()),
            Err(why) => last = why,
        }
    }
    Err(last)
}

/// Runs `launcher` until it exits or [`SETTLE`] passes.
fn settle(launcher: &mut Command) -> Result<(), String> {
    let program = launcher.get_program().to_string_lossy().into_owned();
    let mut child = launcher
        .spawn()
        .map_err(|e| format!("{program} could not be started: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(format!("{program} found no mail application ({status})"))
            }
            Ok(None) if started.elapsed() >= SETTLE => {
                // Still running: it started the mail client in the
                // foreground. A thread reaps it when it ends.
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("{program} could not be watched: {e}")),
        }
    }
}
