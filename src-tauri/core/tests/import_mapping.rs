//! The user's say over an import: a type, a required flag, choices and a
//! role per column; rows with problems skipped or fixed; the mapping
//! remembered for the next file of the same kind. Inspection and import
//! judge rows alike, so the wizard lists exactly the problems an import
//! stores.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use pilot_core::flows;
use pilot_core::import::{
    self, ColumnChoice, ColumnRole, FieldType, ImportOptions, Inspection, Problem, ProblemRows,
    RowFix, StoredRow,
};
use pilot_core::{Error, Workspace};
use serde_json::{json, Value};

use pilot_fixtures::Scratch as Setup;

fn setup() -> Setup {
    Setup::new()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/csv")
}

/// A column the user set: its role and type, neither required nor with
/// choices.
fn chosen(column: &str, role: ColumnRole, field_type: FieldType) -> ColumnChoice {
    ColumnChoice {
        column: column.to_owned(),
        role,
        field_type,
        required: false,
        choices: None,
        why: None,
        note: None,
        suggested: None,
    }
}

fn field(column: &str, field_type: FieldType) -> ColumnChoice {
    chosen(column, ColumnRole::Field, field_type)
}

fn with_columns(columns: Vec<ColumnChoice>) -> ImportOptions {
    ImportOptions {
        columns,
        ..ImportOptions::default()
    }
}

fn inspect(path: &Path, options: &ImportOptions) -> Inspection {
    import::inspect(path, options).unwrap()
}

/// Where problems are: (line, column).
fn places(problems: &[Problem]) -> Vec<(u64, Option<&str>)> {
    problems
        .iter()
        .map(|p| (p.line, p.column.as_deref()))
        .collect()
}

fn vals(rows: &[StoredRow]) -> Vec<Vec<Value>> {
    rows.iter().map(|r| r.vals.clone()).collect()
}

fn lines(rows: &[StoredRow]) -> Vec<u64> {
    rows.iter().map(|r| r.line).collect()
}

