//! The app carrying out what screens and popups return: each [`Effect`] in order, a popup's
//! typed text or yes handed to the screen it is for, and the checkpoint's life around them
//! (start, open, carry over, save, discard).

use std::path::Path;

use crate::checkpoint::{CarryOver, Checkpoint, Mode};
use crate::command::{Command, Done};
use crate::tui::app::{App, Screen};
use crate::tui::effect::{Dest, Effect};
use crate::tui::popup::{Confirmed, Input, Popup, Purpose};
use crate::tui::widgets::count;
use crate::tui::{actions, flow, improvements, kits, setup, summary, unsaved};
use crate::workshop::Workshop;

impl App {
    /// Carries out `effects` in order; a refused one stops the rest and says why.
    pub(crate) fn run(&mut self, effects: Vec<Effect>) {
        if let Err(e) = effects.into_iter().try_for_each(|e| self.apply(e)) {
            self.error(&e);
        }
    }

    /// Carries out one effect.
    fn apply(&mut self, effect: Effect) -> Result<(), String> {
        match effect {
            Effect::Go(dest) => self.go_to(dest),
            Effect::Popup(popup) => self.popup = Some(popup),
            Effect::Info(text) => self.info(&text),
            Effect::Error(text) => self.error(&text),
            Effect::Edit(command) => {
                let work = self.model.work.as_mut().ok_or("no checkpoint is open")?;
                work.apply(&command)?;
            }
            Effect::Start(mode) => self.start(mode),
            Effect::Open(path) => {
                self.open(&path);
            }
            Effect::Typed(input) => self.typed(input),
            Effect::Confirmed(then) => self.confirmed(then),
            Effect::KitSteps { improvement, steps } => {
                let effects = kits::add_steps(&self.model, improvement, steps);
                self.run(effects);
            }
            Effect::Capability(id) => self.choose_capability(&id),
            Effect::LoadHistory => self.load_history(),
            Effect::OfferCarryOver => self.offer_carry_over(),
            Effect::CarryOver(previous) => self.carry_over(&previous),
            Effect::Discard => self.discard(),
            Effect::Retry => {
                self.save();
                if self.work.as_ref().is_some_and(|w| w.unsaved.is_some()) {
                    self.popup = Some(Popup::Unsaved);
                } else {
                    self.info("Saved.");
                }
            }
            Effect::SaveAs(path) => {
                let work = self.model.work.as_mut().ok_or("No checkpoint is open.")?;
                work.save_as(&path).map_err(|e| e.to_string())?;
                self.info(&format!(
                    "Saved to {}; this checkpoint is kept there from now on.",
                    path.display()
                ));
            }
            Effect::QuitUnsaved => self.quit_without_saving(),
        }
        Ok(())
    }

    /// Enter on a text field: the screen the text is for takes it. A refusal leaves the field
    /// open, saying why; else the popup is whatever taking it opened (the owner after an
    /// action's text).
    fn typed(&mut self, mut input: Input) {
        let text = input.field.text().to_string();
        let done = match self.read(&input.purpose, &text) {
            Ok(effects) => effects.into_iter().try_for_each(|e| self.apply(e)),
            Err(e) => Err(e),
        };
        if let Err(message) = done {
            input.error = Some(message);
            self.popup = Some(Popup::Input(input));
        }
    }

    /// What typed `text` comes to, for `purpose`.
    fn read(&mut self, purpose: &Purpose, text: &str) -> Result<Vec<Effect>, String> {
        let model = &self.model;
        let screen = &mut self.screen;
        match purpose {
            Purpose::Setup(field) => setup::apply(model, *field, text),
            Purpose::AddParticipant => setup::add(model, text),
            Purpose::Rename(old) => setup::rename(model, old, text),
            Purpose::Note(question) => Ok(vec![Effect::Edit(Command::Note {
                question: question.clone(),
                text: text.to_string(),
            })]),
            Purpose::Export => {
                let state = match screen {
                    Screen::Summary(s) => Some(s),
                    _ => None,
                };
                summary::export(model, state, text)
            }
            Purpose::Stage(index) => {
                let state = match screen {
                    Screen::Flow(s) => Some(s),
                    _ => None,
                };
                flow::apply(model, state, *index, text)
            }
            Purpose::Improvement { edit, concerns } => {
                let state = match screen {
                    Screen::Improvements(s) => Some(s),
                    _ => None,
                };
                improvements::apply(model, state, *edit, concerns.clone(), text)
            }
            Purpose::ActionText { improvement, edit } => {
                let state = match screen {
                    Screen::Actions(s) => Some(s),
                    _ => None,
                };
                actions::apply_text(model, state, *improvement, *edit, text)
            }
            Purpose::ActionOwner(k) => actions::apply_owner(model, *k, text),
            Purpose::ActionDue(k) => actions::apply_due(model, *k, text),
            Purpose::SaveAs => unsaved::save_as(text),
        }
    }

