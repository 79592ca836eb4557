//! Column inference: what each column holds, decided from every one of its
//! cells. Cells are observed one at a time into bounded statistics, so a
//! million-row file is inferred in constant memory, and a value late in the
//! file (a `25/04/2026` that settles the day/month order) counts as much as
//! the first.

use std::collections::HashMap;

use super::inspection::{DateOrder, FieldType};
use super::values::{self, Convention, Kinds};

/// More distinct values than this and a column is free text, not a choice.
pub const MAX_CHOICES: usize = 30;

/// Longer than this and text is long text.
const LONG_TEXT_CHARS: usize = 255;

/// How the tools write several selected options into one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MultiStyle {
    /// SharePoint: `Laptop;#Headset` (also `1;#Laptop;#2;#Headset` lookups).
    SharePoint,
    /// Microsoft Forms: `Morning;After hours;`.
    Semicolon,
    /// Google Forms: `IP, Data privacy`.
    CommaSpace,
}

impl MultiStyle {
    const ALL: [MultiStyle; 3] = [
        MultiStyle::SharePoint,
        MultiStyle::Semicolon,
        MultiStyle::CommaSpace,
    ];

    fn separator(self) -> &'static str {
        match self {
            MultiStyle::SharePoint => ";#",
            MultiStyle::Semicolon => ";",
            MultiStyle::CommaSpace => ", ",
        }
    }

    /// The options selected in a cell.
    pub fn split(self, cell: &str) -> impl Iterator<Item = &str> {
        let parts: Vec<&str> = cell.split(self.separator()).map(str::trim).collect();
        // SharePoint lookups interleave item ids with values: `1;#A;#2;#B`.
        let lookup = self == MultiStyle::SharePoint
            && parts.len() % 2 == 0
            && parts
                .iter()
                .step_by(2)
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        parts
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| !lookup || i % 2 == 1)
            .map(|(_, p)| p)
            .filter(|p| !p.is_empty())
    }
}

/// The text a cell stands for once SharePoint's wrapping is removed: a
/// single lookup `12;#Name` is `Name`, a managed metadata term `Label|GUID`
/// is `Label`.
pub(crate) fn unwrap_text(cell: &str) -> &str {
    if memchr::memchr2(b';', b'|', cell.as_bytes()).is_none() {
        return cell;
    }
    if let Some((id, value)) = cell.split_once(";#") {
        if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && !value.contains(";#") {
            return value;
        }
    }
    values::term_label(cell).unwrap_or(cell)
}

/// Distinct values in first-seen order, up to a cap.
#[derive(Debug, Default)]
pub(crate) struct Distinct {
    order: Vec<String>,
    seen: HashMap<String, ()>,
    overflow: bool,
}

impl Distinct {
    fn add(&mut self, value: &str) {
        if self.overflow || self.seen.contains_key(value) {
            return;
        }
        if self.order.len() == MAX_CHOICES * 2 {
            self.overflow = true;
            self.order = Vec::new();
            self.seen = HashMap::new();
            return;
        }
        self.order.push(value.to_owned());
        self.seen.insert(value.to_owned(), ());
    }

    pub fn values(&self) -> Option<&[String]> {
        (!self.overflow).then_some(&self.order)
    }
}

/// What has been seen of one column.
#[derive(Debug)]
pub(crate) struct ColumnStats {
    pub filled: u64,
    pub empty: u64,
    /// Readings every filled cell allowed so far.
    all_kinds: u16,
    /// Readings some filled cell allowed.
    any_kinds: u16,
    max_chars: usize,
    newline: bool,
    distinct: Distinct,
    /// Cells holding several options in each multi-select style, and the
    /// options seen in that style.
    multi_cells: [u64; 3],
    trailing_semicolon: u64,
    items: [Distinct; 3],
}

impl Default for ColumnStats {
    fn default() -> Self {
        ColumnStats {
            filled: 0,
            empty: 0,
            all_kinds: u16::MAX,
            any_kinds: 0,
            max_chars: 0,
            newline: false,
            distinct: Distinct::default(),
            multi_cells: [0; 3],
            trailing_semicolon: 0,
            items: Default::default(),
        }
    }
}

