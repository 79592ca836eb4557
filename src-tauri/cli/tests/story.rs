//! `pilot story` tells the same numbers as `pilot report`: the story's
//! results are the reports of its before and after queries, and the files
//! it writes are the story's.

use std::path::Path;
use std::process::Output;

use chrono::Utc;
use pilot_core::pilots::{self, PilotInput};
use pilot_core::{catalog, Workspace};
use serde_json::Value;

mod cli_support;
use cli_support::{pilot, succeeds};

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn demo(dir: &Path) -> String {
    let path = dir.join("Demo.pilot");
    let made = pilot(&["demo", path.to_str().unwrap(), "--json"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    path.to_str().unwrap().to_owned()
}

/// `pilot report` for one of the story's queries, its scope given by
/// `scope` (`["--item", name]` or `["--pilot", name]`).
fn report(workspace: &str, scope: [&str; 2], query: &Value) -> Value {
    let mut args = vec![
        "report".to_owned(),
        workspace.to_owned(),
        scope[0].to_owned(),
        scope[1].to_owned(),
        "--origin".to_owned(),
        query["origin"].as_str().unwrap().to_owned(),
        "--json".to_owned(),
    ];
    for end in ["from", "to"] {
        if let Some(date) = query[end].as_str() {
            args.push(format!("--{end}"));
            args.push(date.to_owned());
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    json(&pilot(&args))
}

/// Checks every number of a story against `pilot report --json` for its
/// before and after queries, the scope given by `scope`.
fn assert_story_is_the_report(story: &Value, workspace: &str, scope: [&str; 2]) {
    let before = report(workspace, scope, &story["beforeQuery"]);
    let after = report(workspace, scope, &story["afterQuery"]);
    let tile = |measure: &str| {
        story["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["measure"] == measure)
            .unwrap()
            .clone()
    };
    for (side, report) in [("before", &before), ("after", &after)] {
        let turnaround = &tile("turnaround")[side];
        assert_eq!(
            turnaround["value"],
            report["turnaround"]["value"]["medianHours"]
        );
        assert_eq!(turnaround["n"], report["turnaround"]["value"]["n"]);
        let sla = &tile("slaKept")[side];
        assert_eq!(sla["value"], report["slaKept"]["value"]["percent"]);
        assert_eq!(sla["n"], report["slaKept"]["value"]["whole"]);
        let volume = &tile("volume")[side];
        assert_eq!(volume["n"], report["opened"]);
        let weeks = report["volume"].as_array().unwrap().len() as f64;
        assert_eq!(
            volume["value"].as_f64().unwrap(),
            report["opened"].as_f64().unwrap() / weeks
        );
        let satisfaction = &tile("satisfaction")[side];
        assert_eq!(
            satisfaction["value"],
            report["satisfaction"]["value"]["mean"]
        );
    }
    assert_eq!(story["chart"], after["volume"]);
    assert!(tile("turnaround")["after"]["n"].as_u64().unwrap() > 0);
}

#[test]
fn a_storys_numbers_equal_pilot_report_json_for_the_same_pilot_and_period() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let story = json(&pilot(&[
        "story",
        &ws,
        "--pilot",
        "onboarding pilot",
        "--json",
    ]));
    let item = story["services"][0]["name"].as_str().unwrap().to_owned();
    assert_eq!(story["afterQuery"]["scope"]["kind"], "item");
    assert_story_is_the_report(&story, &ws, ["--item", &item]);
}

#[test]
fn a_story_of_several_items_equals_pilot_report_of_that_pilot() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    {
        let mut workspace = Workspace::open(Path::new(&ws)).unwrap();
        let items = catalog::list(&workspace, &Default::default()).unwrap();
        let mut input = PilotInput::named("Two services");
        input.item_ids = items.iter().take(3).step_by(2).map(|i| i.id).collect();
        input.planned_start = Some("2026-01-01".to_owned());
        pilots::create(&mut workspace, input, Utc::now()).unwrap();
    }
    let story = json(&pilot(&["story", &ws, "--pilot", "Two services", "--json"]));
    assert_eq!(story["afterQuery"]["scope"]["kind"], "pilot");
    assert_eq!(story["services"].as_array().unwrap().len(), 2);
    assert_story_is_the_report(&story, &ws, ["--pilot", "two services"]);
}

#[test]
fn story_writes_html_markdown_and_a_one_page_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let html = dir.path().join("story.html");
    let md = dir.path().join("story.md");
    let pdf = dir.path().join("story.pdf");
    let printed = succeeds(&[
        "story",
        &ws,
        "--pilot",
        "Work orders pilot: warehouses",
        "--html",
        html.to_str().unwrap(),
        "--md",
        md.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(printed, std::fs::read_to_string(&md).unwrap());
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let pdf = std::fs::read(&pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&pdf).contains("/Count 1"));
}

#[test]
fn an_unknown_pilot_is_refused_naming_the_pilots_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let out = pilot(&["story", &ws, "--pilot", "Nope", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let error = json_error(&out);
    assert!(error.contains("Onboarding pilot"), "{error}");
}

fn json_error(out: &Output) -> String {
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["error"]["message"].as_str().unwrap().to_owned()
}

#[test]
fn story_kit_writes_the_newsletter_and_a_letter_flyer_and_prints_the_snippet() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    let printed = pilot(&[
        "story",
        &ws,
        "--pilot",
        "Onboarding pilot",
        "--kit",
        "newsletter",
        "--portal",
        "http://10.0.0.5:8080/",
    ]);
    assert!(
        printed.status.success(),
        "{}",
        String::from_utf8_lossy(&printed.stderr)
    );
    let md = String::from_utf8(printed.stdout).unwrap();
    assert!(md.starts_with("## "), "{md}");
    assert!(md.contains("http://10.0.0.5:8080/"), "{md}");
    assert!(md.contains('\u{2192}'), "the before→after numbers: {md}");

    let html = dir.path().join("newsletter.html");
    let flyer = dir.path().join("flyer.pdf");
    for (kit, format, out) in [("newsletter", "html", &html), ("flyer", "pdf", &flyer)] {
        let written = pilot(&[
            "story",
            &ws,
            "--pilot",
            "Onboarding pilot",
            "--kit",
            kit,
            "--format",
            format,
            "--paper",
            "letter",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(
            written.status.success(),
            "{}",
            String::from_utf8_lossy(&written.stderr)
        );
        assert!(
            written.stdout.is_empty(),
            "a piece written to a file is not printed"
        );
    }
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let pdf = std::fs::read(&flyer).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/MediaBox [0 0 612 792]"), "a Letter page");
    assert!(text.contains("/Count 1"));
}

#[test]
fn story_kit_refuses_a_newsletter_pdf_and_an_address_that_is_not_a_web_address() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo(dir.path());
    for (args, says) in [
        (vec!["--kit", "newsletter", "--format", "pdf"], "not pdf"),
        (vec!["--kit", "flyer"], "--out"),
        (
            vec![
                "--kit",
                "flyer",
                "--format",
                "html",
                "--portal",
                "javascript:alert(1)",
            ],
            "not a portal address",
        ),
    ] {
        let mut all = vec!["story", &ws, "--pilot", "Onboarding pilot", "--json"];
        all.extend(args);
        let out = pilot(&all);
        assert_eq!(out.status.code(), Some(1));
        let error = json_error(&out);
        assert!(error.contains(says), "{error}");
    }
}
