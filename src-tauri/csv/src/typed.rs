//! Typed values: what a cell means once its column's type is known.
//!
//! Storage keeps every row verbatim, and beside it a compact JSON array of
//! the typed values of the columns whose type is not text-like, in column
//! order: numbers are JSON numbers, dates and datetimes ISO 8601 strings,
//! yes/no booleans, multi-selects arrays of options, an empty cell `null`.
//! A text-like column's value is its cell, cleaned by [`text_value`]; it is
//! derived when read rather than stored twice.

use super::infer::{self, ColumnPlan};
use super::inspection::{DateOrder, FieldType};
use super::values;

/// Appends `s` as a JSON string.
pub(crate) fn json_string(s: &str, out: &mut String) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.push_str(&s[start..i]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ => {
                use std::fmt::Write as _;
                let _ = write!(out, "\\u{b:04x}");
            }
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Whether a column's typed values are stored (not text-like).
pub(crate) fn stored(plan: &ColumnPlan) -> bool {
    !plan.field_type.is_textual()
}

/// Whether two plans give every cell the same stored value and problem, so
/// rows typed under one are right under the other.
pub fn same_values(a: &ColumnPlan, b: &ColumnPlan) -> bool {
    use FieldType::*;
    let number = |p: &ColumnPlan| matches!(p.field_type, Integer | Decimal | Currency);
    // A text-like column checks its cells only when mostly typed or
    // enforced (see `check_value`), so the problems found differ otherwise.
    let checked = |p: &ColumnPlan| (p.misfits > 0 || p.enforced).then_some(p.field_type);
    match (stored(a), stored(b)) {
        (false, false) => checked(a) == checked(b),
        (true, true) if number(a) && number(b) => a.convention == b.convention,
        (true, true) => {
            a.field_type == b.field_type && a.date_order == b.date_order && a.multi == b.multi
        }
        _ => false,
    }
}

/// The value of a cell in a text-like column: SharePoint's wrapping
/// removed (a claims login gives its user, a lookup or term its label, a
/// hyperlink its address).
pub fn text_value(cell: &str, field_type: FieldType) -> &str {
    let cell = cell.trim();
    match field_type {
        FieldType::Url => values::url(cell).unwrap_or(cell),
        FieldType::Person => values::claim(cell).unwrap_or_else(|| infer::unwrap_text(cell)),
        _ => infer::unwrap_text(cell),
    }
}

/// A date or date-and-time cell as local wall time, `YYYY-MM-DDTHH:MM:SS`,
/// read as the importer reads it: in the column's day/month order, or in
/// the only order the cell allows when the column has none. A date alone
/// is midnight; an offset the cell states is dropped, so every value is the
/// wall time the file shows. None when the cell is not a date in that
/// order.
pub fn local_datetime(cell: &str, order: Option<DateOrder>) -> Option<String> {
    let Some(moment) = values::moment(cell.trim()) else {
        let serial = values::serial_date(cell.trim())?;
        return Some(serial.format("%Y-%m-%dT%H:%M:%S").to_string());
    };
    let order = match order {
        Some(order) => order,
        None => {
            let mut allowed = [DateOrder::Ymd, DateOrder::Dmy, DateOrder::Mdy]
                .into_iter()
                .filter(|o| moment.allows(*o));
            match (allowed.next(), allowed.next()) {
                (Some(only), None) => only,
                _ => return None,
            }
        }
    };
    let mut out = String::with_capacity(25);
    if !moment.write(order, true, &mut out) {
        return None;
    }
    out.truncate("YYYY-MM-DDTHH:MM:SS".len());
    Some(out)
}

/// Appends the typed value of one trimmed cell of a stored (not text-like)
/// column. Returns false when the cell does not fit the column's type;
/// `null` is written then, and the caller records a problem.
pub(crate) fn write_value(cell: &str, plan: &ColumnPlan, out: &mut String) -> bool {
    // Excel errors and marks like `?` stand for no value (the column's
    // note says how many there are).
    if cell.is_empty()
        || values::blank(cell).is_some()
        || plan.not_answered.iter().any(|c| c == cell)
    {
        out.push_str("null");
        return true;
    }
    let start = out.len();
    let ok = match plan.field_type {
        FieldType::Date | FieldType::Datetime if plan.serial => match values::serial_date(cell) {
            Some(moment) => {
                let format = if plan.field_type == FieldType::Datetime {
                    "\"%Y-%m-%dT%H:%M:%S\""
                } else {
                    "\"%Y-%m-%d\""
                };
                out.push_str(&moment.format(format).to_string());
                true
            }
            None => false,
        },
        FieldType::Integer | FieldType::Decimal | FieldType::Currency => {
            values::write_number(cell, plan.convention, out)
        }
        FieldType::Date | FieldType::Datetime => match (values::moment(cell), plan.date_order) {
            (Some(moment), Some(order)) => {
                out.push('"');
                let ok = moment.write(order, plan.field_type == FieldType::Datetime, out);
                out.push('"');
                ok
            }
            _ => false,
        },
        FieldType::YesNo => match values::yes_no(cell) {
            Some(yes) => {
                out.push_str(if yes { "true" } else { "false" });
                true
            }
            None => false,
        },
        FieldType::MultiChoice => {
            let style = plan.multi.unwrap_or(infer::MultiStyle::Semicolon);
            out.push('[');
            for (i, item) in style.split(cell).enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(item, out);
            }
            out.push(']');
            true
        }
        _ => {
            json_string(cell, out);
            true
        }
    };
    if !ok {
        out.truncate(start);
        out.push_str("null");
    }
    ok
}

