//! The one error type of the core. Every variant has a stable machine code
//! (used by the UI to pick a presentation) and a message written for the
//! person in front of the screen: it says what went wrong and where.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} is not a Pilot Studio workspace: {reason}.", path.display())]
    NotAWorkspace { path: PathBuf, reason: String },

    #[error("{} is damaged and cannot be opened: {reason}.", path.display())]
    Corrupt { path: PathBuf, reason: String },

    #[error(
        "{} was saved by a newer version of Pilot Studio (format {found}; this version reads up to {supported}). Update Pilot Studio to open it.",
        path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("{message}")]
    Invalid { field: String, message: String },

    #[error("{what} {id} does not exist (it may have been deleted).")]
    NotFound { what: &'static str, id: i64 },

    #[error("No workspace is open.")]
    NoWorkspace,

    #[error("Could not access {}: {source}.", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("The workspace could not be read or written: {0}.")]
    Sqlite(#[from] rusqlite::Error),

    /// Reading or writing a workspace failed; `failure` says how, in words
    /// that end with what to do (see [`Error::in_file`]).
    #[error("{}{failure}", path.display())]
    Storage {
        path: PathBuf,
        code: ErrorCode,
        failure: String,
    },

    /// Another process works on the workspace (see `lock`).
    #[error("{} is open in {holder}. Close it there first, or work on a copy of the file.", path.display())]
    Locked { path: PathBuf, holder: String },

    /// A file the importer will not take, with the physical line where the
    /// trouble starts when one applies. `kind` is a stable code such as
    /// `unterminated_quote`, `binary`, `field_too_large` or `too_many_columns`.
    #[error("{file} cannot be imported: {message}")]
    ImportRefused {
        file: String,
        kind: &'static str,
        line: Option<u64>,
        message: String,
    },

    /// The same bytes were imported before; importing them again is only
    /// done as an update that replaces the earlier import.
    #[error(
        "{file} holds the same data as {earlier_file}, imported on {imported_at} (import {import_id}); import it again as an update to replace that import."
    )]
    AlreadyImported {
        file: String,
        /// The name the earlier import's file had (a renamed copy holds
        /// the same data).
        earlier_file: String,
        import_id: i64,
        /// When, as `YYYY-MM-DD HH:MM UTC`.
        imported_at: String,
    },

    #[error("The import was cancelled; the workspace is unchanged.")]
    Cancelled,

    /// A failure of the program rather than of the user's data or files
    /// (a worker thread that panicked): the message says it is a bug.
    #[error("{}", internal_message(.0))]
    Internal(String),
}

/// The message of an internal failure: what failed, that it is a bug, and
/// that nothing was changed (every write is one transaction).
pub fn internal_message(what: &str) -> String {
    format!(
        "Something went wrong inside Pilot Studio ({what}). This is a bug, not a problem with your data; nothing was changed. Please report it."
    )
}

/// The stable, machine-readable words that name a failure across IPC (and in
/// the CLI's JSON). The UI picks a presentation by them; the TypeScript
/// union is generated from this enum.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    TS,
    strum::Display,
    strum::IntoStaticStr,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ErrorCode {
    NotAWorkspace,
    CorruptWorkspace,
    NewerVersion,
    /// Bad input from the user; the error may name the input (`field`).
    Invalid,
    NotFound,
    NoWorkspace,
    Io,
    Storage,
    /// Another program is writing to the workspace right now.
    WorkspaceBusy,
    /// Another Pilot Studio holds the workspace (see `lock`).
    WorkspaceLocked,
    ReadOnly,
    DiskFull,
    ImportRefused,
    AlreadyImported,
    Cancelled,
    /// A bug: a panicked worker thread, a failure of the shell itself.
    Internal,
    /// The shell would overwrite a file that exists.
    Exists,
    /// The import wizard was asked to work before a file was chosen.
    NoFile,
}

crate::words::spelled!(ErrorCode);

/// The CSV engine's errors are the core's of the same name, so a refusal
/// or a cancel reads and codes the same wherever it arose.
impl From<pilot_csv::Error> for Error {
    fn from(e: pilot_csv::Error) -> Self {
        match e {
            pilot_csv::Error::Invalid { field, message } => Error::Invalid { field, message },
            pilot_csv::Error::Io { path, source } => Error::Io { path, source },
            pilot_csv::Error::ImportRefused {
                file,
                kind,
                line,
                message,
            } => Error::ImportRefused {
                file,
                kind,
                line,
                message,
            },
            pilot_csv::Error::Cancelled => Error::Cancelled,
        }
    }
}

impl Error {
    /// A stable, machine-readable code for the error; the IPC boundary sends
    /// it next to the message.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotAWorkspace { .. } => ErrorCode::NotAWorkspace,
            Error::Corrupt { .. } => ErrorCode::CorruptWorkspace,
            Error::NewerVersion { .. } => ErrorCode::NewerVersion,
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::NoWorkspace => ErrorCode::NoWorkspace,
            Error::Io { .. } => ErrorCode::Io,
            Error::Sqlite(_) => ErrorCode::Storage,
            Error::Storage { code, .. } => *code,
            Error::Locked { .. } => ErrorCode::WorkspaceLocked,
            Error::ImportRefused { .. } => ErrorCode::ImportRefused,
            Error::AlreadyImported { .. } => ErrorCode::AlreadyImported,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The input a validation error belongs to (e.g. `email`), so the UI
    /// can show the message on it.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    pub(crate) fn internal(what: impl Into<String>) -> Self {
        Error::Internal(what.into())
    }

    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// Names the workspace file in a storage error and says what to do;
    /// other errors are returned as they are.
    pub fn in_file(self, path: &std::path::Path) -> Self {
        match self {
            Error::Sqlite(e) => storage_failure(path, e),
            other => other,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// A SQLite error on the workspace at `path`, told as what happened and
/// what to do.
pub(crate) fn storage_failure(path: &std::path::Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    let (code, failure) = match e.sqlite_error_code() {
        Some(C::NotADatabase) => {
            return Error::NotAWorkspace {
                path: path.to_owned(),
                reason: "it is not a database file".into(),
            }
        }
        Some(C::DatabaseCorrupt) => {
            return Error::Corrupt {
                path: path.to_owned(),
                reason: "its database structure is broken".into(),
            }
        }
        Some(C::DatabaseBusy | C::DatabaseLocked) => (
            ErrorCode::WorkspaceBusy,
            " is in use by another program that is writing to it; nothing was saved. Close it there and try again.".to_owned(),
        ),
        Some(C::ReadOnly) => (
            ErrorCode::ReadOnly,
            " is read-only; nothing was saved. Save a copy with Save As, or make the file writable.".to_owned(),
        ),
        Some(C::DiskFull) => (
            ErrorCode::DiskFull,
            ": the disk is full; nothing was saved. Free some space and try again.".to_owned(),
        ),
        Some(C::CannotOpen | C::PermissionDenied) => (
            ErrorCode::Io,
            " cannot be opened for writing; nothing was saved. Check that the file and its folder may be written, or save a copy elsewhere.".to_owned(),
        ),
        Some(C::SystemIoFailure) => (
            ErrorCode::Io,
            " could not be read or written (a disk error); nothing was saved. Check the disk, or save a copy elsewhere.".to_owned(),
        ),
        _ => (ErrorCode::Storage, format!(" could not be read or written: {e}.")),
    };
    Error::Storage {
        path: path.to_owned(),
        code,
        failure,
    }
}
