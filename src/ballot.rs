//! Ballots: one participant's votes in a YAML file, for squads that vote asynchronously.
//!
//! `checkpoint ballot` writes a blank one listing every question with its scale as comments
//! (`write`, and [`part`] for one part of the workshop); each person fills in theirs;
//! `checkpoint import` checks them all (`read`, its YAML read as written by `raw`, its errors in
//! `error`) and builds one checkpoint ([`merge`]).

pub mod merge;

pub use error::BallotError;
pub use merge::combine;
pub use read::{parse, read_all};

use std::collections::BTreeMap;

use crate::checklist::Catalog;
use crate::checkpoint::Vote;

mod error;
mod hint;
pub mod part;
mod raw;
mod read;
mod write;

/// One participant's votes, checked against the catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Ballot {
    pub participant: String,
    /// Question id → vote; questions left blank are absent.
    pub votes: BTreeMap<String, Vote>,
    /// Question id → note.
    pub notes: BTreeMap<String, String>,
}

/// A blank ballot: every question id with its scale and text as comments.
pub fn blank(catalog: &Catalog) -> String {
    part::blank(catalog, &part::Selection::All)
}

#[cfg(test)]
mod tests;
