//! One workshop's data: who took part, every vote on every question, agreed values and notes,
//! saved as a versioned TOML file (see [`store`]).

mod carry;
mod error;
mod evidence;
mod header;
mod listing;
mod plan;
mod published;
mod reveal;
mod sizes;
mod store;
mod verify;
pub mod vote;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::checklist::DoraModel;

pub use carry::CarryOver;
pub use evidence::{Evidence, QuestionEvidence};
#[cfg(test)]
pub(crate) use header::HEADER_READS;
pub use header::{Header, Summary, fingerprint, level_text, read_header};
pub use listing::{Entry, Stored};
pub use plan::{DotError, Ranked, TOP};
pub use published::Published;
pub use reveal::{AbsentError, part_of};
#[cfg(test)]
pub(crate) use store::FULL_PARSES;
pub use store::{
    CheckpointError, Lock, Store, load, load_with_text, misnamed, save, slug, to_text, write_text,
};
pub use verify::{OpenError, Warnings, open, verify};
pub use vote::Vote;

/// The checkpoint file format this build writes and reads.
pub const FORMAT: u32 = 1;

/// Whether a squad runs the workshop together or one person assesses alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// A facilitator-led squad: many voters on one screen.
    #[default]
    Workshop,
    /// A self-assessment by one person.
    Solo,
}

/// One DevOps Checkpoint workshop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// The file format version; see [`FORMAT`].
    pub format: u32,
    pub squad: String,
    #[serde(default)]
    pub tribe: String,
    #[serde(default)]
    pub facilitator: String,
    #[serde(with = "toml_date")]
    pub date: jiff::civil::Date,
    /// A link to the workshop's board (Miro, Mural, ...).
    #[serde(default)]
    pub board_link: String,
    #[serde(default)]
    pub mode: Mode,
    /// The DORA Quick Check it is scored on; absent (not written) means 2019.
    #[serde(default, skip_serializing_if = "DoraModel::is_default")]
    pub dora: DoraModel,
    /// On the 2025 model, the industry to compare with besides all industries (an id of
    /// `checklists/dora-2025.yaml`); empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub industry: String,
    /// On the 2025 model, the organisation size to compare with; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub org_size: String,
    /// Everyone who votes, in the order they were added.
    #[serde(default)]
    pub participants: Vec<String>,
    /// Part (a checklist set id) → the participants absent for it: not waited for, no votes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub absent: BTreeMap<String, Vec<String>>,
    /// Question id → the votes, agreed value and note recorded for it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Answer>,
    /// The path to production, stage by stage (filled in by the delivery-flow part).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flow: Vec<Stage>,
    /// Places to improve, with the dots each participant gave them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub improvements: Vec<Improvement>,
    /// Concrete actions that break the top improvements down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// How the improvements are dot-voted.
    #[serde(default, skip_serializing_if = "DotVoting::is_default")]
    pub dot_voting: DotVoting,
    /// The previous checkpoint's actions, to mark done or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous_actions: Vec<FollowUp>,
    /// Where the workshop screen was, so that resuming returns there.
    #[serde(default, skip_serializing_if = "Session::is_empty")]
    pub session: Session,
    /// Evidence from a git repository per DORA question (`checkpoint evidence --attach`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// Where `checkpoint publish` put the summary in Confluence. Kept in a comment line of the
    /// file, not as a key (see [`published`]), so that earlier builds still read the file.
    #[serde(skip)]
    pub published: Option<Published>,
}

/// The workshop screen's place in a checkpoint: the part and question it was on, the parts the
/// facilitator skipped and the time spent in each part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The part (a checklist set id, or `summary`) the screen was on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub part: String,
    /// The question it was on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question: String,
    /// Parts the facilitator chose to skip.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<String>,
    /// Part → seconds spent in it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub seconds: BTreeMap<String, u64>,
    /// Votes are entered by each participant in turn rather than by the facilitator.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pass_keyboard: bool,
}

impl Session {
    /// Nothing recorded yet.
    pub fn is_empty(&self) -> bool {
        *self == Session::default()
    }
}

/// Everything recorded for one question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// Participant → vote.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub votes: BTreeMap<String, Vote>,
    /// The value the squad agreed on; it overrides the mean of the votes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed: Option<Vote>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The votes are shown whoever has voted: the facilitator revealed them, or they were
    /// shown when the squad grew (see [`Checkpoint::keep_shown`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revealed: bool,
}

/// A stage of the delivery flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub name: String,
    #[serde(default)]
    pub automated: bool,
    /// Deployments tend to fail here.
    #[serde(default)]
    pub fails: bool,
}

