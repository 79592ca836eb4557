//! The story as a PDF of exactly one page (A4 or Letter), drawn with `pdf-writer` in
//! the standard Helvetica fonts as the dashboard's PDF is (text encoded as
//! Windows-1252). Text wraps at word boundaries using Helvetica's own
//! character widths and is never cut: when the story is too long for the
//! page at the normal size, the whole page is laid out again smaller.

use std::path::Path;

use pdf_writer::{Content, Name, Str};

use super::form_picture::{Mark, Picture, REQUIRED};
use super::{sentences, QuoteCandidate, Story};
use crate::error::{Error, Result};
use crate::metrics::WeekVolume;
use crate::typeset::{document, encode, width, wrap, Paper, BOLD, REGULAR};

pub(super) const MARGIN: f32 = 42.0;
/// The smallest scale the page is laid out at; below it text would be
/// unreadable, so a story that still overflows runs past the bottom
/// margin rather than losing text.
const MIN_SCALE: f32 = 0.6;

pub(super) const INK: (f32, f32, f32) = (0.11, 0.14, 0.19);
pub(super) const MUTED: (f32, f32, f32) = (0.35, 0.39, 0.46);
pub(super) const ACCENT: (f32, f32, f32) = (0.14, 0.31, 0.65);
const BETTER: (f32, f32, f32) = (0.11, 0.48, 0.31);
const WORSE: (f32, f32, f32) = (0.70, 0.15, 0.12);

/// The page being drawn at one scale, a cursor going down. The flyer of
/// the marketing kit (`kit`) draws with it too.
pub(super) struct Page {
    pub(super) content: Content,
    pub(super) y: f32,
    pub(super) scale: f32,
    /// The paper's width in points.
    pub(super) width: f32,
}

impl Page {
    /// A blank page of `paper` at `scale`, the cursor at the top margin.
    pub(super) fn new(paper: Paper, scale: f32) -> Page {
        let (width, height) = paper.size();
        Page {
            content: Content::new(),
            y: height - MARGIN,
            scale,
            width,
        }
    }

    pub(super) fn text_at(
        &mut self,
        x: f32,
        y: f32,
        font: Name<'static>,
        size: f32,
        rgb: (f32, f32, f32),
        text: &str,
    ) {
        self.content
            .set_fill_rgb(rgb.0, rgb.1, rgb.2)
            .begin_text()
            .set_font(font, size)
            .next_line(x, y)
            .show(Str(&encode(text)))
            .end_text();
    }

    /// A wrapped paragraph at `x`, `max` points wide; the size is scaled.
    pub(super) fn paragraph(
        &mut self,
        x: f32,
        max: f32,
        font: Name<'static>,
        size: f32,
        rgb: (f32, f32, f32),
        text: &str,
    ) {
        let size = size * self.scale;
        for line in wrap(text, font, size, max) {
            self.y -= size * 1.3;
            self.text_at(x, self.y + size * 0.3, font, size, rgb, &line);
        }
    }

    pub(super) fn full(
        &mut self,
        font: Name<'static>,
        size: f32,
        rgb: (f32, f32, f32),
        text: &str,
    ) {
        self.paragraph(MARGIN, self.width - 2.0 * MARGIN, font, size, rgb, text);
    }

    pub(super) fn gap(&mut self, points: f32) {
        self.y -= points * self.scale;
    }

    pub(super) fn heading(&mut self, text: &str) {
        self.gap(8.0);
        self.full(BOLD, 10.0, ACCENT, &text.to_uppercase());
        self.gap(1.0);
    }

    /// A bulleted list at `size`, each item wrapped beside its bullet.
    pub(super) fn bullets(&mut self, items: &[String], size: f32) {
        self.bullets_within(items, size, self.width - 2.0 * MARGIN);
    }

    /// A bulleted list at `size` in a column `column` points wide from the
    /// left margin.
    fn bullets_within(&mut self, items: &[String], size: f32, column: f32) {
        let indent = size * 1.3;
        for item in items {
            let scaled = size * self.scale;
            self.text_at(
                MARGIN + 2.0,
                self.y - scaled,
                REGULAR,
                scaled,
                INK,
                "\u{2022}",
            );
            let inner = column - indent;
            self.paragraph(MARGIN + indent, inner, REGULAR, size, INK, item);
        }
    }

