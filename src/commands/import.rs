//! `checkpoint import`: ballots into a new checkpoint, or late ones into an existing one.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use super::{check_names, count, listed, load_verified, problems};
use crate::ballot::{self, merge};
use crate::checklist::Catalog;
use crate::checkpoint::{self, Checkpoint, Lock, Store};

/// Builds a new checkpoint from `files`, saves it under a fresh name and prints its path.
pub(super) fn new(
    catalog: &Catalog,
    store: &Store,
    checkpoint: Checkpoint,
    files: &[PathBuf],
) -> Result<ExitCode> {
    if checkpoint.squad.is_empty() {
        bail!("--squad: the squad's name is empty");
    }
    check_names(&checkpoint)?;
    let errors = match ballot::read_all(catalog, files) {
        Ok(ballots) => match ballot::combine(checkpoint, &ballots) {
            Ok(checkpoint) => {
                let path = store.save_new(&checkpoint)?;
                warn_unreadable(store, &checkpoint.squad);
                let names = checkpoint.participants.join(", ");
                say!(
                    "Imported {} ({names}); saved:",
                    count(ballots.len(), "ballot")
                );
                writeln!(std::io::stdout().lock(), "{}", path.display())?;
                return Ok(ExitCode::SUCCESS);
            }
            Err(errors) => errors,
        },
        Err(errors) => errors,
    };
    let heading = format!(
        "nothing was saved: the ballots have {}",
        problems(errors.len())
    );
    Err(listed(&heading, &errors))
}

/// Names the files of `squad` in `store` whose header cannot be read (a newer format, a corrupt
/// file), as warnings: they were left alone, and the squad's history leaves them out. The files
/// are those [`History::load`](crate::history::History::load) would look at (named for the squad), not the whole store.
fn warn_unreadable(store: &Store, squad: &str) {
    let mut errors: Vec<String> = store
        .squad_files(squad)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|entry| entry.header.err().map(|e| e.to_string()))
        .collect();
    errors.sort();
    for e in errors {
        eprintln!("warning: {e}");
    }
}

/// Adds the ballots in `files` to the checkpoint `name` (see [`merge::add`]) and prints its path.
/// The checkpoint is locked from before it is read until it is written, atomically; a refused
/// ballot leaves it as it was.
pub(super) fn into(
    catalog: &Catalog,
    store: &Store,
    name: &str,
    files: &[PathBuf],
    options: merge::Options,
) -> Result<ExitCode> {
    let path = store.resolve(name)?;
    let _lock = Lock::acquire(&path)?;
    let checkpoint = load_verified(catalog, &path)?;
    let refused = |n: usize| {
        format!(
            "nothing was changed in {}: the ballots have {}",
            path.display(),
            problems(n)
        )
    };
    let ballots = ballot::read_all(catalog, files).map_err(|e| listed(&refused(e.len()), &e))?;
    let (checkpoint, added) =
        merge::add(checkpoint, &ballots, options).map_err(|e| listed(&refused(e.len()), &e))?;
    checkpoint::save(&path, &checkpoint)?;
    for a in &added {
        let mut what = vec![count(a.votes, "new vote")];
        if a.replaced > 0 {
            what.push(format!("{} replaced", count(a.replaced, "vote")));
        }
        if a.new {
            what.insert(0, "a new participant".to_string());
        }
        if !a.present_again.is_empty() {
            what.push(format!("present again for {}", a.present_again.join(", ")));
        }
        say!("Added {}'s ballot: {}", a.participant, what.join(", "));
    }
    let (_, hidden) = checkpoint.revealed_only();
    if hidden > 0 {
        say!(
            "note: the votes on {} are not revealed yet: they show once everyone has voted, \
             or with v on the voting screen (--reveal shows a ballot's votes at import)",
            count(hidden, "question")
        );
    }
    writeln!(std::io::stdout().lock(), "{}", path.display())?;
    Ok(ExitCode::SUCCESS)
}
