//! The checkpoints in a store, at the cost of what is shown: [`Store::files`] reads only the
//! directory, [`Store::list`] a header per file, [`Store::squad_files`] a header per file named
//! for one squad, [`Entry::load`] one whole file.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::Checkpoint;
use super::header::{Header, read_header};
use super::store::{CheckpointError, Store, load, named_for, slug};

/// A `*.toml` file in the store.
#[derive(Debug, Clone)]
pub struct Stored {
    /// The file stem, which `export` and `resume` accept as a name.
    pub name: String,
    pub path: PathBuf,
}

impl Stored {
    /// Parses the whole checkpoint.
    pub fn load(&self) -> Result<Checkpoint, CheckpointError> {
        load(&self.path)
    }

    /// When the file was last written (`None` when that cannot be told).
    pub fn modified(&self) -> Option<SystemTime> {
        std::fs::metadata(&self.path)
            .and_then(|m| m.modified())
            .ok()
    }
}

/// A saved checkpoint as `checkpoint list` shows it: its file and its header.
#[derive(Debug)]
pub struct Entry {
    /// The file stem, which `export` and `resume` accept as a name.
    pub name: String,
    pub path: PathBuf,
    /// The checkpoint's header, or why it could not be read.
    pub header: Result<Header, CheckpointError>,
}

impl Entry {
    /// Parses the whole checkpoint.
    pub fn load(&self) -> Result<Checkpoint, CheckpointError> {
        load(&self.path)
    }
}

impl Store {
    /// Every `*.toml` file in the store, in no particular order; nothing of them is read.
    pub fn files(&self) -> Result<Vec<Stored>, CheckpointError> {
        self.files_named(|_| true)
    }

    /// The `*.toml` files whose stem passes `keep`, in no particular order; only the directory
    /// is read, and only for those files whether a link leads to a file.
    fn files_named(&self, keep: impl Fn(&str) -> bool) -> Result<Vec<Stored>, CheckpointError> {
        let read = match std::fs::read_dir(self.dir()) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => {
                return Err(CheckpointError::Read {
                    path: self.dir().to_path_buf(),
                    error,
                });
            }
        };
        Ok(read
            .filter_map(Result::ok)
            .filter_map(|e| {
                let file_name = e.file_name();
                let file_name = Path::new(&file_name);
                if file_name.extension().is_none_or(|x| x != "toml") {
                    return None;
                }
                let name = file_name
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                if !keep(&name) {
                    return None;
                }
                // The directory says what each entry is; only a link needs a look at its target.
                let path = e.path();
                let file = e
                    .file_type()
                    .is_ok_and(|t| t.is_file() || (t.is_symlink() && path.is_file()));
                file.then_some(Stored { name, path })
            })
            .collect())
    }

    /// The files named as the tool names `squad`'s checkpoints ([`named_for`] its [`slug`]),
    /// each with its header, in no particular order. Only their headers are read; the directory says
    /// which they are. A squad whose slug is the same (`Team.` and `Team`) has its files here
    /// too: the header's squad tells them apart.
    pub fn squad_files(&self, squad: &str) -> Result<Vec<Entry>, CheckpointError> {
        let slug = slug(squad);
        Ok(self
            .files_named(|name| named_for(name, &slug))?
            .into_iter()
            .map(|f| Entry {
                header: read_header(&f.path),
                name: f.name,
                path: f.path,
            })
            .collect())
    }

    /// Every `*.toml` file in the store with its header, newest first (by workshop date, then
    /// name); files whose header cannot be read come last, with the reason.
    pub fn list(&self) -> Result<Vec<Entry>, CheckpointError> {
        let mut entries: Vec<Entry> = self
            .files()?
            .into_iter()
            .map(|f| Entry {
                header: read_header(&f.path),
                name: f.name,
                path: f.path,
            })
            .collect();
        entries.sort_by(|a, b| {
            let date = |e: &Entry| e.header.as_ref().ok().map(|h| h.date);
            date(b).cmp(&date(a)).then_with(|| b.name.cmp(&a.name))
        });
        Ok(entries)
    }

    /// The files most recently written, newest first (ties by name, last first), at most `n`.
    pub fn recent(&self, n: usize) -> Result<Vec<Stored>, CheckpointError> {
        let mut files: Vec<(Option<SystemTime>, Stored)> = self
            .files()?
            .into_iter()
            .map(|f| (f.modified(), f))
            .collect();
        files.sort_by(|(ta, a), (tb, b)| tb.cmp(ta).then_with(|| b.name.cmp(&a.name)));
        files.truncate(n);
        Ok(files.into_iter().map(|(_, f)| f).collect())
    }

    /// The checkpoint written last, which `resume` opens when given no name.
    pub fn last_used(&self) -> Result<Option<Stored>, CheckpointError> {
        Ok(self.recent(1)?.pop())
    }
}
