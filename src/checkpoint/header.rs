//! The top of a checkpoint file, read without the rest: listing a store of 10,000 checkpoints
//! reads a few kilobytes of each file rather than parsing every vote.
//!
//! TOML puts a document's top-level keys (`format`, `squad`, `date`, ...) before its first
//! `[table]`, so the header is the text up to the first table line. A line starting with `[` may
//! also sit inside a multi-line string or array; a prefix cut there does not parse, so the next
//! such line is tried. A prefix that parses is the real header, whatever follows it.
//!
//! [`to_text`](super::to_text) also writes a one-line summary comment first
//! (`# summary = { level = "High", dora = "…" }`), the level `checkpoint list` shows. It is a
//! cache, rewritten on every save and never read for scores: the answers stay the truth. It is a
//! comment so that every build that reads format 1 still reads the file.

use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::error::{CheckpointError, syntax};
use super::{Checkpoint, FORMAT, Mode};
use crate::checklist::Catalog;

/// How much is read at a time while looking for the end of the header.
const CHUNK: usize = 1024;

/// A header longer than this is read with the whole file (a hand-made file, or no checkpoint).
const CAP: usize = 64 * 1024;

/// The summary comment's start.
const MARK: &str = "# summary = ";

/// A checkpoint's top-level keys: who, when and how, without the answers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Header {
    pub format: u32,
    pub squad: String,
    #[serde(default)]
    pub tribe: String,
    #[serde(default)]
    pub facilitator: String,
    #[serde(with = "super::toml_date")]
    pub date: jiff::civil::Date,
    #[serde(default)]
    pub mode: Mode,
    /// The DORA model; absent means 2019.
    #[serde(default)]
    pub dora: crate::checklist::DoraModel,
    /// The summary the last save wrote, if any (a cache; see the module's documentation).
    #[serde(skip)]
    pub summary: Option<Summary>,
}

/// What a save noted about the checkpoint for `checkpoint list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The level as `checkpoint list` shows it: `High`, `(3/4 DORA)` or `–`.
    pub level: String,
    /// The [`fingerprint`] of the DORA questions and benchmark it was computed with.
    pub dora: String,
}

impl Summary {
    /// The cached level, when it was computed with the same DORA set as `catalog`'s.
    pub fn level_for(&self, catalog: &Catalog) -> Option<&str> {
        (self.dora == fingerprint(catalog)).then_some(self.level.as_str())
    }
}

/// Reads the header of the checkpoint file at `path`, refusing a newer format as
/// [`load`](super::load) does. Only the header's text is read, unless it is longer than 64 KB.
pub fn read_header(path: &Path) -> Result<Header, CheckpointError> {
    #[cfg(test)]
    HEADER_READS.with(|n| n.set(n.get() + 1));
    let read_err = |error| CheckpointError::Read {
        path: path.to_path_buf(),
        error,
    };
    let mut file = std::fs::File::open(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    // Where the next line starts that has not been looked at yet.
    let mut scanned = 0;
    loop {
        let got = read_some(&mut file, &mut bytes).map_err(read_err)?;
        let end = if got == 0 {
            bytes.len()
        } else {
            bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
        };
        while let Some(cut) = next_table_line(&bytes[..end], scanned) {
            scanned = cut + 1;
            // A cut inside a multi-line string or array does not parse: try the next one.
            if let Ok(text) = std::str::from_utf8(&bytes[..cut])
                && let Ok(table) = toml::from_str::<toml::Table>(text)
            {
                return header_of(path, text, table);
            }
        }
        scanned = scanned.max(end);
        if got == 0 || bytes.len() > CAP {
            file.read_to_end(&mut bytes).map_err(read_err)?;
            let text = String::from_utf8(bytes)
                .map_err(|e| read_err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
            return parse_header(path, &text);
        }
    }
}

#[cfg(test)]
thread_local! {
    /// How many headers this thread read, for tests of what opens what.
    pub(crate) static HEADER_READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Appends up to [`CHUNK`] bytes from `file` to `bytes` with one read; 0 at the end.
fn read_some(file: &mut std::fs::File, bytes: &mut Vec<u8>) -> std::io::Result<usize> {
    let start = bytes.len();
    bytes.resize(start + CHUNK, 0);
    let got = loop {
        match file.read(&mut bytes[start..]) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => break other,
        }
    };
    bytes.truncate(start + *got.as_ref().unwrap_or(&0));
    got
}

/// The start of the first line at or after `from` whose first non-blank character is `[`.
fn next_table_line(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        let line_end = bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| at + i);
        let first = bytes[at..line_end]
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t'));
        if first == Some(&b'[') {
            return Some(at);
        }
        at = line_end + 1;
    }
    None
}