fn field_columns(inspection: &Inspection) -> Vec<&str> {
    inspection
        .fields
        .iter()
        .map(|f| f.column.as_str())
        .collect()
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

// ---------------------------------------------------------------------------
// Types, required and choices

const QUANTITIES: &str = "Ticket,Qty,Note\nT1,1,a\nT2,two,b\nT3,3.5,c\nT4,,d\nT5,4,e\n";

#[test]
fn a_chosen_integer_type_lists_cells_that_are_not_whole_numbers() {
    let mut s = setup();
    let path = s.file("qty.csv", QUANTITIES);
    let found = inspect(&path, &ImportOptions::default());
    let qty = found.fields.iter().find(|f| f.column == "Qty").unwrap();
    assert_eq!(qty.field_type, FieldType::Text, "\"two\" makes it text");
    assert!(found.problems.is_empty());

    let options = with_columns(vec![field("Qty", FieldType::Integer)]);
    let inspection = inspect(&path, &options);
    let qty = inspection
        .fields
        .iter()
        .find(|f| f.column == "Qty")
        .unwrap();
    assert_eq!(qty.field_type, FieldType::Integer);
    assert_eq!(
        places(&inspection.problems),
        [(3, Some("Qty")), (4, Some("Qty"))]
    );
    assert!(
        inspection.problems[0]
            .message
            .starts_with("\"two\" is not a whole number"),
        "{:?}",
        inspection.problems[0]
    );
    assert!(inspection.problems[1]
        .message
        .starts_with("\"3.5\" is not a whole number"));

    let summary = s.import(&path, &options);
    assert_eq!(s.problems(summary.import_id), inspection.problems);
    assert_eq!(summary.inspection.problems, inspection.problems);
    assert_eq!(summary.problems, 2);
    // Qty is the only column with stored values; cells that are not whole
    // numbers have none. The rows themselves are kept as the file has them.
    let rows = s.rows(summary.import_id);
    assert_eq!(
        vals(&rows),
        [
            vec![json!(1)],
            vec![json!(null)],
            vec![json!(null)],
            vec![json!(null)],
            vec![json!(4)]
        ]
    );
    assert_eq!(rows[2].text, "T3,3.5,c");
    assert_eq!(rows[2].cells, ["T3", "3.5", "c"]);
    let columns = import::columns(&s.ws, summary.import_id).unwrap();
    assert_eq!(columns[1].field_type, FieldType::Integer);
}

#[test]
fn a_chosen_date_type_types_its_values_and_lists_cells_that_are_not_dates() {
    let mut s = setup();
    let path = s.file(
        "due.csv",
        "Ref,Due\nA,2026-03-01\nB,soon\nC,2026-12-31\nD,\n",
    );
    assert_eq!(
        inspect(&path, &ImportOptions::default()).fields[1].field_type,
        FieldType::Text
    );
    let options = with_columns(vec![field("Due", FieldType::Date)]);
    let inspection = inspect(&path, &options);
    assert_eq!(inspection.fields[1].field_type, FieldType::Date);
    assert_eq!(
        inspection.fields[1].date_order,
        Some(import::DateOrder::Ymd)
    );
    assert_eq!(places(&inspection.problems), [(3, Some("Due"))]);
    assert!(inspection.problems[0]
        .message
        .starts_with("\"soon\" is not a date"));

    let summary = s.import(&path, &options);
    assert_eq!(s.problems(summary.import_id), inspection.problems);
    assert_eq!(
        vals(&s.rows(summary.import_id)),
        [
            vec![json!("2026-03-01")],
            vec![json!(null)],
            vec![json!("2026-12-31")],
            vec![json!(null)]
        ]
    );
}

#[test]
fn a_chosen_yes_no_type_lists_cells_that_are_not_yes_or_no() {
    let mut s = setup();
    let path = s.file("yn.csv", "Ref,Urgent\nA,yes\nB,maybe\nC,No\n");
    let options = with_columns(vec![field("Urgent", FieldType::YesNo)]);
    let inspection = inspect(&path, &options);
    assert_eq!(places(&inspection.problems), [(3, Some("Urgent"))]);
    assert!(inspection.problems[0]
        .message
        .starts_with("\"maybe\" is not yes or no"));
    let summary = s.import(&path, &options);
    assert_eq!(s.problems(summary.import_id), inspection.problems);
    assert_eq!(
        vals(&s.rows(summary.import_id)),
        [vec![json!(true)], vec![json!(null)], vec![json!(false)]]
    );
}

#[test]
fn a_chosen_text_type_stores_no_typed_values_and_finds_no_problems() {
    let mut s = setup();
    let path = s.file("n.csv", "Code,Label\n1,a\n2,b\n3,c\n");
    let summary = s.import(&path, &with_columns(vec![field("Code", FieldType::Text)]));
    assert!(s.problems(summary.import_id).is_empty());
    let rows = s.rows(summary.import_id);
    assert!(rows.iter().all(|r| r.vals.is_empty()), "{rows:?}");
    assert_eq!(rows[0].cells, ["1", "a"]);
}

#[test]
fn a_required_column_lists_its_empty_cells_and_missing_ones() {
    let mut s = setup();
    let path = s.file(
        "people.csv",
        "Name,Dept,Room\nAna,Legal,1\nBo,,2\nCy,  ,3\nDi\nEd,IT,5\n",
    );
    let mut dept = field("Dept", FieldType::Text);
    dept.required = true;
    let options = with_columns(vec![dept]);
    let inspection = inspect(&path, &options);
    assert!(inspection.fields[1].required);
    assert_eq!(
        places(&inspection.problems),
        [
            (3, Some("Dept")),
            (4, Some("Dept")),
            (5, None),
            (5, Some("Dept"))
        ]
    );
    assert_eq!(
        inspection.problems[0].message,
        "this required value is empty."
    );
    let summary = s.import(&path, &options);
    assert_eq!(s.problems(summary.import_id), inspection.problems);
    assert_eq!(s.rows(summary.import_id).len(), 5);
}

#[test]
fn values_outside_a_choice_columns_choices_are_problems() {
    let mut s = setup();
    let path = s.file(
        "priority.csv",
        "Ticket,Priority\nT1,Low\nT2,High\nT3,Urgent\nT4,\nT5,low\n",
    );
    let mut priority = field("Priority", FieldType::Choice);
    priority.choices = Some(strings(&["Low", "High"]));
    let options = with_columns(vec![priority]);
    let inspection = inspect(&path, &options);
    let f = &inspection.fields[1];
    assert_eq!(f.field_type, FieldType::Choice);
    assert_eq!(f.choices.as_deref(), Some(&strings(&["Low", "High"])[..]));
    // An empty cell is no choice at all, which is fine when not required;
    // choices are matched exactly.
    assert_eq!(
        places(&inspection.problems),
        [(4, Some("Priority")), (6, Some("Priority"))]
    );
    assert_eq!(
        inspection.problems[0].message,
        "\"Urgent\" is not one of the choices."
    );
    let summary = s.import(&path, &options);
    assert_eq!(s.problems(summary.import_id), inspection.problems);
    // A choice is text-like: no typed values are stored for it.
    assert!(s.rows(summary.import_id).iter().all(|r| r.vals.is_empty()));
}

#[test]
fn options_outside_a_multi_choice_columns_choices_are_problems() {
    let mut s = setup();
    let path = s.file(
        "kit.csv",
        "Who,Kit\nAna,Laptop;Headset\nBo,Laptop\nCy,Monitor;Laptop\nDi,\n",
    );
    let mut kit = field("Kit", FieldType::MultiChoice);
    kit.choices = Some(strings(&["Laptop", "Headset"]));
    let options = with_columns(vec![kit]);
    let inspection = inspect(&path, &options);
    assert_eq!(inspection.fields[1].field_type, FieldType::MultiChoice);
    assert_eq!(places(&inspection.problems), [(4, Some("Kit"))]);
    assert_eq!(
        inspection.problems[0].message,
        "\"Monitor\" is not one of the choices."
    );
    let summary = s.import(&path, &options);
    assert_eq!(s.problems(summary.import_id), inspection.problems);
    assert_eq!(
        vals(&s.rows(summary.import_id)),
        [
            vec![json!(["Laptop", "Headset"])],
            vec![json!(["Laptop"])],
            vec![json!(["Monitor", "Laptop"])],
            vec![json!(null)]
        ]
    );
}

#[test]
fn choosing_the_types_inference_found_changes_nothing_about_the_stored_values() {
    for name in [
        "excel-de-procurement-requests.csv",
        "sharepoint-hr-onboarding.csv",
        "googleforms-legal-contract-review.csv",
        "msforms-facilities-work-order.csv",
        "ragged-room-bookings.csv",
    ] {
        let path = fixtures().join(name);
        let detected = inspect(&path, &ImportOptions::default());
        assert!(!detected.columns.is_empty(), "{name}");
        let mut plain = setup();
        let before = plain.import(&path, &ImportOptions::default());
        let mut mapped = setup();
        let after = mapped.import(&path, &with_columns(detected.columns.clone()));
        assert_eq!(
            mapped.rows(after.import_id),
            plain.rows(before.import_id),
            "{name}"
        );
        assert_eq!(
            mapped.problems(after.import_id),
            plain.problems(before.import_id),
            "{name}"
        );
        assert_eq!(
            import::columns(&mapped.ws, after.import_id).unwrap(),
            import::columns(&plain.ws, before.import_id).unwrap(),
            "{name}"
        );
        assert_eq!(
            after.inspection.columns, before.inspection.columns,
            "{name}"
        );
    }
}

#[test]
fn choosing_the_type_a_column_already_has_keeps_its_values() {
    let text = "Nr;Preis;Datum\n1;1.234,50;03.04.2026\n2;5,00;25.04.2026\n";
    let mut plain = setup();
    let path = plain.file("de.csv", text);
    let before = plain.import(&path, &ImportOptions::default());
    let mut mapped = setup();
    let options = with_columns(vec![
        field("Nr", FieldType::Integer),
        field("Preis", FieldType::Decimal),
        field("Datum", FieldType::Date),
    ]);
    let after = mapped.import(&path, &options);
    let rows = mapped.rows(after.import_id);
    assert_eq!(rows, plain.rows(before.import_id));
    assert_eq!(
        vals(&rows),
        [
            vec![json!(1), json!(1234.50), json!("2026-04-03")],
            vec![json!(2), json!(5.00), json!("2026-04-25")]
        ]
    );
    assert!(mapped.problems(after.import_id).is_empty());
}

// ---------------------------------------------------------------------------
// Roles

const REQUESTS: &str = "Ref,Raised,Email,Topic,Internal note\n\
R1,2026-03-01,ana@example.com,Laptop,x\n\
R2,2026-03-02,bo@example.com,Phone,y\n\
R3,2026-03-03,cy@example.com,Laptop,z\n";

#[test]
fn a_column_given_the_ignore_role_is_no_longer_a_field() {
    let mut s = setup();
    let path = s.file("qty.csv", QUANTITIES);
    let found = inspect(&path, &ImportOptions::default());
    assert_eq!(field_columns(&found), ["Ticket", "Qty", "Note"]);
    let options = with_columns(vec![chosen("Note", ColumnRole::Ignore, FieldType::Text)]);
    let inspection = inspect(&path, &options);
    assert_eq!(field_columns(&inspection), ["Ticket", "Qty"]);
    assert_eq!(inspection.fields[..], found.fields[..2]);
    assert_eq!(inspection.roles, found.roles);
    let note = &inspection.columns[2];
    assert_eq!(
        (note.column.as_str(), note.role),
        ("Note", ColumnRole::Ignore)
    );
    // Ignored, it is still kept with the rows.
    let summary = s.import(&path, &options);
    assert_eq!(field_columns(&summary.inspection), ["Ticket", "Qty"]);
    assert_eq!(s.rows(summary.import_id)[0].cells, ["T1", "1", "a"]);
    assert_eq!(import::columns(&s.ws, summary.import_id).unwrap().len(), 3);
}

#[test]
fn columns_given_a_role_fill_the_roles_and_are_no_longer_fields() {
    let mut s = setup();
    let path = s.file("requests.csv", REQUESTS);
    let options = with_columns(vec![
        chosen("Ref", ColumnRole::Id, FieldType::Text),
        chosen("Raised", ColumnRole::OpenedAt, FieldType::Date),
        chosen("Email", ColumnRole::Requester, FieldType::Email),
    ]);
    let inspection = inspect(&path, &options);
    assert_eq!(inspection.roles.id.as_deref(), Some("Ref"));
    assert_eq!(inspection.roles.opened_at.as_deref(), Some("Raised"));
    assert_eq!(inspection.roles.requester.as_deref(), Some("Email"));
    assert_eq!(inspection.roles.closed_at, None);
    // Email was a field and became a role column; Ref and Raised had the
    // id and opened_at roles inference gave them, as fields too, and keep
    // both.
    assert_eq!(
        field_columns(&inspection),
        ["Ref", "Raised", "Topic", "Internal note"]
    );
    let roles: Vec<ColumnRole> = inspection.columns.iter().map(|c| c.role).collect();
    assert_eq!(
        roles,
        [
            ColumnRole::Id,
            ColumnRole::OpenedAt,
            ColumnRole::Requester,
            ColumnRole::Field,
            ColumnRole::Field
        ]
    );
    let summary = s.import(&path, &options);
    assert_eq!(summary.inspection.roles, inspection.roles);
    assert_eq!(summary.inspection.fields, inspection.fields);
}

#[test]
fn the_first_of_two_columns_given_the_same_role_takes_it() {
    let s = setup();
    let path = s.file("requests.csv", REQUESTS);
    let inspection = inspect(
        &path,
        &with_columns(vec![
            chosen("Topic", ColumnRole::Status, FieldType::Text),
            chosen("Internal note", ColumnRole::Status, FieldType::Text),
        ]),
    );
    assert_eq!(inspection.roles.status.as_deref(), Some("Topic"));
    assert!(!field_columns(&inspection).contains(&"Internal note"));
}

#[test]
fn a_column_chosen_as_a_field_loses_the_role_inference_gave_it() {
    let path = fixtures().join("finance-ap-exceptions-with-title.csv");
    let found = inspect(&path, &ImportOptions::default());
    assert_eq!(found.roles.opened_at.as_deref(), Some("Raised on"));
    let raised = found
        .columns
        .iter()
        .find(|c| c.column == "Raised on")
        .unwrap();
    assert_eq!(raised.role, ColumnRole::OpenedAt);
    let mut choice = raised.clone();
    choice.role = ColumnRole::Field;
    let inspection = inspect(&path, &with_columns(vec![choice]));
    assert_eq!(inspection.roles.opened_at, None);
    assert_eq!(inspection.roles.closed_at.as_deref(), Some("Resolved on"));
    assert!(field_columns(&inspection).contains(&"Raised on"));
}

/// The fixtures' files as inference finds them, per `expected.json`:
/// without choices nothing changed, and the mapping lists every column once,
/// a field as a field unless it also has a role, a role column with its role.
#[test]
fn without_choices_every_fixture_is_found_as_before_and_its_columns_say_so() {
    let expected: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("expected.json")).unwrap())
            .unwrap();
    for (name, want) in &expected {
        if want.get("error").is_some() {
            continue;
        }
        let path = fixtures().join(name);
        let found = inspect(&path, &ImportOptions::default());
        assert_eq!(
            serde_json::to_value(&found.roles).unwrap(),
            want["roles"],
            "{name}"
        );
        assert_eq!(found.rows, want["rows"].as_u64().unwrap(), "{name}");
        if found.source == import::Source::FormDefinition {
            assert!(found.columns.is_empty(), "{name}");
            let again = inspect(
                &path,
                &with_columns(vec![field("Label", FieldType::Integer)]),
            );
            assert_eq!(again, found, "{name}: a form definition ignores choices");
            continue;
        }
        let role_of = |column: &str| {
            let roles = serde_json::to_value(&found.roles).unwrap();
            roles
                .as_object()
                .unwrap()
                .iter()
                .find(|(_, c)| *c == column)
                .map(|(role, _)| serde_json::from_value::<ColumnRole>(json!(role)).unwrap())
        };
        let titles: Vec<&str> = found.columns.iter().map(|c| c.column.as_str()).collect();
        assert_eq!(titles.len(), found.columns.len(), "{name}");
        for c in &found.columns {
            let is_field = found.fields.iter().any(|f| f.column == c.column);
            let role = role_of(&c.column).unwrap_or(if is_field {
                ColumnRole::Field
            } else {
                ColumnRole::Ignore
            });
            assert_eq!(c.role, role, "{name}: {}", c.column);
        }
        for f in &found.fields {
            let c = found.columns.iter().find(|c| c.column == f.column).unwrap();
            assert_eq!(
                (c.field_type, c.required, &c.choices),
                (f.field_type, f.required, &f.choices),
                "{name}"
            );
        }
        for column in want["fields"].as_object().unwrap().keys() {
            assert!(
                field_columns(&found).contains(&column.as_str()),
                "{name}: {column}"
            );
        }
        for column in want["not_fields"].as_array().unwrap() {
            let column = column.as_str().unwrap();
            assert!(!field_columns(&found).contains(&column), "{name}: {column}");
        }
    }
}

