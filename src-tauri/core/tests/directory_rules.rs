//! The organisation directory's rules: what a department and a person must
//! be, what deleting one does to the others, and how search matches. Every
//! test works on a real workspace file in a temporary directory.

use pilot_core::directory::{
    self, BusinessHours, Department, DepartmentInput, Holiday, Person, PersonInput, Role, Usage,
    Weekday,
};
use pilot_core::{Error, Workspace};
use pilot_fixtures::{department_input, person_input, Scratch};
use tempfile::TempDir;

// ---------------------------------------------------------------- helpers

/// A new, empty workspace in its own temporary directory.
fn workspace() -> Scratch {
    Scratch::new()
}

fn dept(name: &str) -> DepartmentInput {
    department_input(name, BusinessHours::office("Europe/Berlin"))
}

fn who(name: &str, email: &str) -> PersonInput {
    person_input(name, email)
}

fn add_dept(ws: &mut Workspace, input: DepartmentInput) -> Department {
    directory::create_department(ws, input).expect("department is valid")
}

fn add_person(ws: &mut Workspace, input: PersonInput) -> Person {
    directory::create_person(ws, input).expect("person is valid")
}

/// The `Invalid` error's field and message; panics on success or another error.
fn invalid<T: std::fmt::Debug>(result: pilot_core::Result<T>) -> (String, String) {
    match result {
        Err(Error::Invalid { field, message }) => (field, message),
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}

fn assert_not_found<T: std::fmt::Debug>(result: pilot_core::Result<T>, what: &str, id: i64) {
    match result {
        Err(e @ Error::NotFound { .. }) => {
            assert_eq!(e.code(), "not_found");
            let shown = e.to_string();
            assert!(shown.contains(what), "{shown}");
            assert!(shown.contains(&id.to_string()), "{shown}");
        }
        other => panic!("expected NotFound for {what} {id}, got {other:?}"),
    }
}

fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| name(i).to_owned()).collect()
}

fn people_matching(ws: &Workspace, query: &str) -> Vec<String> {
    names(&directory::list_people(ws, query).unwrap(), |p| &p.name)
}

fn departments_matching(ws: &Workspace, query: &str) -> Vec<String> {
    names(&directory::list_departments(ws, query).unwrap(), |d| {
        &d.name
    })
}

// ---------------------------------------------------------- departments

#[test]
fn a_department_is_stored_with_everything_it_was_given() {
    let mut ws = workspace();
    let head = add_person(&mut ws, who("Hannah Head", "hannah@example.org"));
    let mut input = dept("  Finance  ");
    input.is_requester = false;
    input.head_id = Some(head.id);
    input.hours = BusinessHours {
        time_zone: "America/New_York".into(),
        working_days: vec![Weekday::Fri, Weekday::Mon, Weekday::Mon],
        day_start: "08:30".into(),
        day_end: "16:45".into(),
        holidays: vec![
            Holiday {
                date: "2026-12-25".into(),
                name: "Christmas".into(),
            },
            Holiday {
                date: "2026-01-01".into(),
                name: "New Year".into(),
            },
        ],
    };
    let created = add_dept(&mut ws, input);
    assert_eq!(created.name, "Finance", "surrounding spaces are trimmed");
    assert!(!created.is_requester && created.is_provider);
    assert_eq!(created.head_id, Some(head.id));
    assert_eq!(created.head_name.as_deref(), Some("Hannah Head"));
    assert_eq!(created.hours.time_zone, "America/New_York");
    assert_eq!(
        created.hours.working_days,
        [Weekday::Mon, Weekday::Fri],
        "days are ordered and counted once"
    );
    assert_eq!(
        created
            .hours
            .holidays
            .iter()
            .map(|h| h.date.as_str())
            .collect::<Vec<_>>(),
        ["2026-01-01", "2026-12-25"],
        "holidays are kept in date order"
    );
    assert_eq!(directory::get_department(&ws, created.id).unwrap(), created);
}

