//! The 2025 DORA model's lines on the results dashboard and the reveal: the overall score with
//! throughput and stability, the benchmarks it is set against, and each metric's score. Plain
//! strings, made once per change from the core's [`crate::dora2025::QuickCheck`].

use crate::assessment::DoraResult;
use crate::number::fixed;

/// The 2025 lines: headline, benchmarks, metrics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quick {
    /// `Overall 8.1 of 10 · throughput 7.8 · stability 8.6`, or what the score still needs.
    pub headline: String,
    /// `All industries 6.72 ±1.2: above the benchmark · Technology 6.76 ±1.2: above ...`.
    pub against: String,
    /// `Lead time for changes 7.3 · Deployment frequency 8.0 · ...`.
    pub metrics: String,
    /// Every metric has a value.
    pub complete: bool,
}

/// The lines of `dora`, when it is on the 2025 model.
pub fn lines(dora: &DoraResult) -> Option<Quick> {
    let q = dora.quick_check.as_ref()?;
    let one = |v: Option<f64>| v.map_or("–".to_string(), |v| fixed(v, 1));
    let headline = match q.overall.score {
        Some(s) if q.complete => format!(
            "Overall {} of 10 · throughput {} · stability {}",
            fixed(s, 1),
            one(q.throughput.score),
            one(q.stability.score)
        ),
        Some(s) => format!(
            "Partial score {} of 10 · the overall score needs all {} metrics ({} answered)",
            fixed(s, 1),
            dora.questions.len(),
            dora.answered
        ),
        None => format!(
            "No DORA votes yet: the overall score needs all {} metrics.",
            dora.questions.len()
        ),
    };
    let against = q
        .overall
        .against
        .iter()
        .filter(|_| q.complete)
        .map(|a| {
            format!(
                "{} {} ±{}: {}",
                a.cohort,
                fixed(a.mean, 2),
                fixed(a.std, 1),
                a.band_text
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let metrics = q
        .metrics
        .iter()
        .map(|m| format!("{} {}", m.name, one(m.score)))
        .collect::<Vec<_>>()
        .join(" · ");
    Some(Quick {
        headline,
        against,
        metrics,
        complete: q.complete,
    })
}
