//! The roadmap: use cases placed on calendar quarters, one lane per
//! department, and its picture (SVG, and PNG rendered from the same SVG) for
//! slides and reports. The app's timeline and the exported picture show the
//! same [`Timeline`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backlog::{self, LinkedPilot, Quarter, Status, UseCase};
use crate::error::{Error, Result};
use crate::svg_text::{escape, fit};
use crate::workspace::Workspace;

/// How many quarters the roadmap shows at least, from the current one.
const MIN_QUARTERS: i32 = 4;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// The columns, oldest first, as `YYYY-Qn`.
    pub quarters: Vec<String>,
    /// The quarter today falls in.
    pub current: String,
    /// One lane per department with scheduled use cases, by name; use cases
    /// without a department in a last lane named "No department".
    pub lanes: Vec<Lane>,
    /// Use cases not placed on a quarter yet (retired ones left out).
    pub unscheduled: Vec<Card>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Lane {
    pub department: String,
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    #[ts(type = "number")]
    pub use_case_id: i64,
    pub process: String,
    pub status: Status,
    pub quarter: Option<String>,
    pub value_per_year: f64,
    pub currency: String,
    /// The pilots that run the use case: the chain from use case to pilot
    /// to its measured outcome.
    pub pilots: Vec<LinkedPilot>,
}

fn card(u: &UseCase) -> Card {
    Card {
        use_case_id: u.id,
        process: u.process.clone(),
        status: u.status,
        quarter: u.quarter.clone(),
        value_per_year: u.value.money_per_year,
        currency: u.assumptions.currency.clone(),
        pilots: u.pilots.clone(),
    }
}

/// The roadmap of a workspace as of `today`.
pub fn timeline(ws: &Workspace, today: chrono::NaiveDate) -> Result<Timeline> {
    Ok(layout(&backlog::list(ws)?, Quarter::of(today)))
}

/// The roadmap as of today on this machine's calendar.
pub fn timeline_now(ws: &Workspace) -> Result<Timeline> {
    timeline(ws, chrono::Local::now().date_naive())
}

