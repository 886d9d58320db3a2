//! Turns parsed set files into a [`Catalog`], checking every rule of the checklist format and
//! collecting every error rather than stopping at the first.

use std::collections::HashMap;

use super::error::{LoadError, Problem};
use super::model::{Kind, Question, SetFile};
use super::{Catalog, ChecklistSet, DoraModel, DoraSet, PhaseBoard, SetBody, Source};

#[path = "validate_2025.rs"]
mod v2025;

/// The set kinds, in the order their questions are asked in the workshop.
pub const SET_KINDS: [&str; 5] = ["dora", "capabilities", "baseline", "phases", "kits"];

/// The number of options every DORA question has: the benchmark is on a 1..=6 scale.
pub(super) const DORA_OPTIONS: usize = 6;

/// Validates `files` (already merged by set id) and builds the catalog.
pub(super) fn build(files: Vec<(Source, SetFile)>) -> Result<Catalog, Vec<LoadError>> {
    let mut checker = Checker::default();
    let mut sets = Vec::new();
    let mut level_refs = Vec::new();
    let mut capability_refs = Vec::new();
    for (source, file) in files {
        checker.start(&source);
        if let Some(set) = checker.set(file, &mut level_refs, &mut capability_refs) {
            sets.push(set);
        }
    }
    let later = sets
        .iter()
        .filter(|s| matches!(&s.body, SetBody::Dora(d) if d.model == DoraModel::V2025))
        .count();
    if later > 1 {
        checker.errors.push(LoadError::Catalog(format!(
            "at most one `kind: dora` set with `model: \"2025\"` may be loaded, {later} were"
        )));
    }
    let catalog = Catalog::new(sets);
    let dora_count = catalog
        .sets()
        .filter(|s| matches!(s.body, SetBody::Dora(_)))
        .count();
    if dora_count != 1 {
        checker.errors.push(LoadError::Catalog(format!(
            "exactly one `kind: dora` set is needed, {dora_count} were loaded"
        )));
    }
    let phases_count = catalog
        .sets()
        .filter(|s| matches!(s.body, SetBody::Phases(_)))
        .count();
    if phases_count > 1 {
        checker.errors.push(LoadError::Catalog(format!(
            "at most one `kind: phases` set may be loaded, {phases_count} were"
        )));
    }
    if dora_count == 1 {
        let levels: Vec<&str> = catalog
            .benchmark()
            .levels
            .iter()
            .map(|l| l.id.as_str())
            .collect();
        for r in level_refs
            .into_iter()
            .filter(|r| !levels.contains(&r.target.as_str()))
        {
            let expected = levels.join(", ");
            checker.errors.push(r.error(Problem::UnknownLevel {
                found: r.target.clone(),
                expected,
            }));
        }
    }
    for r in capability_refs
        .into_iter()
        .filter(|r| catalog.capability(&r.target).is_none())
    {
        checker.errors.push(r.error(Problem::UnknownCapability {
            found: r.target.clone(),
        }));
    }
    if checker.errors.is_empty() {
        Ok(catalog)
    } else {
        Err(checker.errors)
    }
}

/// A reference from one item to another that can only be checked once every set is loaded.
struct Reference {
    file: String,
    line: Option<usize>,
    id: String,
    target: String,
}

impl Reference {
    fn error(&self, problem: Problem) -> LoadError {
        LoadError::Invalid {
            file: self.file.clone(),
            line: self.line,
            id: self.id.clone(),
            problem,
        }
    }
}

#[derive(Default)]
pub(super) struct Checker {
    errors: Vec<LoadError>,
    /// Every id seen so far, with where it was first defined (`file:line`).
    seen: HashMap<String, String>,
    /// How often each id has appeared in the current file, to find the line of the nth one.
    occurrences: HashMap<String, usize>,
    file: String,
    /// The lines of the current file that say `id: X`, by X, in order.
    id_lines: HashMap<String, Vec<usize>>,
}

