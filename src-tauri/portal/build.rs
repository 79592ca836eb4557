//! Builds the portal's pages into the binary: every file under
//! `ui/dist/portal` (written by `npm run build` in `ui/`, which `make`
//! runs before cargo) becomes an `include_bytes!` in `$OUT_DIR/pages.rs`.
//! Without that folder the list is empty and the server says it was built
//! without its pages, so `cargo build` works from a fresh clone too.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

/// The page every place of the portal starts from.
const INDEX: &str = "portal.html";

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dist = manifest.join("../../ui/dist");
    let pages = dist.join("portal");
    // Cargo reruns this script when a file under the watched folder
    // changes. The pages' folder when it exists; otherwise `ui/dist`, so
    // that building the pages later is noticed (a path that does not exist
    // at all makes cargo rerun the script on every build, which is right
    // then: the pages may appear at any moment).
    let watched = if pages.is_dir() || !dist.is_dir() {
        &pages
    } else {
        &dist
    };
    println!("cargo:rerun-if-changed={}", watched.display());

    let mut files = Vec::new();
    if pages.join(INDEX).is_file() {
        collect(&pages, "", &mut files);
    }
    files.sort();
    let mut out = String::from(
        "/// The built pages: each file's path under `ui/dist/portal` and its bytes.\n\
         pub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for (name, path) in &files {
        let _ = writeln!(out, "    ({name:?}, include_bytes!({path:?})),");
    }
    out.push_str("];\n");
    let target = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets it")).join("pages.rs");
    fs::write(target, out).expect("OUT_DIR is writable");
}

/// Every file under `dir`, as (path with `/` under the pages' folder,
/// absolute path).
fn collect(dir: &Path, prefix: &str, files: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if path.is_dir() {
            collect(&path, &format!("{name}/"), files);
        } else if let Ok(absolute) = path.canonicalize() {
            files.push((name, absolute.to_string_lossy().into_owned()));
        }
    }
}
