//! Importing into a workspace: rows kept verbatim with their typed values,
//! all-or-nothing, re-imports detected by fingerprint, progress and cancel.

use std::sync::atomic::{AtomicBool, Ordering};

use pilot_core::flows;
use pilot_core::import::{self, ImportOptions, ImportProgress};
use pilot_core::Error;
use serde_json::json;

use pilot_fixtures::Scratch as Setup;

fn setup() -> Setup {
    Setup::new()
}

const GERMAN: &[u8] = b"Nr;Datum;Preis;Dringend;Notiz\r\n1;19.06.2026;1.234,50;Ja;\"a; b\"\r\n2;01.02.2026;5,00;Nein;\r\n";

#[test]
fn rows_are_kept_verbatim_beside_their_typed_values() {
    let mut s = setup();
    let path = s.file("de.csv", GERMAN);
    let summary = s.try_import(&path, &ImportOptions::default()).unwrap();
    let rows = import::rows(&s.ws, summary.import_id, 0, 10).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].text, "1;19.06.2026;1.234,50;Ja;\"a; b\"");
    assert_eq!(rows[0].cells, ["1", "19.06.2026", "1.234,50", "Ja", "a; b"]);
    assert_eq!((rows[0].row_no, rows[0].line), (1, 2));
    // Nr, Datum, Preis and Dringend are typed; the note is text.
    assert_eq!(
        rows[0].vals,
        [json!(1), json!("2026-06-19"), json!(1234.50), json!(true)]
    );
    assert_eq!(
        rows[1].vals,
        [json!(2), json!("2026-02-01"), json!(5.00), json!(false)]
    );
    let columns = import::columns(&s.ws, summary.import_id).unwrap();
    assert_eq!(columns.len(), 5);
}

#[test]
fn a_page_of_rows_can_be_read_from_anywhere_in_a_large_import() {
    let mut s = setup();
    let mut text = String::from("n,label\n");
    for i in 1..=5000 {
        text.push_str(&format!("{i},row {i}\n"));
    }
    let path = s.file("big.csv", text.as_bytes());
    let summary = s.try_import(&path, &ImportOptions::default()).unwrap();
    let rows = import::rows(&s.ws, summary.import_id, 3000, 3).unwrap();
    let numbers: Vec<u64> = rows.iter().map(|r| r.row_no).collect();
    assert_eq!(numbers, [3001, 3002, 3003]);
    assert_eq!(rows[0].cells, ["3001", "row 3001"]);
    assert_eq!(rows[0].line, 3002);
}

#[test]
fn importing_the_same_bytes_again_is_refused_unless_it_is_an_update() {
    let mut s = setup();
    let path = s.file("de.csv", GERMAN);
    let first = s.try_import(&path, &ImportOptions::default()).unwrap();
    let copy = s.file("renamed copy.csv", GERMAN);
    let previous = import::previous_import(&s.ws, &copy).unwrap().unwrap();
    assert_eq!(previous.id, first.import_id);
    match s.try_import(&copy, &ImportOptions::default()) {
        Err(e @ Error::AlreadyImported { .. }) => assert_eq!(e.code(), "already_imported"),
        other => panic!("expected already_imported, got {other:?}"),
    }
    assert_eq!(import::list(&s.ws).unwrap().len(), 1);

    let update = ImportOptions {
        replace_existing: true,
        ..ImportOptions::default()
    };
    let second = s.try_import(&copy, &update).unwrap();
    assert_eq!(second.replaced, Some(first.import_id));
    let imports = import::list(&s.ws).unwrap();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].id, second.import_id);
    assert!(matches!(
        import::rows(&s.ws, first.import_id, 0, 10),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn ragged_rows_are_imported_and_listed_as_problems() {
    let mut s = setup();
    let path = s.file("ragged.csv", b"a,b,c\n1,2,3\n4,5\n6,7,8,9\n");
    let summary = s.try_import(&path, &ImportOptions::default()).unwrap();
    assert_eq!(summary.inspection.rows, 3);
    let problems = import::problems(&s.ws, summary.import_id).unwrap();
    let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 4]);
    let rows = import::rows(&s.ws, summary.import_id, 0, 10).unwrap();
    assert_eq!(rows[2].cells, ["6", "7", "8", "9"]);
}

/// A file whose first 256 KiB only hold dates that read either way, and
/// whose last row settles them as day-first.
fn late_settled_dates() -> Vec<u8> {
    let mut text = String::from("id,when\n");
    for i in 0..30_000 {
        text.push_str(&format!("{i},03/04/2026\n"));
    }
    text.push_str("30000,25/04/2026\n");
    text.into_bytes()
}

