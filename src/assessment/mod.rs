//! Everything a checkpoint's votes add up to: per-question statistics, the DORA level and
//! percentile, the recommended capabilities, the baseline's section scores, the phases' progress
//! and the questions to discuss. Computed from a [`Catalog`] and a [`Checkpoint`], no IO.

use std::collections::HashMap;

use serde::Serialize;

use crate::checklist::{BenchmarkLevel, Catalog, DoraModel, Question};
use crate::checkpoint::Checkpoint;
use crate::dora2025::QuickCheck;
use crate::score;

pub mod question;

pub use question::QuestionResult;
use question::order;

/// The DORA part: four questions, a score, a level and a percentile.
#[derive(Debug, Clone, Serialize)]
pub struct DoraResult<'a> {
    pub questions: Vec<QuestionResult<'a>>,
    /// Mean of the answered questions' values.
    pub score: Option<f64>,
    /// Questions with a value.
    pub answered: usize,
    /// Set once every question has a value.
    pub level: Option<LevelResult<'a>>,
    /// "Performing better than N% of respondents", once the level is known.
    pub percentile: Option<u8>,
    /// Every level of the benchmark with its share, worst first.
    pub shares: Vec<LevelResult<'a>>,
    pub source: &'a str,
    /// The model it is scored on (not serialised for 2019).
    #[serde(skip_serializing_if = "DoraModel::is_default")]
    pub model: DoraModel,
    /// On the 2025 model: the metrics' scores against the benchmarks (no level, no
    /// percentile, no shares).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quick_check: Option<QuickCheck<'a>>,
}

/// A benchmark level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelResult<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Percent of the benchmark's respondents at this level.
    pub share: f64,
}

impl<'a> From<&'a BenchmarkLevel> for LevelResult<'a> {
    fn from(l: &'a BenchmarkLevel) -> Self {
        LevelResult {
            id: &l.id,
            name: &l.name,
            share: l.share,
        }
    }
}

/// A capability and how the squad rated its statements.
#[derive(Debug, Clone, Serialize)]
pub struct CapabilityResult<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub statements: Vec<QuestionResult<'a>>,
    /// 0..100, the mean of the statements' values normalised.
    pub score: Option<f64>,
    pub focus_first: bool,
}

/// A baseline section and its items.
#[derive(Debug, Clone, Serialize)]
pub struct SectionResult<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub items: Vec<QuestionResult<'a>>,
    /// 0.0..=3.0, the mean of the items with a value.
    pub score: Option<f64>,
}

/// One phase's progress, in total and per column.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseResult<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// 0..=1, counting a milestone nobody voted on as not yet; `None` when every milestone is
    /// n/a.
    pub progress: Option<f64>,
    /// Someone voted on one of its milestones (or the squad agreed one): without that, the
    /// progress is "not rated", never shown as 0%.
    pub rated: bool,
    pub reached: bool,
    pub columns: Vec<ColumnResult<'a>>,
}

/// One cell of the phases × columns board.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnResult<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub milestones: Vec<QuestionResult<'a>>,
    /// 0..=1; `None` when the cell is empty or all n/a.
    pub progress: Option<f64>,
    /// Someone voted on one of its milestones.
    pub rated: bool,
}

/// A milestone suggested as next.
#[derive(Debug, Clone, Serialize)]
pub struct NextMilestone<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub column: &'a str,
    pub value: Option<f64>,
}

/// The phases board's results.
#[derive(Debug, Clone, Serialize)]
pub struct PhasesResult<'a> {
    pub title: &'a str,
    pub columns: Vec<&'a str>,
    pub phases: Vec<PhaseResult<'a>>,
    /// Index of the first phase not reached; `None` when all are.
    pub working_on: Option<usize>,
    pub next: Vec<NextMilestone<'a>>,
}

/// Everything a checkpoint's votes add up to.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment<'a> {
    pub dora: DoraResult<'a>,
    /// The capabilities the level recommends (empty until the level is known).
    pub capabilities: Vec<CapabilityResult<'a>>,
    pub baseline: Vec<SectionResult<'a>>,
    pub phases: Option<PhasesResult<'a>>,
    /// Every question whose votes are spread [`score::DISCUSSION_SPREAD`] steps or more.
    pub discussion: Vec<QuestionResult<'a>>,
}

