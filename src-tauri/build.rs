//! Declares the app's commands so that the capability file can allow exactly
//! these and nothing else (Tauri generates an `allow-<command>` permission
//! for each).

const COMMANDS: &[&str] = &[
    "app_snapshot",
    "workspace_new",
    "workspace_open",
    "workspace_open_recent",
    "workspace_save_as",
    "workspace_close",
    "welcome_dismiss",
    "departments_list",
    "department_create",
    "department_update",
    "department_usage",
    "department_delete",
    "people_list",
    "person_create",
    "person_update",
    "person_usage",
    "person_delete",
    "time_zones",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