/// Readings that matter when any cell has them rather than all: one
/// amount with a currency symbol makes a currency column, one date with a
/// time a datetime column.
const ANY_KINDS: u16 = Kinds::MONEY | Kinds::TIME;

impl ColumnStats {
    /// Records one cell, already trimmed.
    pub fn observe(&mut self, cell: &str) {
        if cell.is_empty() {
            self.empty += 1;
            return;
        }
        self.filled += 1;
        // Once no reading is shared by every cell, none can come back, so
        // free text skips all the parsers.
        if self.all_kinds & !ANY_KINDS != 0 {
            let kinds = values::classify_within(cell, self.all_kinds | ANY_KINDS).0;
            self.all_kinds &= kinds;
            self.any_kinds |= kinds;
        }
        self.max_chars = self.max_chars.max(cell.len());
        if !self.distinct.overflow {
            self.distinct.add(unwrap_text(cell));
        }
        let multi_open = self.items.iter().any(|items| !items.overflow);
        if !multi_open && self.newline {
            return;
        }
        // One scan finds line breaks and multi-select separators alike.
        let Some(first) = memchr::memchr3(b'\n', b';', b',', cell.as_bytes()) else {
            return;
        };
        if !self.newline && memchr::memchr(b'\n', &cell.as_bytes()[first..]).is_some() {
            self.newline = true;
        }
        if multi_open && memchr::memchr2(b';', b',', &cell.as_bytes()[first..]).is_some() {
            for (i, style) in MultiStyle::ALL.into_iter().enumerate() {
                if self.items[i].overflow || !cell.contains(style.separator()) {
                    continue;
                }
                let mut count = 0;
                for item in style.split(cell) {
                    self.items[i].add(item);
                    count += 1;
                }
                // A single SharePoint lookup (`3;#Legal`) selects one option.
                if count > 1 {
                    self.multi_cells[i] += 1;
                }
            }
            if cell.ends_with(';') {
                self.trailing_semicolon += 1;
            }
        }
    }

    /// Records a cell missing from a short row.
    pub fn missing(&mut self) {
        self.empty += 1;
    }

    fn all(&self, bits: u16) -> bool {
        self.all_kinds & bits == bits
    }

    fn any(&self, bits: u16) -> bool {
        self.any_kinds & bits != 0
    }
}

/// How one column's cells are read into typed values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ColumnPlan {
    pub field_type: FieldType,
    pub required: bool,
    pub choices: Option<Vec<String>>,
    pub date_order: Option<DateOrder>,
    pub convention: Convention,
    pub multi: Option<MultiStyle>,
    /// Set by the user rather than inferred: its required flag and choices
    /// are then checked cell by cell, as its type always is.
    pub enforced: bool,
}

/// Hints from outside the column: the file's locale shows in its delimiter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hints {
    /// The decimal mark to assume when a column's numbers allow both.
    pub convention: Convention,
}

/// Decides what a column holds.
pub(crate) fn decide(stats: &ColumnStats, title: &str, hints: Hints) -> ColumnPlan {
    let mut plan = ColumnPlan {
        field_type: FieldType::Text,
        required: stats.filled > 0 && stats.empty == 0,
        choices: None,
        date_order: None,
        convention: hints.convention,
        multi: None,
        enforced: false,
    };
    if stats.filled == 0 {
        return plan;
    }
    if stats.all(Kinds::YES_NO) {
        plan.field_type = FieldType::YesNo;
        return plan;
    }
    if let Some(convention) = number_convention(stats, hints) {
        plan.convention = convention;
        let (int, _) = convention_bits(convention);
        plan.field_type = if stats.all(int) {
            FieldType::Integer
        } else if stats.any(Kinds::MONEY) {
            FieldType::Currency
        } else {
            FieldType::Decimal
        };
        return plan;
    }
    if let Some(order) = date_order(stats, hints) {
        plan.date_order = Some(order);
        plan.field_type = if stats.any(Kinds::TIME) {
            FieldType::Datetime
        } else {
            FieldType::Date
        };
        return plan;
    }
    for (bit, field_type) in [
        (Kinds::EMAIL, FieldType::Email),
        (Kinds::URL, FieldType::Url),
        (Kinds::CLAIM, FieldType::Person),
        (Kinds::PHONE, FieldType::Phone),
    ] {
        if stats.all(bit) {
            plan.field_type = field_type;
            return plan;
        }
    }
    if let Some((style, choices)) = multi_choice(stats) {
        plan.field_type = FieldType::MultiChoice;
        plan.multi = Some(style);
        plan.choices = Some(choices);
        return plan;
    }
    if stats.newline || stats.max_chars > LONG_TEXT_CHARS {
        plan.field_type = FieldType::LongText;
        return plan;
    }
    if let Some(values) = stats.distinct.values() {
        let few = values.len() <= MAX_CHOICES && values.len() as u64 * 3 <= stats.filled;
        if few && !free_text_title(title) && !values.iter().any(|v| prose(v)) {
            plan.field_type = FieldType::Choice;
            plan.choices = Some(values.to_vec());
        }
    }
    plan
}

