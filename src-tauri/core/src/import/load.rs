//! Storing a file in a workspace, inside one transaction, so that a
//! refusal, an error, a cancel or a killed process leaves the workspace
//! exactly as it was.
//!
//! Rows are typed while they are read, with the column plans the sniffed
//! prefix suggests, and the statistics of every cell are gathered at the
//! same time. When the whole file confirms those plans (the usual case, and
//! always for a file that fits in the prefix) one pass was enough. When it
//! does not — a `25/04/2026` late in the file settles a date order the
//! prefix left open — the stored rows are rolled back to a savepoint and
//! written again with the final plans.
//!
//! The encoding is settled in the same read: a file whose prefix looked
//! like UTF-8 is watched for bytes that are not (see `reader::hash_tapped`),
//! and only a file that has some is read again to settle its encoding;
//! when that is another one, its rows are written again in it.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::AtomicBool;

use rusqlite::Connection;

use pilot_csv::analysis::{self, push_listed, Analysis, Inference, Sniffed};
use pilot_csv::checks::{self, Fixes};
use pilot_csv::encoding::Encoding;
use pilot_csv::infer::ColumnPlan;
use pilot_csv::progress::Progress;
use pilot_csv::reader::{self, Input, Meter};
use pilot_csv::{rows, typed};
use pilot_csv::{ImportOptions, ImportProgress, Problem, ProblemRows};

use super::{ImportHooks, ImportSummary};
use crate::error::{Error, Result};
use crate::storage::imports::{self, NewImport, RowWriter};
use crate::storage::mappings;
use crate::workspace::Workspace;

pub(crate) fn import(
    ws: &mut Workspace,
    input: Input,
    file: &str,
    options: &ImportOptions,
    report: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
    hooks: &mut dyn ImportHooks,
) -> Result<ImportSummary> {
    // Taken before the first byte is read: a file written to, truncated or
    // replaced while it is imported is told apart from the one sniffed.
    let before = input.fingerprint()?;
    let mut sniffed = analysis::sniff(input, file, options)?;
    let mut progress = Progress::new(report, cancel, sniffed.size);
    let reading = Reading {
        input,
        file,
        before,
    };
    imports::tune_for_bulk(ws.conn())?;
    ws.write(|tx| {
        let import_id = imports::insert(
            tx,
            &NewImport {
                file_name: file,
                file_size: sniffed.size,
                encoding: sniffed.encoding.label(),
                delimiter: &char::from(sniffed.delimiter).to_string(),
                header_line: sniffed.header_line,
                imported_at: &chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            },
        )?;
        imports::begin_rows(tx)?;
        let mut stored = store_rows(tx, import_id, &sniffed, options, reading, &mut progress)?;
        // Bytes that are not UTF-8 in a file sniffed as UTF-8: the whole
        // file decides its encoding, and another one means reading it
        // again in that one.
        if stored.pass.utf8 == Some(false) {
            if let Some(again) = analysis::resniff(input, file, options)? {
                imports::redo_rows(tx)?;
                progress.done_before += sniffed.size;
                progress.total += sniffed.size;
                let first = stored.pass.sha256.take();
                sniffed = again;
                stored = store_rows(tx, import_id, &sniffed, options, reading, &mut progress)?;
                // Both reads must have seen the same bytes.
                if stored.pass.sha256 != first {
                    return Err(changed(file));
                }
            }
        }
        let Stored {
            pass,
            analysis,
            user_chose,
        } = stored;
        imports::keep_rows(tx)?;
        let sha256 = pass.sha256.unwrap_or_default();
        // Checked inside the transaction, so two imports of the same file
        // cannot both pass the check.
        // An update names the import it replaces (a newer export of the
        // same source has other bytes); otherwise the same bytes imported
        // before are the earlier import, replaced only when asked.
        let same = imports::find_by_sha256(tx, &sha256)?;
        let replaced = match (hooks.updates(), same) {
            (Some(earlier), Some(other)) if other.id != earlier => {
                return Err(Error::AlreadyImported {
                    file: file.to_owned(),
                    earlier_file: other.file_name,
                    import_id: other.id,
                    imported_at: readable_time(&other.imported_at),
                });
            }
            (Some(earlier), _) => {
                hooks.before(tx, earlier)?;
                imports::delete(tx, earlier)?;
                Some(earlier)
            }
            (None, Some(earlier)) if !options.replace_existing => {
                return Err(Error::AlreadyImported {
                    file: file.to_owned(),
                    earlier_file: earlier.file_name,
                    import_id: earlier.id,
                    imported_at: readable_time(&earlier.imported_at),
                });
            }
            (None, Some(earlier)) => {
                hooks.before(tx, earlier.id)?;
                imports::delete(tx, earlier.id)?;
                Some(earlier.id)
            }
            (None, None) => None,
        };
        let mut inspection = analysis.inspection;
        inspection.problems = pass.listed;
        imports::finish(
            tx,
            import_id,
            &imports::Finished {
                sha256: &sha256,
                encoding: sniffed.encoding.label(),
                delimiter: &char::from(sniffed.delimiter).to_string(),
                header_line: sniffed.header_line,
                source: inspection.source.label(),
                columns_json: &serde_json::to_string(&analysis.columns).map_err(json_error)?,
                inspection_json: &serde_json::to_string(&inspection).map_err(json_error)?,
                rows: pass.rows,
                problems: pass.problems,
            },
        )?;
        // Remembered only when the user's choices name a column of this
        // file (a form definition's columns take none).
        if user_chose {
            let columns = serde_json::to_string(&inspection.columns).map_err(json_error)?;
            let source = inspection.source.label();
            mappings::remember(tx, &source, &sniffed.titles, &columns)?;
        }
        if let Some(earlier) = replaced {
            hooks.after(tx, earlier, import_id)?;
        }
        hooks.stored(tx, import_id)?;
        // The last chance to cancel: after this the transaction commits.
        progress.check(sniffed.size)?;
        Ok(ImportSummary {
            import_id,
            replaced,
            problems: pass.problems,
            stored: pass.rows,
            skipped: pass.skipped,
            fixed: pass.fixed,
            inspection,
        })
    })
}

