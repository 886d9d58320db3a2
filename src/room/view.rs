//! What one voter may see of the workshop: the state `GET /<room>/api/state` returns as JSON.
//!
//! It follows the facilitator: the question on the shared screen with its text, tips and scale,
//! or the improvements while the squad dot-votes, or only the part's title anywhere else. It
//! says who has voted, never what, until the votes are revealed ([`Checkpoint::is_revealed`],
//! the rule the shared screen follows); then every value and the distribution as the presenter
//! shows them. Dots likewise: your own always, the others' once shown
//! ([`Checkpoint::dots_shown`]). Hidden means hidden on the wire: a value not shown is not in
//! the state at all, not merely left undrawn by the page.

use serde::Serialize;

use crate::agenda::{IMPROVEMENTS_PART, Part};
use crate::assessment::QuestionResult;
use crate::checklist::{Catalog, Kind, Question, flat};
use crate::checkpoint::{Checkpoint, Vote, part_of};

use super::improvement_key;

/// Everything one voter's page shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoterState {
    /// The participant the page votes as (or the name waiting to be admitted).
    pub you: String,
    pub squad: String,
    /// The title of the part the facilitator is in; empty before the workshop starts.
    pub part: String,
    /// What the squad is doing, with what the page needs for it.
    pub phase: Phase,
}

/// What the squad is doing, as a voter takes part in it. In JSON, `kind` says which.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Phase {
    /// The name waits for the facilitator to admit it.
    Admission,
    /// Voting on the question the facilitator has open.
    Vote(Box<Ballot>),
    /// Noting improvements and dot-voting them.
    Dots(Dots),
    /// Anything else (the flow, the board, the summary): nothing to vote on here.
    Elsewhere,
}

/// The open question as one voter sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ballot {
    pub question: QuestionView,
    /// Where the question is in its part, as the shared screen counts.
    pub position: Option<Position>,
    /// Whether everyone's votes show (revealed, everyone voted, or alone).
    pub revealed: bool,
    /// You are marked absent for this part, and so cannot vote on it.
    pub absent: bool,
    pub your_vote: Option<Vote>,
    /// Every participant: whether they voted, and their vote only once revealed.
    pub voted: Vec<Row>,
    /// The distribution and statistics, only once revealed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<Results>,
    /// The value the squad agreed on, as the shared screen shows it.
    pub agreed: Option<Vote>,
    pub note: String,
}

/// A question's text, tips and scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionView {
    pub id: String,
    /// The heading it sits under in its part (a capability, a baseline section); may be empty.
    pub group: String,
    /// Its short name.
    pub name: String,
    pub text: String,
    pub kind: Kind,
    pub tips: Vec<String>,
    pub guiding_questions: Vec<String>,
    pub examples: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// Every value of the scale with its label, lowest first; n/a is always accepted besides.
    pub scale: Vec<ScaleValue>,
}

/// One value of a scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScaleValue {
    pub value: u8,
    pub label: String,
}

/// "question 2 of 4".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub number: usize,
    pub of: usize,
}

/// A participant in the votes list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub name: String,
    pub voted: bool,
    pub absent: bool,
    /// Their vote: only once revealed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vote: Option<Vote>,
}

/// The votes as the presenter shows them once revealed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// Every value of the scale with how many voted it, lowest first.
    pub distribution: Vec<Count>,
    pub not_applicable: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Highest minus lowest value.
    pub spread: Option<u8>,
    /// The votes are far enough apart to talk them through.
    pub discuss: bool,
}

/// How many voted one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub value: u8,
    pub votes: usize,
}

/// Dot-voting as one voter sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dots {
    pub per_person: u32,
    /// Your dots still to place.
    pub left: u32,
    /// Whether everyone's dots show (revealed, all placed, or alone).
    pub shown: bool,
    /// In the order the shared screen lists them: ranked once shown, else as noted.
    pub improvements: Vec<ImprovementView>,
    /// How many dots each participant has placed (the shared screen shows as much), not where.
    pub people: Vec<DotRow>,
}

/// An improvement with your dots on it, and everyone's once shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImprovementView {
    /// Names it in a dot request ([`improvement_key`]).
    pub key: String,
    pub text: String,
    /// What it concerns, in words (`Stage: CI`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concerns: Option<String>,
    pub yours: u32,
    /// Everyone's dots: only once shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dots: Option<u32>,
    /// Its rank: only once shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// Among the top improvements: only once shown.
    pub top: bool,
}

/// A participant's progress in dot-voting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DotRow {
    pub name: String,
    pub placed: u32,
    pub left: u32,
}

/// The state for `voter`, with the agenda as the shared screen has it ([`crate::agenda::shared`]).
pub fn state_for(voter: &str, checkpoint: &Checkpoint, catalog: &Catalog) -> VoterState {
    let catalog = catalog.for_model(checkpoint.dora);
    state_in(
        voter,
        checkpoint,
        catalog,
        &crate::agenda::shared(catalog, checkpoint),
    )
}

