//! Pilot Studio's desktop shell: a thin Tauri layer over `pilot-core`.
//!
//! Commands live in [`commands`], one module per area; each parses, calls the
//! core on a worker thread ([`state::AppState::run`]) and maps the error into
//! the one IPC error type, [`error::AppError`].

pub mod bindings;
pub mod commands;
pub mod dialog;
pub mod error;
pub mod menu;
pub mod state;

use std::path::PathBuf;

use tauri::Manager;

/// Every command the UI may call. `build.rs` lists the same names for the
/// capability file; `bindings` generates their TypeScript types.
macro_rules! app_commands {
    () => {
        tauri::generate_handler![
            commands::workspace::app_snapshot,
            commands::workspace::workspace_new,
            commands::workspace::workspace_open,
            commands::workspace::workspace_open_recent,
            commands::workspace::workspace_save_as,
            commands::workspace::workspace_close,
            commands::workspace::welcome_dismiss,
            commands::directory::departments_list,
            commands::directory::department_create,
            commands::directory::department_update,
            commands::directory::department_usage,
            commands::directory::department_delete,
            commands::directory::people_list,
            commands::directory::person_create,
            commands::directory::person_update,
            commands::directory::person_usage,
            commands::directory::person_delete,
            commands::directory::time_zones,
            commands::import::import_choose,
            commands::import::import_preview,
            commands::import::import_sample,
            commands::import::samples_list,
            commands::import::import_run,
            commands::import::import_cancel,
            commands::import::imports_list,
            commands::catalog::catalog_list,
            commands::catalog::catalog_get,
            commands::catalog::catalog_create,
            commands::catalog::catalog_suggest,
            commands::catalog::catalog_create_from_import,
            commands::catalog::catalog_update,
            commands::catalog::catalog_check,
            commands::catalog::catalog_publish,
            commands::catalog::catalog_retire,
            commands::catalog::catalog_delete,
            commands::catalog::catalog_versions,
            commands::catalog::catalog_categories,
            commands::catalog::catalog_icons,
            commands::catalog::catalog_preview_check,
            commands::catalog::catalog_baseline,
            commands::reports::report_get,
            commands::reports::report_compare,
            commands::reports::report_tiles,
            commands::reports::report_tile_save,
            commands::reports::report_tile_delete,
            commands::reports::report_export,
        ]
    };
}

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
            app.manage(state);
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
        .invoke_handler(app_commands!())
        .run(tauri::generate_context!())
        .expect("Pilot Studio could not start");
}
