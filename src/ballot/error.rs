//! What can be wrong with a ballot: the errors an import reports, each naming its file and,
//! when known, its line.

use crate::checklist::Scale;
use crate::limits::{LimitError, ReadError, quote};
use crate::location::position;
use crate::text::printable;

/// A ballot that cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum BallotError {
    #[error("{file}: {error}")]
    Read { file: String, error: ReadError },
    #[error("{file}:{line}:{column}: {message}{}", hint.map_or(String::new(), |h| format!("; hint: {h}")))]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
        /// The likely fix, when the text at the place needed quotes.
        hint: Option<&'static str>,
    },
    #[error("{file}: {message}")]
    Shape { file: String, message: String },
    #[error("{file}: no participant: write your name, on one line, after `participant:`")]
    NoParticipant { file: String },
    #[error("{file}{}: {} is answered twice; keep one answer", position(*line, None), printable(&quote(.id)))]
    DuplicateKey {
        file: String,
        line: Option<usize>,
        id: String,
    },
    #[error("{file}{}: unknown question id `{}` (`checkpoint questions` lists them)", position(*line, None), printable(&quote(.id)))]
    UnknownQuestion {
        file: String,
        line: Option<usize>,
        id: String,
    },
    #[error("{file}{}: {id}: `{}` is off its scale {scale}: use a whole number from {} to {}, or \"n/a\"", position(*line, None), printable(&quote(.value)), .scale.min, .scale.max)]
    OffScale {
        file: String,
        line: Option<usize>,
        id: String,
        value: String,
        scale: Scale,
    },
    #[error("{file}: participant `{}` already voted in {first}: one ballot per person", printable(&quote(.participant)))]
    DuplicateParticipant {
        file: String,
        participant: String,
        first: String,
    },
    #[error("{file}{}: {error}", position(*line, None))]
    Limit {
        file: String,
        line: Option<usize>,
        error: LimitError,
    },
    #[error("{file}{}: {}: the note starts with `{mark}`, which YAML does not read as text, so it would be lost; hint: put the note in quotes", position(*line, None), printable(&quote(.id)))]
    CommentNote {
        file: String,
        line: Option<usize>,
        id: String,
        mark: char,
    },
}

impl BallotError {
    /// The line the error points at, when it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            BallotError::Syntax { line, .. } => Some(*line),
            BallotError::UnknownQuestion { line, .. }
            | BallotError::OffScale { line, .. }
            | BallotError::DuplicateKey { line, .. }
            | BallotError::Limit { line, .. }
            | BallotError::CommentNote { line, .. } => *line,
            _ => None,
        }
    }
}
