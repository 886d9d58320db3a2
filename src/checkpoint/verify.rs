//! Checks a loaded checkpoint against the checklists: a hand-edited file can hold votes off a
//! question's scale, votes by someone who is not a participant, or answers to questions that no
//! loaded checklist has.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{Checkpoint, CheckpointError, Vote};
use crate::checklist::Catalog;
use crate::limits::quote;

/// What [`verify`] found that does not stop the checkpoint from being used.
#[derive(Debug, Default, PartialEq)]
pub struct Warnings {
    /// Ids of answers to questions no loaded checklist has; kept in the file, left out of scores.
    pub unknown_questions: Vec<String>,
}

/// A checkpoint that could not be opened: unreadable, or with problems against the checklists.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Load(#[from] CheckpointError),
    #[error("{}: the checkpoint has {}:\n{}", .path.display(), count_problems(.problems.len()), listed(.problems))]
    Problems {
        path: PathBuf,
        problems: Vec<CheckpointError>,
    },
}

fn count_problems(n: usize) -> String {
    match n {
        1 => "1 problem".to_string(),
        n => format!("{n} problems"),
    }
}

fn listed(errors: &[CheckpointError]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
    lines.join("\n")
}

/// Loads the checkpoint at `path` and checks it against `catalog`: problems are an error;
/// answers to questions no loaded checklist has are a warning that comes back with it (they stay
/// in the file, left out of the scores).
pub fn open(catalog: &Catalog, path: &Path) -> Result<(Checkpoint, Option<String>), OpenError> {
    let (checkpoint, text) = super::load_with_text(path)?;
    let catalog = catalog.for_model(checkpoint.dora);
    let warnings =
        verify(path, &text, &checkpoint, catalog).map_err(|problems| OpenError::Problems {
            path: path.to_path_buf(),
            problems,
        })?;
    let unknown = &warnings.unknown_questions;
    let warning = (!unknown.is_empty()).then(|| {
        let answers = match unknown.len() {
            1 => "1 answer".to_string(),
            n => format!("{n} answers"),
        };
        format!(
            "{}: {answers} for questions no loaded checklist has ({}); they are left out of \
             the scores. Load their checklists with --checklists DIR.",
            path.display(),
            unknown.join(", ")
        )
    });
    Ok((checkpoint, warning))
}

/// Checks `checkpoint` (read from `path`, whose `text` locates problems) against `catalog`.
pub fn verify(
    path: &Path,
    text: &str,
    checkpoint: &Checkpoint,
    catalog: &Catalog,
) -> Result<Warnings, Vec<CheckpointError>> {
    let catalog = catalog.for_model(checkpoint.dora);
    let mut errors = Vec::new();
    let mut warnings = Warnings::default();
    let lines = std::cell::OnceCell::new();
    let lines = || lines.get_or_init(|| Headers::new(text));
    let participants: HashSet<&str> = checkpoint.participants.iter().map(String::as_str).collect();
    let everyone = std::cell::OnceCell::new();
    let everyone = || everyone.get_or_init(|| quote(&checkpoint.participants.join(", ")));
    for (id, answer) in &checkpoint.answers {
        let Some(question) = catalog.question(id) else {
            warnings.unknown_questions.push(id.clone());
            continue;
        };
        let scale = question.scale();
        let mut problem = |message: String| {
            errors.push(CheckpointError::Mismatch {
                path: path.to_path_buf(),
                line: lines().section(id),
                id: id.clone(),
                message,
            });
        };
        for (who, vote) in &answer.votes {
            if let Vote::Value(v) = vote
                && !scale.contains(*v)
            {
                problem(format!(
                    "{}'s vote {v} is off its scale {scale}",
                    quote(who)
                ));
            }
            if !participants.contains(who.as_str()) {
                problem(format!(
                    "a vote by `{}`, who is not among the participants ({})",
                    quote(who),
                    everyone()
                ));
            }
        }
        if let Some(Vote::Value(v)) = answer.agreed
            && !scale.contains(v)
        {
            problem(format!("the agreed value {v} is off its scale {scale}"));
        }
    }
    for (id, found) in checkpoint.evidence.iter().flat_map(|e| &e.questions) {
        if let (Some(question), Some(v)) = (catalog.question(id), found.suggested)
            && !question.scale().contains(v)
        {
            errors.push(CheckpointError::Mismatch {
                path: path.to_path_buf(),
                line: lines().nth(&format!("[evidence.questions.\"{id}\"]"), 0),
                id: format!("evidence.{id}"),
                message: format!(
                    "the suggested value {v} is off its scale {scale}",
                    scale = question.scale()
                ),
            });
        }
    }
    verify_absent(path, &lines, &participants, checkpoint, &mut errors);
    verify_plan(path, &lines, &participants, checkpoint, &mut errors);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(errors)
    }
}