    /// A yes to the question `then` asked.
    fn confirmed(&mut self, then: Confirmed) {
        let effects = match then {
            Confirmed::RemoveParticipant(name) => setup::remove(&name),
            Confirmed::Discard => vec![Effect::Discard],
            Confirmed::RemoveStage(i) => {
                vec![Effect::Edit(Command::RemoveStage(i))]
            }
            Confirmed::RemoveImprovement(i) => {
                vec![Effect::Edit(Command::RemoveImprovement(i))]
            }
            Confirmed::CarryOver(previous) => vec![Effect::CarryOver(previous)],
        };
        self.run(effects);
    }

    /// Deletes the open checkpoint's file and goes home; only for a blank one.
    pub fn discard(&mut self) {
        if !self.is_blank() {
            return;
        }
        self.close_room();
        if let Some(work) = self.model.work.take() {
            work.delete();
        }
        self.go_home();
        self.info("Discarded the new checkpoint.");
    }

    /// Leaves the workshop screen although the latest changes could not be saved: the
    /// facilitator chose it.
    pub fn quit_without_saving(&mut self) {
        self.quit = true;
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
        self.model.work = Some(Workshop::draft(checkpoint, self.now));
        self.refresh_parts();
        self.save();
        self.go_to(if ready { Dest::Agenda } else { Dest::Setup });
        if named {
            self.offer_carry_over();
        } else {
            self.popup = Some(setup::squad_prompt(""));
        }
    }

    /// Opens the checkpoint at `path` and goes where it was left; says why when it cannot.
    pub fn open(&mut self, path: &Path) -> bool {
        match Workshop::open(path, &self.catalog, self.now) {
            Ok((work, warning)) => {
                self.resume(work, warning);
                true
            }
            Err(e) => {
                self.error(&format!("{e:#}"));
                false
            }
        }
    }

    /// Takes an opened checkpoint and goes where it was left, showing the warning that came
    /// with it.
    pub fn resume(&mut self, work: Workshop, warning: Option<String>) {
        self.model.work = Some(work);
        self.refresh_parts();
        self.load_history();
        let screen = self.resume_screen();
        self.go(screen);
        if let Some(warning) = warning {
            self.error(&warning);
        }
    }

    /// Reads the squad's earlier checkpoints from the store, for the results' comparison, and
    /// its target; a targets file with problems is said in the status line, without targets.
    pub fn load_history(&mut self) {
        let model = &mut self.model;
        let Some(work) = &mut model.work else {
            return;
        };
        let (dir, catalog) = (model.store.dir(), &model.catalog);
        let (c, path) = (work.checkpoint(), work.path.as_deref());
        let history = crate::history::History::load(dir, catalog, c, path);
        let target = crate::report::targets::of_checkpoint(dir, catalog, c, path);
        work.history = history;
        work.target = target.clone().unwrap_or_default();
        if let Err(problem) = target {
            self.error(&format!("targets not shown: {problem}"));
        }
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
            then: Confirmed::CarryOver(Box::new(previous)),
        });
    }

    /// Brings over what the squad's `previous` checkpoint holds (see
    /// [`Checkpoint::carry_over`]).
    pub fn carry_over(&mut self, previous: &Checkpoint) {
        let Some(work) = self.model.work.as_mut() else {
            return;
        };
        let command = Command::CarryOver(Box::new(previous.clone()));
        let n = match work.apply(&command) {
            Ok(Done::Count(n)) => n,
            _ => 0,
        };
        self.info(&format!(
            "Brought over from {}: the participants and {n} actions (c shows them).",
            previous.date
        ));
    }

    /// Saves the open checkpoint if it changed; a failure shows in the status line.
    pub fn save(&mut self) {
        let model = &mut self.model;
        let Some(work) = &mut model.work else {
            return;
        };
        match work.save(&model.store) {
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

    /// Saves the open checkpoint; when that fails, opens the question of what to do with the
    /// changes and says false. Leaving (quit, home) waits for a true.
    pub(crate) fn saved_or_asked(&mut self) -> bool {
        self.save();
        let unsaved = self.work.as_ref().is_some_and(|w| w.unsaved.is_some());
        if unsaved {
            self.popup = Some(Popup::Unsaved);
        }
        !unsaved
    }

    /// When the screen was left with changes the file lacks: what was lost, to say once the
    /// terminal is back.
    pub fn lost(&self) -> Option<String> {
        let work = self.work.as_ref()?;
        let why = work.unsaved.as_ref()?;
        let path = work.path.as_deref().unwrap_or(self.store.dir());
        Some(format!(
            "quit without saving: the latest changes to {} were not written ({why})",
            path.display()
        ))
    }
}
