//! Pilot Studio's desktop shell: a thin Tauri layer over `pilot-core`.
//!
//! Commands live in [`commands`], one module per area; each parses, calls the
//! core on a worker thread ([`state::AppState::run`]) and maps the error into
//! the one IPC error type, [`error::AppError`].

pub mod bindings;
pub mod commands;
pub mod dialog;
pub mod error;
pub mod mail;
pub mod menu;
pub mod picked_files;
pub mod state;

use std::path::PathBuf;

use tauri::Manager;

/// A workspace named on the command line (`pilot-studio FILE.pilot`).
fn requested_workspace() -> Option<PathBuf> {
    std::env::args_os()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(PathBuf::from)
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            let data_dir = app.path().app_data_dir()?;
            let settings_path = app.path().app_config_dir()?.join("settings.json");
            let state = state::AppState::new(settings_path, data_dir, requested_workspace());
            let (certificate, key) = state.portal_tls();
            app.manage(state);
            app.manage(commands::portal::PortalState::remembering(certificate, key));
            app.manage(picked_files::PickedFiles::default());
            app.set_menu(menu::build(app.handle(), &[])?)?;
            Ok(())
        })
        .on_menu_event(menu::on_event)
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                let app = window.app_handle();
                commands::import::on_drop(app, &app.state::<state::AppState>(), paths);
            }
        })
        .invoke_handler(commands::handle)
        .build(tauri::generate_context!())
        .expect("Pilot Studio could not start")
        .run(|app, event| {
            // The portal stops with the app: requests under way are answered first.
            if let tauri::RunEvent::Exit = event {
                tauri::async_runtime::block_on(commands::portal::stop(app));
            }
        });
}
