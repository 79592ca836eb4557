//! `pilot`: Pilot Studio's headless command line, on the same core as the app.
//!
//! Exit status: 0 on success, 1 when the work was refused or failed, 2 for a
//! usage error, 141 when whoever reads stdout stopped reading (as a program
//! killed by SIGPIPE). With `--json`, stdout is exactly one JSON object, also
//! for errors: `{"error":{"kind","line","message"}}`.

mod audit;
mod intake;
mod outbox;
mod portal;
mod requests;
mod story;
mod success_story;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::{Args, Parser, Subcommand};
use pilot_core::import::{self, ColumnChoice, Encoding, ImportOptions, Inspection, ProblemRows};
use pilot_core::metrics::{self, export, Origin, ReportQuery};
use pilot_core::{Error, Workspace};

#[derive(Parser)]
#[command(name = "pilot", version, about = "Pilot Studio on the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Prints what a workspace holds, as JSON.
    Info { workspace: PathBuf },
    /// Sniffs a CSV file and infers its fields without writing anything.
    Inspect {
        file: PathBuf,
        /// Look at a bounded prefix only, as the app's first preview does:
        /// the rows are an estimate and no problems are listed.
        #[arg(long)]
        quick: bool,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        overrides: Overrides,
    },
    /// Imports a CSV file into a workspace (created if it does not exist).
    Import {
        file: PathBuf,
        #[arg(long, short)]
        workspace: PathBuf,
        /// Replace an earlier import of the same file instead of refusing.
        #[arg(long)]
        replace: bool,
        /// Report progress on stderr.
        #[arg(long)]
        progress: bool,
        /// Leave out rows with problems instead of importing them as they
        /// are; their problems are stored, saying so.
        #[arg(long)]
        skip_problem_rows: bool,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        overrides: Overrides,
    },
    /// Takes in the new responses of a newer export of the source that
    /// feeds a running pilot (Microsoft Forms, Google Forms, a SharePoint
    /// list) and follows its status changes.
    Intake(intake::IntakeArgs),
    /// Pilot requests: list a queue, show one, submit, apply an action.
    #[command(subcommand)]
    Requests(requests::RequestsCommand),
    /// Serves a pilot's portal to its participants' browsers over HTTP (or
    /// HTTPS with --cert and --key) until Ctrl-C; the workspace stays
    /// locked to it meanwhile.
    Serve(portal::ServeArgs),
    /// A pilot's unsent notifications, one e-mail per person (and marks
    /// them sent when asked).
    Outbox(outbox::OutboxArgs),
    /// Participants' personal links to the portal: issue, list, revoke.
    #[command(subcommand)]
    Link(portal::LinkCommand),
    /// The portal's audit, newest first: sign-ins (refused ones too) and
    /// changes, each with its time, address, person and action.
    Audit(audit::AuditArgs),
    /// Measures a workspace's requests: the numbers the Reports screen
    /// shows, printed as text or JSON, or written as HTML, PDF or XLSX.
    Report {
        workspace: PathBuf,
        /// Only this catalog item's requests (by name).
        #[arg(long)]
        item: Option<String>,
        /// Only the requests of the items this department provides.
        #[arg(long)]
        department: Option<String>,
        /// Only the requests of this pilot's catalog items (its name or id):
        /// the scope of its success story when it has several items.
        #[arg(long)]
        pilot: Option<String>,
        /// baseline or pilot; both when left out.
        #[arg(long, value_parser = parse_origin)]
        origin: Option<Origin>,
        /// First opened date included, YYYY-MM-DD.
        #[arg(long)]
        from: Option<String>,
        /// Last opened date included, YYYY-MM-DD.
        #[arg(long)]
        to: Option<String>,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
        /// Write the dashboard as a self-contained HTML file.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Write the dashboard as a PDF document.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// The paper of the PDF: a4 or letter.
        #[arg(long, default_value = "a4")]
        paper: pilot_core::Paper,
        /// Write every table as a sheet of an XLSX workbook.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// The use-case backlog: list, add, import a workshop spreadsheet.
    Backlog {
        #[command(subcommand)]
        command: BacklogCommand,
    },
    /// Tells a pilot's success story from its real numbers: printed as
    /// Markdown or JSON, or written as HTML, Markdown or a one-page PDF;
    /// `--kit` makes its newsletter snippet or flyer.
    Story(success_story::StoryArgs),
    /// Generates the demo workspace (clearly labelled sample data) at a new
    /// path.
    Demo {
        workspace: PathBuf,
        #[command(flatten)]
        output: Output,
    },
}

