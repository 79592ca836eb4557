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
use crate::regular::{open_regular, Opened};

/// Where the bytes come from: a file on disk, or bytes already in memory
/// (pasted data, tests, the fuzzer).
#[derive(Clone, Copy)]
pub enum Input<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

impl<'a> Input<'a> {
    /// Opens the file for reading. Only a regular file is read: a pipe
    /// could keep the reader waiting forever and a device never ends.
    pub fn open(&self) -> Result<Box<dyn Read + 'a>> {
        match *self {
            Input::File(path) => match open_regular(path) {
                Ok(file) => Ok(Box::new(file)),
                Err(Opened::Io(e)) => Err(Error::io(path, e)),
                Err(Opened::NotAFile(what)) => Err(refusal::refuse(
                    &path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    ),
                    "not_a_file",
                    None,
                    format!("it is {what}, not a file. Save the data to a file and import that."),
                )),
            },
            Input::Bytes(bytes) => Ok(Box::new(bytes)),
        }
    }

    pub(crate) fn len(&self) -> Result<u64> {
        Ok(self.fingerprint()?.size)
    }

    /// What tells whether a file changed: its size, when it was last
    /// written, and which file the name points to.
    pub fn fingerprint(&self) -> Result<Fingerprint> {
        match *self {
            Input::File(path) => {
                let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
                #[cfg(unix)]
                let inode = {
                    use std::os::unix::fs::MetadataExt;
                    (meta.dev(), meta.ino())
                };
                #[cfg(not(unix))]
                let inode = (0, 0);
                Ok(Fingerprint {
                    size: meta.len(),
                    modified: meta.modified().ok(),
                    inode,
                })
            }
            Input::Bytes(bytes) => Ok(Fingerprint {
                size: bytes.len() as u64,
                modified: None,
                inode: (0, 0),
            }),
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

/// See [`Input::fingerprint`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub modified: Option<std::time::SystemTime>,
    pub inode: (u64, u64),
}

/// How many raw bytes of the file have been read so far; with a tap, the
/// bytes themselves are handed on too (see [`hash_tapped`]), so that what
/// is fingerprinted is exactly what was read.
#[derive(Default)]
pub struct Meter {
    pub bytes: u64,
    tap: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
    tapped: Vec<u8>,
}

/// Bytes gathered before they go to the tap: few sends, little memory.
const TAP_BYTES: usize = 256 * 1024;

impl Meter {
    pub fn tapped(tap: std::sync::mpsc::SyncSender<Vec<u8>>) -> Meter {
        Meter {
            bytes: 0,
            tap: Some(tap),
            tapped: Vec::new(),
        }
    }

    fn take(&mut self, bytes: &[u8]) {
        self.bytes += bytes.len() as u64;
        let Some(tap) = &self.tap else { return };
        self.tapped.extend_from_slice(bytes);
        if self.tapped.len() >= TAP_BYTES || bytes.is_empty() {
            let full = std::mem::replace(&mut self.tapped, Vec::with_capacity(TAP_BYTES));
            // A hasher that is gone has failed; its own result says so.
            let _ = tap.send(full);
        }
    }
}

/// What came through a tap: the SHA-256 of the bytes (hex), how many there
/// were, and, when watched, whether they were all UTF-8.
pub struct Tapped {
    pub sha256: String,
    pub bytes: u64,
    pub utf8: Option<bool>,
}

/// Hashes and counts the bytes that come through `bytes` until every sender
/// is gone; with `watch_utf8` it also checks that they are UTF-8 (see
/// [`encoding::Utf8Watch`]), on this thread, which has time to spare.
pub fn hash_tapped(bytes: std::sync::mpsc::Receiver<Vec<u8>>, watch_utf8: bool) -> Tapped {
    use sha2::{Digest, Sha256};
    let mut sha = Sha256::new();
    let mut count = 0u64;
    let mut watch = watch_utf8.then(encoding::Utf8Watch::default);
    for buffer in bytes {
        count += buffer.len() as u64;
        sha.update(&buffer);
        if let Some(watch) = watch.as_mut() {
            watch.feed(&buffer);
        }
    }
    Tapped {
        sha256: sha.finalize().iter().map(|b| format!("{b:02x}")).collect(),
        bytes: count,
        utf8: watch.map(|w| w.all_utf8()),
    }
}

struct Metered<'a> {
    inner: Box<dyn Read + 'a>,
    meter: Rc<RefCell<Meter>>,
}

