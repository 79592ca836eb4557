//! The success story: told from the pilot's real numbers, worded by the
//! analyst without figures, exported as HTML, Markdown and one A4 PDF page.

use chrono::{NaiveDate, Utc};
use pilot_core::metrics::{ReportQuery, Scope};
use pilot_core::pilots::PilotInput;
use pilot_core::pilots::{self, PilotState};
use pilot_core::story::{self, Measure, Story, StoryText};
use pilot_core::Paper;
use pilot_core::{catalog, demo, metrics, Workspace};
use tempfile::TempDir;

/// A demo workspace made on a fixed day, so every run sees the same data.
fn demo_workspace(dir: &TempDir) -> Workspace {
    demo::create_on(
        &dir.path().join("Demo.pilot"),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    )
    .unwrap()
}

fn pilot_named(ws: &Workspace, name: &str) -> i64 {
    pilots::list(ws)
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
}

/// The demo's "Onboarding pilot" with `text` saved as the analyst's
/// wording: the folder (kept alive), the workspace, the pilot, its story.
fn onboarding_saved(text: StoryText) -> (TempDir, Workspace, i64, Story) {
    let dir = TempDir::new().unwrap();
    let mut ws = demo_workspace(&dir);
    let id = pilot_named(&ws, "Onboarding pilot");
    let s = story::save(&mut ws, id, text, Utc::now()).unwrap();
    (dir, ws, id, s)
}

#[test]
fn a_finished_pilots_story_has_every_part_told_from_the_data() {
    let dir = TempDir::new().unwrap();
    let ws = demo_workspace(&dir);
    let id = pilot_named(&ws, "Onboarding pilot");
    let s = story::story(&ws, id).unwrap();
    assert_eq!(s.state, PilotState::Ended);
    assert!(s.demo, "a demo story says it is demo data");
    assert_eq!(s.use_case.as_deref(), Some("New hire onboarding"));
    assert!(s.challenge.text.contains("re-keys"), "{}", s.challenge.text);
    assert!(!s.headline.edited);
    assert_eq!(s.services.len(), 1);
    assert!(!s.services[0].fields.is_empty());
    assert!(s.services[0].sla.contains("business days"));
    assert_eq!(s.results.len(), 4);
    let turnaround = &s.results[0];
    assert_eq!(turnaround.measure, Measure::Turnaround);
    assert!(turnaround.before.n > 0 && turnaround.after.n > 0);
    assert!(!s.chart.is_empty());
    let value = s
        .value
        .as_ref()
        .expect("the use case gives the value model");
    assert!(value.estimate.money_per_year > 0.0);
    assert!(value
        .assumptions
        .monthly_volume
        .source
        .starts_with("Measured"));
    assert!(!s.quotes.is_empty(), "the demo's requesters left comments");
    assert!(s.quote.is_none(), "the analyst picks the quote");
    assert!(!s.next_steps.is_empty(), "HR has more on its roadmap");
    assert!(s
        .next_steps
        .iter()
        .all(|n| n.process != "New hire onboarding"));
}

#[test]
fn the_storys_numbers_are_the_reports_numbers_for_the_same_scope_and_period() {
    let dir = TempDir::new().unwrap();
    let ws = demo_workspace(&dir);
    for name in ["Onboarding pilot", "Work orders pilot: warehouses"] {
        let s = story::story(&ws, pilot_named(&ws, name)).unwrap();
        let before = metrics::report(&ws, &s.before_query).unwrap();
        let after = metrics::report(&ws, &s.after_query).unwrap();
        assert_eq!(s.results, story::results(&before, &after));
        let tile = |m| s.results.iter().find(|t| t.measure == m).unwrap();
        let t = tile(Measure::Turnaround);
        assert_eq!(
            t.after.value,
            after.turnaround.value.as_ref().map(|t| t.median_hours)
        );
        assert_eq!(t.after.n, after.turnaround.value.as_ref().unwrap().n);
        let sla = tile(Measure::SlaKept);
        assert_eq!(
            sla.after.value,
            after.sla_kept.value.as_ref().map(|r| r.percent)
        );
        assert_eq!(tile(Measure::Volume).after.n, after.opened);
        assert_eq!(tile(Measure::Volume).before.n, before.opened);
        assert_eq!(s.chart, after.volume);
        let (from, to) = story::period_of(&pilots::get(&ws, s.pilot_id).unwrap());
        assert_eq!(
            (s.after_query.from.clone(), s.after_query.to.clone()),
            (from, to)
        );
    }
}

