//! What one heatmap cell shows, the same in every format: a band (a colour in HTML and
//! Confluence, a symbol in markdown), the value at the precision the rest of the tool shows it,
//! the change since the squad's previous checkpoint, and whether it meets the target.

use super::Squad;
use crate::history::{Change, Measured, Snapshot};

/// One cell of the squads × measures heatmap.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// 0 (lowest) to [`BANDS`] − 1; `None` when not rated.
    pub band: Option<usize>,
    /// The value as shown: `2.1`, `45%`, `–`.
    pub value: String,
    /// `↑`, `↓`, `=` or nothing (first checkpoint, not rated before or now).
    pub arrow: &'static str,
    /// `Some(true)` when the squad has a target here and meets it.
    pub on_target: Option<bool>,
    /// The target as shown.
    pub target: Option<String>,
}

/// How many bands a cell can be in.
pub const BANDS: usize = 4;

/// The markdown symbol of each band, lowest first, and of "not rated".
pub const SYMBOLS: [&str; BANDS] = ["○", "◔", "◑", "●"];
pub const NOT_RATED: &str = "·";

/// The arrow of a change.
pub fn arrow(change: Option<Change>) -> &'static str {
    match change {
        Some(Change::Up) => "↑",
        Some(Change::Down) => "↓",
        Some(Change::Same) => "=",
        _ => "",
    }
}

/// A baseline section's band: whole levels of 0..=3.
pub fn section_band(value: f64) -> usize {
    (value.max(0.0) as usize).min(BANDS - 1)
}

/// A phase's band: its progress (0..=1) in quarters.
pub fn phase_band(value: f64) -> usize {
    ((value.max(0.0) * BANDS as f64) as usize).min(BANDS - 1)
}

/// The cells of one checkpoint on its own (no change, no target): a row of a squad's history.
pub fn snapshot(s: &Snapshot) -> Vec<Cell> {
    let cell = |value: Option<f64>, band: fn(f64) -> usize, show: &dyn Fn(f64) -> String| Cell {
        band: value.map(band),
        value: value.map_or_else(|| "–".to_string(), show),
        arrow: "",
        on_target: None,
        target: None,
    };
    let sections = s
        .sections
        .iter()
        .map(|m| cell(m.value, section_band, &|v| crate::number::fixed(v, 1)));
    let phases = s
        .phases
        .iter()
        .map(|m| cell(m.value, phase_band, &crate::number::percent));
    sections.chain(phases).collect()
}

/// A baseline section's cell: levels 0..=3 in bands of whole levels.
pub fn section(squad: &Squad, id: &str) -> Cell {
    let value = squad
        .latest
        .sections
        .iter()
        .find(|m| m.id == id)
        .and_then(|m| m.value);
    let target = squad.target.sections.get(id).copied();
    Cell {
        band: value.map(section_band),
        value: value.map_or_else(|| "–".to_string(), |v| crate::number::fixed(v, 1)),
        arrow: arrow(squad.change(&Measured::Section(id.to_string()))),
        on_target: squad.target.section_met(id, value),
        target: target.map(|t| crate::number::fixed(t, 1)),
    }
}

/// A phase's cell: progress in quarters; the target is met when the phase is reached (the
/// squad's phases reached include it).
pub fn phase(squad: &Squad, index: usize, id: &str) -> Cell {
    let value = squad
        .latest
        .phases
        .iter()
        .find(|m| m.id == id)
        .and_then(|m| m.value);
    let aimed = squad.target.phase.is_some_and(|p| p > index);
    Cell {
        band: value.map(phase_band),
        value: value.map_or_else(|| "–".to_string(), crate::number::percent),
        arrow: arrow(squad.change(&Measured::Phase(id.to_string()))),
        on_target: aimed.then_some(squad.phase > index),
        target: aimed.then(|| "reached".to_string()),
    }
}

/// The squad's row of cells: the baseline sections, then the phases.
pub fn row(squad: &Squad, sections: &[(String, String)], phases: &[(String, String)]) -> Vec<Cell> {
    let sections = sections.iter().map(|(id, _)| section(squad, id));
    let phases = phases
        .iter()
        .enumerate()
        .map(|(i, (id, _))| phase(squad, i, id));
    sections.chain(phases).collect()
}

/// The DORA level and score as shown, with the change of the level (else of the score). A
/// checkpoint on the 2025 model has no level: its 0-10 score, with the model.
pub fn dora(squad: &Squad) -> (String, &'static str) {
    let latest = &squad.latest;
    if latest.quick_check.is_some() {
        let shown = crate::history::score_with_model(latest);
        return (shown, arrow(squad.change(&Measured::Score)));
    }
    let level = latest
        .level
        .clone()
        .unwrap_or_else(|| super::NOT_KNOWN.to_string());
    let score = latest
        .score
        .map(|s| format!(" ({})", crate::number::fixed(s, 2)))
        .unwrap_or_default();
    let change = squad
        .change(&Measured::Level)
        .filter(|c| *c != Change::Same)
        .or_else(|| squad.change(&Measured::Score));
    (format!("{level}{score}"), arrow(change))
}

/// The squads table's header row.
pub const SQUAD_HEADERS: [&str; 7] = [
    "Tribe",
    "Squad",
    "Latest",
    "DevOps maturity (DORA score)",
    "Phases reached",
    "Checkpoints",
    "Since the one before",
];

/// A squad's row of the squads table, as text; `phases` is how many the board has.
pub fn squad_row(squad: &Squad, phases: usize) -> [String; 7] {
    let (dora, arrow) = dora(squad);
    let target = squad
        .target
        .phase
        .map(|p| format!(" (target {p})"))
        .unwrap_or_default();
    let stale = if squad.stale { " ⚠ old" } else { "" };
    [
        tribe_name(&squad.tribe).to_string(),
        squad.name.clone(),
        format!("{}{stale}", squad.latest.date),
        format!("{dora} {arrow}").trim_end().to_string(),
        format!("{} of {phases}{target}", squad.phase),
        squad.checkpoints.to_string(),
        squad.movement().label().to_string(),
    ]
}

/// A tribe's name as shown: `(no tribe)` for squads that name none.
pub fn tribe_name(name: &str) -> &str {
    if name.trim().is_empty() {
        "(no tribe)"
    } else {
        name
    }
}
