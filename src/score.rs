//! Pure scoring functions: vote statistics, the DORA score, level and percentile, capability,
//! section and phase scores. No IO, no state; [`crate::assessment`] puts them together.

use crate::checklist::{Benchmark, BenchmarkLevel, Scale};
use crate::checkpoint::Vote;

/// A question whose votes are this many steps apart (max − min) or more is flagged for discussion.
pub const DISCUSSION_SPREAD: u8 = 2;

/// A phase counts as reached at this much progress.
pub const PHASE_REACHED: f64 = 0.8;

/// How many next milestones are suggested for the phase the squad is working on.
pub const NEXT_MILESTONES: usize = 5;

/// Tolerance for comparing averaged scores with level thresholds (5.2 must be High, not Elite).
const EPSILON: f64 = 1e-9;

/// The votes on one question, summarised. Votes off the scale are ignored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stats {
    /// Votes with a value (n/a left out).
    pub votes: usize,
    /// Votes of n/a.
    pub not_applicable: usize,
    /// Every value of the scale with how many voted it, lowest value first.
    pub distribution: Vec<(u8, usize)>,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// max − min of the values.
    pub spread: Option<u8>,
    /// The spread is [`DISCUSSION_SPREAD`] or more.
    pub discuss: bool,
}

/// Summarises the votes cast on a question with the given scale.
pub fn stats(scale: Scale, votes: impl IntoIterator<Item = Vote>) -> Stats {
    let mut values = Vec::new();
    let mut not_applicable = 0;
    for vote in votes {
        match vote {
            Vote::Value(v) if scale.contains(v) => values.push(v),
            Vote::Value(_) => {}
            Vote::NotApplicable => not_applicable += 1,
        }
    }
    values.sort_unstable();
    let distribution = scale
        .values()
        .map(|v| (v, values.iter().filter(|x| **x == v).count()))
        .collect();
    let spread = values.first().zip(values.last()).map(|(lo, hi)| hi - lo);
    Stats {
        votes: values.len(),
        not_applicable,
        distribution,
        mean: mean(values.iter().map(|v| f64::from(*v))),
        median: median(&values),
        spread,
        discuss: spread.is_some_and(|s| s >= DISCUSSION_SPREAD),
    }
}

/// The mean of `values`, or `None` when there are none.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// The median of sorted `values` (the mean of the middle two for an even count).
fn median(sorted: &[u8]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(sorted[n / 2])),
        _ => Some((f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0),
    }
}

/// The squad's value for a question: the agreed value when one was recorded (an agreed n/a
/// leaves the question out), else the mean of the votes.
pub fn squad_value(stats: &Stats, agreed: Option<Vote>) -> Option<f64> {
    match agreed {
        Some(vote) => vote.value().map(f64::from),
        None => stats.mean,
    }
}

/// The DORA score: the mean of the question values that have one (1.0..=6.0).
pub fn dora_score(values: &[Option<f64>]) -> Option<f64> {
    mean(values.iter().flatten().copied())
}

/// The benchmark level of a score: the first whose `max_score` is at or above it.
pub fn level(benchmark: &Benchmark, score: f64) -> Option<&BenchmarkLevel> {
    benchmark
        .levels
        .iter()
        .find(|l| l.max_score.is_none_or(|max| score <= max + EPSILON))
}

/// "Performing better than N% of respondents": Φ((score − mean) / sd), rounded down.
pub fn percentile(benchmark: &Benchmark, score: f64) -> u8 {
    let z = (score - benchmark.mean) / benchmark.sd;
    let phi = 0.5 * libm::erfc(-z / std::f64::consts::SQRT_2);
    // Clamped to 0..=99: "better than 100%" of respondents cannot be.
    (phi * 100.0 + EPSILON).floor().clamp(0.0, 99.0) as u8
}

/// A likert value (1..=5) as a 0..100 score.
pub fn likert_percent(value: f64) -> f64 {
    (value - 1.0) / 4.0 * 100.0
}

