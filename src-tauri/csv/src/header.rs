//! The header row: found below any title or preamble rows, and turned into
//! column names and stable snake_case keys.

use super::dialect::SampleRecord;
use super::values;

/// How far down a header may be looked for.
const MAX_PREAMBLE_ROWS: usize = 30;

/// The index (in `records`) of the header row.
///
/// Title rows, export notes and blank rows above a table have far fewer
/// filled cells than the table itself; the header is the first row that
/// spans most of the width the rows below it use, with labels rather than
/// numbers or dates in its cells. A header may leave titles empty (Excel's
/// untitled columns), so its reach counts, not how many cells are filled.
pub(crate) fn find(records: &[SampleRecord], skip: usize) -> Option<usize> {
    let candidates = records.len().min(skip + MAX_PREAMBLE_ROWS);
    let filled: Vec<usize> = records.iter().map(SampleRecord::non_empty).collect();
    for i in skip..candidates {
        if filled[i] == 0 {
            continue;
        }
        let below = filled[i + 1..].iter().copied().max().unwrap_or(0);
        let reach = reach(&records[i]);
        let wide_enough = reach * 10 >= below * 6 && (filled[i] >= 2 || below <= 1);
        if wide_enough && labels(&records[i]) {
            return Some(i);
        }
    }
    (skip..records.len()).find(|i| filled[*i] > 0)
}

/// How far a row reaches: the position after its last filled cell.
fn reach(record: &SampleRecord) -> usize {
    record
        .cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1)
}

/// Whether most filled cells of a row read as labels, not values.
fn labels(record: &SampleRecord) -> bool {
    let cells: Vec<&str> = record
        .cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let values = cells
        .iter()
        .filter(|c| {
            let k = values::classify(c);
            k.has(values::Kinds::NUM_DOT | values::Kinds::NUM_COMMA | values::Kinds::DMY)
                || k.has(values::Kinds::MDY | values::Kinds::YMD | values::Kinds::EMAIL)
        })
        .count();
    values * 2 <= cells.len()
}

/// The column titles of a header row. Empty columns Excel leaves at the end
/// of a row are dropped; an empty title in the middle gets a placeholder.
pub(crate) fn titles(cells: &[String]) -> Vec<String> {
    let width = cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1);
    cells[..width]
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let t = c.trim().trim_start_matches('\u{feff}').trim();
            if t.is_empty() {
                format!("Column {}", i + 1)
            } else {
                t.to_owned()
            }
        })
        .collect()
}

/// A stable snake_case key: ASCII letters, digits and underscores, with
/// common accented letters folded (`Größe (€)` → `grosse_eur`).
pub(crate) fn snake_case(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut gap = false;
    for c in title.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    if out.is_empty() {
        out.push_str("field");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "f_");
    }
    out
}

fn fold(c: char) -> Vec<char> {
    let s: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Å' => "a",
        'ä' | 'Ä' | 'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Õ' => "o",
        'ö' | 'Ö' | 'ø' | 'Ø' | 'œ' | 'Œ' => "oe",
        'ù' | 'ú' | 'û' | 'Ù' | 'Ú' | 'Û' => "u",
        'ü' | 'Ü' => "ue",
        'ß' => "ss",
        '€' => " eur ",
        '$' => " usd ",
        '£' => " gbp ",
        '%' => " pct ",
        '#' => " no ",
        _ => return vec![c],
    };
    s.chars().collect()
}

/// Makes keys unique by numbering repeats: `amount`, `amount_2`.
pub(crate) fn unique(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let mut candidate = name.clone();
            let mut n = 2;
            while !seen.insert(candidate.clone()) {
                candidate = format!("{name}_{n}");
                n += 1;
            }
            candidate
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::parse_sample;

    #[test]
    fn title_rows_above_the_header_are_skipped() {
        let text = "Accounts payable log,,,\nExported 2026-08-31,,,\n,,,\nTicket,Raised on,Amount,Owner\nAP-1,2026-06-13,10.5,Ana\n";
        let records = parse_sample(text, b',', 100);
        let header = find(&records, 0).unwrap();
        assert_eq!(records[header].line, 4);
    }

    #[test]
    fn a_header_with_empty_titles_is_still_the_header() {
        let text = "id,,,status,,amount\n1,a,b,open,c,10\n2,d,e,done,f,20\n";
        let records = parse_sample(text, b',', 100);
        assert_eq!(find(&records, 0), Some(0));
        let titles = titles(&records[0].cells);
        assert_eq!(titles[1], "Column 2");
        assert_eq!(titles[5], "amount");
    }

    #[test]
    fn a_header_on_the_first_line_is_found_there() {
        let records = parse_sample("a,b,c\n1,2,3\n", b',', 100);
        assert_eq!(find(&records, 0), Some(0));
    }

    #[test]
    fn trailing_empty_columns_are_dropped_and_gaps_named() {
        let cells: Vec<String> = ["Name", "", "Amount", "", ""].map(String::from).to_vec();
        assert_eq!(titles(&cells), ["Name", "Column 2", "Amount"]);
    }

    #[test]
    fn keys_are_snake_case_ascii() {
        assert_eq!(snake_case("Einzelpreis (EUR)"), "einzelpreis_eur");
        assert_eq!(snake_case("Größe"), "groesse");
        assert_eq!(snake_case("Client billable?"), "client_billable");
        assert_eq!(snake_case("4410 Sales"), "f_4410_sales");
        assert_eq!(
            unique(["a".into(), "a".into(), "b".into()]),
            ["a", "a_2", "b"]
        );
    }
}