#[test]
fn a_role_given_to_a_column_moves_from_the_column_inference_gave_it() {
    let s = setup();
    let path = s.file("requests.csv", REQUESTS);
    let inspection = inspect(
        &path,
        &with_columns(vec![chosen("Ref", ColumnRole::OpenedAt, FieldType::Text)]),
    );
    assert_eq!(inspection.roles.opened_at.as_deref(), Some("Ref"));
    // Raised was a field besides, and stays one.
    assert_eq!(
        field_columns(&inspection),
        ["Raised", "Email", "Topic", "Internal note"]
    );
    let roles: Vec<(&str, ColumnRole)> = inspection
        .columns
        .iter()
        .map(|c| (c.column.as_str(), c.role))
        .collect();
    assert_eq!(
        roles[..2],
        [("Ref", ColumnRole::OpenedAt), ("Raised", ColumnRole::Field)]
    );
}

/// The wizard sends the whole mapping it shows, and a remembered mapping is
/// applied whole: unchanged, it must not change what the file becomes.
#[test]
fn choosing_exactly_the_detected_columns_changes_nothing() {
    for name in [
        "excel-de-procurement-requests.csv",
        "finance-ap-exceptions-with-title.csv",
        "googleforms-legal-contract-review.csv",
        "msforms-facilities-work-order.csv",
        "ragged-room-bookings.csv",
        "sharepoint-hr-onboarding.csv",
    ] {
        let path = fixtures().join(name);
        let found = inspect(&path, &ImportOptions::default());
        let again = inspect(&path, &with_columns(found.columns.clone()));
        assert_eq!(again, found, "{name}");
    }
}

