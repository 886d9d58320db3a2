//! The DevOps Checkpoint Summary: one [`Summary`] of a checkpoint, written as markdown from a
//! template (see [`markdown`]) or as JSON.

pub mod markdown;

use serde::Serialize;

use crate::assessment::Assessment;
use crate::checklist::Catalog;
use crate::checkpoint::{Checkpoint, Mode};

/// Everything the summary page says, as data. The markdown template and `--format json` both
/// render this one value.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// `<Squad> | <YYYY-MM> | DevOps Checkpoint`.
    pub title: String,
    pub squad: String,
    pub tribe: String,
    pub facilitator: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `YYYY-MM`.
    pub month: String,
    pub board_link: String,
    pub mode: Mode,
    pub participants: Vec<String>,
    #[serde(flatten)]
    pub assessment: Assessment,
    /// Notes recorded on questions, in workshop order: (question name, note).
    pub notes: Vec<(String, String)>,
    /// `devops-checkpoint <version>`.
    pub generator: String,
}

impl Summary {
    /// Scores `checkpoint` against `catalog` and gathers what the summary shows.
    pub fn new(catalog: &Catalog, checkpoint: &Checkpoint) -> Summary {
        let month = checkpoint.date.strftime("%Y-%m").to_string();
        let notes = catalog
            .questions()
            .iter()
            .filter_map(|q| {
                let note = checkpoint.answer(&q.id)?.note.trim();
                (!note.is_empty()).then(|| (q.name().to_string(), note.to_string()))
            })
            .collect();
        Summary {
            title: format!("{} | {month} | DevOps Checkpoint", checkpoint.squad.trim()),
            squad: checkpoint.squad.clone(),
            tribe: checkpoint.tribe.clone(),
            facilitator: checkpoint.facilitator.clone(),
            date: checkpoint.date.to_string(),
            month,
            board_link: checkpoint.board_link.clone(),
            mode: checkpoint.mode,
            participants: checkpoint.participants.clone(),
            assessment: Assessment::new(catalog, checkpoint),
            notes,
            generator: format!("devops-checkpoint {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// The summary as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
