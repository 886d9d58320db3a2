//! The size limits of a loaded checkpoint's fields (see [`crate::limits`]): a hand-edited file
//! cannot smuggle in a megabyte-long name that every screen, export and error would repeat.

use std::path::Path;

use super::{Checkpoint, CheckpointError, Concern};
use crate::limits::{self, LimitError};

/// The first field of `checkpoint` over its limit, located in `text`, as an error.
pub(super) fn check(
    path: &Path,
    text: &str,
    checkpoint: &Checkpoint,
) -> Result<(), CheckpointError> {
    first_over(checkpoint).map_or(Ok(()), |error| {
        Err(CheckpointError::Limit {
            path: path.to_path_buf(),
            line: locate(text, value_of(&error)),
            error,
        })
    })
}

fn value_of(error: &LimitError) -> &str {
    match error {
        LimitError::TooLong { value, .. } | LimitError::TooLarge { value, .. } => value,
    }
}

/// The line where the start of `quoted` (a value as [`limits::quote`] cut it) is written, when it
/// is written as is (a value with escapes in the file is not found, and gets no line).
fn locate(text: &str, quoted: &str) -> Option<usize> {
    let head: String = quoted.chars().take(40).filter(|c| *c != '…').collect();
    let at = text.find(&head)?;
    Some(text[..at].matches('\n').count() + 1)
}

fn first_over(c: &Checkpoint) -> Option<LimitError> {
    let name = |field: &str, value: &str| limits::check_name(field, value).err();
    let id = |field: &str, value: &str| limits::check_id(field, value).err();
    let text = |field: &str, value: &str| limits::check_text(field, value).err();
    let concern = |field: &str, concern: &Concern| match concern {
        Concern::Stage(s) => name(field, s),
        Concern::Capability(q) | Concern::Milestone(q) => id(field, q),
    };
    name("squad", &c.squad)
        .or_else(|| name("tribe", &c.tribe))
        .or_else(|| name("facilitator", &c.facilitator))
        .or_else(|| text("board_link", &c.board_link))
        .or_else(|| c.participants.iter().find_map(|p| name("participants", p)))
        .or_else(|| {
            c.absent.iter().find_map(|(part, names)| {
                id("absent", part).or_else(|| names.iter().find_map(|p| name("absent", p)))
            })
        })
        .or_else(|| {
            c.answers.iter().find_map(|(q, a)| {
                id("answers", q)
                    .or_else(|| a.votes.keys().find_map(|p| name("a vote's participant", p)))
                    .or_else(|| text("note", &a.note))
            })
        })
        .or_else(|| c.flow.iter().find_map(|s| name("flow: stage", &s.name)))
        .or_else(|| {
            c.improvements.iter().find_map(|i| {
                text("improvement", &i.text)
                    .or_else(|| i.dots.keys().find_map(|p| name("dots", p)))
                    .or_else(|| i.kit.as_deref().and_then(|k| id("kit", k)))
                    .or_else(|| i.concerns.as_ref().and_then(|x| concern("concerns", x)))
            })
        })
        .or_else(|| {
            c.actions
                .iter()
                .find_map(|a| text("action", &a.text).or_else(|| name("owner", &a.owner)))
        })
        .or_else(|| {
            c.previous_actions
                .iter()
                .find_map(|a| text("previous action", &a.text).or_else(|| name("owner", &a.owner)))
        })
        .or_else(|| {
            let s = &c.session;
            id("session: part", &s.part)
                .or_else(|| id("session: question", &s.question))
                .or_else(|| s.skipped.iter().find_map(|p| id("session: skipped", p)))
                .or_else(|| s.seconds.keys().find_map(|p| id("session: seconds", p)))
        })
        .or_else(|| {
            let e = c.evidence.as_ref()?;
            text("evidence: repo", &e.repo)
                .or_else(|| text("evidence: deployments", &e.deployments))
                .or_else(|| e.counted.iter().find_map(|t| text("evidence: counted", t)))
                .or_else(|| e.caveats.iter().find_map(|t| text("evidence: caveats", t)))
                .or_else(|| {
                    e.questions.iter().find_map(|(q, found)| {
                        id("evidence: questions", q)
                            .or_else(|| found.text.iter().find_map(|t| text("evidence: text", t)))
                    })
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_in_a_file_is_refused_with_its_line_and_a_short_quote() {
        let long = "N".repeat(1_000_000);
        let text = format!(
            "format = 1\nsquad = \"S\"\ndate = 2026-01-01\nparticipants = [\"Ana\", \"{long}\"]\n"
        );
        let err = super::super::store::parse(Path::new("c.toml"), &text).unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.starts_with("c.toml:4: participants: `NNN"),
            "{}",
            &shown[..100]
        );
        assert!(shown.len() < 250, "{}", shown.len());
        let ok = text.replace(&long, &"N".repeat(limits::MAX_NAME_CHARS));
        assert!(super::super::store::parse(Path::new("c.toml"), &ok).is_ok());
    }

    #[test]
    fn every_field_has_its_limit() {
        let mut c = Checkpoint::new("S", jiff::civil::date(2026, 1, 1));
        assert!(first_over(&c).is_none());
        c.set_note("dora.lead-time", &"x".repeat(limits::MAX_TEXT_BYTES + 1));
        assert!(matches!(first_over(&c), Some(LimitError::TooLarge { .. })));
        let mut c = Checkpoint::new("S", jiff::civil::date(2026, 1, 1));
        c.add_improvement("a", Some(Concern::Stage("s".repeat(201))));
        assert!(matches!(first_over(&c), Some(LimitError::TooLong { .. })));
        let mut c = Checkpoint::new("S", jiff::civil::date(2026, 1, 1));
        let found = super::super::QuestionEvidence {
            suggested: Some(3),
            text: vec!["x".repeat(limits::MAX_TEXT_BYTES + 1)],
        };
        c.evidence = Some(super::super::Evidence {
            gathered: jiff::Timestamp::UNIX_EPOCH,
            repo: "/r".into(),
            since: jiff::civil::date(2026, 1, 1),
            until: jiff::civil::date(2026, 1, 1),
            deployments: "tags".into(),
            counted: Vec::new(),
            caveats: Vec::new(),
            questions: [("dora.lead-time".to_string(), found)].into(),
        });
        assert!(matches!(first_over(&c), Some(LimitError::TooLarge { .. })));
    }
}
