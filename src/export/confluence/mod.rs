//! The summary as Confluence storage format (`--format confluence`, and the body `checkpoint
//! publish` sends) or as the body of the HTML page (`--format html`): the same [`Summary`] the
//! markdown template renders, laid out like seed 004's "Partner Tooling | 2023-01 | DevOps
//! Checkpoint" page. The title is not in the body: Confluence shows it as the page's title.
//!
//! Sections, in order: the overview table (in a page properties macro, so a report on the
//! squad's parent page can list every checkpoint), DevOps maturity with the level as a status
//! lozenge, the capabilities to focus on, the delivery flow, the top improvements, the actions,
//! what changed since the last checkpoint, the baseline and the phases (their items and
//! milestones in expand macros), what to discuss, the notes (expand) and the past checkpoints,
//! linked to their pages when `checkpoint publish` recorded them.

mod measures;
mod plan;
mod quick;

use super::Summary;
use super::xhtml::{Colour, Flavour, Writer};
use crate::assessment::QuestionResult;
use crate::number::fixed;

/// Shown for a missing value, as in the markdown.
pub(super) const NONE: &str = "–";

/// The summary's body in `flavour`.
pub fn render(summary: &Summary, flavour: Flavour) -> String {
    let mut w = Writer::new(flavour);
    overview(&mut w, summary);
    maturity(&mut w, summary);
    capabilities(&mut w, summary);
    plan::flow(&mut w, summary);
    plan::improvements(&mut w, summary);
    plan::actions(&mut w, summary);
    measures::since(&mut w, summary);
    measures::baseline(&mut w, summary);
    measures::phases(&mut w, summary);
    measures::discussion(&mut w, summary);
    measures::notes(&mut w, summary);
    measures::past(&mut w, summary);
    w.para(|w| {
        w.raw("<em>")
            .text(&format!("Created with {}.", summary.generator));
        w.raw("</em>");
    });
    w.finish()
}

/// The status lozenge colour of a level, by its id: red to green as the seed's chart draws
/// Low to Elite; a level of a custom benchmark is grey.
pub fn level_colour(id: &str) -> Colour {
    match id {
        "low" => Colour::Red,
        "medium" => Colour::Yellow,
        "high" => Colour::Blue,
        "elite" => Colour::Green,
        _ => Colour::Grey,
    }
}

fn level(w: &mut Writer, summary: &Summary) {
    match &summary.assessment.dora.level {
        Some(l) => w.status(level_colour(l.id), l.name),
        None => w.status(Colour::Grey, "not determined yet"),
    };
}

fn overview(w: &mut Writer, s: &Summary) {
    w.page_properties("devops-checkpoint", |w| {
        w.key_table(|w| {
            w.pair("Squad", |w| {
                w.text(s.squad);
            });
            if !s.tribe.trim().is_empty() {
                w.pair("Tribe", |w| {
                    w.text(s.tribe);
                });
            }
            w.pair("Workshop date", |w| {
                match s.date.parse::<jiff::civil::Date>() {
                    Ok(date) => {
                        w.date(date);
                    }
                    Err(_) => {
                        w.text(&s.date);
                    }
                }
            });
            w.pair("Facilitator", |w| {
                w.text(or_none(s.facilitator));
            });
            if !s.board_link.trim().is_empty() || s.mode != crate::checkpoint::Mode::Solo {
                w.pair("Board link", |w| {
                    if s.board_link.trim().is_empty() {
                        w.text(NONE);
                    } else {
                        w.link(s.board_link, "Board link");
                    }
                });
            }
            w.pair("DevOps Maturity", |w| {
                match &s.assessment.dora.quick_check {
                    Some(qc) => quick::overview(w, qc),
                    None => level(w, s),
                }
            });
            w.pair("Capabilities", |w| {
                let names: Vec<String> = s
                    .assessment
                    .capabilities
                    .iter()
                    .map(|c| {
                        if c.focus_first {
                            format!("{} (focus first)", c.name)
                        } else {
                            c.name.to_string()
                        }
                    })
                    .collect();
                w.text(or_none(&names.join(", ")));
            });
            w.pair("Participants", |w| {
                w.text(or_none(&s.participants.join(", ")));
            });
            if !s.absent.is_empty() {
                let absent: Vec<String> = s
                    .absent
                    .iter()
                    .map(|(part, names)| format!("{} ({part})", names.join(", ")))
                    .collect();
                w.pair("Absent", |w| {
                    w.text(&absent.join("; "));
                });
            }
        });
    });
    if s.hidden > 0 {
        let what = if s.hidden == 1 {
            "1 question is".to_string()
        } else {
            format!("{} questions are", s.hidden)
        };
        w.info(&format!(
            "Votes on {what} not revealed yet: this summary leaves them out."
        ));
    }
}

