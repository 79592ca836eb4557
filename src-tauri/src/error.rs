//! The one error type that crosses IPC: `{code, message}`. Commands return
//! `Result<T, AppError>`; core errors convert into it keeping their code.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppError {
    /// Stable and machine-readable, e.g. `not_a_workspace`, `invalid`.
    pub code: String,
    /// Written for the person in front of the screen.
    pub message: String,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// For failures of the app itself rather than of the user's data.
    pub fn internal(message: impl Into<String>) -> Self {
        AppError::new("internal", message)
    }
}

impl From<pilot_core::Error> for AppError {
    fn from(e: pilot_core::Error) -> Self {
        AppError::new(e.code(), e.to_string())
    }
}

impl From<tauri::Error> for AppError {
    fn from(e: tauri::Error) -> Self {
        AppError::internal(e.to_string())
    }
}

pub type CmdResult<T> = Result<T, AppError>;
