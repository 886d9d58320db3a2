//! Who the votes of a question wait for, and what the shared screen may show.
//!
//! Votes stay hidden until the facilitator reveals them or every participant has voted, so that
//! nobody is swayed by the others. A participant marked absent for a part (a checklist set, the
//! first segment of its questions' ids) is not waited for there and has no votes in it. What
//! the squad has seen stays seen: before the squad grows (a participant added late, or marked
//! present again), every question shown because everyone had voted is recorded as revealed.

use std::borrow::Cow;
use std::collections::HashSet;

use super::{Answer, Checkpoint, Mode};

/// The part a question belongs to: its checklist set, the first segment of its id.
pub fn part_of(question: &str) -> &str {
    question.split('.').next().unwrap_or(question)
}

/// Why a participant could not be marked absent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AbsentError {
    #[error("`{}` is not a participant", crate::text::printable(.0))]
    NotParticipant(String),
    #[error(
        "{} has {votes} vote{} in this part: an absent participant has none (clear them first)",
        crate::text::printable(.participant),
        if *.votes == 1 { "" } else { "s" }
    )]
    HasVotes { participant: String, votes: usize },
}

impl Checkpoint {
    /// A copy with only the answers to `questions`, and what decides whether they show (the
    /// mode, the participants, the absences): to score a few questions as the shared screen
    /// shows them without copying every vote.
    pub fn answers_only<'q>(&self, questions: impl IntoIterator<Item = &'q str>) -> Checkpoint {
        let mut copy = Checkpoint::new(self.squad.as_str(), self.date);
        copy.mode = self.mode;
        copy.dora = self.dora;
        copy.industry.clone_from(&self.industry);
        copy.org_size.clone_from(&self.org_size);
        copy.participants.clone_from(&self.participants);
        copy.absent.clone_from(&self.absent);
        for id in questions {
            if let Some(answer) = self.answer(id) {
                copy.answers.insert(id.to_string(), answer.clone());
            }
        }
        copy
    }

    /// Whether `participant` is marked absent for `part`.
    pub fn is_absent(&self, part: &str, participant: &str) -> bool {
        self.absent
            .get(part)
            .is_some_and(|names| names.iter().any(|n| n == participant))
    }

    /// How many votes `participant` has in `part`.
    pub fn votes_in_part(&self, part: &str, participant: &str) -> usize {
        self.answers
            .iter()
            .filter(|(q, a)| part_of(q) == part && a.votes.contains_key(participant))
            .count()
    }

    /// Marks `participant` absent for `part`, or present again. Absent is refused while they
    /// have votes there; present again first keeps shown what the squad has seen.
    pub fn set_absent(
        &mut self,
        part: &str,
        participant: &str,
        absent: bool,
    ) -> Result<(), AbsentError> {
        if !self.participants.iter().any(|p| p == participant) {
            return Err(AbsentError::NotParticipant(participant.to_string()));
        }
        if absent == self.is_absent(part, participant) {
            return Ok(());
        }
        if absent {
            let votes = self.votes_in_part(part, participant);
            if votes > 0 {
                return Err(AbsentError::HasVotes {
                    participant: participant.to_string(),
                    votes,
                });
            }
            let names = self.absent.entry(part.to_string()).or_default();
            names.push(participant.to_string());
            // In participant order, so that the file reads the same however it was marked.
            let order = &self.participants;
            names.sort_by_key(|n| order.iter().position(|p| p == n));
        } else {
            self.keep_shown();
            if let Some(names) = self.absent.get_mut(part) {
                names.retain(|n| n != participant);
                if names.is_empty() {
                    self.absent.remove(part);
                }
            }
        }
        Ok(())
    }

    /// Marks `participant` absent for `part` if present, present if absent (see
    /// [`Checkpoint::set_absent`]); returns whether they are absent now.
    pub fn toggle_absent(&mut self, part: &str, participant: &str) -> Result<bool, AbsentError> {
        let absent = !self.is_absent(part, participant);
        self.set_absent(part, participant, absent).map(|()| absent)
    }

    /// The participants `question`'s votes wait for: everyone not absent for its part.
    pub fn expected<'a>(&'a self, question: &str) -> impl Iterator<Item = &'a String> + 'a {
        let absent = self.absent.get(part_of(question));
        self.participants
            .iter()
            .filter(move |p| absent.is_none_or(|names| !names.contains(p)))
    }

    /// The first participant from `from` on (wrapping round) who has not voted on `question`
    /// and is not absent for its part: whose vote is awaited next.
    pub fn waiting(&self, question: &str, from: usize) -> Option<usize> {
        let n = self.participants.len();
        (0..n).map(|k| (from + k) % n).find(|&i| {
            let p = &self.participants[i];
            !self.is_absent(part_of(question), p)
                && self
                    .answer(question)
                    .is_none_or(|a| !a.votes.contains_key(p))
        })
    }

    /// Whether every participant expected on `question` (and there is at least one) has voted.
    pub fn everyone_voted(&self, question: &str) -> bool {
        let Some(answer) = self.answer(question) else {
            return false;
        };
        let mut expected = self.expected(question).peekable();
        expected.peek().is_some() && expected.all(|p| answer.votes.contains_key(p))
    }

    /// Whether the votes on `question` may be shown: always alone, otherwise once the facilitator
    /// revealed them or every participant expected has voted.
    pub fn is_revealed(&self, question: &str) -> bool {
        self.mode == Mode::Solo
            || self.answer(question).is_some_and(|a| a.revealed)
            || self.everyone_voted(question)
    }

    /// Records as revealed every question shown only because everyone had voted, and the dots
    /// when all were placed: called before the squad grows, so that a late participant does not
    /// hide what the squad has already seen.
    pub fn keep_shown(&mut self) {
        let shown: Vec<String> = self
            .answers
            .iter()
            .filter(|(q, a)| !a.revealed && !a.votes.is_empty() && self.everyone_voted(q))
            .map(|(q, _)| q.clone())
            .collect();
        for question in shown {
            if let Some(answer) = self.answers.get_mut(&question) {
                answer.revealed = true;
            }
        }
        if self.mode == Mode::Workshop && self.all_dots_placed() {
            self.dot_voting.revealed = true;
        }
    }

    /// Records as revealed every question with votes not shown yet: ballots were filled in
    /// apart, so once imported there is nothing left to hide them for.
    /// Those everyone voted on show anyway and are left as they are.
    pub fn reveal_voted(&mut self) {
        let held: Vec<String> = self
            .answers
            .iter()
            .filter(|(q, a)| !a.revealed && !a.votes.is_empty() && !self.everyone_voted(q))
            .map(|(q, _)| q.clone())
            .collect();
        for question in held {
            self.set_revealed(&question, true);
        }
    }

    /// The checkpoint as the shared screen may show it: votes and dots not yet revealed are left
    /// out (agreed values and notes stay). Returns how many questions had their votes held back.
    /// When nothing is held back, the checkpoint itself, not a copy.
    pub fn revealed_only(&self) -> (Cow<'_, Checkpoint>, usize) {
        // Whether everyone voted, with the participants in a set once rather than looked up
        // in every question's votes: linear in the votes, at any squad size.
        let everyone: HashSet<&str> = self.participants.iter().map(String::as_str).collect();
        let all_voted = |question: &str, answer: &Answer| {
            let absent = self.absent.get(part_of(question));
            let expected = |p: &str| {
                everyone.contains(p) && absent.is_none_or(|names| !names.iter().any(|n| n == p))
            };
            let wanted = match absent {
                None => everyone.len(),
                Some(_) => everyone.iter().filter(|p| expected(p)).count(),
            };
            wanted > 0
                && answer.votes.len() >= wanted
                && answer.votes.keys().filter(|p| expected(p)).count() == wanted
        };
        let held = |question: &str, answer: &Answer| {
            !answer.votes.is_empty()
                && self.mode != Mode::Solo
                && !answer.revealed
                && !all_voted(question, answer)
        };
        let dots_held = !self.dots_shown() && self.improvements.iter().any(|i| !i.dots.is_empty());
        if !dots_held && !self.answers.iter().any(|(q, a)| held(q, a)) {
            return (Cow::Borrowed(self), 0);
        }
        let mut shown = self.clone();
        let mut hidden = 0;
        for (question, answer) in &mut shown.answers {
            if held(question, answer) {
                answer.votes.clear();
                hidden += 1;
            }
        }
        shown.hide_dots();
        (Cow::Owned(shown), hidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::tests::three;
    use crate::checkpoint::{Improvement, Vote};

    fn votes(c: &mut Checkpoint, question: &str, who: &[&str]) {
        for p in who {
            c.vote(question, p, Vote::Value(2));
        }
    }

    /// The questions whose votes the shared screen leaves out, by both ways of asking.
    fn hidden(c: &Checkpoint) -> Vec<String> {
        let (shown, n) = c.revealed_only();
        let by_copy: Vec<String> = c
            .answers
            .iter()
            .filter(|(q, a)| !a.votes.is_empty() && shown.answers[*q].votes.is_empty())
            .map(|(q, _)| q.clone())
            .collect();
        let by_question: Vec<String> = c
            .answers
            .iter()
            .filter(|(q, a)| !a.votes.is_empty() && !c.is_revealed(q))
            .map(|(q, _)| q.clone())
            .collect();
        assert_eq!(by_copy, by_question, "revealed_only and is_revealed agree");
        assert_eq!(n, by_copy.len());
        by_copy
    }

    #[test]
    fn the_part_of_a_question_is_its_set() {
        assert_eq!(part_of("baseline.culture.safety"), "baseline");
        assert_eq!(part_of("dora"), "dora");
    }

    #[test]
    fn a_late_participant_does_not_hide_what_the_squad_saw() {
        let mut c = three();
        votes(&mut c, "dora.lead-time", &["Ana", "Ben", "Cy"]);
        votes(&mut c, "dora.deploy-frequency", &["Ana", "Ben"]);
        assert_eq!(hidden(&c), ["dora.deploy-frequency"]);
        c.add_participant("Dee").unwrap();
        assert!(
            c.is_revealed("dora.lead-time"),
            "seen by everyone before Dee came"
        );
        assert!(!c.everyone_voted("dora.lead-time"), "Dee may still vote");
        assert_eq!(hidden(&c), ["dora.deploy-frequency"], "nothing else hidden");
        // Dee's vote joins the shown ones at once.
        c.vote("dora.lead-time", "Dee", Vote::Value(4));
        assert!(
            c.revealed_only().0.answers["dora.lead-time"]
                .votes
                .contains_key("Dee")
        );
    }

    #[test]
    fn a_late_participant_does_not_hide_the_dots_either() {
        let mut c = three();
        c.dot_voting.per_person = 1;
        c.improvements.push(Improvement::new("CI", None));
        for p in ["Ana", "Ben", "Cy"] {
            c.add_dot(0, p).unwrap();
        }
        assert!(c.dots_shown());
        c.add_participant("Dee").unwrap();
        assert!(c.dots_shown());
        assert_eq!(c.revealed_only().0.improvements[0].total_dots(), 3);
    }

    #[test]
    fn an_absent_participant_is_not_waited_for_in_their_part_only() {
        let mut c = three();
        c.set_absent("dora", "Cy", true).unwrap();
        assert!(c.is_absent("dora", "Cy") && !c.is_absent("baseline", "Cy"));
        votes(&mut c, "dora.lead-time", &["Ana", "Ben"]);
        votes(&mut c, "baseline.culture.safety", &["Ana", "Ben"]);
        assert!(c.everyone_voted("dora.lead-time"));
        assert_eq!(hidden(&c), ["baseline.culture.safety"]);
        let expected: Vec<&String> = c.expected("dora.change-failure-rate").collect();
        assert_eq!(expected, ["Ana", "Ben"]);
        // Back again: what was shown stays shown, and Cy may vote.
        c.set_absent("dora", "Cy", false).unwrap();
        assert!(c.absent.is_empty());
        assert!(c.is_revealed("dora.lead-time"));
        assert_eq!(hidden(&c), ["baseline.culture.safety"]);
        // Everyone absent: nobody to wait for, so nothing shows by itself.
        for p in ["Ana", "Ben", "Cy"] {
            c.set_absent("phases", p, true).unwrap();
        }
        c.set_note("phases.p1.x", "n");
        assert!(!c.everyone_voted("phases.p1.x"));
    }

    #[test]
    fn absent_is_refused_while_the_participant_has_votes_in_the_part() {
        let mut c = three();
        votes(&mut c, "dora.lead-time", &["Cy"]);
        votes(&mut c, "dora.deploy-frequency", &["Cy"]);
        let err = c.set_absent("dora", "Cy", true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Cy has 2 votes in this part: an absent participant has none (clear them first)"
        );
        assert!(c.absent.is_empty());
        c.set_absent("baseline", "Cy", true).unwrap();
        assert_eq!(c.toggle_absent("phases", "Ana"), Ok(true));
        assert_eq!(c.toggle_absent("phases", "Ana"), Ok(false));
        assert_eq!(
            c.set_absent("dora", "Zed", true),
            Err(AbsentError::NotParticipant("Zed".into()))
        );
    }

    #[test]
    fn absences_follow_renames_and_go_with_their_participant_in_order() {
        let mut c = three();
        c.set_absent("dora", "Cy", true).unwrap();
        c.set_absent("dora", "Ana", true).unwrap();
        assert_eq!(c.absent["dora"], ["Ana", "Cy"], "participant order");
        c.rename_participant("Cy", "Cyd").unwrap();
        assert_eq!(c.absent["dora"], ["Ana", "Cyd"]);
        c.remove_participant("Ana");
        c.remove_participant("Cyd");
        assert!(c.absent.is_empty());
        let text = toml::to_string(&c).unwrap();
        assert!(!text.contains("absent"), "{text}");
    }

    #[test]
    fn absences_round_trip_through_the_file() {
        let mut c = three();
        c.set_absent("baseline", "Ben", true).unwrap();
        let text = toml::to_string_pretty(&c).unwrap();
        assert!(text.contains("[absent]\nbaseline = [\"Ben\"]"), "{text}");
        let back: Checkpoint = toml::from_str(&text).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn imported_votes_are_all_revealed() {
        let mut c = three();
        votes(&mut c, "dora.lead-time", &["Ana"]);
        votes(&mut c, "dora.deploy-frequency", &["Ana", "Ben", "Cy"]);
        c.reveal_voted();
        assert!(hidden(&c).is_empty());
        assert!(c.answers["dora.lead-time"].revealed);
        assert!(!c.answers["dora.deploy-frequency"].revealed, "shown anyway");
    }
}
