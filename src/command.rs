//! The edits a workshop makes to its open checkpoint, as values. The workshop screen's keys ask
//! for them and [`crate::workshop::Workshop::apply`] carries them out; the voting room's
//! requests ([`crate::room::request`]) go through the same [`Command::apply`], so that the
//! screen and the room are two clients of one core: a vote cast remotely and one typed on the
//! shared screen are the same vote. No terminal types.
//!
//! A command either changes the checkpoint or, refused, leaves it as it was and says why.

use crate::checkpoint::{Action, Checkpoint, Concern, Vote, part_of};

/// A field of the checkpoint's header, set from typed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Squad,
    Tribe,
    Facilitator,
    /// A solo checkpoint's one participant, who is also its facilitator.
    YourName,
    Date,
    BoardLink,
    /// How many dots each participant places on the improvements.
    Dots,
    /// On the 2025 DORA model, the industry to compare with (a benchmark id; empty for none).
    Industry,
    /// On the 2025 DORA model, the organisation size to compare with.
    OrgSize,
}

/// One edit of the open checkpoint.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A header field, from the text typed for it.
    Set(Field, String),
    /// The DORA model the checkpoint is scored on; refused once a DORA question has a vote
    /// or an agreed value, which the other model's questions would leave behind.
    Dora(crate::checklist::DoraModel),
    AddParticipant(String),
    RenameParticipant {
        old: String,
        new: String,
    },
    /// A participant and their votes and dots.
    RemoveParticipant(String),
    Vote {
        question: String,
        participant: String,
        vote: Vote,
    },
    ClearVote {
        question: String,
        participant: String,
    },
    /// Show or hide a question's votes (they show anyway once everyone voted).
    Reveal {
        question: String,
        shown: bool,
    },
    /// Mark a participant absent for the part of `question`, or present again: [`Done::Flag`]
    /// says whether they are absent now.
    Absent {
        question: String,
        participant: String,
    },
    Agree {
        question: String,
        value: Option<Vote>,
    },
    Note {
        question: String,
        text: String,
    },
    /// Each participant in turn presses their vote, or the facilitator enters them.
    PassKeyboard(bool),
    /// Skip part `id` on the agenda, or take it back: [`Done::Flag`] says whether it is
    /// skipped now.
    Skip(String),
    /// A manual stage at `at`: [`Done::Index`] is where it went.
    AddStage {
        at: usize,
        name: String,
    },
    RenameStage {
        index: usize,
        name: String,
    },
    ToggleAutomated(usize),
    ToggleFails(usize),
    /// [`Done::Index`] is where the stage went.
    MoveStage {
        index: usize,
        by: isize,
    },
    RemoveStage(usize),
    /// [`Done::Index`] is the new improvement's.
    AddImprovement {
        text: String,
        concerns: Option<Concern>,
    },
    EditImprovement {
        index: usize,
        text: String,
    },
    RemoveImprovement(usize),
    RevealDots(bool),
    AddDot {
        index: usize,
        participant: String,
    },
    /// Refused when the participant has no dot there.
    RemoveDot {
        index: usize,
        participant: String,
    },
    /// [`Done::Index`] is the new action's.
    AddAction(Action),
    ActionText {
        index: usize,
        text: String,
    },
    /// An owner who is a participant is written as the participant list spells them.
    ActionOwner {
        index: usize,
        owner: String,
    },
    ActionDue {
        index: usize,
        due: Option<jiff::civil::Date>,
    },
    /// [`Done::Text`] is the removed action's text.
    RemoveAction(usize),
    /// Keeps one of last checkpoint's actions for this quarter, tied to no improvement.
    KeepFollowUp(usize),
    ToggleFollowUp(usize),
    /// A kit's starter-backlog items (kit id, title) as actions of an improvement, but those
    /// that are actions already; the kit is remembered. [`Done::Count`] is how many were added.
    AddKitSteps {
        improvement: usize,
        steps: Vec<(String, String)>,
    },
    /// Brings over what the squad's previous checkpoint holds (see
    /// [`Checkpoint::carry_over`]); [`Done::Count`] is the actions brought.
    CarryOver(Box<Checkpoint>),
}

