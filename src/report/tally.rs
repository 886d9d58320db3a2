//! What the report adds up over squads: the levels by tribe, the most common texts, and the
//! work spread over the cores.

use std::collections::BTreeMap;

use super::{NOT_KNOWN, Squad, Tribe};
use crate::checklist::Catalog;

/// The column of squads on the 2025 model, which has no levels.
pub const DORA_2025: &str = "on DORA 2025";

/// `f` of every item, in order, on as many threads as the machine has cores.
pub(super) fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

pub(super) fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Per tribe, the squads at each level.
pub(super) fn tribes(catalog: &Catalog, squads: &[Squad]) -> Vec<Tribe> {
    let levels: Vec<&str> = catalog
        .benchmark()
        .levels
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    let mut tribes: Vec<Tribe> = Vec::new();
    for squad in squads {
        let at = match tribes.iter().position(|t| same(&t.name, &squad.tribe)) {
            Some(at) => at,
            None => {
                let mut counts: Vec<(String, usize)> =
                    levels.iter().map(|l| (l.to_string(), 0)).collect();
                counts.push((DORA_2025.to_string(), 0));
                counts.push((NOT_KNOWN.to_string(), 0));
                tribes.push(Tribe {
                    name: squad.tribe.clone(),
                    squads: 0,
                    levels: counts,
                });
                tribes.len() - 1
            }
        };
        let tribe = &mut tribes[at];
        tribe.squads += 1;
        let level = match &squad.latest {
            s if s.quick_check.is_some() => DORA_2025,
            s => s.level.as_deref().unwrap_or(NOT_KNOWN),
        };
        let slot = tribe.levels.iter().position(|(l, _)| l == level);
        let last = tribe.levels.len() - 1;
        tribe.levels[slot.unwrap_or(last)].1 += 1;
    }
    tribes
}

/// How many squads name each text, most first (then alphabetically), texts compared without
/// case; at most ten.
pub(super) fn most_common<'a>(
    lists: impl Iterator<Item = &'a Vec<String>>,
) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for list in lists {
        let mut once: Vec<String> = list
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| t.to_lowercase())
            .collect();
        once.sort();
        once.dedup();
        for key in once {
            let text = list
                .iter()
                .find(|t| t.to_lowercase() == key)
                .cloned()
                .unwrap_or_default();
            counts.entry(key).or_insert((text, 0)).1 += 1;
        }
    }
    let mut common: Vec<(String, usize)> = counts.into_values().collect();
    common.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    common.truncate(10);
    common
}
