//! Tauri commands, one module per area. Each command parses its arguments,
//! calls the core on a worker thread and maps the error; work that the CLI
//! could share belongs in the core, not here.
//!
//! An area registers its commands once, with [`area!`]: that one list makes
//! the area's handler, the names the capability file allows (`build.rs`
//! reads the same list) and the TypeScript signatures (`bindings`).

pub mod backlog;
pub mod catalog;
pub mod directory;
pub mod import;
pub mod knowledge;
pub mod outbox;
pub mod pilots;
pub mod portal;
pub mod reports;
pub mod requests;
pub mod roadmap;
pub mod story;
pub mod workspace;

use crate::bindings::Signature;

/// Registers an area's commands (functions marked `#[command]` in the same
/// module): defines `NAMES`, `handle` and `signatures` for that area.
macro_rules! area {
    ($($name:ident),* $(,)?) => {
        /// The commands of this area, as the webview names them.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Runs one of this area's commands; `false` when the name is not
        /// one of them.
        pub fn handle(invoke: tauri::ipc::Invoke) -> bool {
            crate::commands::invoke_with(tauri::generate_handler![$($name),*], invoke)
        }

        /// The TypeScript signatures of this area's commands.
        pub fn signatures(cfg: &ts_rs::Config) -> Vec<crate::bindings::Signature> {
            vec![$($name::signature(cfg)),*]
        }
    };
}
pub(crate) use area;

/// Calls an area's generated handler; taking it as `impl Fn(Invoke)` is
/// what tells the compiler the type of the handler's argument.
#[doc(hidden)]
pub fn invoke_with(
    handler: impl Fn(tauri::ipc::Invoke) -> bool,
    invoke: tauri::ipc::Invoke,
) -> bool {
    handler(invoke)
}

/// One entry per area: its names, its handler, its signatures.
struct Area {
    names: &'static [&'static str],
    handle: fn(tauri::ipc::Invoke) -> bool,
    signatures: fn(&ts_rs::Config) -> Vec<Signature>,
}

macro_rules! areas {
    ($($area:ident),*) => {
        const AREAS: &[Area] = &[$(Area {
            names: $area::NAMES,
            handle: $area::handle,
            signatures: $area::signatures,
        }),*];
    };
}
areas!(
    workspace, directory, import, catalog, knowledge, pilots, requests, reports, backlog, roadmap,
    portal, story, outbox
);

/// The app's invoke handler: hands a call to the area that has the command.
pub fn handle(invoke: tauri::ipc::Invoke) -> bool {
    let command = invoke.message.command();
    match AREAS.iter().find(|area| area.names.contains(&command)) {
        Some(area) => (area.handle)(invoke),
        None => false,
    }
}

/// Every command's name, area by area.
pub fn names() -> impl Iterator<Item = &'static str> {
    AREAS.iter().flat_map(|area| area.names.iter().copied())
}

/// Every command's TypeScript signature, area by area.
pub fn signatures(cfg: &ts_rs::Config) -> Vec<Signature> {
    AREAS
        .iter()
        .flat_map(|area| (area.signatures)(cfg))
        .collect()
}
