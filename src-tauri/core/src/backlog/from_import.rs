//! Use cases from a workshop spreadsheet. The CSV goes through the importer
//! like any other file (its rows are kept verbatim as an import); this
//! module then maps its columns to a use case's fields by their header
//! names, in English as people write them ("Process", "Pain today",
//! "Requests per month", "Minutes per request", "Effort (days)", …), and
//! adds one use case per row in one transaction.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{normalise, validate, Channel, Quarter, Status, UseCaseInput};
use crate::catalog::stored_inspection;
use crate::error::{Error, Result};
use crate::import;
use crate::storage;
use crate::value::Assumptions;
use crate::workspace::Workspace;

/// What an import of a workshop spreadsheet did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BacklogImport {
    #[ts(type = "number")]
    pub import_id: i64,
    /// The use cases added, in file order.
    #[ts(type = "number[]")]
    pub created: Vec<i64>,
    /// Which header went to which field: `(field, column)`.
    pub mapped: Vec<(String, String)>,
    /// What was not taken as written, per row.
    pub notes: Vec<RowNote>,
}

/// Something about one row: a value left out or replaced, or the row left
/// out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowNote {
    /// The physical line of the file.
    #[ts(type = "number")]
    pub line: u64,
    pub message: String,
    /// Whether the row was left out (the use case was not added).
    pub skipped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Department,
    Process,
    Pain,
    Channel,
    Volume,
    Minutes,
    Outcome,
    Kpi,
    Effort,
    Sponsor,
    Status,
    Quarter,
}

/// Header names per field, normalised (lower case, letters and digits
/// separated by single spaces). A header matches when it equals one, or
/// else when it starts with one.
const NAMES: &[(Target, &[&str])] = &[
    (
        Target::Department,
        &["department", "dept", "team", "business unit"],
    ),
    (
        Target::Process,
        &["process", "use case", "usecase", "name", "title"],
    ),
    (
        Target::Pain,
        &["pain today", "pain", "problem", "challenge", "issue today"],
    ),
    (
        Target::Channel,
        &[
            "current channel",
            "channel",
            "how today",
            "today via",
            "tool today",
        ],
    ),
    (
        Target::Volume,
        &[
            "requests per month",
            "monthly volume",
            "volume per month",
            "volume",
            "per month",
        ],
    ),
    (
        Target::Minutes,
        &[
            "minutes per request",
            "minutes each",
            "handling time",
            "minutes",
            "time per request",
        ],
    ),
    (
        Target::Outcome,
        &["outcome wanted", "outcome", "goal", "desired outcome"],
    ),
    (
        Target::Kpi,
        &["kpi", "measure", "metric", "success measure"],
    ),
    (
        Target::Effort,
        &["effort days", "effort estimate", "effort", "person days"],
    ),
    (
        Target::Sponsor,
        &["sponsor", "sponsor email", "executive sponsor", "owner"],
    ),
    (Target::Status, &["status", "stage"]),
    (
        Target::Quarter,
        &["quarter", "planned quarter", "roadmap", "when"],
    ),
];

fn field_name(t: Target) -> &'static str {
    match t {
        Target::Department => "department",
        Target::Process => "process",
        Target::Pain => "pain",
        Target::Channel => "channel",
        Target::Volume => "monthlyVolume",
        Target::Minutes => "minutesPerRequest",
        Target::Outcome => "outcome",
        Target::Kpi => "kpi",
        Target::Effort => "effortDays",
        Target::Sponsor => "sponsor",
        Target::Status => "status",
        Target::Quarter => "quarter",
    }
}