    /// The quote and who said it, indented `indent` points beside a bar
    /// in the accent colour a third of the indent wide.
    pub(super) fn quote(&mut self, q: &QuoteCandidate, size: f32, small: f32, indent: f32) {
        let top = self.y;
        let inner = self.width - 2.0 * MARGIN - indent;
        let said = format!("\u{201c}{}\u{201d}", q.comment);
        self.paragraph(MARGIN + indent, inner, REGULAR, size, INK, &said);
        let who = format!("\u{2014} {}", sentences::attribution(q));
        self.paragraph(MARGIN + indent, inner, REGULAR, small, MUTED, &who);
        let bottom = self.y - 2.0;
        self.content
            .set_fill_rgb(ACCENT.0, ACCENT.1, ACCENT.2)
            .rect(MARGIN, bottom, indent / 3.0 - 1.0, top - bottom)
            .fill_nonzero();
    }

    /// The four before/after tiles in a row of boxes.
    pub(super) fn tiles(&mut self, story: &Story) {
        let gap = 8.0;
        let count = story.results.len().max(1) as f32;
        let w = (self.width - 2.0 * MARGIN - gap * (count - 1.0)) / count;
        let s = self.scale;
        let inner = w - 12.0;
        let heights: Vec<f32> = story
            .results
            .iter()
            .map(|t| {
                let small =
                    |text: &str| wrap(text, REGULAR, 7.5 * s, inner).len() as f32 * 7.5 * s * 1.3;
                8.0 * s * 1.3 * wrap(&t.label, BOLD, 8.0 * s, inner).len() as f32
                    + 18.0 * s * 1.2
                    + small(&t.after.sample)
                    + small(&format!("Before: {} ({})", t.before.shown, t.before.sample))
                    + 12.0
            })
            .collect();
        let h = heights.iter().copied().fold(0.0, f32::max);
        let top = self.y - 4.0;
        for (i, t) in story.results.iter().enumerate() {
            let x = MARGIN + i as f32 * (w + gap);
            self.content
                .set_stroke_rgb(0.8, 0.83, 0.88)
                .set_line_width(0.8)
                .rect(x, top - h, w, h)
                .stroke();
            self.y = top - 4.0;
            self.paragraph(x + 6.0, inner, BOLD, 8.0, MUTED, &t.label);
            let colour = match t.improved {
                Some(true) => BETTER,
                Some(false) => WORSE,
                None => INK,
            };
            self.paragraph(x + 6.0, inner, BOLD, 16.0, colour, &t.after.shown);
            self.paragraph(x + 6.0, inner, REGULAR, 7.5, MUTED, &t.after.sample);
            self.paragraph(
                x + 6.0,
                inner,
                REGULAR,
                7.5,
                MUTED,
                &format!("Before: {} ({})", t.before.shown, t.before.sample),
            );
        }
        self.y = top - h - 2.0;
    }

    /// The pilot's weekly requests as bars: opened blue, resolved green.
    fn chart(&mut self, story: &Story) {
        let height = 60.0 * self.scale;
        let weeks = &story.chart;
        let max = WeekVolume::peak(weeks) as f32;
        let base = self.y - height - 4.0;
        let slot = (self.width - 2.0 * MARGIN) / weeks.len().max(1) as f32;
        let bar = ((slot - 3.0) / 2.0).max(0.5);
        for (i, w) in weeks.iter().enumerate() {
            let x = MARGIN + i as f32 * slot + 1.5;
            for (j, (n, rgb)) in [
                (w.opened, (0.23, 0.44, 0.85)),
                (w.resolved, (0.16, 0.62, 0.44)),
            ]
            .into_iter()
            .enumerate()
            {
                self.content
                    .set_fill_rgb(rgb.0, rgb.1, rgb.2)
                    .rect(x + j as f32 * bar, base, bar, n as f32 / max * height)
                    .fill_nonzero();
            }
        }
        self.content
            .set_stroke_rgb(0.55, 0.58, 0.65)
            .set_line_width(0.5)
            .move_to(MARGIN, base)
            .line_to(self.width - MARGIN, base)
            .stroke();
        self.y = base;
        let size = 7.0 * self.scale;
        if let (Some(first), Some(last)) = (weeks.first(), weeks.last()) {
            self.text_at(MARGIN, base - size - 2.0, REGULAR, size, MUTED, &first.week);
            let w = width(&last.week, REGULAR, size);
            self.text_at(
                self.width - MARGIN - w,
                base - size - 2.0,
                REGULAR,
                size,
                MUTED,
                &last.week,
            );
        }
        self.y -= size + 4.0;
    }
}

