//! The workshop screen's state and its one entry point for input, [`App::update`]: every key
//! becomes an [`Action`], the current popup or screen handles it and returns effects, the app
//! carries them out (`apply.rs`), and the open checkpoint is saved before the next key is read.
//!
//! The app owns the [`Model`] the screens read (it derefs to it), the screen with its state,
//! the popup, and where Esc goes back to. It is the one file that knows every screen.

use std::net::SocketAddr;
use std::ops::{Deref, DerefMut};
use std::time::Instant;

use crate::agenda::PartKind;
use crate::checklist::Catalog;
use crate::checkpoint::{Mode, Store};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::model::Model;
use crate::tui::popup::{Confirmed, Popup, Purpose};
use crate::tui::{
    actions, agenda, board, capabilities, flow, home, improvements, organisation, overlay, results,
    reveal, room, setup, summary, voting,
};

pub use crate::tui::model::Status;
pub use crate::workshop::Workshop;

/// The screens, each with its own state.
#[derive(Debug, Clone)]
pub enum Screen {
    Home(home::State),
    Setup(setup::State),
    Agenda(agenda::State),
    Voting(voting::State),
    Results(results::State),
    Board(board::State),
    Summary(summary::State),
    Flow(flow::State),
    Improvements(improvements::State),
    Actions(actions::State),
    Reveal(reveal::State),
    Capabilities(capabilities::State),
    Organisation(organisation::State),
}

impl Screen {
    fn context(&self) -> Context {
        match self {
            Screen::Home(_) => Context::Home,
            Screen::Setup(_) => Context::Setup,
            Screen::Agenda(_) => Context::Agenda,
            Screen::Voting(_) => Context::Voting,
            Screen::Results(_) => Context::Results,
            Screen::Board(_) => Context::Board,
            Screen::Summary(_) => Context::Summary,
            Screen::Flow(_) => Context::Flow,
            Screen::Improvements(_) => Context::Improvements,
            Screen::Actions(_) => Context::Actions,
            Screen::Reveal(_) => Context::Reveal,
            Screen::Capabilities(_) => Context::Capabilities,
            Screen::Organisation(_) => Context::Organisation,
        }
    }
}

/// The whole workshop screen.
#[derive(Debug)]
pub struct App {
    /// What the screens read.
    pub model: Model,
    pub screen: Screen,
    pub popup: Option<Popup>,
    /// Where Esc goes back to from the results, board and summary.
    pub back: Option<Box<Screen>>,
    /// The voting room, while it is open.
    pub room: Option<room::Live>,
    /// Where the room listens when `w` opens it (`--listen`).
    pub listen: SocketAddr,
    pub(crate) quit: bool,
}

impl Deref for App {
    type Target = Model;

    fn deref(&self) -> &Model {
        &self.model
    }
}

impl DerefMut for App {
    fn deref_mut(&mut self) -> &mut Model {
        &mut self.model
    }
}

impl App {
    /// The app on its home screen.
    pub fn new(catalog: Catalog, store: Store, today: jiff::civil::Date, now: Instant) -> App {
        let mut app = App {
            model: Model::new(catalog, store, today, now),
            screen: Screen::Home(home::State::default()),
            popup: None,
            back: None,
            room: None,
            listen: SocketAddr::from(([0, 0, 0, 0], 0)),
            quit: false,
        };
        app.go_home();
        app
    }

