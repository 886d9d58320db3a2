//! The checklist content as it is written in YAML: sets, sections, phases, capabilities, kits
//! and the questions inside them. `deny_unknown_fields` everywhere, so a typo is an error with
//! its line and column rather than a silently ignored field.

use serde::{Deserialize, Serialize};

/// One YAML file: a set of one kind. Which of the optional containers must be present depends on
/// `kind`; [`super::validate`] checks that and turns the file into a [`super::ChecklistSet`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetFile {
    pub kind: String,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub timebox_minutes: Option<u32>,
    /// A DORA set's model; absent means 2019.
    #[serde(default)]
    pub model: super::DoraModel,
    #[serde(default)]
    pub tips: Vec<String>,
    pub questions: Option<Vec<Question>>,
    /// The 2019 benchmark (levels and percentile).
    pub benchmark: Option<Benchmark>,
    /// The 2025 benchmarks (by industry and organisation size).
    pub benchmarks: Option<super::Benchmarks>,
    pub sections: Option<Vec<Section>>,
    pub columns: Option<Vec<Column>>,
    pub phases: Option<Vec<Phase>>,
    pub capabilities: Option<Vec<Capability>>,
    pub kits: Option<Vec<Kit>>,
}

/// The four ways a question is answered; each has its own scale (see [`Kind::scale`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One of N options (the DORA questions), 1..=N, worst to best.
    #[default]
    Choice,
    /// Baseline maturity, 0..=3.
    Level,
    /// A phase milestone, 0..=2.
    Milestone,
    /// A capability statement, 1..=5.
    Likert,
}

/// The inclusive range of values a question accepts (n/a aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
}

impl Scale {
    /// Whether `value` lies on the scale.
    pub fn contains(self, value: u8) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// Number of distinct values.
    pub fn len(self) -> usize {
        usize::from(self.max - self.min) + 1
    }

    /// Always false: a scale has at least its minimum.
    pub fn is_empty(self) -> bool {
        false
    }

    /// The values in order.
    pub fn values(self) -> impl Iterator<Item = u8> {
        self.min..=self.max
    }
}

impl std::fmt::Display for Scale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.min, self.max)
    }
}

/// The most options a choice question may have: votes are typed as a single digit.
pub const MAX_OPTIONS: usize = 9;

impl Kind {
    /// All kinds, in the order they are documented.
    pub const ALL: [Kind; 4] = [Kind::Choice, Kind::Level, Kind::Milestone, Kind::Likert];

    /// The name used in YAML.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Choice => "choice",
            Kind::Level => "level",
            Kind::Milestone => "milestone",
            Kind::Likert => "likert",
        }
    }

    /// Parses the YAML name of a kind.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The scale of this kind; a choice question's scale depends on its number of options.
    pub fn scale(self, options: usize) -> Scale {
        match self {
            Kind::Choice => Scale {
                min: 1,
                max: u8::try_from(options.clamp(1, MAX_OPTIONS)).unwrap_or(1),
            },
            Kind::Level => Scale { min: 0, max: 3 },
            Kind::Milestone => Scale { min: 0, max: 2 },
            Kind::Likert => Scale { min: 1, max: 5 },
        }
    }

    /// The labels of the scale's values, for every kind but choice (whose options are its labels).
    pub fn default_labels(self) -> &'static [&'static str] {
        match self {
            Kind::Choice => &[],
            Kind::Level => &["Don't have", "Novice", "Intermediate", "Advanced"],
            Kind::Milestone => &["Not yet", "Partly", "Done"],
            Kind::Likert => &[
                "Strongly disagree",
                "Disagree",
                "Neutral",
                "Agree",
                "Strongly agree",
            ],
        }
    }
}

