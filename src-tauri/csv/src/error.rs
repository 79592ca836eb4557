//! The engine's error type: what can go wrong while reading a file, with
//! no workspace involved. The core turns each variant into its own error
//! of the same name, code and message (`From` in `pilot-core`'s `error`).

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An option or a user's choice the file cannot take; `field` names the
    /// input it belongs to.
    #[error("{message}")]
    Invalid { field: String, message: String },

    #[error("Could not access {}: {source}.", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

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

    #[error("The import was cancelled; the workspace is unchanged.")]
    Cancelled,
}

impl Error {
    /// A stable, machine-readable code for the error, the same the core
    /// uses for the variant of the same name.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::Io { .. } => "io",
            Error::ImportRefused { .. } => "import_refused",
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
