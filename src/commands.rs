//! What each subcommand does: the edge between the command line and the core, where errors
//! become `anyhow` errors with context.

use std::fmt::Display;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};

use crate::ballot;
use crate::checklist::{self, Catalog};
use crate::checkpoint::{Checkpoint, Store};
use crate::cli::{Cli, Command};

/// `eprintln!` for a message that may quote user data: control, bidi and invisible characters
/// are spelled out (see [`crate::text`]), the message's own newlines stay.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::text::printable_lines(&format!($($arg)*)))
    };
}

mod evidence;
mod export;
mod import;
mod publish;
mod report;
mod room;
mod show;
mod workshop;

pub use export::load_verified;
use export::{compare, export, with_history};
use show::{list, questions, validate, write_ballot};
use workshop::{Open, check_names, is_terminal, new_checkpoint, set_dora, workshop};

/// Runs the command `cli` names.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let dirs = &cli.checklists;
    match cli.command {
        None if !is_terminal() => {
            let catalog = load_catalog(dirs)?;
            writeln!(
                std::io::stdout().lock(),
                "devops-checkpoint {}: the DevOps Checkpoint workshop, {} questions loaded.\n\n\
                 Run `checkpoint` in a terminal to open the workshop screen. Without one, run a \
                 checkpoint with ballots:\n  \
                 checkpoint ballot -o ballot-NAME.yaml   one per participant\n  \
                 checkpoint import --squad NAME ballot-*.yaml\n  \
                 checkpoint export NAME-DATE -o summary.md\n\n\
                 `checkpoint --help` lists every command.",
                env!("CARGO_PKG_VERSION"),
                catalog.questions().len()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        None => workshop(dirs, Open::Home, None),
        Some(Command::New {
            squad,
            facilitator,
            participants,
            tribe,
            date,
            dora,
            room,
        }) => {
            let mut c = new_checkpoint(squad, tribe, facilitator, participants, date)?;
            set_dora(&load_catalog(dirs)?, &mut c, dora)?;
            workshop(dirs, Open::New(Box::new(c)), Some(room))
        }
        Some(Command::Solo) => workshop(dirs, Open::Solo, None),
        Some(Command::Resume { checkpoint, room }) => {
            workshop(dirs, Open::Resume(checkpoint), Some(room))
        }
        Some(Command::Room { checkpoint, listen }) => room::run(
            load_catalog(dirs)?,
            &Store::open_default()?,
            &checkpoint,
            listen,
        ),
        Some(Command::Questions) => questions(&load_catalog(dirs)?),
        Some(Command::Validate { dirs: extra }) => {
            let mut all = dirs.clone();
            all.extend(extra);
            validate(&all)
        }
        Some(Command::Ballot {
            output,
            part,
            checkpoint,
            level,
            dora,
            capabilities,
        }) => {
            let root = load_catalog(dirs)?;
            let saved = match &checkpoint {
                Some(name) => Some(load_verified(
                    &root,
                    &Store::open_default()?.resolve(name)?,
                )?),
                None => None,
            };
            let model = saved.as_ref().map(|c| c.dora).or(dora).unwrap_or_default();
            let catalog = root.for_model(model);
            let request = ballot::part::Request {
                part: part.as_deref(),
                level: level.as_deref(),
                checkpoint: checkpoint.as_deref().zip(saved.as_ref()),
                capabilities: &capabilities,
            };
            let selection = ballot::part::select(catalog, &request)?;
            write_ballot(&ballot::part::blank(catalog, &selection), output.as_deref())
        }
        Some(Command::Import {
            into: Some(into),
            ballots,
            replace,
            reveal,
            ..
        }) => import::into(
            &load_catalog(dirs)?,
            &Store::open_default()?,
            &into,
            &ballots,
            crate::ballot::merge::Options { replace, reveal },
        ),
        Some(Command::Import {
            squad,
            facilitator,
            tribe,
            board_link,
            date,
            dora,
            ballots,
            replace,
            reveal,
            ..
        }) => {
            if replace || reveal {
                bail!("--replace and --reveal apply to late ballots: give --into CHECKPOINT");
            }
            if let Some(link) = &board_link {
                crate::limits::check_text("--board-link", link)?;
            }
            let squad = squad.unwrap_or_default();
            let mut checkpoint = Checkpoint::new(squad.trim(), date.unwrap_or_else(today));
            checkpoint.facilitator = facilitator.unwrap_or_default();
            checkpoint.tribe = tribe.unwrap_or_default();
            checkpoint.board_link = board_link.unwrap_or_default();
            let catalog = load_catalog(dirs)?;
            set_dora(&catalog, &mut checkpoint, dora)?;
            import::new(
                catalog.for_model(checkpoint.dora),
                &Store::open_default()?,
                checkpoint,
                &ballots,
            )
        }
        Some(Command::Export {
            checkpoint,
            format,
            template,
            output,
        }) => {
            let catalog = load_catalog(dirs)?;
            export(
                &catalog,
                &checkpoint,
                format,
                template.as_deref(),
                output.as_deref(),
            )
        }
        Some(Command::Evidence(args)) => evidence::run(&load_catalog(dirs)?, &args),
        Some(Command::Publish {
            checkpoint,
            report: _,
            tribe,
            space,
            parent,
            dry_run,
            force,
        }) => {
            let args = publish::Args {
                space: &space,
                parent: parent.as_deref(),
                dry_run,
                force,
            };
            match checkpoint {
                Some(name) => publish::run(&load_catalog(dirs)?, &name, &args),
                None => report::publish(&load_catalog(dirs)?, tribe, &args),
            }
        }
        Some(Command::List) => list(&load_catalog(dirs)?, &Store::open_default()?),
        Some(Command::RenderTemplate) => crate::export::sandbox::serve(),
        Some(Command::Compare { before, after }) => compare(&load_catalog(dirs)?, &before, &after),
        Some(Command::Report {
            dirs: stores,
            tribe,
            since,
            format,
            output,
            stale_months,
        }) => report::run(
            &load_catalog(dirs)?,
            stores,
            report::Asked {
                tribe,
                since,
                format,
                output,
                stale_months,
            },
        ),
    }
}

/// An error that lists every problem, one per line, under a heading.
fn listed<E: Display>(heading: &str, errors: &[E]) -> anyhow::Error {
    let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
    anyhow!("{heading}:\n{}", lines.join("\n"))
}

pub(crate) use crate::text::count;

fn problems(n: usize) -> String {
    count(n, "problem")
}

/// Loads the built-in checklists, the config directory's and `dirs`.
pub fn load_catalog(dirs: &[PathBuf]) -> Result<Catalog> {
    checklist::load(dirs).map_err(|errors| {
        let heading = format!(
            "the checklists have {} (`checkpoint validate` checks them)",
            problems(errors.len())
        );
        listed(&heading, &errors)
    })
}

/// Today's date, for new checkpoints and the report.
pub(super) fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}
