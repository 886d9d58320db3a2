//! The execution kits' starter backlogs, as actions: the list to pick from (the kit that fits
//! the improvement first, with its definition of done), and the picked items added.

use crate::command::{Command, Done, is_action};
use crate::tui::effect::Effect;
use crate::tui::model::Model;
use crate::tui::popup::{Pick, PickItem, PickPurpose, Popup};

/// The execution kits' starter backlogs to pick actions from, the one that fits the improvement
/// first, with its definition of done.
pub fn kit_picker(model: &Model, improvement: usize) -> Popup {
    let catalog = &model.catalog;
    let fits = model
        .checkpoint()
        .and_then(|c| c.improvements.get(improvement))
        .and_then(|m| crate::plan::kit_for(catalog, m))
        .map(|k| k.id.clone());
    let mut kits: Vec<&crate::checklist::Kit> = catalog.kits().collect();
    kits.sort_by_key(|k| Some(&k.id) != fits.as_ref());
    let mut items = Vec::new();
    let mut steps = Vec::new();
    let mut added = Vec::new();
    for kit in &kits {
        for step in &kit.steps {
            added.push(
                model
                    .checkpoint()
                    .is_some_and(|c| is_action(c, &step.title)),
            );
            items.push(PickItem {
                label: step.title.clone(),
                detail: kit.title.clone(),
            });
            steps.push((kit.id.clone(), step.title.clone()));
        }
    }
    let done = kits
        .first()
        .map(|k| {
            let mut lines = vec![format!("Definition of done ({}):", k.title)];
            lines.extend(k.definition_of_done.iter().map(|d| format!("• {d}")));
            lines
        })
        .unwrap_or_default();
    let title = match &fits {
        Some(_) => "Starter backlog: Space picks, Enter adds the picked",
        None => "Starter backlogs (no kit names this improvement): Space picks, Enter adds",
    };
    let mut pick = Pick::new(title, items, PickPurpose::KitSteps { improvement, steps });
    pick.multi = true;
    pick.added = added;
    pick.notes = done;
    Popup::Pick(pick)
}

/// Adds the picked starter-backlog items as actions of `improvement`, and remembers the kit so
/// the summary shows its definition of done.
pub fn add_steps(model: &Model, improvement: usize, steps: Vec<(String, String)>) -> Vec<Effect> {
    let command = Command::AddKitSteps { improvement, steps };
    let Ok((_, done)) = model.preview(&command) else {
        return Vec::new();
    };
    let said = match done {
        Done::Count(0) => "Nothing picked: Space picks an item.".to_string(),
        Done::Count(1) => "Added 1 action; Enter on it gives it an owner.".to_string(),
        Done::Count(n) => format!("Added {n} actions; Enter on each gives it an owner."),
        _ => String::new(),
    };
    vec![Effect::Edit(command), Effect::Info(said)]
}
