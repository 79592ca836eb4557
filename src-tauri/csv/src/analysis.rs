//! The first pass: sniff a bounded prefix (encoding, delimiter, header),
//! then read every row once to infer the columns and find every reason to
//! refuse the file, writing nothing.

use std::cell::RefCell;
use std::rc::Rc;

use super::checks::{self, Fixes};
use super::dialect::{self, SampleRecord};
use super::encoding::{self, Encoding};
use super::infer::{self, ColumnPlan, ColumnStats, Hints};
use super::inspection::{Field, Inspection, Problem, Roles, Source, MAX_LISTED_PROBLEMS};
use super::mapping::{self, ColumnChoice, ColumnRole, SourceRow};
use super::profile::ColumnFacts;
use super::progress::Progress;
use super::reader::{Input, Meter, Records};
use super::refusal::{self, Limits};
use super::rows::{self, DataRows};
use super::values::Convention;
use super::{formdef, header, profile, ImportOptions};
use crate::error::{Error, Result};

/// How much of a file sniffing reads: enough for hundreds of rows, little
/// enough to stay far below 100 ms.
const SNIFF_BYTES: usize = 256 * 1024;

/// Rows of a form definition kept in memory to read fields from; a form
/// with more fields than this is a table.
const MAX_DEFINITION_ROWS: usize = 2000;

/// What an import stores about a file besides its rows.
pub struct Analysis {
    pub inspection: Inspection,
    /// How each column is typed, in column order.
    pub plans: Vec<ColumnPlan>,
    /// The columns as fields (type and key of every column, including the
    /// tool's metadata), which is how typed values are laid out in storage.
    pub columns: Vec<Field>,
}

/// What the sniffer settles on from the prefix, before the full pass.
pub struct Sniffed {
    pub file: String,
    pub size: u64,
    pub encoding: Encoding,
    pub delimiter: u8,
    /// Records before the first data row (preamble and header).
    pub skip: usize,
    pub header_line: u64,
    /// Header titles, one per column.
    pub titles: Vec<String>,
    /// The title a preamble row above the header gives the file.
    pub title: Option<String>,
    /// The data rows of the prefix.
    pub(crate) sample: Vec<SampleRecord>,
    /// Whether the prefix is the whole file.
    pub complete: bool,
    /// The size and line count of the prefix's text, to estimate the
    /// file's rows from.
    pub prefix_bytes: u64,
    pub prefix_lines: u64,
}

impl Sniffed {
    pub(crate) fn hints(&self) -> Hints {
        Hints {
            convention: if self.delimiter == b';' {
                Convention::Comma
            } else {
                Convention::Dot
            },
        }
    }

    /// Column plans from the prefix alone: what the full pass will most
    /// likely confirm, so an import can type rows while it reads them.
    pub fn tentative_plans(&self, options: &ImportOptions, fixes: &Fixes) -> Vec<ColumnPlan> {
        let mut inference = Inference::new(&self.titles, options);
        inference.observe_sample(self, fixes);
        inference.plans(self)
    }
}