/// What a command did, where its client needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    Nothing,
    Index(usize),
    Flag(bool),
    Count(usize),
    Text(String),
}

impl Done {
    /// The index a command gave, or 0.
    pub fn index(&self) -> usize {
        match self {
            Done::Index(i) => *i,
            _ => 0,
        }
    }
}

impl Command {
    /// Carries the command out on `c`, or says why not (and changes nothing).
    pub fn apply(&self, c: &mut Checkpoint) -> Result<Done, String> {
        let e = |e: &dyn std::fmt::Display| e.to_string();
        match self {
            Command::Set(field, text) => return set(c, *field, text),
            Command::Dora(model) => set_dora(c, *model)?,
            Command::AddParticipant(name) => c.add_participant(name).map_err(|x| e(&x))?,
            Command::RenameParticipant { old, new } => {
                c.rename_participant(old, new).map_err(|x| e(&x))?
            }
            Command::RemoveParticipant(name) => c.remove_participant(name),
            Command::Vote {
                question,
                participant,
                vote,
            } => c.vote(question, participant, *vote),
            Command::ClearVote {
                question,
                participant,
            } => c.clear_vote(question, participant),
            Command::Reveal { question, shown } => c.set_revealed(question, *shown),
            Command::Absent {
                question,
                participant,
            } => {
                let absent = c.toggle_absent(part_of(question), participant);
                return absent.map(Done::Flag).map_err(|x| e(&x));
            }
            Command::Agree { question, value } => c.set_agreed(question, *value),
            Command::Note { question, text } => c.set_note(question, text),
            Command::PassKeyboard(on) => c.session.pass_keyboard = *on,
            Command::Skip(id) => {
                let skipped = &mut c.session.skipped;
                if let Some(at) = skipped.iter().position(|s| s == id) {
                    skipped.remove(at);
                    return Ok(Done::Flag(false));
                }
                skipped.push(id.clone());
                return Ok(Done::Flag(true));
            }
            Command::AddStage { at, name } => {
                return Ok(Done::Index(c.add_stage(*at, name, false)));
            }
            Command::RenameStage { index, name } => c.rename_stage(*index, name),
            Command::ToggleAutomated(i) => {
                let stage = c.flow.get_mut(*i).ok_or("the stage is gone")?;
                stage.automated = !stage.automated;
            }
            Command::ToggleFails(i) => {
                let stage = c.flow.get_mut(*i).ok_or("the stage is gone")?;
                stage.fails = !stage.fails;
            }
            Command::MoveStage { index, by } => return Ok(Done::Index(c.move_stage(*index, *by))),
            Command::RemoveStage(i) => c.remove_stage(*i),
            Command::AddImprovement { text, concerns } => {
                return Ok(Done::Index(c.add_improvement(text, concerns.clone())));
            }
            Command::EditImprovement { index, text } => {
                let improvement = c.improvements.get_mut(*index);
                improvement.ok_or("the improvement is gone")?.text = text.clone();
            }
            Command::RemoveImprovement(i) => c.remove_improvement(*i),
            Command::RevealDots(shown) => c.dot_voting.revealed = *shown,
            Command::AddDot { index, participant } => {
                c.add_dot(*index, participant).map_err(|x| e(&x))?
            }
            Command::RemoveDot { index, participant } => {
                if !c.remove_dot(*index, participant) {
                    return Err(format!("{participant} has no dot on this one."));
                }
            }
            Command::AddAction(action) => {
                c.actions.push(action.clone());
                return Ok(Done::Index(c.actions.len() - 1));
            }
            Command::ActionText { index, text } => {
                c.actions.get_mut(*index).ok_or("the action is gone")?.text = text.clone();
            }
            Command::ActionOwner { index, owner } => {
                let owner = c.participant_named(owner).unwrap_or(owner.trim());
                let owner = owner.to_string();
                c.actions.get_mut(*index).ok_or("the action is gone")?.owner = owner;
            }
            Command::ActionDue { index, due } => {
                c.actions.get_mut(*index).ok_or("the action is gone")?.due = *due;
            }
            Command::RemoveAction(k) => {
                if *k >= c.actions.len() {
                    return Err("the action is gone".into());
                }
                return Ok(Done::Text(c.actions.remove(*k).text));
            }
            Command::KeepFollowUp(k) => {
                let f = c
                    .previous_actions
                    .get(*k)
                    .ok_or("the action is gone")?
                    .clone();
                c.actions.push(Action {
                    text: f.text,
                    owner: f.owner,
                    due: None,
                    improvement: None,
                });
            }
            Command::ToggleFollowUp(k) => {
                let f = c.previous_actions.get_mut(*k).ok_or("the action is gone")?;
                f.done = !f.done;
            }
            Command::AddKitSteps { improvement, steps } => {
                return Ok(Done::Count(add_steps(c, *improvement, steps)));
            }
            Command::CarryOver(previous) => return Ok(Done::Count(c.carry_over(previous))),
        }
        Ok(Done::Nothing)
    }
}

