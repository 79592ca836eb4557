//! The user's say over what the importer found: per column a role, a type,
//! whether it is required and its choices; per import what happens to rows
//! with problems, and corrected cells for some of those rows.
//!
//! A mapping names columns by their header text, so a mapping saved for one
//! file applies to the next file of the same source with the same headers
//! (see `storage::mappings`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::infer::ColumnPlan;
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
    FirstResponseAt,
    ResolvedAt,
    ClosedAt,
    Requester,
    RequestedFor,
    Assignee,
    AssignmentGroup,
    Status,
    Priority,
    Category,
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
    /// Why the importer gave the column its role ("its header, \"Caller\"",
    /// "its values: codes like \"INC0012345\", each different").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub why: Option<String>,
    /// What the importer noticed in the column's values: why it stayed
    /// text, or which cells are read as empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
    /// The type most of a text column's cells fit, for the wizard to offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub suggested: Option<FieldType>,
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
/// the role columns as inference decided them, with why each role was
/// given (`reasons`, by column) and what each column's plan notes.
pub(crate) fn detected(
    columns: &[Field],
    fields: &[Field],
    roles: &Roles,
    reasons: &[(String, String)],
    plans: &[ColumnPlan],
) -> Vec<ColumnChoice> {
    columns
        .iter()
        .zip(plans)
        .map(|(c, plan)| ColumnChoice {
            column: c.column.clone(),
            role: shown_role(&c.column, fields, roles),
            field_type: c.field_type,
            required: c.required,
            choices: c.choices.clone(),
            why: role_of(&c.column, roles).and_then(|_| {
                reasons
                    .iter()
                    .find(|(column, _)| *column == c.column)
                    .map(|(_, why)| why.clone())
            }),
            note: plan.note.clone(),
            suggested: plan.suggested,
        })
        .collect()
}

/// The one role the wizard shows for a column inference decided: its
/// request role when it has one (even when it is a field too), otherwise
/// field or ignore.
fn shown_role(column: &str, fields: &[Field], roles: &Roles) -> ColumnRole {
    role_of(column, roles).unwrap_or(if fields.iter().any(|f| f.column == column) {
        ColumnRole::Field
    } else {
        ColumnRole::Ignore
    })
}

fn role_of(column: &str, roles: &Roles) -> Option<ColumnRole> {
    roles.role_of(column)
}

/// The form fields and role columns once the user's choices are applied to
/// what inference found (`fields`, `roles`): a column not named keeps what
/// inference made of it (a plain table's date can be a field and the
/// opened_at role at once); a named column is a field, a role column or
/// neither, as chosen. Fields stay in column order; a role goes to the first
/// column named with it, over the column inference chose. A column named
/// with the role the wizard shows for it (see [`detected`]) keeps what
/// inference made of it too, so a mapping applied unchanged — the wizard
/// sends the whole list, and a remembered one is applied whole — changes
/// nothing, even for a column that is a field and a role at once.
pub(crate) fn fields_and_roles(
    columns: &[Field],
    chosen: &[Option<ColumnChoice>],
    fields: &[Field],
    roles: &Roles,
) -> (Vec<Field>, Roles) {
    let role = |i: usize| {
        let shown = shown_role(&columns[i].column, fields, roles);
        chosen[i].as_ref().map(|c| c.role).filter(|r| *r != shown)
    };
    let mut roles = roles.clone();
    for (i, column) in columns.iter().enumerate() {
        if role(i).is_some() {
            for (_, slot) in roles.slots_mut() {
                if slot.as_deref() == Some(column.column.as_str()) {
                    *slot = None;
                }
            }
        }
    }
    let mut given = Vec::new();
    let mut out = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        let slot = match role(i) {
            None if fields.iter().any(|f| f.column == column.column) => {
                out.push(column.clone());
                continue;
            }
            Some(ColumnRole::Field) => {
                out.push(column.clone());
                continue;
            }
            None | Some(ColumnRole::Ignore) => continue,
            Some(chosen) => match roles.slot_mut(chosen) {
                Some(slot) => slot,
                None => continue,
            },
        };
        if !given.contains(&role(i)) {
            given.push(role(i));
            *slot = Some(column.column.clone());
        }
    }
    (out, roles)
}