#[test]
fn a_pilot_of_several_items_is_measured_over_those_items_and_no_others() {
    let dir = TempDir::new().unwrap();
    let mut ws = demo_workspace(&dir);
    let items = catalog::list(&ws, &Default::default()).unwrap();
    let named = |name: &str| items.iter().find(|i| i.name == name).unwrap().id;
    let onboarding = named("New Hire Onboarding");
    let expenses = named("Finance Expense Claim Form");
    let work_orders = named("Facilities Work Orders");
    // Services of different departments, so no department is the scope.
    for (name, a, b) in [
        ("Onboarding and work orders", onboarding, work_orders),
        ("Onboarding and expenses", onboarding, expenses),
    ] {
        let mut input = PilotInput::named(name);
        input.item_ids = vec![a, b];
        input.planned_start = Some("2026-01-01".to_owned());
        let pilot = pilots::create(&mut ws, input, Utc::now()).unwrap();

        let s = story::story(&ws, pilot.id).unwrap();
        assert_eq!(s.after_query.scope, Scope::Pilot { id: pilot.id });
        assert_eq!(s.services.len(), 2);
        assert_eq!(s.scope_label, format!("Pilot {name} (2 catalog items)"));
        for query in [&s.before_query, &s.after_query] {
            let report = |scope| {
                metrics::report(
                    &ws,
                    &ReportQuery {
                        scope,
                        ..query.clone()
                    },
                )
                .unwrap()
                .opened
            };
            let both = report(query.scope.clone());
            assert!(both > 0, "{name}: {query:?}");
            assert_eq!(
                both,
                report(Scope::Item { id: a }) + report(Scope::Item { id: b }),
                "{name}: {query:?}"
            );
        }
        let before = metrics::report(&ws, &s.before_query).unwrap();
        let after = metrics::report(&ws, &s.after_query).unwrap();
        assert_eq!(s.results, story::results(&before, &after));
    }
}

#[test]
fn a_pilot_without_items_has_no_story_and_says_why() {
    let dir = TempDir::new().unwrap();
    let mut ws = demo_workspace(&dir);
    let pilot = pilots::create(&mut ws, PilotInput::named("Empty pilot"), Utc::now()).unwrap();
    let refused = story::story(&ws, pilot.id).unwrap_err().to_string();
    assert!(refused.contains("Empty pilot"), "{refused}");
    assert!(refused.contains("no catalog item"), "{refused}");
}

#[test]
fn the_analysts_wording_and_quote_are_kept_in_the_workspace() {
    let dir = TempDir::new().unwrap();
    let mut ws = demo_workspace(&dir);
    let id = pilot_named(&ws, "Onboarding pilot");
    let quote = story::story(&ws, id).unwrap().quotes[0].clone();
    let saved = story::save(
        &mut ws,
        id,
        StoryText {
            headline: Some("  Onboarding that is ready on day one  ".into()),
            challenge: None,
            solution: Some("One form, one queue.".into()),
            next_steps: None,
            quote_request_id: Some(quote.request_id),
        },
        Utc::now(),
    )
    .unwrap();
    assert_eq!(saved.headline.text, "Onboarding that is ready on day one");
    assert!(saved.headline.edited);
    assert!(!saved.challenge.edited);
    drop(ws);
    let ws = Workspace::open(&dir.path().join("Demo.pilot")).unwrap();
    let again = story::story(&ws, id).unwrap();
    assert_eq!(again.headline, saved.headline);
    assert_eq!(again.solution.text, "One form, one queue.");
    assert_eq!(again.quote.as_ref(), Some(&quote));
}