impl Checker {
    fn start(&mut self, source: &Source) {
        self.file.clone_from(&source.name);
        self.id_lines = id_lines(&source.text);
        self.occurrences.clear();
    }

    /// The line of the `n`th `id: <id>` in the current file.
    pub(super) fn line_of(&self, id: &str, n: usize) -> Option<usize> {
        self.id_lines
            .get(id)
            .and_then(|lines| lines.get(n.saturating_sub(1)))
            .copied()
    }

    pub(super) fn report(&mut self, line: Option<usize>, id: &str, problem: Problem) {
        let file = self.file.clone();
        self.errors.push(LoadError::Invalid {
            file,
            line,
            id: id.to_string(),
            problem,
        });
    }

    fn reference(&self, line: Option<usize>, id: &str, target: &str) -> Reference {
        Reference {
            file: self.file.clone(),
            line,
            id: id.to_string(),
            target: target.to_string(),
        }
    }

    /// Registers an id: checks its form, its parent prefix and uniqueness; returns its line.
    fn node(&mut self, id: &str, parent: Option<&str>) -> Option<usize> {
        let n = self.occurrences.entry(id.to_string()).or_default();
        *n += 1;
        let n = *n;
        let line = self.line_of(id, n);
        if let Err(reason) = check_id(id, parent) {
            self.report(line, id, Problem::BadId { reason });
        } else if let Some(first) = self.seen.get(id) {
            let first = first.clone();
            self.report(line, id, Problem::DuplicateId { first });
        } else {
            let at = match line {
                Some(l) => format!("{}:{l}", self.file),
                None => self.file.clone(),
            };
            self.seen.insert(id.to_string(), at);
        }
        line
    }