#[test]
fn a_value_late_in_a_large_file_settles_the_whole_column_before_rows_are_kept() {
    let mut s = setup();
    let path = s.file("late.csv", late_settled_dates());
    let summary = s.try_import(&path, &ImportOptions::default()).unwrap();
    let when = &summary.inspection.fields[1];
    assert_eq!(when.date_order, Some(import::DateOrder::Dmy));
    let rows = import::rows(&s.ws, summary.import_id, 0, 1).unwrap();
    assert_eq!(rows[0].vals[1], json!("2026-04-03"));
}

#[test]
fn progress_is_reported_and_cancel_leaves_the_workspace_unchanged() {
    let mut s = setup();
    let mut text = String::from("n,label,amount\n");
    for i in 1..=200_000 {
        text.push_str(&format!("{i},row {i},{}.50\n", i % 977));
    }
    let path = s.file("big.csv", text.as_bytes());
    let cancel = AtomicBool::new(false);
    let mut reports: Vec<ImportProgress> = Vec::new();
    let result = flows::import_file(
        &mut s.ws,
        &path,
        &ImportOptions::default(),
        &mut |p| {
            reports.push(p);
            if p.rows > 50_000 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    assert!(reports.len() > 2);
    assert!(reports
        .windows(2)
        .all(|w| w[0].bytes_read <= w[1].bytes_read));
    assert_eq!(reports[0].bytes_total, text.len() as u64);
    assert!(import::list(&s.ws).unwrap().is_empty());

    cancel.store(false, Ordering::Relaxed);
    let summary = flows::import_file(
        &mut s.ws,
        &path,
        &ImportOptions::default(),
        &mut |_| {},
        &cancel,
    )
    .unwrap();
    assert_eq!(summary.inspection.rows, 200_000);
}

/// The encoding is settled while the rows are read: a file that looks like
/// UTF-8 until a byte far beyond the sniffed prefix is read again, and
/// stored, as Windows-1252; a UTF-8 file with one stray byte stays UTF-8.
#[test]
fn an_encoding_shown_only_far_down_the_file_decides_how_it_is_stored() {
    let mut s = setup();
    let mut ansi = b"Name;Ort\r\n".to_vec();
    for i in 0..30_000 {
        ansi.extend_from_slice(format!("Person {i};Berlin\r\n").as_bytes());
    }
    ansi.extend_from_slice(b"J\xFCrgen;K\xF6ln\r\n");
    let path = s.file("late-ansi.csv", &ansi);
    let summary = s.try_import(&path, &ImportOptions::default()).unwrap();
    assert_eq!(summary.inspection.encoding, import::Encoding::Windows1252);
    assert_eq!((summary.stored, summary.problems), (30_001, 0));
    let rows = import::rows(&s.ws, summary.import_id, 30_000, 1).unwrap();
    assert_eq!(rows[0].cells, ["Jürgen", "Köln"]);

    let mut utf8 = "Name;Ort\r\n".as_bytes().to_vec();
    for i in 0..30_000 {
        utf8.extend_from_slice(format!("Zoë {i};Köln\r\n").as_bytes());
    }
    utf8.extend_from_slice(b"Stray;\xFF\r\n");
    let path = s.file("late-stray.csv", &utf8);
    let summary = s.try_import(&path, &ImportOptions::default()).unwrap();
    assert_eq!(summary.inspection.encoding, import::Encoding::Utf8);
    assert_eq!((summary.stored, summary.problems), (30_001, 1));
    let rows = import::rows(&s.ws, summary.import_id, 0, 1).unwrap();
    assert_eq!(rows[0].cells, ["Zoë 0", "Köln"]);
}

#[test]
fn windows_1252_and_utf16_files_import_as_text() {
    let mut s = setup();
    let path = s.file("ansi.csv", b"Name;Ort\r\nJ\xFCrgen;K\xF6ln\r\n");
    let summary = s.try_import(&path, &ImportOptions::default()).unwrap();
    assert_eq!(summary.inspection.encoding, import::Encoding::Windows1252);
    let rows = import::rows(&s.ws, summary.import_id, 0, 1).unwrap();
    assert_eq!(rows[0].cells, ["Jürgen", "Köln"]);

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Name\tCity\r\nZoë\tMálaga\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let path = s.file("unicode.csv", &utf16);
    let summary = s.try_import(&path, &ImportOptions::default()).unwrap();
    assert_eq!(summary.inspection.encoding, import::Encoding::Utf16Le);
    assert_eq!(summary.inspection.delimiter, '\t');
    let rows = import::rows(&s.ws, summary.import_id, 0, 1).unwrap();
    assert_eq!(rows[0].cells, ["Zoë", "Málaga"]);
}
