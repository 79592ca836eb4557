//! The server's shared state (the store, the sessions, the limits) and how
//! a handler does its work: on a blocking worker with the workspace, after
//! the caller's session, link, origin and CSRF token were checked.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::http::HeaderMap;
use chrono::Utc;
use pilot_core::portal::{self, Participation};
use pilot_core::Workspace;

use crate::errors::ApiError;
use crate::guard;
use crate::options::{Limits, Options, Pages};
use crate::rate_limit::Buckets;
use crate::sessions::{Session, Sessions};
use crate::store::Store;

pub struct Portal {
    store: Arc<dyn Store>,
    pub sessions: Sessions,
    /// Serve only this pilot's links (all pilots' when none).
    pub pilot: Option<i64>,
    /// Host names the portal answers to besides its address.
    pub host_names: Vec<String>,
    /// The pages served at `/`.
    pub pages: Pages,
    /// Served over TLS: the session cookie is `Secure`, and a change must
    /// come from an `https` page.
    pub secure: bool,
    /// Sign-in attempts per client address: what stops token guessing.
    pub sign_ins: Buckets,
    /// Every request per client address.
    pub by_address: Buckets,
    /// API requests per link, whichever browsers use it.
    pub by_link: Buckets,
    /// Uploads whose bodies are read at once: each may hold a whole file
    /// in memory, so their number bounds what uploads can take.
    pub uploads: tokio::sync::Semaphore,
    /// The sizes and rates the server holds to.
    pub limits: Limits,
}

pub type Shared = Arc<Portal>;

/// Whether a request only reads, or changes something (and must then show
/// its origin and CSRF token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Read,
    Change,
}

impl Portal {
    pub fn new(store: Arc<dyn Store>, options: &Options) -> Portal {
        let limits = &options.limits;
        Portal {
            store,
            sessions: Sessions::default(),
            pilot: options.pilot,
            host_names: options.host_names.clone(),
            pages: options.pages.clone(),
            secure: options.tls.is_some(),
            sign_ins: Buckets::new(limits.sign_ins_per_address),
            by_address: Buckets::new(limits.requests_per_address),
            by_link: Buckets::new(limits.requests_per_link),
            uploads: tokio::sync::Semaphore::new(limits.uploads_at_once.max(1)),
            limits: limits.clone(),
        }
    }

    /// Runs `work` with the workspace on a blocking worker thread: SQLite
    /// never runs on the async runtime.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Workspace) -> Result<T, ApiError> + Send + 'static,
    {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || {
            let mut work = Some(work);
            let mut out = None;
            store.with_workspace(&mut |ws| {
                if let Some(work) = work.take() {
                    out = Some(work(ws));
                }
            })?;
            out.unwrap_or_else(|| Err(ApiError::internal()))
        })
        .await
        .map_err(|_| ApiError::internal())?
    }

    /// `https` over TLS, else `http`.
    pub fn scheme(&self) -> &'static str {
        if self.secure {
            "https"
        } else {
            "http"
        }
    }

    /// Whether there are pages to show at `/` (else `/` is a plain page).
    pub fn has_pages(&self) -> bool {
        match self.pages {
            Pages::Built => crate::pages::built(),
            Pages::Folder(_) => true,
            Pages::None => false,
        }
    }

    /// The caller's session, when the request carries an open one.
    pub fn session(&self, headers: &HeaderMap) -> Option<(String, Session)> {
        let id = guard::session_cookie(headers)?;
        let session = self.sessions.get(&id)?;
        Some((id, session))
    }

    /// Runs `work` as the signed-in participant: refuses a request without
    /// an open session (401), a change without this server's origin or the
    /// session's CSRF token (403), a caller over their rate (429), and a
    /// session whose link no longer signs its person in (401, and the
    /// session ends).
    pub async fn as_participant<T, F>(
        &self,
        headers: &HeaderMap,
        address: SocketAddr,
        intent: Intent,
        work: F,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Workspace, &Participation) -> Result<T, ApiError> + Send + 'static,
    {
        if !self.by_address.take(&address.ip().to_string()) {
            return Err(ApiError::too_many());
        }
        let (id, session) = self.session(headers).ok_or_else(ApiError::signed_out)?;
        if intent == Intent::Change {
            if !guard::same_origin(headers, self.scheme()) {
                return Err(ApiError::new(
                    axum::http::StatusCode::FORBIDDEN,
                    "cross_origin",
                    "This change did not come from the portal's own pages, so it was refused.",
                ));
            }
            if !guard::csrf_matches(headers, &session.csrf) {
                return Err(ApiError::new(
                    axum::http::StatusCode::FORBIDDEN,
                    "csrf",
                    "This change lacks the page's security token, so it was refused. Reload the page and try again.",
                ));
            }
        }
        if !self.by_link.take(&session.link_id.to_string()) {
            return Err(ApiError::too_many());
        }
        let pilot = self.pilot;
        let link_id = session.link_id;
        let outcome = self
            .run(move |ws| {
                let who = match portal::check(ws, link_id, Utc::now()) {
                    Ok(who) if pilot.is_none_or(|p| p == who.pilot_id) => who,
                    _ => return Ok(Err(ApiError::signed_out())),
                };
                Ok(Ok(work(ws, &who)))
            })
            .await?;
        match outcome {
            Ok(result) => result,
            Err(signed_out) => {
                self.sessions.close(&id);
                Err(signed_out)
            }
        }
    }
}
