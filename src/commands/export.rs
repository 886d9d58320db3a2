//! `export` and `compare`: a checkpoint's summary and two checkpoints side by side.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::count;
use crate::checklist::Catalog;
use crate::checkpoint::{self, Checkpoint, Store};
use crate::cli::Format;
use crate::export::Form;
use crate::history::{self, History, Snapshot};
use crate::text::printable_lines;

/// Writes the summary of checkpoint `name` in `format` (or through `template`) to stdout or
/// `output`.
pub(super) fn export(
    catalog: &Catalog,
    name: &str,
    format: Format,
    template: Option<&Path>,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let store = Store::open_default()?;
    let path = store.resolve(name)?;
    let (checkpoint, name, history) = with_history(catalog, &path)?;
    for skipped in &history.skipped {
        eprintln!("warning: left out of the history: {skipped}");
    }
    if format != Format::Markdown && template.is_some() {
        bail!("--template applies to markdown, not to another --format");
    }
    let source = match template {
        Some(t) => Some(
            crate::limits::read_capped(t, crate::limits::MAX_TEMPLATE_BYTES)
                .with_context(|| format!("{}: cannot read the template", t.display()))?,
        ),
        None => None,
    };
    let template_name = template.map(|t| t.display().to_string());
    // The user's template runs in a child process with memory and CPU limits.
    let exe = match source {
        Some(_) => Some(
            std::env::current_exe()
                .context("cannot find this program to render the template with")?,
        ),
        None => None,
    };
    let form = match (
        format,
        template_name.as_deref(),
        source.as_deref(),
        exe.as_deref(),
    ) {
        (Format::Json, ..) => Form::Json,
        (Format::Confluence, ..) => Form::Confluence,
        (Format::Html, ..) => Form::Html,
        (Format::Markdown, Some(name), Some(source), Some(exe)) => {
            Form::Template { name, source, exe }
        }
        (Format::Markdown, ..) => Form::Markdown,
    };
    let (text, hidden) = crate::export::page(catalog, &checkpoint, &name, &history, form)?;
    if hidden > 0 {
        say!(
            "note: the votes on {} are not revealed yet; the summary leaves them out, as the \
             workshop screen does (v on the voting screen shows them)",
            count(hidden, "question")
        );
    }
    match output {
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
        Some(out) => {
            crate::export::write(out, &text)?;
            say!(
                "Wrote the summary of {} to {}",
                path.display(),
                out.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the comparison of two checkpoints as markdown, `before` first whatever their dates.
pub(super) fn compare(catalog: &Catalog, before: &str, after: &str) -> Result<ExitCode> {
    let store = Store::open_default()?;
    let snapshot = |name: &str| -> Result<Snapshot> {
        let path = store.resolve(name)?;
        let checkpoint = load_verified(catalog, &path)?;
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        Ok(Snapshot::new(catalog, &stem, &checkpoint))
    };
    let (before, after) = (snapshot(before)?, snapshot(after)?);
    if !history::same_squad(&before.squad, &after.squad) {
        say!(
            "note: comparing two squads: {} and {}",
            before.squad,
            after.squad
        );
    }
    let text = history::markdown(&history::compare(&before, &after));
    std::io::stdout()
        .lock()
        .write_all(printable_lines(&text).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The checkpoint at `path`, checked, with its name (the file stem) and the squad's earlier
/// checkpoints beside it.
pub(super) fn with_history(
    catalog: &Catalog,
    path: &Path,
) -> Result<(Checkpoint, String, History)> {
    let checkpoint = load_verified(catalog, path)?;
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let history = History::load(
        dir.unwrap_or(Path::new(".")),
        catalog,
        &checkpoint,
        Some(path),
    );
    Ok((checkpoint, name.into_owned(), history))
}

/// Loads a checkpoint and checks it against the checklists: problems are errors, answers to
/// questions no loaded checklist has are a warning (they stay in the file).
pub fn load_verified(catalog: &Catalog, path: &Path) -> Result<Checkpoint> {
    let (checkpoint, warning) = checkpoint::open(catalog, path)?;
    if let Some(warning) = warning {
        say!("warning: {warning}");
    }
    Ok(checkpoint)
}
