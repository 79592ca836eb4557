//! A first look at a file reads a bounded prefix only, so the wizard shows
//! any file at once; the full inspection follows.

use std::io::Write;
use std::path::{Path, PathBuf};

use pilot_csv::{self as import, ImportOptions};
use tempfile::TempDir;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/csv/");

fn big_file(dir: &Path, rows: u64) -> PathBuf {
    let path = dir.join("big.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(out, "ID,Title,Created,Priority,Notes").unwrap();
    for i in 0..rows {
        let notes = if i % 10 == 0 {
            "\"two\nlines\"".to_owned()
        } else {
            format!("note {}", "x".repeat((i % 50) as usize))
        };
        writeln!(
            out,
            "{i},Request {i},2026-01-{:02},P{},{notes}",
            i % 28 + 1,
            i % 4
        )
        .unwrap();
    }
    path
}

#[test]
fn a_small_file_is_seen_whole_at_a_glance() {
    for name in [
        "sharepoint-hr-onboarding.csv",
        "paper-form-expense-claim.csv",
        "ragged-room-bookings.csv",
    ] {
        let path = Path::new(FIXTURES).join(name);
        let options = ImportOptions::default();
        let (glance, complete) = import::glance(&path, &options).unwrap();
        assert!(complete, "{name} fits in the prefix");
        assert_eq!(glance, import::inspect(&path, &options).unwrap(), "{name}");
    }
}

#[test]
fn a_big_file_is_glanced_at_from_its_prefix_with_its_rows_estimated() {
    let dir = TempDir::new().unwrap();
    let path = big_file(dir.path(), 200_000);
    let options = ImportOptions::default();
    let (glance, complete) = import::glance(&path, &options).unwrap();
    assert!(!complete);
    let full = import::inspect(&path, &options).unwrap();
    assert_eq!(full.rows, 200_000);
    let off = (glance.rows as f64 - 200_000.0).abs() / 200_000.0;
    // Later rows are longer here (their ids have more digits), as in real
    // exports; an estimate within a tenth is what the wizard promises.
    assert!(off < 0.1, "estimated {} rows", glance.rows);
    assert!(glance.problems.is_empty());
    // The prefix already shows what each column holds.
    let types = |i: &import::Inspection| i.columns.iter().map(|c| c.field_type).collect::<Vec<_>>();
    assert_eq!(types(&glance), types(&full));
    assert_eq!(glance.roles, full.roles);
}