/// The plan for a column whose type, required flag and choices the user
/// chose. How its cells are read (date order, decimal mark, multi-select
/// style) still comes from the cells: from inference when it found the same
/// type, otherwise from the readings most cells allowed.
pub(crate) fn force(
    stats: &ColumnStats,
    title: &str,
    hints: Hints,
    field_type: FieldType,
    required: bool,
    choices: Option<Vec<String>>,
) -> ColumnPlan {
    let found = decide(stats, title, hints);
    let mut plan = ColumnPlan {
        field_type,
        required,
        choices,
        date_order: None,
        convention: hints.convention,
        multi: None,
        enforced: true,
    };
    if found.field_type == field_type
        || (found.field_type.is_number() && field_type.is_number())
        || (found.date_order.is_some()
            && matches!(field_type, FieldType::Date | FieldType::Datetime))
    {
        plan.date_order = found.date_order;
        plan.convention = found.convention;
        plan.multi = found.multi;
    }
    match field_type {
        FieldType::Date | FieldType::Datetime if plan.date_order.is_none() => {
            let (dmy, mdy) = (stats.any(Kinds::DMY), stats.any(Kinds::MDY));
            plan.date_order = Some(if stats.any(Kinds::YMD) && !dmy && !mdy {
                DateOrder::Ymd
            } else if dmy && (!mdy || hints.convention == Convention::Comma) {
                DateOrder::Dmy
            } else if mdy {
                DateOrder::Mdy
            } else if hints.convention == Convention::Comma {
                DateOrder::Dmy
            } else {
                DateOrder::Mdy
            });
        }
        FieldType::Integer | FieldType::Decimal | FieldType::Currency
            if !found.field_type.is_number() =>
        {
            let (dot, comma) = (stats.any(Kinds::NUM_DOT), stats.any(Kinds::NUM_COMMA));
            plan.convention = match (dot, comma) {
                (false, true) => Convention::Comma,
                (true, false) => Convention::Dot,
                _ => hints.convention,
            };
        }
        FieldType::MultiChoice if plan.multi.is_none() => {
            let most = (0..MultiStyle::ALL.len())
                .max_by_key(|&i| stats.multi_cells[i])
                .filter(|&i| stats.multi_cells[i] > 0);
            plan.multi = Some(most.map_or(MultiStyle::Semicolon, |i| MultiStyle::ALL[i]));
        }
        _ => {}
    }
    plan
}

fn convention_bits(convention: Convention) -> (u16, u16) {
    match convention {
        Convention::Dot => (Kinds::INT_DOT, Kinds::NUM_DOT),
        Convention::Comma => (Kinds::INT_COMMA, Kinds::NUM_COMMA),
    }
}

/// The decimal mark under which every cell is a number, if any; the hint
/// breaks ties such as a column of plain integers or of `1,234`.
fn number_convention(stats: &ColumnStats, hints: Hints) -> Option<Convention> {
    let dot = stats.all(Kinds::NUM_DOT);
    let comma = stats.all(Kinds::NUM_COMMA);
    match (dot, comma) {
        (true, true) => Some(hints.convention),
        (true, false) => Some(Convention::Dot),
        (false, true) => Some(Convention::Comma),
        (false, false) => None,
    }
}