#[test]
fn a_department_needs_a_name() {
    let mut ws = workspace();
    for name in ["", "   ", "\t\n"] {
        let (field, message) = invalid(directory::create_department(&mut ws, dept(name)));
        assert_eq!(field, "name");
        assert!(message.contains("needs a name"), "{message}");
    }
    let too_long = "x".repeat(121);
    let (field, message) = invalid(directory::create_department(&mut ws, dept(&too_long)));
    assert_eq!(field, "name");
    assert!(message.contains("120"), "{message}");
    add_dept(&mut ws, dept(&"y".repeat(120)));
}

#[test]
fn department_names_are_unique_ignoring_case() {
    let mut ws = workspace();
    let finance = add_dept(&mut ws, dept("Finance"));
    for clash in ["Finance", "FINANCE", "finance", "  fInAnCe "] {
        let (field, message) = invalid(directory::create_department(&mut ws, dept(clash)));
        assert_eq!(field, "name");
        assert!(message.contains("already exists"), "{message}");
        assert!(message.contains(clash.trim()), "names the clash: {message}");
    }
    let legal = add_dept(&mut ws, dept("Legal"));
    let (field, _) = invalid(directory::update_department(
        &mut ws,
        legal.id,
        dept("FINANCE"),
    ));
    assert_eq!(field, "name");

    // A department may keep its own name, or change its case.
    directory::update_department(&mut ws, finance.id, dept("Finance")).unwrap();
    let renamed = directory::update_department(&mut ws, finance.id, dept("FINANCE")).unwrap();
    assert_eq!(renamed.name, "FINANCE");
    assert_eq!(departments_matching(&ws, ""), ["FINANCE", "Legal"]);
}

#[test]
fn names_and_e_mails_are_unique_ignoring_case_beyond_ascii() {
    let mut ws = workspace();
    add_dept(&mut ws, dept("Ärzte"));
    let (field, message) = invalid(directory::create_department(&mut ws, dept("ärzte")));
    assert_eq!(field, "name");
    assert!(message.contains("already exists"), "{message}");
    add_dept(&mut ws, dept("Économat"));
    let (field, _) = invalid(directory::create_department(&mut ws, dept("ÉCONOMAT")));
    assert_eq!(field, "name");

    add_person(&mut ws, who("Zoë Müller", "zoë.müller@example.org"));
    let (field, message) = invalid(directory::create_person(
        &mut ws,
        who("Zoe Mueller", "ZOË.MÜLLER@example.org"),
    ));
    assert_eq!(field, "email");
    assert!(message.contains("Zoë Müller"), "names the owner: {message}");
}

#[test]
fn a_department_requests_or_provides_services_or_both() {
    let mut ws = workspace();
    let mut neither = dept("Nowhere");
    neither.is_requester = false;
    neither.is_provider = false;
    let (field, message) = invalid(directory::create_department(&mut ws, neither.clone()));
    assert_eq!(field, "kind");
    assert!(message.contains("at least one"), "{message}");

    for (requester, provider) in [(true, false), (false, true), (true, true)] {
        let mut input = dept(&format!("Kind {requester} {provider}"));
        input.is_requester = requester;
        input.is_provider = provider;
        let d = add_dept(&mut ws, input);
        assert_eq!((d.is_requester, d.is_provider), (requester, provider));
        assert!(directory::update_department(&mut ws, d.id, {
            let mut n = neither.clone();
            n.name = d.name.clone();
            n
        })
        .is_err());
    }
}

#[test]
fn an_unknown_time_zone_is_refused_by_name() {
    let mut ws = workspace();
    for zone in ["Mars/Olympus_Mons", "Europe/Berlinn", "", "GMT+25"] {
        let mut input = dept("Finance");
        input.hours.time_zone = zone.into();
        let (field, message) = invalid(directory::create_department(&mut ws, input));
        assert_eq!(field, "timeZone");
        assert!(message.contains(&format!("“{zone}”")), "{message}");
    }
    for zone in ["UTC", "Asia/Kolkata", "America/Argentina/Buenos_Aires"] {
        let mut input = dept(zone);
        input.hours.time_zone = zone.into();
        assert_eq!(add_dept(&mut ws, input).hours.time_zone, zone);
    }
    assert!(directory::time_zones().contains(&"Europe/Berlin"));
}

