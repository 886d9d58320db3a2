//! What can be wrong with a checklist file, worded for the person who wrote it.

use super::model::{Kind, Scale};
use crate::limits::quote;
use crate::location::position;

/// A checklist file that could not be read, parsed or accepted.
///
/// Displayed compiler-style, `file:line:column: message`, so editors and terminals can jump to it.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{file}: {error}")]
    Read {
        file: String,
        error: crate::limits::ReadError,
    },
    #[error("{file}{}: {message}", position(*line, *column))]
    Syntax {
        file: String,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    #[error("{file}{}: {}: {problem}", position(*line, None), quote(.id))]
    Invalid {
        file: String,
        line: Option<usize>,
        id: String,
        problem: Problem,
    },
    #[error("checklists: {0}")]
    Catalog(String),
}

/// What is wrong with one set, section, question or statement.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("unknown kind `{}`: expected one of dora, baseline, phases, capabilities, kits", quote(.found))]
    UnknownSetKind { found: String },
    #[error("unknown kind `{}`: expected one of choice, level, milestone, likert", quote(.found))]
    UnknownKind { found: String },
    #[error("kind `{}` does not fit a {set_kind} set, whose questions are `{}`", .found.name(), .expected.name())]
    KindMismatch {
        found: Kind,
        set_kind: String,
        expected: Kind,
    },
    #[error("invalid id: {reason}")]
    BadId { reason: String },
    #[error("duplicate id: already defined at {first}")]
    DuplicateId { first: String },
    #[error("empty options: a choice question needs its answers as `options`, worst first")]
    EmptyOptions,
    #[error("no statements: a likert capability needs at least one statement to rate")]
    NoStatements,
    #[error("scale out of range: {detail}")]
    ScaleOutOfRange { detail: String },
    #[error("{labels} labels given for the scale {scale}, which has {} values", .scale.len())]
    LabelCount { labels: usize, scale: Scale },
    #[error("{place} needs `{field}`")]
    Missing { place: String, field: &'static str },
    #[error("`{field}` does not belong in {place}")]
    Foreign { place: String, field: &'static str },
    #[error("`{field}` is empty")]
    Empty { field: &'static str },
    #[error("this column id appears twice in `columns`")]
    DuplicateColumn,
    #[error("unknown column `{}`: expected one of {expected}", quote(.found))]
    UnknownColumn { found: String, expected: String },
    #[error("unknown level `{}`: expected one of {expected}", quote(.found))]
    UnknownLevel { found: String, expected: String },
    #[error("unknown capability `{}`", quote(.found))]
    UnknownCapability { found: String },
    #[error("benchmark: {detail}")]
    Benchmark { detail: String },
}
