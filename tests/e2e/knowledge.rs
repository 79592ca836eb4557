//! Knowledge in the real window: the analyst writes an article, publishes it
//! and sees it listed with how many questions it answered.

use pilot_e2e::{App, Profile, WebDriverResult};

#[tokio::test]
async fn an_analyst_writes_and_publishes_an_article_and_sees_it_listed() -> WebDriverResult<()> {
    let profile = Profile::new();
    let mut app = App::launch(&profile, "knowledge-publish").await?;
    super::dismiss_welcome(&app).await?;

    app.click("[data-testid=nav-directory]").await?;
    app.click("[data-testid=tab-departments]").await?;
    app.click("[data-testid=department-new]").await?;
    app.fill("[data-testid=department-name-input]", "Works Council")
        .await?;
    app.click("[data-testid=department-save]").await?;
    app.wait_gone("[data-testid=department-form]").await?;

    app.click("[data-testid=nav-knowledge]").await?;
    app.el("[data-testid=knowledge]").await?;
    app.click("[data-testid=article-new]").await?;
    app.fill("[data-testid=article-title-input]", "Where is my payslip?")
        .await?;
    app.fill(
        "[data-testid=article-body]",
        "Payslips are in the **HR portal** under *Documents*.",
    )
    .await?;
    app.shot("article-editor").await?;
    app.click("[data-testid=article-save]").await?;
    app.wait_gone("[data-testid=article-form]").await?;
    app.wait_text("[data-testid=article-title]", "Where is my payslip?")
        .await?;
    app.wait_text("[data-testid=article-status]", "Draft")
        .await?;

    app.click("[data-testid=article-publish]").await?;
    app.wait_text("[data-testid=article-status]", "Published")
        .await?;
    app.wait_text("[data-testid=article-answered]", "answered 0 questions")
        .await?;
    app.shot("article-published").await?;
    app.quit().await?;
    Ok(())
}

/// In the portal's pages (Chromium): Ann finds an answer beside the service
/// it answers and in the search, reads it as formatted text (never as the
/// markup someone typed into it) and says it answered her question, which
/// counts as a request not made.
#[tokio::test]
async fn portal_pages_an_answer_is_found_read_as_text_and_counted_as_a_question_answered(
) -> WebDriverResult<()> {
    use chrono::Utc;
    use pilot_core::knowledge::{self, ArticleInput, Status};
    use pilot_core::pilots::{self, ParticipantRole};
    use pilot_e2e::Scheme;

    use super::portal_pages::{running_pilot, token, Served};

    let profile = Profile::new();
    let (mut ws, s, pilot, _) = running_pilot(&profile);
    let ann = token(&mut ws, pilot, s.ann, ParticipantRole::Requester);
    let hr = pilots::get(&ws, pilot).unwrap().department_id.unwrap();
    let article = knowledge::create(
        &mut ws,
        &ArticleInput {
            department_id: hr,
            catalog_item_id: Some(s.item),
            title: "Which certificate do I need?".into(),
            body: "A **work certificate** says what you do. <script>alert('x')</script>".into(),
            owner_id: Some(s.hugo),
            review_date: "2027-06-30".into(),
        },
        Utc::now(),
    )
    .unwrap();
    knowledge::set_status(&mut ws, article.id, Status::Published, Utc::now()).unwrap();
    drop(ws);
    let served = Served::start(&s.path, pilot);
    let mut b = App::browser("portal-pages-knowledge", 1280, 900, Scheme::Light).await?;

    b.driver.goto(served.link(&ann)).await?;
    b.wait_text(
        "[data-testid=portal-articles]",
        "Which certificate do I need?",
    )
    .await?;
    // The search finds it by a word of its text.
    b.fill(
        "input[aria-label='Search services']",
        "describes what you do",
    )
    .await?;
    b.wait_text(
        "[data-testid=portal-articles-none]",
        "No answer matches “describes what you do”",
    )
    .await?;
    b.fill("input[aria-label='Search services']", "what you do")
        .await?;
    b.wait_text("[data-testid=portal-article-title]", "Which certificate")
        .await?;

    // Beside the service it answers, before Ann asks.
    b.driver
        .goto(format!("{}/#/services/{}", served.base, s.item))
        .await?;
    let aside = b
        .wait_text(
            "[data-testid=service-articles]",
            "Which certificate do I need?",
        )
        .await?;
    assert!(
        aside.contains("A work certificate says what you do."),
        "{aside}"
    );
    assert!(
        aside.contains("<script>alert('x')</script>"),
        "typed markup shows as text: {aside}"
    );
    let bold = b.all("[data-testid=service-articles] strong").await?;
    assert_eq!(bold.len(), 1, "Markdown's bold is rendered");
    assert!(
        b.all("[data-testid=service-articles] script")
            .await?
            .is_empty(),
        "no script element is made"
    );
    b.shot("before-you-ask").await?;
    b.click("[data-testid=service-articles] [data-testid=article-yes]")
        .await?;
    b.wait_text("[data-testid=article-thanks]", "glad it helped")
        .await?;
    b.shot("answered").await?;
    b.quit().await?;
    // The server stops, and the workspace it held says what was answered.
    drop(served);
    let ws = pilot_core::Workspace::open(std::path::Path::new(&s.path)).unwrap();
    assert_eq!(knowledge::deflections(&ws, Some(hr)).unwrap(), 1);
    Ok(())
}
