//! A minimal Tauri 2 app: one window showing one static page. The start-up
//! benchmark (`tests/benches/startup.rs`) launches it exactly as it
//! launches Pilot Studio, so the two figures are comparable.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the minimal app runs");
}