/// Appends a cell's typed value as [`write_value`] does (for stored columns)
/// and checks what the user asked of an enforced column: a whole number, a
/// value when required, one of the choices. Returns why the cell does not
/// fit, if it does not.
pub(crate) fn check_value(
    cell: &str,
    plan: &ColumnPlan,
    out: Option<&mut String>,
) -> Option<String> {
    let mut scratch = String::new();
    let out = out.unwrap_or(&mut scratch);
    let start = out.len();
    if stored(plan) && !write_value(cell, plan, out) {
        return Some(mismatch_message(cell, plan.field_type));
    }
    if (plan.enforced || plan.misfits > 0) && !fits_text_type(cell, plan.field_type) {
        return Some(mismatch_message(cell, plan.field_type));
    }
    if !plan.enforced {
        return None;
    }
    if cell.is_empty() {
        return plan
            .required
            .then(|| "this required value is empty.".to_owned());
    }
    if plan.field_type == FieldType::Integer && out[start..].contains(['.', 'e', 'E']) {
        out.truncate(start);
        out.push_str("null");
        return Some(mismatch_message(cell, plan.field_type));
    }
    let choices = plan.choices.as_deref().filter(|c| !c.is_empty())?;
    let outside = |item: &str| !choices.iter().any(|c| c == item);
    let stray = match plan.field_type {
        FieldType::Choice => Some(infer::unwrap_text(cell)).filter(|v| outside(v)),
        FieldType::MultiChoice => plan
            .multi
            .unwrap_or(infer::MultiStyle::Semicolon)
            .split(cell)
            .find(|v| outside(v)),
        _ => None,
    };
    stray.map(|v| {
        let shown: String = v.chars().take(60).collect();
        format!("{shown:?} is not one of the choices.")
    })
}

/// Whether a cell of a text-like column is what its type says: an e-mail
/// address, a link or a phone number (empty cells and blanks always are).
fn fits_text_type(cell: &str, field_type: FieldType) -> bool {
    if cell.is_empty() || values::blank(cell).is_some() {
        return true;
    }
    match field_type {
        FieldType::Email => values::is_email(cell),
        FieldType::Url => values::url(cell).is_some(),
        FieldType::Phone => values::is_phone(cell),
        _ => true,
    }
}