/// What the rows of a file stored, read as one sniffing of it says.
struct Stored {
    pass: Pass,
    analysis: Analysis,
    /// Whether the user chose anything for the columns: the mapping is
    /// then remembered.
    user_chose: bool,
}

/// Stores every data row, typed with the column plans the sniffed prefix
/// suggests; when the whole file does not confirm them, the rows are
/// rolled back and written again with the final plans.
fn store_rows(
    tx: &Connection,
    import_id: i64,
    sniffed: &Sniffed,
    options: &ImportOptions,
    reading: Reading,
    progress: &mut Progress,
) -> Result<Stored> {
    let fixes = Fixes::new(&options.fixes, sniffed.titles.len());
    let tentative = sniffed.tentative_plans(options, &fixes);
    let rules = Rules {
        reading,
        fixes: &fixes,
        skip: options.problem_rows == ProblemRows::Skip,
        watch_utf8: analysis::unsettled(sniffed, options),
    };
    let inference = Inference::new(&sniffed.titles, options);
    let user_chose = inference.has_choices();
    let (mut pass, inference) = store_pass(
        tx,
        import_id,
        sniffed,
        &tentative,
        &rules,
        Some(inference),
        progress,
    )?;
    let analysis = inference
        .expect("the first pass always infers")
        .finish(sniffed);
    let confirmed = tentative
        .iter()
        .zip(&analysis.plans)
        .all(|(a, b)| typed::same_values(a, b));
    if !confirmed {
        imports::redo_rows(tx)?;
        progress.done_before += sniffed.size;
        progress.total += sniffed.size;
        let first = pass.sha256.take();
        // The first read already watched the bytes.
        let utf8 = pass.utf8;
        let again = Rules {
            watch_utf8: false,
            ..rules
        };
        pass = store_pass(
            tx,
            import_id,
            sniffed,
            &analysis.plans,
            &again,
            None,
            progress,
        )?
        .0;
        // Both reads must have seen the same bytes.
        if pass.sha256 != first {
            return Err(changed(reading.file));
        }
        pass.utf8 = utf8;
    }
    Ok(Stored {
        pass,
        analysis,
        user_chose,
    })
}

/// What one pass over the file stored.
struct Pass {
    rows: u64,
    skipped: u64,
    fixed: u64,
    problems: u64,
    listed: Vec<Problem>,
    sha256: Option<String>,
    /// Whether every byte read was UTF-8, when that was watched.
    utf8: Option<bool>,
}

