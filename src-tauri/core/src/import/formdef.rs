//! Form definitions: a paper form transcribed as one row per field, with
//! columns such as question, answer type, required, options and help. The
//! type and yes/no words are free text, so they are read by keywords.

use super::header;
use super::inspection::{DateOrder, Field, FieldType};
use super::profile::normalize;
use super::values;

/// Which column holds what in a form definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    pub label: usize,
    pub kind: usize,
    pub required: Option<usize>,
    /// The column says "optional" rather than "required": its yes means no.
    pub optional: bool,
    pub options: Option<usize>,
    pub help: Option<usize>,
}

/// Finds the layout from column titles; `None` unless there is both a
/// label column and a type column.
pub(crate) fn layout(titles: &[String]) -> Option<Layout> {
    const LABEL: &[&str] = &[
        "label",
        "question",
        "field",
        "field name",
        "field label",
        "prompt",
        "question text",
        "frage",
        "feld",
        "feldname",
        "bezeichnung",
        "libellé",
        "question label",
        "caption",
    ];
    const KIND: &[&str] = &[
        "type",
        "answer type",
        "field type",
        "input type",
        "data type",
        "question type",
        "response type",
        "format",
        "control",
        "typ",
        "feldtyp",
        "antworttyp",
        "type de champ",
    ];
    const REQUIRED: &[&str] = &[
        "required",
        "mandatory",
        "must answer",
        "pflicht",
        "pflichtfeld",
        "obligatoire",
        "is required",
    ];
    const OPTIONS: &[&str] = &[
        "options",
        "choices",
        "values",
        "allowed values",
        "answers",
        "possible answers",
        "list",
        "optionen",
        "auswahl",
        "choix",
        "answer options",
    ];
    const HELP: &[&str] = &[
        "help",
        "help text",
        "notes",
        "hint",
        "description",
        "instructions",
        "guidance",
        "hilfe",
        "hinweis",
        "aide",
    ];
    let norm: Vec<String> = titles
        .iter()
        .map(|t| {
            normalize(t)
                .trim_end_matches(['?', '*', ':'])
                .trim()
                .to_owned()
        })
        .collect();
    let find = |list: &[&str]| norm.iter().position(|t| list.contains(&t.as_str()));
    let label = find(LABEL)?;
    let kind = find(KIND)?;
    let required = find(REQUIRED);
    let optional_column = norm.iter().position(|t| t == "optional");
    Some(Layout {
        label,
        kind,
        required: required.or(optional_column),
        optional: required.is_none() && optional_column.is_some(),
        options: find(OPTIONS),
        help: find(HELP),
    })
}

/// Whether rows really read as a form definition: most type cells name a
/// type we know.
pub(crate) fn confirms(layout: &Layout, rows: &[Vec<String>]) -> bool {
    let kinds: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.get(layout.kind))
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    !kinds.is_empty()
        && kinds
            .iter()
            .filter(|k| type_from_words(k).is_some())
            .count()
            * 10
            >= kinds.len() * 6
}

/// The field type named by free text such as "Tick all that apply",
/// "Amount ($)", "Yes / No" or "Phone number". The order of the rules
/// matters: the more specific wording is tested first.
pub(crate) fn type_from_words(text: &str) -> Option<FieldType> {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    let rules: &[(&[&str], FieldType)] = &[
        (
            &[
                "all that apply",
                "tick all",
                "check all",
                "select all",
                "checkboxes",
                "multi-select",
                "multiselect",
                "multiple select",
                "mehrfach",
            ],
            FieldType::MultiChoice,
        ),
        (
            &[
                "yes/no",
                "yes / no",
                "yes or no",
                "boolean",
                "true/false",
                "ja/nein",
                "oui/non",
            ],
            FieldType::YesNo,
        ),
        (
            &[
                "tick one",
                "pick one",
                "choose one",
                "select one",
                "dropdown",
                "drop-down",
                "drop down",
                "radio",
                "choice",
                "select",
                "option",
                "list",
                "auswahl",
            ],
            FieldType::Choice,
        ),
        (
            &["checkbox", "check box", "tick box", "tickbox", "kontrollk"],
            FieldType::YesNo,
        ),
        (&["e-mail", "email", "mail"], FieldType::Email),
        (
            &["phone", "telephone", "mobile", "tel.", "telefon"],
            FieldType::Phone,
        ),
        (
            &["url", "link", "website", "web address", "hyperlink"],
            FieldType::Url,
        ),
        (
            &[
                "file", "upload", "attach", "document", "anhang", "datei", "pièce",
            ],
            FieldType::Attachment,
        ),
        (
            &[
                "date and time",
                "date/time",
                "datetime",
                "date & time",
                "timestamp",
                "datum und uhrzeit",
            ],
            FieldType::Datetime,
        ),
        (&["date", "datum"], FieldType::Date),
        (
            &[
                "amount", "currency", "money", "price", "cost", "$", "€", "£", "betrag", "montant",
            ],
            FieldType::Currency,
        ),
        (&["decimal", "percent", "%"], FieldType::Decimal),
        (
            &[
                "number", "numeric", "integer", "count", "whole", "zahl", "nombre", "quantity",
            ],
            FieldType::Integer,
        ),
        (
            &[
                "long",
                "paragraph",
                "multi-line",
                "multiline",
                "multiple lines",
                "textarea",
                "text area",
                "comment",
                "freitext",
            ],
            FieldType::LongText,
        ),
        (
            &["person", "people", "name", "user", "employee", "manager"],
            FieldType::Person,
        ),
        (
            &["text", "short", "single line", "string", "word"],
            FieldType::Text,
        ),
    ];
    rules
        .iter()
        .find(|(words, _)| has(words))
        .map(|(_, ty)| *ty)
}

