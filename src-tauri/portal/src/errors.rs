//! The portal's errors as JSON: `{code, message, field?}`, the shape the
//! app's commands use too, with an HTTP status that says the same.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use pilot_core::Error;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn signed_out() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "signed_out",
            "You are not signed in. Open your personal link to the pilot again.",
        )
    }

    pub fn forbidden(what: &str) -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("Your role in this pilot does not allow {what}."),
        )
    }

    /// The one answer for a request that does not exist and one the person
    /// may not see, so ids cannot be probed.
    pub fn no_request(id: i64) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("Request {id} does not exist or is not one of yours."),
        )
    }

    pub fn too_many() -> ApiError {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "Too many requests in a short time. Wait a minute and try again.",
        )
    }

    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            pilot_core::error::internal_message("the portal server"),
        )
    }
}

/// The core's refusals reach the participant as they are (they are written
/// for people); failures of storage do not, since their messages name the
/// workspace file on the analyst's disk. Those go to the server's log.
impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        match &e {
            Error::Invalid { field, message } => ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: "invalid",
                message: message.clone(),
                field: Some(field.clone()),
            },
            Error::NotFound { .. } => {
                ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string())
            }
            // The app serving the portal has no workspace open just now.
            Error::NoWorkspace => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The pilot is not open on the analyst's computer just now. Try again later.",
            ),
            Error::Internal(_) => {
                eprintln!("pilot portal: {e}");
                ApiError::internal()
            }
            // Storage failures (a full disk, a file busy elsewhere) pass,
            // and are not the participant's to fix or to read about.
            _ => {
                eprintln!("pilot portal: {e}");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "The pilot's data could not be read or saved just now; nothing was changed. Try again in a moment.",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(&self)).into_response()
    }
}
