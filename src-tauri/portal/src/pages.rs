//! The portal's pages as this binary holds them (see `build.rs`), served
//! at `/`: the built files by their path, and for any other place the
//! pages' one HTML page, which routes itself by the address's fragment.

use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

include!(concat!(env!("OUT_DIR"), "/pages.rs"));

/// The HTML page of the portal (`ui/portal.html` as built).
pub const INDEX: &str = "portal.html";

/// Whether this binary was built with the pages.
pub fn built() -> bool {
    file(INDEX).is_some()
}

/// A built file by its path under the pages' folder.
pub fn file(name: &str) -> Option<&'static [u8]> {
    FILES
        .iter()
        .find(|(path, _)| *path == name)
        .map(|(_, bytes)| *bytes)
}

/// Answers a GET (or HEAD) for a place outside `/api/` and `/s/`: a built
/// file, the page for any other place, and 404 for a missing asset (a
/// script the browser asked for must never come back as HTML).
pub async fn serve(method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let name = uri.path().trim_start_matches('/');
    let (name, bytes) = match file(name).filter(|_| !name.is_empty()) {
        Some(bytes) => (name, bytes),
        None if name.starts_with("assets/") => return StatusCode::NOT_FOUND.into_response(),
        None => match file(INDEX) {
            Some(bytes) => (INDEX, bytes),
            None => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    let kind = mime_guess::from_path(name).first_or_octet_stream();
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(kind.essence_str()) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // Built assets carry a hash of their content in their name, so a
    // browser may keep them; the page itself is asked for afresh each
    // time, so a new build is picked up at once.
    let cache = if name.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
