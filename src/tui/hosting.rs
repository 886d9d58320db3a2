//! The workshop screen as the owner of a voting room: opening it on the open checkpoint,
//! serving what voters ask between keys, letting names in, closing it. Every vote from a device
//! is saved before its voter hears back (see [`crate::room::Owner`]), and shows on the screen
//! with the next frame.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use crate::serve::Host;
use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::room::{self, Effect, Live};

impl App {
    /// Opens the voting room on the open checkpoint, listening on `listen`; when it is open
    /// already, shows its panel.
    pub fn open_room(&mut self, listen: SocketAddr) {
        if let Some(live) = &mut self.room {
            live.shown = true;
            return;
        }
        let Some(work) = &self.work else {
            return;
        };
        if work.is_read_only() {
            self.error("The checkpoint is open read-only: a room could not save the votes.");
            return;
        }
        match Host::open(listen, Arc::new(self.catalog.clone()), work) {
            Ok(host) => {
                self.room = Some(Live::new(host));
                self.note_devices();
                self.info("The room is open: voters scan the code or open the link.");
            }
            Err(e) => self.error(&format!("The room could not open: {e:#}")),
        }
    }

    /// Serves what voters asked since the last turn of the loop; true when something happened,
    /// so the screen is drawn again.
    pub fn serve_room(&mut self, now: Instant) -> bool {
        let (Some(live), Some(work)) = (&mut self.room, &mut self.model.work) else {
            return false;
        };
        let edits = work.edits();
        let served = live.host.serve(work, &self.model.store);
        if served.is_empty() {
            return false;
        }
        let changed = work.edits() != edits;
        self.now = now;
        let news = room::news(&served, |q| {
            self.catalog
                .question(q)
                .map_or_else(|| q.to_string(), |q| q.name().to_string())
        });
        match news {
            Some((text, true)) => {
                // A failed save asks what to do, as after a key.
                self.save();
                self.error(&text);
            }
            Some((text, false)) => self.info(&text),
            None => {}
        }
        if changed {
            self.rescore();
        }
        self.note_devices();
        true
    }

    /// Tells the screens who follows on a device.
    fn note_devices(&mut self) {
        self.model.on_devices = self
            .room
            .as_ref()
            .map(|live| live.voters().into_iter().map(String::from).collect());
    }

    /// Handles a key while the room's panel shows.
    pub(crate) fn update_room(&mut self, action: Action) {
        let Some(live) = &mut self.room else {
            return;
        };
        match room::update(live, action) {
            Some(Effect::Admit(name)) => {
                self.admit(&name);
                self.note_devices();
            }
            Some(Effect::Close) => self.close_room(),
            None => {}
        }
    }

    /// Lets a name waiting in the room in as a participant.
    fn admit(&mut self, name: &str) {
        let (Some(live), Some(work)) = (&mut self.room, &mut self.model.work) else {
            return;
        };
        match live.host.owner_mut().admit(name, work) {
            Ok(admitted) => {
                live.selected = live.selected.saturating_sub(1);
                self.info(&format!("{admitted} takes part now and can vote."));
            }
            Err(e) => self.error(&e.to_string()),
        }
    }

    /// Closes the room, if one is open: what voters sent meanwhile is served and saved.
    pub fn close_room(&mut self) {
        let Some(live) = self.room.take() else {
            return;
        };
        if let Some(work) = &mut self.model.work {
            live.host.close(work, &self.model.store);
        }
        self.model.on_devices = None;
        self.save();
        self.info("The room is closed: voters' pages no longer take votes.");
    }
}
