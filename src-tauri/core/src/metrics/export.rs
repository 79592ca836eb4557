//! The dashboard as tables — the same tables the screen shows — and those
//! tables as CSV, XLSX and a self-contained HTML report.
//!
//! CSV cells that a spreadsheet would run as a formula (starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) are prefixed with `'`, as
//! OWASP advises for CSV injection; numbers are written as numbers.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::compare::Comparison;
use super::report::{Metric, Report, Turnaround, WeekVolume};
use crate::error::{Error, Result};

/// A table cell: a number, a text, or empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Cell {
    Number(f64),
    Text(String),
    Empty,
}

impl Cell {
    fn num(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Number((v * 100.0).round() / 100.0))
    }

    fn count(value: u64) -> Cell {
        Cell::Number(value as f64)
    }

    fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    /// The cell as the screen and the files write it.
    pub fn display(&self) -> String {
        match self {
            Cell::Number(n) => format_number(*n),
            Cell::Text(t) => t.clone(),
            Cell::Empty => String::new(),
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n:.2}")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    /// Stable, e.g. `summary`, `volume`, `breakdown-item`.
    pub id: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn turnaround_rows(rows: &mut Vec<Vec<Cell>>, name: &str, metric: &Metric<Turnaround>) {
    match (&metric.value, &metric.unsupported) {
        (Some(t), _) => {
            for (what, value) in [
                ("median", t.median_hours),
                ("90th percentile", t.p90_hours),
                ("mean", t.mean_hours),
            ] {
                rows.push(vec![
                    Cell::text(format!("{name}, {what} (hours)")),
                    Cell::num(Some(value)),
                    Cell::text(format!("{} requests", t.n)),
                ]);
            }
        }
        (None, reason) => rows.push(vec![
            Cell::text(format!("{name} (hours)")),
            Cell::Empty,
            Cell::text(reason.clone().unwrap_or_default()),
        ]),
    }
}

/// The report's headline numbers, one metric a row, with why a metric is
/// missing when it is.
fn summary(report: &Report) -> Table {
    let mut rows = vec![
        vec![
            Cell::text("Requests opened"),
            Cell::count(report.opened),
            Cell::Empty,
        ],
        vec![
            Cell::text("Requests resolved"),
            Cell::count(report.resolved),
            Cell::Empty,
        ],
        vec![
            Cell::text("Requests open"),
            Cell::count(report.open),
            Cell::Empty,
        ],
    ];
    turnaround_rows(&mut rows, "Turnaround", &report.turnaround);
    turnaround_rows(
        &mut rows,
        "Turnaround in business hours",
        &report.business_turnaround,
    );
    turnaround_rows(&mut rows, "Time to first response", &report.first_response);
    for (name, metric) in [
        ("SLA kept (%)", &report.sla_kept),
        ("Reopen rate (%)", &report.reopen_rate),
    ] {
        rows.push(match (&metric.value, &metric.unsupported) {
            (Some(r), _) => vec![
                Cell::text(name),
                Cell::num(Some(r.percent)),
                Cell::text(format!("{} of {}", r.part, r.whole)),
            ],
            (None, reason) => vec![
                Cell::text(name),
                Cell::Empty,
                Cell::text(reason.clone().unwrap_or_default()),
            ],
        });
    }
    rows.push(
        match (&report.satisfaction.value, &report.satisfaction.unsupported) {
            (Some(s), _) => vec![
                Cell::text("Satisfaction (mean of 1 to 5)"),
                Cell::num(Some(s.mean)),
                Cell::text(format!(
                    "{} of {} resolved requests rated ({:.0} %)",
                    s.response_rate.part, s.response_rate.whole, s.response_rate.percent
                )),
            ],
            (None, reason) => vec![
                Cell::text("Satisfaction (mean of 1 to 5)"),
                Cell::Empty,
                Cell::text(reason.clone().unwrap_or_default()),
            ],
        },
    );
    Table {
        id: "summary".into(),
        title: "Headline numbers".into(),
        columns: vec!["Metric".into(), "Value".into(), "Note".into()],
        rows,
    }
}

/// Every table of a report, in the order the screen shows them.
pub fn tables(report: &Report) -> Vec<Table> {
    let mut out = vec![
        summary(report),
        Table {
            id: "volume".into(),
            title: "Requests per week".into(),
            columns: vec!["Week of".into(), "Opened".into(), "Resolved".into()],
            rows: report
                .volume
                .iter()
                .map(|w| {
                    vec![
                        Cell::text(&w.week),
                        Cell::count(w.opened),
                        Cell::count(w.resolved),
                    ]
                })
                .collect(),
        },
    ];
    if let Some(backlog) = &report.backlog.value {
        out.push(Table {
            id: "backlog".into(),
            title: "Open at the end of each week".into(),
            columns: vec!["Week of".into(), "Open".into()],
            rows: backlog
                .iter()
                .map(|w| vec![Cell::text(&w.week), Cell::count(w.open)])
                .collect(),
        });
    }
    if let Some(s) = &report.satisfaction.value {
        out.push(Table {
            id: "satisfaction".into(),
            title: "Satisfaction ratings".into(),
            columns: vec!["Rating".into(), "Requests".into()],
            rows: s
                .distribution
                .iter()
                .enumerate()
                .map(|(i, n)| vec![Cell::count(i as u64 + 1), Cell::count(*n)])
                .collect(),
        });
    }
    for b in &report.breakdowns {
        out.push(Table {
            id: format!("breakdown-{}", b.dimension),
            title: b.title.clone(),
            columns: vec![
                "Group".into(),
                "Opened".into(),
                "Resolved".into(),
                "Median turnaround (h)".into(),
                "Median business hours".into(),
                "SLA kept (%)".into(),
            ],
            rows: b
                .rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(&r.group),
                        Cell::count(r.opened),
                        Cell::count(r.resolved),
                        Cell::num(r.median_hours),
                        Cell::num(r.median_business_hours),
                        Cell::num(r.sla_kept_percent),
                    ]
                })
                .collect(),
        });
    }
    out
}

