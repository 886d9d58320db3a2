//! What a key asks for, beyond the screen's or popup's own state: screens and popups read the
//! [`crate::tui::model::Model`] and return these, and the app carries them out in order (see
//! `apply.rs`), then saves. A screen names where to go with a [`Dest`] rather than building
//! another screen, so no screen needs another's state.

use std::path::PathBuf;

use crate::checkpoint::{Checkpoint, Mode};
use crate::command::Command;
use crate::tui::popup::{Confirmed, Input, Popup};

/// One thing to do.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Switch screens.
    Go(Dest),
    /// Open a popup over the screen (in place of any open).
    Popup(Popup),
    Info(String),
    Error(String),
    /// Change the open checkpoint.
    Edit(Command),
    /// Start a new checkpoint.
    Start(Mode),
    /// Open the saved checkpoint at this path, where it was left.
    Open(PathBuf),
    /// Enter on a text field: its purpose takes the text; a refusal leaves the field open,
    /// saying why.
    Typed(Input),
    /// A yes to a question.
    Confirmed(Confirmed),
    /// Starter-backlog items (kit id, title) picked as actions of an improvement.
    KitSteps {
        improvement: usize,
        steps: Vec<(String, String)>,
    },
    /// A capability chosen to rate on purpose: it joins the part, and its first statement is
    /// voted on.
    Capability(String),
    /// Read the squad's earlier checkpoints again (its name or date changed).
    LoadHistory,
    /// Ask whether to bring over what the squad's last checkpoint holds.
    OfferCarryOver,
    /// Bring it over.
    CarryOver(Box<Checkpoint>),
    /// Delete the new checkpoint nobody takes part in, and go home.
    Discard,
    /// After a failed save: try again.
    Retry,
    /// Save to a new file and go on there.
    SaveAs(PathBuf),
    /// Leave although the latest changes are not saved.
    QuitUnsaved,
}

/// Where to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// Home, closing the checkpoint (when it could be saved).
    Home,
    Setup,
    Agenda,
    /// The screen a part opens on: its board, its first open question, or the summary.
    Part(usize),
    /// The first part after this one that is not skipped, ending on the summary.
    NextPart(usize),
    /// Voting on question `index` of `part`.
    Vote {
        part: usize,
        index: usize,
    },
    /// Voting on a question, wherever it is.
    Question(String),
    /// The DORA level revealed, after part `part`.
    Reveal(usize),
    Summary,
    /// The organisation view: every squad of the store.
    Organisation,
}

/// An effect list with one info message.
pub fn info(text: impl Into<String>) -> Vec<Effect> {
    vec![Effect::Info(text.into())]
}

/// An effect list with one error message.
pub fn error(text: impl Into<String>) -> Vec<Effect> {
    vec![Effect::Error(text.into())]
}