/// What a cell that does not fit its column's type is reported as.
pub(crate) fn mismatch_message(cell: &str, field_type: FieldType) -> String {
    let what = match field_type {
        FieldType::Integer => "a whole number",
        FieldType::Decimal | FieldType::Currency => "a number",
        FieldType::Date => "a date",
        FieldType::Datetime => "a date and time",
        FieldType::YesNo => "yes or no",
        FieldType::Email => "an e-mail address",
        FieldType::Url => "a link",
        FieldType::Phone => "a phone number",
        _ => "a valid value",
    };
    let shown: String = cell.chars().take(60).collect();
    if field_type.is_textual() {
        return format!("{shown:?} is not {what}; it is kept as it is.");
    }
    format!("{shown:?} is not {what}; it is kept as text and its typed value left empty.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Convention;

    fn plan(field_type: FieldType) -> ColumnPlan {
        ColumnPlan {
            field_type,
            required: false,
            choices: None,
            date_order: Some(DateOrder::Dmy),
            convention: Convention::Comma,
            multi: Some(infer::MultiStyle::SharePoint),
            enforced: false,
            misfits: 0,
            serial: false,
            note: None,
            suggested: None,
            not_answered: Vec::new(),
        }
    }

    fn value(cell: &str, field_type: FieldType) -> String {
        let mut out = String::new();
        write_value(cell, &plan(field_type), &mut out);
        out
    }

    #[test]
    fn typed_values_are_compact_json() {
        assert_eq!(value("1.234,50", FieldType::Decimal), "1234.50");
        assert_eq!(value("25.04.2026", FieldType::Date), "\"2026-04-25\"");
        assert_eq!(value("Ja", FieldType::YesNo), "true");
        assert_eq!(value("A;#B", FieldType::MultiChoice), "[\"A\",\"B\"]");
        assert_eq!(value("", FieldType::Decimal), "null");
    }

    #[test]
    fn text_values_lose_only_sharepoints_wrapping() {
        assert_eq!(text_value(" Plain ", FieldType::Text), "Plain");
        assert_eq!(text_value("3;#Legal", FieldType::Choice), "Legal");
        assert_eq!(
            text_value("i:0#.f|membership|ana@contoso.com", FieldType::Person),
            "ana@contoso.com"
        );
        assert_eq!(
            text_value("https://x.example/a, Draft", FieldType::Url),
            "https://x.example/a"
        );
    }

    #[test]
    fn only_plans_that_type_cells_differently_differ() {
        let mut a = plan(FieldType::Text);
        let mut b = plan(FieldType::Choice);
        assert!(same_values(&a, &b));
        a.field_type = FieldType::Integer;
        b.field_type = FieldType::Decimal;
        assert!(same_values(&a, &b));
        b.field_type = FieldType::Date;
        assert!(!same_values(&a, &b));
    }

    #[test]
    fn dates_read_as_local_wall_time_in_the_columns_order() {
        let dmy = Some(DateOrder::Dmy);
        assert_eq!(
            local_datetime("03/04/2026", dmy).as_deref(),
            Some("2026-04-03T00:00:00")
        );
        assert_eq!(
            local_datetime("03/04/2026", Some(DateOrder::Mdy)).as_deref(),
            Some("2026-03-04T00:00:00")
        );
        assert_eq!(
            local_datetime("2/21/2026 5:14 PM", None).as_deref(),
            Some("2026-02-21T17:14:00")
        );
        assert_eq!(
            local_datetime("2026-03-11T17:07:00+01:00", None).as_deref(),
            Some("2026-03-11T17:07:00")
        );
        assert_eq!(local_datetime("03/04/2026", None), None);
        assert_eq!(local_datetime("25/04/2026", Some(DateOrder::Mdy)), None);
        assert_eq!(local_datetime("soon", dmy), None);
    }

    #[test]
    fn cells_that_do_not_fit_are_null() {
        let mut out = String::new();
        assert!(!write_value("lots", &plan(FieldType::Integer), &mut out));
        assert_eq!(out, "null");
    }

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        json_string("a\"b\\c\nd\u{1}", &mut out);
        assert_eq!(out, r#""a\"b\\c\nd\u0001""#);
        assert_eq!(
            serde_json::from_str::<String>(&out).unwrap(),
            "a\"b\\c\nd\u{1}"
        );
    }
}
