//! The first, cheap half of the report: every checkpoint's header (a few kilobytes of each
//! file, on every core), grouped by squad, newest first. Nothing is parsed in full here, so a
//! screen can list the squads before [`super::Report::build`] scores them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Options, parallel, same};
use crate::checkpoint::{Store, read_header};

/// A checkpoint file as the report first sees it: its header's squad, tribe and date.
#[derive(Debug, Clone)]
pub struct Seen {
    pub squad: String,
    pub tribe: String,
    pub date: jiff::civil::Date,
    /// The file stem.
    pub name: String,
    pub path: PathBuf,
}

/// The stores' checkpoints by squad, from their headers alone.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Each squad's checkpoints, newest first (by date, then name); the squads by tribe, then
    /// name (without case).
    pub squads: Vec<Vec<Seen>>,
    /// Files whose header could not be read, with why.
    pub skipped: Vec<String>,
    /// How many files were read.
    pub read: usize,
}

impl Scan {
    /// Reads the header of every checkpoint in `dirs` that `options` asks for.
    pub fn read(dirs: &[PathBuf], options: &Options) -> Scan {
        let mut skipped = Vec::new();
        let mut by_squad: BTreeMap<String, Vec<Seen>> = BTreeMap::new();
        let mut read = 0;
        for dir in dirs {
            let files = match Store::new(dir).files() {
                Ok(files) => files,
                Err(e) => {
                    skipped.push(e.to_string());
                    continue;
                }
            };
            // Only the top of each file is read, on every core.
            let headers = parallel(&files, |f| read_header(&f.path));
            for (entry, header) in files.into_iter().zip(headers) {
                read += 1;
                let header = match header {
                    Ok(h) => h,
                    Err(e) => {
                        skipped.push(e.to_string());
                        continue;
                    }
                };
                let tribe = tribe_of(&header.tribe, dir, &entry.path);
                let wanted = options.tribe.as_ref().is_none_or(|t| same(t, &tribe))
                    && options.since.is_none_or(|since| header.date >= since);
                if wanted && !header.squad.trim().is_empty() {
                    by_squad
                        .entry(header.squad.trim().to_lowercase())
                        .or_default()
                        .push(Seen {
                            squad: header.squad.trim().to_string(),
                            tribe,
                            date: header.date,
                            name: entry.name,
                            path: entry.path,
                        });
                }
            }
        }
        let mut squads: Vec<Vec<Seen>> = by_squad.into_values().collect();
        for seen in &mut squads {
            // Newest first by date, then name (a second checkpoint of a day is `-2`).
            seen.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.name.cmp(&a.name)));
        }
        let key = |s: &Vec<Seen>| {
            s.first()
                .map(|l| (l.tribe.to_lowercase(), l.squad.to_lowercase()))
        };
        squads.sort_by_cached_key(key);
        Scan {
            squads,
            skipped,
            read,
        }
    }
}

/// The squad's tribe: its header's, else the first folder under the store when the squad's
/// checkpoints sit two folders deep (`<tribe>/<squad>/file.toml`).
pub fn tribe_of(header: &str, dir: &Path, path: &Path) -> String {
    if !header.trim().is_empty() {
        return header.trim().to_string();
    }
    let inside = path.strip_prefix(dir).ok();
    let folders: Vec<_> = inside
        .and_then(Path::parent)
        .map(|p| p.components().collect())
        .unwrap_or_default();
    match folders.as_slice() {
        [tribe, _, ..] => tribe.as_os_str().to_string_lossy().into_owned(),
        _ => String::new(),
    }
}
