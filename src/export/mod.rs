//! The DevOps Checkpoint Summary: one [`Summary`] of a checkpoint, written as markdown from a
//! template (see [`markdown`]) or as JSON.

pub mod confluence;
mod escape;
mod guard;
pub mod html;
pub mod markdown;
mod rlimit;
pub mod sandbox;
pub mod xhtml;

/// What made a page: the tool and its version.
pub const GENERATOR: &str = concat!("devops-checkpoint ", env!("CARGO_PKG_VERSION"));

use std::path::Path;

use serde::Serialize;

use crate::assessment::Assessment;
use crate::checklist::Catalog;
use crate::checkpoint::{Checkpoint, Mode};
use crate::history::{self, Comparison, History, Snapshot};
use crate::plan::Plan;

/// Everything the summary page says, as data. The markdown template and `--format json` both
/// render this one value.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<'a> {
    /// `<Squad> | <YYYY-MM> | DevOps Checkpoint`.
    pub title: String,
    pub squad: &'a str,
    pub tribe: &'a str,
    pub facilitator: &'a str,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `YYYY-MM`.
    pub month: String,
    pub board_link: &'a str,
    pub mode: Mode,
    pub participants: &'a [String],
    /// Who was absent for which part, in workshop order: (the part's title, the names).
    pub absent: Vec<(&'a str, &'a [String])>,
    #[serde(flatten)]
    pub assessment: Assessment<'a>,
    /// The delivery flow, the ranked improvements and the actions.
    #[serde(flatten)]
    pub plan: Plan<'a>,
    /// Parts (checklist set ids) the facilitator skipped; the template leaves them out.
    pub skipped: &'a [String],
    /// Notes recorded on questions, in workshop order: (question name, note), one per line of
    /// the note, so that two ballots' notes on a question stay two notes.
    pub notes: Vec<(&'a str, &'a str)>,
    /// What changed since the squad's previous checkpoint, when it had one.
    pub since: Option<Comparison>,
    /// The squad's earlier checkpoints, newest first.
    pub past: Vec<Snapshot>,
    /// Questions whose votes are not revealed yet, and so left out (see [`page`]).
    pub hidden: usize,
    /// `devops-checkpoint <version>`.
    pub generator: String,
}

impl<'a> Summary<'a> {
    /// Scores `checkpoint` against `catalog` and gathers what the summary shows.
    pub fn new(catalog: &'a Catalog, checkpoint: &'a Checkpoint) -> Summary<'a> {
        let catalog = catalog.for_model(checkpoint.dora);
        let month = checkpoint.date.strftime("%Y-%m").to_string();
        let notes = catalog
            .questions()
            .iter()
            .filter_map(|q| Some((q.name(), checkpoint.answer(&q.id)?.note.lines())))
            .flat_map(|(name, lines)| {
                let lines = lines.map(str::trim).filter(|l| !l.is_empty());
                lines.map(move |line| (name, line))
            })
            .collect();
        Summary {
            title: title(checkpoint),
            squad: &checkpoint.squad,
            tribe: &checkpoint.tribe,
            facilitator: &checkpoint.facilitator,
            date: checkpoint.date.to_string(),
            month,
            board_link: &checkpoint.board_link,
            mode: checkpoint.mode,
            participants: &checkpoint.participants,
            absent: catalog
                .sets()
                .filter_map(|s| Some((s.title.as_str(), checkpoint.absent.get(&s.id)?.as_slice())))
                .filter(|(_, names)| !names.is_empty())
                .collect(),
            assessment: Assessment::new(catalog, checkpoint),
            plan: Plan::new(catalog, checkpoint),
            skipped: &checkpoint.session.skipped,
            notes,
            since: None,
            past: Vec::new(),
            hidden: 0,
            generator: GENERATOR.to_string(),
        }
    }

    /// Adds the squad's history: the comparison with its last checkpoint and the list of earlier
    /// ones. `name` is the checkpoint's own file stem.
    pub fn with_history(
        mut self,
        catalog: &Catalog,
        checkpoint: &Checkpoint,
        name: &str,
        history: &History,
    ) -> Summary<'a> {
        let catalog = catalog.for_model(checkpoint.dora);
        if let Some(last) = history.last() {
            let now = Snapshot::scored(catalog, name, checkpoint, &self.assessment);
            self.since = Some(history::compare(last, &now));
        }
        self.past = history.past.iter().rev().cloned().collect();
        self
    }

    /// The summary as pretty-printed JSON. Control, bidi and invisible characters are written
    /// as `\uXXXX` escapes: the same data, safe to print to a terminal.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self).map(|json| json_escaped(&json))
    }
}

