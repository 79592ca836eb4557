//! Files chosen for a form's attachment fields, held between the choosing
//! and the submitting. The webview knows a file only by its token: the
//! path came from the native dialog and never leaves Rust, so a page can
//! submit only files the person chose.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many chosen files are remembered; the oldest is forgotten first. A
/// form has a few attachment fields, so this is room for several forms
/// filled in side by side.
const HELD: usize = 64;

/// A file chosen for a form's attachment field, as the form shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PickedFile {
    /// What the submission names the file by.
    #[ts(type = "number")]
    pub token: u64,
    pub name: String,
    #[ts(type = "number")]
    pub size: i64,
    /// The type in words, e.g. "PDF document".
    pub kind: String,
}

/// A chosen file sent with a request: the field it answers and its token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldFile {
    pub field_key: String,
    #[ts(type = "number")]
    pub token: u64,
}

#[derive(Default)]
pub struct PickedFiles(Mutex<Held>);

#[derive(Default)]
struct Held {
    last: u64,
    paths: VecDeque<(u64, PathBuf)>,
}

impl PickedFiles {
    /// Remembers `path` and returns its token.
    pub fn hold(&self, path: PathBuf) -> u64 {
        let mut held = self.0.lock().unwrap_or_else(|p| p.into_inner());
        held.last += 1;
        let token = held.last;
        if held.paths.len() == HELD {
            held.paths.pop_front();
        }
        held.paths.push_back((token, path));
        token
    }

    /// The path behind `token`, while it is remembered.
    pub fn path(&self, token: u64) -> Option<PathBuf> {
        let held = self.0.lock().unwrap_or_else(|p| p.into_inner());
        held.paths
            .iter()
            .find(|(t, _)| *t == token)
            .map(|(_, p)| p.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_the_path_it_was_given_until_enough_newer_files_are_chosen() {
        let picked = PickedFiles::default();
        let first = picked.hold(PathBuf::from("/a/receipt.pdf"));
        assert_eq!(picked.path(first), Some(PathBuf::from("/a/receipt.pdf")));
        assert_eq!(
            picked.path(first + 1),
            None,
            "an unknown token names nothing"
        );
        for i in 0..HELD {
            picked.hold(PathBuf::from(format!("/a/{i}.pdf")));
        }
        assert_eq!(picked.path(first), None, "the oldest is forgotten");
    }
}
