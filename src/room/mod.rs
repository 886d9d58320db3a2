//! The room: a workshop opened to voters on their own devices. This module holds its rules and
//! nothing else: no network and no terminal types, and no checkpoint inside.
//!
//! The open checkpoint stays with the one thread that owns it (the workshop screen's). A
//! network thread hands that owner a voter's [`RoomRequest`] with the voter's token; the owner
//! finds the voter with [`Room::voter`], [`apply`]s the request to its checkpoint, saves, and
//! only then acknowledges. For reading, the owner publishes the checkpoint after each change and
//! [`state_for`] turns it into what one voter may see: before the reveal, never another
//! participant's value. [`Owner`] is that owner thread's side (`owner.rs`, its messages in
//! `ask.rs`), [`Published`] the snapshot it publishes (`published.rs`); the network side is
//! `crate::serve`.
//!
//! A [`Room`] is its code (in the join link) and its seats: token → name. A participant's name,
//! in any case, gets a token at once, but only one ([`Room::allow_second`] lets the facilitator
//! give a second, [`Room::forget`] takes the first back); any other name waits for the
//! facilitator to [`Room::admit`] it.

mod ask;
mod owner;
mod published;
mod request;
mod secret;
mod view;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

pub use ask::{Ask, Done, Envelope, Failure, Happened, Order, Outcome, Publisher, Reply, Served};
pub use owner::Owner;
pub use published::{FacilitatorState, Published, Revised};
pub use request::{Applied, DotChange, Refused, RoomRequest, apply, improvement_key};
pub use secret::{CODE_BYTES, NoRandom, TOKEN_BYTES, same};
pub use view::{
    Ballot, Count, DotRow, Dots, ImprovementView, Phase, Position, QuestionView, Results, Row,
    ScaleValue, VoterState, state_for, state_in, waiting_state,
};

use crate::checkpoint::{Checkpoint, NameError};

/// The most names that may wait for the facilitator at once: a script cannot fill the
/// facilitator's screen with names to admit.
pub const MAX_WAITING: usize = 20;

/// Who holds a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seat {
    /// A participant, as the checkpoint spells them: their votes count.
    Voter(String),
    /// A name that is not a participant, until the facilitator admits it.
    Waiting(String),
}

impl Seat {
    /// The name the seat is held under.
    pub fn name(&self) -> &str {
        match self {
            Seat::Voter(name) | Seat::Waiting(name) => name,
        }
    }
}

/// What a join gave: a token either way, which votes at once or once admitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Joined {
    /// A participant: the token votes now.
    Voter { token: String, name: String },
    /// Not a participant: the token votes once the facilitator admits the name.
    Waiting { token: String, name: String },
}

impl Joined {
    /// The voter's token.
    pub fn token(&self) -> &str {
        match self {
            Joined::Voter { token, .. } | Joined::Waiting { token, .. } => token,
        }
    }

    /// The name the token is held under.
    pub fn name(&self) -> &str {
        match self {
            Joined::Voter { name, .. } | Joined::Waiting { name, .. } => name,
        }
    }
}

/// Why a join was refused, in words fit for the voter's page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JoinError {
    #[error(transparent)]
    Name(#[from] NameError),
    #[error(
        "someone has joined as {} already; if that was you on another device, use that one, \
         or ask the facilitator to let you in again",
        crate::text::printable(.0)
    )]
    Taken(String),
    #[error("{MAX_WAITING} names are waiting for the facilitator already; try again in a moment")]
    Full,
    #[error(transparent)]
    NoRandom(#[from] NoRandom),
}

/// Why the facilitator could not admit a name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdmitError {
    #[error("nobody is waiting as `{}`", crate::text::printable(.0))]
    NotWaiting(String),
    #[error(transparent)]
    Name(#[from] NameError),
}

/// A seat and when it was taken, so that names wait in the order they came.
#[derive(Debug, Clone)]
struct Held {
    seat: Seat,
    order: u64,
}

/// A room's code and seats. See the module's documentation.
#[derive(Debug, Clone)]
pub struct Room {
    code: String,
    /// Token → seat.
    seats: HashMap<String, Held>,
    /// Names (lowercase) whose next join may take a second seat.
    seconds: HashSet<String>,
    /// Counts the seats given, for their order.
    given: u64,
}

impl Room {
    /// A new room with a fresh random code and no seats.
    pub fn open() -> Result<Room, NoRandom> {
        Ok(Room {
            code: secret::random_hex(CODE_BYTES)?,
            seats: HashMap::new(),
            seconds: HashSet::new(),
            given: 0,
        })
    }

    /// The room's code, as the join link carries it.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Whether `code` is this room's, compared in constant time.
    pub fn is_code(&self, code: &str) -> bool {
        secret::same(code, &self.code)
    }

    /// Gives `name` a seat. A participant's name (in any case) votes at once, under the
    /// checkpoint's spelling, unless someone holds it already and the facilitator has not
    /// allowed a second. Any other name must pass the rules of a participant's name, and waits
    /// to be admitted.
    pub fn join(&mut self, name: &str, checkpoint: &Checkpoint) -> Result<Joined, JoinError> {
        let name = name.trim();
        // The limits first: a hostile name costs no more than a short one.
        crate::limits::check_name("name", name).map_err(NameError::from)?;
        crate::text::check_name(name).map_err(NameError::from)?;
        if let Some(participant) = checkpoint.participant_named(name) {
            let name = participant.to_string();
            let token = self.seat_for(&name, |name| Seat::Voter(name.to_string()))?;
            return Ok(Joined::Voter { token, name });
        }
        let name = checkpoint.free_name(name, None)?;
        if !self.holds(&name) && self.waiting().len() >= MAX_WAITING {
            return Err(JoinError::Full);
        }
        let token = self.seat_for(&name, |name| Seat::Waiting(name.to_string()))?;
        Ok(Joined::Waiting { token, name })
    }

