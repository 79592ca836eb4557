//! The guard rails: each mistake is reported by `check` with the field it
//! concerns and a message that says what to change, and blocks publishing
//! until it is fixed. Every test works on a real workspace file.

mod catalog_support;

use catalog_support::*;
use pilot_core::catalog::{
    self, ApprovalStep, Choice, FieldType, Form, Sla, SlaUnit, Status, Validation,
};
use serde_json::json;

fn form(fields: Vec<pilot_core::catalog::FormField>) -> Form {
    Form { fields }
}

#[test]
fn a_ready_item_has_no_issues_and_publishes() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    assert_eq!(catalog::check(&f, item.id).unwrap(), vec![]);
    let published = catalog::publish(&mut f, item.id).unwrap();
    assert_eq!(published.status, Status::Published);
    assert_eq!(published.published_version, Some(1));
}

#[test]
fn a_form_without_fields_blocks_publishing() {
    let mut f = workspace();
    blocks(&mut f, Form::default(), None, "form", "no fields");
}

#[test]
fn duplicate_field_keys_block_publishing() {
    let mut f = workspace();
    let form = form(vec![
        field("name", "Name", FieldType::Text),
        field("email", "E-mail", FieldType::Email),
        field("name", "Name again", FieldType::Text),
    ]);
    let (_, issues) = issues_with_form(&mut f, form.clone());
    let issue = the_issue(&issues, Some("name"), "key");
    assert_eq!(issue.position, Some(3));
    assert!(
        issue.message.contains("Fields 1 and 3"),
        "{}",
        issue.message
    );
    blocks(
        &mut f,
        form,
        Some("name"),
        "key",
        "both have the key “name”",
    );
}

#[test]
fn a_key_that_is_not_snake_case_blocks_publishing() {
    let mut f = workspace();
    let form = form(vec![field("Cost Centre", "Cost centre", FieldType::Text)]);
    blocks(
        &mut f,
        form,
        Some("Cost Centre"),
        "key",
        "lower-case letters",
    );
}

#[test]
fn a_field_saved_without_a_key_gets_one_from_its_label() {
    let mut f = workspace();
    let (id, issues) = issues_with_form(
        &mut f,
        form(vec![
            field("cost_centre", "Cost centre", FieldType::Text),
            field("", "Cost centre", FieldType::Text),
            field("", "Größe (cm)", FieldType::Integer),
        ]),
    );
    assert_eq!(issues, vec![]);
    let keys: Vec<String> = catalog::get(&f, id)
        .unwrap()
        .form
        .fields
        .into_iter()
        .map(|f| f.key)
        .collect();
    assert_eq!(keys, ["cost_centre", "cost_centre_2", "groesse_cm"]);
}

#[test]
fn an_empty_label_blocks_publishing() {
    let mut f = workspace();
    let form = form(vec![field("reason", "   ", FieldType::Text)]);
    blocks(&mut f, form, Some("reason"), "label", "has no label");
}

#[test]
fn a_choice_field_without_choices_blocks_publishing() {
    let mut f = workspace();
    let form1 = form(vec![choice_field("size", "Size", &[])]);
    blocks(&mut f, form1, Some("size"), "choices", "no choices");
    let form2 = form(vec![field("extras", "Extras", FieldType::MultiChoice)]);
    blocks(&mut f, form2, Some("extras"), "choices", "no choices");
}

#[test]
fn duplicate_choice_labels_block_publishing() {
    let mut f = workspace();
    let form = form(vec![choice_field(
        "size",
        "Size",
        &[("s", "Small"), ("m", "Medium"), ("s2", " small ")],
    )]);
    blocks(&mut f, form, Some("size"), "choices", "“small” twice");
}

#[test]
fn a_choice_without_a_label_blocks_publishing() {
    let mut f = workspace();
    let form = form(vec![choice_field(
        "size",
        "Size",
        &[("s", "Small"), ("x", "")],
    )]);
    blocks(
        &mut f,
        form,
        Some("size"),
        "choices",
        "Choice 2 of “Size” has no label",
    );
}

#[test]
fn a_required_field_hidden_by_a_condition_blocks_publishing() {
    let mut f = workspace();
    let mut reason = shown_when(
        field("reason", "Reason", FieldType::Text),
        "device",
        json!("other"),
    );
    reason.required = true;
    let form = form(vec![
        choice_field(
            "device",
            "Device",
            &[("laptop", "Laptop"), ("other", "Other")],
        ),
        reason,
    ]);
    blocks(
        &mut f,
        form,
        Some("reason"),
        "required",
        "“Reason” is required but hidden unless “Device” is “Other”",
    );
}

