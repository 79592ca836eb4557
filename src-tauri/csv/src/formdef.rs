//! Form definitions: a paper form transcribed as one row per field, with
//! columns such as question, answer type, required, options and help, and
//! the data dictionaries survey tools keep in the same shape (REDCap's
//! `Variable / Field Name, Form Name, Section Header, Field Type, Field
//! Label, Choices…`, an XLSForm/Kobo `survey` sheet's `type, name, label,
//! hint, required`). The type and yes/no words are free text, so they are
//! read by keywords.

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
    /// A section title a row starts (REDCap's "Section Header").
    pub section: Option<usize>,
    /// A type the text must have (REDCap's "Text Validation Type").
    pub validation: Option<usize>,
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
        "field label",
        "question title",
        "title",
        "pregunta",
        "etiqueta",
        "domanda",
        "vraag",
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
        "tipo",
        "tipo de campo",
        "tipo de pregunta",
        "question type",
        "kind",
    ];
    const REQUIRED: &[&str] = &[
        "required",
        "mandatory",
        "must answer",
        "pflicht",
        "pflichtfeld",
        "obligatoire",
        "is required",
        "required field",
        "obligatorio",
        "requerido",
        "obbligatorio",
        "verplicht",
        "required?",
        "mandatory field",
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
        "choices, calculations, or slider labels",
        "response options",
        "opciones",
        "opzioni",
        "keuzes",
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
        "field note",
        "note",
        "ayuda",
        "aiuto",
    ];
    const SECTION: &[&str] = &[
        "section",
        "section header",
        "section title",
        "group",
        "page",
        "abschnitt",
        "sección",
        "seccion",
        "sezione",
        "sectie",
    ];
    const VALIDATION: &[&str] = &[
        "text validation type or show slider number",
        "text validation type",
        "validation",
        "validation type",
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
    // XLSForm labels and hints may carry a language: `label::English (en)`.
    let norm: Vec<String> = norm
        .into_iter()
        .map(|t| match t.split_once("::") {
            Some((base, _)) => base.to_owned(),
            None => t,
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
        section: find(SECTION),
        validation: find(VALIDATION),
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
            .filter(|k| structural(k) || type_from_words(k).is_some())
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
                "select_multiple",
                "select multiple",
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
                "yesno",
                "yes_no",
                "truefalse",
                "y/n",
                "sí/no",
                "si/no",
                "ja/nee",
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
                "sql",
            ],
            FieldType::Choice,
        ),
        (
            &["checkbox", "check box", "tick box", "tickbox", "kontrollk"],
            FieldType::YesNo,
        ),
        (&["e-mail", "email", "mail"], FieldType::Email),
        (
            &["image", "photo", "audio", "video", "signature"],
            FieldType::Attachment,
        ),
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
        (
            &[
                "decimal", "percent", "%", "calc", "slider", "float", "range",
            ],
            FieldType::Decimal,
        ),
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
                "notes",
            ],
            FieldType::LongText,
        ),
        (
            &["person", "people", "name", "user", "employee", "manager"],
            FieldType::Person,
        ),
        (
            &[
                "text",
                "short",
                "single line",
                "string",
                "word",
                "texto",
                "testo",
                "tekst",
                "time",
                "geopoint",
                "barcode",
                "zipcode",
            ],
            FieldType::Text,
        ),
    ];
    rules
        .iter()
        .find(|(words, _)| has(words))
        .map(|(_, ty)| *ty)
}

/// Type words of rows that are not questions: text shown on the form
/// (REDCap's `descriptive`, XLSForm's `note`), groups, and the metadata a
/// survey app records by itself.
fn structural(kind: &str) -> bool {
    const WORDS: &[&str] = &[
        "descriptive",
        "note",
        "begin group",
        "end group",
        "begin_group",
        "end_group",
        "begin repeat",
        "end repeat",
        "begin_repeat",
        "end_repeat",
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "simserial",
        "subscriberid",
        "phonenumber",
        "audit",
        "hidden",
    ];
    WORDS.contains(&kind.trim().to_lowercase().as_str())
}

/// The fields a definition's rows describe, in order: rows without a label
/// and rows that are not questions are left out, and a section starts
/// where the section column changes or an XLSForm group begins.
pub(crate) fn fields(layout: &Layout, rows: &[Vec<String>]) -> Vec<Field> {
    let cell = |row: &'_ [String], i: Option<usize>| {
        i.and_then(|i| row.get(i))
            .map_or(String::new(), |c| c.trim().to_owned())
    };
    let mut out = Vec::new();
    let mut pending: Option<String> = None;
    let mut last_section = String::new();
    for row in rows {
        let kind = cell(row, Some(layout.kind)).to_lowercase();
        let label = cell(row, Some(layout.label));
        let section = cell(row, layout.section);
        if !section.is_empty() && section != last_section {
            last_section = section.clone();
            pending = Some(section);
        }
        if kind.starts_with("begin group") || kind.starts_with("begin_group") {
            if !label.is_empty() {
                pending = Some(label);
            }
            continue;
        }
        if structural(&kind) || label.is_empty() {
            continue;
        }
        let mut field = field(layout, row);
        field.section = pending.take();
        out.push(field);
    }
    out
}

