//! Importing a file, and what an update of an earlier import means for
//! the areas that use it.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use rusqlite::Connection;

use crate::error::Result;
use crate::import::{self, ImportHooks, ImportOptions, ImportProgress, ImportSummary};
use crate::requests;
use crate::storage;
use crate::workspace::Workspace;

/// Imports a file into the workspace in one transaction: the import record,
/// every original row, typed values and every row-level problem, or nothing
/// at all when it is refused, fails or is cancelled. An update (see
/// [`ImportOptions::replace_existing`]) moves the catalog items made from
/// the earlier import onto the new one and makes their baselines again from
/// its rows, in the same transaction.
pub fn import_file(
    ws: &mut Workspace,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<ImportSummary> {
    import::store_file(
        ws,
        path,
        options,
        progress,
        cancel,
        &mut ItemsFollow::default(),
    )
}

/// The catalog items made from a replaced import, which follow it to the
/// import that replaces it.
#[derive(Default)]
pub(super) struct ItemsFollow {
    pub(super) items: Vec<i64>,
}

impl ImportHooks for ItemsFollow {
    fn before(&mut self, tx: &Connection, earlier: i64) -> Result<()> {
        self.items = storage::catalog::made_from(tx, earlier)?;
        Ok(())
    }

    fn after(&mut self, tx: &Connection, _earlier: i64, import_id: i64) -> Result<()> {
        requests::baseline::rebuild(tx, &self.items, import_id)
    }
}
