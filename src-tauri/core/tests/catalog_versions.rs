//! Drafts, publishing and versions; what deleting and retiring may do; and
//! what `update` refuses outright. Every test works on a real workspace file.

mod catalog_support;

use catalog_support::*;
use pilot_core::catalog::{self, Choice, FieldType, RequestType, SlaUnit, Status};
use pilot_core::{Error, Workspace};
use serde_json::json;

fn invalid(result: pilot_core::Result<impl std::fmt::Debug>) -> (String, String) {
    match result {
        Err(Error::Invalid { field, message }) => (field, message),
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
}

#[test]
fn a_new_item_is_a_draft_with_defaults() {
    let mut f = workspace();
    let item = catalog::create(&mut f, "  New hire laptop ").unwrap();
    assert_eq!(item.name, "New hire laptop");
    assert_eq!(item.status, Status::Draft);
    assert_eq!(item.request_type, RequestType::Service);
    assert_eq!(item.icon, "file-text");
    assert_eq!((item.sla.amount, item.sla.unit), (3, SlaUnit::BusinessDays));
    assert!(item.form.fields.is_empty());
    assert_eq!(item.published_version, None);
    assert!(item.has_unpublished_changes);
    assert_eq!(item.source_import_id, None);
    assert!(catalog::versions(&f, item.id).unwrap().is_empty());
}

#[test]
fn the_first_publish_makes_version_1() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    let published = catalog::publish(&mut f, item.id).unwrap();
    assert_eq!(published.published_version, Some(1));
    assert!(!published.has_unpublished_changes);
    let versions = catalog::versions(&f, item.id).unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].number, 1);
    assert_eq!(versions[0].form, published.form);
}

#[test]
fn publishing_an_unchanged_form_makes_no_new_version() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    catalog::publish(&mut f, item.id).unwrap();
    // Only item-level settings change: they are not part of a version.
    let mut input = catalog::get(&f, item.id).unwrap().input();
    input.sla.amount = 5;
    input.category = "Hardware".into();
    let updated = catalog::update(&mut f, item.id, input).unwrap();
    assert!(!updated.has_unpublished_changes);
    let again = catalog::publish(&mut f, item.id).unwrap();
    assert_eq!(again.published_version, Some(1));
    assert_eq!(catalog::versions(&f, item.id).unwrap().len(), 1);
}

#[test]
fn publishing_a_changed_form_makes_a_new_version() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    catalog::publish(&mut f, item.id).unwrap();
    let mut input = catalog::get(&f, item.id).unwrap().input();
    input
        .form
        .fields
        .push(field("cost_centre", "Cost centre", FieldType::Text));
    catalog::update(&mut f, item.id, input).unwrap();
    let v2 = catalog::publish(&mut f, item.id).unwrap();
    assert_eq!(v2.published_version, Some(2));
    let versions = catalog::versions(&f, item.id).unwrap();
    let numbers: Vec<i64> = versions.iter().map(|v| v.number).collect();
    assert_eq!(numbers, [1, 2]);
    assert_eq!(versions[0].form.fields.len(), 3);
    assert_eq!(versions[1].form.fields.len(), 4);
    assert_eq!(catalog::version(&f, item.id, 1).unwrap(), versions[0]);
}

#[test]
fn editing_a_published_item_changes_only_its_draft_until_published_again() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    catalog::publish(&mut f, item.id).unwrap();
    let mut input = catalog::get(&f, item.id).unwrap().input();
    input.form.fields[0].label = "Which device?".into();
    // An unfinished form may be saved on a published item...
    input
        .form
        .fields
        .push(choice_field("colour", "Colour", &[]));
    let edited = catalog::update(&mut f, item.id, input).unwrap();
    assert_eq!(edited.status, Status::Published);
    assert!(edited.has_unpublished_changes);
    assert_eq!(edited.form.fields[0].label, "Which device?");
    // ...while requests still get version 1 as published.
    let v1 = catalog::version(&f, item.id, 1).unwrap();
    assert_eq!(v1.form.fields[0].label, "Device");
    assert_eq!(v1.form.fields.len(), 3);
    // ...and it cannot be published until it is finished.
    publish_refused(&mut f, item.id);
    assert_eq!(catalog::versions(&f, item.id).unwrap().len(), 1);
}

#[test]
fn a_published_item_refuses_item_level_changes_that_break_a_guard_rail() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    catalog::publish(&mut f, item.id).unwrap();
    let mut input = catalog::get(&f, item.id).unwrap().input();
    input.sla.amount = 0;
    let (field, message) = invalid(catalog::update(&mut f, item.id, input));
    assert_eq!(field, "issues");
    assert!(
        message.contains("is published, so this change would apply at once"),
        "{message}"
    );
    assert!(message.contains("more than zero"), "{message}");
    assert_eq!(catalog::get(&f, item.id).unwrap().sla.amount, 3);
}

#[test]
fn renaming_a_choice_keeps_its_id_and_the_old_version_its_label() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    catalog::publish(&mut f, item.id).unwrap();
    let mut input = catalog::get(&f, item.id).unwrap().input();
    input.form.fields[0].choices[0].label = "Notebook".into();
    // A new choice (no id yet) gets one from its label; a label that is
    // taken as an id gets a suffix.
    input.form.fields[0].choices.push(Choice::new("", "Laptop"));
    input.form.fields[0].choices.push(Choice::new("", "Phone"));
    let saved = catalog::update(&mut f, item.id, input).unwrap();
    let ids: Vec<(&str, &str)> = saved.form.fields[0]
        .choices
        .iter()
        .map(|c| (c.id.as_str(), c.label.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("laptop", "Notebook"),
            ("tablet", "Tablet"),
            ("other", "Other"),
            ("laptop_2", "Laptop"),
            ("phone", "Phone"),
        ]
    );
    catalog::publish(&mut f, item.id).unwrap();
    // An answer given under version 1 still names a choice of version 2.
    let v2 = catalog::version(&f, item.id, 2).unwrap();
    assert_eq!(
        catalog::validate_answer(&v2.form.fields[0], &json!("laptop")),
        Ok(())
    );
    let v1 = catalog::version(&f, item.id, 1).unwrap();
    assert_eq!(
        v1.form.fields[0].choices[0],
        Choice::new("laptop", "Laptop")
    );
}

