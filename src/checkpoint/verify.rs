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
    verify_plan(path, text, checkpoint, &mut errors);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(errors)
    }
}

/// Dots only by participants and no more than each has; actions tied to improvements that exist.
fn verify_plan(
    path: &Path,
    text: &str,
    checkpoint: &Checkpoint,
    errors: &mut Vec<CheckpointError>,
) {
    let mut problem = |header: &str, nth: usize, id: String, message: String| {
        errors.push(CheckpointError::Mismatch {
            path: path.to_path_buf(),
            line: nth_header_line(text, header, nth),
            id,
            message,
        });
    };
    for (n, improvement) in checkpoint.improvements.iter().enumerate() {
        for who in improvement.dots.keys() {
            if !checkpoint.participants.contains(who) {
                let message = format!("dots by `{who}`, who is not among the participants");
                problem(
                    "[[improvements]]",
                    n,
                    format!("improvement {}", n + 1),
                    message,
                );
            }
        }
    }
    for who in &checkpoint.participants {
        let placed = checkpoint.dots_placed(who);
        let per_person = checkpoint.dot_voting.per_person;
        if placed > per_person {
            let message =
                format!("{who} placed {placed} dots, more than the {per_person} each has");
            problem("[dot_voting]", 0, "dot_voting".to_string(), message);
        }
    }
    let count = checkpoint.improvements.len();
    for (n, action) in checkpoint.actions.iter().enumerate() {
        if let Some(i) = action.improvement.filter(|i| *i >= count) {
            let message =
                format!("improvement = {i}, but there are {count} improvements (counted from 0)");
            problem("[[actions]]", n, format!("action {}", n + 1), message);
        }
    }
}

/// The line of the `nth` (from 0) line that reads `header`.
fn nth_header_line(text: &str, header: &str, nth: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .nth(nth)
        .map(|(i, _)| i + 1)
}

/// The line of the `[answers."<id>"...]` table header, the first one that names `id`.
fn section_line(text: &str, id: &str) -> Option<usize> {
    let needle = format!("answers.\"{id}\"");
    text.lines()
        .position(|l| l.trim_start().starts_with('[') && l.contains(&needle))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_and_actions_that_cannot_be_are_errors_with_their_line() {
        let text = r#"format = 1
squad = "S"
date = 2026-11-22
participants = ["Ana"]

[[improvements]]
text = "a"

[improvements.dots]
Ana = 2
Zed = 1

[[actions]]
text = "x"
improvement = 3

[dot_voting]
per_person = 1
"#;
        let checkpoint: Checkpoint = toml::from_str(text).unwrap();
        let catalog = crate::checklist::Catalog::builtin().unwrap();
        let errors = verify(Path::new("c.toml"), text, &checkpoint, &catalog).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(
            shown[0].contains(":6:") && shown[0].contains("`Zed`"),
            "{}",
            shown[0]
        );
        assert!(
            shown[1].contains(":17:") && shown[1].contains("Ana placed 2 dots"),
            "{}",
            shown[1]
        );
        assert!(
            shown[2].contains(":13:") && shown[2].contains("improvement = 3"),
            "{}",
            shown[2]
        );
    }
}
