//! The story as one self-contained HTML page: no script, no font, no
//! picture from elsewhere (the chart is inline SVG), laid out for one A4
//! page when printed. Every string from the workspace is escaped.

use std::fmt::Write;
use std::path::Path;

use super::{sentences, ResultTile, Story};
use crate::error::{Error, Result};
use crate::metrics::WeekVolume;

fn esc(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

const STYLE: &str = "@page{size:A4;margin:14mm}\
*{box-sizing:border-box}\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2330;background:#fff;margin:0 auto;max-width:182mm;padding:1.5rem 0;line-height:1.4;font-size:10.5pt}\
header p{margin:0;color:#5a6475;font-size:9pt;text-transform:uppercase;letter-spacing:.06em}\
h1{font-size:20pt;margin:.2rem 0 .8rem;line-height:1.15}\
h2{font-size:11pt;margin:1rem 0 .3rem;color:#2450a6;text-transform:uppercase;letter-spacing:.05em}\
p{margin:.2rem 0}\
.forms{float:right;width:52mm;margin:0 0 .4rem .8rem}.forms figure{margin:0 0 .4rem}.forms svg{width:100%;height:auto}.results{clear:both}\
ul{margin:.2rem 0;padding-left:1.2rem}\
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:.5rem;margin:.4rem 0}\
.tile{border:1px solid #ccd3e0;border-radius:6px;padding:.45rem .55rem}\
.tile h3{margin:0;font-size:8.5pt;color:#5a6475;font-weight:600}\
.tile .after{font-size:16pt;font-weight:700}\
.tile .better{color:#1d7a4f}.tile .worse{color:#b3261e}\
.tile .before,.small{font-size:8.5pt;color:#5a6475}\
blockquote{margin:.4rem 0;padding:.4rem .8rem;border-left:4px solid #2450a6;background:#f2f5fb;font-size:11.5pt}\
blockquote footer{font-size:8.5pt;color:#5a6475;margin-top:.2rem}\
.value{font-size:13pt;font-weight:700}\
.demo{display:inline-block;background:#fff4d6;color:#6b4d00;border:1px solid #e0c46c;border-radius:4px;padding:0 .4rem;font-size:8.5pt}\
svg{width:100%;height:auto;display:block}\
.sources{margin-top:1rem;border-top:1px solid #ccd3e0;padding-top:.4rem}";

/// The weekly bars: opened (blue) and resolved (green) requests.
pub fn chart_svg(weeks: &[WeekVolume]) -> String {
    let (w, h, pad) = (640.0_f64, 120.0_f64, 16.0_f64);
    let max = WeekVolume::peak(weeks) as f64;
    let slot = (w - 2.0 * pad) / weeks.len().max(1) as f64;
    let bar = ((slot - 4.0) / 2.0).max(1.0);
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="The pilot's requests per week: opened in blue, resolved in green">"#
    );
    for (i, v) in weeks.iter().enumerate() {
        let x = pad + i as f64 * slot + 2.0;
        for (j, (n, colour, what)) in [
            (v.opened, "#3b6fd9", "opened"),
            (v.resolved, "#2a9d70", "resolved"),
        ]
        .into_iter()
        .enumerate()
        {
            let bh = n as f64 / max * (h - 2.0 * pad);
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{bar:.1}" height="{bh:.1}" fill="{colour}"><title>Week of {}: {n} {what}</title></rect>"#,
                x + j as f64 * bar,
                h - pad - bh,
                esc(&v.week),
            );
        }
    }
    let _ = write!(
        svg,
        r##"<line x1="{pad}" y1="{0}" x2="{1}" y2="{0}" stroke="#8a93a6" stroke-width="0.5"/>"##,
        h - pad,
        w - pad
    );
    if let (Some(first), Some(last)) = (weeks.first(), weeks.last()) {
        let _ = write!(
            svg,
            r##"<text x="{pad}" y="{}" font-size="9" fill="#5a6475">{}</text><text x="{}" y="{}" font-size="9" fill="#5a6475" text-anchor="end">{}</text>"##,
            h - 3.0,
            esc(&first.week),
            w - pad,
            h - 3.0,
            esc(&last.week)
        );
    }
    svg.push_str("</svg>");
    svg
}

