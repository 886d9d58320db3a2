//! What the squad plans at the end of the workshop: its delivery flow, the improvements it
//! dot-votes, and the actions that break the top ones down.

use super::{Action, Checkpoint, Concern, Improvement, Mode, Stage};

/// How many of the highest-ranked improvements count as the top ones (more on a tie).
pub const TOP: usize = 3;

/// Why a dot could not be placed or the number of dots changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DotError {
    #[error("{participant} has placed all {per_person} of their dots")]
    NoneLeft {
        participant: String,
        per_person: u32,
    },
    #[error("{participant} has already placed {placed} dots; take some back first")]
    AlreadyPlaced { participant: String, placed: u32 },
    #[error("each participant needs at least one dot")]
    Zero,
}

/// An improvement's place in the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    /// Its index in [`Checkpoint::improvements`].
    pub index: usize,
    pub dots: u32,
    /// 1 for the most dots; improvements with as many dots share a rank, and the next rank
    /// skips as many places (1, 2, 2, 4).
    pub rank: usize,
}

impl Ranked {
    /// Among the top [`TOP`]: ranked that high and given at least one dot.
    pub fn is_top(&self) -> bool {
        self.rank <= TOP && self.dots > 0
    }
}

impl Improvement {
    /// A new improvement without dots.
    pub fn new(text: impl Into<String>, concerns: Option<Concern>) -> Improvement {
        Improvement {
            text: text.into(),
            concerns,
            dots: Default::default(),
            kit: None,
        }
    }

    /// Every participant's dots together.
    pub fn total_dots(&self) -> u32 {
        self.dots.values().fold(0, |sum, n| sum.saturating_add(*n))
    }
}

impl Checkpoint {
    /// The improvements' indices in the order shown: ranked once the dots show, else as
    /// noted.
    pub fn improvement_order(&self) -> Vec<usize> {
        if self.dots_shown() {
            self.ranking().iter().map(|r| r.index).collect()
        } else {
            (0..self.improvements.len()).collect()
        }
    }

    /// The improvements from most dots to fewest; ties keep the order they were added in.
    pub fn ranking(&self) -> Vec<Ranked> {
        let mut order: Vec<(usize, u32)> = self
            .improvements
            .iter()
            .map(Improvement::total_dots)
            .enumerate()
            .collect();
        order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut ranked: Vec<Ranked> = Vec::with_capacity(order.len());
        for (place, (index, dots)) in order.into_iter().enumerate() {
            let rank = match ranked.last() {
                Some(prev) if prev.dots == dots => prev.rank,
                _ => place + 1,
            };
            ranked.push(Ranked { index, dots, rank });
        }
        ranked
    }

    /// The dots `participant` has placed.
    pub fn dots_placed(&self, participant: &str) -> u32 {
        self.improvements
            .iter()
            .filter_map(|i| i.dots.get(participant))
            .fold(0, |sum: u32, n| sum.saturating_add(*n))
    }

    /// The first participant from `from` on (wrapping round) who has dots left to place.
    pub fn with_dots_left(&self, from: usize) -> Option<usize> {
        let people = self.participants.len();
        (0..people)
            .map(|k| (from + k) % people)
            .find(|k| self.dots_left(&self.participants[*k]) > 0)
    }

    /// The dots `participant` has still to place.
    pub fn dots_left(&self, participant: &str) -> u32 {
        self.dot_voting
            .per_person
            .saturating_sub(self.dots_placed(participant))
    }

    /// Places one of `participant`'s dots on improvement `index`.
    pub fn add_dot(&mut self, index: usize, participant: &str) -> Result<(), DotError> {
        if self.dots_left(participant) == 0 {
            return Err(DotError::NoneLeft {
                participant: participant.to_string(),
                per_person: self.dot_voting.per_person,
            });
        }
        if let Some(improvement) = self.improvements.get_mut(index) {
            let dots = improvement.dots.entry(participant.to_string()).or_default();
            *dots = dots.saturating_add(1);
        }
        Ok(())
    }

    /// Takes one of `participant`'s dots back from improvement `index`; false when they had none
    /// there.
    pub fn remove_dot(&mut self, index: usize, participant: &str) -> bool {
        let Some(improvement) = self.improvements.get_mut(index) else {
            return false;
        };
        match improvement.dots.get_mut(participant) {
            Some(n) if *n > 1 => *n -= 1,
            Some(_) => {
                improvement.dots.remove(participant);
            }
            None => return false,
        }
        true
    }