#[test]
fn a_working_day_ends_after_it_starts() {
    let mut ws = workspace();
    for (start, end) in [("17:00", "09:00"), ("09:00", "09:00")] {
        let mut input = dept("Finance");
        input.hours.day_start = start.into();
        input.hours.day_end = end.into();
        let (field, message) = invalid(directory::create_department(&mut ws, input));
        assert_eq!(field, "dayEnd");
        assert!(
            message.contains(start) && message.contains(end),
            "{message}"
        );
    }
    for (start, end, field) in [
        ("9am", "17:00", "dayStart"),
        ("25:00", "26:00", "dayStart"),
        ("09:00", "17:60", "dayEnd"),
        ("09:00", "", "dayEnd"),
    ] {
        let mut input = dept("Finance");
        input.hours.day_start = start.into();
        input.hours.day_end = end.into();
        let (got, message) = invalid(directory::create_department(&mut ws, input));
        assert_eq!(got, field, "{message}");
    }
    let mut input = dept("Finance");
    input.hours.day_start = "00:00".into();
    input.hours.day_end = "23:59".into();
    add_dept(&mut ws, input);
}

#[test]
fn a_department_works_on_at_least_one_day() {
    let mut ws = workspace();
    let mut input = dept("Finance");
    input.hours.working_days.clear();
    let (field, _) = invalid(directory::create_department(&mut ws, input));
    assert_eq!(field, "workingDays");
}

#[test]
fn holidays_have_valid_distinct_dates() {
    let mut ws = workspace();
    for bad in ["2026-02-30", "25/12/2026", "2026-13-01", "tomorrow", ""] {
        let mut input = dept("Finance");
        input.hours.holidays = vec![Holiday {
            date: bad.into(),
            name: "Feast".into(),
        }];
        let (field, message) = invalid(directory::create_department(&mut ws, input));
        assert_eq!(field, "holidays");
        assert!(message.contains(&format!("“{bad}”")), "{message}");
        assert!(message.contains("Feast"), "{message}");
    }

    let mut input = dept("Finance");
    input.hours.holidays = vec![
        Holiday {
            date: "2026-12-25".into(),
            name: "Christmas".into(),
        },
        Holiday {
            date: " 2026-12-25 ".into(),
            name: "Also Christmas".into(),
        },
    ];
    let (field, message) = invalid(directory::create_department(&mut ws, input));
    assert_eq!(field, "holidays");
    assert!(message.contains("2026-12-25"), "{message}");
    assert!(message.contains("twice"), "{message}");
    assert!(directory::list_departments(&ws, "").unwrap().is_empty());
}

#[test]
fn updating_a_department_replaces_its_calendar() {
    let mut ws = workspace();
    let mut input = dept("Facilities");
    input.hours.holidays = vec![Holiday {
        date: "2026-05-01".into(),
        name: "Labour Day".into(),
    }];
    let d = add_dept(&mut ws, input.clone());
    input.hours.holidays = vec![Holiday {
        date: "2026-10-03".into(),
        name: "Unity Day".into(),
    }];
    input.hours.working_days = vec![Weekday::Sat, Weekday::Sun];
    let updated = directory::update_department(&mut ws, d.id, input).unwrap();
    assert_eq!(updated.hours.holidays.len(), 1);
    assert_eq!(updated.hours.holidays[0].name, "Unity Day");
    assert_eq!(updated.hours.working_days, [Weekday::Sat, Weekday::Sun]);
}

#[test]
fn a_refused_update_changes_nothing() {
    let mut ws = workspace();
    let d = add_dept(&mut ws, dept("Finance"));
    let mut bad = dept("Finance renamed");
    bad.hours.time_zone = "Nowhere/Special".into();
    assert!(directory::update_department(&mut ws, d.id, bad).is_err());
    assert_eq!(directory::get_department(&ws, d.id).unwrap(), d);
}

#[test]
fn a_department_head_must_exist() {
    let mut ws = workspace();
    let mut input = dept("Finance");
    input.head_id = Some(4242);
    let (field, message) = invalid(directory::create_department(&mut ws, input));
    assert_eq!(field, "headId");
    assert!(message.contains("4242"), "{message}");
}

