//! A workspace: one SQLite file holding everything of one programme, opened
//! like a document.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::lock::WorkspaceLock;
use crate::storage;

/// The file extension of workspace files.
pub const EXTENSION: &str = "pilot";

pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    /// Kept for as long as the workspace is open; declared after `conn`,
    /// so the connection closes before the lock is released.
    _lock: Option<WorkspaceLock>,
}

/// What the UI shows about the open workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceInfo {
    pub path: String,
    pub name: String,
    #[ts(type = "number")]
    pub departments: i64,
    #[ts(type = "number")]
    pub people: i64,
    #[ts(type = "number")]
    pub catalog_items: i64,
    #[ts(type = "number")]
    pub imports: i64,
}

impl Workspace {
    /// Creates a new empty workspace file; refuses to overwrite one.
    pub fn create(path: &Path) -> Result<Workspace> {
        // The folder first: the lock file goes into it.
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let path = &absolute(path)?;
        // Taken before looking whether the file exists, so that two
        // processes creating the same workspace cannot both go ahead.
        let lock = WorkspaceLock::acquire(path)?;
        let conn = storage::create(path, &default_name(path))?;
        // The same spelling as `open` gives, so the recent list and the
        // title name one file one way.
        let path = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        Ok(Workspace {
            conn,
            path,
            _lock: lock,
        })
    }

    /// Deletes a workspace this process has just created and not yet
    /// given to anyone, such as the one a refused first import was to
    /// go into: a failed command leaves no new file behind.
    pub fn discard(self) -> Result<()> {
        let Workspace { conn, path, _lock } = self;
        conn.close()
            .map_err(|(_, e)| Error::from(e).in_file(&path))?;
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(side));
        }
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))
    }

    /// Opens an existing workspace; see [`storage::open`] for what is refused.
    pub fn open(path: &Path) -> Result<Workspace> {
        let path = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        let lock = WorkspaceLock::acquire(&path)?;
        let conn = storage::open(&path)?;
        Ok(Workspace {
            conn,
            path,
            _lock: lock,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn name(&self) -> Result<String> {
        Ok(storage::meta::get(&self.conn, "name")?.unwrap_or_else(|| default_name(&self.path)))
    }

    pub fn info(&self) -> Result<WorkspaceInfo> {
        let (departments, people, catalog_items, imports) = storage::meta::counts(&self.conn)?;
        Ok(WorkspaceInfo {
            path: self.path.display().to_string(),
            name: self.name()?,
            departments,
            people,
            catalog_items,
            imports,
        })
    }

    /// Writes a consistent copy to `dest` and continues in the copy; the
    /// original file stays as it was. The copy is named after its file.
    pub fn save_as(&mut self, dest: &Path) -> Result<()> {
        // A different spelling of the open file (`a/../b`, a link) must not
        // copy the database onto itself.
        if std::fs::canonicalize(dest).is_ok_and(|d| d == self.path) || dest == self.path {
            return Ok(());
        }
        // Locked before it is written, so a workspace open elsewhere under
        // that name is not replaced under its user.
        let dest = &absolute(dest)?;
        let lock = WorkspaceLock::acquire(dest)?;
        storage::backup_to(&self.conn, dest)?;
        let mut copy = Workspace::open(dest)?;
        drop(lock);
        copy.write(|tx| storage::meta::set(tx, "name", &default_name(dest)))?;
        *self = copy;
        Ok(())
    }

    /// What changes whenever the workspace's data does, whether this
    /// connection changed it (the app, its portal) or another process did
    /// (`pilot serve`, `pilot intake`): a screen compares it with the one it
    /// last saw to know when to refresh. Reading it costs no query of the
    /// data.
    pub fn revision(&self) -> Result<String> {
        let (own, others) = storage::metrics::generation(&self.conn)?;
        Ok(format!("{own}.{others}"))
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` inside one immediate transaction: all of its changes land, or
    /// none do.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| Error::from(e).in_file(&self.path))?;
        let value = f(&tx).map_err(|e| e.in_file(&self.path))?;
        tx.commit()
            .map_err(|e| Error::from(e).in_file(&self.path))?;
        Ok(value)
    }
}

/// A workspace is named after its file: `Finance pilot.pilot` → `Finance pilot`.
pub fn default_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Workspace".into())
}

/// The one spelling of `path` that [`Workspace::open`] uses too, also for
/// a file not made yet (its folder resolved, its name kept), so that a
/// workspace has one lock whatever way it is named.
fn absolute(path: &Path) -> Result<PathBuf> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Ok(real);
    }
    let full = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    match (full.parent(), full.file_name()) {
        (Some(dir), Some(name)) => Ok(std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(full.clone())),
        _ => Ok(full),
    }
}
