//! What the network asks of the checkpoint's owner and what it gets back, and what the owner
//! tells the facilitator's screen: the messages of [`super::Owner`], with no network types
//! (the reply and the publisher are plain closures).

use std::sync::Arc;

use super::published::{FacilitatorState, Published};
use super::{JoinError, Joined, Refused, RoomRequest, VoterState};
/// What the network asks of the owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// A voter joins under `name`.
    Join { name: String },
    /// The holder of `token` asks for a change.
    Voter { token: String, request: RoomRequest },
    /// The holder of the facilitator's token gives an order.
    Facilitator { token: String, order: Order },
}

/// What the facilitator's API may order (`checkpoint room`, for scripts and tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Order {
    /// Opens `question`: the session moves to its part and to it, and the voters follow.
    Open { question: String },
    /// Shows or hides the votes on `question` (`improvements`: the dots) before everyone voted.
    Reveal { question: String, shown: bool },
    /// Admits a waiting name as a participant.
    Admit { name: String },
    /// Moves the session to `part`, on no question (`improvements` for the dot-voting).
    Part { part: String },
}

/// What an ask got.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    /// A join: the token, and whether it votes now or waits to be admitted.
    Joined(Joined),
    /// A voter's change, saved: what the voter sees now.
    State { revision: u64, state: VoterState },
    /// A facilitator's order, saved: the room as it is now.
    Facilitator(FacilitatorState),
}

/// Why an ask was not done. Nothing was changed, or (for [`Failure::Unsaved`]) the change is
/// in the workshop but not on disk yet: it is not acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error("This link or token is not known here: join again.")]
    UnknownToken,
    #[error("The facilitator has not let you in yet.")]
    Waiting,
    #[error(transparent)]
    Join(#[from] JoinError),
    #[error(transparent)]
    Refused(#[from] Refused),
    /// A facilitator's order that names no question, part or waiting name.
    #[error("{0}")]
    Order(String),
    #[error("The checkpoint is open read-only: nothing can be saved.")]
    ReadOnly,
    #[error("Not saved, try again: {0}")]
    Unsaved(String),
}

/// The answer to an ask.
pub type Outcome = Result<Done, Failure>;

/// How the owner answers one ask: called once, on the owner's thread, after the save.
pub type Reply = Box<dyn FnOnce(Outcome) + Send>;

/// Where the owner's snapshots go: called on the owner's thread; must not block.
pub type Publisher = Box<dyn Fn(Arc<Published>) + Send>;

/// One ask and where its answer goes.
pub struct Envelope {
    pub ask: Ask,
    pub reply: Reply,
}

/// What happened while serving, for the facilitator's screen to redraw and tell. It holds no
/// vote's value: the shared screen must not learn a hidden vote from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Happened {
    /// `name` joined; `waiting` when they wait to be admitted.
    Joined {
        name: String,
        waiting: bool,
    },
    Voted {
        name: String,
        question: String,
        shown_now: bool,
    },
    Cleared {
        name: String,
        question: String,
    },
    /// `name` placed or took back a dot.
    Dot {
        name: String,
    },
    /// `name` noted the improvement at `index`.
    Improvement {
        name: String,
        index: usize,
    },
    /// The facilitator's API gave an order.
    Ordered(Order),
}

/// What one [`Owner::serve`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Served {
    pub happened: Vec<Happened>,
    /// Why the save failed, when it did (also in [`Workshop::unsaved`]).
    pub unsaved: Option<String>,
}

impl Served {
    /// Whether nothing was asked.
    pub fn is_empty(&self) -> bool {
        self.happened.is_empty() && self.unsaved.is_none()
    }
}
