//! What the owner of the checkpoint publishes for readers: a snapshot of the checkpoint, the
//! agenda and the seats after each change, numbered by a revision. A server answers every
//! voter's `GET state` and its live events from the latest snapshot, without asking the owner.

use std::sync::Arc;

use serde::Serialize;

use super::{Seat, VoterState, find_seat, secret, state_in, waiting_state};
use crate::agenda::Part;
use crate::checklist::Catalog;
use crate::checkpoint::Checkpoint;

/// One snapshot of the room: see the module's documentation.
#[derive(Debug)]
pub struct Published {
    /// Moves with every snapshot the owner publishes, from 1.
    pub revision: u64,
    pub checkpoint: Checkpoint,
    /// The agenda as the shared screen has it ([`crate::agenda::shared`]).
    pub agenda: Vec<Part>,
    pub(super) catalog: Arc<Catalog>,
    /// Token → seat.
    pub(super) seats: Vec<(String, Seat)>,
    /// The participants with a seat and the names waiting, each in the order they came.
    pub(super) voters: Vec<String>,
    pub(super) waiting: Vec<String>,
    /// The token of the facilitator's API, when the owner gave one.
    pub(super) facilitator: Option<String>,
}

/// What the facilitator's API shows of the room: `GET /<room>/api/facilitator/state`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacilitatorState {
    pub revision: u64,
    /// The part and question the session is on (empty when none).
    pub part: String,
    pub question: String,
    /// Participants who have joined, in the order they came.
    pub voters: Vec<String>,
    /// Names that wait to be admitted, in the order they came.
    pub waiting: Vec<String>,
}

impl Published {
    /// Who holds `token`, compared in constant time.
    pub fn seat(&self, token: &str) -> Option<&Seat> {
        find_seat(self.seats.iter().map(|(t, s)| (t.as_str(), s)), token)
    }

    /// What the holder of `token` may see; `None` for a token nobody holds.
    pub fn state(&self, token: &str) -> Option<VoterState> {
        Some(match self.seat(token)? {
            Seat::Voter(name) => state_in(name, &self.checkpoint, &self.catalog, &self.agenda),
            Seat::Waiting(name) => waiting_state(name, &self.checkpoint),
        })
    }

    /// Whether `token` is the facilitator's (compared in constant time).
    pub fn is_facilitator(&self, token: &str) -> bool {
        self.facilitator
            .as_deref()
            .is_some_and(|secret| secret::same(token, secret))
    }

    /// Who has joined and who waits, and where the session is.
    pub fn facilitator_state(&self) -> FacilitatorState {
        FacilitatorState {
            revision: self.revision,
            part: self.checkpoint.session.part.clone(),
            question: self.checkpoint.session.question.clone(),
            voters: self.voters.clone(),
            waiting: self.waiting.clone(),
        }
    }
}

/// A voter's state with the revision it was read at, as the API sends it: the page skips a
/// live event it has seen already.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revised<T> {
    pub revision: u64,
    #[serde(flatten)]
    pub state: T,
}
