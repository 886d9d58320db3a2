//! A squad's checkpoints over time: what one checkpoint scored ([`Snapshot`]), two of them side
//! by side ([`compare`], and as [`markdown`], which `checkpoint compare` prints), the squad's
//! earlier checkpoints in a directory ([`History`]) and a [`spark`]line across them. No IO but
//! [`History::load`]'s reading of the directory, and nothing of the terminal.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::assessment::Assessment;
use crate::checklist::Catalog;
use crate::checkpoint::{Checkpoint, Store};
use crate::export::markdown::escape;

/// Shown for a value that is missing.
const MISSING: &str = "–";

/// The sparkline's blocks, lowest first.
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline's mark for a missing value.
const NO_VALUE: char = '·';

/// What one checkpoint scored, owned (no borrows), so the TUI can keep past ones for a whole
/// session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    /// The file stem, e.g. `team-kilo-2026-08-20`.
    pub name: String,
    /// The squad's name, trimmed.
    pub squad: String,
    /// The workshop date, serialised as `YYYY-MM-DD`.
    pub date: jiff::civil::Date,
    /// The DORA score (1.0..=6.0), from the questions answered so far.
    pub score: Option<f64>,
    /// The DORA level's name, e.g. `High`, once every DORA question has a value.
    pub level: Option<String>,
    /// The level's index among the benchmark's levels: higher is better.
    pub level_rank: Option<usize>,
    /// "Performing better than N% of respondents".
    pub percentile: Option<u8>,
    /// Each baseline section's score, 0.0..=3.0.
    pub sections: Vec<Measure>,
    /// Each phase's progress, 0.0..=1.0; `None` when nobody voted on its milestones.
    pub phases: Vec<Measure>,
}

/// One measured thing of a checkpoint: a baseline section or a phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    pub id: String,
    pub title: String,
    pub value: Option<f64>,
}

impl Snapshot {
    /// Scores `checkpoint` (via [`Assessment::new`]) as the squad saw it, votes not revealed
    /// yet left out, and keeps the numbers.
    pub fn new(catalog: &Catalog, name: &str, checkpoint: &Checkpoint) -> Snapshot {
        let (shown, _) = checkpoint.revealed_only();
        let assessment = Assessment::new(catalog, &shown);
        Snapshot::scored(catalog, name, &shown, &assessment)
    }

    /// The numbers of an assessment of `checkpoint` already made.
    pub fn scored(
        catalog: &Catalog,
        name: &str,
        checkpoint: &Checkpoint,
        assessment: &Assessment,
    ) -> Snapshot {
        let dora = &assessment.dora;
        let level = dora.level.as_ref();
        let levels = &catalog.benchmark().levels;
        let measure = |id: &str, title: &str, value: Option<f64>| Measure {
            id: id.to_string(),
            title: title.to_string(),
            value,
        };
        Snapshot {
            name: name.to_string(),
            squad: checkpoint.squad.trim().to_string(),
            date: checkpoint.date,
            score: dora.score,
            level: level.map(|l| l.name.to_string()),
            level_rank: level.and_then(|l| levels.iter().position(|b| b.id == l.id)),
            percentile: dora.percentile,
            sections: assessment
                .baseline
                .iter()
                .map(|s| measure(s.id, s.title, s.score))
                .collect(),
            phases: assessment
                .phases
                .iter()
                .flat_map(|p| &p.phases)
                .map(|p| measure(p.id, p.title, p.progress.filter(|_| p.rated)))
                .collect(),
        }
    }
}

/// How a measure changed from one checkpoint to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Up,
    Down,
    /// Equal at the precision shown.
    Same,
    /// Only the later checkpoint has a value.
    New,
    /// Only the earlier checkpoint has a value ("not rated" in the later one).
    Gone,
    /// Cannot be told: neither side has a value (or two levels are unknown to the benchmark).
    Unknown,
}

/// One line of a comparison: a measure before and after, already formatted for display.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// "DORA score", "DevOps maturity", "Baseline: Technical tooling", "Phase 1: ...".
    pub label: String,
    /// The earlier value as shown ("3.50", "Medium", "1.5", "40%"), `–` when missing.
    pub before: String,
    pub after: String,
    pub change: Change,
    /// The change as shown: "↑ +0.75", "↓ −0.5", "= same", "↑ up", "↑ +15 pts", "new", "not rated", "–".
    pub text: String,
    /// Which measure the row is, for [`trend`].
    #[serde(skip)]
    pub measure: Measured,
}

/// The measure a [`Row`] compares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Measured {
    #[default]
    Score,
    Level,
    Percentile,
    /// A baseline section, by id.
    Section(String),
    /// A phase, by id.
    Phase(String),
}

