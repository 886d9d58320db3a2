//! Ballots into checkpoints: a new one built from ballots ([`combine`], `checkpoint import`),
//! or late ballots added to one that already has votes ([`add`], `checkpoint import --into`),
//! as if each voter had voted on the workshop screen.
//!
//! A late voter new to the checkpoint joins its participants; one already there (in any case) keeps
//! the checkpoint's spelling. What the squad has seen stays shown (see
//! [`Checkpoint::keep_shown`]), and a voter marked absent for a part their ballot answers is
//! marked present there again. A vote that differs from the one the participant already cast is
//! refused, naming the ballot's file and line, unless the ballot is to replace it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use super::read::key_lines;
use super::{Ballot, BallotError};
use crate::checkpoint::{Checkpoint, Mode, Vote, part_of};
use crate::location::position;
use crate::text::printable;

/// A late ballot that cannot be added.
#[derive(Debug, thiserror::Error)]
pub enum LateError {
    #[error(transparent)]
    Ballot(#[from] BallotError),
    #[error(
        "{file}{}: {id}: {} already voted {was} in the checkpoint, the ballot says {now}; \
         keep one (--replace takes the ballot's)",
        position(*line, None), printable(.participant)
    )]
    Conflict {
        file: String,
        line: Option<usize>,
        id: String,
        participant: String,
        was: Vote,
        now: Vote,
    },
    #[error("a solo self-assessment has one voter; ballots go into a squad's checkpoint")]
    Solo,
}

/// Builds one checkpoint from checked ballots `(file, ballot)`; refuses two ballots by one person.
pub fn combine(
    mut checkpoint: Checkpoint,
    ballots: &[(String, Ballot)],
) -> Result<Checkpoint, Vec<BallotError>> {
    let mut errors = Vec::new();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (file, ballot) in ballots {
        let key = ballot.participant.to_lowercase();
        if let Some(first) = seen.get(&key) {
            errors.push(BallotError::DuplicateParticipant {
                file: file.clone(),
                participant: ballot.participant.clone(),
                first: (*first).to_string(),
            });
            continue;
        }
        seen.insert(key, file);
        checkpoint.participants.push(ballot.participant.clone());
        for (id, vote) in &ballot.votes {
            checkpoint.vote(id, &ballot.participant, *vote);
        }
        for (id, note) in &ballot.notes {
            if let Err(e) = add_note(&mut checkpoint, file, id, &ballot.participant, note) {
                errors.push(e);
            }
        }
    }
    // Filled in apart: nothing is left to hide the votes for (see `Checkpoint::reveal_voted`).
    checkpoint.reveal_voted();
    if errors.is_empty() {
        Ok(checkpoint)
    } else {
        Err(errors)
    }
}

/// How late ballots are added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// A ballot's vote replaces a different one the participant cast before.
    pub replace: bool,
    /// The ballots' votes are shown at once, as a new import shows them, rather than waiting
    /// for everyone to vote or for the facilitator to reveal them.
    pub reveal: bool,
}

/// What one late ballot changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// The participant, as the checkpoint spells them.
    pub participant: String,
    /// They were not a participant before.
    pub new: bool,
    /// Votes on questions they had not voted on.
    pub votes: usize,
    /// Votes that replaced a different one (with `replace`).
    pub replaced: usize,
    /// Parts they were marked absent for and are present in now.
    pub present_again: Vec<String>,
}

