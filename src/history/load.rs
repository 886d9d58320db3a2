//! A squad's earlier checkpoints, found in the store by file name and confirmed by each file's
//! header.

use std::path::{Path, PathBuf};

use super::{Snapshot, same_squad};
use crate::checklist::Catalog;
use crate::checkpoint::{Checkpoint, Store};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The checkpoints of the same squad strictly before the current one in (date, name) order.
    pub past: Vec<Snapshot>,
    /// Why files that may have belonged to it were skipped: those whose header cannot be read
    /// (a newer format, a corrupt file), and the squad's own that fail to load in full.
    pub skipped: Vec<String>,
}

impl History {
    /// Every checkpoint of the same squad as `checkpoint` (squad names compared trimmed and
    /// case-insensitively) among the `*.toml` files in `dir`, oldest first by (date, name),
    /// scored with `catalog`. Files that fail to load are skipped and named in
    /// [`History::skipped`]; an unreadable `dir` gives an empty history.
    ///
    /// The files are found by name first, from the directory listing alone: the tool names a
    /// squad's checkpoints `<slug(squad)>-<date>[-N].toml` ([`Store::save_new`]), so only files
    /// whose name starts with the squad's slug, a `-` and a date are opened
    /// ([`Store::squad_files`]). Their headers then decide (the same squad, an earlier date), and
    /// only those are read in full. So a store of 10,000 checkpoints costs a history its own
    /// squad's files, not 10,000 opened files. The price: a checkpoint whose file was renamed by
    /// hand to anything else (another squad's slug, `kilo-old.toml`) is not found as history, nor
    /// named in [`History::skipped`] when it is unreadable. (A later issue moves the store to a
    /// folder per squad.)
    ///
    /// `path` is the checkpoint's own file, left out (and not read); only those strictly before
    /// it in (date, name) order are kept. An unsaved checkpoint (`path` is `None`) has no name
    /// yet, so every checkpoint up to its date counts as earlier.
    pub fn load(
        dir: &Path,
        catalog: &Catalog,
        checkpoint: &Checkpoint,
        path: Option<&Path>,
    ) -> History {
        let Ok(entries) = Store::new(dir).squad_files(&checkpoint.squad) else {
            return History::default();
        };
        let own_path = path.map(canonical);
        let own_name = path
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned());
        let mut history = History::default();
        for entry in entries {
            let header = match &entry.header {
                Ok(header) => header,
                Err(e) => {
                    history.skipped.push(e.to_string());
                    continue;
                }
            };
            let earlier = match &own_name {
                Some(own) => (header.date, entry.name.as_str()) < (checkpoint.date, own.as_str()),
                None => header.date <= checkpoint.date,
            };
            let keep = earlier
                && same_squad(&header.squad, &checkpoint.squad)
                && own_path.as_ref() != Some(&canonical(&entry.path));
            if !keep {
                continue;
            }
            match entry.load() {
                Ok(c) => history.past.push(Snapshot::new(catalog, &entry.name, &c)),
                Err(e) => history.skipped.push(e.to_string()),
            }
        }
        history
            .past
            .sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
        // The directory's order is no order: the warnings come by file.
        history.skipped.sort();
        history
    }

    /// The most recent past checkpoint.
    pub fn last(&self) -> Option<&Snapshot> {
        self.past.last()
    }

    /// `past` followed by `current`, for a trend.
    pub fn trend<'a>(&'a self, current: &'a Snapshot) -> Vec<&'a Snapshot> {
        self.past.iter().chain([current]).collect()
    }
}

/// The path with links and `..` resolved, or as given when it cannot be.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
