//! A dialogue's timeline, drawn on the server as SVG (no script): one bar per phase
//! over its planned dates, and each workshop a mark on its phase's row. On a
//! right-to-left page time runs from right to left, as the page reads, and each
//! label is anchored inside its bar in the page's direction: an SVG's text takes the
//! page's direction, so a label anchored the other way would run out of the drawing.
use chrono::NaiveDate;

use super::dates;
use super::page::Page;
use crate::store::entities::{phase, workshop};

/// The drawing's width in SVG units; it scales to the page.
const WIDTH: f64 = 600.0;
const ROW: f64 = 28.0;
const TOP: f64 = 18.0;

pub struct Bar {
    pub x: String,
    pub y: String,
    pub width: String,
    /// Where the label is anchored, and whether it starts or ends there (in the
    /// page's direction).
    pub label_x: String,
    pub label_anchor: &'static str,
    pub label_y: String,
    pub label: String,
}

pub struct Mark {
    pub x: String,
    pub y: String,
    pub title: String,
}

pub struct Timeline {
    pub bars: Vec<Bar>,
    pub marks: Vec<Mark>,
    pub height: String,
    /// A sentence for screen readers: the span it covers.
    pub label: String,
}

impl Timeline {
    pub fn is_empty(&self) -> bool {
        self.bars.is_empty()
    }

    pub fn draw(p: &Page, phases: &[phase::Model], workshops: &[workshop::Model]) -> Self {
        let days = phases
            .iter()
            .flat_map(|ph| [ph.planned_start, ph.planned_end])
            .flatten()
            .chain(workshops.iter().map(|w| w.starts_at.date_naive()))
            .chain(workshops.iter().map(|w| w.ends_at.date_naive()));
        let (Some(first), Some(last)) = (days.clone().min(), days.max()) else {
            return Self::blank();
        };
        let span = (last - first).num_days().max(1) as f64;
        // Positions are worked out along the reading direction, then placed.
        let along = |d: NaiveDate| (d - first).num_days() as f64 / span * (WIDTH - 10.0) + 5.0;
        let rtl = p.dir() == "rtl";
        let place = |along: f64| if rtl { WIDTH - along } else { along };
        let mut bars = Vec::new();
        let mut marks = Vec::new();
        for (row, ph) in phases.iter().enumerate() {
            let y = TOP + row as f64 * ROW;
            let start = along(ph.planned_start.unwrap_or(first));
            let end = along(ph.planned_end.unwrap_or(last)).max(start);
            // A bar that begins in the second half has its label end at the bar's
            // end instead, so that a long name stays inside the drawing.
            let (label_at, anchor) = if start > WIDTH / 2.0 {
                (end - 4.0, "end")
            } else {
                (start + 4.0, "start")
            };
            bars.push(Bar {
                x: format!("{:.1}", place(start).min(place(end))),
                y: format!("{y:.1}"),
                width: format!("{:.1}", (end - start).max(2.0)),
                label_x: format!("{:.1}", place(label_at)),
                label_anchor: anchor,
                label_y: format!("{:.1}", y + 13.0),
                label: ph.name.clone(),
            });
            for w in workshops.iter().filter(|w| w.phase_id == ph.id) {
                let day = w.starts_at.date_naive();
                marks.push(Mark {
                    x: format!("{:.1}", place(along(day)) - 3.0),
                    y: format!("{:.1}", y + 16.0),
                    title: format!("{} — {}", w.title, dates::day(p, day)),
                });
            }
        }
        let (first, last) = (dates::day(p, first), dates::day(p, last));
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("first", first);
        args.set("last", last);
        Self {
            height: format!("{:.0}", TOP + phases.len() as f64 * ROW + 8.0),
            label: p.tr.format("timeline-label", &args),
            bars,
            marks,
        }
    }

    fn blank() -> Self {
        Self {
            bars: Vec::new(),
            marks: Vec::new(),
            height: "0".into(),
            label: String::new(),
        }
    }
}
