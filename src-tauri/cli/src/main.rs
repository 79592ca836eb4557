//! `pilot`: Pilot Studio's headless command line, on the same core as the app.
//!
//! Exit status: 0 on success, 1 when the work was refused or failed, 2 for a
//! usage error. With `--json`, stdout is exactly one JSON object, also for
//! errors: `{"error":{"kind","line","message"}}`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::{Args, Parser, Subcommand};
use pilot_core::import::{self, ColumnChoice, Encoding, ImportOptions, Inspection, ProblemRows};
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

fn read_columns(path: &Path) -> Result<Vec<ColumnChoice>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| Error::Invalid {
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
                            eprintln!(
                                "pilot: rows estimated from the start of the file; \
                                 inspect without --quick to count them and list problems."
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
                run_import(&file, &workspace, &options, progress)
            });
            finish(result, output.json)
        }
    }
}

/// Prints what a workspace holds, as JSON.
fn info(path: &Path) -> ExitCode {
    match Workspace::open(path).and_then(|ws| ws.info()) {
        Ok(info) => {
            println!(
                "{}",
                serde_json::json!({
                    "path": info.path, "name": info.name,
                    "departments": info.departments, "people": info.people,
                    "catalog_items": info.catalog_items, "imports": info.imports,
                })
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pilot: {e}");
            ExitCode::from(1)
        }
    }
}

/// What an import reports besides the inspection: (import id, problems
/// stored, rows skipped).
type Stored = Option<(i64, u64, u64)>;

fn run_import(
    file: &Path,
    workspace: &Path,
    options: &ImportOptions,
    show_progress: bool,
) -> Result<(Inspection, Stored), Error> {
    let mut ws = if workspace.exists() {
        Workspace::open(workspace)?
    } else {
        Workspace::create(workspace)?
    };
    let cancel = AtomicBool::new(false);
    let mut report = |p: import::ImportProgress| {
        if show_progress {
            eprintln!(
                "progress: {} of {} bytes, {} rows stored",
                p.bytes_read, p.bytes_total, p.rows
            );
        }
    };
    let summary = import::import_file(&mut ws, file, options, &mut report, &cancel)?;
    Ok((
        summary.inspection,
        Some((summary.import_id, summary.problems, summary.skipped)),
    ))
}

fn finish(result: Result<(Inspection, Stored), Error>, json: bool) -> ExitCode {
    match result {
        Ok((inspection, stored)) => {
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&inspection).expect("inspections serialize")
                );
            } else {
                print_summary(&inspection, stored);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let (kind, line) = match &e {
                Error::ImportRefused { kind, line, .. } => (*kind, *line),
                other => (other.code(), None),
            };
            if json {
                println!(
                    "{}",
                    serde_json::json!({"error": {"kind": kind, "line": line, "message": e.to_string()}})
                );
            } else {
                eprintln!("pilot: {e}");
            }
            ExitCode::from(1)
        }
    }
}

fn print_summary(i: &Inspection, stored: Stored) {
    let source = serde_json::to_value(i.source).unwrap_or_default();
    let delimiter = match i.delimiter {
        '\t' => "tab".to_owned(),
        d => format!("'{d}'"),
    };
    println!(
        "{}: {} with {} rows ({}, delimiter {delimiter}, header on line {})",
        i.file,
        source.as_str().unwrap_or("table"),
        i.rows,
        i.encoding.label(),
        i.header_line
    );
    if let Some((id, problems, skipped)) = stored {
        println!("Imported as import {id}, with {problems} problems stored.");
        if skipped > 0 {
            println!("{skipped} rows with problems were left out.");
        }
    }
    println!("Fields:");
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
        println!("{line}");
    }
    let roles = serde_json::to_value(&i.roles).unwrap_or_default();
    if let Some(map) = roles.as_object().filter(|m| !m.is_empty()) {
        println!("Roles:");
        for (role, column) in map {
            println!("  {role}: {}", column.as_str().unwrap_or(""));
        }
    }
    if !i.problems.is_empty() {
        println!("Problems:");
        for p in &i.problems {
            match &p.column {
                Some(c) => println!("  line {}, column {c}: {}", p.line, p.message),
                None => println!("  line {}: {}", p.line, p.message),
            }
        }
    }
}