/// Anything the squad votes on: a DORA question, a baseline item, a milestone, a statement.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// As written in YAML; optional, must match the set's kind when given.
    #[serde(default, rename = "kind", skip_serializing)]
    pub declared_kind: Option<String>,
    /// The kind the set gives it, filled in by validation.
    #[serde(skip_deserializing)]
    pub kind: Kind,
    /// A short name; milestones and statements have only `text`.
    pub title: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tips: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guiding_questions: Vec<String>,
    /// A choice question's options, value 1 first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// A 2025 DORA percentage question: the percentage each option stands for, value 1 first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub percentages: Vec<u8>,
    /// Replaces the kind's default labels (level, milestone, likert).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// The reason behind a milestone.
    pub why: Option<String>,
}

impl Question {
    /// The values this question accepts.
    pub fn scale(&self) -> Scale {
        self.kind.scale(self.options.len())
    }

    /// The short name: the title, or the text when there is none.
    pub fn name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.text)
    }

    /// The label of each value on the scale, in value order.
    pub fn scale_labels(&self) -> Vec<&str> {
        if self.kind == Kind::Choice {
            self.options.iter().map(String::as_str).collect()
        } else if !self.labels.is_empty() {
            self.labels.iter().map(String::as_str).collect()
        } else {
            self.kind.default_labels().to_vec()
        }
    }

    /// The label of one value, if it is on the scale.
    pub fn label(&self, value: u8) -> Option<&str> {
        let scale = self.scale();
        if !scale.contains(value) {
            return None;
        }
        self.scale_labels()
            .get(usize::from(value - scale.min))
            .copied()
    }
}

/// The 2019 DORA benchmark: how scores map to levels and percentiles.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    pub source: String,
    /// Mean of the DORA score over respondents.
    pub mean: f64,
    /// Standard deviation of the DORA score over respondents.
    pub sd: f64,
    /// Worst to best.
    pub levels: Vec<BenchmarkLevel>,
}

/// One performance level of the benchmark.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkLevel {
    pub id: String,
    pub name: String,
    /// Highest score of this level, inclusive; the best level has none.
    pub max_score: Option<f64>,
    /// Percent of respondents at this level.
    pub share: f64,
}

/// A baseline section: tooling, communications or culture.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub items: Vec<Question>,
}

/// A column of the phases' board.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: String,
    pub title: String,
}

/// One of the three phases.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub keys_to_success: Vec<String>,
    pub columns: Vec<PhaseColumn>,
}

impl Phase {
    /// Every milestone of the phase, column by column, tooling after milestones.
    pub fn milestones(&self) -> impl Iterator<Item = &Question> {
        self.columns.iter().flat_map(PhaseColumn::milestones)
    }
}

/// A phase's milestones in one column.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseColumn {
    /// The id of a [`Column`].
    pub column: String,
    pub milestones: Vec<Question>,
    /// The "tooling to support" row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tooling: Vec<Question>,
}

impl PhaseColumn {
    /// The milestones, then the tooling row.
    pub fn milestones(&self) -> impl Iterator<Item = &Question> {
        self.milestones.iter().chain(&self.tooling)
    }
}

/// A DORA capability with the statements the squad rates.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Capability {
    pub id: String,
    pub name: String,
    /// The id of the benchmark level that recommends it.
    pub level: String,
    #[serde(default)]
    pub description: String,
    pub statements: Vec<Question>,
}

/// An execution kit: a starter backlog for an improvement.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Kit {
    pub id: String,
    pub title: String,
    /// The id of the capability the kit builds.
    pub capability: Option<String>,
    /// Words that mark an improvement as this kit's business (matched case-insensitively in
    /// its text and in the stage, capability or milestone it concerns).
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub job_to_be_done: String,
    #[serde(default)]
    pub outcome: String,
    pub steps: Vec<KitStep>,
    #[serde(default)]
    pub definition_of_done: Vec<String>,
    #[serde(default)]
    pub metrics: Vec<KitMetric>,
}

/// One item of a kit's starter backlog.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KitStep {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// A metric a kit moves, before and after.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KitMetric {
    pub name: String,
    pub before: String,
    pub after: String,
}
