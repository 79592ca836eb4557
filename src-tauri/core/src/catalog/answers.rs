//! Answer validation, shared by the builder's live preview, the guard rails
//! (a field's default must be a valid answer) and requests.
//!
//! Answers are JSON values, one per field key:
//!
//! | type | answer |
//! |---|---|
//! | `text`, `long_text` | a string (`text` on one line) |
//! | `email`, `phone`, `url` | a string in that form |
//! | `integer` | a whole number |
//! | `decimal` | a number |
//! | `currency` | a number with at most two decimals |
//! | `date` | `"YYYY-MM-DD"` |
//! | `datetime` | `"YYYY-MM-DDTHH:MM"` (seconds and an offset allowed) |
//! | `yes_no` | `true` or `false` |
//! | `choice` | a choice id |
//! | `multi_choice` | an array of distinct choice ids |
//! | `person` | a person id |
//! | `attachment` | the attached file's name |
//!
//! `null`, a blank string and an empty array are "no answer".

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde_json::{Map, Value};

use super::form::{FieldType, Form, FormField};
use super::rules::{Issue, IssuePart};

/// Whether a value counts as no answer.
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Checks one answer against its field's type, choices and validation. An
/// empty answer passes unless the field is required. The message names the
/// field by its label and says what a valid answer looks like.
pub fn validate_answer(field: &FormField, value: &Value) -> Result<(), String> {
    let name = field.name();
    if is_empty(value) {
        return if field.required {
            Err(format!("“{name}” is required."))
        } else {
            Ok(())
        };
    }
    let v = &field.validation;
    match field.field_type {
        FieldType::Text
        | FieldType::LongText
        | FieldType::Email
        | FieldType::Phone
        | FieldType::Url => {
            let text = value
                .as_str()
                .ok_or_else(|| format!("“{name}” takes text."))?;
            check_text_form(field, text)?;
            let length = text.chars().count();
            if let Some(min) = v.min_length.filter(|&m| length < m as usize) {
                return Err(format!("“{name}” needs at least {min} characters."));
            }
            if let Some(max) = v.max_length.filter(|&m| length > m as usize) {
                return Err(format!("“{name}” takes at most {max} characters."));
            }
            if let Some(pattern) = &v.pattern {
                let re = compile_pattern(pattern).map_err(|_| {
                    format!("“{name}” cannot be checked: its pattern is not valid.")
                })?;
                if !re.is_match(text) {
                    return Err(format!(
                        "“{name}” does not have the expected form ({pattern})."
                    ));
                }
            }
            Ok(())
        }
        FieldType::Integer | FieldType::Decimal | FieldType::Currency => {
            let n = number(field.field_type, value).map_err(|what| format!("“{name}” {what}"))?;
            let bound =
                |b: &Option<Value>| b.as_ref().and_then(|b| number(field.field_type, b).ok());
            if let Some(min) = bound(&v.min).filter(|&m| n < m) {
                return Err(format!("“{name}” must be at least {}.", show_number(min)));
            }
            if let Some(max) = bound(&v.max).filter(|&m| n > m) {
                return Err(format!("“{name}” must be at most {}.", show_number(max)));
            }
            Ok(())
        }
        FieldType::Date | FieldType::Datetime => {
            let text = value.as_str().unwrap_or_default();
            let at = moment(field.field_type, text).ok_or_else(|| {
                if field.field_type == FieldType::Date {
                    format!("“{name}” takes a date such as 2026-01-31.")
                } else {
                    format!("“{name}” takes a date and time such as 2026-01-31T09:30.")
                }
            })?;
            let bound = |b: &Option<Value>| {
                b.as_ref()
                    .and_then(Value::as_str)
                    .and_then(|b| bound_moment(field.field_type, b).map(|m| (m, b.to_owned())))
            };
            if let Some((_, min)) = bound(&v.min).filter(|(m, _)| at < *m) {
                return Err(format!("“{name}” must not be before {min}."));
            }
            if let Some((_, max)) = bound(&v.max).filter(|(m, _)| at > *m) {
                return Err(format!("“{name}” must not be after {max}."));
            }
            Ok(())
        }
        FieldType::YesNo => match value {
            Value::Bool(_) => Ok(()),
            _ => Err(format!("“{name}” takes yes or no.")),
        },
        FieldType::Choice => {
            let id = value.as_str().unwrap_or_default();
            if field.choices.iter().any(|c| c.id == id) {
                Ok(())
            } else {
                Err(format!("“{name}” takes one of: {}.", choice_labels(field)))
            }
        }
        FieldType::MultiChoice => {
            let ids = value
                .as_array()
                .ok_or_else(|| format!("“{name}” takes a list of choices."))?;
            let mut seen = std::collections::HashSet::new();
            for id in ids {
                let id = id.as_str().unwrap_or_default();
                if !field.choices.iter().any(|c| c.id == id) {
                    return Err(format!("“{name}” takes any of: {}.", choice_labels(field)));
                }
                if !seen.insert(id) {
                    return Err(format!("“{name}” lists a choice twice."));
                }
            }
            Ok(())
        }
        FieldType::Person => match value.as_i64() {
            Some(id) if id > 0 => Ok(()),
            _ => Err(format!("“{name}” takes a person from the directory.")),
        },
        FieldType::Attachment => match value.as_str() {
            Some(_) => Ok(()),
            None => Err(format!("“{name}” takes the name of an attached file.")),
        },
    }
}

