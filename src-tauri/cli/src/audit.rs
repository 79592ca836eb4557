//! `pilot audit`: the portal's audit, newest first: every sign-in (refused
//! ones too) and every change made through the portal, with when, from
//! which address and by whom, so the analyst can answer "who did this, and
//! from where?" after the fact.

use std::path::PathBuf;

use clap::Args;
use pilot_core::portal::{self, AuditEntry};
use pilot_core::{pilots, Error, Workspace};
use serde_json::{json, Value};

#[derive(Args)]
pub struct AuditArgs {
    pub workspace: PathBuf,
    /// Only this pilot's entries. Refused sign-ins whose token matched no
    /// link belong to no pilot, so they show only without it.
    #[arg(long)]
    pub pilot: Option<i64>,
    /// The newest this many entries (1 to 10000).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: u32,
    #[arg(long)]
    pub json: bool,
}

/// Prints the audit's newest entries; says whether the answer is JSON,
/// and the answer.
pub fn audit(args: AuditArgs) -> (bool, Result<Value, Error>) {
    let as_json = args.json;
    (as_json, run(args))
}

fn run(args: AuditArgs) -> Result<Value, Error> {
    let ws = Workspace::open(&args.workspace)?;
    if let Some(pilot) = args.pilot {
        // An unknown pilot is a mistake to say, not an empty audit.
        pilots::get(&ws, pilot)?;
    }
    let entries = portal::audit(&ws, args.pilot, args.limit)?;
    if !args.json {
        for e in &entries {
            println!("{}", line(e));
        }
    }
    Ok(json!({ "entries": entries }))
}

/// One entry as a line: time, address, who, action, then the request and
/// the detail when there are any.
fn line(e: &AuditEntry) -> String {
    let who = if e.person_name.is_empty() {
        "(no one)"
    } else {
        e.person_name.as_str()
    };
    let mut line = format!("{}  {:<21}  {:<20}  {}", e.at, e.address, who, e.action);
    if let Some(request) = e.request_id {
        line.push_str(&format!("  #{request}"));
    }
    if !e.detail.is_empty() {
        line.push_str(&format!("  {}", e.detail));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(person_name: &str, request_id: Option<i64>, detail: &str) -> AuditEntry {
        AuditEntry {
            at: "2026-03-03T08:00:00Z".into(),
            pilot_id: Some(1),
            person_id: Some(2),
            person_name: person_name.into(),
            link_id: Some(3),
            action: "submitted".into(),
            request_id,
            detail: detail.into(),
            address: "10.0.0.7:51234".into(),
        }
    }

    #[test]
    fn a_line_reads_time_address_who_and_action_then_request_and_detail() {
        assert_eq!(
            line(&entry("Ann", Some(12), "Work certificate")),
            "2026-03-03T08:00:00Z  10.0.0.7:51234         Ann                   submitted  #12  Work certificate"
        );
        assert_eq!(
            line(&entry("", None, "")),
            "2026-03-03T08:00:00Z  10.0.0.7:51234         (no one)              submitted"
        );
    }
}