#[test]
fn a_figure_typed_into_the_story_is_refused_and_nothing_is_saved() {
    let dir = TempDir::new().unwrap();
    let mut ws = demo_workspace(&dir);
    let id = pilot_named(&ws, "Onboarding pilot");
    for text in [
        "Turnaround down 40 %",
        "Half the time (½)",
        "Twice as fast: ٣ days",
    ] {
        let error = story::save(
            &mut ws,
            id,
            StoryText {
                headline: Some(text.into()),
                ..Default::default()
            },
            Utc::now(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("come from the data"), "{error}");
    }
    assert!(!story::story(&ws, id).unwrap().headline.edited);
}

#[test]
fn an_empty_text_goes_back_to_the_generated_one() {
    let dir = TempDir::new().unwrap();
    let mut ws = demo_workspace(&dir);
    let id = pilot_named(&ws, "Onboarding pilot");
    let generated = story::story(&ws, id).unwrap().headline;
    let edit = |headline: &str| StoryText {
        headline: Some(headline.into()),
        ..Default::default()
    };
    story::save(&mut ws, id, edit("Ready on day one"), Utc::now()).unwrap();
    let reset = story::save(&mut ws, id, edit("   "), Utc::now()).unwrap();
    assert_eq!(reset.headline, generated);
}

#[test]
fn only_a_rating_comment_of_the_pilot_can_be_quoted() {
    let dir = TempDir::new().unwrap();
    let mut ws = demo_workspace(&dir);
    let onboarding = pilot_named(&ws, "Onboarding pilot");
    let other = story::story(&ws, pilot_named(&ws, "Work orders pilot: warehouses")).unwrap();
    let foreign = other.quotes[0].request_id;
    let error = story::save(
        &mut ws,
        onboarding,
        StoryText {
            quote_request_id: Some(foreign),
            ..Default::default()
        },
        Utc::now(),
    )
    .unwrap_err();
    assert!(error.to_string().contains("to quote"), "{error}");
}

#[test]
fn the_html_page_is_self_contained_and_escapes_every_string() {
    let (_dir, _, _, s) = onboarding_saved(StoryText {
        headline: Some("<script>alert('x')</script> & <b>bold</b>".into()),
        ..Default::default()
    });
    let page = story::html::html(&s);
    assert!(page.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;"));
    assert!(!page.contains("<script"));
    for outside in [
        "src=", "href=", "url(", "@import", "<link", "<img", "<iframe",
    ] {
        assert!(
            !page.contains(outside),
            "the page refers outside: {outside}"
        );
    }
    assert!(page.contains("Demo data"));
    assert!(page.contains(&s.results[0].after.shown));
    // The solution shows each service's request form, drawn from its
    // definition.
    assert!(page.contains("aria-label=\"The request form of"), "{page}");
    assert!(page.contains("<svg") && page.contains("Submit request"));
    let first = &s.services[0];
    assert!(first.form_svg.starts_with("<svg"));
}

#[test]
fn markdown_keeps_workspace_text_plain() {
    let (_dir, _, _, s) = onboarding_saved(StoryText {
        headline: Some("[Click](javascript:alert) *now* <b>".into()),
        ..Default::default()
    });
    let md = story::markdown::markdown(&s);
    assert!(
        md.starts_with("# \\[Click\\](javascript:alert) \\*now\\* \\<b\\>\n"),
        "{md}"
    );
    assert!(md.contains("| Median turnaround |"));
    assert!(
        md.contains(&s.period) && md.contains(&s.results[0].after.shown),
        "dates and decimals are not escaped: {md}"
    );
    assert!(!md.contains("\\-") && !md.contains("\\."), "{md}");
}

#[test]
fn the_pdf_is_one_a4_page_even_when_every_text_is_as_long_as_allowed() {
    let dir = TempDir::new().unwrap();
    let mut ws = demo_workspace(&dir);
    let id = pilot_named(&ws, "Onboarding pilot");
    let quote = story::story(&ws, id).unwrap().quotes[0].request_id;
    let long = "A long sentence about the department and its work. ".repeat(23);
    let long = long.trim()[..story::TEXT_MAX.min(long.trim().len())].to_owned();
    let s = story::save(
        &mut ws,
        id,
        StoryText {
            headline: Some("word ".repeat(28).trim().to_owned()),
            challenge: Some(long.clone()),
            solution: Some(long.clone()),
            next_steps: Some(long),
            quote_request_id: Some(quote),
        },
        Utc::now(),
    )
    .unwrap();
    let bytes = story::pdf::pdf(&s, Paper::A4);
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/Count 1"), "one page");
    assert!(
        story::pdf::fitting_scale(&s, Paper::A4) < 1.0,
        "the long story is set smaller"
    );
    let normal = story::story(&ws, pilot_named(&ws, "Work orders pilot: warehouses")).unwrap();
    assert_eq!(story::pdf::fitting_scale(&normal, Paper::A4), 1.0);
}

#[test]
fn the_pdf_draws_the_published_request_form_beside_the_solution() {
    let dir = TempDir::new().unwrap();
    let ws = demo_workspace(&dir);
    let s = story::story(&ws, pilot_named(&ws, "Work orders pilot: warehouses")).unwrap();
    let pdf = String::from_utf8_lossy(&story::pdf::pdf(&s, Paper::A4)).into_owned();
    // The form's own words are drawn as text, in the order the form asks.
    let building = pdf.find("(Building) Tj").expect("the first label is drawn");
    let urgency = pdf.find("(Urgency) Tj").expect("a later label is drawn");
    assert!(building < urgency);
    assert!(pdf.contains("(Submit request) Tj"), "the form's button");
    assert!(pdf.contains("( *) Tj"), "required questions are marked");
    assert_eq!(
        story::pdf::fitting_scale(&s, Paper::A4),
        1.0,
        "the form fits beside the text without shrinking the page"
    );
}

#[test]
fn the_same_words_are_offered_once_and_the_picked_request_is_the_one_kept() {
    let dir = TempDir::new().unwrap();
    let mut ws = demo_workspace(&dir);
    let id = pilot_named(&ws, "Onboarding pilot");
    let offered = story::story(&ws, id).unwrap().quotes;
    let mut words: Vec<&str> = offered.iter().map(|q| q.comment.as_str()).collect();
    words.sort_unstable();
    words.dedup();
    assert_eq!(words.len(), offered.len(), "no comment is offered twice");
    let last = offered.last().unwrap().clone();
    let s = story::save(
        &mut ws,
        id,
        StoryText {
            quote_request_id: Some(last.request_id),
            ..Default::default()
        },
        Utc::now(),
    )
    .unwrap();
    assert_eq!(s.quote, Some(last.clone()));
    assert!(s.quotes.contains(&last));
    assert_eq!(s.quotes.len(), offered.len());
}

#[test]
fn next_steps_name_the_departments_roadmap_in_good_english() {
    let dir = TempDir::new().unwrap();
    let ws = demo_workspace(&dir);
    let s = story::story(&ws, pilot_named(&ws, "Onboarding pilot")).unwrap();
    assert!(
        s.next_steps_text
            .text
            .starts_with("Next on Human Resources' roadmap"),
        "{}",
        s.next_steps_text.text
    );
}

/// The MediaBox of a one-page PDF, as written.
fn media_box(pdf: &[u8]) -> String {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("/MediaBox [").expect("a page has a MediaBox") + 11;
    let end = start + text[start..].find(']').unwrap();
    text[start..end].trim().to_owned()
}

#[test]
fn pdfs_on_letter_paper_are_letter_sized_and_on_a4_are_a4() {
    let dir = TempDir::new().unwrap();
    let ws = demo_workspace(&dir);
    let s = story::story(&ws, pilot_named(&ws, "Onboarding pilot")).unwrap();
    assert_eq!(
        media_box(&story::pdf::pdf(&s, Paper::Letter)),
        "0 0 612 792"
    );
    assert_eq!(media_box(&story::pdf::pdf(&s, Paper::A4)), "0 0 595 842");
    let flyer = story::kit::flyer_pdf(&s, None, Paper::Letter);
    assert_eq!(media_box(&flyer), "0 0 612 792");
    assert!(String::from_utf8_lossy(&flyer).contains("/Count 1"));
    let report = metrics::report(&ws, &s.after_query).unwrap();
    assert_eq!(
        media_box(&metrics::pdf::pdf(&report, None, Paper::Letter)),
        "0 0 612 792"
    );
    assert_eq!(Paper::default(), Paper::A4);
}

#[test]
fn the_newsletter_tells_the_headline_the_numbers_before_and_after_the_quote_and_how_to_request() {
    let dir = TempDir::new().unwrap();
    let mut ws = demo_workspace(&dir);
    let id = pilot_named(&ws, "Onboarding pilot");
    let quote = story::story(&ws, id).unwrap().quotes[0].clone();
    let s = story::save(
        &mut ws,
        id,
        StoryText {
            quote_request_id: Some(quote.request_id),
            ..Default::default()
        },
        Utc::now(),
    )
    .unwrap();
    let turnaround = &s.results[0];
    let numbers = format!(
        "{}: {} \u{2192} {}",
        turnaround.label, turnaround.before.shown, turnaround.after.shown
    );
    let html = story::kit::newsletter_html(&s, None);
    let md = story::kit::newsletter_markdown(&s, None);
    for text in [&html, &md] {
        assert!(text.contains(&s.headline.text), "{text}");
        assert!(text.contains(&numbers), "{text}");
        assert!(text.contains(&quote.comment), "{text}");
        assert!(text.contains("Demo data"), "{text}");
    }
    let sponsor = s.sponsor.clone().expect("the demo's pilots have a sponsor");
    let ask = story::kit::how_to_request(&s, None);
    assert!(
        ask.starts_with("To request") && ask.contains(&sponsor),
        "an ended pilot without a portal names whom to ask: {ask}"
    );
    assert!(html.contains(&ask) && md.contains(&ask));
    assert!(!html.contains("<script") && !html.contains("<style"));
    let without = story::save(&mut ws, id, StoryText::default(), Utc::now()).unwrap();
    assert!(!story::kit::newsletter_html(&without, None).contains("blockquote"));
}

#[test]
fn the_portal_address_is_where_to_request_and_only_a_web_address_is_taken() {
    let dir = TempDir::new().unwrap();
    let ws = demo_workspace(&dir);
    let s = story::story(&ws, pilot_named(&ws, "Work orders pilot: all buildings")).unwrap();
    let portal = story::kit::Portal::parse("http://192.168.1.20:8080/").unwrap();
    let ask = story::kit::how_to_request(&s, Some(&portal));
    assert!(ask.contains("http://192.168.1.20:8080/"), "{ask}");
    assert!(ask.contains("personal link"), "{ask}");
    let html = story::kit::newsletter_html(&s, Some(&portal));
    assert!(
        html.contains("<a href=\"http://192.168.1.20:8080/\""),
        "{html}"
    );
    let flyer = story::kit::flyer_html(&s, Some(&portal), Paper::A4);
    assert!(flyer.contains("<p class=\"url\">http://192.168.1.20:8080/</p>"));
    let running = story::kit::how_to_request(&s, None);
    assert!(running.contains("personal link"), "{running}");
    for refused in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://user:secret@host/",
        "not a url",
    ] {
        let error = story::kit::Portal::parse(refused).unwrap_err();
        assert!(
            error.to_string().contains("is not a portal address"),
            "{error}"
        );
    }
}

#[test]
fn the_flyer_names_the_service_what_it_is_for_and_the_headline_result() {
    let dir = TempDir::new().unwrap();
    let ws = demo_workspace(&dir);
    let s = story::story(&ws, pilot_named(&ws, "Onboarding pilot")).unwrap();
    let flyer = story::kit::flyer_html(&s, None, Paper::Letter);
    assert!(flyer.contains(&format!("<h1>{}</h1>", s.services[0].name)));
    assert!(flyer.contains("@page{size:Letter"));
    let result = story::kit::headline_result(&s).expect("the demo pilot improved");
    assert!(
        result.starts_with("Median turnaround down from "),
        "the PDF's fonts have no arrow, so the flyer says it in words: {result}"
    );
    assert!(flyer.contains(&result));
    assert!(flyer.contains(&story::kit::purpose(&s)));
    assert!(flyer.contains("How to request it"));
    let pdf = story::kit::flyer_pdf(&s, None, Paper::A4);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&pdf).contains("/Count 1"));
}

#[test]
fn the_kit_escapes_every_string_and_holds_no_script() {
    let (_dir, _, _, s) = onboarding_saved(StoryText {
        headline: Some("<script>alert('x')</script> & [link](javascript:x)".into()),
        challenge: Some("<img src=x onerror=alert(x)> - *loud*".into()),
        ..Default::default()
    });
    let pages = [
        story::kit::newsletter_html(&s, None),
        story::kit::flyer_html(&s, None, Paper::A4),
    ];
    for page in &pages {
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(page.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp;"));
    }
    assert!(pages[0].contains("&lt;img src=x onerror=alert(x)&gt;"));
    let md = story::kit::newsletter_markdown(&s, None);
    assert!(
        md.starts_with("## \\<script\\>alert('x')\\</script\\> & \\[link\\](javascript:x)\n"),
        "{md}"
    );
    assert!(
        md.contains("\\<img src=x onerror=alert(x)\\> - \\*loud\\*"),
        "{md}"
    );
}