/// Sets a header field from typed text, or says what is wrong with it.
fn set(c: &mut Checkpoint, field: Field, text: &str) -> Result<Done, String> {
    let text = text.trim();
    if matches!(field, Field::Squad | Field::Tribe | Field::Facilitator) {
        crate::text::check_name(text).map_err(|e| e.to_string())?;
    }
    match field {
        Field::Squad if text.is_empty() => return Err("The squad needs a name.".into()),
        Field::Squad => c.squad = text.to_string(),
        Field::Tribe => c.tribe = text.to_string(),
        Field::Facilitator => c.facilitator = text.to_string(),
        Field::YourName => {
            match c.participants.first().cloned() {
                Some(old) => c.rename_participant(&old, text),
                None => c.add_participant(text),
            }
            .map_err(|e| e.to_string())?;
            c.facilitator = text.to_string();
        }
        Field::Date => c.date = crate::date::parse_date(text)?,
        Field::BoardLink => c.board_link = text.to_string(),
        Field::Industry | Field::OrgSize
            if c.dora == crate::checklist::DoraModel::V2019 && !text.is_empty() =>
        {
            return Err(
                "The industry and organisation size compare with the DORA 2025 \
                        benchmarks: choose the 2025 model first."
                    .into(),
            );
        }
        Field::Industry => c.industry = text.to_string(),
        Field::OrgSize => c.org_size = text.to_string(),
        Field::Dots => {
            let n: u32 = text
                .parse()
                .map_err(|_| format!("`{text}` is not a number of dots"))?;
            c.set_dots_per_person(n).map_err(|e| e.to_string())?;
        }
    }
    Ok(Done::Nothing)
}

/// Puts `c` on DORA model `model`, unless a DORA question has an answer already; the 2019
/// model has no industry or organisation size to compare with.
fn set_dora(c: &mut Checkpoint, model: crate::checklist::DoraModel) -> Result<(), String> {
    if model == c.dora {
        return Ok(());
    }
    let dora_part = |id: &str| matches!(part_of(id), "dora" | "dora-2025");
    let answered = c
        .answers
        .iter()
        .any(|(id, a)| dora_part(id) && (!a.votes.is_empty() || a.agreed.is_some()));
    if answered {
        return Err(format!(
            "The DORA {} questions have votes already: the model can only change before them.",
            c.dora
        ));
    }
    c.dora = model;
    if model == crate::checklist::DoraModel::V2019 {
        c.industry.clear();
        c.org_size.clear();
    }
    Ok(())
}

/// Whether a starter-backlog item is one of the checkpoint's actions already (under any
/// improvement): the same text, ignoring case and the spaces around it.
pub fn is_action(c: &Checkpoint, title: &str) -> bool {
    c.actions
        .iter()
        .any(|a| a.text.trim().eq_ignore_ascii_case(title.trim()))
}

fn add_steps(c: &mut Checkpoint, improvement: usize, steps: &[(String, String)]) -> usize {
    let mut n = 0;
    for (kit, title) in steps {
        if is_action(c, title) {
            continue;
        }
        n += 1;
        c.actions.push(Action {
            text: title.clone(),
            owner: String::new(),
            due: None,
            improvement: Some(improvement),
        });
        if let Some(m) = c.improvements.get_mut(improvement) {
            m.kit.get_or_insert_with(|| kit.clone());
        }
    }
    n
}