pub fn sniff(input: Input, file: &str, options: &ImportOptions) -> Result<Sniffed> {
    let size = input.len()?;
    let prefix = whole_lines_prefix(input, file)?;
    let complete = prefix.len() as u64 >= size;
    if prefix.is_empty() {
        return Err(refusal::refuse(
            file,
            "empty",
            None,
            "the file is empty.".into(),
        ));
    }
    let encoding = options
        .encoding
        .unwrap_or_else(|| encoding::detect(&prefix, complete));
    let mut text = encoding::decode_prefix(&prefix, encoding);
    match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => refusal::check_text(file, text.as_bytes())?,
        _ => refusal::check_text(file, &prefix)?,
    }
    if !complete {
        // The prefix ends mid-row; the sample stops at the last full line.
        text.truncate(text.rfind(['\n', '\r']).map_or(text.len(), |i| i + 1));
    }
    let delimiter = match options.delimiter {
        Some(d) if d.is_ascii() => d as u8,
        Some(d) => {
            return Err(Error::invalid(
                "delimiter",
                format!("The delimiter must be a single ASCII character, not {d:?}."),
            ))
        }
        None => dialect::sniff(&text),
    };
    let mut records = dialect::parse_sample(&text, delimiter, 2000);
    let skip_hint = usize::from(dialect::sep_hint(&text).is_some());
    let header_index = match options.header_line {
        Some(line) => records.iter().position(|r| r.line == line).ok_or_else(|| {
            Error::invalid(
                "header_line",
                format!("No row of {file} starts on line {line}; choose the line the column titles are on."),
            )
        })?,
        None => header::find(&records, skip_hint)
            .ok_or_else(|| refusal::refuse(file, "empty", None, "the file holds no rows.".into()))?,
    };
    let prefix_bytes = text.len() as u64;
    let prefix_lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
    let sample = records.split_off(header_index + 1);
    let header = &records[header_index];
    let title = records[..header_index]
        .iter()
        .skip(skip_hint)
        .find_map(|r| title_of(&r.cells));
    // Checked here as the full read checks it, so that a quick look refuses
    // what an import would, at once and whatever the width.
    let limits = Limits::default();
    if let Some(wide) = records
        .iter()
        .chain(&sample)
        .find(|r| r.cells.len() > limits.max_columns)
    {
        return Err(refusal::refuse(
            file,
            "too_many_columns",
            Some(wide.line),
            format!(
                "this row has {} columns; at most {} are accepted.",
                wide.cells.len(),
                limits.max_columns
            ),
        ));
    }
    Ok(Sniffed {
        file: file.to_owned(),
        size,
        encoding,
        delimiter,
        skip: header_index + 1,
        header_line: header.line,
        titles: header::titles(&header.cells),
        title,
        sample,
        complete,
        prefix_bytes,
        prefix_lines,
    })
}

/// The prefix sniffing reads: [`SNIFF_BYTES`], or more when that holds no
/// whole line, so that a long header line is read whole rather than cut
/// (which would lose its last columns). A first line longer than a row
/// may be is refused, as the full read would.
fn whole_lines_prefix(input: Input, file: &str) -> Result<Vec<u8>> {
    let cap = Limits::default().max_record_bytes;
    let mut limit = SNIFF_BYTES;
    loop {
        let prefix = input.prefix(limit)?;
        let body = &prefix[..prefix.len().saturating_sub(1)];
        if prefix.len() < limit || memchr::memchr2(b'\n', b'\r', body).is_some() {
            return Ok(prefix);
        }
        if limit > cap {
            return Err(refusal::refuse(
                file,
                "record_too_large",
                Some(1),
                format!("a row runs for more than {} MiB.", cap >> 20),
            ));
        }
        limit *= 4;
    }
}

/// Sniffs a file whose every byte will be read: a prefix that looked like
/// UTF-8 is checked against the rest of the file, and the file sniffed
/// again in the encoding the whole of it shows (see `encoding::settle`).
pub fn sniff_whole(input: Input, file: &str, options: &ImportOptions) -> Result<Sniffed> {
    let sniffed = sniff(input, file, options)?;
    if !unsettled(&sniffed, options) {
        return Ok(sniffed);
    }
    Ok(resniff(input, file, options)?.unwrap_or(sniffed))
}

/// Whether the encoding sniffed from the prefix still has to be checked
/// against the rest of the file: it looked like UTF-8, nobody chose it, and
/// the prefix is not the whole file.
pub fn unsettled(sniffed: &Sniffed, options: &ImportOptions) -> bool {
    options.encoding.is_none() && !sniffed.complete && sniffed.encoding == Encoding::Utf8
}

/// Reads the whole of an [`unsettled`] file to settle its encoding (see
/// `encoding::settle`): the file sniffed again in the encoding that shows,
/// or None when that is UTF-8 after all. An import that saw only UTF-8
/// while it read the file (see `reader::hash_tapped`) has no need of it.
pub fn resniff(input: Input, file: &str, options: &ImportOptions) -> Result<Option<Sniffed>> {
    let settled = encoding::settle(input.open()?, Encoding::Utf8).map_err(|e| input.io_error(e))?;
    if settled == Encoding::Utf8 {
        return Ok(None);
    }
    let mut again = options.clone();
    again.encoding = Some(settled);
    sniff(input, file, &again).map(Some)
}

