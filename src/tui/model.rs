//! What the screens read: the catalog and the agenda's parts, the store, the open checkpoint,
//! the clock and the status line, with the questions they ask of them. Screens and popups get
//! it read-only and return [`crate::tui::effect::Effect`]s; only the app changes it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::time::Instant;

use crate::agenda::{self, Item, Part, PartKind, is_done, parts, places};
use crate::checklist::{Catalog, Question};
use crate::checkpoint::{Checkpoint, Store};
use crate::command::{Command, Done};
use crate::tui::theme::Theme;
use crate::tui::widgets::count;
use crate::workshop::Workshop;

/// What the status line says until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The workshop as the screens read it.
#[derive(Debug)]
pub struct Model {
    /// The catalog on the open checkpoint's DORA model (see [`Model::follow_model`]).
    pub catalog: Catalog,
    /// The catalog as loaded, on the 2019 model, with the other model's view.
    root: Catalog,
    pub parts: Vec<Part>,
    /// Question id → (part, index), for [`Model::locate`].
    places: HashMap<String, (usize, usize)>,
    pub store: Store,
    pub theme: Theme,
    /// The date new checkpoints get.
    pub today: jiff::civil::Date,
    /// The time of the latest key or tick; the timers read it.
    pub now: Instant,
    pub status: Option<Status>,
    pub work: Option<Workshop>,
    /// While the voting room is open, who joined it on a device (the app keeps it current).
    pub on_devices: Option<Vec<String>>,
}

impl Model {
    /// The workshop with no checkpoint open.
    pub fn new(catalog: Catalog, store: Store, today: jiff::civil::Date, now: Instant) -> Model {
        let parts = parts(&catalog);
        let places = places(&parts);
        Model {
            root: catalog.clone(),
            catalog,
            parts,
            places,
            store,
            theme: Theme::color(),
            today,
            now,
            status: None,
            work: None,
            on_devices: None,
        }
    }

    /// Puts the catalog and the agenda on the open checkpoint's DORA model (the loaded one when
    /// none is open); nothing to do when they are on it already.
    pub fn follow_model(&mut self) {
        let model = self.checkpoint().map_or(self.root.model(), |c| c.dora);
        if self.catalog.model() != model {
            self.catalog = self.root.for_model(model).clone();
            self.parts = parts(&self.catalog);
            self.places = places(&self.parts);
        }
    }

    /// Whether the other DORA model is loaded, so that the setup can offer it.
    pub fn has_other_model(&self) -> bool {
        self.root.has_model(self.root.model().other())
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

    /// A checkpoint is open and saved (it has a squad), so its screens can be visited.
    pub fn saved_checkpoint(&self) -> bool {
        self.work.as_ref().is_some_and(|w| w.path.is_some())
    }

    /// A saved checkpoint with no participants and no answers: nothing to lose by discarding it.
    pub fn is_blank(&self) -> bool {
        self.checkpoint()
            .is_some_and(|c| c.participants.is_empty() && c.answers.is_empty())
    }

    /// Whether the setup is complete enough to go on: a squad and someone to vote. Else what
    /// is missing, or nothing to say when no checkpoint is open.
    pub fn setup_done(&self) -> Result<(), Option<&'static str>> {
        let c = self.checkpoint().ok_or(None)?;
        if c.squad.trim().is_empty() {
            Err(Some("The squad needs a name first (Enter on Squad)."))
        } else if c.participants.is_empty() {
            Err(Some(match c.mode {
                crate::checkpoint::Mode::Solo => "Your name first (Enter on Your name).",
                crate::checkpoint::Mode::Workshop => "Add at least one participant first (a).",
            }))
        } else {
            Ok(())
        }
    }

    /// Whether the open checkpoint is new: not saved yet, for want of a squad.
    pub fn is_draft(&self) -> bool {
        self.work.as_ref().is_some_and(|w| w.path.is_none())
    }

    /// Counts the edits to the open checkpoint (see [`Workshop::edits`]).
    pub fn edits(&self) -> Option<u64> {
        self.work.as_ref().map(Workshop::edits)
    }

    /// The open checkpoint. Screens other than home only exist with one open.
    pub fn checkpoint(&self) -> Option<&Checkpoint> {
        self.work.as_ref().map(Workshop::checkpoint)
    }

    /// The open checkpoint as the shared screen may show it, with the votes not yet revealed
    /// left out, and how many questions that holds back.
    pub fn shown(&self) -> Option<(Cow<'_, Checkpoint>, usize)> {
        self.checkpoint().map(Checkpoint::revealed_only)
    }

    /// The open checkpoint, to change it.
    pub fn checkpoint_mut(&mut self) -> Option<&mut Checkpoint> {
        self.work.as_mut().map(Workshop::checkpoint_mut)
    }

    /// The open checkpoint as `command` would leave it, and what the command would say: a
    /// screen reads the outcome of an edit here before asking for it.
    pub fn preview(&self, command: &Command) -> Result<(Checkpoint, Done), String> {
        let mut c = self.checkpoint().ok_or("no checkpoint is open")?.clone();
        let done = command.apply(&mut c)?;
        Ok((c, done))
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
        match (self.parts.get(part), self.checkpoint()) {
            (Some(p), Some(c)) => agenda::progress(p, c),
            (Some(p), None) => (0, p.items.len()),
            _ => (0, 0),
        }
    }

    /// What the agenda says a part holds, and whether it is done (see [`agenda::part_done`]):
    /// questions answered, or for the plan's parts the stages drawn, the improvements noted
    /// and the actions.
    pub fn part_status(&self, part: usize) -> (String, bool) {
        let (Some(p), Some(c)) = (self.parts.get(part), self.checkpoint()) else {
            return (String::new(), false);
        };
        let text = match p.kind {
            PartKind::Capabilities if p.items.is_empty() => return ("after DORA".into(), false),
            PartKind::Questions | PartKind::Board | PartKind::Capabilities => {
                let (done, total) = agenda::progress(p, c);
                format!("{done}/{total}")
            }
            PartKind::Flow => count(c.flow.len(), "stage", "stages"),
            PartKind::Improvements => count(c.improvements.len(), "noted", "noted"),
            PartKind::Actions => count(c.actions.len(), "action", "actions"),
            PartKind::Summary => String::new(),
        };
        (text, agenda::part_done(p, c))
    }

    /// Whether the facilitator skipped the part.
    pub fn is_skipped(&self, part: usize) -> bool {
        let (Some(p), Some(c)) = (self.parts.get(part), self.checkpoint()) else {
            return false;
        };
        agenda::is_skipped(p, c)
    }

    /// The first part after `part` that is not skipped; `None` ends on the summary.
    pub fn next_part(&self, part: usize) -> Option<usize> {
        (part + 1..self.parts.len()).find(|i| !self.is_skipped(*i))
    }

    /// The part the open checkpoint's session is in.
    pub fn session_part(&self) -> Option<usize> {
        self.part_index(&self.checkpoint()?.session.part)
    }
}