#[test]
fn deleting_a_department_keeps_its_people_without_a_department() {
    let mut ws = workspace();
    let hr = add_dept(&mut ws, dept("Human Resources"));
    let other = add_dept(&mut ws, dept("Legal"));
    let mut ids = Vec::new();
    for i in 0..3 {
        let mut p = who(&format!("Member {i}"), &format!("m{i}@example.org"));
        p.department_id = Some(hr.id);
        ids.push(add_person(&mut ws, p).id);
    }
    let mut outsider = who("Outsider", "out@example.org");
    outsider.department_id = Some(other.id);
    let outsider = add_person(&mut ws, outsider);

    assert_eq!(
        directory::department_usage(&ws, hr.id).unwrap(),
        Usage {
            members: 3,
            ..Usage::default()
        }
    );
    assert_eq!(
        directory::get_department(&ws, hr.id).unwrap().people_count,
        3
    );
    let empty = add_dept(&mut ws, dept("Empty"));
    assert!(directory::department_usage(&ws, empty.id)
        .unwrap()
        .is_empty());

    directory::delete_department(&mut ws, hr.id).unwrap();
    assert_not_found(directory::get_department(&ws, hr.id), "Department", hr.id);
    for id in ids {
        let p = directory::get_person(&ws, id).unwrap();
        assert_eq!(p.department_id, None);
        assert_eq!(p.department_name, None);
    }
    let outsider = directory::get_person(&ws, outsider.id).unwrap();
    assert_eq!(outsider.department_id, Some(other.id));
    assert_eq!(ws.info().unwrap().people, 4);
    assert_eq!(
        departments_matching(&ws, ""),
        ["Empty", "Legal"],
        "only the deleted department went"
    );
}

// --------------------------------------------------------------- people

#[test]
fn a_person_is_stored_with_everything_they_were_given() {
    let mut ws = workspace();
    let it = add_dept(&mut ws, dept("IT"));
    let boss = add_person(&mut ws, who("Boss", "boss@example.org"));
    let mut input = who("  Grace Hopper ", " grace@example.org ");
    input.department_id = Some(it.id);
    input.manager_id = Some(boss.id);
    input.roles = vec![Role::Fulfiller, Role::Approver, Role::Fulfiller];
    let grace = add_person(&mut ws, input);
    assert_eq!(grace.name, "Grace Hopper");
    assert_eq!(grace.email, "grace@example.org");
    assert_eq!(grace.department_name.as_deref(), Some("IT"));
    assert_eq!(grace.manager_name.as_deref(), Some("Boss"));
    assert_eq!(grace.roles, [Role::Fulfiller, Role::Approver]);
    assert_eq!(directory::get_person(&ws, grace.id).unwrap(), grace);
}

#[test]
fn a_person_needs_a_name() {
    let mut ws = workspace();
    let (field, _) = invalid(directory::create_person(&mut ws, who(" ", "a@example.org")));
    assert_eq!(field, "name");
    let (field, _) = invalid(directory::create_person(
        &mut ws,
        who(&"n".repeat(121), "a@example.org"),
    ));
    assert_eq!(field, "name");
}

#[test]
fn a_person_needs_an_email_address() {
    let mut ws = workspace();
    for empty in ["", "   "] {
        let (field, message) = invalid(directory::create_person(&mut ws, who("Ann", empty)));
        assert_eq!(field, "email");
        assert!(message.contains("required"), "{message}");
    }
}

#[test]
fn a_persons_email_address_must_be_valid() {
    let mut ws = workspace();
    for bad in [
        "ann",
        "ann@",
        "@example.org",
        "ann@localhost",
        "ann example.org",
        "ann@@example.org",
        "ann@exa mple.org",
    ] {
        let (field, message) = invalid(directory::create_person(&mut ws, who("Ann", bad)));
        assert_eq!(field, "email", "{bad}");
        assert!(message.contains(&format!("“{bad}”")), "{message}");
    }
    for good in ["ann@example.org", "ann.b+pilot@sub.example.co.uk"] {
        add_person(&mut ws, who("Ann", good));
    }
}