/// A first look at a file from its sniffed prefix alone, quick whatever the
/// file's size: the columns as the prefix shows them, no problems listed,
/// and the rows estimated from the prefix's rows per byte. Returns whether
/// that is the whole story (the prefix was the whole file, which is then
/// analysed in full).
pub(crate) fn glance(
    input: Input,
    file: &str,
    options: &ImportOptions,
) -> Result<(Inspection, bool)> {
    let sniffed = sniff(input, file, options)?;
    if sniffed.complete {
        let mut quiet = Progress::silent();
        let (analysis, _) = analyze(input, file, options, &mut quiet, false)?;
        return Ok((analysis.inspection, true));
    }
    let fixes = Fixes::new(&options.fixes, sniffed.titles.len());
    let mut inference = Inference::new(&sniffed.titles, options);
    inference.observe_sample(&sniffed, &fixes);
    let sampled = inference.rows;
    let mut inspection = inference.finish(&sniffed).inspection;
    if inspection.source != Source::FormDefinition {
        inspection.rows = estimate_rows(&sniffed, sampled);
    }
    Ok((inspection, false))
}

/// The file's data rows, estimated from the rows per line and the lines
/// per byte of its prefix.
fn estimate_rows(sniffed: &Sniffed, sampled: u64) -> u64 {
    let Some(last) = sniffed.sample.last() else {
        return 0;
    };
    let sample_lines = (last.line + 1)
        .saturating_sub(sniffed.header_line + 1)
        .max(1);
    let rows_per_line = sampled as f64 / sample_lines as f64;
    let lines_per_byte = sniffed.prefix_lines as f64 / sniffed.prefix_bytes.max(1) as f64;
    let lines = sniffed.size as f64 * lines_per_byte - sniffed.header_line as f64;
    let rows = lines.max(0.0) * rows_per_line;
    // Two significant digits: more would claim a precision an estimate
    // does not have.
    let unit = 10f64.powi((rows.max(1.0).log10().floor() as i32 - 1).max(0));
    ((rows / unit).round() * unit) as u64
}

/// The title a preamble row gives the file: its only filled cell, such as
/// `Accounts payable exceptions log` above a report's header row.
fn title_of(cells: &[String]) -> Option<String> {
    let mut filled = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let title = filled.next()?;
    (filled.next().is_none() && title.chars().count() <= 120).then(|| title.to_owned())
}

/// Statistics of every column, gathered row by row, and the problems met.
pub struct Inference {
    stats: Vec<ColumnStats>,
    definition: Option<formdef::Layout>,
    kept: Vec<Vec<String>>,
    pub rows: u64,
    /// The user's choice for each column, where there is one.
    chosen: Vec<Option<ColumnChoice>>,
}

impl Inference {
    pub fn new(titles: &[String], options: &ImportOptions) -> Self {
        let chosen = titles
            .iter()
            .map(|t| options.columns.iter().find(|c| &c.column == t).cloned())
            .collect();
        Inference {
            stats: (0..titles.len()).map(|_| ColumnStats::default()).collect(),
            definition: formdef::layout(titles),
            kept: Vec::new(),
            rows: 0,
            chosen,
        }
    }

    /// Whether the user chose anything for the columns. A form definition's
    /// columns describe fields, so choices about them are ignored.
    pub fn has_choices(&self) -> bool {
        self.definition.is_none() && self.chosen.iter().any(Option::is_some)
    }

    pub(crate) fn observe_strings(&mut self, cells: &[String], line: u64) {
        self.rows += 1;
        for (i, column) in self.stats.iter_mut().enumerate() {
            match cells.get(i) {
                Some(cell) => column.observe(rows::trim(cell), line),
                None => column.missing(),
            }
        }
        if self.definition.is_some() && self.kept.len() < MAX_DEFINITION_ROWS {
            self.kept.push(cells.to_vec());
        }
    }

    /// Observes the data rows of the sniffed prefix, as the full read
    /// would: with the user's fixes, leaving out removed and blank rows.
    fn observe_sample(&mut self, sniffed: &Sniffed, fixes: &Fixes) {
        for record in &sniffed.sample {
            match fixes.get(record.line) {
                Some(fixed) if !checks::removes(Some(fixed)) => {
                    self.observe_cells(fixed, record.line)
                }
                Some(_) => {}
                None if record.non_empty() > 0 => self.observe_strings(&record.cells, record.line),
                None => {}
            }
        }
    }