/// Adds checked ballots `(file, ballot)` to `checkpoint`. Nothing is changed unless every
/// ballot can be added: the errors come back instead, each naming its ballot.
pub fn add(
    mut checkpoint: Checkpoint,
    ballots: &[(String, Ballot)],
    options: Options,
) -> Result<(Checkpoint, Vec<Added>), Vec<LateError>> {
    if checkpoint.mode == Mode::Solo {
        return Err(vec![LateError::Solo]);
    }
    let mut errors = Vec::new();
    let mut conflicts: BTreeMap<&str, Vec<(&str, String, Vote, Vote)>> = BTreeMap::new();
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut names = Vec::new();
    for (file, ballot) in ballots {
        let key = ballot.participant.to_lowercase();
        if let Some(first) = seen.get(&key) {
            errors.push(LateError::Ballot(BallotError::DuplicateParticipant {
                file: file.clone(),
                participant: ballot.participant.clone(),
                first: (*first).to_string(),
            }));
            continue;
        }
        seen.insert(key.clone(), file);
        let name = checkpoint
            .participants
            .iter()
            .find(|p| p.to_lowercase() == key)
            .cloned();
        if let Some(name) = &name {
            for (id, now) in &ballot.votes {
                let was = checkpoint.answer(id).and_then(|a| a.votes.get(name));
                if let Some(was) = was.filter(|was| *was != now && !options.replace) {
                    let conflict = (id.as_str(), name.clone(), *was, *now);
                    conflicts.entry(file).or_default().push(conflict);
                }
            }
        }
        names.push(name);
    }
    for (file, found) in conflicts {
        let lines = vote_lines(file);
        for (id, participant, was, now) in found {
            errors.push(LateError::Conflict {
                file: file.to_string(),
                line: lines.get(id).copied(),
                id: id.to_string(),
                participant,
                was,
                now,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    checkpoint.keep_shown();
    let mut added = Vec::new();
    for ((file, ballot), name) in ballots.iter().zip(names) {
        let new = name.is_none();
        let name = match name {
            Some(name) => name,
            None => {
                checkpoint
                    .add_participant(&ballot.participant)
                    .map_err(|e| vec![shape(file, &e.to_string())])?;
                ballot.participant.clone()
            }
        };
        added.push(merge(&mut checkpoint, file, ballot, name, new).map_err(|e| vec![e])?);
        if options.reveal {
            for id in ballot.votes.keys() {
                if !checkpoint.is_revealed(id) {
                    checkpoint.set_revealed(id, true);
                }
            }
        }
    }
    Ok((checkpoint, added))
}

/// Adds one ballot's votes and notes for `name`.
fn merge(
    checkpoint: &mut Checkpoint,
    file: &str,
    ballot: &Ballot,
    name: String,
    new: bool,
) -> Result<Added, LateError> {
    let parts: BTreeSet<&str> = ballot.votes.keys().map(|id| part_of(id)).collect();
    let mut present_again = Vec::new();
    for part in parts {
        if checkpoint.is_absent(part, &name) {
            checkpoint
                .set_absent(part, &name, false)
                .map_err(|e| shape(file, &e.to_string()))?;
            present_again.push(part.to_string());
        }
    }
    let (mut votes, mut replaced) = (0, 0);
    for (id, vote) in &ballot.votes {
        match checkpoint.answer(id).and_then(|a| a.votes.get(&name)) {
            Some(was) if was == vote => continue,
            Some(_) => replaced += 1,
            None => votes += 1,
        }
        checkpoint.vote(id, &name, *vote);
    }
    for (id, note) in &ballot.notes {
        add_note(checkpoint, file, id, &name, note)?;
    }
    Ok(Added {
        participant: name,
        new,
        votes,
        replaced,
        present_again,
    })
}

/// Adds `name: note` as a line of the question's note, unless it is there already; refused
/// when the note would grow past the limit a checkpoint file is held to.
fn add_note(
    checkpoint: &mut Checkpoint,
    file: &str,
    id: &str,
    name: &str,
    note: &str,
) -> Result<(), BallotError> {
    let line = format!("{name}: {note}");
    let answer = checkpoint.answers.entry(id.to_string()).or_default();
    if answer.note.lines().any(|l| l == line) {
        return Ok(());
    }
    let note = if answer.note.is_empty() {
        line
    } else {
        format!("{}\n{line}", answer.note)
    };
    crate::limits::check_text(&format!("notes: {id}"), &note).map_err(|error| {
        BallotError::Limit {
            file: file.to_string(),
            line: None,
            error,
        }
    })?;
    answer.note = note;
    Ok(())
}

fn shape(file: &str, message: &str) -> LateError {
    LateError::Ballot(BallotError::Shape {
        file: file.to_string(),
        message: message.to_string(),
    })
}

/// The line of each question id under `votes:` in the ballot `file`, read again to name the
/// lines of conflicts (which are rare, so a ballot is not indexed on every import).
fn vote_lines(file: &str) -> HashMap<String, usize> {
    let Ok(text) = crate::limits::read_capped(Path::new(file), crate::limits::MAX_BALLOT_BYTES)
    else {
        return HashMap::new();
    };
    let keys = key_lines(&text);
    let first = |key: &str| keys.get(key).and_then(|l| l.first()).copied();
    let Some(start) = first("votes") else {
        return HashMap::new();
    };
    // The votes end where the next top-level key starts.
    let end = text
        .lines()
        .enumerate()
        .skip(start)
        .find(|(_, l)| !l.is_empty() && !l.starts_with([' ', '\t', '#']))
        .map_or(usize::MAX, |(i, _)| i + 1);
    keys.iter()
        .filter_map(|(id, lines)| {
            let line = lines.iter().find(|l| (start + 1..end).contains(*l))?;
            Some(((*id).to_string(), *line))
        })
        .collect()
}

#[cfg(test)]
mod tests;