fn maturity(w: &mut Writer, s: &Summary) {
    let dora = &s.assessment.dora;
    let month = s
        .date
        .parse::<jiff::civil::Date>()
        .map_or_else(|_| s.month.clone(), |d| d.strftime("%b %Y").to_string());
    w.heading(1, &format!("DevOps Checkpoint Summary {month}"));
    w.heading(2, "DevOps maturity");
    if let Some(qc) = &dora.quick_check {
        quick::maturity(w, s, qc);
        questions(w, s);
        return;
    }
    match (&dora.level, dora.score) {
        (Some(l), Some(score)) => {
            w.para(|w| {
                w.text("DevOps maturity is... ")
                    .strong(&format!("{}!", l.name));
            });
            w.para(|w| {
                w.text("Your performance: ");
                level(w, s);
                if let Some(p) = dora.percentile {
                    w.text(&format!(
                        " You're performing better than {p}% of respondents ({}).",
                        dora.source
                    ));
                }
                w.text(&format!(" DORA score {} of 6.", fixed(score, 2)));
            });
        }
        _ => {
            w.para_text(&format!(
                "The level is not determined yet: it needs a value for every DORA question, and \
                 {} of {} have one. An n/a does not count: when there is no data, make your best \
                 guess.",
                dora.answered,
                dora.questions.len()
            ));
        }
    }
    let shares: Vec<String> = dora
        .shares
        .iter()
        .rev()
        .map(|l| format!("{} {}%", l.name, fixed(l.share, 0)))
        .collect();
    w.para_text(&format!(
        "Share of respondents per level ({}): {}.",
        dora.source,
        shares.join(", ")
    ));
    questions(w, s);
}

/// The DORA questions: the squad's answer and its votes.
fn questions(w: &mut Writer, s: &Summary) {
    let headers = [
        "Question",
        "Squad answer",
        "Votes",
        "Mean",
        "Median",
        "Spread",
    ];
    w.table(&headers, |w| {
        for q in &s.assessment.dora.questions {
            w.row(|w| {
                w.cell_text(q.name).cell_text(&answer(q, true));
                w.cell_text(&votes(q)).cell_text(&one(q.stats.mean));
                w.cell_text(&one(q.stats.median)).cell_text(&spread(q));
            });
        }
    });
}

fn capabilities(w: &mut Writer, s: &Summary) {
    let caps = &s.assessment.capabilities;
    let level = s.assessment.dora.level.as_ref().map_or("", |l| l.name);
    w.heading(2, "Capabilities to focus on");
    let on_2025 = s.assessment.dora.quick_check.is_some();
    if caps.is_empty() {
        w.para_text(if on_2025 {
            "The DORA 2025 model has no performance level, so no capabilities are recommended. \
             The squad can choose capabilities to rate on purpose; none was rated in this \
             checkpoint."
        } else {
            "The capabilities follow from the DevOps maturity level, once every DORA question \
             has an answer."
        });
        return;
    }
    let rated = !s.skipped.iter().any(|p| p == "capabilities");
    w.para(|w| {
        if on_2025 {
            w.text("The ")
                .strong("capabilities")
                .text(" the squad chose to rate (the DORA 2025 model recommends none):");
        } else {
            w.text("Based on this maturity (")
                .text(level)
                .text("), the ")
                .strong("capabilities")
                .text(" the squad should be focusing on are:");
        }
    });
    let mut headers = vec!["Capability", "What it is"];
    if rated {
        headers.extend(["Score", "Focus"]);
    }
    w.table(&headers, |w| {
        for c in caps {
            w.row(|w| {
                w.cell(|w| {
                    if c.focus_first {
                        w.strong(c.name);
                    } else {
                        w.text(c.name);
                    }
                });
                w.cell_text(c.description);
                if rated {
                    w.cell_text(&c.score.map_or(NONE.into(), |v| format!("{}%", fixed(v, 0))));
                    w.cell(|w| {
                        if c.focus_first {
                            w.status(Colour::Blue, "Key focus area");
                        } else {
                            w.text(NONE);
                        }
                    });
                }
            });
        }
    });
    if !rated {
        w.para_text("Their statements were not rated in this checkpoint.");
    }
}

pub(super) fn or_none(text: &str) -> &str {
    if text.trim().is_empty() { NONE } else { text }
}

pub(super) fn one(value: Option<f64>) -> String {
    value.map_or(NONE.into(), |v| fixed(v, 1))
}

/// The squad's answer as the markdown shows it: `Less than one day (5.0), agreed`.
pub(super) fn answer(q: &QuestionResult, agreed: bool) -> String {
    let mark = if agreed && q.agreed.is_some() {
        ", agreed"
    } else {
        ""
    };
    match (q.value, q.not_applicable) {
        (Some(v), _) => format!("{} ({}){mark}", q.value_label.unwrap_or(""), fixed(v, 1)),
        (None, true) => format!("n/a{mark}"),
        (None, false) => NONE.into(),
    }
}

/// The distribution as `5 ×2 · 6 ×1 · n/a ×1`, or `no votes`, as the markdown's `votes` filter.
pub(super) fn votes(q: &QuestionResult) -> String {
    let mut parts: Vec<String> = q
        .stats
        .distribution
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| format!("{v} ×{n}"))
        .collect();
    if q.stats.not_applicable > 0 {
        parts.push(format!("n/a ×{}", q.stats.not_applicable));
    }
    if parts.is_empty() {
        "no votes".into()
    } else {
        parts.join(" · ")
    }
}

pub(super) fn spread(q: &QuestionResult) -> String {
    let flag = if q.stats.discuss { " ⚠" } else { "" };
    q.stats.spread.map_or(NONE.into(), |s| format!("{s}{flag}"))
}
