//! A request form: ordered, typed fields with choices, defaults,
//! validation, sections and show-when conditions. A form is stored as JSON
//! in its version row, so this shape is a stored format: add fields with
//! `#[serde(default)]`, never rename one.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;

pub use pilot_model::FieldType;

/// Keys and choice ids are at most this long.
pub const KEY_MAX: usize = 64;

/// The first number a taken key or id gets as a suffix: `base_2`, `base_3`, …
pub const FIRST_DUPLICATE_SUFFIX: u32 = 2;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct Form {
    /// In the order the requester sees them.
    pub fields: Vec<FormField>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FormField {
    /// Stable snake_case name, unique in the form: answers are kept under
    /// it, so it does not change when the label does. Left empty on a new
    /// field, it is made from the label when saved.
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
    #[serde(rename = "type")]
    pub field_type: FieldType,
    #[serde(default)]
    pub required: bool,
    /// For `choice` and `multi_choice`, in the order shown.
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// A valid answer for this field (see `validate_answer`), or none.
    #[serde(default)]
    #[ts(type = "unknown")]
    pub default: Option<serde_json::Value>,
    #[serde(default)]
    pub validation: Validation,
    /// When set, this field starts a new section with this title.
    #[serde(default)]
    pub section: Option<String>,
    /// When set, the field is shown only while the condition holds.
    #[serde(default)]
    pub show_when: Option<ShowWhen>,
}

impl FormField {
    /// A new optional field with nothing else set.
    pub fn new(key: &str, label: &str, field_type: FieldType) -> Self {
        FormField {
            key: key.to_owned(),
            label: label.to_owned(),
            help: String::new(),
            field_type,
            required: false,
            choices: Vec::new(),
            default: None,
            validation: Validation::default(),
            section: None,
            show_when: None,
        }
    }

    pub fn has_choices(&self) -> bool {
        matches!(self.field_type, FieldType::Choice | FieldType::MultiChoice)
    }

    /// How the field is named in messages: its label, or its key.
    pub fn name(&self) -> &str {
        if self.label.trim().is_empty() {
            &self.key
        } else {
            &self.label
        }
    }
}

/// One answer of a choice field. Answers and conditions keep the `id`, so a
/// choice can be renamed without breaking what was answered before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    /// Stable; left empty on a new choice, it is made from the label.
    #[serde(default)]
    pub id: String,
    pub label: String,
}

impl Choice {
    pub fn new(id: &str, label: &str) -> Self {
        Choice {
            id: id.to_owned(),
            label: label.to_owned(),
        }
    }
}

/// Limits on an answer. `min`/`max` are numbers for `integer`, `decimal`
/// and `currency`, ISO dates (`2026-01-31`) for `date`, and ISO date-times
/// (`2026-01-31T09:00`) or dates for `datetime`. Lengths count characters of
/// text answers; `pattern` is a regular expression the whole answer must
/// match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct Validation {
    #[ts(type = "number | string | null")]
    pub min: Option<serde_json::Value>,
    #[ts(type = "number | string | null")]
    pub max: Option<serde_json::Value>,
    pub min_length: Option<u32>,
    pub max_length: Option<u32>,
    pub pattern: Option<String>,
}

impl Validation {
    pub fn is_empty(&self) -> bool {
        self == &Validation::default()
    }
}

/// Show a field while the field `field` (a key of an earlier field) has
/// the answer `equals`: a choice id for a choice field (for a multi-choice
/// field: while that choice is among those picked), `true`/`false` for a
/// yes/no field, otherwise a value as that field's answers are written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShowWhen {
    pub field: String,
    #[ts(type = "unknown")]
    pub equals: serde_json::Value,
}