    fn set(
        &mut self,
        file: SetFile,
        level_refs: &mut Vec<Reference>,
        capability_refs: &mut Vec<Reference>,
    ) -> Option<ChecklistSet> {
        let id = file.id.clone();
        let line = self.node(&id, None);
        if file.title.trim().is_empty() {
            self.report(line, &id, Problem::Empty { field: "title" });
        }
        let kind = file.kind.as_str();
        if !SET_KINDS.contains(&kind) {
            self.report(
                line,
                &id,
                Problem::UnknownSetKind {
                    found: file.kind.clone(),
                },
            );
            return None;
        }
        let place = format!("a {kind} set");
        let later = file.model == DoraModel::V2025;
        let containers = [
            ("questions", file.questions.is_some(), kind == "dora"),
            (
                "benchmark",
                file.benchmark.is_some(),
                kind == "dora" && !later,
            ),
            (
                "benchmarks",
                file.benchmarks.is_some(),
                kind == "dora" && later,
            ),
            ("model", !file.model.is_default(), kind == "dora" && later),
            ("sections", file.sections.is_some(), kind == "baseline"),
            ("columns", file.columns.is_some(), kind == "phases"),
            ("phases", file.phases.is_some(), kind == "phases"),
            (
                "capabilities",
                file.capabilities.is_some(),
                kind == "capabilities",
            ),
            ("kits", file.kits.is_some(), kind == "kits"),
        ];
        for (field, present, belongs) in containers {
            let place = place.clone();
            match (present, belongs) {
                (true, false) => self.report(line, &id, Problem::Foreign { place, field }),
                (false, true) => self.report(line, &id, Problem::Missing { place, field }),
                _ => {}
            }
        }
        let body = match kind {
            "dora" => {
                let empty = file.questions.as_ref().is_some_and(Vec::is_empty);
                self.non_empty(line, &id, empty, "questions");
                let mut questions = file.questions.unwrap_or_default();
                if later {
                    let benchmarks = file.benchmarks?;
                    for q in &mut questions {
                        self.question(q, &id, Kind::Choice, kind);
                    }
                    self.dora_2025(line, &id, &questions, &benchmarks);
                    SetBody::Dora(DoraSet {
                        model: DoraModel::V2025,
                        tips: file.tips.clone(),
                        questions,
                        // Filled in with the 2019 set's by `Catalog::new`.
                        benchmark: super::EMPTY_DORA.benchmark.clone(),
                        benchmarks: Some(benchmarks),
                    })
                } else {
                    let benchmark = file.benchmark?;
                    for q in &mut questions {
                        self.question(q, &id, Kind::Choice, kind);
                        if !q.percentages.is_empty() {
                            let place = "a 2019 DORA question".to_string();
                            let qline = self.line_of(&q.id, 1);
                            let field = "percentages";
                            self.report(qline, &q.id, Problem::Foreign { place, field });
                        }
                        if !q.options.is_empty() && q.options.len() != DORA_OPTIONS {
                            let detail = format!(
                                "a DORA question answers on {}, so it needs {DORA_OPTIONS} \
                             options; {} given",
                                Kind::Choice.scale(DORA_OPTIONS),
                                q.options.len()
                            );
                            let qline = self.line_of(&q.id, 1);
                            self.report(qline, &q.id, Problem::ScaleOutOfRange { detail });
                        }
                    }
                    self.benchmark(line, &id, &benchmark);
                    SetBody::Dora(DoraSet {
                        model: DoraModel::V2019,
                        tips: file.tips.clone(),
                        questions,
                        benchmark,
                        benchmarks: None,
                    })
                }
            }
            "baseline" => {
                let empty = file.sections.as_ref().is_some_and(Vec::is_empty);
                self.non_empty(line, &id, empty, "sections");
                let mut sections = file.sections.unwrap_or_default();
                for section in &mut sections {
                    let sline = self.node(&section.id, Some(&id));
                    self.non_empty(sline, &section.id, section.items.is_empty(), "items");
                    for q in &mut section.items {
                        self.question(q, &section.id, Kind::Level, kind);
                    }
                }
                SetBody::Baseline(sections)
            }
            "phases" => {
                let empty = file.columns.as_ref().is_some_and(Vec::is_empty);
                self.non_empty(line, &id, empty, "columns");
                let empty = file.phases.as_ref().is_some_and(Vec::is_empty);
                self.non_empty(line, &id, empty, "phases");
                let columns = file.columns.unwrap_or_default();
                let mut phases = file.phases.unwrap_or_default();
                for (i, column) in columns.iter().enumerate() {
                    if let Err(reason) = check_id(&column.id, None) {
                        self.report(line, &column.id, Problem::BadId { reason });
                    } else if columns[..i].iter().any(|c| c.id == column.id) {
                        self.report(line, &column.id, Problem::DuplicateColumn);
                    }
                }
                let column_ids: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
                for phase in &mut phases {
                    let pline = self.node(&phase.id, Some(&id));
                    for pc in &mut phase.columns {
                        if !column_ids.contains(&pc.column.as_str()) {
                            let problem = Problem::UnknownColumn {
                                found: pc.column.clone(),
                                expected: column_ids.join(", "),
                            };
                            self.report(pline, &phase.id, problem);
                        }
                        let parent = format!("{}.{}", phase.id, pc.column);
                        for q in pc.milestones.iter_mut().chain(&mut pc.tooling) {
                            self.question(q, &parent, Kind::Milestone, kind);
                        }
                    }
                    let empty = phase.milestones().next().is_none();
                    self.non_empty(pline, &phase.id, empty, "milestones");
                }
                SetBody::Phases(PhaseBoard { columns, phases })
            }
            "capabilities" => {
                let empty = file.capabilities.as_ref().is_some_and(Vec::is_empty);
                self.non_empty(line, &id, empty, "capabilities");
                let mut capabilities = file.capabilities.unwrap_or_default();
                for cap in &mut capabilities {
                    let cline = self.node(&cap.id, Some(&id));
                    level_refs.push(self.reference(cline, &cap.id, &cap.level));
                    if cap.statements.is_empty() {
                        self.report(cline, &cap.id, Problem::NoStatements);
                    }
                    for q in &mut cap.statements {
                        self.question(q, &cap.id, Kind::Likert, kind);
                    }
                }
                SetBody::Capabilities(capabilities)
            }
            _ => {
                let empty = file.kits.as_ref().is_some_and(Vec::is_empty);
                self.non_empty(line, &id, empty, "kits");
                let kits = file.kits.unwrap_or_default();
                for kit in &kits {
                    let kline = self.node(&kit.id, Some(&id));
                    if let Some(cap) = &kit.capability {
                        capability_refs.push(self.reference(kline, &kit.id, cap));
                    }
                    self.non_empty(kline, &kit.id, kit.steps.is_empty(), "steps");
                    for step in &kit.steps {
                        self.node(&step.id, Some(&kit.id));
                    }
                }
                SetBody::Kits(kits)
            }
        };
        Some(ChecklistSet {
            id,
            title: file.title,
            description: file.description,
            timebox_minutes: file.timebox_minutes,
            source: self.file.clone(),
            body,
        })
    }

