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

use super::Summary;
use super::xhtml::{Colour, Flavour, Writer};
use crate::assessment::QuestionResult;
use crate::number::{fixed, percent};

/// Shown for a missing value, as in the markdown.
const NONE: &str = "–";

/// The summary's body in `flavour`.
pub fn render(summary: &Summary, flavour: Flavour) -> String {
    let mut w = Writer::new(flavour);
    overview(&mut w, summary);
    maturity(&mut w, summary);
    capabilities(&mut w, summary);
    flow(&mut w, summary);
    improvements(&mut w, summary);
    actions(&mut w, summary);
    since(&mut w, summary);
    baseline(&mut w, summary);
    phases(&mut w, summary);
    discussion(&mut w, summary);
    notes(&mut w, summary);
    past(&mut w, summary);
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
            w.pair("DevOps Maturity", |w| level(w, s));
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
    let headers = [
        "Question",
        "Squad answer",
        "Votes",
        "Mean",
        "Median",
        "Spread",
    ];
    w.table(&headers, |w| {
        for q in &dora.questions {
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
    if caps.is_empty() {
        w.para_text(
            "The capabilities follow from the DevOps maturity level, once every DORA question \
             has an answer.",
        );
        return;
    }
    let rated = !s.skipped.iter().any(|p| p == "capabilities");
    w.para(|w| {
        w.text("Based on this maturity (")
            .text(level)
            .text("), the ")
            .strong("capabilities")
            .text(" the squad should be focusing on are:");
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

fn flow(w: &mut Writer, s: &Summary) {
    w.heading(2, "Software delivery flow");
    let flow = s.plan.flow;
    if flow.is_empty() {
        w.para_text("The delivery flow was not drawn in this checkpoint.");
        return;
    }
    w.para_text(&s.plan.flow_line);
    let headers = ["#", "Stage", "Manual or automated", "Deployments fail"];
    w.table(&headers, |w| {
        for (i, stage) in flow.iter().enumerate() {
            w.row(|w| {
                w.cell_text(&(i + 1).to_string()).cell_text(&stage.name);
                w.cell(|w| {
                    if stage.automated {
                        w.status(Colour::Green, "automated");
                    } else {
                        w.status(Colour::Yellow, "manual");
                    }
                });
                w.cell(|w| {
                    if stage.fails {
                        w.status(Colour::Red, "fails");
                    } else {
                        w.text(NONE);
                    }
                });
            });
        }
    });
}

fn improvements(w: &mut Writer, s: &Summary) {
    let plan = &s.plan;
    w.heading(2, "Top improvements identified");
    if plan.improvements.is_empty() {
        w.para_text("No improvements were recorded.");
        return;
    }
    if !plan.dots_shown {
        w.para_text(
            "No dots are placed or revealed yet. The improvements in the order they were added:",
        );
        w.list(|w| {
            for i in &plan.improvements {
                w.item(|w| {
                    w.text(i.text);
                    if let Some(c) = &i.concerns {
                        w.text(&format!(" ({c})"));
                    }
                });
            }
        });
        return;
    }
    w.para_text(&format!(
        "Dot-voted with {} dots each.",
        plan.dots_per_person
    ));
    let ordered = plan.improvements.iter().filter(|i| i.top);
    let rest = plan.improvements.iter().filter(|i| !i.top);
    w.table(&["Rank", "Improvement", "Concerns", "Dots"], |w| {
        for i in ordered.chain(rest) {
            w.row(|w| {
                w.cell_text(&i.rank.to_string());
                w.cell(|w| {
                    if i.top {
                        w.strong(i.text);
                    } else {
                        w.text(i.text);
                    }
                });
                w.cell_text(i.concerns.as_deref().unwrap_or(NONE));
                let voters: Vec<String> =
                    i.voters.iter().map(|(n, d)| format!("{n} {d}")).collect();
                let dots = if voters.is_empty() {
                    i.dots.to_string()
                } else {
                    format!("{} ({})", i.dots, voters.join(", "))
                };
                w.cell_text(&dots);
            });
        }
    });
}

fn action_table<'a>(
    w: &mut Writer,
    actions: impl Iterator<Item = &'a crate::plan::ActionView<'a>>,
) {
    w.table(&["Action", "Owner", "Due"], |w| {
        for a in actions {
            w.row(|w| {
                w.cell_text(a.text).cell_text(or_none(a.owner));
                w.cell_text(a.due.as_deref().unwrap_or(NONE));
            });
        }
    });
}

fn actions(w: &mut Writer, s: &Summary) {
    let plan = &s.plan;
    w.heading(2, "Actions");
    let mut any = false;
    for i in plan.improvements.iter().filter(|i| !i.actions.is_empty()) {
        any = true;
        w.heading(3, i.text);
        action_table(w, i.actions.iter());
        if let Some(kit) = &i.kit {
            w.expand(&format!("Definition of done ({})", kit.title), |w| {
                w.list(|w| {
                    for d in kit.definition_of_done {
                        w.item(|w| {
                            w.text(d);
                        });
                    }
                });
            });
        }
    }
    if !plan.other_actions.is_empty() {
        any = true;
        w.heading(3, "Other actions");
        action_table(w, plan.other_actions.iter());
    }
    if !any {
        w.para_text("No actions were agreed yet.");
    }
    if let Some(first) = plan.previous_actions.first() {
        w.heading(
            3,
            &format!("Actions from the previous checkpoint ({})", first.from),
        );
        w.table(&["Action", "Owner", "Due", "Done"], |w| {
            for a in &plan.previous_actions {
                w.row(|w| {
                    w.cell_text(a.text).cell_text(or_none(a.owner));
                    w.cell_text(a.due.as_deref().unwrap_or(NONE));
                    w.cell(|w| {
                        if a.done {
                            w.status(Colour::Green, "done");
                        } else {
                            w.status(Colour::Red, "not done");
                        }
                    });
                });
            }
        });
    }
}

fn since(w: &mut Writer, s: &Summary) {
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

fn baseline(w: &mut Writer, s: &Summary) {
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

fn phases(w: &mut Writer, s: &Summary) {
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

fn discussion(w: &mut Writer, s: &Summary) {
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

fn notes(w: &mut Writer, s: &Summary) {
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

fn past(w: &mut Writer, s: &Summary) {
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

fn or_none(text: &str) -> &str {
    if text.trim().is_empty() { NONE } else { text }
}

fn one(value: Option<f64>) -> String {
    value.map_or(NONE.into(), |v| fixed(v, 1))
}

/// The squad's answer as the markdown shows it: `Less than one day (5.0), agreed`.
fn answer(q: &QuestionResult, agreed: bool) -> String {
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
fn votes(q: &QuestionResult) -> String {
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

fn spread(q: &QuestionResult) -> String {
    let flag = if q.stats.discuss { " ⚠" } else { "" };
    q.stats.spread.map_or(NONE.into(), |s| format!("{s}{flag}"))
}
