//! The story as Markdown, for a newsletter or a wiki page. Text from the
//! workspace is escaped, so a name with `*` or `[` stays plain text and
//! nothing in it becomes a link, a heading or HTML.

use std::fmt::Write;
use std::path::Path;

use super::{sentences, Story};
use crate::error::{Error, Result};

/// Plain text as Markdown that renders as that text, escaping only what
/// Markdown would read as markup, so the file stays pleasant to read as
/// it is ("2026-06-23", "18.5 h" and "e-mail" are left alone): inline
/// markers (`*`, `_`, `` ` ``, `[`, `]`, `~`, `<`, `>`, `|` for tables, `\`),
/// an `&` that would start an entity, and at the start of the text what
/// would begin a heading, a list or a rule (`# `, `- `, `+ `, `---`,
/// `1. ` / `1) `). Line breaks become spaces: a text is one paragraph.
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(text.len() + 8);
    // Where the text starts, after the spaces Markdown ignores there.
    let start = chars.iter().take_while(|c| **c == ' ').count();
    let blank_at = |i: usize| chars.get(i).is_none_or(|c| matches!(c, ' ' | '\t'));
    let run_of = |c: char| chars[start..].iter().take_while(|x| **x == c).count();
    // A heading (`# `), a bullet (`- `, `+ `) or a rule (`---`) starts
    // only with its marker followed by a space or the end.
    let block_marker = match chars.get(start) {
        Some('#') => blank_at(start + run_of('#')),
        Some('-') => blank_at(start + 1) || chars[start..].iter().all(|c| matches!(c, '-' | ' ')),
        Some('+') => blank_at(start + 1),
        _ => false,
    };
    // An ordered item: one to nine digits, `.` or `)`, then a space.
    let digits = run_of_digits(&chars[start..]);
    let ordered_marker = (1..=9)
        .contains(&digits)
        .then_some(start + digits)
        .filter(|&i| matches!(chars.get(i), Some('.' | ')')) && blank_at(i + 1));
    for (i, &c) in chars.iter().enumerate() {
        let line_start = i == start && block_marker;
        let inline = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '<' | '>' | '|'
        );
        let entity = c == '&' && starts_entity(&chars[i + 1..]);
        if line_start || inline || entity || Some(i) == ordered_marker {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn run_of_digits(chars: &[char]) -> usize {
    chars.iter().take_while(|c| c.is_ascii_digit()).count()
}

/// Whether the text after an `&` reads as an HTML entity (`amp;`,
/// `#38;`, `#x26;`), which Markdown would turn into its character.
fn starts_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

pub fn markdown(story: &Story) -> String {
    let e = |s: &str| escape(s);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", e(&story.headline.text));
    let _ = writeln!(out, "*{}*\n", e(&sentences::kicker(story)));
    if story.demo {
        out.push_str("> **Demo data:** generated sample data, not real requests.\n\n");
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

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn dates_decimals_and_hyphens_inside_a_text_are_left_as_they_are() {
        assert_eq!(
            escape("2026-06-23 to 2026-08-04: 18.5 h, e-mail (paper) + forms!"),
            "2026-06-23 to 2026-08-04: 18.5 h, e-mail (paper) + forms!"
        );
    }

    #[test]
    fn what_would_start_a_heading_list_or_quote_is_escaped_at_the_start_only() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(
            escape("- not a bullet - really"),
            "\\- not a bullet - really"
        );
        assert_eq!(escape("+ plus"), "\\+ plus");
        assert_eq!(escape("> not a quote"), "\\> not a quote");
        assert_eq!(escape("2026. A year"), "2026\\. A year");
        assert_eq!(escape("3) three"), "3\\) three");
        assert_eq!(escape("In 2026. A year"), "In 2026. A year");
        assert_eq!(escape("---"), "\\---");
        assert_eq!(escape("220.0 h"), "220.0 h");
        assert_eq!(escape("-5 % and #1"), "-5 % and #1");
    }

    #[test]
    fn inline_markup_and_entities_are_escaped_anywhere() {
        assert_eq!(
            escape("[Click](javascript:x) *now* _b_ `c` ~d~ <b> a|b \\"),
            "\\[Click\\](javascript:x) \\*now\\* \\_b\\_ \\`c\\` \\~d\\~ \\<b\\> a\\|b \\\\"
        );
        assert_eq!(escape("R&D &amp; &#38;"), "R&D \\&amp; \\&#38;");
        assert_eq!(escape("one\ntwo"), "one two");
    }
}