/// A capability's score: the mean of its statements' values, as 0..100.
pub fn capability_score(statement_values: &[Option<f64>]) -> Option<f64> {
    mean(statement_values.iter().flatten().copied()).map(likert_percent)
}

/// The capability to focus on first: the lowest score; ties go to the earlier one.
pub fn focus_first(scores: &[Option<f64>]) -> Option<usize> {
    scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .fold(None, |best: Option<(usize, f64)>, (i, s)| match best {
            Some((_, b)) if b <= s + EPSILON => best,
            _ => Some((i, s)),
        })
        .map(|(i, _)| i)
}

/// A milestone's progress (0..=1) from its value on the 0..=2 scale; an unvoted milestone is 0.
pub fn milestone_progress(value: Option<f64>) -> f64 {
    value.unwrap_or(0.0) / 2.0
}

/// Whether a phase with this progress (0..=1) counts as reached: [`PHASE_REACHED`] or more,
/// with the same tolerance as the level thresholds (4 of 5 milestones done is 80%, not 79.99%).
pub fn reached(progress: f64) -> bool {
    progress + EPSILON >= PHASE_REACHED
}

/// Mean progress of milestones, leaving out the n/a ones (`None` when all are n/a or none).
pub fn progress(milestones: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    mean(milestones.into_iter().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn benchmark() -> Benchmark {
        let level = |id: &str, max: Option<f64>, share: f64| BenchmarkLevel {
            id: id.into(),
            name: id.into(),
            max_score: max,
            share,
        };
        Benchmark {
            source: "test".into(),
            mean: 4.251338,
            sd: 1.000992,
            levels: vec![
                level("low", Some(3.5), 12.0),
                level("medium", Some(4.4), 44.0),
                level("high", Some(5.2), 23.0),
                level("elite", None, 20.0),
            ],
        }
    }

    const SIX: Scale = Scale { min: 1, max: 6 };

    fn votes(values: &[u8]) -> Vec<Vote> {
        values.iter().map(|v| Vote::Value(*v)).collect()
    }

    #[test]
    fn stats_summarise_votes_and_leave_out_na() {
        let mut v = votes(&[5, 3, 6, 5]);
        v.push(Vote::NotApplicable);
        let s = stats(SIX, v);
        assert_eq!(s.votes, 4);
        assert_eq!(s.not_applicable, 1);
        assert_eq!(s.mean, Some(4.75));
        assert_eq!(s.median, Some(5.0));
        assert_eq!(s.spread, Some(3));
        assert!(s.discuss);
        assert_eq!(
            s.distribution,
            vec![(1, 0), (2, 0), (3, 1), (4, 0), (5, 2), (6, 1)]
        );
    }

    #[test]
    fn median_of_an_odd_count_is_the_middle_vote() {
        assert_eq!(stats(SIX, votes(&[6, 1, 2])).median, Some(2.0));
    }

    #[test]
    fn spread_of_two_steps_flags_discussion_and_one_does_not() {
        assert!(!stats(SIX, votes(&[4, 5, 5])).discuss);
        assert!(stats(SIX, votes(&[4, 6])).discuss);
        let milestone = Scale { min: 0, max: 2 };
        assert!(stats(milestone, votes(&[0, 2])).discuss);
        assert!(!stats(milestone, votes(&[1, 2])).discuss);
    }

    #[test]
    fn no_votes_or_only_na_gives_no_value() {
        let s = stats(SIX, [Vote::NotApplicable]);
        assert_eq!(
            (s.mean, s.median, s.spread, s.discuss),
            (None, None, None, false)
        );
        assert_eq!(squad_value(&s, None), None);
    }

    #[test]
    fn votes_off_the_scale_are_ignored() {
        let s = stats(SIX, votes(&[0, 7, 4]));
        assert_eq!((s.votes, s.mean), (1, Some(4.0)));
    }

    #[test]
    fn agreed_value_overrides_the_mean_and_agreed_na_leaves_it_out() {
        let s = stats(SIX, votes(&[2, 4]));
        assert_eq!(squad_value(&s, None), Some(3.0));
        assert_eq!(squad_value(&s, Some(Vote::Value(5))), Some(5.0));
        assert_eq!(squad_value(&s, Some(Vote::NotApplicable)), None);
    }

    #[test]
    fn worked_example_is_elite_better_than_89_percent() {
        let score = dora_score(&[Some(5.0), Some(6.0), Some(5.0), Some(6.0)]).unwrap();
        assert_eq!(score, 5.5);
        let b = benchmark();
        assert_eq!(level(&b, score).unwrap().id, "elite");
        assert_eq!(percentile(&b, score), 89);
    }

    #[test]
    fn level_boundaries_are_inclusive_upper_bounds() {
        let b = benchmark();
        let at = |s: f64| level(&b, s).unwrap().id.clone();
        assert_eq!(at(1.0), "low");
        assert_eq!(at(3.5), "low");
        assert_eq!(at(3.51), "medium");
        assert_eq!(at(4.4), "medium");
        assert_eq!(at(4.41), "high");
        assert_eq!(at(5.2), "high");
        assert_eq!(at(5.21), "elite");
        assert_eq!(at(6.0), "elite");
        // Averages that land on a boundary with floating-point error still count as the boundary.
        let score = dora_score(&[Some(4.4), Some(4.4), Some(4.4), Some(4.4)]).unwrap();
        assert_eq!(at(score), "medium");
        let score = dora_score(&[Some(5.0), Some(5.0), Some(5.0), Some(5.8)]).unwrap();
        assert_eq!(at(score), "high");
    }

    #[test]
    fn percentile_follows_the_normal_cdf() {
        let b = benchmark();
        assert_eq!(percentile(&b, b.mean), 50);
        assert_eq!(percentile(&b, 1.0), 0);
        assert_eq!(percentile(&b, 6.0), 95);
        assert_eq!(percentile(&b, 3.5), 22);
        assert_eq!(percentile(&b, 5.2), 82);
    }

    #[test]
    fn dora_score_is_the_mean_of_answered_questions() {
        assert_eq!(dora_score(&[Some(2.0), None, Some(4.0), None]), Some(3.0));
        assert_eq!(dora_score(&[None, None]), None);
    }

    #[test]
    fn capability_scores_normalise_likert_to_percent() {
        assert_eq!(capability_score(&[Some(1.0), Some(1.0)]), Some(0.0));
        assert_eq!(capability_score(&[Some(5.0), None]), Some(100.0));
        assert_eq!(capability_score(&[Some(3.0), Some(4.0)]), Some(62.5));
        assert_eq!(capability_score(&[None]), None);
    }

    #[test]
    fn focus_first_is_the_lowest_score_with_ties_to_catalog_order() {
        assert_eq!(focus_first(&[Some(50.0), Some(25.0), Some(75.0)]), Some(1));
        assert_eq!(focus_first(&[Some(25.0), Some(50.0), Some(25.0)]), Some(0));
        assert_eq!(focus_first(&[None, Some(80.0), Some(80.0)]), Some(1));
        assert_eq!(focus_first(&[None, None]), None);
    }

    #[test]
    fn milestone_progress_counts_unvoted_as_not_yet_and_leaves_out_na() {
        assert_eq!(milestone_progress(Some(2.0)), 1.0);
        assert_eq!(milestone_progress(Some(1.0)), 0.5);
        assert_eq!(milestone_progress(None), 0.0);
        assert_eq!(progress([Some(1.0), Some(0.0), None]), Some(0.5));
        assert_eq!(progress([None, None]), None);
    }

    #[test]
    fn a_phase_is_reached_at_80_percent_even_with_rounding_error() {
        let p = progress([Some(1.0), Some(1.0), Some(1.0), Some(1.0), Some(0.0)]).unwrap();
        assert!(reached(p), "{p}");
        let p = progress([Some(1.0), Some(1.0), Some(0.5), Some(0.0)]).unwrap();
        assert!(!reached(p), "62.5%");
        assert!(reached(0.7999999999999999));
        assert!(!reached(0.79));
    }
}
