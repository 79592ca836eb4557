//! The dashboard as a PDF: pages of A4 or Letter with the scope, the weekly chart drawn
//! as vector bars, and every table, written with `pdf-writer` in the
//! standard Helvetica font (see `typeset`). A cell too long for its column
//! wraps onto more lines; nothing is cut.

use std::path::Path;

use pdf_writer::{Content, Name, Str};

use super::compare::Comparison;
use super::export::{comparison_table, tables, Cell, Table};
use super::report::{Report, WeekVolume};
use crate::error::{Error, Result};
use crate::typeset::{document, encode, wrap, Paper, BOLD, REGULAR};

const MARGIN: f32 = 48.0;
const LINE: f32 = 14.0;
/// The distance between the lines of a wrapped cell.
const WRAPPED: f32 = 11.0;

/// Pages being drawn: one content stream per page, a cursor going down.
struct Pages {
    done: Vec<Content>,
    page: Content,
    y: f32,
    width: f32,
    height: f32,
}

impl Pages {
    fn new(paper: Paper) -> Self {
        let (width, height) = paper.size();
        Pages {
            done: Vec::new(),
            page: Content::new(),
            y: height - MARGIN,
            width,
            height,
        }
    }

    /// Starts a new page when less than `needed` points are left.
    fn room(&mut self, needed: f32) {
        if self.y - needed < MARGIN {
            let full = std::mem::replace(&mut self.page, Content::new());
            self.done.push(full);
            self.y = self.height - MARGIN;
        }
    }

    fn text(&mut self, x: f32, font: Name<'static>, size: f32, text: &str) {
        self.page
            .set_fill_gray(0.1)
            .begin_text()
            .set_font(font, size)
            .next_line(x, self.y)
            .show(Str(&encode(text)))
            .end_text();
    }

    fn line(&mut self, font: Name<'static>, size: f32, text: &str) {
        self.room(size + 6.0);
        self.text(MARGIN, font, size, text);
        self.y -= size + 6.0;
    }

    fn table(&mut self, table: &Table) {
        self.room(LINE * 3.0);
        self.y -= 6.0;
        self.line(BOLD, 12.0, &table.title);
        let columns = table.columns.len().max(1);
        let first = if columns > 2 { 190.0 } else { 260.0 };
        let rest = (self.width - 2.0 * MARGIN - first) / (columns - 1).max(1) as f32;
        let x_of = |i: usize| {
            MARGIN
                + if i == 0 {
                    0.0
                } else {
                    first + rest * (i - 1) as f32
                }
        };
        let width_of = |i: usize| if i == 0 { first } else { rest } - 6.0;
        let header: Vec<Cell> = table
            .columns
            .iter()
            .map(|c| Cell::Text(c.clone()))
            .collect();
        for (n, row) in std::iter::once(&header)
            .chain(table.rows.iter())
            .enumerate()
        {
            let font = if n == 0 { BOLD } else { REGULAR };
            let cells: Vec<Vec<String>> = row
                .iter()
                .enumerate()
                .map(|(i, cell)| wrap(&cell.display(), font, 9.0, width_of(i)))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let extra = (lines - 1) as f32 * WRAPPED;
            self.room(LINE + extra);
            for (i, cell) in cells.iter().enumerate() {
                for (k, line) in cell.iter().enumerate() {
                    let y = self.y;
                    self.y -= k as f32 * WRAPPED;
                    self.text(x_of(i), font, 9.0, line);
                    self.y = y;
                }
            }
            self.y -= extra;
            self.page
                .set_stroke_gray(0.8)
                .set_line_width(0.5)
                .move_to(MARGIN, self.y - 4.0)
                .line_to(self.width - MARGIN, self.y - 4.0)
                .stroke();
            self.y -= LINE;
        }
    }

    /// Opened (blue) and resolved (green) bars per week.
    fn chart(&mut self, report: &Report) {
        let height = 150.0;
        self.room(height + 30.0);
        self.line(
            BOLD,
            12.0,
            "Requests per week (blue opened, green resolved)",
        );
        let weeks = &report.volume;
        let max = WeekVolume::peak(weeks) as f32;
        let base = self.y - height;
        let slot = (self.width - 2.0 * MARGIN) / weeks.len().max(1) as f32;
        let bar = (slot / 2.0 - 0.5).max(0.3);
        for (i, w) in weeks.iter().enumerate() {
            let x = MARGIN + i as f32 * slot;
            for (j, (n, rgb)) in [
                (w.opened, (0.23, 0.44, 0.85)),
                (w.resolved, (0.16, 0.62, 0.44)),
            ]
            .into_iter()
            .enumerate()
            {
                let h = n as f32 / max * height;
                self.page
                    .set_fill_rgb(rgb.0, rgb.1, rgb.2)
                    .rect(x + j as f32 * bar, base, bar, h)
                    .fill_nonzero();
            }
        }
        self.page
            .set_stroke_gray(0.5)
            .set_line_width(0.5)
            .move_to(MARGIN, base)
            .line_to(self.width - MARGIN, base)
            .stroke();
        self.y = base - 12.0;
        if let (Some(first), Some(last)) = (weeks.first(), weeks.last()) {
            self.text(MARGIN, REGULAR, 8.0, &first.week);
            self.text(self.width - MARGIN - 45.0, REGULAR, 8.0, &last.week);
        }
        self.y -= LINE;
        self.line(
            REGULAR,
            8.0,
            &format!("Tallest bar: {max} requests in a week."),
        );
    }

    fn finish(mut self) -> Vec<Content> {
        self.done.push(self.page);
        self.done
    }
}

/// The dashboard as PDF bytes.
pub fn pdf(report: &Report, comparison: Option<&Comparison>, paper: Paper) -> Vec<u8> {
    let mut pages = Pages::new(paper);
    pages.line(BOLD, 18.0, &report.scope_label);
    pages.line(
        REGULAR,
        10.0,
        &format!(
            "{} requests opened {} to {}. Generated by Pilot Studio.",
            report.opened,
            report.first_opened.as_deref().unwrap_or("-"),
            report.last_opened.as_deref().unwrap_or("-"),
        ),
    );
    pages.y -= 8.0;
    pages.chart(report);
    for table in tables(report) {
        pages.table(&table);
    }
    if let Some(c) = comparison {
        pages.table(&comparison_table(c));
        for line in wrap(&c.verdict, REGULAR, 9.0, pages.width - 2.0 * MARGIN) {
            pages.line(REGULAR, 9.0, &line);
        }
    }
    let (width, height) = (pages.width, pages.height);
    document(pages.finish(), width, height)
}

pub fn write_pdf(
    report: &Report,
    comparison: Option<&Comparison>,
    paper: Paper,
    path: &Path,
) -> Result<()> {
    std::fs::write(path, pdf(report, comparison, paper)).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}