/// `ImportOptions::columns`: columns not named keep what was found.
#[test]
fn a_choice_for_one_column_leaves_the_others_as_found() {
    let s = setup();
    let path = s.file("requests.csv", REQUESTS);
    let found = inspect(&path, &ImportOptions::default());
    assert_eq!(found.roles.opened_at.as_deref(), Some("Raised"));
    assert!(field_columns(&found).contains(&"Raised"));
    let inspection = inspect(
        &path,
        &with_columns(vec![chosen(
            "Internal note",
            ColumnRole::Ignore,
            FieldType::Text,
        )]),
    );
    let mut others = found.fields.clone();
    others.retain(|f| f.column != "Internal note");
    assert_eq!(inspection.fields, others);
    assert_eq!(inspection.roles, found.roles);
}

// ---------------------------------------------------------------------------
// Skipping rows with problems

fn skip() -> ImportOptions {
    ImportOptions {
        problem_rows: ProblemRows::Skip,
        ..ImportOptions::default()
    }
}

/// "Row skipped: …" for each problem, as an import that skips stores them.
fn as_skipped(problems: &[Problem]) -> Vec<Problem> {
    problems
        .iter()
        .map(|p| Problem {
            message: format!("Row skipped: {}", p.message),
            ..p.clone()
        })
        .collect()
}

#[test]
fn skipped_rows_are_left_out_and_their_problems_say_so() {
    let mut s = setup();
    let path = s.file(
        "skip.csv",
        "n,label\n1,one\n2\n3,three\nx,four\n\n5,\"five\nlines\"\n6,six\n",
    );
    let mut options = skip();
    options.columns = vec![field("n", FieldType::Integer)];
    let inspection = inspect(&path, &options);
    assert_eq!(places(&inspection.problems), [(3, None), (5, Some("n"))]);

    let summary = s.import(&path, &options);
    assert_eq!((summary.skipped, summary.fixed), (2, 0));
    assert_eq!(summary.problems, 2);
    let problems = s.problems(summary.import_id);
    assert_eq!(problems, as_skipped(&inspection.problems));
    assert!(problems[0]
        .message
        .starts_with("Row skipped: this row has 1 cells"));
    assert_eq!(summary.inspection.problems, problems);

    let rows = s.rows(summary.import_id);
    let numbers: Vec<u64> = rows.iter().map(|r| r.row_no).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(lines(&rows), [2, 4, 7, 9]);
    let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["1,one", "3,three", "5,\"five\nlines\"", "6,six"]);
    assert_eq!(rows[2].cells, ["5", "five\nlines"]);
    assert_eq!(
        vals(&rows),
        [
            vec![json!(1)],
            vec![json!(3)],
            vec![json!(5)],
            vec![json!(6)]
        ]
    );
    let record = &import::list(&s.ws).unwrap()[0];
    assert_eq!((record.row_count, record.problem_count), (4, 2));
}

#[test]
fn keeping_rows_with_problems_is_the_default() {
    let mut s = setup();
    let path = s.file("keep.csv", "n,label\n1,one\n2\nx,three\n");
    let options = with_columns(vec![field("n", FieldType::Integer)]);
    let summary = s.import(&path, &options);
    assert_eq!(summary.skipped, 0);
    assert_eq!(lines(&s.rows(summary.import_id)), [2, 3, 4]);
    let problems = s.problems(summary.import_id);
    assert_eq!(places(&problems), [(3, None), (4, Some("n"))]);
    assert!(problems
        .iter()
        .all(|p| !p.message.starts_with("Row skipped")));
}

#[test]
fn a_file_whose_every_row_is_skipped_imports_no_rows_but_every_problem() {
    let mut s = setup();
    let path = s.file("none.csv", "n,label\nx,one\ny,two\n");
    let mut options = skip();
    options.columns = vec![field("n", FieldType::Integer)];
    let summary = s.import(&path, &options);
    assert_eq!(summary.skipped, 2);
    assert!(s.rows(summary.import_id).is_empty());
    assert_eq!(
        places(&s.problems(summary.import_id)),
        [(2, Some("n")), (3, Some("n"))]
    );
}

#[test]
fn a_row_with_bytes_that_are_not_utf8_is_skipped_like_any_other() {
    let mut s = setup();
    // Beyond the sniffed prefix, so the file is still read as UTF-8.
    let mut bytes = b"n,word\n".to_vec();
    for i in 1..=40_000 {
        bytes.extend_from_slice(format!("{i},caf\u{e9}\n").as_bytes());
    }
    bytes.extend_from_slice(b"40001,\xff\xfe\n40002,ok\n");
    let path = s.dir.path().join("utf8.csv");
    std::fs::write(&path, &bytes).unwrap();
    let inspection = inspect(&path, &skip());
    assert_eq!(places(&inspection.problems), [(40_002, Some("word"))]);
    let summary = s.import(&path, &skip());
    assert_eq!(summary.inspection.encoding, import::Encoding::Utf8);
    assert_eq!(summary.skipped, 1);
    assert_eq!(
        s.problems(summary.import_id),
        as_skipped(&inspection.problems)
    );
    let rows = import::rows(&s.ws, summary.import_id, 39_999, 5).unwrap();
    let at: Vec<(u64, u64, &str)> = rows
        .iter()
        .map(|r| (r.row_no, r.line, r.text.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            (40_000, 40_001, "40000,caf\u{e9}"),
            (40_001, 40_003, "40002,ok")
        ]
    );
}

