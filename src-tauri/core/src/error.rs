//! The one error type of the core. Every variant has a stable machine code
//! (used by the UI to pick a presentation) and a message written for the
//! person in front of the screen: it says what went wrong and where.

use std::path::PathBuf;

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
}

impl Error {
    /// A stable, machine-readable code for the error; the IPC boundary sends
    /// it next to the message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotAWorkspace { .. } => "not_a_workspace",
            Error::Corrupt { .. } => "corrupt_workspace",
            Error::NewerVersion { .. } => "newer_version",
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::NoWorkspace => "no_workspace",
            Error::Io { .. } => "io",
            Error::Sqlite(_) => "storage",
            Error::ImportRefused { .. } => "import_refused",
            Error::AlreadyImported { .. } => "already_imported",
            Error::Cancelled => "cancelled",
        }
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
