//! A measure across a squad's checkpoints, as a sparkline.

use super::{Measure, Measured, Row, Snapshot};
use crate::checklist::DoraModel;

/// The sparkline's blocks, lowest first.
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline's mark for a missing value.
const NO_VALUE: char = '·';

/// The sparkline of `row`'s measure across `snapshots` (oldest first), on the measure's own
/// scale: the DORA score 0..6, the level by its rank (`levels` of them), the percentile and a
/// phase's progress 0..100%, a section 0..3.
pub fn trend(snapshots: &[&Snapshot], row: &Row, levels: usize) -> String {
    let find = |list: &[Measure], id: &str| list.iter().find(|m| m.id == id).and_then(|m| m.value);
    // The DORA measures run across the checkpoints on the latest one's model only: a score on
    // the other model shows as missing, never as a step up or down.
    let model = snapshots.last().map(|s| s.model).unwrap_or_default();
    let on_model = |s: &&&Snapshot| s.model == model;
    let quick = |f: fn(&super::QuickSnapshot) -> Option<f64>| -> Vec<Option<f64>> {
        let value = |s: &&Snapshot| s.quick_check.as_ref().and_then(f);
        snapshots
            .iter()
            .map(|s| Some(s).filter(on_model).and_then(value))
            .collect()
    };
    let (values, max): (Vec<Option<f64>>, f64) = match &row.measure {
        Measured::Score => {
            let top = if model == DoraModel::V2025 { 10.0 } else { 6.0 };
            let score = |s: &&Snapshot| s.score;
            (
                snapshots
                    .iter()
                    .map(|s| Some(s).filter(on_model).and_then(score))
                    .collect(),
                top,
            )
        }
        Measured::Throughput => (quick(|q| q.throughput), 10.0),
        Measured::Stability => (quick(|q| q.stability), 10.0),
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
