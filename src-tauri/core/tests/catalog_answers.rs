//! Answer validation, per field type, as the builder's preview and
//! requests use it; and which fields a submission shows and requires.

mod catalog_support;

use catalog_support::{choice_field, field, shown_when};
use pilot_core::catalog::{
    shown, validate_answer, validate_answers, FieldType, Form, FormField, Validation,
};
use serde_json::{json, Map, Value};

fn ok(f: &FormField, value: Value) {
    assert_eq!(
        validate_answer(f, &value),
        Ok(()),
        "{value} for {:?}",
        f.field_type
    );
}

fn err(f: &FormField, value: Value, words: &str) {
    match validate_answer(f, &value) {
        Err(message) => assert!(
            message.contains(words),
            "{value}: “{message}” lacks “{words}”"
        ),
        Ok(()) => panic!("{value} was accepted for {:?}", f.field_type),
    }
}

#[test]
fn an_empty_answer_passes_unless_the_field_is_required() {
    let mut f = field("name", "Full name", FieldType::Text);
    for empty in [json!(null), json!(""), json!("   "), json!([])] {
        ok(&f, empty);
    }
    f.required = true;
    assert_eq!(
        validate_answer(&f, &json!(" ")),
        Err("“Full name” is required.".into())
    );
}

#[test]
fn text_is_one_line_within_its_length_and_pattern() {
    let mut f = field("code", "Code", FieldType::Text);
    f.validation = Validation {
        min_length: Some(3),
        max_length: Some(5),
        pattern: Some("[A-Z]+[0-9]*".into()),
        ..Validation::default()
    };
    ok(&f, json!("ABC1"));
    // Three characters, not six bytes.
    let mut upper = f.clone();
    upper.validation.pattern = None;
    ok(&upper, json!("ÄÖÜ"));
    err(&f, json!("AB"), "at least 3 characters");
    err(&f, json!("ABCDEF"), "at most 5 characters");
    // The whole answer must match, not a part of it.
    err(&f, json!("abc1X"), "expected form ([A-Z]+[0-9]*)");
    err(&f, json!("AB\nC"), "single line");
    err(&f, json!(42), "takes text");
}

#[test]
fn long_text_takes_several_lines() {
    let f = field("notes", "Notes", FieldType::LongText);
    ok(&f, json!("Line one\nLine two"));
}

#[test]
fn numbers_are_whole_decimal_or_money_within_their_bounds() {
    let mut int = field("n", "Count", FieldType::Integer);
    int.validation.min = Some(json!(1));
    int.validation.max = Some(json!(10));
    ok(&int, json!(10));
    ok(&int, json!(3.0));
    err(&int, json!(3.5), "whole number");
    err(&int, json!("3"), "whole number");
    err(&int, json!(0), "at least 1");
    err(&int, json!(11), "at most 10");

    let dec = field("d", "Share", FieldType::Decimal);
    ok(&dec, json!(0.125));
    err(&dec, json!("0.5"), "takes a number");

    let money = field("m", "Amount", FieldType::Currency);
    ok(&money, json!(12.34));
    ok(&money, json!(1200));
    err(&money, json!(12.345), "at most two decimals");
    err(&money, json!(true), "amount of money");
}

#[test]
fn dates_and_date_times_are_iso_and_within_their_bounds() {
    let mut day = field("day", "Start date", FieldType::Date);
    day.validation.min = Some(json!("2026-01-01"));
    day.validation.max = Some(json!("2026-12-31"));
    ok(&day, json!("2026-02-28"));
    err(&day, json!("2026-02-30"), "a date such as 2026-01-31");
    err(&day, json!("28/02/2026"), "a date such as 2026-01-31");
    err(&day, json!("2025-12-31"), "must not be before 2026-01-01");
    err(&day, json!("2027-01-01"), "must not be after 2026-12-31");

    let mut at = field("at", "Pick-up", FieldType::Datetime);
    at.validation.min = Some(json!("2026-01-01"));
    ok(&at, json!("2026-03-01T09:30"));
    ok(&at, json!("2026-03-01T09:30:15"));
    ok(&at, json!("2026-03-01T09:30:00+01:00"));
    err(&at, json!("2026-03-01"), "date and time");
    err(
        &at,
        json!("2025-12-31T23:59"),
        "must not be before 2026-01-01",
    );
}

