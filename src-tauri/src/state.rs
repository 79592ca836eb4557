//! What the app holds between commands: the open workspace (behind a mutex,
//! used only from blocking worker threads) and the app's settings.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use pilot_core::settings::Settings;
use pilot_core::{ErrorCode, Workspace};

use crate::error::{AppError, CmdResult};

pub struct AppState {
    inner: Arc<Mutex<Inner>>,
    /// The CSV file chosen (dialog) or dropped for the import wizard. Kept
    /// outside `inner` so that a drop or a cancel never waits for a running
    /// import to release the workspace.
    pub pending_import: Mutex<Option<PathBuf>>,
    /// Set to cancel the running import.
    pub import_cancel: Arc<AtomicBool>,
}

pub struct Inner {
    pub workspace: Option<Workspace>,
    pub settings: Settings,
    pub settings_path: PathBuf,
    pub data_dir: PathBuf,
    /// The workspace named on the command line, opened at start instead of
    /// the last one.
    pub requested: Option<PathBuf>,
    /// Whether the start-up workspace has been opened yet.
    pub started: bool,
    /// A problem met while opening the start-up workspace, told to the user once.
    pub startup_notice: Option<AppError>,
}

impl Inner {
    /// Records `path` as the most recent workspace; a settings file that
    /// cannot be written costs the recent list, never the user's work.
    pub fn remember(&mut self, path: &Path) {
        self.settings.remember(path);
        self.save_settings();
    }

    pub fn save_settings(&self) {
        if let Err(e) = self.settings.save(&self.settings_path) {
            eprintln!("pilot-studio: could not save settings: {e}");
        }
    }

    pub fn workspace_mut(&mut self) -> CmdResult<&mut Workspace> {
        self.workspace
            .as_mut()
            .ok_or_else(|| pilot_core::Error::NoWorkspace.into())
    }
}

impl AppState {
    /// The portal's certificate and key as last chosen (see
    /// `commands::portal`), read once at start.
    pub fn portal_tls(&self) -> (Option<PathBuf>, Option<PathBuf>) {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        (
            inner.settings.portal_certificate.clone(),
            inner.settings.portal_key.clone(),
        )
    }

    pub fn new(settings_path: PathBuf, data_dir: PathBuf, requested: Option<PathBuf>) -> Self {
        // How another process's refusal names this one: the workspace this
        // window has open is locked (see `pilot_core::lock`) until it is
        // closed, also when the app is killed.
        pilot_core::lock::set_holder_name("another Pilot Studio window");
        let settings = Settings::load(&settings_path);
        AppState {
            inner: Arc::new(Mutex::new(Inner {
                workspace: None,
                settings,
                settings_path,
                data_dir,
                requested,
                started: false,
                startup_notice: None,
            })),
            pending_import: Mutex::new(None),
            import_cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Runs `f` on a blocking worker thread with the state locked, so SQLite
    /// never runs on the main (UI) thread.
    pub async fn run<T, F>(&self, f: F) -> CmdResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Inner) -> CmdResult<T> + Send + 'static,
    {
        self.run_unlocked(move |shared| f(&mut shared.lock())).await
    }

    /// Runs `f` on a blocking worker thread without the state locked: for
    /// long reads of a file that reach the workspace only briefly, through
    /// [`Shared::with_workspace`], so they never wait for a running import.
    pub async fn run_unlocked<T, F>(&self, f: F) -> CmdResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Shared) -> CmdResult<T> + Send + 'static,
    {
        let shared = Shared(self.inner.clone());
        blocking(move || f(&shared)).await?
    }

    /// Like [`AppState::run`], for work on the open workspace.
    pub async fn with_workspace<T, F>(&self, f: F) -> CmdResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Workspace) -> pilot_core::Result<T> + Send + 'static,
    {
        self.run(move |inner| {
            let ws = inner.workspace_mut()?;
            // A storage failure names the workspace file and says what to do.
            let path = ws.path().to_owned();
            Ok(f(ws).map_err(|e| e.in_file(&path))?)
        })
        .await
    }
}

/// Runs `f` on a blocking worker thread, off the main (UI) thread: for
/// file and system calls that may take a while.
pub async fn blocking<T, F>(f: F) -> CmdResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| AppError::internal(format!("a background task failed: {e}")))
}

/// The app's state as seen from a worker thread.
pub struct Shared(Arc<Mutex<Inner>>);

impl AppState {
    /// The state for work that outlives a command (the portal's server),
    /// reaching the workspace through [`Shared::with_workspace`].
    pub fn shared(&self) -> Shared {
        Shared(self.inner.clone())
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic in an earlier command poisons the lock; the state itself
        // is still consistent because every write is one transaction.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the open workspace, holding it only meanwhile.
    pub fn with_workspace<T>(
        &self,
        f: impl FnOnce(&mut Workspace) -> pilot_core::Result<T>,
    ) -> pilot_core::Result<T> {
        match self.lock().workspace.as_mut() {
            Some(ws) => {
                // A storage failure names the workspace file and says what to do.
                let path = ws.path().to_owned();
                f(ws).map_err(|e| e.in_file(&path))
            }
            None => Err(pilot_core::Error::NoWorkspace),
        }
    }
}

impl AppState {
    /// The file the import wizard works on.
    pub fn pending_import(&self) -> CmdResult<PathBuf> {
        self.pending_import
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| AppError::new(ErrorCode::NoFile, "Choose a CSV file to import first."))
    }

    pub fn set_pending_import(&self, path: PathBuf) {
        *self
            .pending_import
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(path);
    }
}
