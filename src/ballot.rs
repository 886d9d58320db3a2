//! Ballots: one participant's votes in a YAML file, for squads that vote asynchronously.
//!
//! `checkpoint ballot` writes a blank one listing every question with its scale as comments;
//! each person fills in theirs; `checkpoint import` checks them all and builds one checkpoint.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Deserialize;
use serde::de::{self, Visitor};

use crate::checklist::{Catalog, Kind, Question, Scale};
use crate::checkpoint::{Checkpoint, Vote};
use crate::location::position;
use crate::text::printable;

/// A ballot that cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum BallotError {
    #[error("{file}: cannot read: {error}")]
    Read { file: String, error: std::io::Error },
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    Shape { file: String, message: String },
    #[error("{file}: no participant: write your name, on one line, after `participant:`")]
    NoParticipant { file: String },
    #[error("{file}{}: {} is answered twice; keep one answer", position(*line, None), printable(.id))]
    DuplicateKey {
        file: String,
        line: Option<usize>,
        id: String,
    },
    #[error("{file}{}: unknown question id `{}` (`checkpoint questions` lists them)", position(*line, None), printable(.id))]
    UnknownQuestion {
        file: String,
        line: Option<usize>,
        id: String,
    },
    #[error("{file}{}: {id}: `{}` is off its scale {scale}: use a whole number from {} to {}, or \"n/a\"", position(*line, None), printable(.value), .scale.min, .scale.max)]
    OffScale {
        file: String,
        line: Option<usize>,
        id: String,
        value: String,
        scale: Scale,
    },
    #[error("{file}: participant `{}` already voted in {first}: one ballot per person", printable(.participant))]
    DuplicateParticipant {
        file: String,
        participant: String,
        first: String,
    },
}

