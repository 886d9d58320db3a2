//! A checkpoint on the 2025 DORA model, scored: each metric's 0-10 score, the overall,
//! throughput and stability means, and each set against the benchmarks the squad compares
//! with (all industries, then its industry and organisation size when chosen). No IO.

use serde::Serialize;

use crate::assessment::question::QuestionResult;
use crate::checklist::{ALL, Benchmarks, Stat};
use crate::checkpoint::Checkpoint;
use crate::quick_check::{self, Band, Oriented};

/// The 2025 part of a [`crate::assessment::DoraResult`].
#[derive(Debug, Clone, Serialize)]
pub struct QuickCheck<'a> {
    pub metrics: Vec<Metric<'a>>,
    pub overall: Figure<'a>,
    pub throughput: Figure<'a>,
    pub stability: Figure<'a>,
    /// Every metric has a value.
    pub complete: bool,
    /// The benchmark groups compared with, in the order of every `against`.
    pub cohorts: Vec<&'a str>,
    pub source: &'a str,
}

/// One metric's score.
#[derive(Debug, Clone, Serialize)]
pub struct Metric<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// 0-10.
    pub score: Option<f64>,
    /// The percentage the squad's value stands for, on a percentage question.
    pub percentage: Option<f64>,
    pub against: Vec<Against<'a>>,
}

/// A mean score (overall, throughput or stability).
#[derive(Debug, Clone, Serialize)]
pub struct Figure<'a> {
    pub score: Option<f64>,
    pub against: Vec<Against<'a>>,
}

/// A score against one benchmark group's figure.
#[derive(Debug, Clone, Serialize)]
pub struct Against<'a> {
    /// The group's name: `All industries`, `Technology`, `100 to 499 employees`.
    pub cohort: &'a str,
    pub mean: f64,
    pub std: f64,
    /// score − mean.
    pub difference: f64,
    pub band: Band,
    /// How the band reads: `within one standard deviation`.
    pub band_text: &'static str,
}

/// The groups `checkpoint` compares with: all industries, then its industry and its
/// organisation size when chosen and known (an `all` choice adds nothing).
pub fn cohorts<'a>(benchmarks: &'a Benchmarks, checkpoint: &Checkpoint) -> Vec<Oriented<'a>> {
    let mut out: Vec<Oriented> = benchmarks
        .industry(ALL)
        .map(quick_check::oriented)
        .into_iter()
        .collect();
    let chosen = |id: &str| !id.is_empty() && id != ALL;
    if chosen(&checkpoint.industry) {
        out.extend(
            benchmarks
                .industry(&checkpoint.industry)
                .map(quick_check::oriented),
        );
    }
    if chosen(&checkpoint.org_size) {
        out.extend(
            benchmarks
                .org_size(&checkpoint.org_size)
                .map(quick_check::oriented),
        );
    }
    out
}

fn against<'a>(
    score: Option<f64>,
    cohorts: &[Oriented<'a>],
    stat: impl Fn(&Oriented) -> Stat,
) -> Vec<Against<'a>> {
    let Some(score) = score else {
        return Vec::new();
    };
    cohorts
        .iter()
        .map(|c| {
            let cmp = quick_check::compare(score, stat(c));
            Against {
                cohort: c.name,
                mean: cmp.mean,
                std: cmp.std,
                difference: cmp.difference,
                band: cmp.band,
                band_text: cmp.band.text(),
            }
        })
        .collect()
}

/// Scores the five questions' results against `benchmarks`. Fewer than five questions (a
/// checklist that failed validation) score what there is.
pub fn score<'a>(
    questions: &[QuestionResult<'a>],
    percentages: &[&'a [u8]],
    benchmarks: &'a Benchmarks,
    checkpoint: &Checkpoint,
) -> QuickCheck<'a> {
    let cohorts = cohorts(benchmarks, checkpoint);
    let mut values = [None; 5];
    let mut metrics = Vec::new();
    for (i, q) in questions.iter().enumerate().take(5) {
        let steps = percentages.get(i).copied().unwrap_or_default();
        let percentage = q.value.and_then(|v| quick_check::percentage_at(steps, v));
        let score = q.value.map(|v| match percentage {
            Some(p) => quick_check::percent_score(p),
            None => quick_check::choice_score(v),
        });
        values[i] = score;
        metrics.push(Metric {
            id: q.id,
            name: q.name,
            score,
            percentage,
            against: against(score, &cohorts, |c| c.metrics[i]),
        });
    }
    let s = quick_check::scores(values);
    QuickCheck {
        overall: Figure {
            score: s.overall,
            against: against(s.overall, &cohorts, |c| c.overall),
        },
        throughput: Figure {
            score: s.throughput,
            against: against(s.throughput, &cohorts, |c| c.throughput),
        },
        stability: Figure {
            score: s.stability,
            against: against(s.stability, &cohorts, |c| c.stability),
        },
        complete: values.iter().all(Option::is_some) && questions.len() == 5,
        cohorts: cohorts.iter().map(|c| c.name).collect(),
        source: &benchmarks.source,
        metrics,
    }
}