    /// Observes a row's cells (its problems are listed elsewhere).
    pub fn observe_cells(&mut self, record: &csv::StringRecord, line: u64) {
        self.rows += 1;
        for (i, column) in self.stats.iter_mut().enumerate() {
            match record.get(i) {
                Some(cell) => column.observe(rows::trim(cell), line),
                None => column.missing(),
            }
        }
        if self.definition.is_some() && self.kept.len() < MAX_DEFINITION_ROWS {
            self.kept.push(record.iter().map(str::to_owned).collect());
        }
    }

    pub fn plans(&self, sniffed: &Sniffed) -> Vec<ColumnPlan> {
        let enforce = self.has_choices();
        self.stats
            .iter()
            .zip(&sniffed.titles)
            .zip(&self.chosen)
            .map(|((s, title), chosen)| match chosen {
                // An ignored column is used for nothing, so nothing is asked
                // of its cells: it keeps what inference found.
                Some(c) if enforce && c.role != ColumnRole::Ignore => {
                    let mut plan = infer::force(
                        s,
                        title,
                        sniffed.hints(),
                        c.field_type,
                        c.required,
                        c.choices.clone(),
                    );
                    // What inference noted about the column still holds
                    // when the user keeps the type it found.
                    let found = infer::decide(s, title, sniffed.hints());
                    if found.field_type == plan.field_type && plan.note.is_none() {
                        plan.note = found.note;
                        plan.suggested = found.suggested;
                    }
                    plan
                }
                _ => infer::decide(s, title, sniffed.hints()),
            })
            .collect()
    }

    /// Decides every column and what the file is.
    pub fn finish(self, sniffed: &Sniffed) -> Analysis {
        let plans = self.plans(sniffed);
        let titles = &sniffed.titles;
        let names = header::unique(titles.iter().map(|t| header::snake_case(t)));
        let columns: Vec<Field> = plans
            .iter()
            .zip(titles)
            .zip(names)
            .map(|((plan, title), name)| Field {
                column: title.clone(),
                name,
                field_type: plan.field_type,
                required: plan.required,
                choices: plan.choices.clone(),
                date_order: plan.date_order,
                codes: None,
                help: None,
                section: None,
            })
            .collect();
        let definition = self.definition.filter(|layout| {
            self.kept.len() < MAX_DEFINITION_ROWS && formdef::confirms(layout, &self.kept)
        });
        let user_choices = self.has_choices();
        let (source, fields, roles, count, choices) = match definition {
            Some(layout) => {
                let mut fields = formdef::fields(&layout, &self.kept);
                let names = header::unique(fields.iter().map(|f| f.name.clone()));
                for (field, name) in fields.iter_mut().zip(names) {
                    field.name = name;
                }
                let count = fields.len() as u64;
                let none = Vec::new();
                (
                    Source::FormDefinition,
                    fields,
                    Roles::default(),
                    count,
                    none,
                )
            }
            None => {
                let profile = profile::recognise(titles);
                let facts: Vec<ColumnFacts> = plans
                    .iter()
                    .zip(&self.stats)
                    .map(|(plan, stats)| ColumnFacts {
                        field_type: plan.field_type,
                        unique: stats.unique(),
                        coded: stats.coded(),
                        values: stats.values(),
                    })
                    .collect();
                let mut roles = profile.roles;
                let mut reasons = profile.reasons;
                profile::fill_roles(&mut roles, &mut reasons, titles, &facts, &profile.system);
                let mut fields: Vec<Field> = columns
                    .iter()
                    .zip(&profile.system)
                    .filter(|(_, system)| !**system)
                    .map(|(f, _)| f.clone())
                    .collect();
                let mut choices = mapping::detected(&columns, &fields, &roles, &reasons, &plans);
                if user_choices {
                    (fields, roles) =
                        mapping::fields_and_roles(&columns, &self.chosen, &fields, &roles);
                    choices = mapping::detected(&columns, &fields, &roles, &reasons, &plans);
                    for (choice, chosen) in choices.iter_mut().zip(&self.chosen) {
                        if let Some(chosen) = chosen {
                            if choice.role != chosen.role {
                                choice.why = None;
                            }
                            choice.role = chosen.role;
                        }
                    }
                }
                (profile.source, fields, roles, self.rows, choices)
            }
        };
        Analysis {
            inspection: Inspection {
                file: sniffed.file.clone(),
                title: sniffed.title.clone(),
                encoding: sniffed.encoding,
                encoding_note: encoding::note(sniffed.encoding),
                delimiter: char::from(sniffed.delimiter),
                header_line: sniffed.header_line,
                rows: count,
                source,
                fields,
                roles,
                columns: choices,
                // Listed by whoever reads the rows (see `checks`).
                problems: Vec::new(),
            },
            plans,
            columns,
        }
    }
}