#[test]
fn email_addresses_are_unique_ignoring_case_and_the_message_names_the_owner() {
    let mut ws = workspace();
    let ann = add_person(&mut ws, who("Ann Archer", "ann@example.org"));
    for clash in ["ann@example.org", "ANN@Example.ORG", " Ann@example.org "] {
        let (field, message) = invalid(directory::create_person(&mut ws, who("Impostor", clash)));
        assert_eq!(field, "email");
        assert!(message.contains("Ann Archer"), "names the owner: {message}");
        assert!(message.contains(clash.trim()), "{message}");
    }
    let bob = add_person(&mut ws, who("Bob", "bob@example.org"));
    let (field, message) = invalid(directory::update_person(
        &mut ws,
        bob.id,
        who("Bob", "ANN@example.org"),
    ));
    assert_eq!(field, "email");
    assert!(message.contains("Ann Archer"), "{message}");

    // A person may keep their own address, in any case.
    let ann =
        directory::update_person(&mut ws, ann.id, who("Ann Archer", "Ann@Example.org")).unwrap();
    assert_eq!(ann.email, "Ann@Example.org");
}

#[test]
fn a_persons_department_must_exist() {
    let mut ws = workspace();
    let mut input = who("Ann", "ann@example.org");
    input.department_id = Some(77);
    let (field, message) = invalid(directory::create_person(&mut ws, input));
    assert_eq!(field, "departmentId");
    assert!(message.contains("77"), "{message}");
}

#[test]
fn a_manager_must_exist() {
    let mut ws = workspace();
    let mut input = who("Ann", "ann@example.org");
    input.manager_id = Some(99);
    let (field, message) = invalid(directory::create_person(&mut ws, input));
    assert_eq!(field, "managerId");
    assert!(message.contains("99"), "{message}");
}

#[test]
fn a_person_cannot_be_their_own_manager() {
    let mut ws = workspace();
    let ann = add_person(&mut ws, who("Ann", "ann@example.org"));
    let mut input = who("Ann", "ann@example.org");
    input.manager_id = Some(ann.id);
    let (field, message) = invalid(directory::update_person(&mut ws, ann.id, input));
    assert_eq!(field, "managerId");
    assert!(message.contains("own manager"), "{message}");
    assert_eq!(directory::get_person(&ws, ann.id).unwrap().manager_id, None);
}

#[test]
fn a_management_loop_is_refused_and_the_message_names_it() {
    let mut ws = workspace();
    let a = add_person(&mut ws, who("Alice", "alice@example.org"));
    let mut b = who("Bob", "bob@example.org");
    b.manager_id = Some(a.id);
    let b = add_person(&mut ws, b);
    let mut c = who("Carol", "carol@example.org");
    c.manager_id = Some(b.id);
    let c = add_person(&mut ws, c);

    // Alice → Carol would close Alice → Carol → Bob → Alice.
    let mut alice = who("Alice", "alice@example.org");
    alice.manager_id = Some(c.id);
    let (field, message) = invalid(directory::update_person(&mut ws, a.id, alice));
    assert_eq!(field, "managerId");
    assert!(
        message.contains("Alice → Carol → Bob → Alice"),
        "names the loop: {message}"
    );
    assert_eq!(directory::get_person(&ws, a.id).unwrap().manager_id, None);

    // Two people managing each other is a loop too.
    let mut alice = who("Alice", "alice@example.org");
    alice.manager_id = Some(b.id);
    let (_, message) = invalid(directory::update_person(&mut ws, a.id, alice));
    assert!(message.contains("Alice → Bob → Alice"), "{message}");

    // A chain without a loop is fine.
    let d = add_person(&mut ws, who("Dave", "dave@example.org"));
    let mut alice = who("Alice", "alice@example.org");
    alice.manager_id = Some(d.id);
    let alice = directory::update_person(&mut ws, a.id, alice).unwrap();
    assert_eq!(alice.manager_name.as_deref(), Some("Dave"));
}

