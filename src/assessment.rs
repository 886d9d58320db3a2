//! Everything a checkpoint's votes add up to: per-question statistics, the DORA level and
//! percentile, the recommended capabilities, the baseline's section scores, the phases' progress
//! and the questions to discuss. Computed from a [`Catalog`] and a [`Checkpoint`], no IO.

use serde::Serialize;

use crate::checklist::{Catalog, Question};
use crate::checkpoint::{Checkpoint, Vote};
use crate::score::{self, Stats};

/// One question's votes and the squad's value for it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionResult {
    pub id: String,
    pub name: String,
    pub text: String,
    pub kind: crate::checklist::Kind,
    pub scale: crate::checklist::Scale,
    /// The labels of the scale's values, lowest first.
    pub labels: Vec<String>,
    pub stats: Stats,
    pub agreed: Option<Vote>,
    /// The agreed value, else the mean of the votes.
    pub value: Option<f64>,
    /// The label nearest to `value`.
    pub value_label: Option<String>,
    pub note: String,
    /// Participant → vote, in participant order.
    pub votes: Vec<(String, Vote)>,
}

impl QuestionResult {
    /// Scores `question` from what `checkpoint` recorded for it.
    pub fn new(question: &Question, checkpoint: &Checkpoint) -> QuestionResult {
        let answer = checkpoint.answer(&question.id);
        let votes: Vec<(String, Vote)> = answer
            .map(|a| {
                let mut v: Vec<_> = a.votes.iter().map(|(p, v)| (p.clone(), *v)).collect();
                let rank = |p: &str| checkpoint.participants.iter().position(|x| x == p);
                v.sort_by_key(|(p, _)| (rank(p).is_none(), rank(p)));
                v
            })
            .unwrap_or_default();
        let scale = question.scale();
        let stats = score::stats(scale, votes.iter().map(|(_, v)| *v));
        let agreed = answer.and_then(|a| a.agreed);
        let value = score::squad_value(&stats, agreed);
        let value_label = value.and_then(|v| {
            let nearest = v.round().clamp(f64::from(scale.min), f64::from(scale.max)) as u8;
            question.label(nearest).map(str::to_string)
        });
        QuestionResult {
            id: question.id.clone(),
            name: question.name().to_string(),
            text: question.text.clone(),
            kind: question.kind,
            scale,
            labels: question.scale_labels().into_iter().map(str::to_string).collect(),
            stats,
            agreed,
            value,
            value_label,
            note: answer.map(|a| a.note.clone()).unwrap_or_default(),
            votes,
        }
    }

    /// Whether anyone voted or an agreed value was recorded.
    pub fn answered(&self) -> bool {
        self.stats.votes + self.stats.not_applicable > 0 || self.agreed.is_some()
    }

    /// Whether the squad's value is n/a: answered, yet without a value.
    pub fn not_applicable(&self) -> bool {
        self.answered() && self.value.is_none()
    }
}

/// The DORA part: four questions, a score, a level and a percentile.
#[derive(Debug, Clone, Serialize)]
pub struct DoraResult {
    pub questions: Vec<QuestionResult>,
    /// Mean of the answered questions' values.
    pub score: Option<f64>,
    /// Questions with a value.
    pub answered: usize,
    /// Set once every question has a value.
    pub level: Option<LevelResult>,
    /// "Performing better than N% of respondents", once the level is known.
    pub percentile: Option<u8>,
    /// Every level of the benchmark with its share, worst first.
    pub shares: Vec<LevelResult>,
    pub source: String,
}

/// A benchmark level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelResult {
    pub id: String,
    pub name: String,
    /// Percent of the benchmark's respondents at this level.
    pub share: f64,
}

/// A capability and how the squad rated its statements.
#[derive(Debug, Clone, Serialize)]
pub struct CapabilityResult {
    pub id: String,
    pub name: String,
    pub description: String,
    pub statements: Vec<QuestionResult>,
    /// 0..100, the mean of the statements' values normalised.
    pub score: Option<f64>,
    pub focus_first: bool,
}

/// A baseline section and its items.
#[derive(Debug, Clone, Serialize)]
pub struct SectionResult {
    pub id: String,
    pub title: String,
    pub items: Vec<QuestionResult>,
    /// 0.0..=3.0, the mean of the items with a value.
    pub score: Option<f64>,
}

/// One phase's progress, in total and per column.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseResult {
    pub id: String,
    pub title: String,
    /// 0..=1; `None` when every milestone is n/a.
    pub progress: Option<f64>,
    pub reached: bool,
    pub columns: Vec<ColumnResult>,
}

/// One cell of the phases × columns board.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnResult {
    pub id: String,
    pub title: String,
    pub milestones: Vec<QuestionResult>,
    /// 0..=1; `None` when the cell is empty or all n/a.
    pub progress: Option<f64>,
}

/// A milestone suggested as next.
#[derive(Debug, Clone, Serialize)]
pub struct NextMilestone {
    pub id: String,
    pub text: String,
    pub column: String,
    pub value: Option<f64>,
}