impl<'a> Assessment<'a> {
    /// Scores every question of `catalog` from `checkpoint`.
    pub fn new(catalog: &'a Catalog, checkpoint: &'a Checkpoint) -> Assessment<'a> {
        let catalog = catalog.for_model(checkpoint.dora);
        // Each question is scored once; the parts below take copies of what they show.
        let order = order(checkpoint);
        let all: HashMap<&str, QuestionResult<'a>> = catalog
            .questions()
            .iter()
            .map(|q| {
                (
                    q.id.as_str(),
                    QuestionResult::in_order(q, checkpoint, &order),
                )
            })
            .collect();
        let result = |q: &Question| all[q.id.as_str()].clone();
        let dora = dora(catalog, checkpoint, result);
        let level = dora.level.as_ref().map(|l| l.id);
        // On the 2025 model no level recommends capabilities: those the squad chose on purpose
        // and rated stand in their place.
        let recommended = match dora.model {
            DoraModel::V2025 => Some(rated_capabilities(catalog, &all)),
            DoraModel::V2019 => level.map(|l| catalog.recommended(l)),
        };
        let mut capabilities: Vec<CapabilityResult> = recommended
            .unwrap_or_default()
            .into_iter()
            .map(|c| {
                let statements: Vec<_> = c.statements.iter().map(result).collect();
                let values: Vec<_> = statements.iter().map(|s| s.value).collect();
                CapabilityResult {
                    id: &c.id,
                    name: &c.name,
                    description: &c.description,
                    score: score::capability_score(&values),
                    statements,
                    focus_first: false,
                }
            })
            .collect();
        let scores: Vec<_> = capabilities.iter().map(|c| c.score).collect();
        if let Some(i) = score::focus_first(&scores) {
            capabilities[i].focus_first = true;
        }
        let baseline = catalog
            .sections()
            .map(|s| {
                let items: Vec<_> = s.items.iter().map(result).collect();
                SectionResult {
                    id: &s.id,
                    title: &s.title,
                    score: score::mean(items.iter().filter_map(|i| i.value)),
                    items,
                }
            })
            .collect();
        let phases = catalog.board().map(|board| {
            let phases: Vec<PhaseResult> = board
                .phases
                .iter()
                .map(|p| {
                    let columns: Vec<ColumnResult> = board
                        .columns
                        .iter()
                        .map(|col| {
                            let milestones: Vec<_> = p
                                .columns
                                .iter()
                                .filter(|pc| pc.column == col.id)
                                .flat_map(|pc| pc.milestones())
                                .map(result)
                                .collect();
                            ColumnResult {
                                id: &col.id,
                                title: &col.title,
                                progress: milestones_progress(&milestones),
                                rated: milestones.iter().any(|m| m.answered),
                                milestones,
                            }
                        })
                        .collect();
                    let progress = milestones_progress(columns.iter().flat_map(|c| &c.milestones));
                    PhaseResult {
                        id: &p.id,
                        title: &p.title,
                        reached: progress.is_none_or(score::reached),
                        rated: columns.iter().any(|c| c.rated),
                        progress,
                        columns,
                    }
                })
                .collect();
            let working_on = phases.iter().position(|p| !p.reached);
            let next = working_on
                .map(|i| next_milestones(&phases[i]))
                .unwrap_or_default();
            PhasesResult {
                title: catalog
                    .sets()
                    .find(|s| s.kind() == "phases")
                    .map_or("", |s| s.title.as_str()),
                columns: board.columns.iter().map(|c| c.title.as_str()).collect(),
                phases,
                working_on,
                next,
            }
        });
        let discussion = catalog
            .questions()
            .iter()
            .filter(|q| all[q.id.as_str()].stats.discuss)
            .map(result)
            .collect();
        Assessment {
            dora,
            capabilities,
            baseline,
            phases,
            discussion,
        }
    }

    /// The capability to focus on first, if the level is known and any statement was rated.
    pub fn focus_first(&self) -> Option<&CapabilityResult<'a>> {
        self.capabilities.iter().find(|c| c.focus_first)
    }
}