/// The page laid out at `scale`; returns it with where the cursor ended.
fn layout(story: &Story, paper: Paper, scale: f32) -> (Content, f32) {
    let mut p = Page::new(paper, scale);
    let mut kicker = sentences::kicker(story);
    if story.demo {
        kicker.push_str(" \u{b7} DEMO DATA");
    }
    p.full(REGULAR, 8.0, MUTED, &kicker);
    p.gap(4.0);
    p.full(BOLD, 20.0, INK, &story.headline.text);
    p.heading("The challenge");
    p.full(REGULAR, 9.5, INK, &story.challenge.text);
    p.heading("The solution");
    solution(&mut p, story);
    p.heading("The results");
    p.tiles(story);
    p.full(REGULAR, 8.0, MUTED, &story.verdict);
    for w in &story.warnings {
        p.full(REGULAR, 8.0, MUTED, w);
    }
    p.gap(4.0);
    p.full(
        REGULAR,
        8.0,
        MUTED,
        "The pilot's requests per week (blue opened, green resolved)",
    );
    p.chart(story);
    p.heading("The value");
    match (&story.value, &story.value_missing) {
        (Some(v), _) => {
            p.full(BOLD, 12.0, INK, &sentences::value_headline(v));
            p.full(REGULAR, 8.0, MUTED, &sentences::value_basis(v));
        }
        (None, Some(reason)) => p.full(REGULAR, 8.5, MUTED, reason),
        (None, None) => {}
    }
    if let Some(q) = &story.quote {
        p.gap(8.0);
        p.quote(q, 11.0, 8.0, 12.0);
    }
    p.heading("Next steps");
    p.full(REGULAR, 9.5, INK, &story.next_steps_text.text);
    let steps: Vec<String> = story.next_steps.iter().map(sentences::next_step).collect();
    p.bullets(&steps, 9.0);
    p.gap(10.0);
    p.content
        .set_stroke_rgb(0.8, 0.83, 0.88)
        .set_line_width(0.5)
        .move_to(MARGIN, p.y)
        .line_to(p.width - MARGIN, p.y)
        .stroke();
    p.gap(2.0);
    p.full(REGULAR, 7.0, MUTED, &sentences::sources(story));
    (p.content, p.y)
}

/// The most request forms drawn beside the solution; a page has room for
/// two beside readable text.
const FORMS_SHOWN: usize = 2;
/// A form picture's width on the page at the normal scale, in points.
const FORM_WIDTH: f32 = 150.0;
const FORM_GAP: f32 = 10.0;

/// The solution's text and its services in a column, with the first
/// services' request forms drawn beside it on the right.
fn solution(p: &mut Page, story: &Story) {
    let forms: Vec<&Picture> = story
        .services
        .iter()
        .map(|s| &s.form_picture)
        .filter(|f| !f.marks.is_empty())
        .take(FORMS_SHOWN)
        .collect();
    let each = FORM_WIDTH * p.scale;
    let beside = forms.len() as f32 * (each + FORM_GAP);
    let column = p.width - 2.0 * MARGIN - beside;
    let top = p.y;
    p.paragraph(MARGIN, column, REGULAR, 9.5, INK, &story.solution.text);
    p.gap(2.0);
    let services: Vec<String> = story.services.iter().map(sentences::service).collect();
    p.bullets_within(&services, 9.0, column);
    let mut lowest = p.y;
    let mut left = p.width - MARGIN - beside + FORM_GAP;
    let picture_top = top - 4.0 * p.scale;
    for form in forms {
        let k = each / form.width;
        p.picture(form, left, picture_top, k);
        lowest = lowest.min(picture_top - form.height * k);
        left += each + FORM_GAP;
    }
    p.y = lowest;
}

