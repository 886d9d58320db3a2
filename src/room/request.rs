//! What a voter may ask of the workshop, and the rules that decide it: a vote only on the
//! question the facilitator has open, on its scale, and not while marked absent for its part;
//! dots and improvement ideas only while the squad is on the improvements. Every change is a
//! [`Command`], carried out by the one [`Command::apply`] the facilitator's keys use too, so
//! that a vote cast remotely and one typed on the shared screen are the same vote.
//!
//! A refused request changes nothing.

use crate::agenda::IMPROVEMENTS_PART;
use crate::checklist::{Catalog, Scale};
use crate::checkpoint::{Checkpoint, Vote, part_of};
use crate::command::Command;

/// One voter's request, named by the voter's token beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomRequest {
    /// Vote on `question` (`value: None` clears the vote).
    Vote {
        question: String,
        value: Option<Vote>,
    },
    /// Place a dot on, or take one back from, the improvement with this key (see
    /// [`improvement_key`]).
    Dot {
        improvement: String,
        change: DotChange,
    },
    /// Note an improvement idea.
    AddImprovement { text: String },
}

/// A dot placed or taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotChange {
    Add,
    Remove,
}

/// What a request changed, for the owner to save and the facilitator's screen to tell. It
/// never holds a value: the shared screen must not learn a hidden vote from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// The voter's vote on `question` was recorded; `shown_now` when it was the last one
    /// awaited, so that the votes show now.
    Voted { question: String, shown_now: bool },
    /// The voter's vote on `question` was cleared.
    Cleared { question: String },
    /// The request asked for what was already so (the same vote, or no vote to clear).
    Unchanged,
    /// A dot was placed on or taken back from improvement `index`; `left` to place.
    Dot { index: usize, left: u32 },
    /// An improvement idea was noted at `index`.
    ImprovementAdded { index: usize },
}

impl Applied {
    /// Whether the checkpoint changed and so must be saved before the voter hears back.
    pub fn changed(&self) -> bool {
        *self != Applied::Unchanged
    }
}

/// Why a request was refused, in words for the voter's page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("You are not among the participants (any more): ask the facilitator.")]
    NotParticipant,
    #[error("The facilitator is not on a question to vote on right now.")]
    NoQuestion,
    #[error("The facilitator has moved on: vote on the question on screen.")]
    NotOpen,
    #[error("{value} is not on this question's scale ({scale}).")]
    OffScale { value: u8, scale: Scale },
    #[error("You are marked absent for this part: ask the facilitator to mark you present.")]
    Absent,
    #[error("Dot-voting is not under way: the facilitator opens the improvements first.")]
    NotDotVoting,
    #[error("That improvement has changed or gone: here is the list as it is now.")]
    NoImprovement,
    #[error("You have placed all {per_person} of your dots: take one back to move it.")]
    NoDotsLeft { per_person: u32 },
    #[error("You have no dot on that improvement.")]
    NoDotThere,
    #[error("Say what to improve.")]
    EmptyText,
    #[error("The text has a control or invisible character: type it plainly.")]
    UnsafeText,
    #[error("The text is {bytes} bytes long; at most {max} are allowed.")]
    TooLong { bytes: usize, max: usize },
}

/// The key that names improvement `index` with `text` in a [`RoomRequest::Dot`]: its place
/// and a fingerprint of its text, so that a dot meant for one improvement never lands on
/// another after an improvement was removed or edited in the meantime.
pub fn improvement_key(index: usize, text: &str) -> String {
    // FNV-1a: the same in every build, unlike std's hasher; collisions would need the same
    // place too.
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{index}-{hash:016x}")
}

/// The improvement `key` names, if it is still there as it was.
fn improvement_at(checkpoint: &Checkpoint, key: &str) -> Option<usize> {
    let index: usize = key.split_once('-')?.0.parse().ok()?;
    let improvement = checkpoint.improvements.get(index)?;
    (improvement_key(index, &improvement.text) == key).then_some(index)
}

