//! Recognising what a single cell holds, and writing it in its typed form.
//!
//! A cell can be several things at once: `12` is an integer whichever
//! character marks decimals, `3/4/2026` is a date in two orders. Each cell
//! therefore reports every reading it allows as a set of [`Kinds`]; the column
//! picks one reading once it has seen all of its cells (see `infer`).

use super::inspection::DateOrder;

/// The readings a cell allows, as bit flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Kinds(pub u16);

impl Kinds {
    /// A whole number with `.` as the decimal mark (`,` groups thousands).
    pub const INT_DOT: u16 = 1 << 0;
    /// A whole number with `,` as the decimal mark (`.` groups thousands).
    pub const INT_COMMA: u16 = 1 << 1;
    pub const NUM_DOT: u16 = 1 << 2;
    pub const NUM_COMMA: u16 = 1 << 3;
    /// The number carries a currency symbol or code.
    pub const MONEY: u16 = 1 << 4;
    pub const DMY: u16 = 1 << 5;
    pub const MDY: u16 = 1 << 6;
    pub const YMD: u16 = 1 << 7;
    /// The date carries a time of day.
    pub const TIME: u16 = 1 << 8;
    pub const YES_NO: u16 = 1 << 9;
    pub const EMAIL: u16 = 1 << 10;
    pub const URL: u16 = 1 << 11;
    pub const PHONE: u16 = 1 << 12;
    /// A SharePoint claims login: `i:0#.f|membership|user@example.com`.
    pub const CLAIM: u16 = 1 << 13;
    /// A record code: `INC0012345`, `HR-123`, `RITM0010001`.
    pub const CODE: u16 = 1 << 14;
    /// A number that can be an Excel serial date between 1954 and 2119
    /// (`45890`, `45890.5`); only a column titled as a date is read so.
    pub const SERIAL: u16 = 1 << 15;

    pub fn has(self, bits: u16) -> bool {
        self.0 & bits != 0
    }
}

/// Every reading of a trimmed, non-empty cell.
pub(crate) fn classify(cell: &str) -> Kinds {
    classify_within(cell, u16::MAX)
}

/// The readings among `wanted` that a trimmed, non-empty cell allows. A
/// column passes the readings all its earlier cells allowed, so each cell
/// runs only the parsers that can still matter; for free text that is none.
pub(crate) fn classify_within(cell: &str, wanted: u16) -> Kinds {
    const NUMBER: u16 = Kinds::INT_DOT | Kinds::INT_COMMA | Kinds::NUM_DOT | Kinds::NUM_COMMA;
    const DATE: u16 = Kinds::DMY | Kinds::MDY | Kinds::YMD;
    let mut kinds = 0u16;
    let first = cell.as_bytes()[0];
    // The first byte rules out most readings before any parser runs.
    let may_be_number = first.is_ascii_digit()
        || !first.is_ascii()
        || matches!(
            first,
            b'-' | b'+' | b'(' | b'$' | b'C' | b'U' | b'E' | b'G' | b'J' | b'A'
        );
    if wanted & NUMBER != 0 && may_be_number {
        if let Some(form) = number(cell) {
            kinds |= form.kinds();
            if wanted & Kinds::SERIAL != 0 && serial_date(cell).is_some() {
                kinds |= Kinds::SERIAL;
            }
        }
    }
    if wanted & DATE != 0
        && (first.is_ascii_digit() || !first.is_ascii() || first.is_ascii_alphabetic())
    {
        if let Some(moment) = moment(cell) {
            kinds |= moment.orders as u16 * Kinds::DMY;
            if moment.time.is_some() {
                kinds |= Kinds::TIME;
            }
        }
    }
    if wanted & Kinds::YES_NO != 0 && cell.len() <= 6 && yes_no(cell).is_some() {
        kinds |= Kinds::YES_NO;
    }
    if wanted & Kinds::EMAIL != 0 && is_email(cell) {
        kinds |= Kinds::EMAIL;
    }
    if wanted & Kinds::URL != 0 && url(cell).is_some() {
        kinds |= Kinds::URL;
    }
    if wanted & Kinds::CLAIM != 0 && claim(cell).is_some() {
        kinds |= Kinds::CLAIM;
    }
    if wanted & Kinds::CODE != 0 && first.is_ascii_uppercase() && is_code(cell) {
        kinds |= Kinds::CODE;
    }
    if wanted & Kinds::PHONE != 0 && kinds & (NUMBER | DATE) == 0 && is_phone(cell) {
        kinds |= Kinds::PHONE;
    }
    Kinds(kinds & wanted)
}

// ---------------------------------------------------------------- numbers

