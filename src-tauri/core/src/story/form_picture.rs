//! A picture of a catalog item's request form, for the story's "solution":
//! the department head sees the form their people now fill in, drawn from
//! its definition (labels, required marks, one control per field type), so
//! it is always the published form and never a stale screenshot.
//!
//! The form is laid out once as a list of marks ([`Picture`]); the HTML
//! story and the app show it as SVG ([`Picture::svg`], every label
//! escaped: a form's words are text, never markup) and the PDF story
//! draws the same marks with its own pen (`pdf`), so both show the same
//! form.

use std::fmt::Write;

use crate::catalog::{FieldType, Form, FormField};
use crate::svg_text::{escape, fit};

const WIDTH: f32 = 320.0;
const PAD: f32 = 16.0;
/// The most fields drawn; the rest are counted.
const FIELDS_SHOWN: usize = 6;
const LABEL_CHARS: usize = 42;

/// A colour as red, green and blue bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Each channel from 0 to 1, for PDF.
    pub fn unit(self) -> (f32, f32, f32) {
        (
            f32::from(self.0) / 255.0,
            f32::from(self.1) / 255.0,
            f32::from(self.2) / 255.0,
        )
    }
}

pub const INK: Rgb = Rgb(0x1d, 0x23, 0x30);
pub const MUTED: Rgb = Rgb(0x7a, 0x84, 0x94);
pub const LINE: Rgb = Rgb(0xc9, 0xd1, 0xdd);
pub const ACCENT: Rgb = Rgb(0x24, 0x50, 0xa6);
pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
pub const SHADE: Rgb = Rgb(0xee, 0xf1, 0xf6);
/// The required mark's red.
pub const REQUIRED: Rgb = Rgb(0xc0, 0x39, 0x2b);

/// A box with rounded corners, filled and maybe outlined; its top-left
/// corner at `(x, y)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub radius: f32,
    pub fill: Rgb,
    pub stroke: Option<Rgb>,
}

/// A line of text whose baseline is at `y`; it starts at `x`, or is
/// centred on it. A required label ends in a red star.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub bold: bool,
    pub fill: Rgb,
    pub text: String,
    pub centred: bool,
    pub required: bool,
}

/// One thing drawn, in the picture's units with y going down (as in SVG).
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Box(Panel),
    /// A white circle outlined in `stroke` (a yes/no option).
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        stroke: Rgb,
    },
    /// A select's down arrow: a chevron 8 wide and 4 high from `(x, y)`.
    Chevron {
        x: f32,
        y: f32,
        stroke: Rgb,
    },
    Text(Label),
}

/// A drawn form: its size and its marks in drawing order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Picture {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

fn label(x: f32, y: f32, size: f32, fill: Rgb, words: impl Into<String>) -> Label {
    Label {
        x,
        y,
        size,
        bold: false,
        fill,
        text: words.into(),
        centred: false,
        required: false,
    }
}

fn text(x: f32, y: f32, size: f32, fill: Rgb, words: impl Into<String>) -> Mark {
    Mark::Text(label(x, y, size, fill, words))
}

fn panel(x: f32, y: f32, width: f32, height: f32, fill: Rgb) -> Panel {
    Panel {
        x,
        y,
        width,
        height,
        radius: 4.0,
        fill,
        stroke: Some(LINE),
    }
}

fn outlined(x: f32, y: f32, width: f32, height: f32, fill: Rgb) -> Mark {
    Mark::Box(panel(x, y, width, height, fill))
}

/// The form of the item called `name`, laid out.
pub fn picture(name: &str, form: &Form) -> Picture {
    let mut marks = Vec::new();
    let mut y = PAD + 14.0;
    marks.push(Mark::Text(Label {
        bold: true,
        ..label(PAD, y, 13.0, INK, fit(name, 36))
    }));
    y += 14.0;
    for field in form.fields.iter().take(FIELDS_SHOWN) {
        y += 12.0;
        y = lay_field(&mut marks, field, y);
    }
    let hidden = form.fields.len().saturating_sub(FIELDS_SHOWN);
    if hidden > 0 {
        y += 16.0;
        let more = if hidden == 1 {
            "and 1 more field".to_owned()
        } else {
            format!("and {hidden} more fields")
        };
        marks.push(text(PAD, y, 11.0, MUTED, more));
    }
    if form.fields.is_empty() {
        y += 18.0;
        marks.push(text(
            PAD,
            y,
            11.0,
            MUTED,
            "No questions: a request is one click.",
        ));
    }
    y += 14.0;
    marks.push(Mark::Box(Panel {
        radius: 5.0,
        stroke: None,
        ..panel(PAD, y, 132.0, 24.0, ACCENT)
    }));
    marks.push(Mark::Text(Label {
        bold: true,
        centred: true,
        ..label(PAD + 66.0, y + 16.0, 11.0, WHITE, "Submit request")
    }));
    let height = y + 24.0 + PAD;
    let frame = Mark::Box(Panel {
        radius: 8.0,
        ..panel(0.5, 0.5, WIDTH - 1.0, height - 1.0, WHITE)
    });
    marks.insert(0, frame);
    Picture {
        width: WIDTH,
        height,
        marks,
    }
}

