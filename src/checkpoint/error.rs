//! What can go wrong with a checkpoint file, each error naming the file (and the line and column
//! when known).

use std::path::{Path, PathBuf};

use super::FORMAT;
use crate::limits::LimitError;
use crate::location::position;
use crate::text::printable;

/// The environment variable that overrides where checkpoints are kept.
pub const HOME_VAR: &str = "CHECKPOINT_HOME";

/// A checkpoint file that could not be found, read, understood or written.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    #[error("{}: cannot read: {error}", .path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}{}: {message}", .path.display(), position(*line, *column))]
    Syntax {
        path: PathBuf,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    #[error(
        "{}: written in checkpoint format {found}, but this build reads format {FORMAT} and \
         older; update devops-checkpoint to open it (the file was left untouched)",
        .path.display()
    )]
    FutureFormat { path: PathBuf, found: i64 },
    #[error("{}: {message}", .path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{}{}: {}: {message}", .path.display(), position(*line, None), printable(.id))]
    Mismatch {
        path: PathBuf,
        line: Option<usize>,
        id: String,
        message: String,
    },
    #[error("{}: is larger than {max} bytes, the limit for a checkpoint; it was left untouched", .path.display())]
    TooLarge { path: PathBuf, max: u64 },
    #[error("{}{}: {error}", .path.display(), position(*line, None))]
    Limit {
        path: PathBuf,
        line: Option<usize>,
        error: LimitError,
    },
    #[error("{}: cannot write: {error}", .path.display())]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("no checkpoint named `{}` in {}; `checkpoint list` shows the saved ones", printable(.name), .dir.display())]
    NotFound { name: String, dir: PathBuf },
    #[error("`{}` names {} checkpoints in {}'s folders ({}); give the path", printable(.name), .paths.len(), .dir.display(), .paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    Ambiguous {
        name: String,
        dir: PathBuf,
        paths: Vec<PathBuf>,
    },
    #[error("no place to keep checkpoints: set {HOME_VAR} to a directory")]
    NoHome,
    #[error(
        "{}: is open in another checkpoint window; close it there first (nothing was changed)",
        .path.display()
    )]
    Locked { path: PathBuf },
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The error for TOML that does not parse, at its line and column.
pub(super) fn syntax(path: &Path, text: &str, e: &toml::de::Error) -> CheckpointError {
    let (line, column) = match e.span() {
        Some(span) => {
            let (l, c) = line_column(text, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    CheckpointError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message: e.message().trim().to_string(),
    }
}
