//! Pilot Studio's core: everything the app and the `pilot` command line share.
//!
//! This crate never depends on Tauri, so it builds and tests fast and a
//! headless tool can use exactly the code the desktop app runs. SQL lives only
//! in [`storage`]; the other modules hold the domain rules and call into it.

pub mod backlog;
pub mod catalog;
pub mod demo;
pub mod directory;
pub mod error;
pub mod flows;
pub mod import;
pub mod knowledge;
pub mod lock;
pub mod metrics;
pub mod outbox;
pub mod pilots;
pub mod portal;
pub mod requests;
pub mod roadmap;
pub mod samples;
pub mod settings;
pub mod shapes;
pub mod sla;
pub mod storage;
pub mod story;
mod svg_text;
mod typeset;
pub mod value;
mod words;
pub mod workspace;

pub use error::{Error, ErrorCode, Result};
pub use typeset::Paper;
pub use workspace::Workspace;
