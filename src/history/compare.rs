//! Two snapshots side by side: each measure before and after, its change judged at the precision
//! shown, and the comparison as the markdown `checkpoint compare` prints.

use std::cmp::Ordering;

use serde::Serialize;

use super::{MISSING, Measure, Snapshot};
use crate::checklist::DoraModel;
use crate::export::markdown::escape;

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
    /// The 2025 model's throughput mean.
    Throughput,
    /// The 2025 model's stability mean.
    Stability,
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
pub(super) enum Unit {
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
    let mut rows = match (before.model, after.model) {
        (b, a) if b != a => super::models::switched(before, after),
        (_, DoraModel::V2025) => super::models::rows_2025(before, after),
        _ => dora_2019_rows(before, after),
    };
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

/// The 2019 DORA rows: the score, the level and the percentile.
fn dora_2019_rows(before: &Snapshot, after: &Snapshot) -> Vec<Row> {
    let percent = |p: Option<u8>| p.map(|p| f64::from(p) / 100.0);
    vec![
        score_row("DORA score", Unit::Score, before, after),
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
    ]
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
pub(super) fn score_row(label: &str, unit: Unit, before: &Snapshot, after: &Snapshot) -> Row {
    let mut row = number_row(label, unit, before.score, after.score);
    let partial = Snapshot::partial;
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
pub(super) fn number_row(label: &str, unit: Unit, before: Option<f64>, after: Option<f64>) -> Row {
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