/// Two checkpoints side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub before: Snapshot,
    pub after: Snapshot,
    pub rows: Vec<Row>,
}

/// How a kind of number is shown; changes are judged on the shown precision.
#[derive(Debug, Clone, Copy)]
enum Unit {
    /// The DORA score: two decimals.
    Score,
    /// A baseline section: one decimal.
    Section,
    /// A 0..=1 fraction as a whole percentage; changes in percentage points.
    Percent,
}

impl Unit {
    /// The value in steps of the shown precision (`None` when it is not a number), rounded by
    /// the one rule of [`crate::number`].
    fn steps(self, value: f64) -> Option<i64> {
        match self {
            Unit::Score => crate::number::steps(value, 2),
            Unit::Section => crate::number::steps(value, 1),
            Unit::Percent => crate::number::percent_points(value),
        }
    }

    /// A number of steps as shown.
    fn show(self, steps: i64) -> String {
        match self {
            Unit::Score => format!("{:.2}", steps as f64 / 100.0),
            Unit::Section => format!("{:.1}", steps as f64 / 10.0),
            Unit::Percent => format!("{steps}%"),
        }
    }

    /// The size of a change of `steps`, without its sign.
    fn amount(self, steps: u64) -> String {
        match self {
            Unit::Score => format!("{:.2}", steps as f64 / 100.0),
            Unit::Section => format!("{:.1}", steps as f64 / 10.0),
            Unit::Percent => format!("{steps} pts"),
        }
    }
}

/// Compares two snapshots. "Same" means equal at the displayed precision (score 2 decimals,
/// sections 1 decimal, phases whole percent), so the table never says "up" next to two equal
/// numbers. Sections and phases are matched by id; one only on one side is New or Gone.
pub fn compare(before: &Snapshot, after: &Snapshot) -> Comparison {
    let percent = |p: Option<u8>| p.map(|p| f64::from(p) / 100.0);
    let mut rows = vec![
        score_row(before, after),
        level_row(before, after),
        Row {
            measure: Measured::Percentile,
            ..number_row(
                "Performing better than",
                Unit::Percent,
                percent(before.percentile),
                percent(after.percentile),
            )
        },
    ];
    for (_, id, title, b, a) in matched(&before.sections, &after.sections) {
        rows.push(Row {
            measure: Measured::Section(id.to_string()),
            ..number_row(&format!("Baseline: {title}"), Unit::Section, b, a)
        });
    }
    for (number, id, title, b, a) in matched(&before.phases, &after.phases) {
        rows.push(Row {
            measure: Measured::Phase(id.to_string()),
            ..number_row(&format!("Phase {number}: {title}"), Unit::Percent, b, a)
        });
    }
    Comparison {
        before: before.clone(),
        after: after.clone(),
        rows,
    }
}

/// A matched measure: its 1-based position, id, title and the two values.
type Matched<'a> = (usize, &'a str, &'a str, Option<f64>, Option<f64>);

/// Measures matched by id, in `after`'s order, then those only `before` has: each with its
/// 1-based position (in `after`, else in `before`), its id, its title (`after`'s when both have
/// it) and the two values.
fn matched<'a>(before: &'a [Measure], after: &'a [Measure]) -> Vec<Matched<'a>> {
    let find = |list: &'a [Measure], id: &str| list.iter().find(|m| m.id == id);
    let both = after.iter().enumerate().map(|(i, a)| {
        let b = find(before, &a.id).and_then(|b| b.value);
        (i + 1, a.id.as_str(), a.title.as_str(), b, a.value)
    });
    let gone = before
        .iter()
        .enumerate()
        .filter(|(_, b)| find(after, &b.id).is_none())
        .map(|(i, b)| (i + 1, b.id.as_str(), b.title.as_str(), b.value, None));
    both.chain(gone).collect()
}

/// The DORA score's row. A score over some of the questions is marked partial, and a change
/// to or from one is not a trend: it says so instead of an arrow.
fn score_row(before: &Snapshot, after: &Snapshot) -> Row {
    let mut row = number_row("DORA score", Unit::Score, before.score, after.score);
    let partial = |s: &Snapshot| s.level.is_none();
    let shown = [row.before != MISSING, row.after != MISSING];
    for (side, snapshot) in [(&mut row.before, before), (&mut row.after, after)] {
        if *side != MISSING && partial(snapshot) {
            side.push_str(" (partial)");
        }
    }
    if shown == [true, true] && (partial(before) || partial(after)) {
        row.change = Change::Unknown;
        row.text = "partial".to_string();
    }
    row
}

