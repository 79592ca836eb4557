//! `pilot story`: a pilot's success story, printed as Markdown or JSON, or
//! written as HTML, Markdown or a one-page PDF, and its marketing kit (a
//! newsletter snippet, a flyer), from the same core as the app's Success
//! story view.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use pilot_core::story::kit::{self, Piece, Portal};
use pilot_core::story::{self, Story};
use pilot_core::{pilots, Error, Paper, Workspace};

/// A piece of the marketing kit.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kit {
    /// A short snippet to paste into an e-mail or an intranet post.
    Newsletter,
    /// A one-page flyer for the department's notice board.
    Flyer,
}

/// What a kit piece is written as.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KitFormat {
    Html,
    Md,
    Pdf,
}

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
    /// Write the story as a PDF of one page.
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
    /// The paper of the PDFs: a4 or letter.
    #[arg(long, default_value = "a4")]
    paper: Paper,
    /// Make a piece of the marketing kit instead of printing the story:
    /// printed, or written to `--out`.
    #[arg(long)]
    kit: Option<Kit>,
    /// The kit piece's format: html or md for the newsletter (md when not
    /// given), html or pdf for the flyer (pdf when not given).
    #[arg(long, requires = "kit")]
    format: Option<KitFormat>,
    /// Where to write the kit piece (a PDF must be written to a file).
    #[arg(long, value_name = "FILE", requires = "kit")]
    out: Option<PathBuf>,
    /// The pilot portal's address as the department opens it; the kit
    /// then says to request the service there.
    #[arg(long, value_name = "URL")]
    portal: Option<String>,
    /// Print the story as one JSON object (else it prints as Markdown).
    #[arg(long)]
    pub json: bool,
}

/// The story, and the text to print when not asked for JSON: the story
/// as Markdown, the kit piece, or nothing when the piece went to a file.
pub struct Told {
    pub story: Story,
    pub printed: String,
}

fn invalid(field: &str, message: &str) -> Error {
    Error::Invalid {
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

/// The kit piece `--kit` and `--format` ask for.
fn piece(kit: Kit, format: Option<KitFormat>) -> Result<Piece, Error> {
    match (kit, format) {
        (Kit::Newsletter, None | Some(KitFormat::Md)) => Ok(Piece::NewsletterMarkdown),
        (Kit::Newsletter, Some(KitFormat::Html)) => Ok(Piece::NewsletterHtml),
        (Kit::Flyer, None | Some(KitFormat::Pdf)) => Ok(Piece::FlyerPdf),
        (Kit::Flyer, Some(KitFormat::Html)) => Ok(Piece::FlyerHtml),
        (Kit::Newsletter, Some(KitFormat::Pdf)) => Err(invalid(
            "format",
            "The newsletter snippet is written as html or md, not pdf; the flyer is the kit's PDF.",
        )),
        (Kit::Flyer, Some(KitFormat::Md)) => Err(invalid(
            "format",
            "The flyer is written as pdf or html, not md; the newsletter snippet is the kit's Markdown.",
        )),
    }
}

/// Makes the story and writes the files asked for.
pub fn run(args: &StoryArgs) -> Result<Told, Error> {
    let portal = args.portal.as_deref().map(Portal::parse).transpose()?;
    let kit_piece = args.kit.map(|k| piece(k, args.format)).transpose()?;
    if kit_piece == Some(Piece::FlyerPdf) && args.out.is_none() {
        return Err(invalid(
            "out",
            "A PDF flyer is written to a file: add --out FILE.pdf (or --format html to print it).",
        ));
    }
    let ws = Workspace::open(&args.workspace)?;
    let id = pilots::named(&ws, &args.pilot)?;
    let s = story::story(&ws, id)?;
    if let Some(path) = &args.html {
        story::html::write_html(&s, path)?;
    }
    if let Some(path) = &args.md {
        story::markdown::write_markdown(&s, path)?;
    }
    if let Some(path) = &args.pdf {
        story::pdf::write_pdf(&s, args.paper, path)?;
    }
    let printed = match (kit_piece, &args.out) {
        (None, _) => story::markdown::markdown(&s),
        (Some(piece), Some(path)) => {
            kit::write(&s, piece, portal.as_ref(), args.paper, path)?;
            String::new()
        }
        (Some(Piece::NewsletterHtml), None) => kit::newsletter_html(&s, portal.as_ref()),
        (Some(Piece::FlyerHtml), None) => kit::flyer_html(&s, portal.as_ref(), args.paper),
        (Some(_), None) => kit::newsletter_markdown(&s, portal.as_ref()),
    };
    Ok(Told { story: s, printed })
}
