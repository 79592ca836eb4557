//! The native menu bar. Menu items do nothing on their own: each sends its id
//! to the window as a `menu` event, and the UI runs the same command a button
//! would, so every action has one code path.

use std::path::PathBuf;

use pilot_core::workspace::WorkspaceInfo;
use tauri::menu::{
    AboutMetadataBuilder, Menu, MenuItemBuilder, PredefinedMenuItem, Submenu, SubmenuBuilder,
};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::error::CmdResult;

/// The event the UI listens to; its payload is the item id.
pub const EVENT: &str = "menu";

pub fn build<R: Runtime>(app: &AppHandle<R>, recent: &[PathBuf]) -> tauri::Result<Menu<R>> {
    let item = |id: &str, text: &str, accel: Option<&str>| {
        let b = MenuItemBuilder::with_id(id, text);
        match accel {
            Some(a) => b.accelerator(a).build(app),
            None => b.build(app),
        }
    };

    let open_recent = SubmenuBuilder::new(app, "Open Recent").build()?;
    fill_recent(app, &open_recent, recent)?;

    let file = SubmenuBuilder::new(app, "File")
        .item(&item(
            "workspace-new",
            "New Workspace…",
            Some("CmdOrCtrl+N"),
        )?)
        .item(&item("workspace-open", "Open…", Some("CmdOrCtrl+O"))?)
        .item(&open_recent)
        .item(&item("demo-open", "Open Demo", None)?)
        .separator()
        .item(&item("import-csv", "Import CSV…", Some("CmdOrCtrl+I"))?)
        .separator()
        .item(&item(
            "workspace-save-as",
            "Save As…",
            Some("CmdOrCtrl+Shift+S"),
        )?)
        .item(&item(
            "workspace-close",
            "Close Workspace",
            Some("CmdOrCtrl+W"),
        )?)
        .separator()
        .item(&PredefinedMenuItem::quit(app, Some("Quit"))?)
        .build()?;

    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;

    let view = SubmenuBuilder::new(app, "View")
        .item(&item("go:home", "Home", Some("CmdOrCtrl+1"))?)
        .item(&item("go:catalog", "Catalog", Some("CmdOrCtrl+2"))?)
        .item(&item("go:pilots", "Pilots", Some("CmdOrCtrl+3"))?)
        .item(&item("go:reports", "Reports", Some("CmdOrCtrl+4"))?)
        .item(&item("go:roadmap", "Roadmap", Some("CmdOrCtrl+5"))?)
        .item(&item("go:directory", "Directory", Some("CmdOrCtrl+6"))?)
        .item(&item("go:knowledge", "Knowledge", Some("CmdOrCtrl+7"))?)
        .separator()
        .item(&PredefinedMenuItem::fullscreen(app, None)?)
        .build()?;

    let about = AboutMetadataBuilder::new()
        .name(Some("Pilot Studio"))
        .version(Some(env!("CARGO_PKG_VERSION")))
        .comments(Some(
            "Take service management beyond IT, one department pilot at a time.",
        ))
        .build();
    let help: Submenu<R> = SubmenuBuilder::new(app, "Help")
        .item(&item("help-welcome", "Welcome", None)?)
        .separator()
        .item(&PredefinedMenuItem::about(
            app,
            Some("About Pilot Studio"),
            Some(about),
        )?)
        .build()?;

    app.manage(RecentMenu(open_recent));
    Menu::with_items(app, &[&file, &edit, &view, &help])
}

/// The File › Open Recent submenu, kept to refresh its items in place.
struct RecentMenu<R: Runtime>(Submenu<R>);

fn fill_recent<R: Runtime>(
    app: &AppHandle<R>,
    submenu: &Submenu<R>,
    recent: &[PathBuf],
) -> tauri::Result<()> {
    for old in submenu.items()? {
        submenu.remove(&old)?;
    }
    if recent.is_empty() {
        let none = MenuItemBuilder::with_id("recent-none", "No Recent Workspaces")
            .enabled(false)
            .build(app)?;
        submenu.append(&none)?;
    }
    for (i, path) in recent.iter().enumerate() {
        let label = format!(
            "{}  —  {}",
            pilot_core::workspace::default_name(path),
            path.parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        );
        submenu.append(&MenuItemBuilder::with_id(format!("recent:{i}"), label).build(app)?)?;
    }
    Ok(())
}

pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: tauri::menu::MenuEvent) {
    if let Err(e) = app.emit_to("main", EVENT, event.id().0.as_str()) {
        eprintln!("pilot-studio: could not deliver menu event: {e}");
    }
}

/// Rebuilds the menu for a new recent list and names the window after the
/// open workspace.
pub fn refresh(
    app: &AppHandle,
    recent: &[PathBuf],
    workspace: Option<&WorkspaceInfo>,
) -> CmdResult<()> {
    if let Some(menu) = app.try_state::<RecentMenu<tauri::Wry>>() {
        fill_recent(app, &menu.0, recent)?;
    }
    if let Some(window) = app.get_webview_window("main") {
        let title = match workspace {
            Some(ws) => format!("{} — Pilot Studio", ws.name),
            None => "Pilot Studio".to_owned(),
        };
        window.set_title(&title)?;
    }
    Ok(())
}
