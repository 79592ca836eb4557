//! Commands for the workspace as a document: the start-up workspace, New,
//! Open…, Open Recent, Open Demo, Save As…, Close, and the welcome screen.

use std::path::{Path, PathBuf};

use pilot_core::workspace::WorkspaceInfo;
use pilot_core::{ErrorCode, Workspace};
use pilot_studio_macros::command;
use serde::Serialize;
use tauri::{AppHandle, State};
use ts_rs::TS;

use crate::dialog::{self, Kind};
use crate::error::{AppError, CmdResult};
use crate::menu;

use super::portal;
use crate::state::{AppState, Inner};

// This area's commands. Adding one is a `#[command]` function below and
// its name here (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    app_snapshot,
    workspace_new,
    workspace_open,
    workspace_open_recent,
    workspace_save_as,
    workspace_close,
    welcome_dismiss,
    demo_open,
    workspace_revision,
}

/// The name of the workspace a first start creates in the app's data folder.
const STARTER_FILE: &str = "My programme.pilot";

/// The file the demo lives in, in the app's data folder.
const DEMO_FILE: &str = "Demo workspace.pilot";

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentWorkspace {
    pub name: String,
    pub path: String,
}

/// Everything the shell shows about the app: the open workspace, the recent
/// list, whether to greet a newcomer, and a notice to show once.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppSnapshot {
    pub workspace: Option<WorkspaceInfo>,
    pub recent: Vec<RecentWorkspace>,
    pub show_welcome: bool,
    pub notice: Option<AppError>,
}

fn snapshot(inner: &mut Inner) -> CmdResult<AppSnapshot> {
    let workspace = inner.workspace.as_ref().map(Workspace::info).transpose()?;
    Ok(AppSnapshot {
        workspace,
        recent: inner
            .settings
            .recent
            .iter()
            .map(|p| RecentWorkspace {
                name: pilot_core::workspace::default_name(p),
                path: p.display().to_string(),
            })
            .collect(),
        show_welcome: !inner.settings.welcome_dismissed,
        notice: inner.startup_notice.take(),
    })
}

/// Opens `path` in place of the current workspace; on failure the current
/// workspace stays open.
fn open_path(inner: &mut Inner, path: &Path) -> CmdResult<()> {
    let ws = Workspace::open(path)?;
    let path = ws.path().to_owned();
    inner.workspace = Some(ws);
    inner.remember(&path);
    Ok(())
}

/// Opens what a start should show: the workspace named on the command line,
/// else the last one, else the starter workspace (created on first run).
fn start(inner: &mut Inner) -> CmdResult<()> {
    inner.started = true;
    if let Some(path) = inner.requested.take() {
        match open_path(inner, &path) {
            Ok(()) => return Ok(()),
            Err(e) => inner.startup_notice = Some(e),
        }
    }
    if let Some(last) = inner.settings.last().map(Path::to_owned) {
        match open_path(inner, &last) {
            Ok(()) => return Ok(()),
            Err(e) => {
                inner.settings.forget(&last);
                inner.save_settings();
                inner.startup_notice.get_or_insert(e);
            }
        }
    }
    let starter = inner.data_dir.join(STARTER_FILE);
    if starter.exists() {
        return open_path(inner, &starter);
    }
    let zone = iana_time_zone::get_timezone().unwrap_or_else(|_| "UTC".into());
    let ws = pilot_core::flows::create_starter(&starter, &zone)?;
    inner.workspace = Some(ws);
    inner.remember(&starter);
    Ok(())
}

/// Runs a workspace change and refreshes the title bar and Open Recent menu.
async fn change<F>(app: &AppHandle, state: &AppState, f: F) -> CmdResult<AppSnapshot>
where
    F: FnOnce(&mut Inner) -> CmdResult<()> + Send + 'static,
{
    let result = state
        .run(move |inner| {
            let before = inner.workspace.as_ref().map(|ws| ws.path().to_owned());
            let outcome = f(inner);
            let after = inner.workspace.as_ref().map(|ws| ws.path().to_owned());
            let snap = snapshot(inner)?;
            Ok((
                outcome,
                snap,
                inner.settings.recent.clone(),
                before != after,
            ))
        })
        .await?;
    let (outcome, snap, recent, switched) = result;
    if switched {
        // The portal serves the workspace it was opened on, and no other.
        portal::stop(app).await;
    }
    menu::refresh(app, &recent, snap.workspace.as_ref())?;
    outcome.map(|()| snap)
}

#[command]
pub async fn app_snapshot(app: AppHandle, state: State<'_, AppState>) -> CmdResult<AppSnapshot> {
    change(&app, &state, |inner| {
        if !inner.started {
            start(inner)?;
        }
        Ok(())
    })
    .await
}

