//! Targets: where a tribe or a squad aims to be, in a small YAML file at the top of a store
//! (`targets.yaml`), read by `checkpoint report` and the results screen.
//!
//! ```yaml
//! tribes:
//!   Payments:
//!     phase: 2                # the phase its squads aim to reach
//!     baseline:
//!       tooling: Intermediate # a level name, or 0..3
//! squads:
//!   Partner Tooling:          # a squad's own target wins over its tribe's, key by key
//!     phase: 3
//!     baseline:
//!       culture: 3
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::checklist::{Catalog, Kind};

/// The file a store keeps its targets in.
pub const FILE: &str = "targets.yaml";

/// One squad's target: the phase to reach, and a level per baseline section (by section id).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Target {
    pub phase: Option<usize>,
    pub sections: BTreeMap<String, f64>,
}

impl Target {
    pub fn is_empty(&self) -> bool {
        self.phase.is_none() && self.sections.is_empty()
    }

    /// Whether a baseline section's score meets its target, compared at the precision shown
    /// (one decimal); `None` without a target for it or without a score.
    pub fn section_met(&self, id: &str, score: Option<f64>) -> Option<bool> {
        let target = self.sections.get(id)?;
        let score = score?;
        let steps = |v: f64| crate::number::steps(v, 1).unwrap_or(0);
        Some(steps(score) >= steps(*target))
    }

    /// Whether a squad that reached `reached` phases meets its target phase; `None` without one.
    pub fn phase_met(&self, reached: usize) -> Option<bool> {
        self.phase.map(|p| reached >= p)
    }

    /// `other`'s keys over this one's.
    fn overlaid(&self, other: &Target) -> Target {
        let mut sections = self.sections.clone();
        sections.extend(other.sections.iter().map(|(k, v)| (k.clone(), *v)));
        Target {
            phase: other.phase.or(self.phase),
            sections,
        }
    }
}

/// Every store's targets, by tribe and by squad (names compared without case).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets {
    tribes: BTreeMap<String, Target>,
    squads: BTreeMap<String, Target>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    tribes: BTreeMap<String, RawTarget>,
    #[serde(default)]
    squads: BTreeMap<String, RawTarget>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    phase: Option<i64>,
    #[serde(default)]
    baseline: BTreeMap<String, RawLevel>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawLevel {
    Number(f64),
    Name(String),
}

impl Targets {
    /// The target of `squad` of `tribe`: the tribe's, with the squad's own over it.
    pub fn for_squad(&self, squad: &str, tribe: &str) -> Target {
        let key = |s: &str| s.trim().to_lowercase();
        let base = self.tribes.get(&key(tribe)).cloned().unwrap_or_default();
        match self.squads.get(&key(squad)) {
            Some(own) => base.overlaid(own),
            None => base,
        }
    }

    /// Reads `targets.yaml` of each store that has one. Every problem is listed as
    /// `file:line: problem`; nothing is read when there is one.
    pub fn load(dirs: &[PathBuf], catalog: &Catalog) -> Result<Targets, Vec<String>> {
        let mut targets = Targets::default();
        let mut problems = Vec::new();
        for dir in dirs {
            let path = dir.join(FILE);
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    problems.push(format!("{}: cannot be read: {e}", path.display()));
                    continue;
                }
            };
            match parse(&path, &text, catalog) {
                Ok(more) => {
                    targets.tribes.extend(more.tribes);
                    targets.squads.extend(more.squads);
                }
                Err(mut more) => problems.append(&mut more),
            }
        }
        if problems.is_empty() {
            Ok(targets)
        } else {
            Err(problems)
        }
    }
}

/// The target of `checkpoint`'s squad in the store at `dir` (its tribe from its header, else
/// from its folder, as the report finds it); the first problem of the store's targets file
/// when it has any.
pub fn of_checkpoint(
    dir: &Path,
    catalog: &Catalog,
    checkpoint: &crate::checkpoint::Checkpoint,
    path: Option<&Path>,
) -> Result<Target, String> {
    let targets = Targets::load(&[dir.to_path_buf()], catalog)
        .map_err(|problems| problems.into_iter().next().unwrap_or_default())?;
    let tribe = match path {
        Some(path) => super::tribe_of(&checkpoint.tribe, dir, path),
        None => checkpoint.tribe.trim().to_string(),
    };
    Ok(targets.for_squad(&checkpoint.squad, &tribe))
}

