//! Reading a filled ballot: parsing its YAML, checking every answer and note against the
//! catalog, and naming each error's line; [`read_all`] reads many files at once.

use std::collections::{BTreeMap, HashMap};

use super::raw::{RawBallot, Scalar};
use super::{Ballot, BallotError, hint};
use crate::checklist::{Catalog, Question};
use crate::checkpoint::Vote;

/// The key a `key: value` line starts with (quoted or not), if it is such a line.
fn key_on_line(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let (key, rest) = match t.chars().next()? {
        q @ ('"' | '\'') => {
            let close = t[1..].find(q)? + 1;
            (&t[1..close], &t[close + 1..])
        }
        '#' => return None,
        _ => {
            let colon = t
                .match_indices(':')
                .map(|(i, _)| i)
                .find(|&i| t[i + 1..].chars().next().is_none_or(char::is_whitespace))?;
            (t[..colon].trim_end(), &t[colon..])
        }
    };
    rest.trim_start().starts_with(':').then_some(key)
}

/// Every `key:` line of `text`, 1-based, by key, in order: built once, in one pass, so that a
/// ballot with a hundred thousand errors costs no more than one with one.
pub(super) fn key_lines(text: &str) -> HashMap<&str, Vec<usize>> {
    let mut lines: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(key) = key_on_line(line) {
            lines.entry(key).or_default().push(i + 1);
        }
    }
    lines
}

/// Parses and checks one ballot file's `text`; `file` names it in errors.
pub fn parse(file: &str, text: &str, catalog: &Catalog) -> Result<Ballot, Vec<BallotError>> {
    let raw: RawBallot = crate::yaml::from_str(text).map_err(|e| {
        // serde names our private type; say what a ballot is instead.
        let message = e.message.replace(
            "struct RawBallot",
            "a ballot: `participant:`, `votes:` and `notes:`",
        );
        let file = file.to_string();
        vec![match (e.line, e.column) {
            (Some(line), Some(column)) => BallotError::Syntax {
                file,
                line,
                column,
                message,
                hint: e
                    .unquoted_text
                    .then(|| hint::for_line(text, line))
                    .flatten(),
            },
            _ => BallotError::Shape { file, message },
        }]
    })?;
    let mut errors = Vec::new();
    // Where each key is written: indexed once, on the first error (a ballot has hundreds of
    // keys, and most ballots no error).
    let index = std::cell::OnceCell::new();
    let line_of = |id: &str, n: usize| {
        let lines = index.get_or_init(|| key_lines(text));
        lines
            .get(id)
            .and_then(|l: &Vec<usize>| l.get(n.saturating_sub(1)))
            .copied()
    };
    let participant = raw.participant.unwrap_or_default().trim().to_string();
    if participant.is_empty() || crate::text::check_name(&participant).is_err() {
        errors.push(BallotError::NoParticipant {
            file: file.to_string(),
        });
    } else if let Err(error) = crate::limits::check_name("participant", &participant) {
        errors.push(BallotError::Limit {
            file: file.to_string(),
            line: line_of("participant", 1),
            error,
        });
    }
    // How often each key has been met so far: an error's line is that occurrence's line.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut occurrence = |id: &str| {
        let n = seen.entry(id.to_string()).or_default();
        *n += 1;
        *n
    };
    let mut votes = BTreeMap::new();
    for (id, value) in raw.votes.map(|p| p.0).unwrap_or_default() {
        let n = occurrence(&id);
        let Some(question) = catalog.question(&id) else {
            errors.push(BallotError::UnknownQuestion {
                file: file.to_string(),
                line: line_of(&id, n),
                id,
            });
            continue;
        };
        if votes.contains_key(&id) {
            errors.push(BallotError::DuplicateKey {
                file: file.to_string(),
                line: line_of(&id, n),
                id,
            });
            continue;
        }
        let Some(value) = value else { continue };
        match to_vote(question, &value) {
            Ok(vote) => {
                votes.insert(id, vote);
            }
            Err(value) => errors.push(BallotError::OffScale {
                file: file.to_string(),
                line: line_of(&id, n),
                value,
                scale: question.scale(),
                id,
            }),
        }
    }
    let mut notes = BTreeMap::new();
    for (id, note) in raw.notes.map(|p| p.0).unwrap_or_default() {
        let n = occurrence(&id);
        if catalog.question(&id).is_none() {
            errors.push(BallotError::UnknownQuestion {
                file: file.to_string(),
                line: line_of(&id, n),
                id,
            });
        } else {
            // `id: # text` is a key with no value and a comment: the text would vanish.
            let blank = note.as_deref().is_none_or(|t| t.trim().is_empty());
            let line = blank.then(|| line_of(&id, n)).flatten();
            if let Some((line, mark)) = line.and_then(|l| Some((l, lost_mark(text, l)?))) {
                errors.push(BallotError::CommentNote {
                    file: file.to_string(),
                    line: Some(line),
                    id,
                    mark,
                });
                continue;
            }
            // One line: a checkpoint keeps each ballot's note on a line of its own.
            let note = note.map(|t| one_line(&t)).unwrap_or_default();
            if let Err(error) = crate::limits::check_text(&format!("notes: {id}"), &note) {
                errors.push(BallotError::Limit {
                    file: file.to_string(),
                    line: line_of(&id, n),
                    error,
                });
                continue;
            }
            match notes.entry(id) {
                std::collections::btree_map::Entry::Occupied(e) => {
                    errors.push(BallotError::DuplicateKey {
                        file: file.to_string(),
                        line: line_of(e.key(), n),
                        id: e.key().clone(),
                    });
                }
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(note);
                }
            }
        }
    }
    notes.retain(|_, note: &mut String| !note.is_empty());
    if errors.is_empty() {
        Ok(Ballot {
            participant,
            votes,
            notes,
        })
    } else {
        // Report in the order a person reads the file.
        errors.sort_by_key(BallotError::line);
        Err(errors)
    }
}

