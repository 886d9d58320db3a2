//! The measured sections of the Confluence page: since the last checkpoint, the baseline, the
//! phases, what to discuss, the notes and the past checkpoints.

use super::super::Summary;
use super::super::xhtml::{Colour, Writer};
use super::{NONE, answer, one, spread, votes};
use crate::number::{fixed, percent};

pub(super) fn since(w: &mut Writer, s: &Summary) {
    let Some(since) = &s.since else { return };
    let (before, after) = (since.before.date.to_string(), since.after.date.to_string());
    w.heading(2, &format!("Since the last checkpoint ({before})"));
    w.table(&["", &before, &after, "Change"], |w| {
        for r in &since.rows {
            w.row(|w| {
                w.cell_text(&r.label).cell_text(&r.before);
                w.cell_text(&r.after).cell_text(&r.text);
            });
        }
    });
}

pub(super) fn baseline(w: &mut Writer, s: &Summary) {
    if s.skipped.iter().any(|p| p == "baseline") || s.assessment.baseline.is_empty() {
        return;
    }
    let sections = &s.assessment.baseline;
    w.heading(2, "Baseline");
    w.table(&["Section", "Score (0–3)"], |w| {
        for sec in sections {
            w.row(|w| {
                w.cell_text(sec.title).cell_text(&one(sec.score));
            });
        }
    });
    w.expand("Baseline items", |w| {
        for sec in sections {
            w.heading(3, sec.title);
            w.table(&["Item", "Squad answer", "Votes", "Spread"], |w| {
                for i in &sec.items {
                    w.row(|w| {
                        w.cell_text(i.name).cell_text(&answer(i, false));
                        w.cell_text(&votes(i)).cell_text(&spread(i));
                    });
                }
            });
        }
    });
}

pub(super) fn phases(w: &mut Writer, s: &Summary) {
    let Some(phases) = &s.assessment.phases else {
        return;
    };
    if s.skipped.iter().any(|p| p == "phases") {
        return;
    }
    w.heading(2, phases.title);
    let mut headers = vec!["Phase", "Progress"];
    headers.extend(phases.columns.iter().copied());
    w.table(&headers, |w| {
        for (n, p) in phases.phases.iter().enumerate() {
            w.row(|w| {
                w.cell(|w| {
                    if Some(n) == phases.working_on {
                        w.strong(p.title).text(" ");
                        w.status(Colour::Blue, "working on");
                    } else if p.reached {
                        w.text(p.title).text(" ");
                        w.status(Colour::Green, "reached");
                    } else {
                        w.text(p.title);
                    }
                });
                let progress = |rated: bool, value: Option<f64>, otherwise: &str| {
                    value
                        .filter(|_| rated)
                        .map_or_else(|| otherwise.to_string(), percent)
                };
                w.cell_text(&progress(p.rated, p.progress, "not rated"));
                for c in &p.columns {
                    w.cell_text(&progress(c.rated, c.progress, NONE));
                }
            });
        }
    });
    match phases.working_on.and_then(|n| phases.phases.get(n)) {
        Some(p) => {
            w.para_text(&format!("Next milestones for {}:", p.title));
            w.list(|w| {
                for m in &phases.next {
                    w.item(|w| {
                        w.text(m.text).text(&format!(" ({})", m.column));
                    });
                }
            });
        }
        None => {
            w.para_text("Every phase is reached.");
        }
    }
    w.expand("Milestones", |w| {
        for p in &phases.phases {
            w.heading(3, p.title);
            w.table(&["Column", "Milestone", "Squad answer", "Votes"], |w| {
                for c in &p.columns {
                    for m in &c.milestones {
                        w.row(|w| {
                            w.cell_text(c.title).cell_text(m.text);
                            w.cell_text(&answer(m, false)).cell_text(&votes(m));
                        });
                    }
                }
            });
        }
    });
}

pub(super) fn discussion(w: &mut Writer, s: &Summary) {
    if s.mode == crate::checkpoint::Mode::Solo {
        return;
    }
    w.heading(2, "To discuss");
    let questions = &s.assessment.discussion;
    if questions.is_empty() {
        w.para_text(
            "The squad agreed on every question (no votes spread two steps or more apart).",
        );
        return;
    }
    w.para_text("Votes spread two steps or more apart:");
    w.table(&["Question", "Votes", "Spread", "Agreed"], |w| {
        for q in questions {
            w.row(|w| {
                w.cell_text(q.name).cell_text(&votes(q));
                w.cell_text(&spread(q));
                w.cell_text(&q.agreed.map_or(NONE.into(), |v| v.to_string()));
            });
        }
    });
}

pub(super) fn notes(w: &mut Writer, s: &Summary) {
    if s.notes.is_empty() {
        return;
    }
    w.heading(2, "Notes");
    w.expand(&format!("{} notes", s.notes.len()), |w| {
        w.list(|w| {
            for (question, note) in &s.notes {
                w.item(|w| {
                    w.strong(question).text(": ").text(note);
                });
            }
        });
    });
}

pub(super) fn past(w: &mut Writer, s: &Summary) {
    if s.past.is_empty() {
        return;
    }
    w.heading(2, "Past DevOps checkpoints");
    w.list(|w| {
        for p in &s.past {
            let title = format!(
                "{} | {} | DevOps Checkpoint",
                p.squad,
                p.date.strftime("%Y-%m")
            );
            w.item(|w| {
                match &p.page {
                    Some(url) => w.link(url, &title),
                    None => w.text(&title),
                };
                w.text(&format!(" ({}): ", p.date));
                match (&p.level, p.score) {
                    (Some(level), Some(score)) => {
                        w.text(&format!("{level}, DORA score {}", fixed(score, 2)))
                    }
                    _ => w.text("level not determined"),
                };
            });
        }
    });
}
