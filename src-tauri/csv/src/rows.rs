//! The data rows below the header: preamble and blank rows skipped, cells
//! read as text, and rows of the wrong width reported as problems.

use std::borrow::Cow;

use super::inspection::Problem;
use super::reader::Records;
use crate::error::Result;

pub struct DataRows<'a> {
    records: Records<'a>,
    /// Records before the first data row: preamble and the header.
    skip: usize,
    seen: usize,
    /// How many columns the header names.
    pub width: usize,
    /// Data rows so far.
    pub count: u64,
    /// The current row's cells as text, and which of them had bytes that
    /// are not UTF-8.
    cells: csv::StringRecord,
    bad_utf8: Vec<usize>,
    /// Records handed back after use (see [`DataRows::recycle`]).
    spare: Vec<csv::StringRecord>,
}

impl<'a> DataRows<'a> {
    pub fn new(records: Records<'a>, skip: usize, width: usize) -> Self {
        DataRows {
            records,
            skip,
            seen: 0,
            width,
            count: 0,
            cells: csv::StringRecord::new(),
            bad_utf8: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// Advances to the next data row and returns the line it starts on.
    // Not an `Iterator`: it fails with a `Result` and the row stays in
    // `self`, lent out by `record()` until the next call.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<u64>> {
        self.records
            .put_record(std::mem::take(&mut self.cells).into_byte_record());
        while self.records.advance()? {
            self.seen += 1;
            if self.seen <= self.skip {
                continue;
            }
            // Spreadsheets export empty rows as a line of delimiters; they
            // hold nothing to import.
            if self
                .records
                .record()
                .as_slice()
                .iter()
                .all(u8::is_ascii_whitespace)
            {
                continue;
            }
            self.count += 1;
            self.bad_utf8.clear();
            // Validating the whole record at once is the fast path; only a
            // record with bad bytes is looked at field by field.
            self.cells = match csv::StringRecord::from_byte_record(self.records.take_record()) {
                Ok(cells) => cells,
                Err(e) => {
                    let bytes = e.into_byte_record();
                    self.bad_utf8.extend(
                        (0..bytes.len()).filter(|i| std::str::from_utf8(&bytes[*i]).is_err()),
                    );
                    csv::StringRecord::from_byte_record_lossy(bytes)
                }
            };
            return Ok(Some(self.records.line()));
        }
        Ok(None)
    }

    /// The current row's cells; bytes that were not UTF-8 read as U+FFFD.
    pub fn record(&self) -> &csv::StringRecord {
        &self.cells
    }

    /// Moves the current row's cells out, for another thread to read; a
    /// spare record takes their place, so that buffers are reused rather
    /// than allocated for every row.
    pub fn take_record(&mut self) -> csv::StringRecord {
        let spare = self.spare.pop().unwrap_or_default();
        std::mem::replace(&mut self.cells, spare)
    }

    /// Hands records taken with [`DataRows::take_record`] back for reuse.
    pub fn recycle(&mut self, records: impl IntoIterator<Item = csv::StringRecord>) {
        self.spare.extend(records);
    }

    /// The columns of the current row whose bytes were not UTF-8.
    pub fn bad_utf8(&self) -> &[usize] {
        &self.bad_utf8
    }

    /// See [`Records::hold_from`].
    pub fn hold_from(&mut self, offset: Option<u64>) {
        self.records.hold_from(offset);
    }

    /// See [`Records::text_since`].
    pub fn text_since(&self, offset: u64) -> &[u8] {
        self.records.text_since(offset)
    }

    pub fn start(&self) -> u64 {
        self.records.start()
    }

    /// The problem with the current row's width, if it has one. Extra cells
    /// that are empty are what Excel writes for trailing empty columns and
    /// are no problem.
    pub fn shape_problem(&self, line: u64) -> Option<Problem> {
        let record = self.record();
        let cells = record.len();
        let message = if cells < self.width {
            format!(
                "this row has {cells} cells where the header has {}; the missing cells are left empty.",
                self.width
            )
        } else if record.iter().skip(self.width).any(|f| !f.trim().is_empty()) {
            format!(
                "this row has {cells} cells where the header has {}; the extra cells are kept with the row but belong to no column.",
                self.width
            )
        } else {
            return None;
        };
        Some(Problem {
            line,
            column: None,
            message,
        })
    }
}

/// A cell as text; bytes that are not UTF-8 (possible only in a file
/// sniffed as UTF-8) become U+FFFD and make the cell `Cow::Owned`.
pub fn text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// A cell without surrounding white space; most cells have none, and
/// checking the two ends first is much cheaper than a Unicode trim.
pub(crate) fn trim(cell: &str) -> &str {
    let bytes = cell.as_bytes();
    let solid = |b: Option<&u8>| b.is_some_and(|b| *b > b' ' && b.is_ascii());
    if solid(bytes.first()) && solid(bytes.last()) {
        cell
    } else {
        cell.trim()
    }
}

/// The problem for a cell whose bytes were not valid UTF-8.
pub(crate) fn encoding_problem(line: u64, column: &str) -> Problem {
    Problem {
        line,
        column: Some(column.to_owned()),
        message: "this cell has bytes that are not valid UTF-8; they are shown as \u{fffd}.".into(),
    }
}
