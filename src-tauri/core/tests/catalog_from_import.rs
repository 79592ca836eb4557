//! Making draft catalog items from imports: a form definition becomes the
//! form as written; a list export becomes a form of its inferred fields
//! without system and role columns. Files come from `tests/fixtures/csv`.

mod catalog_support;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use catalog_support::*;
use pilot_core::catalog::{self, FieldType, RequestType, Status, Suggestion};
use pilot_core::flows;
use pilot_core::import::{Field, ImportOptions};
use pilot_core::{Error, Workspace};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/csv")
        .join(name)
}

fn import(ws: &mut Workspace, path: &Path) -> i64 {
    let cancel = AtomicBool::new(false);
    flows::import_file(ws, path, &ImportOptions::default(), &mut |_| {}, &cancel)
        .unwrap()
        .import_id
}

#[test]
fn a_name_is_suggested_from_the_file_name() {
    let cases = [
        ("sharepoint-hr-onboarding.csv", "Sharepoint Hr Onboarding"),
        ("paper_form__expense-claim.CSV", "Paper Form Expense Claim"),
        ("C:\\Users\\ann\\IT access request.csv", "IT Access Request"),
        ("/home/ann/no-extension", "No Extension"),
        (".csv", ".csv"),
        ("---.csv", "Imported form"),
    ];
    for (file, want) in cases {
        assert_eq!(catalog::suggest_name(file), want, "{file}");
    }
}

#[test]
fn the_suggestion_names_the_department_the_file_mentions() {
    let mut f = workspace();
    let finance = add_department(&mut f, "Finance", true);
    add_department(&mut f, "Sales", false);
    let s = catalog::suggest(&f, "sharepoint-hr-onboarding.csv").unwrap();
    assert_eq!(
        s,
        Suggestion {
            name: "Sharepoint Hr Onboarding".into(),
            department_id: Some(f.hr),
            request_type: RequestType::Service,
        }
    );
    let s = catalog::suggest(&f, "finance-ap-exceptions.csv").unwrap();
    assert_eq!(s.department_id, Some(finance));
    // Sales provides nothing; two departments are no suggestion.
    assert_eq!(
        catalog::suggest(&f, "sales-leads.csv")
            .unwrap()
            .department_id,
        None
    );
    assert_eq!(
        catalog::suggest(&f, "hr-finance.csv")
            .unwrap()
            .department_id,
        None
    );
}

#[test]
fn a_form_definition_import_becomes_the_form_as_written() {
    let mut f = workspace();
    let import_id = import(&mut f, &fixture("paper-form-expense-claim.csv"));
    let suggestion = catalog::suggest_for_import(&f, import_id).unwrap();
    assert_eq!(suggestion.name, "Paper Form Expense Claim");
    let item = flows::create_from_import(&mut f, import_id, &suggestion).unwrap();
    assert_eq!(item.status, Status::Draft);
    assert_eq!(item.source_import_id, Some(import_id));
    assert_eq!(item.request_type, RequestType::Service);
    let fields = &item.form.fields;
    assert_eq!(fields.len(), 15);
    assert_eq!(
        (fields[0].key.as_str(), fields[0].label.as_str()),
        ("full_name", "Full name")
    );
    let cost = fields.iter().find(|f| f.label == "Cost centre").unwrap();
    assert_eq!(cost.field_type, FieldType::Choice);
    assert!(cost.required);
    let choices: Vec<(&str, &str)> = cost
        .choices
        .iter()
        .map(|c| (c.id.as_str(), c.label.as_str()))
        .collect();
    assert_eq!(
        choices,
        [
            ("f_4410_sales", "4410 Sales"),
            ("f_4420_marketing", "4420 Marketing"),
            ("f_4430_finance", "4430 Finance"),
            ("f_4440_engineering", "4440 Engineering"),
        ]
    );
    let paid = fields.iter().find(|f| f.label == "Paid with").unwrap();
    assert_eq!(
        (paid.field_type, paid.required),
        (FieldType::MultiChoice, false)
    );
    let receipts = fields.iter().find(|f| f.label == "Receipts").unwrap();
    assert_eq!(receipts.field_type, FieldType::Attachment);

    // It needs only a department to be published.
    let issues = catalog::check(&f, item.id).unwrap();
    assert_eq!(issues.len(), 1, "{issues:#?}");
    assert_eq!(issues[0].part, "departmentId");
    let mut input = item.input();
    input.department_id = Some(f.hr);
    catalog::update(&mut f, item.id, input).unwrap();
    assert_eq!(
        catalog::publish(&mut f, item.id).unwrap().published_version,
        Some(1)
    );
}

