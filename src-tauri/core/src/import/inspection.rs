//! What the importer finds in a file: the shape `pilot inspect --json`
//! prints, the app previews and the workspace stores as the import's schema.
//!
//! Keys stay snake_case on purpose: the command line's JSON is a published
//! format (`header_line`, `date_order`, ...), and the UI reads the same shape.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::encoding::Encoding;
use super::mapping::ColumnChoice;

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    LongText,
    Integer,
    Decimal,
    Currency,
    Date,
    Datetime,
    YesNo,
    Choice,
    MultiChoice,
    Email,
    Phone,
    Url,
    Person,
    Attachment,
}

impl FieldType {
    /// Types whose values are numbers.
    pub fn is_number(self) -> bool {
        matches!(
            self,
            FieldType::Integer | FieldType::Decimal | FieldType::Currency
        )
    }

    /// Types whose typed value is a string taken from the cell; the rest are
    /// numbers, dates, booleans or lists.
    pub fn is_textual(self) -> bool {
        matches!(
            self,
            FieldType::Text
                | FieldType::LongText
                | FieldType::Choice
                | FieldType::Email
                | FieldType::Phone
                | FieldType::Url
                | FieldType::Person
                | FieldType::Attachment
        )
    }
}

/// The order of day, month and year in a column's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    Dmy,
    Mdy,
    Ymd,
}

/// Columns that carry a request's metadata rather than a form answer, named
/// by their header text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Roles {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub opened_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub closed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub requester: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<String>,
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