/// The file to read: where it is, its name, and how it looked before it
/// was first read.
#[derive(Clone, Copy)]
struct Reading<'a> {
    input: Input<'a>,
    file: &'a str,
    before: reader::Fingerprint,
}

/// The file to read, and what the user decided about its rows with
/// problems.
struct Rules<'a> {
    reading: Reading<'a>,
    fixes: &'a Fixes,
    skip: bool,
    /// Whether to check that every byte read is UTF-8 (see
    /// `analysis::unsettled`).
    watch_utf8: bool,
}

/// The refusal of a file that changed while it was read.
fn changed(file: &str) -> Error {
    Error::from(pilot_csv::refusal::refuse(
        file,
        "changed",
        None,
        "it changed while it was being imported (another program wrote to it, or it was replaced); nothing was saved. Import it again once it is complete.".into(),
    ))
}

/// An RFC 3339 time as a person reads it: `2026-11-30 03:12 UTC`.
fn readable_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%Y-%m-%d %H:%M UTC")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_owned())
}

/// Rows per stored chunk, and the text size at which a chunk is stored
/// early; together they bound the memory a chunk takes.
const CHUNK_ROWS: u64 = 256;
const CHUNK_BYTES: usize = 512 * 1024;

/// Chunks on their way from the reading thread to the writing one.
const CHUNKS_IN_FLIGHT: usize = 8;

/// A chunk of consecutive rows, ready to store.
#[derive(Default)]
struct Chunk {
    /// Where its text starts in the decoded file.
    start: u64,
    first_row: u64,
    first_line: u64,
    rows: u64,
    /// The rows' bytes as stored (see [`stored_text`]).
    text_lz4: Vec<u8>,
    vals: String,
    problems: Vec<Problem>,
    /// Rows left out (skipped for their problems, or removed by the
    /// user): their lines and bytes, kept beside the stored rows.
    left_out: Vec<(u64, Vec<u8>)>,
    /// The rows' cells, when the writing thread infers the columns.
    records: Vec<csv::StringRecord>,
    /// The line each of `records` starts on.
    lines: Vec<u64>,
    /// Bytes of the file read when the chunk was complete.
    bytes_read: u64,
}

/// Reads the file and stores every data row with its typed values under
/// `plans`, feeding `inference` when given.
///
/// Reading, typing and compressing run on a second thread while this one
/// infers and writes, which splits the work about evenly between two cores
/// (inferring every cell of a column is the heavier half, compressing a
/// tenth of the whole). A second pass infers nothing; there the reader is
/// the busier. A bounded channel between them keeps memory bounded.
fn store_pass(
    tx: &Connection,
    import_id: i64,
    sniffed: &Sniffed,
    plans: &[ColumnPlan],
    rules: &Rules,
    mut inference: Option<Inference>,
    progress: &mut Progress,
) -> Result<(Pass, Option<Inference>)> {
    let encoding = sniffed.encoding;
    std::thread::scope(|scope| {
        let (send, chunks) = std::sync::mpsc::sync_channel(CHUNKS_IN_FLIGHT);
        // Records travel to this thread for inference and back for reuse.
        let (give_back, used) = std::sync::mpsc::sync_channel(CHUNKS_IN_FLIGHT * 2);
        let recycle = inference.is_some().then_some(used);
        // The fingerprint is computed on a thread of its own, over the very
        // bytes the reader reads (handed over through a tap): the reader is
        // busy. The same thread watches those bytes for any that are not
        // UTF-8, which spares a file sniffed as UTF-8 a read of its own to
        // settle its encoding.
        let (tap, tapped) = std::sync::mpsc::sync_channel(4);
        let reader = scope.spawn(move || produce(sniffed, plans, rules, recycle, send, tap));
        let watch_utf8 = rules.watch_utf8;
        let hasher = scope.spawn(move || reader::hash_tapped(tapped, watch_utf8));
        let mut pass = Pass {
            rows: 0,
            skipped: 0,
            fixed: 0,
            problems: 0,
            listed: Vec::new(),
            sha256: None,
            utf8: None,
        };
        let written = (|| -> Result<()> {
            let mut writer = RowWriter::new(tx, import_id)?;
            for (n, chunk) in chunks.iter().enumerate() {
                if let Some(inference) = inference.as_mut() {
                    for (record, line) in chunk.records.iter().zip(&chunk.lines) {
                        inference.observe_cells(record, *line);
                    }
                    // The reader may have finished; then nobody needs them.
                    let _ = give_back.try_send(chunk.records);
                }
                if chunk.rows > 0 {
                    writer.chunk(
                        chunk.first_row,
                        chunk.rows,
                        chunk.first_line,
                        &chunk.text_lz4,
                        &chunk.vals,
                    )?;
                    progress.rows = chunk.first_row + chunk.rows - 1;
                }
                for (line, text) in &chunk.left_out {
                    writer.left_out(*line, &encoding.to_stored(text))?;
                }
                for problem in chunk.problems {
                    writer.problem(problem.line, problem.column.as_deref(), &problem.message)?;
                    pass.problems += 1;
                    push_listed(&mut pass.listed, problem);
                }
                if n % 16 == 0 {
                    progress.check(chunk.bytes_read)?;
                }
            }
            Ok(())
        })();
        // Dropping the receiver stops the reader if writing failed.
        drop(chunks);
        let produced = reader
            .join()
            .unwrap_or_else(|_| Err(Error::internal("a thread of the import stopped")));
        let hashed = hasher.join();
        written?;
        (pass.rows, pass.skipped, pass.fixed) = produced?;
        let tapped = hashed.map_err(|_| Error::internal("a thread of the import stopped"))?;
        // What was read must be the whole file as it was before the first
        // read, and the file must still be that file.
        let reading = rules.reading;
        if tapped.bytes != sniffed.size || reading.input.fingerprint().ok() != Some(reading.before)
        {
            return Err(changed(reading.file));
        }
        pass.sha256 = Some(tapped.sha256);
        pass.utf8 = tapped.utf8;
        Ok((pass, inference))
    })
}

