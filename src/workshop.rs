//! The checkpoint a workshop has open, and what keeps it safe: the lock on its file, what was
//! last written, whether the last save failed, and whether the file may be written at all. No
//! terminal types: the workshop screen is one client of it.
//!
//! Every change goes through [`Workshop::checkpoint_mut`], which moves a revision counter, so
//! a key that changed nothing costs no serialisation. A second counter, [`Workshop::edits`],
//! leaves out the clock and the place in the agenda, so that screens score the checkpoint again
//! only when a vote, a name or a note changed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::checklist::Catalog;
use crate::checkpoint::{Checkpoint, CheckpointError, Lock, Store};
use crate::command::{Command, Done};

/// The checkpoint the screen has open.
#[derive(Debug)]
pub struct Workshop {
    checkpoint: Checkpoint,
    /// Where it is saved; `None` until the squad has a name.
    pub path: Option<PathBuf>,
    lock: Option<Lock>,
    /// The text last written, so that only changes are saved.
    saved: String,
    /// Moves with every change; `saved_revision` is the one last written.
    revision: u64,
    saved_revision: u64,
    /// Moves with every change but the session's (time spent, the part and question on screen).
    edits: u64,
    /// Why the last save failed, while the file lacks changes made on screen.
    pub unsaved: Option<String>,
    /// The file may not be written (no write permission): the checkpoint as loaded, which
    /// every edit is taken back to.
    read_only: Option<Box<Checkpoint>>,
    /// The moment up to which the current part's time has been counted.
    clock: Instant,
    /// The squad's earlier checkpoints, read when it is opened or named.
    pub history: crate::history::History,
    /// The squad's target in the store's `targets.yaml`, read with the history.
    pub target: crate::report::Target,
    /// Capabilities chosen to rate on purpose, beside the level's three (ids). Not saved: once
    /// rated, a capability stays in the part through its votes.
    pub chosen: Vec<String>,
}

impl Workshop {
    /// A checkpoint not saved yet.
    pub fn draft(checkpoint: Checkpoint, now: Instant) -> Workshop {
        Workshop {
            checkpoint,
            path: None,
            lock: None,
            saved: String::new(),
            revision: 1,
            saved_revision: 0,
            edits: 0,
            unsaved: None,
            read_only: None,
            clock: now,
            history: Default::default(),
            target: Default::default(),
            chosen: Vec::new(),
        }
    }

    /// Opens the checkpoint at `path` for writing, unless another process has it open (by
    /// whatever path). A file without write permission opens read-only. A warning about answers
    /// no loaded checklist has comes back with it.
    pub fn open(
        path: &Path,
        catalog: &Catalog,
        now: Instant,
    ) -> anyhow::Result<(Workshop, Option<String>)> {
        let read_only = !writable(path);
        let lock = if read_only {
            None
        } else {
            Some(Lock::acquire(path)?)
        };
        let (checkpoint, warning) = crate::checkpoint::open(catalog, path)?;
        let saved = crate::checkpoint::to_text(path, &checkpoint)?;
        let work = Workshop {
            read_only: read_only.then(|| Box::new(checkpoint.clone())),
            checkpoint,
            path: Some(path.to_path_buf()),
            lock,
            saved,
            revision: 0,
            saved_revision: 0,
            edits: 0,
            unsaved: None,
            clock: now,
            history: Default::default(),
            target: Default::default(),
            chosen: Vec::new(),
        };
        Ok((work, warning))
    }

    /// The checkpoint.
    pub fn checkpoint(&self) -> &Checkpoint {
        &self.checkpoint
    }

    /// The checkpoint, to change it: the change is saved after the key.
    pub fn checkpoint_mut(&mut self) -> &mut Checkpoint {
        self.edits += 1;
        self.revision += 1;
        &mut self.checkpoint
    }

    /// Carries out `command` on the checkpoint (see [`Command::apply`]); a refused command
    /// changes nothing and says why.
    pub fn apply(&mut self, command: &Command) -> Result<Done, String> {
        command.apply(self.checkpoint_mut())
    }

    /// The session, to move the clock or the place in the agenda: saved, but not an edit.
    fn session_mut(&mut self) -> &mut crate::checkpoint::Session {
        self.revision += 1;
        &mut self.checkpoint.session
    }

    /// Counts the changes to anything but the session: equal counts, the same scores.
    pub fn edits(&self) -> u64 {
        self.edits
    }

    /// Whether the file may not be written.
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Seconds spent in the current part, counting the running minute.
    pub fn seconds(&self, part: &str, now: Instant) -> u64 {
        let saved = self.checkpoint.session.seconds.get(part).copied();
        let running = if part == self.checkpoint.session.part {
            now.saturating_duration_since(self.clock).as_secs()
        } else {
            0
        };
        saved.unwrap_or(0).saturating_add(running)
    }

