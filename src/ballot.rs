//! Ballots: one participant's votes in a YAML file, for squads that vote asynchronously.
//!
//! `checkpoint ballot` writes a blank one listing every question with its scale as comments;
//! each person fills in theirs; `checkpoint import` checks them all and builds one checkpoint.

pub mod merge;

pub use merge::combine;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Deserialize;
use serde::de::{self, Visitor};

use crate::checklist::{Catalog, Group, Kind, Question, Scale};
use crate::checkpoint::Vote;
use crate::limits::{LimitError, ReadError, quote};
use crate::location::position;
use crate::text::printable;

mod hint;
pub mod part;

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

/// One participant's votes, checked against the catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Ballot {
    pub participant: String,
    /// Question id → vote; questions left blank are absent.
    pub votes: BTreeMap<String, Vote>,
    /// Question id → note.
    pub notes: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBallot {
    #[serde(default)]
    participant: Option<String>,
    #[serde(default)]
    votes: Option<Pairs<Option<Scalar>>>,
    #[serde(default)]
    notes: Option<Pairs<Option<String>>>,
}

/// A YAML mapping kept as written: in order, duplicate keys and all, so both can be reported.
struct Pairs<T>(Vec<(String, T)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Pairs<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Pairs<T>, D::Error> {
        struct PairsVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for PairsVisitor<T> {
            type Value = Pairs<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("question ids, each followed by a colon and an answer")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Pairs<T>, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        d.deserialize_map(PairsVisitor(std::marker::PhantomData))
    }
}

/// Any YAML scalar, kept as written so an off-scale value can be reported as the person wrote it.
enum Scalar {
    Int(i64),
    Text(String),
    Other(String),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a number on the question's scale, or \"n/a\"")
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(i64::try_from(v).map_or_else(|_| Scalar::Other(v.to_string()), Scalar::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        // `5.0` stays `5.0` in the message, so the person sees what they wrote.
        Ok(Scalar::Other(format!("{v:?}")))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }
}

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
fn key_lines(text: &str) -> HashMap<&str, Vec<usize>> {
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

/// A blank ballot: every question id with its scale and text as comments.
pub fn blank(catalog: &Catalog) -> String {
    part::blank(catalog, &part::Selection::All)
}

/// A blank ballot asking `groups`: the instructions, then `intro` (lines about what this
/// ballot holds), then each group's questions with their scales and texts as comments, and
/// under each part's heading the lines `notes` gives for its set id.
fn write_blank(
    groups: &[Group],
    intro: &[String],
    notes: &dyn Fn(&str) -> Vec<String>,
    hand_in: &str,
) -> String {
    let mut out = String::new();
    out.push_str(
        "# DevOps Checkpoint ballot\n\
         #\n\
         # 1. Write your name after `participant:`.\n\
         # 2. Answer each question with a number from its scale, or n/a when you do not know or\n\
         #    it does not apply. When there is no data, make your best guess. Leave an answer\n\
         #    blank to skip the question.\n\
         # 3. Add notes for the facilitator under `notes:` as `<question id>: <text>`. Put a note\n\
         #    in double quotes when it holds `: ` or ` #`, or starts with one of\n\
         #    - ? : , [ ] { } # & * ! | > ' \" % @ `\n\
         #    as in  dora.lead-time: \"Counted from merge: not from push\"  (\\\" for a quote inside).\n",
    );
    let _ = writeln!(out, "# 4. {hand_in}");
    if !intro.is_empty() {
        out.push_str("#\n");
        for line in intro {
            let mut wrapped = String::new();
            comment(&mut wrapped, line);
            // The intro is at the top level, not under `votes:`.
            out.extend(wrapped.lines().map(|l| format!("{}\n", l.trim_start())));
        }
    }
    out.push_str("\nparticipant: \"\"\n\nvotes:\n");
    let mut part = "";
    for group in groups {
        if group.part != part {
            part = group.part;
            let _ = writeln!(out, "\n  # ==== {part} ====");
            for note in notes(group.set) {
                comment(&mut out, &note);
            }
        }
        if !group.title.is_empty() {
            let _ = writeln!(out, "\n  # ---- {} ----", group.title);
        }
        // One scale for the whole group is said once, above it.
        let scale_line = |q: &Question| {
            let labels = q.scale_labels();
            let pairs: Vec<String> = q
                .scale()
                .values()
                .zip(&labels)
                .map(|(v, l)| format!("{v} = {l}"))
                .collect();
            pairs.join(", ")
        };
        let shared = match group.questions.split_first() {
            Some((first, rest)) if first.kind != Kind::Choice => {
                let line = scale_line(first);
                rest.iter().all(|q| scale_line(q) == line).then_some(line)
            }
            _ => None,
        };
        if let Some(line) = &shared {
            comment(&mut out, &format!("Answer each with {line}, or n/a."));
        }
        for q in &group.questions {
            out.push('\n');
            let scale = format!("[{} {}]", q.kind.name(), q.scale());
            match &q.title {
                Some(title) => {
                    comment(&mut out, &format!("{title} {scale}"));
                    comment(&mut out, &q.text);
                }
                None => comment(&mut out, &format!("{} {scale}", q.text)),
            }
            if !q.examples.is_empty() {
                comment(&mut out, &format!("Examples: {}.", q.examples.join(", ")));
            }
            for tip in &q.tips {
                comment(&mut out, &format!("Tip: {tip}"));
            }
            if q.kind == Kind::Choice {
                for (v, label) in q.scale().values().zip(q.scale_labels()) {
                    comment(&mut out, &format!("  {v} = {label}"));
                }
            } else if shared.is_none() {
                comment(&mut out, &scale_line(q));
            }
            let _ = writeln!(out, "  {}:", q.id);
        }
    }
    let example = match groups.first().and_then(|g| g.questions.first()) {
        Some(q) if q.kind == Kind::Choice => {
            format!("{}: We guessed; nobody tracks this yet.", q.id)
        }
        Some(q) => format!("{}: A note for the facilitator.", q.id),
        None => "<question id>: A note for the facilitator.".to_string(),
    };
    let _ = write!(out, "\nnotes:\n  # {example}\n");
    out
}

/// Writes `text` as `  # ` comment lines wrapped at about 96 columns.
fn comment(out: &mut String, text: &str) {
    let indent: String = text.chars().take_while(|c| *c == ' ').collect();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + word.len() + 1 > 90 {
            let _ = writeln!(out, "  # {indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = writeln!(out, "  # {indent}{line}");
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

#[cfg(test)]
mod tests;
