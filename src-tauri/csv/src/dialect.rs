//! The file's dialect: which character separates cells. Chosen by how
//! consistently each candidate splits a sample into rows of the same width
//! and into cells that look like values (the idea of the CleverCSV paper and
//! of DuckDB's sniffer), unless an Excel `sep=` line says it outright.

use super::values;

/// The delimiters the tools we import from write.
pub const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter named by an Excel `sep=;` first line, if there is one.
pub(crate) fn sep_hint(text: &str) -> Option<u8> {
    let first = text.lines().next()?.trim_end_matches('\r');
    let rest = first
        .get(..4)?
        .eq_ignore_ascii_case("sep=")
        .then(|| &first[4..])?;
    match rest.as_bytes() {
        [d] | [d, b'"'] | [d, b','] => Some(*d),
        _ => None,
    }
}

/// A record of a sample, with the physical line it starts on.
pub(crate) struct SampleRecord {
    pub line: u64,
    pub cells: Vec<String>,
}

impl SampleRecord {
    pub fn non_empty(&self) -> usize {
        self.cells.iter().filter(|c| !c.trim().is_empty()).count()
    }
}

/// Parses up to `max` records of `text`. Parsing stops quietly at anything
/// odd: the sample only informs guesses, the full pass checks the file.
pub(crate) fn parse_sample(text: &str, delimiter: u8, max: usize) -> Vec<SampleRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    // Lines are counted as `Records::advance` counts them (a file whose
    // lines end with a CR alone has lines too), from record to record.
    let (mut counted_to, mut lines, mut cr_only) = (0usize, 1u64, None);
    while records.len() < max {
        match reader.read_record(&mut record) {
            Ok(true) => records.push(SampleRecord {
                line: record.position().map_or(0, |p| {
                    let bytes = text.as_bytes();
                    let at = p.byte() as usize;
                    let ends = bytes[at.min(bytes.len())..]
                        .iter()
                        .take_while(|b| matches!(b, b'\r' | b'\n'))
                        .count();
                    let start = (at + ends).min(bytes.len()).max(counted_to);
                    lines += super::refusal::line_ends(&bytes[counted_to..start], &mut cr_only);
                    counted_to = start;
                    lines
                }),
                cells: record.iter().map(str::to_owned).collect(),
            }),
            Ok(false) | Err(_) => break,
        }
    }
    records
}

/// Picks the delimiter that best explains `text`.
pub(crate) fn sniff(text: &str) -> u8 {
    if let Some(d) = sep_hint(text) {
        return d;
    }
    let mut best = (b',', 0.0f64);
    for delimiter in CANDIDATES {
        let score = score(&parse_sample(text, delimiter, 200), delimiter);
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

/// How well a delimiter explains a sample: the share of rows that have the
/// most common width, times the number of cells that width gives beyond
/// one, weighted by how many cells look like clean values.
fn score(records: &[SampleRecord], delimiter: u8) -> f64 {
    let rows: Vec<&SampleRecord> = records.iter().filter(|r| r.non_empty() > 0).collect();
    if rows.is_empty() {
        return 0.0;
    }
    let mut widths: Vec<usize> = rows.iter().map(|r| r.cells.len()).collect();
    widths.sort_unstable();
    let (mut width, mut best_run, mut run) = (widths[0], 0, 0);
    for (i, w) in widths.iter().enumerate() {
        run = if i > 0 && widths[i - 1] == *w {
            run + 1
        } else {
            1
        };
        if run >= best_run {
            best_run = run;
            width = *w;
        }
    }
    if width < 2 {
        return 0.0;
    }
    let consistency = best_run as f64 / rows.len() as f64;
    let (mut clean, mut cells) = (0usize, 0usize);
    for row in &rows {
        for cell in row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
            cells += 1;
            let other_delimiter = CANDIDATES
                .iter()
                .any(|d| *d != delimiter && cell.as_bytes().contains(d));
            if !other_delimiter || values::classify(cell).0 != 0 {
                clean += 1;
            }
        }
    }
    let typed = clean as f64 / cells.max(1) as f64;
    consistency * (width - 1) as f64 * (0.25 + typed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excel_sep_line_decides() {
        assert_eq!(sniff("sep=;\na,b;c\n"), b';');
        assert_eq!(sep_hint("SEP=|\r\nx"), Some(b'|'));
    }

    #[test]
    fn semicolon_files_with_decimal_commas_are_split_on_semicolons() {
        let text = "Nr;Preis;Gesamt;Datum\n1;169,84;5.434,88;19.06.2026\n2;1,5;3,00;20.06.2026\n3;2,25;4,50;21.06.2026\n";
        assert_eq!(sniff(text), b';');
    }

    #[test]
    fn comma_files_with_semicolon_multi_selects_are_split_on_commas() {
        let text = "ID,Name,Times\n1,Ana,Morning;After hours;\n2,Lee,Afternoon;\n3,Zoe,Morning;Lunchtime;After hours;\n";
        assert_eq!(sniff(text), b',');
    }

    #[test]
    fn tabs_and_pipes_are_candidates_too() {
        assert_eq!(sniff("a\tb\tc\n1\t2\t3\n4\t5\t6\n"), b'\t');
        assert_eq!(sniff("a|b|c\n1|2|3\n4|5|6\n"), b'|');
    }
}