/// A row for a number shown in `unit`.
fn number_row(label: &str, unit: Unit, before: Option<f64>, after: Option<f64>) -> Row {
    let b = before.and_then(|v| unit.steps(v));
    let a = after.and_then(|v| unit.steps(v));
    let (change, text) = match (b, a) {
        (Some(b), Some(a)) => {
            let amount = unit.amount(a.abs_diff(b));
            match a.cmp(&b) {
                Ordering::Greater => (Change::Up, format!("↑ +{amount}")),
                Ordering::Less => (Change::Down, format!("↓ −{amount}")),
                Ordering::Equal => same(),
            }
        }
        (b, a) => missing(b.is_some(), a.is_some()),
    };
    let shown = |steps: Option<i64>| steps.map_or_else(|| MISSING.to_string(), |s| unit.show(s));
    Row {
        label: label.to_string(),
        before: shown(b),
        after: shown(a),
        change,
        text,
        measure: Measured::Score,
    }
}

/// The "DevOps maturity" row: the level's name, up or down by its rank in the benchmark.
fn level_row(before: &Snapshot, after: &Snapshot) -> Row {
    let (change, text) = match (&before.level, &after.level) {
        (Some(b), Some(a)) => match before.level_rank.zip(after.level_rank) {
            Some((rb, ra)) if ra > rb => (Change::Up, "↑ up".to_string()),
            Some((rb, ra)) if ra < rb => (Change::Down, "↓ down".to_string()),
            Some(_) => same(),
            None if a == b => same(),
            None => (Change::Unknown, "changed".to_string()),
        },
        (b, a) => missing(b.is_some(), a.is_some()),
    };
    let shown = |level: &Option<String>| level.clone().unwrap_or_else(|| MISSING.to_string());
    Row {
        label: "DevOps maturity".to_string(),
        before: shown(&before.level),
        after: shown(&after.level),
        change,
        text,
        measure: Measured::Level,
    }
}

fn same() -> (Change, String) {
    (Change::Same, "= same".to_string())
}

/// The change when at least one side has no value.
fn missing(before: bool, after: bool) -> (Change, String) {
    match (before, after) {
        (false, true) => (Change::New, "new".to_string()),
        (true, false) => (Change::Gone, "not rated".to_string()),
        _ => (Change::Unknown, MISSING.to_string()),
    }
}

/// Whether two squad names name the same squad: trimmed, case-insensitively.
pub(crate) fn same_squad(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The comparison as markdown: a heading "## <Squad>: <before date> → <after date>", then a
/// table `| | <before date> | <after date> | Change |` with every row. This is what
/// `checkpoint compare` prints.
pub fn markdown(comparison: &Comparison) -> String {
    let (before, after) = (&comparison.before, &comparison.after);
    let squad = |s: &str| match escape(s) {
        s if s.is_empty() => "DevOps checkpoints".to_string(),
        s => s,
    };
    let heading = if same_squad(&before.squad, &after.squad) {
        format!(
            "## {}: {} → {}",
            squad(&before.squad),
            before.date,
            after.date
        )
    } else {
        format!(
            "## {} {} → {} {}",
            squad(&before.squad),
            before.date,
            squad(&after.squad),
            after.date
        )
    };
    let (left, right) = column_headings(before, after);
    let mut out = format!(
        "{heading}\n\n| | {} | {} | Change |\n|---|---:|---:|---|\n",
        escape(&left),
        escape(&right)
    );
    for row in &comparison.rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            escape(&row.label),
            escape(&row.before),
            escape(&row.after),
            escape(&row.text)
        ));
    }
    out
}

/// The table's column headings: the dates, or the names when both are on one day.
fn column_headings(before: &Snapshot, after: &Snapshot) -> (String, String) {
    if before.date != after.date {
        (before.date.to_string(), after.date.to_string())
    } else if before.name != after.name && !before.name.is_empty() && !after.name.is_empty() {
        (before.name.clone(), after.name.clone())
    } else {
        ("Before".to_string(), "After".to_string())
    }
}

/// A squad's earlier checkpoints, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The checkpoints of the same squad strictly before the current one in (date, name) order.
    pub past: Vec<Snapshot>,
    /// Why files that may have belonged to it were skipped: those whose header cannot be read
    /// (a newer format, a corrupt file), and the squad's own that fail to load in full.
    pub skipped: Vec<String>,
}