/// What an improvement is about: a stage of the flow (by name), a capability or a milestone (by
/// question id). Written as a table, `[improvements.concerns]` then `stage = "CI"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Concern {
    Stage(String),
    Capability(String),
    Milestone(String),
}

/// A place to improve, dot-voted by the squad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Improvement {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concerns: Option<Concern>,
    /// Participant → number of dots.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dots: BTreeMap<String, u32>,
    /// The execution kit its actions were picked from; the summary shows its definition of done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kit: Option<String>,
}

/// An action with an owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub text: String,
    #[serde(default)]
    pub owner: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "toml_date::optional"
    )]
    pub due: Option<jiff::civil::Date>,
    /// Index of the improvement it breaks down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub improvement: Option<usize>,
}

/// An action of the squad's previous checkpoint, brought over to see whether it got done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub text: String,
    #[serde(default)]
    pub owner: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "toml_date::optional"
    )]
    pub due: Option<jiff::civil::Date>,
    /// The date of the checkpoint that agreed on it.
    #[serde(with = "toml_date")]
    pub from: jiff::civil::Date,
    #[serde(default)]
    pub done: bool,
}

/// How the squad dot-votes its improvements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DotVoting {
    /// Dots each participant may place; several may go on one improvement.
    #[serde(default = "DotVoting::default_per_person")]
    pub per_person: u32,
    /// The facilitator showed the dots before everyone had placed theirs.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revealed: bool,
}

impl DotVoting {
    /// Three dots each, as in the workshop.
    pub const DEFAULT_PER_PERSON: u32 = 3;

    fn default_per_person() -> u32 {
        DotVoting::DEFAULT_PER_PERSON
    }

    fn is_default(&self) -> bool {
        *self == DotVoting::default()
    }
}

impl Default for DotVoting {
    fn default() -> DotVoting {
        DotVoting {
            per_person: DotVoting::DEFAULT_PER_PERSON,
            revealed: false,
        }
    }
}

impl Checkpoint {
    /// A new, empty checkpoint for `squad` on `date`.
    pub fn new(squad: impl Into<String>, date: jiff::civil::Date) -> Checkpoint {
        Checkpoint {
            format: FORMAT,
            squad: squad.into(),
            tribe: String::new(),
            facilitator: String::new(),
            date,
            board_link: String::new(),
            mode: Mode::default(),
            dora: DoraModel::default(),
            industry: String::new(),
            org_size: String::new(),
            participants: Vec::new(),
            absent: BTreeMap::new(),
            answers: BTreeMap::new(),
            flow: Vec::new(),
            improvements: Vec::new(),
            actions: Vec::new(),
            dot_voting: DotVoting::default(),
            previous_actions: Vec::new(),
            session: Session::default(),
            evidence: None,
            published: None,
        }
    }

    /// What was recorded for a question, if anything.
    pub fn answer(&self, question: &str) -> Option<&Answer> {
        self.answers.get(question)
    }

    /// Records `participant`'s vote on `question`, replacing an earlier one.
    pub fn vote(&mut self, question: &str, participant: &str, vote: Vote) {
        // Keys are allocated only when new: importing 20 full ballots calls this ~4,000 times.
        let answer = match self.answers.get_mut(question) {
            Some(answer) => answer,
            None => self.answers.entry(question.to_string()).or_default(),
        };
        match answer.votes.get_mut(participant) {
            Some(slot) => *slot = vote,
            None => {
                answer.votes.insert(participant.to_string(), vote);
            }
        }
    }
}

