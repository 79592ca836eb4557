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
        "{file} was already imported on {imported_at} (import {import_id}); import it again as an update to replace that import."
    )]
    AlreadyImported {
        file: String,
        import_id: i64,
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

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
