//! Files the importer refuses outright, each with the physical line where
//! the trouble starts, and a workspace left exactly as it was.

use std::sync::atomic::AtomicBool;

use pilot_core::flows;
use pilot_core::import::{self, ImportOptions};
use pilot_core::{Error, Workspace};

fn refusal(bytes: &[u8]) -> (&'static str, Option<u64>, String) {
    match import::inspect_bytes("test.csv", bytes, &ImportOptions::default()) {
        Err(e @ Error::ImportRefused { .. }) => {
            let message = e.to_string();
            let Error::ImportRefused { kind, line, .. } = e else {
                unreachable!()
            };
            (kind, line, message)
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn an_unterminated_quote_is_refused_on_the_line_where_it_opens() {
    let (kind, line, message) = refusal(b"a,b\r\n1,2\r\n3,\"open\r\n4,5\r\n6,7\r\n");
    assert_eq!((kind, line), ("unterminated_quote", Some(3)));
    assert!(
        message.contains("test.csv") && message.contains("line 3"),
        "{message}"
    );
}

#[test]
fn a_quote_that_swallows_more_than_a_record_can_hold_is_an_unterminated_quote() {
    let mut text = b"a,b\n1,\"never closed\n".to_vec();
    text.extend(b"x,y\n".repeat(3_000_000));
    let (kind, line, _) = refusal(&text);
    assert_eq!((kind, line), ("unterminated_quote", Some(2)));
}

#[test]
fn an_excel_workbook_renamed_csv_is_refused_as_binary() {
    let (kind, line, message) = refusal(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00");
    assert_eq!((kind, line), ("binary", Some(1)));
    assert!(message.contains("Excel"), "{message}");
}

#[test]
fn binary_bytes_later_in_the_file_are_refused_on_their_line() {
    let mut text = b"a,b\n".to_vec();
    text.extend(b"1,2\n".repeat(100_000));
    text.extend(b"3,\x00\x01\x02\n");
    let (kind, line, _) = refusal(&text);
    assert_eq!((kind, line), ("binary", Some(100_002)));
}

#[test]
fn a_field_over_one_mebibyte_is_refused_with_its_line() {
    let mut text = b"a,b\n1,2\n3,".to_vec();
    text.extend(std::iter::repeat_n(b'x', (1 << 20) + 1));
    text.extend(b"\n");
    let (kind, line, _) = refusal(&text);
    assert_eq!((kind, line), ("field_too_large", Some(3)));
}

#[test]
fn more_than_a_thousand_columns_are_refused_with_the_line() {
    let header: Vec<String> = (0..1001).map(|i| format!("c{i}")).collect();
    let text = format!("{}\n", header.join(","));
    let (kind, line, _) = refusal(text.as_bytes());
    assert_eq!((kind, line), ("too_many_columns", Some(1)));
}

#[test]
fn an_empty_file_is_refused_without_a_line() {
    let (kind, line, _) = refusal(b"");
    assert_eq!((kind, line), ("empty", None));
}

#[test]
fn a_refused_import_leaves_the_workspace_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("broken.csv");
    std::fs::write(&csv, b"a,b\n1,2\n3,\"open\n").unwrap();
    let mut ws = Workspace::create(&dir.path().join("w.pilot")).unwrap();
    let result = flows::import_file(
        &mut ws,
        &csv,
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    );
    assert!(
        matches!(
            result,
            Err(Error::ImportRefused {
                kind: "unterminated_quote",
                ..
            })
        ),
        "{result:?}"
    );
    assert!(import::list(&ws).unwrap().is_empty());
}
