//! Browsing the catalog: filters by category, department, status and text,
//! the list of categories, and content that must be kept exactly as typed.

mod catalog_support;

use catalog_support::*;
use pilot_core::catalog::{self, CatalogFilter, FieldType, Status};
use serde_json::json;

/// Adds a ready item with a name, category and department; publishes it
/// when asked.
fn add(f: &mut Fixture, name: &str, category: &str, dept: i64, publish: bool) -> i64 {
    let item = catalog::create(f, name).unwrap();
    let mut input = ready_input(dept);
    input.name = name.into();
    input.category = category.into();
    catalog::update(f, item.id, input).unwrap();
    if publish {
        catalog::publish(f, item.id).unwrap();
    }
    item.id
}

fn names(f: &Fixture, filter: CatalogFilter) -> Vec<String> {
    catalog::list(f, &filter)
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect()
}

#[test]
fn the_list_is_filtered_by_category_department_status_and_text() {
    let mut f = workspace();
    let finance = add_department(&mut f, "Finance", true);
    let hr = f.hr;
    add(&mut f, "Onboarding", "People", hr, true);
    add(&mut f, "Offboarding", "people", hr, false);
    add(&mut f, "Expense claim", "Money", finance, true);
    let retired = add(&mut f, "Petty cash", "Money", finance, true);
    catalog::retire(&mut f, retired).unwrap();

    assert_eq!(
        names(&f, CatalogFilter::default()),
        ["Expense claim", "Petty cash", "Offboarding", "Onboarding"]
    );
    let by_category = CatalogFilter {
        category: Some("PEOPLE".into()),
        ..CatalogFilter::default()
    };
    assert_eq!(names(&f, by_category), ["Offboarding", "Onboarding"]);
    let by_department = CatalogFilter {
        department_id: Some(finance),
        ..CatalogFilter::default()
    };
    assert_eq!(names(&f, by_department), ["Expense claim", "Petty cash"]);
    let published = CatalogFilter {
        status: Some(Status::Published),
        ..CatalogFilter::default()
    };
    assert_eq!(names(&f, published), ["Expense claim", "Onboarding"]);
    let text = CatalogFilter {
        query: " BOARD ".into(),
        status: Some(Status::Draft),
        ..CatalogFilter::default()
    };
    assert_eq!(names(&f, text), ["Offboarding"]);
    let by_description = CatalogFilter {
        query: "current employee".into(),
        department_id: Some(hr),
        ..CatalogFilter::default()
    };
    assert_eq!(names(&f, by_description), ["Offboarding", "Onboarding"]);

    let summary = &catalog::list(&f, &CatalogFilter::default()).unwrap()[0];
    assert_eq!(summary.department_name.as_deref(), Some("Finance"));
    assert_eq!(summary.published_version, Some(1));
    assert!(!summary.has_unpublished_changes);
}

#[test]
fn a_text_query_takes_wildcards_literally() {
    let mut f = workspace();
    let hr = f.hr;
    add(&mut f, "100% remote setup", "", hr, false);
    add(&mut f, "Desk_booking", "", hr, false);
    add(&mut f, "Parking", "", hr, false);
    let q = |s: &str| CatalogFilter {
        query: s.into(),
        ..CatalogFilter::default()
    };
    assert_eq!(names(&f, q("%")), ["100% remote setup"]);
    assert_eq!(names(&f, q("_")), ["Desk_booking"]);
}

#[test]
fn categories_are_listed_once_each_alphabetically() {
    let mut f = workspace();
    let hr = f.hr;
    add(&mut f, "A", "Travel", hr, false);
    add(&mut f, "B", "equipment", hr, false);
    add(&mut f, "C", "Equipment", hr, false);
    add(&mut f, "D", "", hr, false);
    add(&mut f, "E", "  Access  ", hr, false);
    let categories = catalog::categories(&f).unwrap();
    assert_eq!(categories.len(), 3);
    assert_eq!(categories[0], "Access");
    assert!(categories[1].eq_ignore_ascii_case("equipment"));
    assert_eq!(categories[2], "Travel");
}

#[test]
fn html_and_script_are_stored_verbatim_everywhere() {
    let mut f = workspace();
    let hostile = "<img src=x onerror=alert(1)>";
    let script = "<script>alert('x')</script>";
    let item = ready_item(&mut f);
    let mut input = item.input();
    input.name = hostile.into();
    input.short_description = script.into();
    input.long_description = format!("{hostile}\n{script}");
    input.category = hostile.into();
    input.fulfilment.assignment_group = script.into();
    input.fulfilment.tasks = vec![hostile.into()];
    input.form.fields[0].label = hostile.into();
    input.form.fields[0].help = script.into();
    input.form.fields[0].choices[0].label = hostile.into();
    input.form.fields[2].section = Some(script.into());
    let mut extra = field("", hostile, FieldType::Text);
    extra.default = Some(json!(script));
    input.form.fields.push(extra);
    catalog::update(&mut f, item.id, input).unwrap();
    let published = catalog::publish(&mut f, item.id).unwrap();

    assert_eq!(published.name, hostile);
    assert_eq!(published.short_description, script);
    assert_eq!(published.long_description, format!("{hostile}\n{script}"));
    assert_eq!(published.category, hostile);
    assert_eq!(published.fulfilment.assignment_group, script);
    assert_eq!(published.fulfilment.tasks, [hostile]);
    let form = &catalog::version(&f, item.id, 1).unwrap().form;
    assert_eq!(form.fields[0].label, hostile);
    assert_eq!(form.fields[0].help, script);
    assert_eq!(form.fields[0].choices[0].label, hostile);
    assert_eq!(form.fields[0].choices[0].id, "laptop");
    assert_eq!(form.fields[2].section.as_deref(), Some(script));
    assert_eq!(form.fields[3].label, hostile);
    assert_eq!(form.fields[3].key, "img_src_x_onerror_alert_1");
    assert_eq!(form.fields[3].default, Some(json!(script)));
    assert_eq!(
        names(
            &f,
            CatalogFilter {
                query: "onerror".into(),
                ..Default::default()
            }
        ),
        [hostile]
    );
    assert_eq!(catalog::categories(&f).unwrap(), [hostile]);
}
