//! The overlays on top of a screen, as data: help, tips, text entry, the agreed value, a yes/no
//! question, a baseline section's items, a list to pick from, the changes since the last
//! checkpoint and the failed save. At most one is open at a time; what keys do in them and how
//! they are drawn is in `overlay.rs`.
//!
//! ```text
//!        ┌ Title ────────────────────┐
//!        │ body                      │
//!        │ Enter done · Esc cancel   │
//!        └───────────────────────────┘
//! ```

use crate::checkpoint::{Checkpoint, Concern};
use crate::command::Field;
use crate::tui::dashboard::Since;
use crate::tui::keymap::{Binding, Context};
use crate::tui::widgets::TextInput;

pub use crate::tui::drill::Drill;
pub use crate::tui::pick::{Pick, PickItem, PickPurpose};

/// The overlay that is open.
#[derive(Debug, Clone)]
pub enum Popup {
    /// The keys that work where it was opened; `voting` adds a word on hidden votes.
    Help {
        bindings: Vec<&'static Binding>,
        voting: bool,
        scroll: u16,
    },
    Tips {
        question: String,
        scroll: u16,
    },
    Input(Input),
    Agree {
        question: String,
    },
    Confirm {
        message: String,
        then: Confirmed,
    },
    Drill(Drill),
    /// One or more items of a list: a starting point for an improvement, a kit's backlog items.
    Pick(Pick),
    /// What changed since the squad's last checkpoint, measure by measure.
    Since {
        since: Box<Since>,
        scroll: u16,
    },
    /// The last save failed: retry, save elsewhere or quit without saving.
    Unsaved,
}

/// Text being typed, and what it is for.
#[derive(Debug, Clone)]
pub struct Input {
    pub title: String,
    pub purpose: Purpose,
    pub field: TextInput,
    /// What went wrong with the last Enter.
    pub error: Option<String>,
}

/// What typed text becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Setup(Field),
    AddParticipant,
    Rename(String),
    Note(String),
    Export,
    /// A stage's name: a new one after the selected stage, or stage N renamed.
    Stage(Option<usize>),
    /// An improvement's text: a new one (concerning something or not), or one edited.
    Improvement {
        edit: Option<usize>,
        concerns: Option<Concern>,
    },
    /// An action's text, for an improvement or none; the owner and due date follow.
    ActionText {
        improvement: Option<usize>,
        edit: Option<usize>,
    },
    ActionOwner(usize),
    ActionDue(usize),
    /// A new file to save the checkpoint to, when its own cannot be written.
    SaveAs,
}

/// What a yes does.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    RemoveParticipant(String),
    /// Delete a new checkpoint nobody takes part in.
    Discard,
    RemoveStage(usize),
    RemoveImprovement(usize),
    /// Bring over the squad's last checkpoint's participants and actions.
    CarryOver(Box<Checkpoint>),
}

impl Popup {
    /// A text field titled `title`, holding `text`.
    pub fn input(title: &str, purpose: Purpose, text: &str) -> Popup {
        Popup::Input(Input {
            title: title.to_string(),
            purpose,
            field: TextInput::new(text),
            error: None,
        })
    }

    /// The keys' context while this popup is open.
    pub fn context(&self) -> Context {
        match self {
            Popup::Help { .. } => Context::Help,
            Popup::Tips { .. } => Context::Tips,
            Popup::Input(_) => Context::Input,
            Popup::Agree { .. } => Context::Agree,
            Popup::Confirm { .. } => Context::Confirm,
            Popup::Drill(_) => Context::Drill,
            Popup::Pick(_) => Context::Pick,
            Popup::Since { .. } => Context::Since,
            Popup::Unsaved => Context::Unsaved,
        }
    }
}
