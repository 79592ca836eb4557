//! Reports on a real imported baseline (the SharePoint onboarding list of
//! `tests/fixtures/csv`): the scope and period select the right requests,
//! the before-vs-after panel states a difference only with enough samples,
//! saved tiles group a form field, and the exports write the same numbers
//! with spreadsheet formulas made inert.

use std::path::Path;

use pilot_core::catalog::{self};
use pilot_core::directory::BusinessHours;
use pilot_core::metrics::export::{self, Cell, Table};
use pilot_core::metrics::{
    self, ComparisonQuery, GroupBy, Measure, Origin, PeriodSide, ReportQuery, Scope, TileDefinition,
};
use pilot_core::Workspace;
use pilot_fixtures::{department, item_from};
use tempfile::TempDir;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/csv/sharepoint-hr-onboarding.csv"
);

/// A workspace with the onboarding list as item "Onboarding", provided by
/// HR on Berlin office hours.
fn onboarding() -> (TempDir, Workspace, i64) {
    let dir = TempDir::new().unwrap();
    let mut ws = Workspace::create(&dir.path().join("Reports.pilot")).unwrap();
    let hr = department(&mut ws, "HR", BusinessHours::office("Europe/Berlin"));
    let item = item_from(&mut ws, Path::new(FIXTURE), "Onboarding", Some(hr));
    (dir, ws, item.id)
}

fn item_query(id: i64, from: Option<&str>, to: Option<&str>) -> ReportQuery {
    ReportQuery {
        scope: Scope::Item { id },
        origin: Some(Origin::Baseline),
        from: from.map(Into::into),
        to: to.map(Into::into),
    }
}

#[test]
fn the_baseline_report_counts_every_request_and_measures_the_closed_ones() {
    let (_dir, ws, item) = onboarding();
    let report = metrics::report(&ws, &item_query(item, None, None)).unwrap();
    assert_eq!(
        (report.opened, report.resolved, report.open),
        (240, 141, 99)
    );
    assert_eq!(report.first_opened.as_deref(), Some("2025-09-01T15:31:00"));
    let opened: u64 = report.volume.iter().map(|w| w.opened).sum();
    let resolved: u64 = report.volume.iter().map(|w| w.resolved).sum();
    assert_eq!((opened, resolved), (240, 141));
    let t = report.turnaround.value.as_ref().unwrap();
    assert_eq!(t.n, 141);
    assert!(t.median_hours <= t.p90_hours);
    assert!(report.business_turnaround.value.is_some());
    assert!(report.sla_kept.value.is_some());
    assert!(report.satisfaction.unsupported.is_some());
    assert_eq!(report.breakdowns[0].rows[0].group, "Onboarding");
    assert_eq!(report.breakdowns[0].rows[0].opened, 240);
}

