//! The app's own settings, kept beside (not inside) workspaces: the recently
//! opened workspaces (the first is the one to reopen) and whether the welcome
//! screen was dismissed. Stored as JSON, replaced atomically on every save.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

const RECENT_MAX: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub welcome_dismissed: bool,
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults,
    /// since losing a recent-files list must never stop the app starting.
    pub fn load(path: &Path) -> Settings {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let tmp = path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).expect("settings serialise");
        std::fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT_MAX);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }

    /// The workspace to reopen at start: the most recent one.
    pub fn last(&self) -> Option<&Path> {
        self.recent.first().map(PathBuf::as_path)
    }
}