/// The field one definition row describes.
pub(crate) fn field(layout: &Layout, row: &[String]) -> Field {
    let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", |c| c.trim());
    let label = cell(Some(layout.label));
    let options: Vec<String> = split_options(cell(layout.options));
    let field_type = type_from_words(cell(Some(layout.kind))).unwrap_or(if options.is_empty() {
        FieldType::Text
    } else {
        FieldType::Choice
    });
    let said_yes = required_word(cell(layout.required));
    let choices =
        matches!(field_type, FieldType::Choice | FieldType::MultiChoice).then_some(options);
    let date_order = matches!(field_type, FieldType::Date | FieldType::Datetime)
        .then(|| order_from_help(cell(layout.help)))
        .flatten();
    Field {
        column: label.to_owned(),
        name: header::snake_case(label),
        field_type,
        required: said_yes != layout.optional,
        choices,
        date_order,
    }
}

fn required_word(text: &str) -> bool {
    const YES: &[&str] = &[
        "required",
        "mandatory",
        "x",
        "✓",
        "✔",
        "*",
        "pflicht",
        "obligatoire",
        "1",
    ];
    values::yes_no(text).unwrap_or_else(|| YES.contains(&text.to_lowercase().as_str()))
}

/// Options as forms list them: `a; b; c`, one per line, `a | b`, or `a, b`.
fn split_options(text: &str) -> Vec<String> {
    let separator = ['\n', ';', '|', ',']
        .into_iter()
        .find(|s| text.contains(*s));
    let parts: Vec<&str> = match separator {
        Some(s) => text.split(s).collect(),
        None => vec![text],
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A date format spelled out in the help text ("dd/mm/yyyy on the form").
fn order_from_help(help: &str) -> Option<DateOrder> {
    let h = help.to_lowercase();
    if h.contains("dd/mm") || h.contains("dd.mm") || h.contains("dd-mm") || h.contains("tt.mm") {
        Some(DateOrder::Dmy)
    } else if h.contains("mm/dd") || h.contains("mm-dd-") {
        Some(DateOrder::Mdy)
    } else if h.contains("yyyy-mm") || h.contains("jjjj-mm") {
        Some(DateOrder::Ymd)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_words_in_any_reasonable_wording_are_understood() {
        let cases = [
            ("Short text", FieldType::Text),
            ("Long text", FieldType::LongText),
            ("Paragraph", FieldType::LongText),
            ("Number", FieldType::Integer),
            ("Email", FieldType::Email),
            ("Phone number", FieldType::Phone),
            ("Dropdown", FieldType::Choice),
            ("Tick one box", FieldType::Choice),
            ("Tick all that apply", FieldType::MultiChoice),
            ("Checkboxes", FieldType::MultiChoice),
            ("Checkbox", FieldType::YesNo),
            ("Yes / No", FieldType::YesNo),
            ("Amount ($)", FieldType::Currency),
            ("Date", FieldType::Date),
            ("File upload", FieldType::Attachment),
            ("Name", FieldType::Person),
        ];
        for (words, ty) in cases {
            assert_eq!(type_from_words(words), Some(ty), "{words}");
        }
    }

    #[test]
    fn a_definition_row_becomes_a_field() {
        let titles: Vec<String> = [
            "Section",
            "Question",
            "Answer type",
            "Required?",
            "Options",
            "Help text",
        ]
        .map(String::from)
        .to_vec();
        let layout = layout(&titles).unwrap();
        let row: Vec<String> = [
            "Claimant",
            "Cost centre",
            "Dropdown",
            "Yes",
            "4410 Sales; 4420 Marketing",
            "",
        ]
        .map(String::from)
        .to_vec();
        let f = field(&layout, &row);
        assert_eq!(f.column, "Cost centre");
        assert_eq!(f.name, "cost_centre");
        assert_eq!(f.field_type, FieldType::Choice);
        assert!(f.required);
        assert_eq!(f.choices.unwrap(), ["4410 Sales", "4420 Marketing"]);
    }

    #[test]
    fn a_date_format_in_the_help_text_sets_the_order() {
        let titles: Vec<String> = ["Question", "Type", "Mandatory", "Help"]
            .map(String::from)
            .to_vec();
        let layout = layout(&titles).unwrap();
        let row: Vec<String> = ["Date of expense", "Date", "No", "dd/mm/yyyy"]
            .map(String::from)
            .to_vec();
        let f = field(&layout, &row);
        assert_eq!((f.date_order, f.required), (Some(DateOrder::Dmy), false));
    }

    #[test]
    fn a_table_with_a_type_column_is_not_a_definition_unless_its_types_read_as_types() {
        let titles: Vec<String> = ["Field", "Type"].map(String::from).to_vec();
        let layout = layout(&titles).unwrap();
        let rows = vec![vec!["Pump".to_string(), "Centrifugal".to_string()]];
        assert!(!confirms(&layout, &rows));
    }
}
