//! The one error type that crosses IPC: `{code, message, field?}`. Commands
//! return `Result<T, AppError>`; core errors convert into it keeping their
//! code and, for bad input, the input it belongs to.

use pilot_core::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppError {
    /// Stable and machine-readable, e.g. `not_a_workspace`, `invalid`.
    pub code: ErrorCode,
    /// Written for the person in front of the screen.
    pub message: String,
    /// For `invalid`: the input the message belongs to (e.g. `email`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            field: None,
        }
    }

    /// For failures of the app itself rather than of the user's data:
    /// `what` says what failed; the message adds that it is a bug.
    pub fn internal(what: impl AsRef<str>) -> Self {
        AppError::new(
            ErrorCode::Internal,
            pilot_core::error::internal_message(what.as_ref()),
        )
    }
}

impl From<pilot_core::Error> for AppError {
    fn from(e: pilot_core::Error) -> Self {
        AppError {
            code: e.code(),
            message: e.to_string(),
            field: e.field().map(str::to_owned),
        }
    }
}

impl From<tauri::Error> for AppError {
    fn from(e: tauri::Error) -> Self {
        AppError::internal(e.to_string())
    }
}

pub type CmdResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_crosses_ipc_with_the_input_it_belongs_to() {
        let core = pilot_core::Error::Invalid {
            field: "email".into(),
            message: "An e-mail address is required.".into(),
        };
        let json = serde_json::to_value(AppError::from(core)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "invalid",
                "message": "An e-mail address is required.",
                "field": "email",
            })
        );
    }

    #[test]
    fn other_errors_cross_ipc_as_code_and_message_only() {
        let json = serde_json::to_value(AppError::from(pilot_core::Error::NoWorkspace)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "no_workspace", "message": "No workspace is open."})
        );
    }

    #[test]
    fn an_internal_failure_has_its_own_code_and_says_it_is_a_bug() {
        let error = AppError::internal("a background task panicked");
        assert_eq!(error.code, ErrorCode::Internal);
        assert!(error.message.contains("This is a bug"), "{}", error.message);
    }
}
