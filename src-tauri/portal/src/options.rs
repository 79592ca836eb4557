//! What the one starting the portal chooses: where it listens, which
//! pilot, which pages, whether it speaks HTTPS, and the limits that keep it
//! standing.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::rate_limit::Rate;

#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen; port 0 picks a free port (see `Running::address`).
    pub bind: SocketAddr,
    /// Host names the portal is reached by besides its IP address (and
    /// `localhost` on a loopback address), e.g. `pilot.hr.example`: a
    /// request naming any other host is refused (see `guard::host`).
    pub host_names: Vec<String>,
    /// Serve only this pilot's participants.
    pub pilot: Option<i64>,
    /// The pages served at `/`.
    pub pages: Pages,
    /// HTTPS with this certificate and key; plain HTTP when `None`.
    pub tls: Option<Tls>,
    pub limits: Limits,
}

impl Options {
    pub fn new(bind: SocketAddr) -> Options {
        Options {
            bind,
            host_names: Vec::new(),
            pilot: None,
            pages: Pages::Built,
            tls: None,
            limits: Limits::default(),
        }
    }
}

/// The analyst's certificate and its private key, as PEM files: the
/// server's certificate first in `certificate`, then any intermediate
/// ones; the key as PKCS#8, PKCS#1 (RSA) or SEC1 (EC). Both are read when
/// the server starts (see `tls::server_config`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tls {
    pub certificate: PathBuf,
    pub key: PathBuf,
}

/// Which pages the participants' browsers get at `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pages {
    /// The pages built into this binary (from `ui/dist/portal`), the
    /// default; a binary built without them serves as with `None` and says
    /// so.
    Built,
    /// A folder of built pages (`pilot serve --pages DIR`), whose
    /// `portal.html` is the page for every place.
    Folder(PathBuf),
    /// No pages: `/` is a plain page saying who is signed in.
    None,
}

#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest request body: a request form's answers are text.
    pub body_bytes: usize,
    /// The largest file uploaded to a request (see
    /// `pilot_core::requests::attachments::FILE_MAX_BYTES`).
    pub file_bytes: usize,
    /// The largest submission of a form with files: room for a few files
    /// at their largest and the answers.
    pub submission_bytes: usize,
    /// Uploads read at once; more wait their turn.
    pub uploads_at_once: usize,
    /// How long a client may take to send a request's headers.
    pub header_read: Duration,
    /// How long a whole request may take, its body included.
    pub request: Duration,
    /// Connections served at once; more wait to be accepted.
    pub connections: usize,
    /// Sign-in attempts per address: 10 at once, then one every 6 s, so a
    /// guesser gets about 14,000 tries a day against 2^256 tokens.
    pub sign_ins_per_address: Rate,
    /// Requests per address: generous, since an office may share one.
    pub requests_per_address: Rate,
    /// API requests per link.
    pub requests_per_link: Rate,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 64 * 1024,
            file_bytes: pilot_core::requests::attachments::FILE_MAX_BYTES,
            submission_bytes: 4 * pilot_core::requests::attachments::FILE_MAX_BYTES + 64 * 1024,
            uploads_at_once: 4,
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(30),
            connections: 512,
            sign_ins_per_address: Rate::new(10, 1.0 / 6.0),
            requests_per_address: Rate::new(600, 100.0),
            requests_per_link: Rate::new(120, 10.0),
        }
    }
}