    /// Changes how many dots each participant has; refused below what someone already placed.
    pub fn set_dots_per_person(&mut self, per_person: u32) -> Result<(), DotError> {
        if per_person == 0 {
            return Err(DotError::Zero);
        }
        let over = self
            .participants
            .iter()
            .map(|p| (p, self.dots_placed(p)))
            .find(|(_, placed)| *placed > per_person);
        if let Some((participant, placed)) = over {
            return Err(DotError::AlreadyPlaced {
                participant: participant.clone(),
                placed,
            });
        }
        self.dot_voting.per_person = per_person;
        Ok(())
    }

    /// Whether every participant (and there is at least one) has placed all their dots.
    pub fn all_dots_placed(&self) -> bool {
        !self.participants.is_empty() && self.participants.iter().all(|p| self.dots_left(p) == 0)
    }

    /// Whether the dots may be shown: always alone, otherwise once revealed or all placed.
    pub fn dots_shown(&self) -> bool {
        self.mode == Mode::Solo || self.dot_voting.revealed || self.all_dots_placed()
    }

    /// Adds an improvement at the end and returns its index.
    pub fn add_improvement(&mut self, text: &str, concerns: Option<Concern>) -> usize {
        self.improvements
            .push(Improvement::new(text.trim(), concerns));
        self.improvements.len() - 1
    }

    /// Removes improvement `index` with its dots. Its actions stay, no longer tied to it.
    pub fn remove_improvement(&mut self, index: usize) {
        if index >= self.improvements.len() {
            return;
        }
        self.improvements.remove(index);
        for action in &mut self.actions {
            action.improvement = match action.improvement {
                Some(i) if i == index => None,
                Some(i) if i > index => Some(i - 1),
                other => other,
            };
        }
    }

    /// The actions that break improvement `index` down, with their indices.
    pub fn actions_for(&self, index: Option<usize>) -> impl Iterator<Item = (usize, &Action)> {
        self.actions
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.improvement == index)
    }

    /// Adds a stage to the flow at `at` (clamped to the end); returns where it went.
    pub fn add_stage(&mut self, at: usize, name: &str, automated: bool) -> usize {
        let at = at.min(self.flow.len());
        self.flow.insert(
            at,
            Stage {
                name: name.trim().to_string(),
                automated,
                fails: false,
            },
        );
        at
    }

    /// Renames stage `index`; improvements that concern it follow.
    pub fn rename_stage(&mut self, index: usize, name: &str) {
        let name = name.trim().to_string();
        let Some(stage) = self.flow.get_mut(index) else {
            return;
        };
        let old = std::mem::replace(&mut stage.name, name.clone());
        let others_named_old = self.flow.iter().any(|s| s.name == old);
        if others_named_old {
            return;
        }
        for improvement in &mut self.improvements {
            if improvement.concerns == Some(Concern::Stage(old.clone())) {
                improvement.concerns = Some(Concern::Stage(name.clone()));
            }
        }
    }

    /// Moves stage `index` one place towards the start (`-1`) or the end (`1`); returns where it
    /// is now.
    pub fn move_stage(&mut self, index: usize, by: isize) -> usize {
        let len = self.flow.len();
        match index.checked_add_signed(by) {
            Some(to) if index < len && to < len => {
                self.flow.swap(index, to);
                to
            }
            _ => index,
        }
    }

    /// Removes stage `index`. Improvements that concerned it keep their text.
    pub fn remove_stage(&mut self, index: usize) {
        if index >= self.flow.len() {
            return;
        }
        let stage = self.flow.remove(index);
        if self.flow.iter().any(|s| s.name == stage.name) {
            return;
        }
        for improvement in &mut self.improvements {
            if improvement.concerns == Some(Concern::Stage(stage.name.clone())) {
                improvement.concerns = None;
            }
        }
    }

    /// Improvements that concern stage `name`.
    pub fn improvements_at(&self, stage: &str) -> usize {
        self.improvements
            .iter()
            .filter(|i| matches!(&i.concerns, Some(Concern::Stage(s)) if s == stage))
            .count()
    }

    /// The checkpoint with the dots left out while they are hidden, as the shared screen and
    /// a summary exported from it show it.
    pub(super) fn hide_dots(&mut self) -> bool {
        if self.dots_shown() {
            return false;
        }
        let mut hid = false;
        for improvement in &mut self.improvements {
            hid |= !improvement.dots.is_empty();
            improvement.dots.clear();
        }
        hid
    }
}

#[cfg(test)]
mod tests;
