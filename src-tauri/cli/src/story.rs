//! `pilot backlog …` and `pilot demo`: the use-case backlog and the demo
//! workspace from the command line.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use pilot_core::backlog::{self, Channel, Status, UseCase, UseCaseInput};
use pilot_core::{demo, Error, Workspace};
use serde_json::json;

use super::{fail, BacklogCommand};

fn invalid(field: &str, message: String) -> Error {
    Error::Invalid {
        field: field.to_owned(),
        message,
    }
}

pub fn backlog(command: BacklogCommand) -> ExitCode {
    let (json, result) = match command {
        BacklogCommand::List { workspace, output } => (
            output.json,
            Workspace::open(&workspace).and_then(|ws| {
                let all = backlog::list(&ws)?;
                if !output.json {
                    print_list(&all);
                }
                Ok(json!({ "useCases": all }))
            }),
        ),
        BacklogCommand::Add {
            workspace,
            process,
            department,
            volume,
            minutes,
            effort,
            channel,
            status,
            quarter,
            pain,
            outcome,
            kpi,
            output,
        } => (
            output.json,
            (|| -> Result<serde_json::Value, Error> {
                let mut ws = Workspace::open(&workspace)?;
                let mut input = UseCaseInput::idea(&process, volume, minutes, effort, "pilot CLI");
                input.channel = Channel::parse(&channel).ok_or_else(|| {
                    invalid("channel", format!("\"{channel}\" is not a channel: use paper, email, sharepoint_list, spreadsheet or other."))
                })?;
                input.status = Status::parse(&status).ok_or_else(|| {
                    invalid("status", format!("\"{status}\" is not a status: use idea, candidate, piloting, live or retired."))
                })?;
                input.quarter = quarter;
                input.pain = pain;
                input.outcome = outcome;
                input.kpi = kpi;
                if let Some(name) = department {
                    let found = pilot_core::directory::list_departments(&ws, &name)?
                        .into_iter()
                        .find(|d| d.name.to_lowercase() == name.to_lowercase());
                    input.department_id = Some(
                        found
                            .ok_or_else(|| {
                                invalid(
                                    "department",
                                    format!(
                                        "No department is named \"{name}\" in {}.",
                                        workspace.display()
                                    ),
                                )
                            })?
                            .id,
                    );
                }
                let added = backlog::create(&mut ws, input)?;
                if !output.json {
                    println!("Added use case {}: {}", added.id, added.process);
                }
                Ok(json!({ "useCase": added }))
            })(),
        ),
        BacklogCommand::Import {
            workspace,
            file,
            output,
            overrides,
        } => (
            output.json,
            overrides.options().and_then(|options| {
                let mut ws = Workspace::open(&workspace)?;
                let never = AtomicBool::new(false);
                let result = pilot_core::flows::import_workshop(
                    &mut ws,
                    &file,
                    &options,
                    "pilot CLI",
                    &mut |_| {},
                    &never,
                )?;
                if !output.json {
                    println!(
                        "Added {} use cases from {} (import {}).",
                        result.created.len(),
                        file.display(),
                        result.import_id
                    );
                    for note in &result.notes {
                        println!("  line {}: {}", note.line, note.message);
                    }
                }
                Ok(json!(result))
            }),
        ),
    };
    match result {
        Ok(value) => {
            if json {
                println!("{value}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, json),
    }
}

fn print_list(all: &[UseCase]) {
    for (rank, u) in all.iter().enumerate() {
        println!(
            "{:>3}. {} [{}] {} — {} {:.0}/year, {} days{}",
            rank + 1,
            u.process,
            u.status.as_str(),
            u.department_name.as_deref().unwrap_or("no department"),
            u.assumptions.currency,
            u.value.money_per_year,
            u.effort_days,
            u.quarter
                .as_deref()
                .map(|q| format!(", {q}"))
                .unwrap_or_default()
        );
    }
}

pub fn demo(path: &Path, json: bool) -> ExitCode {
    let started = std::time::Instant::now();
    match demo::create(path).and_then(|ws| ws.info()) {
        Ok(info) => {
            if json {
                println!(
                    "{}",
                    json!({ "workspace": info, "millis": started.elapsed().as_millis() as u64 })
                );
            } else {
                println!(
                    "Created the demo workspace {} ({} departments, {} people, {} catalog items) in {} ms.",
                    info.path,
                    info.departments,
                    info.people,
                    info.catalog_items,
                    started.elapsed().as_millis()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, json),
    }
}
