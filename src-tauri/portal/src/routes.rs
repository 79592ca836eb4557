//! The server's routes and the layers every request passes: security
//! headers (outermost, so refusals carry them too), the host check, a time
//! limit, and a body size limit (larger only for a file's upload).

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{middleware, Router};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;

use crate::options::{Limits, Pages};
use crate::state::Shared;
use crate::{api, attachments, guard, pages, sign_in};

pub fn router(portal: Shared, limits: &Limits) -> Router {
    let api = Router::new()
        .route("/me", get(sign_in::me))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/catalog", get(api::catalog))
        .route("/check", post(api::check))
        .route("/requests/{id}", get(api::show))
        .route("/requests/{id}/actions", post(api::act))
        .route("/queue", get(api::queue))
        .route("/approvals", get(api::approvals))
        .route("/pilot", get(api::pilot))
        .route("/knowledge", get(api::knowledge))
        .route("/people", get(api::people))
        .route("/knowledge/{id}/answer", post(api::answer_article))
        .route("/messages", get(api::messages))
        .route("/messages/seen", post(api::messages_seen))
        .route(
            "/requests/{id}/attachments/{attachment}",
            get(attachments::download),
        )
        .fallback(api::unknown)
        // Routes added after this layer are outside it: only an upload
        // may be bigger than a form's answers.
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .route(
            "/requests/{id}/attachments",
            post(attachments::attach).layer((
                DefaultBodyLimit::max(limits.file_bytes),
                RequestBodyLimitLayer::new(limits.file_bytes),
            )),
        )
        // A request may come with its form's files; its handler reads the
        // answers alone under the ordinary limit.
        .route(
            "/requests",
            get(api::mine).post(api::submit).layer((
                DefaultBodyLimit::max(limits.submission_bytes),
                RequestBodyLimitLayer::new(limits.submission_bytes),
            )),
        );
    let app = Router::new()
        .nest("/api", api)
        .route("/s/{token}", get(sign_in::sign_in));
    let app = match &portal.pages {
        Pages::Built if pages::built() => app.fallback(pages::serve),
        // ServeDir refuses `..` and serves nothing outside its folder;
        // any other place gets the pages' one HTML page.
        Pages::Folder(dir) => app
            .fallback_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join(pages::INDEX)))),
        _ => app
            .route("/", get(sign_in::landing))
            .fallback(sign_in::not_found),
    };
    app.with_state(portal.clone())
        .layer(RequestBodyLimitLayer::new(
            limits
                .body_bytes
                .max(limits.file_bytes)
                .max(limits.submission_bytes),
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request,
        ))
        .layer(middleware::from_fn_with_state(portal, guard::host))
        .layer(middleware::from_fn(guard::headers))
}
