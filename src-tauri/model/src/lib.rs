//! The vocabulary the CSV engine and the catalog share: what type a field
//! has and in which order a column writes its dates. The engine infers
//! them from a file; the catalog's forms are made of them. Neither owns
//! the other, so both depend on this crate and not on each other.
//!
//! These values are stored (in an import's schema and in form versions)
//! and printed by `pilot inspect --json`: add variants, never rename one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
