//! The plan's sections of the Confluence page: the delivery flow, the top improvements and the
//! actions.

use super::super::Summary;
use super::super::xhtml::{Colour, Writer};
use super::{NONE, or_none};

pub(super) fn flow(w: &mut Writer, s: &Summary) {
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

pub(super) fn improvements(w: &mut Writer, s: &Summary) {
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

pub(super) fn actions(w: &mut Writer, s: &Summary) {
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
