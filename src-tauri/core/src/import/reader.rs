//! The record stream: raw bytes → decoded UTF-8 → CSV records, with every
//! refusal checked on the way. Memory stays bounded whatever the file size:
//! only the current record and one read buffer are held.

use std::cell::RefCell;
use std::io::{self, Read};
use std::path::Path;
use std::rc::Rc;

use super::encoding::{self, Encoding};
use super::refusal::{self, Limits};
use crate::error::{Error, Result};

/// Where the bytes come from: a file on disk, or bytes already in memory
/// (pasted data, tests, the fuzzer).
#[derive(Clone, Copy)]
pub(crate) enum Input<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

impl<'a> Input<'a> {
    pub fn open(&self) -> Result<Box<dyn Read + 'a>> {
        match *self {
            Input::File(path) => {
                let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
                Ok(Box::new(file))
            }
            Input::Bytes(bytes) => Ok(Box::new(bytes)),
        }
    }

    pub fn len(&self) -> Result<u64> {
        match *self {
            Input::File(path) => Ok(std::fs::metadata(path)
                .map_err(|e| Error::io(path, e))?
                .len()),
            Input::Bytes(bytes) => Ok(bytes.len() as u64),
        }
    }

    /// Reads at most `limit` bytes from the start, for sniffing.
    pub fn prefix(&self, limit: usize) -> Result<Vec<u8>> {
        let mut prefix = Vec::with_capacity(limit.min(1 << 20));
        self.open()?
            .take(limit as u64)
            .read_to_end(&mut prefix)
            .map_err(|e| self.io_error(e))?;
        Ok(prefix)
    }

    /// The SHA-256 of the bytes, in hex: how an import recognises a file
    /// it has seen before, whatever its name.
    pub fn sha256(&self) -> Result<String> {
        use sha2::{Digest, Sha256};
        let mut reader = self.open()?;
        let mut sha = Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = reader.read(&mut buf).map_err(|e| self.io_error(e))?;
            if n == 0 {
                break;
            }
            sha.update(&buf[..n]);
        }
        Ok(sha.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }

    pub fn io_error(&self, e: io::Error) -> Error {
        match *self {
            Input::File(path) => Error::io(path, e),
            Input::Bytes(_) => Error::io("(data)", e),
        }
    }
}

/// How many raw bytes of the file have been read so far.
#[derive(Default)]
pub(crate) struct Meter {
    pub bytes: u64,
}

struct Metered<'a> {
    inner: Box<dyn Read + 'a>,
    meter: Rc<RefCell<Meter>>,
}

impl Read for Metered<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.meter.borrow_mut().bytes += n as u64;
        Ok(n)
    }
}

/// Keeps the decoded text from the start of the previous record onward, so
/// that the quoting of the last record can be checked: the `csv` crate ends
/// a quoted field silently at the end of the input, which would swallow the
/// rest of a file with a stray quote. It also caps how long a record can get.
struct Retaining<'a> {
    inner: Box<dyn Read + 'a>,
    kept: Vec<u8>,
    /// Stream offset of `kept[0]`.
    kept_from: u64,
    /// Stream offset of the earliest byte still needed.
    needed_from: u64,
    total: u64,
    limit: u64,
    eof: bool,
}

#[derive(Debug)]
struct RecordTooLong;

impl std::fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("record too long")
    }
}

impl std::error::Error for RecordTooLong {}

impl Read for Retaining<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.total - self.needed_from > self.limit {
            return Err(io::Error::other(RecordTooLong));
        }
        let n = self.inner.read(buf)?;
        self.eof |= n == 0 && !buf.is_empty();
        let unneeded = (self.needed_from - self.kept_from) as usize;
        // Dropping only when at least half is stale keeps the copying linear.
        if unneeded > 0 && unneeded * 2 >= self.kept.len() {
            self.kept.drain(..unneeded);
            self.kept_from = self.needed_from;
        }
        self.kept.extend_from_slice(&buf[..n]);
        self.total += n as u64;
        Ok(n)
    }
}

impl Retaining<'_> {
    fn since(&self, offset: u64) -> &[u8] {
        let start = offset.saturating_sub(self.kept_from) as usize;
        &self.kept[start.min(self.kept.len())..]
    }
}

/// CSV records of one file, each with the physical line it starts on.
pub(crate) struct Records<'a> {
    csv: csv::Reader<Retaining<'a>>,
    record: csv::ByteRecord,
    file: String,
    delimiter: u8,
    limits: Limits,
    /// Stream offset and line of the current record.
    start: u64,
    line: u64,
    /// Keep the text from this offset on, for [`Records::text_since`].
    hold: Option<u64>,
}

