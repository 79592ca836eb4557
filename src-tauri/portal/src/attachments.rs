//! Files on requests: `POST /api/requests/{id}/attachments` takes one file
//! as the raw body (`Content-Type: application/octet-stream`) with its name
//! in `X-File-Name` (percent-encoded UTF-8), and `GET
//! /api/requests/{id}/attachments/{attachment}` hands one back as a
//! download. Whoever may see a request may download its files; whoever may
//! comment on it may attach. A download is always `application/octet-stream`
//! with `Content-Disposition: attachment` and a sandboxing CSP, so a browser
//! saves the file and never runs or renders it as part of the portal.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};
use pilot_core::requests::attachments::{self, Attachment, NewFile};
use pilot_core::requests::Step;
use pilot_core::{flows, Error};

use crate::api::{may_take, visible};
use crate::errors::ApiError;
use crate::guard;
use crate::state::{Intent, Portal, Shared};

/// The header naming an uploaded file.
pub const FILE_NAME_HEADER: &str = "x-file-name";

pub async fn attach(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<Attachment>), ApiError> {
    from_own_page(&portal, &headers)?;
    let binary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/octet-stream"));
    if !binary {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the file itself as the body (Content-Type: application/octet-stream).",
        ));
    }
    let name = headers
        .get(FILE_NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|v| percent_decode_str(v).decode_utf8_lossy().into_owned())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "file_name",
                "Name the file in the X-File-Name header.",
            )
        })?;
    let content = {
        let _turn = portal
            .uploads
            .acquire()
            .await
            .map_err(|_| ApiError::internal())?;
        axum::body::to_bytes(body, portal.limits.file_bytes)
            .await
            .map_err(|_| too_large())?
    };
    let file = NewFile {
        name,
        content: content.to_vec(),
        field_key: None,
    };
    let address = peer.to_string();
    let attachment = portal
        .as_participant(&headers, peer, Intent::Change, move |ws, who| {
            visible(ws, who, id)?;
            if !may_take(who.role, Step::Comment) {
                return Err(ApiError::forbidden("attaching files"));
            }
            Ok(flows::portal_attach(
                ws,
                who.link_id,
                id,
                &file,
                &address,
                Utc::now(),
            )?)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(attachment)))
}

pub async fn download(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((id, attachment)): Path<(i64, i64)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (found, bytes) = portal
        .as_participant(&headers, peer, Intent::Read, move |ws, who| {
            visible(ws, who, id)?;
            match attachments::content(ws, id, attachment) {
                Ok(found) => Ok(found),
                Err(Error::NotFound { .. }) => Err(ApiError::new(
                    StatusCode::NOT_FOUND,
                    "not_found",
                    format!("Request #{id} has no attachment {attachment}."),
                )),
                Err(e) => Err(e.into()),
            }
        })
        .await?;
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition(&found.name)) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    // Replaces the portal's CSP on the way out (see `guard::headers`,
    // which only sets it where a handler has not).
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    Ok(response)
}

/// Refuses a change that does not come from a signed-in page of this
/// portal, before its body is read: a file is read into memory only for
/// such a page (the full checks follow in `as_participant`), and only a few
/// at a time, so strangers cannot make the server hold their bodies.
fn from_own_page(portal: &Portal, headers: &HeaderMap) -> Result<(), ApiError> {
    let session = portal.session(headers).ok_or_else(ApiError::signed_out)?;
    if !guard::same_origin(headers, portal.scheme())
        || !guard::csrf_matches(headers, &session.1.csrf)
    {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "csrf",
            "This change did not come from the portal's own pages with their security token, so it was refused. Reload the page and try again.",
        ));
    }
    Ok(())
}

/// Whether a body is a form with files (`multipart/form-data`).
pub fn is_form_with_files(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// The name prefix of a form's file parts: `file:<field key>`.
pub const FILE_PART: &str = "file:";

/// Reads a submission sent with its files as `multipart/form-data`: a
/// `request` part holding the JSON a submission without files sends, and a
/// `file:<field key>` part per attachment field, with the file's name.
pub async fn submission_with_files<T: serde::de::DeserializeOwned>(
    portal: &Portal,
    headers: &HeaderMap,
    body: Body,
) -> Result<(T, Vec<NewFile>), ApiError> {
    from_own_page(portal, headers)?;
    let bad = |message: String| ApiError::new(StatusCode::BAD_REQUEST, "invalid_form", message);
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| multer::parse_boundary(v).ok())
        .ok_or_else(|| bad("The form's parts have no boundary in its Content-Type.".into()))?;
    let limits = &portal.limits;
    let constraints = multer::Constraints::new().size_limit(
        multer::SizeLimit::new()
            .whole_stream(limits.submission_bytes as u64)
            .per_field(limits.file_bytes as u64)
            .for_field("request", limits.body_bytes as u64),
    );
    let _turn = portal
        .uploads
        .acquire()
        .await
        .map_err(|_| ApiError::internal())?;
    let mut form =
        multer::Multipart::with_constraints(body.into_data_stream(), boundary, constraints);
    let failed = |e: multer::Error| match e {
        multer::Error::FieldSizeExceeded { .. } | multer::Error::StreamSizeExceeded { .. } => {
            too_large_form(limits)
        }
        other => bad(format!("The form could not be read: {other}.")),
    };
    let mut submission = None;
    let mut files = Vec::new();
    while let Some(part) = form.next_field().await.map_err(failed)? {
        let name = part.name().unwrap_or_default().to_owned();
        if name == "request" {
            let bytes = part.bytes().await.map_err(failed)?;
            submission = Some(serde_json::from_slice::<T>(&bytes).map_err(|e| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_json",
                    format!("The request part is not what this call takes: {e}."),
                )
            })?);
        } else if let Some(key) = name.strip_prefix(FILE_PART) {
            if files.len() as i64 >= attachments::FILES_PER_REQUEST {
                return Err(bad(format!(
                    "A request can hold at most {} files.",
                    attachments::FILES_PER_REQUEST
                )));
            }
            let file_name = part.file_name().unwrap_or("file").to_owned();
            let content = part.bytes().await.map_err(failed)?.to_vec();
            files.push(NewFile {
                name: file_name,
                content,
                field_key: Some(key.to_owned()),
            });
        } else {
            return Err(bad(format!(
                "The form has a part this call does not take: “{name}”."
            )));
        }
    }
    let submission = submission.ok_or_else(|| bad("The form has no request part.".into()))?;
    Ok((submission, files))
}

fn too_large_form(limits: &crate::options::Limits) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!(
            "A file can be at most {}, and the files sent with one request at most {} together.",
            attachments::size_label(limits.file_bytes as i64),
            attachments::size_label(limits.submission_bytes as i64)
        ),
    )
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!(
            "A file can be at most {}.",
            attachments::size_label(attachments::FILE_MAX_BYTES as i64)
        ),
    )
}

/// `attachment` with the name twice: an ASCII stand-in for old browsers and
/// the exact name, percent-encoded (RFC 6266).
fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        utf8_percent_encode(name, NON_ALPHANUMERIC)
    )
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn a_download_is_named_in_ascii_and_exactly() {
        assert_eq!(
            disposition("Reçu \"mai\".pdf"),
            "attachment; filename=\"Re_u _mai_.pdf\"; filename*=UTF-8''Re%C3%A7u%20%22mai%22%2Epdf"
        );
    }
}