    /// Whether the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The contexts whose keys work now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.popup {
            Some(Popup::Input(_)) => vec![Context::Input, Context::Interrupt],
            Some(p) => vec![p.context(), Context::Interrupt],
            None if self.room.as_ref().is_some_and(|r| r.shown) => {
                vec![Context::Room, Context::Always, Context::Interrupt]
            }
            None => {
                let mut contexts = vec![self.screen.context()];
                if self.saved_checkpoint() {
                    contexts.push(Context::Checkpoint);
                }
                contexts.extend([Context::Always, Context::Interrupt]);
                contexts
            }
        }
    }

    /// Whether `action` means anything here: alone there is no one to reveal votes to, no
    /// keyboard to pass, no agreement to record (your vote is the answer) and no one to add.
    /// The footer and help leave these out, and the keys do nothing.
    pub fn offers(&self, action: Action) -> bool {
        if action == Action::OtherCapability {
            return self.other_capability();
        }
        // With nothing in the store there is no organisation to look at.
        if action == Action::Organisation {
            return matches!(&self.screen, Screen::Home(h) if !h.entries.is_empty());
        }
        let solo = self.checkpoint().is_some_and(|c| c.mode == Mode::Solo);
        let setup = matches!(self.screen, Screen::Setup(_));
        // A list that takes one item has nothing to pick with Space.
        if action == Action::Toggle && matches!(&self.popup, Some(Popup::Pick(p)) if !p.multi) {
            return false;
        }
        !(solo
            && (matches!(
                action,
                Action::Reveal
                    | Action::PassKeyboard
                    | Action::Agree
                    | Action::Absent
                    | Action::Room
            ) || (setup && matches!(action, Action::Add | Action::Remove))))
    }

    /// Whether `o` (rate another capability on purpose) means anything here: in the
    /// capabilities part, on its voting screen or while it waits.
    fn other_capability(&self) -> bool {
        match &self.screen {
            Screen::Capabilities(_) => true,
            Screen::Voting(s) => {
                self.parts.get(s.part).map(|p| p.kind) == Some(PartKind::Capabilities)
            }
            _ => false,
        }
    }

    /// Handles a key: looks it up in the keymap and updates the state, then saves.
    pub fn key(&mut self, event: &crossterm::event::KeyEvent, now: Instant) {
        match keymap::lookup(&self.contexts(), event) {
            Some(action) if self.offers(action) => self.update(action, now),
            Some(_) if self.checkpoint().is_some_and(|c| c.mode == Mode::Solo) => {
                self.info("Alone, that key has nothing to do.");
            }
            Some(_) => {}
            None => {}
        }
    }

    /// Carries out one action, then saves the checkpoint if it changed.
    pub fn update(&mut self, action: Action, now: Instant) {
        self.now = now;
        self.status = None;
        if let Some(work) = &mut self.work {
            work.count_time(now);
        }
        let edits = self.edits();
        if action == Action::Quit {
            // Text being typed is kept, as Enter would keep it (an export is not written).
            if let Some(Popup::Input(input)) = self.popup.take()
                && input.purpose != Purpose::Export
            {
                let effects = overlay::update(&self.model, Popup::Input(input), Action::Confirm);
                self.run(effects);
            }
            self.quit = self.saved_or_asked();
        } else if let Some(popup) = self.popup.take() {
            let effects = overlay::update(&self.model, popup, action);
            self.run(effects);
        } else if self.room.as_ref().is_some_and(|r| r.shown) {
            self.update_room(action);
        } else {
            self.update_screen(action);
        }
        let refused = self.work.as_mut().and_then(|w| match w.refuse_edits() {
            true => w.path.clone(),
            false => None,
        });
        if let Some(path) = refused {
            self.error(&format!(
                "{} is read-only: nothing was changed (give it write permission to edit)",
                path.display()
            ));
        }
        self.save();
        if let (Some(live), Some(work)) = (&mut self.room, &self.model.work) {
            live.host.publish(work);
        }
        // The dashboard and the board are scored when they open and after an edit: not once per
        // frame, nor for a key that only moves the selection.
        if self.edits() != edits {
            self.rescore();
        }
    }

    /// Scores the screen's views again after an edit, from a key or from the room.
    pub(crate) fn rescore(&mut self) {
        self.refresh_parts();
        match &self.screen {
            Screen::Results(_) => {
                let view = results::View::new(self);
                if let Screen::Results(state) = &mut self.screen {
                    state.view = view;
                }
            }
            Screen::Board(_) => {
                let view = board::View::new(self).unwrap_or_default();
                if let Screen::Board(state) = &mut self.screen {
                    state.view = view;
                }
            }
            _ => {}
        }
    }

    /// Moves the clock the header's timer reads. Nothing is saved: the time is counted into
    /// the checkpoint with the next key.
    pub fn tick(&mut self, now: Instant) {
        self.now = now;
    }

    fn update_screen(&mut self, action: Action) {
        if let Some(screen) = self.global(action) {
            return self.go(screen);
        }
        let model = &self.model;
        let effects = match &mut self.screen {
            Screen::Home(s) => home::update(model, s, action),
            Screen::Setup(s) => setup::update(model, s, action),
            Screen::Agenda(s) => agenda::update(model, s, action),
            Screen::Voting(s) => voting::update(model, s, action),
            Screen::Results(s) => results::update(model, s, action),
            Screen::Board(s) => board::update(model, s, action),
            Screen::Summary(s) => summary::update(model, s, action),
            Screen::Flow(s) => flow::update(model, s, action),
            Screen::Improvements(s) => improvements::update(model, s, action),
            Screen::Actions(s) => actions::update(model, s, action),
            Screen::Reveal(s) => reveal::update(model, s, action),
            Screen::Capabilities(s) => capabilities::update(model, s, action),
            Screen::Organisation(s) => organisation::update(model, s, action),
        };
        self.run(effects);
    }

    /// The keys that work the same on every screen.
    fn global(&mut self, action: Action) -> Option<Screen> {
        match action {
            Action::Help => {
                let contexts = self.contexts();
                let bindings = keymap::bindings(&contexts).filter(|b| self.offers(b.action));
                self.popup = Some(Popup::Help {
                    bindings: bindings.collect(),
                    voting: matches!(self.screen, Screen::Voting(_)),
                    scroll: 0,
                });
                None
            }
            Action::Back => match &self.screen {
                // The organisation view closes its drill-down first, then goes home.
                Screen::Home(_) | Screen::Organisation(_) => None,
                Screen::Setup(_) if !self.saved_checkpoint() => self.home_screen(),
                Screen::Setup(_) if self.is_blank() => {
                    let squad = self.checkpoint().map_or("", |c| c.squad.as_str());
                    self.popup = Some(Popup::Confirm {
                        message: format!(
                            "No one takes part in {squad} yet. Discard this new checkpoint?"
                        ),
                        then: Confirmed::Discard,
                    });
                    None
                }
                Screen::Setup(_) => self.can_leave_setup().then(|| self.agenda_screen()),
                Screen::Agenda(_) => self.home_screen(),
                // Back where the screen was opened from (voting opened from the results or
                // the board returns there), else to the agenda.
                Screen::Results(_)
                | Screen::Board(_)
                | Screen::Summary(_)
                | Screen::Voting(_)
                | Screen::Flow(_)
                | Screen::Improvements(_)
                | Screen::Actions(_)
                | Screen::Reveal(_)
                | Screen::Capabilities(_) => Some(
                    self.back
                        .take()
                        .map_or_else(|| self.agenda_screen(), |s| *s),
                ),
            },
            Action::Agenda if self.can_leave_setup() => Some(self.agenda_screen()),
            Action::Results if self.can_leave_setup() => {
                let screen = Screen::Results(results::State::new(self));
                Some(self.visit(screen))
            }
            Action::Board if self.can_leave_setup() => self.board_part().map(|i| {
                let screen = Screen::Board(board::State::open(self, i));
                self.visit(screen)
            }),
            Action::Summary if self.can_leave_setup() => {
                let screen = self.summary_screen();
                Some(self.visit(screen))
            }
            Action::Flow | Action::Improvements | Action::Actions if self.can_leave_setup() => {
                let kind = match action {
                    Action::Flow => PartKind::Flow,
                    Action::Improvements => PartKind::Improvements,
                    _ => PartKind::Actions,
                };
                let part = self.part_of(kind)?;
                let screen = self.part_screen(part);
                Some(self.visit(screen))
            }
            Action::Setup => Some(Screen::Setup(setup::State::default())),
            Action::Room => {
                self.open_room(self.listen);
                None
            }
            _ => None,
        }
    }

    /// Goes to a side screen (results, board, summary), remembering where Esc returns.
    fn visit(&mut self, screen: Screen) -> Screen {
        if matches!(self.screen, Screen::Voting(_) | Screen::Agenda(_)) {
            self.back = Some(Box::new(self.screen.clone()));
        }
        screen
    }

    /// Whether the setup is complete enough to go on: a squad and someone to vote; else says
    /// what is missing.
    fn can_leave_setup(&mut self) -> bool {
        match self.model.setup_done() {
            Ok(()) => true,
            Err(missing) => {
                if let Some(text) = missing {
                    self.error(text);
                }
                false
            }
        }
    }

    /// Whether the screen waits for work on another thread (the organisation's report): the
    /// event loop then looks more often, to draw it as soon as it is done.
    pub fn waiting(&self) -> bool {
        matches!(&self.screen, Screen::Organisation(s) if s.loaded().is_none())
    }

    /// The part the screen is in, for the header.
    pub fn current_part(&self) -> Option<usize> {
        match &self.screen {
            Screen::Home(_) | Screen::Setup(_) => None,
            _ => self.session_part(),
        }
    }
}
