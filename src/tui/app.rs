//! The workshop screen's state and its one entry point for input, [`App::update`]: every key
//! becomes an [`Action`], the current popup or screen handles it, and the open checkpoint is
//! saved before the next key is read.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Instant;

use crate::checklist::{Catalog, Question};
use crate::checkpoint::{CarryOver, Checkpoint, Mode, Store};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::popup::{self, Popup};
use crate::tui::theme::Theme;
use crate::tui::widgets::count;
use crate::tui::{
    actions, agenda, board, capabilities, flow, home, improvements, results, reveal, room, setup,
    summary, voting,
};

use crate::agenda::places;
use crate::agenda::{Item, Part, PartKind, SUMMARY_PART, is_done, parts};
pub use crate::workshop::Workshop;

/// What the status line says until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

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
        }
    }
}

/// The whole workshop screen.
#[derive(Debug)]
pub struct App {
    pub catalog: Catalog,
    pub parts: Vec<Part>,
    /// Question id → (part, index), for [`App::locate`].
    places: HashMap<String, (usize, usize)>,
    pub store: Store,
    pub theme: Theme,
    /// The date new checkpoints get.
    pub today: jiff::civil::Date,
    /// The time of the latest key or tick; the timers read it.
    pub now: Instant,
    pub screen: Screen,
    pub popup: Option<Popup>,
    pub status: Option<Status>,
    pub work: Option<Workshop>,
    /// Where Esc goes back to from the results, board and summary.
    pub back: Option<Box<Screen>>,
    /// The voting room, while it is open.
    pub room: Option<room::Live>,
    /// Where the room listens when `w` opens it (`--listen`).
    pub listen: SocketAddr,
    quit: bool,
    /// Set by [`App::go`], so that a screen's update that switched screens is not undone.
    moved: bool,
}

