//! The pilot portal: a pilot served to its participants' browsers over
//! HTTP, by `pilot serve` or by the desktop app ("Open to the department"),
//! on the same core and the same open workspace.
//!
//! [`serve`] binds, starts serving on the current tokio runtime and returns
//! a [`Running`] server with the address it bound (port 0 picks one). The
//! workspace comes through a [`Store`], so the one writer stays whoever
//! opened it; all SQLite work runs on blocking workers.
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

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use guard::{CSP, CSRF_HEADER};
pub use options::{Limits, Options, Pages};
pub use rate_limit::Rate;
pub use sessions::COOKIE;
pub use store::Store;

/// A portal that is serving.
pub struct Running {
    address: SocketAddr,
    portal: state::Shared,
    task: JoinHandle<()>,
}

impl Running {
    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
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

/// Binds `options.bind` and serves the portal until `shutdown` finishes.
/// Fails only when the address cannot be bound.
pub async fn serve(
    store: Arc<dyn Store>,
    options: Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<Running> {
    let listener = TcpListener::bind(options.bind).await?;
    let address = listener.local_addr()?;
    let portal = Arc::new(state::Portal::new(store, &options));
    let app = routes::router(portal.clone(), &options.limits);
    let task = tokio::spawn(listener::accept(listener, app, options.limits, shutdown));
    Ok(Running {
        address,
        portal,
        task,
    })
}
