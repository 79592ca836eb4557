//! The app's own settings, kept beside (not inside) workspaces: the recently
//! opened workspaces (the first is the one to reopen) and whether the welcome
//! screen was dismissed. Stored as JSON, replaced atomically on every save.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

const RECENT_MAX: usize = 10;

/// Settings are a few kilobytes; a file far larger is not ours.
const MAX_SETTINGS_BYTES: u64 = 1 << 20;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub welcome_dismissed: bool,
    /// The certificate the portal serves HTTPS with (PEM), once chosen.
    pub portal_certificate: Option<PathBuf>,
    /// That certificate's private key (PEM).
    pub portal_key: Option<PathBuf>,
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults,
    /// since losing a recent-files list must never stop the app starting.
    /// A damaged file (not JSON of settings, far too large, not a file at
    /// all) is moved aside as `<name>.damaged` first, so that nothing the
    /// user had is thrown away and the next save does not overwrite it.
    pub fn load(path: &Path) -> Settings {
        match read(path) {
            Ok(Some(settings)) => settings,
            Ok(None) => Settings::default(),
            Err(why) => {
                let mut aside = path.as_os_str().to_owned();
                aside.push(".damaged");
                let kept = std::fs::rename(path, &aside).is_ok();
                let _ = writeln!(
                    std::io::stderr(),
                    "pilot-studio: the settings in {} could not be read ({why}); starting with defaults{}.",
                    path.display(),
                    if kept {
                        format!(", the damaged file is kept as {}", PathBuf::from(aside).display())
                    } else {
                        String::new()
                    }
                );
                Settings::default()
            }
        }
    }

    /// Writes the settings to a temporary file, flushed to disk, then
    /// renamed over the old ones: a crash or a full disk leaves the old
    /// settings or the new ones, never half of them.
    pub fn save(&self, path: &Path) -> Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".{}.tmp", std::process::id()));
        let tmp = PathBuf::from(name);
        let json = serde_json::to_vec_pretty(self).map_err(|e| {
            Error::invalid(
                "settings",
                format!("The settings could not be written: {e}."),
            )
        })?;
        let written = std::fs::File::create(&tmp)
            .and_then(|mut f| f.write_all(&json).and_then(|()| f.sync_all()))
            .and_then(|()| std::fs::rename(&tmp, path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::io(path, e));
        }
        Ok(())
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

/// The settings in `path`: `None` when there are none yet, an error saying
/// why when the file is there but is not settings.
fn read(path: &Path) -> std::result::Result<Option<Settings>, String> {
    let file = match crate::storage::open_regular(path) {
        Ok(file) => file,
        Err(crate::storage::Opened::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None)
        }
        // Unreadable is not damaged (a permission, a disk away): the file
        // stays where it is for the next start.
        Err(crate::storage::Opened::Io(e)) => {
            let _ = writeln!(
                std::io::stderr(),
                "pilot-studio: the settings in {} could not be read ({e}); starting with defaults.",
                path.display()
            );
            return Ok(None);
        }
        Err(crate::storage::Opened::NotAFile(what)) => return Err(format!("it is {what}")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_SETTINGS_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_SETTINGS_BYTES {
        return Err("it is far too large".into());
    }
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| e.to_string())
}
