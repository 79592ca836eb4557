//! Text for the PDFs the app writes (the dashboard, the success story):
//! the standard Helvetica fonts, so no font file is shipped, with text
//! encoded as Windows-1252, which covers the Latin scripts of names and
//! labels (a character outside it prints as `?`). Widths come from the
//! font's published metrics, so text can be wrapped instead of cut.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The resource names the PDFs give Helvetica and Helvetica-Bold.
pub const REGULAR: Name<'static> = Name(b"F1");
pub const BOLD: Name<'static> = Name(b"F2");

/// The paper a PDF is laid out for: A4 (most of the world) or US Letter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points (1/72 inch).
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.0, 842.0),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The name a CSS `@page` rule and people use.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
        }
    }
}

impl std::str::FromStr for Paper {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" => Ok(Paper::Letter),
            other => Err(format!(
                "\u{201c}{other}\u{201d} is not a paper size; use a4 or letter."
            )),
        }
    }
}

/// Helvetica's advance widths (thousandths of the font size) for the
/// printable ASCII characters, from the font's published metrics.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    278, 278, 584, 584, 584, 556, 1015, // :;<=>?@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
    278, 278, 278, 469, 556, 333, // [\]^_`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
    334, 260, 334, 584, // {|}~
];

/// The width of text in points. Bold is taken a tenth wider, which is at
/// least as wide as Helvetica-Bold's letters are, so text never runs over.
pub fn width(text: &str, font: Name<'static>, size: f32) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| match c as u32 {
            32..=126 => u32::from(HELVETICA[c as usize - 32]),
            0x2014 | 0x2026 => 1000,
            0x201c | 0x201d | 0x2018 | 0x2019 => 333,
            _ => 600,
        })
        .sum();
    let bold = if font == BOLD { 1.1 } else { 1.0 };
    units as f32 / 1000.0 * size * bold
}

/// Text broken into lines no wider than `max`: at spaces, and inside a
/// word only when the word alone is wider than the line.
pub fn wrap(text: &str, font: Name<'static>, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, font, size) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            let mut longer = line.clone();
            longer.push(c);
            if !line.is_empty() && width(&longer, font, size) > max {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = longer;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Text as Windows-1252 bytes for the standard fonts.
pub fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
        if unmappable || c.is_control() {
            out.push(b'?');
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    out
}

/// A PDF of `pages` (each a content stream drawn with [`REGULAR`] and
/// [`BOLD`]), every page `width` × `height` points.
pub fn document(pages: Vec<Content>, width: f32, height: f32) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let first_page = 5;
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(first_page + 2 * i as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    for (content, id) in pages.into_iter().zip(&page_ids) {
        let content_id = Ref::new(id.get() + 1);
        let mut page = pdf.page(*id);
        page.media_box(Rect::new(0.0, 0.0, width, height));
        page.parent(tree);
        page.contents(content_id);
        let mut resources = page.resources();
        resources.fonts().pair(REGULAR, regular).pair(BOLD, bold);
        resources.finish();
        page.finish();
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_no_line_is_wider_than_asked() {
        let text = "The department wanted every starter equipped on day one, with HR keying each hire in once. Supercalifragilisticexpialidociousword";
        let lines = wrap(text, REGULAR, 10.0, 120.0);
        assert!(lines.len() > 3);
        assert!(
            lines.iter().all(|l| width(l, REGULAR, 10.0) <= 120.0),
            "{lines:?}"
        );
        let joined: String = lines
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let original: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, original);
    }

    #[test]
    fn helvetica_widths_are_those_of_the_font() {
        assert_eq!(width("i", REGULAR, 1000.0), 222.0);
        assert_eq!(width("W", REGULAR, 1000.0), 944.0);
        assert_eq!(width("~", REGULAR, 1000.0), 584.0);
    }
}
