//! `pilot`: Pilot Studio's headless command line, on the same core as the app.

use std::path::PathBuf;
use std::process::ExitCode;

use pilot_core::Workspace;

const USAGE: &str = "usage: pilot info WORKSPACE.pilot";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, path] if cmd == "info" => info(PathBuf::from(path)),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Prints what a workspace holds, as JSON.
fn info(path: PathBuf) -> ExitCode {
    match Workspace::open(&path).and_then(|ws| ws.info()) {
        Ok(info) => {
            println!(
                "{}",
                serde_json::json!({
                    "path": info.path, "name": info.name,
                    "departments": info.departments, "people": info.people,
                })
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pilot: {e}");
            ExitCode::from(1)
        }
    }
}
