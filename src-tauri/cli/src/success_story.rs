//! `pilot story`: a pilot's success story, printed as Markdown or JSON, or
//! written as HTML, Markdown or a one-page PDF, from the same core as the
//! app's Success story view.

use std::path::PathBuf;

use clap::Args;
use pilot_core::story::{self, Story};
use pilot_core::{pilots, Error, Workspace};

#[derive(Args)]
pub struct StoryArgs {
    workspace: PathBuf,
    /// The pilot, by id or by name (case-insensitive).
    #[arg(long)]
    pilot: String,
    /// Write the story as a self-contained HTML page.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Write the story as Markdown.
    #[arg(long, value_name = "FILE")]
    md: Option<PathBuf>,
    /// Write the story as a PDF of one A4 page.
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
    /// Print the story as one JSON object (else it prints as Markdown).
    #[arg(long)]
    pub json: bool,
}

/// The pilot a `--pilot` names: its id, or its name.
fn pilot_id(ws: &Workspace, wanted: &str) -> Result<i64, Error> {
    let all = pilots::list(ws)?;
    let found = match wanted.trim().parse::<i64>() {
        Ok(id) => all.iter().find(|p| p.id == id),
        Err(_) => all
            .iter()
            .find(|p| p.name.to_lowercase() == wanted.trim().to_lowercase()),
    };
    found.map(|p| p.id).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
        Error::Invalid {
            field: "pilot".to_owned(),
            message: format!(
                "There is no pilot \u{201c}{wanted}\u{201d}; the workspace has: {}.",
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ),
        }
    })
}

/// Makes the story and writes the files asked for.
pub fn run(args: &StoryArgs) -> Result<Story, Error> {
    let ws = Workspace::open(&args.workspace)?;
    let id = pilot_id(&ws, &args.pilot)?;
    let s = story::story(&ws, id)?;
    if let Some(path) = &args.html {
        story::html::write_html(&s, path)?;
    }
    if let Some(path) = &args.md {
        story::markdown::write_markdown(&s, path)?;
    }
    if let Some(path) = &args.pdf {
        story::pdf::write_pdf(&s, path)?;
    }
    Ok(s)
}
