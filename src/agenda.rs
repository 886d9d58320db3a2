//! The workshop's agenda: its parts in order (the checklists' sets, then the delivery flow, the
//! improvements, the actions and the summary), what each part holds, when a question is done,
//! and the time the whole workshop takes against the parts' timeboxes. No terminal types.

use std::collections::HashMap;

use crate::capabilities::Walk;
use crate::checklist::{Catalog, SetBody};
use crate::checkpoint::Checkpoint;

/// The part id of the summary page in the agenda and the session.
pub const SUMMARY_PART: &str = "summary";

/// The part id of noting and dot-voting the improvements.
pub const IMPROVEMENTS_PART: &str = "improvements";

/// What a part of the workshop is, and so which screen it opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A checklist set's questions, voted one by one.
    Questions,
    /// The phases' milestones: it opens on the board rather than the first question.
    Board,
    /// Capability statements: those of the capabilities the DORA level recommends.
    Capabilities,
    /// Drawing the delivery flow.
    Flow,
    /// Noting improvements and dot-voting them.
    Improvements,
    /// Breaking the top improvements into actions.
    Actions,
    Summary,
}

/// The parts after the checklists, before the summary: id, title, timebox (seed 004: 10 minutes
/// to draw the flow, 10 to mark improvements and 5 to dot-vote them, then the top improvements
/// broken down into actions). With the checklists' own timeboxes they make the workshop's
/// [`WORKSHOP_MINUTES`].
const PLAN_PARTS: [(PartKind, &str, &str, Option<u32>); 3] = [
    (PartKind::Flow, "flow", "Delivery flow", Some(10)),
    (
        PartKind::Improvements,
        IMPROVEMENTS_PART,
        "Improvements, dot-voted",
        Some(15),
    ),
    (PartKind::Actions, "actions", "Actions", Some(5)),
];

/// One part of the workshop, as the agenda lists it.
#[derive(Debug, Clone)]
pub struct Part {
    /// The checklist set's id, `flow`, `improvements`, `actions` or [`SUMMARY_PART`].
    pub id: String,
    pub title: String,
    pub timebox: Option<u32>,
    pub kind: PartKind,
    /// The questions, in workshop order, each with the heading it sits under.
    pub items: Vec<Item>,
}

/// A question in a part.
#[derive(Debug, Clone)]
pub struct Item {
    pub question: String,
    pub group: String,
}

/// The parts of the workshop from the catalog's sets, then the flow, improvements and actions,
/// then the summary.
pub fn parts(catalog: &Catalog) -> Vec<Part> {
    let mut parts: Vec<Part> = catalog
        .sets()
        .filter(|s| !matches!(s.body, SetBody::Kits(_)))
        .map(|s| Part {
            id: s.id.clone(),
            title: s.title.clone(),
            timebox: s.timebox_minutes,
            kind: match s.body {
                SetBody::Phases(_) => PartKind::Board,
                SetBody::Capabilities(_) => PartKind::Capabilities,
                _ => PartKind::Questions,
            },
            items: Vec::new(),
        })
        .collect();
    for group in catalog.groups() {
        if let Some(part) = parts.iter_mut().find(|p| p.id == group.set) {
            part.items.extend(group.questions.iter().map(|q| Item {
                question: q.id.clone(),
                group: group.title.clone(),
            }));
        }
    }
    let summary = [(PartKind::Summary, SUMMARY_PART, "Summary", None)];
    for (kind, id, title, timebox) in PLAN_PARTS.into_iter().chain(summary) {
        parts.push(Part {
            id: id.to_string(),
            title: title.to_string(),
            timebox,
            kind,
            items: Vec::new(),
        });
    }
    parts
}

/// The items of capabilities part `part`: the statements of the capabilities `walk` goes
/// through that belong to its set, each under its capability's name.
pub fn walk_items(catalog: &Catalog, walk: &Walk, part: &str) -> Vec<Item> {
    let caps = walk.in_set(catalog, part).into_iter();
    caps.flat_map(|c| {
        c.statements.iter().map(|s| Item {
            question: s.id.clone(),
            group: c.name.clone(),
        })
    })
    .collect()
}

/// The agenda of `checkpoint` as the shared screen has it: [`parts`], each capabilities part
/// holding the statements of the capabilities its walk goes through (the level's three and
/// those rated already) with votes not yet revealed left out.
pub fn shared(catalog: &Catalog, checkpoint: &Checkpoint) -> Vec<Part> {
    let catalog = catalog.for_model(checkpoint.dora);
    let mut parts = parts(catalog);
    let walk = Walk::new(catalog, checkpoint, &[], true);
    for part in parts
        .iter_mut()
        .filter(|p| p.kind == PartKind::Capabilities)
    {
        part.items = walk_items(catalog, &walk, &part.id);
    }
    parts
}

/// Question id → (part, index in the part).
pub fn places(parts: &[Part]) -> HashMap<String, (usize, usize)> {
    let each = parts.iter().enumerate().flat_map(|(p, part)| {
        let items = part.items.iter().enumerate();
        items.map(move |(i, item)| (item.question.clone(), (p, i)))
    });
    each.collect()
}

/// Whether the squad is done with `question`: an agreed value, or everyone voted.
pub fn is_done(checkpoint: &Checkpoint, question: &str) -> bool {
    checkpoint
        .answer(question)
        .is_some_and(|a| a.agreed.is_some())
        || checkpoint.everyone_voted(question)
}

/// Questions done and questions in all, for a part.
pub fn progress(part: &Part, checkpoint: &Checkpoint) -> (usize, usize) {
    let done = part
        .items
        .iter()
        .filter(|i| is_done(checkpoint, &i.question));
    (done.count(), part.items.len())
}

/// Whether the squad is done with a part: every question, or for the plan's parts the stages
/// drawn, the improvements noted with every dot placed, and an action for every top
/// improvement. The summary is never done.
pub fn part_done(part: &Part, c: &Checkpoint) -> bool {
    match part.kind {
        PartKind::Questions | PartKind::Board | PartKind::Capabilities => {
            let (done, total) = progress(part, c);
            total > 0 && done == total
        }
        PartKind::Flow => !c.flow.is_empty(),
        PartKind::Improvements => !c.improvements.is_empty() && c.all_dots_placed(),
        PartKind::Actions => {
            let ranking = c.ranking();
            let mut top = ranking.iter().filter(|r| r.is_top()).peekable();
            top.peek().is_some() && top.all(|r| c.actions_for(Some(r.index)).next().is_some())
        }
        PartKind::Summary => false,
    }
}

/// Whether the facilitator skipped the part.
pub fn is_skipped(part: &Part, checkpoint: &Checkpoint) -> bool {
    checkpoint.session.skipped.contains(&part.id)
}

/// The workshop takes about two hours, in one slot or two of an hour (seed 004).
pub const WORKSHOP_MINUTES: u32 = 120;

/// The minutes the parts' timeboxes add up to (parts without one count nothing).
pub fn planned_minutes(timeboxes: impl IntoIterator<Item = Option<u32>>) -> u32 {
    timeboxes.into_iter().flatten().fold(0, u32::saturating_add)
}

/// `2 h`, `1 h 45 min`, `50 min`.
pub fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeboxes_add_up_and_read_in_hours() {
        assert_eq!(
            planned_minutes([Some(60), None, Some(15), Some(u32::MAX)]),
            u32::MAX
        );
        assert_eq!(planned_minutes([Some(60), None, Some(15)]), 75);
        assert_eq!(duration(120), "2 h");
        assert_eq!(duration(105), "1 h 45 min");
        assert_eq!(duration(50), "50 min");
    }
}