/// The before-vs-after comparison as a table.
pub fn comparison_table(c: &Comparison) -> Table {
    let side = |f: &dyn Fn(&super::compare::SideSummary) -> Cell| vec![f(&c.before), f(&c.after)];
    let row = |name: &str, cells: Vec<Cell>| {
        let mut r = vec![Cell::text(name)];
        r.extend(cells);
        r
    };
    Table {
        id: "comparison".into(),
        title: "Before vs after".into(),
        columns: vec![
            "Measure".into(),
            c.before.label.clone(),
            c.after.label.clone(),
        ],
        rows: vec![
            row("Requests", side(&|s| Cell::count(s.requests))),
            row("Resolved (sample size)", side(&|s| Cell::count(s.resolved))),
            row(
                "Median turnaround (h)",
                side(&|s| Cell::num(s.median_hours)),
            ),
            row(
                "90th percentile turnaround (h)",
                side(&|s| Cell::num(s.p90_hours)),
            ),
            row("SLA kept (%)", side(&|s| Cell::num(s.sla_kept_percent))),
        ],
    }
}

/// A text cell a spreadsheet would take for a formula, made inert.
pub fn guard(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// A table as CSV text: a header row, then its rows.
pub fn csv(table: &Table) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let failed = |e: &dyn std::fmt::Display| {
        Error::invalid(
            "table",
            format!("The table could not be written as CSV ({e})."),
        )
    };
    w.write_record(table.columns.iter().map(|c| guard(c)))
        .map_err(|e| failed(&e))?;
    for row in &table.rows {
        w.write_record(row.iter().map(|cell| match cell {
            Cell::Text(t) => guard(t),
            other => other.display(),
        }))
        .map_err(|e| failed(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| failed(&e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}

pub fn write_csv(table: &Table, path: &Path) -> Result<()> {
    write_file(path, csv(table)?.as_bytes())
}

/// Tables as an XLSX workbook, one sheet a table, numbers as numbers.
pub fn write_xlsx(tables: &[Table], path: &Path) -> Result<()> {
    use rust_xlsxwriter::{Format, Workbook};
    let failed = |e: rust_xlsxwriter::XlsxError| {
        Error::invalid(
            "xlsx",
            format!(
                "{} could not be written as a workbook ({e}).",
                path.display()
            ),
        )
    };
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for (i, table) in tables.iter().enumerate() {
        let sheet = book.add_worksheet();
        // Sheet names are at most 31 characters and unique.
        let name: String = format!("{} {}", i + 1, table.title)
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        sheet.set_name(name.trim()).map_err(failed)?;
        for (c, title) in table.columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, title, &bold)
                .map_err(failed)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    Cell::Number(n) => sheet.write_number(r, c, *n).map(|_| ()),
                    Cell::Text(t) => sheet.write_string(r, c, t).map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .map_err(failed)?;
            }
        }
        sheet.autofit();
    }
    book.save(path).map_err(failed)
}

fn esc(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

/// Bars of opened and resolved requests per week as inline SVG.
fn volume_svg(report: &Report) -> String {
    let weeks = &report.volume;
    let (w, h, pad) = (720.0_f64, 220.0_f64, 30.0_f64);
    let max = WeekVolume::peak(weeks) as f64;
    let slot = (w - 2.0 * pad) / weeks.len().max(1) as f64;
    let bar = (slot / 2.0 - 1.0).max(0.5);
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="Requests opened and resolved per week"><line x1="{pad}" y1="{y}" x2="{x2}" y2="{y}" stroke="#888"/><text x="{pad}" y="14" font-size="11">max {max}</text>"##,
        y = h - pad,
        x2 = w - pad,
    );
    for (i, v) in weeks.iter().enumerate() {
        let x = pad + i as f64 * slot;
        for (j, (n, colour)) in [(v.opened, "#3b6fd8"), (v.resolved, "#2a9d6f")]
            .iter()
            .enumerate()
        {
            let bh = (*n as f64 / max) * (h - 2.0 * pad);
            let _ = write!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{bar:.1}" height="{bh:.1}" fill="{colour}"><title>{} {}: {n}</title></rect>"#,
                x + j as f64 * (bar + 1.0),
                h - pad - bh,
                esc(&v.week),
                if j == 0 { "opened" } else { "resolved" },
            );
        }
    }
    if let (Some(first), Some(last)) = (weeks.first(), weeks.last()) {
        let _ = write!(
            svg,
            r#"<text x="{pad}" y="{}" font-size="11">{}</text><text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>"#,
            h - 10.0,
            esc(&first.week),
            w - pad,
            h - 10.0,
            esc(&last.week)
        );
    }
    svg.push_str("</svg>");
    svg
}