    /// A new seat under `name`, unless one is held and no second was allowed.
    fn seat_for(&mut self, name: &str, seat: impl Fn(&str) -> Seat) -> Result<String, JoinError> {
        let key = name.to_lowercase();
        if self.holds(name) && !self.seconds.contains(&key) {
            return Err(JoinError::Taken(name.to_string()));
        }
        let token = secret::random_hex(TOKEN_BYTES)?;
        self.seconds.remove(&key);
        self.given += 1;
        let held = Held {
            seat: seat(name),
            order: self.given,
        };
        self.seats.insert(token.clone(), held);
        Ok(token)
    }

    /// Whether anyone holds a seat under `name` (case aside).
    pub fn holds(&self, name: &str) -> bool {
        let name = name.trim().to_lowercase();
        self.seats
            .values()
            .any(|h| h.seat.name().to_lowercase() == name)
    }

    /// The participant a token votes as; `None` for an unknown token or a name still waiting.
    pub fn voter(&self, token: &str) -> Option<&str> {
        match self.seat(token)? {
            Seat::Voter(name) => Some(name),
            Seat::Waiting(_) => None,
        }
    }

    /// Who holds a token, admitted or waiting. Every token is compared, in constant time, and
    /// none is skipped: how long a wrong token takes says nothing about the right ones.
    pub fn seat(&self, token: &str) -> Option<&Seat> {
        find_seat(self.seats(), token)
    }

    /// Every seat with its token, for the owner to publish.
    pub fn seats(&self) -> impl Iterator<Item = (&str, &Seat)> {
        self.seats.iter().map(|(t, h)| (t.as_str(), &h.seat))
    }

    /// The participants with a seat, each once, in the order they joined.
    pub fn voters(&self) -> Vec<&str> {
        self.names(|seat| matches!(seat, Seat::Voter(_)))
    }

    /// The names waiting to be admitted, each once, in the order they came.
    pub fn waiting(&self) -> Vec<&str> {
        self.names(|seat| matches!(seat, Seat::Waiting(_)))
    }

    fn names(&self, keep: impl Fn(&Seat) -> bool) -> Vec<&str> {
        let mut held: Vec<&Held> = self.seats.values().filter(|h| keep(&h.seat)).collect();
        held.sort_by_key(|h| h.order);
        let mut names: Vec<&str> = Vec::with_capacity(held.len());
        for h in held {
            if !names.contains(&h.seat.name()) {
                names.push(h.seat.name());
            }
        }
        names
    }

    /// Lets the next join under `name` take a seat although someone holds one (the voter
    /// changed device or lost their token). Once: the join after that is refused again.
    pub fn allow_second(&mut self, name: &str) {
        self.seconds.insert(name.trim().to_lowercase());
    }

    /// Takes back every seat held under `name`, admitted or waiting: a name the facilitator
    /// turns away, a participant removed, or a lost device whose token should vote no more.
    /// Returns how many seats went.
    pub fn forget(&mut self, name: &str) -> usize {
        let before = self.seats.len();
        self.seats.retain(|_, h| h.seat.name() != name);
        self.seconds.remove(&name.to_lowercase());
        before - self.seats.len()
    }

    /// Admits the waiting name `name`: adds it to the checkpoint's participants (unless one of
    /// them has it, in any case, by now) and lets its seats vote. Returns the participant's
    /// name as the checkpoint spells it. The owner saves the checkpoint after.
    pub fn admit(&mut self, name: &str, checkpoint: &mut Checkpoint) -> Result<String, AdmitError> {
        let waiting = |h: &Held| matches!(&h.seat, Seat::Waiting(n) if n == name);
        if !self.seats.values().any(waiting) {
            return Err(AdmitError::NotWaiting(name.to_string()));
        }
        let participant = match checkpoint.participant_named(name) {
            Some(p) => p.to_string(),
            None => {
                checkpoint.add_participant(name)?;
                name.trim().to_string()
            }
        };
        for held in self.seats.values_mut().filter(|h| waiting(h)) {
            held.seat = Seat::Voter(participant.clone());
        }
        Ok(participant)
    }

    /// Seats follow a participant renamed on the facilitator's screen.
    pub fn rename(&mut self, old: &str, new: &str) {
        for held in self.seats.values_mut() {
            if let Seat::Voter(name) = &mut held.seat
                && name == old
            {
                *name = new.to_string();
            }
        }
    }
}

/// The seat `token` names among `seats`, comparing every token in constant time (see
/// [`Room::seat`]).
pub fn find_seat<'a>(
    seats: impl Iterator<Item = (&'a str, &'a Seat)>,
    token: &str,
) -> Option<&'a Seat> {
    seats.fold(None, |found, (held, seat)| {
        if secret::same(token, held) {
            Some(seat)
        } else {
            found
        }
    })
}