/// The state for `voter` with `agenda` given: a server that answers many voters computes it
/// once per change of the checkpoint.
pub fn state_in(
    voter: &str,
    checkpoint: &Checkpoint,
    catalog: &Catalog,
    agenda: &[Part],
) -> VoterState {
    let catalog = catalog.for_model(checkpoint.dora);
    let session = &checkpoint.session;
    let phase = match catalog.question(&session.question) {
        Some(q) => Phase::Vote(Box::new(ballot(voter, q, checkpoint, agenda))),
        None if session.part == IMPROVEMENTS_PART => Phase::Dots(dots(voter, checkpoint, catalog)),
        None => Phase::Elsewhere,
    };
    let part = agenda.iter().find(|p| p.id == session.part);
    VoterState {
        you: voter.to_string(),
        squad: checkpoint.squad.clone(),
        part: part.map_or(String::new(), |p| p.title.clone()),
        phase,
    }
}

/// The state for a name that waits to be admitted: nothing of the workshop but its squad.
pub fn waiting_state(name: &str, checkpoint: &Checkpoint) -> VoterState {
    VoterState {
        you: name.to_string(),
        squad: checkpoint.squad.clone(),
        part: String::new(),
        phase: Phase::Admission,
    }
}

fn ballot(voter: &str, q: &Question, checkpoint: &Checkpoint, agenda: &[Part]) -> Ballot {
    let revealed = checkpoint.is_revealed(&q.id);
    let answer = checkpoint.answer(&q.id);
    let vote_of = |p: &str| answer.and_then(|a| a.votes.get(p).copied());
    let part = part_of(&q.id);
    let voted = checkpoint
        .participants
        .iter()
        .map(|p| Row {
            name: p.clone(),
            voted: vote_of(p).is_some(),
            absent: checkpoint.is_absent(part, p),
            vote: vote_of(p).filter(|_| revealed),
        })
        .collect();
    let results = revealed.then(|| {
        let stats = QuestionResult::new(q, checkpoint).stats;
        Results {
            distribution: stats
                .distribution
                .iter()
                .map(|&(value, votes)| Count { value, votes })
                .collect(),
            not_applicable: stats.not_applicable,
            mean: stats.mean,
            median: stats.median,
            spread: stats.spread,
            discuss: stats.discuss,
        }
    });
    let place = agenda.iter().find_map(|p| {
        let index = p.items.iter().position(|i| i.question == q.id)?;
        Some((p, index))
    });
    Ballot {
        question: question_view(q, place.map_or("", |(p, i)| &p.items[i].group)),
        position: place.map(|(p, index)| Position {
            number: index + 1,
            of: p.items.len(),
        }),
        revealed,
        absent: checkpoint.is_absent(part, voter),
        your_vote: vote_of(voter),
        voted,
        results,
        agreed: answer.and_then(|a| a.agreed),
        note: answer.map_or(String::new(), |a| a.note.clone()),
    }
}

fn question_view(q: &Question, group: &str) -> QuestionView {
    let flat_all = |items: &[String]| items.iter().map(|t| flat(t)).collect();
    QuestionView {
        id: q.id.clone(),
        group: group.to_string(),
        name: flat(q.name()),
        text: flat(&q.text),
        kind: q.kind,
        tips: flat_all(&q.tips),
        guiding_questions: flat_all(&q.guiding_questions),
        examples: flat_all(&q.examples),
        why: q.why.as_deref().map(flat),
        scale: q
            .scale()
            .values()
            .zip(q.scale_labels())
            .map(|(value, label)| ScaleValue {
                value,
                label: flat(label),
            })
            .collect(),
    }
}

fn dots(voter: &str, checkpoint: &Checkpoint, catalog: &Catalog) -> Dots {
    let shown = checkpoint.dots_shown();
    let ranking = if shown {
        checkpoint.ranking()
    } else {
        Vec::new()
    };
    let improvements = checkpoint
        .improvement_order()
        .into_iter()
        .filter_map(|index| {
            let improvement = checkpoint.improvements.get(index)?;
            let ranked = ranking.iter().find(|r| r.index == index);
            Some(ImprovementView {
                key: improvement_key(index, &improvement.text),
                text: improvement.text.clone(),
                concerns: improvement
                    .concerns
                    .as_ref()
                    .map(|c| crate::plan::concern_label(catalog, c)),
                yours: improvement.dots.get(voter).copied().unwrap_or(0),
                dots: shown.then(|| improvement.total_dots()),
                rank: ranked.map(|r| r.rank),
                top: ranked.is_some_and(|r| r.is_top()),
            })
        })
        .collect();
    let people = checkpoint
        .participants
        .iter()
        .map(|p| DotRow {
            name: p.clone(),
            placed: checkpoint.dots_placed(p),
            left: checkpoint.dots_left(p),
        })
        .collect();
    Dots {
        per_person: checkpoint.dot_voting.per_person,
        left: checkpoint.dots_left(voter),
        shown,
        improvements,
        people,
    }
}