impl Page {
    /// Draws `picture` with its top-left corner at `(left, top)` on the
    /// page, `k` points to the picture's unit. The picture's y goes down,
    /// the page's goes up.
    fn picture(&mut self, picture: &Picture, left: f32, top: f32, k: f32) {
        let at = |x: f32, y: f32| (left + x * k, top - y * k);
        for mark in &picture.marks {
            let c = &mut self.content;
            match mark {
                Mark::Box(b) => {
                    let (px, py) = at(b.x, b.y + b.height);
                    let (r, g, bl) = b.fill.unit();
                    c.set_fill_rgb(r, g, bl);
                    rounded(c, px, py, b.width * k, b.height * k, b.radius * k);
                    match b.stroke {
                        Some(line) => {
                            let (r, g, bl) = line.unit();
                            c.set_stroke_rgb(r, g, bl)
                                .set_line_width(k)
                                .fill_nonzero_and_stroke();
                        }
                        None => {
                            c.fill_nonzero();
                        }
                    }
                }
                Mark::Circle { cx, cy, r, stroke } => {
                    let (px, py) = at(cx - r, cy + r);
                    let (sr, sg, sb) = stroke.unit();
                    c.set_fill_rgb(1.0, 1.0, 1.0).set_stroke_rgb(sr, sg, sb);
                    rounded(c, px, py, 2.0 * r * k, 2.0 * r * k, r * k);
                    c.set_line_width(k).fill_nonzero_and_stroke();
                }
                Mark::Chevron { x, y, stroke } => {
                    let (r, g, b) = stroke.unit();
                    let (x0, y0) = at(*x, *y);
                    let (x1, y1) = at(x + 4.0, y + 4.0);
                    let (x2, y2) = at(x + 8.0, *y);
                    c.set_stroke_rgb(r, g, b)
                        .set_line_width(1.5 * k)
                        .move_to(x0, y0)
                        .line_to(x1, y1)
                        .line_to(x2, y2)
                        .stroke();
                }
                Mark::Text(l) => {
                    let font = if l.bold { BOLD } else { REGULAR };
                    let size = l.size * k;
                    let wide = width(&l.text, font, size);
                    let (mut px, py) = at(l.x, l.y);
                    if l.centred {
                        px -= wide / 2.0;
                    }
                    self.text_at(px, py, font, size, l.fill.unit(), &l.text);
                    if l.required {
                        self.text_at(px + wide, py, font, size, REQUIRED.unit(), " *");
                    }
                }
            }
        }
    }
}

/// A rectangle with corners rounded by `r` as a path (bottom-left at
/// `(x, y)`), left for the caller to fill or stroke; a square whose
/// radius is half its side is a circle.
fn rounded(c: &mut Content, x: f32, y: f32, w: f32, h: f32, r: f32) {
    let r = r.min(w / 2.0).min(h / 2.0);
    // The control-point distance that makes a cubic Bézier a quarter circle.
    let q = 0.552_284_8 * r;
    c.move_to(x + r, y)
        .line_to(x + w - r, y)
        .cubic_to(x + w - r + q, y, x + w, y + r - q, x + w, y + r)
        .line_to(x + w, y + h - r)
        .cubic_to(x + w, y + h - r + q, x + w - r + q, y + h, x + w - r, y + h)
        .line_to(x + r, y + h)
        .cubic_to(x + r - q, y + h, x, y + h - r + q, x, y + h - r)
        .line_to(x, y + r)
        .cubic_to(x, y + r - q, x + r - q, y, x + r, y)
        .close_path();
}

/// The scale the story fits one page at: the normal size when it fits,
/// else the largest smaller one that does (never below [`MIN_SCALE`]).
pub fn fitting_scale(story: &Story, paper: Paper) -> f32 {
    fit(|scale| layout(story, paper, scale).1)
}

/// The largest scale, in steps of a twentieth from the normal size down
/// to [`MIN_SCALE`], at which a page laid out by `bottom` (which returns
/// where its cursor ends) stays above the bottom margin.
pub(super) fn fit(bottom: impl Fn(f32) -> f32) -> f32 {
    let mut scale = 1.0;
    while scale > MIN_SCALE && bottom(scale) < MARGIN {
        scale -= 0.05;
    }
    scale.max(MIN_SCALE)
}

/// The story as the bytes of a one-page PDF on `paper`.
pub fn pdf(story: &Story, paper: Paper) -> Vec<u8> {
    let (content, _) = layout(story, paper, fitting_scale(story, paper));
    let (width, height) = paper.size();
    document(vec![content], width, height)
}

pub fn write_pdf(story: &Story, paper: Paper, path: &Path) -> Result<()> {
    std::fs::write(path, pdf(story, paper)).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })
}
