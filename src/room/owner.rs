//! The owner of a room: the one thread that has the open checkpoint (the workshop screen's
//! event loop, or `checkpoint room`'s loop) answers what the network asks of it.
//!
//! The network side never touches the [`Workshop`]. It sends an [`Envelope`] (an [`Ask`] and a
//! [`Reply`] to call with the [`Outcome`]) down the inbox that [`Owner::new`] returns, and
//! waits. The owner thread calls [`Owner::serve`] whenever it can: every ask waiting is
//! applied under the room's rules, the checkpoint is saved once for all of them, a new
//! snapshot is [`Published`], and only then is each ask answered: a vote is on disk before its
//! voter hears "ok", and a failed save answers with an error, never with "ok". Readers (a
//! voter's `GET state`, the live events) are answered from the latest snapshot without asking
//! the owner; [`Owner::publish`] publishes after the facilitator's own changes too.
//!
//! No network types here: the reply and the publisher are plain closures.

use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use super::ask::{
    Ask, Done, Envelope, Failure, Happened, Order, Outcome, Publisher, Reply, Served,
};
use super::published::Published;
use super::{AdmitError, Applied, Joined, NoRandom, Room, Seat, apply, secret};
use crate::checklist::Catalog;
use crate::checkpoint::Store;
use crate::workshop::Workshop;

/// The most asks one [`Owner::serve`] takes, so that the screen's loop stays responsive.
const BATCH: usize = 256;

/// What a snapshot was made from: when none of it moved, there is nothing to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Basis {
    edits: u64,
    part: String,
    question: String,
    seats: u64,
}

/// The room's owner. See the module's documentation.
pub struct Owner {
    room: Room,
    catalog: Arc<Catalog>,
    inbox: mpsc::Receiver<Envelope>,
    /// An envelope [`Owner::wait`] took, served first.
    held: Option<Envelope>,
    publisher: Option<Publisher>,
    facilitator: Option<String>,
    /// Moves with every change of the seats.
    seats: u64,
    basis: Option<Basis>,
    current: Option<Arc<Published>>,
}

impl Owner {
    /// The owner of `room`, and the inbox the network sends its asks to. `catalog` is the
    /// workshop's; the snapshots carry it, so that readers score as the owner does.
    pub fn new(room: Room, catalog: Arc<Catalog>) -> (Owner, mpsc::Sender<Envelope>) {
        let (send, inbox) = mpsc::channel();
        let owner = Owner {
            room,
            catalog,
            inbox,
            held: None,
            publisher: None,
            facilitator: None,
            seats: 0,
            basis: None,
            current: None,
        };
        (owner, send)
    }

    /// The room's code, for the join link.
    pub fn code(&self) -> &str {
        self.room.code()
    }

    /// The room's seats: who joined, who waits.
    pub fn room(&self) -> &Room {
        &self.room
    }

    /// The room's seats, to admit, forget or rename on the facilitator's screen; publish after.
    pub fn room_mut(&mut self) -> &mut Room {
        self.seats += 1;
        &mut self.room
    }

    /// Lets a waiting name in as a participant of `work`'s checkpoint; the name it got. Publish
    /// after.
    pub fn admit(&mut self, name: &str, work: &mut Workshop) -> Result<String, AdmitError> {
        let mut checkpoint = work.checkpoint().clone();
        let admitted = self.room.admit(name, &mut checkpoint)?;
        *work.checkpoint_mut() = checkpoint;
        self.seats += 1;
        Ok(admitted)
    }

    /// Opens the facilitator's API and returns its token (for `checkpoint room`; the workshop
    /// screen has its keys instead).
    pub fn enable_facilitator(&mut self) -> Result<String, NoRandom> {
        let token = secret::random_hex(super::TOKEN_BYTES)?;
        self.facilitator = Some(token.clone());
        self.seats += 1;
        Ok(token)
    }

    /// Where snapshots go from now on; the latest one goes there at once.
    pub fn set_publisher(&mut self, publisher: Publisher) {
        if let Some(current) = &self.current {
            publisher(Arc::clone(current));
        }
        self.publisher = Some(publisher);
    }

