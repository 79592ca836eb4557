//! Column inference: what each column holds, decided from every one of its
//! cells. Cells are observed one at a time into bounded statistics, so a
//! million-row file is inferred in constant memory, and a value late in the
//! file (a `25/04/2026` that settles the day/month order) counts as much as
//! the first.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashSet;

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
    /// Survey exports of coded answers: `1 4` (options 1 and 4).
    Space,
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
            MultiStyle::Space => " ",
        }
    }

    /// The options selected in a cell.
    pub fn split(self, cell: &str) -> impl Iterator<Item = &str> {
        let parts: Vec<&str> = cell.split(self.separator()).map(str::trim).collect();
        // SharePoint lookups interleave item ids with values: `1;#A;#2;#B`.
        let lookup = self == MultiStyle::SharePoint
            && parts.len().is_multiple_of(2)
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
    /// Looked up for every cell of a column, so hashed with Fx: SipHash
    /// took a twentieth of the time an import spends inferring, and its
    /// guard against chosen collisions is not needed in a set the cap
    /// keeps small.
    seen: FxHashSet<String>,
    overflow: bool,
}

impl Distinct {
    fn add(&mut self, value: &str) {
        if self.overflow || self.seen.contains(value) {
            return;
        }
        if self.order.len() == MAX_CHOICES * 2 {
            self.overflow = true;
            self.order = Vec::new();
            self.seen = FxHashSet::default();
            return;
        }
        self.order.push(value.to_owned());
        self.seen.insert(value.to_owned());
    }

    pub fn values(&self) -> Option<&[String]> {
        (!self.overflow).then_some(&self.order)
    }
}

