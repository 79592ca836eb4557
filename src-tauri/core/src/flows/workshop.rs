//! A discovery workshop's spreadsheet: the file is imported (its rows kept
//! verbatim, like any import) and a use case is added per row, in the
//! import's one transaction, so a spreadsheet the backlog refuses leaves no
//! import behind and a failure halfway adds no use case.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use rusqlite::Connection;

use crate::backlog::{self, BacklogImport};
use crate::error::{Error, Result};
use crate::import::{self, ImportHooks, ImportOptions, ImportProgress};
use crate::workspace::Workspace;

/// Imports the workshop spreadsheet at `path` and adds its use cases, all
/// or nothing. Who set the value assumptions is `by`.
pub fn import_workshop(
    ws: &mut Workspace,
    path: &Path,
    options: &ImportOptions,
    by: &str,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<BacklogImport> {
    let mut hook = UseCases { by, made: None };
    import::store_file(ws, path, options, progress, cancel, &mut hook)?;
    hook.made
        .ok_or_else(|| Error::Internal("the workshop import added no use cases".into()))
}

/// Adds the use cases once the rows are stored, in the same transaction.
struct UseCases<'a> {
    by: &'a str,
    made: Option<BacklogImport>,
}

impl ImportHooks for UseCases<'_> {
    // A workshop spreadsheet replaces nothing: an earlier import of the
    // same bytes is refused as already imported.
    fn before(&mut self, _tx: &Connection, _earlier: i64) -> Result<()> {
        Ok(())
    }

    fn after(&mut self, _tx: &Connection, _earlier: i64, _import_id: i64) -> Result<()> {
        Ok(())
    }

    fn stored(&mut self, tx: &Connection, import_id: i64) -> Result<()> {
        self.made = Some(backlog::use_cases_in(tx, import_id, self.by)?);
        Ok(())
    }
}
