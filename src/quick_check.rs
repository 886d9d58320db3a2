//! The 2025 DORA Quick Check: each metric scored 0-10, the overall, throughput and stability
//! means, and how they compare with DORA's 2025 benchmarks. Pure functions, no IO;
//! [`crate::assessment`] calls them for a checkpoint on the 2025 model.
//!
//! DORA publishes change fail, rework and instability with higher meaning worse; like DORA's
//! own app, the benchmarks are turned round here (10 − mean) so that higher is better
//! everywhere, and the overall mean is recomputed from the five turned-round metric means
//! (6.72 for all industries, where DORA's file says 4.3 before turning round).

use serde::Serialize;

use crate::checklist::{Cohort, Question, Stat};
use crate::score::mean;

/// The scores of the five metrics, in question order, and the three means.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub metrics: [Option<f64>; 5],
    /// Mean of the answered metrics.
    pub overall: Option<f64>,
    /// Mean of the answered first three (lead time, deployment frequency, recovery time).
    pub throughput: Option<f64>,
    /// Mean of the answered last two (change fail rate, rework rate).
    pub stability: Option<f64>,
}

/// A six-option answer `value` (1..=6, a squad's mean may fall between) as a 0-10 score:
/// (v − 1) / 5 × 10.
pub fn choice_score(value: f64) -> f64 {
    ((value - 1.0) / 5.0 * 10.0).clamp(0.0, 10.0)
}

/// A percentage `p` (0..=100) as a 0-10 score: 10 − p / 10.
pub fn percent_score(p: f64) -> f64 {
    (10.0 - p / 10.0).clamp(0.0, 10.0)
}

/// The percentage a squad value stands for on a question whose options stand for
/// `percentages` (value 1 first): an option's own percentage, or between two options the
/// percentage as far between theirs (a mean of 7.5 between 10% and 5% is 7.5%).
pub fn percentage_at(percentages: &[u8], value: f64) -> Option<f64> {
    let last = percentages.len().checked_sub(1)?;
    let at = (value - 1.0).clamp(0.0, last as f64);
    let below = at.floor() as usize;
    let above = (below + 1).min(last);
    let (p, q) = (f64::from(percentages[below]), f64::from(percentages[above]));
    Some(p + (q - p) * (at - below as f64))
}

/// The 0-10 score of `question` at squad value `value`: a percentage question (one with
/// `percentages`) by the percentage it stands for, any other by its option.
pub fn metric_score(question: &Question, value: f64) -> f64 {
    match percentage_at(&question.percentages, value) {
        Some(p) => percent_score(p),
        None => choice_score(value),
    }
}

/// The scores of five metrics, and their means.
pub fn scores(metrics: [Option<f64>; 5]) -> Scores {
    Scores {
        metrics,
        overall: mean(metrics.iter().flatten().copied()),
        throughput: mean(metrics[..3].iter().flatten().copied()),
        stability: mean(metrics[3..].iter().flatten().copied()),
    }
}

/// A benchmark group with every figure turned so that higher is better, as DORA's app shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Oriented<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The mean of the five metric means below; DORA's std of the performance average.
    pub overall: Stat,
    pub throughput: Stat,
    /// 10 − instability.
    pub stability: Stat,
    /// Lead time, deployment frequency, recovery time, change fail (10 − x), rework (10 − x).
    pub metrics: [Stat; 5],
}

/// `cohort` turned round: change fail, rework and instability become 10 − mean, and the
/// overall mean is recomputed from the five metrics.
pub fn oriented(cohort: &Cohort) -> Oriented<'_> {
    let invert = |s: Stat| Stat {
        mean: 10.0 - s.mean,
        std: s.std,
    };
    let metrics = [
        cohort.leadtime,
        cohort.deployfreq,
        cohort.failurerecovery,
        invert(cohort.changefailure),
        invert(cohort.rework),
    ];
    let overall = mean(metrics.iter().map(|s| s.mean)).unwrap_or_default();
    Oriented {
        id: &cohort.id,
        name: &cohort.name,
        overall: Stat {
            mean: overall,
            std: cohort.performance_average.std,
        },
        throughput: cohort.software_delivery_throughput,
        stability: invert(cohort.software_delivery_instability),
        metrics,
    }
}

/// Where a score stands against a benchmark figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    /// More than one standard deviation below the mean.
    Below,
    /// Within one standard deviation of the mean.
    Within,
    /// More than one standard deviation above the mean.
    Above,
}

impl Band {
    /// How the summary and the screens say it.
    pub fn text(self) -> &'static str {
        match self {
            Band::Below => "below the benchmark",
            Band::Within => "within one standard deviation",
            Band::Above => "above the benchmark",
        }
    }
}

/// A score set against one benchmark figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Comparison {
    pub mean: f64,
    pub std: f64,
    /// score − mean.
    pub difference: f64,
    pub band: Band,
}

/// `score` against `stat`.
pub fn compare(score: f64, stat: Stat) -> Comparison {
    let difference = score - stat.mean;
    // A billionth's tolerance: a score exactly one std away reads as within.
    let band = if difference > stat.std + 1e-9 {
        Band::Above
    } else if difference < -stat.std - 1e-9 {
        Band::Below
    } else {
        Band::Within
    };
    Comparison {
        mean: stat.mean,
        std: stat.std,
        difference,
        band,
    }
}

#[cfg(test)]
#[path = "quick_check_tests.rs"]
mod tests;