/// The reading thread: parses rows, types them under `plans`, gathers them
/// into chunks and sends those on. With `recycle`, chunks carry their rows'
/// cells too, and the records come back through it for reuse. Returns the
/// rows stored, skipped and fixed.
///
/// A chunk's text is a verbatim stretch of the file, so a row left out or
/// stored with the user's corrected cells ends the chunk before it; a fixed
/// row is stored as a chunk of its own, its text the corrected cells.
fn produce(
    sniffed: &Sniffed,
    plans: &[ColumnPlan],
    rules: &Rules,
    recycle: Option<std::sync::mpsc::Receiver<Vec<csv::StringRecord>>>,
    out: std::sync::mpsc::SyncSender<Chunk>,
    tap: std::sync::mpsc::SyncSender<Vec<u8>>,
) -> Result<(u64, u64, u64)> {
    let meter = Rc::new(RefCell::new(Meter::tapped(tap)));
    let mut rows = analysis::data_rows(rules.reading.input, sniffed, meter.clone())?;
    let encoding = sniffed.encoding;
    let titles = &sniffed.titles;
    let mut chunk = Chunk::default();
    let (mut stored, mut skipped, mut fixed_rows) = (0u64, 0u64, 0u64);
    let mut vals = String::new();
    let mut problems = Vec::new();
    let send = |chunk: Chunk| out.send(chunk).map_err(|_| Error::Cancelled);
    while let Some(line) = rows.next()? {
        let fixed = rules.fixes.get(line);
        vals.clear();
        problems.clear();
        checks::row(
            &rows,
            fixed,
            line,
            titles,
            plans,
            Some(&mut vals),
            &mut problems,
        );
        let removed = checks::removes(fixed);
        let skip = removed || (rules.skip && !problems.is_empty());
        let start = rows.start();
        if (skip || fixed.is_some()) && chunk.rows > 0 {
            let bytes = meter.borrow().bytes;
            let ended =
                std::mem::take(&mut chunk).complete_before(&mut rows, start, bytes, encoding);
            send(ended)?;
        }
        // A removed row is not there to infer from.
        if let Some(recycle) = recycle.as_ref().filter(|_| !removed) {
            if chunk.records.is_empty() {
                chunk.records = Vec::with_capacity(CHUNK_ROWS as usize);
                while let Ok(records) = recycle.try_recv() {
                    rows.recycle(records);
                }
            }
            chunk.lines.push(line);
            chunk.records.push(match fixed {
                Some(fixed) => fixed.clone(),
                None => rows.take_record(),
            });
        }
        if skip {
            skipped += 1;
            if removed {
                chunk.problems.push(checks::removed(line));
            }
            chunk
                .problems
                .extend(problems.drain(..).map(checks::skipped));
            chunk.left_out.push((line, rows.text_since(start).to_vec()));
            // A long stretch of rows left out is sent on in pieces, so that
            // memory stays bounded however many rows are left out.
            let left_out: usize = chunk.left_out.iter().map(|(_, t)| t.len()).sum();
            if chunk.left_out.len() as u64 >= CHUNK_ROWS || left_out >= CHUNK_BYTES {
                send(std::mem::take(&mut chunk))?;
            }
            continue;
        }
        stored += 1;
        if let Some(fixed) = fixed {
            fixed_rows += 1;
            let mut own = std::mem::take(&mut chunk);
            own.first_row = stored;
            own.first_line = line;
            own.rows = 1;
            own.text_lz4 = stored_text(encoding, &csv_line(fixed, sniffed.delimiter)?);
            own.vals = format!("[{vals}]");
            own.problems.append(&mut problems);
            own.bytes_read = meter.borrow().bytes;
            send(own)?;
            continue;
        }
        if chunk.rows == 0 {
            chunk.start = start;
            chunk.first_row = stored;
            chunk.first_line = line;
            chunk.vals.push('[');
            rows.hold_from(Some(chunk.start));
        } else {
            chunk.vals.push(',');
        }
        chunk.rows += 1;
        chunk.vals.push_str(&vals);
        chunk.problems.append(&mut problems);
        if chunk.rows == CHUNK_ROWS || rows.text_since(chunk.start).len() >= CHUNK_BYTES {
            let full =
                std::mem::take(&mut chunk).complete(&mut rows, meter.borrow().bytes, encoding);
            send(full)?;
        }
    }
    if chunk.rows > 0 {
        send(chunk.complete(&mut rows, meter.borrow().bytes, encoding))?;
    } else if !chunk.problems.is_empty() || !chunk.records.is_empty() || !chunk.left_out.is_empty()
    {
        send(chunk)?;
    }
    Ok((stored, skipped, fixed_rows))
}