    /// Adds the whole seconds since the last count to the current part.
    pub fn count_time(&mut self, now: Instant) {
        let secs = now.saturating_duration_since(self.clock).as_secs();
        if secs > 0 && !self.checkpoint.session.part.is_empty() {
            let session = self.session_mut();
            let spent = session.seconds.entry(session.part.clone()).or_default();
            *spent = spent.saturating_add(secs);
        }
        self.clock += Duration::from_secs(secs);
    }

    /// Moves the session to another part and question; time from now counts to it.
    pub fn enter(&mut self, part: &str, question: &str, now: Instant) {
        self.count_time(now);
        self.clock = now;
        let session = self.session_mut();
        session.part = part.to_string();
        session.question = question.to_string();
    }

    /// For a read-only checkpoint: takes back an edit made since it was opened and says so.
    /// Moving between parts and questions is not an edit.
    pub fn refuse_edits(&mut self) -> bool {
        let Some(original) = &self.read_only else {
            return false;
        };
        if self.revision == self.saved_revision {
            return false;
        }
        self.saved_revision = self.revision;
        let session = std::mem::replace(&mut self.checkpoint.session, original.session.clone());
        let edited = self.checkpoint != **original;
        if edited {
            self.checkpoint = (**original).clone();
            self.edits += 1;
        }
        self.checkpoint.session = session;
        edited
    }

    /// Writes the checkpoint when it changed; a checkpoint without a squad is not saved yet,
    /// nor is a read-only one. Returns the path of a file created now.
    pub fn save(&mut self, store: &Store) -> Result<Option<PathBuf>, CheckpointError> {
        if self.revision == self.saved_revision || self.read_only.is_some() {
            return Ok(None);
        }
        if self.path.is_none() && self.checkpoint.squad.trim().is_empty() {
            return Ok(None);
        }
        let named = self.path.as_deref().unwrap_or(store.dir());
        let text = crate::checkpoint::to_text(named, &self.checkpoint)?;
        if text == self.saved {
            self.saved_revision = self.revision;
            return Ok(None);
        }
        let created = match &self.path {
            Some(path) if crate::checkpoint::misnamed(store, path, &self.checkpoint) => {
                Some(self.rename(store)?)
            }
            Some(path) => {
                crate::checkpoint::write_text(path, &text)?;
                None
            }
            None => {
                let path = store.save_new(&self.checkpoint)?;
                self.lock = Some(Lock::acquire(&path)?);
                self.path = Some(path.clone());
                Some(path)
            }
        };
        self.saved = text;
        self.saved_revision = self.revision;
        self.unsaved = None;
        Ok(created)
    }

    /// Saves the checkpoint under the name the store gives its squad and date now (the date or
    /// the squad's name changed), then removes the file it had: the new file is complete before
    /// the old one goes, so a crash between leaves two copies, never none.
    fn rename(&mut self, store: &Store) -> Result<PathBuf, CheckpointError> {
        let path = store.save_new(&self.checkpoint)?;
        let lock = Lock::acquire(&path)?;
        if let Some(old) = self.path.replace(path.clone()) {
            let _ = std::fs::remove_file(old);
        }
        if let Some(old) = self.lock.replace(lock) {
            old.remove();
        }
        Ok(path)
    }

    /// Saves the checkpoint to a new file at `path` (never over an existing one) and keeps it
    /// there from now on: the lock moves with it.
    pub fn save_as(&mut self, path: &Path) -> Result<(), CheckpointError> {
        let text = crate::checkpoint::to_text(path, &self.checkpoint)?;
        crate::atomic::write_new(path, text.as_bytes()).map_err(|error| {
            CheckpointError::Write {
                path: path.to_path_buf(),
                error,
            }
        })?;
        self.lock = Some(Lock::acquire(path)?);
        self.path = Some(path.to_path_buf());
        self.saved = text;
        self.saved_revision = self.revision;
        self.unsaved = None;
        Ok(())
    }

    /// Deletes the checkpoint's file and its lock: for a new checkpoint nobody took part in.
    pub fn delete(self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
        if let Some(lock) = self.lock {
            lock.remove();
        }
    }
}

/// Whether the file at `path` may be written: it has a write permission bit (root ignores
/// permissions, so the bits are read, not just tried) and can be opened for writing.
fn writable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return true;
    };
    !meta.permissions().readonly()
        && std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_or_else(
                |e| e.kind() != std::io::ErrorKind::PermissionDenied,
                |_| true,
            )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_and_place_are_saved_but_are_not_edits() {
        let start = Instant::now();
        let mut work = Workshop::draft(
            Checkpoint::new("Squad", jiff::civil::date(2026, 11, 23)),
            start,
        );
        let (revision, edits) = (work.revision, work.edits());
        work.enter("dora", "deploy-frequency", start);
        work.count_time(start + Duration::from_secs(90));
        assert!(
            work.revision > revision,
            "the session is saved with the next key"
        );
        assert_eq!(work.edits(), edits, "moving and time spent change no score");

        work.checkpoint_mut().add_participant("Ana").unwrap();
        assert_eq!(work.edits(), edits + 1);
    }
}