#[test]
fn deleting_a_person_clears_their_reports_manager_and_their_departments_head() {
    let mut ws = workspace();
    let boss = add_person(&mut ws, who("Boss", "boss@example.org"));
    let mut finance = dept("Finance");
    finance.head_id = Some(boss.id);
    let finance = add_dept(&mut ws, finance);
    let mut legal = dept("Legal");
    legal.head_id = Some(boss.id);
    let legal = add_dept(&mut ws, legal);
    let mut report_ids = Vec::new();
    for name in ["Rita", "Ravi"] {
        let mut r = who(name, &format!("{}@example.org", name.to_lowercase()));
        r.manager_id = Some(boss.id);
        r.department_id = Some(finance.id);
        r.roles = vec![Role::Fulfiller];
        report_ids.push(add_person(&mut ws, r).id);
    }

    let usage = directory::person_usage(&ws, boss.id).unwrap();
    assert_eq!(
        usage,
        Usage {
            members: 0,
            reports: 2,
            heads: vec!["Finance".into(), "Legal".into()],
        }
    );
    assert!(!usage.is_empty());
    assert!(directory::person_usage(&ws, report_ids[0])
        .unwrap()
        .is_empty());

    directory::delete_person(&mut ws, boss.id).unwrap();
    assert_not_found(directory::get_person(&ws, boss.id), "Person", boss.id);
    for id in report_ids {
        let r = directory::get_person(&ws, id).unwrap();
        assert_eq!((r.manager_id, r.manager_name), (None, None));
        assert_eq!(r.department_id, Some(finance.id), "the rest is kept");
        assert_eq!(r.roles, [Role::Fulfiller]);
    }
    for id in [finance.id, legal.id] {
        let d = directory::get_department(&ws, id).unwrap();
        assert_eq!((d.head_id, d.head_name), (None, None));
    }
}

#[test]
fn search_finds_people_by_name_email_or_department_ignoring_case() {
    let mut ws = workspace();
    let finance = add_dept(&mut ws, dept("Finance"));
    let mut fiona = who("Fiona Banks", "fiona@bank.example");
    fiona.department_id = Some(finance.id);
    add_person(&mut ws, fiona);
    add_person(&mut ws, who("George", "george.finch@example.org"));
    add_person(&mut ws, who("Zoe", "zoe@example.org"));

    assert_eq!(people_matching(&ws, "banks"), ["Fiona Banks"], "by name");
    assert_eq!(people_matching(&ws, "FINCH"), ["George"], "by e-mail");
    assert_eq!(
        people_matching(&ws, "finance"),
        ["Fiona Banks"],
        "by department"
    );
    assert_eq!(people_matching(&ws, "fin"), ["Fiona Banks", "George"]);
    assert_eq!(
        people_matching(&ws, "  zoe  "),
        ["Zoe"],
        "the query is trimmed"
    );
    assert_eq!(people_matching(&ws, ""), ["Fiona Banks", "George", "Zoe"]);
    assert!(people_matching(&ws, "nobody").is_empty());

    assert_eq!(departments_matching(&ws, "NAN"), ["Finance"]);
    assert!(departments_matching(&ws, "legal").is_empty());
}

#[test]
fn a_form_fields_people_search_offers_the_first_few_by_name_from_two_letters() {
    let mut ws = workspace();
    for n in (1..=20).rev() {
        add_person(
            &mut ws,
            who(&format!("Mara {n:02}"), &format!("mara{n:02}@example.org")),
        );
    }
    let offered: Vec<String> = directory::find_people(&ws, "mara")
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    let first: Vec<String> = (1..=directory::FIND_MAX)
        .map(|n| format!("Mara {n:02}"))
        .collect();
    assert_eq!(
        offered, first,
        "the first by name, no more than the most shown"
    );
    assert!(
        directory::find_people(&ws, "m").unwrap().is_empty(),
        "one letter asks for nothing yet"
    );
}

#[test]
fn search_takes_percent_and_underscore_literally() {
    let mut ws = workspace();
    add_dept(&mut ws, dept("100% Service"));
    add_dept(&mut ws, dept("1000 Services"));
    add_dept(&mut ws, dept("Back_Office"));
    add_dept(&mut ws, dept("BackXOffice"));
    add_person(&mut ws, who("Per Cent", "per_cent@example.org"));
    add_person(&mut ws, who("Perx Cent", "perxcent@example.org"));
    add_person(&mut ws, who("Half 50% done", "half@example.org"));
    add_person(&mut ws, who("Back\\slash", "slash@example.org"));

    assert_eq!(departments_matching(&ws, "%"), ["100% Service"]);
    assert_eq!(departments_matching(&ws, "0%"), ["100% Service"]);
    assert_eq!(departments_matching(&ws, "_"), ["Back_Office"]);
    assert_eq!(departments_matching(&ws, "k_O"), ["Back_Office"]);
    assert_eq!(people_matching(&ws, "per_"), ["Per Cent"]);
    assert_eq!(people_matching(&ws, "50%"), ["Half 50% done"]);
    assert_eq!(people_matching(&ws, "%"), ["Half 50% done"]);
    assert_eq!(people_matching(&ws, "\\"), ["Back\\slash"]);
    assert!(people_matching(&ws, "%_%").is_empty());
}