fn tile(t: &ResultTile) -> String {
    let class = match t.improved {
        Some(true) => " better",
        Some(false) => " worse",
        None => "",
    };
    format!(
        "<div class=\"tile\"><h3>{}</h3><div class=\"after{class}\">{}</div><div class=\"small\">{}</div><div class=\"before\">Before: {} ({})</div></div>",
        esc(&t.label),
        esc(&t.after.shown),
        esc(&t.after.sample),
        esc(&t.before.shown),
        esc(&t.before.sample),
    )
}

/// The page.
pub fn html(story: &Story) -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>",
    );
    out.push_str(&esc(&story.headline.text));
    out.push_str(" \u{2014} success story</title><style>");
    out.push_str(STYLE);
    out.push_str("</style></head><body><header><p>");
    out.push_str(&esc(&sentences::kicker(story)));
    out.push_str("</p>");
    if story.demo {
        out.push_str("<span class=\"demo\">Demo data</span>");
    }
    let _ = write!(out, "<h1>{}</h1></header>", esc(&story.headline.text));
    let _ = write!(
        out,
        "<h2>The challenge</h2><p>{}</p>",
        esc(&story.challenge.text)
    );
    // The forms stand beside the solution's text. The pictures are drawn
    // by the core with every label escaped (`form_picture`), so they are
    // inlined as they are.
    out.push_str("<h2>The solution</h2><div class=\"forms\">");
    for s in story.services.iter().filter(|s| !s.form_svg.is_empty()) {
        let _ = write!(
            out,
            "<figure role=\"img\" aria-label=\"{}\">{}</figure>",
            html_escape::encode_double_quoted_attribute(&format!("The request form of {}", s.name)),
            s.form_svg
        );
    }
    let _ = write!(out, "</div><p>{}</p><ul>", esc(&story.solution.text));
    for s in &story.services {
        let _ = write!(out, "<li>{}</li>", esc(&sentences::service(s)));
    }
    out.push_str("</ul><h2 class=\"results\">The results</h2><div class=\"tiles\">");
    for t in &story.results {
        out.push_str(&tile(t));
    }
    let _ = write!(out, "</div><p class=\"small\">{}</p>", esc(&story.verdict));
    for w in &story.warnings {
        let _ = write!(out, "<p class=\"small\">{}</p>", esc(w));
    }
    out.push_str(
        "<p class=\"small\">The pilot's requests per week (blue opened, green resolved)</p>",
    );
    out.push_str(&chart_svg(&story.chart));
    out.push_str("<h2>The value</h2>");
    match (&story.value, &story.value_missing) {
        (Some(v), _) => {
            let _ = write!(
                out,
                "<p class=\"value\">{}</p><p class=\"small\">{}</p>",
                esc(&sentences::value_headline(v)),
                esc(&sentences::value_basis(v))
            );
        }
        (None, Some(reason)) => {
            let _ = write!(out, "<p class=\"small\">{}</p>", esc(reason));
        }
        (None, None) => {}
    }
    if let Some(q) = &story.quote {
        let _ = write!(
            out,
            "<blockquote><p>\u{201c}{}\u{201d}</p><footer>{}</footer></blockquote>",
            esc(&q.comment),
            esc(&sentences::attribution(q))
        );
    }
    let _ = write!(
        out,
        "<h2>Next steps</h2><p>{}</p>",
        esc(&story.next_steps_text.text)
    );
    if !story.next_steps.is_empty() {
        out.push_str("<ul>");
        for n in &story.next_steps {
            let _ = write!(out, "<li>{}</li>", esc(&sentences::next_step(n)));
        }
        out.push_str("</ul>");
    }
    let _ = writeln!(
        out,
        "<p class=\"small sources\">{}</p></body></html>",
        esc(&sentences::sources(story))
    );
    out
}

pub fn write_html(story: &Story, path: &Path) -> Result<()> {
    std::fs::write(path, html(story)).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}
