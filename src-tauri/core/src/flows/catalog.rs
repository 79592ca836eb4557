//! A catalog item from an import, with the import's dated rows as its
//! baseline requests.

use crate::catalog::{self, CatalogItem, Suggestion};
use crate::error::Result;
use crate::requests;
use crate::workspace::Workspace;

/// Creates a draft item from a stored import, remembering the import it
/// came from. When the import's rows say when each request was opened
/// (an `opened_at` column), they become the item's baseline in the same
/// transaction (see [`requests::baseline_summary`]); a form definition or
/// an import without one gets no baseline.
pub fn create_from_import(
    ws: &mut Workspace,
    import_id: i64,
    suggestion: &Suggestion,
) -> Result<CatalogItem> {
    let (input, dated) = catalog::draft_of_import(ws, import_id, suggestion)?;
    let id = ws.write(|tx| {
        let id = catalog::insert_in(tx, &input, Some(import_id))?;
        if dated {
            requests::baseline::from_import(tx, id, import_id)?;
        }
        Ok(id)
    })?;
    catalog::get(ws, id)
}