    fn non_empty(&mut self, line: Option<usize>, id: &str, empty: bool, field: &'static str) {
        if empty {
            self.report(line, id, Problem::Empty { field });
        }
    }

    fn question(&mut self, q: &mut Question, parent: &str, expected: Kind, set_kind: &str) {
        let line = self.node(&q.id, Some(parent));
        q.kind = expected;
        if let Some(declared) = q.declared_kind.clone() {
            match Kind::from_name(&declared) {
                None => self.report(line, &q.id, Problem::UnknownKind { found: declared }),
                Some(found) if found != expected => {
                    let set_kind = set_kind.to_string();
                    self.report(
                        line,
                        &q.id,
                        Problem::KindMismatch {
                            found,
                            set_kind,
                            expected,
                        },
                    );
                }
                Some(_) => {}
            }
        }
        self.non_empty(line, &q.id, q.text.trim().is_empty(), "text");
        let place = format!("a {} question", expected.name());
        if expected == Kind::Choice {
            if q.options.is_empty() {
                self.report(line, &q.id, Problem::EmptyOptions);
            }
            if !q.labels.is_empty() {
                self.report(
                    line,
                    &q.id,
                    Problem::Foreign {
                        place,
                        field: "labels",
                    },
                );
            }
        } else {
            if !q.options.is_empty() {
                self.report(
                    line,
                    &q.id,
                    Problem::Foreign {
                        place,
                        field: "options",
                    },
                );
            }
            let scale = q.scale();
            if !q.labels.is_empty() && q.labels.len() != scale.len() {
                let labels = q.labels.len();
                self.report(line, &q.id, Problem::LabelCount { labels, scale });
            }
        }
    }

    fn benchmark(&mut self, line: Option<usize>, id: &str, b: &super::model::Benchmark) {
        let scale = Kind::Choice.scale(DORA_OPTIONS);
        let (lo, hi) = (f64::from(scale.min), f64::from(scale.max));
        let mut problems = Vec::new();
        if !(lo..=hi).contains(&b.mean) {
            problems.push(format!("mean {} is outside the DORA scale {scale}", b.mean));
        }
        if b.sd.is_nan() || b.sd <= 0.0 {
            problems.push(format!("sd {} must be above 0", b.sd));
        }
        if b.levels.is_empty() {
            problems.push("`levels` is empty".to_string());
        }
        let mut previous = f64::NEG_INFINITY;
        for (i, level) in b.levels.iter().enumerate() {
            let last = i + 1 == b.levels.len();
            if let Err(reason) = check_id(&level.id, None) {
                problems.push(format!("level `{}`: {reason}", level.id));
            }
            if b.levels[..i].iter().any(|l| l.id == level.id) {
                problems.push(format!("level `{}` appears twice", level.id));
            }
            if !(0.0..=100.0).contains(&level.share) {
                problems.push(format!(
                    "level `{}`: share {} is not a percentage",
                    level.id, level.share
                ));
            }
            match (level.max_score, last) {
                (Some(max), false) => {
                    if !(lo..=hi).contains(&max) {
                        problems.push(format!(
                            "scale out of range: level `{}` max_score {max} is outside {scale}",
                            level.id
                        ));
                    }
                    if max <= previous {
                        problems.push(format!(
                            "level `{}` max_score {max} must be above the previous level's",
                            level.id
                        ));
                    }
                    previous = max;
                }
                (Some(_), true) => problems.push(format!(
                    "the best level `{}` must not have a max_score",
                    level.id
                )),
                (None, false) => problems.push(format!(
                    "level `{}` needs a max_score (only the best has none)",
                    level.id
                )),
                (None, true) => {}
            }
        }
        for detail in problems {
            self.report(line, id, Problem::Benchmark { detail });
        }
    }
}

