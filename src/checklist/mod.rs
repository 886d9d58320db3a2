//! The workshop's content: checklist sets loaded from YAML (built in, from the config directory,
//! or from `--checklists` directories), validated, and merged into one [`Catalog`].

mod benchmarks;
mod error;
mod lookup;
mod model;
mod models;
mod validate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use benchmarks::{ALL, Benchmarks, Cohort, DoraModel, Stat};

pub use error::{LoadError, Problem};
pub use model::{
    Benchmark, BenchmarkLevel, Capability, Column, Kind, Kit, KitMetric, KitStep, MAX_OPTIONS,
    Phase, PhaseColumn, Question, Scale, Section, SetFile,
};
pub use validate::{check_id, locate_id};

/// The checklists shipped inside the binary, in the order they are merged.
const BUILTIN: [(&str, &str); 6] = [
    ("dora.yaml", include_str!("../../checklists/dora.yaml")),
    (
        "dora-2025.yaml",
        include_str!("../../checklists/dora-2025.yaml"),
    ),
    (
        "capabilities.yaml",
        include_str!("../../checklists/capabilities.yaml"),
    ),
    (
        "baseline.yaml",
        include_str!("../../checklists/baseline.yaml"),
    ),
    ("phases.yaml", include_str!("../../checklists/phases.yaml")),
    ("kits.yaml", include_str!("../../checklists/kits.yaml")),
];

/// The text of one checklist file and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    /// A path, or `checklists/NAME (built in)` for the embedded files.
    pub name: String,
    pub text: String,
    /// Where it was found: 0 built in, 1 the config directory, 2.. each `--checklists`
    /// directory. A set replaces a set of the same id from an earlier layer; two sets with one
    /// id in the same layer are an error.
    pub layer: usize,
}

impl Source {
    /// The built-in checklist files.
    pub fn builtin() -> Vec<Source> {
        BUILTIN
            .iter()
            .map(|(name, text)| Source {
                name: format!("checklists/{name} (built in)"),
                text: (*text).to_string(),
                layer: 0,
            })
            .collect()
    }

    /// Every `*.yaml` / `*.yml` file in `dir`, sorted by name, in `layer`.
    pub fn from_dir(dir: &Path, layer: usize) -> Result<Vec<Source>, LoadError> {
        let read_err = |error| LoadError::Read {
            file: dir.display().to_string(),
            error: crate::limits::ReadError::Io(error),
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|path| {
                let name = path.display().to_string();
                match crate::limits::read_capped(&path, crate::limits::MAX_CHECKLIST_BYTES) {
                    Ok(text) => Ok(Source { name, text, layer }),
                    Err(error) => Err(LoadError::Read { file: name, error }),
                }
            })
            .collect()
    }
}

/// Checklist text folded onto one line: YAML's folded and literal blocks keep newlines and
/// runs of spaces that a table row or a list item cannot hold.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the user's own checklists live: `<config dir>/devops-checkpoint/checklists`.
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("devops-checkpoint").join("checklists"))
}

/// Loads the built-in checklists, then the config directory's (when it exists), then `dirs`.
pub fn load(dirs: &[PathBuf]) -> Result<Catalog, Vec<LoadError>> {
    let mut sources = Source::builtin();
    let mut errors = Vec::new();
    let config = config_dir().filter(|d| d.is_dir());
    // Layers: 0 built in, 1 the config directory, 2.. the `--checklists` directories.
    let layered = config.iter().map(|d| (d, 1));
    let layered = layered.chain(dirs.iter().enumerate().map(|(i, d)| (d, i + 2)));
    for (dir, layer) in layered {
        match Source::from_dir(dir, layer) {
            Ok(found) => sources.extend(found),
            Err(e) => errors.push(e),
        }
    }
    match from_sources(sources) {
        Ok(catalog) if errors.is_empty() => Ok(catalog),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            Err(errors)
        }
    }
}