fn normalise_header(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Column index per field: exact names first, so "Requests per month" is
/// not taken for "minutes" by a looser rule; each column serves one field.
fn map_columns(titles: &[String]) -> Vec<(Target, usize)> {
    let names: Vec<String> = titles.iter().map(|t| normalise_header(t)).collect();
    let mut mapped: Vec<(Target, usize)> = Vec::new();
    for exact in [true, false] {
        for (target, synonyms) in NAMES {
            if mapped.iter().any(|(t, _)| t == target) {
                continue;
            }
            let found = names.iter().enumerate().find(|(i, name)| {
                !mapped.iter().any(|(_, c)| c == i)
                    && synonyms.iter().any(|s| match exact {
                        true => *name == s,
                        false => name.starts_with(&format!("{s} ")),
                    })
            });
            if let Some((i, _)) = found {
                mapped.push((*target, i));
            }
        }
    }
    mapped
}

/// A number as people type it in a spreadsheet: `1,5` or `1.5`, `1 200`,
/// `~40`, `30 min`; t-shirt sizes for effort (see [`effort_days`]).
fn number(cell: &str) -> Option<f64> {
    let kept: String = cell
        .trim()
        .trim_start_matches(['~', '≈'])
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}'))
        .filter(|c| !c.is_whitespace())
        .collect();
    let text = match (kept.contains('.'), kept.contains(',')) {
        (false, true) if kept.matches(',').count() == 1 && !kept.ends_with(",000") => {
            kept.replace(',', ".")
        }
        _ => kept.replace(',', ""),
    };
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Person-days from a number or a t-shirt size.
fn effort_days(cell: &str) -> Option<f64> {
    match cell.trim().to_uppercase().as_str() {
        "XS" => Some(2.0),
        "S" | "SMALL" => Some(5.0),
        "M" | "MEDIUM" => Some(15.0),
        "L" | "LARGE" => Some(40.0),
        "XL" => Some(80.0),
        _ => number(cell).filter(|v| *v > 0.0),
    }
}

fn channel(cell: &str) -> Option<Channel> {
    let c = normalise_header(cell);
    let has = |w: &str| c.contains(w);
    if c.is_empty() {
        None
    } else if has("sharepoint") || has("list") {
        Some(Channel::SharepointList)
    } else if has("mail") || has("outlook") {
        Some(Channel::Email)
    } else if has("excel") || has("spreadsheet") || has("sheet") {
        Some(Channel::Spreadsheet)
    } else if has("paper") || has("form") || has("print") || has("fax") {
        Some(Channel::Paper)
    } else {
        Some(Channel::Other)
    }
}

/// Imports a workshop spreadsheet already stored as import `import_id`:
/// one use case per row with a process, all in one transaction. A row
/// whose numbers cannot be read is left out with a note naming its line;
/// an unknown department or sponsor is left empty with a note. Who set the
/// assumptions is `by`.
pub fn import_use_cases(ws: &mut Workspace, import_id: i64, by: &str) -> Result<BacklogImport> {
    ws.write(|tx| use_cases_in(tx, import_id, by))
}

/// [`import_use_cases`] inside the caller's transaction (the workshop flow
/// runs it in the import's own, so a refused spreadsheet leaves no import
/// behind).
pub(crate) fn use_cases_in(tx: &Connection, import_id: i64, by: &str) -> Result<BacklogImport> {
    let (file_name, inspection) = stored_inspection(tx, import_id)?;
    let titles: Vec<String> = inspection
        .columns
        .iter()
        .map(|c| c.column.clone())
        .collect();
    let mapped = map_columns(&titles);
    let col = |t: Target| mapped.iter().find(|(x, _)| *x == t).map(|(_, i)| *i);
    if col(Target::Process).is_none() {
        return Err(Error::invalid(
            "columns",
            format!(
                "{file_name} has no column for the process (a header such as \"Process\" or \"Use case\"); its columns are: {}.",
                titles.join(", ")
            ),
        ));
    }
    let path = std::path::PathBuf::from(tx.path().unwrap_or_default());
    let mut rows = Vec::new();
    loop {
        let page = import::rows_in(tx, &path, import_id, rows.len() as u64, 1000)?;
        if page.is_empty() {
            break;
        }
        rows.extend(page);
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let source = format!("Workshop spreadsheet {file_name}");
    {
        let mut created = Vec::new();
        let mut notes = Vec::new();
        for row in &rows {
            let cell = |t: Target| {
                col(t)
                    .and_then(|i| row.cells.get(i))
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
            };
            let mut note = |message: String, skipped: bool| {
                notes.push(RowNote {
                    line: row.line,
                    message,
                    skipped,
                })
            };
            let Some(process) = cell(Target::Process) else {
                if row.cells.iter().any(|c| !c.trim().is_empty()) {
                    note("The row names no process; it was left out.".into(), true);
                }
                continue;
            };
            let read =
                |t: Target, parse: fn(&str) -> Option<f64>, default: f64, what: &str| match cell(t)
                {
                    None => Ok(default),
                    Some(text) => parse(text).ok_or(format!(
                        "\"{text}\" in column {} is not {what}; the row was left out.",
                        titles[col(t).expect("a cell has a column")]
                    )),
                };
            let numbers = (|| {
                Ok::<_, String>((
                    read(
                        Target::Volume,
                        number,
                        0.0,
                        "a number of requests per month",
                    )?,
                    read(Target::Minutes, number, 0.0, "a number of minutes")?,
                    read(
                        Target::Effort,
                        effort_days,
                        10.0,
                        "an effort in days (or XS, S, M, L, XL)",
                    )?,
                ))
            })();
            let (volume, minutes, effort) = match numbers {
                Ok(n) => n,
                Err(message) => {
                    note(message, true);
                    continue;
                }
            };
            let mut department_id = None;
            if let Some(name) = cell(Target::Department) {
                department_id = storage::departments::id_by_name(tx, name)?;
                if department_id.is_none() {
                    note(format!("Department \"{name}\" is not in the directory; the use case was added without one."), false);
                }
            }
            let mut sponsor_id = None;
            if let Some(who) = cell(Target::Sponsor) {
                sponsor_id = person_named(tx, who)?;
                if sponsor_id.is_none() {
                    note(format!("Sponsor \"{who}\" is not in the directory; the use case was added without one."), false);
                }
            }
            let status = match cell(Target::Status) {
                None => Status::Idea,
                Some(text) => Status::parse(&text.to_lowercase()).unwrap_or_else(|| {
                    note(format!("Status \"{text}\" is not one of idea, candidate, piloting, live, retired; the use case was added as an idea."), false);
                    Status::Idea
                }),
            };
            let quarter =
                cell(Target::Quarter).and_then(|q| match Quarter::parse(&q.to_uppercase()) {
                    Ok(q) => Some(q.to_string()),
                    Err(e) => {
                        note(
                            format!("{e} The use case was added without a quarter."),
                            false,
                        );
                        None
                    }
                });
            let mut assumptions = Assumptions::starting(volume, minutes, by, &now);
            assumptions.monthly_volume.source = source.clone();
            let input = normalise(UseCaseInput {
                department_id,
                process: process.to_owned(),
                pain: cell(Target::Pain).unwrap_or_default().to_owned(),
                channel: cell(Target::Channel)
                    .and_then(channel)
                    .unwrap_or(Channel::Other),
                minutes_per_request: minutes,
                outcome: cell(Target::Outcome).unwrap_or_default().to_owned(),
                kpi: cell(Target::Kpi).unwrap_or_default().to_owned(),
                effort_days: effort,
                sponsor_id,
                status,
                quarter,
                assumptions,
            });
            if let Err(e) = validate(tx, &input) {
                note(format!("{e} The row was left out."), true);
                continue;
            }
            created.push(storage::use_cases::insert(
                tx,
                &input,
                Some((import_id, row.row_no)),
            )?);
        }
        Ok(BacklogImport {
            import_id,
            created,
            mapped: mapped
                .iter()
                .map(|(t, i)| (field_name(*t).to_owned(), titles[*i].clone()))
                .collect(),
            notes,
        })
    }
}

/// The person a sponsor cell names: by e-mail, else by exactly one
/// person's full name (case aside).
fn person_named(conn: &Connection, who: &str) -> Result<Option<i64>> {
    if let Some((id, _)) = storage::people::by_email(conn, who)? {
        return Ok(Some(id));
    }
    let wanted = who.to_lowercase();
    let same: Vec<i64> = storage::people::list(conn, who)?
        .into_iter()
        .filter(|p| p.name.to_lowercase() == wanted)
        .map(|p| p.id)
        .collect();
    Ok(match same.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_map_by_their_names_exact_names_before_looser_ones() {
        let titles: Vec<String> = [
            "Dept",
            "Use case",
            "Requests per month",
            "Minutes per request",
            "Effort (days)",
            "Pain today",
        ]
        .map(String::from)
        .to_vec();
        let mapped = map_columns(&titles);
        let at = |t| mapped.iter().find(|(x, _)| *x == t).map(|(_, i)| *i);
        assert_eq!(at(Target::Department), Some(0));
        assert_eq!(at(Target::Process), Some(1));
        assert_eq!(at(Target::Volume), Some(2));
        assert_eq!(at(Target::Minutes), Some(3));
        assert_eq!(at(Target::Effort), Some(4));
        assert_eq!(at(Target::Pain), Some(5));
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(number("1,5"), Some(1.5));
        assert_eq!(number("1 200"), Some(1200.0));
        assert_eq!(number("1,200,000"), Some(1_200_000.0));
        assert_eq!(number("~40"), Some(40.0));
        assert_eq!(number("30 min"), Some(30.0));
        assert_eq!(number("lots"), None);
        assert_eq!(effort_days("M"), Some(15.0));
        assert_eq!(effort_days("0"), None);
    }

    #[test]
    fn channels_are_recognised_from_the_words_people_use() {
        assert_eq!(channel("Paper form"), Some(Channel::Paper));
        assert_eq!(channel("E-mail"), Some(Channel::Email));
        assert_eq!(channel("SharePoint list"), Some(Channel::SharepointList));
        assert_eq!(channel("Excel"), Some(Channel::Spreadsheet));
        assert_eq!(channel("Phone"), Some(Channel::Other));
    }
}
