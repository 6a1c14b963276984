//! A dialogue's actions, understandings and workshops as CSV files a spreadsheet
//! opens: RFC 4180 (the `csv` crate's quoting, CRLF line ends), UTF-8 behind a
//! byte-order mark, without which Excel reads the bytes in the system's code page and
//! Persian or French text comes out garbled.
//!
//! One row per item, then one column (or two) per government of the dialogue, in the
//! order of their codes. The headers and the stored codes in the cells are told by a
//! [`Labels`]: the API's machine names, or the pages' words in the reader's language.
use chrono::{DateTime, SecondsFormat, Utc};

use crate::error::{AppError, AppResult};
use crate::store::actions::Progress;
use crate::store::exports::{ActionsExport, UnderstandingsExport, WorkshopsExport};
use crate::store::workshops::attendance_of;

/// UTF-8's byte-order mark: every file starts with it.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What an involved government that has not agreed yet shows in its column.
pub const NOT_YET: &str = "—";

/// The columns every row has, by machine name (the API's headers), per export.
pub const ACTION_COLUMNS: [&str; 8] = [
    "id", "title", "scope", "phase", "state", "owner", "due_date", "overdue",
];
/// After the governments' columns: the newest progress note and when it was written.
pub const ACTION_TAIL: [&str; 2] = ["last_progress", "last_progress_at"];
pub const UNDERSTANDING_COLUMNS: [&str; 5] = ["id", "title", "phase", "state", "revision"];
pub const WORKSHOP_COLUMNS: [&str; 9] = [
    "id",
    "title",
    "kind",
    "phase",
    "state",
    "venue",
    "time_zone",
    "starts_at",
    "ends_at",
];
/// What a government's columns hold, over the three exports.
pub const GOVERNMENT_COLUMNS: [&str; 4] = ["agreement", "position", "attendance", "outcome"];
/// The words of this module's own (beyond the states, scopes, kinds, attendance and
/// positions the pages already name), as `(family, code)`.
pub const OWN_WORDS: [(&str, &str); 7] = [
    ("csv-agreement", "agreed"),
    ("csv-flag", "true"),
    ("csv-flag", "false"),
    ("csv-position", "none"),
    ("csv-outcome", "submitted"),
    ("csv-outcome", "draft"),
    ("csv-outcome", "none"),
];

/// How headers and stored codes are written.
pub trait Labels {
    /// The header of a column every row has, by its machine name.
    fn column(&self, name: &str) -> String;
    /// The header of a government's column: its code, and what the column holds
    /// (one of [`GOVERNMENT_COLUMNS`]).
    fn government_column(&self, code: &str, holds: &str) -> String;
    /// A stored code (a state, scope, kind, attendance, position, or one of
    /// [`OWN_WORDS`]); `family` is the prefix of the pages' key for it
    /// (`state-action`, `scope`, `attendance`, …).
    fn word(&self, family: &str, code: &str) -> String;
}

/// Stable machine names, for programs: `title`, `AF_agreement`, `in_progress`.
pub struct MachineLabels;

impl Labels for MachineLabels {
    fn column(&self, name: &str) -> String {
        name.to_owned()
    }
    fn government_column(&self, code: &str, holds: &str) -> String {
        format!("{code}_{holds}")
    }
    fn word(&self, _: &str, code: &str) -> String {
        code.to_owned()
    }
}

/// The file being written: the byte-order mark, then records.
struct Sheet {
    writer: csv::Writer<Vec<u8>>,
}

impl Sheet {
    fn new(header: Vec<String>) -> AppResult<Self> {
        let mut out = Vec::with_capacity(16 * 1024);
        out.extend_from_slice(BOM);
        let writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let mut sheet = Self { writer };
        sheet.row(header)?;
        Ok(sheet)
    }