impl BallotError {
    /// The line the error points at, when it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            BallotError::Syntax { line, .. } => Some(*line),
            BallotError::UnknownQuestion { line, .. }
            | BallotError::OffScale { line, .. }
            | BallotError::DuplicateKey { line, .. } => *line,
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

/// The 1-based line where `key:` is written in `text` for the `n`th time.
fn locate_key(text: &str, key: &str, n: usize) -> Option<usize> {
    let quoted = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let t = line.trim_start();
            quoted.iter().any(|k| {
                t.strip_prefix(k.as_str())
                    .is_some_and(|r| r.starts_with(':'))
            })
        })
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i + 1)
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
            },
            _ => BallotError::Shape { file, message },
        }]
    })?;
    let mut errors = Vec::new();
    let participant = raw.participant.unwrap_or_default().trim().to_string();
    if participant.is_empty() || crate::text::check_name(&participant).is_err() {
        errors.push(BallotError::NoParticipant {
            file: file.to_string(),
        });
    }
    // How often each key has been met so far: an error's line is that occurrence's line,
    // looked up only when there is an error (a ballot has hundreds of keys).
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut occurrence = |id: &str| {
        let n = seen.entry(id.to_string()).or_default();
        *n += 1;
        *n
    };
    let line_of = |id: &str, n: usize| locate_key(text, id, n);
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
            let note = note.map(|t| t.trim().to_string()).unwrap_or_default();
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
        match std::fs::read_to_string(path) {
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

/// Builds one checkpoint from checked ballots `(file, ballot)`; refuses two ballots by one person.
pub fn combine(
    mut checkpoint: Checkpoint,
    ballots: &[(String, Ballot)],
) -> Result<Checkpoint, Vec<BallotError>> {
    let mut errors = Vec::new();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (file, ballot) in ballots {
        let key = ballot.participant.to_lowercase();
        if let Some(first) = seen.get(&key) {
            errors.push(BallotError::DuplicateParticipant {
                file: file.clone(),
                participant: ballot.participant.clone(),
                first: (*first).to_string(),
            });
            continue;
        }
        seen.insert(key, file);
        checkpoint.participants.push(ballot.participant.clone());
        for (id, vote) in &ballot.votes {
            checkpoint.vote(id, &ballot.participant, *vote);
        }
        for (id, note) in &ballot.notes {
            let answer = checkpoint.answers.entry(id.clone()).or_default();
            if !answer.note.is_empty() {
                answer.note.push('\n');
            }
            let _ = write!(answer.note, "{}: {note}", ballot.participant);
        }
    }
    if errors.is_empty() {
        Ok(checkpoint)
    } else {
        Err(errors)
    }
}

/// A blank ballot: every question id with its scale and text as comments.
pub fn blank(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(
        "# DevOps Checkpoint ballot\n\
         #\n\
         # 1. Write your name after `participant:`.\n\
         # 2. Answer each question with a number from its scale, or n/a when you do not know or\n\
         #    it does not apply. When there is no data, make your best guess. Leave an answer\n\
         #    blank to skip the question.\n\
         # 3. Add notes for the facilitator under `notes:` as `<question id>: <text>`.\n\
         # 4. Hand the file to your facilitator, who runs\n\
         #    `checkpoint import --squad NAME ballot-*.yaml`.\n\n\
         participant: \"\"\n\nvotes:\n",
    );
    let mut part = "";
    for group in catalog.groups() {
        if group.part != part {
            part = group.part;
            let _ = writeln!(out, "\n  # ==== {part} ====");
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
        for q in group.questions {
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
    out.push_str("\nnotes:\n  # dora.lead-time: We guessed; nobody tracks this yet.\n");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::builtin().expect("built-in checklists are valid")
    }

    #[test]
    fn a_blank_ballot_lists_every_question_and_parses_as_empty() {
        let catalog = catalog();
        let text = blank(&catalog);
        for q in catalog.questions() {
            assert!(
                text.contains(&format!("\n  {}:\n", q.id)),
                "{} missing",
                q.id
            );
        }
        let filled = text.replace("participant: \"\"", "participant: Ana");
        let ballot = parse("b.yaml", &filled, &catalog).unwrap();
        assert_eq!(ballot.participant, "Ana");
        assert!(ballot.votes.is_empty());
    }

    #[test]
    fn a_filled_ballot_gives_votes_and_notes() {
        let text = "participant: Ana\nvotes:\n  dora.lead-time: 5\n  dora.deploy-frequency: n/a\n\
                    notes:\n  dora.lead-time: guessed\n";
        let b = parse("b.yaml", text, &catalog()).unwrap();
        assert_eq!(b.votes["dora.lead-time"], Vote::Value(5));
        assert_eq!(b.votes["dora.deploy-frequency"], Vote::NotApplicable);
        assert_eq!(b.notes["dora.lead-time"], "guessed");
    }

    #[test]
    fn off_scale_and_unknown_ids_are_named_with_their_line() {
        let text = "participant: Ana\nvotes:\n  dora.lead-time: 7\n  dora.nope: 1\n  \
                    baseline.culture.safety: high\n";
        let errors = parse("b.yaml", text, &catalog()).unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(messages.contains(&"b.yaml:3: dora.lead-time: `7` is off its scale 1-6: use a whole number from 1 to 6, or \"n/a\"".to_string()), "{messages:?}");
        assert!(
            messages.contains(
                &"b.yaml:4: unknown question id `dora.nope` (`checkpoint questions` lists them)"
                    .to_string()
            ),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("b.yaml:5: baseline.culture.safety: `high`")),
            "{messages:?}"
        );
    }

    #[test]
    fn an_answer_given_twice_is_an_error_at_its_second_line() {
        let text = "participant: Ana\nvotes:\n  dora.lead-time: 5\n  dora.lead-time: 6\n";
        let errors = parse("b.yaml", text, &catalog()).unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            ["b.yaml:4: dora.lead-time is answered twice; keep one answer"]
        );
    }

    #[test]
    fn values_are_read_as_a_person_means_them() {
        let catalog = catalog();
        let text =
            "participant: Ana\nvotes:\n  dora.lead-time: \"5\"\n  dora.deploy-frequency: NA\n";
        let b = parse("b.yaml", text, &catalog).unwrap();
        assert_eq!(b.votes["dora.lead-time"], Vote::Value(5));
        assert_eq!(b.votes["dora.deploy-frequency"], Vote::NotApplicable);
        let text = "participant: Ana\nvotes:\n  dora.lead-time: 5.0\n";
        let errors = parse("b.yaml", text, &catalog).unwrap_err();
        assert!(
            errors[0].to_string().contains("`5.0` is off its scale 1-6"),
            "{}",
            errors[0]
        );
        let errors = parse("b.yaml", "- a\n- b\n", &catalog).unwrap_err();
        assert!(
            !errors[0].to_string().contains("RawBallot"),
            "{}",
            errors[0]
        );
        let errors = parse("b.yaml", "participant: \"A\\nB\"\n", &catalog).unwrap_err();
        assert!(
            matches!(errors[0], BallotError::NoParticipant { .. }),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn one_ballot_per_participant() {
        let catalog = catalog();
        let ana = parse("a.yaml", "participant: Ana\n", &catalog).unwrap();
        let again = parse("b.yaml", "participant: ana\n", &catalog).unwrap();
        let base = Checkpoint::new("S", jiff::civil::date(2026, 1, 1));
        let ballots = vec![("a.yaml".to_string(), ana), ("b.yaml".to_string(), again)];
        let errors = combine(base, &ballots).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "b.yaml: participant `ana` already voted in a.yaml: one ballot per person"
        );
    }
}
