//! What makes a file unimportable, found before anything is written: binary
//! content, an unterminated quote, a field or a row over its cap, too many
//! columns. Each refusal names the physical line where the trouble starts.

use crate::error::Error;

/// Caps that protect memory and the user from files that are not tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_field_bytes: usize,
    pub max_columns: usize,
    /// A whole record (row), including quoting; a row this long is almost
    /// always an unterminated quote that swallowed the rest of the file.
    pub max_record_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_field_bytes: 1 << 20,
            max_columns: 1000,
            max_record_bytes: 8 << 20,
        }
    }
}

pub fn refuse(file: &str, kind: &'static str, line: Option<u64>, what: String) -> Error {
    let message = match line {
        Some(line) => format!("line {line}: {what}"),
        None => what,
    };
    Error::ImportRefused {
        file: file.to_owned(),
        kind,
        line,
        message,
    }
}

/// Refuses files that are not text: an Excel workbook, a PDF or an image
/// renamed `.csv`, or text with NUL bytes in it. `prefix` is raw bytes in an
/// 8-bit or UTF-8 encoding.
pub(crate) fn check_text(file: &str, prefix: &[u8]) -> Result<(), Error> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "an Excel workbook or another ZIP archive"),
        (b"\xD0\xCF\x11\xE0", "an old-style Excel workbook (.xls)"),
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"SQLite format 3\0", "a database file"),
    ];
    for (magic, what) in MAGIC {
        if prefix.starts_with(magic) {
            return Err(refuse(
                file,
                "binary",
                Some(1),
                format!("this is {what}, not a CSV text file. Save it as CSV first."),
            ));
        }
    }
    // Text never holds NUL bytes, and only a few other control characters.
    let control = |b: &u8| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A);
    let first = prefix.iter().position(|b| *b == 0).or_else(|| {
        let count = prefix.iter().filter(|b| control(b)).count();
        (count * 100 > prefix.len().max(1)).then(|| prefix.iter().position(control).unwrap_or(0))
    });
    match first {
        Some(at) => Err(refuse(
            file,
            "binary",
            Some(line_at(prefix, at)),
            "the file holds binary data, not CSV text.".into(),
        )),
        None => Ok(()),
    }
}

/// The 1-based line of byte `at`, counting from the start of `bytes`.
pub(crate) fn line_at(bytes: &[u8], at: usize) -> u64 {
    line_ends(&bytes[..at.min(bytes.len())], &mut None) + 1
}

/// How many lines end in `bytes`. LF and CRLF end a line; a CR alone does
/// too in a file whose lines end that way (old Mac Excel), which the first
/// line end decides and `cr_only` remembers across calls. A stretch must
/// not end between the CR and the LF of one line end.
pub(crate) fn line_ends(bytes: &[u8], cr_only: &mut Option<bool>) -> u64 {
    if cr_only.is_none() {
        if let Some(i) = memchr::memchr2(b'\r', b'\n', bytes) {
            *cr_only = Some(bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        }
    }
    match cr_only {
        Some(true) => memchr::memchr2_iter(b'\r', b'\n', bytes)
            .filter(|&i| !(bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r'))
            .count() as u64,
        _ => memchr::memchr_iter(b'\n', bytes).count() as u64,
    }
}

/// Where quoting stands at the end of some CSV text that starts at a record
/// boundary: the offset of a quote that opened a field and was never
/// closed, if any.
///
/// The rules are those of the `csv` crate: a quote opens quoting only at the
/// start of a field, two quotes inside a quoted field stand for one, and a
/// quote elsewhere is an ordinary character.
pub(crate) fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<usize> {
    let mut at = 0;
    let mut field_start = true;
    while at < text.len() {
        let b = text[at];
        if field_start && b == b'"' {
            let open = at;
            at += 1;
            loop {
                match memchr::memchr(b'"', &text[at..]) {
                    None => return Some(open),
                    Some(i) if text.get(at + i + 1) == Some(&b'"') => at += i + 2,
                    Some(i) => {
                        at += i + 1;
                        break;
                    }
                }
            }
            field_start = false;
            continue;
        }
        field_start = b == delimiter || b == b'\n' || b == b'\r';
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_left_open_is_found_where_it_opens() {
        let text = b"a,b\nc,\"open\nd,e\n";
        assert_eq!(unclosed_quote(text, b','), Some(6));
        assert_eq!(line_at(text, 6), 2);
    }

    #[test]
    fn lines_end_at_a_lone_cr_only_in_a_file_whose_lines_end_so() {
        assert_eq!(line_at(b"a\rb\rc", 4), 3);
        assert_eq!(line_at(b"a\r\nb\r\nc", 6), 3);
        assert_eq!(line_at(b"a\nb \r c\nd", 10), 3);
    }

    #[test]
    fn closed_and_doubled_quotes_are_fine() {
        assert_eq!(
            unclosed_quote(b"a,\"say \"\"hi\"\"\"\n\"x,y\",z", b','),
            None
        );
    }

    #[test]
    fn quotes_inside_unquoted_fields_are_ordinary_characters() {
        assert_eq!(unclosed_quote(b"5\" pipe,ok\n", b','), None);
    }

    #[test]
    fn workbooks_renamed_csv_are_refused() {
        let err = check_text("x.csv", b"PK\x03\x04\x14\0\0\0").unwrap_err();
        assert_eq!(err.code(), "import_refused");
        assert!(err.to_string().contains("Excel"), "{err}");
    }

    #[test]
    fn nul_bytes_are_refused_on_their_line() {
        match check_text("x.csv", b"a,b\nc,d\n\0\0") {
            Err(Error::ImportRefused { kind, line, .. }) => {
                assert_eq!((kind, line), ("binary", Some(3)));
            }
            other => panic!("{other:?}"),
        }
    }
}