/// Blank lines hold no row; the rows below them keep the lines they are
/// on, in the problems listed and in the rows stored alike.
#[test]
fn rows_below_blank_lines_keep_their_lines() {
    // (file, the ragged row's line, every row's line)
    for (text, ragged, rows) in [
        ("a,b\r\n1,x\r\n\r\n2\r\n3,z\r\n", 4, [2, 4, 5]),
        ("a,b\r\n\r\n1\r\n2,y\r\n3,z\r\n", 3, [3, 4, 5]),
        ("a,b\n1,x\n\n\n2\n3,z\n", 5, [2, 5, 6]),
    ] {
        let mut s = setup();
        let path = s.file("blank.csv", text);
        let inspection = inspect(&path, &ImportOptions::default());
        assert_eq!(places(&inspection.problems), [(ragged, None)], "{text:?}");
        let summary = s.import(&path, &ImportOptions::default());
        assert_eq!(lines(&s.rows(summary.import_id)), rows, "{text:?}");
        // Skipping the ragged row starts a stored chunk right below it.
        let mut s = setup();
        let summary = s.import(&path, &skip());
        let kept: Vec<u64> = rows.into_iter().filter(|l| *l != ragged).collect();
        assert_eq!(lines(&s.rows(summary.import_id)), kept, "{text:?}");
    }
}

/// One data row of a generated file, as the file has it.
#[derive(Clone, Debug)]
struct Row {
    n: u64,
    line: u64,
    text: String,
    cells: Vec<String>,
    /// The date the `when` cell stands for, day first.
    date: &'static str,
}

/// How a row of the generated file is broken.
#[derive(Clone, Copy, PartialEq)]
enum Broken {
    /// Two cells where the header has four.
    Ragged,
    /// `n` is not a whole number.
    BadCell,
}

/// A file of `count` rows `n,label,when,note`, larger than many chunks:
/// some notes span two lines, some are long enough to end a chunk early,
/// lines of bare delimiters (and with `blank_lines`, blank lines) lie
/// between some rows. With
/// `settle_late`, a date far beyond the sniffed prefix makes the `when`
/// column day-first, so the import stores its rows twice.
fn generated(
    count: u64,
    eol: &str,
    settle_late: bool,
    blank_lines: bool,
    broken: &dyn Fn(u64) -> Option<Broken>,
) -> (String, Vec<Row>) {
    let mut text = format!("n,label,when,note{eol}");
    let mut line = 2;
    let mut rows = Vec::new();
    for n in 1..=count {
        let (when, date) = if settle_late && n == count * 3 / 4 {
            ("25/04/2026", "2026-04-25")
        } else {
            ("03/04/2026", "2026-04-03")
        };
        let pad = if n % 40 == 0 { 60_000 } else { 900 };
        let (note, note_cell, note_lines) = if n % 7 == 0 {
            let cell = format!("first {n}{eol}second, with a comma");
            (format!("\"{cell}\""), cell, 2)
        } else {
            let cell = format!("note {n} {}", "x".repeat(pad));
            (cell.clone(), cell, 1)
        };
        let mut cells = vec![
            n.to_string(),
            format!("row {n}"),
            when.to_owned(),
            note_cell,
        ];
        let mut row_text = format!("{n},row {n},{when},{note}");
        let mut row_lines = note_lines;
        match broken(n) {
            Some(Broken::Ragged) => {
                cells.truncate(2);
                row_text = format!("{n},row {n}");
                row_lines = 1;
            }
            Some(Broken::BadCell) => {
                cells[0] = format!("x{n}");
                row_text = format!("x{row_text}");
            }
            None => {}
        }
        text.push_str(&row_text);
        text.push_str(eol);
        rows.push(Row {
            n,
            line,
            text: row_text,
            cells,
            date,
        });
        line += row_lines;
        if blank_lines && n % 11 == 0 {
            text.push_str(eol);
            line += 1;
        }
        if n % 13 == 0 {
            text.push_str(",,,");
            text.push_str(eol);
            line += 1;
        }
    }
    (text, rows)
}

/// Broken rows: the first and the last, neighbours, rows about where a
/// chunk ends, and some in between.
fn broken_rows(n: u64) -> Option<Broken> {
    match n {
        1 | 256 | 700 | 1001 | 1999 => Some(Broken::Ragged),
        2 | 255 | 257 | 258 | 1000 | 1500 | 2000 => Some(Broken::BadCell),
        _ => None,
    }
}

fn generated_options(skip_rows: bool, fixes: Vec<RowFix>) -> ImportOptions {
    let mut n = chosen("n", ColumnRole::Id, FieldType::Integer);
    n.required = true;
    ImportOptions {
        columns: vec![n],
        problem_rows: if skip_rows {
            ProblemRows::Skip
        } else {
            ProblemRows::Keep
        },
        fixes,
        ..ImportOptions::default()
    }
}

/// Checks stored rows against the generated ones they should be, in order.
fn assert_rows_are(stored: &[StoredRow], expected: &[Row]) {
    assert_eq!(stored.len(), expected.len());
    for (i, (got, want)) in stored.iter().zip(expected).enumerate() {
        let n = want.n;
        assert_eq!(got.row_no, i as u64 + 1, "row {n}");
        assert_eq!(got.line, want.line, "row {n}");
        assert_eq!(got.text, want.text, "row {n}");
        assert_eq!(got.cells, want.cells, "row {n}");
        assert_eq!(got.vals, [json!(n), json!(want.date)], "row {n}");
    }
}

fn skipping_in_a_file_of_many_chunks(eol: &str, settle_late: bool) {
    let mut s = setup();
    let (text, all) = generated(2000, eol, settle_late, true, &broken_rows);
    let path = s.file("many.csv", &text);
    let options = generated_options(true, Vec::new());
    let inspection = inspect(&path, &options);
    let broken: Vec<u64> = all
        .iter()
        .filter(|r| broken_rows(r.n).is_some())
        .map(|r| r.line)
        .collect();
    let problem_lines: Vec<u64> = inspection.problems.iter().map(|p| p.line).collect();
    assert_eq!(problem_lines, broken);

    let summary = s.import(&path, &options);
    assert_eq!(summary.skipped, broken.len() as u64);
    assert_eq!(summary.fixed, 0);
    assert_eq!(
        summary.inspection.fields[1].date_order,
        Some(if settle_late {
            import::DateOrder::Dmy
        } else {
            import::DateOrder::Mdy
        })
    );
    assert_eq!(
        s.problems(summary.import_id),
        as_skipped(&inspection.problems)
    );
    let kept: Vec<Row> = all
        .into_iter()
        .filter(|r| broken_rows(r.n).is_none())
        .map(|mut r| {
            if !settle_late {
                // Month first: 03/04 is the 4th of March.
                r.date = "2026-03-04";
            }
            r
        })
        .collect();
    assert_rows_are(&s.rows(summary.import_id), &kept);
    // Pages read from anywhere, across where chunks end, say the same.
    for offset in [0, 250, 251, 252, 253, 254, 255, 990, 1985] {
        let page = import::rows(&s.ws, summary.import_id, offset, 7).unwrap();
        let first = offset as usize;
        let want = &kept[first..(first + 7).min(kept.len())];
        assert_eq!(
            lines(&page),
            want.iter().map(|r| r.line).collect::<Vec<_>>()
        );
        assert_eq!(page[0].row_no, offset + 1);
    }
    assert_eq!(import::list(&s.ws).unwrap()[0].row_count, kept.len() as i64);
}

