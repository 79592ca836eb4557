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