impl<'a> Records<'a> {
    pub fn open(
        input: Input<'a>,
        file: &str,
        encoding: Encoding,
        delimiter: u8,
        limits: Limits,
        meter: Rc<RefCell<Meter>>,
    ) -> Result<Records<'a>> {
        let mut raw: Box<dyn Read + 'a> = Box::new(Metered {
            inner: input.open()?,
            meter,
        });
        let prefix = input.prefix(4)?;
        let bom = encoding.bom_len(&prefix);
        io::copy(&mut (&mut raw).take(bom as u64), &mut io::sink())
            .map_err(|e| input.io_error(e))?;
        let decoded = encoding::utf8_reader(raw, encoding);
        let retaining = Retaining {
            inner: decoded,
            kept: Vec::new(),
            kept_from: 0,
            needed_from: 0,
            total: 0,
            limit: limits.max_record_bytes as u64,
            eof: false,
        };
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(256 * 1024)
            .from_reader(retaining);
        Ok(Records {
            csv,
            record: csv::ByteRecord::new(),
            file: file.to_owned(),
            delimiter,
            limits,
            start: 0,
            line: 0,
            hold: None,
        })
    }

    /// Advances to the next record; false at the end of the file.
    pub fn advance(&mut self) -> Result<bool> {
        match self.csv.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => {
                self.check_quoting_at_end()?;
                return Ok(false);
            }
            Err(e) => return Err(self.failure(e)),
        }
        if let Some(pos) = self.record.position() {
            self.start = pos.byte();
            self.line = pos.line();
            // The `csv` crate starts a record at the line end before it (the
            // LF of a CRLF, or blank lines it skipped), still on the previous
            // line; the record really starts after them.
            let ends = self.csv.get_ref().since(self.start);
            let skipped = ends.iter().take_while(|b| matches!(b, b'\r' | b'\n'));
            let (bytes, lines) =
                skipped.fold((0, 0), |(n, l), b| (n + 1, l + u64::from(*b == b'\n')));
            self.start += bytes;
            self.line += lines;
        }
        self.csv.get_mut().needed_from = self.hold.unwrap_or(self.start).min(self.start);
        if self.record.len() > self.limits.max_columns {
            return Err(refusal::refuse(
                &self.file,
                "too_many_columns",
                Some(self.line),
                format!(
                    "this row has {} columns; at most {} are accepted.",
                    self.record.len(),
                    self.limits.max_columns
                ),
            ));
        }
        let all = self.record.as_slice();
        if all.len() > self.limits.max_field_bytes {
            if let Some(index) = self
                .record
                .iter()
                .position(|f| f.len() > self.limits.max_field_bytes)
            {
                if self.csv.get_ref().eof {
                    self.check_quoting_at_end()?;
                }
                return Err(refusal::refuse(
                    &self.file,
                    "field_too_large",
                    Some(self.line),
                    format!(
                        "column {} holds more than {} MiB; cells are capped at that size.",
                        index + 1,
                        self.limits.max_field_bytes >> 20
                    ),
                ));
            }
        }
        if memchr::memchr(0, all).is_some() {
            return Err(refusal::refuse(
                &self.file,
                "binary",
                Some(self.line),
                "this row holds binary data (NUL bytes), not CSV text.".into(),
            ));
        }
        Ok(true)
    }

    pub fn record(&self) -> &csv::ByteRecord {
        &self.record
    }

    /// Moves the current record out, to be read as text without a copy;
    /// [`Records::put_record`] hands its buffer back for the next one.
    pub fn take_record(&mut self) -> csv::ByteRecord {
        std::mem::take(&mut self.record)
    }

    pub fn put_record(&mut self, record: csv::ByteRecord) {
        self.record = record;
    }

    /// Where the current record starts in the decoded text.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// Keeps the text from `offset` (a record start) until released, so
    /// that several records can be taken verbatim at once.
    pub fn hold_from(&mut self, offset: Option<u64>) {
        self.hold = offset;
        self.csv.get_mut().needed_from = offset.unwrap_or(self.start).min(self.start);
    }

    /// The text from `offset` (a held record start) to the end of the
    /// current record, exactly as the file has it (decoded to UTF-8),
    /// without the last line end.
    pub fn text_since(&self, offset: u64) -> &[u8] {
        let end = self.csv.position().byte();
        let text = self.csv.get_ref().since(offset);
        let mut raw = &text[..(end.saturating_sub(offset) as usize).min(text.len())];
        while let [rest @ .., b'\n' | b'\r'] = raw {
            raw = rest;
        }
        raw
    }

    /// The physical line the current record starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The line of a quote that opened a cell at or after the current record
    /// and is still open at the end of what has been read.
    fn open_quote_line(&self) -> Option<u64> {
        let text = self.csv.get_ref().since(self.start);
        refusal::unclosed_quote(text, self.delimiter)
            .map(|at| self.line.max(1) + refusal::line_at(text, at) - 1)
    }

    /// Refuses the file if, at its end, a quoted cell is still open.
    fn check_quoting_at_end(&self) -> Result<()> {
        match self.open_quote_line() {
            Some(line) => Err(refusal::refuse(
                &self.file,
                "unterminated_quote",
                Some(line),
                "a quoted cell starts here and its closing quote never comes.".into(),
            )),
            None => Ok(()),
        }
    }

    fn failure(&self, e: csv::Error) -> Error {
        if let csv::ErrorKind::Io(io) = e.kind() {
            if io
                .get_ref()
                .is_some_and(|inner| inner.is::<RecordTooLong>())
            {
                if let Some(line) = self.open_quote_line() {
                    return refusal::refuse(
                        &self.file,
                        "unterminated_quote",
                        Some(line),
                        format!(
                            "a quoted cell starts here and runs for more than {} MiB without its closing quote.",
                            self.limits.max_record_bytes >> 20
                        ),
                    );
                }
                return refusal::refuse(
                    &self.file,
                    "record_too_large",
                    Some(self.line + 1),
                    format!(
                        "a row runs for more than {} MiB.",
                        self.limits.max_record_bytes >> 20
                    ),
                );
            }
        }
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::io(&self.file, io),
            other => refusal::refuse(
                &self.file,
                "unreadable",
                Some(self.line),
                format!("{other:?}"),
            ),
        }
    }
}
