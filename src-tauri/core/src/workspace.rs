//! A workspace: one SQLite file holding everything of one programme, opened
//! like a document.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::directory::{self, BusinessHours, DepartmentInput};
use crate::error::{Error, Result};
use crate::storage;

/// The file extension of workspace files.
pub const EXTENSION: &str = "pilot";

pub struct Workspace {
    conn: Connection,
    path: PathBuf,
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
        let conn = storage::create(path, &default_name(path))?;
        // The same spelling as `open` gives, so the recent list and the
        // title name one file one way.
        let path = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        Ok(Workspace { conn, path })
    }

    /// Creates the workspace a first start opens: the departments a
    /// programme usually starts with, each providing and requesting services
    /// on office hours in the machine's time zone, ready to be edited.
    pub fn create_starter(path: &Path, time_zone: &str) -> Result<Workspace> {
        let mut ws = Workspace::create(path)?;
        let zone = if directory::validate_hours(&BusinessHours::office(time_zone)).is_ok() {
            time_zone
        } else {
            "UTC"
        };
        for name in [
            "Human Resources",
            "Finance",
            "Procurement",
            "Facilities",
            "Legal",
            "IT",
        ] {
            directory::create_department(
                &mut ws,
                DepartmentInput {
                    name: name.into(),
                    is_requester: true,
                    is_provider: true,
                    head_id: None,
                    hours: BusinessHours::office(zone),
                },
            )?;
        }
        Ok(ws)
    }

    /// Opens an existing workspace; see [`storage::open`] for what is refused.
    pub fn open(path: &Path) -> Result<Workspace> {
        let path = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        let conn = storage::open(&path)?;
        Ok(Workspace { conn, path })
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
        storage::backup_to(&self.conn, dest)?;
        let mut copy = Workspace::open(dest)?;
        copy.write(|tx| storage::meta::set(tx, "name", &default_name(dest)))?;
        *self = copy;
        Ok(())
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` inside one immediate transaction: all of its changes land, or
    /// none do.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
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
