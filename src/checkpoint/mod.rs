//! One workshop's data: who took part, every vote on every question, agreed values and notes,
//! saved as a versioned TOML file (see [`store`]).

mod store;
mod verify;
pub mod vote;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use store::{CheckpointError, Entry, Store, load, load_with_text, save};
pub use verify::{Warnings, verify};
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
    /// Everyone who votes, in the order they were added.
    #[serde(default)]
    pub participants: Vec<String>,
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

/// A place to improve, dot-voted by the squad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Improvement {
    pub text: String,
    /// A stage name, capability id or milestone id it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concerns: Option<String>,
    /// Participant → number of dots.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dots: BTreeMap<String, u32>,
}

/// An action with an owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub text: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<jiff::civil::Date>,
    /// Index of the improvement it breaks down.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub improvement: Option<usize>,
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
            participants: Vec::new(),
            answers: BTreeMap::new(),
            flow: Vec::new(),
            improvements: Vec::new(),
            actions: Vec::new(),
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
}
