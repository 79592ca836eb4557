//! A picture of a catalog item's request form, for the story's "solution":
//! the department head sees the form their people now fill in, drawn from
//! its definition (labels, required marks, one control per field type), so
//! it is always the published form and never a stale screenshot. Every
//! label is escaped: a form's words are text, never markup.

use std::fmt::Write;

use crate::catalog::{FieldType, Form, FormField};
use crate::svg_text::{escape, fit};

const WIDTH: u32 = 320;
const PAD: u32 = 16;
/// The most fields drawn; the rest are counted.
const FIELDS_SHOWN: usize = 6;
const LABEL_CHARS: usize = 42;
const INK: &str = "#1d2330";
const MUTED: &str = "#7a8494";
const LINE: &str = "#c9d1dd";
const ACCENT: &str = "#2450a6";

/// The form of the item called `name`, as an SVG document.
pub fn svg(name: &str, form: &Form) -> String {
    let mut body = String::new();
    let mut y = PAD + 14;
    let _ = write!(
        body,
        r#"<text x="{PAD}" y="{y}" font-size="13" font-weight="700" fill="{INK}">{}</text>"#,
        escape(&fit(name, 36))
    );
    y += 14;
    for field in form.fields.iter().take(FIELDS_SHOWN) {
        y += 12;
        y = draw_field(&mut body, field, y);
    }
    let hidden = form.fields.len().saturating_sub(FIELDS_SHOWN);
    if hidden > 0 {
        y += 16;
        let more = if hidden == 1 {
            "and 1 more field".to_owned()
        } else {
            format!("and {hidden} more fields")
        };
        let _ = write!(
            body,
            r#"<text x="{PAD}" y="{y}" font-size="11" fill="{MUTED}">{more}</text>"#
        );
    }
    if form.fields.is_empty() {
        y += 18;
        let _ = write!(
            body,
            r#"<text x="{PAD}" y="{y}" font-size="11" fill="{MUTED}">No questions: a request is one click.</text>"#
        );
    }
    y += 14;
    let _ = write!(
        body,
        r##"<rect x="{PAD}" y="{y}" width="132" height="24" rx="5" fill="{ACCENT}"/><text x="{}" y="{}" font-size="11" font-weight="600" fill="#ffffff" text-anchor="middle">Submit request</text>"##,
        PAD + 66,
        y + 16
    );
    let height = y + 24 + PAD;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"><rect x="0.5" y="0.5" width="{}" height="{}" rx="8" fill="#ffffff" stroke="{LINE}"/>{body}</svg>"##,
        WIDTH - 1,
        height - 1
    )
}

/// Draws one field's label and control from `y` (the label's top); returns
/// where the control ends.
fn draw_field(out: &mut String, field: &FormField, y: u32) -> u32 {
    let mark = if field.required {
        r##"<tspan fill="#c0392b"> *</tspan>"##.to_owned()
    } else {
        String::new()
    };
    let _ = write!(
        out,
        r#"<text x="{PAD}" y="{}" font-size="11" fill="{INK}">{}{mark}</text>"#,
        y + 10,
        escape(&fit(field.name(), LABEL_CHARS))
    );
    let top = y + 16;
    let inner = WIDTH - 2 * PAD;
    let boxed = |out: &mut String, height: u32, hint: &str| {
        let _ = write!(
            out,
            r##"<rect x="{PAD}" y="{top}" width="{inner}" height="{height}" rx="4" fill="#ffffff" stroke="{LINE}"/>"##
        );
        if !hint.is_empty() {
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="10" fill="{MUTED}">{}</text>"#,
                PAD + 8,
                top + 14,
                escape(hint)
            );
        }
        top + height
    };
    match field.field_type {
        FieldType::LongText => boxed(out, 40, ""),
        FieldType::Choice => {
            let first = field
                .choices
                .first()
                .map(|c| fit(&c.label, 36))
                .unwrap_or_else(|| "Choose…".into());
            let end = boxed(out, 22, &first);
            let _ = write!(
                out,
                r#"<path d="M{} {} l4 4 l4 -4" fill="none" stroke="{MUTED}" stroke-width="1.5"/>"#,
                PAD + inner - 18,
                top + 9
            );
            end
        }
        FieldType::MultiChoice | FieldType::YesNo => {
            let options: Vec<String> = if field.field_type == FieldType::YesNo {
                vec!["Yes".into(), "No".into()]
            } else {
                field
                    .choices
                    .iter()
                    .take(3)
                    .map(|c| fit(&c.label, 14))
                    .collect()
            };
            let round = field.field_type == FieldType::YesNo;
            let mut x = PAD;
            for option in options {
                if round {
                    let _ = write!(
                        out,
                        r##"<circle cx="{}" cy="{}" r="5" fill="#ffffff" stroke="{LINE}"/>"##,
                        x + 5,
                        top + 8
                    );
                } else {
                    let _ = write!(
                        out,
                        r##"<rect x="{x}" y="{}" width="10" height="10" rx="2" fill="#ffffff" stroke="{LINE}"/>"##,
                        top + 3
                    );
                }
                let _ = write!(
                    out,
                    r#"<text x="{}" y="{}" font-size="10" fill="{INK}">{}</text>"#,
                    x + 15,
                    top + 12,
                    escape(&option)
                );
                x += 22 + 6 * option.chars().count() as u32;
            }
            top + 16
        }
        FieldType::Attachment => {
            let _ = write!(
                out,
                r##"<rect x="{PAD}" y="{top}" width="104" height="22" rx="4" fill="#eef1f6" stroke="{LINE}"/><text x="{}" y="{}" font-size="10" fill="{INK}">Choose a file…</text>"##,
                PAD + 12,
                top + 14
            );
            top + 22
        }
        FieldType::Person => boxed(out, 22, "Name or e-mail"),
        FieldType::Date => boxed(out, 22, "Date"),
        FieldType::Datetime => boxed(out, 22, "Date and time"),
        FieldType::Email => boxed(out, 22, "name@example.org"),
        FieldType::Currency => boxed(out, 22, "Amount"),
        _ => boxed(out, 22, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Choice;

    fn field(key: &str, label: &str, t: FieldType) -> FormField {
        FormField::new(key, label, t)
    }

    #[test]
    fn a_form_is_drawn_with_its_labels_as_text_and_its_required_marks() {
        let mut kind = field("kind", "Certificate <b>type</b>", FieldType::Choice);
        kind.required = true;
        kind.choices = vec![Choice::new("work", "Work & salary")];
        let form = Form {
            fields: vec![kind, field("scan", "Signed form", FieldType::Attachment)],
        };
        let svg = svg("Employment certificate", &form);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("Certificate &lt;b&gt;type&lt;/b&gt;"), "{svg}");
        assert!(!svg.contains("<b>"), "a label is never markup");
        assert!(svg.contains("Work &amp; salary"));
        assert!(svg.contains(" *</tspan>"), "the required mark");
        assert!(svg.contains("Choose a file…"));
        assert!(svg.contains("Submit request"));
    }

    #[test]
    fn a_long_form_shows_its_first_fields_and_counts_the_rest() {
        let fields = (0..9)
            .map(|i| field(&format!("f{i}"), &format!("Question {i}"), FieldType::Text))
            .collect();
        let svg = svg("Onboarding", &Form { fields });
        assert!(svg.contains("Question 5"));
        assert!(!svg.contains("Question 6"));
        assert!(svg.contains("and 3 more fields"));
    }
}