/// The order every date in the column allows. When both day-first and
/// month-first fit every value, the locale decides: continental files (with
/// decimal commas) are day-first, the US tools' exports month-first.
fn date_order(stats: &ColumnStats, hints: Hints) -> Option<DateOrder> {
    let fits = |bit| stats.all(bit);
    let (dmy, mdy, ymd) = (fits(Kinds::DMY), fits(Kinds::MDY), fits(Kinds::YMD));
    match (dmy, mdy, ymd) {
        (_, _, true) => Some(DateOrder::Ymd),
        (true, true, _) if hints.convention == Convention::Comma => Some(DateOrder::Dmy),
        (_, true, _) => Some(DateOrder::Mdy),
        (true, false, _) => Some(DateOrder::Dmy),
        _ => None,
    }
}

/// Whether the column is a multi-select, in which style, with which options.
fn multi_choice(stats: &ColumnStats) -> Option<(MultiStyle, Vec<String>)> {
    let [sharepoint, _, comma_space] = stats.multi_cells;
    let style = if sharepoint > 0 {
        MultiStyle::SharePoint
    } else if stats.trailing_semicolon * 2 >= stats.filled {
        MultiStyle::Semicolon
    } else if comma_space > 0 {
        MultiStyle::CommaSpace
    } else {
        return None;
    };
    let index = MultiStyle::ALL.iter().position(|s| *s == style)?;
    let mut items: Vec<String> = stats.items[index].values()?.to_vec();
    // Cells with a single option hold no separator; add them as options.
    if let Some(whole) = stats.distinct.values() {
        for value in whole {
            if !value.contains(style.separator()) && !items.contains(value) {
                items.push(value.clone());
            }
        }
    }
    if items.is_empty() || items.len() > MAX_CHOICES || items.iter().any(|i| prose(i)) {
        return None;
    }
    // A comma inside ordinary text ("Litware, Inc.") splits into pieces that
    // never stand alone; real options recombine, so there are fewer options
    // than distinct cells.
    if style == MultiStyle::CommaSpace {
        let whole = stats.distinct.values()?.len();
        if items.len() >= whole {
            return None;
        }
    }
    Some((style, items))
}

/// Whether a value reads as a sentence rather than a label.
fn prose(value: &str) -> bool {
    value.contains(", ")
        || value.contains(": ")
        || value.contains(". ")
        || value.contains('"')
        || value.contains('?')
        || value.contains('!')
        || value.contains('\n')
        || value.split_whitespace().count() > 6
}