/// Which character marks decimals in a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Convention {
    /// `1,234.50`: English-speaking locales.
    Dot,
    /// `1.234,50`: most of continental Europe.
    Comma,
}

/// A number's readings under each convention: `None` where it does not
/// parse, `Some(true)` where it is a whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumberForm {
    pub money: bool,
    pub dot: Option<bool>,
    pub comma: Option<bool>,
}

impl NumberForm {
    fn kinds(self) -> u16 {
        let mut k = 0;
        if let Some(whole) = self.dot {
            k |= Kinds::NUM_DOT | if whole { Kinds::INT_DOT } else { 0 };
        }
        if let Some(whole) = self.comma {
            k |= Kinds::NUM_COMMA | if whole { Kinds::INT_COMMA } else { 0 };
        }
        if self.money {
            k |= Kinds::MONEY;
        }
        k
    }
}

const SYMBOLS: &[&str] = &[
    "$", "€", "£", "¥", "₹", "CHF", "USD", "EUR", "GBP", "JPY", "CAD", "AUD",
];

/// Splits off sign and currency: `-$1,200` → (negative, money, `1,200`).
fn number_body(cell: &str) -> Option<(bool, bool, &str)> {
    let mut s = cell.trim();
    let mut negative = false;
    let mut money = false;
    if s.len() > 2 && s.starts_with('(') && s.ends_with(')') {
        // Accountants write negative amounts in parentheses.
        negative = true;
        s = s[1..s.len() - 1].trim();
    }
    // Plain numbers, by far the most common, carry no symbol to look for.
    let plain = |s: &str| {
        s.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && s.as_bytes().last().is_some_and(u8::is_ascii_digit)
    };
    if plain(s) {
        return Some((negative, false, s));
    }
    for _ in 0..2 {
        if let Some(rest) = s.strip_prefix('-') {
            if negative {
                return None;
            }
            negative = true;
            s = rest.trim_start();
        } else if let Some(rest) = s.strip_prefix('+') {
            s = rest.trim_start();
        }
        if !money {
            if let Some(sym) = SYMBOLS.iter().find(|sym| s.starts_with(**sym)) {
                money = true;
                s = s[sym.len()..].trim_start();
            }
        }
    }
    if !money {
        if let Some(sym) = SYMBOLS.iter().find(|sym| s.ends_with(**sym)) {
            money = true;
            s = s[..s.len() - sym.len()].trim_end();
        }
    }
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => Some((negative, money, s)),
        _ => None,
    }
}