fn parse_origin(s: &str) -> Result<Origin, String> {
    match s {
        "baseline" => Ok(Origin::Baseline),
        "pilot" => Ok(Origin::Pilot),
        _ => Err("expected baseline or pilot".to_owned()),
    }
}

/// What `pilot backlog` does.
#[derive(Subcommand)]
enum BacklogCommand {
    /// Lists the use cases, best value per day of effort first.
    List {
        workspace: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    /// Adds a use case (an idea, unless --status says otherwise).
    Add {
        workspace: PathBuf,
        /// The process the use case is about.
        #[arg(long)]
        process: String,
        /// The department's name, as in the directory.
        #[arg(long)]
        department: Option<String>,
        /// Requests per month.
        #[arg(long, default_value_t = 0.0)]
        volume: f64,
        /// Minutes a request takes to handle today.
        #[arg(long, default_value_t = 0.0)]
        minutes: f64,
        /// Person-days to pilot it.
        #[arg(long, default_value_t = 10.0)]
        effort: f64,
        /// paper, email, sharepoint_list, spreadsheet or other.
        #[arg(long, default_value = "other")]
        channel: String,
        /// idea, candidate, piloting, live or retired.
        #[arg(long, default_value = "idea")]
        status: String,
        /// The roadmap quarter, like 2027-Q1.
        #[arg(long)]
        quarter: Option<String>,
        #[arg(long, default_value = "")]
        pain: String,
        #[arg(long, default_value = "")]
        outcome: String,
        #[arg(long, default_value = "")]
        kpi: String,
        #[command(flatten)]
        output: Output,
    },
    /// Imports a workshop spreadsheet (CSV): one use case per row, columns
    /// mapped by their header names.
    Import {
        workspace: PathBuf,
        file: PathBuf,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        overrides: Overrides,
    },
}

#[derive(Args)]
struct Output {
    /// Print exactly one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct Overrides {
    /// utf-8, utf-8-bom, utf-16le, utf-16be or windows-1252.
    #[arg(long, value_parser = parse_encoding)]
    encoding: Option<Encoding>,
    /// The cell delimiter, e.g. ';' or 'tab'.
    #[arg(long, value_parser = parse_delimiter)]
    delimiter: Option<char>,
    /// The 1-based line the column titles are on.
    #[arg(long)]
    header_line: Option<u64>,
    /// A JSON file with the columns' roles and types: an array as
    /// `pilot inspect --json` prints under "columns" (columns left out keep
    /// what was found).
    #[arg(long, value_name = "FILE")]
    columns: Option<PathBuf>,
}

impl Overrides {
    fn options(&self) -> Result<ImportOptions, Error> {
        Ok(ImportOptions {
            encoding: self.encoding,
            delimiter: self.delimiter,
            header_line: self.header_line,
            columns: match &self.columns {
                Some(path) => read_columns(path)?,
                None => Vec::new(),
            },
            ..ImportOptions::default()
        })
    }
}

/// A columns file is a few kilobytes; anything far larger is not one, and
/// reading it whole could exhaust memory (`--columns /dev/zero`).
const MAX_COLUMNS_FILE: u64 = 4 << 20;

fn read_columns(path: &Path) -> Result<Vec<ColumnChoice>, Error> {
    let invalid = |what: String| Error::Invalid {
        field: "columns".to_owned(),
        message: format!("{} {what}", path.display()),
    };
    let file = pilot_core::storage::open_regular(path).map_err(|e| match e {
        pilot_core::storage::Opened::Io(source) => Error::Io {
            path: path.to_owned(),
            source,
        },
        pilot_core::storage::Opened::NotAFile(what) => invalid(format!(
            "is {what}, not a file: give a JSON file with the columns."
        )),
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_COLUMNS_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > MAX_COLUMNS_FILE {
        return Err(invalid(format!(
            "is larger than {} MiB, far more than a columns file holds: give the JSON file that lists the columns.",
            MAX_COLUMNS_FILE >> 20
        )));
    }
    serde_json::from_slice(&bytes).map_err(|e| Error::Invalid {
        field: "columns".to_owned(),
        message: format!(
            "{} does not hold columns: expected a JSON array like the \"columns\" that `pilot inspect --json` prints ({e}).",
            path.display()
        ),
    })
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    serde_json::from_value(serde_json::Value::String(s.to_lowercase()))
        .map_err(|_| "expected utf-8, utf-8-bom, utf-16le, utf-16be or windows-1252".to_owned())
}

fn parse_delimiter(s: &str) -> Result<char, String> {
    match s {
        "tab" | "\\t" => Ok('\t'),
        _ => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() => Ok(c),
                _ => Err("expected a single ASCII character or 'tab'".to_owned()),
            }
        }
    }
}

fn main() -> ExitCode {
    pilot_core::lock::set_holder_name("the pilot command line");
    match Cli::parse().command {
        Command::Info { workspace } => info(&workspace),
        Command::Inspect {
            file,
            quick,
            output,
            overrides,
        } => finish(
            overrides
                .options()
                .and_then(|options| match quick {
                    true => import::glance(&file, &options).inspect(|(_, complete)| {
                        if !complete && !output.json {
                            warn(
                                "pilot: rows estimated from the start of the file; \
                                 inspect without --quick to count them and list problems.",
                            );
                        }
                    }),
                    false => import::inspect(&file, &options).map(|i| (i, true)),
                })
                .map(|(i, _)| i)
                .map(|i| (i, None)),
            output.json,
        ),
        Command::Import {
            file,
            workspace,
            replace,
            progress,
            skip_problem_rows,
            output,
            overrides,
        } => {
            let result = overrides.options().and_then(|mut options| {
                options.replace_existing = replace;
                if skip_problem_rows {
                    options.problem_rows = ProblemRows::Skip;
                }
                run_import(&file, &workspace, &options, progress).map_err(|e| e.in_file(&workspace))
            });
            finish(result, output.json)
        }
        Command::Requests(command) => {
            let (json, result) = requests::run(command);
            report(result, json)
        }
        Command::Intake(args) => intake::run(args),
        Command::Serve(args) => match portal::serve(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e, false),
        },
        Command::Outbox(args) => match outbox::outbox(args) {
            (true, result) => report(result, true),
            (false, Ok(_)) => ExitCode::SUCCESS,
            (false, Err(e)) => fail(&e, false),
        },
        Command::Link(command) => match portal::link(command) {
            (true, result) => report(result, true),
            (false, Ok(_)) => ExitCode::SUCCESS,
            (false, Err(e)) => fail(&e, false),
        },
        Command::Audit(args) => match audit::audit(args) {
            (true, result) => report(result, true),
            (false, Ok(_)) => ExitCode::SUCCESS,
            (false, Err(e)) => fail(&e, false),
        },
        Command::Report {
            workspace,
            item,
            department,
            pilot,
            origin,
            from,
            to,
            json,
            html,
            pdf,
            paper,
            xlsx,
        } => {
            let result = Workspace::open(&workspace).and_then(|ws| {
                let scope = metrics::scope_named(
                    &ws,
                    metrics::ScopeNames {
                        item: item.as_deref(),
                        department: department.as_deref(),
                        pilot: pilot.as_deref(),
                    },
                )?;
                let report = metrics::report(
                    &ws,
                    &ReportQuery {
                        scope,
                        origin,
                        from,
                        to,
                    },
                )?;
                if let Some(path) = &html {
                    export::write_html(&report, None, path)?;
                }
                if let Some(path) = &pdf {
                    metrics::pdf::write_pdf(&report, None, paper, path)?;
                }
                if let Some(path) = &xlsx {
                    export::write_xlsx(&export::tables(&report), path)?;
                }
                Ok(report)
            });
            match result {
                Ok(report) if json => {
                    println!(
                        "{}",
                        serde_json::to_string(&report).expect("reports serialize")
                    );
                    ExitCode::SUCCESS
                }
                Ok(report) => {
                    print_report(&report);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    if json {
                        println!(
                            "{}",
                            serde_json::json!({"error": {"kind": e.code(), "line": null, "message": e.to_string()}})
                        );
                    } else {
                        eprintln!("pilot: {e}");
                    }
                    ExitCode::from(1)
                }
            }
        }
        Command::Story(args) => match success_story::run(&args) {
            Ok(told) if args.json => emit(
                &format!(
                    "{}\n",
                    serde_json::to_string(&told.story).expect("stories serialize")
                ),
                None,
            ),
            Ok(told) => emit(&told.printed, None),
            Err(e) => fail(&e, args.json),
        },
        Command::Backlog { command } => story::backlog(command),
        Command::Demo { workspace, output } => story::demo(&workspace, output.json),
    }
}

