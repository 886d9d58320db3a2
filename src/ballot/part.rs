//! Ballots for one part of the workshop. `checkpoint ballot --part dora` asks the DORA questions
//! alone, so that a squad can vote on them first; `--part capabilities` then asks the statements
//! of the three capabilities the DORA level recommends (the level of a saved checkpoint, or one
//! named), and of any capability chosen on purpose.
//!
//! Here the command line's flags choose the questions ([`select`]); `write` writes the ballot.

use crate::capabilities::{Waiting, Walk};
use crate::checklist::{BenchmarkLevel, Capability, Catalog, ChecklistSet, SetBody};
use crate::checkpoint::Checkpoint;
use crate::limits::quote;
use crate::text::printable;

pub use write::blank;

mod write;

/// Which questions a blank ballot asks.
#[derive(Debug, Clone)]
pub enum Selection<'a> {
    /// Every question of every part.
    All,
    /// The questions of one part (a checklist set).
    Part(&'a ChecklistSet),
    /// The statements of some capabilities.
    Capabilities {
        /// The level they follow, and the checkpoint whose level it is (none for `--level`).
        level: Option<(&'a BenchmarkLevel, Option<String>)>,
        /// The level's capabilities, in catalog order.
        recommended: Vec<&'a Capability>,
        /// Those chosen on purpose, in the order given.
        chosen: Vec<&'a Capability>,
        /// Why the level gave none, when a checkpoint was named.
        note: Option<String>,
    },
}

/// What the command line asked for.
#[derive(Debug, Default)]
pub struct Request<'r> {
    /// `--part`: a checklist set's id (or its title).
    pub part: Option<&'r str>,
    /// `--level`: a benchmark level's id or name.
    pub level: Option<&'r str>,
    /// `--checkpoint`: its name as given, and the checkpoint.
    pub checkpoint: Option<(&'r str, &'r Checkpoint)>,
    /// `--capability`: ids, short ids or names.
    pub capabilities: &'r [String],
}

/// A request the ballot cannot follow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartError {
    #[error("--part: unknown part `{}`: one of {known}", printable(&quote(.part)))]
    UnknownPart { part: String, known: String },
    #[error("{flag} chooses capabilities: use it with --part capabilities, not --part {part}")]
    NotCapabilities { flag: &'static str, part: String },
    #[error("--level: unknown level `{}`: one of {known}", printable(&quote(.level)))]
    UnknownLevel { level: String, known: String },
    #[error("--capability: unknown capability `{}`: one of {known}", printable(&quote(.name)))]
    UnknownCapability { name: String, known: String },
    #[error(
        "the capabilities ballot follows the squad's DORA level: vote on the DORA questions \
         first (`checkpoint ballot --part dora`, then `checkpoint import`) and give \
         --checkpoint NAME; or name the level with --level, or choose capabilities with \
         --capability ID"
    )]
    NoLevel,
    #[error(
        "{} has no DORA level yet ({waiting}): the level needs a value for every DORA question, \
         a best guess when there is no data. Vote on them first, or choose capabilities with \
         --capability ID",
        printable(&quote(.checkpoint))
    )]
    LevelNotKnown { checkpoint: String, waiting: String },
}