/// Absences only of participants, and no votes by someone absent for the question's part.
fn verify_absent<'t>(
    path: &Path,
    lines: &dyn Fn() -> &'t Headers<'t>,
    participants: &HashSet<&str>,
    checkpoint: &Checkpoint,
    errors: &mut Vec<CheckpointError>,
) {
    let mut absent: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (part, names) in &checkpoint.absent {
        for who in names {
            absent.entry(part).or_default().insert(who);
            if !participants.contains(who.as_str()) {
                errors.push(CheckpointError::Mismatch {
                    path: path.to_path_buf(),
                    line: lines().nth("[absent]", 0),
                    id: format!("absent.{part}"),
                    message: format!("`{}` is not among the participants", quote(who)),
                });
            }
        }
    }
    for (id, answer) in &checkpoint.answers {
        let Some(names) = absent.get(super::part_of(id)) else {
            continue;
        };
        for who in answer.votes.keys().filter(|p| names.contains(p.as_str())) {
            errors.push(CheckpointError::Mismatch {
                path: path.to_path_buf(),
                line: lines().section(id),
                id: id.clone(),
                message: format!(
                    "a vote by `{}`, who is marked absent for `{}`",
                    quote(who),
                    quote(super::part_of(id))
                ),
            });
        }
    }
}