fn html_table(table: &Table) -> String {
    let mut out = format!("<h2>{}</h2><table><thead><tr>", esc(&table.title));
    for c in &table.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(c));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let class = if matches!(cell, Cell::Number(_)) {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(out, "<td{class}>{}</td>", esc(&cell.display()));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The dashboard as one HTML file: no script, no network, the chart as
/// inline SVG, every table.
pub fn html(report: &Report, comparison: Option<&Comparison>) -> String {
    let mut out =
        String::from("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    out.push_str(&esc(&report.scope_label));
    out.push_str(" — Pilot Studio report</title><style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2330;background:#fff}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccd;padding:.25rem .6rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto}.muted{color:#5a6475}@media (prefers-color-scheme:dark){body{background:#15181e;color:#e6e9ef}th,td{border-color:#3a4150}.muted{color:#a4acba}}</style></head><body>");
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"muted\">{} requests opened {} to {}. Generated by Pilot Studio.</p>",
        esc(&report.scope_label),
        report.opened,
        esc(report.first_opened.as_deref().unwrap_or("—")),
        esc(report.last_opened.as_deref().unwrap_or("—")),
    );
    out.push_str("<h2>Requests per week</h2>");
    out.push_str(&volume_svg(report));
    for table in tables(report) {
        out.push_str(&html_table(&table));
    }
    if let Some(c) = comparison {
        out.push_str(&html_table(&comparison_table(c)));
        let _ = write!(out, "<p>{}</p>", esc(&c.verdict));
        for w in &c.warnings {
            let _ = write!(out, "<p class=\"muted\">{}</p>", esc(w));
        }
    }
    out.push_str("</body></html>\n");
    out
}

pub fn write_html(report: &Report, comparison: Option<&Comparison>, path: &Path) -> Result<()> {
    write_file(path, html(report, comparison).as_bytes())
}
