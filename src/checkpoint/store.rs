//! Where checkpoints live and how they are read and written.
//!
//! Files are TOML, one per workshop, in `$CHECKPOINT_HOME` or `<data dir>/devops-checkpoint/`.
//! Writes go to a temporary file in the same directory that is then renamed over the target, so a
//! crash leaves either the old file or the new one, never half of one. A file that fails to load
//! is never written to.

use std::path::{Path, PathBuf};

use super::{Checkpoint, FORMAT};
use crate::limits::{MAX_CHECKPOINT_BYTES, ReadError, read_capped};

use super::error::syntax;
pub use super::error::{CheckpointError, HOME_VAR};
pub use names::{named_for, slug, stem_parts};

mod names;

/// Reads a checkpoint file, refusing one from a newer format.
pub fn load(path: &Path) -> Result<Checkpoint, CheckpointError> {
    load_with_text(path).map(|(checkpoint, _)| checkpoint)
}

/// Reads a checkpoint file and also returns its text, for locating problems found later.
pub fn load_with_text(path: &Path) -> Result<(Checkpoint, String), CheckpointError> {
    let text = read_capped(path, MAX_CHECKPOINT_BYTES).map_err(|e| match e {
        ReadError::Io(error) => CheckpointError::Read {
            path: path.to_path_buf(),
            error,
        },
        ReadError::TooLarge { max } => CheckpointError::TooLarge {
            path: path.to_path_buf(),
            max,
        },
    })?;
    let checkpoint = parse(path, &text)?;
    Ok((checkpoint, text))
}

/// Parses the text of a checkpoint file; `path` is only used in errors.
///
/// The happy path parses once; only a file that does not fit this build's format is parsed
/// again, loosely, to tell a newer format or a file that is no checkpoint from a plain mistake.
pub fn parse(path: &Path, text: &str) -> Result<Checkpoint, CheckpointError> {
    #[cfg(test)]
    FULL_PARSES.with(|n| n.set(n.get() + 1));
    let invalid = |message: String| CheckpointError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let bad_format = |found: &dyn std::fmt::Display| {
        invalid(format!(
            "`format` must be a format number this build reads (1 to {FORMAT}), not {found}"
        ))
    };
    let future = |found: i64| CheckpointError::FutureFormat {
        path: path.to_path_buf(),
        found,
    };
    match toml::from_str::<Checkpoint>(text) {
        Ok(c) if c.format > FORMAT => Err(future(i64::from(c.format))),
        Ok(c) if c.format == 0 => Err(bad_format(&0)),
        Ok(mut c) => {
            super::sizes::check(path, text, &c)?;
            c.published = super::published::read(text);
            Ok(c)
        }
        Err(e) => {
            let table: toml::Table = toml::from_str(text).map_err(|e| syntax(path, text, &e))?;
            match table.get("format") {
                Some(toml::Value::Integer(found)) if *found > i64::from(FORMAT) => {
                    Err(future(*found))
                }
                Some(toml::Value::Integer(found)) if *found >= 1 => Err(syntax(path, text, &e)),
                Some(other) => Err(bad_format(other)),
                None => Err(invalid(
                    "no `format = N` line: this does not look like a checkpoint file".to_string(),
                )),
            }
        }
    }
}