/// Dots only by participants and no more than each has; actions tied to improvements that exist.
fn verify_plan<'t>(
    path: &Path,
    lines: &dyn Fn() -> &'t Headers<'t>,
    participants: &HashSet<&str>,
    checkpoint: &Checkpoint,
    errors: &mut Vec<CheckpointError>,
) {
    let mut problem = |header: &str, nth: usize, id: String, message: String| {
        errors.push(CheckpointError::Mismatch {
            path: path.to_path_buf(),
            line: lines().nth(header, nth),
            id,
            message,
        });
    };
    // Each participant's dots, added up once, saturating: a hand-edited count near u32::MAX
    // must be reported, not overflow.
    let mut placed: HashMap<&str, u32> = HashMap::new();
    for (n, improvement) in checkpoint.improvements.iter().enumerate() {
        for (who, dots) in &improvement.dots {
            let sum = placed.entry(who.as_str()).or_default();
            *sum = sum.saturating_add(*dots);
            if !participants.contains(who.as_str()) {
                let message = format!(
                    "dots by `{}`, who is not among the participants",
                    quote(who)
                );
                problem(
                    "[[improvements]]",
                    n,
                    format!("improvement {}", n + 1),
                    message,
                );
            }
        }
    }
    let per_person = checkpoint.dot_voting.per_person;
    for who in &checkpoint.participants {
        let placed = placed.get(who.as_str()).copied().unwrap_or(0);
        if placed > per_person {
            let placed = match placed {
                u32::MAX => "more than".to_string(),
                n => n.to_string(),
            };
            let message = format!(
                "{} placed {placed} dots, more than the {per_person} each has",
                quote(who)
            );
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

/// The table headers of a checkpoint file, indexed in one pass, so that a file with thousands
/// of problems is searched once, not once per problem.
struct Headers<'t> {
    /// `[[improvements]]`, `[dot_voting]`, ... → their lines, in order.
    tables: HashMap<&'t str, Vec<usize>>,
    /// Question id → the line of the first `[answers."<id>"...]` header.
    answers: HashMap<&'t str, usize>,
}

impl<'t> Headers<'t> {
    fn new(text: &'t str) -> Headers<'t> {
        let mut tables: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut answers = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if !line.starts_with('[') {
                continue;
            }
            tables.entry(line).or_default().push(i + 1);
            let id = line
                .split_once("answers.\"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(id, _)| id);
            if let Some(id) = id {
                answers.entry(id).or_insert(i + 1);
            }
        }
        Headers { tables, answers }
    }

    /// The line of the `nth` (from 0) line that reads `header`.
    fn nth(&self, header: &str, nth: usize) -> Option<usize> {
        self.tables.get(header)?.get(nth).copied()
    }

    /// The line of the first `[answers."<id>"...]` table header.
    fn section(&self, id: &str) -> Option<usize> {
        self.answers.get(id).copied()
    }
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

    #[test]
    fn absences_only_of_participants_and_without_votes_in_their_part() {
        let text = r#"format = 1
squad = "S"
date = 2026-11-22
participants = ["Ana", "Ben"]

[absent]
dora = ["Ben", "Zed"]

[answers."dora.lead-time".votes]
Ana = 5
Ben = 4

[answers."baseline.culture.safety".votes]
Ben = 2
"#;
        let checkpoint: Checkpoint = toml::from_str(text).unwrap();
        let catalog = crate::checklist::Catalog::builtin().unwrap();
        let errors = verify(Path::new("c.toml"), text, &checkpoint, &catalog).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "c.toml:6: absent.dora: `Zed` is not among the participants",
                "c.toml:9: dora.lead-time: a vote by `Ben`, who is marked absent for `dora`",
            ]
        );
    }

    #[test]
    fn dots_near_the_top_of_u32_do_not_overflow_the_per_person_check() {
        let text = "format = 1\nsquad = \"S\"\ndate = 2026-11-22\nparticipants = [\"Ana\", \"Ben\"]\n\n\
                    [[improvements]]\ntext = \"a\"\n\n[improvements.dots]\nAna = 4294967295\nBen = 1\n\n\
                    [[improvements]]\ntext = \"b\"\n\n[improvements.dots]\nAna = 4294967295\n";
        let checkpoint: Checkpoint = toml::from_str(text).unwrap();
        let catalog = crate::checklist::Catalog::builtin().unwrap();
        let errors = verify(Path::new("c.toml"), text, &checkpoint, &catalog).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 1, "{shown:#?}");
        assert!(shown[0].contains("Ana placed more than"), "{}", shown[0]);
        assert_eq!(checkpoint.improvements[0].total_dots(), u32::MAX);
        assert_eq!(checkpoint.dots_placed("Ana"), u32::MAX);
        assert_eq!(checkpoint.ranking()[0].dots, u32::MAX);
    }

    #[test]
    fn many_bad_votes_are_reported_in_linear_time_and_briefly() {
        let mut text = String::from(
            "format = 1\nsquad = \"S\"\ndate = 2026-11-22\nparticipants = [\"Ana\"]\n",
        );
        for q in ["dora.lead-time", "dora.deploy-frequency"] {
            text.push_str(&format!("\n[answers.\"{q}\".votes]\n"));
            for i in 0..20_000 {
                text.push_str(&format!("P{i} = 1\n"));
            }
        }
        let checkpoint: Checkpoint = toml::from_str(&text).unwrap();
        let catalog = crate::checklist::Catalog::builtin().unwrap();
        let start = std::time::Instant::now();
        let errors = verify(Path::new("c.toml"), &text, &checkpoint, &catalog).unwrap_err();
        assert!(
            start.elapsed() < std::time::Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(errors.len(), 40_000);
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            shown[0].starts_with("c.toml:20008: dora.deploy-frequency: a vote by `P0`"),
            "{}",
            shown[0]
        );
        assert!(
            shown
                .iter()
                .any(|e| e.starts_with("c.toml:6: dora.lead-time")),
            "{}",
            shown[20_000]
        );
        assert!(errors.iter().all(|e| e.to_string().len() < 300));
    }
}