    fn row(&mut self, cells: Vec<String>) -> AppResult<()> {
        self.writer
            .write_record(&cells)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("writing a CSV record: {e}")))
    }

    fn finish(self) -> AppResult<Vec<u8>> {
        self.writer
            .into_inner()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("finishing a CSV file: {e}")))
    }
}

/// Free text typed by people, made safe to open: a spreadsheet runs a cell that
/// starts with `=`, `+`, `-`, `@` (or a tab or carriage return before one) as a
/// formula, so such a cell gets a leading apostrophe, which spreadsheets show as text
/// (OWASP's advice against CSV injection).
pub fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// An instant in UTC, ISO 8601 to the second (`2026-12-03T09:30:00Z`).
fn utc(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An instant at the venue, ISO 8601 with the venue's offset
/// (`2026-12-03T14:30:00+05:00`); in UTC when the stored zone is not one.
pub fn at_venue(at: DateTime<Utc>, zone: &str) -> String {
    match zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => at
            .with_timezone(&tz)
            .to_rfc3339_opts(SecondsFormat::Secs, false),
        Err(_) => utc(at),
    }
}

fn header(
    labels: &dyn Labels,
    columns: &[&str],
    codes: &[&str],
    holds: &[&str],
    tail: &[&str],
) -> Vec<String> {
    let mut header: Vec<String> = columns.iter().map(|c| labels.column(c)).collect();
    for code in codes {
        header.extend(holds.iter().map(|h| labels.government_column(code, h)));
    }
    header.extend(tail.iter().map(|c| labels.column(c)));
    header
}

/// One row per action: its facts, each government's agreement (agreed, [`NOT_YET`],
/// or empty when the action does not involve it), and the newest progress note.
pub fn actions(export: &ActionsExport, labels: &dyn Labels) -> AppResult<Vec<u8>> {
    let frame = &export.frame;
    let codes: Vec<&str> = frame.governments.iter().map(|g| g.code.as_str()).collect();
    let mut sheet = Sheet::new(header(
        labels,
        &ACTION_COLUMNS,
        &codes,
        &["agreement"],
        &ACTION_TAIL,
    ))?;
    for view in &export.actions {
        let row = &view.row;
        let owner = row
            .owner_id
            .and_then(|id| export.owners.get(&id))
            .map_or("", String::as_str);
        let mut cells = vec![
            row.id.to_string(),
            text(&row.title),
            labels.word("scope", &row.scope),
            text(frame.phase_name(row.phase_id)),
            labels.word("state-action", &row.state),
            text(owner),
            row.due_date.to_string(),
            labels.word("csv-flag", if view.overdue { "true" } else { "false" }),
        ];
        for government in &frame.governments {
            let agreement = view
                .agreements
                .iter()
                .find(|a| a.government_id == government.id);
            cells.push(match agreement {
                Some(a) if a.agreed => labels.word("csv-agreement", "agreed"),
                Some(_) => NOT_YET.to_owned(),
                None => String::new(),
            });
        }
        let last = match &view.progress {
            Progress::Summary { last, .. } => last.as_ref(),
            Progress::All(notes) => notes.last(),
        };
        cells.push(last.map(|n| text(&n.note)).unwrap_or_default());
        cells.push(last.map(|n| utc(n.created_at)).unwrap_or_default());
        sheet.row(cells)?;
    }
    sheet.finish()
}

/// One row per understanding: its facts, and each government's position on the
/// current revision (`none` when it has none recorded on that revision).
pub fn understandings(export: &UnderstandingsExport, labels: &dyn Labels) -> AppResult<Vec<u8>> {
    let frame = &export.frame;
    let codes: Vec<&str> = frame.governments.iter().map(|g| g.code.as_str()).collect();
    let mut sheet = Sheet::new(header(
        labels,
        &UNDERSTANDING_COLUMNS,
        &codes,
        &["position"],
        &[],
    ))?;
    for view in &export.understandings {
        let row = &view.row;
        let mut cells = vec![
            row.id.to_string(),
            text(&row.title),
            text(frame.phase_name(row.phase_id)),
            labels.word("state-understanding", &row.state),
            row.revision.to_string(),
        ];
        for government in &frame.governments {
            let position = view
                .endorsements
                .iter()
                .find(|e| e.government_id == government.id && e.revision == row.revision);
            cells.push(match position {
                Some(e) => labels.word("position", &e.position),
                None => labels.word("csv-position", "none"),
            });
        }
        sheet.row(cells)?;
    }
    sheet.finish()
}

