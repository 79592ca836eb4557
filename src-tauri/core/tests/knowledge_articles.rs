//! Knowledge articles: what an article must be, who sees it (only
//! published ones reach the portal), how search matches, how readers'
//! answers become deflections, and that the Markdown a body holds comes
//! out as safe HTML. Every test works on a real workspace file.

use pilot_core::catalog::{self, ItemInput};
use pilot_core::knowledge::{self, Article, ArticleFilter, ArticleInput, ArticleNodeKind, Status};
use pilot_core::{Error, Workspace};
use pilot_fixtures::{department, person, round_the_clock, utc, Scratch};

// ---------------------------------------------------------------- helpers

struct Hr {
    scratch: Scratch,
    department: i64,
    item: i64,
    ann: i64,
}

/// A workspace with Human Resources, its "Payslip copy" service and Ann.
fn hr() -> Hr {
    let mut scratch = Scratch::new();
    let ws = &mut scratch.ws;
    let department = department(ws, "Human Resources", round_the_clock());
    let ann = person(ws, "Ann Berg", None);
    let item = catalog::create(ws, "Payslip copy").unwrap().id;
    let mut input = ItemInput::draft("Payslip copy");
    input.department_id = Some(department);
    catalog::update(ws, item, input).unwrap();
    Hr {
        scratch,
        department,
        item,
        ann,
    }
}

fn input(hr: &Hr, title: &str, body: &str) -> ArticleInput {
    ArticleInput {
        department_id: hr.department,
        catalog_item_id: Some(hr.item),
        title: title.into(),
        body: body.into(),
        owner_id: Some(hr.ann),
        review_date: "2027-06-30".into(),
    }
}

fn write(hr: &mut Hr, title: &str, body: &str) -> Article {
    let input = input(hr, title, body);
    knowledge::create(&mut hr.scratch.ws, &input, utc("2026-11-30T10:00:00Z")).unwrap()
}

fn publish(ws: &mut Workspace, id: i64) -> Article {
    knowledge::set_status(ws, id, Status::Published, utc("2026-11-30T11:00:00Z")).unwrap()
}