/// Parses one targets file; `path` names it in the problems.
pub fn parse(path: &Path, text: &str, catalog: &Catalog) -> Result<Targets, Vec<String>> {
    let at = |line: Option<usize>| match line {
        Some(line) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    };
    let raw: RawFile = crate::yaml::from_str(text).map_err(|e| {
        let place = match e.line {
            Some(_) => format!("{}:{e}", path.display()),
            None => format!("{}: {}", path.display(), e.message),
        };
        vec![format!(
            "{place} (expected `tribes:` and `squads:`, each name with `phase:` and `baseline:`)"
        )]
    })?;
    let phases = catalog.board().map_or(0, |b| b.phases.len());
    let sections: Vec<&str> = catalog.sections().map(|s| s.id.as_str()).collect();
    let levels = Kind::Level.default_labels();
    let mut problems = Vec::new();
    let mut check = |who: &str, raw: &RawTarget| -> Target {
        let mut target = Target::default();
        let line = line_of(text, who, 0);
        match raw.phase {
            Some(p) if (1..=phases as i64).contains(&p) => target.phase = usize::try_from(p).ok(),
            Some(p) => problems.push(format!(
                "{}: {who}: phase {p} is not a phase; expected 1 to {phases}",
                at(line_of(text, "phase", line.unwrap_or(0)).or(line))
            )),
            None => {}
        }
        for (key, level) in &raw.baseline {
            let here = at(line_of(text, key, line.unwrap_or(0)).or(line));
            let Some(id) = sections
                .iter()
                .find(|id| **id == key || id.rsplit('.').next() == Some(key.as_str()))
            else {
                let known: Vec<&str> = sections
                    .iter()
                    .map(|id| id.rsplit('.').next().unwrap_or(id))
                    .collect();
                problems.push(format!(
                    "{here}: {who}: no baseline section `{key}`; expected one of {}",
                    known.join(", ")
                ));
                continue;
            };
            let value = match level {
                RawLevel::Number(n) if (0.0..=3.0).contains(n) => Some(*n),
                RawLevel::Name(name) => levels
                    .iter()
                    .position(|l| l.eq_ignore_ascii_case(name.trim()))
                    .map(|i| i as f64),
                RawLevel::Number(_) => None,
            };
            match value {
                Some(v) => {
                    target.sections.insert(id.to_string(), v);
                }
                None => problems.push(format!(
                    "{here}: {who}: `{key}` needs a level from 0 to 3 or one of {}",
                    levels.join(", ")
                )),
            }
        }
        target
    };
    let mut targets = Targets::default();
    for (name, raw) in &raw.tribes {
        let target = check(name, raw);
        targets.tribes.insert(name.trim().to_lowercase(), target);
    }
    for (name, raw) in &raw.squads {
        let target = check(name, raw);
        targets.squads.insert(name.trim().to_lowercase(), target);
    }
    if problems.is_empty() {
        Ok(targets)
    } else {
        Err(problems)
    }
}

/// The 1-based line of the first `key:` at or after line `from` (1-based; 0 for the start),
/// quoted or not.
fn line_of(text: &str, key: &str, from: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, line)| {
            let line = line.trim_start();
            let unquoted = line.trim_start_matches(['"', '\'']);
            unquoted
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches(['"', '\'']).starts_with(':'))
        })
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::builtin().unwrap()
    }

    #[test]
    fn a_squads_target_wins_over_its_tribes_key_by_key() {
        let text = "tribes:\n  Payments:\n    phase: 2\n    baseline:\n      tooling: Intermediate\n      culture: 1\nsquads:\n  Partner Tooling:\n    baseline:\n      culture: Advanced\n";
        let t = parse(Path::new("targets.yaml"), text, &catalog()).unwrap();
        let target = t.for_squad("partner tooling", "PAYMENTS");
        assert_eq!(target.phase, Some(2));
        assert_eq!(target.sections["baseline.tooling"], 2.0);
        assert_eq!(target.sections["baseline.culture"], 3.0);
        assert!(t.for_squad("Other", "Elsewhere").is_empty());
    }

    #[test]
    fn every_problem_names_the_file_the_line_and_what_was_expected() {
        let text = "tribes:\n  Payments:\n    phase: 9\n    baseline:\n      tooling: Expert\n      security: 2\n";
        let problems = parse(Path::new("store/targets.yaml"), text, &catalog()).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("store/targets.yaml:3: Payments: phase 9"));
        assert!(problems[0].contains("expected 1 to 3"), "{}", problems[0]);
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("store/targets.yaml:5:")
                    && p.contains("`tooling` needs a level from 0 to 3 or one of Don't have"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("store/targets.yaml:6:")
                    && p.contains("no baseline section `security`; expected one of tooling"))
        );
        let unknown = parse(
            Path::new("t.yaml"),
            "squads:\n  A:\n    phaze: 2\n",
            &catalog(),
        );
        let e = unknown.unwrap_err().join("\n");
        assert!(e.starts_with("t.yaml:3:") && e.contains("phaze"), "{e}");
    }
}