/// The integer and fraction digits of a number body under a convention, or
/// `None` when the body is not a number written that way.
fn number_parts(body: &str, convention: Convention) -> Option<(&str, Option<&str>)> {
    let (decimal, groups): (char, &[char]) = match convention {
        Convention::Dot => ('.', &[',', ' ', '\'', '\u{a0}', '\u{202f}']),
        Convention::Comma => (',', &['.', ' ', '\'', '\u{a0}', '\u{202f}']),
    };
    let (int, frac) = match body.find(decimal) {
        Some(i) => (&body[..i], Some(&body[i + decimal.len_utf8()..])),
        None => (body, None),
    };
    if let Some(frac) = frac {
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if int.bytes().all(|b| b.is_ascii_digit()) {
        // A leading zero marks a code (`007`, a zip code), not a quantity.
        if int.is_empty() || (int.len() > 1 && int.starts_with('0')) || int.len() > 18 {
            return None;
        }
        return Some((int, frac));
    }
    let group = int.chars().find(|c| !c.is_ascii_digit())?;
    if !groups.contains(&group) {
        return None;
    }
    let mut parts = int.split(group);
    let head = parts.next()?;
    if head.is_empty() || head.len() > 3 || head.starts_with('0') || !is_digits(head) {
        return None;
    }
    let mut digits = head.len();
    for part in parts {
        if part.len() != 3 || !is_digits(part) {
            return None;
        }
        digits += 3;
    }
    (digits <= 18).then_some((int, frac))
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Every reading of a cell as a number, or `None` if it is none.
pub(crate) fn number(cell: &str) -> Option<NumberForm> {
    let (_, money, body) = number_body(cell)?;
    let dot = number_parts(body, Convention::Dot).map(|(_, f)| f.is_none());
    let comma = number_parts(body, Convention::Comma).map(|(_, f)| f.is_none());
    (dot.is_some() || comma.is_some()).then_some(NumberForm { money, dot, comma })
}

/// Appends the number as a JSON number (`-1234.5`), or returns false when
/// the cell is not a number under `convention`.
pub(crate) fn write_number(cell: &str, convention: Convention, out: &mut String) -> bool {
    let Some((negative, _, body)) = number_body(cell) else {
        return false;
    };
    let Some((int, frac)) = number_parts(body, convention) else {
        return false;
    };
    if negative {
        out.push('-');
    }
    out.extend(int.chars().filter(char::is_ascii_digit));
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    true
}

// ------------------------------------------------------- dates and times

/// An Excel serial date (`45890.5`) as local date and time, `YYYY-MM-DDTHH:MM:SS`.
pub(crate) fn serial_date(cell: &str) -> Option<chrono::NaiveDateTime> {
    let (int, frac) = cell.split_once('.').unwrap_or((cell, ""));
    if int.len() != 5 || !is_digits(int) || !(frac.is_empty() || is_digits(frac)) {
        return None;
    }
    let value: f64 = cell.parse().ok()?;
    if !(20_000.0..=80_000.0).contains(&value) {
        return None;
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (value * 86_400.0).round() as i64;
    epoch.checked_add_signed(chrono::TimeDelta::try_seconds(seconds)?)
}

/// A date, possibly with a time, as written; which field is the day and
/// which the month is settled by the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Moment {
    parts: [u32; 3],
    /// Bit 0: day-month-year is a valid reading, bit 1: month-day-year,
    /// bit 2: year-month-day (the same order as the `Kinds` date bits).
    pub orders: u8,
    pub time: Option<Time>,
    /// The month was written as a name, so the parts are day, month and
    /// year whatever the column's order.
    named: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Time {
    hour: u32,
    minute: u32,
    second: u32,
    /// Minutes east of UTC, when the cell says.
    offset: Option<i32>,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn spaces(&mut self) -> usize {
        let start = self.at;
        while self.peek() == Some(b' ') {
            self.at += 1;
        }
        self.at - start
    }

    /// Between `min` and `max` digits, as a number and its length.
    fn digits(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        let start = self.at;
        let mut value = 0u32;
        while self.at - start < max {
            match self.peek() {
                Some(b) if b.is_ascii_digit() => {
                    value = value * 10 + u32::from(b - b'0');
                    self.at += 1;
                }
                _ => break,
            }
        }
        let len = self.at - start;
        if len < min || matches!(self.peek(), Some(b) if b.is_ascii_digit()) {
            return None;
        }
        Some((value, len))
    }

    fn word_ci(&mut self, word: &str) -> bool {
        let end = self.at + word.len();
        if end <= self.bytes.len() && self.bytes[self.at..end].eq_ignore_ascii_case(word.as_bytes())
        {
            self.at = end;
            true
        } else {
            false
        }
    }

    fn done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

fn valid_date(year: u32, month: u32, day: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(year as i32, month, day).is_some()
}

fn full_year(year: u32, len: usize) -> u32 {
    match len {
        // Two-digit years, as Microsoft Forms writes them: 26 is 2026.
        2 if year < 70 => 2000 + year,
        2 => 1900 + year,
        _ => year,
    }
}

/// Parses `2026-04-25`, `25.04.2026`, `4/25/26 16:01`, `2026/03/11 5:07:00 PM
/// GMT+1`, `2026-03-11T17:07:00Z`, `20/Aug/25 12:38 PM`, `Mon, 20 Aug 2025`
/// and the like.
pub(crate) fn moment(cell: &str) -> Option<Moment> {
    if !cell.as_bytes().first()?.is_ascii_digit() {
        return named_moment(cell);
    }
    let mut c = Cursor {
        bytes: cell.as_bytes(),
        at: 0,
    };
    let (a, a_len) = c.digits(1, 4)?;
    if c.peek()
        .is_some_and(|b| matches!(b, b' ' | b'.' | b'-' | b'/'))
        && c.bytes.get(c.at + 1).is_some_and(|b| !b.is_ascii_digit())
    {
        return named_moment(cell);
    }
    let sep = c.peek().filter(|b| matches!(b, b'-' | b'/' | b'.'))?;
    c.at += 1;
    let (b, _) = c.digits(1, 2)?;
    if !c.eat(sep) {
        return None;
    }
    let (y, y_len) = c.digits(1, 4)?;
    let mut orders = 0u8;
    if a_len == 4 {
        if y_len <= 2 && valid_date(a, b, y) {
            orders |= 0b100;
        }
    } else if a_len <= 2 && (y_len == 4 || y_len == 2) {
        let year = full_year(y, y_len);
        if valid_date(year, b, a) {
            orders |= 0b001;
        }
        if valid_date(year, a, b) {
            orders |= 0b010;
        }
    }
    if orders == 0 {
        return None;
    }
    let time = if c.done() {
        None
    } else {
        if !c.eat(b'T') && c.spaces() == 0 {
            return None;
        }
        Some(time(&mut c)?)
    };
    let third = if a_len == 4 { y } else { full_year(y, y_len) };
    Some(Moment {
        parts: [a, b, third],
        orders,
        time,
        named: false,
    })
}

/// Month names and their abbreviations in English, German, French,
/// Spanish, Italian, Portuguese and Dutch (accents folded), by month.
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "januar", "janner", "janvier", "enero", "gennaio", "janeiro", "januari",
    ],
    &[
        "february",
        "februar",
        "fevrier",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
    ],
    &[
        "march", "marz", "maerz", "mrz", "mars", "marzo", "marco", "maart", "mrt",
    ],
    &["april", "avril", "abril", "aprile"],
    &["may", "mai", "mayo", "maggio", "maio", "mei"],
    &["june", "juni", "juin", "junio", "giugno", "junho"],
    &["july", "juli", "juillet", "julio", "luglio", "julho"],
    &["august", "aout", "agosto", "augustus"],
    &[
        "september",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "setembro",
    ],
    &[
        "october", "oktober", "octobre", "octubre", "ottobre", "outubro",
    ],
    &["november", "novembre", "noviembre", "novembro"],
    &[
        "december",
        "dezember",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
    ],
];

/// Day names and their abbreviations in the same languages, which a date
/// may start with (`Monday, 20 August 2025`, `mar., 20 ago. 2025`).
const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lun",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "mie",
    "jue",
    "vie",
    "sab",
    "dom",
    "lunedi",
    "martedi",
    "mercoledi",
    "giovedi",
    "venerdi",
    "gio",
    "segunda",
    "terca",
    "quarta",
    "quinta",
    "sexta",
    "feira",
    "seg",
    "ter",
    "qua",
    "qui",
    "sex",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "ma",
    "wo",
    "vr",
    "za",
    "zo",
    "mar",
];

/// Words that join a date's parts or its date and time (`20 de agosto de
/// 2025`, `20 August 2025 at 12:38`, `20. August 2025 um 12:38`).
const JOINERS: &[&str] = &[
    "de", "del", "of", "the", "at", "um", "a", "las", "à", "alle", "om", "às", "le", "el",
];

/// Lower case with the accents of the month and day names folded.
fn fold_word(word: &str) -> String {
    word.chars()
        .map(|c| match c.to_lowercase().next().unwrap_or(c) {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// The month a name or an abbreviation of at least three letters names.
fn month_number(word: &str) -> Option<u32> {
    let word = fold_word(word);
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|names| names.iter().any(|n| n.starts_with(word.as_str())))
        .map(|i| i as u32 + 1)
}

/// A date whose month is a name: `20-Aug-2025`, `20/Aug/25 12:38 PM`,
/// `August 20, 2025 3:45 PM`, `Mon, 20 Aug 2025 12:38:00 +0000`, `20.
/// März 2025`, `martes, 20 de agosto de 2025`.
fn named_moment(cell: &str) -> Option<Moment> {
    if cell.len() > 64 {
        return None;
    }
    // The time starts at the first word with a colon.
    let words: Vec<(usize, &str)> = cell
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - cell.as_ptr() as usize, w))
        .collect();
    let time_at = words
        .iter()
        .find(|(_, w)| w.contains(':'))
        .map(|(at, _)| *at);
    let (date_part, time_part) = match time_at {
        Some(at) => (&cell[..at], Some(&cell[at..])),
        None => (cell, None),
    };
    let mut numbers: Vec<(u32, usize)> = Vec::with_capacity(2);
    let mut names = Vec::new();
    for token in date_part
        .split([' ', ',', '-', '/', '.'])
        .filter(|t| !t.is_empty())
    {
        let digits = token.trim_end_matches(|c: char| c.is_alphabetic() || c == 'º');
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            // `20th`, `1er`, `1º`: an ordinal day.
            if numbers.len() == 2 || digits.len() > 4 {
                return None;
            }
            numbers.push((digits.parse().ok()?, digits.len()));
        } else if token.chars().all(char::is_alphabetic) {
            names.push((numbers.len(), token));
        } else {
            return None;
        }
    }
    let words: Vec<(usize, String)> = names
        .iter()
        .map(|(at, name)| (*at, fold_word(name)))
        .filter(|(_, w)| !JOINERS.contains(&w.as_str()))
        .collect();
    // `mar` is March, or Tuesday in Spanish: a day name only when another
    // word is the month.
    let (month_at, month) = match &words[..] {
        [(at, m)] => (*at, month_number(m)),
        [(_, d), (at, m)] if DAYS.contains(&d.as_str()) => (*at, month_number(m)),
        [(at, m), (_, d)] if DAYS.contains(&d.as_str()) => (*at, month_number(m)),
        _ => return None,
    };
    let month = month?;
    let [(first, first_len), (second, second_len)] = numbers[..] else {
        return None;
    };
    let (day, (year, year_len)) = if first_len == 4 {
        (second, (first, first_len))
    } else if month_at == 0 || month_at == 1 {
        // `Aug 20, 2025` or `20 Aug 2025`.
        (first, (second, second_len))
    } else {
        return None;
    };
    if !(year_len == 2 || year_len == 4) {
        return None;
    }
    let year = full_year(year, year_len);
    if !valid_date(year, month, day) {
        return None;
    }
    let time = match time_part {
        Some(rest) => {
            let mut c = Cursor {
                bytes: rest.as_bytes(),
                at: 0,
            };
            Some(time(&mut c)?)
        }
        None => None,
    };
    Some(Moment {
        parts: [day, month, year],
        orders: 0b111,
        time,
        named: true,
    })
}

