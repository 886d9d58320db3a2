//! Checks a loaded checkpoint against the checklists: a hand-edited file can hold votes off a
//! question's scale, votes by someone who is not a participant, or answers to questions that no
//! loaded checklist has.

use std::path::Path;

use super::{Checkpoint, CheckpointError, Vote};
use crate::checklist::Catalog;

/// What [`verify`] found that does not stop the checkpoint from being used.
#[derive(Debug, Default, PartialEq)]
pub struct Warnings {
    /// Ids of answers to questions no loaded checklist has; kept in the file, left out of scores.
    pub unknown_questions: Vec<String>,
}

/// Checks `checkpoint` (read from `path`, whose `text` locates problems) against `catalog`.
pub fn verify(
    path: &Path,
    text: &str,
    checkpoint: &Checkpoint,
    catalog: &Catalog,
) -> Result<Warnings, Vec<CheckpointError>> {
    let mut errors = Vec::new();
    let mut warnings = Warnings::default();
    for (id, answer) in &checkpoint.answers {
        let Some(question) = catalog.question(id) else {
            warnings.unknown_questions.push(id.clone());
            continue;
        };
        let scale = question.scale();
        let mut problem = |message: String| {
            errors.push(CheckpointError::Mismatch {
                path: path.to_path_buf(),
                line: section_line(text, id),
                id: id.clone(),
                message,
            });
        };
        for (who, vote) in &answer.votes {
            if let Vote::Value(v) = vote
                && !scale.contains(*v)
            {
                problem(format!("{who}'s vote {v} is off its scale {scale}"));
            }
            if !checkpoint.participants.contains(who) {
                problem(format!(
                    "a vote by `{who}`, who is not among the participants ({})",
                    checkpoint.participants.join(", ")
                ));
            }
        }
        if let Some(Vote::Value(v)) = answer.agreed
            && !scale.contains(v)
        {
            problem(format!("the agreed value {v} is off its scale {scale}"));
        }
    }
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(errors)
    }
}

/// The line of the `[answers."<id>"...]` table header, the first one that names `id`.
fn section_line(text: &str, id: &str) -> Option<usize> {
    let needle = format!("answers.\"{id}\"");
    text.lines()
        .position(|l| l.trim_start().starts_with('[') && l.contains(&needle))
        .map(|i| i + 1)
}
