//! The DORA rows of a comparison on the 2025 model, and between checkpoints on two models:
//! a 2019 score and a 2025 score are not on one scale, so no change is told between them.

use super::row::{Change, Measured, Row, Unit, number_row, score_row};
use super::{MISSING, Snapshot};

/// What a row between two DORA models says instead of an arrow.
pub const DIFFERENT_MODEL: &str = "different DORA model";

/// A snapshot's DORA score as shown with its model: `3.50 (DORA 2019)`, `6.9/10 (DORA 2025)`.
pub fn score_with_model(s: &Snapshot) -> String {
    let shown = match (s.score, &s.quick_check) {
        (None, _) => MISSING.to_string(),
        (Some(v), Some(_)) => format!("{}/10", crate::number::fixed(v, 1)),
        (Some(v), None) => crate::number::fixed(v, 2),
    };
    let partial = if s.score.is_some() && s.partial() {
        " (partial)"
    } else {
        ""
    };
    format!("{shown}{partial} (DORA {})", s.model)
}

/// The one DORA row between checkpoints on different models: both scores, no change.
pub fn switched(before: &Snapshot, after: &Snapshot) -> Vec<Row> {
    vec![Row {
        label: "DORA score".to_string(),
        before: score_with_model(before),
        after: score_with_model(after),
        change: Change::Unknown,
        text: DIFFERENT_MODEL.to_string(),
        measure: Measured::Score,
    }]
}

/// The 2025 rows: the overall score (partial until every metric has a value), throughput and
/// stability, each 0-10 with one decimal as DORA shows them.
pub fn rows_2025(before: &Snapshot, after: &Snapshot) -> Vec<Row> {
    let figure = |s: &Snapshot, f: fn(&super::QuickSnapshot) -> Option<f64>| {
        s.quick_check.as_ref().and_then(f)
    };
    vec![
        score_row("DORA 2025 score (0-10)", Unit::Section, before, after),
        Row {
            measure: Measured::Throughput,
            ..number_row(
                "Throughput (0-10)",
                Unit::Section,
                figure(before, |q| q.throughput),
                figure(after, |q| q.throughput),
            )
        },
        Row {
            measure: Measured::Stability,
            ..number_row(
                "Stability (0-10)",
                Unit::Section,
                figure(before, |q| q.stability),
                figure(after, |q| q.stability),
            )
        },
    ]
}