/// The report's headline table as aligned text.
fn print_report(report: &metrics::Report) {
    println!("{}", report.scope_label);
    for row in &export::tables(report)[0].rows {
        let cells: Vec<String> = row.iter().map(export::Cell::display).collect();
        println!("  {:<48} {:>10}  {}", cells[0], cells[1], cells[2]);
    }
}

/// Prints a requests command's result: JSON with `--json`, else pretty
/// JSON too (a request has no shorter honest summary); errors as `finish`.
fn report(result: Result<serde_json::Value, Error>, json: bool) -> ExitCode {
    match result {
        Ok(value) => {
            if json {
                println!("{value}");
            } else {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&value).expect("JSON prints")
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, json),
    }
}

fn fail(e: &Error, json: bool) -> ExitCode {
    let (kind, line) = match e {
        Error::ImportRefused { kind, line, .. } => (*kind, *line),
        other => (other.code().into(), None),
    };
    let message = match e {
        // The app offers the update as a button; here it is a flag.
        Error::AlreadyImported {
            file,
            earlier_file,
            import_id,
            imported_at,
        } => format!(
            "{file} holds the same data as {earlier_file}, imported on {imported_at} (import {import_id}). Run the same command with --replace to replace that import."
        ),
        other => other.to_string(),
    };
    if json {
        let json = serde_json::json!({"error": {"kind": kind, "line": line, "message": message}});
        let _ = emit(&format!("{json}\n"), None);
    } else {
        warn(&format!("pilot: {message}"));
    }
    ExitCode::from(1)
}

