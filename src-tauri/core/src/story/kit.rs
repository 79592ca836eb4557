//! The internal marketing kit, made from a pilot's success story: a
//! newsletter snippet (HTML to paste into an e-mail or an intranet post,
//! and the same as Markdown) and a one-page flyer for the department's
//! notice board (HTML and PDF). Both say what the service is, the
//! before→after numbers of the story, and how to request the service:
//! the portal's address when the pilot is open to the department, else
//! whom to ask. Like the story, every string from the workspace is
//! escaped, no page holds a script, and every number is the story's.

use std::fmt::Write;
use std::path::Path;

use pdf_writer::Content;

use super::markdown::escape as md;
use super::pdf::{fit, Page, ACCENT, INK, MARGIN, MUTED};
use super::{sentences, ResultTile, Story};
use crate::error::{Error, Result};
use crate::pilots::PilotState;
use crate::typeset::{document, wrap, Paper, BOLD, REGULAR};

fn esc(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

/// The address of the pilot's portal as the department opens it: an
/// absolute `http` or `https` URL with no user name or password, so
/// nothing else (a `javascript:` link, a file) can be put on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portal(String);

impl Portal {
    pub fn parse(text: &str) -> Result<Portal> {
        let refused = |why: &str| {
            Error::invalid(
                "portal",
                format!(
                    "\u{201c}{}\u{201d} is not a portal address: {why}",
                    text.trim()
                ),
            )
        };
        let url = url::Url::parse(text.trim()).map_err(|e| refused(&format!("{e}.")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(refused("it must start with http:// or https://."));
        }
        if url.host_str().is_none() {
            return Err(refused("it names no computer."));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(refused("it must not carry a user name or password."));
        }
        Ok(Portal(url.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// "Expense claim" or "Expense claim and Travel request": what the
/// department requests.
pub fn service_names(story: &Story) -> String {
    let names: Vec<&str> = story.services.iter().map(|s| s.name.as_str()).collect();
    match names.as_slice() {
        [] => story.pilot_name.clone(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What the service is for: the items' short descriptions, else the use
/// case's process, else the challenge.
pub fn purpose(story: &Story) -> String {
    let described: Vec<&str> = story
        .services
        .iter()
        .map(|s| s.short_description.trim())
        .filter(|d| !d.is_empty())
        .collect();
    if !described.is_empty() {
        return described
            .iter()
            .map(|d| {
                let d = d.trim_end_matches('.');
                format!("{d}.")
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    match &story.use_case {
        Some(process) => {
            format!("{process}, as a service with one form and a promised turnaround.")
        }
        None => story.challenge.text.clone(),
    }
}

/// "Median turnaround: 52.3 h → 18.5 h": one measure before and after,
/// when both sides have a value.
pub fn before_after(tile: &ResultTile) -> Option<String> {
    tile.before.value?;
    tile.after.value?;
    Some(format!(
        "{}: {} \u{2192} {}",
        tile.label, tile.before.shown, tile.after.shown
    ))
}

/// The story's measures that have both sides, with their samples.
fn results(story: &Story) -> Vec<(String, String)> {
    story
        .results
        .iter()
        .filter_map(|t| {
            before_after(t).map(|line| {
                (
                    line,
                    format!("before {}, after {}", t.before.sample, t.after.sample),
                )
            })
        })
        .collect()
}

/// "Median turnaround down from 220.0 h to 72.4 h": one measure in
/// words, as the flyer prints it (the PDF's fonts have no arrow), when
/// both sides have a value.
pub fn from_to(tile: &ResultTile) -> Option<String> {
    let (before, after) = (tile.before.value?, tile.after.value?);
    let way = if after < before {
        "down from"
    } else if after > before {
        "up from"
    } else {
        "unchanged at"
    };
    Some(if after == before {
        format!("{} {way} {}", tile.label, tile.after.shown)
    } else {
        format!(
            "{} {way} {} to {}",
            tile.label, tile.before.shown, tile.after.shown
        )
    })
}

/// The one result a flyer leads with: the first measure that improved,
/// else the value realised, else none.
pub fn headline_result(story: &Story) -> Option<String> {
    story
        .results
        .iter()
        .filter(|t| t.improved == Some(true))
        .find_map(from_to)
        .or_else(|| story.printed.value_headline.clone())
}

/// The flyer's other results: every measure with both sides but the one
/// it leads with, then the value realised.
fn other_results(story: &Story) -> Vec<String> {
    let lead = headline_result(story);
    let mut lines: Vec<String> = story
        .results
        .iter()
        .filter_map(from_to)
        .filter(|line| Some(line) != lead.as_ref())
        .collect();
    if let Some(value) = &story.printed.value_headline {
        if Some(value) != lead.as_ref() {
            lines.push(format!("Value: {value}"));
        }
    }
    lines
}

/// How someone in the department requests the service.
pub fn how_to_request(story: &Story, portal: Option<&Portal>) -> String {
    let service = service_names(story);
    let contact = match (&story.sponsor, &story.department) {
        (Some(sponsor), Some(department)) => format!("{sponsor} ({department})"),
        (Some(sponsor), None) => sponsor.clone(),
        (None, Some(department)) => format!("the {department} team"),
        (None, None) => "the pilot team".to_owned(),
    };
    match (portal, story.state) {
        (Some(portal), _) => format!(
            "Request {service} at {}: open it with the personal link you get from {contact}.",
            portal.as_str()
        ),
        (None, PilotState::Ended) => {
            format!("To request {service}, ask {contact}.")
        }
        (None, _) => format!(
            "To take part and request {service}, ask {contact} for your personal link to the pilot's portal."
        ),
    }
}

const NEWSLETTER_FONT: &str = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif";

/// The newsletter snippet as an HTML page whose one `<article>` carries
/// its styles inline, so it keeps its look when copied from a browser
/// into an e-mail or an intranet editor (which drop style sheets).
pub fn newsletter_html(story: &Story, portal: Option<&Portal>) -> String {
    let mut out =
        String::from("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    out.push_str(&esc(&story.headline.text));
    let _ = write!(
        out,
        " \u{2014} newsletter</title></head><body style=\"margin:1.5rem;background:#fff\"><article style=\"{NEWSLETTER_FONT};max-width:36rem;color:#1d2330;line-height:1.45;font-size:15px\">"
    );
    let _ = write!(
        out,
        "<p style=\"margin:0;color:#5a6475;font-size:12px;text-transform:uppercase;letter-spacing:.05em\">{}{}</p>",
        esc(&sentences::kicker(story)),
        if story.demo { " \u{b7} Demo data" } else { "" }
    );
    let _ = write!(
        out,
        "<h2 style=\"margin:.3rem 0 .6rem;font-size:22px;line-height:1.2\">{}</h2>",
        esc(&story.headline.text)
    );
    let _ = write!(
        out,
        "<p style=\"margin:.4rem 0\">{}</p>",
        esc(&story.challenge.text)
    );
    let lines = results(story);
    if !lines.is_empty() {
        out.push_str("<ul style=\"margin:.4rem 0;padding-left:1.2rem\">");
        for (line, sample) in &lines {
            let _ = write!(
                out,
                "<li><strong>{}</strong> <span style=\"color:#5a6475;font-size:13px\">({})</span></li>",
                esc(line),
                esc(sample)
            );
        }
        out.push_str("</ul>");
    }
    if let Some(value) = &story.printed.value_headline {
        let _ = write!(
            out,
            "<p style=\"margin:.4rem 0\">Value: <strong>{}</strong>.</p>",
            esc(value)
        );
    }
    if let Some(q) = &story.quote {
        let _ = write!(
            out,
            "<blockquote style=\"margin:.6rem 0;padding:.3rem .8rem;border-left:4px solid #2450a6;background:#f2f5fb\"><p style=\"margin:0\">\u{201c}{}\u{201d}</p><p style=\"margin:.2rem 0 0;color:#5a6475;font-size:13px\">\u{2014} {}</p></blockquote>",
            esc(&q.comment),
            esc(&sentences::attribution(q))
        );
    }
    let request = esc(&how_to_request(story, portal));
    let request = match portal {
        // The address in the sentence becomes the link; it was checked to
        // be an http(s) URL, and is escaped for the attribute too.
        Some(p) => request.replacen(
            &esc(p.as_str()),
            &format!(
                "<a href=\"{}\" style=\"color:#2450a6\">{}</a>",
                html_escape::encode_double_quoted_attribute(p.as_str()),
                esc(p.as_str())
            ),
            1,
        ),
        None => request,
    };
    let _ = write!(
        out,
        "<p style=\"margin:.6rem 0\"><strong>{request}</strong></p>"
    );
    let _ = writeln!(
        out,
        "<p style=\"margin:.6rem 0 0;color:#5a6475;font-size:12px\">{}</p></article></body></html>",
        esc(&sentences::sources(story))
    );
    out
}

/// The newsletter snippet as Markdown (plain text that reads well as it
/// is, for a post or an e-mail that takes no formatting).
pub fn newsletter_markdown(story: &Story, portal: Option<&Portal>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", md(&story.headline.text));
    let mut kicker = sentences::kicker(story);
    if story.demo {
        kicker.push_str(" \u{b7} Demo data");
    }
    let _ = writeln!(out, "*{}*\n", md(&kicker));
    let _ = writeln!(out, "{}\n", md(&story.challenge.text));
    let lines = results(story);
    for (line, sample) in &lines {
        let _ = writeln!(out, "- **{}** ({})", md(line), md(sample));
    }
    if !lines.is_empty() {
        out.push('\n');
    }
    if let Some(value) = &story.printed.value_headline {
        let _ = writeln!(out, "Value: **{}**.\n", md(value));
    }
    if let Some(q) = &story.quote {
        let _ = writeln!(
            out,
            "> \u{201c}{}\u{201d}\n>\n> \u{2014} {}\n",
            md(&q.comment),
            md(&sentences::attribution(q))
        );
    }
    let _ = writeln!(out, "**{}**\n", md(&how_to_request(story, portal)));
    let _ = writeln!(out, "*{}*", md(&sentences::sources(story)));
    out
}

/// The flyer as a one-page HTML document for printing.
pub fn flyer_html(story: &Story, portal: Option<&Portal>, paper: Paper) -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>",
    );
    out.push_str(&esc(&service_names(story)));
    let _ = write!(
        out,
        "</title><style>@page{{size:{};margin:16mm}}\
*{{box-sizing:border-box}}\
body{{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2330;background:#fff;margin:0 auto;max-width:178mm;padding:1.5rem 0;line-height:1.35}}\
.kicker{{color:#5a6475;font-size:11pt;text-transform:uppercase;letter-spacing:.08em;margin:0}}\
h1{{font-size:40pt;line-height:1.05;margin:.4rem 0 .6rem;color:#2450a6}}\
.purpose{{font-size:17pt;margin:0 0 1.2rem}}\
.result{{font-size:24pt;font-weight:700;border:2px solid #2450a6;border-radius:10px;padding:.8rem 1rem;margin:1rem 0}}\
.result small{{display:block;font-size:11pt;font-weight:400;color:#5a6475;margin-top:.2rem}}\
h2{{font-size:14pt;text-transform:uppercase;letter-spacing:.06em;color:#2450a6;margin:1.4rem 0 .3rem}}\
.how{{font-size:17pt}}.url{{font-size:22pt;font-weight:700;word-break:break-all}}\
blockquote{{font-size:14pt;margin:1rem 0;padding:.4rem 1rem;border-left:5px solid #2450a6;background:#f2f5fb}}\
.others{{font-size:14pt;margin:.4rem 0;padding-left:1.4rem}}\
.small{{font-size:9pt;color:#5a6475}}\
.demo{{display:inline-block;background:#fff4d6;color:#6b4d00;border:1px solid #e0c46c;border-radius:4px;padding:0 .4rem;font-size:10pt}}\
</style></head><body>",
        paper.name()
    );
    let department = story.department.as_deref().unwrap_or("Your department");
    let _ = write!(
        out,
        "<p class=\"kicker\">{} \u{b7} a new service</p>",
        esc(department)
    );
    if story.demo {
        out.push_str("<span class=\"demo\">Demo data</span>");
    }
    let _ = write!(out, "<h1>{}</h1>", esc(&service_names(story)));
    let _ = write!(out, "<p class=\"purpose\">{}</p>", esc(&purpose(story)));
    if let Some(result) = headline_result(story) {
        let _ = write!(
            out,
            "<div class=\"result\">{}<small>{}</small></div>",
            esc(&result),
            esc(&story.headline.text)
        );
    }
    let others = other_results(story);
    if !others.is_empty() {
        out.push_str("<ul class=\"others\">");
        for line in &others {
            let _ = write!(out, "<li>{}</li>", esc(line));
        }
        out.push_str("</ul>");
    }
    out.push_str("<h2>How to request it</h2>");
    let _ = write!(
        out,
        "<p class=\"how\">{}</p>",
        esc(&how_to_request(story, portal))
    );
    if let Some(p) = portal {
        let _ = write!(out, "<p class=\"url\">{}</p>", esc(p.as_str()));
    }
    if let Some(q) = &story.quote {
        let _ = write!(
            out,
            "<blockquote>\u{201c}{}\u{201d}<br><span class=\"small\">\u{2014} {}</span></blockquote>",
            esc(&q.comment),
            esc(&sentences::attribution(q))
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"small\">{}</p></body></html>",
        esc(&sentences::sources(story))
    );
    out
}

/// The flyer laid out at `scale` on `paper`; returns where the cursor
/// ended, so a long flyer can be set smaller.
fn flyer_layout(
    story: &Story,
    portal: Option<&Portal>,
    paper: Paper,
    scale: f32,
) -> (Content, f32) {
    let mut p = Page::new(paper, scale);
    let mut kicker = format!(
        "{} \u{b7} a new service",
        story.department.as_deref().unwrap_or("Your department")
    )
    .to_uppercase();
    if story.demo {
        kicker.push_str(" \u{b7} DEMO DATA");
    }
    p.full(REGULAR, 12.0, MUTED, &kicker);
    p.gap(10.0);
    p.full(BOLD, 46.0, ACCENT, &service_names(story));
    p.gap(10.0);
    p.full(REGULAR, 19.0, INK, &purpose(story));
    if let Some(result) = headline_result(story) {
        p.gap(24.0);
        let top = p.y;
        p.gap(10.0);
        let inner = p.width - 2.0 * MARGIN - 28.0;
        p.paragraph(MARGIN + 14.0, inner, BOLD, 26.0, INK, &result);
        p.gap(2.0);
        p.paragraph(
            MARGIN + 14.0,
            inner,
            REGULAR,
            13.0,
            MUTED,
            &story.headline.text,
        );
        p.gap(10.0);
        let bottom = p.y;
        p.content
            .set_stroke_rgb(ACCENT.0, ACCENT.1, ACCENT.2)
            .set_line_width(2.5)
            .rect(MARGIN, bottom, p.width - 2.0 * MARGIN, top - bottom)
            .stroke();
    }
    let others = other_results(story);
    if !others.is_empty() {
        p.gap(12.0);
        p.bullets(&others, 14.0);
    }
    p.gap(26.0);
    p.full(BOLD, 15.0, ACCENT, "HOW TO REQUEST IT");
    p.gap(4.0);
    p.full(REGULAR, 18.0, INK, &how_to_request(story, portal));
    if let Some(portal) = portal {
        p.gap(8.0);
        p.full(BOLD, 26.0, INK, portal.as_str());
    }
    if let Some(q) = &story.quote {
        p.gap(26.0);
        p.quote(q, 17.0, 11.0, 16.0);
    }
    // The sources stand at the foot of the page, below whatever room is
    // left, as a flyer's small print does.
    let sources = wrap(
        &sentences::sources(story),
        REGULAR,
        8.0 * p.scale,
        p.width - 2.0 * MARGIN,
    );
    let foot = MARGIN + sources.len() as f32 * 8.0 * p.scale * 1.3;
    p.gap(18.0);
    let room = p.y >= foot;
    if room {
        p.y = foot;
    }
    p.full(REGULAR, 8.0, MUTED, &sentences::sources(story));
    // A flyer whose text runs into the foot ends below the margin, and is
    // set smaller.
    let y = if room { MARGIN } else { p.y };
    (p.content, y)
}

/// The flyer as the bytes of a one-page PDF on `paper`: set smaller, as
/// the story is, when its texts are too long for the page.
pub fn flyer_pdf(story: &Story, portal: Option<&Portal>, paper: Paper) -> Vec<u8> {
    let scale = fit(|scale| flyer_layout(story, portal, paper, scale).1);
    let (content, _) = flyer_layout(story, portal, paper, scale);
    let (width, height) = paper.size();
    document(vec![content], width, height)
}

/// What the kit can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    NewsletterHtml,
    NewsletterMarkdown,
    FlyerHtml,
    FlyerPdf,
}

/// Writes one piece of the kit to `path`.
pub fn write(
    story: &Story,
    piece: Piece,
    portal: Option<&Portal>,
    paper: Paper,
    path: &Path,
) -> Result<()> {
    let bytes = match piece {
        Piece::NewsletterHtml => newsletter_html(story, portal).into_bytes(),
        Piece::NewsletterMarkdown => newsletter_markdown(story, portal).into_bytes(),
        Piece::FlyerHtml => flyer_html(story, portal, paper).into_bytes(),
        Piece::FlyerPdf => flyer_pdf(story, portal, paper),
    };
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}
