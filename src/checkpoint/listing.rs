//! The checkpoints in a store, at the cost of what is shown: [`Store::files`] reads only the
//! directory, [`Store::list`] a header per file, [`Store::squad_files`] a header per file named
//! for one squad, [`Entry::load`] one whole file.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::Checkpoint;
use super::header::{Header, read_header};
use super::store::{CheckpointError, Store, load, named_for, slug};

/// How deep the store's folders are read: `<tribe>/<squad>/` and one more.
pub const DEPTH: usize = 3;

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

    /// The `*.toml` files whose stem passes `keep`, in no particular order, in the store and
    /// in its folders (a shared store keeps `<tribe>/<squad>/` folders; see [`DEPTH`]); only
    /// the directories are read, and only for those files whether a link leads to a file.
    /// Hidden entries (`.git`, lock files) are passed over, and links to folders are not
    /// followed, so a loop of links cannot make the walk endless.
    fn files_named(&self, keep: impl Fn(&str) -> bool) -> Result<Vec<Stored>, CheckpointError> {
        let mut found = Vec::new();
        let mut folders = vec![(self.dir().to_path_buf(), 0)];
        while let Some((dir, depth)) = folders.pop() {
            let read = match std::fs::read_dir(&dir) {
                Ok(read) => read,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && depth == 0 => {
                    return Ok(Vec::new());
                }
                Err(error) if depth == 0 => {
                    return Err(CheckpointError::Read { path: dir, error });
                }
                // A folder inside that cannot be read holds nothing the store can show.
                Err(_) => continue,
            };
            for e in read.filter_map(Result::ok) {
                let file_name = e.file_name();
                let file_name = Path::new(&file_name);
                if file_name.to_string_lossy().starts_with('.') {
                    continue;
                }
                let Ok(kind) = e.file_type() else { continue };
                let path = e.path();
                if kind.is_dir() {
                    if depth < DEPTH {
                        folders.push((path, depth + 1));
                    }
                    continue;
                }
                if file_name.extension().is_none_or(|x| x != "toml") {
                    continue;
                }
                let name = file_name
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                // The directory says what each entry is; only a link needs a look at its target.
                if keep(&name) && (kind.is_file() || (kind.is_symlink() && path.is_file())) {
                    found.push(Stored { name, path });
                }
            }
        }
        Ok(found)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn squad(name: &str, date: jiff::civil::Date) -> Checkpoint {
        Checkpoint::new(name, date)
    }

    #[test]
    fn a_shared_store_is_read_in_its_folders_and_a_squad_stays_in_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let d = |m| jiff::civil::date(2026, m, 1);
        // A tribe's folder, holding a squad's folder; a flat file beside them; a .git folder
        // and a folder too deep, both passed over.
        let alpha = dir.path().join("payments/alpha");
        std::fs::create_dir_all(&alpha).unwrap();
        crate::checkpoint::save(&alpha.join("alpha-2026-01-01.toml"), &squad("Alpha", d(1)))
            .unwrap();
        store.save_new(&squad("Beta", d(2))).unwrap();
        std::fs::create_dir_all(dir.path().join(".git/objects")).unwrap();
        std::fs::write(dir.path().join(".git/objects/x.toml"), "").unwrap();
        let deep = dir.path().join("a/b/c/d");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("deep-2026-01-01.toml"), "").unwrap();

        // The next checkpoint of Alpha goes beside its last one; Beta's stays flat.
        let next = store.save_new(&squad("Alpha", d(4))).unwrap();
        assert_eq!(next, alpha.join("alpha-2026-04-01.toml"));
        let beta = store.save_new(&squad("Beta", d(5))).unwrap();
        assert_eq!(beta, dir.path().join("beta-2026-05-01.toml"));

        let mut names: Vec<String> = store.list().unwrap().into_iter().map(|e| e.name).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "alpha-2026-01-01",
                "alpha-2026-04-01",
                "beta-2026-02-01",
                "beta-2026-05-01"
            ]
        );
        assert_eq!(store.squad_files("Alpha").unwrap().len(), 2);
        // A name finds its file in a folder; a name in two folders asks for the path.
        assert_eq!(store.resolve("alpha-2026-04-01").unwrap(), next);
        let other = dir.path().join("other");
        std::fs::create_dir_all(&other).unwrap();
        std::fs::copy(&next, other.join("alpha-2026-04-01.toml")).unwrap();
        let e = store.resolve("alpha-2026-04-01").unwrap_err().to_string();
        assert!(
            e.contains("names 2 checkpoints") && e.contains("give the path"),
            "{e}"
        );
        assert!(store.resolve("payments/alpha/alpha-2026-04-01").is_err());
    }
}
