//! Working a pilot's queue on real workspace files: assigning several
//! requests in one step, and saved views of the queue's filters.

mod pilot_support;

use pilot_core::pilots;
use pilot_core::requests::{self, views, Action, Actor, State, ViewFilter};
use pilot_core::Error;
use pilot_core::Workspace;
use pilot_support::*;

fn refused<T: std::fmt::Debug>(r: pilot_core::Result<T>) -> String {
    match r {
        Err(Error::Invalid { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A running pilot whose item needs no approval, so requests wait in the
/// queue as submitted.
fn without_approvals() -> Pilot {
    let mut p = planned(Vec::new());
    pilots::start(&mut p.ws, p.pilot, utc("2026-03-02T08:00:00Z")).unwrap();
    p
}

fn assignments(p: &Pilot, id: i64) -> Vec<(String, String)> {
    requests::get(&p.ws, id, true, utc("2026-03-05T12:00:00Z"))
        .unwrap()
        .events
        .into_iter()
        .filter(|e| e.kind == "assigned")
        .map(|e| (e.actor_name, e.detail))
        .collect()
}

#[test]
fn bulk_assign_gives_every_chosen_request_its_own_assignment_event() {
    let mut p = without_approvals();
    let ids: Vec<i64> = ["08", "09", "10"]
        .iter()
        .map(|h| p.submit(&format!("2026-03-04T{h}:00:00Z")).id)
        .collect();
    let assigned = requests::assign_many(
        &mut p.ws,
        &[ids[0], ids[2], ids[0]],
        Actor::acting_as(p.fay),
        Some("HR Payroll"),
        Some(p.fay),
        utc("2026-03-04T11:00:00Z"),
    )
    .unwrap();
    assert_eq!(assigned, 2, "a request chosen twice is assigned once");
    for id in [ids[0], ids[2]] {
        let r = requests::get(&p.ws, id, true, utc("2026-03-04T11:00:00Z")).unwrap();
        assert_eq!(r.state, State::InProgress);
        assert_eq!(r.assignment_group, "HR Payroll");
        assert_eq!(r.assignee_name.as_deref(), Some("Fay"));
        assert_eq!(
            assignments(&p, id),
            [("Fay".to_owned(), "HR Payroll · Fay".to_owned())]
        );
    }
    let untouched = requests::get(&p.ws, ids[1], true, utc("2026-03-04T11:00:00Z")).unwrap();
    assert_eq!(untouched.state, State::Submitted);
    assert!(assignments(&p, ids[1]).is_empty());
}

#[test]
fn bulk_assign_to_a_group_alone_keeps_each_request_s_person() {
    let mut p = without_approvals();
    let first = p.submit("2026-03-04T08:00:00Z").id;
    let second = p.submit("2026-03-04T09:00:00Z").id;
    p.act(
        first,
        p.fay,
        Action::Assign {
            group: None,
            assignee: Some(p.fay),
        },
        "2026-03-04T09:30:00Z",
    )
    .unwrap();
    requests::assign_many(
        &mut p.ws,
        &[first, second],
        Actor::acting_as(p.fay),
        Some("  Payroll  "),
        None,
        utc("2026-03-04T10:00:00Z"),
    )
    .unwrap();
    let now = utc("2026-03-04T10:00:00Z");
    let first = requests::get(&p.ws, first, true, now).unwrap();
    let second = requests::get(&p.ws, second, true, now).unwrap();
    assert_eq!(
        (
            first.assignment_group.as_str(),
            first.assignee_name.as_deref()
        ),
        ("Payroll", Some("Fay"))
    );
    assert_eq!(
        (
            second.assignment_group.as_str(),
            second.assignee_name.as_deref()
        ),
        ("Payroll", None)
    );
}

#[test]
fn when_one_request_cannot_be_assigned_none_is_changed_and_the_message_names_it() {
    let mut p = without_approvals();
    let open = p.submit("2026-03-04T08:00:00Z").id;
    let cancelled = p.submit("2026-03-04T09:00:00Z").id;
    p.act(
        cancelled,
        p.ann,
        Action::Cancel {
            reason: "Not needed".into(),
        },
        "2026-03-04T09:10:00Z",
    )
    .unwrap();
    let message = refused(requests::assign_many(
        &mut p.ws,
        &[open, cancelled],
        Actor::acting_as(p.fay),
        None,
        Some(p.fay),
        utc("2026-03-04T10:00:00Z"),
    ));
    assert_eq!(
        message,
        format!(
            "Request #{cancelled}: A request that is cancelled cannot be assigned. \
             None of the requests was changed."
        )
    );
    let r = requests::get(&p.ws, open, true, utc("2026-03-04T10:00:00Z")).unwrap();
    assert_eq!((r.state, r.assignee_id), (State::Submitted, None));
    assert!(assignments(&p, open).is_empty());
}

#[test]
fn bulk_assign_refuses_a_missing_request_a_non_fulfiller_and_an_empty_choice() {
    let mut p = without_approvals();
    let id = p.submit("2026-03-04T08:00:00Z").id;
    let at = utc("2026-03-04T10:00:00Z");
    let message = refused(requests::assign_many(
        &mut p.ws,
        &[id, 9999],
        Actor::acting_as(p.fay),
        None,
        Some(p.fay),
        at,
    ));
    assert!(
        message.starts_with("Request 9999 does not exist")
            && message.ends_with("None of the requests was changed."),
        "{message}"
    );
    let message = refused(requests::assign_many(
        &mut p.ws,
        &[id],
        Actor::acting_as(p.fay),
        None,
        Some(p.ann),
        at,
    ));
    assert!(
        message.starts_with(&format!("Request #{id}: ")) && message.contains("Ann"),
        "{message}"
    );
    let message = refused(requests::assign_many(
        &mut p.ws,
        &[id],
        Actor::acting_as(p.max),
        None,
        Some(p.fay),
        at,
    ));
    assert!(message.contains("Max"), "{message}");
    assert!(refused(requests::assign_many(
        &mut p.ws,
        &[],
        Actor::acting_as(p.fay),
        None,
        Some(p.fay),
        at
    ))
    .contains("at least one request"));
    assert!(refused(requests::assign_many(
        &mut p.ws,
        &[id],
        Actor::acting_as(p.fay),
        Some("  "),
        None,
        at
    ))
    .contains("a person or a group"));
    assert!(assignments(&p, id).is_empty());
}

#[test]
fn a_saved_view_keeps_its_filters_in_the_workspace_file_listed_by_name() {
    let mut p = without_approvals();
    let at = utc("2026-03-04T10:00:00Z");
    let risky = ViewFilter {
        states: vec![State::InProgress, State::OnHold],
        item_id: Some(p.item),
        priority: Some(1),
        at_risk: true,
        mine: true,
        group: Some("  HR Services ".into()),
    };
    let saved = views::save(&mut p.ws, " Urgent, mine ", &risky, at).unwrap();
    assert_eq!(saved.name, "Urgent, mine");
    assert_eq!(saved.filter.group.as_deref(), Some("HR Services"));
    views::save(&mut p.ws, "all open", &ViewFilter::default(), at).unwrap();
    let path = p.ws.path().to_owned();
    drop(p.ws);
    let ws = Workspace::open(&path).unwrap();
    let listed = views::list(&ws).unwrap();
    let names: Vec<&str> = listed.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["all open", "Urgent, mine"]);
    assert_eq!(listed[1], saved);
}

#[test]
fn a_view_is_renamed_and_deleted_and_names_stay_unique_whatever_their_case() {
    let mut p = without_approvals();
    let at = utc("2026-03-04T10:00:00Z");
    let mine = ViewFilter {
        mine: true,
        ..ViewFilter::default()
    };
    let first = views::save(&mut p.ws, "Mine", &mine, at).unwrap();
    let second = views::save(&mut p.ws, "At risk", &ViewFilter::default(), at).unwrap();
    let message = refused(views::save(&mut p.ws, "MINE", &mine, at));
    assert_eq!(
        message,
        "A view named “MINE” already exists; choose another name."
    );
    assert!(refused(views::rename(&mut p.ws, second.id, "mine")).contains("already exists"));
    let renamed = views::rename(&mut p.ws, first.id, "My requests").unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.filter),
        ("My requests", mine)
    );
    assert_eq!(
        views::rename(&mut p.ws, second.id, "at RISK").unwrap().name,
        "at RISK",
        "a view may change the case of its own name"
    );
    views::delete(&mut p.ws, second.id).unwrap();
    let names: Vec<String> = views::list(&p.ws)
        .unwrap()
        .into_iter()
        .map(|v| v.name)
        .collect();
    assert_eq!(names, ["My requests"]);
    assert!(matches!(
        views::delete(&mut p.ws, second.id),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn a_view_needs_a_short_name_and_a_priority_that_exists() {
    let mut p = without_approvals();
    let at = utc("2026-03-04T10:00:00Z");
    assert_eq!(
        refused(views::save(&mut p.ws, "   ", &ViewFilter::default(), at)),
        "Give the view a name."
    );
    let long = "x".repeat(views::VIEW_NAME_MAX + 1);
    assert!(refused(views::save(&mut p.ws, &long, &ViewFilter::default(), at)).contains("at most"));
    let odd = ViewFilter {
        priority: Some(7),
        ..ViewFilter::default()
    };
    assert!(refused(views::save(&mut p.ws, "Odd", &odd, at)).contains("Priority 7 does not exist"));
    assert!(views::list(&p.ws).unwrap().is_empty());
}