/// Parses and validates `sources` in order; a later set with the same id replaces an earlier one.
pub fn from_sources(sources: Vec<Source>) -> Result<Catalog, Vec<LoadError>> {
    let mut errors = Vec::new();
    let mut files: Vec<(Source, SetFile)> = Vec::new();
    for source in sources {
        match crate::yaml::from_str::<SetFile>(&source.text) {
            Ok(file) => match files.iter_mut().find(|(_, f)| f.id == file.id) {
                Some((earlier, _)) if earlier.layer == source.layer => {
                    let at = |s: &Source| match locate_id(&s.text, &file.id, 1) {
                        Some(line) => format!("{}:{line}", s.name),
                        None => s.name.clone(),
                    };
                    errors.push(LoadError::Invalid {
                        file: source.name.clone(),
                        line: locate_id(&source.text, &file.id, 1),
                        id: file.id.clone(),
                        problem: Problem::DuplicateId { first: at(earlier) },
                    });
                }
                Some(slot) => *slot = (source, file),
                None => files.push((source, file)),
            },
            Err(e) => errors.push(LoadError::Syntax {
                file: source.name,
                line: e.line,
                column: e.column,
                // serde names our type; say what a checklist file is instead.
                message: e.message.replace(
                    "struct SetFile",
                    "a checklist set: `kind:`, `id:`, `title:` and its content",
                ),
            }),
        }
    }
    match validate::build(files) {
        Ok(catalog) if errors.is_empty() => Ok(catalog),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            Err(errors)
        }
    }
}

/// One validated set.
#[derive(Debug, Clone)]
pub struct ChecklistSet {
    pub id: String,
    pub title: String,
    pub description: String,
    pub timebox_minutes: Option<u32>,
    /// The file it came from.
    pub source: String,
    pub body: SetBody,
}

/// What a set holds, by its kind.
#[derive(Debug, Clone)]
pub enum SetBody {
    Dora(DoraSet),
    Baseline(Vec<Section>),
    Phases(PhaseBoard),
    Capabilities(Vec<Capability>),
    Kits(Vec<Kit>),
}

/// The DORA questions and the benchmark that scores them.
#[derive(Debug, Clone)]
pub struct DoraSet {
    pub model: DoraModel,
    pub tips: Vec<String>,
    pub questions: Vec<Question>,
    /// The 2019 benchmark; a 2025 set carries the 2019 set's, whose levels the capabilities
    /// are defined on (never used to score a 2025 checkpoint).
    pub benchmark: Benchmark,
    /// The 2025 benchmarks, in a 2025 set.
    pub benchmarks: Option<Benchmarks>,
}

/// The phases × columns board of milestones.
#[derive(Debug, Clone)]
pub struct PhaseBoard {
    pub columns: Vec<Column>,
    pub phases: Vec<Phase>,
}

/// Every loaded set, with every question reachable by id.
#[derive(Debug, Clone)]
pub struct Catalog {
    sets: Vec<ChecklistSet>,
    /// Question id → its position in `questions`.
    index: HashMap<String, usize>,
    questions: Vec<Question>,
    /// The DORA model of its DORA set.
    model: DoraModel,
    /// The same catalog on the other DORA model, when one is loaded (see [`Catalog::for_model`]).
    other: Option<Arc<Catalog>>,
}

impl Catalog {
    /// The catalog of `sets` with one DORA set: no other model to switch to.
    fn single(mut sets: Vec<ChecklistSet>) -> Catalog {
        sets.sort_by_key(|s| validate::SET_KINDS.iter().position(|k| *k == s.kind()));
        let mut questions = Vec::new();
        for set in &sets {
            match &set.body {
                SetBody::Dora(d) => questions.extend(d.questions.iter().cloned()),
                SetBody::Capabilities(caps) => {
                    questions.extend(caps.iter().flat_map(|c| c.statements.iter().cloned()));
                }
                SetBody::Baseline(sections) => {
                    questions.extend(sections.iter().flat_map(|s| s.items.iter().cloned()));
                }
                SetBody::Phases(board) => {
                    questions.extend(board.phases.iter().flat_map(|p| p.milestones().cloned()));
                }
                SetBody::Kits(_) => {}
            }
        }
        let mut index = HashMap::new();
        for (i, q) in questions.iter().enumerate() {
            index.entry(q.id.clone()).or_insert(i);
        }
        let model = sets
            .iter()
            .find_map(|s| match &s.body {
                SetBody::Dora(d) => Some(d.model),
                _ => None,
            })
            .unwrap_or_default();
        Catalog {
            sets,
            index,
            questions,
            model,
            other: None,
        }
    }

    /// The built-in checklists alone.
    pub fn builtin() -> Result<Catalog, Vec<LoadError>> {
        from_sources(Source::builtin())
    }

    /// The sets, in workshop order (dora, capabilities, baseline, phases, kits).
    pub fn sets(&self) -> impl Iterator<Item = &ChecklistSet> {
        self.sets.iter()
    }