/// The field one definition row describes.
pub(crate) fn field(layout: &Layout, row: &[String]) -> Field {
    let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", |c| c.trim());
    let label = cell(Some(layout.label));
    let kind = cell(Some(layout.kind));
    let (options, codes) = coded_options(split_options(cell(layout.options)));
    let mut field_type = type_from_words(kind).unwrap_or(if options.is_empty() {
        FieldType::Text
    } else {
        FieldType::Choice
    });
    // REDCap's `checkbox` is a multi-select: one box per choice.
    if field_type == FieldType::YesNo
        && kind.to_lowercase().contains("checkbox")
        && !options.is_empty()
    {
        field_type = FieldType::MultiChoice;
    }
    // A text field validated as a date, a number or an e-mail is one.
    let validation = cell(layout.validation);
    let mut date_order = None;
    if field_type == FieldType::Text && !validation.is_empty() {
        // REDCap's `number` (and `number_1dp`...) validations allow decimals.
        let validated = if validation.to_lowercase().starts_with("number") {
            Some(FieldType::Decimal)
        } else {
            type_from_words(validation)
        };
        if let Some(validated) = validated {
            field_type = validated;
        }
        date_order = order_from_help(
            &validation
                .replace('_', " ")
                .replace("ymd", "yyyy-mm")
                .replace("dmy", "dd/mm")
                .replace("mdy", "mm/dd"),
        );
    }
    let said_yes = required_word(cell(layout.required));
    let has_choices = matches!(field_type, FieldType::Choice | FieldType::MultiChoice);
    let help = cell(layout.help);
    if matches!(field_type, FieldType::Date | FieldType::Datetime) && date_order.is_none() {
        date_order = order_from_help(help);
    }
    Field {
        column: label.to_owned(),
        name: header::snake_case(label),
        field_type,
        required: said_yes != layout.optional,
        choices: has_choices.then_some(options),
        date_order,
        codes: codes.filter(|_| has_choices),
        help: (!help.is_empty()).then(|| help.to_owned()),
        section: None,
    }
}

/// Options as labels, and their codes when every option carries one:
/// REDCap's `1, Male`, or `1=Male`.
fn coded_options(options: Vec<String>) -> (Vec<String>, Option<Vec<String>>) {
    let split = |o: &String| {
        let (code, label) = o.split_once(',').or_else(|| o.split_once('='))?;
        let (code, label) = (code.trim(), label.trim());
        let short = !code.is_empty()
            && code.len() <= 12
            && code
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        (short && !label.is_empty()).then(|| (code.to_owned(), label.to_owned()))
    };
    let pairs: Vec<(String, String)> = options.iter().filter_map(split).collect();
    if options.len() < 2 || pairs.len() != options.len() {
        return (options, None);
    }
    let (codes, labels) = pairs.into_iter().unzip();
    (labels, Some(codes))
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
        "true()",
        "yes()",
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

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_redcap_dictionary_keeps_codes_requirements_and_multi_selects() {
        let titles = strings(&[
            "Variable / Field Name",
            "Form Name",
            "Section Header",
            "Field Type",
            "Field Label",
            "Choices, Calculations, OR Slider Labels",
            "Field Note",
            "Text Validation Type OR Show Slider Number",
            "Required Field?",
        ]);
        let layout = layout(&titles).unwrap();
        let rows = vec![
            strings(&[
                "sex",
                "f",
                "About you",
                "radio",
                "Sex",
                "1, Male | 2, Female",
                "",
                "",
                "y",
            ]),
            strings(&[
                "info",
                "f",
                "",
                "descriptive",
                "Read this first",
                "",
                "",
                "",
                "",
            ]),
            strings(&[
                "sym",
                "f",
                "",
                "checkbox",
                "Symptoms",
                "1, Fever | 2, Cough",
                "Tick all",
                "",
                "",
            ]),
            strings(&["dob", "f", "", "text", "Born", "", "", "date_dmy", "y"]),
        ];
        assert!(confirms(&layout, &rows));
        let f = fields(&layout, &rows);
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].choices.as_deref().unwrap(), ["Male", "Female"]);
        assert_eq!(f[0].codes.as_deref().unwrap(), ["1", "2"]);
        assert!(f[0].required);
        assert_eq!(f[0].section.as_deref(), Some("About you"));
        assert_eq!(f[1].field_type, FieldType::MultiChoice);
        assert_eq!(f[1].help.as_deref(), Some("Tick all"));
        assert_eq!(
            (f[2].field_type, f[2].date_order),
            (FieldType::Date, Some(DateOrder::Dmy))
        );
    }

    #[test]
    fn xlsform_types_and_groups_are_understood() {
        let titles = strings(&["type", "name", "label::English (en)", "hint", "required"]);
        let layout = layout(&titles).unwrap();
        let rows = vec![
            strings(&["begin group", "hh", "Household", "", ""]),
            strings(&["select_one yes_no", "water", "Running water?", "", "yes"]),
            strings(&["select_multiple src", "income", "Income", "", ""]),
            strings(&["end group", "", "", "", ""]),
            strings(&["note", "bye", "Thanks", "", ""]),
        ];
        assert!(confirms(&layout, &rows));
        let f = fields(&layout, &rows);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].field_type, FieldType::YesNo);
        assert!(f[0].required);
        assert_eq!(f[0].section.as_deref(), Some("Household"));
        assert_eq!(f[1].field_type, FieldType::MultiChoice);
    }

    #[test]
    fn more_type_and_required_words_are_understood() {
        assert_eq!(type_from_words("Y/N"), Some(FieldType::YesNo));
        assert_eq!(type_from_words("yesno"), Some(FieldType::YesNo));
        assert_eq!(type_from_words("notes"), Some(FieldType::LongText));
        assert_eq!(type_from_words("calc"), Some(FieldType::Decimal));
        for word in [
            "y",
            "x",
            "TRUE",
            "required",
            "mandatory",
            "Pflicht",
            "obligatoire",
        ] {
            assert!(required_word(word), "{word}");
        }
    }
}