/// Titles of columns meant for free text, whose repeated answers must not
/// turn them into a choice.
fn free_text_title(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "note",
        "comment",
        "remark",
        "descri",
        "detail",
        "explain",
        "reason",
        "anything",
        "message",
        "feedback",
        "bemerkung",
        "kommentar",
        "beschreibung",
        "hinweis",
        "commentaire",
        "remarque",
    ];
    let title = title.to_lowercase();
    WORDS.iter().any(|w| title.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(title: &str, cells: &[&str]) -> ColumnPlan {
        plan_with(title, cells, Convention::Dot)
    }

    fn plan_with(title: &str, cells: &[&str], convention: Convention) -> ColumnPlan {
        let mut stats = ColumnStats::default();
        for c in cells {
            stats.observe(c);
        }
        decide(&stats, title, Hints { convention })
    }

    #[test]
    fn semicolon_files_with_decimal_commas_are_decimals() {
        let p = plan_with("Preis", &["169,84", "1.202,41", "5"], Convention::Comma);
        assert_eq!(p.field_type, FieldType::Decimal);
        assert_eq!(p.convention, Convention::Comma);
    }

    #[test]
    fn whole_numbers_are_integers_and_amounts_with_symbols_are_currency() {
        assert_eq!(plan("n", &["1", "22", "-3"]).field_type, FieldType::Integer);
        assert_eq!(plan("n", &["$1.50", "$2"]).field_type, FieldType::Currency);
    }

    #[test]
    fn a_late_unambiguous_date_settles_the_whole_column() {
        let mut cells = vec!["01/02/2026"; 100];
        cells.push("25/04/2026");
        let p = plan("Date", &cells);
        assert_eq!(
            (p.field_type, p.date_order),
            (FieldType::Date, Some(DateOrder::Dmy))
        );
        let p = plan("Date", &["01/02/2026", "04/25/2026"]);
        assert_eq!(p.date_order, Some(DateOrder::Mdy));
    }

    #[test]
    fn ambiguous_dates_follow_the_locale() {
        let p = plan_with("Datum", &["01.02.2026", "03.04.2026"], Convention::Comma);
        assert_eq!(p.date_order, Some(DateOrder::Dmy));
    }

    #[test]
    fn cells_with_a_time_make_a_datetime() {
        let p = plan("Created", &["2/21/2026 5:14 PM", "3/5/2026"]);
        assert_eq!(p.field_type, FieldType::Datetime);
    }

    #[test]
    fn low_cardinality_text_becomes_a_choice_with_its_values() {
        let cells: Vec<&str> = ["Low", "High", "Medium"].repeat(5);
        let p = plan("Urgency", &cells);
        assert_eq!(p.field_type, FieldType::Choice);
        assert_eq!(p.choices.unwrap(), ["Low", "High", "Medium"]);
    }

    #[test]
    fn repeated_sentences_stay_text() {
        let cells: Vec<&str> = ["Call me, ext. 4411", "n/a", "Please see attached"].repeat(5);
        assert_eq!(plan("Notes", &cells).field_type, FieldType::Text);
        assert_eq!(plan("Other", &cells).field_type, FieldType::Text);
    }

    #[test]
    fn multi_selects_in_each_tools_style_are_multi_choice() {
        let sp = plan(
            "Equipment",
            &["Laptop;#Headset", "Laptop", "Monitor;#Laptop"],
        );
        assert_eq!(sp.field_type, FieldType::MultiChoice);
        assert_eq!(sp.choices.unwrap(), ["Laptop", "Headset", "Monitor"]);
        let forms = plan("Times", &["Morning;After hours;", "Afternoon;", "Morning;"]);
        assert_eq!(forms.field_type, FieldType::MultiChoice);
        assert_eq!(
            forms.choices.unwrap(),
            ["Morning", "After hours", "Afternoon"]
        );
        let google = plan(
            "Risk",
            &[
                "IP, Liability",
                "IP",
                "Liability, Termination",
                "Termination",
                "IP, Termination",
            ],
        );
        assert_eq!(google.field_type, FieldType::MultiChoice);
        assert_eq!(google.choices.unwrap(), ["IP", "Liability", "Termination"]);
    }

    #[test]
    fn a_comma_inside_a_name_is_not_a_multi_select() {
        let cells: Vec<&str> = ["Litware, Inc.", "Fabrikam", "Contoso"].repeat(4);
        assert_ne!(
            plan("Counterparty", &cells).field_type,
            FieldType::MultiChoice
        );
    }

    #[test]
    fn sharepoint_lookups_and_terms_show_their_labels() {
        let cells: Vec<&str> = [
            "1;#Finance",
            "2;#Legal",
            "Finance|6f2d3c1a-1b2c-4d5e-8f90-a1b2c3d4e5f6",
        ]
        .repeat(3);
        let p = plan("Department", &cells);
        assert_eq!(p.field_type, FieldType::Choice);
        assert_eq!(p.choices.unwrap(), ["Finance", "Legal"]);
    }

    #[test]
    fn yes_no_words_make_a_yes_no_field() {
        assert_eq!(
            plan("Dringend", &["Ja", "Nein", "nein"]).field_type,
            FieldType::YesNo
        );
    }

    #[test]
    fn multi_line_text_is_long_text() {
        assert_eq!(
            plan("Notes", &["one\ntwo", "three"]).field_type,
            FieldType::LongText
        );
    }

    #[test]
    fn required_means_never_empty() {
        assert!(plan("a", &["x", "y"]).required);
        assert!(!plan("a", &["x", ""]).required);
    }
}