impl History {
    /// Every checkpoint of the same squad as `checkpoint` (squad names compared trimmed and
    /// case-insensitively) among the `*.toml` files in `dir`, oldest first by (date, name),
    /// scored with `catalog`. Files that fail to load are skipped and named in
    /// [`History::skipped`]; an unreadable `dir` gives an empty history.
    ///
    /// The files are found by name first, from the directory listing alone: the tool names a
    /// squad's checkpoints `<slug(squad)>-<date>[-N].toml` ([`Store::save_new`]), so only files
    /// whose name starts with the squad's slug, a `-` and a date are opened
    /// ([`Store::squad_files`]). Their headers then decide (the same squad, an earlier date), and
    /// only those are read in full. So a store of 10,000 checkpoints costs a history its own
    /// squad's files, not 10,000 opened files. The price: a checkpoint whose file was renamed by
    /// hand to anything else (another squad's slug, `kilo-old.toml`) is not found as history, nor
    /// named in [`History::skipped`] when it is unreadable. (A later issue moves the store to a
    /// folder per squad.)
    ///
    /// `path` is the checkpoint's own file, left out (and not read); only those strictly before
    /// it in (date, name) order are kept. An unsaved checkpoint (`path` is `None`) has no name
    /// yet, so every checkpoint up to its date counts as earlier.
    pub fn load(
        dir: &Path,
        catalog: &Catalog,
        checkpoint: &Checkpoint,
        path: Option<&Path>,
    ) -> History {
        let Ok(entries) = Store::new(dir).squad_files(&checkpoint.squad) else {
            return History::default();
        };
        let own_path = path.map(canonical);
        let own_name = path
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned());
        let mut history = History::default();
        for entry in entries {
            let header = match &entry.header {
                Ok(header) => header,
                Err(e) => {
                    history.skipped.push(e.to_string());
                    continue;
                }
            };
            let earlier = match &own_name {
                Some(own) => (header.date, entry.name.as_str()) < (checkpoint.date, own.as_str()),
                None => header.date <= checkpoint.date,
            };
            let keep = earlier
                && same_squad(&header.squad, &checkpoint.squad)
                && own_path.as_ref() != Some(&canonical(&entry.path));
            if !keep {
                continue;
            }
            match entry.load() {
                Ok(c) => history.past.push(Snapshot::new(catalog, &entry.name, &c)),
                Err(e) => history.skipped.push(e.to_string()),
            }
        }
        history
            .past
            .sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
        // The directory's order is no order: the warnings come by file.
        history.skipped.sort();
        history
    }

    /// The most recent past checkpoint.
    pub fn last(&self) -> Option<&Snapshot> {
        self.past.last()
    }

    /// `past` followed by `current`, for a trend.
    pub fn trend<'a>(&'a self, current: &'a Snapshot) -> Vec<&'a Snapshot> {
        self.past.iter().chain([current]).collect()
    }
}

/// The path with links and `..` resolved, or as given when it cannot be.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The sparkline of `row`'s measure across `snapshots` (oldest first), on the measure's own
/// scale: the DORA score 0..6, the level by its rank (`levels` of them), the percentile and a
/// phase's progress 0..100%, a section 0..3.
pub fn trend(snapshots: &[&Snapshot], row: &Row, levels: usize) -> String {
    let find = |list: &[Measure], id: &str| list.iter().find(|m| m.id == id).and_then(|m| m.value);
    let (values, max): (Vec<Option<f64>>, f64) = match &row.measure {
        Measured::Score => (snapshots.iter().map(|s| s.score).collect(), 6.0),
        Measured::Level => (
            snapshots
                .iter()
                .map(|s| s.level_rank.map(|r| (r + 1) as f64))
                .collect(),
            levels as f64,
        ),
        Measured::Percentile => (
            snapshots
                .iter()
                .map(|s| s.percentile.map(f64::from))
                .collect(),
            100.0,
        ),
        Measured::Section(id) => (
            snapshots.iter().map(|s| find(&s.sections, id)).collect(),
            3.0,
        ),
        Measured::Phase(id) => (snapshots.iter().map(|s| find(&s.phases, id)).collect(), 1.0),
    };
    spark(&values, max)
}

