//! `pilot intake`: takes in the new responses of a newer export of the
//! source that feeds a running pilot, as the pilot page's "Take in new
//! responses…" does, and says what was added, updated and left alone.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::Args;
use pilot_core::import::ImportProgress;
use pilot_core::pilots;
use pilot_core::requests::IntakeSummary;
use pilot_core::{flows, Error, Workspace};

#[derive(Args)]
pub struct IntakeArgs {
    workspace: PathBuf,
    /// The running pilot: its id or its name.
    #[arg(long)]
    pilot: String,
    /// The newer export (CSV).
    file: PathBuf,
    /// The import the file is a newer export of, when the pilot's items
    /// were made from several.
    #[arg(long)]
    source: Option<i64>,
    /// Report progress on stderr.
    #[arg(long)]
    progress: bool,
    /// Print exactly one JSON object on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(args: IntakeArgs) -> ExitCode {
    match take_in(&args) {
        Ok(summary) if args.json => {
            println!("{}", serde_json::json!({ "intake": summary }));
            ExitCode::SUCCESS
        }
        Ok(summary) => {
            print!("{}", text(&summary));
            ExitCode::SUCCESS
        }
        Err(e) => crate::fail(&e.in_file(&args.workspace), args.json),
    }
}

fn take_in(args: &IntakeArgs) -> Result<IntakeSummary, Error> {
    let mut ws = Workspace::open(&args.workspace)?;
    let pilot = pilots::named(&ws, &args.pilot)?;
    let cancel = AtomicBool::new(false);
    let show = args.progress;
    let mut report = |p: ImportProgress| {
        if show {
            crate::warn(&format!(
                "progress: {} of {} bytes, {} rows stored",
                p.bytes_read, p.bytes_total, p.rows
            ));
        }
    };
    flows::take_in_responses(
        &mut ws,
        pilot,
        args.source,
        &args.file,
        &mut report,
        &cancel,
    )
}

/// The summary as the pilot page shows it: per item, what was added,
/// updated and left alone, with each row's line and reason.
fn text(summary: &IntakeSummary) -> String {
    let mut out = format!(
        "{}: import {} replaces import {}.\n",
        summary.file_name, summary.import_id, summary.replaced
    );
    for item in &summary.items {
        out.push_str(&format!(
            "{}: {} added, {} updated ({} events), {} unchanged, {} left alone; {} rows before the pilot stay the baseline.\n",
            item.item_name,
            item.added,
            item.updated,
            item.events,
            item.unchanged,
            item.left_alone.len(),
            item.baseline
        ));
        for left in &item.left_alone {
            out.push_str(&format!("  line {}: {}\n", left.line, left.reason));
        }
    }
    out
}