fn time(c: &mut Cursor) -> Option<Time> {
    let (mut hour, _) = c.digits(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let (minute, _) = c.digits(2, 2)?;
    let mut second = 0;
    if c.eat(b':') {
        second = c.digits(2, 2)?.0;
        if c.eat(b'.') {
            c.digits(1, 9)?;
        }
    }
    let had_space = c.spaces() > 0;
    if c.word_ci("am") || c.word_ci("a.m.") {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour %= 12;
    } else if c.word_ci("pm") || c.word_ci("p.m.") {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + 12;
    } else if had_space && c.done() {
        return None;
    }
    c.spaces();
    let offset = if c.done() { None } else { Some(zone(c)?) };
    if !c.done() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(Time {
        hour,
        minute,
        second,
        offset,
    })
}

/// `Z`, `UTC`, `GMT+1`, `UTC-05:30`, `+0100`: minutes east of UTC.
fn zone(c: &mut Cursor) -> Option<i32> {
    if c.eat(b'Z') {
        return Some(0);
    }
    let named = c.word_ci("UTC") || c.word_ci("GMT");
    let sign = match c.peek() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ if named => return Some(0),
        _ => return None,
    };
    c.at += 1;
    let (h, len) = c.digits(1, 4)?;
    let (hours, minutes) = if len > 2 {
        (h / 100, h % 100)
    } else if c.eat(b':') {
        (h, c.digits(2, 2)?.0)
    } else {
        (h, 0)
    };
    (hours <= 14 && minutes < 60).then_some(sign * (hours as i32 * 60 + minutes as i32))
}

