//! Guard rails: the mistakes that keep an item from being published, each
//! with where it is and a message that says what to change.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::answers::{self, validate_answer};
use super::form::{is_key, FieldType, Form, FormField};
use super::item::{ApprovalKind, ItemInput, SlaUnit};

/// One thing to fix before publishing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// The form field concerned (its key), or none for the item itself.
    pub field: Option<String>,
    /// The field's 1-based position in the form (keys can be duplicates).
    pub position: Option<u32>,
    /// What is wrong.
    pub part: IssuePart,
    pub message: String,
}

/// The part of an item or field an issue is about, so the builder can show
/// the message next to it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumIter,
)]
#[serde(rename_all = "camelCase")]
#[strum(serialize_all = "camelCase")]
pub enum IssuePart {
    // Of the item.
    Name,
    DepartmentId,
    Sla,
    Fulfilment,
    Form,
    // Of a form field.
    Key,
    Label,
    Choices,
    Required,
    ShowWhen,
    Validation,
    Default,
    Answer,
}

crate::words::spelled!(IssuePart);

impl Issue {
    pub(crate) fn item(part: IssuePart, message: impl Into<String>) -> Self {
        Issue {
            field: None,
            position: None,
            part,
            message: message.into(),
        }
    }

    pub(crate) fn field(key: &str, part: IssuePart, message: impl Into<String>) -> Self {
        Issue {
            field: Some(key.to_owned()),
            position: None,
            part,
            message: message.into(),
        }
    }

    fn at(index: usize, field: &FormField, part: IssuePart, message: impl Into<String>) -> Self {
        Issue {
            position: Some(index as u32 + 1),
            ..Issue::field(&field.key, part, message)
        }
    }
}

/// What the guard rails need to know from the workspace.
pub(crate) struct Context {
    /// The providing department's name and whether it provides services;
    /// `None` when no (existing) department is chosen.
    pub department: Option<(String, bool)>,
}

/// Every guard-rail issue of an item, item first, then field by field.
pub(crate) fn check(input: &ItemInput, ctx: &Context) -> Vec<Issue> {
    let mut issues = check_item(input, ctx);
    issues.extend(check_form(&input.form));
    issues
}

/// The issues of the item itself (not its form): the ones that also hold
/// back a change to an item that is already published, since they take
/// effect at once.
pub(crate) fn check_item(input: &ItemInput, ctx: &Context) -> Vec<Issue> {
    let mut issues = Vec::new();
    if input.name.trim().is_empty() {
        issues.push(Issue::item(IssuePart::Name, "The item needs a name."));
    }
    match &ctx.department {
        None => issues.push(Issue::item(
            IssuePart::DepartmentId,
            "Choose the providing department: it fulfils the requests and its calendar runs the SLA clock.",
        )),
        Some((name, false)) => issues.push(Issue::item(
            IssuePart::DepartmentId,
            format!(
                "{name} is not marked as providing services: mark it as a provider in the directory, or choose another department."
            ),
        )),
        Some(_) => {}
    }
    if input.sla.amount <= 0 {
        let unit = match input.sla.unit {
            SlaUnit::BusinessHours => "business hours",
            SlaUnit::BusinessDays => "business days",
        };
        issues.push(Issue::item(
            IssuePart::Sla,
            format!(
                "The SLA target must be more than zero {unit} (it is {}).",
                input.sla.amount
            ),
        ));
    }
    for (i, step) in input.fulfilment.approvals.iter().enumerate() {
        let n = i + 1;
        match step.kind {
            ApprovalKind::Person if step.person_id.is_none() => issues.push(Issue::item(
                IssuePart::Fulfilment,
                format!(
                    "Approval step {n} names no person (the one chosen may have been deleted): choose who approves."
                ),
            )),
            ApprovalKind::Group
                if step.group.as_deref().is_none_or(|g| g.trim().is_empty()) =>
            {
                issues.push(Issue::item(
                    IssuePart::Fulfilment,
                    format!("Approval step {n} needs the name of the approving group."),
                ))
            }
            _ => {}
        }
    }
    for (i, task) in input.fulfilment.tasks.iter().enumerate() {
        if task.trim().is_empty() {
            issues.push(Issue::item(
                IssuePart::Fulfilment,
                format!("Fulfilment task {} has no title.", i + 1),
            ));
        }
    }
    issues
}

