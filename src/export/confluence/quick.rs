//! The DORA maturity section on the 2025 model, which has no level: the overall, throughput and
//! stability scores and each metric's, 0 to 10, against the 2025 benchmarks (all industries,
//! and the squad's industry and organisation size when chosen), as the markdown summary has it.

use super::super::Summary;
use super::super::xhtml::{Colour, Writer};
use crate::dora2025::{Against, QuickCheck};
use crate::number::fixed;
use crate::quick_check::Band;

/// The overview's "DevOps Maturity" value: the overall score in a lozenge coloured by how it
/// stands against all industries.
pub fn overview(w: &mut Writer, qc: &QuickCheck) {
    match qc.overall.score.filter(|_| qc.complete) {
        Some(score) => {
            let colour = qc.overall.against.first().map_or(Colour::Grey, colour);
            w.status(colour, &format!("{}/10", fixed(score, 1)));
            w.text(" (DORA 2025)");
        }
        None => {
            w.status(Colour::Grey, "not determined yet");
            w.text(" (DORA 2025)");
        }
    }
}

fn colour(against: &Against) -> Colour {
    match against.band {
        Band::Above => Colour::Green,
        Band::Within => Colour::Blue,
        Band::Below => Colour::Yellow,
    }
}

/// The scores against the benchmarks.
pub fn maturity(w: &mut Writer, s: &Summary, qc: &QuickCheck) {
    let dora = &s.assessment.dora;
    match qc.overall.score {
        Some(score) if qc.complete => {
            w.para(|w| {
                w.text("Software delivery performance (DORA Quick Check 2025): ")
                    .strong(&format!("{} of 10", fixed(score, 1)));
                let part = |f: &crate::dora2025::Figure| {
                    f.score.map_or_else(|| "–".to_string(), |v| fixed(v, 1))
                };
                w.text(&format!(
                    ", throughput {}, stability {}.",
                    part(&qc.throughput),
                    part(&qc.stability)
                ));
            });
        }
        so_far => {
            let partial = so_far
                .map(|v| format!(" (so far {} of 10)", fixed(v, 1)))
                .unwrap_or_default();
            w.para_text(&format!(
                "The overall score needs a value for every one of the five metrics, and {} of {} \
                 have one{partial}. An n/a does not count: when there is no data, make your best \
                 guess.",
                dora.answered,
                dora.questions.len()
            ));
        }
    }
    w.para_text(&format!(
        "Against the 2025 benchmarks ({}), each 0 to 10, higher is better; ± is one standard \
         deviation:",
        qc.source
    ));
    let mut headers = vec!["Measure", "Squad"];
    headers.extend(qc.cohorts.iter().copied());
    w.table(&headers, |w| {
        let rows = [
            ("Overall", &qc.overall.score, &qc.overall.against, None),
            (
                "Throughput",
                &qc.throughput.score,
                &qc.throughput.against,
                None,
            ),
            (
                "Stability",
                &qc.stability.score,
                &qc.stability.against,
                None,
            ),
        ];
        let metrics = qc
            .metrics
            .iter()
            .map(|m| (m.name, &m.score, &m.against, m.percentage));
        for (name, score, against, percentage) in rows.into_iter().chain(metrics) {
            w.row(|w| {
                w.cell_text(name);
                let mut squad = score.map_or_else(|| "–".to_string(), |v| fixed(v, 1));
                if let Some(p) = percentage {
                    squad.push_str(&format!(" ({}%)", fixed(p, 0)));
                }
                w.cell_text(&squad);
                for a in against.iter() {
                    w.cell(|w| {
                        w.status(colour(a), a.band_text).text(&format!(
                            " {} ± {}",
                            fixed(a.mean, 2),
                            fixed(a.std, 1)
                        ));
                    });
                }
            });
        }
    });
}