#[test]
fn a_list_export_becomes_a_form_without_its_system_and_role_columns() {
    let mut f = workspace();
    let import_id = import(&mut f, &fixture("sharepoint-hr-onboarding.csv"));
    let suggestion = catalog::suggest_for_import(&f, import_id).unwrap();
    assert_eq!(suggestion.department_id, Some(f.hr));
    // The list's own name, from the export's Path column, beats the file name.
    assert_eq!(suggestion.name, "New Hire Onboarding");
    let item = flows::create_from_import(&mut f, import_id, &suggestion).unwrap();
    assert_eq!(item.department_id, Some(f.hr));
    let labels: Vec<&str> = item.form.fields.iter().map(|f| f.label.as_str()).collect();
    for gone in [
        "Created",
        "Created By",
        "Modified",
        "Modified By",
        "Item Type",
        "Path",
        "Status",
        "Completed",
    ] {
        assert!(!labels.contains(&gone), "{gone} is in {labels:?}");
    }
    for kept in [
        "Employee Name",
        "Employee Email",
        "Start Date",
        "Equipment",
        "Notes",
    ] {
        assert!(labels.contains(&kept), "{kept} is missing from {labels:?}");
    }
    let equipment = item
        .form
        .fields
        .iter()
        .find(|f| f.label == "Equipment")
        .unwrap();
    assert_eq!(equipment.field_type, FieldType::MultiChoice);
    assert_eq!(equipment.choices[0].label, "Laptop");
    assert_eq!(equipment.choices[0].id, "laptop");
}

#[test]
fn an_unknown_import_is_reported() {
    let mut f = workspace();
    let s = catalog::suggest(&f, "x.csv").unwrap();
    assert!(matches!(
        flows::create_from_import(&mut f, 42, &s),
        Err(Error::NotFound {
            what: "Import",
            id: 42
        })
    ));
    assert!(matches!(
        catalog::suggest_for_import(&f, 42),
        Err(Error::NotFound {
            what: "Import",
            id: 42
        })
    ));
}

#[test]
fn a_title_row_above_the_header_names_the_item() {
    let mut f = workspace();
    let import_id = import(&mut f, &fixture("finance-ap-exceptions-with-title.csv"));
    let suggestion = catalog::suggest_for_import(&f, import_id).unwrap();
    assert_eq!(suggestion.name, "Accounts payable exceptions log");
    let finance = add_department(&mut f, "Finance", true);
    let again = catalog::suggest_for_import(&f, import_id).unwrap();
    // The file name mentions Finance.
    assert_eq!(again.department_id, Some(finance));
}

#[test]
fn hostile_headers_become_labels_kept_verbatim() {
    let mut f = workspace();
    let path = f.dir.path().join("hostile-form.csv");
    std::fs::write(
        &path,
        "\"<img src=x onerror=alert(1)>\",<script>alert(1)</script>\n\"a\",b\n\"c\",d\n",
    )
    .unwrap();
    let import_id = import(&mut f, &path);
    let s = catalog::suggest_for_import(&f, import_id).unwrap();
    let item = flows::create_from_import(&mut f, import_id, &s).unwrap();
    let labels: Vec<&str> = item.form.fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(
        labels,
        ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]
    );
    assert!(item.form.fields.iter().all(|f| catalog::is_key(&f.key)));
}

#[test]
fn plain_fields_become_a_draft_form() {
    let mut f = workspace();
    let field = |column: &str, name: &str, ty: FieldType, required: bool, choices: &[&str]| Field {
        column: column.into(),
        name: name.into(),
        field_type: ty,
        required,
        choices: (!choices.is_empty()).then(|| choices.iter().map(|c| c.to_string()).collect()),
        date_order: None,
        codes: None,
        help: None,
        section: None,
    };
    let fields = vec![
        field(
            "Room",
            "room",
            FieldType::Choice,
            true,
            &["Oak", "Elm", "Oak room"],
        ),
        field("Attendees", "attendees", FieldType::Integer, false, &[]),
        // A name the importer never makes, and a duplicate: both fixed.
        field("Notes", "Notes!", FieldType::LongText, false, &[]),
        field("Room again", "room", FieldType::Text, false, &[]),
    ];
    let suggestion = Suggestion {
        name: "Room booking".into(),
        department_id: Some(f.hr),
        request_type: RequestType::Assistance,
    };
    let item = catalog::create_from_fields(&mut f, &suggestion, &fields).unwrap();
    assert_eq!(item.name, "Room booking");
    assert_eq!(item.request_type, RequestType::Assistance);
    assert_eq!(item.source_import_id, None);
    let keys: Vec<&str> = item.form.fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["room", "attendees", "notes", "room_2"]);
    let ids: Vec<&str> = item.form.fields[0]
        .choices
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["oak", "elm", "oak_room"]);
    assert!(item.form.fields[0].required);
    assert_eq!(catalog::check(&f, item.id).unwrap(), vec![]);
}

#[test]
fn replacing_the_import_moves_the_item_onto_the_update_and_keeps_its_form() {
    let mut f = workspace();
    let path = fixture("paper-form-expense-claim.csv");
    let first = import(&mut f, &path);
    let s = catalog::suggest_for_import(&f, first).unwrap();
    let item = flows::create_from_import(&mut f, first, &s).unwrap();
    let cancel = AtomicBool::new(false);
    let options = ImportOptions {
        replace_existing: true,
        ..ImportOptions::default()
    };
    let again = flows::import_file(&mut f, &path, &options, &mut |_| {}, &cancel).unwrap();
    assert_eq!(again.replaced, Some(first));
    let item = catalog::get(&f, item.id).unwrap();
    assert_eq!(item.source_import_id, Some(again.import_id));
    assert_eq!(item.form.fields.len(), 15);
}