/// The capabilities with a rated statement, in catalog order.
fn rated_capabilities<'a>(
    catalog: &'a Catalog,
    all: &HashMap<&str, QuestionResult<'a>>,
) -> Vec<&'a crate::checklist::Capability> {
    let rated = |c: &&crate::checklist::Capability| {
        c.statements
            .iter()
            .any(|s| all.get(s.id.as_str()).is_some_and(|r| r.answered))
    };
    catalog.capabilities().filter(rated).collect()
}

/// The DORA part alone: what `checkpoint list` needs without scoring everything else.
pub fn dora_result<'a>(catalog: &'a Catalog, checkpoint: &'a Checkpoint) -> DoraResult<'a> {
    let catalog = catalog.for_model(checkpoint.dora);
    dora(catalog, checkpoint, |q| QuestionResult::new(q, checkpoint))
}

fn dora<'a>(
    catalog: &'a Catalog,
    checkpoint: &Checkpoint,
    result: impl Fn(&'a Question) -> QuestionResult<'a>,
) -> DoraResult<'a> {
    let set = catalog.dora();
    let questions: Vec<QuestionResult> = set.questions.iter().map(result).collect();
    if let (DoraModel::V2025, Some(benchmarks)) = (set.model, &set.benchmarks) {
        let steps: Vec<&[u8]> = set
            .questions
            .iter()
            .map(|q| q.percentages.as_slice())
            .collect();
        let quick_check = crate::dora2025::score(&questions, &steps, benchmarks, checkpoint);
        return DoraResult {
            score: quick_check.overall.score,
            answered: questions.iter().filter(|q| q.value.is_some()).count(),
            questions,
            level: None,
            percentile: None,
            shares: Vec::new(),
            source: &benchmarks.source,
            model: DoraModel::V2025,
            quick_check: Some(quick_check),
        };
    }
    let values: Vec<_> = questions.iter().map(|q| q.value).collect();
    let score = score::dora_score(&values);
    let answered = values.iter().flatten().count();
    let complete = answered == questions.len() && answered > 0;
    let benchmark = &set.benchmark;
    let complete_score = score.filter(|_| complete);
    DoraResult {
        level: complete_score
            .and_then(|s| score::level(benchmark, s))
            .map(LevelResult::from),
        percentile: complete_score.map(|s| score::percentile(benchmark, s)),
        questions,
        score,
        answered,
        shares: benchmark.levels.iter().map(LevelResult::from).collect(),
        source: &benchmark.source,
        model: DoraModel::V2019,
        quick_check: None,
    }
}

/// Progress of a group of milestones: unvoted ones count as "not yet", n/a ones are left out.
fn milestones_progress<'r, 'a: 'r>(
    milestones: impl IntoIterator<Item = &'r QuestionResult<'a>>,
) -> Option<f64> {
    score::progress(
        milestones
            .into_iter()
            .map(|m| (!m.not_applicable).then(|| score::milestone_progress(m.value))),
    )
}

/// The phase's milestones that are not done, lowest value first. Ties go round the columns
/// (each column's first open milestone, then each one's second, ...) so the suggestions cover
/// the whole board rather than one column.
fn next_milestones<'a>(phase: &PhaseResult<'a>) -> Vec<NextMilestone<'a>> {
    let mut open: Vec<(f64, usize, usize, NextMilestone)> = phase
        .columns
        .iter()
        .enumerate()
        .flat_map(|(c, column)| {
            column
                .milestones
                .iter()
                .filter(|m| !m.not_applicable && m.value.is_none_or(|v| v < 2.0))
                .enumerate()
                .map(move |(rank, m)| {
                    let next = NextMilestone {
                        id: m.id,
                        text: m.text,
                        column: column.title,
                        value: m.value,
                    };
                    (m.value.unwrap_or(0.0), rank, c, next)
                })
        })
        .collect();
    open.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    open.into_iter()
        .take(score::NEXT_MILESTONES)
        .map(|(.., m)| m)
        .collect()
}

#[cfg(test)]
mod tests;