#[test]
fn skipped_rows_leave_every_other_rows_line_text_and_cells_exact_in_a_file_of_many_chunks() {
    skipping_in_a_file_of_many_chunks("\n", false);
}

#[test]
fn skipped_rows_leave_every_other_row_exact_with_crlf_line_ends_and_a_second_pass() {
    skipping_in_a_file_of_many_chunks("\r\n", true);
}

// ---------------------------------------------------------------------------
// Fixing rows

#[test]
fn a_fixed_row_is_stored_with_its_corrected_cells() {
    let mut s = setup();
    let path = s.file(
        "fix.csv",
        "n,label,when\n1,one,2026-01-01\nx,two,2026-01-02\n3,three,2026-01-03\n",
    );
    let mut options = with_columns(vec![field("n", FieldType::Integer)]);
    let before = inspect(&path, &options);
    assert_eq!(places(&before.problems), [(3, Some("n"))]);

    options.fixes = vec![RowFix {
        line: 3,
        cells: strings(&["2", "two, fixed", "2026-02-02"]),
    }];
    let inspection = inspect(&path, &options);
    assert!(inspection.problems.is_empty());
    let summary = s.import(&path, &options);
    assert_eq!(
        (summary.fixed, summary.skipped, summary.problems),
        (1, 0, 0)
    );
    assert!(s.problems(summary.import_id).is_empty());
    let rows = s.rows(summary.import_id);
    assert_eq!(lines(&rows), [2, 3, 4]);
    assert_eq!(rows[1].cells, ["2", "two, fixed", "2026-02-02"]);
    assert_eq!(rows[1].text, "2,\"two, fixed\",2026-02-02");
    assert_eq!(rows[1].vals, [json!(2), json!("2026-02-02")]);
    assert_eq!(rows[0].text, "1,one,2026-01-01");
    assert_eq!(rows[2].text, "3,three,2026-01-03");
    assert_eq!(rows[2].vals, [json!(3), json!("2026-01-03")]);
    let numbers: Vec<u64> = rows.iter().map(|r| r.row_no).collect();
    assert_eq!(numbers, [1, 2, 3]);
}

#[test]
fn a_fix_makes_a_ragged_row_as_wide_as_the_header() {
    let mut s = setup();
    let path = s.file("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n");
    let options = ImportOptions {
        fixes: vec![
            RowFix {
                line: 3,
                cells: strings(&["4", "5"]),
            },
            RowFix {
                line: 4,
                cells: strings(&["6", "7", "8", "9"]),
            },
        ],
        ..ImportOptions::default()
    };
    assert!(inspect(&path, &options).problems.is_empty());
    let summary = s.import(&path, &options);
    assert_eq!(summary.fixed, 2);
    assert!(s.problems(summary.import_id).is_empty());
    let rows = s.rows(summary.import_id);
    assert_eq!(rows[1].cells, ["4", "5", ""]);
    assert_eq!(rows[2].cells, ["6", "7", "8"]);
    assert_eq!(lines(&rows), [2, 3, 4, 5]);
    assert_eq!(rows[3].text, "10,11,12");
}

#[test]
fn a_fix_whose_cells_still_do_not_fit_is_listed_with_its_problem() {
    let mut s = setup();
    let path = s.file("still.csv", "n,label\n1,one\nx,two\n3,three\n");
    let mut options = with_columns(vec![field("n", FieldType::Integer)]);
    options.fixes = vec![RowFix {
        line: 3,
        cells: strings(&["2.5", "two"]),
    }];
    let (inspection, rows) = import::inspect_with_rows(&path, &options).unwrap();
    assert_eq!(places(&inspection.problems), [(3, Some("n"))]);
    assert!(inspection.problems[0].message.starts_with("\"2.5\" is not"));
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].line, rows[0].fixed), (3, true));
    assert_eq!(rows[0].cells, ["2.5", "two"]);

    let summary = s.import(&path, &options);
    assert_eq!(summary.fixed, 1);
    assert_eq!(s.problems(summary.import_id), inspection.problems);
    let stored = s.rows(summary.import_id);
    assert_eq!(stored[1].cells, ["2.5", "two"]);
    assert_eq!(stored[1].vals, [json!(null)]);

    // Told to skip rows with problems, the fixed row is skipped.
    let mut s = setup();
    options.problem_rows = ProblemRows::Skip;
    let summary = s.import(&path, &options);
    assert_eq!((summary.fixed, summary.skipped), (0, 1));
    assert_eq!(lines(&s.rows(summary.import_id)), [2, 4]);
    assert_eq!(
        s.problems(summary.import_id),
        as_skipped(&inspection.problems)
    );
}

#[test]
fn fixed_and_skipped_rows_in_a_file_of_many_chunks_leave_the_others_exact() {
    let mut s = setup();
    let (text, all) = generated(2000, "\r\n", true, false, &broken_rows);
    let path = s.file("many.csv", &text);
    let fixed_rows = [1u64, 2, 256, 300, 1000, 2000];
    let fix_cells = |n: u64| {
        strings(&[
            &n.to_string(),
            &format!("fixed {n}"),
            "03/04/2026",
            &format!("fixed, \"quoted\" note {n}"),
        ])
    };
    let fixes = fixed_rows
        .iter()
        .map(|&n| RowFix {
            line: all[n as usize - 1].line,
            cells: fix_cells(n),
        })
        .collect();
    let options = generated_options(true, fixes);
    let (inspection, source_rows) = import::inspect_with_rows(&path, &options).unwrap();
    let expected: Vec<Row> = all
        .iter()
        .filter(|r| broken_rows(r.n).is_none() || fixed_rows.contains(&r.n))
        .map(|r| {
            let mut r = r.clone();
            if fixed_rows.contains(&r.n) {
                r.cells = fix_cells(r.n);
                r.text = format!(
                    "{n},fixed {n},03/04/2026,\"fixed, \"\"quoted\"\" note {n}\"",
                    n = r.n
                );
                r.date = "2026-04-03";
            }
            r
        })
        .collect();
    let skipped: Vec<u64> = all
        .iter()
        .filter(|r| broken_rows(r.n).is_some() && !fixed_rows.contains(&r.n))
        .map(|r| r.line)
        .collect();
    let problem_lines: Vec<u64> = inspection.problems.iter().map(|p| p.line).collect();
    assert_eq!(problem_lines, skipped);
    let flagged: Vec<u64> = source_rows
        .iter()
        .filter(|r| r.fixed)
        .map(|r| r.line)
        .collect();
    let fixed_lines: Vec<u64> = fixed_rows
        .iter()
        .map(|&n| all[n as usize - 1].line)
        .collect();
    assert_eq!(flagged, fixed_lines);

    let summary = s.import(&path, &options);
    assert_eq!(summary.fixed, fixed_rows.len() as u64);
    assert_eq!(summary.skipped, skipped.len() as u64);
    assert_eq!(
        s.problems(summary.import_id),
        as_skipped(&inspection.problems)
    );
    assert_rows_are(&s.rows(summary.import_id), &expected);
}

