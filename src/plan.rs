//! The squad's plan as the screens and the summary show it: the delivery flow as one line of
//! text, what an improvement concerns in words, starting points for new improvements, the
//! execution kits that fit one, and the ranked improvements with their actions.

use serde::Serialize;

use crate::assessment::Assessment;
use crate::checklist::{Catalog, Kit};
use crate::checkpoint::{Action, Checkpoint, Concern, FollowUp, Improvement, Stage};

/// The flow as one line that survives any paste: `Write code (manual) → CI (automated) → …`.
pub fn flow_line(flow: &[Stage]) -> String {
    flow.iter()
        .map(|s| format!("{} ({})", s.name, stage_how(s)))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// "manual" or "automated", with "deployments fail" when they do.
pub fn stage_how(stage: &Stage) -> String {
    let how = runs(stage);
    if stage.fails {
        format!("{how}, deployments fail")
    } else {
        how.to_string()
    }
}

/// "manual" or "automated".
pub fn runs(stage: &Stage) -> &'static str {
    if stage.automated {
        "automated"
    } else {
        "manual"
    }
}

/// What an improvement concerns, in words: `Stage: CI`, `Capability: Continuous delivery`,
/// `Milestone: <its text>`. An id no loaded checklist has is shown as it is.
pub fn concern_label(catalog: &Catalog, concern: &Concern) -> String {
    match concern {
        Concern::Stage(name) => format!("Stage: {name}"),
        Concern::Capability(id) => {
            let name = catalog.capability(id).map_or(id.as_str(), |c| &c.name);
            format!("Capability: {name}")
        }
        Concern::Milestone(id) => {
            let text = catalog.question(id).map_or(id.as_str(), |q| q.name());
            format!("Milestone: {text}")
        }
    }
}

/// The first execution kit that fits `improvement`: it concerns the kit's capability, or its
/// text or what it concerns holds one of the kit's keywords.
pub fn kit_for<'a>(catalog: &'a Catalog, improvement: &Improvement) -> Option<&'a Kit> {
    let mut words = improvement.text.to_lowercase();
    if let Some(concern) = &improvement.concerns {
        words.push(' ');
        words.push_str(&concern_label(catalog, concern).to_lowercase());
    }
    catalog.kits().find(|kit| {
        let capability = matches!(
            (&improvement.concerns, &kit.capability),
            (Some(Concern::Capability(c)), Some(k)) if c == k
        );
        capability
            || kit
                .keywords
                .iter()
                .any(|k| words.contains(&k.to_lowercase()))
    })
}

/// A starting point for an improvement, offered when one is added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub text: String,
    pub concerns: Concern,
    /// Why it is suggested: "focus first", "next milestone", "manual stage", ...
    pub why: &'static str,
}

/// Starting points for improvements: the capability to focus on first, the next milestones,
/// and the stages of the flow that are manual or where deployments fail. Those already added
/// (the same text and concern) are left out.
pub fn suggestions(catalog: &Catalog, checkpoint: &Checkpoint) -> Vec<Suggestion> {
    let assessment = Assessment::new(catalog, checkpoint);
    let mut out = Vec::new();
    if let Some(c) = assessment.focus_first() {
        out.push(Suggestion {
            text: format!("Improve {}", c.name.to_lowercase()),
            concerns: Concern::Capability(c.id.to_string()),
            why: "capability to focus on first",
        });
    }
    for m in assessment.phases.iter().flat_map(|p| &p.next) {
        out.push(Suggestion {
            text: crate::checklist::flat(m.text),
            concerns: Concern::Milestone(m.id.to_string()),
            why: "next milestone",
        });
    }
    for stage in &checkpoint.flow {
        let (text, why) = match (stage.fails, stage.automated) {
            (true, _) => (
                format!("Stop deployments failing at {}", stage.name),
                "deployments fail here",
            ),
            (false, false) => (format!("Automate {}", stage.name), "manual stage"),
            (false, true) => continue,
        };
        out.push(Suggestion {
            text,
            concerns: Concern::Stage(stage.name.clone()),
            why,
        });
    }
    out.retain(|s| {
        !checkpoint
            .improvements
            .iter()
            .any(|i| i.text == s.text && i.concerns.as_ref() == Some(&s.concerns))
    });
    out
}