/// Every issue of a form on its own.
pub fn check_form(form: &Form) -> Vec<Issue> {
    let mut issues = Vec::new();
    if form.fields.is_empty() {
        issues.push(Issue::item(
            IssuePart::Form,
            "The form has no fields: add at least one question.",
        ));
    }
    let mut first_with_key: HashMap<&str, usize> = HashMap::new();
    for (i, field) in form.fields.iter().enumerate() {
        let name = field.name();
        if !is_key(&field.key) {
            issues.push(Issue::at(
                i,
                field,
                IssuePart::Key,
                format!(
                    "Field {} (“{name}”) has the key “{}”: a key is lower-case letters, digits and underscores, starting with a letter, such as cost_centre.",
                    i + 1,
                    field.key
                ),
            ));
        }
        match first_with_key.get(field.key.as_str()) {
            Some(&first) => issues.push(Issue::at(
                i,
                field,
                IssuePart::Key,
                format!(
                    "Fields {} and {} both have the key “{}”: each field needs its own key.",
                    first + 1,
                    i + 1,
                    field.key
                ),
            )),
            None => {
                first_with_key.insert(&field.key, i);
            }
        }
        if field.label.trim().is_empty() {
            issues.push(Issue::at(
                i,
                field,
                IssuePart::Label,
                format!(
                    "Field {} (key {}) has no label: requesters would see a question without words.",
                    i + 1,
                    field.key
                ),
            ));
        }
        check_choices(i, field, &mut issues);
        check_condition(form, i, field, &mut issues);
        check_validation(i, field, &mut issues);
        if let Some(default) = &field.default {
            let optional = FormField {
                required: false,
                ..field.clone()
            };
            if let Err(why) = validate_answer(&optional, default) {
                issues.push(Issue::at(
                    i,
                    field,
                    IssuePart::Default,
                    format!("The default of “{name}” is not a valid answer: {why}"),
                ));
            }
        }
    }
    issues
}

fn check_choices(i: usize, field: &FormField, issues: &mut Vec<Issue>) {
    if !field.has_choices() {
        return;
    }
    let name = field.name();
    if field.choices.is_empty() {
        issues.push(Issue::at(
            i,
            field,
            IssuePart::Choices,
            format!("“{name}” is a choice field with no choices: add at least one."),
        ));
    }
    let mut labels = HashSet::new();
    let mut ids = HashSet::new();
    for (j, choice) in field.choices.iter().enumerate() {
        if choice.label.trim().is_empty() {
            issues.push(Issue::at(
                i,
                field,
                IssuePart::Choices,
                format!("Choice {} of “{name}” has no label.", j + 1),
            ));
        } else if !labels.insert(choice.label.trim().to_lowercase()) {
            issues.push(Issue::at(
                i,
                field,
                IssuePart::Choices,
                format!(
                    "“{name}” lists the choice “{}” twice: requesters could not tell them apart.",
                    choice.label
                ),
            ));
        }
        if !ids.insert(choice.id.as_str()) {
            issues.push(Issue::at(
                i,
                field,
                IssuePart::Choices,
                format!(
                    "Two choices of “{name}” have the id “{}”: each choice needs its own.",
                    choice.id
                ),
            ));
        }
    }
}

fn check_condition(form: &Form, i: usize, field: &FormField, issues: &mut Vec<Issue>) {
    let Some(cond) = &field.show_when else {
        return;
    };
    let name = field.name();
    let mut push = |message: String| issues.push(Issue::at(i, field, IssuePart::ShowWhen, message));
    if cond.field == field.key {
        push(format!(
            "“{name}” is shown depending on its own answer: a field can only depend on a field above it."
        ));
        return;
    }
    let Some(j) = form.fields.iter().position(|f| f.key == cond.field) else {
        push(format!(
            "“{name}” is shown depending on “{}”, but the form has no field with that key.",
            cond.field
        ));
        return;
    };
    let other = &form.fields[j];
    let other_name = other.name();
    if j > i {
        push(format!(
            "“{name}” depends on “{other_name}”, which comes after it: move “{other_name}” above it, or depend on a field above."
        ));
        return;
    }
    if answers::is_empty(&cond.equals) {
        push(format!(
            "The condition of “{name}” needs the answer of “{other_name}” that shows it."
        ));
        return;
    }
    if other.has_choices() {
        if !other
            .choices
            .iter()
            .any(|c| Value::String(c.id.clone()) == cond.equals)
        {
            let labels: Vec<String> = other
                .choices
                .iter()
                .map(|c| format!("“{}”", c.label))
                .collect();
            push(format!(
                "“{name}” is shown when “{other_name}” is {}, which is not one of its choices ({}).",
                cond.equals,
                labels.join(", ")
            ));
        }
    } else {
        let optional = FormField {
            required: false,
            ..other.clone()
        };
        if let Err(why) = validate_answer(&optional, &cond.equals) {
            push(format!(
                "“{name}” is shown when “{other_name}” is {}, which “{other_name}” can never be: {why}",
                cond.equals
            ));
        }
    }
    if field.required {
        issues.push(Issue::at(
            i,
            field,
            IssuePart::Required,
            format!(
                "“{name}” is required but hidden unless “{other_name}” is {}: make it optional, or remove the condition.",
                describe(other, &cond.equals)
            ),
        ));
    }
}