/// Prints what a workspace holds, as JSON.
fn info(path: &Path) -> ExitCode {
    match Workspace::open(path).and_then(|ws| ws.info().map_err(|e| e.in_file(path))) {
        Ok(info) => {
            let json = serde_json::json!({
                "path": info.path, "name": info.name,
                "departments": info.departments, "people": info.people,
                "catalog_items": info.catalog_items, "imports": info.imports,
            });
            emit(&format!("{json}\n"), None)
        }
        Err(e) => {
            warn(&format!("pilot: {e}"));
            ExitCode::from(1)
        }
    }
}

/// Writes the result to stdout. A reader that stopped reading (`| head`)
/// ends the program quietly, as SIGPIPE would; any other failure (a full
/// disk) is told on stderr, saying whether the import was saved anyway.
fn emit(text: &str, saved: Option<i64>) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(141),
        Err(e) => {
            let saved = match saved {
                Some(id) => format!(" The import itself was saved, as import {id}."),
                None => String::new(),
            };
            warn(&format!(
                "pilot: could not write the result to standard output: {e}.{saved}"
            ));
            ExitCode::from(1)
        }
    }
}

/// A line on stderr; a stderr that cannot be written has nobody to tell.
fn warn(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// What an import reports besides the inspection.
struct Stored {
    import_id: i64,
    problems: u64,
    stored: u64,
    skipped: u64,
    fixed: u64,
}

fn run_import(
    file: &Path,
    workspace: &Path,
    options: &ImportOptions,
    show_progress: bool,
) -> Result<(Inspection, Option<Stored>), Error> {
    let created = workspace.symlink_metadata().is_err();
    let mut ws = if created {
        Workspace::create(workspace)?
    } else {
        Workspace::open(workspace)?
    };
    let cancel = AtomicBool::new(false);
    let mut report = |p: import::ImportProgress| {
        if show_progress {
            warn(&format!(
                "progress: {} of {} bytes, {} rows stored",
                p.bytes_read, p.bytes_total, p.rows
            ));
        }
    };
    let summary = match pilot_core::flows::import_file(&mut ws, file, options, &mut report, &cancel)
    {
        Ok(summary) => summary,
        // The workspace was made for this import only; a refused import
        // must not leave an empty one behind.
        Err(e) if created => {
            if let Err(discard) = ws.discard() {
                warn(&format!("pilot: {discard}"));
            }
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    Ok((
        summary.inspection,
        Some(Stored {
            import_id: summary.import_id,
            problems: summary.problems,
            stored: summary.stored,
            skipped: summary.skipped,
            fixed: summary.fixed,
        }),
    ))
}

fn finish(result: Result<(Inspection, Option<Stored>), Error>, json: bool) -> ExitCode {
    match result {
        Ok((inspection, stored)) => {
            let saved = stored.as_ref().map(|s| s.import_id);
            let text = if json {
                match serde_json::to_value(&inspection) {
                    Ok(mut out) => {
                        // An import also says what it stored, beside the inspection's keys.
                        if let (Some(s), Some(map)) = (&stored, out.as_object_mut()) {
                            map.insert("import_id".into(), s.import_id.into());
                            map.insert("stored".into(), s.stored.into());
                            map.insert("skipped".into(), s.skipped.into());
                            map.insert("fixed".into(), s.fixed.into());
                            map.insert("problems_stored".into(), s.problems.into());
                        }
                        format!("{out}\n")
                    }
                    Err(e) => {
                        format!("{{\"error\":{{\"kind\":\"internal\",\"message\":\"{e}\"}}}}\n")
                    }
                }
            } else {
                summary(&inspection, stored)
            };
            emit(&text, saved)
        }
        Err(e) => fail(&e, json),
    }
}

fn summary(i: &Inspection, stored: Option<Stored>) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let source = serde_json::to_value(i.source).unwrap_or_default();
    let delimiter = match i.delimiter {
        '\t' => "tab".to_owned(),
        d => format!("'{d}'"),
    };
    let _ = writeln!(
        out,
        "{}: {} with {} rows ({}, delimiter {delimiter}, header on line {})",
        i.file,
        source.as_str().unwrap_or("table"),
        i.rows,
        i.encoding.label(),
        i.header_line
    );
    if let Some(s) = stored {
        let _ = writeln!(
            out,
            "Imported as import {}: {} rows stored, with {} problems stored.",
            s.import_id, s.stored, s.problems
        );
        if s.skipped > 0 {
            let _ = writeln!(out, "{} rows with problems were left out.", s.skipped);
        }
        if s.fixed > 0 {
            let _ = writeln!(out, "{} rows were imported with corrected cells.", s.fixed);
        }
    }
    let _ = writeln!(out, "Fields:");
    for f in &i.fields {
        let field_type = serde_json::to_value(f.field_type).unwrap_or_default();
        let mut line = format!(
            "  {} ({}): {}",
            f.column,
            f.name,
            field_type.as_str().unwrap_or("")
        );
        if f.required {
            line.push_str(", required");
        }
        if let Some(order) = f.date_order {
            let order = serde_json::to_value(order).unwrap_or_default();
            line.push_str(&format!(", {}", order.as_str().unwrap_or("")));
        }
        if let Some(choices) = &f.choices {
            line.push_str(&format!(", one of: {}", choices.join(" | ")));
        }
        let _ = writeln!(out, "{line}");
    }
    let roles = serde_json::to_value(&i.roles).unwrap_or_default();
    if let Some(map) = roles.as_object().filter(|m| !m.is_empty()) {
        let _ = writeln!(out, "Roles:");
        for (role, column) in map {
            let _ = writeln!(out, "  {role}: {}", column.as_str().unwrap_or(""));
        }
    }
    if !i.problems.is_empty() {
        let _ = writeln!(out, "Problems:");
        for p in &i.problems {
            match &p.column {
                Some(c) => _ = writeln!(out, "  line {}, column {c}: {}", p.line, p.message),
                None => _ = writeln!(out, "  line {}: {}", p.line, p.message),
            }
        }
    }
    out
}
