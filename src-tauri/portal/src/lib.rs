//! The pilot portal: a pilot served to its participants' browsers over
//! HTTP, by `pilot serve` or by the desktop app ("Open to the department"),
//! on the same core and the same open workspace.
//!
//! [`serve`] binds, starts serving on the current tokio runtime and returns
//! a [`Running`] server with the address it bound (port 0 picks one). The
//! workspace comes through a [`Store`], so the one writer stays whoever
//! opened it; all SQLite work runs on blocking workers.
//!
//! With `Options::tls` it speaks HTTPS with the analyst's certificate and
//! key (rustls, see `tls`), and the session cookie is `Secure`.
//!
//! Participants sign in with personal links (`/s/<token>`, issued by
//! `pilot_core::portal`); the JSON API is under `/api/` (see `api`), and
//! the portal's pages (built into the binary from `ui/portal.html`, see
//! `pages`) are served at `/`. Security: see `docs/PORTAL-THREATS.md`.

mod api;
mod attachments;
mod errors;
mod guard;
mod listener;
mod options;
mod pages;
pub mod qr;
mod rate_limit;
mod routes;
mod sessions;
mod sign_in;
mod state;
mod store;
mod tls;

use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use guard::{CSP, CSRF_HEADER};
pub use options::{Limits, Options, Pages, Tls};
pub use rate_limit::Rate;
pub use sessions::COOKIE;
pub use store::Store;
pub use tls::TlsError;

/// A portal that is serving.
pub struct Running {
    address: SocketAddr,
    portal: state::Shared,
    certificate_names: Vec<String>,
    task: JoinHandle<()>,
}

/// Why the portal did not start.
#[derive(Debug)]
pub enum ServeError {
    /// The certificate or key cannot be used; the message names the file.
    Tls(TlsError),
    /// The address cannot be listened on (taken, not this computer's, ...).
    Bind(std::io::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::Tls(e) => e.fmt(f),
            ServeError::Bind(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ServeError {}

impl Running {
    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// `https` when the portal speaks TLS, else `http`: what the
    /// addresses and personal links given out must start with.
    pub fn scheme(&self) -> &'static str {
        if self.portal.secure {
            "https"
        } else {
            "http"
        }
    }

    /// The host names the certificate is for (none over plain HTTP): the
    /// names to give out in addresses, since a browser checks the
    /// certificate against the name it was sent to. The portal answers to
    /// them besides its address.
    pub fn certificate_names(&self) -> &[String] {
        &self.certificate_names
    }

    /// How many browsers were active in the last five minutes: the app's
    /// "connected" count.
    pub fn connected(&self) -> usize {
        self.portal.sessions.active(Duration::from_secs(5 * 60))
    }

    /// Waits until the server has stopped (its shutdown future finished
    /// and the requests under way were answered, or five seconds passed).
    pub async fn stopped(self) {
        let _ = self.task.await;
    }
}

/// Whether this binary holds the portal's pages (it was built after the
/// UI was): a server with `Pages::Built` serves them.
pub fn pages_built() -> bool {
    pages::built()
}

/// Reads the certificate and key (with `options.tls`), binds
/// `options.bind` and serves the portal until `shutdown` finishes. Fails
/// when the certificate or key cannot be used (before anything is bound)
/// or the address cannot be bound.
pub async fn serve(
    store: Arc<dyn Store>,
    options: Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<Running, ServeError> {
    let mut options = options;
    let mut certificate_names = Vec::new();
    let tls = match &options.tls {
        Some(files) => {
            let loaded = tls::server_config(files).map_err(ServeError::Tls)?;
            certificate_names = loaded.names;
            Some(tokio_rustls::TlsAcceptor::from(loaded.config))
        }
        None => None,
    };
    options.host_names.extend(certificate_names.iter().cloned());
    let listener = TcpListener::bind(options.bind)
        .await
        .map_err(ServeError::Bind)?;
    let address = listener.local_addr().map_err(ServeError::Bind)?;
    let portal = Arc::new(state::Portal::new(store, &options));
    let app = routes::router(portal.clone(), &options.limits);
    let task = tokio::spawn(listener::accept(
        listener,
        app,
        options.limits,
        tls,
        shutdown,
    ));
    Ok(Running {
        address,
        portal,
        certificate_names,
        task,
    })
}