fn invalid<T: std::fmt::Debug>(result: pilot_core::Result<T>) -> (String, String) {
    match result {
        Err(Error::Invalid { field, message }) => (field, message),
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}

fn titles(ws: &Workspace, filter: &ArticleFilter) -> Vec<String> {
    knowledge::list(ws, filter)
        .unwrap()
        .into_iter()
        .map(|a| a.title)
        .collect()
}

// ---------------------------------------------------------------- writing

#[test]
fn a_new_article_is_a_draft_with_its_department_item_owner_and_review_date() {
    let mut hr = hr();
    let article = write(&mut hr, "  Where is my payslip?  ", "In the *HR* folder.");
    assert_eq!(article.status, Status::Draft);
    assert_eq!(article.title, "Where is my payslip?");
    assert_eq!(article.department_name, "Human Resources");
    assert_eq!(article.catalog_item_name.as_deref(), Some("Payslip copy"));
    assert_eq!(article.owner_name.as_deref(), Some("Ann Berg"));
    assert_eq!(article.review_date, "2027-06-30");
    assert_eq!((article.answered, article.not_answered), (0, 0));

    let reopened = knowledge::get(&hr.scratch.ws, article.id).unwrap();
    assert_eq!(reopened, article);
}

#[test]
fn an_article_needs_a_title_and_a_real_review_date() {
    let mut hr = hr();
    let now = utc("2026-11-30T10:00:00Z");
    let untitled = input(&hr, "   ", "Text");
    let (field, message) = invalid(knowledge::create(&mut hr.scratch.ws, &untitled, now));
    assert_eq!(field, "title");
    assert_eq!(message, "Give the article a title.");

    let mut undated = input(&hr, "Payslips", "Text");
    undated.review_date = "30.06.2027".into();
    let (field, message) = invalid(knowledge::create(&mut hr.scratch.ws, &undated, now));
    assert_eq!(field, "reviewDate");
    assert!(
        message.contains("30.06.2027") && message.contains("YYYY-MM-DD"),
        "{message}"
    );
}

#[test]
fn an_article_cannot_answer_another_departments_service_or_name_a_missing_owner() {
    let mut hr = hr();
    let now = utc("2026-11-30T10:00:00Z");
    let it = department(&mut hr.scratch.ws, "IT", round_the_clock());
    let mut elsewhere = input(&hr, "Payslips", "Text");
    elsewhere.department_id = it;
    let (field, message) = invalid(knowledge::create(&mut hr.scratch.ws, &elsewhere, now));
    assert_eq!(field, "catalogItemId");
    assert!(
        message.contains("Payslip copy") && message.contains("IT"),
        "{message}"
    );

    let mut ownerless = input(&hr, "Payslips", "Text");
    ownerless.owner_id = Some(9999);
    let (field, message) = invalid(knowledge::create(&mut hr.scratch.ws, &ownerless, now));
    assert_eq!(field, "ownerId");
    assert!(message.contains("9999"), "{message}");
    assert!(titles(&hr.scratch.ws, &ArticleFilter::default()).is_empty());
}

#[test]
fn an_article_without_text_is_not_published() {
    let mut hr = hr();
    let empty = write(&mut hr, "Payslips", "  ");
    let (field, _) = invalid(knowledge::set_status(
        &mut hr.scratch.ws,
        empty.id,
        Status::Published,
        utc("2026-11-30T11:00:00Z"),
    ));
    assert_eq!(field, "body");
    assert_eq!(
        knowledge::get(&hr.scratch.ws, empty.id).unwrap().status,
        Status::Draft
    );
}

#[test]
fn deleting_an_article_removes_it_and_its_feedback() {
    let mut hr = hr();
    let article = write(&mut hr, "Payslips", "Text");
    publish(&mut hr.scratch.ws, article.id);
    knowledge::record_feedback(
        &mut hr.scratch.ws,
        article.id,
        true,
        None,
        utc("2026-12-01T09:00:00Z"),
    )
    .unwrap();
    knowledge::delete(&mut hr.scratch.ws, article.id).unwrap();
    assert!(matches!(
        knowledge::get(&hr.scratch.ws, article.id),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(knowledge::deflections(&hr.scratch.ws, None).unwrap(), 0);
}

// ---------------------------------------------------------------- finding

#[test]
fn search_matches_words_in_the_title_or_the_body_ignoring_case() {
    let mut hr = hr();
    write(&mut hr, "Where is my payslip?", "Look in the HR folder.");
    write(
        &mut hr,
        "Holidays",
        "Ask your manager; PAYSLIP questions go to HR.",
    );
    write(&mut hr, "Parking", "Spaces are on level 2.");
    let search = |query: &str| ArticleFilter {
        query: query.into(),
        ..ArticleFilter::default()
    };
    assert_eq!(
        titles(&hr.scratch.ws, &search("payslip")),
        ["Holidays", "Where is my payslip?"]
    );
    assert_eq!(titles(&hr.scratch.ws, &search("level 2")), ["Parking"]);
    assert!(titles(&hr.scratch.ws, &search("100%")).is_empty());
}

#[test]
fn the_portal_sees_only_published_articles_of_its_department() {
    let mut hr = hr();
    let draft = write(&mut hr, "Draft", "Not ready.");
    let ready = write(&mut hr, "Ready", "Ready **now**.");
    publish(&mut hr.scratch.ws, ready.id);
    let it = department(&mut hr.scratch.ws, "IT", round_the_clock());
    let mut other = input(&hr, "Printers", "Ready too.");
    other.department_id = it;
    other.catalog_item_id = None;
    let other = knowledge::create(&mut hr.scratch.ws, &other, utc("2026-11-30T10:00:00Z")).unwrap();
    publish(&mut hr.scratch.ws, other.id);

    let shown = knowledge::published(&hr.scratch.ws, hr.department, "").unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].id, ready.id);
    assert_eq!(shown[0].catalog_item_id, Some(hr.item));
    assert_eq!(outline(&shown[0].body), r#"p("Ready " strong("now") ".")"#);

    // Taking it back to a draft takes it off the portal.
    knowledge::set_status(
        &mut hr.scratch.ws,
        ready.id,
        Status::Draft,
        utc("2026-12-01T00:00:00Z"),
    )
    .unwrap();
    assert!(knowledge::published(&hr.scratch.ws, hr.department, "")
        .unwrap()
        .is_empty());
    assert_ne!(draft.id, ready.id);
}

// ---------------------------------------------------------------- feedback

#[test]
fn each_yes_from_a_reader_counts_as_a_deflection() {
    let mut hr = hr();
    let article = write(&mut hr, "Payslips", "Text");
    publish(&mut hr.scratch.ws, article.id);
    let at = utc("2026-12-01T09:00:00Z");
    let ws = &mut hr.scratch.ws;
    knowledge::record_feedback(ws, article.id, true, Some(hr.ann), at).unwrap();
    knowledge::record_feedback(ws, article.id, true, None, at).unwrap();
    knowledge::record_feedback(ws, article.id, false, None, at).unwrap();

    let article = knowledge::get(ws, article.id).unwrap();
    assert_eq!((article.answered, article.not_answered), (2, 1));
    assert_eq!(knowledge::deflections(ws, Some(hr.department)).unwrap(), 2);
    assert_eq!(knowledge::deflections(ws, None).unwrap(), 2);
}

#[test]
fn a_draft_cannot_be_answered() {
    let mut hr = hr();
    let draft = write(&mut hr, "Payslips", "Text");
    let result = knowledge::record_feedback(
        &mut hr.scratch.ws,
        draft.id,
        true,
        None,
        utc("2026-12-01T09:00:00Z"),
    );
    assert!(matches!(result, Err(Error::NotFound { .. })), "{result:?}");
    assert_eq!(knowledge::deflections(&hr.scratch.ws, None).unwrap(), 0);
}

// ---------------------------------------------------------------- rendering

#[test]
fn markdown_headings_emphasis_lists_code_and_web_links_are_rendered() {
    let html = knowledge::to_html(
        "## Steps\n\n1. Open *Payslips*\n2. Press `Print`\n\n[Intranet](https://intranet.example.org/hr) or <hr@example.org>",
    );
    assert!(html.contains("<h2>Steps</h2>"), "{html}");
    assert!(
        html.contains("<ol>\n<li>Open <em>Payslips</em></li>"),
        "{html}"
    );
    assert!(html.contains("<code>Print</code>"), "{html}");
    assert!(
        html.contains(r#"<a href="https://intranet.example.org/hr">Intranet</a>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a href="mailto:hr@example.org">hr@example.org</a>"#),
        "{html}"
    );
}

#[test]
fn a_script_in_a_body_comes_out_as_text() {
    let block = knowledge::to_html("<script>alert('x')</script>\n\nHello");
    assert!(!block.contains("<script"), "{block}");
    assert!(
        block.contains("&lt;script&gt;alert('x')&lt;/script&gt;"),
        "{block}"
    );

    let inline = knowledge::to_html("Hi <img src=x onerror=alert(1)> there");
    assert!(!inline.contains("<img"), "{inline}");
    assert!(
        inline.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{inline}"
    );
}

#[test]
fn a_javascript_link_is_dropped_and_its_words_kept() {
    for markdown in [
        "[click me](javascript:alert(1))",
        "[click me](JavaScript:alert(1))",
        "[click me](java&#9;script:alert(1))",
        "[click me](data:text/html;base64,PHNjcmlwdD4=)",
        "[click me](/relative/path)",
    ] {
        let html = knowledge::to_html(markdown);
        assert_eq!(html, "<p>click me</p>\n", "{markdown}");
    }
    let autolink = knowledge::to_html("<javascript:alert(1)>");
    assert!(!autolink.contains("href"), "{autolink}");
}

#[test]
fn an_image_shows_as_its_description_and_loads_nothing() {
    let html = knowledge::to_html("![The HR office](https://tracker.example.org/pixel.png)");
    assert_eq!(html, "<p>The HR office</p>\n");
}

// ------------------------------------------------------ the tree pages draw

/// The tree as compact text: `kind(children)`, texts quoted, links with
/// their address.
fn outline(nodes: &[knowledge::ArticleNode]) -> String {
    nodes
        .iter()
        .map(|n| match n.kind {
            ArticleNodeKind::Text => format!("{:?}", n.text),
            kind => {
                let name = serde_json::to_value(kind).unwrap();
                let href = n
                    .href
                    .as_deref()
                    .map(|h| format!("<{h}>"))
                    .unwrap_or_default();
                format!("{}{href}({})", name.as_str().unwrap(), outline(&n.children))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn pages_get_the_same_subset_as_a_tree_of_elements_and_texts() {
    let nodes = knowledge::to_nodes(
        "## Steps\n\n1. Open *Payslips*\n2. Press `Print`\n\n[Intranet](https://intranet.example.org/hr)\n\n---\n\n```\nline one\nline two\n```",
    );
    assert_eq!(
        outline(&nodes),
        r#"h2("Steps") ol(li("Open " em("Payslips")) li("Press " code("Print"))) p(a<https://intranet.example.org/hr>("Intranet")) hr() pre("line one\nline two\n")"#
    );
}

#[test]
fn in_the_tree_a_script_is_a_text_and_an_unsafe_link_only_its_words() {
    let nodes = knowledge::to_nodes(
        "<script>alert('x')</script>\n\nHi <img src=x onerror=alert(1)> [me](javascript:alert(1)) ![pixel](https://t.example.org/p.png)",
    );
    assert_eq!(
        outline(&nodes),
        r#"p("<script>alert('x')</script>\n") p("Hi " "<img src=x onerror=alert(1)>" " " "me" " " "pixel")"#
    );
}