#[cfg(test)]
thread_local! {
    /// How many checkpoints this thread parsed in full, for tests of what reads what.
    pub(crate) static FULL_PARSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Writes `checkpoint` to `path` atomically: a temporary file in the same directory, renamed.
pub fn save(path: &Path, checkpoint: &Checkpoint) -> Result<(), CheckpointError> {
    write_text(path, &to_text(path, checkpoint)?)
}

/// The text [`save`] writes for `checkpoint` (`path` names the file in errors): the summary
/// comment `checkpoint list` reads (see [`header`](super::header)), then the checkpoint.
pub fn to_text(path: &Path, checkpoint: &Checkpoint) -> Result<String, CheckpointError> {
    let body = toml::to_string_pretty(checkpoint).map_err(|e| CheckpointError::Invalid {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let published = checkpoint.published.as_ref().map(super::published::line);
    Ok(super::header::summary_line(checkpoint) + &published.unwrap_or_default() + &body)
}

/// Writes text made by [`to_text`] to `path` atomically, as [`save`] does.
pub fn write_text(path: &Path, text: &str) -> Result<(), CheckpointError> {
    crate::atomic::write(path, text.as_bytes()).map_err(|error| CheckpointError::Write {
        path: path.to_path_buf(),
        error,
    })
}

/// The directory of saved checkpoints.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// `$CHECKPOINT_HOME` when set and non-empty, else `<data dir>/devops-checkpoint`.
    pub fn open_default() -> Result<Store, CheckpointError> {
        match std::env::var_os(HOME_VAR).filter(|v| !v.is_empty()) {
            Some(dir) => Ok(Store::new(dir)),
            None => dirs::data_dir()
                .map(|d| Store::new(d.join("devops-checkpoint")))
                .ok_or(CheckpointError::NoHome),
        }
    }

    /// A store in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Saves a new checkpoint under a fresh name (`<squad>-<date>.toml`, then `-2`, `-3`, ...)
    /// and returns its path: in the folder of the squad's latest checkpoint (a shared store's
    /// `<tribe>/<squad>/`), else in the store itself. An existing file is never replaced, and a
    /// name only appears once its file is complete: a crash or a failed write leaves no empty
    /// file behind.
    pub fn save_new(&self, checkpoint: &Checkpoint) -> Result<PathBuf, CheckpointError> {
        let dir = self.squad_folder(&checkpoint.squad);
        let text = to_text(&dir, checkpoint)?;
        let stem = format!("{}-{}", slug(&checkpoint.squad), checkpoint.date);
        for n in 1.. {
            let name = if n == 1 {
                stem.clone()
            } else {
                format!("{stem}-{n}")
            };
            let path = dir.join(format!("{name}.toml"));
            match crate::atomic::write_new(&path, text.as_bytes()) {
                Ok(()) => return Ok(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(error) => return Err(CheckpointError::Write { path, error }),
            }
        }
        unreachable!("an unbounded range always yields a free name")
    }

    /// The path a user means by `name_or_path`: an existing file, or a name in the store.
    pub fn resolve(&self, name_or_path: &str) -> Result<PathBuf, CheckpointError> {
        let as_path = Path::new(name_or_path);
        if as_path.is_file() {
            return Ok(as_path.to_path_buf());
        }
        let stem = name_or_path.strip_suffix(".toml").unwrap_or(name_or_path);
        let in_store = self.dir.join(format!("{stem}.toml"));
        if stem.contains(['/', '\\']) {
            return Err(self.not_found(name_or_path));
        }
        if in_store.is_file() {
            return Ok(in_store);
        }
        // A name in one of the store's folders.
        let mut found: Vec<PathBuf> = self
            .files()?
            .into_iter()
            .filter(|f| f.name == stem)
            .map(|f| f.path)
            .collect();
        found.sort();
        match found.len() {
            0 => Err(self.not_found(name_or_path)),
            1 => Ok(found.remove(0)),
            _ => Err(CheckpointError::Ambiguous {
                name: name_or_path.to_string(),
                dir: self.dir.clone(),
                paths: found,
            }),
        }
    }

    fn not_found(&self, name: &str) -> CheckpointError {
        CheckpointError::NotFound {
            name: name.to_string(),
            dir: self.dir.clone(),
        }
    }

    /// Where `squad`'s next checkpoint goes: beside its latest one, else the store itself.
    fn squad_folder(&self, squad: &str) -> PathBuf {
        let squad = squad.trim().to_lowercase();
        self.squad_files(&squad)
            .ok()
            .into_iter()
            .flatten()
            .filter_map(|e| Some((e.header.ok()?, e.path)))
            .filter(|(h, _)| h.squad.trim().to_lowercase() == squad)
            .max_by(|(a, pa), (b, pb)| a.date.cmp(&b.date).then_with(|| pa.cmp(pb)))
            .and_then(|(_, path)| path.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| self.dir.clone())
    }
}

/// The right to write one checkpoint file, held while a workshop screen has it open.
///
/// An advisory lock on a hidden file beside the checkpoint (`.<name>.toml.lock`); the checkpoint
/// itself cannot carry the lock because every save renames a new file over it. The lock is taken
/// on the file the path leads to, whatever symlinks lead there, so a second spelling of the same
/// checkpoint is refused too. The operating system drops the lock when the process ends, however
/// it ends, so a killed session never leaves its checkpoint locked.
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
    path: PathBuf,
}

impl Lock {
    /// Takes the lock on `checkpoint`, or says that another process holds it. Temporary files
    /// that a killed writer of this checkpoint left are cleaned up once the lock is held.
    pub fn acquire(checkpoint: &Path) -> Result<Lock, CheckpointError> {
        let path = Lock::path_for(checkpoint);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|error| CheckpointError::Write {
                path: path.clone(),
                error,
            })?;
        match file.try_lock() {
            Ok(()) => {
                crate::atomic::clean_stale(&canonical(checkpoint));
                Ok(Lock { _file: file, path })
            }
            Err(std::fs::TryLockError::WouldBlock) => Err(CheckpointError::Locked {
                path: checkpoint.to_path_buf(),
            }),
            Err(std::fs::TryLockError::Error(error)) => Err(CheckpointError::Write { path, error }),
        }
    }

    /// The lock file of `checkpoint`: beside the file its path leads to.
    fn path_for(checkpoint: &Path) -> PathBuf {
        let file = canonical(checkpoint);
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        file.with_file_name(format!(".{name}.lock"))
    }

    /// Releases the lock and removes its file, for a checkpoint that is being deleted.
    pub fn remove(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The file `path` leads to through any symlinks; `path` itself when it does not exist yet.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether the file at `path` is one this store named for another squad name or date than
/// `checkpoint`'s: its name no longer says what it holds.
pub fn misnamed(store: &Store, path: &Path, checkpoint: &Checkpoint) -> bool {
    let in_store = path.parent().is_some_and(|p| p == store.dir());
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    in_store
        && stem_parts(stem).is_some_and(|(squad, date)| {
            squad != slug(&checkpoint.squad) || date != checkpoint.date
        })
}

#[cfg(test)]
mod tests;
