//! What is wrong with one data row: its width, cells that are not valid
//! UTF-8, and cells that do not fit their column's plan. Inspection and
//! import ask the same questions here, so the wizard lists exactly the
//! problems an import stores.
//!
//! A row the user fixed is judged by its corrected cells alone.

use std::collections::HashMap;

use super::infer::ColumnPlan;
use super::inspection::Problem;
use super::mapping::{RowFix, SourceRow};
use super::rows::{self, DataRows};
use super::typed;

/// The user's corrected rows by line, each exactly as wide as the header.
pub struct Fixes(HashMap<u64, csv::StringRecord>);

impl Fixes {
    pub fn new(fixes: &[RowFix], width: usize) -> Self {
        Fixes(
            fixes
                .iter()
                .map(|fix| {
                    let mut cells = fix.cells.clone();
                    cells.resize(width, String::new());
                    (fix.line, csv::StringRecord::from(cells))
                })
                .collect(),
        )
    }

    pub fn get(&self, line: u64) -> Option<&csv::StringRecord> {
        self.0.get(&line)
    }
}

/// Whether a fix empties every cell: that removes the row, which would
/// otherwise be stored as a line of bare delimiters, a blank line.
pub fn removes(fixed: Option<&csv::StringRecord>) -> bool {
    fixed.is_some_and(|cells| cells.iter().all(|c| c.trim().is_empty()))
}

/// The problem stored for a row the user removed.
pub fn removed(line: u64) -> Problem {
    Problem {
        line,
        column: None,
        message: "Row removed: its corrected cells are all empty.".into(),
    }
}

/// Appends the current row's problems to `problems`. With `vals`, the
/// typed values of the stored columns are appended to it as a JSON array
/// (see `typed`); without, only the enforced and mostly-typed columns are
/// checked, since other inferred plans fit every cell by construction.
pub fn row(
    rows: &DataRows,
    fixed: Option<&csv::StringRecord>,
    line: u64,
    titles: &[String],
    plans: &[ColumnPlan],
    vals: Option<&mut String>,
    problems: &mut Vec<Problem>,
) {
    if removes(fixed) {
        return;
    }
    if fixed.is_none() {
        problems.extend(rows.shape_problem(line));
        for &i in rows.bad_utf8() {
            if let Some(title) = titles.get(i) {
                problems.push(rows::encoding_problem(line, title));
            }
        }
    }
    let record = fixed.unwrap_or(rows.record());
    let mut mismatch = |i: usize, message: Option<String>| {
        if let Some(message) = message {
            problems.push(Problem {
                line,
                column: Some(titles[i].clone()),
                message,
            });
        }
    };
    match vals {
        Some(vals) => {
            vals.push('[');
            let mut first = true;
            for (i, plan) in plans.iter().enumerate() {
                let cell = rows::trim(record.get(i).unwrap_or(""));
                if typed::stored(plan) {
                    if !std::mem::take(&mut first) {
                        vals.push(',');
                    }
                    mismatch(i, typed::check_value(cell, plan, Some(vals)));
                } else if plan.enforced || plan.misfits > 0 {
                    mismatch(i, typed::check_value(cell, plan, None));
                }
            }
            vals.push(']');
        }
        None => {
            let checked = |p: &&ColumnPlan| p.enforced || p.misfits > 0;
            for (i, plan) in plans.iter().enumerate().filter(|(_, p)| checked(p)) {
                let cell = rows::trim(record.get(i).unwrap_or(""));
                mismatch(i, typed::check_value(cell, plan, None));
            }
        }
    }
}

/// The row as the wizard shows it for fixing: one cell per column.
pub(crate) fn source_row(
    rows: &DataRows,
    fixed: Option<&csv::StringRecord>,
    line: u64,
) -> SourceRow {
    let record = fixed.unwrap_or(rows.record());
    SourceRow {
        line,
        cells: (0..rows.width)
            .map(|i| record.get(i).unwrap_or("").to_owned())
            .collect(),
        fixed: fixed.is_some(),
    }
}

/// The message a problem is stored with when its row was left out.
pub fn skipped(mut problem: Problem) -> Problem {
    problem.message = format!("Row skipped: {}", problem.message);
    problem
}