/// A condition's value as the requester knows it: a choice's label, yes or
/// no, or the value.
fn describe(field: &FormField, value: &Value) -> String {
    if let Some(choice) = field
        .choices
        .iter()
        .find(|c| Value::String(c.id.clone()) == *value)
    {
        return format!("“{}”", choice.label);
    }
    match value {
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::String(s) => format!("“{s}”"),
        other => other.to_string(),
    }
}

fn check_validation(i: usize, field: &FormField, issues: &mut Vec<Issue>) {
    let v = &field.validation;
    let name = field.name();
    let mut push =
        |message: String| issues.push(Issue::at(i, field, IssuePart::Validation, message));
    let ty = field.field_type;
    let numeric = matches!(
        ty,
        FieldType::Integer | FieldType::Decimal | FieldType::Currency
    );
    let dated = matches!(ty, FieldType::Date | FieldType::Datetime);
    let textual = matches!(
        ty,
        FieldType::Text
            | FieldType::LongText
            | FieldType::Email
            | FieldType::Phone
            | FieldType::Url
    );
    if v.min.is_some() || v.max.is_some() {
        if numeric {
            let parse = |which: &str, b: &Option<Value>, push: &mut dyn FnMut(String)| {
                let b = b.as_ref()?;
                match answers::number(ty, b) {
                    Ok(n) => Some(n),
                    Err(what) => {
                        push(format!(
                            "The {which} of “{name}” ({b}) {}",
                            what.replace("takes", "must be")
                        ));
                        None
                    }
                }
            };
            let min = parse("minimum", &v.min, &mut push);
            let max = parse("maximum", &v.max, &mut push);
            if let (Some(min), Some(max)) = (min, max) {
                if min > max {
                    push(format!(
                        "The minimum of “{name}” ({min}) is greater than its maximum ({max})."
                    ));
                }
            }
        } else if dated {
            let example = if ty == FieldType::Date {
                "2026-01-31"
            } else {
                "2026-01-31T09:30"
            };
            let parse = |which: &str, b: &Option<Value>, push: &mut dyn FnMut(String)| {
                let b = b.as_ref()?;
                let text = b.as_str().unwrap_or_default();
                let m = answers::bound_moment(ty, text);
                if m.is_none() {
                    push(format!(
                        "The {which} of “{name}” ({b}) is not a date; write it like {example}."
                    ));
                }
                m.map(|m| (m, text.to_owned()))
            };
            let min = parse("earliest", &v.min, &mut push);
            let max = parse("latest", &v.max, &mut push);
            if let (Some((min, a)), Some((max, b))) = (min, max) {
                if min > max {
                    push(format!(
                        "The earliest answer of “{name}” ({a}) is after its latest ({b})."
                    ));
                }
            }
        } else {
            push(format!(
                "“{name}” has a minimum or maximum, which only numbers and dates can have: remove it."
            ));
        }
    }
    if v.min_length.is_some() || v.max_length.is_some() {
        if !textual {
            push(format!(
                "“{name}” has a length limit, which only text can have: remove it."
            ));
        } else if let (Some(min), Some(max)) = (v.min_length, v.max_length) {
            if min > max {
                push(format!(
                    "The minimum length of “{name}” ({min}) is greater than its maximum length ({max})."
                ));
            }
        }
    }
    if let Some(pattern) = &v.pattern {
        if !textual {
            push(format!(
                "“{name}” has a pattern, which only text can have: remove it."
            ));
        } else if let Err(e) = answers::compile_pattern(pattern) {
            let why = match e {
                regex::Error::CompiledTooBig(_) => "it is too large".to_owned(),
                other => other
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or_default()
                    .trim_start_matches("error: ")
                    .to_owned(),
            };
            push(format!(
                "The pattern of “{name}” (“{pattern}”) is not a valid regular expression: {why}."
            ));
        }
    }
}