/// One row per workshop: its facts with start and end at the venue, and for each
/// government its attendance and whether its outcome record is submitted, a draft or
/// missing (both empty when it was not invited).
pub fn workshops(export: &WorkshopsExport, labels: &dyn Labels) -> AppResult<Vec<u8>> {
    let frame = &export.frame;
    let codes: Vec<&str> = frame.governments.iter().map(|g| g.code.as_str()).collect();
    let mut sheet = Sheet::new(header(
        labels,
        &WORKSHOP_COLUMNS,
        &codes,
        &["attendance", "outcome"],
        &[],
    ))?;
    for view in &export.workshops {
        let row = &view.row;
        let mut cells = vec![
            row.id.to_string(),
            text(&row.title),
            labels.word("workshop-kind", &row.kind),
            text(frame.phase_name(row.phase_id)),
            labels.word("state-workshop", &row.state),
            text(&row.venue),
            row.time_zone.clone(),
            at_venue(row.starts_at, &row.time_zone),
            at_venue(row.ends_at, &row.time_zone),
        ];
        for government in &frame.governments {
            let Some(invited) = view
                .attendance
                .iter()
                .find(|a| a.government_id == government.id)
            else {
                cells.extend([String::new(), String::new()]);
                continue;
            };
            let outcomes = view
                .outcomes
                .iter()
                .filter(|o| o.government_id == government.id);
            let mut outcome = "none";
            for o in outcomes {
                outcome = if o.submitted { "submitted" } else { "draft" };
                if o.submitted {
                    break;
                }
            }
            cells.push(labels.word("attendance", attendance_of(invited).as_str()));
            cells.push(labels.word("csv-outcome", outcome));
        }
        sheet.row(cells)?;
    }
    sheet.finish()
}

/// A file name for an export of the dialogue `code`: `<code>-<kind>.csv` with every
/// character outside `A–Z a–z 0–9 . _ -` replaced, so the header cannot be broken out
/// of (a quote, a semicolon, a line end) nor name a path.
pub fn file_name(code: &str, kind: &str) -> String {
    let safe: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    let stem = if safe.is_empty() { "dialogue" } else { safe };
    format!("{stem}-{kind}.csv")
}

// Test-only: an `expect` here fails its test; no request or database result reaches it.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(file_name("Q33-805", "actions"), "Q33-805-actions.csv");
        assert_eq!(
            file_name("a\"b;c\r\n/../x", "workshops"),
            "a_b_c___.._x-workshops.csv"
        );
        assert_eq!(file_name("..", "actions"), "dialogue-actions.csv");
        assert_eq!(file_name("گفتگو", "actions"), "_____-actions.csv");
    }

    #[test]
    fn formulas_are_neutralised_and_other_text_kept() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("-1"), "'-1");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("Réunion, « été »"), "Réunion, « été »");
        assert_eq!(text("— not a minus"), "— not a minus");
    }

    #[test]
    fn times_are_told_at_the_venue_with_its_offset() {
        let at = DateTime::parse_from_rfc3339("2026-12-03T09:30:00Z")
            .map(|t| t.with_timezone(&Utc))
            .expect("a time");
        assert_eq!(at_venue(at, "Asia/Karachi"), "2026-12-03T14:30:00+05:00");
        assert_eq!(at_venue(at, "Asia/Kabul"), "2026-12-03T14:00:00+04:30");
        assert_eq!(at_venue(at, "not a zone"), "2026-12-03T09:30:00Z");
    }
}