/// What has been seen of one column.
#[derive(Debug)]
pub(crate) struct ColumnStats {
    /// Cells with something in them, blanks (see `values::blank`) included.
    pub filled: u64,
    pub empty: u64,
    /// Cells that stand for no value: Excel errors and marks like `?`.
    blanks: u64,
    excel_errors: u64,
    blank_example: Option<String>,
    /// Readings still worth trying: a reading dies once too many cells
    /// lack it for the column ever to be mostly of it, so free text stops
    /// running the parsers after a few cells.
    alive: u16,
    /// Per reading (by bit), the cells that lacked it while it was alive.
    misfits: [u64; 16],
    /// Per reading, the first cell that lacked it, with its line.
    misfit_example: [Option<(u64, String)>; 16],
    /// Readings some filled cell allowed.
    any_kinds: u16,
    max_chars: usize,
    newline: bool,
    distinct: Distinct,
    /// Answer codes seen while every cell is a list of codes (`1 4`), and
    /// the cells listing more than one.
    codes: Distinct,
    code_lists: u64,
    not_codes: bool,
    /// Cells holding each "not answered" code (see `NOT_ANSWERED`), and
    /// whether any other negative number was seen.
    not_answered: [u64; NOT_ANSWERED.len()],
    other_negative: bool,
    /// Hashes of the first cells, while none repeats (see `unique`).
    hashes: HashSet<u64>,
    duplicate: bool,
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
            blanks: 0,
            excel_errors: 0,
            blank_example: None,
            alive: !ANY_KINDS,
            misfits: [0; 16],
            misfit_example: Default::default(),
            any_kinds: 0,
            max_chars: 0,
            newline: false,
            distinct: Distinct::default(),
            codes: Distinct::default(),
            code_lists: 0,
            not_codes: false,
            not_answered: [0; NOT_ANSWERED.len()],
            other_negative: false,
            hashes: HashSet::new(),
            duplicate: false,
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

/// Codes surveys write for "not answered" or "does not apply" in a column
/// of otherwise positive numbers.
const NOT_ANSWERED: [&str; 8] = ["-9", "-99", "-999", "-9999", "-98", "-88", "-77", "-1"];

/// How many first cells of a column are checked for repeats: enough to
/// tell an id column from a repeated code, bounded in memory.
const UNIQUE_CHECKED: usize = 10_000;

/// A column is mostly of a type when at most one cell in this many is not.
const MOSTLY: u64 = 30;

/// Fewer typed cells than this and one misfit is too many to call the
/// column mostly anything.
const MOSTLY_MIN_CELLS: u64 = 20;

impl ColumnStats {
    /// Records one cell, already trimmed, of the row starting on `line`.
    pub fn observe(&mut self, cell: &str, line: u64) {
        if cell.is_empty() {
            self.empty += 1;
            return;
        }
        self.filled += 1;
        if let Some(blank) = values::blank(cell) {
            self.blanks += 1;
            if blank == values::Blank::ExcelError {
                self.excel_errors += 1;
            }
            if self.blank_example.is_none() {
                self.blank_example = Some(cell.to_owned());
            }
            if !self.distinct.overflow {
                self.distinct.add(cell);
            }
            return;
        }
        if cell.as_bytes()[0] == b'-' {
            match NOT_ANSWERED.iter().position(|c| *c == cell) {
                Some(i) => self.not_answered[i] += 1,
                None => self.other_negative = true,
            }
        }
        if !self.not_codes {
            self.observe_codes(cell);
        }
        if self.alive != 0 {
            let kinds = values::classify_within(cell, self.alive | ANY_KINDS).0;
            self.any_kinds |= kinds;
            let lacking = self.alive & !kinds;
            if lacking != 0 {
                self.misfit(lacking, cell, line);
            }
        }
        if !self.duplicate && self.hashes.len() < UNIQUE_CHECKED {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            cell.hash(&mut hasher);
            if !self.hashes.insert(hasher.finish()) {
                self.duplicate = true;
                self.hashes = HashSet::new();
            }
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

    /// Records a cell as a list of answer codes (`1 4`), or notes that the
    /// column is not one.
    fn observe_codes(&mut self, cell: &str) {
        let list = cell.len() <= 60
            && cell.bytes().all(|b| b.is_ascii_digit() || b == b' ')
            && cell.split(' ').all(|c| (1..=2).contains(&c.len()));
        if !list {
            self.not_codes = true;
            self.codes = Distinct::default();
            return;
        }
        let mut count = 0;
        for code in cell.split(' ') {
            self.codes.add(code);
            count += 1;
        }
        if count > 1 {
            self.code_lists += 1;
        }
    }

    /// Counts a cell that lacks the readings in `lacking`; a reading that
    /// more than a quarter of the cells lack (after a few) is given up.
    #[cold]
    fn misfit(&mut self, lacking: u16, cell: &str, line: u64) {
        let typed = self.typed();
        for bit in 0..16 {
            if lacking & (1 << bit) == 0 {
                continue;
            }
            self.misfits[bit] += 1;
            if self.misfit_example[bit].is_none() {
                self.misfit_example[bit] = Some((line, cell.chars().take(60).collect()));
            }
            if self.misfits[bit] > 10 + typed / 4 {
                self.alive &= !(1 << bit);
            }
        }
    }

    /// Records a cell missing from a short row.
    pub fn missing(&mut self) {
        self.empty += 1;
    }

    /// Filled cells that are not blanks.
    fn typed(&self) -> u64 {
        self.filled - self.blanks
    }

    /// Whether every typed cell allowed every reading in `bits`.
    fn all(&self, bits: u16) -> bool {
        self.typed() > 0
            && self.alive & bits == bits
            && (0..16).all(|b| bits & (1 << b) == 0 || self.misfits[b] == 0)
    }

    /// Whether nearly every typed cell allowed the reading `bit`.
    fn mostly(&self, bit: u16) -> bool {
        let typed = self.typed();
        self.alive & bit == bit
            && typed >= MOSTLY_MIN_CELLS
            && self.misfits[bit.trailing_zeros() as usize] * MOSTLY <= typed
    }

    fn any(&self, bits: u16) -> bool {
        self.any_kinds & bits != 0
    }

    /// Whether no two of the first cells are the same.
    pub fn unique(&self) -> bool {
        !self.duplicate && self.typed() > 0
    }

    /// Whether every cell is a record code like `INC0012345`.
    pub fn coded(&self) -> bool {
        self.all(Kinds::CODE)
    }

    /// The column's distinct values, when there are few.
    pub fn values(&self) -> Option<&[String]> {
        self.distinct.values()
    }
}

/// How one column's cells are read into typed values.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnPlan {
    pub field_type: FieldType,
    pub required: bool,
    pub choices: Option<Vec<String>>,
    pub date_order: Option<DateOrder>,
    pub(crate) convention: Convention,
    pub(crate) multi: Option<MultiStyle>,
    /// Set by the user rather than inferred: its required flag and choices
    /// are then checked cell by cell, as its type always is.
    pub enforced: bool,
    /// Cells expected not to fit the type (a mostly-typed column); each is
    /// listed as a problem.
    pub misfits: u64,
    /// Dates written as Excel serial numbers (days since 1899-12-30).
    pub serial: bool,
    /// What the wizard says about the column's values: why it stayed text,
    /// or which cells are read as empty.
    pub note: Option<String>,
    /// The type most cells fit, offered when the column stayed text.
    pub suggested: Option<FieldType>,
    /// Codes that stand for "not answered" in this number column (`-99`).
    pub not_answered: Vec<String>,
}

/// Hints from outside the column: the file's locale shows in its delimiter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hints {
    /// The decimal mark to assume when a column's numbers allow both.
    pub convention: Convention,
}

/// Decides what a column holds: the type every cell fits, else the type
/// nearly every cell fits (the rest are listed as problems), else text
/// with a note saying why.
pub(crate) fn decide(stats: &ColumnStats, title: &str, hints: Hints) -> ColumnPlan {
    let mut plan = ColumnPlan {
        field_type: FieldType::Text,
        required: stats.filled > 0 && stats.empty == 0,
        choices: None,
        date_order: None,
        convention: hints.convention,
        multi: None,
        enforced: false,
        misfits: 0,
        serial: false,
        note: None,
        suggested: None,
        not_answered: Vec::new(),
    };
    if stats.filled == 0 {
        return plan;
    }
    if let Some(choices) = space_codes(stats) {
        plan.field_type = FieldType::MultiChoice;
        plan.multi = Some(MultiStyle::Space);
        plan.choices = Some(choices);
        return plan;
    }
    let typed = type_by(stats, hints, title, &|bits| stats.all(bits), true).or_else(|| {
        type_by(stats, hints, title, &|bits| stats.mostly(bits), false).map(|(t, bit)| {
            plan.misfits = stats.misfits[bit.trailing_zeros() as usize];
            (t, bit)
        })
    });
    if let Some((typed, _)) = typed {
        plan.field_type = typed.field_type;
        plan.convention = typed.convention.unwrap_or(hints.convention);
        plan.date_order = typed.date_order;
        plan.serial = typed.serial;
        plan.required = plan.required && stats.blanks == 0;
        plan.note = blank_note(stats);
        if plan.field_type.is_number() && !stats.other_negative {
            let codes: Vec<String> = NOT_ANSWERED
                .iter()
                .zip(stats.not_answered)
                .filter(|(_, n)| *n > 0)
                .map(|(c, _)| (*c).to_owned())
                .collect();
            // `-1` alone is as likely a real value as a code.
            if !codes.is_empty() && codes != ["-1"] {
                let n: u64 = stats.not_answered.iter().sum();
                plan.note = Some(format!(
                    "{n} {} `{}`, a code for \"not answered\", and {} read as empty.",
                    if n == 1 { "cell holds" } else { "cells hold" },
                    codes.join("`, `"),
                    if n == 1 { "is" } else { "are" },
                ));
                plan.required = false;
                plan.not_answered = codes;
            }
        }
        return plan;
    }
    if let Some((style, choices)) = multi_choice(stats) {
        plan.field_type = FieldType::MultiChoice;
        plan.multi = Some(style);
        plan.choices = Some(choices);
        return plan;
    }
    (plan.note, plan.suggested) = near_miss(stats);
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

/// A type and how its cells are read.
struct Typed {
    field_type: FieldType,
    convention: Option<Convention>,
    date_order: Option<DateOrder>,
    serial: bool,
}

impl Typed {
    fn plain(field_type: FieldType) -> Self {
        Typed {
            field_type,
            convention: None,
            date_order: None,
            serial: false,
        }
    }
}

/// The type whose readings `fits`, with the reading that decided it. Yes/no
/// and SharePoint logins need every cell (`strict`): a yes/no column with a
/// third answer is a choice.
fn type_by(
    stats: &ColumnStats,
    hints: Hints,
    title: &str,
    fits: &dyn Fn(u16) -> bool,
    strict: bool,
) -> Option<(Typed, u16)> {
    if strict && fits(Kinds::YES_NO) {
        return Some((Typed::plain(FieldType::YesNo), Kinds::YES_NO));
    }
    let dot = fits(Kinds::NUM_DOT);
    let comma = fits(Kinds::NUM_COMMA);
    let convention = match (dot, comma) {
        (true, true) => Some(hints.convention),
        (true, false) => Some(Convention::Dot),
        (false, true) => Some(Convention::Comma),
        (false, false) => None,
    };
    if let Some(convention) = convention {
        let (int, num) = convention_bits(convention);
        let whole = if strict {
            fits(int)
        } else {
            // Nearly all numbers: integers when every misfit of the whole
            // numbers is a misfit of the numbers too.
            stats.alive & int != 0
                && stats.misfits[int.trailing_zeros() as usize]
                    == stats.misfits[num.trailing_zeros() as usize]
        };
        if whole && strict && fits(Kinds::SERIAL) && dated_title(title) {
            let mut typed = Typed::plain(FieldType::Date);
            typed.serial = true;
            return Some((typed, Kinds::SERIAL));
        }
        let field_type = if whole {
            FieldType::Integer
        } else if stats.any(Kinds::MONEY) {
            FieldType::Currency
        } else {
            FieldType::Decimal
        };
        let mut typed = Typed::plain(field_type);
        typed.convention = Some(convention);
        return Some((typed, num));
    }
    let (dmy, mdy, ymd) = (fits(Kinds::DMY), fits(Kinds::MDY), fits(Kinds::YMD));
    let order = match (dmy, mdy, ymd) {
        (_, _, true) => Some(DateOrder::Ymd),
        (true, true, _) if hints.convention == Convention::Comma => Some(DateOrder::Dmy),
        (_, true, _) => Some(DateOrder::Mdy),
        (true, false, _) => Some(DateOrder::Dmy),
        _ => None,
    };
    if let Some(order) = order {
        let mut typed = Typed::plain(if stats.any(Kinds::TIME) {
            FieldType::Datetime
        } else {
            FieldType::Date
        });
        typed.date_order = Some(order);
        return Some((typed, order_kind(order)));
    }
    for (bit, field_type) in [
        (Kinds::EMAIL, FieldType::Email),
        (Kinds::URL, FieldType::Url),
        (Kinds::CLAIM, FieldType::Person),
        (Kinds::PHONE, FieldType::Phone),
    ] {
        if (strict || bit != Kinds::CLAIM) && fits(bit) {
            return Some((Typed::plain(field_type), bit));
        }
    }
    None
}

fn order_kind(order: DateOrder) -> u16 {
    match order {
        DateOrder::Dmy => Kinds::DMY,
        DateOrder::Mdy => Kinds::MDY,
        DateOrder::Ymd => Kinds::YMD,
    }
}

/// Whether a column's title says it holds dates, so that numbers like
/// `45890` are Excel's serial dates rather than quantities.
fn dated_title(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "date",
        "datum",
        "fecha",
        "data",
        "day",
        "tag",
        "jour",
        "dia",
        "giorno",
        "dag",
        "created",
        "opened",
        "closed",
        "resolved",
        "submitted",
        "modified",
        "updated",
        "due",
        "deadline",
        "birth",
        "erstellt",
        "geaendert",
        "echeance",
    ];
    let key = super::header::snake_case(title);
    key.split('_').any(|w| WORDS.contains(&w)) || key.ends_with("_at") || key.ends_with("_on")
}

/// What the wizard says about cells read as empty in a typed column.
fn blank_note(stats: &ColumnStats) -> Option<String> {
    let example = stats.blank_example.as_deref()?;
    let n = stats.blanks;
    let cells = if n == 1 { "cell" } else { "cells" };
    Some(if stats.excel_errors == n {
        format!("{n} {cells} hold an Excel error such as `{example}` and are read as empty.")
    } else {
        format!("{n} {cells} say there is no value (such as `{example}`) and are read as empty.")
    })
}

/// Why a column that stayed text is not of the type most of its cells fit,
/// and that type: "9 of 1,005 cells are not e-mail addresses, e.g. line
/// 37: `n/a`".
fn near_miss(stats: &ColumnStats) -> (Option<String>, Option<FieldType>) {
    let typed = stats.typed();
    let candidates = [
        (Kinds::NUM_DOT, FieldType::Decimal, "numbers"),
        (Kinds::NUM_COMMA, FieldType::Decimal, "numbers"),
        (Kinds::DMY, FieldType::Date, "dates"),
        (Kinds::MDY, FieldType::Date, "dates"),
        (Kinds::YMD, FieldType::Date, "dates"),
        (Kinds::EMAIL, FieldType::Email, "e-mail addresses"),
        (Kinds::URL, FieldType::Url, "links"),
        (Kinds::PHONE, FieldType::Phone, "phone numbers"),
    ];
    let best = candidates
        .iter()
        .filter(|(bit, _, _)| stats.alive & bit != 0)
        .map(|c| (stats.misfits[c.0.trailing_zeros() as usize], c))
        .filter(|(misfits, _)| *misfits > 0 && misfits * 2 <= typed)
        .min_by_key(|(misfits, _)| *misfits);
    let Some((misfits, (bit, field_type, what))) = best else {
        return (None, None);
    };
    let Some((line, value)) = &stats.misfit_example[bit.trailing_zeros() as usize] else {
        return (None, None);
    };
    let field_type = match field_type {
        FieldType::Date if stats.any(Kinds::TIME) => FieldType::Datetime,
        FieldType::Decimal
            if stats.alive & (bit >> 2) != 0
                && stats.misfits[(bit >> 2).trailing_zeros() as usize] == misfits =>
        {
            FieldType::Integer
        }
        other => *other,
    };
    let note = format!(
        "{} of {} cells are not {what}, e.g. line {line}: `{value}`.",
        thousands(misfits),
        thousands(typed),
    );
    (Some(note), Some(field_type))
}

/// `1005` as `1,005`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
        misfits: 0,
        serial: false,
        note: None,
        suggested: None,
        not_answered: Vec::new(),
    };
    if found.field_type == field_type
        || (found.field_type.is_number() && field_type.is_number())
        || (found.date_order.is_some()
            && matches!(field_type, FieldType::Date | FieldType::Datetime))
    {
        plan.date_order = found.date_order;
        plan.convention = found.convention;
        plan.multi = found.multi;
        plan.serial = found.serial;
        plan.not_answered = found.not_answered;
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

/// The options of a column of answer codes where some cells list several
/// (`1 4`), in numeric order.
fn space_codes(stats: &ColumnStats) -> Option<Vec<String>> {
    if stats.not_codes || stats.code_lists == 0 || stats.blanks > 0 {
        return None;
    }
    let mut codes = stats.codes.values()?.to_vec();
    if codes.len() > MAX_CHOICES {
        return None;
    }
    codes.sort_by_key(|c| c.parse::<u32>().unwrap_or(u32::MAX));
    Some(codes)
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
        // A ticket's one-line summary is free text, however few tickets
        // the export holds.
        "summary",
        "subject",
        "betreff",
        "zusammenfassung",
        "asunto",
        "resumen",
        "sujet",
    ];
    // Whole titles only: "Job title" is a fine choice, a ticket's "Title"
    // is not.
    const WHOLE: &[&str] = &["title", "titre", "titel", "titulo", "título"];
    let title = title.trim().to_lowercase();
    WORDS.iter().any(|w| title.contains(w)) || WHOLE.contains(&title.as_str())
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
            stats.observe(c, 0);
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

    #[test]
    fn a_few_misfits_keep_the_type_and_are_counted() {
        let mut cells: Vec<String> = (0..1005).map(|i| format!("user{i}@example.org")).collect();
        for i in [36, 140, 222, 390, 512, 640, 777, 901, 999] {
            cells[i] = "unknown".into();
        }
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        let p = plan("Email", &refs);
        assert_eq!(p.field_type, FieldType::Email);
        assert_eq!(p.misfits, 9);
    }

    #[test]
    fn too_many_misfits_leave_text_and_say_why() {
        let mut cells: Vec<String> = (0..100).map(|i| format!("user{i}@example.org")).collect();
        for cell in cells.iter_mut().take(10) {
            *cell = "unknown".into();
        }
        let mut stats = ColumnStats::default();
        for (i, c) in cells.iter().enumerate() {
            stats.observe(c, i as u64 + 2);
        }
        let p = decide(
            &stats,
            "Email",
            Hints {
                convention: Convention::Dot,
            },
        );
        assert_eq!(p.field_type, FieldType::Text);
        assert_eq!(p.suggested, Some(FieldType::Email));
        assert_eq!(
            p.note.as_deref(),
            Some("10 of 100 cells are not e-mail addresses, e.g. line 2: `unknown`.")
        );
    }

    #[test]
    fn excel_errors_are_empty_with_a_note() {
        let mut cells = ["12.50", "3.20", "7.00"].repeat(10);
        cells.push("#CHAMP!");
        let p = plan("Price", &cells);
        assert_eq!(p.field_type, FieldType::Decimal);
        assert!(!p.required);
        assert_eq!(p.misfits, 0);
        assert!(p.note.unwrap().contains("Excel error"));
    }

    #[test]
    fn numbers_titled_as_dates_are_excel_serial_dates() {
        let p = plan("Date opened", &["45890", "45891", "45900"]);
        assert_eq!((p.field_type, p.serial), (FieldType::Date, true));
        assert_eq!(
            plan("Amount", &["45890", "45891"]).field_type,
            FieldType::Integer
        );
    }

    #[test]
    fn month_name_dates_make_a_date_column() {
        let p = plan("Created", &["20/Aug/25 12:38 PM", "1/Sep/25 9:00 AM"]);
        assert_eq!(p.field_type, FieldType::Datetime);
    }
}