/// The plan as the summary shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Plan<'a> {
    pub flow: &'a [Stage],
    /// [`flow_line`] of the flow.
    pub flow_line: String,
    /// Every improvement, ranked by dots (in the order added while the dots are hidden).
    pub improvements: Vec<RankedImprovement<'a>>,
    pub dots_per_person: u32,
    /// Whether there are dots to show: revealed, all placed, or (from the CLI) placed at all. An
    /// export from the shared screen leaves hidden dots out.
    pub dots_shown: bool,
    /// Actions tied to no improvement.
    pub other_actions: Vec<ActionView<'a>>,
    /// The previous checkpoint's actions, marked done or not.
    pub previous_actions: Vec<FollowUpView<'a>>,
}

/// An improvement in the ranking, with its actions.
#[derive(Debug, Clone, Serialize)]
pub struct RankedImprovement<'a> {
    pub rank: usize,
    pub text: &'a str,
    /// [`concern_label`], when it concerns something.
    pub concerns: Option<String>,
    pub dots: u32,
    /// Who gave how many dots, in the order of the participants.
    pub voters: Vec<(&'a str, u32)>,
    /// Among the top ones (see [`crate::checkpoint::TOP`]).
    pub top: bool,
    pub actions: Vec<ActionView<'a>>,
    /// The kit its actions were picked from.
    pub kit: Option<KitView<'a>>,
}

/// An action as the summary lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ActionView<'a> {
    pub text: &'a str,
    pub owner: &'a str,
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
}

/// One of last checkpoint's actions as the summary lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpView<'a> {
    pub text: &'a str,
    pub owner: &'a str,
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
    /// The date of the checkpoint that agreed on it, `YYYY-MM-DD`.
    pub from: String,
    pub done: bool,
}

impl<'a> FollowUpView<'a> {
    fn new(f: &'a FollowUp) -> FollowUpView<'a> {
        FollowUpView {
            text: &f.text,
            owner: &f.owner,
            due: f.due.map(|d| d.to_string()),
            from: f.from.to_string(),
            done: f.done,
        }
    }
}

/// The execution kit behind an improvement's actions.
#[derive(Debug, Clone, Serialize)]
pub struct KitView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub definition_of_done: &'a [String],
}

impl<'a> ActionView<'a> {
    fn new(action: &'a Action) -> ActionView<'a> {
        ActionView {
            text: &action.text,
            owner: &action.owner,
            due: action.due.map(|d| d.to_string()),
        }
    }
}

impl<'a> Plan<'a> {
    /// Ranks the improvements of `checkpoint` and gathers their actions.
    pub fn new(catalog: &'a Catalog, checkpoint: &'a Checkpoint) -> Plan<'a> {
        let catalog = catalog.for_model(checkpoint.dora);
        // Hidden dots are cleared from the shared screen's copy (`revealed_only`); any dot left
        // may be shown, as the CLI's export shows every vote.
        let dots_shown =
            checkpoint.dots_shown() || checkpoint.improvements.iter().any(|i| !i.dots.is_empty());
        let mut ranking = checkpoint.ranking();
        if !dots_shown {
            ranking.sort_by_key(|r| r.index);
        }
        let improvements = ranking
            .iter()
            .map(|r| {
                let improvement = &checkpoint.improvements[r.index];
                let voters = checkpoint
                    .participants
                    .iter()
                    .filter_map(|p| Some((p.as_str(), *improvement.dots.get(p)?)))
                    .collect();
                let kit = improvement
                    .kit
                    .as_deref()
                    .and_then(|id| catalog.kits().find(|k| k.id == id))
                    .map(|k| KitView {
                        id: &k.id,
                        title: &k.title,
                        definition_of_done: &k.definition_of_done,
                    });
                RankedImprovement {
                    rank: r.rank,
                    text: &improvement.text,
                    concerns: improvement
                        .concerns
                        .as_ref()
                        .map(|c| concern_label(catalog, c)),
                    dots: r.dots,
                    voters,
                    top: dots_shown && r.is_top(),
                    actions: checkpoint
                        .actions_for(Some(r.index))
                        .map(|(_, a)| ActionView::new(a))
                        .collect(),
                    kit,
                }
            })
            .collect();
        Plan {
            flow: &checkpoint.flow,
            flow_line: flow_line(&checkpoint.flow),
            improvements,
            dots_per_person: checkpoint.dot_voting.per_person,
            dots_shown,
            other_actions: checkpoint
                .actions_for(None)
                .map(|(_, a)| ActionView::new(a))
                .collect(),
            previous_actions: checkpoint
                .previous_actions
                .iter()
                .map(FollowUpView::new)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;
