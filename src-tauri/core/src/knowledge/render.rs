//! An article's Markdown in a form that is safe to show: only a small
//! subset of Markdown comes through (paragraphs, headings, emphasis,
//! lists, quotes, code, rules and links to http, https or mailto
//! addresses). Raw HTML is shown as the text it is, images as their
//! description, and a link to any other kind of address as its words
//! alone, so an article can neither run script nor load anything.
//!
//! Pages get the article as a tree of [`ArticleNode`]s, which they draw element by
//! element with every text as text: no page ever inserts HTML. [`to_html`]
//! gives the same subset as HTML for documents made outside a page.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What one node of a shown article is; a page draws each as the element
/// of the same name, and `text` as a text node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ArticleNodeKind {
    P,
    H1,
    H2,
    H3,
    H4,
    Ul,
    Ol,
    Li,
    Blockquote,
    Pre,
    Code,
    Strong,
    Em,
    /// A link; its address is in `href`, always http, https or mailto.
    A,
    Hr,
    Br,
    /// A piece of text, in `text`.
    Text,
    /// A container with no meaning of its own (a part of Markdown outside
    /// the subset), drawn as its content.
    Span,
}

/// One node of an article's body (see the module's documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArticleNode {
    pub kind: ArticleNodeKind,
    /// The text of a `text` node; empty for the others.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// The address of a link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub href: Option<String>,
    #[serde(default)]
    pub children: Vec<ArticleNode>,
}

impl ArticleNode {
    fn new(kind: ArticleNodeKind) -> ArticleNode {
        ArticleNode {
            kind,
            text: String::new(),
            href: None,
            children: Vec::new(),
        }
    }

    fn text(text: &str) -> ArticleNode {
        ArticleNode {
            text: text.to_owned(),
            ..ArticleNode::new(ArticleNodeKind::Text)
        }
    }
}

/// `markdown` as a tree of nodes (see the module's documentation).
pub fn to_nodes(markdown: &str) -> Vec<ArticleNode> {
    // The root collects the top-level blocks; every start pushes a node and
    // every end pops it into its parent. The safe events are balanced (a
    // dropped link drops its end too), so the stack never runs dry.
    let mut stack = vec![ArticleNode::new(ArticleNodeKind::Span)];
    for event in safe_events(markdown) {
        match event {
            Event::Start(tag) => stack.push(start(tag)),
            Event::End(_) if stack.len() > 1 => {
                let node = stack.pop().expect("more than the root");
                push(&mut stack, node);
            }
            Event::Text(text) => push(&mut stack, ArticleNode::text(&text)),
            Event::Code(text) => {
                let mut code = ArticleNode::new(ArticleNodeKind::Code);
                code.children.push(ArticleNode::text(&text));
                push(&mut stack, code);
            }
            Event::SoftBreak => push(&mut stack, ArticleNode::text("\n")),
            Event::HardBreak => push(&mut stack, ArticleNode::new(ArticleNodeKind::Br)),
            Event::Rule => push(&mut stack, ArticleNode::new(ArticleNodeKind::Hr)),
            // The safe events hold nothing else that shows.
            _ => {}
        }
    }
    while stack.len() > 1 {
        let node = stack.pop().expect("more than the root");
        push(&mut stack, node);
    }
    stack.pop().map(|root| root.children).unwrap_or_default()
}

fn push(stack: &mut [ArticleNode], node: ArticleNode) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

fn start(tag: Tag<'_>) -> ArticleNode {
    use ArticleNodeKind::*;
    match tag {
        Tag::Paragraph => ArticleNode::new(P),
        Tag::Heading { level, .. } => ArticleNode::new(match level {
            HeadingLevel::H1 => H1,
            HeadingLevel::H2 => H2,
            HeadingLevel::H3 => H3,
            _ => H4,
        }),
        Tag::BlockQuote(_) => ArticleNode::new(Blockquote),
        // A code block's text keeps its line breaks in a `pre`.
        Tag::CodeBlock(_) => ArticleNode::new(Pre),
        Tag::List(Some(_)) => ArticleNode::new(Ol),
        Tag::List(None) => ArticleNode::new(Ul),
        Tag::Item => ArticleNode::new(Li),
        Tag::Emphasis => ArticleNode::new(Em),
        Tag::Strong => ArticleNode::new(Strong),
        Tag::Link { dest_url, .. } => ArticleNode {
            href: Some(dest_url.to_string()),
            ..ArticleNode::new(A)
        },
        _ => ArticleNode::new(Span),
    }
}

/// The addresses a link may point to.
const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// `markdown` as safe HTML (see the module's documentation).
pub fn to_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, safe_events(markdown));
    out
}

/// The Markdown parser's events with everything outside the subset turned
/// into text or dropped.
fn safe_events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    // No extension is turned on: tables, footnotes, task lists and the
    // like stay plain text, which keeps the subset small and known.
    let parser = Parser::new_ext(markdown, Options::empty());
    let mut kept_links: Vec<bool> = Vec::new();
    parser.filter_map(move |event| match event {
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
    })
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
