//! The first records of a file as the import wizard previews them. They come
//! from the sniffer's bounded prefix, so a preview is quick whatever the
//! file's size.

use std::path::Path;

use super::analysis;
use super::reader::Input;
use super::ImportOptions;
use crate::error::Result;

/// The header row followed by up to `rows` data records, cells as text.
pub fn sample(path: &Path, options: &ImportOptions, rows: usize) -> Result<Vec<Vec<String>>> {
    let sniffed = analysis::sniff(Input::File(path), &super::file_name(path), options)?;
    let mut out = Vec::with_capacity(rows + 1);
    out.push(sniffed.titles.clone());
    out.extend(sniffed.sample.iter().take(rows).map(|r| r.cells.clone()));
    Ok(out)
}