#[command]
pub async fn workspace_new(app: AppHandle, state: State<'_, AppState>) -> CmdResult<AppSnapshot> {
    let chosen = dialog::choose(
        &app,
        Kind::SaveWorkspace {
            suggested: "New programme".into(),
        },
    )
    .await?;
    change(&app, &state, move |inner| {
        let Some(path) = chosen else { return Ok(()) };
        if path.exists() {
            // The native dialog has already asked whether to replace the
            // file; a workspace is replaced only by moving the old one aside.
            return Err(AppError::new(
                ErrorCode::Exists,
                format!(
                    "{} already exists. Choose another name, or open it with File › Open….",
                    path.display()
                ),
            ));
        }
        let ws = Workspace::create(&path)?;
        let path = ws.path().to_owned();
        inner.workspace = Some(ws);
        inner.remember(&path);
        Ok(())
    })
    .await
}

#[command]
pub async fn workspace_open(app: AppHandle, state: State<'_, AppState>) -> CmdResult<AppSnapshot> {
    let chosen = dialog::choose(&app, Kind::OpenWorkspace).await?;
    change(&app, &state, move |inner| match chosen {
        Some(path) => open_path(inner, &path),
        None => Ok(()),
    })
    .await
}

/// Opens the `index`-th recent workspace. The webview names an entry of the
/// list the backend keeps, never a path of its own.
#[command]
pub async fn workspace_open_recent(
    app: AppHandle,
    state: State<'_, AppState>,
    index: u32,
) -> CmdResult<AppSnapshot> {
    change(&app, &state, move |inner| {
        let path: PathBuf = inner
            .settings
            .recent
            .get(index as usize)
            .cloned()
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    "That recent workspace is no longer listed.",
                )
            })?;
        let result = open_path(inner, &path);
        if let Err(AppError { code, .. }) = &result {
            if *code == ErrorCode::Io {
                inner.settings.forget(&path);
                inner.save_settings();
            }
        }
        result
    })
    .await
}

#[command]
pub async fn workspace_save_as(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<AppSnapshot> {
    let suggested = state
        .with_workspace(|ws| ws.name())
        .await
        .map(|name| format!("{name} copy"))?;
    let chosen = dialog::choose(&app, Kind::SaveWorkspace { suggested }).await?;
    change(&app, &state, move |inner| {
        let Some(dest) = chosen else { return Ok(()) };
        let ws = inner.workspace_mut()?;
        ws.save_as(&dest)?;
        let path = ws.path().to_owned();
        inner.remember(&path);
        Ok(())
    })
    .await
}

#[command]
pub async fn workspace_close(app: AppHandle, state: State<'_, AppState>) -> CmdResult<AppSnapshot> {
    change(&app, &state, |inner| {
        inner.workspace = None;
        Ok(())
    })
    .await
}

#[command]
pub async fn welcome_dismiss(state: State<'_, AppState>) -> CmdResult<()> {
    state
        .run(|inner| {
            inner.settings.welcome_dismissed = true;
            inner.save_settings();
            Ok(())
        })
        .await
}

/// Opens a freshly generated demo workspace from the app's data folder. An
/// earlier demo there is replaced (only a file that is a demo is), so the
/// roadmap starts at the current quarter.
#[command]
pub async fn demo_open(app: AppHandle, state: State<'_, AppState>) -> CmdResult<AppSnapshot> {
    change(&app, &state, |inner| {
        let path = inner.data_dir.join(DEMO_FILE);
        if path.exists() {
            let open_here = inner
                .workspace
                .as_ref()
                .is_some_and(|ws| std::fs::canonicalize(&path).is_ok_and(|p| p == ws.path()));
            if open_here {
                // Let go of it (and its lock) before it is replaced.
                inner.workspace = None;
            }
            if !pilot_core::demo::replace(&path)? {
                // Not ours to replace: open it as it is, which names the
                // trouble if it is not a workspace.
                return open_path(inner, &path);
            }
        }
        let ws = pilot_core::demo::create(&path)?;
        let opened = ws.path().to_owned();
        inner.workspace = Some(ws);
        inner.remember(&opened);
        Ok(())
    })
    .await
}

/// What changes whenever the open workspace's data does (see
/// `Workspace::revision`): screens poll it to follow, as they happen, the
/// changes made elsewhere (the portal's participants, `pilot serve`).
#[command]
pub async fn workspace_revision(state: State<'_, AppState>) -> CmdResult<String> {
    state.with_workspace(|ws| ws.revision()).await
}
