//! What the importer finds in a file: the shape `pilot inspect --json`
//! prints, the app previews and the workspace stores as the import's schema.
//!
//! Keys stay snake_case on purpose: the command line's JSON is a published
//! format (`header_line`, `date_order`, ...), and the UI reads the same shape.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::encoding::Encoding;
use super::mapping::{ColumnChoice, ColumnRole};
/// The field vocabulary is shared with the catalog (see `pilot-model`).
pub use pilot_model::{DateOrder, FieldType};

/// The result of sniffing and inferring a file, without writing anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Inspection {
    /// The file's name as the user knows it (no directories).
    pub file: String,
    /// The title a row above the header gives the file (a report's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title: Option<String>,
    pub encoding: Encoding,
    /// What the user is told about the encoding, in their words, when the
    /// file is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub encoding_note: Option<String>,
    pub delimiter: char,
    /// The 1-based physical line the header row starts on.
    #[ts(type = "number")]
    pub header_line: u64,
    /// Data records below the header; for a form definition, its fields.
    #[ts(type = "number")]
    pub rows: u64,
    pub source: Source,
    pub fields: Vec<Field>,
    pub roles: Roles,
    /// Every column of the file with its role and type, as the wizard's
    /// column mapping shows them; empty for a form definition, whose columns
    /// describe fields rather than hold answers.
    #[serde(default)]
    pub columns: Vec<ColumnChoice>,
    /// Row-level problems, in file order. Inspection lists at most
    /// [`MAX_LISTED_PROBLEMS`]; an import stores every one.
    pub problems: Vec<Problem>,
}

/// How many problems an inspection lists; a preview needs examples, not a
/// million lines of them.
pub const MAX_LISTED_PROBLEMS: usize = 1000;

/// The tool that most likely wrote the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    Sharepoint,
    MicrosoftForms,
    GoogleForms,
    FormDefinition,
    Table,
}

impl Source {
    /// The source's name as stored with an import and printed in JSON
    /// (`sharepoint`, `microsoft-forms`, ...).
    pub fn label(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// One field of the form the import becomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Field {
    /// The header text, or the label on a form definition.
    pub column: String,
    /// A stable snake_case key, unique within the import.
    pub name: String,
    #[serde(rename = "type")]
    pub field_type: FieldType,
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub choices: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub date_order: Option<DateOrder>,
    /// A form definition's codes for the choices, in the same order (`1`
    /// for `1, Male`), when it gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub codes: Option<Vec<String>>,
    /// A form definition's help text or note for the field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub help: Option<String>,
    /// The section a form definition starts with this field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub section: Option<String>,
}

/// Columns that carry a request's metadata rather than a form answer, named
/// by their header text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Roles {
    /// The record's own id (`INC0012345`, `HR-123`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub opened_at: Option<String>,
    /// When someone first answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub first_response_at: Option<String>,
    /// When the request was resolved; a baseline's end when no column says when it was closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub resolved_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub closed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub requester: Option<String>,
    /// Whom the request is for, when someone else raised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub requested_for: Option<String>,
    /// The person working on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub assignee: Option<String>,
    /// The team or queue working on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub assignment_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub priority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub category: Option<String>,
}

impl Roles {
    /// The column holding `role`, when one does (`Field` and `Ignore` are
    /// not request roles and hold none).
    pub fn get(&self, role: ColumnRole) -> Option<&str> {
        self.slots()
            .into_iter()
            .find(|(r, _)| *r == role)
            .and_then(|(_, c)| c.as_deref())
    }

    /// The slot of a request role; `None` for `Field` and `Ignore`.
    pub fn slot_mut(&mut self, role: ColumnRole) -> Option<&mut Option<String>> {
        self.slots_mut()
            .into_iter()
            .find(|(r, _)| *r == role)
            .map(|(_, slot)| slot)
    }

    /// Every request role with its column, in the order the wizard lists them.
    pub fn slots(&self) -> [(ColumnRole, &Option<String>); 12] {
        [
            (ColumnRole::Id, &self.id),
            (ColumnRole::OpenedAt, &self.opened_at),
            (ColumnRole::FirstResponseAt, &self.first_response_at),
            (ColumnRole::ResolvedAt, &self.resolved_at),
            (ColumnRole::ClosedAt, &self.closed_at),
            (ColumnRole::Requester, &self.requester),
            (ColumnRole::RequestedFor, &self.requested_for),
            (ColumnRole::Assignee, &self.assignee),
            (ColumnRole::AssignmentGroup, &self.assignment_group),
            (ColumnRole::Status, &self.status),
            (ColumnRole::Priority, &self.priority),
            (ColumnRole::Category, &self.category),
        ]
    }

    pub fn slots_mut(&mut self) -> [(ColumnRole, &mut Option<String>); 12] {
        [
            (ColumnRole::Id, &mut self.id),
            (ColumnRole::OpenedAt, &mut self.opened_at),
            (ColumnRole::FirstResponseAt, &mut self.first_response_at),
            (ColumnRole::ResolvedAt, &mut self.resolved_at),
            (ColumnRole::ClosedAt, &mut self.closed_at),
            (ColumnRole::Requester, &mut self.requester),
            (ColumnRole::RequestedFor, &mut self.requested_for),
            (ColumnRole::Assignee, &mut self.assignee),
            (ColumnRole::AssignmentGroup, &mut self.assignment_group),
            (ColumnRole::Status, &mut self.status),
            (ColumnRole::Priority, &mut self.priority),
            (ColumnRole::Category, &mut self.category),
        ]
    }

    /// The role a column holds, if any (the first, should it hold several).
    pub fn role_of(&self, column: &str) -> Option<ColumnRole> {
        self.slots()
            .into_iter()
            .find(|(_, c)| c.as_deref() == Some(column))
            .map(|(r, _)| r)
    }
}

/// A row-level problem: the row is kept, and the user decides what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Problem {
    /// The 1-based physical line the row starts on.
    #[ts(type = "number")]
    pub line: u64,
    /// The header text of the column concerned, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<String>,
    pub message: String,
}