/// Lays out one field's label and control from `y` (the label's top);
/// returns where the control ends.
fn lay_field(marks: &mut Vec<Mark>, field: &FormField, y: f32) -> f32 {
    marks.push(Mark::Text(Label {
        required: field.required,
        ..label(PAD, y + 10.0, 11.0, INK, fit(field.name(), LABEL_CHARS))
    }));
    let top = y + 16.0;
    let inner = WIDTH - 2.0 * PAD;
    let boxed = |marks: &mut Vec<Mark>, height: f32, hint: &str| {
        marks.push(outlined(PAD, top, inner, height, WHITE));
        if !hint.is_empty() {
            marks.push(text(PAD + 8.0, top + 14.0, 10.0, MUTED, hint));
        }
        top + height
    };
    match field.field_type {
        FieldType::LongText => boxed(marks, 40.0, ""),
        FieldType::Choice => {
            let first = field
                .choices
                .first()
                .map(|c| fit(&c.label, 36))
                .unwrap_or_else(|| "Choose…".into());
            let end = boxed(marks, 22.0, &first);
            marks.push(Mark::Chevron {
                x: PAD + inner - 18.0,
                y: top + 9.0,
                stroke: MUTED,
            });
            end
        }
        FieldType::MultiChoice | FieldType::YesNo => {
            let round = field.field_type == FieldType::YesNo;
            let options: Vec<String> = if round {
                vec!["Yes".into(), "No".into()]
            } else {
                field
                    .choices
                    .iter()
                    .take(3)
                    .map(|c| fit(&c.label, 14))
                    .collect()
            };
            let mut x = PAD;
            for option in options {
                if round {
                    marks.push(Mark::Circle {
                        cx: x + 5.0,
                        cy: top + 8.0,
                        r: 5.0,
                        stroke: LINE,
                    });
                } else {
                    marks.push(Mark::Box(Panel {
                        radius: 2.0,
                        ..panel(x, top + 3.0, 10.0, 10.0, WHITE)
                    }));
                }
                let step = 22.0 + 6.0 * option.chars().count() as f32;
                marks.push(text(x + 15.0, top + 12.0, 10.0, INK, option));
                x += step;
            }
            top + 16.0
        }
        FieldType::Attachment => {
            marks.push(outlined(PAD, top, 104.0, 22.0, SHADE));
            marks.push(text(PAD + 12.0, top + 14.0, 10.0, INK, "Choose a file…"));
            top + 22.0
        }
        FieldType::Person => boxed(marks, 22.0, "Name or e-mail"),
        FieldType::Date => boxed(marks, 22.0, "Date"),
        FieldType::Datetime => boxed(marks, 22.0, "Date and time"),
        FieldType::Email => boxed(marks, 22.0, "name@example.org"),
        FieldType::Currency => boxed(marks, 22.0, "Amount"),
        _ => boxed(marks, 22.0, ""),
    }
}

impl Picture {
    /// The picture as an SVG document, every label escaped.
    pub fn svg(&self) -> String {
        let mut body = String::new();
        for mark in &self.marks {
            svg_mark(&mut body, mark);
        }
        let (w, h) = (self.width, self.height);
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif">{body}</svg>"#
        )
    }
}

fn svg_mark(out: &mut String, mark: &Mark) {
    match mark {
        Mark::Box(b) => {
            let stroke = b
                .stroke
                .map(|s| format!(r#" stroke="{}""#, s.hex()))
                .unwrap_or_default();
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}"{stroke}/>"#,
                b.x,
                b.y,
                b.width,
                b.height,
                b.radius,
                b.fill.hex()
            );
        }
        Mark::Circle { cx, cy, r, stroke } => {
            let _ = write!(
                out,
                r##"<circle cx="{cx}" cy="{cy}" r="{r}" fill="#ffffff" stroke="{}"/>"##,
                stroke.hex()
            );
        }
        Mark::Chevron { x, y, stroke } => {
            let _ = write!(
                out,
                r#"<path d="M{x} {y} l4 4 l4 -4" fill="none" stroke="{}" stroke-width="1.5"/>"#,
                stroke.hex()
            );
        }
        Mark::Text(l) => {
            let weight = if l.bold { r#" font-weight="700""# } else { "" };
            let anchor = if l.centred {
                r#" text-anchor="middle""#
            } else {
                ""
            };
            let star = if l.required {
                format!(r#"<tspan fill="{}"> *</tspan>"#, REQUIRED.hex())
            } else {
                String::new()
            };
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-size="{}"{weight} fill="{}"{anchor}>{}{star}</text>"#,
                l.x,
                l.y,
                l.size,
                l.fill.hex(),
                escape(&l.text)
            );
        }
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
        let svg = picture("Employment certificate", &form).svg();
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
        let svg = picture("Onboarding", &Form { fields }).svg();
        assert!(svg.contains("Question 5"));
        assert!(!svg.contains("Question 6"));
        assert!(svg.contains("and 3 more fields"));
    }
}