/// Why a participant's name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("a participant needs a name")]
    Empty,
    #[error("`{}` is already a participant", crate::text::printable(.0))]
    Taken(String),
    #[error(transparent)]
    Unsafe(#[from] crate::text::NameProblem),
    #[error(transparent)]
    TooLong(#[from] crate::limits::LimitError),
}

impl Checkpoint {
    /// Removes `participant`'s vote on `question`; an answer left with nothing in it goes too.
    pub fn clear_vote(&mut self, question: &str, participant: &str) {
        if let Some(answer) = self.answers.get_mut(question) {
            answer.votes.remove(participant);
        }
        self.tidy(question);
    }

    /// Records the value the squad agreed on (`None` clears it).
    pub fn set_agreed(&mut self, question: &str, agreed: Option<Vote>) {
        self.answers.entry(question.to_string()).or_default().agreed = agreed;
        self.tidy(question);
    }

    /// Records the squad's note on a question (empty clears it).
    pub fn set_note(&mut self, question: &str, note: &str) {
        self.answers.entry(question.to_string()).or_default().note = note.trim().to_string();
        self.tidy(question);
    }

    /// Shows or hides the votes on a question before everyone has voted.
    pub fn set_revealed(&mut self, question: &str, revealed: bool) {
        self.answers
            .entry(question.to_string())
            .or_default()
            .revealed = revealed;
        self.tidy(question);
    }

    fn tidy(&mut self, question: &str) {
        if self
            .answers
            .get(question)
            .is_some_and(|a| *a == Answer::default())
        {
            self.answers.remove(question);
        }
    }

    /// `name`, trimmed, if no other participant has it (case aside).
    pub(crate) fn free_name(&self, name: &str, except: Option<&str>) -> Result<String, NameError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        crate::limits::check_name("participant", name)?;
        crate::text::check_name(name)?;
        let taken = self
            .participants
            .iter()
            .filter(|p| Some(p.as_str()) != except)
            .any(|p| p.to_lowercase() == name.to_lowercase());
        if taken {
            return Err(NameError::Taken(name.to_string()));
        }
        Ok(name.to_string())
    }

    /// Adds a participant at the end. What the squad has seen stays shown (see
    /// [`Checkpoint::keep_shown`]).
    pub fn add_participant(&mut self, name: &str) -> Result<(), NameError> {
        let name = self.free_name(name, None)?;
        self.keep_shown();
        self.participants.push(name);
        Ok(())
    }

    /// Renames a participant, with their votes and dots.
    pub fn rename_participant(&mut self, old: &str, new: &str) -> Result<(), NameError> {
        let new = self.free_name(new, Some(old))?;
        let Some(slot) = self.participants.iter_mut().find(|p| *p == old) else {
            return Ok(());
        };
        *slot = new.clone();
        for answer in self.answers.values_mut() {
            if let Some(vote) = answer.votes.remove(old) {
                answer.votes.insert(new.clone(), vote);
            }
        }
        for improvement in &mut self.improvements {
            if let Some(dots) = improvement.dots.remove(old) {
                improvement.dots.insert(new.clone(), dots);
            }
        }
        for name in self.absent.values_mut().flatten().filter(|n| *n == old) {
            name.clone_from(&new);
        }
        Ok(())
    }

    /// Removes a participant with their votes, dots and absences.
    pub fn remove_participant(&mut self, name: &str) {
        self.participants.retain(|p| p != name);
        for names in self.absent.values_mut() {
            names.retain(|n| n != name);
        }
        self.absent.retain(|_, names| !names.is_empty());
        let questions: Vec<String> = self.answers.keys().cloned().collect();
        for question in questions {
            self.clear_vote(&question, name);
        }
        for improvement in &mut self.improvements {
            improvement.dots.remove(name);
        }
    }

    /// How many votes `participant` has cast.
    pub fn votes_by(&self, participant: &str) -> usize {
        self.answers
            .values()
            .filter(|a| a.votes.contains_key(participant))
            .count()
    }
}

/// Workshop dates as TOML writes them natively (`date = 2023-01-17`); a quoted
/// `"2023-01-17"` is read too, so hand-edited files load either way.
mod toml_date {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &jiff::civil::Date, s: S) -> Result<S::Ok, S::Error> {
        let native = toml::value::Datetime {
            date: Some(toml::value::Date {
                year: u16::try_from(date.year()).map_err(serde::ser::Error::custom)?,
                month: u8::try_from(date.month()).map_err(serde::ser::Error::custom)?,
                day: u8::try_from(date.day()).map_err(serde::ser::Error::custom)?,
            }),
            time: None,
            offset: None,
        };
        serde::Serialize::serialize(&native, s)
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Native(toml::value::Datetime),
        Text(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<jiff::civil::Date, D::Error> {
        use serde::de::Error;
        let text = match Written::deserialize(d)? {
            Written::Native(dt) if dt.time.is_none() => dt.to_string(),
            Written::Native(dt) => {
                return Err(D::Error::custom(format!(
                    "{dt}: give a date without a time, like 2023-01-17"
                )));
            }
            Written::Text(t) => t,
        };
        text.trim()
            .parse()
            .map_err(|e| D::Error::custom(format!("`{text}` is not a date like 2023-01-17: {e}")))
    }

    /// The same for an optional date (an action's due date).
    pub mod optional {
        use serde::{Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            date: &Option<jiff::civil::Date>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match date {
                Some(date) => super::serialize(date, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<jiff::civil::Date>, D::Error> {
            super::deserialize(d).map(Some)
        }
    }
}

#[cfg(test)]
mod tests;
