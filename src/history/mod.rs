//! A squad's checkpoints over time: what one checkpoint scored ([`Snapshot`]), two of them side
//! by side ([`compare`], and as [`markdown`], which `checkpoint compare` prints), the squad's
//! earlier checkpoints in a directory ([`History`]) and a [`spark`]line across them. No IO but
//! [`History::load`]'s reading of the directory, and nothing of the terminal.

mod compare;
mod load;
mod models;
mod row;
mod trend;

use serde::Serialize;

use crate::assessment::Assessment;
use crate::checklist::{Catalog, DoraModel};
use crate::checkpoint::Checkpoint;

pub(crate) use compare::same_squad;
pub use compare::{Change, Comparison, Measured, Row, compare, markdown};
pub use load::History;
pub use models::{DIFFERENT_MODEL, score_with_model};
pub use trend::{spark, trend};

/// Shown for a value that is missing.
const MISSING: &str = "–";

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
    /// The DORA model it was scored on (not serialised for 2019).
    #[serde(skip_serializing_if = "DoraModel::is_default")]
    pub model: DoraModel,
    /// The DORA score (2019: 1.0..=6.0; 2025: the overall 0..=10), from the questions answered
    /// so far.
    pub score: Option<f64>,
    /// On the 2025 model: throughput, stability and whether every metric has a value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quick_check: Option<QuickSnapshot>,
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
    /// The address of its summary page in Confluence, when `checkpoint publish` recorded one.
    pub page: Option<String>,
}

/// The 2025 figures of a snapshot besides its overall score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct QuickSnapshot {
    /// Every metric has a value (else the overall score is partial).
    pub complete: bool,
    pub throughput: Option<f64>,
    pub stability: Option<f64>,
}

impl Snapshot {
    /// The score is over some of the DORA questions only.
    pub fn partial(&self) -> bool {
        match &self.quick_check {
            Some(q) => !q.complete,
            None => self.level.is_none(),
        }
    }
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
        let catalog = catalog.for_model(checkpoint.dora);
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
        let catalog = catalog.for_model(checkpoint.dora);
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
            model: dora.model,
            score: dora.score,
            quick_check: dora.quick_check.as_ref().map(|q| QuickSnapshot {
                complete: q.complete,
                throughput: q.throughput.score,
                stability: q.stability.score,
            }),
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
            page: checkpoint.published.as_ref().map(|p| p.url.clone()),
        }
    }
}

#[cfg(test)]
mod tests;