#[test]
fn yes_no_takes_true_or_false_and_false_is_an_answer() {
    let mut f = field("ok", "Billable?", FieldType::YesNo);
    f.required = true;
    ok(&f, json!(true));
    ok(&f, json!(false));
    err(&f, json!("yes"), "yes or no");
}

#[test]
fn choices_are_answered_by_their_ids() {
    let f = choice_field("size", "Size", &[("s", "Small"), ("m", "Medium")]);
    ok(&f, json!("m"));
    err(&f, json!("Medium"), "takes one of: “Small”, “Medium”");

    let mut multi = f.clone();
    multi.field_type = FieldType::MultiChoice;
    ok(&multi, json!(["s", "m"]));
    err(&multi, json!("s"), "a list of choices");
    err(&multi, json!(["s", "x"]), "takes any of");
    err(&multi, json!(["s", "s"]), "lists a choice twice");
}

#[test]
fn emails_phones_and_web_addresses_have_their_forms() {
    let mail = field("mail", "Work e-mail", FieldType::Email);
    ok(&mail, json!("ann.lee@example.org"));
    err(&mail, json!("ann@localhost"), "e-mail address");
    err(&mail, json!("not an address"), "e-mail address");

    let phone = field("phone", "Phone", FieldType::Phone);
    ok(&phone, json!("+49 (30) 123-4567"));
    err(&phone, json!("1234"), "phone number");
    err(&phone, json!("call me"), "phone number");

    let url = field("url", "Link", FieldType::Url);
    ok(&url, json!("https://contoso.sharepoint.com/sites/HR?x=1"));
    ok(&url, json!("http://localhost:8080/a"));
    err(&url, json!("javascript:alert(1)"), "web address");
    err(&url, json!("https://exa mple.org"), "web address");
    err(&url, json!("ftp://example.org"), "web address");
}

#[test]
fn a_person_is_a_directory_id_and_an_attachment_a_file_name() {
    let who = field("who", "Manager", FieldType::Person);
    ok(&who, json!(7));
    err(&who, json!(0), "a person from the directory");
    err(&who, json!("Ann"), "a person from the directory");

    let file = field("receipt", "Receipt", FieldType::Attachment);
    ok(&file, json!("receipt-0423.pdf"));
    err(&file, json!(12), "name of an attached file");
}

fn form() -> Form {
    let mut reason = shown_when(
        field("reason", "What else?", FieldType::Text),
        "device",
        json!("other"),
    );
    reason.validation.min_length = Some(3);
    let mut extras = choice_field("extras", "Extras", &[("bag", "Bag"), ("mouse", "Mouse")]);
    extras.field_type = FieldType::MultiChoice;
    let mut colour = shown_when(
        field("colour", "Bag colour", FieldType::Text),
        "extras",
        json!("bag"),
    );
    colour.required = false;
    let mut device = choice_field(
        "device",
        "Device",
        &[("laptop", "Laptop"), ("other", "Other")],
    );
    device.required = true;
    Form {
        fields: vec![device, reason, extras, colour],
    }
}

fn answers(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

#[test]
fn a_field_is_shown_while_its_condition_holds() {
    let form = form();
    assert_eq!(
        shown(&form, &answers(json!({}))),
        [true, false, true, false]
    );
    assert_eq!(
        shown(
            &form,
            &answers(json!({"device": "other", "extras": ["mouse", "bag"]}))
        ),
        [true, true, true, true]
    );
}

#[test]
fn a_submission_is_checked_field_by_field_ignoring_hidden_ones() {
    let form = form();
    // The hidden field's bad answer does not count.
    let fine = answers(json!({"device": "laptop", "reason": "x"}));
    assert_eq!(validate_answers(&form, &fine), vec![]);

    let bad = answers(json!({"reason": "x", "extras": ["bag"], "colour": 5, "nope": 1}));
    let got: Vec<(Option<String>, String)> = validate_answers(&form, &bad)
        .into_iter()
        .map(|i| (i.field, i.message))
        .collect();
    assert_eq!(
        got,
        [
            (Some("device".into()), "“Device” is required.".into()),
            (Some("colour".into()), "“Bag colour” takes text.".into()),
            (Some("nope".into()), "The form has no field “nope”.".into()),
        ]
    );
}
