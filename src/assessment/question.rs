//! One question's result: its votes in participant order, their statistics and the squad's
//! value. Every part of the assessment (and the DORA 2025 scores) is built from these.

use std::collections::HashMap;

use serde::Serialize;

use crate::checklist::Question;
use crate::checkpoint::{Checkpoint, Vote};
use crate::score::{self, Stats};

/// One question's votes and the squad's value for it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionResult<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub text: &'a str,
    pub kind: crate::checklist::Kind,
    pub scale: crate::checklist::Scale,
    /// The labels of the scale's values, lowest first.
    pub labels: Vec<&'a str>,
    pub stats: Stats,
    pub agreed: Option<Vote>,
    /// The agreed value, else the mean of the votes.
    pub value: Option<f64>,
    /// The label nearest to `value`.
    pub value_label: Option<&'a str>,
    pub note: &'a str,
    /// Participant → vote, in participant order.
    pub votes: Vec<(&'a str, Vote)>,
    /// Someone voted, or an agreed value was recorded.
    pub answered: bool,
    /// Answered, yet without a value: the squad said n/a.
    pub not_applicable: bool,
}

impl<'a> QuestionResult<'a> {
    /// Scores `question` from what `checkpoint` recorded for it.
    pub fn new(question: &'a Question, checkpoint: &'a Checkpoint) -> QuestionResult<'a> {
        QuestionResult::in_order(question, checkpoint, &order(checkpoint))
    }

    /// Scores `question`, with each participant's place in the list from [`order`], which a
    /// caller scoring many questions makes once.
    pub(super) fn in_order(
        question: &'a Question,
        checkpoint: &'a Checkpoint,
        order: &HashMap<&str, usize>,
    ) -> QuestionResult<'a> {
        let answer = checkpoint.answer(&question.id);
        // Participants' votes in participant order, then any by names not in the list (only
        // in a file `verify` would refuse), in name order. Linear in the votes.
        let votes: Vec<(&str, Vote)> = answer
            .map(|a| {
                let mut votes: Vec<(usize, &str, Vote)> = a
                    .votes
                    .iter()
                    .map(|(p, v)| {
                        (
                            order.get(p.as_str()).copied().unwrap_or(usize::MAX),
                            p.as_str(),
                            *v,
                        )
                    })
                    .collect();
                votes.sort_by_key(|(place, _, _)| *place);
                votes.into_iter().map(|(_, p, v)| (p, v)).collect()
            })
            .unwrap_or_default();
        let scale = question.scale();
        let stats = score::stats(scale, votes.iter().map(|(_, v)| *v));
        let agreed = answer.and_then(|a| a.agreed);
        let value = score::squad_value(&stats, agreed);
        let value_label = value.and_then(|v| {
            let nearest = v.round().clamp(f64::from(scale.min), f64::from(scale.max)) as u8;
            question.label(nearest)
        });
        let answered = stats.votes + stats.not_applicable > 0 || agreed.is_some();
        QuestionResult {
            id: &question.id,
            name: question.name(),
            text: &question.text,
            kind: question.kind,
            scale,
            labels: question.scale_labels(),
            stats,
            agreed,
            value,
            value_label,
            note: answer.map_or("", |a| a.note.as_str()),
            votes,
            answered,
            not_applicable: answered && value.is_none(),
        }
    }
}

/// Each participant's place in the checkpoint's list.
pub(super) fn order(checkpoint: &Checkpoint) -> HashMap<&str, usize> {
    let places = checkpoint.participants.iter().enumerate();
    places.map(|(i, p)| (p.as_str(), i)).collect()
}