/// Per field in order: whether it is shown for these answers. A field with
/// a condition is shown while the field it refers to is shown and answered
/// as the condition says.
pub fn shown(form: &Form, answers: &Map<String, Value>) -> Vec<bool> {
    let mut out: Vec<bool> = Vec::with_capacity(form.fields.len());
    for (i, field) in form.fields.iter().enumerate() {
        let visible = match &field.show_when {
            None => true,
            Some(cond) => form.fields[..i]
                .iter()
                .position(|f| f.key == cond.field)
                .is_some_and(|j| {
                    out[j]
                        && condition_holds(&form.fields[j], answers.get(&cond.field), &cond.equals)
                }),
        };
        out.push(visible);
    }
    out
}

/// Checks a whole submission: every shown field's answer, and no answers
/// for keys the form does not have. Answers of hidden fields are ignored.
pub fn validate_answers(form: &Form, answers: &Map<String, Value>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (field, visible) in form.fields.iter().zip(shown(form, answers)) {
        if !visible {
            continue;
        }
        let value = answers.get(&field.key).unwrap_or(&Value::Null);
        if let Err(message) = validate_answer(field, value) {
            issues.push(Issue::field(&field.key, IssuePart::Answer, message));
        }
    }
    for key in answers.keys() {
        if !form.fields.iter().any(|f| &f.key == key) {
            issues.push(Issue::field(
                key,
                IssuePart::Answer,
                format!("The form has no field “{key}”."),
            ));
        }
    }
    issues
}

fn condition_holds(field: &FormField, answer: Option<&Value>, equals: &Value) -> bool {
    let Some(answer) = answer else {
        return false;
    };
    match (field.field_type, answer) {
        (FieldType::MultiChoice, Value::Array(ids)) => ids.contains(equals),
        (FieldType::Integer | FieldType::Decimal | FieldType::Currency, _) => {
            match (answer.as_f64(), equals.as_f64()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            }
        }
        _ => answer == equals,
    }
}

/// Single-line text, and the forms of e-mail addresses, phone numbers and
/// web addresses.
fn check_text_form(field: &FormField, text: &str) -> Result<(), String> {
    let name = field.name();
    match field.field_type {
        FieldType::Text if text.contains(['\n', '\r']) => {
            Err(format!("“{name}” takes a single line."))
        }
        FieldType::Email => {
            let t = text.trim();
            let domain_has_dot = t.rsplit_once('@').is_some_and(|(_, d)| d.contains('.'));
            if email_address::EmailAddress::from_str(t).is_ok() && domain_has_dot {
                Ok(())
            } else {
                Err(format!(
                    "“{name}” takes an e-mail address such as name@example.org."
                ))
            }
        }
        FieldType::Phone => {
            let digits = text.chars().filter(char::is_ascii_digit).count();
            let allowed = text
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
            if allowed && (5..=20).contains(&digits) {
                Ok(())
            } else {
                Err(format!(
                    "“{name}” takes a phone number such as +49 30 1234567."
                ))
            }
        }
        FieldType::Url => {
            let t = text.trim();
            let rest = t
                .strip_prefix("https://")
                .or_else(|| t.strip_prefix("http://"));
            let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
            let host_ok = host.is_some_and(|h| {
                let h = h.rsplit_once('@').map_or(h, |(_, h)| h);
                let h = h.split(':').next().unwrap_or_default();
                !h.is_empty()
                    && (h.contains('.') || h == "localhost")
                    && h.chars()
                        .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            });
            if host_ok && !t.contains(char::is_whitespace) {
                Ok(())
            } else {
                Err(format!(
                    "“{name}” takes a web address such as https://example.org/page."
                ))
            }
        }
        _ => Ok(()),
    }
}

/// A number answer or bound of a numeric type; the error completes
/// "“Label” …".
pub(crate) fn number(ty: FieldType, value: &Value) -> Result<f64, &'static str> {
    let n = match value {
        Value::Number(n) => n.as_f64().filter(|n| n.is_finite()),
        _ => None,
    };
    let n = n.ok_or(match ty {
        FieldType::Integer => "takes a whole number.",
        FieldType::Currency => "takes an amount of money.",
        _ => "takes a number.",
    })?;
    match ty {
        FieldType::Integer if n.fract() != 0.0 => Err("takes a whole number."),
        FieldType::Currency if ((n * 100.0).round() - n * 100.0).abs() > 1e-6 => {
            Err("takes an amount with at most two decimals.")
        }
        _ => Ok(n),
    }
}

/// A date or date-time answer as a comparable moment.
pub(crate) fn moment(ty: FieldType, text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    let date = || {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(chrono::NaiveTime::MIN))
    };
    match ty {
        FieldType::Date => date(),
        _ => ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
            .or_else(|| {
                DateTime::parse_from_rfc3339(text)
                    .ok()
                    .map(|d| d.naive_local())
            }),
    }
}

/// A `min`/`max` bound of a date or date-time field: a date-time field
/// also takes a plain date, meaning its midnight.
pub(crate) fn bound_moment(ty: FieldType, text: &str) -> Option<NaiveDateTime> {
    moment(ty, text).or_else(|| moment(FieldType::Date, text))
}

/// A pattern as answers are checked against it: the whole answer must
/// match. The pattern must compile on its own first, so that one such as `a)(b`
/// cannot pass by closing the group it is wrapped in.
pub(crate) fn compile_pattern(pattern: &str) -> Result<regex::Regex, regex::Error> {
    let build = |p: &str| regex::RegexBuilder::new(p).size_limit(1 << 20).build();
    build(pattern)?;
    build(&format!("^(?:{pattern})$"))
}

fn choice_labels(field: &FormField) -> String {
    field
        .choices
        .iter()
        .map(|c| format!("“{}”", c.label))
        .collect::<Vec<_>>()
        .join(", ")
}

fn show_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