// ------------------------------------------------------- missing records

#[test]
fn changing_or_deleting_a_missing_record_reports_not_found() {
    let mut ws = workspace();
    let gone = add_dept(&mut ws, dept("Gone"));
    directory::delete_department(&mut ws, gone.id).unwrap();
    let ghost = add_person(&mut ws, who("Ghost", "ghost@example.org"));
    directory::delete_person(&mut ws, ghost.id).unwrap();

    for id in [gone.id, 9999] {
        assert_not_found(
            directory::update_department(&mut ws, id, dept("Anything")),
            "Department",
            id,
        );
        assert_not_found(directory::delete_department(&mut ws, id), "Department", id);
        assert_not_found(directory::get_department(&ws, id), "Department", id);
    }
    for id in [ghost.id, 9999] {
        assert_not_found(
            directory::update_person(&mut ws, id, who("Anyone", "anyone@example.org")),
            "Person",
            id,
        );
        assert_not_found(directory::delete_person(&mut ws, id), "Person", id);
        assert_not_found(directory::get_person(&ws, id), "Person", id);
    }
    // Nothing was created by the failed updates.
    assert_eq!(ws.info().unwrap().departments, 0);
    assert_eq!(ws.info().unwrap().people, 0);
}

#[test]
fn updating_a_missing_record_with_invalid_input_reports_not_found_first() {
    let mut ws = workspace();
    assert_not_found(
        directory::update_department(&mut ws, 5, dept("")),
        "Department",
        5,
    );
    assert_not_found(
        directory::update_person(&mut ws, 5, who("", "")),
        "Person",
        5,
    );
}

// ------------------------------------------------------ text is kept as is

#[test]
fn markup_and_unusual_text_is_stored_and_returned_verbatim() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("Hostile.pilot");
    let mut ws = Workspace::create(&path).unwrap();

    let img = "<img src=x onerror=alert(1)>";
    let script = "<script>alert(\"x\")</script> & 'quotes' ; DROP TABLE people; --";
    let unicode = "Zoë 🧭 \u{202e}evil\u{202c} 日本語";

    let mut input = dept(img);
    input.hours.holidays = vec![Holiday {
        date: "2026-12-24".into(),
        name: script.into(),
    }];
    let d = add_dept(&mut ws, input);
    let mut p = who(script, "xss+<b>@example.org");
    p.department_id = Some(d.id);
    // Markup is no valid e-mail address; the refusal quotes it as typed.
    let (field, message) = invalid(directory::create_person(&mut ws, p.clone()));
    assert_eq!(field, "email");
    assert!(message.contains("“xss+<b>@example.org”"), "{message}");
    p.email = "xss@example.org".into();
    let person = add_person(&mut ws, p);
    let other = add_person(&mut ws, who(unicode, "zoe@example.org"));

    assert_eq!(d.name, img);
    assert_eq!(d.hours.holidays[0].name, script);
    assert_eq!(person.name, script);
    assert_eq!(person.department_name.as_deref(), Some(img));
    assert_eq!(other.name, unicode);
    drop(ws);

    // And they come back the same from the file.
    let ws = Workspace::open(&path).unwrap();
    let d = directory::get_department(&ws, d.id).unwrap();
    assert_eq!(d.name, img);
    assert_eq!(d.hours.holidays[0].name, script);
    assert_eq!(directory::get_person(&ws, person.id).unwrap().name, script);
    assert_eq!(directory::get_person(&ws, other.id).unwrap().name, unicode);
    assert_eq!(people_matching(&ws, "<script>"), [script]);
    assert_eq!(departments_matching(&ws, "onerror=alert(1)"), [img]);
    assert_eq!(
        ws.info().unwrap().people,
        2,
        "the DROP TABLE text did nothing"
    );
}
