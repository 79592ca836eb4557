//! Shared helpers of the catalog tests: a workspace with a providing
//! department, an item ready to publish, and ways to look at issues.

#![allow(dead_code)]

use pilot_core::catalog::{
    self, CatalogItem, Choice, FieldType, Form, FormField, Issue, ItemInput, ShowWhen,
};
use pilot_core::directory::{self, BusinessHours, DepartmentInput};
use pilot_core::{Error, Workspace};
use pilot_fixtures::{department_input, person_with_email, Scratch};
use serde_json::{json, Value};

/// A scratch workspace with one providing department; it reads through
/// to the [`Scratch`] (and from there to the workspace).
pub struct Fixture {
    scratch: Scratch,
    /// "Human Resources", a providing department.
    pub hr: i64,
}

impl std::ops::Deref for Fixture {
    type Target = Scratch;
    fn deref(&self) -> &Scratch {
        &self.scratch
    }
}

impl std::ops::DerefMut for Fixture {
    fn deref_mut(&mut self) -> &mut Scratch {
        &mut self.scratch
    }
}

/// A new workspace file in its own temporary directory, with one providing
/// department.
pub fn workspace() -> Fixture {
    let mut scratch = Scratch::new();
    let hr = add_department(&mut scratch, "Human Resources", true);
    Fixture { scratch, hr }
}

pub fn add_department(ws: &mut Workspace, name: &str, provider: bool) -> i64 {
    let input = DepartmentInput {
        is_provider: provider,
        ..department_input(name, BusinessHours::office("Europe/Berlin"))
    };
    directory::create_department(ws, input).unwrap().id
}

pub fn add_person(ws: &mut Workspace, name: &str, email: &str) -> i64 {
    person_with_email(ws, name, email, None)
}

pub fn field(key: &str, label: &str, ty: FieldType) -> FormField {
    FormField::new(key, label, ty)
}

pub fn choice_field(key: &str, label: &str, choices: &[(&str, &str)]) -> FormField {
    let mut f = FormField::new(key, label, FieldType::Choice);
    f.choices = choices.iter().map(|(id, l)| Choice::new(id, l)).collect();
    f
}

pub fn shown_when(mut f: FormField, key: &str, equals: Value) -> FormField {
    f.show_when = Some(ShowWhen {
        field: key.into(),
        equals,
    });
    f
}

/// A form that passes every guard rail: a device choice, a reason shown
/// for "other", and a date.
pub fn ready_form() -> Form {
    let mut device = choice_field(
        "device",
        "Device",
        &[
            ("laptop", "Laptop"),
            ("tablet", "Tablet"),
            ("other", "Other"),
        ],
    );
    device.required = true;
    let reason = shown_when(
        field("reason", "What do you need?", FieldType::LongText),
        "device",
        json!("other"),
    );
    let mut needed_by = field("needed_by", "Needed by", FieldType::Date);
    needed_by.section = Some("Delivery".into());
    Form {
        fields: vec![device, reason, needed_by],
    }
}

pub fn ready_input(department: i64) -> ItemInput {
    let mut input = ItemInput::draft("Laptop request");
    input.department_id = Some(department);
    input.category = "Equipment".into();
    input.short_description = "Get a laptop for a new or current employee.".into();
    input.form = ready_form();
    input
}

/// A saved item that passes every guard rail.
pub fn ready_item(f: &mut Fixture) -> CatalogItem {
    let item = catalog::create(f, "Laptop request").unwrap();
    let input = ready_input(f.hr);
    catalog::update(f, item.id, input).unwrap()
}

/// Saves `form` on a ready item and returns its guard-rail issues.
pub fn issues_with_form(f: &mut Fixture, form: Form) -> (i64, Vec<Issue>) {
    let item = catalog::create(f, "Item").unwrap();
    let mut input = ready_input(f.hr);
    input.form = form;
    catalog::update(f, item.id, input).unwrap();
    (item.id, catalog::check(f, item.id).unwrap())
}

/// The one issue about `part` (of field `key`, or of the item when none),
/// failing the test when there is not exactly one.
pub fn the_issue<'a>(issues: &'a [Issue], key: Option<&str>, part: &str) -> &'a Issue {
    let found: Vec<&Issue> = issues
        .iter()
        .filter(|i| i.field.as_deref() == key && i.part == part)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {part} issue for {key:?}, got {issues:#?}"
    );
    found[0]
}

/// Publishing is refused with `Error::Invalid`; returns its message.
pub fn publish_refused(f: &mut Fixture, id: i64) -> String {
    match catalog::publish(f, id) {
        Err(Error::Invalid { message, .. }) => message,
        other => panic!("expected publishing to be refused, got {other:?}"),
    }
}

/// Asserts the form has exactly one issue about `part` of `key`, whose
/// message contains `words`, and that publishing is refused naming it.
pub fn blocks(f: &mut Fixture, form: Form, key: Option<&str>, part: &str, words: &str) {
    let (id, issues) = issues_with_form(f, form);
    let issue = the_issue(&issues, key, part);
    assert!(
        issue.message.contains(words),
        "“{}” does not say “{words}”",
        issue.message
    );
    let refused = publish_refused(f, id);
    assert!(refused.contains(&issue.message), "{refused}");
    assert_eq!(catalog::get(f, id).unwrap().published_version, None);
}