/// Applies `voter`'s `request` to `checkpoint` under the workshop's rules, or says why not.
/// `voter` is the participant the request's token votes as ([`super::Room::voter`]).
pub fn apply(
    request: &RoomRequest,
    voter: &str,
    checkpoint: &mut Checkpoint,
    catalog: &Catalog,
) -> Result<Applied, Refused> {
    if !checkpoint.participants.iter().any(|p| p == voter) {
        return Err(Refused::NotParticipant);
    }
    match request {
        RoomRequest::Vote { question, value } => vote(question, *value, voter, checkpoint, catalog),
        RoomRequest::Dot {
            improvement,
            change,
        } => {
            on_improvements(checkpoint)?;
            let index = improvement_at(checkpoint, improvement).ok_or(Refused::NoImprovement)?;
            let participant = voter.to_string();
            let (command, refused) = match change {
                DotChange::Add => (
                    Command::AddDot { index, participant },
                    Refused::NoDotsLeft {
                        per_person: checkpoint.dot_voting.per_person,
                    },
                ),
                DotChange::Remove => (
                    Command::RemoveDot { index, participant },
                    Refused::NoDotThere,
                ),
            };
            command.apply(checkpoint).map_err(|_| refused)?;
            let left = checkpoint.dots_left(voter);
            Ok(Applied::Dot { index, left })
        }
        RoomRequest::AddImprovement { text } => {
            on_improvements(checkpoint)?;
            let text = idea(text)?;
            let command = Command::AddImprovement {
                text,
                concerns: None,
            };
            let index = command.apply(checkpoint).map(|done| done.index());
            Ok(Applied::ImprovementAdded {
                index: index.unwrap_or_default(),
            })
        }
    }
}

fn vote(
    question: &str,
    value: Option<Vote>,
    voter: &str,
    checkpoint: &mut Checkpoint,
    catalog: &Catalog,
) -> Result<Applied, Refused> {
    let open = checkpoint.session.question.as_str();
    let q = catalog.question(open).ok_or(Refused::NoQuestion)?;
    if question != open {
        return Err(Refused::NotOpen);
    }
    let scale = q.scale();
    if let Some(Vote::Value(value)) = value
        && !scale.contains(value)
    {
        return Err(Refused::OffScale { value, scale });
    }
    if checkpoint.is_absent(part_of(question), voter) {
        return Err(Refused::Absent);
    }
    let before = checkpoint
        .answer(question)
        .and_then(|a| a.votes.get(voter).copied());
    if before == value {
        return Ok(Applied::Unchanged);
    }
    let (question, participant) = (question.to_string(), voter.to_string());
    let was_shown = checkpoint.is_revealed(&question);
    // Neither command refuses: the rules above are the room's own.
    match value {
        Some(vote) => {
            let command = Command::Vote {
                question: question.clone(),
                participant,
                vote,
            };
            let _ = command.apply(checkpoint);
            let shown_now = !was_shown && checkpoint.is_revealed(&question);
            Ok(Applied::Voted {
                question,
                shown_now,
            })
        }
        None => {
            let command = Command::ClearVote {
                question: question.clone(),
                participant,
            };
            let _ = command.apply(checkpoint);
            Ok(Applied::Cleared { question })
        }
    }
}

/// Refuses dots and ideas unless the facilitator is on the improvements part.
fn on_improvements(checkpoint: &Checkpoint) -> Result<(), Refused> {
    if checkpoint.session.part == IMPROVEMENTS_PART {
        Ok(())
    } else {
        Err(Refused::NotDotVoting)
    }
}

/// An improvement idea as it is noted: on one line (the form's newlines and tabs become
/// spaces), trimmed, without control or invisible characters, within the text limit.
fn idea(text: &str) -> Result<String, Refused> {
    // Checked as sent, before any copy: folding onto one line only makes it shorter.
    crate::limits::check_text("improvement", text).map_err(|_| Refused::TooLong {
        bytes: text.len(),
        max: crate::limits::MAX_TEXT_BYTES,
    })?;
    let text = crate::checklist::flat(text);
    if text.is_empty() {
        return Err(Refused::EmptyText);
    }
    if text.chars().any(crate::text::is_unsafe) {
        return Err(Refused::UnsafeText);
    }
    Ok(text)
}