    /// The latest snapshot.
    pub fn current(&self) -> Option<&Arc<Published>> {
        self.current.as_ref()
    }

    /// Waits up to `timeout` for an ask; true when one came. For a loop that has nothing else
    /// to wait for (`checkpoint room`); the workshop screen polls [`Owner::serve`] instead.
    pub fn wait(&mut self, timeout: Duration) -> bool {
        if self.held.is_some() {
            return true;
        }
        match self.inbox.recv_timeout(timeout) {
            Ok(envelope) => {
                self.held = Some(envelope);
                true
            }
            Err(mpsc::RecvTimeoutError::Timeout) => false,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                // Nobody can ask any more: wait as asked, rather than spin.
                std::thread::sleep(timeout);
                false
            }
        }
    }

    /// Serves every ask waiting (up to a batch): applies them, saves once, publishes, then
    /// answers each. Cheap when nothing waits.
    pub fn serve(&mut self, work: &mut Workshop, store: &Store) -> Served {
        let mut served = Served::default();
        let mut answers: Vec<(Reply, Result<Answer, Failure>)> = Vec::new();
        while answers.len() < BATCH {
            let Some(envelope) = self.held.take().or_else(|| self.inbox.try_recv().ok()) else {
                break;
            };
            let answer = self.take(envelope.ask, work, &mut served);
            answers.push((envelope.reply, answer));
        }
        if answers.is_empty() {
            return served;
        }
        let saved = save(work, store);
        served.unsaved = saved.clone().err();
        self.publish(work);
        for (reply, answer) in answers {
            reply(self.answer(answer, &saved));
        }
        served
    }

    /// Publishes a snapshot when the checkpoint, the session's place or the seats changed
    /// since the last one: after each of the facilitator's keys.
    pub fn publish(&mut self, work: &Workshop) {
        let checkpoint = work.checkpoint();
        let basis = Basis {
            edits: work.edits(),
            part: checkpoint.session.part.clone(),
            question: checkpoint.session.question.clone(),
            seats: self.seats,
        };
        if self.basis.as_ref() == Some(&basis) {
            return;
        }
        let revision = self.current.as_ref().map_or(0, |c| c.revision) + 1;
        let published = Arc::new(Published {
            revision,
            checkpoint: checkpoint.clone(),
            agenda: crate::agenda::shared(&self.catalog, checkpoint),
            catalog: Arc::clone(&self.catalog),
            seats: self
                .room
                .seats()
                .map(|(t, s)| (t.to_string(), s.clone()))
                .collect(),
            voters: self.room.voters().into_iter().map(String::from).collect(),
            waiting: self.room.waiting().into_iter().map(String::from).collect(),
            facilitator: self.facilitator.clone(),
        });
        self.basis = Some(basis);
        if let Some(publisher) = &self.publisher {
            publisher(Arc::clone(&published));
        }
        self.current = Some(published);
    }

    /// Applies one ask; what to answer once saved and published.
    fn take(
        &mut self,
        ask: Ask,
        work: &mut Workshop,
        served: &mut Served,
    ) -> Result<Answer, Failure> {
        match ask {
            Ask::Join { name } => {
                let joined = self.room.join(&name, work.checkpoint())?;
                self.seats += 1;
                served.happened.push(Happened::Joined {
                    name: joined.name().to_string(),
                    waiting: matches!(joined, Joined::Waiting { .. }),
                });
                Ok(Answer::Joined(joined))
            }
            Ask::Voter { token, request } => {
                let name = match self.room.seat(&token) {
                    None => return Err(Failure::UnknownToken),
                    Some(Seat::Waiting(_)) => return Err(Failure::Waiting),
                    Some(Seat::Voter(name)) => name.clone(),
                };
                if work.is_read_only() {
                    return Err(Failure::ReadOnly);
                }
                // Applied to a copy: a refused or idle request leaves the workshop untouched,
                // and so publishes nothing.
                let mut checkpoint = work.checkpoint().clone();
                let applied = apply(&request, &name, &mut checkpoint, &self.catalog)?;
                if applied.changed() {
                    *work.checkpoint_mut() = checkpoint;
                }
                served.happened.extend(happened(&name, applied));
                Ok(Answer::State(token))
            }
            Ask::Facilitator { token, order } => {
                if !self
                    .facilitator
                    .as_deref()
                    .is_some_and(|f| secret::same(&token, f))
                {
                    return Err(Failure::UnknownToken);
                }
                if work.is_read_only() {
                    return Err(Failure::ReadOnly);
                }
                self.order(&order, work)?;
                served.happened.push(Happened::Ordered(order));
                Ok(Answer::Facilitator)
            }
        }
    }

    /// Carries out a facilitator's order.
    fn order(&mut self, order: &Order, work: &mut Workshop) -> Result<(), Failure> {
        let now = Instant::now();
        let no_question = |q: &str| Failure::Order(format!("no question `{q}` is loaded"));
        match order {
            Order::Open { question } => {
                self.catalog
                    .question(question)
                    .ok_or_else(|| no_question(question))?;
                work.enter(crate::checkpoint::part_of(question), question, now);
            }
            Order::Reveal { question, shown } if question == crate::agenda::IMPROVEMENTS_PART => {
                work.checkpoint_mut().dot_voting.revealed = *shown;
            }
            Order::Reveal { question, shown } => {
                self.catalog
                    .question(question)
                    .ok_or_else(|| no_question(question))?;
                work.checkpoint_mut().set_revealed(question, *shown);
            }
            Order::Admit { name } => {
                self.admit(name, work)
                    .map_err(|e| Failure::Order(e.to_string()))?;
            }
            Order::Part { part } => {
                if !crate::agenda::parts(&self.catalog)
                    .iter()
                    .any(|p| p.id == *part)
                {
                    return Err(Failure::Order(format!("the agenda has no part `{part}`")));
                }
                work.enter(part, "", now);
            }
        }
        Ok(())
    }

    /// The answer to an ask taken, now that the checkpoint is saved (or not) and published.
    fn answer(&self, answer: Result<Answer, Failure>, saved: &Result<(), String>) -> Outcome {
        let answer = answer?;
        let current = self.current.as_ref().ok_or(Failure::UnknownToken)?;
        match answer {
            Answer::Joined(joined) => Ok(Done::Joined(joined)),
            Answer::State(token) => {
                saved.clone().map_err(Failure::Unsaved)?;
                let state = current.state(&token).ok_or(Failure::UnknownToken)?;
                Ok(Done::State {
                    revision: current.revision,
                    state,
                })
            }
            Answer::Facilitator => {
                saved.clone().map_err(Failure::Unsaved)?;
                Ok(Done::Facilitator(current.facilitator_state()))
            }
        }
    }
}

/// What to answer an ask applied, once saved.
enum Answer {
    Joined(Joined),
    /// The state of the voter with this token.
    State(String),
    Facilitator,
}

/// Saves the workshop; a checkpoint with no file yet (no squad named) cannot acknowledge.
fn save(work: &mut Workshop, store: &Store) -> Result<(), String> {
    match work.save(store) {
        Ok(_) if work.path.is_none() => {
            Err("the checkpoint has no file yet: name the squad first".to_string())
        }
        Ok(_) => Ok(()),
        Err(e) => {
            let e = e.to_string();
            work.unsaved = Some(e.clone());
            Err(e)
        }
    }
}

/// What the screen is told of an applied request.
fn happened(name: &str, applied: Applied) -> Option<Happened> {
    let name = name.to_string();
    Some(match applied {
        Applied::Voted {
            question,
            shown_now,
        } => Happened::Voted {
            name,
            question,
            shown_now,
        },
        Applied::Cleared { question } => Happened::Cleared { name, question },
        Applied::Unchanged => return None,
        Applied::Dot { .. } => Happened::Dot { name },
        Applied::ImprovementAdded { index } => Happened::Improvement { name, index },
    })
}
