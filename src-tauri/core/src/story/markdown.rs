//! The story as Markdown, for a newsletter or a wiki page. Text from the
//! workspace is escaped, so a name with `*` or `[` stays plain text and
//! nothing in it becomes a link, a heading or HTML.

use std::fmt::Write;
use std::path::Path;

use super::{sentences, Story};
use crate::error::{Error, Result};

/// Plain text as Markdown that renders as that text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

pub fn markdown(story: &Story) -> String {
    let e = |s: &str| escape(s);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", e(&story.headline.text));
    let _ = writeln!(out, "*{}*\n", e(&sentences::kicker(story)));
    if story.demo {
        out.push_str("> **Demo data:** generated sample data, not real requests\\.\n\n");
    }
    let _ = writeln!(out, "## The challenge\n\n{}\n", e(&story.challenge.text));
    let _ = writeln!(out, "## The solution\n\n{}\n", e(&story.solution.text));
    for s in &story.services {
        let _ = writeln!(out, "- {}", e(&sentences::service(s)));
    }
    out.push_str("\n## The results\n\n| Measure | Before | After |\n|---|---|---|\n");
    for t in &story.results {
        let _ = writeln!(
            out,
            "| {} | {} ({}) | {} ({}) |",
            e(&t.label),
            e(&t.before.shown),
            e(&t.before.sample),
            e(&t.after.shown),
            e(&t.after.sample)
        );
    }
    let _ = writeln!(out, "\n{}\n", e(&story.verdict));
    for w in &story.warnings {
        let _ = writeln!(out, "*{}*\n", e(w));
    }
    if !story.chart.is_empty() {
        out.push_str("Requests per week during the pilot (opened / resolved): ");
        let weeks: Vec<String> = story
            .chart
            .iter()
            .map(|w| format!("{} {}/{}", e(&w.week), w.opened, w.resolved))
            .collect();
        let _ = writeln!(out, "{}\n", weeks.join(", "));
    }
    out.push_str("## The value\n\n");
    match (&story.value, &story.value_missing) {
        (Some(v), _) => {
            let _ = writeln!(
                out,
                "**{}**\n\n{}\n",
                e(&sentences::value_headline(v)),
                e(&sentences::value_basis(v))
            );
        }
        (None, Some(reason)) => {
            let _ = writeln!(out, "{}\n", e(reason));
        }
        (None, None) => {}
    }
    if let Some(q) = &story.quote {
        let _ = writeln!(
            out,
            "> “{}”\n>\n> — {}\n",
            e(&q.comment),
            e(&sentences::attribution(q))
        );
    }
    let _ = writeln!(out, "## Next steps\n\n{}\n", e(&story.next_steps_text.text));
    for n in &story.next_steps {
        let _ = writeln!(out, "- {}", e(&sentences::next_step(n)));
    }
    let _ = writeln!(out, "\n---\n\n*{}*", e(&sentences::sources(story)));
    out
}

pub fn write_markdown(story: &Story, path: &Path) -> Result<()> {
    std::fs::write(path, markdown(story)).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}