#[test]
fn a_condition_on_a_missing_field_blocks_publishing() {
    let mut f = workspace();
    let form = form(vec![
        field("name", "Name", FieldType::Text),
        shown_when(
            field("reason", "Reason", FieldType::Text),
            "nope",
            json!("x"),
        ),
    ]);
    blocks(
        &mut f,
        form,
        Some("reason"),
        "showWhen",
        "no field with that key",
    );
}

#[test]
fn a_condition_on_the_field_itself_blocks_publishing() {
    let mut f = workspace();
    let form = form(vec![shown_when(
        field("reason", "Reason", FieldType::Text),
        "reason",
        json!("x"),
    )]);
    blocks(&mut f, form, Some("reason"), "showWhen", "its own answer");
}

#[test]
fn a_condition_on_a_later_field_blocks_publishing() {
    let mut f = workspace();
    let form = form(vec![
        shown_when(
            field("reason", "Reason", FieldType::Text),
            "urgent",
            json!(true),
        ),
        field("urgent", "Urgent?", FieldType::YesNo),
    ]);
    blocks(
        &mut f,
        form,
        Some("reason"),
        "showWhen",
        "which comes after it",
    );
}

#[test]
fn a_condition_value_that_is_not_a_choice_blocks_publishing() {
    let mut f = workspace();
    let form1 = form(vec![
        choice_field(
            "device",
            "Device",
            &[("laptop", "Laptop"), ("other", "Other")],
        ),
        // The label, not the id: conditions keep ids.
        shown_when(
            field("reason", "Reason", FieldType::Text),
            "device",
            json!("Other"),
        ),
    ]);
    blocks(
        &mut f,
        form1,
        Some("reason"),
        "showWhen",
        "not one of its choices (“Laptop”, “Other”)",
    );
}

#[test]
fn a_condition_value_the_referred_field_cannot_have_blocks_publishing() {
    let mut f = workspace();
    let form1 = form(vec![
        field("urgent", "Urgent?", FieldType::YesNo),
        shown_when(
            field("why", "Why?", FieldType::Text),
            "urgent",
            json!("maybe"),
        ),
    ]);
    blocks(&mut f, form1, Some("why"), "showWhen", "can never be");
    let form2 = form(vec![
        field("urgent", "Urgent?", FieldType::YesNo),
        shown_when(field("why", "Why?", FieldType::Text), "urgent", json!(null)),
    ]);
    blocks(&mut f, form2, Some("why"), "showWhen", "needs the answer");
}

#[test]
fn a_condition_on_a_yes_no_or_a_number_passes_when_it_fits() {
    let mut f = workspace();
    let (_, issues) = issues_with_form(
        &mut f,
        form(vec![
            field("urgent", "Urgent?", FieldType::YesNo),
            shown_when(field("why", "Why?", FieldType::Text), "urgent", json!(true)),
            field("count", "How many?", FieldType::Integer),
            shown_when(field("note", "Note", FieldType::Text), "count", json!(3)),
        ]),
    );
    assert_eq!(issues, vec![]);
}

#[test]
fn min_greater_than_max_blocks_publishing() {
    let mut f = workspace();
    let mut amount = field("amount", "Amount", FieldType::Currency);
    amount.validation = Validation {
        min: Some(json!(100)),
        max: Some(json!(10)),
        ..Validation::default()
    };
    blocks(
        &mut f,
        form(vec![amount]),
        Some("amount"),
        "validation",
        "greater than its maximum",
    );

    let mut day = field("day", "Day", FieldType::Date);
    day.validation = Validation {
        min: Some(json!("2026-12-31")),
        max: Some(json!("2026-01-01")),
        ..Validation::default()
    };
    blocks(
        &mut f,
        form(vec![day]),
        Some("day"),
        "validation",
        "is after its latest",
    );

    let mut name = field("name", "Name", FieldType::Text);
    name.validation = Validation {
        min_length: Some(10),
        max_length: Some(5),
        ..Validation::default()
    };
    blocks(
        &mut f,
        form(vec![name]),
        Some("name"),
        "validation",
        "minimum length",
    );
}

