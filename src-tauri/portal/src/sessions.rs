//! Browser sessions, held in memory: a random id in an HttpOnly,
//! SameSite=Strict cookie names the link the browser signed in with and
//! the session's CSRF token. A session says nothing by itself about
//! whether its person may still come in: every request checks the link
//! again in the workspace, so a revoked link or an ended pilot ends the
//! session at once. Stopping the server ends every session.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pilot_core::portal::new_token;
use pilot_core::Error;

/// The session cookie's name.
pub const COOKIE: &str = "pilot_session";

/// The `Set-Cookie` value that hands a browser its session id, or with
/// `None` takes it away. Over TLS it is `Secure`, so the browser never
/// sends the id over plain HTTP, where anyone on the network could read
/// it; a portal on plain HTTP cannot ask that, or no browser would send it
/// back at all.
pub fn set_cookie(id: Option<&str>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match id {
        Some(id) => format!("{COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/{secure}"),
        None => format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}"),
    }
}

/// A session unused this long ends.
const IDLE: Duration = Duration::from_secs(12 * 60 * 60);

/// At most this many sessions are kept; beyond it the longest idle goes.
const MAX_SESSIONS: usize = 20_000;

#[derive(Debug, Clone)]
pub struct Session {
    pub link_id: i64,
    /// Sent back in the `x-csrf-token` header with every change.
    pub csrf: String,
    last_seen: Instant,
}

#[derive(Default)]
pub struct Sessions {
    table: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Opens a new session for a link; returns its id. A new id every
    /// time, whatever cookie the browser brought, so a session id planted
    /// before sign-in (fixation) never becomes a signed-in one.
    pub fn open(&self, link_id: i64) -> Result<String, Error> {
        let id = new_token()?;
        let session = Session {
            link_id,
            csrf: new_token()?,
            last_seen: Instant::now(),
        };
        let mut table = self.lock();
        if table.len() >= MAX_SESSIONS {
            let now = Instant::now();
            table.retain(|_, s| now.duration_since(s.last_seen) < IDLE);
            if table.len() >= MAX_SESSIONS {
                if let Some(oldest) = table
                    .iter()
                    .min_by_key(|(_, s)| s.last_seen)
                    .map(|(k, _)| k.clone())
                {
                    table.remove(&oldest);
                }
            }
        }
        table.insert(id.clone(), session);
        Ok(id)
    }

    /// The session of this id, if it is open and not idle too long.
    pub fn get(&self, id: &str) -> Option<Session> {
        let mut table = self.lock();
        let now = Instant::now();
        let session = table.get_mut(id)?;
        if now.duration_since(session.last_seen) >= IDLE {
            table.remove(id);
            return None;
        }
        session.last_seen = now;
        Some(session.clone())
    }

    pub fn close(&self, id: &str) {
        self.lock().remove(id);
    }

    /// How many sessions were used within the last `within`: the app's
    /// "connected" count.
    pub fn active(&self, within: Duration) -> usize {
        let now = Instant::now();
        self.lock()
            .values()
            .filter(|s| now.duration_since(s.last_seen) < within)
            .count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }
}