/// Whether `key` is a field key: lower-case ASCII letters, digits and
/// underscores, starting with a letter.
pub fn is_key(key: &str) -> bool {
    key.len() <= KEY_MAX
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Letters that carry no accent to strip, spelt as their writers spell
/// them without the letter. The UI's `keyFromLabel` holds the same table.
const FOLDS: &[(char, &str)] = &[
    ('ä', "ae"),
    ('æ', "ae"),
    ('ö', "oe"),
    ('ø', "oe"),
    ('œ', "oe"),
    ('ü', "ue"),
    ('ß', "ss"),
    ('ł', "l"),
    ('đ', "d"),
    ('ð', "d"),
    ('þ', "th"),
    ('ı', "i"),
];

/// One character of a label in a key: folded, or lower-cased with its
/// accents (the combining marks U+0300–U+036F after canonical
/// decomposition) taken off; empty when what is left is not ASCII letters
/// and digits.
fn fold_char(c: char) -> String {
    let lower: String = c.to_lowercase().collect();
    let mut one = lower.chars();
    if let (Some(l), None) = (one.next(), one.next()) {
        if let Some((_, folded)) = FOLDS.iter().find(|(k, _)| *k == l) {
            return (*folded).to_owned();
        }
    }
    let base: String = lower
        .nfd()
        .filter(|m| !('\u{300}'..='\u{36f}').contains(m))
        .collect();
    if !base.is_empty()
        && base
            .chars()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        base
    } else {
        String::new()
    }
}

/// A snake_case key made from a label: `Cost centre (EUR)` → `cost_centre_eur`.
/// The UI makes keys by the same rule; both are held to the examples in
/// `tests/fixtures/rules/key_from_label.json`.
pub fn key_from_label(label: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in label.chars() {
        let folded = fold_char(c);
        if folded.is_empty() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push('_');
        }
        gap = false;
        out.push_str(&folded);
    }
    if out.is_empty() {
        out.push_str("field");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "f_");
    }
    if out.len() > KEY_MAX {
        out.truncate(KEY_MAX);
        while out.ends_with('_') {
            out.pop();
        }
    }
    out
}

/// `base`, or `base_2`, `base_3`, … whichever is not taken yet.
fn unique(base: String, taken: &HashSet<String>) -> String {
    if !taken.contains(&base) {
        return base;
    }
    (FIRST_DUPLICATE_SUFFIX..)
        .map(|n| format!("{base}_{n}"))
        .find(|k| !taken.contains(k))
        .expect("some suffix is free")
}

/// Tidies a form the builder saved: trims labels, help, section titles and
/// choice labels; gives new fields and choices (empty key or id) one made
/// from their label; drops empty defaults and validation that holds nothing.
/// Keys and ids already given are never changed, so duplicates stay for the
/// guard rails to report.
pub(crate) fn normalise(mut form: Form) -> Form {
    let mut keys: HashSet<String> = form
        .fields
        .iter()
        .map(|f| f.key.trim().to_owned())
        .filter(|k| !k.is_empty())
        .collect();
    for field in &mut form.fields {
        field.key = field.key.trim().to_owned();
        field.label = field.label.trim().to_owned();
        field.help = field.help.trim().to_owned();
        if field.key.is_empty() {
            field.key = unique(key_from_label(&field.label), &keys);
            keys.insert(field.key.clone());
        }
        field.section = field
            .section
            .take()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        if let Some(cond) = &mut field.show_when {
            cond.field = cond.field.trim().to_owned();
        }
        if field.default.as_ref().is_some_and(super::answers::is_empty) {
            field.default = None;
        }
        let v = &mut field.validation;
        if v.min.as_ref().is_some_and(super::answers::is_empty) {
            v.min = None;
        }
        if v.max.as_ref().is_some_and(super::answers::is_empty) {
            v.max = None;
        }
        if v.pattern.as_deref().is_some_and(str::is_empty) {
            v.pattern = None;
        }
        let mut ids: HashSet<String> = field
            .choices
            .iter()
            .map(|c| c.id.trim().to_owned())
            .filter(|id| !id.is_empty())
            .collect();
        for choice in &mut field.choices {
            choice.id = choice.id.trim().to_owned();
            choice.label = choice.label.trim().to_owned();
            if choice.id.is_empty() {
                choice.id = unique(key_from_label(&choice.label), &ids);
                ids.insert(choice.id.clone());
            }
        }
    }
    form
}
