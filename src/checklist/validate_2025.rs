//! The rules of a 2025 DORA set: five questions (three of six options, two percentages) and
//! benchmarks with an `all` row in each list.

use super::super::Benchmarks;
use super::super::error::Problem;
use super::super::model::Question;
use super::{Checker, DORA_OPTIONS};

/// The number of questions of the 2025 Quick Check: lead time, deployment frequency, recovery
/// time (six options each), change fail rate and rework rate (percentages).
pub const QUESTIONS: usize = 5;
/// The first this many are six-option questions, the rest percentages.
pub const CHOICES: usize = 3;

impl Checker {
    pub(super) fn dora_2025(
        &mut self,
        line: Option<usize>,
        id: &str,
        questions: &[Question],
        benchmarks: &Benchmarks,
    ) {
        if questions.len() != QUESTIONS {
            let detail = format!(
                "the 2025 model asks {QUESTIONS} questions (three of {DORA_OPTIONS} options, \
                 then two percentages); {} given",
                questions.len()
            );
            self.report(line, id, Problem::Benchmark { detail });
        }
        for (i, q) in questions.iter().enumerate() {
            let qline = self.line_of(&q.id, 1);
            let detail = if i < CHOICES {
                (q.options.len() != DORA_OPTIONS || !q.percentages.is_empty()).then(|| {
                    format!("a six-option question needs {DORA_OPTIONS} options and no percentages")
                })
            } else if q.percentages.len() != q.options.len() {
                Some(format!(
                    "a percentage question needs one percentage per option: {} options, {} \
                     percentages",
                    q.options.len(),
                    q.percentages.len()
                ))
            } else if q.percentages.iter().any(|p| *p > 100)
                || q.percentages.windows(2).any(|w| w[0] <= w[1])
            {
                Some("percentages run from the worst (highest) to 0..=100, falling".to_string())
            } else {
                None
            };
            if let Some(detail) = detail {
                self.report(qline, &q.id, Problem::ScaleOutOfRange { detail });
            }
        }
        let lists = [
            ("industries", &benchmarks.industries),
            ("organization_sizes", &benchmarks.organization_sizes),
        ];
        for (name, list) in lists {
            if list.first().is_none_or(|c| c.id != crate::checklist::ALL) {
                let detail = format!("`{name}` must start with the `all` row");
                self.report(line, id, Problem::Benchmark { detail });
            }
            for c in list {
                let stats = c.figures();
                let off = |s: &crate::checklist::Stat| {
                    !(0.0..=10.0).contains(&s.mean) || s.std.is_nan() || s.std <= 0.0
                };
                if stats.iter().any(off) {
                    let detail = format!(
                        "`{name}` row `{}`: every mean must be 0..=10 and every std above 0",
                        c.id
                    );
                    self.report(line, id, Problem::Benchmark { detail });
                }
            }
        }
    }
}