impl App {
    /// The app on its home screen.
    pub fn new(catalog: Catalog, store: Store, today: jiff::civil::Date, now: Instant) -> App {
        let parts = parts(&catalog);
        let places = places(&parts);
        let mut app = App {
            catalog,
            parts,
            places,
            store,
            theme: Theme::color(),
            today,
            now,
            screen: Screen::Home(home::State::default()),
            popup: None,
            status: None,
            work: None,
            back: None,
            room: None,
            listen: SocketAddr::from(([0, 0, 0, 0], 0)),
            quit: false,
            moved: false,
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
            return capabilities::offered(self);
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

    /// A checkpoint is open and saved (it has a squad), so its screens can be visited.
    fn saved_checkpoint(&self) -> bool {
        self.work.as_ref().is_some_and(|w| w.path.is_some())
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
                && input.purpose != popup::Purpose::Export
            {
                popup::update(self, Popup::Input(input), Action::Confirm);
            }
            self.quit = self.saved_or_asked();
        } else if let Some(popup) = self.popup.take() {
            popup::update(self, popup, action);
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
        if let (Some(live), Some(work)) = (&mut self.room, &self.work) {
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
        capabilities::refresh(self);
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
        self.moved = false;
        let mut screen = std::mem::replace(&mut self.screen, Screen::Home(home::State::default()));
        let next = match &mut screen {
            Screen::Home(s) => home::update(self, s, action),
            Screen::Setup(s) => setup::update(self, s, action),
            Screen::Agenda(s) => agenda::update(self, s, action),
            Screen::Voting(s) => voting::update(self, s, action),
            Screen::Results(s) => results::update(self, s, action),
            Screen::Board(s) => board::update(self, s, action),
            Screen::Summary(s) => summary::update(self, s, action),
            Screen::Flow(s) => flow::update(self, s, action),
            Screen::Improvements(s) => improvements::update(self, s, action),
            Screen::Actions(s) => actions::update(self, s, action),
            Screen::Reveal(s) => reveal::update(self, s, action),
            Screen::Capabilities(s) => capabilities::update(self, s, action),
        };
        if !self.moved {
            self.screen = screen;
        }
        if let Some(next) = next {
            self.go(next);
        }
    }

    /// The keys that work the same on every screen.
    fn global(&mut self, action: Action) -> Option<Screen> {
        match action {
            Action::Help => {
                self.popup = Some(Popup::help(self.contexts()));
                None
            }
            Action::Back => match &self.screen {
                Screen::Home(_) => None,
                Screen::Setup(_) if !self.saved_checkpoint() => self.home_screen(),
                Screen::Setup(_) if self.is_blank() => {
                    let squad = self.checkpoint().map_or("", |c| c.squad.as_str());
                    self.popup = Some(Popup::Confirm {
                        message: format!(
                            "No one takes part in {squad} yet. Discard this new checkpoint?"
                        ),
                        then: popup::Confirmed::Discard,
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

    /// A saved checkpoint with no participants and no answers: nothing to lose by discarding it.
    fn is_blank(&self) -> bool {
        self.checkpoint()
            .is_some_and(|c| c.participants.is_empty() && c.answers.is_empty())
    }

    /// Deletes the open checkpoint's file and goes home; only for a blank one.
    pub fn discard(&mut self) {
        if !self.is_blank() {
            return;
        }
        self.close_room();
        if let Some(work) = self.work.take() {
            work.delete();
        }
        self.go_home();
        self.info("Discarded the new checkpoint.");
    }

    /// Whether the setup is complete enough to go on: a squad and someone to vote.
    pub fn can_leave_setup(&mut self) -> bool {
        let Some(work) = &self.work else {
            return false;
        };
        let c = work.checkpoint();
        let missing = if c.squad.trim().is_empty() {
            Some("The squad needs a name first (Enter on Squad).")
        } else if c.participants.is_empty() {
            Some(match c.mode {
                Mode::Solo => "Your name first (Enter on Your name).",
                Mode::Workshop => "Add at least one participant first (a).",
            })
        } else {
            None
        };
        if let Some(text) = missing {
            self.error(text);
        }
        missing.is_none()
    }

    /// Switches screens; entering a part starts its timer.
    pub fn go(&mut self, screen: Screen) {
        let now = self.now;
        let session = match &screen {
            Screen::Voting(s) => Some((s.part, self.item(s.part, s.index))),
            Screen::Board(s) => Some((s.part, None)),
            Screen::Capabilities(s) => Some((s.part, None)),
            Screen::Summary(_) => self.part_index(SUMMARY_PART).map(|i| (i, None)),
            Screen::Flow(_) => self.part_of(PartKind::Flow).map(|i| (i, None)),
            Screen::Improvements(_) => self.part_of(PartKind::Improvements).map(|i| (i, None)),
            Screen::Actions(_) => self.part_of(PartKind::Actions).map(|i| (i, None)),
            _ => None,
        };
        if let Some((part, item)) = session {
            let id = self.parts[part].id.clone();
            let question = item.map(|i| i.question.clone()).unwrap_or_default();
            if let Some(work) = &mut self.work {
                work.enter(&id, &question, now);
            }
        }
        if matches!(screen, Screen::Home(_) | Screen::Agenda(_)) {
            self.back = None;
        }
        if matches!(screen, Screen::Voting(_))
            && matches!(self.screen, Screen::Results(_) | Screen::Board(_))
        {
            self.back = Some(Box::new(self.screen.clone()));
        }
        self.screen = screen;
        self.moved = true;
    }

    /// Back to the home screen, closing the checkpoint (it is saved).
    pub fn go_home(&mut self) {
        if let Some(screen) = self.home_screen() {
            self.go(screen);
        }
    }

    /// The home screen; the open checkpoint is saved and closed. `None` when it cannot be
    /// saved: it stays open, and the facilitator is asked what to do.
    fn home_screen(&mut self) -> Option<Screen> {
        if !self.saved_or_asked() {
            return None;
        }
        self.close_room();
        self.work = None;
        capabilities::refresh(self);
        Some(Screen::Home(home::State::load(self)))
    }

    /// Leaves the workshop screen although the latest changes could not be saved: the
    /// facilitator chose it.
    pub fn quit_without_saving(&mut self) {
        self.quit = true;
    }

    pub fn agenda_screen(&self) -> Screen {
        let selected = self
            .work
            .as_ref()
            .and_then(|w| self.part_index(&w.checkpoint().session.part))
            .map_or(1, |i| i + 1);
        Screen::Agenda(agenda::State { selected })
    }

    fn summary_screen(&self) -> Screen {
        Screen::Summary(summary::State::new(self))
    }

    /// Starts a new checkpoint in the setup screen, asking first for the squad's name.
    pub fn start(&mut self, mode: Mode) {
        let mut checkpoint = Checkpoint::new("", self.today);
        checkpoint.mode = mode;
        self.start_with(checkpoint);
    }

    /// Starts a new checkpoint: on the agenda when it has a squad and participants (as
    /// `checkpoint new --squad --participant` does), else on the setup, asking for the squad's
    /// name first when it has none.
    pub fn start_with(&mut self, checkpoint: Checkpoint) {
        let named = !checkpoint.squad.trim().is_empty();
        let ready = named && !checkpoint.participants.is_empty();
        self.work = Some(Workshop::draft(checkpoint, self.now));
        capabilities::refresh(self);
        self.save();
        let screen = if ready {
            self.agenda_screen()
        } else {
            Screen::Setup(setup::State::default())
        };
        self.go(screen);
        if named {
            self.offer_carry_over();
        } else {
            self.popup = Some(setup::squad_prompt(""));
        }
    }

    /// Reads the squad's earlier checkpoints from the store, for the results' comparison.
    pub fn load_history(&mut self) {
        let Some(work) = &mut self.work else {
            return;
        };
        work.history = crate::history::History::load(
            self.store.dir(),
            &self.catalog,
            work.checkpoint(),
            work.path.as_deref(),
        );
    }

    /// After a new checkpoint is named: when the squad met before, asks whether to bring over
    /// its participants and its actions to review.
    pub fn offer_carry_over(&mut self) {
        self.load_history();
        let Some(work) = &self.work else {
            return;
        };
        let c = work.checkpoint();
        let Some(last) = work.history.last() else {
            return;
        };
        let path = self.store.dir().join(format!("{}.toml", last.name));
        let Ok(previous) = crate::checkpoint::load(&path) else {
            return;
        };
        let Some(CarryOver { people, actions }) = CarryOver::offered(&previous, c) else {
            return;
        };
        let what = match (people, actions) {
            (0, _) => format!(
                "its {} to mark done or not",
                count(actions, "action", "actions")
            ),
            (_, 0) => format!("its {}", count(people, "participant", "participants")),
            _ => format!(
                "its {} and its {} to mark done or not",
                count(people, "participant", "participants"),
                count(actions, "action", "actions")
            ),
        };
        self.popup = Some(Popup::Confirm {
            message: format!("{} met on {}. Bring over {what}?", c.squad, previous.date),
            then: popup::Confirmed::CarryOver(Box::new(previous)),
        });
    }

    /// Brings over what the squad's `previous` checkpoint holds (see
    /// [`Checkpoint::carry_over`]).
    pub fn carry_over(&mut self, previous: &Checkpoint) {
        let Some(c) = self.checkpoint_mut() else {
            return;
        };
        let n = c.carry_over(previous);
        self.info(&format!(
            "Brought over from {}: the participants and {n} actions (c shows them).",
            previous.date
        ));
    }

    /// Saves the open checkpoint if it changed; a failure shows in the status line.
    pub fn save(&mut self) {
        let Some(work) = &mut self.work else {
            return;
        };
        match work.save(&self.store) {
            Ok(Some(path)) => self.info(&format!("Saved as {}", path.display())),
            Ok(None) => {}
            Err(e) => {
                if work.unsaved.is_none() {
                    // Told once, when it starts; every key tries again.
                    self.popup = Some(Popup::Unsaved);
                }
                work.unsaved = Some(e.to_string());
                self.error(&format!("NOT SAVED: {e}"));
            }
        }
    }

    /// A message in the status line.
    pub fn info(&mut self, text: &str) {
        self.status = Some(Status {
            text: text.to_string(),
            error: false,
        });
    }

    /// An error in the status line.
    pub fn error(&mut self, text: &str) {
        self.status = Some(Status {
            text: text.to_string(),
            error: true,
        });
    }

    /// Counts the edits to the open checkpoint (see [`Workshop::edits`]).
    fn edits(&self) -> Option<u64> {
        self.work.as_ref().map(Workshop::edits)
    }

    /// The open checkpoint. Screens other than home only exist with one open.
    pub fn checkpoint(&self) -> Option<&Checkpoint> {
        self.work.as_ref().map(Workshop::checkpoint)
    }

    /// The open checkpoint as the shared screen may show it, with the votes not yet revealed
    /// left out, and how many questions that holds back.
    pub fn shown(&self) -> Option<(std::borrow::Cow<'_, Checkpoint>, usize)> {
        self.checkpoint().map(Checkpoint::revealed_only)
    }

    /// The open checkpoint, to change it.
    pub fn checkpoint_mut(&mut self) -> Option<&mut Checkpoint> {
        self.work.as_mut().map(Workshop::checkpoint_mut)
    }

    /// The index of the part with `id`.
    pub fn part_index(&self, id: &str) -> Option<usize> {
        self.parts.iter().position(|p| p.id == id)
    }

    /// The milestone board's part.
    pub fn board_part(&self) -> Option<usize> {
        self.part_of(PartKind::Board)
    }

    /// The index of the (first) part of `kind`.
    pub fn part_of(&self, kind: PartKind) -> Option<usize> {
        self.parts.iter().position(|p| p.kind == kind)
    }

    /// Replaces a part's questions (the capabilities part follows the DORA level).
    pub fn set_items(&mut self, part: usize, items: Vec<Item>) {
        if let Some(p) = self.parts.get_mut(part) {
            p.items = items;
            self.places = places(&self.parts);
        }
    }

    /// The item at `index` of part `part`.
    pub fn item(&self, part: usize, index: usize) -> Option<&Item> {
        self.parts.get(part)?.items.get(index)
    }

    /// The part and index of a question.
    pub fn locate(&self, question: &str) -> Option<(usize, usize)> {
        self.places.get(question).copied()
    }

    /// The voting screen on a question, wherever it is.
    pub fn vote_on(&self, question: &str) -> Option<Screen> {
        let (part, index) = self.locate(question)?;
        Some(Screen::Voting(voting::State::new(self, part, index)))
    }

    /// The question at `index` of part `part`.
    pub fn question(&self, part: usize, index: usize) -> Option<&Question> {
        self.catalog.question(&self.item(part, index)?.question)
    }

    /// Whether the squad is done with `question` in the open checkpoint.
    pub fn is_done(&self, question: &str) -> bool {
        self.checkpoint().is_some_and(|c| is_done(c, question))
    }

    /// Questions done and questions in all, for a part.
    pub fn progress(&self, part: usize) -> (usize, usize) {
        let items = self.parts.get(part).map_or(&[][..], |p| p.items.as_slice());
        let done = items.iter().filter(|i| self.is_done(&i.question)).count();
        (done, items.len())
    }

    /// What the agenda says a part holds, and whether it is done: questions answered, or for
    /// the plan's parts the stages drawn, the improvements noted (done once every dot is
    /// placed) and the actions (done once every top improvement has one).
    pub fn part_status(&self, part: usize) -> (String, bool) {
        let Some(p) = self.parts.get(part) else {
            return (String::new(), false);
        };
        let Some(c) = self.checkpoint() else {
            return (String::new(), false);
        };
        match p.kind {
            PartKind::Capabilities if p.items.is_empty() => ("after DORA".into(), false),
            PartKind::Questions | PartKind::Board | PartKind::Capabilities => {
                let (done, total) = self.progress(part);
                (format!("{done}/{total}"), total > 0 && done == total)
            }
            PartKind::Flow => (count(c.flow.len(), "stage", "stages"), !c.flow.is_empty()),
            PartKind::Improvements => (
                count(c.improvements.len(), "noted", "noted"),
                !c.improvements.is_empty() && c.all_dots_placed(),
            ),
            PartKind::Actions => {
                let ranking = c.ranking();
                let mut top = ranking.iter().filter(|r| r.is_top()).peekable();
                let covered = top.peek().is_some()
                    && top.all(|r| c.actions_for(Some(r.index)).next().is_some());
                (count(c.actions.len(), "action", "actions"), covered)
            }
            PartKind::Summary => (String::new(), false),
        }
    }

    /// Whether the facilitator skipped the part.
    pub fn is_skipped(&self, part: usize) -> bool {
        let id = self.parts.get(part).map(|p| p.id.as_str());
        self.checkpoint()
            .is_some_and(|c| c.session.skipped.iter().any(|s| Some(s.as_str()) == id))
    }

    /// The screen of the first part after `part` that is not skipped, ending on the summary.
    pub fn next_part_screen(&self, part: usize) -> Screen {
        let next = (part + 1..self.parts.len()).find(|i| !self.is_skipped(*i));
        match next {
            Some(i) => self.part_screen(i),
            None => self.summary_screen(),
        }
    }

    /// The screen a part opens on: its board, its first open question, or the summary.
    pub fn part_screen(&self, part: usize) -> Screen {
        let Some(p) = self.parts.get(part) else {
            return self.summary_screen();
        };
        match p.kind {
            PartKind::Summary => return self.summary_screen(),
            PartKind::Board => return Screen::Board(board::State::open(self, part)),
            PartKind::Flow => return Screen::Flow(flow::State::default()),
            PartKind::Improvements => return Screen::Improvements(improvements::State::new(self)),
            PartKind::Actions => return Screen::Actions(actions::State::default()),
            PartKind::Capabilities if p.items.is_empty() => {
                return Screen::Capabilities(capabilities::State { part });
            }
            PartKind::Questions | PartKind::Capabilities => {}
        }
        let index = p
            .items
            .iter()
            .position(|i| !self.is_done(&i.question))
            .unwrap_or(0);
        Screen::Voting(voting::State::new(self, part, index))
    }

    /// The part the screen is in, for the header.
    pub fn current_part(&self) -> Option<usize> {
        let session = &self.checkpoint()?.session;
        match &self.screen {
            Screen::Home(_) | Screen::Setup(_) => None,
            _ => self.part_index(&session.part),
        }
    }
}