/// The summary page's title, `<Squad> | <YYYY-MM> | DevOps Checkpoint`: the Confluence page's.
pub fn title(checkpoint: &Checkpoint) -> String {
    let month = checkpoint.date.strftime("%Y-%m");
    format!("{} | {month} | DevOps Checkpoint", checkpoint.squad.trim())
}

/// How a summary page is written.
#[derive(Debug, Clone, Copy)]
pub enum Form<'t> {
    /// The built-in markdown template.
    Markdown,
    /// The same content as data.
    Json,
    /// Confluence storage format: the page body `checkpoint publish` sends.
    Confluence,
    /// One self-contained HTML page, to paste as rich text.
    Html,
    /// A user's minijinja template, `name` naming it in errors, rendered by a child process
    /// of the program `exe` (see [`sandbox`]).
    Template {
        name: &'t str,
        source: &'t str,
        exe: &'t Path,
    },
}

/// Why a summary page could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error(transparent)]
    Template(#[from] markdown::TemplateError),
    #[error("cannot write the summary as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The summary page of `checkpoint` (its file stem `name`, its squad's `history`) as the squad
/// has seen it: votes and dots not revealed yet are left out, as on the shared screen, and the
/// page says how many questions that holds back. The one text that the workshop screen's export
/// and `checkpoint export` both write. Returns the text and that number.
pub fn page(
    catalog: &Catalog,
    checkpoint: &Checkpoint,
    name: &str,
    history: &History,
    form: Form,
) -> Result<(String, usize), PageError> {
    let catalog = catalog.for_model(checkpoint.dora);
    let (shown, _) = checkpoint.revealed_only();
    // Counted over the checklists' questions: an answer to a question none has is not on the
    // page either way.
    let held = |id: &str| {
        let votes = |c: &Checkpoint| c.answer(id).is_some_and(|a| !a.votes.is_empty());
        votes(checkpoint) && !votes(&shown)
    };
    let hidden = catalog.questions().iter().filter(|q| held(&q.id)).count();
    let mut summary = Summary::new(catalog, &shown).with_history(catalog, &shown, name, history);
    summary.hidden = hidden;
    let text = match form {
        Form::Markdown => markdown::render(&summary)?,
        Form::Json => summary.to_json()? + "\n",
        Form::Confluence => confluence::render(&summary, xhtml::Flavour::Storage),
        Form::Html => html::render(&summary),
        Form::Template { name, source, exe } => {
            sandbox::render_isolated(exe, &summary, name, source)?
        }
    };
    Ok((text, hidden))
}

/// `json` with every [unsafe](crate::text::is_unsafe) character serde_json leaves as it is (DEL,
/// C1, bidi, separators) escaped as `\uXXXX`. Outside strings JSON has only its newlines.
fn json_escaped(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && crate::text::is_unsafe(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Why a summary could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{}: is a checkpoint file; choose another name for the summary", .0.display())]
    WouldReplaceCheckpoint(std::path::PathBuf),
    #[error("{}: cannot write the summary: {error}", .path.display())]
    Io {
        path: std::path::PathBuf,
        error: std::io::Error,
    },
}

/// Writes a rendered summary to `path` atomically. A checkpoint file is never replaced by a
/// summary, whichever checkpoint it belongs to.
pub fn write(path: &Path, text: &str) -> Result<(), WriteError> {
    // Only a regular file is read to check it: a pipe would block, and atomic::write refuses
    // whatever is not a regular file anyway.
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if regular && crate::checkpoint::load(path).is_ok() {
        return Err(WriteError::WouldReplaceCheckpoint(path.to_path_buf()));
    }
    crate::atomic::write(path, text.as_bytes()).map_err(|error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    })
}