#[test]
fn published_versions_cannot_be_changed_even_behind_the_apps_back() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    catalog::publish(&mut f, item.id).unwrap();
    let path = f.path().to_owned();
    let raw = rusqlite::Connection::open(&path).unwrap();
    let update = raw.execute(
        "UPDATE catalog_versions SET form = '{}' WHERE number = 1",
        [],
    );
    assert!(update
        .unwrap_err()
        .to_string()
        .contains("cannot be changed"));
    let delete = raw.execute("DELETE FROM catalog_versions WHERE number = 1", []);
    assert!(delete
        .unwrap_err()
        .to_string()
        .contains("cannot be deleted"));
}

#[test]
fn an_unknown_version_or_item_is_reported() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    let (field, message) = invalid(catalog::version(&f, item.id, 1));
    assert_eq!(field, "version");
    assert_eq!(message, "“Laptop request” has no published version 1.");
    assert!(matches!(
        catalog::get(&f, 999),
        Err(Error::NotFound {
            what: "Catalog item",
            id: 999
        })
    ));
    assert!(matches!(
        catalog::publish(&mut f, 999),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        catalog::versions(&f, 999),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn deleting_a_draft_that_was_never_published_removes_it() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    catalog::delete(&mut f, item.id).unwrap();
    assert!(matches!(
        catalog::get(&f, item.id),
        Err(Error::NotFound { .. })
    ));
    assert!(catalog::list(&f, &Default::default()).unwrap().is_empty());
}

#[test]
fn a_published_item_cannot_be_deleted_and_the_message_says_to_retire_it() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    catalog::publish(&mut f, item.id).unwrap();
    let (field, message) = invalid(catalog::delete(&mut f, item.id));
    assert_eq!(field, "status");
    assert_eq!(
        message,
        "“Laptop request” has been published (version 1), so requests may refer to it: retire it instead of deleting it."
    );
    catalog::retire(&mut f, item.id).unwrap();
    // Retired, it still cannot be deleted.
    invalid(catalog::delete(&mut f, item.id));
    assert!(catalog::get(&f, item.id).is_ok());
}

#[test]
fn retiring_keeps_the_versions_and_publishing_again_brings_the_item_back() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    catalog::publish(&mut f, item.id).unwrap();
    let retired = catalog::retire(&mut f, item.id).unwrap();
    assert_eq!(retired.status, Status::Retired);
    assert_eq!(retired.published_version, Some(1));
    assert_eq!(catalog::versions(&f, item.id).unwrap().len(), 1);
    let back = catalog::publish(&mut f, item.id).unwrap();
    assert_eq!(
        (back.status, back.published_version),
        (Status::Published, Some(1))
    );
}

#[test]
fn retiring_a_draft_that_was_never_published_is_refused() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    let (_, message) = invalid(catalog::retire(&mut f, item.id));
    assert!(message.contains("never published"), "{message}");
    assert!(message.contains("delete the draft instead"), "{message}");
}

#[test]
fn update_refuses_unknown_references_icons_and_long_names() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    type Change = Box<dyn Fn(&mut catalog::ItemInput)>;
    let cases: Vec<(Change, &str, &str)> = vec![
        (
            Box::new(|i| i.department_id = Some(404)),
            "departmentId",
            "(404) no longer exists",
        ),
        (
            Box::new(|i| i.owner_id = Some(404)),
            "ownerId",
            "(person 404) no longer exists",
        ),
        (
            Box::new(|i| i.fulfilment.approvals = vec![catalog::ApprovalStep::person(404)]),
            "fulfilment",
            "approver of step 1 (person 404)",
        ),
        (
            Box::new(|i| i.icon = "<svg onload=x>".into()),
            "icon",
            "is not one of the catalog's icons",
        ),
        (
            Box::new(|i| i.name = "x".repeat(121)),
            "name",
            "at most 120 characters",
        ),
    ];
    for (change, want_field, words) in cases {
        let mut input = item.input();
        change(&mut input);
        let (field, message) = invalid(catalog::update(&mut f, item.id, input));
        assert_eq!(field, want_field);
        assert!(message.contains(words), "{message}");
    }
    assert_eq!(catalog::get(&f, item.id).unwrap(), item);
}

#[test]
fn an_owner_and_the_whole_item_survive_reopening_the_workspace() {
    let mut f = workspace();
    let owner = add_person(&mut f, "Olga Owner", "olga@example.org");
    let item = ready_item(&mut f);
    let mut input = item.input();
    input.owner_id = Some(owner);
    input.icon = "laptop".into();
    input.request_type = RequestType::Product;
    input.long_description = "Line one\n\nLine two".into();
    input.form.fields[2].validation.min = Some(json!("2026-01-01"));
    let saved = catalog::update(&mut f, item.id, input).unwrap();
    assert_eq!(saved.owner_name.as_deref(), Some("Olga Owner"));
    catalog::publish(&mut f, item.id).unwrap();
    let path = f.path().to_owned();
    let reopened = Workspace::open(&path).unwrap();
    let again = catalog::get(&reopened, item.id).unwrap();
    assert_eq!(again.input(), saved.input());
    assert_eq!(again.published_version, Some(1));
}
