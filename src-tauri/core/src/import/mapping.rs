//! The user's say over what the importer found: per column a role, a type,
//! whether it is required and its choices; per import what happens to rows
//! with problems, and corrected cells for some of those rows.
//!
//! A mapping names columns by their header text, so a mapping saved for one
//! file applies to the next file of the same source with the same headers
//! (see `storage::mappings`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::inspection::{Field, FieldType, Roles};

/// What a column is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// A field of the request form.
    Field,
    /// Kept with the rows but used for nothing.
    Ignore,
    Id,
    OpenedAt,
    ClosedAt,
    Requester,
    Status,
}

/// One column of a file as it will be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnChoice {
    /// The header text.
    pub column: String,
    pub role: ColumnRole,
    #[serde(rename = "type")]
    pub field_type: FieldType,
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub choices: Option<Vec<String>>,
}

/// What an import does with the rows that still have problems once the
/// user's fixes are applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemRows {
    /// Import them as they are; their problems are stored with the import.
    #[default]
    Keep,
    /// Leave them out; their problems are stored, saying so.
    Skip,
}

/// Cells the user corrected for one row, in column order; they replace the
/// row's cells as the file has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowFix {
    /// The physical line the row starts on.
    #[ts(type = "number")]
    pub line: u64,
    pub cells: Vec<String>,
}

/// A row of the file as the wizard shows it for fixing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SourceRow {
    #[ts(type = "number")]
    pub line: u64,
    /// The row's cells, one per header column (missing cells empty, extra
    /// cells dropped), with the user's fixes applied.
    pub cells: Vec<String>,
    /// Whether the cells are the user's fixes rather than the file's.
    pub fixed: bool,
}

/// The columns as detected: every column of the file, the form fields and
/// the role columns as inference decided them.
pub(crate) fn detected(columns: &[Field], fields: &[Field], roles: &Roles) -> Vec<ColumnChoice> {
    columns
        .iter()
        .map(|c| ColumnChoice {
            column: c.column.clone(),
            role: role_of(&c.column, roles).unwrap_or(
                if fields.iter().any(|f| f.column == c.column) {
                    ColumnRole::Field
                } else {
                    ColumnRole::Ignore
                },
            ),
            field_type: c.field_type,
            required: c.required,
            choices: c.choices.clone(),
        })
        .collect()
}

fn role_of(column: &str, roles: &Roles) -> Option<ColumnRole> {
    let is = |r: &Option<String>| r.as_deref() == Some(column);
    if is(&roles.id) {
        Some(ColumnRole::Id)
    } else if is(&roles.opened_at) {
        Some(ColumnRole::OpenedAt)
    } else if is(&roles.closed_at) {
        Some(ColumnRole::ClosedAt)
    } else if is(&roles.requester) {
        Some(ColumnRole::Requester)
    } else if is(&roles.status) {
        Some(ColumnRole::Status)
    } else {
        None
    }
}

/// The form fields and role columns the user's choices make: fields in
/// column order; for each role, the first column given it.
pub(crate) fn fields_and_roles(columns: &[Field], choices: &[ColumnChoice]) -> (Vec<Field>, Roles) {
    let mut roles = Roles::default();
    let mut fields = Vec::new();
    for (field, choice) in columns.iter().zip(choices) {
        let slot = match choice.role {
            ColumnRole::Field => {
                fields.push(field.clone());
                continue;
            }
            ColumnRole::Ignore => continue,
            ColumnRole::Id => &mut roles.id,
            ColumnRole::OpenedAt => &mut roles.opened_at,
            ColumnRole::ClosedAt => &mut roles.closed_at,
            ColumnRole::Requester => &mut roles.requester,
            ColumnRole::Status => &mut roles.status,
        };
        slot.get_or_insert_with(|| field.column.clone());
    }
    (fields, roles)
}