/// Lays use cases out on quarters: from the earlier of the current quarter
/// and the first scheduled one, to the later of the last scheduled one and
/// [`MIN_QUARTERS`] from now.
pub fn layout(use_cases: &[UseCase], current: Quarter) -> Timeline {
    let placed: Vec<(&UseCase, Quarter)> = use_cases
        .iter()
        .filter(|u| u.status != Status::Retired)
        .filter_map(|u| Some((u, Quarter::parse(u.quarter.as_deref()?).ok()?)))
        .collect();
    let first = placed
        .iter()
        .map(|p| p.1)
        .min()
        .unwrap_or(current)
        .min(current);
    let last = placed
        .iter()
        .map(|p| p.1)
        .max()
        .unwrap_or(current)
        .max(current.plus(MIN_QUARTERS - 1));
    let mut quarters = Vec::new();
    let mut q = first;
    while q <= last {
        quarters.push(q.to_string());
        q = q.plus(1);
    }
    let mut names: Vec<Option<String>> =
        placed.iter().map(|p| p.0.department_name.clone()).collect();
    names.sort_by(|a, b| match (a, b) {
        (Some(a), Some(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
        (a, b) => b.is_some().cmp(&a.is_some()),
    });
    names.dedup();
    let lanes = names
        .into_iter()
        .map(|name| {
            let mut cards: Vec<(&UseCase, Quarter)> = placed
                .iter()
                .filter(|p| p.0.department_name == name)
                .copied()
                .collect();
            cards.sort_by_key(|p| p.1);
            Lane {
                department: name.unwrap_or_else(|| "No department".into()),
                cards: cards.into_iter().map(|p| card(p.0)).collect(),
            }
        })
        .collect();
    Timeline {
        quarters,
        current: current.to_string(),
        lanes,
        unscheduled: use_cases
            .iter()
            .filter(|u| u.status != Status::Retired && u.quarter.is_none())
            .map(card)
            .collect(),
    }
}

const COLUMN: usize = 190;
const LABEL: usize = 170;
const CARD_HEIGHT: usize = 40;
const HEADER: usize = 86;

fn status_colour(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Idea => ("#eef1f6", "#5b6577"),
        Status::Candidate => ("#e6f0ff", "#1f5fbf"),
        Status::Piloting => ("#fff3d6", "#9a6200"),
        Status::Live => ("#e3f6e8", "#1d7a3a"),
        Status::Retired => ("#f1f1f1", "#777777"),
    }
}

/// The roadmap as a self-contained SVG picture: quarters across, a lane
/// per department, a card per use case coloured by status, and a legend.
pub fn svg(timeline: &Timeline, title: &str) -> String {
    let columns = timeline.quarters.len().max(1);
    let width = LABEL + columns * COLUMN + 20;
    let lane_heights: Vec<usize> = timeline
        .lanes
        .iter()
        .map(|lane| {
            let most = timeline
                .quarters
                .iter()
                .map(|q| {
                    lane.cards
                        .iter()
                        .filter(|c| c.quarter.as_deref() == Some(q))
                        .count()
                })
                .max()
                .unwrap_or(0)
                .max(1);
            most * (CARD_HEIGHT + 6) + 14
        })
        .collect();
    let height = HEADER + lane_heights.iter().sum::<usize>().max(60) + 50;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"20\" y=\"34\" font-size=\"20\" font-weight=\"bold\" fill=\"#1b2330\">{}</text>\n",
        escape(&fit(title, 80))
    );
    for (i, q) in timeline.quarters.iter().enumerate() {
        let x = LABEL + i * COLUMN;
        let now = *q == timeline.current;
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"52\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n\
             <text x=\"{}\" y=\"74\" font-size=\"14\" font-weight=\"bold\" fill=\"#1b2330\" text-anchor=\"middle\">{}{}</text>\n",
            COLUMN - 4,
            height - 52 - 40,
            if now { "#f3f7ff" } else { "#fafbfc" },
            x + COLUMN / 2 - 2,
            escape(q),
            if now { " (now)" } else { "" },
        ));
    }
    let mut y = HEADER;
    for (lane, lane_height) in timeline.lanes.iter().zip(&lane_heights) {
        out.push_str(&format!(
            "<line x1=\"20\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#d8dde6\"/>\n\
             <text x=\"20\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"#1b2330\">{}</text>\n",
            width - 20,
            y + 26,
            escape(&fit(&lane.department, 22)),
        ));
        for (i, q) in timeline.quarters.iter().enumerate() {
            let x = LABEL + i * COLUMN + 6;
            for (row, c) in lane
                .cards
                .iter()
                .filter(|c| c.quarter.as_deref() == Some(q))
                .enumerate()
            {
                let top = y + 8 + row * (CARD_HEIGHT + 6);
                let (fill, ink) = status_colour(c.status);
                // The card's full name as its title (a tooltip, and for
                // screen readers), since the picture may shorten it.
                out.push_str(&format!(
                    "<g><title>{}</title>\n\
                     <rect x=\"{x}\" y=\"{top}\" width=\"{}\" height=\"{CARD_HEIGHT}\" rx=\"6\" fill=\"{fill}\" stroke=\"{ink}\"/>\n\
                     <text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#1b2330\">{}</text>\n\
                     <text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{ink}\">{}</text></g>\n",
                    escape(&c.process),
                    COLUMN - 16,
                    x + 8,
                    top + 16,
                    escape(&fit(&c.process, 26)),
                    x + 8,
                    top + 32,
                    escape(&format!(
                        "{} · {} {}/yr",
                        c.status.as_str(),
                        c.currency,
                        thousands(c.value_per_year)
                    )),
                ));
            }
        }
        y += lane_height;
    }
    let legend_y = height - 18;
    let mut x = 20;
    for status in [
        Status::Idea,
        Status::Candidate,
        Status::Piloting,
        Status::Live,
    ] {
        let (fill, ink) = status_colour(status);
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"14\" height=\"14\" rx=\"3\" fill=\"{fill}\" stroke=\"{ink}\"/>\n\
             <text x=\"{}\" y=\"{legend_y}\" font-size=\"12\" fill=\"#1b2330\">{}</text>\n",
            legend_y - 12,
            x + 20,
            status.as_str()
        ));
        x += 110;
    }
    out.push_str("</svg>\n");
    out
}

/// `12345.6` → `12,346`: whole money units with thousands separators.
pub fn thousands(value: f64) -> String {
    // Rounded half away from zero, as people round money; `{:.0}` alone
    // rounds half to even (1234.5 would show as 1,234).
    let whole = format!("{:.0}", value.abs().round());
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < -0.5 {
        format!("-{out}")
    } else {
        out
    }
}

/// Renders an SVG picture to PNG at twice its size, for sharp slides. The
/// system's fonts are used for text.
pub fn png(svg: &str) -> Result<Vec<u8>> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| {
        Error::invalid(
            "picture",
            format!("The roadmap picture could not be read ({e})."),
        )
    })?;
    let size =
        tree.size().to_int_size().scale_by(2.0).ok_or_else(|| {
            Error::invalid("picture", "The roadmap picture is too large to render.")
        })?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::invalid("picture", "The roadmap picture is too large to render."))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(2.0, 2.0),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| {
        Error::invalid(
            "picture",
            format!("The roadmap picture could not be encoded ({e})."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.4), "999");
        assert_eq!(thousands(1234.5), "1,235");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
    }

    #[test]
    fn text_is_escaped_and_fitted() {
        assert_eq!(escape("R&D <team>"), "R&amp;D &lt;team&gt;");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
