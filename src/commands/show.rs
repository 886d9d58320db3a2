//! What the checklists and the store hold: `questions`, `validate`, a blank ballot, `list`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::{listed, problems};
use crate::checklist::{self, Catalog};
use crate::checkpoint::{self, Store};
use crate::text::printable;

/// Prints every question, tab-separated, in workshop order.
pub(super) fn questions(catalog: &Catalog) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for q in catalog.questions() {
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            printable(&q.id),
            q.kind.name(),
            q.scale(),
            printable(&crate::checklist::flat(&q.text))
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn validate(dirs: &[PathBuf]) -> Result<ExitCode> {
    for dir in dirs {
        if !dir.is_dir() {
            bail!("{}: not a directory of checklists", dir.display());
        }
    }
    match checklist::load(dirs) {
        Ok(catalog) => {
            let sets: Vec<String> = catalog
                .sets()
                .map(|s| format!("{:<14} {}", printable(&s.id), printable(&s.source)))
                .collect();
            writeln!(
                std::io::stdout().lock(),
                "ok: {} sets, {} questions\n  {}",
                sets.len(),
                catalog.questions().len(),
                sets.join("\n  ")
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            say!(
                "{}",
                listed(&format!("invalid: {}", problems(errors.len())), &errors)
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

pub(super) fn write_ballot(text: &str, output: Option<&Path>) -> Result<ExitCode> {
    match output {
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
        Some(path) => {
            // A filled-in ballot must not be lost to a blank one, and a full disk leaves no
            // empty ballot behind.
            crate::atomic::write_new(path, text.as_bytes())
                .with_context(|| format!("{}: cannot create the ballot", path.display()))?;
            say!("Wrote a blank ballot to {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One value as a terminal may show it (see [`printable`]).
pub(super) fn shown(value: &str) -> String {
    printable(value).into_owned()
}

pub(super) fn list(catalog: &Catalog, store: &Store) -> Result<ExitCode> {
    let entries = store.list()?;
    if entries.is_empty() {
        writeln!(
            std::io::stdout().lock(),
            "No checkpoints in {} yet. `checkpoint ballot` and `checkpoint import` create one.",
            store.dir().display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|e| match &e.header {
            Ok(h) => {
                // The level the last save noted, else (an older or hand-made file) from the
                // answers.
                let level = match h
                    .summary
                    .as_ref()
                    .and_then(|s| s.level_for(catalog.for_model(h.dora)))
                {
                    Some(level) => level.to_string(),
                    None => match e.load() {
                        Ok(c) => checkpoint::level_text(catalog, &c),
                        Err(_) => "(unreadable answers)".to_string(),
                    },
                };
                [
                    shown(&e.name),
                    shown(&h.squad),
                    h.date.to_string(),
                    shown(&level),
                ]
            }
            Err(err) => [
                shown(&e.name),
                shown(&format!("unreadable: {err}")),
                String::new(),
                String::new(),
            ],
        })
        .collect();
    let header = ["NAME", "SQUAD", "DATE", "LEVEL"].map(String::from);
    let width = |i: usize| {
        rows.iter()
            .chain([&header])
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1).min(40), width(2)];
    let mut out = std::io::stdout().lock();
    for row in std::iter::once(&header).chain(&rows) {
        writeln!(
            out,
            "{:w0$}  {:w1$}  {:w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
