//! The workspace lock: one process at a time works on a workspace file.
//!
//! SQLite's own locking makes a second writer wait a few seconds and then
//! fail with "database is locked", and it cannot protect a workspace that
//! is still being created. So a workspace is guarded by an operating-system
//! lock on a small file beside it (`<workspace>-lock`, like SQLite's own
//! `-wal` and `-shm`), which the app and the `pilot` command line both take
//! before they open or create the workspace. The lock file says who holds
//! it, so a refusal can name the holder. The operating system releases the
//! lock when its holder exits, also when it is killed, so a crash never
//! leaves a workspace locked.
//!
//! Within one process a workspace may be opened more than once (the app
//! opens a Save As copy while the original is still open): the lock is
//! counted per process.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::error::{Error, Result};

/// How the lock file of `workspace` is named.
pub fn lock_path(workspace: &Path) -> PathBuf {
    let mut name = workspace.as_os_str().to_owned();
    name.push("-lock");
    PathBuf::from(name)
}

/// What this process calls itself in a lock file; the app and the command
/// line set it once at start.
pub fn set_holder_name(name: &str) {
    let _ = HOLDER_NAME.set(name.to_owned());
}

static HOLDER_NAME: OnceLock<String> = OnceLock::new();

fn holder_name() -> &'static str {
    HOLDER_NAME
        .get()
        .map_or("another Pilot Studio program", String::as_str)
}

/// The locks this process holds, by lock file path, with how many
/// [`WorkspaceLock`]s share each.
fn held() -> &'static Mutex<HashMap<PathBuf, (File, usize)>> {
    static HELD: OnceLock<Mutex<HashMap<PathBuf, (File, usize)>>> = OnceLock::new();
    HELD.get_or_init(Default::default)
}

/// Holds the lock on one workspace until dropped.
#[derive(Debug)]
pub struct WorkspaceLock {
    path: PathBuf,
}

impl WorkspaceLock {
    /// Takes the lock on `workspace`, or refuses naming who holds it.
    ///
    /// A folder where no lock file can be made (read-only media) gives no
    /// lock: nothing can be written there anyway, and reading must still
    /// work.
    pub fn acquire(workspace: &Path) -> Result<Option<WorkspaceLock>> {
        let path = lock_path(workspace);
        let mut held = held().lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, count)) = held.get_mut(&path) {
            *count += 1;
            return Ok(Some(WorkspaceLock { path }));
        }
        // Another process may delete the lock file as it releases the lock
        // between our open and our lock; then the lock we got guards a file
        // nobody else sees, and we try again on the new one.
        for _ in 0..10 {
            let mut file = match OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
            {
                Ok(file) => file,
                Err(e) if read_only_place(&e) => return Ok(None),
                Err(e) => return Err(Error::io(&path, e)),
            };
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::Locked {
                        path: workspace.to_owned(),
                        holder: holder_of(&mut file),
                    });
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
            if !same_file(&file, &path) {
                continue;
            }
            let me = format!("{} (process {})", holder_name(), std::process::id());
            // The holder's name is a courtesy for the refusal message; a
            // lock whose name could not be written still locks.
            let _ = file.set_len(0).and_then(|()| file.write_all(me.as_bytes()));
            held.insert(path.clone(), (file, 1));
            return Ok(Some(WorkspaceLock { path }));
        }
        Err(Error::Locked {
            path: workspace.to_owned(),
            holder: "another program that keeps replacing its lock file".into(),
        })
    }
}

impl Drop for WorkspaceLock {
    fn drop(&mut self) {
        let mut held = held().lock().unwrap_or_else(|p| p.into_inner());
        let Some((_, count)) = held.get_mut(&self.path) else {
            return;
        };
        *count -= 1;
        if *count == 0 {
            // Removed while still locked, so nobody takes a lock on a file
            // that is about to disappear without noticing (see `acquire`).
            let _ = std::fs::remove_file(&self.path);
            held.remove(&self.path);
        }
    }
}

/// Who holds the lock, as its lock file says; short and printable, since
/// any program could have written the file.
///
/// The holder writes its name just after taking the lock, so an empty file
/// is read again for a moment (at most 100 ms) before giving up on a name.
fn holder_of(file: &mut File) -> String {
    for _ in 0..20 {
        let mut text = String::new();
        let _ = file.seek(SeekFrom::Start(0));
        let _ = Read::take(&mut *file, 200).read_to_string(&mut text);
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        let text = text.trim();
        if !text.is_empty() {
            return text.to_owned();
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    "another Pilot Studio program".into()
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere a lock file in use cannot be deleted, so it is always the
/// file at `path`.
#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}

fn read_only_place(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
    )
}