#[test]
fn bounds_that_do_not_fit_the_field_type_block_publishing() {
    let mut f = workspace();
    let mut count = field("count", "Count", FieldType::Integer);
    count.validation.min = Some(json!("ten"));
    blocks(
        &mut f,
        form(vec![count]),
        Some("count"),
        "validation",
        "must be a whole number",
    );

    let mut day = field("day", "Day", FieldType::Date);
    day.validation.max = Some(json!("31/12/2026"));
    blocks(
        &mut f,
        form(vec![day]),
        Some("day"),
        "validation",
        "write it like 2026-01-31",
    );

    let mut name = field("name", "Name", FieldType::Text);
    name.validation.max = Some(json!(5));
    blocks(
        &mut f,
        form(vec![name]),
        Some("name"),
        "validation",
        "only numbers and dates",
    );

    let mut day = field("day", "Day", FieldType::Date);
    day.validation.max_length = Some(5);
    blocks(
        &mut f,
        form(vec![day]),
        Some("day"),
        "validation",
        "only text",
    );

    let mut urgent = field("urgent", "Urgent", FieldType::YesNo);
    urgent.validation.pattern = Some("y.*".into());
    blocks(
        &mut f,
        form(vec![urgent]),
        Some("urgent"),
        "validation",
        "only text",
    );
}

#[test]
fn an_invalid_regex_blocks_publishing() {
    let mut f = workspace();
    let mut code = field("code", "Code", FieldType::Text);
    code.validation.pattern = Some("[A-Z".into());
    blocks(
        &mut f,
        form(vec![code]),
        Some("code"),
        "validation",
        "not a valid regular expression",
    );
    // Would compile once wrapped as ^(?:…)$, but not on its own.
    let mut code = field("code", "Code", FieldType::Text);
    code.validation.pattern = Some("a)(b".into());
    blocks(
        &mut f,
        form(vec![code]),
        Some("code"),
        "validation",
        "not a valid regular expression",
    );
}

#[test]
fn a_default_that_is_not_a_valid_answer_blocks_publishing() {
    let mut f = workspace();
    let mut count = field("count", "Count", FieldType::Integer);
    count.default = Some(json!("three"));
    blocks(
        &mut f,
        form(vec![count]),
        Some("count"),
        "default",
        "whole number",
    );

    let mut count = field("count", "Count", FieldType::Integer);
    count.validation.max = Some(json!(5));
    count.default = Some(json!(6));
    blocks(
        &mut f,
        form(vec![count]),
        Some("count"),
        "default",
        "at most 5",
    );

    let mut size = choice_field("size", "Size", &[("s", "Small")]);
    size.default = Some(json!("Small"));
    blocks(
        &mut f,
        form(vec![size]),
        Some("size"),
        "default",
        "takes one of: “Small”",
    );

    let mut mail = field("mail", "Mail", FieldType::Email);
    mail.default = Some(json!("not-an-address"));
    blocks(
        &mut f,
        form(vec![mail]),
        Some("mail"),
        "default",
        "e-mail address",
    );

    let mut code = field("code", "Code", FieldType::Text);
    code.validation.pattern = Some("[A-Z]{3}".into());
    code.default = Some(json!("ABCD"));
    blocks(
        &mut f,
        form(vec![code]),
        Some("code"),
        "default",
        "expected form",
    );
}

#[test]
fn a_valid_default_passes_even_on_a_required_field() {
    let mut f = workspace();
    let mut size = choice_field("size", "Size", &[("s", "Small"), ("m", "Medium")]);
    size.required = true;
    size.default = Some(json!("m"));
    let mut day = field("day", "Day", FieldType::Date);
    day.default = Some(json!("2026-05-01"));
    let (_, issues) = issues_with_form(&mut f, form(vec![size, day]));
    assert_eq!(issues, vec![]);
}

#[test]
fn an_sla_target_of_zero_or_less_blocks_publishing() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    for amount in [0, -4] {
        let mut input = item.input();
        input.sla = Sla {
            amount,
            unit: SlaUnit::BusinessHours,
        };
        catalog::update(&mut f, item.id, input).unwrap();
        let issues = catalog::check(&f, item.id).unwrap();
        let issue = the_issue(&issues, None, "sla");
        assert!(
            issue
                .message
                .contains(&format!("more than zero business hours (it is {amount})")),
            "{}",
            issue.message
        );
        assert!(publish_refused(&mut f, item.id).contains(&issue.message));
    }
}