#[test]
fn a_period_keeps_the_requests_opened_within_it_both_days_included() {
    let (_dir, ws, item) = onboarding();
    let all = metrics::report(&ws, &item_query(item, None, None)).unwrap();
    let first = metrics::report(
        &ws,
        &item_query(item, Some("2025-09-01"), Some("2025-12-31")),
    )
    .unwrap();
    let second = metrics::report(&ws, &item_query(item, Some("2026-01-01"), None)).unwrap();
    assert_eq!(first.opened + second.opened, all.opened);
    assert!(first.opened > 0 && second.opened > 0);
    let err = metrics::report(&ws, &item_query(item, Some("31/12/2025"), None)).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn before_vs_after_gives_sample_sizes_an_interval_and_a_season_warning() {
    let (_dir, ws, item) = onboarding();
    let side = |from: &str, to: &str| PeriodSide {
        origin: Some(Origin::Baseline),
        from: Some(from.into()),
        to: Some(to.into()),
    };
    let query = ComparisonQuery {
        scope: Scope::Item { id: item },
        before: side("2025-09-01", "2025-12-31"),
        after: side("2026-01-01", "2026-06-30"),
    };
    let c = metrics::compare(&ws, &query).unwrap();
    assert!(c.before.resolved >= 20 && c.after.resolved >= 20, "{c:?}");
    let (low, high) = c.interval.unwrap();
    let d = c.median_difference_hours.unwrap();
    assert!(low <= d && d <= high, "{low} {d} {high}");
    // The same data give the same interval.
    assert_eq!(metrics::compare(&ws, &query).unwrap().interval, c.interval);
    assert!(
        c.warnings.iter().any(|w| w.contains("differ in length")),
        "{:?}",
        c.warnings
    );

    let few = metrics::compare(
        &ws,
        &ComparisonQuery {
            after: side("2026-06-27", "2026-06-30"),
            ..query
        },
    )
    .unwrap();
    assert_eq!(few.median_difference_hours, None);
    assert!(
        few.verdict.starts_with("Too few resolved requests"),
        "{}",
        few.verdict
    );
}

#[test]
fn a_saved_tile_counts_requests_per_choice_and_is_listed_for_its_scope() {
    let (_dir, mut ws, item) = onboarding();
    let form = catalog::get(&ws, item).unwrap().form;
    let choice = form
        .fields
        .iter()
        .find(|f| f.label == "Department")
        .expect("a Department field");
    let scope = Scope::Item { id: item };
    let definition = TileDefinition {
        measure: Measure::Count,
        field: None,
        group_by: GroupBy::Field {
            key: choice.key.clone(),
        },
    };
    let tile = metrics::save_tile(&mut ws, &scope, "Hires per department", &definition).unwrap();
    assert_eq!(
        metrics::list_tiles(&ws, &scope).unwrap(),
        vec![tile.clone()]
    );
    let result = metrics::tile_result(&ws, &scope, &tile.name, &tile.definition).unwrap();
    let total: f64 = result.rows.iter().filter_map(|r| r.value).sum();
    assert_eq!(total, 240.0);
    assert!(
        result.rows.iter().any(|r| r.group == "Sales"),
        "{:?}",
        result.rows
    );

    let not_numeric = TileDefinition {
        measure: Measure::Sum,
        field: Some(choice.key.clone()),
        group_by: GroupBy::Nothing,
    };
    let err = metrics::save_tile(&mut ws, &scope, "Sum", &not_numeric).unwrap_err();
    assert!(err.to_string().contains("not a number field"), "{err}");
    metrics::delete_tile(&mut ws, tile.id).unwrap();
    assert!(metrics::list_tiles(&ws, &scope).unwrap().is_empty());
}

#[test]
fn csv_cells_that_would_run_as_formulas_are_prefixed_with_a_quote() {
    let table = Table {
        id: "t".into(),
        title: "T".into(),
        columns: vec!["Group".into(), "Value".into()],
        rows: vec![
            vec![Cell::Text("=HYPERLINK(\"x\")".into()), Cell::Number(-3.5)],
            vec![Cell::Text("+1".into()), Cell::Number(2.0)],
            vec![Cell::Text("-1".into()), Cell::Empty],
            vec![Cell::Text("@SUM(A1)".into()), Cell::Number(0.0)],
            vec![Cell::Text("\tTab".into()), Cell::Number(1.25)],
            vec![Cell::Text("\rCR".into()), Cell::Number(1.0)],
            vec![Cell::Text("Plain, with comma".into()), Cell::Number(1.0)],
        ],
    };
    let text = export::csv(&table).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let cells: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), r[1].to_owned())
        })
        .collect();
    assert_eq!(
        cells,
        vec![
            ("'=HYPERLINK(\"x\")".into(), "-3.50".into()),
            ("'+1".into(), "2".into()),
            ("'-1".into(), "".into()),
            ("'@SUM(A1)".into(), "0".into()),
            ("'\tTab".into(), "1.25".into()),
            ("'\rCR".into(), "1".into()),
            ("Plain, with comma".into(), "1".into()),
        ]
    );
}

#[test]
fn the_exports_hold_every_table_of_the_report() {
    let (dir, ws, item) = onboarding();
    let report = metrics::report(&ws, &item_query(item, None, None)).unwrap();
    let tables = export::tables(&report);
    assert_eq!(tables[0].id, "summary");
    assert!(tables.iter().any(|t| t.id == "volume"));
    assert!(tables.iter().any(|t| t.id == "breakdown-item"));

    let xlsx = dir.path().join("report.xlsx");
    export::write_xlsx(&tables, &xlsx).unwrap();
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK");

    let html = export::html(&report, None);
    assert!(html.contains("<svg") && html.contains("Catalog item Onboarding"));
    assert!(!html.contains("<script"));
    assert!(html.contains(">240<"));
}