    /// Every question, in workshop order.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index.get(id).map(|&i| &self.questions[i])
    }

    /// The DORA set. Validation guarantees there is exactly one.
    pub fn dora(&self) -> &DoraSet {
        self.sets
            .iter()
            .find_map(|s| match &s.body {
                SetBody::Dora(d) => Some(d),
                _ => None,
            })
            .unwrap_or(&EMPTY_DORA)
    }

    /// The DORA benchmark.
    pub fn benchmark(&self) -> &Benchmark {
        &self.dora().benchmark
    }

    /// Every baseline section, across baseline sets.
    pub fn sections(&self) -> impl Iterator<Item = &Section> {
        self.sets.iter().flat_map(|s| match &s.body {
            SetBody::Baseline(sections) => sections.as_slice(),
            _ => &[],
        })
    }

    /// The phases board, if a phases set is loaded.
    pub fn board(&self) -> Option<&PhaseBoard> {
        self.sets.iter().find_map(|s| match &s.body {
            SetBody::Phases(b) => Some(b),
            _ => None,
        })
    }

    /// Every capability, in catalog order.
    pub fn capabilities(&self) -> impl Iterator<Item = &Capability> {
        self.sets.iter().flat_map(|s| match &s.body {
            SetBody::Capabilities(caps) => caps.as_slice(),
            _ => &[],
        })
    }

    /// The capability with this id.
    pub fn capability(&self, id: &str) -> Option<&Capability> {
        self.capabilities().find(|c| c.id == id)
    }

    /// Every execution kit.
    pub fn kits(&self) -> impl Iterator<Item = &Kit> {
        self.sets.iter().flat_map(|s| match &s.body {
            SetBody::Kits(kits) => kits.as_slice(),
            _ => &[],
        })
    }
}

impl ChecklistSet {
    /// The set's kind as written in YAML.
    pub fn kind(&self) -> &'static str {
        match self.body {
            SetBody::Dora(_) => "dora",
            SetBody::Baseline(_) => "baseline",
            SetBody::Phases(_) => "phases",
            SetBody::Capabilities(_) => "capabilities",
            SetBody::Kits(_) => "kits",
        }
    }
}

/// Stands in for the DORA set of a catalog that failed validation; never seen by callers.
static EMPTY_DORA: DoraSet = DoraSet {
    model: DoraModel::V2019,
    tips: Vec::new(),
    questions: Vec::new(),
    benchmark: Benchmark {
        source: String::new(),
        mean: 0.0,
        sd: 1.0,
        levels: Vec::new(),
    },
    benchmarks: None,
};

/// A heading and the questions under it, as the workshop walks through them.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    /// The set's id.
    pub set: &'a str,
    /// The part: the set's title.
    pub part: &'a str,
    /// The section, capability or phase and column, empty for the DORA questions.
    pub title: String,
    pub questions: Vec<&'a Question>,
}

impl Catalog {
    /// Every question grouped under its part and heading, in workshop order.
    pub fn groups(&self) -> Vec<Group<'_>> {
        let mut groups = Vec::new();
        for set in &self.sets {
            let part = set.title.as_str();
            let id = set.id.as_str();
            match &set.body {
                SetBody::Dora(d) => groups.push(Group {
                    set: id,
                    part,
                    title: String::new(),
                    questions: d.questions.iter().collect(),
                }),
                SetBody::Capabilities(caps) => groups.extend(caps.iter().map(|c| Group {
                    set: id,
                    part,
                    title: c.name.clone(),
                    questions: c.statements.iter().collect(),
                })),
                SetBody::Baseline(sections) => groups.extend(sections.iter().map(|s| Group {
                    set: id,
                    part,
                    title: s.title.clone(),
                    questions: s.items.iter().collect(),
                })),
                SetBody::Phases(board) => {
                    for phase in &board.phases {
                        for col in &board.columns {
                            let questions: Vec<&Question> = phase
                                .columns
                                .iter()
                                .filter(|pc| pc.column == col.id)
                                .flat_map(PhaseColumn::milestones)
                                .collect();
                            if !questions.is_empty() {
                                let title = format!("{}: {}", phase.title, col.title);
                                groups.push(Group {
                                    set: id,
                                    part,
                                    title,
                                    questions,
                                });
                            }
                        }
                    }
                }
                SetBody::Kits(_) => {}
            }
        }
        groups
    }
}