/// Parses the header of a whole checkpoint text (`path` names it in errors).
pub fn parse_header(path: &Path, text: &str) -> Result<Header, CheckpointError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| syntax(path, text, &e))?;
    header_of(path, text, table)
}

/// The header in the top-level keys of a parsed prefix (`text`, for the summary comment).
fn header_of(path: &Path, text: &str, mut table: toml::Table) -> Result<Header, CheckpointError> {
    let invalid = |message: String| CheckpointError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    match table.get("format") {
        Some(toml::Value::Integer(found)) if *found > i64::from(FORMAT) => {
            return Err(CheckpointError::FutureFormat {
                path: path.to_path_buf(),
                found: *found,
            });
        }
        Some(toml::Value::Integer(found)) if *found >= 1 => {}
        Some(other) => {
            return Err(invalid(format!(
                "`format` must be a format number this build reads (1 to {FORMAT}), not {other}"
            )));
        }
        None => {
            return Err(invalid(
                "no `format = N` line: this does not look like a checkpoint file".to_string(),
            ));
        }
    }
    // Only the header's keys: a long list of participants need not be copied.
    table.retain(|k, _| {
        matches!(
            k,
            "format" | "squad" | "tribe" | "facilitator" | "date" | "mode"
        )
    });
    let mut header: Header = table
        .try_into()
        .map_err(|e: toml::de::Error| invalid(e.message().trim().to_string()))?;
    header.summary = text
        .lines()
        .find_map(|l| l.strip_prefix("# ").filter(|_| l.starts_with(MARK)))
        .and_then(|l| toml::from_str::<Wrapped>(l).ok())
        .map(|w| w.summary);
    Ok(header)
}

#[derive(Deserialize, Serialize)]
struct Wrapped {
    summary: Summary,
}

/// The summary comment for `checkpoint`, as the first line [`to_text`](super::to_text) writes;
/// empty when the built-in checklists cannot be loaded (then `list` reads the whole file).
pub fn summary_line(checkpoint: &Checkpoint) -> String {
    let Some(catalog) = builtin() else {
        return String::new();
    };
    let level = level_text(catalog, checkpoint).replace(['\n', '\r'], " ");
    let mut line = String::from(MARK);
    let level = toml::Value::String(level).to_string();
    let dora = fingerprint(catalog.for_model(checkpoint.dora));
    let dora = toml::Value::String(dora).to_string();
    line.push_str(&format!("{{ level = {level}, dora = {dora} }}\n"));
    line
}

/// The built-in checklists, loaded once, to compute the summary a save writes.
fn builtin() -> Option<&'static Catalog> {
    static BUILTIN: OnceLock<Option<Catalog>> = OnceLock::new();
    BUILTIN.get_or_init(|| Catalog::builtin().ok()).as_ref()
}

/// The level as `checkpoint list` shows it: the DORA level's name once every DORA question has
/// a value, `(answered/questions DORA)` before, `–` without any; on the 2025 model the overall
/// score, `7.2/10 (DORA 2025)`, or `(3/5 DORA 2025)` before. Votes not revealed yet do not
/// count, as on the shared screen and in the summary.
pub fn level_text(catalog: &Catalog, checkpoint: &Checkpoint) -> String {
    let catalog = catalog.for_model(checkpoint.dora);
    let questions = &catalog.dora().questions;
    let held = questions.iter().any(|q| {
        checkpoint
            .answer(&q.id)
            .is_some_and(|a| !a.votes.is_empty())
            && !checkpoint.is_revealed(&q.id)
    });
    // A save computes this: while votes are hidden, a copy of the DORA answers alone is made
    // to leave them out, not of the whole checkpoint.
    let small;
    let checkpoint = if held {
        let dora = checkpoint.answers_only(questions.iter().map(|q| q.id.as_str()));
        small = dora.revealed_only().0.into_owned();
        &small
    } else {
        checkpoint
    };
    let dora = crate::assessment::dora_result(catalog, checkpoint);
    if let Some(q) = &dora.quick_check {
        let model = checkpoint.dora;
        return match q.overall.score {
            Some(s) if q.complete => format!("{}/10 (DORA {model})", crate::number::fixed(s, 1)),
            Some(_) => format!("({}/{} DORA {model})", dora.answered, dora.questions.len()),
            None => "–".to_string(),
        };
    }
    match (dora.level, dora.score) {
        (Some(l), _) => l.name.to_string(),
        (None, Some(_)) => format!("({}/{} DORA)", dora.answered, dora.questions.len()),
        (None, None) => "–".to_string(),
    }
}