/// The phases board's results.
#[derive(Debug, Clone, Serialize)]
pub struct PhasesResult {
    pub title: String,
    pub columns: Vec<String>,
    pub phases: Vec<PhaseResult>,
    /// Index of the first phase not reached; `None` when all are.
    pub working_on: Option<usize>,
    pub next: Vec<NextMilestone>,
}

/// Everything a checkpoint's votes add up to.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub dora: DoraResult,
    /// The capabilities the level recommends (empty until the level is known).
    pub capabilities: Vec<CapabilityResult>,
    pub baseline: Vec<SectionResult>,
    pub phases: Option<PhasesResult>,
    /// Every question whose votes are spread [`score::DISCUSSION_SPREAD`] steps or more.
    pub discussion: Vec<QuestionResult>,
}

impl Assessment {
    /// Scores every question of `catalog` from `checkpoint`.
    pub fn new(catalog: &Catalog, checkpoint: &Checkpoint) -> Assessment {
        let result = |q: &Question| QuestionResult::new(q, checkpoint);
        let dora = dora(catalog, checkpoint);
        let level = dora.level.as_ref().map(|l| l.id.clone());
        let mut capabilities: Vec<CapabilityResult> = catalog
            .capabilities()
            .filter(|c| level.as_deref() == Some(c.level.as_str()))
            .map(|c| {
                let statements: Vec<_> = c.statements.iter().map(result).collect();
                let values: Vec<_> = statements.iter().map(|s| s.value).collect();
                CapabilityResult {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    description: c.description.clone(),
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
                    id: s.id.clone(),
                    title: s.title.clone(),
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
                                id: col.id.clone(),
                                title: col.title.clone(),
                                progress: milestones_progress(&milestones),
                                milestones,
                            }
                        })
                        .collect();
                    let all: Vec<_> =
                        columns.iter().flat_map(|c| c.milestones.iter().cloned()).collect();
                    let progress = milestones_progress(&all);
                    PhaseResult {
                        id: p.id.clone(),
                        title: p.title.clone(),
                        reached: progress.is_none_or(|v| v >= score::PHASE_REACHED),
                        progress,
                        columns,
                    }
                })
                .collect();
            let working_on = phases.iter().position(|p| !p.reached);
            let next = working_on.map(|i| next_milestones(&phases[i])).unwrap_or_default();
            PhasesResult {
                title: catalog
                    .sets()
                    .find(|s| s.kind() == "phases")
                    .map(|s| s.title.clone())
                    .unwrap_or_default(),
                columns: board.columns.iter().map(|c| c.title.clone()).collect(),
                phases,
                working_on,
                next,
            }
        });
        let discussion = catalog
            .questions()
            .iter()
            .map(result)
            .filter(|r| r.stats.discuss)
            .collect();
        Assessment { dora, capabilities, baseline, phases, discussion }
    }

    /// The capability to focus on first, if the level is known and any statement was rated.
    pub fn focus_first(&self) -> Option<&CapabilityResult> {
        self.capabilities.iter().find(|c| c.focus_first)
    }
}

fn dora(catalog: &Catalog, checkpoint: &Checkpoint) -> DoraResult {
    let set = catalog.dora();
    let questions: Vec<QuestionResult> =
        set.questions.iter().map(|q| QuestionResult::new(q, checkpoint)).collect();
    let values: Vec<_> = questions.iter().map(|q| q.value).collect();
    let score = score::dora_score(&values);
    let answered = values.iter().flatten().count();
    let complete = answered == questions.len() && answered > 0;
    let benchmark = &set.benchmark;
    let to_result = |l: &crate::checklist::BenchmarkLevel| LevelResult {
        id: l.id.clone(),
        name: l.name.clone(),
        share: l.share,
    };
    let level = score
        .filter(|_| complete)
        .and_then(|s| score::level(benchmark, s))
        .map(to_result);
    DoraResult {
        percentile: score.filter(|_| complete).map(|s| score::percentile(benchmark, s)),
        questions,
        score,
        answered,
        level,
        shares: benchmark.levels.iter().map(to_result).collect(),
        source: benchmark.source.clone(),
    }
}

/// Progress of a group of milestones: unvoted ones count as "not yet", n/a ones are left out.
fn milestones_progress(milestones: &[QuestionResult]) -> Option<f64> {
    score::progress(
        milestones
            .iter()
            .map(|m| (!m.not_applicable()).then(|| score::milestone_progress(m.value))),
    )
}

/// The phase's milestones that are not done, lowest value first (catalog order breaks ties).
fn next_milestones(phase: &PhaseResult) -> Vec<NextMilestone> {
    let mut open: Vec<NextMilestone> = phase
        .columns
        .iter()
        .flat_map(|c| c.milestones.iter().map(move |m| (c, m)))
        .filter(|(_, m)| !m.not_applicable() && m.value.is_none_or(|v| v < 2.0))
        .map(|(c, m)| NextMilestone {
            id: m.id.clone(),
            text: m.text.clone(),
            column: c.title.clone(),
            value: m.value,
        })
        .collect();
    open.sort_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)));
    open.truncate(score::NEXT_MILESTONES);
    open
}
