//! Long lists: a table of thousands of rows keeps only the rows in view in
//! the page, sorts by a column, and moves between rows with the keyboard.

use pilot_core::directory::{create_person, PersonInput, Role};
use pilot_core::Workspace;
use pilot_e2e::{App, Profile, WebDriverResult};
use thirtyfour::Key;

/// How many people the seeded directory holds.
const PEOPLE: usize = 3_000;

/// A workspace whose directory holds `PEOPLE` people, named so that their
/// order is plain: `Person 0001` … `Person 3000`.
fn crowded_workspace(profile: &Profile) -> String {
    let path = profile.path("Crowded pilot.pilot");
    let mut ws = Workspace::create(&path).expect("a new workspace");
    for n in 1..=PEOPLE {
        let input = PersonInput {
            name: format!("Person {n:04}"),
            email: format!("person{n:04}@example.org"),
            department_id: None,
            manager_id: None,
            roles: vec![Role::Requester],
        };
        create_person(&mut ws, input).expect("a person is added");
    }
    path.to_string_lossy().into_owned()
}

#[tokio::test]
async fn a_directory_of_thousands_shows_only_the_rows_in_view_and_sorts_and_moves_by_keyboard(
) -> WebDriverResult<()> {
    let profile = Profile::new();
    let path = crowded_workspace(&profile);
    let mut app = App::launch_with_args(&profile, "long-list", &[&path]).await?;
    super::dismiss_welcome(&app).await?;
    app.click("[data-testid=nav-directory]").await?;
    app.click("[data-testid=tab-people]").await?;
    app.wait_text("[data-testid=person-row]", "Person 0001")
        .await?;

    let table = app.el("[data-testid=person-table]").await?;
    let count = table.attr("aria-rowcount").await?.unwrap_or_default();
    assert_eq!(
        count,
        (PEOPLE + 1).to_string(),
        "every person counts as a row"
    );
    let drawn = app.all("[data-testid=person-row]").await?.len();
    assert!(
        drawn < 100,
        "only the rows in view are in the page, not {drawn}"
    );
    app.shot("people-top").await?;

    // Sorting by name twice puts the last name first.
    app.click_button("Name").await?;
    app.click_button("Name").await?;
    app.wait_text("[data-testid=person-name]", "Person 3000")
        .await?;
    let first = app.texts("[data-testid=person-name]").await?;
    assert_eq!(first.first().map(String::as_str), Some("Person 3000"));
    app.shot("people-sorted-descending").await?;

    // From the first row, End goes to the last one, bringing it into the page.
    app.click("[data-testid=person-name]").await?;
    app.press(Key::End).await?;
    app.wait_text("[data-testid=person-row]", "Person 0001")
        .await?;
    let focused = app
        .el("[data-testid=person-row]:focus")
        .await?
        .text()
        .await?;
    assert!(
        focused.contains("Person 0001"),
        "the last row has focus: {focused}"
    );
    let drawn = app.all("[data-testid=person-row]").await?.len();
    assert!(drawn < 100, "still only the rows in view, not {drawn}");
    app.shot("people-last-row-focused").await?;

    // Enter on a row opens it for editing.
    app.press(Key::Enter).await?;
    app.el("[data-testid=person-form]").await?;
    app.shot("people-row-opened").await?;
    app.quit().await
}