#[test]
fn a_missing_name_or_department_blocks_publishing() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    let mut input = item.input();
    input.name = "  ".into();
    input.department_id = None;
    catalog::update(&mut f, item.id, input).unwrap();
    let issues = catalog::check(&f, item.id).unwrap();
    the_issue(&issues, None, "name");
    let dept = the_issue(&issues, None, "departmentId");
    assert!(dept.message.contains("providing department"));
    let refused = publish_refused(&mut f, item.id);
    assert!(refused.contains("these are fixed"), "{refused}");
}

#[test]
fn a_department_that_provides_no_services_blocks_publishing() {
    let mut f = workspace();
    let sales = add_department(&mut f, "Sales", false);
    let item = ready_item(&mut f);
    let mut input = item.input();
    input.department_id = Some(sales);
    catalog::update(&mut f, item.id, input).unwrap();
    let issues = catalog::check(&f, item.id).unwrap();
    let issue = the_issue(&issues, None, "departmentId");
    assert!(issue
        .message
        .starts_with("Sales is not marked as providing services"));
}

#[test]
fn deleting_the_providing_department_leaves_the_item_without_one() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    let hr = f.hr;
    pilot_core::directory::delete_department(&mut f, hr).unwrap();
    let item = catalog::get(&f, item.id).unwrap();
    assert_eq!((item.department_id, item.department_name), (None, None));
    the_issue(&catalog::check(&f, item.id).unwrap(), None, "departmentId");
}

#[test]
fn approval_steps_need_their_person_or_group() {
    let mut f = workspace();
    let ann = add_person(&mut f, "Ann Approver", "ann@example.org");
    let item = ready_item(&mut f);
    let mut input = item.input();
    input.fulfilment.assignment_group = "HR Service Desk".into();
    input.fulfilment.approvals = vec![
        ApprovalStep::requester_manager(),
        ApprovalStep::person(ann),
        ApprovalStep::group("HR Leads"),
    ];
    input.fulfilment.tasks = vec!["Order the laptop".into(), "Hand it over".into()];
    let saved = catalog::update(&mut f, item.id, input).unwrap();
    assert_eq!(
        saved.fulfilment.approvals[1].person_name.as_deref(),
        Some("Ann Approver")
    );
    assert_eq!(saved.fulfilment.tasks, ["Order the laptop", "Hand it over"]);
    assert_eq!(catalog::check(&f, item.id).unwrap(), vec![]);

    pilot_core::directory::delete_person(&mut f, ann).unwrap();
    let mut input = catalog::get(&f, item.id).unwrap().input();
    assert_eq!(input.fulfilment.approvals[1].person_id, None);
    input.fulfilment.approvals[2].group = Some(" ".into());
    input.fulfilment.tasks.push(String::new());
    catalog::update(&mut f, item.id, input).unwrap();
    let messages: Vec<String> = catalog::check(&f, item.id)
        .unwrap()
        .into_iter()
        .filter(|i| i.part == "fulfilment")
        .map(|i| i.message)
        .collect();
    assert_eq!(
        messages,
        [
            "Approval step 2 names no person (the one chosen may have been deleted): choose who approves.",
            "Approval step 3 needs the name of the approving group.",
            "Fulfilment task 3 has no title.",
        ]
    );
}

#[test]
fn publishing_lists_every_issue_and_check_reports_each_with_its_field() {
    let mut f = workspace();
    let mut size = choice_field("size", "Size", &[]);
    size.choices.push(Choice::new("a", "A"));
    size.choices.push(Choice::new("a", "B"));
    let (id, issues) = issues_with_form(&mut f, form(vec![size, field("", "", FieldType::Text)]));
    let parts: Vec<(Option<&str>, Option<u32>, &str)> = issues
        .iter()
        .map(|i| (i.field.as_deref(), i.position, i.part.as_str()))
        .collect();
    assert_eq!(
        parts,
        [
            (Some("size"), Some(1), "choices"),
            (Some("field"), Some(2), "label"),
        ]
    );
    let refused = publish_refused(&mut f, id);
    for issue in &issues {
        assert!(refused.contains(&issue.message), "{refused}");
    }
}

#[test]
fn check_input_sees_unsaved_changes() {
    let mut f = workspace();
    let item = ready_item(&mut f);
    let mut input = item.input();
    input.form.fields.clear();
    let issues = catalog::check_input(&f, input).unwrap();
    the_issue(&issues, None, "form");
    assert_eq!(catalog::check(&f, item.id).unwrap(), vec![]);
}