/// The set `name` names: its id or its title, in any case.
fn find_part<'a>(catalog: &'a Catalog, name: &str) -> Result<&'a ChecklistSet, PartError> {
    let name = name.trim();
    let parts = || {
        catalog
            .sets()
            .filter(|s| !matches!(s.body, SetBody::Kits(_)))
    };
    parts()
        .find(|s| s.id.eq_ignore_ascii_case(name) || s.title.eq_ignore_ascii_case(name))
        .ok_or_else(|| PartError::UnknownPart {
            part: name.to_string(),
            known: parts()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The questions the command line's flags ask for. `--level`, `--checkpoint` and
/// `--capability` choose capabilities, so without `--part` they mean `--part capabilities`.
pub fn select<'a>(catalog: &'a Catalog, request: &Request) -> Result<Selection<'a>, PartError> {
    let set = request.part.map(|p| find_part(catalog, p)).transpose()?;
    let flag = if request.level.is_some() {
        Some("--level")
    } else if request.checkpoint.is_some() {
        Some("--checkpoint")
    } else {
        (!request.capabilities.is_empty()).then_some("--capability")
    };
    match (set, flag) {
        (Some(s), Some(flag)) if !matches!(s.body, SetBody::Capabilities(_)) => {
            return Err(PartError::NotCapabilities {
                flag,
                part: s.id.clone(),
            });
        }
        (Some(s), None) if !matches!(s.body, SetBody::Capabilities(_)) => {
            return Ok(Selection::Part(s));
        }
        (None, None) => return Ok(Selection::All),
        _ => {}
    }
    // A capabilities set named with --part keeps the ballot to its own capabilities.
    let in_set = |c: &&Capability| match set.map(|s| &s.body) {
        Some(SetBody::Capabilities(own)) => own.iter().any(|o| o.id == c.id),
        _ => true,
    };
    let mut chosen: Vec<&Capability> = Vec::new();
    for name in request.capabilities {
        let capability = catalog
            .find_capability(name)
            .filter(in_set)
            .ok_or_else(|| {
                let known = catalog.capabilities().filter(in_set);
                PartError::UnknownCapability {
                    name: name.clone(),
                    known: known.map(short_id).collect::<Vec<_>>().join(", "),
                }
            })?;
        if !chosen.iter().any(|c| c.id == capability.id) {
            chosen.push(capability);
        }
    }
    let mut note = None;
    let level = match (request.level, request.checkpoint) {
        (Some(name), _) => {
            let level = catalog
                .find_level(name)
                .ok_or_else(|| PartError::UnknownLevel {
                    level: name.to_string(),
                    known: levels(catalog),
                })?;
            Some((level, None))
        }
        (None, Some((name, checkpoint))) => {
            // Only the votes the squad has seen count, as in `checkpoint export`.
            let walk = Walk::new(catalog, checkpoint, &[], true);
            match walk.level {
                Some(level) => Some((level, Some(name.to_string()))),
                None if chosen.is_empty() => {
                    return Err(PartError::LevelNotKnown {
                        checkpoint: name.to_string(),
                        waiting: waiting(&walk),
                    });
                }
                None => {
                    note = Some(format!(
                        "{name} has no DORA level yet ({}), so this ballot holds only the \
                         capabilities chosen on purpose.",
                        waiting(&walk)
                    ));
                    None
                }
            }
        }
        (None, None) if chosen.is_empty() => return Err(PartError::NoLevel),
        (None, None) => None,
    };
    let recommended: Vec<&Capability> = level
        .as_ref()
        .map(|(l, _)| catalog.recommended(&l.id))
        .unwrap_or_default()
        .into_iter()
        .filter(in_set)
        .collect();
    chosen.retain(|c| !recommended.iter().any(|r| r.id == c.id));
    Ok(Selection::Capabilities {
        level,
        recommended,
        chosen,
        note,
    })
}

/// `continuous-delivery` for `capabilities.continuous-delivery`.
fn short_id(c: &Capability) -> &str {
    c.id.rsplit('.').next().unwrap_or(&c.id)
}

/// The level ids, worst first: `low, medium, high, elite`.
fn levels(catalog: &Catalog) -> String {
    let ids = catalog.benchmark().levels.iter().map(|l| l.id.as_str());
    ids.collect::<Vec<_>>().join(", ")
}

/// The DORA questions the level waits for, and why: `Lead time for changes: no votes yet`.
fn waiting(walk: &Walk) -> String {
    let each = walk.waiting.iter().map(|(q, why)| {
        let why = match why {
            Waiting::NoVotes => "no votes yet",
            Waiting::Hidden { .. } => "votes not shown yet",
            Waiting::NotApplicable => "only n/a",
        };
        format!("{}: {why}", q.name())
    });
    each.collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests;