/// The vote a scalar stands for on `question`'s scale, or the scalar as written when it is off.
fn to_vote(question: &Question, value: &Scalar) -> Result<Vote, String> {
    match value {
        Scalar::Int(v) => u8::try_from(*v)
            .ok()
            .filter(|v| question.scale().contains(*v))
            .map(Vote::Value)
            .ok_or_else(|| v.to_string()),
        Scalar::Text(t) => match Vote::parse_text(t) {
            Some(Vote::Value(v)) if !question.scale().contains(v) => Err(t.clone()),
            Some(vote) => Ok(vote),
            None => Err(t.clone()),
        },
        Scalar::Other(o) => Err(o.clone()),
    }
}

/// Reads and checks every ballot file, spreading the work over the machine's cores (ballots are
/// independent, and parsing YAML is most of an import's time). Returns the ballots in the order
/// given, or every error of every file.
pub fn read_all(
    catalog: &Catalog,
    paths: &[std::path::PathBuf],
) -> Result<Vec<(String, Ballot)>, Vec<BallotError>> {
    let read = |path: &std::path::PathBuf| {
        let name = path.display().to_string();
        match crate::limits::read_capped(path, crate::limits::MAX_BALLOT_BYTES) {
            Ok(text) => parse(&name, &text, catalog).map(|b| (name, b)),
            Err(error) => Err(vec![BallotError::Read { file: name, error }]),
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(paths.len());
    let results: Vec<Result<(String, Ballot), Vec<BallotError>>> = if threads <= 1 {
        paths.iter().map(read).collect()
    } else {
        let chunk = paths.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = paths
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(read).collect::<Vec<_>>()))
                .collect();
            let mut results = Vec::new();
            for (handle, part) in handles.into_iter().zip(paths.chunks(chunk)) {
                match handle.join() {
                    Ok(done) => results.extend(done),
                    // A reader that died must not make its ballots silently disappear.
                    Err(_) => results.extend(part.iter().map(|p| {
                        Err(vec![BallotError::Shape {
                            file: p.display().to_string(),
                            message: "reading this ballot failed unexpectedly".to_string(),
                        }])
                    })),
                }
            }
            results
        })
    };
    let mut ballots = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(b) => ballots.push(b),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(ballots)
    } else {
        Err(errors)
    }
}

/// The mark that made the value at 1-based `line` of `text` no text at all, when it is one: a
/// comment (`id: # text`) or a tag (`id: !text`).
fn lost_mark(text: &str, line: usize) -> Option<char> {
    let at = text.lines().nth(line.saturating_sub(1))?;
    let (_, value) = at.split_once(':')?;
    value
        .trim_start()
        .chars()
        .next()
        .filter(|c| matches!(c, '#' | '!'))
}

/// `text` on one line: its lines trimmed and joined with a space, blank ones left out.
fn one_line(text: &str) -> String {
    let lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    lines.collect::<Vec<_>>().join(" ")
}
