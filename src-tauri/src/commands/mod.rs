//! Tauri commands: each parses its arguments, calls the core on a worker
//! thread and maps the error. Nothing else belongs here.

pub mod catalog;
pub mod directory;
pub mod import;
pub mod reports;
pub mod workspace;