/// A row's cells written back as one line of the file's dialect.
fn csv_line(cells: &csv::StringRecord, delimiter: u8) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let failed = |e: String| {
        Error::invalid(
            "fixes",
            format!("A corrected row could not be written: {e}."),
        )
    };
    writer
        .write_record(cells)
        .map_err(|e| failed(e.to_string()))?;
    let mut text = writer.into_inner().map_err(|e| failed(e.to_string()))?;
    text.pop();
    Ok(text)
}

impl Chunk {
    /// Takes the chunk's text and releases the reader's hold on it.
    fn complete(mut self, rows: &mut rows::DataRows, bytes_read: u64, encoding: Encoding) -> Chunk {
        self.vals.push(']');
        self.text_lz4 = stored_text(encoding, rows.text_since(self.start));
        self.bytes_read = bytes_read;
        rows.hold_from(None);
        self
    }

    /// [`Chunk::complete`] for a chunk that ends before the current row,
    /// which starts at `next`.
    fn complete_before(
        mut self,
        rows: &mut rows::DataRows,
        next: u64,
        bytes_read: u64,
        encoding: Encoding,
    ) -> Chunk {
        self.vals.push(']');
        let all = rows.text_since(self.start);
        let mut text = &all[..((next - self.start) as usize).min(all.len())];
        while let [rest @ .., b'\n' | b'\r'] = text {
            text = rest;
        }
        self.text_lz4 = stored_text(encoding, text);
        self.bytes_read = bytes_read;
        rows.hold_from(None);
        self
    }
}

/// Rows' text as a chunk stores it: in the bytes the file has them in (see
/// `Encoding::to_stored`), LZ4-compressed with the size prepended.
fn stored_text(encoding: Encoding, text: &[u8]) -> Vec<u8> {
    lz4_flex::block::compress_prepend_size(&encoding.to_stored(text))
}

fn json_error(e: serde_json::Error) -> Error {
    Error::invalid(
        "inspection",
        format!("The inspection could not be saved: {e}."),
    )
}