#[test]
fn a_fixed_row_is_written_in_the_files_dialect() {
    let mut s = setup();
    for (name, text, cells, stored) in [
        (
            "semicolon.csv",
            "Nr;Notiz\n1;a\n2;b\n3;c\n",
            ["2", "x; y"],
            "2;\"x; y\"",
        ),
        (
            "tab.tsv",
            "Nr\tNote\n1\ta\n2\tb\n3\tc\n",
            ["2", "x\ty"],
            "2\t\"x\ty\"",
        ),
        (
            "multi.csv",
            "Nr,Note\n1,a\n2\n3,c\n",
            ["2", "two\nlines"],
            "2,\"two\nlines\"",
        ),
    ] {
        let path = s.file(name, text);
        let options = ImportOptions {
            fixes: vec![RowFix {
                line: 3,
                cells: strings(&cells),
            }],
            ..ImportOptions::default()
        };
        let summary = s.import(&path, &options);
        let rows = s.rows(summary.import_id);
        assert_eq!(lines(&rows), [2, 3, 4], "{name}");
        assert_eq!(rows[1].text, stored, "{name}");
        assert_eq!(rows[1].cells, cells, "{name}");
        assert!(s.problems(summary.import_id).is_empty(), "{name}");
    }
}

/// Emptying every cell of a row in the grid removes the row: it is counted
/// as skipped, and every row an import counts as stored can be read back.
#[test]
fn a_fix_that_empties_every_cell_removes_the_row() {
    let mut s = setup();
    let path = s.file("blank.csv", "a,b\n1,x\n2\n3,z\n");
    let options = ImportOptions {
        fixes: vec![RowFix {
            line: 3,
            cells: strings(&["", ""]),
        }],
        ..ImportOptions::default()
    };
    let summary = s.try_import(&path, &options).unwrap();
    assert_eq!((summary.skipped, summary.fixed), (1, 0));
    let stored = import::list(&s.ws).unwrap()[0].row_count;
    assert_eq!(stored, 2);
    let rows = s.rows(summary.import_id);
    let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 4]);
    let numbers: Vec<u64> = rows.iter().map(|r| r.row_no).collect();
    assert_eq!(numbers, [1, 2]);
    let problems = s.problems(summary.import_id);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 3);
    assert!(
        problems[0].message.starts_with("Row removed"),
        "{}",
        problems[0].message
    );
}

// ---------------------------------------------------------------------------
// Rows for the wizard to fix

#[test]
fn inspect_with_rows_returns_the_rows_with_problems_as_wide_as_the_header() {
    let s = setup();
    let path = s.file(
        "wizard.csv",
        "n,label,when\n1,one,2026-01-01\n2\nx,three,2026-01-03\n4,four,2026-01-04,extra\n5,five,\n",
    );
    let options = with_columns(vec![field("n", FieldType::Integer)]);
    let (inspection, rows) = import::inspect_with_rows(&path, &options).unwrap();
    assert_eq!(inspection, inspect(&path, &options));
    let got: Vec<(u64, Vec<String>, bool)> = rows
        .into_iter()
        .map(|r| (r.line, r.cells, r.fixed))
        .collect();
    assert_eq!(
        got,
        [
            (3, strings(&["2", "", ""]), false),
            (4, strings(&["x", "three", "2026-01-03"]), false),
            (5, strings(&["4", "four", "2026-01-04"]), false),
        ]
    );
    // Without choices, the rows with problems are the ragged ones.
    let (plain, rows) = import::inspect_with_rows(&path, &ImportOptions::default()).unwrap();
    assert_eq!(plain, inspect(&path, &ImportOptions::default()));
    let at: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(at, [3, 5]);
}

#[test]
fn inspect_with_rows_flags_fixed_rows_and_returns_at_most_200() {
    let s = setup();
    let mut text = String::from("n,label\n");
    for i in 1..=500 {
        text.push_str(&format!("x{i},row {i}\n"));
    }
    let path = s.file("many.csv", &text);
    let mut options = with_columns(vec![field("n", FieldType::Integer)]);
    options.fixes = vec![RowFix {
        line: 2,
        cells: strings(&["1", "row 1, fixed"]),
    }];
    let (inspection, rows) = import::inspect_with_rows(&path, &options).unwrap();
    assert_eq!(inspection.problems.len(), 499);
    assert_eq!(rows.len(), 200);
    assert!(rows[0].fixed);
    assert_eq!(rows[0].cells, ["1", "row 1, fixed"]);
    assert!(rows[1..].iter().all(|r| !r.fixed));
    let at: Vec<u64> = rows.iter().map(|r| r.line).collect();
    assert_eq!(at, (2..202).collect::<Vec<u64>>());
}

// ---------------------------------------------------------------------------
// Remembering the mapping

const TICKETS: &str = "Ticket,Opened,Owner,Qty\nT1,2026-03-01,Ana,1\nT2,2026-03-02,Bo,2\n";

fn tickets_mapping() -> Vec<ColumnChoice> {
    vec![
        chosen("Opened", ColumnRole::OpenedAt, FieldType::Date),
        chosen("Owner", ColumnRole::Requester, FieldType::Text),
        field("Qty", FieldType::Decimal),
    ]
}

