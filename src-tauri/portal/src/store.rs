//! Where the portal finds the workspace: whatever holds it open.
//!
//! `pilot serve` owns its workspace outright; the desktop app keeps the
//! workspace the analyst has open behind its own lock, possibly none. Both
//! hand the portal a [`Store`], so the portal works on the one open
//! workspace (one writer) and never opens the file a second time.

use std::sync::Mutex;

use pilot_core::{Error, Workspace};

/// Gives the portal the open workspace for the length of one piece of
/// work. Called on a blocking worker thread, never on the async runtime.
pub trait Store: Send + Sync + 'static {
    /// Runs `work` on the workspace, or refuses (no workspace is open).
    fn with_workspace(&self, work: &mut dyn FnMut(&mut Workspace)) -> Result<(), Error>;
}

/// The workspace `pilot serve` opened, held (with its lock) for as long as
/// the server runs.
impl Store for Mutex<Workspace> {
    fn with_workspace(&self, work: &mut dyn FnMut(&mut Workspace)) -> Result<(), Error> {
        // A panicked worker left no half-made change behind: every change is
        // one transaction, rolled back when its guard dropped. So the
        // workspace is still good to use.
        let mut ws = self.lock().unwrap_or_else(|p| p.into_inner());
        work(&mut ws);
        Ok(())
    }
}