/// A sparkline of `values` on a fixed scale 0..=`max` with the eight blocks `▁▂▃▄▅▆▇█` (0 → `▁`,
/// `max` → `█`), one character per value; a missing or NaN value is `·`. Values below 0 or above
/// `max` are clamped; with a `max` that is not a positive number every value is `▁`.
pub fn spark(values: &[Option<f64>], max: f64) -> String {
    let top = BLOCKS.len() - 1;
    values
        .iter()
        .map(|value| match value {
            Some(v) if !v.is_nan() => {
                let ratio = if max > 0.0 && max.is_finite() {
                    (v / max).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                // 0..=top after the clamp; `as` saturates whatever happens.
                let i = ((ratio * top as f64).round() as usize).min(top);
                BLOCKS[i]
            }
            _ => NO_VALUE,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::Vote;

    fn measure(id: &str, value: Option<f64>) -> Measure {
        Measure {
            id: id.into(),
            title: id.to_uppercase(),
            value,
        }
    }

    fn snapshot(date: &str, score: Option<f64>, level: Option<(&str, usize)>) -> Snapshot {
        Snapshot {
            name: format!("kilo-{date}"),
            squad: "Kilo".into(),
            date: date.parse().unwrap(),
            score,
            level: level.map(|(name, _)| name.to_string()),
            level_rank: level.map(|(_, rank)| rank),
            percentile: None,
            sections: Vec::new(),
            phases: Vec::new(),
        }
    }

    fn row<'a>(c: &'a Comparison, label: &str) -> &'a Row {
        c.rows.iter().find(|r| r.label == label).unwrap()
    }

    fn shown(r: &Row) -> (&str, &str, Change, &str) {
        (&r.before, &r.after, r.change, &r.text)
    }

    #[test]
    fn the_score_goes_up_down_or_stays_at_two_decimals() {
        let high = Some(("High", 2));
        let at = |b: f64, a: f64| {
            let c = compare(
                &snapshot("2026-01-01", Some(b), high),
                &snapshot("2026-04-01", Some(a), high),
            );
            row(&c, "DORA score").clone()
        };
        let up = at(3.5, 4.25);
        assert_eq!(shown(&up), ("3.50", "4.25", Change::Up, "↑ +0.75"));
        let down = at(4.25, 3.75);
        assert_eq!(shown(&down), ("4.25", "3.75", Change::Down, "↓ −0.50"));
        let same = at(4.0, 4.001);
        assert_eq!(shown(&same), ("4.00", "4.00", Change::Same, "= same"));
    }

    #[test]
    fn a_partial_score_is_labelled_and_makes_no_trend() {
        let c = compare(
            &snapshot("2026-01-01", Some(4.5), Some(("High", 2))),
            &snapshot("2026-04-01", Some(3.25), None),
        );
        assert_eq!(
            shown(row(&c, "DORA score")),
            ("4.50", "3.25 (partial)", Change::Unknown, "partial")
        );
    }

    #[test]
    fn levels_change_by_rank() {
        let low = Some(("Low", 0));
        let high = Some(("High", 2));
        let c = compare(
            &snapshot("2026-01-01", None, low),
            &snapshot("2026-04-01", None, high),
        );
        let r = row(&c, "DevOps maturity");
        assert_eq!(shown(r), ("Low", "High", Change::Up, "↑ up"));
        let c = compare(
            &snapshot("2026-01-01", None, high),
            &snapshot("2026-04-01", None, low),
        );
        assert_eq!(
            shown(row(&c, "DevOps maturity")),
            ("High", "Low", Change::Down, "↓ down")
        );
        let c = compare(
            &snapshot("2026-01-01", None, high),
            &snapshot("2026-04-01", None, high),
        );
        assert_eq!(row(&c, "DevOps maturity").change, Change::Same);
        let c = compare(
            &snapshot("2026-01-01", None, None),
            &snapshot("2026-04-01", None, high),
        );
        assert_eq!(
            shown(row(&c, "DevOps maturity")),
            ("–", "High", Change::New, "new")
        );
    }

    #[test]
    fn sections_match_by_id_and_are_same_at_one_decimal() {
        let mut before = snapshot("2026-01-01", None, None);
        let mut after = snapshot("2026-04-01", None, None);
        before.sections = vec![
            measure("a", Some(2.04)),
            measure("b", Some(1.0)),
            measure("c", Some(3.0)),
            measure("gone", Some(1.0)),
            measure("none", None),
        ];
        after.sections = vec![
            measure("c", Some(2.5)),
            measure("new", Some(2.0)),
            measure("a", Some(2.02)),
            measure("b", Some(1.5)),
            measure("none", None),
        ];
        let c = compare(&before, &after);
        let sections: Vec<_> = c
            .rows
            .iter()
            .filter(|r| r.label.starts_with("Baseline: "))
            .map(|r| {
                (
                    r.label.as_str(),
                    r.before.as_str(),
                    r.after.as_str(),
                    r.change,
                    r.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            sections,
            [
                ("Baseline: C", "3.0", "2.5", Change::Down, "↓ −0.5"),
                ("Baseline: NEW", "–", "2.0", Change::New, "new"),
                ("Baseline: A", "2.0", "2.0", Change::Same, "= same"),
                ("Baseline: B", "1.0", "1.5", Change::Up, "↑ +0.5"),
                ("Baseline: NONE", "–", "–", Change::Unknown, "–"),
                ("Baseline: GONE", "1.0", "–", Change::Gone, "not rated"),
            ]
        );
    }

    #[test]
    fn phases_change_in_whole_percentage_points() {
        let mut before = snapshot("2026-01-01", None, None);
        let mut after = snapshot("2026-04-01", None, None);
        before.phases = vec![measure("p1", Some(0.25)), measure("p2", Some(0.101))];
        after.phases = vec![measure("p1", Some(0.4)), measure("p2", Some(0.099))];
        let c = compare(&before, &after);
        assert_eq!(
            shown(row(&c, "Phase 1: P1")),
            ("25%", "40%", Change::Up, "↑ +15 pts")
        );
        assert_eq!(
            shown(row(&c, "Phase 2: P2")),
            ("10%", "10%", Change::Same, "= same")
        );
    }

    #[test]
    fn missing_and_absurd_values_never_panic() {
        let c = compare(
            &snapshot("2026-01-01", Some(f64::NAN), None),
            &snapshot("2026-04-01", Some(f64::INFINITY), None),
        );
        assert_eq!(
            shown(row(&c, "DORA score")),
            ("–", "–", Change::Unknown, "–")
        );
        let c = compare(
            &snapshot("2026-01-01", Some(-1e300), Some(("Low", 0))),
            &snapshot("2026-04-01", Some(1e300), Some(("Elite", 3))),
        );
        assert_eq!(row(&c, "DORA score").change, Change::Up);
        let c = compare(
            &snapshot("2026-01-01", Some(3.0), None),
            &snapshot("2026-04-01", None, None),
        );
        assert_eq!(
            shown(row(&c, "DORA score")),
            ("3.00 (partial)", "–", Change::Gone, "not rated")
        );
    }

    #[test]
    fn markdown_is_a_heading_and_an_escaped_table() {
        let mut before = snapshot("2026-01-01", Some(3.5), Some(("Low", 0)));
        let mut after = snapshot("2026-04-01", Some(4.5), Some(("High", 2)));
        before.squad = "Kilo | <b>".into();
        after.squad = " kilo | <B> ".into();
        after.sections = vec![measure("x_y", Some(1.0))];
        let md = markdown(&compare(&before, &after));
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines[0], "## Kilo \\| \\<b>: 2026-01-01 → 2026-04-01");
        assert_eq!(lines[2], "| | 2026-01-01 | 2026-04-01 | Change |");
        assert_eq!(lines[4], "| DORA score | 3.50 | 4.50 | ↑ +1.00 |");
        assert_eq!(lines[5], "| DevOps maturity | Low | High | ↑ up |");
        assert_eq!(lines[7], "| Baseline: X\\_Y | – | 1.0 | new |");
        // Two squads, one day: both names in the heading, the file names as columns.
        after.squad = "Lima".into();
        after.date = before.date;
        let md = markdown(&compare(&before, &after));
        assert!(
            md.starts_with("## Kilo \\| \\<b> 2026-01-01 → Lima 2026-01-01\n"),
            "{md}"
        );
        assert!(
            md.contains("| | kilo-2026-01-01 | kilo-2026-04-01 | Change |"),
            "{md}"
        );
    }

    #[test]
    fn spark_maps_zero_to_max_onto_eight_blocks() {
        assert_eq!(spark(&[], 3.0), "");
        assert_eq!(spark(&[None, Some(f64::NAN)], 3.0), "··");
        assert_eq!(spark(&[Some(0.0), Some(1.5), Some(3.0)], 3.0), "▁▅█");
        assert_eq!(
            spark(
                &[
                    Some(-2.0),
                    Some(9.0),
                    Some(f64::INFINITY),
                    Some(f64::NEG_INFINITY)
                ],
                3.0
            ),
            "▁██▁"
        );
        let eighths: Vec<_> = (0..8).map(|i| Some(f64::from(i) / 7.0)).collect();
        assert_eq!(spark(&eighths, 1.0), "▁▂▃▄▅▆▇█");
        assert_eq!(spark(&[Some(1.0)], 0.0), "▁");
        assert_eq!(spark(&[Some(1.0)], f64::NAN), "▁");
    }

    fn catalog() -> Catalog {
        Catalog::builtin().unwrap()
    }

    fn checkpoint(squad: &str, date: &str, lead_time: u8) -> Checkpoint {
        let mut c = Checkpoint::new(squad, date.parse().unwrap());
        c.participants = vec!["Ana".into()];
        for q in [
            "dora.lead-time",
            "dora.deploy-frequency",
            "dora.time-to-restore",
            "dora.change-failure-rate",
        ] {
            c.vote(q, "Ana", Vote::Value(4));
        }
        c.vote("dora.lead-time", "Ana", Vote::Value(lead_time));
        c
    }

    fn save(dir: &Path, name: &str, c: &Checkpoint) -> PathBuf {
        let path = dir.join(format!("{name}.toml"));
        crate::checkpoint::save(&path, c).unwrap();
        path
    }

    #[test]
    fn a_snapshot_keeps_the_scores() {
        let s = Snapshot::new(&catalog(), "kilo", &checkpoint(" Kilo ", "2026-01-01", 6));
        assert_eq!(s.squad, "Kilo");
        assert_eq!(s.score, Some(4.5));
        assert_eq!(s.level.as_deref(), Some("High"));
        assert_eq!(s.level_rank, Some(2));
        assert_eq!(s.percentile, Some(59));
        let sections: Vec<&str> = s.sections.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(sections, ["Technical tooling", "Communications", "Culture"]);
        assert!(s.sections.iter().all(|m| m.value.is_none()));
        assert_eq!(s.phases.len(), 3);
        assert!(
            s.phases.iter().all(|m| m.value.is_none()),
            "a phase nobody voted on is not rated, not 0%"
        );
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["date"], "2026-01-01");
    }

    #[test]
    fn history_is_the_squads_earlier_checkpoints_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let cat = catalog();
        save(d, "kilo-2026-03-01", &checkpoint("Kilo", "2026-03-01", 3));
        save(d, "kilo-2026-01-01", &checkpoint(" KILO ", "2026-01-01", 1));
        save(d, "kilo-2026-06-01-2", &checkpoint("kilo", "2026-06-01", 2));
        save(d, "lima-2026-02-01", &checkpoint("Lima", "2026-02-01", 5));
        save(d, "kilo-2026-09-01", &checkpoint("Kilo", "2026-09-01", 6));
        std::fs::write(d.join("broken.toml"), "format = 1\nsquad = \"Kilo\n").unwrap();
        std::fs::write(d.join("notes.txt"), "not a checkpoint").unwrap();
        let current = checkpoint("Kilo", "2026-06-01", 4);
        // Saved as the second of two on 2026-06-01: its namesake from that day is earlier.
        let own = save(d, "kilo-2026-06-01-3", &current);
        let history = History::load(d, &cat, &current, Some(&own));
        let names: Vec<&str> = history.past.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["kilo-2026-01-01", "kilo-2026-03-01", "kilo-2026-06-01-2"]
        );
        assert_eq!(history.past[0].score, Some(3.25));
        assert_eq!(
            history.last().map(|s| s.name.as_str()),
            Some("kilo-2026-06-01-2")
        );
        let now = Snapshot::new(&cat, "kilo-2026-06-01-3", &current);
        let trend: Vec<Option<f64>> = history.trend(&now).iter().map(|s| s.score).collect();
        assert_eq!(trend, [Some(3.25), Some(3.75), Some(3.5), Some(4.0)]);

        // Opened as the first one of that day, the second is later and left out.
        let first = d.join("kilo-2026-06-01-2.toml");
        let history = History::load(d, &cat, &current, Some(&first));
        assert_eq!(history.past.len(), 2);
        // Its date was changed on screen since it was saved: its own file is still left out,
        // even reached by another path.
        let roundabout = d
            .join("..")
            .join(d.file_name().unwrap())
            .join("kilo-2026-09-01.toml");
        let later = checkpoint("Kilo", "2026-10-01", 6);
        let history = History::load(d, &cat, &later, Some(&roundabout));
        assert_eq!(history.past.len(), 4);
        assert!(history.past.iter().all(|s| s.name != "kilo-2026-09-01"));
        // Unsaved: everything up to its date is earlier.
        let history = History::load(d, &cat, &current, None);
        assert_eq!(history.past.len(), 4);
    }

    /// What `f` read: (headers, whole checkpoints).
    fn reads<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
        let count = || {
            (
                crate::checkpoint::HEADER_READS.with(std::cell::Cell::get),
                crate::checkpoint::FULL_PARSES.with(std::cell::Cell::get),
            )
        };
        let (headers, parses) = count();
        let out = f();
        let (h, p) = count();
        (out, h - headers, p - parses)
    }

    #[test]
    fn history_reads_only_headers_then_the_squads_earlier_checkpoints() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let cat = catalog();
        save(d, "kilo-2026-01-01", &checkpoint("Kilo", "2026-01-01", 1));
        save(d, "kilo-2026-02-01", &checkpoint("Kilo", "2026-02-01", 2));
        save(d, "kilo-2026-09-01", &checkpoint("Kilo", "2026-09-01", 3));
        for i in 0..5 {
            save(
                d,
                &format!("lima-2026-01-0{}", i + 1),
                &checkpoint("Lima", "2026-01-01", 4),
            );
        }
        let current = checkpoint("Kilo", "2026-06-01", 4);
        let own = save(d, "kilo-2026-06-01", &current);
        // The squad's future-format and corrupt files are named, not read, and left alone.
        let future = "format = 9\nsquad = \"Kilo\"\ndate = 2026-01-02\n";
        std::fs::write(d.join("kilo-2026-01-02.toml"), future).unwrap();
        let corrupt = "format = 1\nsquad = \"Kilo\"\ndate = 2026-01-03\n[answers\n";
        std::fs::write(d.join("kilo-2026-01-03.toml"), corrupt).unwrap();
        let (history, headers, parses) = reads(|| History::load(d, &cat, &current, Some(&own)));
        let names: Vec<&str> = history.past.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["kilo-2026-01-01", "kilo-2026-02-01"]);
        // Only the files named for Kilo are opened, its own among them: none of Lima's.
        assert_eq!(headers, 6);
        // The two earlier ones and the corrupt one (its header is fine): not its own file, not
        // the later one, not the other squad's.
        assert_eq!(parses, 3);
        assert_eq!(history.skipped.len(), 2, "{:?}", history.skipped);
        assert!(history.skipped[0].contains("kilo-2026-01-02.toml"));
        assert!(history.skipped[1].contains("kilo-2026-01-03.toml"));
        assert_eq!(
            std::fs::read_to_string(d.join("kilo-2026-01-02.toml")).unwrap(),
            future
        );
        assert_eq!(
            std::fs::read_to_string(d.join("kilo-2026-01-03.toml")).unwrap(),
            corrupt
        );
    }

    #[test]
    fn history_goes_by_file_name_then_by_header() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let cat = catalog();
        save(d, "team-2026-01-01", &checkpoint("Team", "2026-01-01", 1));
        // Another squad whose slug starts with `team-`: not named for Team, never opened (its
        // header would say Team Kilo anyway).
        save(
            d,
            "team-kilo-2026-02-01",
            &checkpoint("Team Kilo", "2026-02-01", 2),
        );
        std::fs::write(
            d.join("team-kilo-2026-02-02.toml"),
            "format = 9\nsquad = \"Team Kilo\"\ndate = 2026-02-02\n",
        )
        .unwrap();
        // Another squad with the same slug (`Team.` is `team`): named like Team's, opened, and
        // left out by its header.
        save(d, "team-2026-03-01", &checkpoint("Team.", "2026-03-01", 3));
        // Team's own checkpoints, renamed by hand: not named by the rule, so not read at all,
        // not even when one cannot be read.
        save(d, "team-old", &checkpoint("Team", "2026-01-15", 4));
        save(d, "Team-2026-01-20", &checkpoint("Team", "2026-01-20", 4));
        save(d, "2026-01-25-team", &checkpoint("Team", "2026-01-25", 4));
        std::fs::write(
            d.join("team-backup.toml"),
            "format = 9\nsquad = \"Team\"\ndate = 2026-01-02\n",
        )
        .unwrap();
        let current = checkpoint(" team ", "2026-06-01", 5);
        let (history, headers, parses) = reads(|| History::load(d, &cat, &current, None));
        let names: Vec<&str> = history.past.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["team-2026-01-01"]);
        assert_eq!(history.skipped, Vec::<String>::new());
        assert_eq!((headers, parses), (2, 1));

        // Team Kilo's history is its own files; the unreadable one is named.
        let kilo = checkpoint("Team Kilo", "2026-06-01", 5);
        let history = History::load(d, &cat, &kilo, None);
        let names: Vec<&str> = history.past.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["team-kilo-2026-02-01"]);
        assert_eq!(history.skipped.len(), 1, "{:?}", history.skipped);
        assert!(history.skipped[0].contains("team-kilo-2026-02-02.toml"));
    }

    #[test]
    fn history_of_a_missing_or_empty_directory_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let cat = catalog();
        let c = checkpoint("Kilo", "2026-01-01", 4);
        let nowhere = dir.path().join("nowhere");
        assert_eq!(History::load(&nowhere, &cat, &c, None), History::default());
        assert_eq!(History::load(dir.path(), &cat, &c, None).last(), None);
    }

    #[test]
    fn a_trend_follows_each_row_s_measure_across_checkpoints() {
        let mut a = snapshot("2026-02-01", Some(1.5), Some(("Low", 0)));
        let mut b = snapshot("2026-05-01", None, None);
        let mut c = snapshot("2026-08-01", Some(6.0), Some(("Elite", 3)));
        a.sections = vec![measure("tooling", Some(0.0))];
        c.sections = vec![measure("tooling", Some(3.0))];
        b.phases = vec![measure("p1", Some(0.5))];
        c.phases = vec![measure("p1", Some(1.0))];
        let all = [&a, &b, &c];
        let rows = compare(&a, &c).rows;
        let trends: Vec<(&str, String)> = rows
            .iter()
            .map(|r| (r.label.as_str(), trend(&all, r, 4)))
            .collect();
        assert_eq!(trends[0], ("DORA score", "▃·█".to_string()));
        assert_eq!(trends[1], ("DevOps maturity", "▃·█".to_string()));
        assert_eq!(trends[3], ("Baseline: TOOLING", "▁·█".to_string()));
        assert_eq!(trends[4], ("Phase 1: P1", "·▅█".to_string()));
    }
}