#[test]
fn an_import_with_chosen_columns_remembers_them_for_files_with_the_same_header_row() {
    let mut s = setup();
    let first = s.file("march.csv", TICKETS);
    let summary = s.import(&first, &with_columns(tickets_mapping()));

    let april = s.file("april.csv", "Ticket,Opened,Owner,Qty\nT9,2026-04-01,Cy,3\n");
    let next = inspect(&april, &ImportOptions::default());
    let remembered = import::remembered_columns(&s.ws, &next).unwrap();
    assert_eq!(remembered.as_ref(), Some(&summary.inspection.columns));
    let remembered = remembered.unwrap();
    assert_eq!(remembered.len(), 4, "every column, not only those chosen");
    assert_eq!(remembered[1].role, ColumnRole::OpenedAt);
    assert_eq!(remembered[2].role, ColumnRole::Requester);
    assert_eq!(remembered[3].field_type, FieldType::Decimal);
    // Applied to the next file, it gives the same fields and roles.
    let mapped = inspect(&april, &with_columns(remembered));
    assert_eq!(mapped.roles, summary.inspection.roles);
    // Opened keeps the role inference gave it (and stays a field, as found);
    // Owner became the requester.
    assert_eq!(field_columns(&mapped), ["Ticket", "Opened", "Qty"]);
    assert_eq!(field_columns(&mapped), field_columns(&summary.inspection));
}

#[test]
fn a_file_with_another_header_row_has_no_remembered_mapping() {
    let mut s = setup();
    let first = s.file("march.csv", TICKETS);
    s.import(&first, &with_columns(tickets_mapping()));
    for header in [
        "Ticket,Opened,Owner,Quantity",
        "Ticket,Opened,Owner",
        "Opened,Ticket,Owner,Qty",
    ] {
        let other = s.file("other.csv", format!("{header}\nT9,2026-04-01,Cy,3\n"));
        let inspection = inspect(&other, &ImportOptions::default());
        assert_eq!(
            import::remembered_columns(&s.ws, &inspection).unwrap(),
            None,
            "{header}"
        );
    }
}

#[test]
fn an_import_without_chosen_columns_keeps_the_remembered_mapping() {
    let mut s = setup();
    let first = s.file("march.csv", TICKETS);
    let summary = s.import(&first, &with_columns(tickets_mapping()));
    let april = s.file("april.csv", "Ticket,Opened,Owner,Qty\nT9,2026-04-01,Cy,3\n");
    s.import(&april, &ImportOptions::default());
    let inspection = inspect(&april, &ImportOptions::default());
    assert_eq!(
        import::remembered_columns(&s.ws, &inspection).unwrap(),
        Some(summary.inspection.columns.clone())
    );

    // A later import with other choices replaces it.
    let may = s.file("may.csv", "Ticket,Opened,Owner,Qty\nT10,2026-05-01,Di,4\n");
    let choices = vec![chosen("Owner", ColumnRole::Ignore, FieldType::Text)];
    let later = s.import(&may, &with_columns(choices));
    assert_eq!(
        import::remembered_columns(&s.ws, &inspection).unwrap(),
        Some(later.inspection.columns)
    );
}

#[test]
fn a_remembered_mapping_survives_reopening_the_workspace() {
    let mut s = setup();
    let first = s.file("march.csv", TICKETS);
    let summary = s.import(&first, &with_columns(tickets_mapping()));
    let path = s.ws.path().to_owned();
    let Setup { dir, ws } = s;
    drop(ws);
    let ws = Workspace::open(&path).unwrap();
    let inspection = inspect(&dir.path().join("march.csv"), &ImportOptions::default());
    assert_eq!(
        import::remembered_columns(&ws, &inspection).unwrap(),
        Some(summary.inspection.columns)
    );
}

#[test]
fn nothing_is_remembered_before_an_import_with_choices() {
    let mut s = setup();
    let path = s.file("march.csv", TICKETS);
    let inspection = inspect(&path, &ImportOptions::default());
    assert_eq!(
        import::remembered_columns(&s.ws, &inspection).unwrap(),
        None
    );
    s.import(&path, &ImportOptions::default());
    assert_eq!(
        import::remembered_columns(&s.ws, &inspection).unwrap(),
        None
    );
}

// ---------------------------------------------------------------------------
// All or nothing

#[test]
fn a_cancelled_import_with_fixes_and_skipped_rows_leaves_nothing() {
    let mut s = setup();
    let path = s.file(
        "cancel.csv",
        "Ticket,Opened,Owner,Qty\nT1,2026-03-01,Ana,1\nT2,2026-03-02,Bo,x\nT3,soon,Cy,3\n",
    );
    let mut options = with_columns(tickets_mapping());
    options.problem_rows = ProblemRows::Skip;
    options.fixes = vec![RowFix {
        line: 4,
        cells: strings(&["T3", "2026-03-03", "Cy", "3"]),
    }];
    let cancel = AtomicBool::new(false);
    // Cancelled on the first report, the import gets as far as its last
    // check before committing.
    let result = flows::import_file(
        &mut s.ws,
        &path,
        &options,
        &mut |_| cancel.store(true, Ordering::Relaxed),
        &cancel,
    );
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    assert!(import::list(&s.ws).unwrap().is_empty());
    let inspection = inspect(&path, &ImportOptions::default());
    assert_eq!(
        import::remembered_columns(&s.ws, &inspection).unwrap(),
        None
    );

    // The same import, not cancelled, stores everything.
    let summary = s.import(&path, &options);
    assert_eq!((summary.skipped, summary.fixed), (1, 1));
    assert_eq!(lines(&s.rows(summary.import_id)), [2, 4]);
    assert!(import::remembered_columns(&s.ws, &inspection)
        .unwrap()
        .is_some());
}

/// An ignored column is used for nothing, so a type chosen for it finds no
/// problems and skips no rows.
#[test]
fn nothing_is_asked_of_an_ignored_columns_cells() {
    let mut s = setup();
    let path = s.file("requests.csv", REQUESTS);
    let mut options = with_columns(vec![chosen(
        "Internal note",
        ColumnRole::Ignore,
        FieldType::Integer,
    )]);
    options.problem_rows = ProblemRows::Skip;
    let inspection = inspect(&path, &options);
    assert!(inspection.problems.is_empty(), "{:?}", inspection.problems);
    let summary = s.try_import(&path, &options).unwrap();
    assert_eq!(summary.skipped, 0);
}

/// Choices that name no column of the file are no choice, and nothing is
/// remembered for it.
#[test]
fn choices_naming_no_column_of_the_file_are_not_remembered() {
    let mut s = setup();
    let path = s.file("requests.csv", REQUESTS);
    let options = with_columns(vec![chosen(
        "Not here",
        ColumnRole::Ignore,
        FieldType::Text,
    )]);
    let summary = s.import(&path, &options);
    let remembered = import::remembered_columns(&s.ws, &summary.inspection).unwrap();
    assert_eq!(remembered, None);
}
