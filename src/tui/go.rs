//! Where the app goes: the screen a [`Dest`] names, built from the model, and the switch to it
//! (entering a part starts its timer; Esc remembers where to return). Also keeps the
//! capabilities parts on the statements the DORA level recommends, and the screens on them.

use crate::agenda::{PartKind, SUMMARY_PART};
use crate::tui::app::{App, Screen};
use crate::tui::effect::Dest;
use crate::tui::{
    actions, agenda, board, capabilities, flow, home, improvements, organisation, reveal, setup,
    summary, voting,
};

impl App {
    /// The screen `dest` names; `None` when there is none to go to (a question not in the
    /// agenda, or home while the checkpoint cannot be saved).
    pub(crate) fn screen_for(&mut self, dest: Dest) -> Option<Screen> {
        Some(match dest {
            Dest::Home => return self.home_screen(),
            Dest::Setup => Screen::Setup(setup::State::default()),
            Dest::Agenda => self.agenda_screen(),
            Dest::Part(part) => self.part_screen(part),
            Dest::NextPart(part) => self.next_part_screen(part),
            Dest::Vote { part, index } => {
                Screen::Voting(voting::State::new(&self.model, part, index))
            }
            Dest::Question(question) => return self.vote_on(&question),
            Dest::Reveal(part) => Screen::Reveal(reveal::State { part }),
            Dest::Summary => self.summary_screen(),
            Dest::Organisation => {
                let state = organisation::State::open(&self.model);
                if let Some(problem) = &state.targets_error {
                    self.error(&format!("targets not shown: {problem}"));
                }
                Screen::Organisation(state)
            }
        })
    }

    /// Goes where `dest` names, if anywhere.
    pub(crate) fn go_to(&mut self, dest: Dest) {
        if let Some(screen) = self.screen_for(dest) {
            self.go(screen);
        }
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
            if let Some(work) = &mut self.model.work {
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
    }

    /// Back to the home screen, closing the checkpoint (it is saved).
    pub fn go_home(&mut self) {
        self.go_to(Dest::Home);
    }

    /// The home screen; the open checkpoint is saved and closed. `None` when it cannot be
    /// saved: it stays open, and the facilitator is asked what to do.
    pub(crate) fn home_screen(&mut self) -> Option<Screen> {
        if !self.saved_or_asked() {
            return None;
        }
        self.close_room();
        self.work = None;
        self.refresh_parts();
        Some(Screen::Home(home::State::load(&self.model)))
    }

    pub fn agenda_screen(&self) -> Screen {
        let selected = self.session_part().map_or(1, |i| i + 1);
        Screen::Agenda(agenda::State { selected })
    }

    pub(crate) fn summary_screen(&self) -> Screen {
        Screen::Summary(summary::State::new(&self.model))
    }

    /// The voting screen on a question, wherever it is.
    pub fn vote_on(&self, question: &str) -> Option<Screen> {
        let (part, index) = self.locate(question)?;
        Some(Screen::Voting(voting::State::new(&self.model, part, index)))
    }

    /// The screen of the first part after `part` that is not skipped, ending on the summary.
    pub fn next_part_screen(&self, part: usize) -> Screen {
        match self.next_part(part) {
            Some(i) => self.part_screen(i),
            None => self.summary_screen(),
        }
    }

    /// The screen a part opens on: its board, its first open question, or the summary.
    pub fn part_screen(&self, part: usize) -> Screen {
        let model = &self.model;
        let Some(p) = model.parts.get(part) else {
            return self.summary_screen();
        };
        match p.kind {
            PartKind::Summary => return self.summary_screen(),
            PartKind::Board => return Screen::Board(board::State::open(model, part)),
            PartKind::Flow => return Screen::Flow(flow::State::default()),
            PartKind::Improvements => {
                return Screen::Improvements(improvements::State::new(model));
            }
            PartKind::Actions => return Screen::Actions(actions::State::default()),
            PartKind::Capabilities if p.items.is_empty() => {
                return Screen::Capabilities(capabilities::State { part });
            }
            PartKind::Questions | PartKind::Capabilities => {}
        }
        let index = p
            .items
            .iter()
            .position(|i| !model.is_done(&i.question))
            .unwrap_or(0);
        Screen::Voting(voting::State::new(model, part, index))
    }

    /// The screen a resumed checkpoint opens on: where it was left.
    pub fn resume_screen(&self) -> Screen {
        let Some(c) = self.checkpoint() else {
            return Screen::Home(home::State::default());
        };
        if c.participants.is_empty() {
            return Screen::Setup(setup::State::default());
        }
        let Some(part) = self.session_part() else {
            return self.agenda_screen();
        };
        let kind = self.parts[part].kind;
        if !matches!(
            kind,
            PartKind::Questions | PartKind::Board | PartKind::Capabilities
        ) {
            return self.part_screen(part);
        }
        let index = self.parts[part]
            .items
            .iter()
            .position(|i| i.question == c.session.question);
        match index {
            Some(index) => Screen::Voting(voting::State::new(&self.model, part, index)),
            None if kind == PartKind::Board => Screen::Board(board::State::open(&self.model, part)),
            None if kind == PartKind::Capabilities => self.part_screen(part),
            None => self.agenda_screen(),
        }
    }

    /// Gives every capabilities part the statements of the walk, and keeps the voting screen
    /// (and the screen Esc returns to) on the question it showed.
    pub(crate) fn refresh_parts(&mut self) {
        self.model.follow_model();
        for (part, items) in capabilities::walk_parts(&self.model) {
            let same = self.parts[part].items.iter().map(|i| &i.question);
            if same.eq(items.iter().map(|i| &i.question)) {
                continue;
            }
            let on = |screen: &Screen| match screen {
                Screen::Voting(s) if s.part == part => {
                    Some(self.item(part, s.index)?.question.clone())
                }
                _ => None,
            };
            let (here, back) = (on(&self.screen), self.back.as_deref().and_then(on));
            self.model.set_items(part, items);
            let index = |question: Option<String>| self.locate(&question?).map(|(_, i)| i);
            let (here, back) = (index(here), index(back));
            if let (Screen::Voting(s), Some(i)) = (&mut self.screen, here) {
                s.index = i;
            } else if self.work.is_some()
                && matches!(&self.screen, Screen::Voting(s) if s.part == part)
            {
                let screen = self.part_screen(part);
                self.go(screen);
            }
            if let Some(Screen::Voting(s)) = self.back.as_deref_mut() {
                match back {
                    Some(i) => s.index = i,
                    None if s.part == part => self.back = None,
                    None => {}
                }
            }
        }
    }

    /// Adds the capability `id` to the part and votes on its first statement.
    pub(crate) fn choose_capability(&mut self, id: &str) {
        let Some(work) = self.model.work.as_mut() else {
            return;
        };
        if !work.chosen.iter().any(|c| c == id) {
            work.chosen.push(id.to_string());
        }
        self.refresh_parts();
        let first = self.catalog.capability(id);
        let first = first
            .and_then(|c| c.statements.first())
            .map(|s| s.id.clone());
        if let Some(screen) = first.and_then(|s| self.vote_on(&s)) {
            self.go(screen);
        }
    }
}
