//! An article's Markdown as HTML that is safe to put in a page: only a
//! small subset of Markdown comes through (paragraphs, headings,
//! emphasis, lists, quotes, code, rules and links to http, https or
//! mailto addresses). Raw HTML is shown as the text it is, images as their
//! description, and a link to any other kind of address as its words
//! alone, so an article can neither run script nor load anything.

use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The addresses a link may point to.
const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// `markdown` as safe HTML (see the module's documentation).
pub fn to_html(markdown: &str) -> String {
    // No extension is turned on: tables, footnotes, task lists and the
    // like stay plain text, which keeps the subset small and known.
    let parser = Parser::new_ext(markdown, Options::empty());
    let mut kept_links: Vec<bool> = Vec::new();
    let events = parser.filter_map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Some(Event::Text(text)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = allowed(link_type, &dest_url);
            kept_links.push(keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => kept_links
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        // An image would load from anywhere; its description is kept as
        // text, which the image's inner events already are.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::InlineMath(text) | Event::DisplayMath(text) => Some(Event::Code(text)),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// Whether a link's address is one a reader may follow: an e-mail
/// autolink, or an absolute address whose scheme is in [`SCHEMES`].
fn allowed(link_type: LinkType, dest: &CowStr<'_>) -> bool {
    if link_type == LinkType::Email {
        return true;
    }
    // The URL parser drops tabs and line breaks the way browsers do, so
    // "java\tscript:" is read as the browser would read it.
    url::Url::parse(dest).is_ok_and(|url| SCHEMES.contains(&url.scheme()))
}