impl Moment {
    pub fn allows(&self, order: DateOrder) -> bool {
        self.named || self.orders & order_bit(order) != 0
    }

    /// Appends the ISO 8601 form (`2026-04-25`, or `2026-04-25T16:01:00`
    /// with `with_time`), or returns false if `order` is not a valid reading.
    pub fn write(&self, order: DateOrder, with_time: bool, out: &mut String) -> bool {
        if !self.allows(order) {
            return false;
        }
        let [a, b, c] = self.parts;
        let order = if self.named { DateOrder::Dmy } else { order };
        let (y, m, d) = match order {
            DateOrder::Dmy => (c, b, a),
            DateOrder::Mdy => (c, a, b),
            DateOrder::Ymd => (a, b, c),
        };
        // Written digit by digit: this runs for millions of cells, and the
        // formatting machinery costs more than the parsing.
        digits(out, y, 4);
        out.push('-');
        digits(out, m, 2);
        out.push('-');
        digits(out, d, 2);
        if with_time {
            let t = self.time.unwrap_or(Time {
                hour: 0,
                minute: 0,
                second: 0,
                offset: None,
            });
            out.push('T');
            digits(out, t.hour, 2);
            out.push(':');
            digits(out, t.minute, 2);
            out.push(':');
            digits(out, t.second, 2);
            if let Some(offset) = t.offset {
                let sign = if offset < 0 { '-' } else { '+' };
                let offset = offset.abs();
                out.push(sign);
                digits(out, (offset / 60) as u32, 2);
                out.push(':');
                digits(out, (offset % 60) as u32, 2);
            }
        }
        true
    }
}

/// Appends `value` with at least `width` digits, zero-padded.
fn digits(out: &mut String, value: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let mut rest = value;
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let start = at.min(buf.len() - width.min(buf.len()));
    out.extend(buf[start..].iter().map(|b| char::from(*b)));
}

