//! `checkpoint publish`: the command line's edge of [`crate::publish`]. Renders the summary as
//! storage format, reads the site and credentials from the environment or config.toml,
//! publishes, and records the page in the checkpoint.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{count, with_history};
use crate::checklist::Catalog;
use crate::checkpoint::{self, CheckpointError, Lock, Published, Store};
use crate::export::Form;
use crate::publish::api::Page;
use crate::publish::{self as confluence, Job, Outcome, settings};

/// The command's flags.
pub struct Args<'a> {
    pub space: &'a str,
    pub parent: Option<&'a str>,
    pub dry_run: bool,
    pub force: bool,
}

/// Publishes the checkpoint `name` as `args` say and prints the page's address.
pub fn run(catalog: &Catalog, name: &str, args: &Args) -> Result<ExitCode> {
    space_key(args)?;
    let store = Store::open_default()?;
    let path = store.resolve(name)?;
    // Held from the read to the write of the page's record, as `import --into` does. A
    // checkpoint open in a workshop screen is still published; only its record waits.
    let lock = match Lock::acquire(&path) {
        Ok(lock) => Some(lock),
        Err(CheckpointError::Locked { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    let (checkpoint, stem, history) = with_history(catalog, &path)?;
    let (body, hidden) =
        crate::export::page(catalog, &checkpoint, &stem, &history, Form::Confluence)?;
    if hidden > 0 {
        say!(
            "note: the votes on {} are not revealed yet; the page leaves them out, as the \
             workshop screen does",
            count(hidden, "question")
        );
    }
    let title = crate::export::title(&checkpoint);
    let mut labels = vec![
        "devops-checkpoint".to_string(),
        confluence::label(&checkpoint.squad),
    ];
    let level = checkpoint::level_text(catalog, &checkpoint);
    if level.chars().all(char::is_alphanumeric) && !level.is_empty() {
        labels.push(confluence::label(&level));
    }
    let known = checkpoint
        .published
        .as_ref()
        .map(|p| (p.page.as_str(), p.base.as_str()));
    let Some((page, base)) = send(args, &title, &body, labels, known)? else {
        return Ok(ExitCode::SUCCESS);
    };
    let record = Published {
        page: page.id.clone(),
        base,
        url: page.url.clone(),
    };
    if checkpoint.published.as_ref() != Some(&record) {
        if lock.is_some() {
            let mut checkpoint = checkpoint;
            checkpoint.published = Some(record);
            checkpoint::save(&path, &checkpoint)?;
        } else {
            say!(
                "note: {} is open in a workshop screen, so the page is not recorded in it; the \
                 next publish finds the page by its title",
                path.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses a `--space` that is not a space key.
pub(super) fn space_key<'a>(args: &Args<'a>) -> Result<&'a str> {
    let space = args.space.trim();
    if space.is_empty() || !space.chars().all(|c| c.is_alphanumeric() || c == '~') {
        anyhow::bail!(
            "--space: `{}` is not a space key (letters and digits, as in the space's address)",
            crate::text::printable(space)
        );
    }
    Ok(space)
}

/// Publishes the page `title` with `body` (storage format) as `args` say, says what happened
/// and prints the page's address. The page and the site's base address, unless a dry run.
pub(super) fn send(
    args: &Args,
    title: &str,
    body: &str,
    labels: Vec<String>,
    known: Option<(&str, &str)>,
) -> Result<Option<(Page, String)>> {
    let settings = settings::load(
        &|name| std::env::var(name).ok(),
        settings::config_path().as_deref(),
    )?;
    let job = Job {
        space: space_key(args)?,
        parent: args.parent,
        title,
        body,
        labels,
        known,
        dry_run: args.dry_run,
        force: args.force,
    };
    let mut out = std::io::stdout().lock();
    let outcome = confluence::publish(&settings, &job, &mut out, &mut std::io::stderr())?;
    let page = match outcome {
        Outcome::DryRun => return Ok(None),
        Outcome::Created(page) => {
            say!("Created \"{title}\" (version {})", page.version);
            page
        }
        Outcome::Updated(page) => {
            say!("Updated \"{title}\" to version {}", page.version);
            page
        }
        Outcome::Unchanged(page) => {
            say!(
                "Unchanged: the page already shows this (version {})",
                page.version
            );
            page
        }
    };
    writeln!(out, "{}", page.url)?;
    Ok(Some((page, settings.site.base.clone())))
}
