//! Writing the blank ballot a [`Selection`] asks for: every part, one part, or the capabilities a
//! level recommends and those chosen on purpose, each capability titled with why it is asked.

use super::Selection;
use crate::ballot::write::write_blank;
use crate::checklist::{Capability, Catalog, Group, SetBody};

/// How `checkpoint import` takes the ballots in.
const IMPORT: &str = "Hand the file to your facilitator, who runs\n\
                      #    `checkpoint import --squad NAME ballot-*.yaml`.";

/// A blank ballot asking what `selection` chose.
pub fn blank<'a>(catalog: &'a Catalog, selection: &Selection) -> String {
    let groups = catalog.groups();
    let level_name = |id: &str| {
        catalog
            .find_level(id)
            .map_or(id.to_string(), |l| l.name.clone())
    };
    // Each capability says which level recommends it.
    let for_level = |g: &Group<'a>| -> Group<'a> {
        let mut g = g.clone();
        if let Some(c) = capability_of(catalog, &g) {
            g.title = format!("{} (recommended for {})", c.name, level_name(&c.level));
        }
        g
    };
    let notes = |set: &str| -> Vec<String> {
        match catalog.sets().find(|s| s.id == set).map(|s| &s.body) {
            Some(SetBody::Dora(_)) => vec![
                "The DORA level needs a value for every one of these questions: when there is \
                 no data, give your best guess rather than n/a."
                    .to_string(),
            ],
            Some(SetBody::Capabilities(_)) if matches!(selection, Selection::All) => vec![
                "Rate the three capabilities your DORA level recommends (each says its level); \
                 rate others only if the squad chooses to. To vote on the DORA questions first: \
                 `checkpoint ballot --part dora`, then `checkpoint ballot --part capabilities \
                 --checkpoint NAME` asks only the level's three."
                    .to_string(),
            ],
            _ => Vec::new(),
        }
    };
    match selection {
        Selection::All => {
            let all: Vec<Group> = groups.iter().map(for_level).collect();
            write_blank(&all, &[], &notes, IMPORT)
        }
        Selection::Part(set) => {
            let own: Vec<Group> = groups
                .iter()
                .filter(|g| g.set == set.id)
                .map(for_level)
                .collect();
            let mut intro = vec![format!(
                "This ballot asks the {} questions only.",
                set.title
            )];
            if matches!(set.body, SetBody::Dora(_)) {
                intro.push(
                    "Once they are imported, `checkpoint ballot --part capabilities --checkpoint \
                     NAME` writes the ballot for the capabilities the squad's level recommends."
                        .to_string(),
                );
            }
            write_blank(&own, &intro, &notes, IMPORT)
        }
        Selection::Capabilities {
            level,
            recommended,
            chosen,
            note,
        } => {
            let names = |caps: &[&Capability]| {
                let names: Vec<&str> = caps.iter().map(|c| c.name.as_str()).collect();
                names.join(", ")
            };
            let mut intro = Vec::new();
            if let Some((level, from)) = level {
                let of = from
                    .as_ref()
                    .map_or(String::new(), |f| format!(", the DORA level of {f}"));
                intro.push(format!(
                    "The capabilities recommended for {}{of}: {}.",
                    level.name,
                    names(recommended)
                ));
            }
            if let Some(note) = note {
                intro.push(note.clone());
            }
            if !chosen.is_empty() {
                intro.push(format!("Chosen on purpose: {}.", names(chosen)));
            }
            let group = |c: &Capability, why: String| {
                let g = groups
                    .iter()
                    .find(|g| capability_of(catalog, g).is_some_and(|o| o.id == c.id))?;
                let mut g = g.clone();
                g.title = format!("{} ({why})", c.name);
                Some(g)
            };
            let level = level.as_ref().map(|(l, _)| l.name.as_str()).unwrap_or("");
            let own: Vec<Group> = recommended
                .iter()
                .filter_map(|c| group(c, format!("recommended for {level}")))
                .chain(
                    chosen
                        .iter()
                        .filter_map(|c| group(c, "chosen on purpose".to_string())),
                )
                .collect();
            let hand_in = "Hand the file to your facilitator, who adds it to the squad's\n\
                           #    checkpoint, next to its DORA answers.";
            write_blank(&own, &intro, &notes, hand_in)
        }
    }
}

/// The capability whose statements a group holds.
fn capability_of<'a>(catalog: &'a Catalog, group: &Group) -> Option<&'a Capability> {
    let first = group.questions.first()?;
    catalog
        .capabilities()
        .find(|c| c.statements.first().is_some_and(|s| s.id == first.id))
}