/// A short, stable name for `catalog`'s DORA questions and benchmark: a summary computed with
/// other ones is not used.
pub fn fingerprint(catalog: &Catalog) -> String {
    let dora = catalog.dora();
    let text = serde_json::to_string(&(&dora.questions, &dora.benchmark)).unwrap_or_default();
    // FNV-1a, 64 bits: stable across builds, unlike std's hasher.
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::{Vote, save};

    const TOP: &str = "format = 1\nsquad = \"Kilo\"\ndate = 2026-03-01\nmode = \"solo\"\n";

    fn header(text: &str) -> Result<Header, CheckpointError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, text).unwrap();
        read_header(&path)
    }

    #[test]
    fn a_body_corrupt_past_the_header_still_has_its_header() {
        let text = format!(
            "{TOP}\n[answers.\"dora.lead-time\".votes]\nAna = \"\n{}",
            "x".repeat(20_000)
        );
        let h = header(&text).unwrap();
        assert_eq!(h.squad, "Kilo");
        assert_eq!(h.date, jiff::civil::date(2026, 3, 1));
        assert_eq!(h.mode, Mode::Solo);
        assert!(crate::checkpoint::store::parse(Path::new("c.toml"), &text).is_err());
    }

    #[test]
    fn a_table_line_inside_a_string_or_array_does_not_end_the_header() {
        let text = "format = 1\ntribe = \"\"\"\n[not a table]\n\"\"\"\nparticipants = [\n[\"odd\"],\n]\n\
                    squad = \"Kilo\"\ndate = 2026-03-01\n\n[session]\npart = \"dora\"\n";
        let h = header(text).unwrap();
        assert_eq!(h.tribe, "[not a table]\n");
        assert_eq!(h.squad, "Kilo");
    }

    #[test]
    fn a_file_without_tables_or_with_a_long_header_is_read_whole() {
        assert_eq!(header(TOP).unwrap().squad, "Kilo");
        let long = format!(
            "{TOP}facilitator = \"{}\"\n[session]\npart = \"x\"\n",
            "f".repeat(100_000)
        );
        assert_eq!(header(&long).unwrap().facilitator.len(), 100_000);
    }

    #[test]
    fn a_newer_format_or_a_corrupt_header_is_an_error_naming_the_file() {
        let future = header("format = 2\nsquad = \"X\"\ndate = 2030-01-01\n[hologram]\n");
        assert!(matches!(
            future,
            Err(CheckpointError::FutureFormat { found: 2, .. })
        ));
        let err = header("format = 1\nsquad = \"X\ndate = 2030-01-01\n[session]\n").unwrap_err();
        assert!(
            matches!(err, CheckpointError::Syntax { line: Some(2), .. }),
            "{err}"
        );
        assert!(err.to_string().contains("c.toml:2:"), "{err}");
        let none = header("squad = \"X\"\n[session]\n").unwrap_err();
        assert!(
            none.to_string().contains("does not look like a checkpoint"),
            "{none}"
        );
        let missing = header("format = 1\ndate = 2030-01-01\n[session]\n").unwrap_err();
        assert!(missing.to_string().contains("squad"), "{missing}");
    }

    #[test]
    fn a_save_writes_the_level_list_shows_and_a_load_ignores_it() {
        let catalog = Catalog::builtin().unwrap();
        let mut c = Checkpoint::new("Kilo", jiff::civil::date(2026, 3, 1));
        c.participants = vec!["Ana".into()];
        for q in &catalog.dora().questions {
            c.vote(&q.id, "Ana", Vote::Value(4));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kilo.toml");
        save(&path, &c).unwrap();
        let h = read_header(&path).unwrap();
        let summary = h.summary.unwrap();
        assert_eq!(
            summary.level_for(&catalog),
            Some(level_text(&catalog, &c).as_str())
        );
        assert_eq!(summary.level, "Medium");
        assert_eq!(crate::checkpoint::load(&path).unwrap(), c);
        // Computed with other DORA questions, the cache is not used.
        let other = Summary {
            dora: "0".repeat(16),
            ..summary
        };
        assert_eq!(other.level_for(&catalog), None);
        // One more participant who has not voted: what was shown stays shown.
        c.add_participant("Ben").unwrap();
        assert_eq!(level_text(&catalog, &c), "Medium");
        // Votes still hidden do not count.
        let lead = &catalog.dora().questions[0].id;
        c.set_revealed(lead, false);
        assert_eq!(level_text(&catalog, &c), "(3/4 DORA)");
    }
}
