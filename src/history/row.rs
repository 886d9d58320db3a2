//! One line of a comparison: a measure before and after, its change judged at the precision
//! shown, and how each kind of number is shown. Shared by the 2019 and 2025 comparisons.

use std::cmp::Ordering;

use serde::Serialize;

use super::{MISSING, Snapshot};

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

pub(super) fn same() -> (Change, String) {
    (Change::Same, "= same".to_string())
}

/// The change when at least one side has no value.
pub(super) fn missing(before: bool, after: bool) -> (Change, String) {
    match (before, after) {
        (false, true) => (Change::New, "new".to_string()),
        (true, false) => (Change::Gone, "not rated".to_string()),
        _ => (Change::Unknown, MISSING.to_string()),
    }
}