pub(crate) fn order_bit(order: DateOrder) -> u8 {
    match order {
        DateOrder::Dmy => 0b001,
        DateOrder::Mdy => 0b010,
        DateOrder::Ymd => 0b100,
    }
}

// ---------------------------------------------------------- other kinds

/// Yes/No as the tools and locales we serve write it.
pub(crate) fn yes_no(cell: &str) -> Option<bool> {
    const YES: &[&str] = &[
        "yes", "y", "true", "ja", "j", "oui", "si", "sí", "wahr", "vrai",
    ];
    const NO: &[&str] = &["no", "n", "false", "nein", "non", "falsch", "faux"];
    if YES.iter().any(|w| w.eq_ignore_ascii_case(cell)) {
        Some(true)
    } else if NO.iter().any(|w| w.eq_ignore_ascii_case(cell)) {
        Some(false)
    } else {
        None
    }
}

pub(crate) fn is_email(cell: &str) -> bool {
    let Some((local, domain)) = cell.split_once('@') else {
        return false;
    };
    let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b);
    !local.is_empty()
        && local.len() <= 64
        && local.bytes().all(atext)
        && !local.starts_with('.')
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80)
        })
        && domain.rsplit('.').next().is_some_and(|tld| tld.len() >= 2)
}

/// The address in a link cell: a plain URL, or SharePoint's hyperlink
/// column `https://…, Description`.
pub(crate) fn url(cell: &str) -> Option<&str> {
    let lower_starts = |p: &str| {
        cell.len() >= p.len() && cell.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    if !(lower_starts("http://") || lower_starts("https://") || lower_starts("www.")) {
        return None;
    }
    let address = cell.split_once(", ").map_or(cell, |(a, _)| a);
    (address.len() > 7 && !address.contains(char::is_whitespace)).then_some(address)
}

/// A record code: capital letters (digits may follow the first), an
/// optional `-` or `_`, then digits, as ticket tools number records
/// (`INC0012345`, `HR-123`, `SD2-7`).
pub(crate) fn is_code(cell: &str) -> bool {
    let bytes = cell.as_bytes();
    if bytes.len() > 24 {
        return false;
    }
    let letters = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let prefix = letters
        + bytes[letters..]
            .iter()
            .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            .count();
    let (prefix, rest) = match bytes.get(prefix) {
        Some(b'-' | b'_') => (prefix, &bytes[prefix + 1..]),
        // Without a separator the prefix is letters only: `AB12C3` is no code.
        _ => (letters, &bytes[letters..]),
    };
    letters >= 2 && prefix <= 12 && !rest.is_empty() && rest.iter().all(u8::is_ascii_digit)
}

/// Why a cell stands for no value although it is not empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blank {
    /// An Excel error value in any language: `#N/A`, `#WERT!`, `#CHAMP!`.
    ExcelError,
    /// A conventional "no value" mark: `?`, `-`, `n/a`, `NULL`.
    Mark,
}

/// Whether a trimmed cell is an Excel error value or a "no value" mark.
/// Cheap: most cells are ruled out by their first byte.
pub(crate) fn blank(cell: &str) -> Option<Blank> {
    let bytes = cell.as_bytes();
    match bytes.first()? {
        b'#' => excel_error(cell).then_some(Blank::ExcelError),
        b'?' | b'-' | b'.' | b'n' | b'N' | b'(' | b'\xe2' if bytes.len() <= 9 => {
            const MARKS: &[&str] = &[
                "?", "??", "-", "--", ".", "\u{2014}", "n/a", "na", "n.a.", "null", "nan", "none",
                "(blank)", "(empty)", "(none)", "(null)",
            ];
            MARKS
                .iter()
                .any(|m| m.eq_ignore_ascii_case(cell))
                .then_some(Blank::Mark)
        }
        _ => None,
    }
}

/// Excel's error values, whatever the language of the Excel that wrote
/// them: `#` and capitals ending in `!` or `?` (`#DIV/0!`, `#WERT!`,
/// `#¡VALOR!`, `#NOMBRE?`), or "not available" (`#N/A`, `#NV`, `#N/D`).
fn excel_error(cell: &str) -> bool {
    let body = &cell[1..];
    if body.is_empty() || body.chars().count() > 14 {
        return false;
    }
    let shouted = body.chars().all(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '/' | '_' | '¡' | '!' | '?')
    });
    let ends = body.ends_with('!') || body.ends_with('?');
    let unavailable = matches!(body, "N/A" | "NV" | "N/D" | "N/B" | "NA" | "ND" | "N/V");
    shouted && (ends || unavailable)
}