impl Read for Metered<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        // An empty read of a non-empty buffer is the end: what the tap
        // gathered goes on then.
        if !buf.is_empty() {
            self.meter.borrow_mut().take(&buf[..n]);
        }
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
    /// Stream offset where the record being read starts: after the line
    /// ends and blank lines that come before it, which belong to no row.
    record_from: u64,
    /// Whether only line ends have come since the last record ended, so
    /// that `record_from` moves on with them.
    between_records: bool,
    total: u64,
    limit: u64,
    eof: bool,
}

/// The cap on one record is for rows; what is kept for a stored chunk
/// (several rows and the blank lines between them) may take this many
/// times as much.
const KEPT_PER_RECORD_CAP: u64 = 4;

#[derive(Debug)]
struct RecordTooLong {
    /// Blank lines between rows, not one row, ran over the cap.
    blank: bool,
}

impl std::fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("record too long")
    }
}

impl std::error::Error for RecordTooLong {}

impl Read for Retaining<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.total - self.record_from > self.limit {
            return Err(io::Error::other(RecordTooLong { blank: false }));
        }
        if self.total - self.needed_from > self.limit * KEPT_PER_RECORD_CAP {
            return Err(io::Error::other(RecordTooLong { blank: true }));
        }
        let n = self.inner.read(buf)?;
        if self.between_records {
            match buf[..n].iter().position(|b| !matches!(b, b'\r' | b'\n')) {
                Some(i) => {
                    self.record_from = self.total + i as u64;
                    self.between_records = false;
                }
                None => self.record_from = self.total + n as u64,
            }
        }
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

    /// The record before `end` is complete: the next one starts after the
    /// line ends that follow it.
    fn record_ended(&mut self, end: u64) {
        let ahead = self.since(end);
        match ahead.iter().position(|b| !matches!(b, b'\r' | b'\n')) {
            Some(i) => {
                self.record_from = end + i as u64;
                self.between_records = false;
            }
            None => {
                self.record_from = self.total;
                self.between_records = true;
            }
        }
    }
}

/// CSV records of one file, each with the physical line it starts on.
pub struct Records<'a> {
    csv: csv::Reader<Retaining<'a>>,
    record: csv::ByteRecord,
    file: String,
    delimiter: u8,
    limits: Limits,
    /// Stream offset and line of the current record.
    start: u64,
    line: u64,
    /// Line ends counted up to this offset (a record start), and whether
    /// the file's lines end with a CR alone (see `refusal::line_ends`).
    counted_to: u64,
    line_ends: u64,
    cr_only: Option<bool>,
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
            record_from: 0,
            between_records: true,
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
            counted_to: 0,
            line_ends: 0,
            cr_only: None,
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
            // The `csv` crate starts a record at the line end before it (the
            // LF of a CRLF, or blank lines it skipped); the record really
            // starts after them.
            let ends = self.csv.get_ref().since(pos.byte());
            let skipped = ends.iter().take_while(|b| matches!(b, b'\r' | b'\n'));
            self.start = pos.byte() + skipped.count() as u64;
            // Lines are counted here rather than taken from the `csv`
            // crate, which counts LFs only: a file whose lines end with a
            // CR alone would be all on line 1.
            let between = self.csv.get_ref().since(self.counted_to);
            let between = &between[..((self.start - self.counted_to) as usize).min(between.len())];
            self.line_ends += refusal::line_ends(between, &mut self.cr_only);
            self.counted_to = self.start;
            self.line = self.line_ends + 1;
        }
        let end = self.csv.position().byte();
        self.csv.get_mut().record_ended(end);
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
            if let Some(too_long) = io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<RecordTooLong>())
            {
                if too_long.blank {
                    return refusal::refuse(
                        &self.file,
                        "record_too_large",
                        Some(self.line + 1),
                        format!(
                            "more than {} MiB of empty lines follow this row.",
                            (self.limits.max_record_bytes as u64 * KEPT_PER_RECORD_CAP) >> 20
                        ),
                    );
                }
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