/// Checks that `id` is dot-separated kebab-case and, with a parent, is the parent plus one segment.
pub fn check_id(id: &str, parent: Option<&str>) -> Result<(), String> {
    use crate::limits::{MAX_ID_CHARS, quote};
    if crate::limits::check_id("id", id).is_err() {
        return Err(format!(
            "`{}` is longer than {MAX_ID_CHARS} characters",
            quote(id)
        ));
    }
    for segment in id.split('.') {
        let kebab = !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !segment.starts_with('-')
            && !segment.ends_with('-')
            && !segment.contains("--");
        if !kebab {
            return Err(format!(
                "`{}`: segment `{}` is not kebab-case (a-z, 0-9, single dashes)",
                quote(id),
                quote(segment)
            ));
        }
    }
    match parent {
        None if id.contains('.') => Err(format!(
            "`{}` must be a single segment (no dots)",
            quote(id)
        )),
        Some(p) => match id.strip_prefix(p).and_then(|rest| rest.strip_prefix('.')) {
            Some(rest) if !rest.contains('.') => Ok(()),
            _ => Err(format!(
                "`{}` must be `{p}.` followed by one segment",
                quote(id)
            )),
        },
        None => Ok(()),
    }
}

/// The id an `id: X` line (or `- id: X`) names, if the line is one.
fn id_on_line(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    while let Some(r) = rest.strip_prefix('-') {
        rest = r.trim_start();
    }
    let value = rest.strip_prefix("id:")?;
    let value = value.split(" #").next().unwrap_or("").trim();
    Some(value.trim_matches(|c| c == '"' || c == '\''))
}

/// Every `id: X` line of `text`, 1-based, grouped by X.
fn id_lines(text: &str) -> HashMap<String, Vec<usize>> {
    let mut lines: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(id) = id_on_line(line) {
            lines.entry(id.to_string()).or_default().push(i + 1);
        }
    }
    lines
}

/// The 1-based line of the `n`th `id: <id>` in `text`, if there is one.
pub fn locate_id(text: &str, id: &str, n: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| id_on_line(line) == Some(id))
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_segments_under_their_parent() {
        assert!(check_id("baseline", None).is_ok());
        assert!(check_id("baseline.tooling", Some("baseline")).is_ok());
        assert!(check_id("baseline.tooling.ci-cd", Some("baseline.tooling")).is_ok());
        assert!(check_id("Baseline", None).is_err());
        assert!(check_id("base_line", None).is_err());
        assert!(check_id("a..b", None).is_err());
        assert!(check_id("-a", None).is_err());
        assert!(check_id("a--b", None).is_err());
        assert!(check_id("a.b", None).is_err(), "a set id is one segment");
        assert!(
            check_id("baseline.x.y", Some("baseline")).is_err(),
            "one segment only"
        );
        assert!(
            check_id("dora.x", Some("baseline")).is_err(),
            "wrong parent"
        );
        assert!(
            check_id("baselinex.y", Some("baseline")).is_err(),
            "prefix is whole segments"
        );
    }

    #[test]
    fn locates_the_nth_id_line() {
        let text = "id: a\nitems:\n  - id: a.b\n    text: x\n  - id: \"a.b\" # again\n";
        assert_eq!(locate_id(text, "a", 1), Some(1));
        assert_eq!(locate_id(text, "a.b", 1), Some(3));
        assert_eq!(locate_id(text, "a.b", 2), Some(5));
        assert_eq!(locate_id(text, "a.b", 3), None);
    }
}