/// A telephone number: digits with the usual separators, or a leading `+`.
pub(crate) fn is_phone(cell: &str) -> bool {
    let digits = cell.bytes().filter(u8::is_ascii_digit).count();
    let formatted = cell.starts_with('+')
        || cell
            .bytes()
            .any(|b| matches!(b, b' ' | b'-' | b'(' | b'.' | b'/'));
    (7..=15).contains(&digits)
        && formatted
        && cell.bytes().all(|b| {
            b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'(' | b')' | b'.' | b'/' | b'+')
        })
        && cell.bytes().filter(|b| *b == b'+').count() <= 1
}

/// The user in a SharePoint claims login (`i:0#.f|membership|ana@contoso.com`).
pub(crate) fn claim(cell: &str) -> Option<&str> {
    let rest = cell.strip_prefix("i:0")?;
    let (_, user) = rest.rsplit_once('|')?;
    (!user.is_empty()).then_some(user)
}

/// The label of a SharePoint managed metadata term (`Finance|6f2d…-…`).
pub(crate) fn term_label(cell: &str) -> Option<&str> {
    let (label, guid) = cell.rsplit_once('|')?;
    let is_guid = guid.len() == 36
        && guid.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        });
    (is_guid && !label.is_empty()).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(cell: &str, convention: Convention) -> Option<String> {
        let mut out = String::new();
        write_number(cell, convention, &mut out).then_some(out)
    }

    #[test]
    fn decimal_commas_and_thousands_dots_are_read_as_continental_numbers() {
        assert_eq!(
            num("1.234,50", Convention::Comma).as_deref(),
            Some("1234.50")
        );
        assert_eq!(num("1.234,50", Convention::Dot), None);
        assert_eq!(num("169,84", Convention::Comma).as_deref(), Some("169.84"));
    }

    #[test]
    fn a_lone_thousands_separator_is_ambiguous_until_the_column_decides() {
        let form = number("1,234").unwrap();
        assert_eq!(form.dot, Some(true));
        assert_eq!(form.comma, Some(false));
    }

    #[test]
    fn currency_symbols_and_accounting_negatives_are_understood() {
        assert!(number("$1,200.00").unwrap().money);
        assert!(number("1.200,00 €").unwrap().money);
        assert_eq!(
            num("(1,200.50)", Convention::Dot).as_deref(),
            Some("-1200.50")
        );
        assert_eq!(num("-€5", Convention::Dot).as_deref(), Some("-5"));
    }

    #[test]
    fn numbers_with_leading_zeros_are_codes_not_quantities() {
        assert_eq!(number("007"), None);
        assert!(number("0").is_some());
        assert!(number("0.5").is_some());
    }

    #[test]
    fn a_day_above_twelve_settles_the_order() {
        assert_eq!(moment("25/04/2026").unwrap().orders, 0b001);
        assert_eq!(moment("4/25/2026").unwrap().orders, 0b010);
        assert_eq!(moment("04/05/2026").unwrap().orders, 0b011);
        assert_eq!(moment("2026-04-25").unwrap().orders, 0b100);
        assert_eq!(moment("31.02.2026"), None);
    }

    #[test]
    fn times_in_the_tools_formats_are_datetimes() {
        let mut out = String::new();
        let m = moment("2026/03/11 5:07:00 PM GMT+1").unwrap();
        assert!(m.write(DateOrder::Ymd, true, &mut out));
        assert_eq!(out, "2026-03-11T17:07:00+01:00");
        out.clear();
        let m = moment("5/28/26 16:01:54").unwrap();
        assert!(m.write(DateOrder::Mdy, true, &mut out));
        assert_eq!(out, "2026-05-28T16:01:54");
        assert!(moment("2026-03-11T17:07:00Z").unwrap().time.is_some());
        assert_eq!(moment("2/21/2026 5:14 PM").unwrap().orders, 0b010);
        assert_eq!(moment("1/1/2026 13:00 PM"), None);
    }

    #[test]
    fn yes_and_no_are_understood_in_several_languages() {
        for yes in ["Yes", "TRUE", "Ja", "oui"] {
            assert_eq!(yes_no(yes), Some(true), "{yes}");
        }
        for no in ["No", "false", "Nein", "Non"] {
            assert_eq!(yes_no(no), Some(false), "{no}");
        }
    }

    #[test]
    fn sharepoint_encodings_are_unwrapped() {
        assert_eq!(
            claim("i:0#.f|membership|ana@contoso.com"),
            Some("ana@contoso.com")
        );
        assert_eq!(
            url("https://contoso.sharepoint.com/doc, Draft contract"),
            Some("https://contoso.sharepoint.com/doc")
        );
        assert_eq!(
            term_label("Finance|6f2d3c1a-1b2c-4d5e-8f90-a1b2c3d4e5f6"),
            Some("Finance")
        );
    }

    #[test]
    fn phones_need_separators_or_a_plus_so_plain_numbers_stay_numbers() {
        assert!(is_phone("+49 30 1234567"));
        assert!(is_phone("(555) 123-4567"));
        assert!(!is_phone("1234567"));
    }

    #[test]
    fn emails_are_recognised() {
        assert!(is_email("lynne.vance@contoso.com"));
        assert!(!is_email("lynne vance@contoso.com"));
        assert!(!is_email("@contoso.com"));
    }

    fn iso(cell: &str) -> Option<String> {
        let mut out = String::new();
        let m = moment(cell)?;
        m.write(DateOrder::Dmy, m.time.is_some(), &mut out)
            .then_some(out)
    }

    #[test]
    fn month_names_in_seven_languages_are_dates() {
        let cases = [
            ("20/Aug/25 12:38 PM", "2025-08-20T12:38:00"),
            ("20-Aug-2025", "2025-08-20"),
            ("18/jul/26 9:10 AM", "2026-07-18T09:10:00"),
            ("06 abr 2026, 0:36", "2026-04-06T00:36:00"),
            ("August 20, 2025 3:45 PM", "2025-08-20T15:45:00"),
            (
                "Mon, 20 Aug 2025 12:38:00 +0000",
                "2025-08-20T12:38:00+00:00",
            ),
            ("Monday, August 20, 2025", "2025-08-20"),
            ("20. März 2025", "2025-03-20"),
            ("3 févr. 2026", "2026-02-03"),
            ("martes, 20 de agosto de 2025", "2025-08-20"),
            ("mar, 20 ago 2025", "2025-08-20"),
            ("20 settembre 2025", "2025-09-20"),
            ("5 de março de 2026", "2026-03-05"),
            ("1 mrt 2026", "2026-03-01"),
            ("2025-Aug-20", "2025-08-20"),
        ];
        for (cell, want) in cases {
            assert_eq!(iso(cell).as_deref(), Some(want), "{cell}");
        }
        for not_a_date in [
            "May 2025",
            "Marketing 12 2025",
            "12 apples 2025",
            "Mar 3 - Apr 5",
        ] {
            assert_eq!(moment(not_a_date), None, "{not_a_date}");
        }
    }

    #[test]
    fn a_named_month_fits_whatever_order_the_column_settles_on() {
        let m = moment("20-Aug-2025").unwrap();
        for order in [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd] {
            let mut out = String::new();
            assert!(m.write(order, false, &mut out));
            assert_eq!(out, "2025-08-20");
        }
    }

    #[test]
    fn iso_8601_with_fractions_and_offsets_is_a_datetime() {
        assert!(moment("2025-08-20T12:38:00.000+0000")
            .unwrap()
            .time
            .is_some());
        assert!(moment("2025-08-20T12:38:00.123456Z")
            .unwrap()
            .time
            .is_some());
        assert!(moment("2025-08-20T12:38").unwrap().time.is_some());
    }

    #[test]
    fn excel_errors_in_any_language_and_no_value_marks_are_blanks() {
        for error in [
            "#N/A",
            "#NV",
            "#VALUE!",
            "#WERT!",
            "#CHAMP!",
            "#DIV/0!",
            "#NOMBRE?",
            "#¡VALOR!",
            "#NOMBRE!",
        ] {
            assert_eq!(blank(error), Some(Blank::ExcelError), "{error}");
        }
        for mark in ["?", "-", "n/a", "N/A", "NULL", "(blank)"] {
            assert_eq!(blank(mark), Some(Blank::Mark), "{mark}");
        }
        for value in ["#1 priority", "#hashtag", "No", "-5", "none of them"] {
            assert_eq!(blank(value), None, "{value}");
        }
    }

    #[test]
    fn record_codes_are_capitals_then_digits() {
        for code in ["INC0012345", "HR-123", "RITM0010001", "SD2-7", "AP_1000"] {
            assert!(is_code(code), "{code}");
        }
        for other in ["Caller 2403", "AB12C3", "A-1", "hr-123", "INC", "12345"] {
            assert!(!is_code(other), "{other}");
        }
    }

    #[test]
    fn excel_serial_numbers_are_dates_from_1899_12_30() {
        let d = serial_date("45890").unwrap();
        assert_eq!(d.format("%Y-%m-%d").to_string(), "2025-08-21");
        let d = serial_date("45890.5").unwrap();
        assert_eq!(d.format("%H:%M").to_string(), "12:00");
        assert_eq!(serial_date("123"), None);
    }
}