/// Opens the data rows of a sniffed file, metering the raw bytes read.
pub fn data_rows<'a>(
    input: Input<'a>,
    sniffed: &Sniffed,
    meter: Rc<RefCell<Meter>>,
) -> Result<DataRows<'a>> {
    let records = Records::open(
        input,
        &sniffed.file,
        sniffed.encoding,
        sniffed.delimiter,
        Limits::default(),
        meter,
    )?;
    Ok(DataRows::new(records, sniffed.skip, sniffed.titles.len()))
}

/// Most rows an inspection hands the wizard for fixing.
pub(crate) const MAX_SOURCE_ROWS: usize = 200;

/// Sniffs and reads the whole file, writing nothing, and lists the problems
/// an import would store (with the user's fixes applied); `want_rows` also
/// returns the rows that have them. With the user's column choices a second
/// read checks every row against the final plans.
pub(crate) fn analyze(
    input: Input,
    file: &str,
    options: &ImportOptions,
    progress: &mut Progress,
    want_rows: bool,
) -> Result<(Analysis, Vec<SourceRow>)> {
    let sniffed = sniff_whole(input, file, options)?;
    let fixes = Fixes::new(&options.fixes, sniffed.titles.len());
    let meter = Rc::new(RefCell::new(Meter::default()));
    let mut rows = data_rows(input, &sniffed, meter.clone())?;
    let mut inference = Inference::new(&sniffed.titles, options);
    // Without the user's column choices every cell fits the plans inference
    // makes but for the misfits of mostly-typed columns, so one read finds
    // every problem; with either, the cells are checked against the final
    // plans in a second read.
    let chosen = inference.has_choices();
    let titles = &sniffed.titles;
    let mut listing = Listing {
        want_rows,
        listed: Vec::new(),
        source_rows: Vec::new(),
    };
    let mut found = Vec::new();
    while let Some(line) = rows.next()? {
        let fixed = fixes.get(line);
        if !checks::removes(fixed) {
            inference.observe_cells(fixed.unwrap_or(rows.record()), line);
        }
        if !chosen {
            checks::row(&rows, fixed, line, titles, &[], None, &mut found);
            listing.note(&rows, fixed, line, &mut found);
        }
        progress.tick(rows.count, || meter.borrow().bytes)?;
    }
    progress.check(meter.borrow().bytes)?;
    let mut analysis = inference.finish(&sniffed);
    // Cells that do not fit a mostly-typed column are only known once the
    // column is decided: they are found, with the rest, in a second read.
    if chosen || analysis.plans.iter().any(|p| p.misfits > 0) {
        listing.listed.clear();
        listing.source_rows.clear();
        let mut rows = data_rows(input, &sniffed, meter.clone())?;
        while let Some(line) = rows.next()? {
            let fixed = fixes.get(line);
            checks::row(
                &rows,
                fixed,
                line,
                titles,
                &analysis.plans,
                None,
                &mut found,
            );
            listing.note(&rows, fixed, line, &mut found);
            progress.tick(rows.count, || meter.borrow().bytes)?;
        }
    }
    let Listing {
        listed,
        source_rows,
        ..
    } = listing;
    analysis.inspection.problems = listed;
    Ok((analysis, source_rows))
}

/// The problems found so far, and the rows that have them when wanted.
struct Listing {
    want_rows: bool,
    listed: Vec<Problem>,
    source_rows: Vec<SourceRow>,
}

impl Listing {
    fn note(
        &mut self,
        rows: &DataRows,
        fixed: Option<&csv::StringRecord>,
        line: u64,
        found: &mut Vec<Problem>,
    ) {
        let wanted = fixed.is_some() || !found.is_empty();
        if self.want_rows && wanted && self.source_rows.len() < MAX_SOURCE_ROWS {
            self.source_rows.push(checks::source_row(rows, fixed, line));
        }
        for problem in found.drain(..) {
            push_listed(&mut self.listed, problem);
        }
    }
}

pub fn push_listed(problems: &mut Vec<Problem>, problem: Problem) {
    if problems.len() < MAX_LISTED_PROBLEMS {
        problems.push(problem);
    }
}
