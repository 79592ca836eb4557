//! Sniffing what Excel, SharePoint and the forms tools write: encodings,
//! delimiters, `sep=` hints, title rows, and user overrides.

use pilot_csv::{self as import, Encoding, FieldType, ImportOptions, Inspection, Source};

fn inspect(bytes: &[u8]) -> Inspection {
    import::inspect_bytes("test.csv", bytes, &ImportOptions::default()).unwrap()
}

#[test]
fn an_excel_sep_line_sets_the_delimiter_and_is_not_the_header() {
    let i = inspect(b"sep=;\r\nName;Amount\r\nAna;1,5\r\nLee;2,25\r\n");
    assert_eq!(i.delimiter, ';');
    assert_eq!(i.header_line, 2);
    assert_eq!(i.fields[1].field_type, FieldType::Decimal);
}

#[test]
fn a_utf8_byte_order_mark_is_reported_and_not_part_of_the_first_title() {
    let i = inspect(b"\xEF\xBB\xBFID,Title\n1,a\n");
    assert_eq!(i.encoding, Encoding::Utf8Bom);
    assert_eq!(i.fields[0].column, "ID");
}

#[test]
fn utf16_big_endian_files_are_read() {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend("a,b\n1,2\n".encode_utf16().flat_map(u16::to_be_bytes));
    let i = inspect(&bytes);
    assert_eq!(i.encoding, Encoding::Utf16Be);
    assert_eq!(i.rows, 1);
}

#[test]
fn tab_separated_exports_are_recognised() {
    let i = inspect(b"Name\tStart\tDone\nAna\t2026-01-02\tYes\nLee\t2026-01-03\tNo\n");
    assert_eq!(i.delimiter, '\t');
    assert_eq!(i.fields[2].field_type, FieldType::YesNo);
}

#[test]
fn overrides_win_over_what_is_sniffed() {
    let options = ImportOptions {
        delimiter: Some(';'),
        header_line: Some(2),
        ..ImportOptions::default()
    };
    let i = import::inspect_bytes("t.csv", b"title\nA;B\n1;2\n", &options).unwrap();
    assert_eq!((i.delimiter, i.header_line, i.rows), (';', 2, 1));
    assert_eq!(i.fields[0].column, "A");
}

#[test]
fn trailing_empty_columns_excel_adds_are_dropped() {
    let i = inspect(b"a,b,,\n1,2,,\n3,4,,\n");
    assert_eq!(i.fields.len(), 2);
    assert!(i.problems.is_empty());
}

#[test]
fn a_table_with_nothing_special_is_a_table() {
    let i = inspect(b"Room,Seats\nA,4\nB,6\n");
    assert_eq!(i.source, Source::Table);
    assert_eq!(i.fields[1].field_type, FieldType::Integer);
}

#[test]
fn json_uses_the_published_snake_case_keys() {
    let i = inspect(b"When,Who\n2026-01-02 10:00,ana@contoso.com\n");
    let json = serde_json::to_value(&i).unwrap();
    assert_eq!(json["header_line"], 1);
    assert_eq!(json["fields"][0]["type"], "datetime");
    assert_eq!(json["fields"][0]["date_order"], "ymd");
    assert_eq!(json["fields"][1]["type"], "email");
    assert!(json["fields"][1].get("choices").is_none());
}
