//! One squad's every checkpoint, newest first, scored: the organisation view's drill-down.
//! The report parsed only a squad's latest two; this parses the rest when asked.

use std::path::PathBuf;

use crate::checklist::Catalog;
use crate::history::Snapshot;

/// One checkpoint of the squad: its file and what it scored, or why it could not be read.
#[derive(Debug, Clone)]
pub struct Past {
    pub path: PathBuf,
    pub scored: Result<Snapshot, String>,
}

/// Reads and scores each of `files` (a squad's, newest first, as [`super::Squad::files`]
/// holds them), keeping their order. Votes not yet revealed are left out, as everywhere.
pub fn load(catalog: &Catalog, files: &[PathBuf]) -> Vec<Past> {
    super::parallel(files, |path| {
        let name = path.file_stem().unwrap_or_default().to_string_lossy();
        let scored = crate::checkpoint::load(path)
            .map(|c| Snapshot::new(catalog, &name, &c))
            .map_err(|e| e.to_string());
        Past {
            path: path.clone(),
            scored,
        }
    })
}
