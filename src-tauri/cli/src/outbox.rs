//! `pilot outbox`: a pilot's unsent messages, one e-mail per person, for a
//! department that runs `pilot serve` on a machine without the app and
//! sends its notifications with whatever mail tool it has.

use std::path::PathBuf;

use chrono::Utc;
use clap::Args;
use pilot_core::{outbox, Error, Workspace};
use serde_json::{json, Value};

#[derive(Args)]
pub struct OutboxArgs {
    pub workspace: PathBuf,
    #[arg(long)]
    pub pilot: i64,
    /// Marks every message printed as sent, in one transaction.
    #[arg(long)]
    pub mark_sent: bool,
    #[arg(long)]
    pub json: bool,
}

/// Prints the pilot's unsent batches (and marks them sent when asked);
/// says whether the answer is JSON, and the answer.
pub fn outbox(args: OutboxArgs) -> (bool, Result<Value, Error>) {
    let as_json = args.json;
    (as_json, run(args))
}

fn run(args: OutboxArgs) -> Result<Value, Error> {
    let mut ws = Workspace::open(&args.workspace)?;
    let batches = outbox::unsent(&mut ws, args.pilot, Utc::now())?;
    let ids: Vec<i64> = batches
        .iter()
        .flat_map(|b| b.messages.iter().map(|m| m.id))
        .collect();
    let marked = if args.mark_sent {
        outbox::mark_sent(&mut ws, args.pilot, &ids, Utc::now())?
    } else {
        0
    };
    if !args.json {
        for b in &batches {
            let email = b.messages[0].email.trim();
            if email.is_empty() {
                println!("To: {}", b.person_name);
            } else {
                println!("To: {} <{email}>", b.person_name);
            }
            println!("Subject: {}\n\n{}\n\n====\n", b.subject, b.text);
        }
        let people = batches.len();
        eprintln!(
            "{} message(s) for {people} person(s){}.",
            ids.len(),
            if args.mark_sent {
                format!(", {marked} marked sent")
            } else {
                String::new()
            }
        );
    }
    Ok(json!({ "batches": batches, "markedSent": marked }))
}
